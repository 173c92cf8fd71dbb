"""The upsert's hot path writes rows the ORM reads back exactly: SQLite (raw sqlite3) and PostgreSQL (Core)."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import datetime

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from provincial.database import ServerDatabase
from provincial.models import Dossier, Event, IdempotentRequest
from provincial.service import Backend, DeskIdentity
from tests.e2e.test_provincial_server import RECORD


def backend_and_desk(db: ServerDatabase, folder) -> tuple[Backend, DeskIdentity]:
    db.migrate()
    backend = Backend(db, folder, b"k" * 32)
    commune = backend.create_commune("000.00.53.H16", "Xã Ea Kar", "UBND TỈNH ĐẮK LẮK")
    code, _ = backend.issue_enrollment_code("000.00.53.H16")
    key = Ed25519PrivateKey.generate().public_key().public_bytes(serialization.Encoding.Raw,
                                                                 serialization.PublicFormat.Raw)
    desk, _secret, _ = backend.enroll(code, "Quầy 1", base64.b64encode(key).decode())
    return backend, DeskIdentity(desk.id, desk.client_id, commune.id, "000.00.53.H16")


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    if request.param == "sqlite":
        db = ServerDatabase.in_directory(tmp_path)
    else:
        db = ServerDatabase(request.getfixturevalue("pg_url"))
    yield db
    db.engine.dispose()


def test_a_pushed_dossier_reads_back_through_the_orm(database, tmp_path):
    backend, desk = backend_and_desk(database, tmp_path)
    record = json.loads(json.dumps(RECORD))
    code = "000.00.53.H16-261123-0001"
    txn = str(uuid.uuid4())
    status, first = backend.upsert_dossier(desk, code, txn, record)
    assert status == 201 and first["record"] == record
    with database.read() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == code))
        assert (dossier.status, dossier.version, dossier.record, dossier.to_bring) == (2, 1, record, [])
        assert isinstance(dossier.created_utc, datetime)
        event = session.scalar(select(Event).where(Event.dossier_id == dossier.id))
        assert event.at == datetime.fromisoformat(record["received_at"]).replace(tzinfo=None)
        stored = session.get(IdempotentRequest, txn)
        assert stored.response["record"] is None  # the record is not stored twice
    assert backend.upsert_dossier(desk, code, txn, record) == (201, first)  # a replay: the same answer
    assert list(backend.upsert_dossier(desk, code, txn, record)[1]) == list(first)  # keys in the same order
    changed = {**record, "phone": "0987654321"}
    status, second = backend.upsert_dossier(desk, code, str(uuid.uuid4()), changed)
    assert (status, second["version"], second["record"]["phone"]) == (200, 2, "0987654321")
