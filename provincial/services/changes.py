"""The changes feed the desks pull (docs/REST.md, “Changes feed”): the province's status changes, online
applications and catalog changes, in commit order, per commune."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from ..cursors import decode_cursor, encode_cursor
from ..database import ServerDatabase
from ..models import Change
from ..schemas import ChangeOut, ChangesPage
from .enrollment import DeskIdentity

FEED_CURSOR = "c1"


def _nobody_listens() -> None:
    pass


class ChangeFeed:
    def __init__(self, db: ServerDatabase):
        self.db = db
        # Called after changes to the feed are committed: the HTTP app wakes its long-polls with it (its lifespan
        # sets it). Changes committed by another process call nothing here (longpoll.py re-checks meanwhile).
        self.on_committed: Callable[[], None] = _nobody_listens

    def committed(self) -> None:
        self.on_committed()

    def page(self, desk: DeskIdentity, cursor: str, limit: int) -> ChangesPage:
        """Up to ``limit`` changes after ``cursor`` for the desk's commune."""
        after = decode_cursor(FEED_CURSOR, cursor)  # range-checked (cursors.py)
        with self.db.read() as s:
            rows = list(s.scalars(select(Change).where(
                Change.seq > after, (Change.commune_id == desk.commune_id) | (Change.commune_id.is_(None)))
                .order_by(Change.seq).limit(limit + 1)))
        page = rows[:limit]
        last = page[-1].seq if page else after
        return ChangesPage(changes=[ChangeOut.model_validate(change) for change in page],
                           next_cursor=encode_cursor(FEED_CURSOR, last), has_more=len(rows) > limit)
