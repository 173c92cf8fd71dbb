"""The Nhật ký page as an admin reads it: what was done in words, not the log's internal names, and a row
changed with a database tool named in words too."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from desk.domain.audit_labels import ACTIONS
from desk.domain.intake import OutcomeKind
from desk.domain.users import Actor, Role
from tests.conftest import CLERK
from tests.support.workers import sample_request

DESK_SOURCES = Path(__file__).resolve().parents[2] / "desk"


def _action_names_in_code() -> set[str]:
    """Every action name the desk writes: literal ones, the lifecycle's step kinds, the intake outcomes."""
    names: set[str] = set()
    for source in DESK_SOURCES.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        names.update(re.findall(r'(?:action|what)="([a-z_]+\.[a-z_]+)"', text))
        names.update(f"procedure.{kind}" for kind in re.findall(r'"procedure\.(restore|retire)"', text))
        names.update(f"dossier.{kind}" for kind in re.findall(r'self\._move\(session, \w+, [^,]+, "([a-z_]+)"', text))
    names.update(f"intake.{kind.value}" for kind in OutcomeKind)
    return names


def test_every_action_the_desk_records_has_words_for_the_admin():
    names = _action_names_in_code()
    assert {"dossier.receive", "dossier.return", "user.create", "backup.restore", "intake.refusal"} <= names
    assert sorted(names - set(ACTIONS)) == []


def test_the_page_says_what_was_done_in_words_and_names_a_tampered_row(qtbot, window, desk):
    from desk.ui.navigation import PageId

    admin = Actor("qtv", "Trần Quản Trị", Role.ADMIN)
    desk.users.create_user(admin, "ntmai", "Nguyễn Thị Mai", Role.CLERK, "MatKhau-Tam-2026")
    request, version = sample_request(desk)
    code = desk.intake.receive(request, procedure_version=version, actor=CLERK).code

    page = window.open_page(PageId.AUDIT)
    qtbot.waitUntil(lambda: "Nhật ký nguyên vẹn" in page.resultLabel.text(), timeout=10_000)
    shown = {page.table.item(row, 3).text() for row in range(page.table.rowCount())}
    actors = {page.table.item(row, 2).text() for row in range(page.table.rowCount())}
    assert {"Thêm người dùng", "Tiếp nhận hồ sơ"} <= shown
    assert not [text for text in shown if re.fullmatch(r"[a-z_]+\.[a-z_]+", text)], shown
    assert "system" not in actors

    with sqlite3.connect(desk.paths.database) as connection:
        connection.execute("UPDATE audit_log SET details = '{}' WHERE entity_id = ?", (code,))
    page.checkButton.click()
    qtbot.waitUntil(lambda: "đã bị sửa" in page.resultLabel.text(), timeout=10_000)
    assert f"(Tiếp nhận hồ sơ, {code})" in page.resultLabel.text()
