"""Dossiers in the national portal's sync shapes (DOMAIN.md §3): DongBoHoSoMC and CapNhatTienDoHoSoMC.

Field names follow the records reconstructed from vendor code; dates are ``yyyyMMddHHmmss``
in Vietnam time.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def dvcqg_time(value: datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(VIETNAM)
    return value.strftime("%Y%m%d%H%M%S")


def dong_bo_ho_so(code: str, status: int, record: dict, returned_at: datetime | None = None) -> dict:
    documents = record.get("documents", [])
    return {
        "MaHoSo": code,
        "MaTTHC": record["procedure_code"],
        "TenTTHC": record["procedure_name"],
        "MaLinhVuc": record.get("sector_code", ""),
        "TenLinhVuc": record.get("sector_name", ""),
        "KenhThucHien": record.get("channel", 1),
        "ChuHoSo": record["owner_name"],
        "LoaiDoiTuong": record.get("owner_kind", 1),
        "SoDienThoai": record.get("phone", ""),
        "Email": record.get("email", ""),
        "TrichYeuHoSo": (record.get("summary") or record["procedure_name"])[:1000],
        "NgayTiepNhan": dvcqg_time(record.get("received_at")),
        "NgayHenTra": dvcqg_time(record.get("appointment_at")),
        "TrangThaiHoSo": status,
        "NgayTra": dvcqg_time(returned_at),
        "HinhThuc": record.get("return_method", 0),
        "NoiNopHoSo": record.get("place_submitted", ""),
        "HoSoCoThanhPhanSoHoa": 1 if any(d.get("digitized") for d in documents) else 0,
        "DinhDanhCHS": [{"LoaiDinhDanh": i["kind"], "SoDinhDanh": i["number"]} for i in record.get("identities", [])],
        "TaiLieuNop": [{"TepDinhKemId": d.get("file_sha256") or "", "TenTepDinhKem": d.get("file_name") or d["name"],
                        "MaThanhPhanHoSo": d.get("document_code", ""),
                        "DuocSoHoa": 1 if d.get("digitized") in (1, 2, 3) else 0,
                        "DuocTaiSuDung": 1 if d.get("digitized") in (2, 3) else 0} for d in documents],
        "DanhSachLePhi": [{"TenPhiLePhi": f["name"], "MaPhiLePhi": f.get("code", ""), "Gia": f["amount"]}
                          for f in record.get("fees", [])],
        "DanhSachHoSoBoSung": [],
        "DanhSachGiayToKetQua": [],
    }


def cap_nhat_tien_do(code: str, event) -> dict:
    """One processing step (an Event row) as CapNhatTienDoHoSoMC."""
    return {
        "MaHoSo": code,
        "NguoiXuLy": event.actor,
        "ChucDanh": event.actor_title,
        "ThoiDiemXuLy": dvcqg_time(event.at),
        "PhongBanXuLy": event.unit,
        "NoiDungXuLy": event.note,
        "TrangThai": event.to_status,
        "NgayBatDau": dvcqg_time(event.at),
        "NgayKetThucTheoQuyDinh": dvcqg_time(event.due_at),
    }
