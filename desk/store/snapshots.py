"""Procedure templates as dossiers received them, each version stored once.

A dossier keeps the procedure exactly as it was at intake (its documents, time and fee), because the
procedure may change afterwards; 1,000,000 dossiers share a few hundred such versions. Each distinct
template is a row of ``procedure_snapshot`` named by the SHA-256 of its canonical JSON, and a dossier
references it (migration 0009; it was a 3 KB copy in every dossier row).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from .models import ProcedureSnapshotRow


def snapshot_digest(body: dict) -> str:
    """The same template gives the same digest whatever the order of its keys."""
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def intern_snapshot(session: Session, body: dict) -> ProcedureSnapshotRow:
    """The stored template equal to ``body``, stored first if it is new.

    Counters sharing PostgreSQL may store the same new version at the same moment: the insert yields to the
    other one (ON CONFLICT DO NOTHING) and both read the one row.
    """
    digest = snapshot_digest(body)
    found = session.scalar(select(ProcedureSnapshotRow).where(ProcedureSnapshotRow.digest == digest))
    if found is not None:
        return found
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(ProcedureSnapshotRow).values(
        digest=digest, body=body, created_utc=datetime.now(UTC).replace(tzinfo=None),
    ).on_conflict_do_nothing(index_elements=["digest"]))
    stored = session.scalar(select(ProcedureSnapshotRow).where(ProcedureSnapshotRow.digest == digest))
    assert stored is not None  # inserted just above, or by the counter that won the race
    return stored
