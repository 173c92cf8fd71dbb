"""Migration p0003: files become per commune. A file complete before the migration belongs to every commune
whose dossiers refer to it; partial uploads are forgotten (their desks start again at 0)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text

from provincial.database import MIGRATIONS, ServerDatabase

NOW = datetime(2026, 11, 30, 10, 0)


def _upgrade(db: ServerDatabase, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    db = ServerDatabase.in_directory(tmp_path) if request.param == "sqlite" else ServerDatabase(
        request.getfixturevalue("pg_url"))
    yield db
    db.engine.dispose()


def test_files_complete_before_the_migration_go_to_the_communes_that_refer_to_them(database):
    _upgrade(database, "p0002")
    shared, only_a, orphan, partial = ("a" * 64, "b" * 64, "c" * 64, "d" * 64)
    with database.engine.begin() as conn:
        for n, agency in ((1, "000.00.53.H16"), (2, "000.00.54.H16")):
            conn.execute(text("INSERT INTO commune (id, agency_code, name, parent_authority, created_utc) "
                              "VALUES (:id, :agency, 'Xã', 'UBND', :now)"), {"id": n, "agency": agency, "now": NOW})
        for sha, complete in ((shared, True), (only_a, True), (orphan, True), (partial, False)):
            conn.execute(text("INSERT INTO file_blob (sha256, length, received, complete, created_utc) "
                              "VALUES (:sha, 10, :received, :complete, :now)"),
                         {"sha": sha, "received": 10 if complete else 4, "complete": complete, "now": NOW})
        documents = {1: [shared, only_a, partial], 2: [shared]}
        for n, (commune, hashes) in enumerate(documents.items(), start=1):
            record = {"documents": [{"name": "x", "file_sha256": h} for h in hashes] + [{"name": "y"}]}
            conn.execute(text("INSERT INTO dossier (id, code, commune_id, status, record, version, to_bring, "
                              "created_utc, updated_utc) "
                              "VALUES (:id, :code, :commune, 2, :record, 1, '[]', :now, :now)"),
                         {"id": n, "code": f"c{n}", "commune": commune, "record": json.dumps(record), "now": NOW})
    database.migrate()
    with database.engine.connect() as conn:
        rows = {tuple(r) for r in conn.execute(text("SELECT commune_id, sha256, length, received, complete "
                                                    "FROM file_blob"))}
    assert rows == {(1, shared, 10, 10, True), (2, shared, 10, 10, True), (1, only_a, 10, 10, True)}
