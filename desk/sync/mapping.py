"""A stored dossier as the contract's DossierRecord (provincial/schemas.py, docs/REST.md)."""

from __future__ import annotations

from datetime import datetime

from desk.domain.clock import VIETNAM
from desk.store.models import DossierRow


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
        "received_at": aware(row.received_at), "appointment_at": aware(row.appointment_at),
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
    }
