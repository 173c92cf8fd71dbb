"""Citizens' feedback (phản ánh, kiến nghị) at the desk: recorded at the counter or the kiosk, answered by an
admin or a supervisor, counted for the dashboard (docs/ARCHITECTURE.md, "Citizens' feedback").

Recording and answering are each one transaction with their audit entry and their outbox message for the
province (``feedback.record``, ``feedback.answer``); what the province sends back (web feedback for this commune,
answers given at the province or at another desk) is applied by desk/sync/feedback_sync.py through
``apply_from_province``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from contract.feedback import CATEGORIES, CHANNELS, STATUSES
from desk.domain.clock import utc_now, vietnam_now
from desk.domain.errors import DomainError
from desk.domain.feedback import (
    Channel,
    FeedbackDraft,
    FeedbackStatus,
    answer_due,
    check_answer,
    format_feedback_code,
    is_overdue,
)
from desk.domain.users import Actor, clerk_name, require_admin
from desk.store import Database
from desk.store.models import AgencyRow, FeedbackRow
from desk.store.outbox import OutboxKind, enqueue
from desk.store.sequences import block_range, next_value

from . import audit
from .calendar import CalendarService

STATES = ("open", "answered", "all")


@dataclass(frozen=True)
class FeedbackView:
    code: str
    channel: str
    category: str
    dossier_code: str
    text: str
    citizen_name: str
    phone: str
    email: str
    received_at: datetime
    due_at: datetime
    status: FeedbackStatus
    answer: str
    answered_at: datetime | None
    answered_by: str
    recorded_by: str

    @property
    def category_label(self) -> str:
        return CATEGORIES.get(self.category, CATEGORIES["other"])

    @property
    def channel_label(self) -> str:
        return CHANNELS.get(self.channel, self.channel)

    @property
    def status_label(self) -> str:
        return STATUSES[self.status.value]

    def overdue(self, now: datetime) -> bool:
        return is_overdue(self.due_at, self.answered_at, now)


def view_of(row: FeedbackRow) -> FeedbackView:
    return FeedbackView(code=row.code, channel=row.channel, category=row.category, dossier_code=row.dossier_code or "",
                        text=row.text, citizen_name=row.citizen_name, phone=row.phone, email=row.email,
                        received_at=row.received_at, due_at=row.due_at, status=FeedbackStatus(row.status),
                        answer=row.answer, answered_at=row.answered_at, answered_by=row.answered_by,
                        recorded_by=row.recorded_by)


def record_payload(row: FeedbackRow) -> dict:
    """What the province is sent (FeedbackRecordIn without its transaction id)."""
    return {"channel": row.channel, "category": row.category, "dossier_code": row.dossier_code or "",
            "text": row.text, "citizen_name": row.citizen_name, "phone": row.phone, "email": row.email,
            "received_at": _aware(row.received_at), "due_at": _aware(row.due_at)}


def _aware(moment: datetime) -> str:
    return f"{moment:%Y-%m-%dT%H:%M:%S}+07:00"


class FeedbackService:
    def __init__(self, db: Database, calendar: CalendarService, paths=None, agency=None,
                 clock=vietnam_now):
        self.db = db
        self.calendar = calendar
        self.paths = paths  # DeskPaths: where the slip is saved
        self.agency = agency  # AgencyService: the slip's header
        self.clock = clock

    @classmethod
    def of(cls, services) -> FeedbackService:
        """The desk's own (``DeskServices.feedback``)."""
        return services.feedback

    # -- record ----------------------------------------------------------------------------------------------
    def record(self, draft: FeedbackDraft, channel: Channel, actor: Actor | None, *, block: int = 0) -> FeedbackView:
        """Store a citizen's feedback with its code and due date, audited and queued for the province in the same
        transaction. ``actor``: the clerk at the counter; None at the kiosk (the citizen alone)."""
        if channel is Channel.COUNTER and not (isinstance(actor, Actor) and actor.can_serve_counter):
            raise DomainError("Chỉ cán bộ tại quầy mới ghi nhận phản ánh tại quầy.")
        clean = draft.validated()
        received = self.clock().replace(microsecond=0, tzinfo=None)
        due = answer_due(self.calendar.calendar(), received)
        recorded_by = clerk_name(actor) if actor is not None else "Kiosk"
        with self.db.write() as session:
            agency = session.get(AgencyRow, 1)
            if agency is None:
                raise DomainError("Chưa khai báo thông tin cơ quan.")
            code = self._next_code(session, agency.code, received.date(), block)
            row = FeedbackRow(code=code, channel=channel.value, category=clean.category,
                              dossier_code=clean.dossier_code or None, text=clean.text,
                              citizen_name=clean.citizen_name, phone=clean.phone, email=clean.email,
                              received_at=received, due_at=due, status=FeedbackStatus.OPEN.value, answer="",
                              answered_at=None, answered_by="", answered_where="", recorded_by=recorded_by,
                              province_version=0, created_utc=utc_now())
            session.add(row)
            audit.record(session, actor=actor.audit_name if actor else "kiosk", action="feedback.record",
                         entity="feedback", entity_id=code,
                         details={"channel": channel.value, "category": clean.category,
                                  "dossier_code": clean.dossier_code})
            enqueue(session, OutboxKind.FEEDBACK_RECORD, code, record_payload(row))
            return view_of(row)

    @staticmethod
    def _next_code(session: Session, agency_code: str, day: date, block: int) -> str:
        first, last = block_range(block)
        sequence = first + next_value(session, f"feedback/{agency_code}/{day:%y%m%d}/b{block}") - 1
        if sequence > last:
            raise DomainError(f"Quầy đã dùng hết số phản ánh trong ngày ({first:04d}–{last:04d}).")
        return format_feedback_code(agency_code, day, sequence)

    # -- answer ----------------------------------------------------------------------------------------------
    def answer(self, code: str, text: str, *, actor: Actor) -> FeedbackView:
        """The commune's answer, published on the tracking page by the feedback's code: admins and supervisors."""
        require_admin(actor, "trả lời phản ánh, kiến nghị")
        answer = check_answer(text)
        at = self.clock().replace(microsecond=0, tzinfo=None)
        with self.db.write() as session:
            row = self._row(session, code)
            row.answer, row.answered_at, row.answered_by = answer, at, clerk_name(actor)
            row.answered_where, row.status = "desk", FeedbackStatus.ANSWERED.value
            audit.record(session, actor=actor.audit_name, action="feedback.answer", entity="feedback",
                         entity_id=code, details={"late": at > row.due_at})
            enqueue(session, OutboxKind.FEEDBACK_ANSWER, code,
                    {"answer": answer, "answered_at": _aware(at), "answered_by": row.answered_by})
            return view_of(row)

    @staticmethod
    def _row(session: Session, code: str) -> FeedbackRow:
        row = session.scalar(select(FeedbackRow).where(FeedbackRow.code == code))
        if row is None:
            raise DomainError(f"Không có phản ánh {code}.")
        return row

    # -- read ------------------------------------------------------------------------------------------------
    def get(self, code: str) -> FeedbackView:
        with self.db.read() as session:
            return view_of(self._row(session, code))

    def listing(self, state: str = "open", limit: int = 500) -> list[FeedbackView]:
        """Open feedback by due date (the most urgent first); answered ones, newest answer first."""
        query = select(FeedbackRow)
        if state == "open":
            query = query.where(FeedbackRow.status == "open").order_by(FeedbackRow.due_at, FeedbackRow.id)
        elif state == "answered":
            query = query.where(FeedbackRow.status == "answered").order_by(FeedbackRow.answered_at.desc())
        else:
            query = query.order_by(FeedbackRow.received_at.desc())
        with self.db.read() as session:
            return [view_of(row) for row in session.scalars(query.limit(limit))]

    def counts(self, first_day: date, last_day: date) -> dict[str, int]:
        """The dashboard's figures for ``first_day``–``last_day`` (Vietnam dates, both included): ``received`` in
        the period, ``answered`` in it, ``answered_on_time`` (of those, by their due date), ``open_overdue``
        (unanswered past their due date at the period's end, or now if earlier). SQL counts over indexed columns."""
        start = datetime.combine(first_day, time.min)
        end = datetime.combine(last_day + timedelta(days=1), time.min)
        cutoff = min(end, self.clock().replace(tzinfo=None))
        answered_in = (FeedbackRow.answered_at >= start) & (FeedbackRow.answered_at < end)
        with self.db.read() as session:
            def count(*where) -> int:
                return session.scalar(select(func.count()).select_from(FeedbackRow).where(*where)) or 0

            return {"received": count(FeedbackRow.received_at >= start, FeedbackRow.received_at < end),
                    "answered": count(answered_in),
                    "answered_on_time": count(answered_in, FeedbackRow.answered_at <= FeedbackRow.due_at),
                    "open_overdue": count(FeedbackRow.received_at < cutoff, FeedbackRow.due_at < cutoff,
                                          FeedbackRow.answered_at.is_(None) | (FeedbackRow.answered_at > cutoff))}

    # -- the slip --------------------------------------------------------------------------------------------
    def print_slip(self, code: str) -> Path:
        """Phiếu ghi nhận phản ánh: saved as ``phieu/<code>-phan-anh.pdf`` for the print path."""
        from printing.feedback import FeedbackSlip, render_feedback_slip
        from printing.layout import FormHeader

        view = self.get(code)
        identity = self.agency.get() if self.agency else None
        if identity is None:
            raise DomainError("Chưa khai báo thông tin cơ quan.")
        header = FormHeader(identity.parent_authority, identity.unit_name, identity.place_name,
                            view.received_at.date())
        where = (identity.portal_base_url.rstrip("/") + "/phan-anh/" + code) if identity.portal_base_url else ""
        slip = FeedbackSlip(code=code, category=view.category_label, channel=view.channel_label,
                            dossier_code=view.dossier_code, text=view.text, citizen_name=view.citizen_name,
                            received_at=view.received_at, due_at=view.due_at, answer_url=where,
                            recorded_by=view.recorded_by)
        path = self.paths.form_pdf(code, "phan-anh")
        from desk.fileio import atomic_write_bytes

        atomic_write_bytes(path, render_feedback_slip(header, slip))
        return path
