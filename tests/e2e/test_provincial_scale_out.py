"""The provincial backend scaled out: two server processes over one PostgreSQL share the token key, the rate
limits and the long-polls' wake-ups (docs/DEPLOYMENT.md); the sync's hot path on PostgreSQL keeps its
idempotency rules when it runs on the event loop (provincial/pg_hotpath.py)."""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.e2e.test_provincial_server import RECORD, DeskClient
from tests.support.provincial import ProvincialServer

A = "000.00.53.H16"
PUBLIC_PER_MINUTE = 6


def code(n: int, day: str = "261123") -> str:
    return f"{A}-{day}-{n:04d}"


@pytest.fixture(scope="module")
def pair(pg_cluster, tmp_path_factory):
    """Two server processes, each with its own data directory and port, over one PostgreSQL database."""
    url = pg_cluster.create_database("scale_out")
    first = ProvincialServer(tmp_path_factory.mktemp("one"), "--public-per-minute", str(PUBLIC_PER_MINUTE),
                             database_url=url).start()
    second = ProvincialServer(tmp_path_factory.mktemp("two"), "--public-per-minute", str(PUBLIC_PER_MINUTE),
                              database_url=url).start()
    with first.admin() as admin:
        assert admin.post("/api/v1/admin/communes", json={"agency_code": A, "name": "Xã Ea Kar",
                                                          "parent_authority": "UBND TỈNH ĐẮK LẮK"}).status_code == 201
    yield first, second
    first.stop()
    second.stop()


@pytest.fixture
def desk(pair):
    made = DeskClient(pair[0], A)
    yield made
    made.http.close()


def on(server: ProvincialServer, desk: DeskClient) -> httpx.Client:
    """The desk's token, sent to ``server``."""
    return httpx.Client(base_url=server.base_url, headers={"Authorization": desk.http.headers["Authorization"]},
                        timeout=30)


def test_a_token_issued_by_one_process_is_accepted_by_the_other(pair, desk):
    first, second = pair
    with on(second, desk) as other:
        assert other.get("/api/v1/inbox").status_code == 200
        body = {"client_txn_id": str(uuid.uuid4()), "record": RECORD}
        created = other.put(f"/api/v1/dossiers/{code(1)}", json=body)
        assert created.status_code == 201, created.text
    replayed = desk.http.put(f"/api/v1/dossiers/{code(1)}", json=body)  # the same write, to the first process
    assert (replayed.status_code, replayed.content) == (201, created.content)


def test_the_public_rate_limit_counts_the_requests_both_processes_saw(pair):
    first, second = pair
    answers = []
    with httpx.Client(base_url=first.base_url) as one, httpx.Client(base_url=second.base_url) as two:
        for n in range(PUBLIC_PER_MINUTE + 2):
            answers.append((one if n % 2 else two).get("/api/v1/feedback").status_code)
    assert answers[:PUBLIC_PER_MINUTE] == [200] * PUBLIC_PER_MINUTE
    assert answers[PUBLIC_PER_MINUTE:] == [429, 429]  # each process alone saw only half of them


def test_wrong_secrets_are_counted_across_processes(pair, desk):
    first, second = pair
    statuses = []
    for n in range(12):
        server = first if n % 2 else second
        statuses.append(httpx.post(f"{server.base_url}/api/v1/token", json={
            "grant_type": "client_credentials", "client_id": desk.client_id, "client_secret": "wrong" * 8}).status_code)
    assert statuses[:10] == [401] * 10 and statuses[10:] == [429, 429]


def _long_poll(client: httpx.Client, cursor: str, into: dict) -> None:
    into["page"] = client.get("/api/v1/changes", params={"cursor": cursor, "wait": 20}).json()
    into["answered"] = time.monotonic()


def _head_cursor(client: httpx.Client) -> str:
    page = client.get("/api/v1/changes").json()
    while page["has_more"]:
        page = client.get("/api/v1/changes", params={"cursor": page["next_cursor"]}).json()
    return page["next_cursor"]


def test_a_long_poll_on_one_process_is_woken_by_a_write_on_the_other(pair, desk):
    first, second = pair
    for n in range(3):  # the wake-up, not the periodic re-check (longpoll.FALLBACK_S = 3 s), answers each time
        number = 10 + n
        desk.http.put(f"/api/v1/dossiers/{code(number)}",
                      json={"client_txn_id": str(uuid.uuid4()), "record": RECORD}).raise_for_status()
        waiting: dict = {}
        poll = threading.Thread(target=_long_poll, args=(desk.http, _head_cursor(desk.http), waiting))
        poll.start()
        time.sleep(0.5)  # the long-poll is waiting on the first process
        with second.admin() as admin:
            written = time.monotonic()
            admin.post(f"/api/v1/admin/dossiers/{code(number)}/status",
                       json={"status": 4, "handler": "Trần Minh", "unit": "Phòng Tư pháp"}).raise_for_status()
        poll.join(25)
        assert [c["dossier_code"] for c in waiting["page"]["changes"]] == [code(number)]
        assert waiting["answered"] - written < 1.0, "woken by the periodic re-check, not by NOTIFY"


