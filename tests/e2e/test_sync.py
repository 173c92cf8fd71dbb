"""The desk's sync against the real provincial server on loopback (issue: offline-first sync)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import replace

import httpx
import pytest
from sqlalchemy import select, update

from desk.store.models import AuditRow, DossierRow, OutboxRow, SyncStateRow
from tests.conftest import ADMIN, CLERK, ROOT, make_desk
from tests.support.provincial import ProvincialServer
from tests.support.workers import sample_request

AGENCY = "000.00.53.H16"


@pytest.fixture
def server(tmp_path):
    process = ProvincialServer(tmp_path / "province").start()
    with process.admin() as admin:
        admin.post("/api/v1/admin/communes", json={"agency_code": AGENCY, "name": "Trung tâm PVHCC xã Ea Kar",
                                                  "parent_authority": "UBND TỈNH ĐẮK LẮK"})
        catalog = json.loads((ROOT / "resources/catalog/procedures.json").read_text(encoding="utf-8"))
        admin.put("/api/v1/admin/catalog", json={"procedures": catalog["procedures"]})
    yield process
    process.stop()


def enrollment_code(server) -> str:
    with server.admin() as admin:
        return admin.post(f"/api/v1/admin/communes/{AGENCY}/enrollment-codes").json()["code"]


@pytest.fixture
def desk(tmp_path, clock, server):
    services = make_desk(tmp_path / "desk", clock)
    services.sync.enroll(server.base_url, enrollment_code(server), "Quầy 1", actor=ADMIN)
    # These tests count the rows of dossiers and outcomes a round sends. The audit chain's anchors, which a
    # round also queues, travel in tests/e2e/test_sync_faults.py (exactly once through faults and a kill) and
    # tests/e2e/test_sync_hardening.py.
    services.sync.audit = None
    yield services
    services.db.dispose()


def receive(desk, n: int = 1, **changes) -> list[str]:
    request, version = sample_request(desk)
    request = replace(request, **changes)
    return [desk.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(n)]


def server_dossier(server, desk, code):
    secret_client = desk.sync.engine().client
    try:
        return secret_client.request("GET", f"/api/v1/dossiers/{code}")
    finally:
        secret_client.close()


def test_signed_receipts_pushed_and_verified_by_the_tracking_page(desk, server):
    [code] = receive(desk)
    report = desk.sync.run_once()
    assert report.ok and report.pushed == 1
    assert server_dossier(server, desk, code).json()["status"] == 2
    # the receipt's own QR, as the citizen's phone would open it
    with desk.db.read() as session:
        row = session.scalar(select(DossierRow))
    url = desk.receipts.receipt_data(row, desk.agency.get()).tracking_url
    assert "?sig=" in url
    tracked = httpx.get(url.replace("https://dichvucong.daklak.gov.vn", server.base_url).replace(
        "/tra-cuu/", "/api/v1/tracking/")).json()
    assert tracked["verified"] and tracked["owner_masked"] == "Nguyễn T** H**"
    # the desk checks its own receipts offline too
    from desk.services.receipts import receipt_facts
    from desk.sync.credentials import Credentials, KeyringSigner

    signer = KeyringSigner(Credentials(desk.settings.sync_account))
    signature = url.split("sig=")[1]
    assert signer.verify(receipt_facts(row), signature)
    assert not signer.verify({**receipt_facts(row), "id_number": "066195099999"}, signature)


def attach_scan(desk, code: str, size: int = 50_000) -> str:
    """Put a digitized document in the desk's file store and link it to the dossier's first document
    (what the scanning issue's intake will do)."""
    import hashlib

    from desk.fileio import atomic_write_bytes

    data = hashlib.sha256(code.encode()).digest() * (size // 32)
    sha256 = hashlib.sha256(data).hexdigest()
    atomic_write_bytes(desk.paths.file_path(sha256), data)
    with desk.db.write() as session:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        documents = [dict(d) for d in row.documents]
        documents[0].update(sha256=sha256, file_name=f"{code}.pdf", digitized=True)
        row.documents = documents
    return sha256


def test_dossiers_with_scans_made_while_the_server_is_down_arrive_exactly_once(desk, server):
    server.stop()
    codes = receive(desk, 200)
    hashes = {code: attach_scan(desk, code) for code in codes}
    down = desk.sync.run_once()
    assert down.pushed == 0 and "Không kết nối được" in down.error
    assert desk.sync.status()["pending"] == 200
    server.start()
    up = desk.sync.run_once()
    assert up.ok and up.pushed == 200 and desk.sync.status()["pending"] == 0
    for sha256 in hashes.values():
        stored = server.data_dir / "files" / sha256[:2] / sha256
        assert stored.read_bytes() == desk.paths.file_path(sha256).read_bytes()
    assert server_dossier(server, desk, codes[0]).json()["record"]["documents"][0]["file_sha256"] == hashes[codes[0]]
    # every acknowledgement lost: the desk sends everything again
    with desk.db.write() as session:
        session.execute(update(OutboxRow).values(state="pending"))
    again = desk.sync.run_once()
    assert again.ok and again.pushed == 200
    for code in codes:
        answer = server_dossier(server, desk, code).json()
        assert answer["version"] == 1 and answer["record"]["owner_name"] == "Nguyễn Thị Hoa"


def test_province_status_changes_come_back_once_and_the_cursor_survives_a_restart(desk, server, clock):
    [first, second] = receive(desk, 2)
    assert desk.sync.run_once().ok
    with server.admin() as admin:
        admin.post(f"/api/v1/admin/dossiers/{first}/status", json={"status": 4, "handler": "Trần Minh",
                                                                  "unit": "Phòng Tư pháp"})
        admin.post(f"/api/v1/admin/dossiers/{first}/status", json={"status": 9, "handler": "Trần Minh",
                                                                  "unit": "Phòng Tư pháp"})
    report = desk.sync.run_once()
    assert report.ok and report.pulled == 2
    assert desk.dossiers.get(first).summary.status == 9
    assert desk.dossiers.get(second).summary.status == 2
    with desk.db.read() as session:
        cursor = session.get(SyncStateRow, "changes_cursor").value
        audits = session.scalars(select(AuditRow).where(AuditRow.action == "sync.status")).all()
    assert [a.details["to"] for a in audits] == [4, 9]
    # a restarted desk continues from its stored cursor; replaying the last page applies nothing twice
    from desk.services.desk import open_desk
    from desk.settings import load_settings

    restarted = open_desk(desk.paths, load_settings(desk.paths.settings), clock)
    assert restarted.sync.run_once().pulled == 0
    with restarted.db.write() as session:
        session.get(SyncStateRow, "changes_cursor").value = ""  # replay the whole feed
    assert restarted.sync.run_once().pulled == 0
    with restarted.db.read() as session:
        assert len(session.scalars(select(AuditRow).where(AuditRow.action == "sync.status")).all()) == 2
    assert cursor
    restarted.db.dispose()


def test_online_applications_reach_the_local_inbox(desk, server):
    record = {"procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh", "channel": 2,
              "owner_name": "H Hen Niê", "received_at": "2026-11-22T21:00:00+07:00",
              "identities": [{"kind": 1, "number": "066305001234"}]}
    with server.admin() as admin:
        code = admin.post("/api/v1/admin/online-dossiers",
                          json={"agency_code": AGENCY, "record": record}).json()["code"]
    assert desk.sync.run_once().pulled == 1
    detail = desk.dossiers.get(code)
    assert detail.summary.status == 1 and detail.summary.owner_name == "H Hen Niê"
    assert [s.code for s in desk.dossiers.search("h hen nie")] == [code]


def test_a_missing_scan_is_a_visible_problem(desk, server):
    [code] = receive(desk)
    sha256 = attach_scan(desk, code)
    desk.paths.file_path(sha256).unlink()
    report = desk.sync.run_once()
    assert report.failed == 1 and "Thiếu tệp số hóa" in report.problems[0]


def test_a_refused_item_becomes_a_visible_problem_and_does_not_block_the_rest(desk, server):
    [bad, good] = receive(desk, 2)
    with desk.db.write() as session:  # a dossier whose data the province cannot accept
        session.execute(update(DossierRow).where(DossierRow.code == bad).values(owner_name=""))
    report = desk.sync.run_once()
    assert report.pushed == 1 and report.failed == 1 and bad in report.problems[0]
    status = desk.sync.status()
    assert status["failed"] == 1 and status["pending"] == 0
    assert server_dossier(server, desk, good).status_code == 200
    assert desk.sync.run_once().failed == 0  # refused items are not retried in a loop


def test_revoked_desk_stops_cleanly_without_failing_its_items(desk, server):
    receive(desk, 3)
    with server.admin() as admin:
        assert admin.post(f"/api/v1/admin/desks/{desk.settings.client_id}/revoke").status_code == 204
    report = desk.sync.run_once()
    assert "thu hồi" in report.error and report.pushed == 0
    status = desk.sync.status()
    assert status["pending"] == 3 and status["failed"] == 0
    assert desk.sync.run_once().pushed == 0  # asked again: the same clear answer, nothing sent


def test_no_secret_is_written_to_the_database_settings_or_logs(desk, server, memory_keyring):
    receive(desk, 2)
    assert desk.sync.run_once().ok
    secrets = [value for (_service, name), value in memory_keyring.store.items()]
    assert len(secrets) == 2 and all(len(s) > 30 for s in secrets)
    desk.db.dispose()
    for path in desk.paths.data_dir.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in content, f"secret found in {path}"


def test_cli_enroll_and_sync_once_exit_codes(tmp_path, clock, server):
    data_dir = tmp_path / "cli-desk"
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.support.keyring_backend.FileKeyring",
           "DESK_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"), "PYTHONPATH": str(ROOT)}

    def main(*args):
        return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)

    unenrolled = main("sync", "--once")
    assert unenrolled.returncode == 2 and "chưa đăng ký" in unenrolled.stderr
    enrolled = main("enroll", server.base_url, enrollment_code(server))
    assert enrolled.returncode == 0, enrolled.stderr
    settings = json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))
    assert settings["client_id"].startswith("desk-") and "secret" not in json.dumps(settings).lower()
    assert main("sync", "--once").returncode == 0
    server.stop()
    # a dossier received while the province is unreachable: not in sync, exit 1
    local = make_desk(data_dir, clock)
    receive(local, 1)
    local.db.dispose()
    offline = main("sync", "--once")
    assert offline.returncode == 1 and "Không kết nối được" in offline.stderr
    server.start()
    assert main("sync", "--once").returncode == 0


