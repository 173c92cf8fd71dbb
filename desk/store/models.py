"""Tables of the desk database.

Times named ``*_at`` are Vietnam wall time (UTC+7, no daylight saving: DOMAIN.md §5);
those named ``*_utc`` are UTC. Both are stored naive so SQLite and PostgreSQL agree.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column, relationship

from contract.indicators import FINISHED_STATUSES

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AgencyRow(Base):
    """The agency this database serves (one row): identity printed on every form."""

    __tablename__ = "agency"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    parent_authority: Mapped[str] = mapped_column(String(200))
    unit_name: Mapped[str] = mapped_column(String(300))
    place_name: Mapped[str] = mapped_column(String(100))
    portal_base_url: Mapped[str] = mapped_column(String(300))
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    # Each form's number, title and signer as this agency prints them (desk/domain/printed_forms.py OVERRIDABLE).
    form_texts: Mapped[dict] = mapped_column(JSON, default=dict)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)


class ProcedureRow(Base):
    """One version of a procedure template. Dossiers copy the template they were received under."""

    __tablename__ = "procedure"
    __table_args__ = (UniqueConstraint("code", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    name: Mapped[str] = mapped_column(String(400))
    sector: Mapped[str] = mapped_column(String(200))
    search_key: Mapped[str] = mapped_column(String(800))
    template: Mapped[dict] = mapped_column(JSON)
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class CalendarYearRow(Base):
    """A year's announced schedule (days off, make-up days) as imported or typed by an admin."""

    __tablename__ = "calendar_year"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    schedule: Mapped[dict] = mapped_column(JSON)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)


class ProcedureSnapshotRow(Base):
    """A procedure template as dossiers received it, stored once per distinct version (desk/store/snapshots.py)."""

    __tablename__ = "procedure_snapshot"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the canonical JSON
    body: Mapped[dict] = mapped_column(JSON)
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class DossierRow(Base):
    __tablename__ = "dossier"
    __table_args__ = (
        Index("ix_dossier_received_at", "received_at"),
        Index("ix_dossier_status", "status"),
        Index("ix_dossier_status_received_at", "status", "received_at"),  # a status filter, newest first
        # Late and due-soon dossiers (the overdue filter); the columns after the first two let the indicators
        # count open dossiers from the index alone (migration 0012).
        Index("ix_dossier_status_deadline_at_cover", "status", "deadline_at", "channel", "ledger_line",
              "received_at", "procedure_code"),
        # The indicators' period queries (desk/services/indicators.py), each answered from its index alone when no
        # counter, clerk or sector filter is asked: received, finished, returned in a period.
        Index("ix_dossier_received_cover", "received_at", "status", "channel", "ledger_line", "digitized_documents",
              "reused_documents", "submitter_id_number", "procedure_code"),
        Index("ix_dossier_finished_cover", "finished_at", "received_at", "deadline_at", "status", "procedure_code"),
        Index("ix_dossier_returned_cover", "returned_at", "rating", "procedure_code"),
        Index("ix_dossier_owner_old_id_number", "owner_old_id_number"),
        Index("ix_dossier_submitter_id_number", "submitter_id_number"),
        # The full-text index of search_key is outside this metadata (desk/store/search.py).
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    agency_code: Mapped[str] = mapped_column(String(20))
    status: Mapped[int] = mapped_column(Integer)
    channel: Mapped[int] = mapped_column(Integer, default=1)  # KenhThucHien: 1 trực tiếp
    received_at: Mapped[datetime] = mapped_column(DateTime)
    # The date the citizen is now told to come back: the receipt's, or the new one an apology (Mẫu 04) gave.
    appointment_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The appointment printed on the receipt in force (intake, online acceptance, the receipt re-issued after a
    # supplement); an apology never moves it.
    promised_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # What lateness is judged against (desk/domain/lifecycle.py ``deadline_after_extension``): the promise, or
    # the new date of an extension recorded as lawful with its legal basis (docs/LEGAL.md).
    deadline_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(String(400))
    procedure_version: Mapped[int] = mapped_column(Integer)
    # The template as received, shared by every dossier of that version (intern_snapshot). Nullable only
    # because SQLite cannot add a NOT NULL reference to a filled table; every writer sets it.
    procedure_snapshot_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("procedure_snapshot.id"), nullable=True)
    snapshot_row: Mapped[ProcedureSnapshotRow | None] = relationship(lazy="selectin")

    owner_name: Mapped[str] = mapped_column(String(200))
    owner_id_number: Mapped[str] = mapped_column(String(12), index=True)
    owner_old_id_number: Mapped[str] = mapped_column(String(9), default="")
    owner_birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    owner_gender: Mapped[str] = mapped_column(String(3), default="")
    owner_address: Mapped[str] = mapped_column(String(400), default="")
    owner_issue_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    submitter_name: Mapped[str] = mapped_column(String(200), default="")
    submitter_id_number: Mapped[str] = mapped_column(String(12), default="")
    # A dossier received regardless of residence (phi địa giới, Nghị định 118/2025): the agency competent to
    # decide, when it is not the receiving one ("" otherwise).
    competent_agency: Mapped[str] = mapped_column(String(300), default="", server_default="")
    # The clerk chose the procedure's longer time because the case needs verification (printed on the receipt).
    with_verification: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    documents: Mapped[list] = mapped_column(JSON)  # checklist as received, with counts
    extra_values: Mapped[dict] = mapped_column(JSON)
    fee_amount: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int] = mapped_column(Integer, default=1)
    copies: Mapped[int] = mapped_column(Integer, default=1)
    sets: Mapped[int] = mapped_column(Integer, default=1)
    note: Mapped[str] = mapped_column(Text, default="")

    ledger_book: Mapped[str] = mapped_column(String(20))
    ledger_line: Mapped[int] = mapped_column(Integer)
    clerk_name: Mapped[str] = mapped_column(String(200))
    counter_name: Mapped[str] = mapped_column(String(100), default="")
    search_key: Mapped[str] = mapped_column(Text)  # folded name, codes and phone for search
    # The newest province event applied here: older or repeated ones (a replayed feed page) are skipped.
    province_event_id: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Result return (DOMAIN.md §8): when it was handed over and the citizen's rating (1–3, or none).
    returned_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The intake form's idempotency key, made at its first keystroke: saving the same form twice
    # (a crash after the commit, then the draft restored) finds this dossier instead of a second one.
    intake_key: Mapped[str | None] = mapped_column(String(36), unique=True, nullable=True)
    # The desk's seal over the facts fixed at intake (desk/domain/receipt_check.py); empty until the
    # desk has a signing key. ``receipt_unsigned``: a receipt without signature was printed (before
    # enrollment); None for dossiers received before the desk kept track of it.
    receipt_seal: Mapped[str] = mapped_column(String(100), default="", server_default="")
    receipt_unsigned: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    # Kept for the indicators (migration 0012, docs/INDICATORS.md), never typed: ``finished_at``, the first time a
    # received dossier reached a finishing status (``mark_finished``); ``sector``, the procedure's sector as
    # received; how many checklist lines were digitized (``digitized`` 1) and reused (2, 3): ``_derive`` below.
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    sector: Mapped[str] = mapped_column(String(200), default="", server_default="")
    digitized_documents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reused_documents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)

    @property
    def procedure_snapshot(self) -> dict:
        """The procedure as this dossier received it (loaded with the row: one query per page of rows)."""
        return self.snapshot_row.body if self.snapshot_row is not None else {}


