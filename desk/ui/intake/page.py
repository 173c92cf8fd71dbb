"""Tiếp nhận: identify the citizen, pick the procedure, check and scan the papers, save and print; or give
written guidance or a refusal when the papers do not allow a receipt.

The page composes its parts: ``procedure`` (search, checklist, own fields, fee and appointment),
``digitization`` (the scanned pages of each paper), ``form`` (the form read as a request, its problems, its
draft) and ``drafts`` (every form kept on disk while it is filled in)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QWidget

from desk.domain.citizen import CardIdentity, looks_like_card_qr, parse_card_qr
from desk.domain.codes import DossierCode
from desk.domain.dates import parse_typed_date
from desk.domain.errors import DomainError
from desk.domain.intake import IntakeProblems, validate_intake
from forms.ui_intake_page import Ui_IntakePage

from .. import messages
from ..background import BackgroundRunner
from ..desk_ref import DeskRef
from ..field_errors import FieldErrors
from ..formatting import describe_moment
from ..operations import Changes, PageOps
from ..scanner import ScannerWedge
from ..signals import DeskSignals
from .digitization import DigitizationController
from .drafts import IntakeDrafts
from .form import IntakeForm
from .procedure import ProcedurePanel

if TYPE_CHECKING:
    from desk.services.intake import IntakeOutcome, ReceivedDossier

log = logging.getLogger(__name__)
REVALIDATE_DELAY_MS = 250  # a field's error note is re-checked this long after the clerk stops typing
LINKS = Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard


class IntakePage(QWidget):
    saved = Signal(str)  # the new dossier's code
    open_dossier = Signal(str)  # a receipt (its barcode or QR text) was scanned here
    show_dossier = Signal(str)  # a dossier this desk holds, to be shown on the Hồ sơ page
    outcome_recorded = Signal(object)  # services.intake.IntakeOutcome: guidance or a refusal was given

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = ui = Ui_IntakePage()
        ui.setupUi(self)
        self.desk = desk
        self.ops = PageOps(signals, runner, self, show_error=self._show_error)
        self._saving = False
        self.outcome_dialog = None
        self.preview_dialog = None
        self._strip_counts_problems = False  # the message strip shows "còn N chỗ cần sửa"
        self.wedge: ScannerWedge | None = None
        self.field_errors = FieldErrors({})
        self.digitization = DigitizationController(self, ui, desk, self.ops)
        self.procedure = ProcedurePanel(self, ui, desk, self.ops, self.digitization, self.field_errors)
        self.form = IntakeForm(ui, self.procedure, self.digitization)
        self.field_errors.widgets.update(self.form.field_widgets())
        self.drafts = IntakeDrafts(self, self.ops, self.digitization.file_ops)
        self.drafts.saved_before_crash.connect(self._on_saved_before_crash)
        for part in (self.digitization, self.procedure):
            part.message.connect(self.message)
        self.digitization.changed.connect(self.drafts.changed)
        self.procedure.edited.connect(self.drafts.changed)
        self.procedure.edited.connect(self._field_edited)
        self.procedure.chosen.connect(lambda _entry: self.refresh_reuse_offers())
        self._connect_form()
        self.procedure.show(None)

    def _connect_form(self) -> None:
        ui = self.ui
        ui.genderCombo.addItems(["", "Nam", "Nữ"])
        ui.messageLabel.setOpenExternalLinks(False)
        ui.messageLabel.setTextInteractionFlags(LINKS)
        ui.messageLabel.linkActivated.connect(self._on_message_link)
        ui.draftsLabel.setTextInteractionFlags(LINKS)
        self._revalidate_timer = QTimer(self, singleShot=True, interval=REVALIDATE_DELAY_MS)
        self._revalidate_timer.timeout.connect(self._revalidate)
        for edit in self.form.draft_edits().values():
            edit.textChanged.connect(self.drafts.changed)
            edit.textChanged.connect(self._field_edited)
        ui.genderCombo.currentIndexChanged.connect(self.drafts.changed)
        ui.submittedByOtherCheck.toggled.connect(self.drafts.changed)
        for edit in (ui.birthDateEdit, ui.issueDateEdit):
            edit.editingFinished.connect(lambda e=edit: self._tidy_date(e))
        ui.addressEdit.editingFinished.connect(lambda: ui.addressEdit.setCursorPosition(0))
        # The submitter's fields only when someone submits for the owner: a 1366×728 screen has no room to spare.
        ui.submittedByOtherCheck.toggled.connect(ui.submitterGroup.setEnabled)
        ui.submittedByOtherCheck.toggled.connect(ui.submitterGroup.setVisible)
        ui.submitterGroup.setVisible(False)
        ui.idNumberEdit.editingFinished.connect(self._check_id_number)
        ui.idNumberEdit.editingFinished.connect(self.refresh_reuse_offers)
        ui.saveButton.clicked.connect(self.save)
        ui.clearButton.clicked.connect(self.next_citizen)
        ui.refuseButton.clicked.connect(self.ask_outcome)
        # The counter's habits: Ctrl+S or F12 saves and prints; Esc clears the message strip.
        for keys in ("Ctrl+S", "F12"):
            QShortcut(QKeySequence(keys), self, self.save, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Esc"), self, self.clear_banners, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def start(self) -> None:
        """The desk is open: listen for the scanner, load the calendar and the catalog.

        The scanner detector is armed here rather than at construction: its application-wide
        event filter makes PySide6 build the large QEvent.Type enum, which would otherwise
        delay the first paint of the window (bench/startup.py)."""
        if self.wedge is None:
            self.wedge = ScannerWedge(self)
            self.wedge.scanned.connect(self.on_scanned)
            self.wedge.incomplete.connect(self.on_incomplete_scan)
        self.procedure.start()
        self.digitization.refresh_scanner_profiles()
        self.digitization.start_folder_watch()
        self.drafts.start()
        self.refresh_today()

    # -- messages ------------------------------------------------------------------------------------
    def message(self, kind: str, text: str, details=(), actions=()) -> None:
        self._strip_counts_problems = False
        messages.show(self.ui.messageLabel, kind, text, details, actions)

    def _show_error(self, text: str) -> None:
        # The runner hands over errors fit for the screen (background.for_the_user); the form stays as it was.
        self.message("error", f"Chưa lưu được: {text}" if self.procedure.entry else text)

    def clear_banners(self) -> None:
        """Esc: the message strip goes; the notes under fields stay until the field is right."""
        messages.hide(self.ui.messageLabel)

    def _focus_field(self, field: str | None) -> None:
        widget = self.form.field_widgets().get(field or "")
        if widget is not None:
            self.ui.scrollArea.ensureWidgetVisible(widget)
            fee = self.procedure
            (fee.fee_collected_spin if widget is fee.fee_collected_row else widget).setFocus(
                Qt.FocusReason.OtherFocusReason)

    def _tidy_date(self, edit: QLineEdit) -> None:
        """``05031990`` or ``5/3/1990`` becomes ``05/03/1990`` once the clerk leaves the field."""
        try:
            day = parse_typed_date(edit.text(), "", "")
        except DomainError:
            return  # left as typed: the note under the field says what is wrong
        if day is not None and edit.text() != f"{day:%d/%m/%Y}":
            edit.setText(f"{day:%d/%m/%Y}")

    # -- every problem at once, next to its field --------------------------------------------------------
    def _field_edited(self, *_args) -> None:
        for problem in self.form.too_long():
            if problem.field not in self.field_errors.shown:
                self.field_errors.add(problem)
        if self.field_errors.shown:
            self._revalidate_timer.start()

    def _check_id_number(self) -> None:
        problem = self.form.id_number_problem()
        if problem is not None:
            self.field_errors.add(problem)

    def _revalidate(self) -> None:
        self.field_errors.keep_only(self.form.problems())
        if self._strip_counts_problems:  # the strip follows the notes: it never counts what was fixed
            left = list(self.field_errors.shown.values())
            if not left:
                messages.hide(self.ui.messageLabel)
            else:
                messages.show(self.ui.messageLabel, "error", left[0] if len(left) == 1 else
                              f"Chưa lưu được: còn {len(left)} chỗ cần sửa, ghi ngay dưới từng ô.")

    def show_problems(self, problems: list[DomainError], *, not_yet: str = "Chưa lưu được") -> None:
        unplaced = self.field_errors.show(problems)
        count = len(problems)
        text = str(problems[0]) if count == 1 else f"{not_yet}: còn {count} chỗ cần sửa, ghi ngay dưới từng ô."
        self.message("error", text, [str(e) for e in unplaced if count > 1])
        self._strip_counts_problems = not unplaced
        self._focus_field(problems[0].field if problems[0].field != "procedure" else None)
        if problems[0].field == "procedure":
            self.ui.procedureSearchEdit.setFocus()

    # -- the scanner: an ID card fills the citizen's part, a receipt opens its dossier ---------------------
    def on_scanned(self, code: str) -> None:
        if looks_like_card_qr(code) or code.count("|") >= 3:
            try:
                card = parse_card_qr(code)
            except DomainError as error:
                self.message("error", f"Không đọc được mã QR căn cước: {error} Thông tin chưa được điền.")
                return
            self.fill_from_card(card)
            return
        try:
            dossier = DossierCode.parse(code.split("/")[-1].split("?")[0])
        except DomainError:
            self.message("error", "Mã vừa quét không phải mã QR trên thẻ căn cước, cũng không phải mã biên nhận.")
            return
        self.message("info", f"Đã quét biên nhận hồ sơ {dossier}: mở trong trang Hồ sơ.")
        self.open_dossier.emit(code)  # the whole scan: the window checks the receipt's signature

    def on_incomplete_scan(self, partial: str) -> None:
        self.message("error", "Mã QR đọc chưa hết (máy quét không gửi phím Enter). Hãy quét lại; "
                              "thông tin chưa được điền.")
        log.info("incomplete scan of %d characters", len(partial))

    def fill_from_card(self, card: CardIdentity) -> None:
        ui = self.ui
        kept = None
        current_id = ui.idNumberEdit.text().strip()
        if current_id and current_id != card.id_number and self.form.holds_more_than_identity():
            # Another citizen's card over a form in progress: that form waits as a draft, never mixed with this one.
            kept = self.drafts.set_aside()
        ui.idNumberEdit.setText(card.id_number)
        ui.oldIdEdit.setText(card.old_id_number)
        ui.fullNameEdit.setText(card.full_name)
        ui.birthDateEdit.setText(f"{card.birth_date:%d/%m/%Y}")
        ui.genderCombo.setCurrentText(card.gender)
        ui.addressEdit.setText(card.address)
        ui.issueDateEdit.setText(f"{card.issue_date:%d/%m/%Y}")
        ui.addressEdit.setCursorPosition(0)  # the start of the address, not its end, is what a clerk reads
        self.refresh_reuse_offers()
        details = list(card.warnings)
        if kept:
            details.append(f"Hồ sơ đang nhập của {kept} được giữ ở dòng “Hồ sơ đang nhập dở” phía trên, "
                           "khôi phục lúc nào cũng được.")
        if card.warnings:
            self.message("warning", f"Đã đọc thẻ căn cước của {card.full_name}, nhưng cần kiểm tra:", details)
        else:
            self.message("success" if not kept else "info", f"Đã đọc thẻ căn cước của {card.full_name}.", details)
        ui.phoneEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh_reuse_offers(self) -> None:
        entry = self.procedure.entry
        self.digitization.refresh_reuse_offers(self.ui.idNumberEdit.text().strip(),
                                               entry.template.documents if entry else ())

    # -- saving ----------------------------------------------------------------------------------------
    def collect_request(self):
        return self.form.collect_request()

    def save(self) -> None:
        if self._saving:
            return
        problems = self.form.problems()
        if problems:
            self.show_problems(problems)
            return
        self.field_errors.clear()
        if self.digitization.scanning:
            self.message("warning", "Đang quét giấy tờ: chờ lượt quét xong rồi lưu hồ sơ.")
            return
        request = validate_intake(self.form.collect_request())
        self._saving = True
        self.ui.saveButton.setEnabled(False)
        version, key = self.procedure.entry.version, self.drafts.ensure_key()
        self.drafts.write_now()  # on disk before the save: a crash after the commit is recognised by this key
        files = self.digitization.document_files()
        intake, actor = self.desk.services.intake, self.desk.actor
        self.ops.write(lambda: intake.receive(request, actor=actor, procedure_version=version, files=files,
                                              intake_key=key),
                       lambda result: Changes.dossier(result.code)) \
            .success(self._on_saved).failure(self._on_save_failed).run()

    def _on_saved(self, result: ReceivedDossier) -> None:
        self._saving = False
        self.ui.saveButton.setEnabled(True)
        self.clear_form(keep_message=True, discard_pages=False)
        self.refresh_today()
        if result.already_saved:
            self.message("info", f"Hồ sơ này đã được lưu trước đó với mã {result.code}: không tạo hồ sơ mới. "
                                 "Đang mở hồ sơ đó.")
            self.show_dossier.emit(result.code)
            return
        details = [f"Hẹn trả: {describe_moment(result.appointment_at)}", *result.warnings]
        if result.receipt_error:
            details.append(result.receipt_error)
        self.saved.emit(result.code)
        actions: tuple = ()
        if result.receipt_path is not None:
            details.append(self.deliver(result.receipt_path, "biên nhận"))
            actions = ((f"preview:{result.receipt_path}", "Xem trước, in lại"),)
        self.message("warning" if (result.warnings or result.receipt_error) else "success",
                     f"Đã lưu hồ sơ {result.code}.", details, actions)

    def deliver(self, path: Path, what: str) -> str:
        """Print (or preview) a paper the counter just made; return what happened, for the message strip."""
        from ..print_preview import deliver_pdf

        settings = self.desk.settings
        return deliver_pdf(self, path, what=what, paper=settings.paper, printer_name=settings.printer_name,
                           preview=settings.preview_before_print)

    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.ui.saveButton.setEnabled(True)
        if isinstance(error, IntakeProblems):
            self.show_problems(list(error.problems))
            return
        self._show_error(str(error))
        if isinstance(error, DomainError):
            self._focus_field(error.field)

    def clear_form(self, *, keep_message: bool = False, discard_pages: bool = True, keep_draft: bool = False) -> None:
        """Empty the form for the next citizen. ``keep_draft``: the form was set aside as a waiting draft
        (its file and pages stay); otherwise its draft goes."""
        if keep_draft:
            self.drafts.detach()
        else:
            self.drafts.forget_current()
        self.digitization.cancel_scan()
        if discard_pages:
            self.digitization.discard_all()
        with self.drafts.paused():  # clearing is not a change to keep
            self.form.clear()
        self.field_errors.clear()
        if not keep_message:
            messages.hide(self.ui.messageLabel)
        self.ui.scrollArea.verticalScrollBar().setValue(0)  # the next citizen starts at the top of the form
        self.ui.idNumberEdit.setFocus()

    def next_citizen(self) -> None:
        """“Làm mới”: an empty form for the next citizen. A form in progress is kept as a waiting draft,
        never thrown away by this button (the drafts bar's “Bỏ” does that, after asking)."""
        kept = self.drafts.set_aside()
        if kept:
            self.message("info", f"Hồ sơ đang nhập của {kept} được giữ ở dòng “Hồ sơ đang nhập dở” phía trên; "
                                 "bấm “Khôi phục” để làm tiếp, hoặc “Bỏ” nếu không cần nữa.")
        else:
            self.clear_form()

    def procedures_selected(self) -> str | None:
        """The code of the procedure chosen on the form, or None."""
        return self.procedure.entry.template.code if self.procedure.entry else None

    def has_unsaved_work(self) -> bool:
        return self.snapshot() is not None

    # -- guidance or refusal at the counter: no receipt, no dossier code ---------------------------------
    def ask_outcome(self) -> None:
        """Hướng dẫn bổ sung / Từ chối: for a citizen whose papers do not allow a receipt (DOMAIN.md §1)."""
        from ..action_dialogs import OutcomeDialog

        needed = []
        if self.procedure.entry is None:
            needed.append(DomainError("Chọn thủ tục công dân yêu cầu trước khi hướng dẫn hoặc từ chối.",
                                      field="procedure"))
        if not self.ui.fullNameEdit.text().strip():
            needed.append(DomainError("Nhập họ tên người có hồ sơ (hoặc quét thẻ căn cước) để ghi trên phiếu.",
                                      field="full_name"))
        if needed:
            self.show_problems(needed, not_yet="Chưa in được phiếu hướng dẫn hoặc từ chối")
            return
        dialog = OutcomeDialog(self, owner_name=self.ui.fullNameEdit.text().strip(),
                               procedure_name=self.procedure.entry.template.name,
                               documents=self.form.missing_papers())
        dialog.submitted.connect(lambda values: self._record_outcome(values, dialog))
        dialog.finished.connect(lambda _result: setattr(self, "outcome_dialog", None))
        self.outcome_dialog = dialog
        dialog.open()

    def _record_outcome(self, values: dict, dialog) -> None:
        request = self.form.outcome_request(values)
        version, key = self.procedure.entry.version, self.drafts.ensure_key()
        self.drafts.write_now()

        def done(outcome: IntakeOutcome) -> None:
            dialog.accept()
            self.clear_form(keep_message=True)
            self.refresh_today()
            self.outcome_recorded.emit(outcome)
            details = [outcome.pdf_error] if outcome.pdf_error else []
            actions: tuple = ()
            if outcome.pdf_path is not None:
                details.append(self.deliver(outcome.pdf_path, outcome.kind.label))
                actions = ((f"preview:{outcome.pdf_path}", "Xem trước, in lại"),)
            self.message("warning" if outcome.pdf_error else "success",
                         f"Đã lưu {outcome.kind.label} số {outcome.reference} (không cấp mã hồ sơ, không in "
                         "biên nhận).", details, actions)

        def failed(error: BaseException) -> None:
            if isinstance(error, IntakeProblems):
                on_form = [e for e in error.problems if e.field not in ("documents", "reason")]
                if on_form:
                    self.field_errors.show(on_form)
                dialog.failed(" ".join(str(e) for e in error.problems))
            else:
                dialog.failed(str(error))

        intake, actor = self.desk.services.intake, self.desk.actor
        self.ops.write(lambda: intake.record_outcome(request, actor=actor, procedure_version=version, intake_key=key),
                       Changes(outcomes=True, sync=True)).success(done).failure(failed).run()

    def refresh_today(self) -> None:
        """Today's work of the agency: what a counter's statistics count, guidance and refusals included."""
        intake = self.desk.services.intake

        def show(counts: dict) -> None:
            self.ui.todayLabel.setText(f"Hôm nay: {counts['received']} hồ sơ · {counts['guidance']} hướng dẫn · "
                                       f"{counts['refusal']} từ chối")

        self.ops.read(lambda: intake.counts(intake.clock().date(), intake.clock().date())).success(show) \
            .failure(lambda error: log.warning("today's counts not read: %s", error)).run()

    def _on_saved_before_crash(self, name: str, code: str) -> None:
        try:
            DossierCode.parse(code)
            actions: tuple = (("open:" + code, "Mở hồ sơ"),)
        except DomainError:
            actions = ()  # guidance or a refusal: no dossier to open
        self.message("info", f"Hồ sơ của {name or 'công dân'} đã được lưu (số {code}) trước khi phần mềm dừng; "
                             "không cần lưu lại.", actions=actions)

    def _on_message_link(self, link: str) -> None:
        action, _, target = link.partition(":")
        if action == "open":
            self.show_dossier.emit(target)
        elif action == "preview":
            self.preview(Path(target))

    def preview(self, path: Path) -> None:
        """The printout on screen: pages, zoom, print, save as PDF."""
        from ..print_preview import open_preview

        settings = self.desk.settings
        self.preview_dialog = open_preview(self, path, paper=settings.paper, printer_name=settings.printer_name)

    # -- drafts ------------------------------------------------------------------------------------------
    def snapshot(self) -> dict | None:
        return self.form.snapshot()

    def restore_draft(self, draft: dict) -> None:
        """Put a saved draft back on the form: the citizen at once, the procedure and the pages when loaded."""
        self.form.restore_citizen(draft)
        code = draft.get("procedure")
        if not code:
            self.message("success", "Đã khôi phục thông tin đang nhập dở.")
            return
        catalog, intake = self.desk.services.catalog, self.desk.services.intake
        id_number = draft.get("fields", {}).get("id_number", "")

        def load():
            from desk.services.drafts import DraftStore

            return (catalog.get(code), [DraftStore.pages_from(line) for line in draft.get("lines", [])],
                    intake.received_today(id_number, code))

        def loaded(result) -> None:
            entry, lines, saved = result
            missing = self.form.restore_procedure(draft, entry, lines)
            pages = sum(len(p) for p, _ in lines)
            text = "Đã khôi phục hồ sơ đang nhập dở" + (f" ({pages} trang đã quét)." if pages else ".")
            if saved:  # the same citizen's dossier for this procedure was saved today: this may be its draft
                self.message("warning", f"{text} Công dân này đã có hồ sơ {', '.join(saved)} cùng thủ tục, tiếp "
                             "nhận hôm nay: kiểm tra trước khi lưu để không tạo hồ sơ trùng; nếu trùng, bấm “Làm "
                             "mới” rồi “Bỏ” ở dòng hồ sơ nhập dở.")
                return
            if missing:
                self.message("warning", text + f" {missing} trang không còn trong máy, cần quét lại.")
            else:
                self.message("success", text)

        self.digitization.file_ops.read(load).success(loaded).failure(lambda error: self.message(
            "error", f"Không khôi phục được thủ tục đã chọn: {error}")).run()

    def shutdown(self) -> None:
        """The window is closing: stop a scan under way and the folder watch."""
        self.digitization.shutdown()
