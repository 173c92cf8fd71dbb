"""The provincial backend over real HTTP: a desk's whole conversation with the province."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from provincial.security import b64url, receipt_message
from tests.support.provincial import ROOT, ProvincialServer

A, B = "000.00.53.H16", "000.00.54.H16"
RECORD = {
    "procedure_code": "2.000815", "procedure_name": "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
    "sector_code": "CT", "sector_name": "Chứng thực", "channel": 1, "owner_name": "Nguyễn Thị Hoa",
    "owner_kind": 1, "phone": "0912345678", "email": "", "summary": "Chứng thực 3 bản sao",
    "received_at": "2026-11-23T09:15:00+07:00", "appointment_at": "2026-11-23T17:00:00+07:00",
    "identities": [{"kind": 1, "number": "066195012345"}],
    "documents": [{"name": "Bản chính giấy tờ", "document_code": "TP1", "digitized": 1,
                   "file_sha256": None, "file_name": ""}],
    "fees": [{"name": "Lệ phí chứng thực", "code": "LP01", "amount": 12000}],
    "clerk": "Lê Văn Tâm", "return_place": "Tại Bộ phận Một cửa xã Ea Kar",
}


class DeskClient:
    """What the desk's sync will do, written with plain httpx."""

    def __init__(self, server: ProvincialServer, agency: str):
        self.server = server
        self.key = Ed25519PrivateKey.generate()
        public = b64url(self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
        with server.admin() as admin:
            code = admin.post(f"/api/v1/admin/communes/{agency}/enrollment-codes").json()["code"]
        self.http = httpx.Client(base_url=server.base_url, timeout=10)
        enrolled = self.http.post("/api/v1/enroll", json={"code": code, "desk_name": "Quầy 1", "public_key": public})
        assert enrolled.status_code == 201, enrolled.text
        self.client_id, self.secret = enrolled.json()["client_id"], enrolled.json()["client_secret"]
        self.refresh_token()

    def refresh_token(self) -> httpx.Response:
        response = self.http.post("/api/v1/token", json={"grant_type": "client_credentials",
                                                        "client_id": self.client_id, "client_secret": self.secret})
        if response.status_code == 200:
            self.http.headers["Authorization"] = f"Bearer {response.json()['access_token']}"
        return response

    def sign(self, code: str, id_number: str, received: str, appointment: str | None) -> str:
        return b64url(self.key.sign(receipt_message(code, id_number, received, appointment)))


@pytest.fixture
def make_desk(server):
    """Enroll desks for a test and close their connections afterwards."""
    made = []

    def make(agency: str = A) -> DeskClient:
        made.append(DeskClient(server, agency))
        return made[-1]

    yield make
    for desk in made:
        desk.http.close()


def two_communes(folder, *extra: str) -> ProvincialServer:
    """A started server where communes A (Ea Kar) and B (Hòa Phú) exist; ``extra``: its command-line options."""
    process = ProvincialServer(folder, *extra).start()
    with process.admin() as admin:
        for agency, name in ((A, "Trung tâm PVHCC xã Ea Kar"), (B, "Trung tâm PVHCC xã Hòa Phú")):
            created = admin.post("/api/v1/admin/communes", json={"agency_code": agency, "name": name,
                                                                 "parent_authority": "UBND TỈNH ĐẮK LẮK"})
            assert created.status_code == 201
    return process


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    process = two_communes(tmp_path_factory.mktemp("province"))
    with process.admin() as admin:
        catalog = json.loads((ROOT / "resources/catalog/procedures.json").read_text(encoding="utf-8"))
        assert admin.put("/api/v1/admin/catalog", json={"procedures": catalog["procedures"]}).status_code == 200
    yield process
    process.stop()


def code(n: int, agency: str = A) -> str:
    return f"{agency}-261123-{n:04d}"


def test_health_and_structured_logs(server):
    assert httpx.get(f"{server.base_url}/healthz").json() == {"status": "ok"}
    line = next(line for line in server.log.read_text().splitlines() if '"provincial.http"' in line)
    entry = json.loads(line)
    assert entry["logger"] == "provincial.http" and entry["path"] == "/healthz" and entry["status"] == 200


def test_enrollment_codes_are_single_use_and_tokens_required(server, make_desk):
    desk = make_desk(A)
    anonymous = httpx.get(f"{server.base_url}/api/v1/catalog")
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "no_token"
    forged = httpx.get(f"{server.base_url}/api/v1/catalog", headers={"Authorization": "Bearer abc.def"})
    assert forged.status_code == 401 and "hết hạn" in forged.json()["message"]
    wrong = desk.http.post("/api/v1/token", json={"grant_type": "client_credentials", "client_id": desk.client_id,
                                                  "client_secret": "x" * 20})
    assert wrong.status_code == 401


def test_catalog_etag_gives_304(server, make_desk):
    desk = make_desk(A)
    first = desk.http.get("/api/v1/catalog")
    assert first.status_code == 200 and len(first.json()["procedures"]) == 12
    again = desk.http.get("/api/v1/catalog", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_upsert_replayed_five_times_is_one_dossier_and_conflicts_are_refused(server, make_desk):
    desk = make_desk(A)
    txn = str(uuid.uuid4())
    answers = [desk.http.put(f"/api/v1/dossiers/{code(1)}", json={"client_txn_id": txn, "record": RECORD})
               for _ in range(5)]
    assert {a.status_code for a in answers} == {201}
    assert len({a.text for a in answers}) == 1
    assert desk.http.get(f"/api/v1/dossiers/{code(1)}").json()["version"] == 1
    changed = {**RECORD, "owner_name": "Người khác"}
    conflict = desk.http.put(f"/api/v1/dossiers/{code(1)}", json={"client_txn_id": txn, "record": changed})
    assert conflict.status_code == 409 and conflict.json()["error"] == "txn_conflict"
    update = desk.http.put(f"/api/v1/dossiers/{code(1)}", json={"client_txn_id": str(uuid.uuid4()),
                                                                "record": changed})
    assert update.status_code == 200 and update.json()["version"] == 2


def _upload(desk, sha, data, start=0, chunk=64 * 1024):
    offset = start
    response = None
    while offset < len(data):
        piece = data[offset:offset + chunk]
        response = desk.http.patch(f"/api/v1/files/{sha}", content=piece,
                                   headers={"Upload-Offset": str(offset), "Upload-Length": str(len(data)),
                                            "Content-Type": "application/offset+octet-stream"})
        assert response.status_code in (201, 204), response.text
        offset = int(response.headers["Upload-Offset"])
    return response


def test_file_upload_interrupted_and_resumed_is_hash_verified(server, make_desk):
    desk = make_desk(A)
    data = bytes(range(256)) * 1500  # 384 000 bytes
    sha = hashlib.sha256(data).hexdigest()
    assert desk.http.head(f"/api/v1/files/{sha}").status_code == 404
    first = desk.http.patch(f"/api/v1/files/{sha}", content=data[:100_000],
                            headers={"Upload-Offset": "0", "Upload-Length": str(len(data))})
    assert first.status_code == 204
    # the connection drops; the desk asks where to resume
    head = desk.http.head(f"/api/v1/files/{sha}")
    assert head.headers["Upload-Offset"] == "100000" and head.headers["Upload-Complete"] == "?0"
    stale = desk.http.patch(f"/api/v1/files/{sha}", content=data[:10], headers={"Upload-Offset": "0",
                                                                                "Upload-Length": str(len(data))})
    assert stale.status_code == 409 and stale.headers["Upload-Offset"] == "100000"
    last = _upload(desk, sha, data, start=100_000)
    assert last.status_code == 201 and last.headers["Upload-Complete"] == "?1"
    assert (server.data_dir / "files" / sha[:2] / sha).read_bytes() == data
    # the file is downloadable once a dossier of the desk's commune refers to it
    record = {**RECORD, "documents": [{"name": "Bản chính", "file_sha256": sha, "file_name": "a.pdf",
                                       "digitized": 1}]}
    desk.http.put(f"/api/v1/dossiers/{code(2)}", json={"client_txn_id": str(uuid.uuid4()), "record": record})
    assert desk.http.get(f"/api/v1/files/{sha}").content == data
    other = make_desk(B)
    assert other.http.get(f"/api/v1/files/{sha}").status_code == 404


def test_a_corrupted_upload_is_refused(server, make_desk):
    desk = make_desk(A)
    data = b"x" * 5000
    sha = hashlib.sha256(b"y" * 5000).hexdigest()
    bad = desk.http.patch(f"/api/v1/files/{sha}", content=data, headers={"Upload-Offset": "0",
                                                                         "Upload-Length": "5000"})
    assert bad.status_code == 422 and bad.json()["error"] == "hash_mismatch"
    too_big = desk.http.patch(f"/api/v1/files/{'0' * 64}", content=b"x",
                              headers={"Upload-Offset": "0", "Upload-Length": str(10**12)})
    assert too_big.status_code == 413


def test_province_moves_status_and_the_feed_delivers_it_once_per_cursor(server, make_desk):
    desk = make_desk(A)
    start = desk.http.get("/api/v1/changes").json()
    while start["has_more"]:
        start = desk.http.get("/api/v1/changes", params={"cursor": start["next_cursor"]}).json()
    cursor = start["next_cursor"]
    desk.http.put(f"/api/v1/dossiers/{code(3)}", json={"client_txn_id": str(uuid.uuid4()), "record": RECORD})
    with server.admin() as admin:
        moved = admin.post(f"/api/v1/admin/dossiers/{code(3)}/status",
                           json={"status": 4, "handler": "Trần Minh", "unit": "Phòng Tư pháp"})
        assert moved.status_code == 200, moved.text
    page = desk.http.get("/api/v1/changes", params={"cursor": cursor}).json()
    statuses = [c for c in page["changes"] if c["kind"] == "status"]
    assert [(c["dossier_code"], c["payload"]["status"]) for c in statuses] == [(code(3), 4)]
    assert desk.http.get("/api/v1/changes", params={"cursor": cursor}).json() == page  # replay: same page
    after = desk.http.get("/api/v1/changes", params={"cursor": page["next_cursor"]}).json()
    assert after["changes"] == []
    # the province has the dossier now: intake data is frozen at the desk
    frozen = desk.http.put(f"/api/v1/dossiers/{code(3)}", json={"client_txn_id": str(uuid.uuid4()),
                                                                "record": {**RECORD, "phone": "0900000000"}})
    assert frozen.status_code == 409 and frozen.json()["error"] == "intake_frozen"
    other = make_desk(B)
    assert all(c["dossier_code"] != code(3) for c in other.http.get("/api/v1/changes").json()["changes"])


def test_status_machine_refuses_impossible_moves(server, make_desk):
    desk = make_desk(A)
    desk.http.put(f"/api/v1/dossiers/{code(4)}", json={"client_txn_id": str(uuid.uuid4()), "record": RECORD})

    def event(status):
        return desk.http.post(f"/api/v1/dossiers/{code(4)}/events", json={
            "client_txn_id": str(uuid.uuid4()), "status": status, "at": "2026-11-23T10:00:00+07:00",
            "actor": "Lê Văn Tâm"})

    assert event(10).status_code == 409  # returned before the result exists
    refused = event(6)  # a financial obligation is the province's call; 4 and 9 the commune's desk may record
    assert refused.status_code == 409 and "cơ quan xử lý" in refused.json()["message"]
    with server.admin() as admin:
        assert admin.post(f"/api/v1/admin/dossiers/{code(4)}/status",
                          json={"status": 9, "handler": "Trần Minh", "unit": "Phòng Tư pháp"}).status_code == 200
        assert admin.post(f"/api/v1/admin/dossiers/{code(4)}/status",
                          json={"status": 4, "handler": "Trần Minh", "unit": "Phòng Tư pháp"}).status_code == 409
    assert event(10).status_code == 201
    assert event(7).status_code == 409  # nothing after "returned"


def _screenshot(url: str, out: Path, profile: Path) -> None:
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", "--window-size=360,740",
                    "--hide-scrollbars", f"--screenshot={out}", url], check=True, capture_output=True, timeout=60)


