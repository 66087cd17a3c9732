#!/usr/bin/env python3
"""Writes the raw HTTP/1.1 request transcripts used by SchoolIDHTTPTests.

Editors and heredocs lose or add carriage returns, so the exact bytes live here:
run `python3 Tests/Fixtures/http/generate.py` after changing a transcript, and check
with `od -c`. Each file is one request (or one attempt) exactly as sent on the wire.
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent
H = "Host: school.test\r\n"

TRANSCRIPTS = {
    # Valid requests (RFC 9112 §3, §6, §7.1).
    "get-with-query.http": "GET /v1/search?q=a%20b&page=2 HTTP/1.1\r\n" + H + "Accept: */*\r\n\r\n",
    "post-content-length.http": "POST /v1/login HTTP/1.1\r\n" + H
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 28\r\n\r\n"
        + "login=anna&password=s3cr%21t",
    "chunked-extensions-trailers.http": "POST /v1/upload HTTP/1.1\r\n" + H
        + "Transfer-Encoding: chunked\r\n\r\n"
        + "5;name=value;quoted=\"a \\\"b\\\"\"\r\nhello\r\n"
        + "001 ; flag\r\n \r\n"
        + "6\r\nworld!\r\n"
        + "0;last\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n",
    "http10-keep-alive.http": "GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
    "http10-close.http": "GET /healthz HTTP/1.0\r\n\r\n",
    "expect-continue.http": "PUT /v1/doc HTTP/1.1\r\n" + H
        + "Expect: 100-continue\r\nContent-Length: 4\r\n\r\nbody",
    "leading-empty-lines.http": "\r\n\r\nGET / HTTP/1.1\r\n" + H + "\r\n",
    "options-asterisk.http": "OPTIONS * HTTP/1.1\r\n" + H + "\r\n",
    # Request smuggling and strictness (RFC 9112 §2.2, §5, §6, §7.1).
    "smuggling-cl-te.http": "POST / HTTP/1.1\r\n" + H
        + "Content-Length: 13\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nSMUGGLED",
    "duplicate-content-length.http": "POST / HTTP/1.1\r\n" + H
        + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc",
    "content-length-list.http": "POST / HTTP/1.1\r\n" + H + "Content-Length: 3, 3\r\n\r\nabc",
    "content-length-negative.http": "POST / HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\n",
    "content-length-overflow.http": "POST / HTTP/1.1\r\n" + H
        + "Content-Length: 99999999999999999999999\r\n\r\n",
    "obs-fold.http": "GET / HTTP/1.1\r\n" + H + "X-Folded: first\r\n  second\r\n\r\n",
    "bare-lf.http": "GET / HTTP/1.1\n" + H + "\r\n",
    "bare-lf-header.http": "GET / HTTP/1.1\r\nHost: school.test\n\r\n",
    "nul-in-header.http": "GET / HTTP/1.1\r\n" + H + "X-Name: a\x00b\r\n\r\n",
    "bare-cr-in-header.http": "GET / HTTP/1.1\r\n" + H + "X-Name: a\rb\r\n\r\n",
    "whitespace-before-colon.http": "GET / HTTP/1.1\r\nHost : school.test\r\n\r\n",
    "invalid-header-name.http": "GET / HTTP/1.1\r\n" + H + "X(Name): a\r\n\r\n",
    "chunked-bad-size.http": "POST / HTTP/1.1\r\n" + H
        + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
    "chunk-size-overflow.http": "POST / HTTP/1.1\r\n" + H
        + "Transfer-Encoding: chunked\r\n\r\n10000000000000001\r\nA\r\n0\r\n\r\n",
    "chunk-missing-crlf.http": "POST / HTTP/1.1\r\n" + H
        + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
    "te-gzip-chunked.http": "POST / HTTP/1.1\r\n" + H
        + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
    "te-chunked-not-final.http": "POST / HTTP/1.1\r\n" + H
        + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n",
    "te-identity.http": "POST / HTTP/1.1\r\n" + H + "Transfer-Encoding: identity\r\n\r\n",
    "missing-host.http": "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n",
    "duplicate-host.http": "GET / HTTP/1.1\r\n" + H + "Host: evil.test\r\n\r\n",
    "unknown-method.http": "BREW /pot HTTP/1.1\r\n" + H + "\r\n",
    "absolute-form.http": "GET http://school.test/ HTTP/1.1\r\n" + H + "\r\n",
    "version-2.http": "GET / HTTP/2.0\r\n" + H + "\r\n",
    "expect-other.http": "POST / HTTP/1.1\r\n" + H + "Expect: 200-ok\r\nContent-Length: 1\r\n\r\nx",
}


def main() -> None:
    for name, text in TRANSCRIPTS.items():
        (HERE / name).write_bytes(text.encode("latin-1"))


if __name__ == "__main__":
    main()
