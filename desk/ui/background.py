"""Run database and printing work off the GUI thread, and call back on it.

One worker thread serialises writes (one Session per task, never shared). Once the database is open, reads
get a worker of their own (``add_read_worker``: SQLite's WAL lets them run beside a write), so a save never
waits behind a search. A read given a ``key`` is dropped, unrun, when a newer one with the same key is
queued behind it (a search superseded by the next keystroke). The result comes back through a queued
signal, so callbacks run on the GUI thread. A busy notice appears only if the work takes longer than half a
second.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)
BUSY_NOTICE_DELAY_MS = 500


# Errors the project raises carry a message written for the person at the desk; others (a library's, a bug)
# never reach the screen as they are: their text may be English, a statement with its parameters, a path.
OURS = ("desk.", "printing.", "provincial.")
FILE_WORDS = {
    errno.ENOSPC: "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi thử lại",
    errno.EACCES: "máy không cho phép ghi vào thư mục này",
    errno.EPERM: "máy không cho phép ghi vào thư mục này",
    errno.EROFS: "thư mục chỉ cho phép đọc",
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EIO: "lỗi đọc ghi ổ đĩa",
}


class FileProblem(OSError):
    """An OSError said in Vietnamese (its errno kept, so callers can still tell disk full from the rest)."""

    def __str__(self) -> str:
        words = FILE_WORDS.get(self.errno, "lỗi đọc ghi tệp")
        return f"Lỗi tệp: {words}" + (f" ({self.filename})" if self.filename else "") + "."


class UnexpectedError(RuntimeError):
    """A bug or a library's error: logged whole, said to the person in general words."""

    def __init__(self, original: BaseException):
        super().__init__("Lỗi không mong đợi, đã ghi vào nhật ký của phần mềm. Hãy thử lại; nếu lỗi lặp lại, "
                         "báo quản trị viên.")
        self.original = original


def for_the_user(error: BaseException) -> BaseException:
    """The error as a worker's callback may show it: ours as they are, files in Vietnamese, the rest general."""
    if type(error).__module__.startswith(OURS):
        return error
    if isinstance(error, OSError) and not isinstance(error, FileProblem):
        log.warning("file error in a background task: %s", error)
        return FileProblem(error.errno, error.strerror, error.filename)
    log.error("background task failed", exc_info=error)
    return UnexpectedError(error)


class Superseded(Exception):
    """A keyed read that a newer one with the same key replaced before it ran."""


class BackgroundRunner(QObject):
    busy_changed = Signal(bool)
    _finished = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None, *, name: str = "desk-worker"):
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._pending = 0
        self._closed = False
        self.reads: BackgroundRunner | None = None  # the read worker, once the database is open
        self._latest: dict[str, object] = {}  # key → the newest submission with that key
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(BUSY_NOTICE_DELAY_MS)
        self._busy_timer.timeout.connect(lambda: self.busy_changed.emit(True))
        self._finished.connect(self._deliver)

    @property
    def idle(self) -> bool:
        return self._pending == 0 and (self.reads is None or self.reads.idle)

    def add_read_worker(self) -> BackgroundRunner:
        """A second worker for reads (call once the database is open: reads before that wait for the opening)."""
        if self.reads is None:
            self.reads = BackgroundRunner(self, name="desk-reader")
            self.reads.busy_changed.connect(self.busy_changed)
        return self.reads

    def submit(self, work: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[BaseException], None], *, key: str | None = None) -> None:
        if self._closed:  # a timer that fired while the window was closing: nothing to do
            log.debug("work submitted after shutdown ignored")
            return
        self._pending += 1
        if not self._busy_timer.isActive():
            self._busy_timer.start()
        if key is not None:
            work = self._unless_superseded(key, work)
        future = self._pool.submit(work)
        future.add_done_callback(lambda f: self._finished.emit(on_done, on_error, f))

    def _unless_superseded(self, key: str, work: Callable[[], Any]) -> Callable[[], Any]:
        token = object()
        self._latest[key] = token

        def run() -> Any:
            if self._latest.get(key) is not token:
                raise Superseded(key)
            return work()
        return run

    @Slot(object, object, object)
    def _deliver(self, on_done, on_error, future: Future) -> None:
        self._pending -= 1
        if self._pending == 0:
            self._busy_timer.stop()
            self.busy_changed.emit(False)
        error = future.exception()
        if isinstance(error, Superseded):
            return  # nobody waits for it: the newer one answers
        if error is not None:
            on_error(for_the_user(error))
        else:
            on_done(future.result())

    def shutdown(self) -> None:
        """Finish the work already queued (a save in progress completes), then stop."""
        self._closed = True
        if self.reads is not None:
            self.reads.shutdown()
        self._pool.shutdown(wait=True)
