"""Dialogs of the actions after intake: a reason, papers to pick, a new date, a handler, the collector.

They never block (``open()``, STYLE.md): the page connects ``submitted``, runs the service on the
worker and calls ``failed(message)`` to keep the dialog open with the reason, or ``accept()``.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from . import messages


class ActionDialog(QDialog):
    submitted = Signal(dict)

    def __init__(self, parent: QWidget, title: str, *, intro: str = "", documents: list[str] | None = None,
                 documents_label: str = "", checked: bool = False, reason_label: str = "",
                 when: datetime | None = None, when_label: str = "", unit: str | None = None,
                 extra_label: str = "", extra_hint: str = "", since: datetime | None = None,
                 ok_text: str = "Lưu và in phiếu"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("actionDialog")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.error = QLabel(self)
        self.error.setObjectName("actionError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.documents_caption = QLabel(documents_label, self)
        self.reason_caption = QLabel(reason_label, self)
        self._add_documents(layout, documents, checked)
        self._add_unit_and_time(layout, unit, when, when_label, since)
        self.reason: QPlainTextEdit | None = None
        if reason_label:
            layout.addWidget(self.reason_caption)
            self.reason = QPlainTextEdit(self)
            self.reason.setObjectName("reasonEdit")
            self.reason.setFixedHeight(90)
            layout.addWidget(self.reason)
        # One more line some actions need: the legal basis of a stop or of an extension, why a second
        # supplement request is needed.
        self.extra: QLineEdit | None = None
        if extra_label:
            caption = QLabel(extra_label, self)
            caption.setWordWrap(True)
            layout.addWidget(caption)
            self.extra = QLineEdit(self)
            self.extra.setObjectName("extraEdit")
            self.extra.setMaxLength(500)
            self.extra.setPlaceholderText(extra_hint)
            caption.setBuddy(self.extra)
            layout.addWidget(self.extra)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("okButton")
        buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add_documents(self, layout: QVBoxLayout, documents: list[str] | None, checked: bool) -> None:
        """Papers to tick (and one to type that the list lacks), when the action names papers."""
        self.documents: QListWidget | None = None
        self.other_document: QLineEdit | None = None
        if documents is None:
            return
        layout.addWidget(self.documents_caption)
        self.documents = QListWidget(self)
        self.documents.setObjectName("documentsList")
        for name in documents:
            item = QListWidgetItem(name, self.documents)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        layout.addWidget(self.documents)
        self.other_document = QLineEdit(self)
        self.other_document.setObjectName("otherDocumentEdit")
        self.other_document.setPlaceholderText("Giấy tờ khác (không có trong danh mục), nếu có")
        layout.addWidget(self.other_document)

    def _add_unit_and_time(self, layout: QVBoxLayout, unit: str | None, when: datetime | None,
                           when_label: str, since: datetime | None = None) -> None:
        form = QFormLayout()
        self.unit: QLineEdit | None = None
        if unit is not None:
            self.unit = QLineEdit(unit, self)
            self.unit.setObjectName("unitEdit")
            form.addRow("Bộ phận, cán bộ xử lý:", self.unit)
        self.since: QDateTimeEdit | None = None
        if since is not None:  # a range of days (the ledger): its first day
            self.since = QDateTimeEdit(QDateTime(since.date(), since.time()), self)
            self.since.setObjectName("sinceEdit")
            self.since.setDisplayFormat("dd/MM/yyyy")
            self.since.setCalendarPopup(True)
            form.addRow("Từ ngày:", self.since)
        self.when: QDateTimeEdit | None = None
        if when is not None:
            self.when = QDateTimeEdit(QDateTime(when.date(), when.time()), self)
            self.when.setObjectName("whenEdit")
            self.when.setDisplayFormat("HH:mm dd/MM/yyyy")
            self.when.setCalendarPopup(True)
            form.addRow(when_label, self.when)
        layout.addLayout(form)

    def values(self) -> dict:
        values: dict = {}
        if self.documents is not None:
            names = [self.documents.item(i).text() for i in range(self.documents.count())
                     if self.documents.item(i).checkState() == Qt.CheckState.Checked]
            if self.other_document.text().strip():
                names.append(self.other_document.text().strip())
            values["documents"] = names
        if self.reason is not None:
            values["reason"] = self.reason.toPlainText()
        if self.when is not None:
            values["when"] = self.when.dateTime().toPython()
        if self.since is not None:
            values["since"] = self.since.dateTime().toPython()
        if self.unit is not None:
            values["unit"] = self.unit.text()
        if self.extra is not None:
            values["extra"] = self.extra.text()
        return values

    def _submit(self) -> None:
        self.ok_button.setEnabled(False)
        self.submitted.emit(self.values())

    def failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        messages.show(self.error, "error", message)


class ReturnDialog(QDialog):
    """Trả kết quả: who collects (the owner, or someone authorised with their own ID), a fee still due.
    Then the citizen rates on the rating screen they face (rating_screen.py); this dialog, on the
    clerk's screen, only says whether a rating was given (DOMAIN.md §8)."""

    submitted = Signal(dict)

    def __init__(self, parent: QWidget, code: str, owner_name: str, owner_id: str, procedure: str):
        super().__init__(parent)
        self.setWindowTitle(f"Trả kết quả hồ sơ {code}")
        self.setObjectName("returnDialog")
        self.setMinimumWidth(560)
        self.owner_name, self.owner_id = owner_name, owner_id
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h3>Đã có kết quả</h3><p><b>{owner_name}</b> — {procedure}<br>Mã hồ sơ {code}</p>", self)
        heading.setObjectName("returnHeading")
        layout.addWidget(heading)
        self.error = QLabel(self)
        self.error.setObjectName("actionError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        who = QHBoxLayout()
        self.owner_radio = QRadioButton("Người có hồ sơ nhận", self)
        self.owner_radio.setObjectName("ownerRadio")
        self.proxy_radio = QRadioButton("Người được ủy quyền nhận thay", self)
        self.proxy_radio.setObjectName("proxyRadio")
        group = QButtonGroup(self)
        group.addButton(self.owner_radio)
        group.addButton(self.proxy_radio)
        who.addWidget(self.owner_radio)
        who.addWidget(self.proxy_radio)
        layout.addLayout(who)
        layout.addLayout(self._collector_form(owner_name))
        self.owner_radio.toggled.connect(self._on_who)
        self.owner_radio.setChecked(True)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton("Trả kết quả và in phiếu bàn giao", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("okButton")
        self.cancel_button = buttons.addButton("Hủy", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        layout.addWidget(self._rating_panel())

    def _collector_form(self, owner_name: str) -> QFormLayout:
        form = QFormLayout()
        self.name_edit = QLineEdit(owner_name, self)
        self.name_edit.setObjectName("collectorNameEdit")
        self.id_edit = QLineEdit(self)
        self.id_edit.setObjectName("collectorIdEdit")
        self.id_edit.setPlaceholderText("Quét mã QR trên thẻ căn cước hoặc gõ số định danh")
        self.authorisation_edit = QLineEdit(self)
        self.authorisation_edit.setObjectName("authorisationEdit")
        self.authorisation_edit.setPlaceholderText("Số, ngày của giấy ủy quyền")
        self.fee_spin = QSpinBox(self)
        self.fee_spin.setObjectName("feeSpin")
        self.fee_spin.setRange(0, 100_000_000)
        self.fee_spin.setSingleStep(1000)
        self.fee_spin.setSuffix(" đ")
        self.fee_spin.setGroupSeparatorShown(True)
        form.addRow("Họ tên người nhận:", self.name_edit)
        form.addRow("Số định danh người nhận:", self.id_edit)
        form.addRow("Giấy ủy quyền:", self.authorisation_edit)
        form.addRow("Phí, lệ phí thu thêm:", self.fee_spin)
        return form

    def _rating_panel(self) -> QWidget:
        """Shown once the result is handed over: the citizen rates on their own screen."""
        self.rating_panel = QWidget(self)
        self.rating_panel.setObjectName("ratingPanel")
        rating_layout = QVBoxLayout(self.rating_panel)
        self.rating_status = QLabel("", self.rating_panel)
        self.rating_status.setObjectName("ratingStatus")
        self.rating_status.setWordWrap(True)
        rating_layout.addWidget(self.rating_status)
        self.close_button = QPushButton("Bỏ qua đánh giá", self.rating_panel)
        self.close_button.setObjectName("skipRatingButton")
        self.close_button.clicked.connect(self.accept)
        rating_layout.addWidget(self.close_button, alignment=Qt.AlignmentFlag.AlignRight)
        self.rating_panel.setVisible(False)
        return self.rating_panel

    def _on_who(self, owner: bool) -> None:
        self.authorisation_edit.setEnabled(not owner)
        if owner:
            self.name_edit.setText(self.owner_name)
            self.id_edit.setText(self.owner_id)
        else:
            self.name_edit.clear()
            self.id_edit.clear()
            self.name_edit.setFocus()

    def fill_from_card(self, full_name: str, id_number: str) -> None:
        self.name_edit.setText(full_name)
        self.id_edit.setText(id_number)

    def _submit(self) -> None:
        self.ok_button.setEnabled(False)
        self.submitted.emit({"name": self.name_edit.text(), "id_number": self.id_edit.text(),
                             "is_owner": self.owner_radio.isChecked(),
                             "authorisation": self.authorisation_edit.text(), "fee": self.fee_spin.value()})

    def failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        messages.show(self.error, "error", message)

    def wait_for_rating(self, message: str) -> None:
        messages.show(self.error, "success", message)
        for widget in (self.owner_radio, self.proxy_radio, self.name_edit, self.id_edit, self.authorisation_edit,
                       self.fee_spin, self.buttons):
            widget.setEnabled(False)
        self.buttons.setVisible(False)
        self.rating_status.setText("Mời công dân đánh giá trên màn hình đánh giá (màn hình quay về phía công dân). "
                                   "Đang chờ…")
        self.rating_panel.setVisible(True)

    def rating_given(self) -> None:
        """The citizen rated: the clerk sees that they did, not what they chose."""
        self.rating_status.setText("Công dân đã đánh giá. Cảm ơn.")
        self.close_button.setText("Đóng")
        self.close_button.setFocus()


class OutcomeDialog(ActionDialog):
    """Hướng dẫn bổ sung / Từ chối at intake: no receipt, no dossier code (DOMAIN.md §1).

    The papers not ticked on the form come pre-ticked as missing; the clerk adds those to correct
    and the reason. Guidance names the papers (once, complete, in writing); a refusal needs a reason."""

    def __init__(self, parent: QWidget, *, owner_name: str, procedure_name: str,
                 documents: list[tuple[str, bool]]):
        """``documents``: (name, missing) per checklist line of the procedure."""
        super().__init__(parent, f"Hướng dẫn bổ sung hoặc từ chối — {owner_name or 'công dân'}",
                         intro=f"Thủ tục: {procedure_name}. Không cấp mã hồ sơ, không in biên nhận; phiếu được "
                               "lưu, tính vào thống kê và gửi lên tỉnh.",
                         documents=[name for name, _missing in documents],
                         documents_label="Giấy tờ còn thiếu hoặc cần sửa (ghi đủ một lần):",
                         reason_label="Nội dung cần bổ sung, sửa (nếu có):", ok_text="Lưu và in phiếu")
        self.setObjectName("outcomeDialog")
        for row, (_name, missing) in enumerate(documents):
            self.documents.item(row).setCheckState(Qt.CheckState.Checked if missing else Qt.CheckState.Unchecked)
        kinds = QHBoxLayout()
        self.guidance_radio = QRadioButton("Hướng dẫn bổ sung, hoàn thiện hồ sơ (Mẫu 02)", self)
        self.guidance_radio.setObjectName("guidanceRadio")
        self.refusal_radio = QRadioButton("Từ chối tiếp nhận (Mẫu 03)", self)
        self.refusal_radio.setObjectName("refusalRadio")
        group = QButtonGroup(self)
        group.addButton(self.guidance_radio)
        group.addButton(self.refusal_radio)
        kinds.addWidget(self.guidance_radio)
        kinds.addWidget(self.refusal_radio)
        kinds.addStretch(1)
        self.layout().insertLayout(1, kinds)
        self.documents.setMaximumHeight(200)
        self.guidance_radio.toggled.connect(self._on_kind)
        self.guidance_radio.setChecked(True)

    def _on_kind(self, guidance: bool) -> None:
        self.documents_caption.setText("Giấy tờ còn thiếu hoặc cần sửa (ghi đủ một lần):" if guidance
                                       else "Giấy tờ liên quan đến lý do từ chối (nếu có):")
        self.reason_caption.setText("Nội dung cần bổ sung, sửa (nếu có):" if guidance
                                    else "Lý do từ chối (bắt buộc):")
        self.ok_button.setText("Lưu và in phiếu hướng dẫn" if guidance else "Lưu và in phiếu từ chối")

    def values(self) -> dict:
        from desk.domain.intake import OutcomeKind

        return {**super().values(),
                "kind": OutcomeKind.GUIDANCE if self.guidance_radio.isChecked() else OutcomeKind.REFUSAL}
