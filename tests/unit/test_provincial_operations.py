"""Running the province's backend: settings from the environment, retention, the catalog poll, health, metrics."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import select

from provincial.api import create_app
from provincial.cli import build_parser, settings_from
from provincial.database import ServerDatabase
from provincial.dependencies import current_desk
from provincial.errors import Conflict
from provincial.models import Change, IdempotentRequest
from provincial.service import DeskIdentity
from provincial.services import catalog as catalog_module
from provincial.services.retention import Retention
from provincial.settings import Settings
from tests.e2e.test_provincial_server import RECORD
from tests.unit.test_provincial_app import ADMIN, running
from tests.unit.test_provincial_hotpath import backend_and_desk

A = "000.00.53.H16"


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    db = ServerDatabase.in_directory(tmp_path) if request.param == "sqlite" else ServerDatabase(
        request.getfixturevalue("pg_url"))
    yield db
    db.close()


def test_settings_come_from_the_environment_and_go_back_to_it(tmp_path):
    environ = {"PROVINCIAL_DATA_DIR": str(tmp_path), "PROVINCIAL_DATABASE_URL": "postgresql+psycopg://h/db",
               "PROVINCIAL_DB_POOL_SIZE": "8", "PROVINCIAL_PGBOUNCER": "true", "PROVINCIAL_PUBLIC_PER_MINUTE": "",
               "PROVINCIAL_READ_DATABASE_URL": "postgresql+psycopg://replica/db"}
    settings = Settings.from_env(environ)
    assert (settings.data_dir, settings.db_pool_size, settings.pgbouncer, settings.public_per_minute) == (
        tmp_path, 8, True, 60)  # an empty variable is unset
    assert Settings.from_env(settings.to_env()) == settings
    assert Settings.from_env(environ, db_pool_size=3).db_pool_size == 3  # given values first
    with pytest.raises(ValueError, match="db_pool_size"):
        Settings.from_env({"PROVINCIAL_DB_POOL_SIZE": "0"})


def test_the_command_line_is_read_over_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PROVINCIAL_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PROVINCIAL_TOKEN_TTL_S", "60")
    monkeypatch.setenv("PROVINCIAL_ADMIN_TOKEN", "from-env")
    served = settings_from(build_parser().parse_args(["serve", "--token-ttl", "120"]))
    assert (served.data_dir, served.token_ttl_s, served.admin_token) == (tmp_path, 120, "from-env")
    assert settings_from(build_parser().parse_args(["serve"])).token_ttl_s == 60


def _age(db: ServerDatabase, model, column, days: int) -> None:
    """Every row of ``model`` made ``days`` older."""
    with db.write() as s:
        for row in s.scalars(select(model)):
            setattr(row, column.key, getattr(row, column.key) - timedelta(days=days))


def test_replays_within_the_window_get_the_stored_answer_and_older_ones_are_forgotten(database, tmp_path):
    backend, desk = backend_and_desk(database, tmp_path)
    old_txn, new_txn = str(uuid.uuid4()), str(uuid.uuid4())
    first = backend.upsert_dossier(desk, f"{A}-261101-0001", old_txn, RECORD)
    _age(database, IdempotentRequest, IdempotentRequest.created_utc, 40)  # sent 40 days ago
    recent = backend.upsert_dossier(desk, f"{A}-261123-0001", new_txn, RECORD)
    _age(database, IdempotentRequest, IdempotentRequest.created_utc, 29)  # now 69 and 29 days old
    pruned = Retention(database).prune(idempotency_days=30, changes_days=90)
    assert pruned["idempotent_requests"] == 1
    assert backend.upsert_dossier(desk, f"{A}-261123-0001", new_txn, RECORD) == recent  # within: stored answer
    with pytest.raises(Conflict, match="khác"):  # within the window the id still guards against another request
        backend.upsert_dossier(desk, f"{A}-261123-0001", new_txn, {**RECORD, "phone": "0900000000"})
    # Beyond it the write is applied again: the same record changes nothing (200, version 1).
    status, again = backend.upsert_dossier(desk, f"{A}-261101-0001", old_txn, RECORD)
    assert (status, again["version"], first[1]["version"]) == (200, 1, 1)


def test_the_feed_is_pruned_behind_a_floor_that_refuses_old_cursors(database, tmp_path):
    backend, desk = backend_and_desk(database, tmp_path)
    for n in range(3):
        backend.create_online_dossier(A, {**RECORD, "received_at": f"2026-11-2{n}T08:00:00+07:00",
                                          "appointment_at": None})
    old_cursor = backend.changes(desk, "", 1)["next_cursor"]  # the desk read the first change only
    _age(database, Change, Change.created_utc, 100)
    assert Retention(database).prune(idempotency_days=30, changes_days=90)["changes"] == 2  # the newest stays
    with pytest.raises(Conflict) as refused:
        backend.changes(desk, old_cursor, 100)
    assert refused.value.error == "cursor_expired"
    fresh = backend.changes(desk, "", 100)  # a new desk starts at the floor: the one change kept
    with database.read() as s:
        kept = s.scalar(select(Change.dossier_code))
    assert [c["dossier_code"] for c in fresh["changes"]] == [kept] and kept.endswith("-9999")
    backend.create_online_dossier(A, {**RECORD, "received_at": "2026-11-24T08:00:00+07:00", "appointment_at": None})
    assert len(backend.changes(desk, fresh["next_cursor"], 100)["changes"]) == 1  # and goes on from there


def test_an_unchanged_catalog_is_answered_from_one_row(tmp_path, monkeypatch):
    settings = Settings(data_dir=tmp_path, admin_token=ADMIN["Authorization"].removeprefix("Bearer "))
    app = create_app(settings)
    procedures = [{"code": f"1.{n:06d}", "name": f"Thủ tục {n}"} for n in range(50)]

    async def poll() -> tuple[str, int, int, int]:
        async with running(app) as client:
            etag = (await client.put("/api/v1/admin/catalog", headers=ADMIN,
                                     json={"procedures": procedures})).json()["etag"]
            backend = app.state.backend
            app.dependency_overrides[current_desk] = lambda: DeskIdentity(1, "desk-test", 1, A)
            first = await client.get("/api/v1/catalog")
            loads = []
            real = catalog_module._templates
            monkeypatch.setattr(catalog_module, "_templates", lambda s: loads.append(1) or real(s))
            unchanged = await client.get("/api/v1/catalog", headers={"If-None-Match": etag})
            again = await client.get("/api/v1/catalog")  # a 200, built once by this process
            assert backend.catalog.current_etag() == etag
            return etag, unchanged.status_code, again.status_code, len(loads) + (first.status_code != 200)

    etag, unchanged, again, loads = asyncio.run(poll())
    assert (unchanged, again, loads) == (304, 200, 0)


def test_healthz_asks_the_database_and_metrics_count_each_route(tmp_path):
    app = create_app(Settings(data_dir=tmp_path))

    async def ask():
        async with running(app) as client:
            healthy = await client.get("/healthz")
            for _ in range(3):
                await client.get("/api/v1/feedback")
            await client.get("/no/such/route")
            metrics = (await client.get("/metrics")).text
            app.state.backend.db.engine.dispose()
            app.state.backend.db.ping = lambda: (_ for _ in ()).throw(OSError("gone"))
            broken = await client.get("/healthz")
            return healthy, metrics, broken

    healthy, metrics, broken = asyncio.run(ask())
    assert (healthy.status_code, healthy.json()) == (200, {"status": "ok"})
    assert (broken.status_code, broken.json()) == (503, {"status": "unavailable"})
    assert 'provincial_requests_total{method="GET",route="/api/v1/feedback",status="200"} 3' in metrics
    assert 'provincial_requests_total{method="GET",route="unmatched",status="404"} 1' in metrics
    assert 'provincial_request_seconds_count{method="GET",route="/api/v1/feedback"} 3' in metrics
    assert 'provincial_request_seconds_bucket{method="GET",route="/api/v1/feedback",le="+Inf"} 3' in metrics
    assert "# TYPE provincial_db_pool_checked_out gauge" in metrics and "provincial_processes 1" in metrics
