"""What waits to reach the province: the kinds of outbox message, and the one way to queue one.

A message is written in the transaction of the change it reports (intake, a step, a rating, an audit
anchor), so the change and its message commit together or not at all. desk/sync/engine.py sends
them in order, each kind by the sender registered for it there.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from desk.domain.clock import utc_now

from .models import OutboxRow


class OutboxKind(StrEnum):
    """The stored ``outbox.kind``: existing databases hold these strings, so a value never changes."""

    DOSSIER_UPSERT = "dossier.upsert"  # a counter dossier's record, then its digitized files
    DOSSIER_EVENT = "dossier.event"  # a step of a counter dossier (status, appointment)
    DOSSIER_RATING = "dossier.rating"  # the citizen's satisfaction at result return
    INBOX_ACCEPT = "inbox.accept"  # the commune's decisions on an online dossier
    INBOX_REFUSE = "inbox.refuse"
    INBOX_REQUEST_SUPPLEMENT = "inbox.request-supplement"
    INTAKE_OUTCOME = "intake.outcome"  # guidance or refusal at intake, keyed by its form's reference
    AUDIT_ANCHOR = "audit.anchor"  # the head of the audit chain, keyed "audit-<seq>"
    FEEDBACK_RECORD = "feedback.record"  # a citizen's feedback taken at the counter or the kiosk, keyed by its code
    FEEDBACK_ANSWER = "feedback.answer"  # the commune's answer to a feedback, keyed by its code


def enqueue(session: Session, kind: OutboxKind, key: str, payload: dict, *,
            now: datetime | None = None) -> OutboxRow:
    """Queue a message in the caller's transaction. ``key`` names what it is about (a dossier code, a form's
    reference, ``audit-<seq>``); the client transaction id fixed here makes a resend after a lost answer
    harmless, since the province answers a replay with its first answer."""
    row = OutboxRow(created_utc=now or utc_now(), dossier_code=key, kind=OutboxKind(kind).value,
                    client_txn_id=str(uuid.uuid4()), payload=payload)
    session.add(row)
    return row
