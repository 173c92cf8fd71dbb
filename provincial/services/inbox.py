"""Online applications waiting for a commune's counter: the desk accepts, refuses or asks for papers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import vietnam_now
from ..database import ServerDatabase
from ..errors import Conflict
from ..models import Dossier
from ..statuses import DossierStatus
from .dossiers import COUNTER_UNIT, apply_status, own_dossier
from .enrollment import DeskIdentity
from .idempotency import Answer, Idempotency

DECISIONS = {"accept": DossierStatus.RECEIVED, "refuse": DossierStatus.REFUSED,
             "request-supplement": DossierStatus.SUPPLEMENT_REQUESTED}


class Inbox:
    def __init__(self, db: ServerDatabase, idempotency: Idempotency):
        self.db = db
        self.idempotency = idempotency

    def waiting(self, desk: DeskIdentity) -> list[Dossier]:
        with self.db.read() as s:
            return list(s.scalars(select(Dossier).where(Dossier.commune_id == desk.commune_id,
                                                        Dossier.status == DossierStatus.NEW_ONLINE)
                                  .order_by(Dossier.id)))

    def decide(self, desk: DeskIdentity, code: str, txn_id: str, decision: str, body: dict) -> Answer:
        """``decision``: one of DECISIONS; ``body``: the contract's Inbox…In, JSON-ready."""
        target = DECISIONS[decision]

        def apply(s: Session):
            dossier = own_dossier(s, desk, code)
            # A supplement asked for at intake comes back through the inbox too: accepting it is allowed.
            if dossier.status != DossierStatus.NEW_ONLINE and not (
                    decision == "accept" and dossier.status == DossierStatus.SUPPLEMENT_REQUESTED):
                raise Conflict("not_in_inbox", "Hồ sơ này không còn chờ tiếp nhận.")
            row = apply_status(s, dossier, target, source="desk", actor=body["clerk"], unit=COUNTER_UNIT,
                               note=body.get("reason", ""), at=vietnam_now(),
                               documents=body.get("documents"))
            if decision == "accept" and body.get("appointment_at"):
                dossier.record = {**dossier.record, "appointment_at": body["appointment_at"]}
            return 201, {"code": code, "status": dossier.status, "event_id": row.id}

        return self.idempotency.run(desk, txn_id, f"inbox-{decision}:{code}", body, apply)
