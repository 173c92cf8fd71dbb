"""GUI fixtures: a real main window over a real desk database, offscreen."""

from __future__ import annotations

import pytest


@pytest.fixture
def window(qtbot, desk):
    from PySide6.QtWidgets import QApplication

    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow
    from desk.ui.style import apply_style

    apply_style(QApplication.instance())
    from tests.conftest import SUPERVISOR

    ref = DeskRef.of(desk)
    ref.sign_in(SUPERVISOR)  # a supervisor reaches every page; sign-in itself is tested in test_admin_ui
    main = MainWindow(ref)
    qtbot.addWidget(main)
    main.resize(1366, 860)
    with qtbot.waitSignal(main.ready, timeout=10_000):
        main.show()
    wait_idle(qtbot, main)
    yield main
    wait_idle(qtbot, main)
    main.close_keeping_drafts()


def wait_idle(qtbot, main, timeout=10_000):
    qtbot.waitUntil(lambda: main.runner.idle, timeout=timeout)
