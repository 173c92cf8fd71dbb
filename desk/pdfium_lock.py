"""pdfium is not thread-safe: every use of pypdfium2 in the desk's process holds this one lock.

Scans are assembled and imported on the scanning worker, pages are previewed and printed from the GUI's
preview worker; without the lock two of them in pdfium at once can crash the process."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

PDFIUM_LOCK = threading.RLock()
_Use = TypeVar("_Use", bound=Callable)


def with_pdfium(use: _Use) -> _Use:
    """Decorate a function that opens, renders or writes PDFs with pdfium."""

    @wraps(use)
    def locked(*args, **kwargs):
        with PDFIUM_LOCK:
            return use(*args, **kwargs)

    return locked  # type: ignore[return-value]
