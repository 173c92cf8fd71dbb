"""Attempt limits: a few tries, then a wait (the kiosk's PIN, check codes typed at the kiosk)."""

from __future__ import annotations

import threading
import time


class AttemptLimit:
    """At most ``attempts`` failures within ``window_s`` seconds; then a wait (kiosk PIN, typed check codes)."""

    def __init__(self, attempts: int, window_s: float, clock=time.monotonic):
        self.attempts, self.window_s, self.clock = attempts, window_s, clock
        self._failures: list[float] = []
        self._lock = threading.Lock()

    def wait_s(self) -> int:
        """Seconds before the next try is allowed (0: now)."""
        now = self.clock()
        with self._lock:
            self._failures = [t for t in self._failures if t > now - self.window_s]
            if len(self._failures) < self.attempts:
                return 0
            return int(self._failures[-self.attempts] + self.window_s - now) + 1

    def failed(self) -> None:
        with self._lock:
            self._failures.append(self.clock())

    def succeeded(self) -> None:
        with self._lock:
            self._failures.clear()


def wait_words(seconds: int) -> str:
    return f"{seconds} giây" if seconds < 90 else f"{-(-seconds // 60)} phút"
