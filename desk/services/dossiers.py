"""Finding and reading stored dossiers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select

from desk.domain.clock import vietnam_now
from desk.domain.errors import DomainError
from desk.domain.lifecycle import CLOCK_RUNNING
from desk.domain.procedure import ProcedureTemplate
from desk.domain.status import DossierStatus
from desk.store import Database, search
from desk.store.models import DossierRow, DossierStepRow


@dataclass(frozen=True)
class DossierSummary:
    code: str
    owner_name: str
    owner_id_number: str
    phone: str
    procedure_name: str
    received_at: datetime
    appointment_at: datetime | None
    status: DossierStatus


@dataclass(frozen=True)
class DossierDetail:
    summary: DossierSummary
    procedure_code: str
    owner_birth_date: date | None
    owner_gender: str
    owner_address: str
    email: str
    submitter_name: str
    submitter_id_number: str
    documents: tuple[dict, ...]
    extra_fields: tuple[tuple[str, str], ...]
    fee_amount: int
    ledger_book: str
    ledger_line: int
    clerk_name: str
    counter_name: str
    channel: int = 1
    steps: tuple[StepView, ...] = ()
    rating: int | None = None
    returned_at: datetime | None = None
    promised_at: datetime | None = None  # the appointment on the receipt in force
    deadline_at: datetime | None = None  # what lateness is judged against (the promise, or a lawful extension)
    competent_agency: str = ""

    @property
    def finished_at(self) -> datetime | None:
        """When the result was ready (or the dossier returned): the moment its timeliness is judged at."""
        done = (DossierStatus.RESULT_READY, DossierStatus.RETURNED)
        return next((s.at for s in self.steps if s.to_status in done and s.from_status not in done), None)

    @property
    def to_bring(self) -> tuple[str, ...]:
        """The papers of the newest supplement request while the dossier waits for them."""
        if self.summary.status is not DossierStatus.SUPPLEMENT_REQUESTED:
            return ()
        step = next((s for s in reversed(self.steps) if s.to_status is DossierStatus.SUPPLEMENT_REQUESTED), None)
        return tuple(step.details.get("documents", ())) if step else ()


@dataclass(frozen=True)
class StepView:
    at: datetime
    kind: str
    from_status: DossierStatus
    to_status: DossierStatus
    actor: str
    unit: str
    note: str
    due_at: datetime | None
    source: str
    details: dict


_SUMMARY_COLUMNS = (DossierRow.code, DossierRow.owner_name, DossierRow.owner_id_number, DossierRow.phone,
                    DossierRow.procedure_name, DossierRow.received_at, DossierRow.appointment_at, DossierRow.status)


def _summary(values: Sequence[Any]) -> DossierSummary:
    """A row of _SUMMARY_COLUMNS, in their order."""
    code, owner_name, owner_id_number, phone, procedure_name, received_at, appointment_at, status = values
    return DossierSummary(code, owner_name, owner_id_number, phone, procedure_name, received_at, appointment_at,
                          DossierStatus(status))


class DossierService:
    def __init__(self, db: Database, clock: Callable[[], datetime] = vietnam_now):
        self.db = db
        self.clock = clock

    def search(self, query: str = "", *, limit: int = 200, statuses: Iterable[int] | None = None,
               overdue: bool = False) -> list[DossierSummary]:
        """A whole code, ID or phone number first; then newest first, the dossiers where every word of the query
        starts a word of the name (folded: no tone marks, đ = d), the code, the ID numbers or the phone number.
        ``statuses`` keeps only those; ``overdue`` only dossiers whose deadline passed while their clock runs (the
        promised appointment, or a lawful extension's date: an apology alone does not make a dossier on time).
        Answered from indexes at any size (desk/store/search.py)."""
        with self.db.read() as session:
            rows = search.find(session, select(*_SUMMARY_COLUMNS), query,
                               statuses=None if statuses is None else [int(s) for s in statuses],
                               overdue_before=self.clock() if overdue else None,
                               running=sorted(int(s) for s in CLOCK_RUNNING), limit=limit)
            return [_summary(values) for values in rows]

    def due_on(self, days: Iterable[date]) -> list[DossierSummary]:
        """Dossiers whose clock runs and whose promised return falls on one of ``days`` (a day just declared off:
        their citizens would come to a closed office)."""
        ranges = [and_(DossierRow.appointment_at >= datetime.combine(day, time.min),
                       DossierRow.appointment_at < datetime.combine(day + timedelta(days=1), time.min)) for day in days]
        if not ranges:
            return []
        statement = select(*_SUMMARY_COLUMNS).where(DossierRow.status.in_([int(s) for s in CLOCK_RUNNING]),
                                                    or_(*ranges)).order_by(DossierRow.appointment_at)
        with self.db.read() as session:
            return [_summary(values) for values in session.execute(statement)]

    def count(self) -> int:
        with self.db.read() as session:
            return session.scalar(select(func.count()).select_from(DossierRow)) or 0

    def get(self, code: str) -> DossierDetail:
        with self.db.read() as session:
            row = session.scalar(select(DossierRow).where(DossierRow.code == code.strip().upper()))
            if row is None:
                raise DomainError(f"Không tìm thấy hồ sơ {code}.")
            template = ProcedureTemplate.from_dict(row.procedure_snapshot)
            labels = {f.key: f.label for f in template.extra_fields}
            summary = _summary(tuple(getattr(row, c.key) for c in _SUMMARY_COLUMNS))
            steps = tuple(StepView(s.at, s.kind, DossierStatus(s.from_status), DossierStatus(s.to_status), s.actor,
                                   s.unit, s.note, s.due_at, s.source, dict(s.details or {}))
                          for s in session.scalars(select(DossierStepRow).where(DossierStepRow.dossier_code == row.code)
                                                   .order_by(DossierStepRow.at, DossierStepRow.id)))
            return DossierDetail(
                summary=summary, procedure_code=row.procedure_code, owner_birth_date=row.owner_birth_date,
                owner_gender=row.owner_gender, owner_address=row.owner_address, email=row.email,
                submitter_name=row.submitter_name, submitter_id_number=row.submitter_id_number,
                documents=tuple(row.documents),
                extra_fields=tuple((labels.get(k, k), v) for k, v in row.extra_values.items()),
                fee_amount=row.fee_amount, ledger_book=row.ledger_book, ledger_line=row.ledger_line,
                clerk_name=row.clerk_name, counter_name=row.counter_name, channel=row.channel, steps=steps,
                rating=row.rating, returned_at=row.returned_at, promised_at=row.promised_at,
                deadline_at=row.deadline_at, competent_agency=row.competent_agency,
            )