def test_tracking_page_verifies_the_receipt_signature(server, tmp_path, make_desk):
    desk = make_desk(A)
    desk.http.put(f"/api/v1/dossiers/{code(5)}", json={"client_txn_id": str(uuid.uuid4()), "record": RECORD})
    with server.admin() as admin:
        admin.post(f"/api/v1/admin/dossiers/{code(5)}/status",
                   json={"status": 5, "handler": "Trần Minh", "unit": "Phòng Tư pháp",
                         "documents": ["Bản sao giấy khai sinh có chứng thực"]})
    sig = desk.sign(code(5), "066195012345", "2026-11-23T09:15:00", "2026-11-23T17:00:00")
    page = httpx.get(f"{server.base_url}/tra-cuu/{code(5)}", params={"sig": sig})
    assert page.status_code == 200
    assert "Nguyễn T** H**" in page.text and "Yêu cầu bổ sung giấy tờ" in page.text
    assert "Bản sao giấy khai sinh có chứng thực" in page.text and "<script" not in page.text
    assert "Nguyễn Thị Hoa" not in page.text
    twin = httpx.get(f"{server.base_url}/api/v1/tracking/{code(5)}", params={"sig": sig}).json()
    assert twin["verified"] and twin["owner_masked"] == "Nguyễn T** H**" and twin["status"] == 5

    forged = make_desk(B).sign(code(5), "066195012345", "2026-11-23T09:15:00", "2026-11-23T17:00:00")
    for bad in (forged, sig[:-4] + "AAAA"):
        text = httpx.get(f"{server.base_url}/tra-cuu/{code(5)}", params={"sig": bad}).text
        assert "Nguyễn" not in text and "Không xác minh được" in text and "bổ sung" not in text
    # no signature at all: the page asks for the receipt's check code instead, still showing nothing
    text = httpx.get(f"{server.base_url}/tra-cuu/{code(5)}", params={"sig": ""}).text
    assert "Nguyễn" not in text and 'name="ma"' in text and "bổ sung" not in text

    out = ROOT / "docs" / "screenshots" / "tracking-page-360.png"
    _screenshot(f"{server.base_url}/tra-cuu/{code(5)}?sig={sig}", out, tmp_path / "chromium-profile")
    assert out.stat().st_size > 5000
    rated = httpx.post(f"{server.base_url}/api/v1/tracking/{code(5)}/rating", json={"sig": sig, "level": 1})
    assert rated.status_code == 201