def document_counts(documents: list | None) -> tuple[int, int]:
    """(digitized, reused) checklist lines: ``digitized`` 1 scanned here, 2 or 3 reused (services/digitization.py)."""
    marks = [int(d.get("digitized") or 0) for d in documents or () if isinstance(d, dict)]
    return sum(1 for m in marks if m == 1), sum(1 for m in marks if m in (2, 3))


def was_received(row: DossierRow) -> bool:
    """Received at the counter, or an online application accepted (it then has its ledger line)."""
    return row.status != 1 and not (row.channel == 2 and not row.ledger_line)


def mark_finished(row: DossierRow, target: int, at: datetime) -> None:
    """Called by every writer of a status before it moves ``row`` to ``target``: the first time a received
    dossier reaches a finishing status is when its timeliness is judged (``finished_at``, never moved again)."""
    if target in FINISHED_STATUSES and row.finished_at is None and was_received(row):
        row.finished_at = at


@event.listens_for(DossierRow, "before_insert")
@event.listens_for(DossierRow, "before_update")
def _derive(_mapper: Mapper, _connection: Connection, row: DossierRow) -> None:
    """The derived columns follow the row whoever writes it (intake, lifecycle, sync, rebuild)."""
    row.digitized_documents, row.reused_documents = document_counts(row.documents)
    if not row.sector and "snapshot_row" in row.__dict__ and row.snapshot_row is not None:
        row.sector = str(row.snapshot_row.body.get("sector") or "")[:200]


