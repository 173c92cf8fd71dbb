"""Run database and printing work off the GUI thread, and call back on it.

One worker thread serialises writes (one Session per task, never shared). The result
comes back through a queued signal, so callbacks run on the GUI thread. A busy notice
appears only if the work takes longer than half a second (STYLE.md).
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
            on_error(for_the_user(error))
        else:
            on_done(future.result())

    def shutdown(self) -> None:
        """Finish the work already queued (a save in progress completes), then stop."""
        self._closed = True
        self._pool.shutdown(wait=True)
