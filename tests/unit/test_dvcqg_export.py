"""The DVCQG export (provincial/dvcqg.py) field by field, and lateness as the portal's indicators judge it.

Every dossier is built through the real provincial app in process (the app factory, its lifespan, httpx's ASGI
transport; SQLite in a temporary directory): a desk enrolls, puts its dossiers, posts their steps; the province's
simulator moves them; the export is read from GET /api/v1/dossiers/{code}/dvcqg. Field list and sources:
docs/LEGAL.md ("Đồng bộ hồ sơ lên Cổng DVCQG").
"""

from __future__ import annotations

import asyncio
import uuid
from contextlib import AsyncExitStack
from datetime import datetime
from types import SimpleNamespace

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from fastapi import FastAPI

from provincial.api import create_app
from provincial.dvcqg import cap_nhat_tien_do, dong_bo_ho_so, dvcqg_time
from provincial.security import b64url
from provincial.settings import Settings

A = "000.00.53.H16"
COMMUNE_NAME = "Trung tâm PVHCC xã Ea Kar"
ADMIN = {"Authorization": "Bearer admin-token-for-dvcqg-tests"}
SHA_SCANNED, SHA_REUSED, SHA_RESULT = "a1" * 32, "b2" * 32, "c3" * 32
RECORD = {
    "procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh", "sector_code": "HT",
    "sector_name": "Hộ tịch", "channel": 1, "owner_name": "Y Sơn Niê", "owner_kind": 1, "phone": "0912345678",
    "email": "son@example.vn", "summary": "Đăng ký khai sinh. ngay_sinh_tre: 2026-11-01; ten_tre: Bé An",
    "received_at": "2026-11-23T09:15:00+07:00", "appointment_at": "2026-11-25T17:00:00+07:00",
    "return_method": 1, "place_submitted": "Quầy 1 - Bộ phận Một cửa xã Ea Kar",
    "identities": [{"kind": 1, "number": "066205000777"}],
    "documents": [
        {"name": "Tờ khai đăng ký khai sinh", "document_code": "TK", "file_sha256": SHA_SCANNED,
         "file_name": "to-khai.pdf", "digitized": 1},
        {"name": "Giấy chứng sinh", "document_code": "GCS", "file_sha256": SHA_REUSED, "file_name": "gcs.pdf",
         "digitized": 2},
        {"name": "Giấy chứng nhận kết hôn", "file_sha256": SHA_RESULT, "file_name": "kh.pdf", "digitized": 3},
        {"name": "Giấy tờ tùy thân", "digitized": 0}],
    "fees": [{"name": "Lệ phí", "code": "LP", "amount": 8000}],
    "clerk": "Lê Văn Tâm",
}
CATALOG = [{"code": "1.001193", "name": "Đăng ký khai sinh", "sector": "Hộ tịch",
            "result_documents": ["Giấy khai sinh (bản chính)", "Trích lục khai sinh"]}]


