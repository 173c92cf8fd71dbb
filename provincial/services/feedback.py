"""What citizens tell the province: a rating from the tracking page, and feedback (phản ánh, kiến nghị).

Feedback comes from a commune's desk (counter or kiosk, ``PUT /api/v1/feedback/{code}``, idempotent) or from the
tracking page (``POST /phan-anh``: a honeypot field, a signed time the form was given, a rate per address). Each
is routed to one commune: a desk's to its own, a web one to the commune of the dossier it names, else to the
commune the citizen chose. The commune's desks pull what concerns them (``GET /api/v1/feedback-changes``: new web
feedback, answers given elsewhere) and answer through sync; province staff answer through the admin routes.
Anyone holding a code reads its public view: status and answer, the name masked, never the text or the contact.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from datetime import date, datetime, timedelta
from datetime import time as day_time

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from contract import feedback as FB
from contract.masking import mask_name

from ..clock import iso_vietnam, utc_now, vietnam_now, vietnam_wall
from ..cursors import decode_cursor, encode_cursor
from ..database import ServerDatabase
from ..errors import Forbidden, Invalid, NotFound
from ..limits import RateLimiter
from ..models import Commune, Feedback, FeedbackChange
from .dossiers import dossier_by_code, store_rating
from .enrollment import DeskIdentity
from .idempotency import Answer, Idempotency
from .tracking import Tracking

FEEDBACK_CURSOR = "f1"
MIN_FILL_S, MAX_FILL_S = 5, 2 * 3600  # a person takes seconds to write; a form older than 2 hours is asked again
PER_HOUR = 5  # feedback sent from one address in an hour (a burst of 5, then one every 12 minutes)
TOO_FAST = "Ông/bà gửi phản ánh quá nhanh sau khi mở trang. Vui lòng đọc lại nội dung rồi bấm “Gửi phản ánh”."
TOO_OLD = "Trang phản ánh đã mở quá lâu. Vui lòng gửi lại: nội dung ông/bà đã viết vẫn còn trên trang."
TOO_MANY = "Địa chỉ mạng này đã gửi nhiều phản ánh trong thời gian ngắn. Vui lòng thử lại sau."
NOT_SENT = "Không gửi được phản ánh. Vui lòng tải lại trang và gửi lại."
NO_COMMUNE = "Vui lòng chọn xã, phường nơi ông/bà phản ánh (hoặc nhập mã hồ sơ)."


class CitizenFeedback:
    def __init__(self, db: ServerDatabase, tracking: Tracking, idempotency: Idempotency | None = None,
                 form_key: bytes = b""):
        self.db = db
        self.tracking = tracking
        self.idempotency = idempotency or Idempotency(db)
        self.form_key = hashlib.sha256(b"feedback-form:" + form_key).digest()
        self.per_address = RateLimiter(PER_HOUR, TOO_MANY)
        self.per_address.rate = PER_HOUR / 3600.0

    def rate(self, code: str, signature: str, level: int) -> dict:
        """A rating from whoever holds the receipt (its QR signature); the contract's RatingOut."""
        if not self.tracking.look_up(code, signature=signature)["verified"]:
            raise Forbidden("bad_signature", "Không xác minh được biên nhận; chưa ghi nhận đánh giá.")
        with self.db.write() as s:
            store_rating(s, dossier_by_code(s, code), level, "web")
        return {"code": code, "level": level}

    # -- the tracking page's form -------------------------------------------------------------------------------
    def form_token(self, now: float | None = None) -> str:
        """The moment the form was given, signed: sent back with the feedback, it shows a person took time."""
        stamp = str(int(now if now is not None else time.time()))
        return f"{stamp}.{hmac.new(self.form_key, stamp.encode(), hashlib.sha256).hexdigest()[:32]}"

    def _check_form(self, token: str, honeypot: str, now: float | None) -> None:
        stamp, _dot, mac = token.partition(".")
        expected = hmac.new(self.form_key, stamp.encode(), hashlib.sha256).hexdigest()[:32]
        if honeypot or not (stamp.isdigit() and hmac.compare_digest(mac.encode(), expected.encode())):
            raise Invalid("feedback_refused", NOT_SENT)
        age = (now if now is not None else time.time()) - int(stamp)
        if age < MIN_FILL_S:
            raise Invalid("feedback_too_fast", TOO_FAST)
        if age > MAX_FILL_S:
            raise Invalid("feedback_form_expired", TOO_OLD)

    def communes(self) -> list[dict[str, str]]:
        with self.db.replica_read() as s:
            return [{"agency_code": c.agency_code, "name": c.name}
                    for c in s.scalars(select(Commune).order_by(Commune.name))]

    def add_from_web(self, data: dict, address: str, *, now: float | None = None) -> Feedback:
        """``data``: the contract's PublicFeedbackIn. Refused (400, 429) with a Vietnamese sentence."""
        self._check_form(data["form_token"], data["website"], now)
        self.per_address.check(address)
        received = vietnam_now().replace(microsecond=0)
        for _attempt in range(5):  # two citizens sending at once may take the same number: the second tries again
            try:
                with self.db.write() as s:
                    commune_id = self._route(s, data["dossier_code"], data["commune"])
                    row = Feedback(code=_next_web_code(s, received.date()), commune_id=commune_id, channel="web",
                                   category=data["category"], dossier_code=data["dossier_code"], text=data["text"],
                                   citizen_name=data["citizen_name"], phone=data["phone"], email=data["email"],
                                   received_at=received, due_at=FB.due_on_weekdays(received), status="open",
                                   answer="", answered_by="", answered_where="", version=1, created_utc=utc_now(),
                                   updated_utc=utc_now())
                    s.add(row)
                    s.flush()
                    _announce(s, row)
                return row
            except IntegrityError:
                continue
        raise Invalid("feedback_busy", NOT_SENT)

    @staticmethod
    def _route(s: Session, dossier_code: str, commune_code: str) -> int:
        """The commune a web feedback concerns: the dossier's (by its code's agency), else the one chosen."""
        agency = dossier_code.rsplit("-", 2)[0] if dossier_code else commune_code
        commune_id = s.scalar(select(Commune.id).where(Commune.agency_code == agency)) if agency else None
        if commune_id is None:
            if dossier_code:
                raise Invalid("unknown_commune", "Mã hồ sơ không thuộc xã, phường nào của tỉnh. Vui lòng kiểm tra "
                                                 "lại mã in trên giấy tiếp nhận, hoặc để trống và chọn xã, phường.")
            raise Invalid("no_commune", NO_COMMUNE)
        return commune_id

    # -- desks ----------------------------------------------------------------------------------------------
    def put_from_desk(self, desk: DeskIdentity, code: str, txn_id: str, body: dict) -> Answer:
        """Feedback recorded at one of the commune's counters or kiosks: stored (201), or corrected (200) while
        unanswered. ``body``: FeedbackRecordIn without client_txn_id, JSON-ready."""
        if FB.agency_of(code) != desk.agency_code:
            raise Forbidden("wrong_commune", "Mã phản ánh không thuộc cơ quan của máy quầy này.")

        def apply(s: Session):
            values = {name: body[name] for name in ("channel", "category", "dossier_code", "text", "citizen_name",
                                                    "phone", "email")}
            values.update(received_at=vietnam_wall(datetime.fromisoformat(body["received_at"])),
                          due_at=vietnam_wall(datetime.fromisoformat(body["due_at"])))
            row = s.scalar(select(Feedback).where(Feedback.code == code))
            now = utc_now()
            if row is None:
                row = Feedback(code=code, commune_id=desk.commune_id, status="open", answer="", answered_by="",
                               answered_where="", version=1, created_utc=now, updated_utc=now, **values)
                s.add(row)
                status = 201
            else:
                if row.status == "open":
                    for name, value in values.items():
                        setattr(row, name, value)
                    row.updated_utc = now
                status = 200
            s.flush()
            return status, self._item(s, row)

        return self.idempotency.run(desk, txn_id, f"feedback:{code}", body, apply)

    def answer_from_desk(self, desk: DeskIdentity, code: str, txn_id: str, body: dict) -> Answer:
        """A commune desk's answer. The newest answer stands (a desk may correct its own)."""
        def apply(s: Session):
            row = self._of_commune(s, code, desk.commune_id)
            self._set_answer(s, row, body["answer"], body["answered_by"],
                             vietnam_wall(datetime.fromisoformat(body["answered_at"])), "desk")
            return 200, self._item(s, row)

        return self.idempotency.run(desk, txn_id, f"feedback-answer:{code}", body, apply)

    def answer_by_province(self, code: str, answer: str, answered_by: str) -> dict:
        with self.db.write() as s:
            row = s.scalar(select(Feedback).where(Feedback.code == code))
            if row is None:
                raise NotFound("feedback_not_found", f"Không có phản ánh {code}.")
            self._set_answer(s, row, answer, answered_by, vietnam_now().replace(microsecond=0), "province")
            return self._item(s, row)

    @staticmethod
    def _of_commune(s: Session, code: str, commune_id: int) -> Feedback:
        row = s.scalar(select(Feedback).where(Feedback.code == code))
        if row is None:
            raise NotFound("feedback_not_found", f"Tỉnh chưa có phản ánh {code}; hãy đồng bộ lại sau.")
        if row.commune_id != commune_id:
            raise Forbidden("wrong_commune", "Phản ánh này không thuộc xã, phường của máy quầy.")
        return row

    @staticmethod
    def _set_answer(s: Session, row: Feedback, answer: str, by: str, at: datetime, where: str) -> None:
        row.answer, row.answered_by, row.answered_at, row.answered_where = answer, by, at, where
        row.status, row.version, row.updated_utc = "answered", row.version + 1, utc_now()
        s.flush()
        _announce(s, row)

    def changes(self, desk: DeskIdentity, cursor: str, limit: int = 100) -> dict:
        """The commune's feedback created on the web or answered since ``cursor``, each once, as it is now."""
        after = decode_cursor(FEEDBACK_CURSOR, cursor)
        with self.db.read() as s:
            seqs = list(s.execute(select(FeedbackChange.seq, FeedbackChange.code).where(
                FeedbackChange.commune_id == desk.commune_id, FeedbackChange.seq > after)
                .order_by(FeedbackChange.seq).limit(limit + 1)))
            page = seqs[:limit]
            codes = list(dict.fromkeys(code for _seq, code in page))
            rows = {r.code: r for r in s.scalars(select(Feedback).where(Feedback.code.in_(codes)))} if codes else {}
            items = [self._item(s, rows[code]) for code in codes if code in rows]
        last = page[-1][0] if page else after
        return {"items": items, "next_cursor": encode_cursor(FEEDBACK_CURSOR, last), "has_more": len(seqs) > limit}

    # -- the province's staff --------------------------------------------------------------------------------
    def listing(self, commune: str = "", state: str = "open", limit: int = 200) -> list[dict]:
        """Feedback for the admin, oldest due first: ``state`` open, answered or all; one commune or every one."""
        with self.db.read() as s:
            query = select(Feedback)
            if commune:
                query = query.join(Commune, Commune.id == Feedback.commune_id).where(Commune.agency_code == commune)
            if state in ("open", "answered"):
                query = query.where(Feedback.status == state)
            rows = list(s.scalars(query.order_by(Feedback.due_at, Feedback.id).limit(limit)))
            return [self._item(s, row) for row in rows]

    def counts(self, commune_id: int | None, first: date, last: date, *, now: datetime | None = None) -> dict[str, int]:
        """A commune's feedback (every commune's with None) from ``first`` to ``last`` (Vietnam dates, both
        included): received in the period, answered in it, of those answered by their due date, and still unanswered
        past their due date at the period's end (or now, if earlier). The desk's FeedbackService.counts says the
        same of its own."""
        start, end = datetime.combine(first, day_time.min), datetime.combine(last + timedelta(days=1), day_time.min)
        cutoff = min(end, now or vietnam_now())
        mine = Feedback.commune_id == commune_id if commune_id is not None else Feedback.id.is_not(None)
        answered_in = (Feedback.answered_at >= start) & (Feedback.answered_at < end)
        with self.db.read() as s:
            def count(*where) -> int:
                return s.scalar(select(func.count()).select_from(Feedback).where(mine, *where)) or 0

            return {"received": count(Feedback.received_at >= start, Feedback.received_at < end),
                    "answered": count(answered_in),
                    "answered_on_time": count(answered_in, Feedback.answered_at <= Feedback.due_at),
                    "open_overdue": count(Feedback.received_at < cutoff, Feedback.due_at < cutoff,
                                          Feedback.answered_at.is_(None) | (Feedback.answered_at > cutoff))}

    # -- the public ------------------------------------------------------------------------------------------------
    def public_view(self, code: str) -> dict:
        with self.db.replica_read() as s:
            row = s.scalar(select(Feedback).where(Feedback.code == code))
            if row is None:
                raise NotFound("feedback_not_found", f"Chưa có phản ánh mang mã {code}. Vui lòng kiểm tra lại mã; "
                                                     "phản ánh gửi tại quầy có thể mất ít phút để đến tỉnh.")
            commune = s.get(Commune, row.commune_id) if row.commune_id else None
            return _public(row, commune.name if commune else "")

    def published(self, limit: int = 50) -> list[dict]:
        """The newest answers, as anyone may read them by code."""
        with self.db.replica_read() as s:
            rows = list(s.scalars(select(Feedback).where(
                Feedback.status == "answered", Feedback.commune_id.is_not(None))
                .order_by(Feedback.answered_at.desc()).limit(limit)))
            names = dict(s.execute(select(Commune.id, Commune.name)).all())
            return [_public(row, names.get(row.commune_id or 0, "")) for row in rows]

    @staticmethod
    def _item(s: Session, row: Feedback) -> dict:
        commune = s.get(Commune, row.commune_id) if row.commune_id else None
        return {"code": row.code, "commune": commune.agency_code if commune else None, "channel": row.channel,
                "category": row.category, "dossier_code": row.dossier_code, "text": row.text,
                "citizen_name": row.citizen_name, "phone": row.phone, "email": row.email,
                "received_at": iso_vietnam(row.received_at), "due_at": iso_vietnam(row.due_at),
                "status": row.status, "answer": row.answer, "answered_at": iso_vietnam(row.answered_at),
                "answered_by": row.answered_by, "answered_where": row.answered_where, "version": row.version}


def _public(row: Feedback, commune_name: str) -> dict:
    return {"code": row.code, "commune_name": commune_name, "category": FB.CATEGORIES.get(row.category, "Khác"),
            "channel": FB.CHANNELS.get(row.channel, ""), "received_at": f"{row.received_at:%d/%m/%Y}",
            "due_at": f"{row.due_at:%d/%m/%Y}", "status": row.status,
            "status_label": FB.STATUSES.get(row.status, row.status), "citizen_masked": mask_name(row.citizen_name),
            "answer": row.answer if row.status == "answered" else "",
            "answered_at": f"{row.answered_at:%d/%m/%Y}" if row.answered_at else None}


def _next_web_code(s: Session, day: date) -> str:
    prefix = f"PA-{day:%y%m%d}-"
    newest = s.scalar(select(func.max(Feedback.code)).where(Feedback.code.like(prefix + "%")))
    return f"{prefix}{int(newest.rsplit('-', 1)[1]) + 1 if newest else 1:04d}"


def _announce(s: Session, row: Feedback) -> None:
    """A line of the feedback feed for the commune's desks: they pull the feedback as it is then."""
    if row.commune_id is not None:
        s.add(FeedbackChange(commune_id=row.commune_id, code=row.code, created_utc=utc_now()))
