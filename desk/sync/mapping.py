"""A stored dossier as the contract's DossierRecord (provincial/schemas.py, docs/REST.md), and the checks that
what arrives from the province has the contract's shape before the desk uses it."""

from __future__ import annotations

import re
from datetime import datetime

from desk.domain.clock import VIETNAM
from desk.domain.codes import DOSSIER_CODE_RE
from desk.domain.status import DossierStatus
from desk.store.models import DossierRow

STATUS_NUMBERS = frozenset(int(status) for status in DossierStatus)


def aware(moment: datetime | None) -> str | None:
    """Vietnam wall time (how the desk stores it) with its +07:00 offset."""
    return moment.replace(tzinfo=VIETNAM).isoformat() if moment else None


def dossier_record(row: DossierRow) -> dict:
    snapshot = row.procedure_snapshot or {}
    identities = [{"kind": 1 if len(row.owner_id_number) == 12 else 2, "number": row.owner_id_number}]
    if row.owner_old_id_number:
        identities.append({"kind": 2, "number": row.owner_old_id_number})
    documents = [{"name": d["name"][:400], "document_code": "", "file_sha256": d.get("sha256"),
                  "file_name": d.get("file_name", ""), "digitized": int(d.get("digitized") or 0)}
                 for d in row.documents if d.get("received")]
    extra = "; ".join(f"{k}: {v}" for k, v in (row.extra_values or {}).items() if v)
    return {
        "procedure_code": row.procedure_code[:40], "procedure_name": row.procedure_name[:400],
        "sector_code": "", "sector_name": str(snapshot.get("sector", ""))[:200], "channel": row.channel,
        "owner_name": row.owner_name, "owner_kind": 1, "phone": row.phone, "email": row.email,
        "summary": f"{row.procedure_name}. {extra}"[:1000] if extra else row.procedure_name[:1000],
        "received_at": aware(row.received_at), "appointment_at": aware(row.promised_at or row.appointment_at),
        "return_method": 0, "place_submitted": row.counter_name[:300],
        "return_place": str(snapshot.get("return_place", ""))[:300], "identities": identities,
        "documents": documents,
        "fees": [{"name": "Phí, lệ phí", "code": "", "amount": row.fee_amount}] if row.fee_amount else [],
        "clerk": row.clerk_name[:200],
        # The seal lets the province check the receipt's check code. A receipt printed without signature
        # (True), or perhaps so (None: received before the desk kept track), opens on the tracking page with
        # the last digits of the owner's ID number once the desk has sealed its dossier.
        "receipt_seal": row.receipt_seal or None,
        "receipt_unsigned": row.receipt_unsigned is not False,
        # Received regardless of residence and decided by another agency ("" otherwise); the longer time chosen
        # for a case that needs verification.
        "competent_agency": (row.competent_agency or "")[:300],
        "with_verification": bool(row.with_verification),
    }


# -- what arrives from the province, checked before use ----------------------------------------------------------
# A code from the changes feed becomes a row key, a search key and, later, file names (receipts/<code>.pdf);
# a hash becomes a path (files/<2 hex>/<sha256>). Nothing from the wire is used before it has the contract's
# shape: a change that does not is refused, logged, and skipped.
SHA256_RE = re.compile(r"[0-9a-f]{64}")


def valid_sha256(value) -> bool:
    return isinstance(value, str) and SHA256_RE.fullmatch(value) is not None


def _moment(value) -> bool:
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _text(value, max_length: int, *, required: bool = True) -> bool:
    return isinstance(value, str) and len(value) <= max_length and (bool(value.strip()) or not required)


def change_problem(change, agency_code: str | None) -> str | None:
    """Why a change of the feed cannot be used (in Vietnamese), or None when it has the contract's shape."""
    if not isinstance(change, dict) or not isinstance(change.get("payload"), dict):
        return "nội dung không đúng định dạng"
    kind, payload = change.get("kind"), change["payload"]
    if kind not in ("status", "online_dossier"):
        return None  # a catalog change carries nothing the desk uses; a kind this desk does not know is ignored
    code = payload.get("code")
    if not isinstance(code, str) or DOSSIER_CODE_RE.fullmatch(code) is None:
        return "mã hồ sơ không đúng định dạng"
    if agency_code and not code.startswith(agency_code + "-"):
        return f"hồ sơ {code} không thuộc cơ quan này"
    if kind == "status":
        status, event_id = payload.get("status"), payload.get("event_id", 0)
        if type(status) is not int or status not in STATUS_NUMBERS:
            return f"hồ sơ {code}: trạng thái không hợp lệ"
        if type(event_id) is not int or not 0 <= event_id < 2**53:
            return f"hồ sơ {code}: số hiệu bước xử lý không hợp lệ"
        if payload.get("at") is not None and not _moment(payload["at"]):
            return f"hồ sơ {code}: thời điểm không hợp lệ"
        documents = payload.get("documents") or []
        if not isinstance(documents, list) or not all(_text(d, 400) for d in documents):
            return f"hồ sơ {code}: danh sách giấy tờ không hợp lệ"
        return None
    return _online_record_problem(code, payload.get("record"))


def _online_record_problem(code: str, record) -> str | None:
    if not isinstance(record, dict):
        return f"hồ sơ {code}: thiếu thông tin hồ sơ"
    if not (_text(record.get("procedure_code"), 40) and _text(record.get("procedure_name"), 400)
            and _text(record.get("owner_name"), 200) and _moment(record.get("received_at"))):
        return f"hồ sơ {code}: thông tin hồ sơ không đúng định dạng"
    identities = record.get("identities") or []
    if not isinstance(identities, list) or not all(
            isinstance(i, dict) and isinstance(i.get("number"), str) and i["number"].isdigit() for i in identities):
        return f"hồ sơ {code}: số định danh không hợp lệ"
    documents = record.get("documents") or []
    if not isinstance(documents, list) or not all(isinstance(d, dict) and _text(d.get("name"), 400) for d in documents):
        return f"hồ sơ {code}: danh sách giấy tờ không hợp lệ"
    if any(d.get("file_sha256") is not None and not valid_sha256(d["file_sha256"]) for d in documents):
        return f"hồ sơ {code}: mã tệp số hóa không hợp lệ"
    fees = record.get("fees") or []
    if not isinstance(fees, list) or not all(isinstance(f, dict) and type(f.get("amount")) is int and
                                             0 <= f["amount"] <= 10**10 for f in fees):
        return f"hồ sơ {code}: lệ phí không hợp lệ"
    for name, limit in (("phone", 20), ("email", 254), ("summary", 1000)):
        if record.get(name) is not None and not _text(record[name], limit, required=False):
            return f"hồ sơ {code}: trường {name} không hợp lệ"
    return None
