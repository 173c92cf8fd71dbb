"""Guidance (Mẫu 02) and refusals (Mẫu 03) given at a commune's counter before any dossier code existed.

No dossier comes of them, yet they are part of the commune's work: the desks report each one
(``PUT /api/v1/intake-outcomes/{reference}``) and the province counts them per commune and period.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import utc_now, vietnam_wall
from ..database import ServerDatabase
from ..errors import Forbidden, Invalid
from ..models import IntakeOutcome
from ..schemas import IntakeOutcomeOut
from .enrollment import DeskIdentity
from .idempotency import Answer, Idempotency

KINDS = ("guidance", "refusal")
REFERENCE_LETTER = {"guidance": "B", "refusal": "T"}  # the printed form's number: …-B001, …-T001
FIELDS = ("procedure_code", "procedure_name", "owner_name", "owner_id_number", "phone", "documents", "reason",
          "clerk")


class IntakeOutcomes:
    def __init__(self, db: ServerDatabase, idempotency: Idempotency):
        self.db = db
        self.idempotency = idempotency

    def put(self, desk: DeskIdentity, reference: str, txn_id: str, body: dict) -> Answer:
        """Record (201) or correct (200) an outcome of the desk's own commune. ``body``: the contract's
        IntakeOutcomeIn without client_txn_id, JSON-ready."""
        if not reference.startswith(desk.agency_code + "-"):
            raise Forbidden("wrong_commune", "Số phiếu không thuộc cơ quan của máy quầy này.")
        if reference.rsplit("-", 1)[1][0] != REFERENCE_LETTER[body["kind"]]:
            raise Invalid("kind_mismatch", "Số phiếu hướng dẫn có chữ B, số phiếu từ chối có chữ T; "
                                           f"phiếu {reference} không khớp loại “{body['kind']}”.")

        def apply(s: Session):
            values = {name: body[name] for name in FIELDS}
            values.update(kind=body["kind"], at=vietnam_wall(datetime.fromisoformat(body["at"])))
            row = s.scalar(select(IntakeOutcome).where(IntakeOutcome.reference == reference))
            now = utc_now()
            if row is None:
                row = IntakeOutcome(reference=reference, commune_id=desk.commune_id, version=1, created_utc=now,
                                    updated_utc=now, **values)
                s.add(row)
                status = 201
            else:
                changed = {k: v for k, v in values.items() if getattr(row, k) != v}
                if changed:
                    for name, value in changed.items():
                        setattr(row, name, value)
                    row.version, row.updated_utc = row.version + 1, now
                status = 200
            return status, IntakeOutcomeOut.model_validate(row).model_dump()

        return self.idempotency.run(desk, txn_id, f"outcome:{reference}", body, apply)

    def counts(self, commune_id: int, first: date, last: date) -> dict[str, int]:
        """Outcomes of a commune given from ``first`` to ``last`` (Vietnam dates, both included), per kind."""
        start, end = datetime.combine(first, time.min), datetime.combine(last + timedelta(days=1), time.min)
        with self.db.read() as s:
            rows = s.execute(select(IntakeOutcome.kind, func.count()).where(
                IntakeOutcome.commune_id == commune_id, IntakeOutcome.at >= start, IntakeOutcome.at < end)
                .group_by(IntakeOutcome.kind)).all()
        found = dict(rows)
        return {kind: found.get(kind, 0) for kind in KINDS}
