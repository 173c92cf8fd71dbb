"""Hồ sơ: today's and recent dossiers, search, details, reprint."""

from __future__ import annotations

from datetime import timedelta
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from desk.domain.errors import DomainError
from desk.domain.lifecycle import CLOCK_RUNNING
from desk.domain.printed_forms import printed_after, printed_form
from desk.domain.status import DossierStatus
from desk.fileio import atomic_write_bytes
from forms.ui_dossier_list_page import Ui_DossierListPage

from . import dialogs, messages
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .dossier_detail import detail_html
from .models import DossierTableModel, _moment
from .operations import Changes, PageOps
from .signals import DeskSignals

if TYPE_CHECKING:
    from desk.services.dossiers import DossierDetail, DossierSummary

SEARCH_DELAY_MS = 200
_S = DossierStatus
# The list's filters: (label, statuses or None for all, overdue only).
FILTERS = (("Tất cả hồ sơ", None, False),
           ("Trực tuyến chờ tiếp nhận", (_S.NEW_ONLINE,), False),
           ("Chờ bổ sung", (_S.SUPPLEMENT_REQUESTED,), False),
           ("Đang giải quyết", (_S.RECEIVED, _S.PROCESSING, _S.FINANCIAL_OBLIGATION), False),
           ("Quá hạn, chưa có kết quả", None, True),
           ("Có kết quả, chờ trả", (_S.RESULT_READY,), False),
           ("Đã trả kết quả", (_S.RETURNED,), False))
# The action buttons: object name, label, the statuses it is offered in, the handler's name.
ACTIONS = (("acceptButton", "Tiếp nhận", (_S.NEW_ONLINE,), "accept_online"),
           ("supplementButton", "Yêu cầu bổ sung…", (_S.NEW_ONLINE, _S.RECEIVED, _S.PROCESSING), "ask_supplement"),
           ("supplementReceivedButton", "Nhận bổ sung…", (_S.SUPPLEMENT_REQUESTED,), "ask_supplement_received"),
           ("refuseButton", "Từ chối…", (_S.NEW_ONLINE, _S.SUPPLEMENT_REQUESTED), "ask_refuse"),
           ("handoverButton", "Chuyển xử lý…", (_S.RECEIVED,), "ask_handover"),
           ("resultReadyButton", "Đã có kết quả", (_S.RECEIVED, _S.PROCESSING, _S.FINANCIAL_OBLIGATION),
            "mark_result_ready"),
           ("apologyButton", "Xin lỗi, hẹn lại…", tuple(CLOCK_RUNNING), "ask_apology"),
           ("returnButton", "Trả kết quả…", (_S.RESULT_READY,), "ask_return"),
           ("stopButton", "Dừng giải quyết…", (_S.RECEIVED, _S.PROCESSING, _S.SUPPLEMENT_REQUESTED,
                                               _S.FINANCIAL_OBLIGATION), "ask_stop"),
           ("withdrawButton", "Rút hồ sơ…", (_S.NEW_ONLINE, _S.RECEIVED, _S.PROCESSING, _S.SUPPLEMENT_REQUESTED,
                                             _S.FINANCIAL_OBLIGATION), "ask_withdraw"))