class InProcess:
    """The app started (its lifespan) and an httpx client talking to it, called synchronously on a loop of its own."""

    def __init__(self, app: FastAPI):
        self.loop = asyncio.new_event_loop()
        self.stack = AsyncExitStack()
        self.client = self.loop.run_until_complete(self._open(app))

    async def _open(self, app: FastAPI) -> httpx.AsyncClient:
        await self.stack.enter_async_context(app.router.lifespan_context(app))
        return await self.stack.enter_async_context(
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://province"))

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.loop.run_until_complete(self.client.get(url, **kwargs))

    def post(self, url: str, **kwargs) -> httpx.Response:
        return self.loop.run_until_complete(self.client.post(url, **kwargs))

    def put(self, url: str, **kwargs) -> httpx.Response:
        return self.loop.run_until_complete(self.client.put(url, **kwargs))

    def close(self) -> None:
        self.loop.run_until_complete(self.stack.aclose())
        self.loop.close()


class Province:
    """The provincial app in process, one enrolled desk, and the calls the tests make."""

    def __init__(self, client: InProcess):
        self.http = client
        client.post("/api/v1/admin/communes", headers=ADMIN, json={
            "agency_code": A, "name": COMMUNE_NAME, "parent_authority": "UBND TỈNH ĐẮK LẮK"}).raise_for_status()
        enrollment = client.post(f"/api/v1/admin/communes/{A}/enrollment-codes", headers=ADMIN).json()["code"]
        key = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        desk = client.post("/api/v1/enroll", json={"code": enrollment, "desk_name": "Quầy 1",
                                                   "public_key": b64url(key)}).json()
        token = client.post("/api/v1/token", json={"grant_type": "client_credentials", "client_id": desk["client_id"],
                                                   "client_secret": desk["client_secret"]}).json()["access_token"]
        self.desk = {"Authorization": f"Bearer {token}"}
        client.put("/api/v1/admin/catalog", headers=ADMIN, json={"procedures": CATALOG}).raise_for_status()

    def receive(self, number: int, **changes) -> str:
        code = f"{A}-261123-{number:04d}"
        answer = self.http.put(f"/api/v1/dossiers/{code}", headers=self.desk,
                               json={"client_txn_id": str(uuid.uuid4()), "record": {**RECORD, **changes}})
        assert answer.status_code == 201, answer.text
        return code

    def step(self, code: str, status: int, at: str, **fields) -> None:
        body = {"client_txn_id": str(uuid.uuid4()), "status": status, "at": at, "actor": "Lê Văn Tâm",
                "actor_title": "Công chức Bộ phận Một cửa", "unit": "Bộ phận Một cửa", **fields}
        answer = self.http.post(f"/api/v1/dossiers/{code}/events", headers=self.desk, json=body)
        assert answer.status_code == 201, answer.text

    def province(self, code: str, status: int, at: str, **fields) -> None:
        body = {"status": status, "handler": "Trần Minh", "handler_title": "Công chức Tư pháp - Hộ tịch",
                "unit": "Phòng Tư pháp", "at": at, **fields}
        answer = self.http.post(f"/api/v1/admin/dossiers/{code}/status", headers=ADMIN, json=body)
        assert answer.status_code == 200, answer.text

    def export(self, code: str) -> dict:
        answer = self.http.get(f"/api/v1/dossiers/{code}/dvcqg", headers=self.desk)
        assert answer.status_code == 200, answer.text
        return answer.json()


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("province"),
                        admin_token=ADMIN["Authorization"].removeprefix("Bearer "))
    client = InProcess(create_app(settings))
    try:
        yield Province(client)
    finally:
        client.close()


def _full_dossier(province: Province) -> dict:
    """Received, handed over, result ready, returned; the record carries a competent agency."""
    code = province.receive(1, competent_agency="UBND xã Hòa Phú, tỉnh Đắk Lắk")
    province.step(code, 4, "2026-11-23T10:00:00+07:00", kind="handover", note="Chuyển Công chức Tư pháp")
    province.step(code, 9, "2026-11-24T15:00:00+07:00", kind="result", note="Đã có kết quả")
    province.step(code, 10, "2026-11-25T09:00:00+07:00", kind="return", note="Trả kết quả cho người có hồ sơ")
    return province.export(code)


@pytest.fixture(scope="module")
def full(province) -> dict:
    return _full_dossier(province)


@pytest.fixture(scope="module")
def local(province) -> dict:
    """A procedure without a national code, no sector code, at the counter and still open."""
    code = province.receive(2, procedure_code="CT.HDGD", procedure_name="Chứng thực hợp đồng, giao dịch",
                            sector_code="", sector_name="Chứng thực", summary="", documents=[], fees=[])
    return province.export(code)["DongBoHoSoMC"]


# -- DongBoHoSoMC, one field (group) at a time ------------------------------------------------------------------
@pytest.mark.parametrize("field,expected", [
    ("MaHoSo", f"{A}-261123-0001"),
    ("MaTTHC", "1.001193"),
    ("TenTTHC", "Đăng ký khai sinh"),
    ("MaLinhVuc", "HT"),
    ("TenLinhVuc", "Hộ tịch"),
    ("KenhThucHien", "1"),
    ("ChuHoSo", "Y Sơn Niê"),
    ("LoaiDoiTuong", "1"),
    ("SoDienThoai", "0912345678"),
    ("Email", "son@example.vn"),
    ("NgayNopHoSo", "20261123091500"),
    ("NgayTiepNhan", "20261123091500"),
    ("NgayHenTra", "20261125170000"),
    ("TrangThaiHoSo", "10"),
    ("NgayKetThucXuLy", "20261124150000"),
    ("NgayTra", "20261125090000"),
    ("NgayTuChoi", ""),
    ("HinhThuc", "1"),
    ("NoiNopHoSo", "2"),
    ("DonViXuLy", "UBND xã Hòa Phú, tỉnh Đắk Lắk"),
    ("HoSoCoThanhPhanSoHoa", "1"),
    ("DuocThanhToanTrucTuyen", "0"),
    ("TaiKhoanDuocXacThucVoiVNeID", "0"),
    ("DinhDanhCHS", [{"LoaiDinhDanh": "1", "SoDinhDanh": "066205000777"}]),
    ("DanhSachLePhi", [{"TenPhiLePhi": "Lệ phí", "MaPhiLePhi": "LP", "Gia": "8000"}]),
    ("DanhSachHoSoBoSung", []),
])
def test_dong_bo_ho_so_field(full, field, expected):
    assert full["DongBoHoSoMC"][field] == expected