def test_cross_commune_access_is_refused(server, make_desk):
    a, b = make_desk(A), make_desk(B)
    a.http.put(f"/api/v1/dossiers/{code(6)}", json={"client_txn_id": str(uuid.uuid4()), "record": RECORD})
    assert b.http.get(f"/api/v1/dossiers/{code(6)}").status_code == 404
    assert b.http.put(f"/api/v1/dossiers/{code(6)}", json={"client_txn_id": str(uuid.uuid4()),
                                                           "record": RECORD}).status_code == 403
    assert b.http.post(f"/api/v1/dossiers/{code(6)}/events", json={
        "client_txn_id": str(uuid.uuid4()), "status": 7, "at": "2026-11-23T10:00:00+07:00",
        "actor": "x"}).status_code == 404


def test_online_inbox_accept_refuse_supplement(server, make_desk):
    desk = make_desk(A)
    online = {**RECORD, "channel": 2, "received_at": "2026-11-22T20:00:00+07:00", "appointment_at": None}
    with server.admin() as admin:
        created = [admin.post("/api/v1/admin/online-dossiers", json={"agency_code": A, "record": online}).json()
                   for _ in range(3)]
    codes = [c["code"] for c in created]
    assert codes == [f"{A}-261122-9999", f"{A}-261122-9998", f"{A}-261122-9997"]
    assert {d["code"] for d in desk.http.get("/api/v1/inbox").json()} >= set(codes)
    txn = str(uuid.uuid4())
    accept = desk.http.post(f"/api/v1/inbox/{codes[0]}/accept", json={"client_txn_id": txn, "clerk": "Lê Văn Tâm"})
    assert accept.status_code == 201 and accept.json()["status"] == 2
    assert desk.http.post(f"/api/v1/inbox/{codes[0]}/accept", json={"client_txn_id": txn,
                                                                      "clerk": "Lê Văn Tâm"}).json() == accept.json()
    refuse = desk.http.post(f"/api/v1/inbox/{codes[1]}/refuse", json={"client_txn_id": str(uuid.uuid4()),
                                                                       "clerk": "Lê Văn Tâm", "reason": "Sai thủ tục"})
    assert refuse.json()["status"] == 3
    supplement = desk.http.post(f"/api/v1/inbox/{codes[2]}/request-supplement", json={
        "client_txn_id": str(uuid.uuid4()), "clerk": "Lê Văn Tâm", "documents": ["Giấy chứng sinh"]})
    assert supplement.json()["status"] == 5
    assert desk.http.get(f"/api/v1/dossiers/{codes[2]}").json()["to_bring"] == ["Giấy chứng sinh"]
    kinds = {(c["kind"], c["dossier_code"]) for c in desk.http.get("/api/v1/changes",
                                                                   params={"limit": 500}).json()["changes"]}
    assert {("online_dossier", c) for c in codes} <= kinds


