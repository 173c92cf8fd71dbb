"""Nhật ký: is the audit log whole? The chain walked and checked against its anchors (the province, the
newest backup), the first broken link named; and the newest entries, who did what and when."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.domain.audit_labels import action_label, actor_label
from desk.domain.clock import to_vietnam_local

from . import messages
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .operations import PageOps


class AuditPage(QWidget):
    COLUMNS = ("Số", "Thời gian", "Người thực hiện", "Việc", "Đối tượng")

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("auditPage")
        self.desk = desk
        self.ops = PageOps(None, runner, self)
        layout = QVBoxLayout(self)
        title = QLabel("Nhật ký thao tác", self)
        title.setObjectName("titleLabel")
        intro = QLabel("Mỗi thao tác được ghi kèm mã băm nối với thao tác trước: sửa hoặc xóa một dòng nhật ký bằng "
                       "công cụ ngoài phần mềm sẽ bị phát hiện. Đầu chuỗi được gửi lên tỉnh và ghi vào mỗi bản sao "
                       "lưu để đối chiếu.", self)
        intro.setWordWrap(True)
        self.resultLabel = QLabel(self)
        self.resultLabel.setObjectName("auditResult")
        self.resultLabel.setWordWrap(True)
        row = QHBoxLayout()
        self.checkButton = QPushButton("Kiểm tra lại", self)
        self.checkButton.setObjectName("auditCheckButton")
        self.checkButton.clicked.connect(self.check)
        row.addWidget(self.checkButton)
        row.addStretch(1)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((70, 140, 200, 230)):
            self.table.setColumnWidth(column, width)
        for widget in (title, intro, self.resultLabel):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)

    def start(self) -> None:
        self.check()

    def check(self) -> None:
        """Walk the chain on the worker (a large log takes seconds); the newest entries with it."""
        self.checkButton.setEnabled(False)
        messages.show(self.resultLabel, "info", "Đang kiểm tra nhật ký…")
        audit = self.desk.services.audit

        def shown(result) -> None:
            report, entries = result
            self.checkButton.setEnabled(True)
            messages.show(self.resultLabel, "success" if report.ok else "error", report.describe())
            self._fill(entries)

        def failed(error: BaseException) -> None:
            self.checkButton.setEnabled(True)
            messages.show(self.resultLabel, "error", str(error))

        self.ops.read(lambda: (audit.check_all(), audit.recent())).success(shown).failure(failed).run()

    def _fill(self, entries: list[dict]) -> None:
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            when = f"{to_vietnam_local(entry['at_utc']):%H:%M %d/%m/%Y}"
            for column, value in enumerate((str(entry["seq"]), when, actor_label(entry["actor"]),
                                            action_label(entry["action"]), entry["entity_id"])):
                self.table.setItem(row, column, QTableWidgetItem(value))