def test_every_scalar_is_a_string_as_the_vendors_send_them(full):
    record = full["DongBoHoSoMC"]
    scalars = {k: v for k, v in record.items() if not isinstance(v, list)}
    assert all(isinstance(v, str) for v in scalars.values()), scalars
    for item in record["TaiLieuNop"] + record["DanhSachLePhi"] + record["DinhDanhCHS"]:
        assert all(isinstance(v, str) for v in item.values()), item
    assert all(isinstance(s["TrangThai"], str) for s in full["CapNhatTienDoHoSoMC"])


def test_summary_is_the_procedure_and_the_owner_without_raw_keys(full):
    summary = full["DongBoHoSoMC"]["TrichYeuHoSo"]
    assert summary == "Đăng ký khai sinh - Y Sơn Niê"
    assert "ngay_sinh_tre" not in summary and "ten_tre" not in summary and "2026-11-01" not in summary


def test_summary_is_capped_at_1000_characters():
    long = dong_bo_ho_so("c", 2, {**RECORD, "procedure_name": "x" * 1500})["TrichYeuHoSo"]
    assert len(long) == 1000 and long.endswith("...")


@pytest.mark.parametrize("index,expected", [
    (0, {"TepDinhKemId": SHA_SCANNED, "TenTepDinhKem": "to-khai.pdf", "MaThanhPhanHoSo": "TK",
         "DuongDanTaiTepTin": f"/api/v1/files/{SHA_SCANNED}", "DuocSoHoa": "1", "DuocTaiSuDung": "0",
         "DuocLayTuKhoDMQG": "0", "MaKetQuaThayThe": "", "IsDeleted": "0"}),
    (1, {"TepDinhKemId": SHA_REUSED, "TenTepDinhKem": "gcs.pdf", "MaThanhPhanHoSo": "GCS",
         "DuongDanTaiTepTin": f"/api/v1/files/{SHA_REUSED}", "DuocSoHoa": "1", "DuocTaiSuDung": "1",
         "DuocLayTuKhoDMQG": "0", "MaKetQuaThayThe": "", "IsDeleted": "0"}),
    (2, {"TepDinhKemId": SHA_RESULT, "TenTepDinhKem": "kh.pdf", "MaThanhPhanHoSo": "",
         "DuongDanTaiTepTin": f"/api/v1/files/{SHA_RESULT}", "DuocSoHoa": "1", "DuocTaiSuDung": "2",
         "DuocLayTuKhoDMQG": "0", "MaKetQuaThayThe": "", "IsDeleted": "0"}),
    (3, {"TepDinhKemId": "", "TenTepDinhKem": "Giấy tờ tùy thân", "MaThanhPhanHoSo": "", "DuongDanTaiTepTin": "",
         "DuocSoHoa": "0", "DuocTaiSuDung": "0", "DuocLayTuKhoDMQG": "0", "MaKetQuaThayThe": "", "IsDeleted": "0"}),
])
def test_tai_lieu_nop_per_document(full, index, expected):
    """digitized 0 none, 1 scanned, 2 reused, 3 reused another dossier's result; the file's link where the
    province serves it; nothing is taken from the citizen's store on the national portal."""
    assert full["DongBoHoSoMC"]["TaiLieuNop"][index] == expected


def test_file_link_is_the_route_the_province_serves_files_under(province, full):
    link = full["DongBoHoSoMC"]["TaiLieuNop"][0]["DuongDanTaiTepTin"]
    assert province.http.get(link).status_code == 401  # the route exists and asks for a desk's token


