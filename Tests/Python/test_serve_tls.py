"""`schoolid serve` over HTTPS with the test certificate (Tests/Fixtures/keys/tls/),
answered by curl and by Python's ssl + http.client trusting the test CA; a private key
that group or others can read is refused before anything listens."""
import http.client
import os
import re
import shutil
import ssl
import subprocess

import pytest

from conftest import BINARY, ROOT, schoolid

TLS = ROOT / "Tests" / "Fixtures" / "keys" / "tls"
CA = TLS / "ca.pem"


def tls_material(directory, key_mode):
    """Copies the fixture chain and key into `directory`, the key with `key_mode`."""
    certificate, key = directory / "server-chain.pem", directory / "server.key"
    shutil.copyfile(TLS / "server-chain.pem", certificate)
    shutil.copyfile(TLS / "server.key", key)
    os.chmod(key, key_mode)
    return certificate, key


@pytest.fixture()
def tls_server(installation):
    certificate, key = tls_material(installation, 0o600)
    log = open(installation / "serve.log", "w")
    process = subprocess.Popen([str(BINARY), "serve", "--port", "0", "--tls-certificate", str(certificate),
                                "--tls-private-key", str(key)],
                               cwd=installation, stdout=subprocess.PIPE, stderr=log, text=True)
    line = process.stdout.readline()
    match = re.search(r"https://127\.0\.0\.1:(\d+)", line)
    if not match:
        process.kill()
        raise AssertionError(f"serve did not announce an https URL: {line!r} {(installation / 'serve.log').read_text()}")
    yield int(match.group(1))
    if process.poll() is None:
        process.kill()
        process.wait()
    log.close()


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_trusting_the_test_ca_gets_healthz_twice_on_one_connection(tls_server):
    url = f"https://127.0.0.1:{tls_server}/healthz"
    result = subprocess.run(["curl", "--silent", "--show-error", "--cacert", str(CA), "--tlsv1.2",
                             "-o", "/dev/null", "-o", "/dev/null", "-w", "%{http_code} %{num_connects}\n", url, url],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["200 1", "200 0"], result.stdout  # the second reused the connection


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl_refuses_the_server_without_the_test_ca(tls_server):
    result = subprocess.run(["curl", "--silent", "--cacert", str(TLS / "other-ca.pem"),
                             f"https://127.0.0.1:{tls_server}/healthz"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 60  # CURLE_PEER_FAILED_VERIFICATION: the certificate really is checked


def test_python_ssl_keep_alive_over_tls(tls_server):
    context = ssl.create_default_context(cafile=str(CA))
    connection = http.client.HTTPSConnection("127.0.0.1", tls_server, context=context, timeout=10)
    for path in ["/healthz", "/readyz", "/.well-known/jwks.json"]:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, body
    assert connection.sock.version() in ("TLSv1.2", "TLSv1.3")
    connection.close()


def test_group_readable_key_is_refused_with_the_file_named(installation):
    certificate, key = tls_material(installation, 0o640)
    result = schoolid(installation, "serve", "--port", "0", "--tls-certificate", str(certificate),
                      "--tls-private-key", str(key), check=False)
    assert result.returncode == 1
    assert f"{key} is readable by group or others" in result.stderr
    assert "chmod 600" in result.stderr


def test_certificate_without_key_is_refused(installation):
    certificate, _ = tls_material(installation, 0o600)
    result = schoolid(installation, "serve", "--port", "0", "--tls-certificate", str(certificate), check=False)
    assert result.returncode == 1
    assert "must be set together" in result.stderr