def test_expired_tokens_are_renewed_without_the_clerk_noticing(tmp_path, clock):
    short = ProvincialServer(tmp_path / "short-tokens", "--token-ttl", "1").start()
    try:
        with short.admin() as admin:
            admin.post("/api/v1/admin/communes", json={"agency_code": AGENCY, "name": "Xã Ea Kar",
                                                      "parent_authority": "UBND TỈNH ĐẮK LẮK"})
        services = make_desk(tmp_path / "desk", clock)
        services.sync.enroll(short.base_url, enrollment_code(short), actor=ADMIN)
        engine = services.sync.engine()
        receive(services, 1)
        assert engine.run_once().ok
        import time

        time.sleep(2.2)  # the token has expired on the server
        receive(services, 1)
        assert engine.run_once().ok and services.sync.status()["pending"] == 0
        engine.client.close()
        services.db.dispose()
    finally:
        short.stop()


def test_stale_unsynced_data_raises_the_warning(desk, server):
    server.stop()
    receive(desk, 1)
    desk.sync.run_once()
    assert not desk.sync.status()["too_old"]
    desk.settings_store.update(unsynced_warning_days=0)
    assert desk.sync.status()["too_old"]
    server.start()


def test_no_keyring_service_is_explained(tmp_path, clock, server):
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    from desk.domain.errors import DomainError

    keyring.set_keyring(NoKeyring())
    services = make_desk(tmp_path / "nokeyring", clock)
    with pytest.raises(DomainError, match="gnome-keyring"):
        services.sync.enroll(server.base_url, enrollment_code(server), actor=ADMIN)
    services.db.dispose()