def test_result_documents_come_from_the_catalog_once_there_is_a_result(full, local):
    assert full["DongBoHoSoMC"]["DanhSachGiayToKetQua"] == [
        {"TenGiayTo": name, "MaThanhPhanHoSo": "", "GiayToId": "", "DuongDanTepTinKetQua": "", "MaGiayToKetQua": ""}
        for name in CATALOG[0]["result_documents"]]
    assert local["DanhSachGiayToKetQua"] == []  # no result yet, and the procedure is not in the catalog


def test_competent_agency_is_the_handling_unit_and_said_in_the_note(full, local):
    assert "Nghị định 118/2025/NĐ-CP" in full["DongBoHoSoMC"]["GhiChu"]
    assert "UBND xã Hòa Phú, tỉnh Đắk Lắk" in full["DongBoHoSoMC"]["GhiChu"]
    assert local["DonViXuLy"] == COMMUNE_NAME  # none named: the receiving unit


@pytest.mark.parametrize("field,expected", [
    ("MaTTHC", ""), ("TenTTHC", "Chứng thực hợp đồng, giao dịch"), ("MaLinhVuc", ""), ("TenLinhVuc", "Chứng thực"),
    ("TrangThaiHoSo", "2"), ("NgayKetThucXuLy", ""), ("NgayTra", ""), ("HoSoCoThanhPhanSoHoa", "0"),
    ("TaiLieuNop", []), ("DanhSachLePhi", []),
])
def test_local_procedure_field(local, field, expected):
    assert local[field] == expected


def test_a_local_code_is_never_sent_as_matthc_but_named_in_the_note(local):
    assert local["MaTTHC"] == "" and "CT.HDGD" in local["GhiChu"]
    assert "CT.HDGD" not in local["TenTTHC"]


@pytest.mark.parametrize("code,sent", [("1.001193", "1.001193"), ("2.000815", "2.000815"), ("CT.HDGD", ""),
                                       ("1.001193.000.00.00.H16", ""), ("1.00119", ""), ("HT-01", "")])
def test_only_national_codes_are_sent_as_matthc(code, sent):
    record = dong_bo_ho_so("c", 2, {**RECORD, "procedure_code": code})
    assert record["MaTTHC"] == sent
    assert (code in record["GhiChu"]) == (sent == "")


@pytest.mark.parametrize("number,channel", [(3, 1), (4, 3)])
def test_noi_nop_ho_so_is_a_code_never_the_counter_text(province, number, channel):
    record = province.export(province.receive(number, channel=channel))["DongBoHoSoMC"]
    assert record["NoiNopHoSo"] == "2" and record["KenhThucHien"] == str(channel)


def test_an_online_dossier_is_received_when_accepted_and_keeps_its_promise_after_an_apology(province):
    online = province.http.post("/api/v1/admin/online-dossiers", headers=ADMIN, json={
        "agency_code": A, "record": {**RECORD, "received_at": "2026-11-22T20:00:00+07:00", "appointment_at": None}})
    code = online.json()["code"]
    accepted = province.http.post(f"/api/v1/inbox/{code}/accept", headers=province.desk, json={
        "client_txn_id": str(uuid.uuid4()), "clerk": "Lê Văn Tâm", "appointment_at": "2026-11-26T17:00:00+07:00"})
    assert accepted.status_code == 201, accepted.text
    province.step(code, 2, "2026-11-26T16:00:00+07:00", kind="apology", note="Xin lỗi và hẹn lại",
                  appointment_at="2026-11-28T17:00:00+07:00")
    record = province.export(code)["DongBoHoSoMC"]
    assert record["KenhThucHien"] == "2" and record["NoiNopHoSo"] == "2"
    assert record["NgayNopHoSo"] == "20261122200000" and record["NgayTiepNhan"] != ""
    assert record["NgayHenTra"] == "20261126170000"  # the accept's promise; the record now says the 28th