class IntakeOutcomeRow(Base):
    """Written guidance (Mẫu 02) or a refusal (Mẫu 03) given at the counter before any dossier code
    exists (DOMAIN.md §1): no receipt is issued, but the visit counts in the statistics and reaches the
    province. ``reference`` numbers the printed form (``<agency>-<yymmdd>-B001`` / ``-T001``)."""

    __tablename__ = "intake_outcome"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    intake_key: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # guidance | refusal
    agency_code: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    procedure_code: Mapped[str] = mapped_column(String(40))
    procedure_name: Mapped[str] = mapped_column(String(400))
    procedure_version: Mapped[int] = mapped_column(Integer)
    owner_name: Mapped[str] = mapped_column(String(200))
    owner_id_number: Mapped[str] = mapped_column(String(12), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    documents: Mapped[list] = mapped_column(JSON)  # the papers missing or to be corrected, by name
    reason: Mapped[str] = mapped_column(Text, default="")
    clerk_name: Mapped[str] = mapped_column(String(200))
    counter_name: Mapped[str] = mapped_column(String(100), default="")
    created_utc: Mapped[datetime] = mapped_column(DateTime)


class DossierStepRow(Base):
    """One step of a dossier's handling: a status change, a supplement, an apology, a return.

    The control sheet (phiếu kiểm soát) and the ledger are rendered from these rows; the
    province's steps arrive through sync. ``at`` and ``due_at`` are Vietnam wall time."""

    __tablename__ = "dossier_step"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Supplements and refusals in a period, counted from the index alone.
    __table_args__ = (Index("ix_dossier_step_kind_at", "kind", "at", "to_status", "from_status"),)
    dossier_code: Mapped[str] = mapped_column(String(40), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(30))  # receive, accept, refuse, supplement, apology, …
    from_status: Mapped[int] = mapped_column(Integer)
    to_status: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    source: Mapped[str] = mapped_column(String(10), default="desk")  # desk or province
    details: Mapped[dict] = mapped_column(JSON, default=dict)


class CodeCounterRow(Base):
    """Transactional counters: a value is taken in the same transaction that uses it."""

    __tablename__ = "code_counter"
    scope: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)


class AuditRow(Base):
    """Who did what, when. The entries form a hash chain (desk/store/audit_chain.py): ``seq`` numbers them
    without gaps, ``hash`` covers the entry and the previous entry's hash, so editing or deleting a row with
    a database tool breaks the chain at that row."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at_utc: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(60), index=True)
    details: Mapped[dict] = mapped_column(JSON)
    seq: Mapped[int | None] = mapped_column(Integer, unique=True, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    hash: Mapped[str] = mapped_column(String(64), default="", server_default="")
    # Not a column: the order this process made the entry in, for chaining the entries of one flush in order
    # (desk/store/audit_chain.py); 0 for an entry loaded from the database.
    _added = 0


class AuditChainRow(Base):
    """The head of the audit chain (one row): how many entries, the last one's hash. Every append locks
    and moves it in the appending transaction, so two counters sharing a database never fork the chain."""

    __tablename__ = "audit_chain"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entries: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))


class OutboxRow(Base):
    """A change waiting to reach the province, written with the change itself.

    ``state``: pending (to send), sent, or failed (the province refused it for good: a
    problem for the clerk, never retried by itself)."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    dossier_code: Mapped[str] = mapped_column(String(40), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    client_txn_id: Mapped[str] = mapped_column(String(36), unique=True)
    payload: Mapped[dict] = mapped_column(JSON)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="pending", server_default="pending", index=True)


class SyncStateRow(Base):
    """Small facts of the sync, each updated in the transaction that makes it true (cursor, ETag, times)."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UserRow(Base):
    """A person who signs in at this agency's desks (desk/domain/users.py). Never deleted:
    the audit log and the dossiers name them; a person who leaves is deactivated."""

    __tablename__ = "desk_user"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(30), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    last_sign_in_utc: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_utc: Mapped[datetime] = mapped_column(DateTime)
    updated_utc: Mapped[datetime] = mapped_column(DateTime)



class FeedbackRow(Base):
    """A citizen's feedback (phản ánh, kiến nghị): taken at this agency's counter or kiosk (``code``
    ``<agency>-PA-yymmdd-NNNN``) or sent on the tracking site and pulled from the province (``PA-yymmdd-NNNN``).
    Contact details stay with the commune (never published). ``province_version``: the province's copy last
    applied (desk/sync/feedback_sync.py). Times are Vietnam wall time."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_status_due_at", "status", "due_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    channel: Mapped[str] = mapped_column(String(10))  # counter | kiosk | web
    category: Mapped[str] = mapped_column(String(20))  # contract/feedback.py CATEGORIES
    dossier_code: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    text: Mapped[str] = mapped_column(Text)
    citizen_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | answered
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    answered_by: Mapped[str] = mapped_column(String(200), default="")
    answered_where: Mapped[str] = mapped_column(String(10), default="")  # desk | province
    recorded_by: Mapped[str] = mapped_column(String(200), default="")  # the clerk, or "Kiosk"
    province_version: Mapped[int] = mapped_column(Integer, default=0)
    created_utc: Mapped[datetime] = mapped_column(DateTime)
