"""The two dialogs of citizens' feedback: record one at the counter, answer one. They never block (``open()``):
the page connects ``submitted``, runs the service on the worker, then ``accept()`` or ``failed(message)``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from contract.feedback import CATEGORIES, MAX_TEXT, MIN_TEXT

from . import messages


class _FeedbackDialog(QDialog):
    submitted = Signal(object)

    def _frame(self, intro: str, ok_text: str) -> QVBoxLayout:
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.error = QLabel(self)
        self.error.setObjectName("feedbackError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName("feedbackOkButton")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        return layout

    def _submit(self) -> None:
        self.ok_button.setEnabled(False)
        self.submitted.emit(self.values())

    def values(self):  # pragma: no cover - each dialog says
        raise NotImplementedError

    def failed(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        messages.show(self.error, "error", message)


class RecordFeedbackDialog(_FeedbackDialog):
    """Ghi nhận phản ánh, kiến nghị: what the citizen says, typed by the clerk; the slip is printed after."""

    def __init__(self, parent: QWidget, dossier_code: str = ""):
        super().__init__(parent)
        self.setObjectName("recordFeedbackDialog")
        self.setWindowTitle("Ghi nhận phản ánh, kiến nghị")
        layout = self._frame("Ghi lại ý kiến của công dân. Phiếu ghi nhận in ra có mã phản ánh và hạn trả lời; công "
                             "dân có thể ký vào bản lưu.", "Lưu và in phiếu")
        form = QFormLayout()
        self.category = QComboBox(self)
        self.category.setObjectName("feedbackCategory")
        for key, label in CATEGORIES.items():
            self.category.addItem(label, key)
        self.dossier = QLineEdit(dossier_code, self)
        self.dossier.setObjectName("feedbackDossier")
        self.dossier.setPlaceholderText("Để trống nếu không về một hồ sơ")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("feedbackText")
        self.text.setPlaceholderText(f"Nội dung phản ánh, kiến nghị ({MIN_TEXT}–{MAX_TEXT} ký tự)")
        self.text.setMinimumHeight(120)
        self.name = QLineEdit(self)
        self.name.setObjectName("feedbackName")
        self.phone = QLineEdit(self)
        self.phone.setObjectName("feedbackPhone")
        self.email = QLineEdit(self)
        self.email.setObjectName("feedbackEmail")
        for caption, widget in (("Loại phản ánh", self.category), ("Về hồ sơ", self.dossier),
                                ("Nội dung", self.text), ("Họ tên (không bắt buộc)", self.name),
                                ("Điện thoại (không bắt buộc)", self.phone), ("Thư điện tử", self.email)):
            form.addRow(caption, widget)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def values(self) -> dict:
        return {"category": self.category.currentData(), "text": self.text.toPlainText(),
                "dossier_code": self.dossier.text(), "citizen_name": self.name.text(), "phone": self.phone.text(),
                "email": self.email.text()}


class AnswerFeedbackDialog(_FeedbackDialog):
    """Trả lời phản ánh: the answer is published on the tracking site under the feedback's code."""

    def __init__(self, parent: QWidget, view):
        super().__init__(parent)
        self.setObjectName("answerFeedbackDialog")
        self.setWindowTitle(f"Trả lời phản ánh {view.code}")
        about = f" về hồ sơ {view.dossier_code}" if view.dossier_code else ""
        layout = self._frame(f"{view.category_label}{about}, nhận {view.received_at:%H:%M %d/%m/%Y} "
                             f"({view.channel_label}); hạn trả lời {view.due_at:%H:%M %d/%m/%Y}.", "Lưu câu trả lời")
        said = QLabel(f"«{view.text}»", self)
        said.setObjectName("feedbackSaid")
        said.setWordWrap(True)
        layout.addWidget(said)
        contact = ", ".join(x for x in (view.citizen_name, view.phone, view.email) if x)
        if contact:
            layout.addWidget(QLabel(f"Liên hệ: {contact}", self))
        note = QLabel("Câu trả lời được công khai trên trang tra cứu theo mã phản ánh: không ghi họ tên, số điện "
                      "thoại, địa chỉ hay thông tin cá nhân khác.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.answer = QPlainTextEdit(view.answer, self)
        self.answer.setObjectName("feedbackAnswer")
        self.answer.setMinimumHeight(120)
        layout.addWidget(self.answer)
        layout.addWidget(self.buttons)

    def values(self) -> str:
        return self.answer.toPlainText()
