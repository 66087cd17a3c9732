"""`schoolid serve` as operators run it, driven by Python's http.client: keep-alive,
chunked upload, the error shape, JWKS, and a clean exit on SIGTERM."""
import http.client
import json
import signal

from joserfc.jwk import KeySet


def test_keep_alive_connection_serves_several_requests(server):
    _, port = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for path in ["/healthz", "/readyz", "/.well-known/jwks.json"]:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        assert response.status == 200, body
        assert response.getheader("X-Content-Type-Options") == "nosniff"
    connection.close()


def test_jwks_imports_and_errors_have_one_shape(server):
    _, port = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", "/.well-known/jwks.json")
    KeySet.import_key_set(json.loads(connection.getresponse().read()))
    connection.request("GET", "/v1/missing", headers={"Accept-Language": "en"})
    response = connection.getresponse()
    error = json.loads(response.read())
    assert response.status == 404
    assert set(error) == {"error", "message", "request_id"}
    assert error["error"] == "not_found" and error["request_id"] == response.getheader("X-Request-ID")


def test_chunked_upload_is_read_whole_and_the_connection_stays_usable(server):
    _, port = server
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", "/healthz", body=iter([b'{"a":', b'1}']), encode_chunked=True,
                       headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    assert response.status == 405 and response.getheader("Allow") == "GET, HEAD"
    connection.request("GET", "/healthz")
    assert connection.getresponse().status == 200


def test_sigterm_stops_the_service_cleanly(server):
    process, _ = server
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
