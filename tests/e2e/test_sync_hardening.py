"""The desk's sync client against a province that misbehaves: every loop ends, a file the province will not take
becomes a visible problem, and what the province sends is checked before the desk uses it."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import uuid
from datetime import datetime

import httpx
import pytest
from sqlalchemy import select

from desk.store.models import DossierRow, OutboxRow
from desk.sync.client import ProvinceClient, ProvinceError
from desk.sync.engine import SyncEngine
from desk.sync.worker import SyncWorker
from tests.e2e.test_sync import AGENCY, attach_scan, desk, enrollment_code, receive, server  # noqa: F401 (fixtures)
from tests.support.fault_proxy import FaultProxy

DATA = b"scan " * 40_000  # 200 000 bytes: several chunks of 64 KiB
SHA = hashlib.sha256(DATA).hexdigest()


class FakeProvince:
    """A province behind httpx.MockTransport: a token for anyone, files answered by ``on_file``, and a
    guard that fails the test instead of letting an endless loop run."""

    def __init__(self, on_file, *, changes: list[dict] | None = None, guard: int = 500):
        self.on_file = on_file
        self.changes = changes or []
        self.requests: list[httpx.Request] = []
        self.guard = guard

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if len(self.requests) > self.guard:
            raise RuntimeError(f"the client sent more than {self.guard} requests: an unbounded loop")
        path = request.url.path
        if path == "/api/v1/token":
            return httpx.Response(200, json={"access_token": "t", "token_type": "bearer", "expires_in": 900})
        if path.startswith("/api/v1/files/"):
            return self.on_file(request)
        if path == "/api/v1/changes":
            return httpx.Response(200, json={"changes": self.changes, "next_cursor": "Yz", "has_more": False})
        return httpx.Response(200, json={})

    def client(self) -> ProvinceClient:
        return ProvinceClient("http://province.test", "desk-x", "secret", transport=httpx.MockTransport(self))

    def patches(self) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == "PATCH"]


def _refuse(status: int, error: str, offset: str = "0"):
    def on_file(request: httpx.Request) -> httpx.Response:
        if request.method == "HEAD":
            return httpx.Response(200, headers={"Upload-Offset": offset, "Upload-Length": "1",
                                                "Upload-Complete": "?0"})
        return httpx.Response(status, json={"error": error, "message": "Độ dài tệp khác với lần tải lên trước."},
                              headers={"Upload-Offset": offset})
    return on_file


@pytest.mark.parametrize("status,error", [(409, "length_mismatch"), (409, "offset_mismatch"),
                                          (422, "hash_mismatch"), (400, "chunk_too_long")])
def test_an_upload_the_province_keeps_refusing_ends_as_a_refusal(status, error):
    """Finding 1: a repeated 409 once made upload_file resend the same PATCH forever."""
    province = FakeProvince(_refuse(status, error))
    client = province.client()
    with pytest.raises(ProvinceError) as refused:
        client.upload_file(SHA, DATA, chunk=64 * 1024)
    client.close()
    assert not refused.value.transient and not refused.value.stops_round
    assert "tệp" in refused.value.message.lower() and refused.value.error == error
    assert len(province.patches()) <= 8, len(province.patches())


def test_a_server_that_answers_offsets_going_nowhere_is_refused():
    """A 409 that sends the client back and forth between two offsets must end too."""
    flip = {"n": 0}

    def on_file(request):
        if request.method == "HEAD":
            return httpx.Response(404)
        flip["n"] += 1
        return httpx.Response(409, json={"error": "offset_mismatch", "message": "x"},
                              headers={"Upload-Offset": str(65536 * (flip["n"] % 2))})

    province = FakeProvince(on_file)
    with pytest.raises(ProvinceError):
        province.client().upload_file(SHA, DATA, chunk=64 * 1024)
    assert len(province.patches()) <= 8


def test_a_hash_mismatch_restarts_once_from_zero_then_succeeds():
    """Finding 2 (client side): after 422 hash_mismatch the client starts again at 0, once."""
    seen: list[int] = []
    state = {"failed": False}

    def on_file(request):
        if request.method == "HEAD":
            return httpx.Response(404)
        offset, length = int(request.headers["Upload-Offset"]), int(request.headers["Upload-Length"])
        seen.append(offset)
        end = offset + len(request.content)
        if end == length and not state["failed"]:
            state["failed"] = True  # the last chunk was damaged on the way: the server forgot the upload
            return httpx.Response(422, json={"error": "hash_mismatch", "message": "Nội dung tệp không khớp"},
                                  headers={"Upload-Offset": "0"})
        complete = end == length
        return httpx.Response(201 if complete else 204, headers={"Upload-Offset": str(end),
                                                                 "Upload-Complete": "?1" if complete else "?0"})

    province = FakeProvince(on_file)
    province.client().upload_file(SHA, DATA, chunk=64 * 1024)
    chunks = -(-len(DATA) // (64 * 1024))
    assert seen == [i * 64 * 1024 for i in range(chunks)] * 2


def test_a_local_file_that_no_longer_matches_its_hash_is_not_sent():
    province = FakeProvince(_refuse(409, "length_mismatch"))
    with pytest.raises(ProvinceError) as refused:
        province.client().upload_file(SHA, DATA + b"!")
    assert "hỏng" in refused.value.message and province.patches() == []


def test_transient_errors_stop_the_round_and_open_the_breaker():
    """A province answering 503 to every chunk: each round stops at once, and after a few failed rounds the
    worker's breaker opens (no hammering)."""
    province = FakeProvince(lambda request: httpx.Response(503, json={"error": "busy", "message": "Bận"}))
    client = province.client()
    reports = []

    def run_round():
        try:
            client.upload_file(SHA, DATA)
        except ProvinceError as error:
            assert error.stops_round
            from desk.sync.engine import SyncReport
            return SyncReport(error=error.message)
        raise AssertionError("a 503 cannot be a success")

    worker = SyncWorker(run_round, reports.append, base_backoff_s=0.001, max_backoff_s=0.002, breaker_after=3)
    for _ in range(3):
        worker.next_delay(run_round())
    assert worker.breaker_open
    assert len(province.requests) <= 3 * 3  # token once, then a HEAD per round, nothing looping


