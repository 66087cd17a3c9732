"""A fake SMS gateway: an `http.server` thread that takes the JSON posts `serve`
sends (`HTTPSMSChannel`: `Authorization: Bearer <token>`, body `{"id", "text", "to"}`),
records them and answers 200."""
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeSMSGateway:
    TOKEN = "browser-tests-gateway-token"

    def __init__(self):
        self.messages = []
        self.refused = 0
        self._changed = threading.Condition()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.headers.get("Authorization") != "Bearer " + FakeSMSGateway.TOKEN:
                    with gateway._changed:
                        gateway.refused += 1
                    self.send_response(401)
                    self.end_headers()
                    return
                message = json.loads(body)
                message["idempotency_key"] = self.headers.get("Idempotency-Key")
                message["received"] = time.monotonic()
                with gateway._changed:
                    gateway.messages.append(message)
                    gateway._changed.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}/sms"

    def count(self, to):
        with self._changed:
            return sum(1 for message in self.messages if message["to"] == to)

    def wait_for(self, to, after, timeout=30):
        """The first message to `to` after the first `after` ones (the outbox's
        dispatcher sends every second)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                sent = [message for message in self.messages if message["to"] == to]
                if len(sent) > after:
                    return sent[after]
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no SMS to {to} within {timeout}s (refused: {self.refused})")
                self._changed.wait(left)

    def code(self, to, after, timeout=30):
        """The code in the first message to `to` after the first `after` that carries
        one (notifications without a code, e.g. "a note to sign", are skipped)."""
        while True:
            text = self.wait_for(to, after, timeout)["text"]
            match = re.search(r"\b(\d{6})\b", text)
            if match:
                return match.group(1)
            after += 1

    def cooled_down(self, to, seconds=11):
        """Waits until `seconds` after the last message to `to`: the world's policy sends
        a phone a new code only 10 s after the previous one (`resend_cooldown_seconds`)."""
        with self._changed:
            last = max((m["received"] for m in self.messages if m["to"] == to), default=None)
        if last is not None:
            time.sleep(max(0.0, last + seconds - time.monotonic()))

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
