"""No raw SQL, parameters or tracebacks in any message shown to a user (issue 15): database errors are told
apart by their codes and said in plain Vietnamese; the statement goes to the log."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from desk.store import DatabaseError
from tests.support.workers import sample_request


def _assert_plain(message: str) -> None:
    for leak in ("SELECT", "INSERT", "UPDATE", "[SQL", "parameters", "Traceback", "Nguyễn", "066195012345"):
        assert leak not in message, (leak, message)


def test_a_corrupted_database_file_says_so_in_plain_words(desk, caplog):
    request, version = sample_request(desk)
    desk.intake.receive(request, procedure_version=version)
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