def _refusing_proxy(server, refused: list):
    def answer(method, path, headers, body):
        if method == "PATCH" and path.startswith("/api/v1/files/"):
            refused.append(path)
            return 409, json.dumps({"error": "length_mismatch", "message": "Độ dài tệp khác với lần tải lên trước."
                                    }).encode(), {"Upload-Offset": "0", "Content-Type": "application/json"}
        return None
    return FaultProxy(server.base_url, fault_rate=0.0, answer=answer)


@pytest.mark.slow
def test_a_file_the_province_will_not_take_is_a_failed_item_and_the_rest_flows(desk, server):
    """Finding 1, end to end: the round returns, the dossier with the refused file is failed with a Vietnamese
    reason, the dossiers around it reach the province."""
    first, with_scan, last = receive(desk, 3)
    attach_scan(desk, with_scan)
    refused: list[str] = []
    with _refusing_proxy(server, refused) as proxy:
        desk.settings_store.update(province_url=proxy.url)
        finished: dict = {}
        thread = threading.Thread(target=lambda: finished.setdefault("report", desk.sync.run_once()), daemon=True)
        thread.start()
        thread.join(60)
        assert not thread.is_alive(), f"the sync round never returned ({len(refused)} PATCH requests so far)"
    report = finished["report"]
    assert report.failed == 1 and with_scan in report.problems[0] and len(refused) <= 8
    with desk.db.read() as session:
        states = {row.dossier_code: (row.state, row.last_error) for row in session.scalars(
            select(OutboxRow).where(OutboxRow.kind == "dossier.upsert"))}
    assert {code: state for code, (state, _error) in states.items()} == {
        first: "sent", with_scan: "failed", last: "sent"}
    assert "Tỉnh không nhận tệp số hóa" in states[with_scan][1] and desk.sync.status()["pending"] == 0


# -- what the province sends is checked before use (finding 3) ---------------------------------------------------
def _online(code: str, **record) -> dict:
    return {"kind": "online_dossier", "dossier_code": code, "payload": {"code": code, "record": {
        "procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh", "channel": 2, "owner_name": "H Hen Niê",
        "received_at": "2026-11-22T21:00:00+07:00", "identities": [{"kind": 1, "number": "066305001234"}],
        **record}}}


