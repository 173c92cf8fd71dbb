"""No raw SQL, parameters or tracebacks in any message shown to a user (issue 15): database errors are told
apart by their codes and said in plain Vietnamese; the statement goes to the log."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from desk.store import DatabaseError
from tests.conftest import CLERK
from tests.support.workers import sample_request


def _assert_plain(message: str) -> None:
    for leak in ("SELECT", "INSERT", "UPDATE", "[SQL", "parameters", "Traceback", "Nguyễn", "066195012345"):
        assert leak not in message, (leak, message)


def test_a_corrupted_database_file_says_so_in_plain_words(desk, caplog):
    request, version = sample_request(desk)
    desk.intake.receive(request, procedure_version=version, actor=CLERK)
    desk.db.dispose()
    path = desk.paths.database
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # every page after the first: the tables' pages are garbage
        data[offset + 100:offset + 400] = b"\xa5" * 300
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.ERROR), pytest.raises(DatabaseError) as caught:
        desk.dossiers.search("nguyen")
    assert "bị hỏng" in str(caught.value) and "sao lưu" in str(caught.value)
    _assert_plain(str(caught.value))
    assert "database error" in caplog.text  # the details went to the log


def test_a_constraint_broken_by_a_bug_is_not_shown_with_its_statement(desk):
    with pytest.raises(DatabaseError) as caught, desk.db.write() as session:
        session.execute(text("INSERT INTO code_counter (scope, value) VALUES ('Nguyễn Thị Hoa 066195012345', 1)"))
        session.execute(text("INSERT INTO code_counter (scope, value) VALUES ('Nguyễn Thị Hoa 066195012345', 2)"))
    assert "nhật ký" in str(caught.value)
    _assert_plain(str(caught.value))


def test_busy_and_damaged_are_told_by_code_not_by_words(tmp_path):
    import sqlite3

    from desk.store.database import is_busy, is_corruption, is_damaged
    from desk.store.integrity import sqlite_in_use

    path = tmp_path / "chung.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError) as caught:
        other.execute("BEGIN IMMEDIATE")
    assert is_busy(caught.value) and not is_damaged(caught.value)
    assert sqlite_in_use(path)  # another connection holds the file
    holder.execute("ROLLBACK")
    other.close()
    holder.close()
    # Words alone prove nothing: a message may quote anything, a citizen's name included.
    assert not is_busy(sqlite3.OperationalError("database is locked"))
    assert not is_corruption(sqlite3.DatabaseError("database disk image is malformed"))

    class ServerError(Exception):  # what psycopg raises: the SQLSTATE as an attribute
        def __init__(self, sqlstate):
            super().__init__("ERROR: invalid page in block 7 of relation base/16384/2619")
            self.sqlstate = sqlstate

    assert is_damaged(ServerError("XX001")) and not is_damaged(ServerError("23505"))
    wrapped = DatabaseError("hỏng")
    wrapped.__cause__ = ServerError("XX002")
    assert is_corruption(wrapped) and is_busy(ServerError("40P01"))