def test_a_token_the_server_no_longer_accepts_is_renewed_once(desk, server):
    """The server restarts with a new token key: the desk's cached token gets 401 and is renewed."""
    engine = desk.sync.engine()
    receive(desk, 1)
    assert engine.run_once().ok
    cached = engine.client._token.value
    server.stop()
    (server.data_dir / "token.key").unlink()  # every token issued before is now invalid
    server.start()
    receive(desk, 1)
    assert engine.run_once().ok and desk.sync.status()["pending"] == 0
    assert engine.client._token.value != cached
    engine.client.close()


def test_a_document_scanned_at_intake_reaches_the_province_with_its_dossier(desk, server, tmp_path):
    from PIL import Image

    from desk.services.digitization import DocumentFile

    scan = tmp_path / "giay-to.tif"
    sheets = [Image.new("L", (1654, 2339), 255) for _ in range(2)]  # A4 at 200 dpi
    sheets[0].save(scan, save_all=True, append_images=sheets[1:], dpi=(200, 200))
    pages = desk.digitization.import_files([scan])
    request, version = sample_request(desk)
    code = desk.intake.receive(request, procedure_version=version,
                               files=[DocumentFile(pages=tuple(pages))], actor=CLERK).code
    document = desk.dossiers.get(code).documents[0]
    assert document["digitized"] == 1 and document["pages"] == 2
    report = desk.sync.run_once()
    assert report.ok and report.pushed == 1
    stored = server.data_dir / "files" / document["sha256"][:2] / document["sha256"]
    assert stored.read_bytes() == desk.paths.file_path(document["sha256"]).read_bytes()
    record = server_dossier(server, desk, code).json()["record"]["documents"][0]
    assert (record["file_sha256"], record["digitized"], record["file_name"]) == (document["sha256"], 1, "01.pdf")


