"""The citizen's side of the counter: the satisfaction rating on a screen the citizen faces.

Ratings typed on the clerk's own screen can be clicked by the clerk. This small window goes on a
second monitor or a tablet-sized display turned towards the citizen (on the second screen by
itself when there is one); it asks about one dossier at a time, for the clerk who served it, and
takes a click or the keys 1–3. The clerk's screen only learns that a rating was given.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk.domain.lifecycle import RATING_LABELS

THANKS_FOR_MS = 6_000  # then back to the greeting
STYLE = """
QWidget#ratingScreen { background: #0b2540; }
QLabel { color: white; font-size: 18pt; }
QLabel#ratingQuestion { font-size: 22pt; font-weight: bold; color: #ffd84d; }
QPushButton { font-size: 18pt; padding: 10px 6px; min-height: 80px; min-width: 200px; background: #ffd84d;
              color: #0b2540; border: 4px solid #ffd84d; border-radius: 6px; }
QPushButton:focus { border: 4px solid white; }
"""


class RatingScreen(QWidget):
    """A window of its own, with no parent: the clerk's return dialog is modal to the main window, and a
    window of the main window's family would be blocked by it while the citizen tries to rate."""

    rated = Signal(str, int)  # the dossier's code, the level (1–3)

    def __init__(self):
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("ratingScreen")
        self.setWindowTitle("Đánh giá mức độ hài lòng")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setMinimumSize(480, 300)
        self.code = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 24, 30, 24)
        self.question = QLabel(self)
        self.question.setObjectName("ratingQuestion")
        self.question.setWordWrap(True)
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.question)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.details, 1)
        row = QHBoxLayout()
        self.buttons: dict[int, QPushButton] = {}
        for level, label in RATING_LABELS.items():
            button = QPushButton(f"{level}\n{label}", self)
            button.setObjectName(f"screenRate{level}")
            button.clicked.connect(lambda _=False, lv=level: self.choose(lv))
            row.addWidget(button)
            self.buttons[level] = button
        layout.addLayout(row)
        self._idle = QTimer(self, singleShot=True, interval=THANKS_FOR_MS)
        self._idle.timeout.connect(self._after_thanks)
        self.greet()

    @property
    def waiting(self) -> bool:
        return bool(self.code)

    def greet(self) -> None:
        self.code = ""
        self.question.setText("Xin kính chào ông/bà")
        self.details.setText("Sau khi nhận kết quả, mời ông/bà đánh giá mức độ hài lòng tại đây.")
        for button in self.buttons.values():
            button.setVisible(False)

    def ask(self, code: str, procedure_name: str, clerk_name: str) -> None:
        """Ask the citizen in front of the counter about this dossier, served by this clerk."""
        self._idle.stop()
        self.code = code
        self.question.setText("Ông/bà có hài lòng với việc giải quyết hồ sơ?")
        self.details.setText(f"<p>{escape(procedure_name)}</p><p>Cán bộ: {escape(clerk_name)}</p>"
                             "<p>Mời chọn một mức (bấm nút, hoặc phím 1, 2, 3).</p>")
        for button in self.buttons.values():
            button.setVisible(True)
        self.place_for_citizen()
        self.buttons[1].setFocus()

    def choose(self, level: int) -> None:
        if not self.code or level not in RATING_LABELS:
            return
        code, self.code = self.code, ""
        for button in self.buttons.values():
            button.setVisible(False)
        self.question.setText("Cảm ơn ông/bà!")
        self.details.setText(f"Ông/bà đã chọn: {RATING_LABELS[level]}.")
        self._idle.start()
        self.rated.emit(code, level)

    def _after_thanks(self) -> None:
        self.greet()
        if not self._own_screen():
            self.hide()  # on the clerk's only screen it goes until the next citizen

    def cancel(self) -> None:
        """The clerk skipped the rating: the question goes."""
        if self.code:
            self.greet()
            if not self._own_screen():
                self.hide()

    @staticmethod
    def _own_screen() -> bool:
        return len(QGuiApplication.screens()) > 1

    def place_for_citizen(self) -> None:
        """On the second screen when there is one (the citizen's), full screen there; else a window."""
        if self.isVisible():
            self.raise_()
            return
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].availableGeometry())
            self.showFullScreen()
        else:
            # One screen: the top right corner, compact, which the clerk turns towards the citizen: the return
            # dialog's buttons (centred, at its foot) stay free, "Bỏ qua đánh giá" among them.
            self.resize(self.minimumSizeHint().expandedTo(QSize(560, 340)))
            room = screens[0].availableGeometry() if screens else None
            if room is not None:
                self.move(room.right() - self.width() - 10, room.top() + 10)
            self.show()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_3 and self.code:
            self.choose(key - Qt.Key.Key_0)
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.cancel()
        super().closeEvent(event)
