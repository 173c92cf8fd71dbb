"""What citizens tell the province without a desk: a rating from the tracking page, feedback (phản ánh, kiến nghị)."""

from __future__ import annotations

from sqlalchemy import select

from ..clock import utc_now
from ..database import ServerDatabase
from ..errors import Forbidden
from ..models import Feedback
from .dossiers import dossier_by_code, store_rating
from .tracking import Tracking


class CitizenFeedback:
    def __init__(self, db: ServerDatabase, tracking: Tracking):
        self.db = db
        self.tracking = tracking

    def rate(self, code: str, signature: str, level: int) -> dict:
        """A rating from whoever holds the receipt (its QR signature); the contract's RatingOut."""
        if not self.tracking.look_up(code, signature=signature)["verified"]:
            raise Forbidden("bad_signature", "Không xác minh được biên nhận; chưa ghi nhận đánh giá.")
        with self.db.write() as s:
            store_rating(s, dossier_by_code(s, code), level, "web")
        return {"code": code, "level": level}

    def add(self, data: dict) -> Feedback:
        """``data``: the contract's FeedbackIn."""
        with self.db.write() as s:
            row = Feedback(**data, status="new", reply="", created_utc=utc_now())
            s.add(row)
        return row

    def published(self, limit: int = 50) -> list[Feedback]:
        with self.db.read() as s:
            return list(s.scalars(select(Feedback).where(Feedback.public.is_(True)).order_by(Feedback.id.desc())
                                  .limit(limit)))