def test_the_dossiers_life_after_intake_reaches_the_province(desk, server, clock):
    """Online accept, supplement, hand-over, result, apology, return and rating: each reaches the real server."""
    from datetime import datetime

    from desk.domain.lifecycle import Collector

    record = {"procedure_code": "2.000884", "procedure_name": "Chứng thực chữ ký", "channel": 2,
              "owner_name": "H Hen Niê", "received_at": "2026-11-22T21:00:00+07:00",
              "identities": [{"kind": 1, "number": "066305001234"}]}
    with server.admin() as admin:
        online = admin.post("/api/v1/admin/online-dossiers", json={"agency_code": AGENCY, "record": record}).json()
    desk.sync.run_once()
    accepted = desk.lifecycle.accept_online(online["code"], actor=CLERK)
    counter = receive(desk)[0]
    desk.lifecycle.request_supplement(counter, ["Giấy tờ, văn bản sẽ ký"], "Văn bản chưa có chữ ký", actor=CLERK)
    clock.now = datetime(2026, 11, 24, 9, 0)
    desk.lifecycle.record_supplement(counter, ["Giấy tờ, văn bản sẽ ký"], actor=CLERK)
    desk.lifecycle.send_to_handler(counter, "Công chức Tư pháp - Hộ tịch", actor=CLERK)
    clock.now = datetime(2026, 11, 25, 9, 0)
    desk.lifecycle.apologize(counter, datetime(2026, 11, 26, 16, 0), "Chờ xác minh chữ ký mẫu", actor=CLERK)
    desk.lifecycle.result_ready(counter, actor=CLERK)
    desk.lifecycle.return_result(counter, Collector("Nguyễn Thị Hoa", "066195012345", True), actor=CLERK)
    desk.lifecycle.rate(counter, 2)
    report = desk.sync.run_once()
    assert report.ok and desk.sync.status()["pending"] == 0, report.problems
    first = server_dossier(server, desk, online["code"]).json()
    assert first["status"] == 2
    assert first["record"]["appointment_at"] == accepted.appointment_at.isoformat() + "+07:00"
    second = server_dossier(server, desk, counter).json()
    assert second["status"] == 10 and second["record"]["appointment_at"] == "2026-11-26T16:00:00+07:00"
    client = desk.sync.engine().client
    try:
        steps = client.request("GET", f"/api/v1/dossiers/{counter}/dvcqg").json()["CapNhatTienDoHoSoMC"]
    finally:
        client.close()
    assert [s["TrangThai"] for s in steps][-6:] == ["5", "2", "4", "4", "9", "10"]  # strings, as vendors send


