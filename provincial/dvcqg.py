"""Dossiers in the national portal's sync shapes: DongBoHoSoMC (the dossier) and CapNhatTienDoHoSoMC (its steps).

Field names, value types and codes follow the records reconstructed from two vendors' production code (OpenCPS,
Tân Dân) and the VPCP description of the QĐ 766 indicators; the field list with its sources and doubts is in
docs/LEGAL.md ("Đồng bộ hồ sơ lên Cổng DVCQG"). Every scalar is a string, codes included, as both vendors send
them; dates are ``yyyyMMddHHmmss`` in Vietnam time, ``""`` when unknown.

Lateness is judged by the portal as NgayKetThucXuLy <= NgayHenTra, NgayHenTra being the one in the latest
DongBoHoSoMC record. So NgayHenTra is the appointment promised on the receipt in force: set at reception,
re-issued when a supplement is received, moved by an apology only when the extension is lawful (the event's
``extension_basis``). An apology for a delay leaves it: the dossier stays late (``deadlines``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .clock import vietnam_wall
from .statuses import DossierStatus

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
_S = DossierStatus
# A procedure code of the national database (CSDL quốc gia về TTHC): 1.001193, 2.000815. Anything else is local.
NATIONAL_PROCEDURE = re.compile(r"^\d\.\d{6}$")
# Where the province serves an uploaded file (routers/files.py); no public base URL is configured, so a path.
FILES_PATH = "/api/v1/files/"
# NoiNopHoSo: 1 submitted on the national portal, 2 in the ministry's or province's own system (counter included).
# Every dossier here was received by a commune's counter or came in through the province's own system.
SUBMITTED_IN_PROVINCE = "2"
# When processing ended (NgayKetThucXuLy), in the portal's order of preference: result ready over returned.
_ENDINGS = (_S.RESULT_READY, _S.RETURNED)
_OTHER_ENDINGS = frozenset({_S.STOPPED, _S.REFUSED, _S.WITHDRAWN})
_SUMMARY_MAX = 1000


def dvcqg_time(value: datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(VIETNAM)
    return value.strftime("%Y%m%d%H%M%S")


def _wall(value: str | None) -> datetime | None:
    """A record's ISO time with offset as naive Vietnam wall time (how events are stored)."""
    return vietnam_wall(datetime.fromisoformat(value)) if value else None


def _kind(event: Any) -> str:
    return getattr(event, "kind", "") or ""


def is_apology(event: Any, index: int) -> bool:
    """An apology with a new date: no status change. From an older desk (no kind): a later step of the same status
    with an appointment (the first step of a dossier is its reception, status 2 to 2)."""
    kind = _kind(event)
    if kind:
        return kind == "apology"
    return index > 0 and event.from_status == event.to_status and event.due_at is not None


def _reception(event: Any, index: int) -> bool:
    """The dossier received (status 2): at the counter, an online dossier accepted, or a supplement received."""
    if event.to_status != _S.RECEIVED or is_apology(event, index):
        return False
    return index == 0 or event.from_status != _S.RECEIVED or _kind(event) in ("receive", "accept",
                                                                               "supplement_received")


def next_deadline(event: Any, index: int, in_force: datetime | None, appointment: datetime | None) -> datetime | None:
    """The deadline in force after ``event`` (``index`` in the dossier's steps), ``in_force`` before it;
    ``appointment``: the record's, for a reception that carries none (an online dossier accepted)."""
    if is_apology(event, index):
        return event.due_at if getattr(event, "extension_basis", "") and event.due_at else in_force
    if _reception(event, index):
        return event.due_at or appointment or in_force
    return in_force  # a step's own deadline (the province's due_at) is not the dossier's appointment


def deadlines(events: Sequence[Any], appointment: datetime | None) -> list[datetime | None]:
    """The deadline in force after each step, first to last: the one a step fixed when it was written
    (``deadline_at``), or else the rule of ``next_deadline``."""
    in_force: datetime | None = None
    result = []
    for index, event in enumerate(events):
        stored = getattr(event, "deadline_at", None)
        in_force = stored if stored is not None else next_deadline(event, index, in_force, appointment)
        result.append(in_force)
    return result


def national_code(code: str) -> str:
    """The code sent as MaTTHC: a national procedure code, or "" (a local code is never sent as one)."""
    return code if NATIONAL_PROCEDURE.match(code) else ""


def summary(record: dict) -> str:
    """TrichYeuHoSo: the procedure and the owner, in words. The desk's summary may carry the procedure's extra
    fields as raw ``key: value`` pairs, which are not for the portal."""
    text = f"{record['procedure_name']} - {record['owner_name']}"
    return text if len(text) <= _SUMMARY_MAX else text[:_SUMMARY_MAX - 3] + "..."


