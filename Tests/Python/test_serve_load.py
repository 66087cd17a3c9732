"""`schoolid serve` under many connections from another process, and a SIGTERM that
arrives while a request is still being uploaded."""
import os
import resource
import signal
import socket
import time

REQUEST = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def open_descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def read_response(sock):
    """Reads one response with a Content-Length body; returns (status line, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(4096)
        if not chunk:
            raise AssertionError(f"connection closed mid-response: {data!r}")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += sock.recv(4096)
    return head.split(b"\r\n")[0].decode(), body


def test_a_thousand_connections_at_once_all_get_200_and_descriptors_return_to_baseline(server):
    process, port = server
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 4096), hard), hard))
    warm_up = socket.create_connection(("127.0.0.1", port), timeout=10)
    warm_up.sendall(REQUEST)
    read_response(warm_up)
    warm_up.close()
    time.sleep(0.2)  # the server has closed its end; whatever the first request opened stays open
    baseline = open_descriptors(process.pid)
    started = time.monotonic()
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(1000)]
    for sock in sockets:
        sock.sendall(REQUEST)
    statuses = [read_response(sock)[0] for sock in sockets]
    elapsed = time.monotonic() - started
    for sock in sockets:
        sock.close()
    assert statuses == ["HTTP/1.1 200 OK"] * 1000
    assert elapsed < 10, f"1000 requests took {elapsed:.1f} s"
    deadline = time.monotonic() + 10
    while open_descriptors(process.pid) > baseline and time.monotonic() < deadline:
        time.sleep(0.05)
    assert open_descriptors(process.pid) <= baseline


def test_sigterm_during_a_slow_upload_lets_the_request_finish(server):
    process, port = server
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.sendall(b"POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\n12345")
    time.sleep(0.2)  # the server has the head and half the body
    process.send_signal(signal.SIGTERM)
    time.sleep(0.3)  # draining: no new connections, this one is in flight
    sock.sendall(b"67890")
    status, body = read_response(sock)
    assert status == "HTTP/1.1 405 Method Not Allowed"
    assert b"method_not_allowed" in body
    assert process.wait(timeout=20) == 0
