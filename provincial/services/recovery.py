"""What a desk needs to recover: a copy of its audit chain's head kept outside the desk (audit anchors), and
every dossier of its commune, with their steps, to rebuild a lost desk (the rebuild export).

Anchors are per desk, numbered by the desk (``seq``, increasing); written idempotently like every desk write.
An anchor already stored under the same number is the same anchor or a conflict: a desk never rewrites the
past, and an older number arriving after a newer one is refused (a desk restored from a stale backup shows up
this way). The export pages through the commune's dossiers in id order with an opaque cursor.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..clock import utc_now, vietnam_wall
from ..cursors import decode_cursor, encode_cursor
from ..database import ServerDatabase
from ..errors import Conflict, NotFound
from ..models import AuditAnchor, Dossier
from ..schemas import AuditAnchorOut, ExportDossierOut, ExportPage
from .enrollment import DeskIdentity
from .idempotency import Answer, Idempotency

EXPORT_CURSOR = "e1"


def _anchor_out(row: AuditAnchor) -> dict:
    return AuditAnchorOut.model_validate(row).model_dump()


class Recovery:
    def __init__(self, db: ServerDatabase, idempotency: Idempotency):
        self.db = db
        self.idempotency = idempotency

    # -- audit anchors ------------------------------------------------------------------------------------------
    def put_anchor(self, desk: DeskIdentity, seq: int, txn_id: str, body: dict) -> Answer:
        """Store anchor ``seq`` of the desk (201), or confirm it (200); ``body``: head_hash, entries, at."""

        def apply(s: Session):
            at = vietnam_wall(datetime.fromisoformat(body["at"]))
            stored = s.scalar(select(AuditAnchor).where(AuditAnchor.desk_id == desk.desk_id, AuditAnchor.seq == seq))
            if stored is not None:
                if (stored.head_hash, stored.entries, stored.at) != (body["head_hash"], body["entries"], at):
                    raise Conflict("anchor_conflict", f"Mốc nhật ký số {seq} của máy quầy này đã được ghi với "
                                                      "nội dung khác; mốc đã ghi không sửa được.")
                return 200, _anchor_out(stored)
            newest = s.scalar(select(func.max(AuditAnchor.seq)).where(AuditAnchor.desk_id == desk.desk_id))
            if newest is not None and seq < newest:
                raise Conflict("anchor_out_of_order", f"Mốc nhật ký số {seq} cũ hơn mốc số {newest} đã ghi; "
                                                      "số mốc phải tăng dần.")
            row = AuditAnchor(desk_id=desk.desk_id, seq=seq, head_hash=body["head_hash"], entries=body["entries"],
                              at=at, created_utc=utc_now())
            s.add(row)
            s.flush()
            return 201, _anchor_out(row)

        return self.idempotency.run(desk, txn_id, f"anchor:{seq}", body, apply)

    def latest_anchor(self, desk: DeskIdentity) -> dict:
        with self.db.read() as s:
            row = s.scalar(select(AuditAnchor).where(AuditAnchor.desk_id == desk.desk_id)
                           .order_by(AuditAnchor.seq.desc()).limit(1))
        if row is None:
            raise NotFound("anchor_not_found", "Máy quầy này chưa gửi mốc nhật ký nào.")
        return _anchor_out(row)

    # -- the rebuild export ---------------------------------------------------------------------------------------
    def export_dossiers(self, desk: DeskIdentity, cursor: str, limit: int) -> dict:
        after = decode_cursor(EXPORT_CURSOR, cursor)
        with self.db.read() as s:
            rows = list(s.scalars(select(Dossier).options(selectinload(Dossier.events))
                                  .where(Dossier.commune_id == desk.commune_id, Dossier.id > after)
                                  .order_by(Dossier.id).limit(limit + 1)))
        page = rows[:limit]
        return ExportPage(items=[ExportDossierOut.model_validate(dossier) for dossier in page],
                          next_cursor=encode_cursor(EXPORT_CURSOR, page[-1].id if page else after),
                          has_more=len(rows) > limit).model_dump(mode="json")
