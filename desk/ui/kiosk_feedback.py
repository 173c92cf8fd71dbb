"""The kiosk's "Góp ý, phản ánh" panel: a common topic tapped (it fills the category and a first sentence) or words
typed on the kiosk's keyboard, an optional dossier code, then the feedback's code shown in large type."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.domain.feedback import KIOSK_TOPICS, category_label


class KioskFeedbackPanel(QWidget):
    send = Signal(str, str, str)  # category, text, dossier code
    back = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kioskFeedback")
        self.category = "other"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Chọn một chủ đề hoặc gõ ý kiến của ông/bà (ít nhất 10 ký tự):", self)
        hint.setObjectName("kioskTypeHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        grid = QGridLayout()
        self.topic_buttons: list[QPushButton] = []
        for n, (category, sentence) in enumerate(KIOSK_TOPICS):
            button = QPushButton(category_label(category), self)
            button.setObjectName(f"kioskTopic{n + 1}")
            button.clicked.connect(lambda _=False, c=category, s=sentence: self.choose(c, s))
            grid.addWidget(button, n // 3, n % 3)
            self.topic_buttons.append(button)
        layout.addLayout(grid)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("kioskFeedbackText")
        self.text.setMaximumHeight(140)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.dossier = QLineEdit(self)
        self.dossier.setObjectName("kioskFeedbackDossier")
        self.dossier.setPlaceholderText("Mã hồ sơ (nếu có), ví dụ 000.00.53.H16-261123-0001")
        self.send_button = QPushButton("Gửi phản ánh", self)
        self.send_button.setObjectName("kioskFeedbackSend")
        self.send_button.clicked.connect(lambda: self.send.emit(self.category, self.text.toPlainText(),
                                                                self.dossier.text()))
        self.back_button = QPushButton("Quay lại", self)
        self.back_button.setObjectName("kioskFeedbackBack")
        self.back_button.clicked.connect(self.back.emit)
        row.addWidget(self.dossier, 1)
        row.addWidget(self.send_button)
        row.addWidget(self.back_button)
        layout.addLayout(row)

    def choose(self, category: str, sentence: str) -> None:
        self.category = category
        self.text.setPlainText(sentence + " ")
        self.text.moveCursor(QTextCursor.MoveOperation.End)  # the citizen goes on typing after the sentence
        self.text.setFocus()

    def clear(self) -> None:
        self.category = "other"
        self.text.clear()
        self.dossier.clear()
