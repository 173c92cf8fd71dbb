"""The centre's numbers gathered once for the Tổng quan page and its reports (issue 18): figures, QĐ 766 values,
the per-procedure table and the late list, for a period and an optional counter, clerk, sector or procedure. The
page shows an ``IndicatorsReport``; the PDF and the spreadsheet are drawn from the same object, so the three agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from contract.indicators import evaluate
from contract.periods import Period
from desk.domain.errors import DomainError
from desk.fileio import atomic_write_bytes
from desk.paths import DeskPaths

from .agency import AgencyService
from .feedback import FeedbackService
from .indicators import IndicatorService

if TYPE_CHECKING:
    from desk.domain.indicator_report import IndicatorsReport


@dataclass(frozen=True)
class Scope:
    """Which dossiers the figures count: all of the centre, or one counter, clerk, sector or procedure."""

    counter: str | None = None
    clerk: str | None = None
    sector: str | None = None
    procedure: str | None = None

    @property
    def label(self) -> str:
        for value, word in ((self.counter, "Quầy"), (self.clerk, "Cán bộ"), (self.sector, "Lĩnh vực"),
                            (self.procedure, "Thủ tục")):
            if value:
                return f"{word}: {value}"
        return "Toàn trung tâm"

    def as_filters(self) -> dict[str, str | None]:
        return {"counter": self.counter, "clerk": self.clerk, "sector": self.sector, "procedure": self.procedure}


class ReportService:
    def __init__(self, indicators: IndicatorService, agency: AgencyService, paths: DeskPaths,
                 feedback: FeedbackService | None = None):
        self.indicators = indicators
        self.agency = agency
        self.paths = paths
        self.feedback = feedback

    def report(self, period: Period, scope: Scope = Scope(), late_limit: int = 200) -> IndicatorsReport:
        """Everything the page and the reports show, read by a handful of SQL aggregates."""
        from desk.domain.indicator_report import IndicatorsReport, LateLine, ReportLine

        filters = scope.as_filters()
        if scope.procedure:  # one procedure: its own figures, and its one line
            total = self.indicators.counts(period, **filters)
            per_procedure = [line for line in self.indicators.per_procedure(
                period, counter=scope.counter, clerk=scope.clerk, sector=scope.sector)
                if line.procedure_code == scope.procedure]
        else:
            total, per_procedure = self.indicators.overview(period, counter=scope.counter, clerk=scope.clerk,
                                                            sector=scope.sector)
        lines = tuple(ReportLine(f"{line.procedure_name or line.procedure_code} ({line.procedure_code})",
                                 line.counts) for line in per_procedure)
        late = tuple(LateLine(d.code, d.owner_name, d.procedure_name, d.deadline_at, d.days_late)
                     for d in self.indicators.late_list(period, late_limit, **filters))
        feedback = self.feedback.counts(period.first, period.last) if self.feedback is not None else {}
        return IndicatorsReport(period.first, period.last, scope.label, total, lines, evaluate(total), late,
                                feedback)

    def scope_choices(self) -> dict[str, list[tuple[str, str]]]:
        """What the page offers to narrow the figures to, as (value, what the list shows): the counters, clerks,
        sectors and procedures found in the dossiers (DISTINCT on indexed or small columns); a procedure by its
        code and name."""
        from sqlalchemy import select

        from desk.store.models import DossierRow, ProcedureRow

        columns = {"counter": DossierRow.counter_name, "clerk": DossierRow.clerk_name, "sector": DossierRow.sector,
                   "procedure": DossierRow.procedure_code}
        with self.indicators.db.read() as session:
            found = {key: [v for v in session.scalars(select(column).distinct().order_by(column)) if v]
                     for key, column in columns.items()}
            names = dict(session.execute(select(ProcedureRow.code, ProcedureRow.name)
                                         .where(ProcedureRow.is_current)).all())
        return {key: [(v, f"{v} — {names[v]}" if key == "procedure" and v in names else v) for v in values]
                for key, values in found.items()}

    def _header(self, report: IndicatorsReport):
        from printing.layout import FormHeader

        agency = self.agency.get()
        if agency is None:
            raise DomainError("Chưa khai báo thông tin cơ quan.")
        # Dated the day it is made (a year's report is not dated 31 December in June).
        return FormHeader(agency.parent_authority, agency.unit_name, agency.place_name,
                          self.indicators.clock().date())

    def path(self, report: IndicatorsReport, suffix: str) -> Path:
        scope = "" if report.scope == "Toàn trung tâm" else "-loc"
        return self.paths.forms / f"bao-cao-{report.first:%Y%m%d}-{report.last:%Y%m%d}{scope}.{suffix}"

    def save_pdf(self, report: IndicatorsReport) -> Path:
        from printing.indicators_report import render_pdf

        path = self.path(report, "pdf")
        atomic_write_bytes(path, render_pdf(self._header(report), report))
        return path

    def save_xlsx(self, report: IndicatorsReport) -> Path:
        from printing.indicators_report import render_xlsx

        path = self.path(report, "xlsx")
        atomic_write_bytes(path, render_xlsx(self._header(report), report))
        return path
