"""The backend behind a pgBouncer in transaction mode (docs/DEPLOYMENT.md): two server connections shared by
every client, no server-side prepared statements (``PROVINCIAL_PGBOUNCER``), LISTEN on a direct connection
(``PROVINCIAL_LISTEN_DATABASE_URL``). Needs the pgbouncer binary (Debian's package); skipped without it."""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.e2e.test_provincial_server import RECORD, DeskClient
from tests.support.postgres import TransactionBouncer, find_pgbouncer
from tests.support.provincial import ProvincialServer

A = "000.00.53.H16"
pytestmark = pytest.mark.skipif(find_pgbouncer() is None, reason="pgbouncer is not installed")


def test_two_workers_through_a_transaction_mode_bouncer(pg_cluster, tmp_path, monkeypatch):
    direct = pg_cluster.create_database("bounced")
    bouncer = TransactionBouncer(pg_cluster).start()
    monkeypatch.setenv("PROVINCIAL_PGBOUNCER", "true")
    monkeypatch.setenv("PROVINCIAL_LISTEN_DATABASE_URL", direct)
    server = ProvincialServer(tmp_path / "province", "--workers", "2", database_url=bouncer.url("bounced")).start()
    try:
        with server.admin() as admin:
            admin.post("/api/v1/admin/communes", json={"agency_code": A, "name": "Xã Ea Kar",
                                                      "parent_authority": "UBND TỈNH ĐẮK LẮK"}).raise_for_status()
        desk = DeskClient(server, A)
        headers = {"Authorization": desk.http.headers["Authorization"]}
        clients = [httpx.Client(base_url=server.base_url, headers=headers, timeout=30) for _ in range(6)]
        with ThreadPoolExecutor(6) as pool:  # every statement many times over, on shared server connections
            answers = list(pool.map(lambda n: clients[n % 6].put(
                f"/api/v1/dossiers/{A}-261123-{n + 1:04d}",
                json={"client_txn_id": str(uuid.uuid4()), "record": RECORD}).status_code, range(60)))
        assert answers == [201] * 60
        assert all(c.get(f"/api/v1/dossiers/{A}-261123-0001").status_code == 200 for c in clients)

        cursor = desk.http.get("/api/v1/changes").json()["next_cursor"]
        waiting: dict = {}

        def long_poll() -> None:
            waiting["page"] = desk.http.get("/api/v1/changes", params={"cursor": cursor, "wait": 20}).json()
            waiting["at"] = time.monotonic()

        poll = threading.Thread(target=long_poll)
        poll.start()
        time.sleep(0.5)
        with server.admin() as admin:
            written = time.monotonic()
            admin.post(f"/api/v1/admin/dossiers/{A}-261123-0001/status",
                       json={"status": 4, "handler": "Trần Minh", "unit": "Phòng Tư pháp"}).raise_for_status()
        poll.join(25)
        assert [c["kind"] for c in waiting["page"]["changes"]] == ["status"]
        assert waiting["at"] - written < 2.0  # woken by NOTIFY on the direct connection
        for client in clients:
            client.close()
        desk.http.close()
    finally:
        server.stop()
        bouncer.stop()