# -- CapNhatTienDoHoSoMC ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("index,expected", [
    (0, {"NguoiXuLy": "Lê Văn Tâm", "ChucDanh": "", "ThoiDiemXuLy": "20261123091500",
         "PhongBanXuLy": "Bộ phận Một cửa", "NoiDungXuLy": "Tiếp nhận", "TrangThai": "2",
         "NgayBatDau": "20261123091500", "NgayKetThucTheoQuyDinh": "20261125170000"}),
    (1, {"NguoiXuLy": "Lê Văn Tâm", "ChucDanh": "Công chức Bộ phận Một cửa", "ThoiDiemXuLy": "20261123100000",
         "PhongBanXuLy": "Bộ phận Một cửa", "NoiDungXuLy": "Chuyển Công chức Tư pháp", "TrangThai": "4",
         "NgayBatDau": "20261123100000", "NgayKetThucTheoQuyDinh": "20261125170000"}),
    (2, {"NguoiXuLy": "Lê Văn Tâm", "ChucDanh": "Công chức Bộ phận Một cửa", "ThoiDiemXuLy": "20261124150000",
         "PhongBanXuLy": "Bộ phận Một cửa", "NoiDungXuLy": "Đã có kết quả", "TrangThai": "9",
         "NgayBatDau": "20261124150000", "NgayKetThucTheoQuyDinh": "20261125170000"}),
    (3, {"NguoiXuLy": "Lê Văn Tâm", "ChucDanh": "Công chức Bộ phận Một cửa", "ThoiDiemXuLy": "20261125090000",
         "PhongBanXuLy": "Bộ phận Một cửa", "NoiDungXuLy": "Trả kết quả cho người có hồ sơ", "TrangThai": "10",
         "NgayBatDau": "20261125090000", "NgayKetThucTheoQuyDinh": "20261125170000"}),
])
def test_one_progress_entry_per_step(full, index, expected):
    steps = full["CapNhatTienDoHoSoMC"]
    assert len(steps) == 4
    assert steps[index] == {"MaHoSo": f"{A}-261123-0001", **expected}


def test_progress_step_of_a_row_and_times_in_vietnam():
    event = SimpleNamespace(actor="Trần Minh", actor_title="Công chức Tư pháp", at=datetime(2026, 11, 23, 16, 0),
                            unit="Phòng Tư pháp", note="Dừng xử lý", to_status=8, legal_basis="Điều 10 NĐ 118/2025")
    step = cap_nhat_tien_do("X", event)
    assert step["TrangThai"] == "8" and step["NgayKetThucTheoQuyDinh"] == ""
    assert step["NoiDungXuLy"] == "Dừng xử lý (Căn cứ: Điều 10 NĐ 118/2025)"
    assert dvcqg_time("2026-11-23T08:00:00+00:00") == "20261123150000"  # UTC in, Vietnam out


def test_a_stop_ends_processing_with_its_legal_basis(province):
    code = province.receive(5)
    province.province(code, 8, "2026-11-24T10:00:00+07:00", note="Dừng xử lý: không đủ điều kiện")
    export = province.export(code)
    assert export["DongBoHoSoMC"]["NgayKetThucXuLy"] == "20261124100000"
    assert export["DongBoHoSoMC"]["TrangThaiHoSo"] == "8"


def test_a_refusal_is_its_end_and_its_refusal_date(province):
    online = province.http.post("/api/v1/admin/online-dossiers", headers=ADMIN, json={
        "agency_code": A, "record": {**RECORD, "received_at": "2026-11-22T20:00:00+07:00", "appointment_at": None}})
    code = online.json()["code"]
    refused = province.http.post(f"/api/v1/inbox/{code}/refuse", headers=province.desk, json={
        "client_txn_id": str(uuid.uuid4()), "clerk": "Lê Văn Tâm", "reason": "Sai thủ tục"})
    assert refused.status_code == 201
    record = province.export(code)["DongBoHoSoMC"]
    assert record["NgayTuChoi"] == record["NgayKetThucXuLy"] != ""
    assert record["NgayTiepNhan"] == "" and record["NgayHenTra"] == ""  # never received, nothing promised


# -- lateness: on time is NgayKetThucXuLy <= NgayHenTra, the promise in force -----------------------------------
APOLOGY = {"kind": "apology", "note": "Xin lỗi và hẹn lại: chờ xác minh", "appointment_at": "2026-11-27T17:00:00+07:00"}
BASIS = "Khoản 3 Điều 22 Nghị định 118/2025/NĐ-CP: gia hạn để xác minh"