def test_a_stop_and_a_lawful_extension_reach_the_province_and_its_export(desk, server, clock):
    """Mẫu 05 and Mẫu 04 at the desk: the province stores the stop with its legal basis, and the DVCQG export keeps
    the receipt's promise after an apology unless the extension was lawful."""
    from datetime import datetime

    stopped, extended, excused = (receive(desk)[0] for _ in range(3))
    desk.lifecycle.send_to_handler(stopped, "Công chức Tư pháp - Hộ tịch", actor=CLERK)
    desk.lifecycle.stop(stopped, "Người yêu cầu chứng thực đã chết trước khi ký", "điểm a khoản 1 Điều 12 Nghị "
                        "định 118/2025/NĐ-CP", actor=CLERK)
    clock.now = datetime(2026, 11, 27, 9, 0)
    promised = desk.dossiers.get(excused).summary.appointment_at
    desk.lifecycle.apologize(extended, datetime(2026, 12, 2, 16, 0), "Chờ xác minh của Công an xã", actor=CLERK,
                             extension_basis="khoản 2 Điều 18 Luật Hộ tịch 2014")
    desk.lifecycle.apologize(excused, datetime(2026, 12, 2, 16, 0), "Cán bộ nghỉ ốm", actor=CLERK)
    report = desk.sync.run_once()
    assert report.ok and desk.sync.status()["pending"] == 0, report.problems
    assert server_dossier(server, desk, stopped).json()["status"] == 8
    client = desk.sync.engine().client
    try:
        export = {code: client.request("GET", f"/api/v1/dossiers/{code}/dvcqg").json()
                  for code in (stopped, extended, excused)}
    finally:
        client.close()
    assert export[stopped]["DongBoHoSoMC"]["TrangThaiHoSo"] == "8"
    last = export[stopped]["CapNhatTienDoHoSoMC"][-1]
    assert last["TrangThai"] == "8" and "Nghị định 118/2025/NĐ-CP" in last["NoiDungXuLy"]
    hen_tra = {code: export[code]["DongBoHoSoMC"]["NgayHenTra"] for code in (extended, excused)}
    assert hen_tra[extended] == "20261202160000"  # lawful: the new date is the deadline
    assert hen_tra[excused] == f"{promised:%Y%m%d%H%M%S}"  # an apology alone: the receipt's promise stays


def _province_backend(server):
    """The province's backend on the running server's database, to read what it stored."""
    from provincial.database import ServerDatabase
    from provincial.service import Backend

    return Backend(ServerDatabase.in_directory(server.data_dir), server.data_dir, b"k" * 32)


def _queue_outcome(desk, reference: str, **payload) -> None:
    """An intake.outcome outbox row as the desk's guidance and refusal service writes it."""
    from datetime import datetime

    body = {"kind": "guidance", "at": "2026-11-23T09:40:00+07:00", "procedure_code": "1.001193",
            "procedure_name": "Đăng ký khai sinh", "owner_name": "H Hen Niê", "owner_id_number": "066305001234",
            "phone": "0912345678", "documents": ["Giấy chứng sinh"], "reason": "", "clerk": "Lê Văn Tâm", **payload}
    with desk.db.write() as session:
        session.add(OutboxRow(created_utc=datetime(2026, 11, 23, 2, 40), dossier_code=reference,
                              kind="intake.outcome", client_txn_id=str(uuid.uuid4()), payload=body))


