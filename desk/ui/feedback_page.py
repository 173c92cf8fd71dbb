"""Phản ánh, kiến nghị: citizens' feedback of this centre — open ones by due date (overdue in red), answered ones,
every one; "Ghi nhận phản ánh…" for the counter (then the slip), "Trả lời…" for admins and supervisors."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.domain.clock import vietnam_now
from desk.domain.feedback import Channel, FeedbackDraft

from . import messages
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .feedback_dialogs import AnswerFeedbackDialog, RecordFeedbackDialog
from .operations import Changes, PageOps
from .signals import DeskSignals

OVERDUE = QColor("#b00020")
STATES = (("open", "Chưa trả lời"), ("answered", "Đã trả lời"), ("all", "Tất cả"))


class FeedbackPage(QWidget):
    COLUMNS = ("Mã phản ánh", "Tiếp nhận", "Kênh", "Loại", "Hồ sơ", "Hạn trả lời", "Trạng thái")

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("feedbackPage")
        self.desk = desk
        self.ops = PageOps(signals, runner, self, show_error=lambda text: messages.show(self.message, "error", text))
        self.views: list = []
        self.dialog: QWidget | None = None
        layout = QVBoxLayout(self)
        title = QLabel("Phản ánh, kiến nghị của công dân", self)
        title.setObjectName("titleLabel")
        layout.addWidget(title)
        row = QHBoxLayout()
        self.state = QComboBox(self)
        self.state.setObjectName("feedbackState")
        for key, label in STATES:
            self.state.addItem(label, key)
        self.state.currentIndexChanged.connect(self.refresh)
        self.record_button = QPushButton("Ghi nhận phản ánh…", self)
        self.record_button.setObjectName("recordFeedbackButton")
        self.record_button.clicked.connect(lambda: self.ask_record())
        self.answer_button = QPushButton("Trả lời…", self)
        self.answer_button.setObjectName("answerFeedbackButton")
        self.answer_button.clicked.connect(self.ask_answer)
        self.slip_button = QPushButton("In lại phiếu", self)
        self.slip_button.setObjectName("feedbackSlipButton")
        self.slip_button.clicked.connect(self.print_selected)
        for widget in (QLabel("Hiện:", self), self.state):
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.record_button, self.answer_button, self.slip_button):
            row.addWidget(widget)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.linkActivated.connect(self._on_link)
        self.message.setObjectName("feedbackMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("feedbackTable")
        self.table.setHorizontalHeaderLabels(self.COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((230, 120, 100, 0, 200, 120)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.itemDoubleClicked.connect(lambda _item: self.ask_answer())
        self.detail = QLabel(self)
        self.detail.setObjectName("feedbackDetail")
        self.detail.setWordWrap(True)
        self.table.itemSelectionChanged.connect(self._show_detail)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        if signals is not None:
            signals.changed.connect(lambda changes: self.refresh() if changes.sync else None)

    def _service(self):

        return self.desk.services.feedback

    def start(self) -> None:
        actor = self.desk.actor
        self.answer_button.setVisible(bool(actor and actor.can_administer))
        self.refresh()

    def refresh(self) -> None:
        state = self.state.currentData()
        service = self._service() if self.desk.is_open else None
        if service is None:
            return
        self.ops.read(lambda: service.listing(state)).success(self._fill).run()

    def _fill(self, views: list) -> None:
        self.views = views
        now = vietnam_now().replace(tzinfo=None)
        self.table.setRowCount(len(views))
        for row, view in enumerate(views):
            late = view.overdue(now)
            status = view.status_label + (" — quá hạn" if late and view.answered_at is None else "")
            cells = (view.code, f"{view.received_at:%H:%M %d/%m/%Y}", view.channel_label, view.category_label,
                     view.dossier_code, f"{view.due_at:%H:%M %d/%m/%Y}", status)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if late and column in (5, 6):
                    item.setForeground(QBrush(OVERDUE))
                self.table.setItem(row, column, item)
        self.detail.clear()

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.views[rows[0].row()] if rows else None

    def _show_detail(self) -> None:
        view = self.selected()
        if view is None:
            self.detail.clear()
            return
        answer = f"\nTrả lời ({view.answered_by}): {view.answer}" if view.answer else ""
        self.detail.setText(f"«{view.text}»{answer}")

    # -- record ----------------------------------------------------------------------------------------------
    def ask_record(self, dossier_code: str = "") -> RecordFeedbackDialog:
        dialog = RecordFeedbackDialog(self, dossier_code)
        self.dialog = dialog
        dialog.submitted.connect(lambda values: self._record(dialog, values))
        dialog.open()
        return dialog

    def _record(self, dialog: RecordFeedbackDialog, values: dict) -> None:
        actor, block, service = self.desk.actor, self.desk.settings.code_block, self._service()
        draft = FeedbackDraft(**values)

        def work():
            view = service.record(draft, Channel.COUNTER, actor, block=block)
            return view, service.print_slip(view.code)

        def done(result) -> None:
            view, path = result
            dialog.accept()
            told = self._deliver(path)
            messages.show(self.message, "success", f"Đã ghi nhận phản ánh {view.code}; hạn trả lời "
                                                   f"{view.due_at:%H:%M %d/%m/%Y}. {told}",
                          actions=((f"preview:{path}", "Xem trước, in lại"),))

        self.ops.bound_to(dialog, dialog.failed).write(work, Changes(sync=True)).success(done).run()

    def _deliver(self, path) -> str:
        from .print_preview import deliver_pdf

        settings = self.desk.settings
        return deliver_pdf(self, path, what="phiếu ghi nhận phản ánh", paper="A5", printer_name=settings.printer_name,
                           preview=settings.preview_before_print)

    def print_selected(self) -> None:
        view = self.selected()
        if view is None:
            messages.show(self.message, "info", "Chọn một phản ánh trong danh sách.")
            return
        service = self._service()
        self.ops.read(lambda: service.print_slip(view.code)).success(
            lambda path: messages.show(self.message, "success", self._deliver(path),
                                       actions=((f"preview:{path}", "Xem trước, in lại"),))).run()

    def _on_link(self, link: str) -> None:
        """"Xem trước, in lại" after a slip, as on the other pages."""
        kind, _, target = link.partition(":")
        if kind == "preview":
            from pathlib import Path

            from .print_preview import open_preview

            settings = self.desk.settings
            self.preview = open_preview(self, Path(target), paper="A5", printer_name=settings.printer_name)

    # -- answer ----------------------------------------------------------------------------------------------
    def ask_answer(self) -> AnswerFeedbackDialog | None:
        view = self.selected()
        actor = self.desk.actor
        if view is None:
            messages.show(self.message, "info", "Chọn một phản ánh trong danh sách để trả lời.")
            return None
        if not (actor and actor.can_administer):
            messages.show(self.message, "error", "Chỉ quản trị viên hoặc giám sát mới trả lời phản ánh.")
            return None
        dialog = AnswerFeedbackDialog(self, view)
        self.dialog = dialog
        dialog.submitted.connect(lambda text: self._answer(dialog, view.code, text))
        dialog.open()
        return dialog

    def _answer(self, dialog: AnswerFeedbackDialog, code: str, text: str) -> None:
        actor, service = self.desk.actor, self._service()

        def done(_view) -> None:
            dialog.accept()
            messages.show(self.message, "success", f"Đã lưu câu trả lời phản ánh {code}; câu trả lời sẽ lên trang "
                                                   "tra cứu khi máy quầy đồng bộ với tỉnh.")

        self.ops.bound_to(dialog, dialog.failed).write(lambda: service.answer(code, text, actor=actor),
                                                       Changes(sync=True)).success(done).run()