def _reused(digitized: int) -> str:
    """DuocTaiSuDung: 0 no, 1 reused digitized data, 2 reused another dossier's electronic result."""
    return {2: "1", 3: "2"}.get(digitized, "0")


def tai_lieu_nop(document: dict, files_url: str = FILES_PATH) -> dict:
    sha = document.get("file_sha256") or ""
    digitized = int(document.get("digitized") or 0)
    return {
        "TepDinhKemId": sha, "TenTepDinhKem": document.get("file_name") or document["name"],
        "MaThanhPhanHoSo": document.get("document_code", ""),
        "DuongDanTaiTepTin": files_url + sha if sha else "",
        "DuocSoHoa": "1" if digitized else "0",
        "DuocTaiSuDung": _reused(digitized),
        # Reuse at a commune takes a file its own desk holds, never the citizen's store on the national portal.
        "DuocLayTuKhoDMQG": "0",
        "MaKetQuaThayThe": "",
        "IsDeleted": "0",
    }


def _first_at(events: Iterable[Any], statuses: Iterable[int]) -> datetime | None:
    wanted = frozenset(statuses)
    return next((e.at for e in events if e.to_status in wanted and e.from_status != e.to_status), None)


def ended_at(events: Sequence[Any]) -> datetime | None:
    """NgayKetThucXuLy: result ready (9), else returned (10), else stopped, refused or withdrawn."""
    for status in _ENDINGS:
        found = _first_at(events, (status,))
        if found is not None:
            return found
    return _first_at(events, _OTHER_ENDINGS)


def _received_at(events: Sequence[Any], record: dict) -> datetime | str | None:
    """NgayTiepNhan: when the dossier was first received (status 2); an online dossier not yet accepted has none."""
    for index, event in enumerate(events):
        if _reception(event, index):
            return event.at
    return None if events else record.get("received_at")


def supplements(events: Sequence[Any], in_force: Sequence[datetime | None]) -> list[dict]:
    """DanhSachHoSoBoSung: one entry per supplement request (status 5), completed by the step that ended it."""
    entries = []
    for index, event in enumerate(events):
        if event.to_status != _S.SUPPLEMENT_REQUESTED or event.from_status == _S.SUPPLEMENT_REQUESTED:
            continue
        documents = list(getattr(event, "documents", None) or [])
        content = "; ".join(part for part in (
            f"Giấy tờ cần bổ sung: {', '.join(documents)}" if documents else "",
            f"Lý do: {event.note}" if event.note else "") if part)
        after = next(((j, e) for j, e in enumerate(events) if j > index and e.from_status == _S.SUPPLEMENT_REQUESTED
                      and e.to_status != _S.SUPPLEMENT_REQUESTED), None)
        brought = after is not None and after[1].to_status in (_S.RECEIVED, _S.PROCESSING)
        before = in_force[after[0] - 1] if brought and after else in_force[index]
        entries.append({
            "HoSoBoSungId": event.id, "NguoiYeuCauBoSung": event.actor, "NoiDungBoSung": content,
            "NgayBoSung": dvcqg_time(event.at),
            "NguoiTiepNhanBoSung": after[1].actor if brought and after else "",
            "ThongTinTiepNhan": after[1].note if brought and after else "",
            "NgayTiepNhanBoSung": dvcqg_time(after[1].at) if brought and after else "",
            "NgayHenTraTruoc": dvcqg_time(before),
            "NgayHenTraMoi": dvcqg_time(in_force[after[0]]) if brought and after else "",
            "TrangThaiBoSung": brought,
            "DanhSachGiayToBoSung": [], "DanhSachLePhiBoSung": [],
        })
    return entries


def ghi_chu(record: dict) -> str:
    notes = []
    if not national_code(record["procedure_code"]):
        notes.append(f"Thủ tục chưa có mã trên CSDL quốc gia về TTHC, mã nội bộ {record['procedure_code']}")
    if record.get("competent_agency"):
        notes.append("Hồ sơ tiếp nhận không phụ thuộc địa giới hành chính (Nghị định 118/2025/NĐ-CP), cơ quan có "
                     f"thẩm quyền giải quyết: {record['competent_agency']}")
    return ". ".join(notes)