@pytest.mark.parametrize("number,case,apology,late,promised", [
    (10, "finished before the promised date", None, False, "20261125170000"),
    (11, "apology without legal basis: the promise stays", APOLOGY, True, "20261125170000"),
    (12, "lawful extension: the new date is the deadline", {**APOLOGY, "extension_basis": BASIS}, False,
     "20261127170000"),
    (13, "apology from an older desk (no kind): the promise stays", {**APOLOGY, "kind": ""}, True, "20261125170000"),
])
def test_lateness(province, number, case, apology, late, promised):
    code = province.receive(number)
    province.step(code, 4, "2026-11-23T10:00:00+07:00", kind="handover")
    if apology:
        province.step(code, 4, "2026-11-25T16:00:00+07:00", **apology)
    finished = "2026-11-26T10:00:00+07:00" if apology else "2026-11-24T15:00:00+07:00"
    province.step(code, 9, finished, kind="result")
    export = province.export(code)
    record = export["DongBoHoSoMC"]
    assert record["NgayHenTra"] == promised, case
    assert record["NgayKetThucXuLy"] == dvcqg_time(finished)
    assert (record["NgayKetThucXuLy"] > record["NgayHenTra"]) == late, case
    if apology:
        told = province.http.get(f"/api/v1/dossiers/{code}", headers=province.desk).json()["record"]
        assert told["appointment_at"] == "2026-11-27T17:00:00+07:00"  # the citizen is told the new date
        step = export["CapNhatTienDoHoSoMC"][2]
        assert step["NgayKetThucTheoQuyDinh"] == promised and step["TrangThai"] == "4"
        assert (BASIS in step["NoiDungXuLy"]) == bool(apology.get("extension_basis"))


@pytest.mark.parametrize("number,kind", [(20, "supplement_received"), (21, "")])
def test_supplement_reissues_the_promise_and_is_listed_with_old_and_new(province, number, kind):
    code = province.receive(number)
    province.step(code, 5, "2026-11-23T10:00:00+07:00", kind="supplement", note="Thiếu giấy chứng sinh bản chính",
                  documents=["Giấy chứng sinh"])
    province.step(code, 2, "2026-11-24T09:00:00+07:00", kind=kind, note="Đã nhận giấy tờ bổ sung",
                  appointment_at="2026-11-26T17:00:00+07:00")
    province.step(code, 4, "2026-11-24T10:00:00+07:00", kind="handover")
    province.step(code, 9, "2026-11-26T15:00:00+07:00", kind="result")
    export = province.export(code)
    record = export["DongBoHoSoMC"]
    assert record["NgayHenTra"] == "20261126170000"
    assert record["NgayKetThucXuLy"] == "20261126150000" <= record["NgayHenTra"]
    [entry] = record["DanhSachHoSoBoSung"]
    assert {k: v for k, v in entry.items() if k != "HoSoBoSungId"} == {
        "NguoiYeuCauBoSung": "Lê Văn Tâm",
        "NoiDungBoSung": "Giấy tờ cần bổ sung: Giấy chứng sinh; Lý do: Thiếu giấy chứng sinh bản chính",
        "NgayBoSung": "20261123100000", "NguoiTiepNhanBoSung": "Lê Văn Tâm",
        "ThongTinTiepNhan": "Đã nhận giấy tờ bổ sung", "NgayTiepNhanBoSung": "20261124090000",
        "NgayHenTraTruoc": "20261125170000", "NgayHenTraMoi": "20261126170000", "TrangThaiBoSung": True,
        "DanhSachGiayToBoSung": [], "DanhSachLePhiBoSung": []}
    deadlines = [s["NgayKetThucTheoQuyDinh"] for s in export["CapNhatTienDoHoSoMC"]]
    assert deadlines == ["20261125170000", "20261125170000", "20261126170000", "20261126170000", "20261126170000"]


def test_a_supplement_still_awaited_is_listed_as_not_done(province):
    code = province.receive(22)
    province.step(code, 5, "2026-11-23T10:00:00+07:00", kind="supplement", note="Thiếu tờ khai",
                  documents=["Tờ khai"])
    [entry] = province.export(code)["DongBoHoSoMC"]["DanhSachHoSoBoSung"]
    assert entry["TrangThaiBoSung"] is False and entry["NgayTiepNhanBoSung"] == "" and entry["NgayHenTraMoi"] == ""
    assert entry["NgayHenTraTruoc"] == "20261125170000"
