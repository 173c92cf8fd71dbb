"""The working-day calendar: statutory days computed, yearly schedules from the database."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from sqlalchemy import func, select

from desk.domain.calendar import WorkingCalendar, YearSchedule, schedule_from_dict, schedule_to_dict
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
            for schedule in schedules:
                session.add(CalendarYearRow(year=schedule.year, schedule=schedule_to_dict(schedule),
                                            updated_utc=utc_now()))
        self.invalidate()
        return len(schedules)

    def save_schedule(self, schedule: YearSchedule, *, actor: str) -> None:
        with self.db.write() as session:
            row = session.get(CalendarYearRow, schedule.year)
            before = row.schedule if row else None
            if row is None:
                row = CalendarYearRow(year=schedule.year)
                session.add(row)
            row.schedule = schedule_to_dict(schedule)
            row.updated_utc = utc_now()
            record(session, actor=actor, action="calendar.save", entity="calendar_year",
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