def test_the_upsert_on_postgresql_keeps_the_idempotency_rules(pair, desk):
    first, _ = pair
    body = {"client_txn_id": str(uuid.uuid4()), "record": RECORD}
    created = desk.http.put(f"/api/v1/dossiers/{code(20)}", json=body)
    assert created.status_code == 201 and created.json()["version"] == 1
    for _ in range(3):
        again = desk.http.put(f"/api/v1/dossiers/{code(20)}", json=body)
        assert (again.status_code, again.content) == (201, created.content)
    conflict = desk.http.put(f"/api/v1/dossiers/{code(20)}", json={**body, "record": {**RECORD, "phone": "0900000000"}})
    assert (conflict.status_code, conflict.json()["error"]) == (409, "txn_conflict")
    updated = desk.http.put(f"/api/v1/dossiers/{code(20)}", json={"client_txn_id": str(uuid.uuid4()),
                                                                  "record": {**RECORD, "phone": "0900000000"}})
    assert (updated.status_code, updated.json()["version"]) == (200, 2)
    reserved = desk.http.put(f"/api/v1/dossiers/{code(9500)}", json={"client_txn_id": str(uuid.uuid4()),
                                                                     "record": RECORD})
    assert (reserved.status_code, reserved.json()["error"]) == (409, "reserved_code")
    other = desk.http.put("/api/v1/dossiers/000.00.54.H16-261123-0001",
                          json={"client_txn_id": str(uuid.uuid4()), "record": RECORD})
    assert (other.status_code, other.json()["error"]) == (403, "wrong_commune")


def test_the_same_write_sent_at_once_to_both_processes_is_one_dossier(pair, desk):
    first, second = pair
    body = {"client_txn_id": str(uuid.uuid4()), "record": RECORD}
    clients = [on(server, desk) for server in (first, second) for _ in range(4)]
    try:
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda c: c.put(f"/api/v1/dossiers/{code(30)}", json=body), clients))
    finally:
        for client in clients:
            client.close()
    assert {a.status_code for a in answers} == {201} and len({a.content for a in answers}) == 1
    page = desk.http.get("/api/v1/export/dossiers", params={"limit": 200}).json()
    assert [item["code"] for item in page["items"]].count(code(30)) == 1


def test_several_worker_processes_from_the_command_line(pg_cluster, tmp_path):
    url = pg_cluster.create_database("workers")
    server = ProvincialServer(tmp_path / "province", "--workers", "2", database_url=url).start()
    try:
        with server.admin() as admin:
            admin.post("/api/v1/admin/communes", json={"agency_code": A, "name": "Xã Ea Kar",
                                                      "parent_authority": "UBND TỈNH ĐẮK LẮK"}).raise_for_status()
        made = DeskClient(server, A)
        clients = [on(server, made) for _ in range(4)]  # connections spread over the workers
        try:
            with ThreadPoolExecutor(4) as pool:
                answers = list(pool.map(lambda n: clients[n % 4].put(
                    f"/api/v1/dossiers/{code(n + 1, '261124')}",
                    json={"client_txn_id": str(uuid.uuid4()), "record": RECORD}).status_code, range(40)))
        finally:
            for client in clients:
                client.close()
            made.http.close()
        assert answers == [201] * 40
        # /metrics adds up the host's workers, whichever answers (each leaves its figures every 5 s).
        upserts = 'provincial_requests_total{method="PUT",route="/api/v1/dossiers/{code}",status="201"} 40'
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            metrics = httpx.get(f"{server.base_url}/metrics").text
            if "provincial_processes 2" in metrics and upserts in metrics:
                break
            time.sleep(0.5)
        assert "provincial_processes 2" in metrics and upserts in metrics, metrics
    finally:
        server.stop()


def test_several_workers_need_postgresql(tmp_path):
    import subprocess
    import sys

    from tests.support.provincial import ROOT

    refused = subprocess.run([sys.executable, "-m", "provincial", "--data-dir", str(tmp_path), "serve", "--workers",
                              "2"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "PostgreSQL" in refused.stderr


def test_connections_lost_by_the_database_cost_no_request(pair, desk, pg_cluster):
    """Every server connection killed (a database restart, a failover): the next writes are answered all the
    same (a lost async connection hands the write to the pool that checks its connections first)."""
    import psycopg

    desk.http.put(f"/api/v1/dossiers/{code(40)}", json={"client_txn_id": str(uuid.uuid4()), "record": RECORD}
                  ).raise_for_status()
    with psycopg.connect(f"host=127.0.0.1 port={pg_cluster.port} user=postgres dbname=postgres",
                         autocommit=True) as conn:
        killed = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                              "WHERE datname = 'scale_out' AND pid <> pg_backend_pid()").fetchone()[0]
    assert killed >= 2  # the pools' connections and the LISTEN ones
    answers = [desk.http.put(f"/api/v1/dossiers/{code(41 + n)}", json={"client_txn_id": str(uuid.uuid4()),
                                                                       "record": RECORD}).status_code
               for n in range(6)]
    assert answers == [201] * 6
    assert desk.http.get("/healthz").status_code == 200
