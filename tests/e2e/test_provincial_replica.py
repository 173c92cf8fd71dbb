"""Reads that the public and the desks make most go to a streaming replica (``PROVINCIAL_READ_DATABASE_URL``):
a real hot standby, started from the PostgreSQL server binaries with pg_basebackup over loopback. With its
replay paused, the tracking page, the changes feed and the catalog answer what the replica has, while writes
(and a long-poll woken by one) go to the primary; once it replays again, they catch up."""

from __future__ import annotations

import uuid

import httpx
import psycopg
import pytest

from tests.e2e.test_provincial_server import RECORD, DeskClient
from tests.support.postgres import StreamingReplica
from tests.support.provincial import ProvincialServer

A = "000.00.53.H16"
CODE = f"{A}-261123-0001"


@pytest.fixture(scope="module")
def replicated(pg_cluster, tmp_path_factory):
    url = pg_cluster.create_database("replicated")
    replica = StreamingReplica(pg_cluster).start()
    yield url, replica
    replica.stop()


def _replay(replica: StreamingReplica, paused: bool) -> None:
    with psycopg.connect(f"host=127.0.0.1 port={replica.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        conn.execute("SELECT pg_wal_replay_pause()" if paused else "SELECT pg_wal_replay_resume()")


def test_public_and_feed_reads_come_from_the_replica(replicated, tmp_path, monkeypatch):
    url, replica = replicated
    monkeypatch.setenv("PROVINCIAL_READ_DATABASE_URL", replica.url("replicated"))
    server = ProvincialServer(tmp_path / "province", database_url=url).start()
    try:
        with server.admin() as admin:
            admin.post("/api/v1/admin/communes", json={"agency_code": A, "name": "Xã Ea Kar",
                                                      "parent_authority": "UBND TỈNH ĐẮK LẮK"}).raise_for_status()
            etag = admin.put("/api/v1/admin/catalog", json={"procedures": [{"code": "1.0001"}]}).json()["etag"]
        desk = DeskClient(server, A)
        desk.http.put(f"/api/v1/dossiers/{CODE}", json={"client_txn_id": str(uuid.uuid4()), "record": RECORD}
                      ).raise_for_status()
        replica.wait_caught_up()
        cursor = desk.http.get("/api/v1/changes").json()["next_cursor"]
        assert desk.http.get("/api/v1/catalog", headers={"If-None-Match": etag}).status_code == 304
        public = httpx.Client(base_url=server.base_url)
        assert public.get(f"/api/v1/tracking/{CODE}").json()["needs"] == "check_code"  # found, on the replica

        _replay(replica, paused=True)
        with server.admin() as admin:  # writes on the primary while the replica stands still
            admin.post(f"/api/v1/admin/dossiers/{CODE}/status",
                       json={"status": 4, "handler": "Trần Minh", "unit": "Phòng Tư pháp"}).raise_for_status()
            new_etag = admin.put("/api/v1/admin/catalog", json={"procedures": [{"code": "1.0002"}]}).json()["etag"]
        assert desk.http.get("/api/v1/changes", params={"cursor": cursor}).json()["changes"] == []  # the replica's
        assert desk.http.get("/api/v1/catalog", headers={"If-None-Match": etag}).status_code == 304
        woken = desk.http.get("/api/v1/changes", params={"cursor": cursor, "wait": 5}).json()  # re-reads the primary
        assert [c["kind"] for c in woken["changes"]] == ["status", "catalog"]
        assert desk.http.get(f"/api/v1/dossiers/{CODE}").json()["status"] == 4  # a desk's own read: the primary

        _replay(replica, paused=False)
        replica.wait_caught_up()
        assert len(desk.http.get("/api/v1/changes", params={"cursor": cursor}).json()["changes"]) == 2
        caught_up = desk.http.get("/api/v1/catalog", headers={"If-None-Match": etag})
        assert (caught_up.status_code, caught_up.headers["ETag"]) == (200, new_etag)
        public.close()
        desk.http.close()
    finally:
        _replay(replica, paused=False)
        server.stop()