def test_a_sealed_dossier_opens_with_its_check_code_and_intake_outcomes_reach_the_province(desk, server):
    from datetime import date

    from desk.domain.receipt_check import check_code
    from desk.sync.credentials import Credentials, KeyringSigner
    from provincial.models import Commune, IntakeOutcome

    [code] = receive(desk)
    signer = KeyringSigner(Credentials(desk.settings.sync_account))
    with desk.db.write() as session:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        row.receipt_seal = signer.seal({"code": row.code, "id_number": row.owner_id_number,
                                        "received_at": row.received_at.isoformat(timespec="seconds")})
        row.receipt_unsigned = False
        seal = row.receipt_seal
    _queue_outcome(desk, f"{AGENCY}-261123-B001")
    _queue_outcome(desk, f"{AGENCY}-261123-T001", kind="refusal", documents=[], owner_id_number="",
                   reason="Thủ tục không thuộc thẩm quyền của xã.")
    report = desk.sync.run_once()
    assert report.ok and desk.sync.status()["pending"] == 0, report.problems
    # the citizen types the check code printed on the receipt
    printed = check_code(seal)
    tracked = httpx.get(f"{server.base_url}/tra-cuu/{code}", params={"ma": printed.lower()})
    assert tracked.status_code == 200 and "Nguyễn T** H**" in tracked.text and "Được tiếp nhận" in tracked.text
    wrong = "ABCD-EFGH" if printed != "ABCD-EFGH" else "HGFE-DCBA"
    assert not httpx.get(f"{server.base_url}/api/v1/tracking/{code}", params={"ma": wrong}).json()["verified"]
    backend = _province_backend(server)
    try:
        with backend.db.read() as session:
            commune_id = session.scalar(select(Commune.id).where(Commune.agency_code == AGENCY))
            stored = {o.reference: o for o in session.scalars(select(IntakeOutcome))}
        assert backend.intake_outcome_counts(commune_id, date(2026, 11, 23), date(2026, 11, 23)) == {
            "guidance": 1, "refusal": 1}
    finally:
        backend.db.engine.dispose()
    refusal = stored[f"{AGENCY}-261123-T001"]
    assert (refusal.kind, refusal.reason, refusal.clerk) == ("refusal", "Thủ tục không thuộc thẩm quyền của xã.",
                                                             "Lê Văn Tâm")
    # sent again after lost acknowledgements: the same answers, nothing doubled
    with desk.db.write() as session:
        session.execute(update(OutboxRow).values(state="pending"))
    assert desk.sync.run_once().ok
    backend = _province_backend(server)
    try:
        assert backend.intake_outcome_counts(commune_id, date(2026, 11, 23), date(2026, 11, 23)) == {
            "guidance": 1, "refusal": 1}
    finally:
        backend.db.engine.dispose()


def test_an_outcome_the_province_refuses_is_a_visible_problem(desk, server):
    _queue_outcome(desk, "000.00.54.H16-261123-B001")  # another commune's reference
    _queue_outcome(desk, f"{AGENCY}-261123-B002")
    report = desk.sync.run_once()
    assert report.pushed == 1 and report.failed == 1 and "000.00.54.H16-261123-B001" in report.problems[0]
    assert "không thuộc cơ quan" in report.problems[0]
    assert desk.sync.status()["failed"] == 1 and desk.sync.status()["pending"] == 0


def test_a_desk_offline_past_the_feed_window_is_told_to_rebuild(server, desk):
    """Issue 17: the province keeps its changes 90 days (python -m provincial prune); a desk whose cursor fell behind
    that is refused with cursor_expired and says what the admin can do, in words."""
    import sqlite3
    import subprocess
    import sys

    record = {"procedure_code": "2.000815", "procedure_name": "Chứng thực bản sao", "owner_name": "Võ Thị Lan",
              "received_at": "2026-11-23T08:00:00+07:00", "identities": [{"kind": 1, "number": "066305001234"}]}
    with server.admin() as admin:
        admin.post("/api/v1/admin/online-dossiers", json={"agency_code": AGENCY, "record": record})
    assert desk.sync.run_once().pulled == 1  # the desk's cursor now stands after that change
    with server.admin() as admin:
        for _ in range(2):
            admin.post("/api/v1/admin/online-dossiers", json={"agency_code": AGENCY, "record": record})
    with sqlite3.connect(server.data_dir / "provincial.sqlite3") as province:  # the changes grow old
        province.execute("UPDATE change SET created_utc = datetime(created_utc, '-100 days')")
    pruned = subprocess.run([sys.executable, "-m", "provincial", "--data-dir", str(server.data_dir), "prune"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert pruned.returncode == 0, pruned.stderr
    report = desk.sync.run_once()
    assert "Lấy lại dữ liệu từ tỉnh" in report.error and "cursor_expired" not in report.error
