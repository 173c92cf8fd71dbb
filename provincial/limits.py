"""Limits every request meets before the routes: body size (counted as it streams in), rates per client
address and per desk id, protective response headers, and one JSON log line per request.

Plain ASGI, not Starlette's BaseHTTPMiddleware: that costs about a millisecond a request.
"""

from __future__ import annotations

import logging
import threading
import time

from .errors import TooMany
from .http_errors import error_response
from .metrics import Metrics
from .shared import SharedFailureLimiter

log = logging.getLogger("provincial.http")
API = "/api/v1"
# Every answer: no MIME sniffing, no framing. Answers that do not set their own policy (JSON, errors) load
# nothing at all; the HTML pages set theirs (routers/public.py). /docs is the interactive documentation (scripts
# from its CDN), left without a policy.
ALWAYS = ((b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"))
DEFAULT_POLICY = b"default-src 'none'; frame-ancestors 'none'"
DOCUMENTATION = ("/docs", "/redoc")


class RateLimiter:
    """Token bucket per key (a client address, a desk id): ``per_minute`` a minute, as a burst too."""

    def __init__(self, per_minute: int, message: str = "Bạn tra cứu quá nhanh; vui lòng thử lại sau ít giây."):
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.message = message
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def _tokens(self, key: str, now: float) -> float:
        """The key's bucket refilled up to ``now`` (call with the lock held)."""
        tokens, last = self.buckets.get(key, (self.capacity, now))
        return min(self.capacity, tokens + (now - last) * self.rate)

    def _store(self, key: str, tokens: float, now: float) -> None:
        self.buckets[key] = (tokens, now)
        if len(self.buckets) > 100_000:  # forget idle keys (bounded memory whatever keys are sent)
            self.buckets.clear()

    def _refuse(self, tokens: float) -> TooMany:
        return TooMany("rate_limited", self.message, retry_after=int((1 - tokens) / self.rate) + 1)

    def check(self, key: str) -> None:
        now = time.monotonic()
        with self.lock:
            tokens = self._tokens(key, now)
            if tokens < 1:
                self.buckets[key] = (tokens, now)
                raise self._refuse(tokens)
            self._store(key, tokens - 1, now)


class FailureLimiter(RateLimiter):
    """A token bucket that only failures drain: ``check`` refuses (429) once ``per_minute`` failures came in
    quick succession, ``note_failure`` counts one. Successes cost nothing, so a desk that knows its secret is
    never slowed down, however often it asks for a token."""

    def check(self, key: str) -> None:
        with self.lock:
            tokens = self._tokens(key, time.monotonic())
        if tokens < 1:
            raise self._refuse(tokens)

    def note_failure(self, key: str) -> None:
        now = time.monotonic()
        with self.lock:
            self._store(key, self._tokens(key, now) - 1, now)


class AuthLimits:
    """Failed /enroll and /token attempts: per client address, and per desk id for /token.

    Client secrets (256 bits) and enrollment codes (60 bits, single use, 7 days) cannot be guessed at any
    rate; the limits stop guessing from costing the server a scrypt hash each time without end, and are
    checked before that work is done."""

    TOO_MANY = "Quá nhiều lần thử đăng ký hoặc xác thực sai; vui lòng thử lại sau ít phút."

    def __init__(self, per_address_per_minute: int = 30, per_desk_per_minute: int = 10, *, db=None):
        """``db``: a PostgreSQL ServerDatabase, to count over every process (shared.py)."""
        self.by_address: FailureLimiter | SharedFailureLimiter
        self.by_desk: FailureLimiter | SharedFailureLimiter
        if db is None:
            self.by_address = FailureLimiter(per_address_per_minute, self.TOO_MANY)
            self.by_desk = FailureLimiter(per_desk_per_minute, self.TOO_MANY)
        else:
            self.by_address = SharedFailureLimiter(db, "auth-address", per_address_per_minute, self.TOO_MANY)
            self.by_desk = SharedFailureLimiter(db, "auth-desk", per_desk_per_minute, self.TOO_MANY)


class BodyTooLarge(Exception):
    """Raised from ``receive`` once a body passes its limit; the middleware answers 413."""


class LimitAndLog:
    """Refuses bodies over the limit (by Content-Length at once; a chunked body as soon as its bytes pass the
    limit, before anything parses it or checks a token), adds the protective headers, logs one JSON line.

    Files' PATCH has its own, larger limit (a chunk), every other route the JSON limit."""

    def __init__(self, app, *, max_json_bytes: int, max_chunk_bytes: int, metrics: Metrics | None = None):
        self.app = app
        self.max_json_bytes = max_json_bytes
        self.max_chunk_bytes = max_chunk_bytes
        self.metrics = metrics  # counts every answer by route (metrics.py)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        path = scope["path"]
        limit = self.max_chunk_bytes if path.startswith(f"{API}/files/") else self.max_json_bytes
        state = {"status": 0, "received": 0, "too_large": False}
        protect = not path.startswith(DOCUMENTATION)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                if protect:
                    headers = list(message.get("headers", []))
                    present = {name.lower() for name, _ in headers}
                    headers += [h for h in ALWAYS if h[0] not in present]
                    if b"content-security-policy" not in present:
                        headers.append((b"content-security-policy", DEFAULT_POLICY))
                    if b"cache-control" not in present:
                        headers.append((b"cache-control", b"no-store"))
                    message = {**message, "headers": headers}
            await send(message)

        async def counting_receive():
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["too_large"] = True
                    raise BodyTooLarge
            return message

        async def send_unless_too_large(message):
            # Once the body was too large, whatever the route made of it (a parse error, say) is dropped:
            # the 413 below is the answer.
            if not state["too_large"]:
                await send_with_headers(message)

        if self.metrics is not None:
            self.metrics.in_flight += 1
        try:
            await self._answer(scope, receive, send_with_headers, counting_receive, send_unless_too_large, state,
                               limit)
        finally:
            if self.metrics is not None:
                self.metrics.in_flight -= 1
                route = scope.get("route")
                self.metrics.observe(scope["method"], getattr(route, "path", "unmatched"), state["status"],
                                     time.perf_counter() - started)
        client = scope.get("client")
        # The fields travel as a dict and become JSON once, in the formatter (cli.JsonFormatter).
        log.info("%(method)s %(path)s %(status)s", {
            "method": scope["method"], "path": path, "status": state["status"],
            "ms": round((time.perf_counter() - started) * 1000, 1), "client": client[0] if client else "",
            **({"body_bytes_read": state["received"]} if state["too_large"] else {})})

    async def _answer(self, scope, receive, send_with_headers, counting_receive, send_unless_too_large, state,
                      limit: int) -> None:
        problem = self._by_content_length(scope, limit)
        if problem is not None:
            await problem(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, counting_receive, send_unless_too_large)
        except Exception:
            if not state["too_large"] or state["status"]:
                raise
        if state["too_large"] and not state["status"]:
            # Connection: close, so the server stops reading the rest of the body.
            await error_response(413, "body_too_large", "Nội dung gửi lên quá lớn.", {"Connection": "close"})(
                scope, receive, send_with_headers)

    @staticmethod
    def _by_content_length(scope, limit: int):
        length = dict(scope["headers"]).get(b"content-length")
        if length is None:
            return None
        try:
            if int(length) > limit:
                return error_response(413, "body_too_large", "Nội dung gửi lên quá lớn.")
        except ValueError:
            return error_response(400, "bad_length", "Content-Length không hợp lệ.")
        return None
