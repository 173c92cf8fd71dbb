"""How long the province keeps what only grows: the stored answers of desk writes and the changes feed
(docs/DEPLOYMENT.md, "Retention"). ``python -m provincial prune`` runs it; a timer (cron, systemd) runs that.

- A stored answer (``idempotent_request``) is what makes a resent write harmless. A desk resends a write only
  while it has no answer for it: seconds to days later (a lost answer, a desk off over a weekend). Answers
  are kept ``idempotency_days`` (30 by default): a replay within that window gets the stored answer byte for
  byte; only a write first sent longer ago than that and never answered would be applied again (an upsert of
  the same record changes nothing; a step is refused as an impossible move).
- The changes feed (``change``) is kept ``changes_days`` (90 by default). The highest seq pruned is kept as the
  feed's floor (``server_value`` ``feed_floor``): a desk's cursor below it would skip changes it never saw, so
  it is refused (409 ``cursor_expired``: rebuild from the export); an empty cursor (a new desk) starts there.
- Rate buckets and wrong tracking attempts older than their windows are forgotten too.
Rows go in batches (``BATCH``) so that no statement holds its locks for long.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, func, select, text

from ..clock import utc_now
from ..database import ServerDatabase
from ..models import Change, FailedAttempt, IdempotentRequest, ServerValue
from .changes import FEED_FLOOR

BATCH = 10_000


class Retention:
    def __init__(self, db: ServerDatabase):
        self.db = db

    def prune(self, idempotency_days: int, changes_days: int) -> dict[str, int]:
        """Forget what is older than the windows; the counts of rows forgotten."""
        now = utc_now()
        return {"idempotent_requests": self._prune_answers(now - timedelta(days=idempotency_days)),
                "changes": self._prune_changes(now - timedelta(days=changes_days)),
                "rate_limits": self._prune_limits()}

    def _prune_answers(self, before) -> int:
        total = 0
        while True:
            with self.db.write() as s:
                ids = select(IdempotentRequest.client_txn_id).where(IdempotentRequest.created_utc < before) \
                    .limit(BATCH).scalar_subquery()
                gone = _count(s.execute(delete(IdempotentRequest).where(IdempotentRequest.client_txn_id.in_(ids))))
            total += gone
            if gone < BATCH:
                return total

    def _prune_changes(self, before) -> int:
        total = 0
        while True:
            with self.db.write() as s:
                newest = s.scalar(select(func.max(Change.seq)))
                if newest is None:
                    return total
                # The newest change stays, whatever its age: SQLite would give its seq to the next one.
                top = s.scalar(select(func.max(Change.seq)).where(
                    Change.seq.in_(select(Change.seq).where(Change.created_utc < before, Change.seq < newest)
                                   .order_by(Change.seq).limit(BATCH))))
                if top is None:
                    return total
                # The floor first, in the same transaction: no reader sees changes gone and the floor behind.
                floor = s.get(ServerValue, FEED_FLOOR)
                if floor is None:
                    s.add(ServerValue(name=FEED_FLOOR, value=str(top), updated_utc=utc_now()))
                elif int(floor.value) < top:
                    floor.value, floor.updated_utc = str(top), utc_now()
                total += _count(s.execute(delete(Change).where(Change.seq <= top)))

    def _prune_limits(self) -> int:
        if self.db.is_sqlite:  # SQLite keeps them in the process (limits.py)
            return 0
        with self.db.write_connection() as conn:
            now = "extract(epoch from clock_timestamp())"
            buckets = conn.execute(text(f"DELETE FROM rate_bucket WHERE at < {now} - 3600")).rowcount
            attempts = conn.execute(delete(FailedAttempt).where(
                FailedAttempt.at < text(f"{now} - 86400"))).rowcount
        return buckets + attempts


def _count(result) -> int:
    return result.rowcount  # a DELETE's CursorResult
