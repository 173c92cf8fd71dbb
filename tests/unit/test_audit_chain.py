"""The audit log as a hash chain (issue 15): an entry edited, deleted or slipped in with a database tool is
found, and so is a chain rewritten whole, through its anchor kept outside the database."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import select

from desk.services.audit import Anchor
from desk.store.audit_chain import entry_hash
from desk.store.models import AuditRow
from tests.conftest import CLERK
from tests.support.workers import sample_request


def _work(desk, count: int = 3) -> None:
    request, version = sample_request(desk)
    for _ in range(count):
        desk.intake.receive(request, procedure_version=version, actor=CLERK)


def _sqlite(desk) -> sqlite3.Connection:
    return sqlite3.connect(desk.paths.database)


def test_a_desk_at_work_keeps_an_unbroken_chain(desk):
    _work(desk)
    check = desk.audit.check()
    assert check.ok and check.chain.entries >= 4  # the agency, three intakes
    assert "Nhật ký nguyên vẹn" in check.describe()


@pytest.mark.parametrize("tamper, found", [
    ("UPDATE audit_log SET details = '{\"fee\": 0}' WHERE seq = 3", "số 3 (Tiếp nhận hồ sơ"),
    ("UPDATE audit_log SET actor = 'Người khác' WHERE seq = 2", "số 2"),
    ("DELETE FROM audit_log WHERE seq = 2", "Thiếu mục nhật ký số 2"),
    ("DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)", "các mục cuối đã bị xóa"),
    ("INSERT INTO audit_log (at_utc, actor, action, entity, entity_id, details, prev_hash, hash) "
     "VALUES ('2026-11-23 02:00:00', 'x', 'dossier.receive', 'dossier', 'x', '{}', '', '')", "nằm ngoài chuỗi"),
])
def test_a_row_touched_with_sqlite3_breaks_the_chain_at_that_row(desk, tamper, found):
    _work(desk)
    with _sqlite(desk) as connection:
        connection.execute(tamper)
    check = desk.audit.check()
    assert not check.ok and found in check.describe()


def test_a_chain_rewritten_whole_is_caught_by_its_anchor(desk):
    _work(desk)
    head = desk.audit.head()
    anchor = Anchor(head.entries, head.head_hash, "tỉnh")
    with _sqlite(desk) as connection:  # the careful forger: edit an entry, then recompute every hash and the head
        connection.execute("UPDATE audit_log SET details = '{\"fee\": 0}' WHERE seq = 3")
    with desk.db.write() as session:
        previous = "0" * 64
        for row in session.scalars(select(AuditRow).order_by(AuditRow.seq)):
            row.prev_hash, row.hash = previous, entry_hash(row.seq, previous, row)
            previous = row.hash
        from desk.store.models import AuditChainRow

        session.get(AuditChainRow, 1).head_hash = previous
    assert desk.audit.check().chain.ok  # the chain alone looks fine...
    check = desk.audit.check((anchor,))
    assert not check.ok and "viết lại" in check.describe() and "tỉnh" in check.describe()  # ...its anchor does not


def test_counters_sharing_postgresql_never_fork_the_chain(tmp_path, clock, pg_url):
    from tests.conftest import make_desk

    desks = [make_desk(tmp_path / f"d{i}", clock, database_url=pg_url) for i in range(3)]
    threads = [threading.Thread(target=_work, args=(d, 6)) for d in desks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    check = desks[0].audit.check()
    assert check.ok and check.chain.entries >= 18
    for d in desks:
        d.db.dispose()


def test_entries_written_before_the_chain_are_chained_by_the_upgrade(tmp_path):
    from alembic import command
    from alembic.config import Config

    from desk.services.audit import AuditService
    from desk.store import Database
    from desk.store.database import MIGRATIONS_DIR

    db = Database.in_directory(tmp_path)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
        for n in range(3):
            conn.exec_driver_sql("INSERT INTO audit_log (at_utc, actor, action, entity, entity_id, details) "
                                 f"VALUES ('2026-11-2{n} 02:00:00.123456', 'Lê Văn Tâm', 'dossier.receive', 'dossier', "
                                 f"'000.00.53.H16-26112{n}-0001', '{{\"fee\": {n}, \"tên\": \"Hoà\"}}')")
    assert db.migrate() is True
    check = AuditService(db).check()
    assert check.ok and check.chain.entries == 3
    with sqlite3.connect(tmp_path / "desk.sqlite3") as connection:
        connection.execute("UPDATE audit_log SET actor = 'x' WHERE seq = 2")
    assert AuditService(db).check().chain.broken_at == 2
    db.dispose()


def test_main_py_audit_verify_names_the_first_broken_link(desk):
    import subprocess
    import sys

    from tests.conftest import ROOT

    _work(desk)
    desk.db.dispose()

    def verify():
        return subprocess.run([sys.executable, "main.py", "--data-dir", str(desk.paths.data_dir), "audit", "verify"],
                              cwd=ROOT, capture_output=True, text=True, timeout=120)

    whole = verify()
    assert whole.returncode == 0 and "Nhật ký nguyên vẹn" in whole.stdout
    with _sqlite(desk) as connection:
        connection.execute("DELETE FROM audit_log WHERE seq = 2")
    broken = verify()
    assert broken.returncode == 1 and "Thiếu mục nhật ký số 2" in broken.stderr and "Traceback" not in broken.stderr