def test_revoked_desk_is_told_clearly(server, make_desk):
    desk = make_desk(A)
    with server.admin() as admin:
        assert admin.post(f"/api/v1/admin/desks/{desk.client_id}/revoke").status_code == 204
    refused = desk.http.get("/api/v1/catalog")
    assert refused.status_code == 403 and refused.json()["error"] == "desk_revoked"
    assert desk.refresh_token().status_code == 403


def test_dvcqg_export_of_a_dossier_and_its_steps(server, make_desk):
    desk = make_desk(A)
    desk.http.put(f"/api/v1/dossiers/{code(7)}", json={"client_txn_id": str(uuid.uuid4()), "record": RECORD})
    with server.admin() as admin:
        admin.post(f"/api/v1/admin/dossiers/{code(7)}/status", json={"status": 4, "handler": "Trần Minh",
                                                                    "handler_title": "Công chức Tư pháp",
                                                                    "unit": "Phòng Tư pháp",
                                                                    "at": "2026-11-23T10:30:00+07:00"})
    export = desk.http.get(f"/api/v1/dossiers/{code(7)}/dvcqg").json()
    record = export["DongBoHoSoMC"]
    assert record["MaHoSo"] == code(7) and record["NgayTiepNhan"] == "20261123091500"
    assert record["TrangThaiHoSo"] == "4" and record["NgayHenTra"] == "20261123170000"
    assert record["MaTTHC"] == "2.000815" and record["DonViXuLy"] == "Trung tâm PVHCC xã Ea Kar"
    assert record["TrichYeuHoSo"] == "Chứng thực bản sao từ bản chính giấy tờ, văn bản - Nguyễn Thị Hoa"
    steps = export["CapNhatTienDoHoSoMC"]
    assert [s["TrangThai"] for s in steps] == ["2", "4"]
    assert steps[1]["ThoiDiemXuLy"] == "20261123103000" and steps[1]["ChucDanh"] == "Công chức Tư pháp"
    assert steps[1]["NgayKetThucTheoQuyDinh"] == "20261123170000"