class DossierListPage(QWidget):
    detail_shown = Signal(str)
    form_ready = Signal(object)  # the Path of a form an action printed (tests and the print dialog)
    action_done = Signal(str, str)  # dossier code, action

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals,
                 parent: QWidget | None = None, *, statuses: tuple | None = None, title: str = "",
                 rating_screen=None):
        """``statuses`` fixes the list to those (the online inbox, results waiting to be returned);
        ``rating_screen`` (rating_screen.RatingScreen) is where the citizen rates after a return."""
        super().__init__(parent)
        self.rating_screen = rating_screen
        self.ui = Ui_DossierListPage()
        self.ui.setupUi(self)
        self.desk = desk
        self.ops = PageOps(signals, runner, self, show_error=self._show_problem)
        self.fixed_statuses = statuses
        if title:
            self.ui.titleLabel.setText(title)
        for label, *_ in FILTERS:
            self.ui.filterCombo.addItem(label)
        self.ui.filterCombo.setVisible(statuses is None)
        self.ui.ledgerButton.setVisible(statuses is None)
        self.ui.filterCombo.currentIndexChanged.connect(lambda _: self.refresh())
        self.ui.ledgerButton.clicked.connect(self.ask_ledger)
        self.ui.controlSheetButton.clicked.connect(lambda: self.print_form("control"))
        self.ui.controlSheetButton.setEnabled(False)
        self.action_buttons = self._make_action_buttons()
        self.detail: DossierDetail | None = None
        self.dialog = None
        self._then = ""
        self.model = DossierTableModel(self)
        self._lay_out_table()
        self.ui.actionMessage.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.ui.actionMessage.linkActivated.connect(self._on_message_link)
        self._followed: tuple[str, str] | None = None  # (code, status label) of the dossier just acted on
        self._generation = 0
        self._select_code: str | None = None
        self._current: DossierSummary | None = None
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.ui.searchEdit.textChanged.connect(self._search_timer.start)
        self.ui.dossierTable.selectionModel().currentRowChanged.connect(self._on_row)
        self.ui.reprintButton.clicked.connect(self.reprint)
        self.ui.savePdfButton.clicked.connect(self.save_pdf_as)
        self.ui.detailView.setOpenLinks(False)
        self.ui.detailView.anchorClicked.connect(self.open_document)
        signals.changed.connect(self._on_changes)
        self._started = False
        self._stale = False
        self._printed: tuple | None = None  # (code, kind, text, links) of the last paper printed here

    def _make_action_buttons(self) -> dict[str, QPushButton]:
        buttons = {}
        for name, text, _statuses, handler in ACTIONS:
            # Children of the panel that holds their grid: added to the grid later, they are not re-parented
            # (which would hide them until a queued show, leaving the clerk a moment without buttons).
            button = QPushButton(text, self.ui.detailPanel)
            button.setObjectName(name)
            button.setVisible(False)
            button.clicked.connect(getattr(self, handler))
            buttons[name] = button
        return buttons

    def _lay_out_table(self) -> None:
        self.ui.dossierTable.setModel(self.model)
        self.ui.dossierTable.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.ui.dossierTable.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.ui.dossierTable.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        # The code and the appointment are read whole: their columns are as wide as their text in this font.
        self.ui.dossierTable.ensurePolished()  # the style sheet's font, not the default one
        metrics, padding = self.ui.dossierTable.fontMetrics(), 16
        widths = (metrics.horizontalAdvance("000.00.53.H16-261123-0000") + padding, 150,
                  metrics.horizontalAdvance("00:00 00/00/0000") + padding, 130)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        header.setSectionResizeMode(DossierTableModel.PROCEDURE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.ui.splitter.setSizes([700, 420])
        self.ui.splitter.setStretchFactor(0, 3)
        self.ui.splitter.setStretchFactor(1, 2)

    def start(self) -> None:
        """The desk is open: list the newest dossiers."""
        self._started = True
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if not (changes.dossiers or changes.outcomes) or not self._started:
            return
        if self.isVisible():
            self.refresh()
        else:  # a list nobody looks at is searched again when it is shown, not after every save
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    def show_code(self, code: str, then: str = "") -> None:
        """Select a dossier; ``then`` names an action to open once its details are shown (ask_return)."""
        self._then = then
        self._select_code = code
        if self.ui.filterCombo.currentIndex() != 0:  # a filter could hide it
            self.ui.filterCombo.blockSignals(True)
            self.ui.filterCombo.setCurrentIndex(0)
            self.ui.filterCombo.blockSignals(False)
        self.ui.searchEdit.setText(code)
        self._search_timer.stop()
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation, query = self._generation, self.ui.searchEdit.text()

        statuses, overdue = self.fixed_statuses, False
        if statuses is None:
            _label, statuses, overdue = FILTERS[max(0, self.ui.filterCombo.currentIndex())]

        def done(rows: list[DossierSummary]) -> None:
            if generation != self._generation:
                return
            keep = self._select_code or (self._current.code if self._current else None)
            self.model.set_rows(rows)
            self.ui.countLabel.setText(f"{len(rows)} hồ sơ" + (" (hiển thị 200 mới nhất)" if len(rows) >= 200 else ""))
            for index, summary in enumerate(rows):
                if summary.code == keep:
                    self.ui.dossierTable.selectRow(index)
                    self.ui.dossierTable.scrollTo(self.model.index(index, 0))
                    break
            else:
                self._show_detail(None)
                self._say_why_it_left(keep)
            self._select_code = None
            self._followed = None

        self._stale = False
        self.ops.read(lambda: self.desk.services.dossiers.search(query, statuses=statuses, overdue=overdue),
                      key=f"dossier-list-{id(self)}").success(done).run()

    def _on_row(self, current, _previous) -> None:
        summary = self.model.row_at(current.row()) if current.isValid() else None
        self._current = summary
        if summary is None:
            self._show_detail(None)
            return
        code = summary.code
        self.ops.read(lambda: self.desk.services.dossiers.get(code)).success(self._show_detail).run()

    def _say_why_it_left(self, code: str | None) -> None:
        """The dossier just acted on moved out of the filter: say so, with a way to see it."""
        if code is None or self._followed is None or self._followed[0] != code:
            return
        status = self._followed[1]
        where = self.ui.filterCombo.currentText() if self.fixed_statuses is None else self.ui.titleLabel.text()
        left = f"Hồ sơ {code} đã chuyển sang “{status}” nên không còn trong danh sách “{where}”."
        printed = self._printed if self._printed and self._printed[0] == code else None
        if printed is not None:  # what became of the paper the action printed stays in view, with its link
            _code, kind, text, actions = printed
            messages.show(self.ui.actionMessage, kind, f"{text} {left}", actions=(*actions, (f"show:{code}",
                                                                                             "Xem hồ sơ")))
        else:
            messages.show(self.ui.actionMessage, "info", left, actions=((f"show:{code}", "Xem hồ sơ"),))

    def _on_message_link(self, link: str) -> None:
        action, _, target = link.partition(":")
        if action == "show":
            self.show_code(target)
        elif action == "preview":
            self.preview(Path(target))

    def _place_action_buttons(self, status) -> None:
        """The buttons the status allows, side by side three to a row, with no holes between them."""
        grid = self.ui.actionButtons
        for button in self.action_buttons.values():
            grid.removeWidget(button)
        shown = [self.action_buttons[name] for name, _t, statuses, _h in ACTIONS if status in statuses]
        for index, button in enumerate(shown):
            grid.addWidget(button, index // 3, index % 3)
        for button in self.action_buttons.values():
            button.setVisible(button in shown)

    def _show_detail(self, detail: DossierDetail | None) -> None:
        self.detail = detail
        status = detail.summary.status if detail else None
        self._place_action_buttons(status)
        self.ui.controlSheetButton.setEnabled(detail is not None and status is not _S.NEW_ONLINE)
        self.ui.reprintButton.setEnabled(detail is not None and status is not _S.NEW_ONLINE)
        self.ui.savePdfButton.setEnabled(detail is not None and status is not _S.NEW_ONLINE)
        if detail is None:
            self.ui.detailView.setHtml("<p style='color:#666'>Chọn một hồ sơ để xem chi tiết.</p>")
            return
        self.ui.detailView.setHtml(detail_html(detail))
        self.detail_shown.emit(detail.summary.code)
        then, self._then = self._then, ""
        if then and self.dialog is None:
            getattr(self, then)()

    def _show_problem(self, text: str) -> None:
        self.ui.detailView.setHtml(f"<p style='color:#a00'>{escape(text)}</p>")

    def reprint(self) -> None:
        if self._current is None:
            return
        code = self._current.code

        def printed(path) -> None:
            self._tell_printed(path, "biên nhận")

        self.ops.read(lambda: self.desk.services.receipts.ensure_pdf(code)).success(printed).run()

    def deliver(self, path: Path, what: str, paper: str | None = None) -> str:
        """Print (or preview) a paper; return what became of it."""
        from .print_preview import deliver_pdf

        settings = self.desk.settings
        return deliver_pdf(self, path, what=what, paper=paper or settings.paper, printer_name=settings.printer_name,
                           preview=settings.preview_before_print)

    def _tell_printed(self, path: Path, what: str, paper: str | None = None, kind: str = "success",
                      prefix: str = "") -> None:
        """Every printout says whether it was printed or where its PDF is, with a preview link."""
        said = self.deliver(path, what, paper)
        text, actions = f"{prefix} {said}".strip(), ((f"preview:{path}", "Xem trước, in lại"),)
        messages.show(self.ui.actionMessage, kind, text, actions=actions)
        self._printed = (self.detail.summary.code if self.detail else "", kind, text, actions)

    def preview(self, path: Path, paper: str | None = None) -> None:
        from .print_preview import open_preview

        settings = self.desk.settings
        self.preview_dialog = open_preview(self, path, paper=paper or settings.paper,
                                           printer_name=settings.printer_name)

    def save_pdf_as(self) -> None:
        if self._current is None:
            return
        code = self._current.code
        target = dialogs.ask_save_pdf_path(self, self.desk.paths.data_dir / f"{code}.pdf")
        if target is None:
            return

        def write():
            atomic_write_bytes(target, self.desk.services.receipts.render(code))
            return target

        def written(path) -> None:
            dialogs.show_message(self, self.tr("Lưu biên nhận"), f"Đã lưu biên nhận {code} vào {path}.")

        def failed(error: BaseException) -> None:
            message = str(error) if isinstance(error, DomainError) else f"Không lưu được tệp: {error}"
            dialogs.show_message(self, self.tr("Lưu biên nhận"), message, warning=True)

        self.ops.read(write).success(written).failure(failed).run()

    def open_document(self, url) -> None:
        """Open a digitized document of the dossier shown: a copy named ``.pdf`` for the system viewer."""
        sha256 = url.toString().removeprefix("file:")
        if len(sha256) != 64:
            return
        source = self.desk.paths.file_path(sha256)
        target = self.desk.paths.data_dir / "xem" / f"{sha256[:12]}.pdf"

        def copy() -> Path:
            atomic_write_bytes(target, source.read_bytes())
            return target

        def copied(path: Path) -> None:
            if not dialogs.open_with_system(path):
                dialogs.show_message(self, self.tr("Xem bản số hóa"),
                                     self.tr("Máy này chưa có phần mềm xem PDF. Tệp ở: ") + str(path))

        self.ops.read(copy).success(copied).failure(lambda error: dialogs.show_message(
            self, self.tr("Xem bản số hóa"), self.tr("Không mở được tệp số hóa: ") + str(error), warning=True)).run()

    # -- actions after intake ------------------------------------------------------------------
    @property
    def _lifecycle(self):
        return self.desk.services.lifecycle

    def _run_action(self, name: str, work, dialog=None, *, then=None) -> None:
        """Run ``work(actor)``, a lifecycle action by the person signed in, on the worker; a refusal keeps the
        dialog open with the reason."""
        code, actor = self.detail.summary.code, self.desk.actor

        def done(result) -> None:
            if dialog is not None and then is None:
                dialog.accept()
            self._followed = (code, result.status.label)
            self.action_done.emit(code, name)
            message = f"Hồ sơ {code}: {result.status.label}."
            if result.pdf_error:
                messages.show(self.ui.actionMessage, "warning", f"{message} {result.pdf_error}")
            elif result.pdf_path is not None:
                self.form_ready.emit(result.pdf_path)
                self._tell_printed(result.pdf_path, printed_after(name), prefix=message)
            else:
                messages.show(self.ui.actionMessage, "success", message)
            if then is not None:
                then(result)

        def failed(error: BaseException) -> None:
            text = str(error) if isinstance(error, DomainError) else f"Không thực hiện được: {error}"
            if dialog is not None:
                dialog.failed(text)
            else:
                messages.show(self.ui.actionMessage, "error", text)

        self.ops.write(lambda: work(actor), Changes.dossier(code)).success(done).failure(failed).run()

    def _open_dialog(self, dialog, on_submit) -> None:
        self.dialog = dialog
        dialog.submitted.connect(on_submit)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()

    def accept_online(self) -> None:
        code = self.detail.summary.code
        self._run_action("accept", lambda actor: self._lifecycle.accept_online(code, actor=actor))

    def ask_supplement(self) -> None:
        from .action_dialogs import ActionDialog

        detail = self.detail
        code = detail.summary.code
        earlier = sum(1 for step in detail.steps if step.kind == "supplement")
        intro = ("Hướng dẫn một lần, đầy đủ, bằng văn bản: chọn mọi giấy tờ còn thiếu hoặc cần sửa và ghi rõ lý do."
                 if not earlier else
                 f"Hồ sơ đã được yêu cầu bổ sung {earlier} lần. Quy định chỉ cho yêu cầu một lần, đầy đủ; lần này "
                 "sẽ được tính là hồ sơ chậm trong thống kê.")
        dialog = ActionDialog(self, f"Yêu cầu bổ sung hồ sơ {code}", intro=intro,
                              documents=[d["name"] for d in detail.documents],
                              documents_label="Giấy tờ cần bổ sung, hoàn thiện:",
                              reason_label="Lý do, nội dung cần sửa:",
                              extra_label="Vì sao phải yêu cầu bổ sung lần nữa (bắt buộc):" if earlier else "",
                              ok_text="Lưu và in phiếu yêu cầu bổ sung")
        self._open_dialog(dialog, lambda v: self._run_action(
            "supplement",
            lambda actor: self._lifecycle.request_supplement(code, v["documents"], v["reason"], actor=actor,
                                                             repeat_reason=v.get("extra", "")),
            dialog))

    def ask_supplement_received(self) -> None:
        from .action_dialogs import ActionDialog

        code = self.detail.summary.code
        dialog = ActionDialog(self, f"Nhận giấy tờ bổ sung — {code}",
                              intro="Đánh dấu giấy tờ công dân đã mang đến. Thời hạn giải quyết được tính lại "
                                    "từ bây giờ và biên nhận mới được in.",
                              documents=list(self.detail.to_bring), checked=True,
                              documents_label="Giấy tờ đã nhận bổ sung:", ok_text="Lưu và in biên nhận mới")
        self._open_dialog(dialog, lambda v: self._run_action(
            "supplement_received", lambda actor: self._lifecycle.record_supplement(code, v["documents"], actor=actor),
            dialog))

    def ask_refuse(self) -> None:
        from .action_dialogs import ActionDialog

        code = self.detail.summary.code
        dialog = ActionDialog(self, f"Từ chối tiếp nhận hồ sơ {code}", reason_label="Lý do từ chối (bắt buộc):",
                              ok_text="Từ chối và in phiếu")
        self._open_dialog(dialog, lambda v: self._run_action(
            "refuse", lambda actor: self._lifecycle.refuse(code, v["reason"], actor=actor), dialog))

    def ask_withdraw(self) -> None:
        from .action_dialogs import ActionDialog

        code = self.detail.summary.code
        dialog = ActionDialog(self, f"Rút hồ sơ {code}", intro="Công dân yêu cầu rút hồ sơ.",
                              reason_label="Lý do rút hồ sơ:", ok_text="Rút hồ sơ")
        self._open_dialog(dialog, lambda v: self._run_action(
            "withdraw", lambda actor: self._lifecycle.withdraw(code, v["reason"], actor=actor), dialog))

    def ask_handover(self) -> None:
        from .action_dialogs import ActionDialog

        code = self.detail.summary.code
        dialog = ActionDialog(self, f"Chuyển hồ sơ {code} đi xử lý", unit="", ok_text="Chuyển xử lý")
        self._open_dialog(dialog, lambda v: self._run_action(
            "handover", lambda actor: self._lifecycle.send_to_handler(code, v["unit"], actor=actor), dialog))

    def mark_result_ready(self) -> None:
        code = self.detail.summary.code
        self._run_action("result_ready", lambda actor: self._lifecycle.result_ready(code, actor=actor))

    def ask_apology(self) -> None:
        from .action_dialogs import ActionDialog

        code = self.detail.summary.code

        def suggested(when) -> None:
            dialog = ActionDialog(self, f"Xin lỗi và đề nghị gia hạn — {code}",
                                  intro=f"Hẹn trả cũ: {_moment(self.detail.summary.appointment_at)}. "
                                        "Ngày hẹn trên biên nhận được giữ trong hồ sơ; hồ sơ vẫn tính là quá hạn "
                                        "trừ khi pháp luật cho gia hạn và ghi căn cứ dưới đây.",
                                  when=when, when_label="Ngày hẹn mới:", reason_label="Lý do chậm trễ:",
                                  extra_label="Căn cứ gia hạn theo quy định (để trống nếu chỉ xin lỗi, hẹn lại):",
                                  extra_hint="ví dụ: khoản 2 Điều 18 Luật Hộ tịch 2014 (cần xác minh)",
                                  ok_text="Lưu và in văn bản xin lỗi")
            self._open_dialog(dialog, lambda v: self._run_action(
                "apology", lambda actor: self._lifecycle.apologize(
                    code, v["when"], v["reason"], actor=actor, extension_basis=v.get("extra", "")), dialog))

        self.ops.read(lambda: self._lifecycle.suggest_new_appointment(code)).success(suggested).run()

    def ask_stop(self) -> None:
        from .action_dialogs import ActionDialog

        code = self.detail.summary.code
        dialog = ActionDialog(self, f"Dừng giải quyết hồ sơ {code}",
                              intro="Hồ sơ chuyển sang “Dừng xử lý” và thông báo dừng giải quyết (Mẫu 05) được in "
                                    "để gửi công dân.",
                              reason_label="Lý do dừng giải quyết (bắt buộc):",
                              extra_label="Căn cứ pháp lý (bắt buộc):",
                              extra_hint="văn bản, điều, khoản cho phép dừng giải quyết",
                              ok_text="Dừng và in thông báo")
        self._open_dialog(dialog, lambda v: self._run_action(
            "stop", lambda actor: self._lifecycle.stop(code, v["reason"], v.get("extra", ""), actor=actor), dialog))

    def ask_return(self) -> None:
        from desk.domain.lifecycle import Collector

        from .action_dialogs import ReturnDialog

        detail = self.detail
        code = detail.summary.code
        dialog = ReturnDialog(self, code, detail.summary.owner_name, detail.summary.owner_id_number,
                              detail.summary.procedure_name)
        screen = self.rating_screen

        def ask_citizen(_result) -> None:
            dialog.wait_for_rating("Đã trả kết quả. Phiếu bàn giao đã được tạo.")
            if screen is not None:
                screen.ask(code, detail.summary.procedure_name, self.desk.actor.full_name if self.desk.actor else "")

        def submit(v: dict) -> None:
            collector = Collector(v["name"], v["id_number"], v["is_owner"], v["authorisation"])
            self._run_action("return",
                             lambda actor: self._lifecycle.return_result(code, collector, v["fee"], actor=actor),
                             dialog, then=ask_citizen)

        def rated(rated_code: str, level: int) -> None:
            if rated_code != code:
                return

            actor = self.desk.actor

            def recorded(_) -> None:
                dialog.rating_given()
                self.action_done.emit(code, "rating")

            self.ops.write(lambda: self._lifecycle.rate(code, level, "counter", actor=actor), Changes.dossier(code)) \
                .success(recorded).failure(lambda error: dialog.failed(str(error))).run()

        if screen is not None:
            screen.rated.connect(rated)

            def finished(_result: int) -> None:
                screen.rated.disconnect(rated)
                screen.cancel()

            dialog.finished.connect(finished)
        self._open_dialog(dialog, submit)

    def print_form(self, kind: str) -> None:
        if self.detail is None:
            return
        code = self.detail.summary.code

        def ready(path: Path) -> None:
            self.form_ready.emit(path)
            self._tell_printed(path, printed_form(kind).spoken)

        self.ops.read(lambda: self._lifecycle.render_form(code, kind)).success(ready).run()

    def ask_ledger(self) -> None:
        from .action_dialogs import ActionDialog

        today = self.desk.services.intake.clock().replace(hour=0, minute=0, second=0, microsecond=0)
        # From the first of the month; in a month's first week, the month before is usually what is printed.
        first = today.replace(day=1) if today.day > 7 else (today.replace(day=1) - timedelta(days=1)).replace(day=1)
        dialog = ActionDialog(self, "In sổ theo dõi hồ sơ", intro="Sổ in các hồ sơ tiếp nhận trong khoảng ngày "
                              "chọn dưới đây (A4 ngang), mỗi hồ sơ với số thứ tự đã in trên giấy tiếp nhận.",
                              since=first, when=today, when_label="Đến ngày:", ok_text="In sổ")

        def submit(v: dict) -> None:
            first_day, last_day = sorted((v["since"].date(), v["when"].date()))

            def ready(path: Path) -> None:
                dialog.accept()
                self.form_ready.emit(path)
                self._tell_printed(path, "sổ theo dõi", paper="A4-landscape")

            self.ops.read(lambda: self._lifecycle.render_ledger(first_day, last_day)) \
                .success(ready).failure(lambda error: dialog.failed(str(error))).run()

        self._open_dialog(dialog, submit)
