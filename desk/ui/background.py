"""Run database and printing work off the GUI thread, and call back on it.

One worker thread serialises writes (one Session per task, never shared). The result
comes back through a queued signal, so callbacks run on the GUI thread. A busy notice
appears only if the work takes longer than half a second (STYLE.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)
BUSY_NOTICE_DELAY_MS = 500


class BackgroundRunner(QObject):
    busy_changed = Signal(bool)
    _finished = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-worker")
        self._pending = 0
        self._closed = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_NOTICE_DELAY_MS)
        self._busy_timer.timeout.connect(lambda: self.busy_changed.emit(True))
        self._finished.connect(self._deliver)

    @property
    def idle(self) -> bool:
        return self._pending == 0

    def submit(self, work: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None]) -> None:
        if self._closed:  # a timer that fired while the window was closing: nothing to do
            log.debug("work submitted after shutdown ignored")
            return
        self._pending += 1
        if not self._busy_timer.isActive():
            self._busy_timer.start()
        future = self._pool.submit(work)
        future.add_done_callback(lambda f: self._finished.emit(on_done, on_error, f))

    @Slot(object, object, object)
    def _deliver(self, on_done, on_error, future: Future) -> None:
        self._pending -= 1
        if self._pending == 0:
            self._busy_timer.stop()
            self.busy_changed.emit(False)
        error = future.exception()
        if error is not None:
            if not isinstance(error, (ValueError, RuntimeError, OSError)):
                log.error("background task failed", exc_info=error)
            on_error(error)
        else:
            on_done(future.result())

    def shutdown(self) -> None:
        """Finish the work already queued (a save in progress completes), then stop."""
        self._closed = True
        self._pool.shutdown(wait=True)