@pytest.mark.parametrize("body,where", [
    ({"client_txn_id": "abc", "record": RECORD}, "client_txn_id"),
    ({"client_txn_id": "x" * 20, "record": {**RECORD, "unknown": 1}}, "unknown"),
    ({"client_txn_id": "x" * 20, "record": {**RECORD, "received_at": "2026-11-23T09:15:00"}}, "received_at"),
    ({"client_txn_id": "x" * 20, "record": {**RECORD, "received_at": "1800-01-01T00:00:00+07:00"}}, "received_at"),
    ({"client_txn_id": "x" * 20, "record": {**RECORD, "owner_name": "A\x00B"}}, "owner_name"),
    ({"client_txn_id": "x" * 20, "record": {**RECORD, "channel": "1"}}, "channel"),
])
def test_bad_input_gets_a_vietnamese_4xx(server, body, where, make_desk):
    answer = make_desk(A).http.put(f"/api/v1/dossiers/{code(8)}", json=body)
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_request" and where in answer.json()["message"]
    assert "không hợp lệ" in answer.json()["message"]


def test_oversized_and_malformed_bodies(server, make_desk):
    desk = make_desk(A)
    huge = desk.http.put(f"/api/v1/dossiers/{code(9)}", content=b"{" + b" " * 1_200_000 + b"}",
                         headers={"Content-Type": "application/json"})
    assert huge.status_code == 413
    broken = desk.http.put(f"/api/v1/dossiers/{code(9)}", content=b"{not json",
                           headers={"Content-Type": "application/json"})
    assert broken.status_code == 422
    bad_code = desk.http.get("/api/v1/dossiers/000.00.53.H16-261123-00X1")
    assert bad_code.status_code == 422


def test_public_endpoints_are_rate_limited(tmp_path):
    limited = ProvincialServer(tmp_path / "limited", "--public-per-minute", "5").start()
    try:
        answers = [httpx.get(f"{limited.base_url}/tra-cuu/{code(1)}").status_code for _ in range(8)]
        assert answers[:5] == [200] * 5 and 429 in answers[5:]
        assert httpx.get(f"{limited.base_url}/tra-cuu/{code(1)}").headers.get("Retry-After")
    finally:
        limited.stop()


def test_cli_admin_commands(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "provincial", "--data-dir", str(tmp_path), *args], cwd=ROOT,
                              capture_output=True, text=True, timeout=60)

    assert run("create-commune", A, "Xã Ea Kar").returncode == 0
    issued = run("issue-code", A)
    assert issued.returncode == 0 and len(json.loads(issued.stdout)["code"]) == 14
    assert run("list-desks").returncode == 0
    missing = run("revoke-desk", "desk-nope")
    assert missing.returncode == 1 and "Không có máy quầy" in missing.stderr
