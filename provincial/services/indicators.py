"""The province's figures (issue 18): ``Counts`` (contract/indicators.py) for the whole province, a commune or a
sector, by a handful of SQL aggregates over ``dossier_fact`` (indicator_facts.py), ``event`` and
``intake_outcome`` — the desk's queries (desk/services/indicators.py) over the province's copy of the same
values, so that a commune's figures here equal its desk's for the same period. What the province cannot know
the same way (dossiers submitted on the owner's behalf, the commune's working calendar for "due soon"):
docs/INDICATORS.md, "At the province".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, and_, case, cast, extract, func, literal, select
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
from contract.masking import mask_name
from contract.periods import Period

from ..clock import vietnam_now
from ..database import ServerDatabase
from ..models import Commune, Dossier, Event, IntakeOutcome
from ..models import DossierFact as F
from .indicator_facts import refresh

E, OUT = Event, IntakeOutcome
_RUNNING = sorted(CLOCK_RUNNING_STATUSES)
Values = dict[str, Any]
Key = int | str | None  # a commune's id, a sector, or None (everything)


@dataclass(frozen=True)
class Scope:
    """Which figures: one commune (``commune_id``) or all; grouped by commune, by sector, or not at all."""

    commune_id: int | None = None
    group: str | None = None  # "commune" | "sector" | None

    def column(self, commune: Any, sector: Any) -> Any:
        return {"commune": commune, "sector": sector}.get(self.group or "")

    def where(self, commune: Any) -> list[ColumnElement[bool]]:
        return [commune == self.commune_id] if self.commune_id is not None else []


@dataclass(frozen=True)
class LateDossier:
    code: str
    owner_masked: str
    procedure_code: str
    procedure_name: str
    status: int
    deadline_at: datetime
    days_late: int  # started days past the deadline: 1 from the first minute, as on the desk


@dataclass(frozen=True)
class CommuneRef:
    id: int
    agency_code: str
    name: str


def _n(condition: ColumnElement[bool]) -> ColumnElement[Any]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _minutes(sqlite: bool) -> ColumnElement[Any]:
    if sqlite:
        return (func.julianday(F.finished_at) - func.julianday(F.received_at)) * 1440.0
    return extract("epoch", F.finished_at - F.received_at) / 60.0


class ProvinceIndicators:
    """The dashboard's figures. ``clock``: now, Vietnam wall time (tests fix it)."""

    def __init__(self, db: ServerDatabase, clock: Callable[[], datetime] = vietnam_now):
        self.db = db
        self.clock = clock

    # -- the API ----------------------------------------------------------------------------------------------
    def communes(self) -> list[CommuneRef]:
        with self.db.read() as s:
            return [CommuneRef(*row) for row in s.execute(select(Commune.id, Commune.agency_code, Commune.name)
                                                          .order_by(Commune.agency_code))]

    def commune(self, agency_code: str) -> CommuneRef | None:
        return next((c for c in self.communes() if c.agency_code == agency_code), None)

    def counts(self, period: Period, commune_id: int | None = None, *, fresh: bool = False) -> Counts:
        """The figures of a commune (or the whole province); ``fresh``: facts already refreshed."""
        return counts_from_values(self.gather(period, Scope(commune_id), fresh=fresh).get(None, {}))

    def counts_by(self, period: Period, group: str, commune_id: int | None = None, *,
                  fresh: bool = False) -> dict[Key, Counts]:
        """One ``Counts`` per commune id (``group`` "commune") or per sector ("sector")."""
        values = self.gather(period, Scope(commune_id, group), fresh=fresh)
        return {key: counts_from_values(v) for key, v in values.items()}

    def trend(self, last: Period, months: int = 12) -> list[tuple[Period, Counts]]:
        """The ``months`` calendar months ending with the one holding ``last.last``, oldest first."""
        self.refresh()
        first = last.last.replace(day=1)
        out = []
        for back in range(months - 1, -1, -1):
            year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
            period = Period.of("month", date(year, month + 1, 1))
            out.append((period, self.counts(period, fresh=True)))
        return out

    def late_list(self, period: Period, commune_id: int, limit: int = 200) -> list[LateDossier]:
        """The dossiers ``late_open`` counts for a commune, most overdue first (owner's name masked)."""
        self.refresh()
        now = self.clock().replace(microsecond=0)
        with self.db.read() as s:
            rows = s.execute(select(Dossier.code, Dossier.record, F.status, F.deadline_at)
                             .join(Dossier, Dossier.id == F.dossier_id)
                             .where(F.commune_id == commune_id, F.status.in_(_RUNNING), F.deadline_at < now,
                                    F.received_at < period.end, F.accepted)
                             .order_by(F.deadline_at, Dossier.code).limit(limit)).all()
        return [LateDossier(code, mask_name(str(record.get("owner_name", ""))), str(record.get("procedure_code", "")),
                            str(record.get("procedure_name", "")), status, deadline,
                            -((deadline - now) // timedelta(days=1)))
                for code, record, status, deadline in rows]

    def refresh(self) -> int:
        return refresh(self.db)

    # -- the queries --------------------------------------------------------------------------------------------
    def gather(self, period: Period, scope: Scope, *, fresh: bool = False) -> dict[Key, Values]:
        if not fresh:
            self.refresh()
        now = self.clock().replace(microsecond=0)
        out: dict[Key, Values] = {}
        with self.db.read() as s:
            sqlite = s.get_bind().dialect.name == "sqlite"
            for rows in (_received(s, period, scope), _open_now(s, period, scope, now), _returned(s, period, scope),
                         _p90(s, period, scope, sqlite), _timeliness(s, period, scope, sqlite),
                         _boundaries(s, period, scope, now), _steps(s, period, scope), _outcomes(s, period, scope)):
                merge_values(out, rows)
        return out


def _run(s: Session, values: dict[str, ColumnElement[Any]], where: list, group: Any,
         from_: Any = None) -> list[tuple[Key, Values]]:
    columns = [expression.label(name) for name, expression in values.items()]
    statement = select(*([group.label("g")] if group is not None else []), *columns).where(F.computed, *where)
    if from_ is not None:
        statement = statement.select_from(from_)
    if group is not None:
        statement = statement.group_by(group)
    out = []
    for row in s.execute(statement).mappings():
        if group is None and all(not row[name] for name in values):
            continue
        out.append((row["g"] if group is not None else None, {name: row[name] for name in values}))
    return out


def _accepted_where(scope: Scope) -> list[ColumnElement[bool]]:
    return scope.where(F.commune_id)


def _received(s: Session, period: Period, scope: Scope) -> list:
    accepted = F.accepted
    values = {
        "received_counter": _n(and_(accepted, F.channel.notin_((2, 3)))),
        "received_online": _n(and_(accepted, F.channel == 2)),
        "received_postal": _n(and_(accepted, F.channel == 3)),
        "online_waiting": _n(F.status == 1),
        "online_not_accepted": _n(and_(F.status != 1, F.channel == 2, ~accepted)),
        "digitized_dossiers": _n(and_(accepted, F.digitized_documents + F.reused_documents > 0)),
        "reused_dossiers": _n(and_(accepted, F.reused_documents > 0)),
        "digitized_documents": func.coalesce(func.sum(case((accepted, F.digitized_documents), else_=0)), 0),
        "reused_documents": func.coalesce(func.sum(case((accepted, F.reused_documents), else_=0)), 0),
    }
    where = [F.received_at >= period.start, F.received_at < period.end, *_accepted_where(scope)]
    return _run(s, values, where, scope.column(F.commune_id, F.sector))


def _timeliness(s: Session, period: Period, scope: Scope, sqlite: bool) -> list:
    """Early on an earlier day than the deadline, on time the same day not after it, late after it (the desk's
    ``timeliness``); no deadline: undated. Handling time over those with a result."""
    def day(column: Any) -> ColumnElement[Any]:
        return func.date(column) if sqlite else cast(column, Date)
    in_time = and_(F.deadline_at.is_not(None), F.finished_at <= F.deadline_at)
    with_result = F.status.in_(sorted(WITH_RESULT_STATUSES))
    values = {"finished_early": _n(and_(in_time, day(F.finished_at) < day(F.deadline_at))),
              "finished_on_time": _n(and_(in_time, day(F.finished_at) >= day(F.deadline_at))),
              "finished_late": _n(F.finished_at > F.deadline_at),
              "finished_undated": _n(F.deadline_at.is_(None)),
              "handling_avg_minutes": func.avg(case((with_result, _minutes(sqlite)), else_=None)),
              "finished_with_result": _n(with_result), "stopped": _n(F.status == 8), "withdrawn": _n(F.status == 7)}
    where = [F.finished_at >= period.start, F.finished_at < period.end, *scope.where(F.commune_id)]
    return _run(s, values, where, scope.column(F.commune_id, F.sector))


def _p90(s: Session, period: Period, scope: Scope, sqlite: bool) -> list:
    """Nearest rank: the ⌈0.9 n⌉-th shortest handling time of the dossiers finished with a result."""
    minutes, group = _minutes(sqlite), scope.column(F.commune_id, F.sector)
    partition = [group] if group is not None else None
    ranked = select((group if group is not None else literal(None)).label("g"), minutes.label("m"),
                    func.row_number().over(partition_by=partition, order_by=minutes).label("rn"),
                    func.count().over(partition_by=partition).label("n")).where(
        F.computed, F.finished_at >= period.start, F.finished_at < period.end,
        F.status.in_(sorted(WITH_RESULT_STATUSES)), *scope.where(F.commune_id)).subquery()
    rows = s.execute(select(ranked.c.g, ranked.c.m).where(ranked.c.rn == (ranked.c.n * 9 + 9) // 10))
    return [(g if group is not None else None, {"handling_p90_minutes": m}) for g, m in rows]


def _open_now(s: Session, period: Period, scope: Scope, now: datetime) -> list:
    """The state now. "Due soon": the next 48 hours (the province keeps no commune's working calendar)."""
    running = F.status.in_(_RUNNING)
    soon = now + timedelta(hours=24 * DUE_SOON_WORKING_DAYS)
    values = {"in_progress": func.count(), "waiting_supplement": _n(F.status == 5),
              "late_open": _n(and_(running, F.deadline_at < now)),
              "due_soon": _n(and_(running, F.deadline_at >= now, F.deadline_at < soon))}
    where = [F.status.in_(sorted(OPEN_STATUSES)), F.accepted, F.received_at < period.end, *scope.where(F.commune_id)]
    return _run(s, values, where, scope.column(F.commune_id, F.sector))


def _boundaries(s: Session, period: Period, scope: Scope, now: datetime) -> list:
    """Open at the period's start and at its end (with those already late then), as the desk counts them."""
    start, end, group, own = period.start, period.end, scope.column(F.commune_id, F.sector), scope.where(F.commune_id)
    cut = min(end, now)
    unfinished = _run(s, {"carried_over": _n(F.received_at < start), "open_at_end": func.count(),
                          "open_late_at_end": _n(and_(F.status != 5, F.deadline_at < cut))},
                      [F.finished_at.is_(None), F.received_at < end, F.status.in_(sorted(OPEN_STATUSES)), F.accepted,
                       *own], group)
    before = _run(s, {"carried_over": func.count()}, [F.finished_at >= start, F.received_at < start, *own], group)
    after = _run(s, {"open_at_end": func.count(), "open_late_at_end": _n(F.deadline_at < end)},
                 [F.finished_at >= end, F.received_at < end, *own], group)
    return unfinished + before + after


def _returned(s: Session, period: Period, scope: Scope) -> list:
    values = {"returned": func.count(), "rated_very_satisfied": _n(F.rating == 1),
              "rated_satisfied": _n(F.rating == 2), "rated_unsatisfied": _n(F.rating == 3)}
    where = [F.returned_at >= period.start, F.returned_at < period.end, *scope.where(F.commune_id)]
    return _run(s, values, where, scope.column(F.commune_id, F.sector))


def _steps(s: Session, period: Period, scope: Scope) -> list:
    """Supplement requests and refusals: the steps into 5 and 3 in the period (index ``(to_status, at)``)."""
    values = {"supplement_requests": _n(E.to_status == 5), "refusals": _n(E.to_status == 3)}
    where = [E.to_status.in_((3, 5)), E.at >= period.start, E.at < period.end, E.from_status != E.to_status,
             *scope.where(F.commune_id)]
    joined = E.__table__.join(F.__table__, F.dossier_id == E.dossier_id)
    return _run(s, values, where, scope.column(F.commune_id, F.sector), joined)


def _outcomes(s: Session, period: Period, scope: Scope) -> list:
    """Guidance and refusals at the counter; an outcome has no sector (it keeps only the procedure's code)."""
    if scope.group == "sector":
        return []
    values = {"guidance_given": _n(OUT.kind == "guidance"), "refusals_at_counter": _n(OUT.kind == "refusal")}
    where = [OUT.at >= period.start, OUT.at < period.end, *scope.where(OUT.commune_id)]
    group = OUT.commune_id if scope.group == "commune" else None
    columns = [expression.label(name) for name, expression in values.items()]
    statement = select(*([group.label("g")] if group is not None else []), *columns).where(*where)
    if group is not None:
        statement = statement.group_by(group)
    return [(row["g"] if group is not None else None, {name: row[name] for name in values})
            for row in s.execute(statement).mappings() if group is not None or any(row[n] for n in values)]
