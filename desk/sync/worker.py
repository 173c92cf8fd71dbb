"""The sync worker: rounds of sync on its own thread, with backoff, never touching widgets.

After a failed round it waits ``base × 2^failures`` seconds with full jitter (capped), or
what the server asked with Retry-After if longer. After ``breaker_after`` failures in a row
the breaker opens: it waits the maximum and stops hammering a server that is down; a
"retry now" from the clerk (``trigger``) closes it at once.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable

from .engine import SyncReport

log = logging.getLogger(__name__)


def backoff_delay(failures: int, *, base_s: float, max_s: float, retry_after: float = 0.0,
                  rng: Callable[[], float] = random.random) -> float:
    """Exponential backoff with full jitter, at least the server's Retry-After."""
    if failures <= 0:
        return 0.0
    ceiling = min(max_s, base_s * (2 ** (failures - 1)))
    return max(retry_after, rng() * ceiling)


class SyncWorker:
    def __init__(self, run_round: Callable[[], SyncReport], on_report: Callable[[SyncReport], None], *,
                 interval_s: float = 60.0, base_backoff_s: float = 2.0, max_backoff_s: float = 300.0,
                 breaker_after: int = 6):
        self.run_round = run_round
        self.on_report = on_report
        self.interval_s = interval_s
        self.base_backoff_s = base_backoff_s
        self.max_backoff_s = max_backoff_s
        self.breaker_after = breaker_after
        self.failures = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="desk-sync", daemon=True)

    @property
    def breaker_open(self) -> bool:
        return self.failures >= self.breaker_after

    def start(self) -> None:
        self._thread.start()

    def trigger(self) -> None:
        """Sync now (the clerk pressed "retry", or something was just saved)."""
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def next_delay(self, report: SyncReport) -> float:
        if not report.error:
            self.failures = 0
            return self.interval_s
        self.failures += 1
        if self.breaker_open:
            return max(self.max_backoff_s, report.retry_after)
        return backoff_delay(self.failures, base_s=self.base_backoff_s, max_s=self.max_backoff_s,
                             retry_after=report.retry_after)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                report = self.run_round()
            except Exception as error:  # a bug must not kill the thread that keeps the desk in sync
                log.exception("sync round failed")
                report = SyncReport(error=f"Lỗi đồng bộ: {error}")
            self.on_report(report)
            delay = self.next_delay(report)
            woken = self._wake.wait(delay)
            if woken and not self._stop.is_set():
                self.failures = min(self.failures, self.breaker_after - 1)  # a manual retry closes the breaker
            self._wake.clear()