def dong_bo_ho_so(code: str, status: int, record: dict, events: Sequence[Any] = (), *, agency_name: str = "",
                  result_documents: Sequence[str] = (), files_url: str = FILES_PATH) -> dict:
    """The dossier record (DongBoHoSoMC ``data[]`` item). ``events``: its steps, first to last (Event rows);
    ``agency_name``: the receiving unit; ``result_documents``: the procedure's results, from the catalog."""
    documents = record.get("documents", [])
    in_force = deadlines(events, _wall(record.get("appointment_at")))
    promised = in_force[-1] if in_force and in_force[-1] is not None else _wall(record.get("appointment_at"))
    finished = status in (_S.RESULT_READY, _S.RETURNED)
    return {
        "MaHoSo": code,
        "MaTTHC": national_code(record["procedure_code"]),
        "TenTTHC": record["procedure_name"],
        "MaLinhVuc": record.get("sector_code", ""),
        "TenLinhVuc": record.get("sector_name", ""),
        "KenhThucHien": str(record.get("channel", 1)),
        "ChuHoSo": record["owner_name"],
        "LoaiDoiTuong": str(record.get("owner_kind", 1)),
        "SoDienThoai": record.get("phone", ""),
        "Email": record.get("email", ""),
        "TrichYeuHoSo": summary(record),
        "NgayNopHoSo": dvcqg_time(record.get("received_at")),
        "NgayTiepNhan": dvcqg_time(_received_at(events, record)),
        "NgayHenTra": dvcqg_time(promised),
        "TrangThaiHoSo": str(status),
        "NgayKetThucXuLy": dvcqg_time(ended_at(events)),
        "NgayTuChoi": dvcqg_time(_first_at(events, (_S.REFUSED,))),
        "NgayTra": dvcqg_time(_first_at(events, (_S.RETURNED,))),
        "HinhThuc": str(record.get("return_method", 0)),
        "NoiNopHoSo": SUBMITTED_IN_PROVINCE,
        "DonViXuLy": record.get("competent_agency") or agency_name,
        "GhiChu": ghi_chu(record),
        "HoSoCoThanhPhanSoHoa": "1" if any(d.get("digitized") for d in documents) else "0",
        "DuocThanhToanTrucTuyen": "0",  # fees are paid at the counter; the record knows no online payment
        "TaiKhoanDuocXacThucVoiVNeID": "0",  # received at a counter, not from a portal account
        "DinhDanhCHS": [{"LoaiDinhDanh": str(i["kind"]), "SoDinhDanh": i["number"]}
                        for i in record.get("identities", [])],
        "TaiLieuNop": [tai_lieu_nop(d, files_url) for d in documents],
        "DanhSachLePhi": [{"TenPhiLePhi": f["name"], "MaPhiLePhi": f.get("code", ""), "Gia": str(f["amount"])}
                          for f in record.get("fees", [])],
        "DanhSachHoSoBoSung": supplements(events, in_force),
        "DanhSachGiayToKetQua": [{"TenGiayTo": name, "MaThanhPhanHoSo": "", "GiayToId": "",
                                  "DuongDanTepTinKetQua": "", "MaGiayToKetQua": ""}
                                 for name in result_documents] if finished else [],
    }


def _step_content(event: Any) -> str:
    basis = getattr(event, "extension_basis", "") or getattr(event, "legal_basis", "")
    return f"{event.note} (Căn cứ: {basis})" if basis and event.note else basis or event.note


def cap_nhat_tien_do(code: str, event: Any, deadline: datetime | None = None) -> dict:
    """One processing step (an Event row) as CapNhatTienDoHoSoMC; ``deadline``: the one in force after it."""
    return {
        "MaHoSo": code,
        "NguoiXuLy": event.actor,
        "ChucDanh": event.actor_title,
        "ThoiDiemXuLy": dvcqg_time(event.at),
        "PhongBanXuLy": event.unit,
        "NoiDungXuLy": _step_content(event),
        "TrangThai": str(event.to_status),
        "NgayBatDau": dvcqg_time(event.at),
        "NgayKetThucTheoQuyDinh": dvcqg_time(deadline),
    }


def export(code: str, status: int, record: dict, events: Sequence[Any], *, agency_name: str = "",
           result_documents: Sequence[str] = (), files_url: str = FILES_PATH) -> dict:
    """Both shapes of one dossier: what GET /dossiers/{code}/dvcqg answers."""
    in_force = deadlines(events, _wall(record.get("appointment_at")))
    return {"DongBoHoSoMC": dong_bo_ho_so(code, status, record, events, agency_name=agency_name,
                                          result_documents=result_documents, files_url=files_url),
            "CapNhatTienDoHoSoMC": [cap_nhat_tien_do(code, e, d) for e, d in zip(events, in_force)]}
