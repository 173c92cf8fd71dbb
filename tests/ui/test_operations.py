"""desk/ui/operations.py and its runner: a write's changes said once, callbacks of a closed widget dropped,
failures shown where the page shows problems, a search superseded by the next one never run, and a save that
does not wait behind a search (issues 16 and 17)."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QWidget

from desk.ui.background import BackgroundRunner
from desk.ui.operations import Changes, PageOps
from desk.ui.signals import DeskSignals


def _ops(qtbot, *, reads: bool = False):
    """A page's operations; the runner and the signals are the window's, as in the desk."""
    window, page = QWidget(), QWidget()
    qtbot.addWidget(window)
    runner = BackgroundRunner(window)
    if reads:
        runner.add_read_worker()
    shown: list[str] = []
    ops = PageOps(DeskSignals(window), runner, page, show_error=shown.append)
    ops.window = window  # type: ignore[attr-defined]  # kept alive as long as the test holds the ops
    return ops, page, shown


def test_a_write_says_what_it_changed_once_then_calls_back(qtbot):
    ops, _widget, _shown = _ops(qtbot)
    heard, done = [], []
    ops.signals.changed.connect(heard.append)
    ops.write(lambda: "000.00.53.H16-261123-0001", lambda code: Changes.dossier(code)).success(done.append).run()
    qtbot.waitUntil(lambda: done == ["000.00.53.H16-261123-0001"])
    assert heard == [Changes(dossiers=True, sync=True, codes=("000.00.53.H16-261123-0001",))]


def test_a_closed_widget_is_not_called_back_but_the_others_hear_of_the_change(qtbot):
    ops, widget, _shown = _ops(qtbot)
    heard, done, release = [], [], threading.Event()
    ops.signals.changed.connect(heard.append)
    ops.write(lambda: release.wait(5), Changes(catalog=True)).success(done.append).run()
    widget.deleteLater()  # the page closes while its save runs
    qtbot.waitUntil(lambda: not _alive(widget))
    release.set()
    qtbot.waitUntil(lambda: heard == [Changes(catalog=True)])
    assert done == []


def _alive(widget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)


def test_a_failure_without_a_handler_is_shown_where_the_page_shows_problems(qtbot):
    from desk.domain.errors import DomainError

    ops, _widget, shown = _ops(qtbot)

    def refuse():
        raise DomainError("Chưa khai báo thông tin cơ quan.")

    ops.read(refuse).run()
    qtbot.waitUntil(lambda: shown == ["Chưa khai báo thông tin cơ quan."])

    def bug():
        raise KeyError("select * from dossier where owner_id_number = '066195012345'")

    ops.read(bug).run()
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert "Lỗi không mong đợi" in shown[1] and "066195012345" not in shown[1]  # no statement, no personal data


def test_a_search_superseded_by_the_next_keystroke_never_runs(qtbot):
    ops, _widget, _shown = _ops(qtbot)
    busy, ran, answered = threading.Event(), [], []
    ops.read(lambda: busy.wait(5)).run()  # the worker is busy: the searches queue behind it
    for query in ("ng", "nguy", "nguyen h"):
        ops.read(lambda query=query: ran.append(query) or query, key="list").success(answered.append).run()
    busy.set()
    qtbot.waitUntil(lambda: ops.runner.idle)
    assert ran == ["nguyen h"] and answered == ["nguyen h"]


def test_a_save_does_not_wait_behind_a_search(qtbot):
    ops, _widget, _shown = _ops(qtbot, reads=True)
    searching, saved, order = threading.Event(), [], []
    ops.read(lambda: searching.wait(5) and order.append("search")).run()
    ops.write(lambda: order.append("save"), Changes(dossiers=True)).success(saved.append).run()
    qtbot.waitUntil(lambda: saved == [None], timeout=3000)  # saved while the search still runs
    assert order == ["save"] and not ops.runner.idle
    searching.set()
    qtbot.waitUntil(lambda: ops.runner.idle)
    assert order == ["save", "search"]
