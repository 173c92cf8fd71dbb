from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy.orm import Session

from desk.store.models import AuditRow


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def record(session: Session, *, actor: str, action: str, entity: str, entity_id: str, details: dict) -> None:
    """Append an audit entry in the caller's transaction: it commits with the change or not at all."""
    session.add(AuditRow(at_utc=utc_now(), actor=actor or "?", action=action, entity=entity,
                         entity_id=entity_id, details=details))
