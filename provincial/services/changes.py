"""The changes feed the desks pull (docs/REST.md, “Changes feed”): the province's status changes, online
applications and catalog changes, in commit order, per commune."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..cursors import decode_cursor, encode_cursor
from ..database import ServerDatabase
from ..errors import Conflict
from ..models import Change, ServerValue
from ..schemas import ChangeOut, ChangesPage
from .enrollment import DeskIdentity

FEED_CURSOR = "c1"
FEED_FLOOR = "feed_floor"  # server_value: written by services/retention.py


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

    def page(self, desk: DeskIdentity, cursor: str, limit: int, *, primary: bool = False) -> ChangesPage:
        """Up to ``limit`` changes after ``cursor`` for the desk's commune; read from the replica when there is
        one, unless ``primary`` (a long-poll woken by a commit reads where the commit is)."""
        after = decode_cursor(FEED_CURSOR, cursor)  # range-checked (cursors.py)
        with (self.db.read() if primary else self.db.replica_read()) as s:
            floor = feed_floor(s)
            if after < floor:
                if cursor:  # changes after it were pruned (services/retention.py): the desk would miss them
                    raise Conflict("cursor_expired", "Máy quầy đã lâu không đồng bộ; các thay đổi cũ đã được xóa "
                                                     "khỏi máy chủ. Hãy khôi phục dữ liệu từ tỉnh (dựng lại).")
                after = floor  # a new desk: nothing before the floor concerns it
            rows = list(s.scalars(select(Change).where(
                Change.seq > after, (Change.commune_id == desk.commune_id) | (Change.commune_id.is_(None)))
                .order_by(Change.seq).limit(limit + 1)))
        page = rows[:limit]
        last = page[-1].seq if page else after
        return ChangesPage(changes=[ChangeOut.model_validate(change) for change in page],
                           next_cursor=encode_cursor(FEED_CURSOR, last), has_more=len(rows) > limit)


def feed_floor(s: Session) -> int:
    """The highest seq pruned from the feed (services/retention.py); 0 while nothing was."""
    row = s.get(ServerValue, FEED_FLOOR)
    return int(row.value) if row is not None else 0
