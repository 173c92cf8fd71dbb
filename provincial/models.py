"""Tables of the provincial backend. Times ``*_utc`` are naive UTC; ``*_at`` Vietnam wall time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .statuses import LABELS

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Commune(Base):
    __tablename__ = "commune"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    parent_authority: Mapped[str] = mapped_column(String(200))
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class Desk(Base):
    __tablename__ = "desk"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[str] = mapped_column(String(40), unique=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"))
    name: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[str] = mapped_column(String(200))
    public_key: Mapped[str] = mapped_column(String(60))  # Ed25519, base64url, raw 32 bytes
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    revoked_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class EnrollmentCode(Base):
    __tablename__ = "enrollment_code"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"))
    expires_utc: Mapped[datetime] = mapped_column(DateTime)
    used_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Procedure(Base):
    __tablename__ = "procedure"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    template: Mapped[dict] = mapped_column(JSON)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)


class Dossier(Base):
    __tablename__ = "dossier"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), index=True)
    status: Mapped[int] = mapped_column(Integer)
    record: Mapped[dict] = mapped_column(JSON)  # as the desk (or the online portal) sent it
    version: Mapped[int] = mapped_column(Integer, default=1)
    to_bring: Mapped[list] = mapped_column(JSON, default=list)  # documents asked for with status 5
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)
    # Loaded only when asked for (selectinload): a dossier is mostly wanted without its steps.
    events: Mapped[list[Event]] = relationship(order_by="Event.id", lazy="raise", viewonly=True)

    @property
    def status_label(self) -> str:
        return LABELS[self.status]


class Event(Base):
    """Every status change, from either side, in order: the dossier's step history."""

    __tablename__ = "event"
    # Supplement requests and refusals in a period (the dashboard, migration p0007).
    __table_args__ = (Index("ix_event_to_status_at", "to_status", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    from_status: Mapped[int] = mapped_column(Integer)
    to_status: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(10))  # desk | province | online
    actor: Mapped[str] = mapped_column(String(200))
    actor_title: Mapped[str] = mapped_column(String(200), default="")
    unit: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # What the desk said about the step (contract EventIn, migration p0005); rows written before, by the hot path
    # or by the province have "" and NULL. ``kind``: receive, supplement, supplement_received, apology, stop,
    # handover, result, return…; ``extension_basis``: an apology's lawful extension; ``legal_basis``: a stop's
    # rule; ``documents``: with status 5, the papers asked for (NoiDungBoSung of the DVCQG export).
    kind: Mapped[str] = mapped_column(String(30), default="", server_default="")
    extension_basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="", server_default="")
    documents: Mapped[list | None] = mapped_column(JSON, nullable=True)
    # The deadline in force after this step (the promised appointment, NgayHenTra; dvcqg.deadlines), fixed when
    # record_step writes the step; NULL: worked out from the steps before (dvcqg.deadlines).
    deadline_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class IdempotentRequest(Base):
    """A desk request by its client transaction id, with the response it got. Kept
    ``idempotency_retention_days`` (services/retention.py), found by ``created_utc`` for that."""

    __tablename__ = "idempotent_request"
    __table_args__ = (Index("ix_idempotent_request_created_utc", "created_utc"),)
    client_txn_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desk.id"))
    operation: Mapped[str] = mapped_column(String(60))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[dict] = mapped_column(JSON)
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class Change(Base):
    """The changes feed: append-only, ordered by seq, per commune (NULL: every commune)."""

    __tablename__ = "change"
    __table_args__ = (Index("ix_change_commune_seq", "commune_id", "seq"),
                      Index("ix_change_created_utc", "created_utc"))
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("commune.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(20))  # status | online_dossier | catalog
    dossier_code: Mapped[str] = mapped_column(String(40), default="")
    payload: Mapped[dict] = mapped_column(JSON)
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class FileBlob(Base):
    """A file a commune uploaded, by its SHA-256: content addressing per commune. Another commune holding the
    same bytes uploads them itself; it never learns, by HEAD or GET, that someone else has them. (The verified
    bytes are stored once on disk, files.py: they are the same bytes, whoever proved to have them.)"""

    __tablename__ = "file_blob"
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    length: Mapped[int] = mapped_column(Integer)
    received: Mapped[int] = mapped_column(Integer, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class Feedback(Base):
    """A citizen's feedback (phản ánh, kiến nghị): from a commune's desk (counter, kiosk; ``code``
    ``<agency>-PA-yymmdd-NNNN``) or the tracking page (``PA-yymmdd-NNNN``), routed to ``commune_id`` (NULL: a row
    from before migration p0006, never routed). ``answered_where``: "desk" or "province". Contact details are
    for the commune only: nothing of them is ever published (services/feedback.py ``public_view``)."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_commune_received", "commune_id", "received_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    commune_id: Mapped[int | None] = mapped_column(ForeignKey("commune.id"), nullable=True)
    channel: Mapped[str] = mapped_column(String(10))  # counter | kiosk | web
    category: Mapped[str] = mapped_column(String(20))  # contract/feedback.py CATEGORIES
    dossier_code: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(Text)
    citizen_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    received_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | answered
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    answered_by: Mapped[str] = mapped_column(String(200), default="")
    answered_where: Mapped[str] = mapped_column(String(10), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)


class FeedbackChange(Base):
    """The feed of feedback the commune's desks pull (``GET /api/v1/feedback-changes``): a line per new web
    feedback and per answer, by ``seq``; the desk reads the feedback as it is then. Kept apart from ``change``,
    whose kinds older desks check."""

    __tablename__ = "feedback_change"
    __table_args__ = (Index("ix_feedback_change_commune_seq", "commune_id", "seq"),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"))
    code: Mapped[str] = mapped_column(String(40))
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class Rating(Base):
    __tablename__ = "rating"
    __table_args__ = (UniqueConstraint("dossier_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"))
    level: Mapped[int] = mapped_column(Integer)  # 1 rất hài lòng, 2 hài lòng, 3 không hài lòng
    source: Mapped[str] = mapped_column(String(20))
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class IntakeOutcome(Base):
    """Written guidance (Mẫu 02) or a refusal (Mẫu 03) given at a commune's counter before any dossier
    code existed: no dossier, but the visit counts in the province's statistics. ``at`` is when the
    clerk gave it (Vietnam wall time); ``version`` counts the desk's corrections."""

    __tablename__ = "intake_outcome"
    __table_args__ = (Index("ix_intake_outcome_commune_at", "commune_id", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)  # <agency>-<yymmdd>-B001 | -T001
    commune_id: Mapped[int] = mapped_column(ForeignKey("commune.id"))
    kind: Mapped[str] = mapped_column(String(10))  # guidance | refusal
    at: Mapped[datetime] = mapped_column(DateTime)
    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(String(400))
    owner_name: Mapped[str] = mapped_column(String(200))
    owner_id_number: Mapped[str] = mapped_column(String(12), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    documents: Mapped[list] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    clerk: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)


class AuditAnchor(Base):
    """The head of a desk's audit chain as the desk reported it (``PUT /api/v1/audit-anchors/{seq}``): a copy
    outside the desk, so that a desk restored from an old backup, or whose log was cut, can tell. ``seq``
    counts the desk's anchors; ``entries`` is the chain's length; ``at`` Vietnam wall time."""

    __tablename__ = "audit_anchor"
    __table_args__ = (UniqueConstraint("desk_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desk.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    head_hash: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int] = mapped_column(BigInteger)
    at: Mapped[datetime] = mapped_column(DateTime)
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class ServerValue(Base):
    """A value every server process shares (docs/DEPLOYMENT.md): the token key (``token_key``, base64url), the
    catalog's ETag (``catalog_etag``, so a 304 reads one row), the changes feed's retention floor
    (``feed_floor``: the seq below which changes were pruned)."""

    __tablename__ = "server_value"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)


class RateBucket(Base):
    """A token bucket of a rate limit shared by every process (PostgreSQL deployments; limits.py): ``scope``
    (public, auth-address, auth-desk), ``key`` (an address, a desk id); ``at`` the database's clock, seconds."""

    __tablename__ = "rate_bucket"
    scope: Mapped[str] = mapped_column(String(20), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    tokens: Mapped[float] = mapped_column(Float)
    at: Mapped[float] = mapped_column(Float)
    allowed: Mapped[bool] = mapped_column(Boolean, default=True)


class FailedAttempt(Base):
    """A wrong check code or ID digits typed for a dossier code (the tracking page's limit), shared by every
    process on PostgreSQL; ``at`` the database's clock, seconds. Older than the window: pruned."""

    __tablename__ = "failed_attempt"
    __table_args__ = (Index("ix_failed_attempt_code_at", "code", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    at: Mapped[float] = mapped_column(Float)


class DossierFact(Base):
    """What the indicators read of a dossier (services/indicator_facts.py, docs/INDICATORS.md): the same derived
    values the desk keeps on its own dossier row, computed from the record, the steps (dvcqg.deadlines) and the
    rating, so that the dashboard aggregates indexed columns instead of JSON. ``stale`` counts the writes since
    it was computed (``_mark_stale``, below); a dossier without a row (inserted by the hot path) or with
    ``stale`` > 0 is computed again before the figures are read. ``computed`` false: a placeholder."""

    __tablename__ = "dossier_fact"
    __table_args__ = (Index("ix_dossier_fact_received_at", "received_at"),
                      Index("ix_dossier_fact_finished_at", "finished_at"),
                      Index("ix_dossier_fact_returned_at", "returned_at"),
                      Index("ix_dossier_fact_commune_status_deadline", "commune_id", "status", "deadline_at"),
                      Index("ix_dossier_fact_stale", "stale"))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), primary_key=True, autoincrement=False)
    stale: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    computed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    commune_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    channel: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    accepted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    received_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    deadline_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    digitized_documents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reused_documents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sector: Mapped[str] = mapped_column(String(200), default="", server_default="")
    procedure_code: Mapped[str] = mapped_column(String(40), default="", server_default="")


# The same statement on SQLite (3.24+) and PostgreSQL: a placeholder, or one more write on the computed row.
MARK_STALE = text("INSERT INTO dossier_fact (dossier_id, stale) VALUES (:id, 1) "
                  "ON CONFLICT (dossier_id) DO UPDATE SET stale = dossier_fact.stale + 1")


@event.listens_for(Event, "after_insert")
@event.listens_for(Rating, "after_insert")
@event.listens_for(Rating, "after_update")
def _mark_stale(_mapper, connection, target) -> None:
    """Every ORM write of a step or a rating marks the dossier's fact stale in the same transaction, so a
    refresh running at the same time can never leave an old fact behind (it subtracts only what it saw)."""
    connection.execute(MARK_STALE, {"id": target.dossier_id})


@event.listens_for(Dossier, "after_update")
def _mark_dossier_stale(_mapper, connection, target: Dossier) -> None:
    connection.execute(MARK_STALE, {"id": target.id})
