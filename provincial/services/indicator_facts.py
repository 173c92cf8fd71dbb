"""The dashboard's per-dossier facts (``DossierFact``): the values the desk keeps on its own dossier row for the
indicators (desk migration 0012), computed here from what the province holds, with the same definitions
(docs/INDICATORS.md):

- ``received_at``: the record's reception time (the desk's ``received_at``); ``accepted``: not an online
  application still waiting (1), and, for an online one, accepted at the counter (a reception step, status 2);
- ``finished_at``: the first step of a received dossier into 3, 7, 8, 9 or 10 (the desk's ``mark_finished``);
- ``deadline_at``: the deadline in force after the last step, ``dvcqg.deadlines`` — the DVCQG export's
  NgayHenTra, so the dashboard and the national portal judge lateness against the same date;
- ``returned_at``: the first step into 10; ``rating``: the rating row; documents digitized (1) and reused (2, 3).

``refresh`` computes the facts missing (dossiers the hot path inserted) or marked stale (models ``_mark_stale``)
in batches, each in its own short write transaction, before the figures are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, bindparam, select, text
from sqlalchemy.orm import Session

from contract.indicators import FINISHED_STATUSES

from ..clock import vietnam_wall
from ..database import ServerDatabase
from ..dvcqg import deadlines, is_apology
from ..models import Dossier, DossierFact, Event, Rating
from ..statuses import DossierStatus

BATCH = 1000
ONLINE = 2
COLUMNS = ("commune_id", "status", "channel", "accepted", "received_at", "finished_at", "deadline_at", "returned_at",
           "rating", "digitized_documents", "reused_documents", "sector", "procedure_code")
# Written whatever a concurrent write did; ``stale`` loses only the writes this computation saw.
UPSERT = text(
    f"INSERT INTO dossier_fact (dossier_id, stale, computed, {', '.join(COLUMNS)}) "
    f"VALUES (:dossier_id, 0, :computed, {', '.join(':' + c for c in COLUMNS)}) "
    "ON CONFLICT (dossier_id) DO UPDATE SET computed = excluded.computed, "
    f"stale = CASE WHEN dossier_fact.stale > :seen THEN dossier_fact.stale - :seen ELSE 0 END, "
    + ", ".join(f"{c} = excluded.{c}" for c in COLUMNS)
).bindparams(*(bindparam(c, type_=DateTime) for c in COLUMNS if c.endswith("_at")))  # stored as the ORM stores them


def _wall(value: str | None) -> datetime | None:
    return vietnam_wall(datetime.fromisoformat(value)) if value else None


def _reception(events: Sequence[Any]) -> int | None:
    """The index of the first step that received the dossier (status 2, not an apology), or None."""
    return next((i for i, e in enumerate(events) if e.to_status == DossierStatus.RECEIVED and not is_apology(e, i)),
                None)


def _first_into(events: Sequence[Any], statuses: frozenset[int], after: int = 0) -> datetime | None:
    return next((e.at for e in events[after:] if e.to_status in statuses and e.from_status != e.to_status), None)


def fact_of(dossier: Dossier, events: Sequence[Any], rating: int | None) -> dict[str, Any]:
    """The fact row of ``dossier`` from its steps, first to last, and its rating level."""
    record = dossier.record or {}
    channel = int(record.get("channel") or 1)
    reception = _reception(events)
    accepted = dossier.status != DossierStatus.NEW_ONLINE and (channel != ONLINE or reception is not None)
    appointment = _wall(record.get("appointment_at"))
    in_force = deadlines(events, appointment)
    deadline = in_force[-1] if in_force and in_force[-1] is not None else appointment
    finished = _first_into(events, FINISHED_STATUSES, reception or 0) if accepted else None
    marks = [int(d.get("digitized") or 0) for d in record.get("documents") or () if isinstance(d, dict)]
    return {
        "dossier_id": dossier.id, "computed": True, "commune_id": dossier.commune_id, "status": dossier.status,
        "channel": channel, "accepted": accepted, "received_at": _wall(record.get("received_at")),
        "finished_at": finished, "deadline_at": deadline,
        "returned_at": _first_into(events, frozenset({DossierStatus.RETURNED})), "rating": rating,
        "digitized_documents": sum(1 for m in marks if m == 1),
        "reused_documents": sum(1 for m in marks if m in (2, 3)),
        "sector": str(record.get("sector_name") or "")[:200], "procedure_code": str(record.get("procedure_code"))[:40],
    }


def _to_do(s: Session) -> list[tuple[int, int]]:
    """(dossier id, writes seen) of a batch: facts never computed first, then stale ones."""
    missing = s.execute(select(Dossier.id).outerjoin(DossierFact, DossierFact.dossier_id == Dossier.id)
                        .where(DossierFact.dossier_id.is_(None)).order_by(Dossier.id).limit(BATCH)).scalars().all()
    if missing:
        return [(i, 0) for i in missing]
    return [(i, n) for i, n in s.execute(select(DossierFact.dossier_id, DossierFact.stale)
                                         .where(DossierFact.stale > 0).order_by(DossierFact.dossier_id)
                                         .limit(BATCH)).all()]


def _compute(s: Session, ids: list[int]) -> list[dict[str, Any]]:
    dossiers = s.scalars(select(Dossier).where(Dossier.id.in_(ids))).all()
    steps: dict[int, list[Event]] = {i: [] for i in ids}
    for event in s.scalars(select(Event).where(Event.dossier_id.in_(ids)).order_by(Event.dossier_id, Event.id)):
        steps[event.dossier_id].append(event)
    ratings = dict(s.execute(select(Rating.dossier_id, Rating.level).where(Rating.dossier_id.in_(ids))).all())
    return [fact_of(d, steps[d.id], ratings.get(d.id)) for d in dossiers]


def refresh(db: ServerDatabase, max_batches: int = 10_000) -> int:
    """Compute every missing or stale fact; returns how many were written. A dossier written again while its
    fact was computed stays stale and is computed once more in a later batch (or the next refresh)."""
    written, last = 0, list[tuple[int, int]]()
    for _ in range(max_batches):
        with db.read() as s:
            batch = _to_do(s)
            if not batch or batch == last:  # nothing left, or only dossiers written meanwhile: next time
                break
            facts = _compute(s, [i for i, _ in batch])
        seen = dict(batch)
        with db.write_connection() as conn:
            conn.execute(UPSERT, [{**fact, "seen": seen[fact["dossier_id"]]} for fact in facts])
        written, last = written + len(facts), batch
    return written
