"""Every piece of background work the window does goes through here.

A *read* fetches something for a widget; a *write* changes the desk's data and says what it changed
(``Changes``), which is broadcast once on ``DeskSignals.changed`` so that every view refreshes what
concerns it and nothing else has to be told by hand. Both run on a ``BackgroundRunner`` (the desk's one
database worker, or a page's own for scanning) and call back on the GUI thread.

Failures: the runner already turns a library's error or a bug into our own words and logs it
(``background.for_the_user``); an operation without its own failure handler shows that text where its
page shows problems (the ``show_error`` it was bound with), or in a message box. Callbacks of a widget
that is gone by the time the work finishes are dropped.

    ops = PageOps(hub, self, show_error=self.show_error)
    ops.write(lambda: intake.receive(request, actor=actor), Changes.dossier()).success(self._on_saved).run()
    ops.read(lambda: catalog.search(query)).success(self.show_rows).run()
    ops.background(lambda: digitization.discard_work(pages), "discarding scanned work files")
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject

from .background import BackgroundRunner
from .signals import DeskSignals

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a write changed. ``codes`` names the dossiers when known (empty: any of them)."""

    dossiers: bool = False  # a dossier or its steps (intake, lifecycle, province's news)
    outcomes: bool = False  # guidance or a refusal given at the counter
    catalog: bool = False  # procedure templates
    calendar: bool = False  # days off, make-up days, office hours
    users: bool = False
    agency: bool = False  # the agency's identity printed on every paper
    settings: bool = False  # this counter's settings (counter, printer, scanner, backups…)
    sync: bool = False  # what waits for the province
    codes: tuple[str, ...] = ()

    def __or__(self, other: Changes) -> Changes:
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self) if f.name != "codes"}
        return Changes(**merged, codes=tuple(dict.fromkeys(self.codes + other.codes)))

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.name != "codes")

    @classmethod
    def dossier(cls, *codes: str) -> Changes:
        """A dossier changed: its list, its details and what waits for the province."""
        return cls(dossiers=True, sync=True, codes=tuple(c for c in codes if c))


class Operation(Generic[T]):
    """One piece of work: configure with ``success`` / ``failure``, then ``run``."""

    def __init__(self, ops: PageOps, work: Callable[[], T], changes: Changes | Callable[[T], Changes] | None,
                 key: str | None = None):
        self._ops, self._work, self._changes, self._key = ops, work, changes, key
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None

    def success(self, callback: Callable[[T], None]) -> Operation[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation[T]:
        """Handle the failure here instead of showing it where the page shows problems."""
        self._on_failure = callback
        return self

    def run(self) -> None:
        runner = self._ops.runner
        if self._changes is None and runner.reads is not None:
            runner = runner.reads  # a read never waits behind a save, nor a save behind it
        runner.submit(self._work, self._succeeded, self._failed, key=self._key)

    def _alive(self) -> bool:
        return shiboken6.isValid(self._ops.widget)

    def _succeeded(self, result: T) -> None:
        if self._changes is not None:
            changes = self._changes(result) if callable(self._changes) else self._changes
            if changes:
                self._ops.signals.changed.emit(changes)  # type: ignore[union-attr]  # even if the widget is gone: other views care
        if self._on_success is not None and self._alive():
            self._on_success(result)

    def _failed(self, error: BaseException) -> None:
        if not self._alive():
            log.info("failure for a closed widget: %s", error)
        elif self._on_failure is not None:
            self._on_failure(error)
        else:
            self._ops.show_error(str(error))


class PageOps:
    """The operations of one widget: where they run, where their failures are shown."""

    def __init__(self, signals: DeskSignals | None, runner: BackgroundRunner, widget: QObject,
                 show_error: Callable[[str], None] | None = None):
        """``signals``: where writes broadcast their changes (None for a widget that only reads)."""
        self.signals, self.runner, self.widget = signals, runner, widget
        self._show_error = show_error

    def on(self, runner: BackgroundRunner) -> PageOps:
        """The same page's operations on another worker (scans and previews have their own)."""
        return PageOps(self.signals, runner, self.widget, self._show_error)

    def bound_to(self, widget: QObject, show_error: Callable[[str], None] | None = None) -> PageOps:
        """The same operations for one of the page's dialogs: its callbacks are dropped once it is gone."""
        return PageOps(self.signals, self.runner, widget, show_error or self._show_error)

    def read(self, work: Callable[[], T], *, key: str | None = None) -> Operation[T]:
        """``key``: a newer read with the same key, queued before this one ran, replaces it (a search as the
        clerk types); the replaced one neither runs nor calls back."""
        return Operation(self, work, None, key)

    def write(self, work: Callable[[], T], changes: Changes | Callable[[T], Changes]) -> Operation[T]:
        if self.signals is None:
            raise RuntimeError("a widget that only reads cannot write")
        return Operation(self, work, changes)

    def background(self, work: Callable[[], Any], what: str) -> None:
        """Housekeeping nobody waits for (deleting work files): a failure is logged with ``what``."""
        self.runner.submit(work, lambda _result: None,
                           lambda error: log.warning("%s failed: %s", what, error))

    def show_error(self, text: str) -> None:
        if self._show_error is not None:
            self._show_error(text)
            return
        from .dialogs import show_message

        show_message(self.widget, "Không thực hiện được", text, warning=True)
