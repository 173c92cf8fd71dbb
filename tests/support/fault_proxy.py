"""An HTTP proxy that misbehaves on purpose between the desk and the provincial server.

Faults, chosen per request from a seeded schedule: reset before forwarding, reset after
forwarding (the server acted, the answer is lost), 500, 429 with Retry-After, a stall longer
than the client's timeout, and a duplicated request (forwarded twice). Loopback only.
``answer`` lets a test play a province that answers some requests its own way (a file it keeps refusing):
called with (method, path, headers, body), it returns (status, body, headers), or None to go on as usual.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

FAULTS = ("ok", "reset_before", "reset_after", "error_500", "too_many", "stall", "duplicate")


class FaultProxy:
    def __init__(self, upstream: str, *, seed: int = 7, fault_rate: float = 0.4, stall_s: float = 10.0,
                 faults: tuple[str, ...] = FAULTS[1:], answer=None):
        self.upstream = upstream.rstrip("/")
        self.rng = random.Random(seed)
        self.fault_rate = fault_rate
        self.stall_s = stall_s
        self.faults = faults
        self.answer = answer
        self.counts = {name: 0 for name in FAULTS}
        self.lock = threading.Lock()
        self.client = httpx.Client(timeout=30)
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                if proxy.answer is not None:
                    own = proxy.answer(self.command, self.path, dict(self.headers.items()), body)
                    if own is not None:
                        return self._reply(*own)
                fault = proxy.pick()
                if fault == "reset_before":
                    return self._reset()
                if fault == "error_500":
                    return self._reply(500, b'{"error":"internal_error","message":"injected"}', {})
                if fault == "too_many":
                    return self._reply(429, b'{"error":"rate_limited","message":"injected"}', {"Retry-After": "1"})
                if fault == "stall":
                    time.sleep(proxy.stall_s)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length",
                                                                                      "connection")}
                response = proxy.forward(self.command, self.path, headers, body)
                if fault == "duplicate":
                    response = proxy.forward(self.command, self.path, headers, body)
                if fault == "reset_after":
                    return self._reset()
                keep = {k: v for k, v in response.headers.items()
                        if k.lower() not in ("content-length", "transfer-encoding", "connection", "content-encoding")}
                self._reply(response.status_code, response.content, keep)

            def _reply(self, status, content, headers):
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)) if self.command != "HEAD" else
                                 headers.get("Content-Length", "0"))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(content)

            def _reset(self):
                self.close_connection = True
                try:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

            do_GET = do_PUT = do_POST = do_PATCH = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def pick(self) -> str:
        with self.lock:
            fault = self.rng.choice(self.faults) if self.rng.random() < self.fault_rate else "ok"
            self.counts[fault] += 1
            return fault

    def forward(self, method, path, headers, body) -> httpx.Response:
        return self.client.request(method, self.upstream + path, headers=headers, content=body)

    def __enter__(self) -> FaultProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.client.close()