def _status(code: str, **payload) -> dict:
    return {"kind": "status", "dossier_code": code, "payload": {"code": code, "status": 4, "event_id": 7,
                                                                 "at": "2026-11-23T10:00:00+07:00", **payload}}


def test_codes_and_hashes_from_the_feed_are_checked_before_use(tmp_path, clock, caplog):
    from tests.conftest import make_desk

    services = make_desk(tmp_path / "desk", clock)
    [mine] = receive(services, 1)
    good = f"{AGENCY}-261122-9999"
    changes = [
        _online("../../receipts/evil"),
        _online(f"{AGENCY}-261122-9998/../../x"),
        _online("000.00.54.H16-261122-9999"),  # another commune's code
        _online(f"{AGENCY}-261122-9997", documents=[{"name": "Tờ khai", "file_sha256": "../../../etc/passwd"}]),
        _online(f"{AGENCY}-261122-9996", documents=[{"name": "Tờ khai", "file_sha256": "AB" * 32}]),
        _status("../../" + mine),
        _status(mine, status=99),
        _status(mine, event_id="NaN"),
        _online(good),
        _status(mine),
    ]
    province = FakeProvince(lambda request: httpx.Response(404), changes=changes)
    engine = SyncEngine(services.db, province.client(), services.catalog, files_dir=services.paths.files)
    from desk.sync.engine import SyncReport

    report = SyncReport()
    with caplog.at_level(logging.WARNING, logger="desk.sync.engine"):
        engine.pull(report)
    with services.db.read() as session:
        codes = set(session.scalars(select(DossierRow.code)))
        status = session.scalar(select(DossierRow.status).where(DossierRow.code == mine))
    assert codes == {mine, good}, codes
    assert status == 4 and report.pulled == 2
    refused = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refused) == 8, [r.getMessage() for r in caplog.records]
    assert len(report.problems) == 8 and all("tỉnh" in p for p in report.problems)
    services.db.dispose()


# -- new contracts the desk calls (findings 13 and 14) -----------------------------------------------------------
def _anchor_row(seq: int, head: str, entries: int) -> OutboxRow:
    return OutboxRow(created_utc=datetime(2026, 11, 23, 3, 0), dossier_code=f"audit-{seq}", kind="audit.anchor",
                     client_txn_id=str(uuid.uuid4()), payload={"seq": seq, "head_hash": head, "entries": entries,
                                                                "at": "2026-11-23T10:00:00+07:00"})


def test_audit_anchors_and_the_rebuild_export_through_the_desk_client(desk, server):
    """The engine sends outbox rows of kind audit.anchor (numbered here by hand: the engine alone, without the
    desk's audit service queueing its own)."""
    codes = receive(desk, 3)
    with desk.db.write() as session:
        session.add(_anchor_row(1, "a" * 64, 10))
        session.add(_anchor_row(2, "b" * 64, 25))
    engine = desk.sync.engine()
    report = engine.run_once()
    assert report.ok and desk.sync.status()["pending"] == 0, report.problems
    client = engine.client
    try:
        assert client.latest_audit_anchor() == {"seq": 2, "head_hash": "b" * 64, "entries": 25,
                                                "at": "2026-11-23T10:00:00+07:00"}
        again = client.put_audit_anchor(2, str(uuid.uuid4()), {"head_hash": "b" * 64, "entries": 25,
                                                                "at": "2026-11-23T10:00:00+07:00"})
        assert again["seq"] == 2
        pages, cursor = [], ""
        while True:
            page = client.export_dossiers(cursor, limit=2)
            pages.append(page)
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
    finally:
        client.close()
    exported = [item for page in pages for item in page["items"]]
    assert [item["code"] for item in exported] == codes and len(pages) == 2
    assert exported[0]["record"]["owner_name"] == "Nguyễn Thị Hoa"
    assert exported[0]["events"][0]["to_status"] == 2 and exported[0]["events"][0]["at"].endswith("+07:00")
    # a refused anchor (an older number with another head) is a visible problem, like any refusal
    with desk.db.write() as session:
        session.add(_anchor_row(1, "c" * 64, 5))
    engine = desk.sync.engine()
    refused = engine.run_once()
    engine.client.close()
    assert refused.failed == 1 and "audit-1" in refused.problems[0]
