"""The working-day calendar: statutory days computed, yearly schedules from the database."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from desk.domain.calendar import (
    DayKind,
    WorkingCalendar,
    YearSchedule,
    day_kind,
    schedule_from_dict,
    schedule_to_dict,
)
from desk.domain.errors import DomainError
from desk.domain.procedure import ProcedureTemplate
from desk.domain.users import Actor, require_admin
from desk.store import Database
from desk.store.models import CalendarYearRow

from .audit import record, utc_now


class CalendarService:
    def __init__(self, db: Database):
        self.db = db
        self._lock = threading.Lock()
        self._calendar: WorkingCalendar | None = None

    def seed_if_empty(self, folder: Path) -> int:
        with self.db.read() as session:
            if session.scalar(select(func.count()).select_from(CalendarYearRow)):
                return 0
        schedules = [schedule_from_dict(json.loads(p.read_text(encoding="utf-8")))
                     for p in sorted(Path(folder).glob("*.json"))]
        with self.db.write() as session:
            self.db.take_lock(session, "seed-calendar")  # desks starting together: one seeds
            if session.scalar(select(func.count()).select_from(CalendarYearRow)):
                return 0
            for schedule in schedules:
                session.add(CalendarYearRow(year=schedule.year, schedule=schedule_to_dict(schedule),
                                            updated_utc=utc_now()))
        self.invalidate()
        return len(schedules)

    def save_schedule(self, schedule: YearSchedule, *, actor: Actor) -> None:
        require_admin(actor, "sửa lịch làm việc")
        if schedule.office_hours is not None:
            schedule.office_hours.validated()
        with self.db.write() as session:
            row = session.get(CalendarYearRow, schedule.year)
            before = row.schedule if row else None
            if row is None:
                row = CalendarYearRow(year=schedule.year)
                session.add(row)
            row.schedule = schedule_to_dict(schedule)
            row.updated_utc = utc_now()
            record(session, actor=actor.audit_name, action="calendar.save", entity="calendar_year",
                   entity_id=str(schedule.year), details={"before": before, "after": row.schedule})
        self.invalidate()

    def invalidate(self) -> None:
        with self._lock:
            self._calendar = None

    def calendar(self) -> WorkingCalendar:
        with self._lock:
            if self._calendar is None:
                with self.db.read() as session:
                    schedules = {row.year: schedule_from_dict(row.schedule)
                                 for row in session.scalars(select(CalendarYearRow))}
                self._calendar = WorkingCalendar(schedules=schedules)
            return self._calendar

    def import_schedule(self, text: str, *, actor: Actor) -> YearSchedule:
        """An official year schedule as JSON (the format of ``resources/calendar/<year>.json``)."""
        require_admin(actor, "nhập lịch làm việc")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DomainError(f"Dòng {exc.lineno}: tệp lịch không phải JSON hợp lệ ({exc.msg}).") from None
        if not isinstance(data, dict):
            raise DomainError("Tệp lịch phải là một đối tượng JSON có “year”, “days_off”, “working_days”.")
        schedule = schedule_from_dict(data)
        self.save_schedule(schedule, actor=actor)
        return schedule

    def schedule(self, year: int) -> YearSchedule:
        return self.calendar().schedules.get(year) or YearSchedule(year)

    def month(self, year: int, month: int) -> list[tuple[date, DayKind, str]]:
        calendar = self.calendar()
        first = date(year, month, 1)
        days = []
        day = first
        while day.month == month:
            days.append((day, day_kind(calendar, day), calendar.day_note(day)))
            day = date.fromordinal(day.toordinal() + 1)
        return days

    def appointment(self, template: ProcedureTemplate, received_at: datetime) -> datetime | None:
        """“What would the appointment be?” for a procedure received at a given moment."""
        return self.calendar().appointment(received_at, template.processing)
