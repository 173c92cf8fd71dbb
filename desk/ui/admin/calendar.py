"""Lịch làm việc: the month on the left with the day's controls; on the right, in tabs, the year's days
off, the office hours and a trial appointment. Laid out side by side (``forms/calendar_page.ui``) so that
the page fits a counter screen (1366×728) with every button in view."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtGui import QBrush, QColor, QTextCharFormat
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidgetItem, QWidget

from desk.domain.calendar import (
    WEEKDAY_NAMES,
    DayKind,
    OfficeHours,
    YearSchedule,
    day_kind,
    schedule_to_dict,
)
from desk.domain.clock import vietnam_now
from desk.domain.errors import DomainError
from forms.ui_calendar_page import Ui_CalendarPage

from .. import dialogs, messages
from ..background import BackgroundRunner
from ..desk_ref import DeskRef
from ..formatting import describe_moment
from ..operations import Changes
from ..screen_fit import bound_combo
from ..signals import DeskSignals
from .base import AdminPage, measure_afresh, read_only_item

KIND_COLOURS = {DayKind.WORKING: ("#ffffff", "#1b2b3a"), DayKind.WEEKEND: ("#eceff3", "#6b7785"),
                DayKind.HOLIDAY: ("#fbd5d5", "#8a1111"), DayKind.MAKE_UP: ("#d3f0da", "#135c25")}
KIND_LABELS = {DayKind.WORKING: "Ngày làm việc", DayKind.WEEKEND: "Nghỉ cuối tuần",
               DayKind.HOLIDAY: "Nghỉ lễ, Tết, nghỉ bù", DayKind.MAKE_UP: "Làm bù"}
OUTSIDE_MONTH = "#b0b7bf"  # the neighbouring months' days the grid shows
HOURS_ROW_HEIGHT = 26  # as in the form
DAY_ROLE = Qt.ItemDataRole.UserRole  # a days-off row's date, ISO


def parse_session(text: str, weekday: int, which: str) -> tuple[time, time] | None:
    """``07:30-11:30`` as typed in the office hours table; None for an empty cell."""
    text = text.strip().replace("–", "-").replace(" ", "")
    if not text:
        return None
    try:
        start, end = (time.fromisoformat(part.zfill(5)) for part in text.split("-"))
    except ValueError:
        raise DomainError(f"{WEEKDAY_NAMES[weekday]}, buổi {which}: “{text}” phải có dạng 07:30-11:30.",
                          field="office_hours") from None
    return start, end


class CalendarPage(AdminPage, Ui_CalendarPage):
    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals, parent: QWidget | None = None):
        super().__init__(desk, runner, signals, parent)
        self.setObjectName("calendarPage")
        self.setupUi(self)
        self.calendar = None
        self.schedule: YearSchedule | None = None
        self.procedures: list = []
        self.importButton, self.exportButton = self.importScheduleButton, self.exportScheduleButton
        self.procedureCombo = bound_combo(self.calcProcedureCombo, 24)  # 200-character names exist
        self.receivedEdit, self.appointmentLabel = self.calcReceivedEdit, self.appointmentValueLabel
        self._finish_layout()
        self._connect()
        measure_afresh(self)

    def _finish_layout(self) -> None:
        """What the form cannot say: the legend's colours, the week's day names, the column sizes."""
        for kind, label in KIND_LABELS.items():
            background, foreground = KIND_COLOURS[kind]
            swatch = QLabel(f" {label} ", self.monthGroup)
            swatch.setStyleSheet(f"background:{background}; color:{foreground}; border:1px solid #c9d3dd;"
                                 "padding:2px 6px;")
            self.legendRow.addWidget(swatch)
        self.legendRow.addStretch(1)
        self.calendarSplitter.setStretchFactor(0, 1)
        self.calendarSplitter.setStretchFactor(1, 1)
        header = self.holidaysTable.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.hoursTable.setVerticalHeaderLabels(list(WEEKDAY_NAMES))
        self.hoursTable.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.hoursTable.setMinimumHeight(7 * HOURS_ROW_HEIGHT + 30)  # the whole week without scrolling
        now = vietnam_now()  # Vietnam time, whatever the machine's clock zone
        self.receivedEdit.setDateTime(QDateTime(QDate(now.year, now.month, now.day), QTime(now.hour, now.minute)))

    def _connect(self) -> None:
        self.importButton.clicked.connect(self.import_file)
        self.exportButton.clicked.connect(self.export_file)
        self.monthView.currentPageChanged.connect(lambda _y, _m: self.paint())
        self.monthView.selectionChanged.connect(self._on_day_selected)
        self.addDayOffButton.clicked.connect(lambda: self.mark_day("off"))
        self.addWorkingDayButton.clicked.connect(lambda: self.mark_day("working"))
        self.clearDayButton.clicked.connect(lambda: self.mark_day("clear"))
        self.holidaysTable.cellDoubleClicked.connect(self._jump_to_holiday)
        self.saveHoursButton.clicked.connect(self.save_hours)
        self.procedureCombo.currentIndexChanged.connect(self.calculate)
        self.receivedEdit.dateTimeChanged.connect(self.calculate)

    @property
    def year(self) -> int:
        return self.monthView.yearShown()

    def refresh(self) -> None:
        need_procedures = not self.procedures

        def load():
            services = self.desk.services
            return services.calendar.calendar(), services.catalog.search("", limit=1000) if need_procedures else []

        def show(result) -> None:
            self.calendar, procedures = result
            if procedures:
                self.procedures = procedures
                self.procedureCombo.blockSignals(True)
                for entry in procedures:
                    self.procedureCombo.addItem(f"{entry.template.code} — {entry.template.name} "
                                                f"({entry.template.processing.short()})", entry.template)
                self.procedureCombo.blockSignals(False)
            self.paint()
            self.calculate()

        self.ops.read(load).success(show).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.calendar:
            self.refresh()
        elif changes.catalog:  # the trial appointment's list of procedures
            self.procedures = []
            self.procedureCombo.blockSignals(True)
            self.procedureCombo.clear()
            self.procedureCombo.blockSignals(False)
            self.refresh()

    # -- showing the year ------------------------------------------------------------------------
    def paint(self) -> None:
        """Colour the month shown and fill the year's tables (the calendar object is pure domain)."""
        calendar = self.calendar
        if calendar is None:
            return
        year = self.monthView.yearShown()
        self.schedule = calendar.schedules.get(year) or YearSchedule(year)
        self.yearLabel.setText(f"<b>Năm {year}</b> · " + (f"lịch năm: {self.schedule.source}" if self.schedule.source
                                                           else "chưa nhập lịch năm chính thức"))
        self._colour_month()
        self._fill_days_off(year)
        self._fill_hours(year)
        self._on_day_selected()

    def _colour_month(self) -> None:
        calendar = self.calendar
        year, month = self.monthView.yearShown(), self.monthView.monthShown()
        start = QDate(year, month, 1).addDays(-7)
        for offset in range(50):  # the weeks of the previous and next months visible in the grid
            qday = start.addDays(offset)
            day = date(qday.year(), qday.month(), qday.day())
            background, foreground = KIND_COLOURS[day_kind(calendar, day)]
            fmt = QTextCharFormat()
            fmt.setBackground(QBrush(QColor(background)))
            fmt.setForeground(QBrush(QColor(foreground if day.month == month else OUTSIDE_MONTH)))
            fmt.setToolTip(calendar.day_note(day))
            self.monthView.setDateTextFormat(qday, fmt)

    def _fill_days_off(self, year: int) -> None:
        days_off = sorted(self.calendar.days_off(year).items())
        announced = self.schedule.days_off
        rows = [(d, n, "Lịch năm" if d in announced else "Bộ luật Lao động") for d, n in days_off]
        rows += [(d, n, "Làm bù") for d, n in sorted(self.schedule.working_days.items())]
        rows.sort()
        self.holidaysTable.setRowCount(len(rows))
        for row, (day, name, source) in enumerate(rows):
            self.holidaysTable.setItem(row, 0, read_only_item(f"{WEEKDAY_NAMES[day.weekday()]} {day:%d/%m/%Y}"))
            self.holidaysTable.setItem(row, 1, read_only_item(name))
            self.holidaysTable.setItem(row, 2, read_only_item(source))
            self.holidaysTable.item(row, 0).setData(DAY_ROLE, day.isoformat())
        self.sourceLabel.setText("Ngày nghỉ lễ, Tết (kể cả theo âm lịch) và nghỉ bù tính theo Bộ luật Lao động "
                                 "2019, Điều 112; lịch năm do Bộ Nội vụ thông báo bổ sung.")

    def _fill_hours(self, year: int) -> None:
        hours = self.calendar.hours(year)
        for weekday in range(7):
            sessions = hours.weekday_sessions[weekday]
            for column in range(2):
                text = (f"{sessions[column][0]:%H:%M}-{sessions[column][1]:%H:%M}" if column < len(sessions) else "")
                self.hoursTable.setItem(weekday, column, QTableWidgetItem(text))
        self.cutoffEdit.setTime(QTime(hours.same_day_cutoff.hour, hours.same_day_cutoff.minute))

    def _jump_to_holiday(self, row: int, _column: int) -> None:
        day = date.fromisoformat(self.holidaysTable.item(row, 0).data(DAY_ROLE))
        self.monthView.setSelectedDate(QDate(day.year, day.month, day.day))

    def selected_day(self) -> date:
        q = self.monthView.selectedDate()
        return date(q.year(), q.month(), q.day())

    def _on_day_selected(self) -> None:
        if self.calendar is None:
            return
        day = self.selected_day()
        kind = day_kind(self.calendar, day)
        note = self.calendar.day_note(day)
        self.dayLabel.setText(f"{WEEKDAY_NAMES[day.weekday()]} {day:%d/%m/%Y}: {KIND_LABELS[kind]}"
                              + (f" — {note}" if note else ""))

    # -- changes -------------------------------------------------------------------------------
    def _save(self, schedule: YearSchedule, what: str) -> None:
        actor = self.actor
        before = self.schedule.days_off if self.schedule is not None and self.schedule.year == schedule.year else {}
        new_days_off = set(schedule.days_off) - set(before)
        services = self.desk.services

        def saved(_result) -> None:
            said = what + " Ngày hẹn của hồ sơ nhận từ bây giờ tính theo lịch mới."
            messages.show(self.messageLabel, "success", said)
            if new_days_off:  # citizens already promised that day would find the office closed
                self.ops.read(lambda: services.dossiers.due_on(new_days_off)) \
                    .success(lambda due: self._warn_due(said, due)).run()

        self.ops.write(lambda: services.calendar.save_schedule(schedule, actor=actor),
                       Changes(calendar=True)).success(saved).run()

    def _warn_due(self, said: str, due: list) -> None:
        if not due:
            return
        codes = ", ".join(summary.code for summary in due[:5]) + (" …" if len(due) > 5 else "")
        messages.show(self.messageLabel, "warning",
                      f"{said} {len(due)} hồ sơ đang hẹn trả vào ngày vừa nghỉ ({codes}): hãy báo công dân và "
                      "dùng “Xin lỗi, hẹn lại…” ở trang Hồ sơ.")

    def mark_day(self, how: str) -> None:
        if self.schedule is None:
            return
        day = self.selected_day()
        if day.year != self.schedule.year:
            self.schedule = self.calendar.schedules.get(day.year) or YearSchedule(day.year)
        name = self.dayNameEdit.text().strip()
        days_off, working = dict(self.schedule.days_off), dict(self.schedule.working_days)
        days_off.pop(day, None)
        working.pop(day, None)
        if how == "off":
            days_off[day] = name or "Nghỉ theo thông báo"
        elif how == "working":
            working[day] = name or "Làm bù theo thông báo"
        try:
            schedule = replace(self.schedule, days_off=days_off, working_days=working)
        except DomainError as error:
            self.fail(error)
            return
        self.dayNameEdit.clear()
        self._save(schedule, f"Đã cập nhật ngày {day:%d/%m/%Y}.")

    def office_hours(self) -> OfficeHours:
        sessions = []
        for weekday in range(7):
            day = []
            for column, which in ((0, "sáng"), (1, "chiều")):
                item = self.hoursTable.item(weekday, column)
                parsed = parse_session(item.text() if item else "", weekday, which)
                if parsed:
                    day.append(parsed)
            sessions.append(tuple(day))
        cutoff = self.cutoffEdit.time()
        return OfficeHours(tuple(sessions), time(cutoff.hour(), cutoff.minute())).validated()

    def save_hours(self) -> None:
        if self.schedule is None:
            return
        try:
            schedule = replace(self.schedule, office_hours=self.office_hours())
        except DomainError as error:
            self.fail(error)
            return
        self._save(schedule, f"Đã lưu giờ làm việc năm {schedule.year}.")

    # -- files and the trial appointment -------------------------------------------------------------
    def import_file(self) -> None:
        path = dialogs.ask_open_json(self, "Nhập lịch năm")
        if path is None:
            return
        actor = self.actor

        def work():
            return self.desk.services.calendar.import_schedule(path.read_text(encoding="utf-8-sig"), actor=actor)

        def done(schedule) -> None:
            messages.show(self.messageLabel, "success",
                          f"Đã nhập lịch năm {schedule.year}: {len(schedule.days_off)} ngày nghỉ thêm, "
                          f"{len(schedule.working_days)} ngày làm bù.")
            self.monthView.setCurrentPage(schedule.year, self.monthView.monthShown())

        self.ops.write(work, Changes(calendar=True)).success(done).run()

    def export_file(self) -> None:
        if self.schedule is None:
            return
        path = dialogs.ask_save_json(self, "Xuất lịch năm", f"lich-{self.schedule.year}.json")
        if path is None:
            return
        text = json.dumps(schedule_to_dict(self.schedule), ensure_ascii=False, indent=2) + "\n"

        def work():
            from desk.fileio import atomic_write_text

            atomic_write_text(path, text)

        self.ops.read(work).success(lambda _r: messages.show(self.messageLabel, "success", f"Đã xuất {path}.")).run()

    def calculate(self) -> None:
        template = self.procedureCombo.currentData()
        if self.calendar is None or template is None:
            return
        q = self.receivedEdit.dateTime()
        received = datetime(q.date().year(), q.date().month(), q.date().day(), q.time().hour(), q.time().minute())
        appointment = self.calendar.appointment(received, template.processing)
        self.appointmentLabel.setText(f"{describe_moment(appointment)}\n({template.processing.describe()})")
