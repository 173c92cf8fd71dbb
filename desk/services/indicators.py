"""The centre's numbers for a period (issue 18): ``Counts`` (contract/indicators.py) computed by a handful of SQL
aggregates over indexed columns, never by loading dossiers, on SQLite and PostgreSQL alike.

Definitions (docs/INDICATORS.md, tests/unit/test_indicators.py): *received* = ``received_at`` in the period, not
an online application still waiting (1) or refused / sent back at the inbox (channel 2 without a ledger line);
*finished* = ``finished_at`` in the period (the first time a received dossier reached 3, 7, 8, 9 or 10), early /
on time / late as desk/domain/lifecycle.py ``timeliness`` judges ``finished_at`` against ``deadline_at``; *open
now* (in progress, waiting for papers, late, due soon) = the state now of the dossiers received before the
period's end; supplements and refusals = steps in the period; guidance and refusals at the counter =
``intake_outcome`` in the period; returned and ratings = ``returned_at`` in the period. Filters (counter, clerk,
sector, procedure) are the dossier's: the counter and clerk that received it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Date, and_, case, cast, extract, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from contract.indicators import (
    CLOCK_RUNNING_STATUSES,
    DUE_SOON_WORKING_DAYS,
    OPEN_STATUSES,
    WITH_RESULT_STATUSES,
    Counts,
    counts_from_values,
    merge_values,
)
from contract.periods import Period
from desk.domain.calendar import WorkingCalendar
from desk.domain.clock import vietnam_now
from desk.store import Database
from desk.store.models import DossierRow, DossierStepRow, IntakeOutcomeRow, ProcedureRow

D, S, OUT = DossierRow, DossierStepRow, IntakeOutcomeRow
_RUNNING = sorted(CLOCK_RUNNING_STATUSES)
Values = dict[str, Any]


@dataclass(frozen=True)
class Filters:
    """Narrow every figure to the dossiers (and counter outcomes) of one counter, clerk, sector or procedure."""

    counter: str | None = None
    clerk: str | None = None
    sector: str | None = None
    procedure: str | None = None

    @property
    def any(self) -> bool:
        return any((self.counter, self.clerk, self.sector, self.procedure))

    def on_dossier(self) -> list[ColumnElement[bool]]:
        pairs = ((D.counter_name, self.counter), (D.clerk_name, self.clerk), (D.sector, self.sector),
                 (D.procedure_code, self.procedure))
        return [column == value for column, value in pairs if value]

    def on_outcome(self) -> list[ColumnElement[bool]]:
        out = [column == value for column, value in ((OUT.counter_name, self.counter), (OUT.clerk_name, self.clerk),
                                                     (OUT.procedure_code, self.procedure)) if value]
        if self.sector:  # an outcome keeps no template: the sector of the procedure's versions in the catalog
            out.append(OUT.procedure_code.in_(select(ProcedureRow.code).where(ProcedureRow.sector == self.sector)))
        return out


@dataclass(frozen=True)
class LateDossier:
    """One line of the late list: the Tổng quan page opens the dossier by its code."""

    code: str
    owner_name: str
    procedure_code: str
    procedure_name: str
    status: int
    deadline_at: datetime
    days_late: int  # started days past the deadline: 1 from the first minute


class ProcedureCounts(NamedTuple):
    procedure_code: str
    procedure_name: str
    counts: Counts


def _n(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _accepted() -> ColumnElement[bool]:
    """Received: not an online application waiting (1) nor one refused or sent back before acceptance."""
    return and_(D.status != 1, or_(D.channel != 2, D.ledger_line > 0))


class IndicatorService:
    """``counts``, ``late_list`` and ``per_procedure`` for the Tổng quan page and the reports. ``calendar`` gives
    the working days for "due soon" (without it: the next 48 hours)."""

    def __init__(self, db: Database, clock: Callable[[], datetime] = vietnam_now,
                 calendar: Callable[[], WorkingCalendar] | None = None):
        self.db = db
        self.clock = clock
        self.calendar = calendar

    # -- the API ----------------------------------------------------------------------------------------------
    def counts(self, period: Period, *, counter: str | None = None, clerk: str | None = None,
               sector: str | None = None, procedure: str | None = None) -> Counts:
        values = self._gather(period, Filters(counter, clerk, sector, procedure), grouped=False)
        return counts_from_values(values.get(None, {}))

    def per_procedure(self, period: Period, *, counter: str | None = None, clerk: str | None = None,
                      sector: str | None = None) -> list[ProcedureCounts]:
        """One line per procedure with anything in the period (the table under the figures), busiest first."""
        return self._lines(self._gather(period, Filters(counter, clerk, sector), grouped=True))

    def _lines(self, values: dict[str | None, Values]) -> list[ProcedureCounts]:
        with self.db.read() as session:
            names = dict(session.execute(select(ProcedureRow.code, ProcedureRow.name)
                                         .where(ProcedureRow.is_current, ProcedureRow.code.in_(list(values)))).all())
        lines = [ProcedureCounts(code, names.get(code, ""), counts_from_values(v)) for code, v in values.items()
                 if code is not None]
        return sorted(lines, key=lambda line: (-line.counts.received, -line.counts.finished, line.procedure_code))

    def late_list(self, period: Period, limit: int = 200, *, counter: str | None = None, clerk: str | None = None,
                  sector: str | None = None, procedure: str | None = None) -> list[LateDossier]:
        """The dossiers ``late_open`` counts, most overdue first: the clock runs and the deadline has passed."""
        now = self.clock().replace(microsecond=0)
        where = [D.status.in_(_RUNNING), D.deadline_at < now, D.received_at < period.end,
                 *Filters(counter, clerk, sector, procedure).on_dossier()]
        with self.db.read() as session:
            rows = session.execute(select(D.code, D.owner_name, D.procedure_code, D.procedure_name, D.status,
                                          D.deadline_at).where(*where).order_by(D.deadline_at, D.code)
                                   .limit(limit)).all()
        return [LateDossier(code, owner, procedure_code, name, status, deadline,
                            -((deadline - now) // timedelta(days=1)))
                for code, owner, procedure_code, name, status, deadline in rows if deadline is not None]

    def overview(self, period: Period, *, counter: str | None = None, clerk: str | None = None,
                  sector: str | None = None) -> tuple[Counts, list[ProcedureCounts]]:
        """``counts`` and ``per_procedure`` together, as the Tổng quan page needs them, for the price of one: the
        additive figures are read once per procedure and summed; only the p90, the steps and the counter outcomes
        are read for the whole (the per-procedure table shows none of them)."""
        filters = Filters(counter, clerk, sector)
        now = self.clock().replace(microsecond=0)
        with self.db.read() as session:
            sqlite = session.get_bind().dialect.name == "sqlite"
            grouped = self._additive(session, period, filters, True, now, sqlite)
            whole: dict[str | None, Values] = {}
            for values in grouped.values():
                merge_values(whole, [(None, values)])
            merge_values(whole, self._p90(session, period, filters, False, sqlite))
            merge_values(whole, self._steps(session, period, filters, False))
            merge_values(whole, self._outcomes(session, period, filters, False))
        return counts_from_values(whole.get(None, {})), self._lines(grouped)

    # -- the queries --------------------------------------------------------------------------------------------
    def _gather(self, period: Period, filters: Filters, *, grouped: bool) -> dict[str | None, Values]:
        now = self.clock().replace(microsecond=0)
        with self.db.read() as session:
            sqlite = session.get_bind().dialect.name == "sqlite"
            out = self._additive(session, period, filters, grouped, now, sqlite)
            merge_values(out, self._p90(session, period, filters, grouped, sqlite))
            merge_values(out, self._steps(session, period, filters, grouped))
            merge_values(out, self._outcomes(session, period, filters, grouped))
        return out

    def _additive(self, session: Session, period: Period, filters: Filters, grouped: bool, now: datetime,
                  sqlite: bool) -> dict[str | None, Values]:
        """The figures a sum over procedures gives whole (handling time as a total, averaged at the end)."""
        out: dict[str | None, Values] = {}
        for query in (self._received, self._open_now, self._returned):
            merge_values(out, query(session, period, filters, grouped, now))
        merge_values(out, self._timeliness(session, period, filters, grouped, sqlite))
        merge_values(out, self._boundaries(session, period, filters, grouped, now))
        return out

    @staticmethod
    def _received(session: Session, period: Period, filters: Filters, grouped: bool, _now: datetime) -> list:
        accepted = _accepted()
        values = {
            "received_counter": _n(and_(accepted, D.channel.notin_((2, 3)))),
            "received_online": _n(and_(accepted, D.channel == 2)),
            "received_postal": _n(and_(accepted, D.channel == 3)),
            "received_assisted": _n(and_(accepted, D.submitter_id_number != "")),
            "online_waiting": _n(D.status == 1),
            "online_not_accepted": _n(and_(D.status != 1, D.channel == 2, D.ledger_line == 0)),
            "digitized_dossiers": _n(and_(accepted, D.digitized_documents + D.reused_documents > 0)),
            "reused_dossiers": _n(and_(accepted, D.reused_documents > 0)),
            "digitized_documents": func.coalesce(func.sum(case((accepted, D.digitized_documents), else_=0)), 0),
            "reused_documents": func.coalesce(func.sum(case((accepted, D.reused_documents), else_=0)), 0),
        }
        where = [D.received_at >= period.start, D.received_at < period.end, *filters.on_dossier()]
        return _run(session, values, where, D.procedure_code if grouped else None)

    @staticmethod
    def _timeliness(session: Session, period: Period, filters: Filters, grouped: bool, sqlite: bool) -> list:
        """desk/domain/lifecycle.py ``timeliness`` in SQL: late after the deadline, early on an earlier day, on
        time the same day not after it; no deadline: undated. Handling time over those with a result."""
        def day(column: Any) -> ColumnElement[Any]:
            return func.date(column) if sqlite else cast(column, Date)
        in_time = and_(D.deadline_at.is_not(None), D.finished_at <= D.deadline_at)
        with_result = D.status.in_(sorted(WITH_RESULT_STATUSES))
        values = {"finished_early": _n(and_(in_time, day(D.finished_at) < day(D.deadline_at))),
                  "finished_on_time": _n(and_(in_time, day(D.finished_at) >= day(D.deadline_at))),
                  "finished_late": _n(D.finished_at > D.deadline_at),
                  "finished_undated": _n(D.deadline_at.is_(None)),
                  "handling_total_minutes": func.sum(case((with_result, _minutes(sqlite)), else_=None)),
                  "finished_with_result": _n(with_result), "stopped": _n(D.status == 8),
                  "withdrawn": _n(D.status == 7)}
        where = [D.finished_at >= period.start, D.finished_at < period.end, *filters.on_dossier()]
        return _run(session, values, where, D.procedure_code if grouped else None)

    @staticmethod
    def _p90(session: Session, period: Period, filters: Filters, grouped: bool, sqlite: bool) -> list:
        """Nearest rank: the ⌈0.9 n⌉-th shortest handling time of the dossiers finished with a result."""
        minutes = _minutes(sqlite)
        group = [D.procedure_code] if grouped else []
        ranked = select(D.procedure_code.label("g") if grouped else literal(None).label("g"), minutes.label("m"),
                        func.row_number().over(partition_by=group or None, order_by=minutes).label("rn"),
                        func.count().over(partition_by=group or None).label("n")).where(
            D.finished_at >= period.start, D.finished_at < period.end,
            _unindexed(D.status).in_(sorted(WITH_RESULT_STATUSES)), *filters.on_dossier()).subquery()
        rows = session.execute(select(ranked.c.g, ranked.c.m).where(ranked.c.rn == (ranked.c.n * 9 + 9) // 10))
        return [(g if grouped else None, {"handling_p90_minutes": m}) for g, m in rows]

    def _open_now(self, session: Session, period: Period, filters: Filters, grouped: bool, now: datetime) -> list:
        running = D.status.in_(_RUNNING)
        values = {"in_progress": func.count(), "waiting_supplement": _n(D.status == 5),
                  "late_open": _n(and_(running, D.deadline_at < now)),
                  "due_soon": _n(and_(running, D.deadline_at >= now, D.deadline_at < self._due_soon_until(now)))}
        where = [D.status.in_(sorted(OPEN_STATUSES)), or_(D.channel != 2, D.ledger_line > 0),
                 D.received_at < period.end, *filters.on_dossier()]
        return _run(session, values, where, D.procedure_code if grouped else None)

    @staticmethod
    def _boundaries(session: Session, period: Period, filters: Filters, grouped: bool, now: datetime) -> list:
        """Open at the period's start (Biểu 06 "từ kỳ trước") and at its end (with those already late then):
        still unfinished, or finished after that moment. Waiting for papers (5) is open, never late."""
        start, end, group = period.start, period.end, D.procedure_code if grouped else None
        cut = min(end, now)
        unfinished = _run(session, {
            "carried_over": _n(D.received_at < start), "open_at_end": func.count(),
            "open_late_at_end": _n(and_(D.status != 5, D.deadline_at < cut))},
            [D.status.in_(sorted(OPEN_STATUSES)), or_(D.channel != 2, D.ledger_line > 0), D.received_at < end,
             *filters.on_dossier()], group)  # an open status is never finished: finished_at is empty
        before = _run(session, {"carried_over": func.count()},
                      [D.finished_at >= start, D.received_at < start, *filters.on_dossier()], group)
        after = _run(session, {"open_at_end": func.count(), "open_late_at_end": _n(D.deadline_at < end)},
                     [D.finished_at >= end, D.received_at < end, *filters.on_dossier()], group)
        return unfinished + before + after

    @staticmethod
    def _returned(session: Session, period: Period, filters: Filters, grouped: bool, _now: datetime) -> list:
        values = {"returned": func.count(), "rated_very_satisfied": _n(D.rating == 1),
                  "rated_satisfied": _n(D.rating == 2), "rated_unsatisfied": _n(D.rating == 3)}
        where = [D.returned_at >= period.start, D.returned_at < period.end, *filters.on_dossier()]
        return _run(session, values, where, D.procedure_code if grouped else None)

    @staticmethod
    def _steps(session: Session, period: Period, filters: Filters, grouped: bool) -> list:
        """Supplement requests and refusals, from the desk's steps and the province's (index ``(kind, at)``)."""
        values = {"supplement_requests": _n(S.to_status == 5), "refusals": _n(S.to_status == 3)}
        where = [S.kind.in_(("supplement", "refuse", "province")), S.at >= period.start, S.at < period.end,
                 S.from_status != S.to_status]
        if not (grouped or filters.any):
            return _run(session, values, where, None)
        joined = S.__table__.join(D.__table__, D.code == S.dossier_code)
        return _run(session, values, [*where, *filters.on_dossier()], D.procedure_code if grouped else None,
                    joined)

    @staticmethod
    def _outcomes(session: Session, period: Period, filters: Filters, grouped: bool) -> list:
        values = {"guidance_given": _n(OUT.kind == "guidance"), "refusals_at_counter": _n(OUT.kind == "refusal")}
        where = [OUT.at >= period.start, OUT.at < period.end, *filters.on_outcome()]
        return _run(session, values, where, OUT.procedure_code if grouped else None)

    def _due_soon_until(self, now: datetime) -> datetime:
        """The end of the second working day after today (the next 48 hours without a calendar)."""
        if self.calendar is None:
            return now + timedelta(hours=24 * DUE_SOON_WORKING_DAYS)
        calendar, day = self.calendar(), now.date()
        for _ in range(DUE_SOON_WORKING_DAYS):
            day = calendar.next_working_day(day)
        return datetime.combine(day + timedelta(days=1), time.min)


def _unindexed(column: Any) -> ColumnElement[Any]:
    """``column + 0``: keeps SQLite's planner (no statistics on a desk) on the period's index, not this column's."""
    return column + 0


def _minutes(sqlite: bool) -> ColumnElement[Any]:
    """Handling time in minutes of wall-clock time, from receipt to the end of handling."""
    if sqlite:
        return (func.julianday(D.finished_at) - func.julianday(D.received_at)) * 1440.0
    return extract("epoch", D.finished_at - D.received_at) / 60.0


def _run(session: Session, values: dict[str, ColumnElement[Any]], where: list, group: Any,
         from_: Any = None) -> list[tuple[str | None, Values]]:
    """One aggregate query: [(group key or None, {name: value})]."""
    columns = [expression.label(name) for name, expression in values.items()]
    statement = select(*([group.label("g")] if group is not None else []), *columns).where(*where)
    if from_ is not None:
        statement = statement.select_from(from_)
    if group is not None:
        statement = statement.group_by(group)
    out = []
    for row in session.execute(statement).mappings():
        if group is None and all(not row[name] for name in values):
            continue  # an empty period: nothing to add
        out.append((row["g"] if group is not None else None, {name: row[name] for name in values}))
    return out
