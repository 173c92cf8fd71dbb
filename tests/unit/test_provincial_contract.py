"""The provincial contract without a server: OpenAPI drift, the status machine, DVCQG mapping, schema."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

import pytest

from provincial import statuses
from provincial.dvcqg import cap_nhat_tien_do, dong_bo_ho_so, dvcqg_time
from provincial.openapi import OPENAPI_FILE, generate
from provincial.services.tracking import mask_name


def test_committed_openapi_matches_the_code():
    assert OPENAPI_FILE.read_text(encoding="utf-8") == generate(), \
        "provincial/openapi.json is stale: run python -m provincial.openapi and commit it"


ALL = range(1, 11)


@pytest.mark.parametrize("current", ALL)
def test_every_impossible_transition_is_refused(current):
    for target in ALL:
        for by in ("desk", "province"):
            reason = statuses.allowed(current, target, by=by)
            possible = target in statuses.TRANSITIONS[current] and target in (
                statuses.DESK_TARGETS if by == "desk" else statuses.PROVINCE_TARGETS)
            assert (reason is None) == possible, (current, target, by)


def test_terminal_statuses_go_nowhere():
    for final in (3, 7, 8, 10):
        assert all(statuses.allowed(final, t, by=b) for t in ALL for b in ("desk", "province"))


RECORD = {
    "procedure_code": "1.001193", "procedure_name": "Đăng ký khai sinh", "sector_code": "HT",
    "sector_name": "Hộ tịch", "channel": 3, "owner_name": "Y Sơn Niê", "owner_kind": 1, "phone": "0912345678",
    "email": "son@example.vn", "summary": "", "received_at": "2026-11-23T15:20:05+07:00",
    "appointment_at": "2026-11-24T17:00:00+07:00", "return_method": 1, "place_submitted": "Xã Hòa Phú",
    "identities": [{"kind": 1, "number": "066205000777"}, {"kind": 2, "number": "241234567"}],
    "documents": [{"name": "Tờ khai", "document_code": "TK", "file_sha256": "ab" * 32, "file_name": "tk.pdf",
                   "digitized": 2}, {"name": "Giấy chứng sinh", "digitized": 0}],
    "fees": [{"name": "Lệ phí", "code": "LP", "amount": 8000}],
}


STEPS = [SimpleNamespace(id=1, from_status=2, to_status=2, actor="Lê Văn Tâm", actor_title="", unit="Bộ phận Một cửa",
                         note="Tiếp nhận", at=datetime(2026, 11, 23, 15, 20, 5), due_at=datetime(2026, 11, 24, 17, 0)),
         SimpleNamespace(id=2, from_status=2, to_status=9, actor="Trần Minh", actor_title="Công chức Tư pháp",
                         unit="Phòng Tư pháp", note="Có kết quả", at=datetime(2026, 11, 24, 8, 0), due_at=None),
         SimpleNamespace(id=3, from_status=9, to_status=10, actor="Lê Văn Tâm", actor_title="", unit="Bộ phận Một cửa",
                         note="Trả kết quả", at=datetime(2026, 11, 24, 9, 30), due_at=None)]


# The full field list, through the real app, is tests/unit/test_dvcqg_export.py; this is the mapping alone.
@pytest.mark.parametrize("field,expected", [
    ("MaHoSo", "000.00.53.H16-261123-0001"), ("MaTTHC", "1.001193"), ("TenTTHC", "Đăng ký khai sinh"),
    ("MaLinhVuc", "HT"), ("TenLinhVuc", "Hộ tịch"), ("KenhThucHien", "3"), ("ChuHoSo", "Y Sơn Niê"),
    ("LoaiDoiTuong", "1"), ("SoDienThoai", "0912345678"), ("Email", "son@example.vn"),
    ("TrichYeuHoSo", "Đăng ký khai sinh - Y Sơn Niê"), ("NgayTiepNhan", "20261123152005"),
    ("NgayHenTra", "20261124170000"), ("TrangThaiHoSo", "10"), ("NgayKetThucXuLy", "20261124080000"),
    ("NgayTra", "20261124093000"), ("HinhThuc", "1"), ("NoiNopHoSo", "2"), ("HoSoCoThanhPhanSoHoa", "1"),
    ("DinhDanhCHS", [{"LoaiDinhDanh": "1", "SoDinhDanh": "066205000777"},
                     {"LoaiDinhDanh": "2", "SoDinhDanh": "241234567"}]),
    ("TaiLieuNop", [{"TepDinhKemId": "ab" * 32, "TenTepDinhKem": "tk.pdf", "MaThanhPhanHoSo": "TK",
                     "DuongDanTaiTepTin": "/api/v1/files/" + "ab" * 32, "DuocSoHoa": "1", "DuocTaiSuDung": "1",
                     "DuocLayTuKhoDMQG": "0", "MaKetQuaThayThe": "", "IsDeleted": "0"},
                    {"TepDinhKemId": "", "TenTepDinhKem": "Giấy chứng sinh", "MaThanhPhanHoSo": "",
                     "DuongDanTaiTepTin": "", "DuocSoHoa": "0", "DuocTaiSuDung": "0", "DuocLayTuKhoDMQG": "0",
                     "MaKetQuaThayThe": "", "IsDeleted": "0"}]),
    ("DanhSachLePhi", [{"TenPhiLePhi": "Lệ phí", "MaPhiLePhi": "LP", "Gia": "8000"}]),
    ("DanhSachHoSoBoSung", []), ("DanhSachGiayToKetQua", []),
])
def test_dong_bo_ho_so_field(field, expected):
    record = dong_bo_ho_so("000.00.53.H16-261123-0001", 10, RECORD, STEPS)
    assert record[field] == expected


def test_progress_step_fields_and_times_in_vietnam():
    event = SimpleNamespace(actor="Trần Minh", actor_title="Công chức Tư pháp", at=datetime(2026, 11, 23, 16, 0),
                            unit="Phòng Tư pháp", note="Chuyển xử lý", to_status=4,
                            due_at=datetime(2026, 11, 24, 12, 0))
    assert cap_nhat_tien_do("X", event, datetime(2026, 11, 24, 17, 0)) == {
        "MaHoSo": "X", "NguoiXuLy": "Trần Minh", "ChucDanh": "Công chức Tư pháp", "ThoiDiemXuLy": "20261123160000",
        "PhongBanXuLy": "Phòng Tư pháp", "NoiDungXuLy": "Chuyển xử lý", "TrangThai": "4",
        "NgayBatDau": "20261123160000", "NgayKetThucTheoQuyDinh": "20261124170000"}
    assert dvcqg_time("2026-11-23T08:00:00+00:00") == "20261123150000"  # UTC in, Vietnam out


@pytest.mark.parametrize("name,masked", [("Nguyễn Thị Hoa", "Nguyễn T** H**"), ("Y Sơn Niê", "Y S** N**"),
                                         ("Lan", "L**"), ("", "")])
def test_owner_name_masking(name, masked):
    assert mask_name(name) == masked


@pytest.mark.postgres
def test_server_migrations_on_postgres_match_models(pg_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from provincial.database import ServerDatabase
    from provincial.models import Base

    db = ServerDatabase(pg_url)
    db.migrate()
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata) == []
    db.engine.dispose()
