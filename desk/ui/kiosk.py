"""The citizen kiosk (``python main.py kiosk``): a full-screen window for a second screen or a stand.

For citizens, not clerks: big Vietnamese text, high contrast, no mouse needed. The citizen scans
the QR on the receipt (or types the dossier code and the check code printed under it) and reads the
status in plain words, then may rate (keys 1, 2, 3). There are no menus and no clerk page; Esc asks
for the admin PIN, and the window closes only with it; wrong PINs are limited.
It reads the local database, so it works offline, and says when the data was last synced.
"""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk.domain.errors import DomainError
from desk.domain.lifecycle import RATING_LABELS
from desk.domain.limits import AttemptLimit, wait_words

from .background import BackgroundRunner
from .desk_ref import DeskRef
from .operations import Changes, PageOps
from .scanner import ScannerWedge
from .signals import DeskSignals

log = logging.getLogger(__name__)

IDLE_AFTER_MS = 90_000  # back to the welcome screen when nobody touches the kiosk

KIOSK_STYLE = """
QWidget#kiosk { background: #0b2540; }
QLabel { color: #ffffff; font-size: 24pt; }
QLabel#kioskTitle { font-size: 34pt; font-weight: bold; color: #ffd84d; }
QLabel#kioskStatus { font-size: 30pt; font-weight: bold; color: #ffffff; background: #14406b; padding: 18px; }
QLabel#kioskMessage, QLabel#kioskMessage[kind="info"] { background: transparent; border: none; color: #ffd84d; }
QLabel#kioskMessage[kind="error"] { background: transparent; border: none; color: #ffb3b3; }
QLabel#kioskSync { font-size: 15pt; color: #c9d8e8; }
QPushButton { font-size: 24pt; padding: 10px 30px; min-height: 72px; background: #ffd84d; color: #0b2540; border-radius: 6px; }
QPushButton:focus { border: 5px solid #ffffff; }
QLineEdit#kioskPin { font-size: 28pt; padding: 8px; }
QLineEdit#kioskCodeEdit, QLineEdit#kioskCheckEdit { font-size: 18pt; padding: 6px; }
QLabel#kioskTypeHint { font-size: 16pt; color: #c9d8e8; }
QPushButton#kioskTypedButton { font-size: 18pt; min-height: 48px; padding: 4px 18px; }
QWidget#kioskFeedback QPushButton, QPushButton#kioskFeedbackButton { font-size: 18pt; min-height: 48px; padding: 4px 18px; }
QPlainTextEdit#kioskFeedbackText, QLineEdit#kioskFeedbackDossier { font-size: 18pt; }
"""


class KioskWindow(QWidget):
    shown_dossier = Signal(str)  # the code shown (tests)
    feedback_given = Signal(str)  # the feedback's code
    rated = Signal(int)

    def __init__(self, desk: DeskRef, runner: BackgroundRunner | None = None):
        super().__init__()
        self.setObjectName("kiosk")
        self.setWindowTitle("Tra cứu hồ sơ")
        self.setStyleSheet(KIOSK_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.desk = desk
        self.runner = runner or BackgroundRunner(self)
        # The kiosk is a window of its own (its own process at a kiosk): nothing else listens for its changes.
        self.ops = PageOps(DeskSignals(self), self.runner, self, show_error=lambda text: self._say(text, error=True))
        self.unlocked = False
        self._code = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(60, 40, 60, 30)
        layout.setSpacing(22)
        self.title = QLabel("TRA CỨU HỒ SƠ", self)
        self.title.setObjectName("kioskTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.title)
        self.status = QLabel(self)
        self.status.setObjectName("kioskStatus")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.status)
        self.details = QLabel(self)
        self.details.setObjectName("kioskDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.details, 1)
        self.message = QLabel(self)
        self.message.setObjectName("kioskMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(self._rating_row())
        layout.addWidget(self._typed_row())
        layout.addWidget(self._feedback_row())
        layout.addWidget(self._pin_row())
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("kioskSync")
        layout.addWidget(self.sync_label)
        self.pin_limit = AttemptLimit(3, 300)  # three wrong PINs, then five minutes' wait
        self.idle_timer = QTimer(self, singleShot=True, interval=IDLE_AFTER_MS)
        self.idle_timer.timeout.connect(self.welcome)
        self.wedge = ScannerWedge(self)
        self.wedge.scanned.connect(self.lookup)
        self.wedge.incomplete.connect(lambda _p: self._say("Mã QR đọc chưa hết. Vui lòng quét lại.", error=True))
        self.welcome()

    def _rating_row(self) -> QWidget:
        """Keys 1–3 or these buttons rate the service shown."""
        self.rating_row = QWidget(self)
        row = QHBoxLayout(self.rating_row)
        self.rate_buttons: dict[int, QPushButton] = {}
        for level, label in RATING_LABELS.items():
            button = QPushButton(f"{level}  {label}", self.rating_row)
            button.setObjectName(f"kioskRate{level}")
            button.clicked.connect(lambda _=False, lv=level: self.rate(lv))
            row.addWidget(button)
            self.rate_buttons[level] = button
        return self.rating_row

    def _typed_row(self) -> QWidget:
        """For a receipt that will not scan: its code and check code typed."""
        self.typed_row = QWidget(self)
        typed = QHBoxLayout(self.typed_row)
        typed.setContentsMargins(0, 0, 0, 0)
        hint = QLabel("Không quét được? Nhập mã hồ sơ và mã kiểm tra in trên giấy (giấy không có mã kiểm tra: "
                      "4 chữ số cuối số định danh):", self.typed_row)
        hint.setObjectName("kioskTypeHint")
        hint.setWordWrap(True)
        self.code_edit = QLineEdit(self.typed_row)
        self.code_edit.setObjectName("kioskCodeEdit")
        self.code_edit.setPlaceholderText("000.00.53.H16-261123-0001")
        self.check_edit = QLineEdit(self.typed_row)
        self.check_edit.setObjectName("kioskCheckEdit")
        self.check_edit.setPlaceholderText("ABCD-EFGH")
        self.check_edit.setMaximumWidth(220)
        self.typed_button = QPushButton("Tra cứu", self.typed_row)
        self.typed_button.setObjectName("kioskTypedButton")
        self.typed_button.clicked.connect(self.lookup_typed)
        self.check_edit.returnPressed.connect(self.lookup_typed)
        typed.addWidget(hint, 2)
        typed.addWidget(self.code_edit, 3)
        typed.addWidget(self.check_edit, 1)
        typed.addWidget(self.typed_button)
        return self.typed_row

    def _feedback_row(self) -> QWidget:
        """The start screen's "Góp ý, phản ánh" button, and the panel it opens (kiosk_feedback.py)."""
        from .kiosk_feedback import KioskFeedbackPanel

        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.feedback_button = QPushButton("Góp ý, phản ánh", box)
        self.feedback_button.setObjectName("kioskFeedbackButton")
        self.feedback_button.clicked.connect(self.open_feedback)
        self.feedback_panel = KioskFeedbackPanel(box)
        self.feedback_panel.send.connect(self.give_feedback)
        self.feedback_panel.back.connect(self.welcome)
        column.addWidget(self.feedback_button)
        column.addWidget(self.feedback_panel)
        return box

    def open_feedback(self) -> None:
        self.status.setText("Góp ý, phản ánh, kiến nghị")
        self.details.setText("<p>Ý kiến của ông/bà được chuyển đến lãnh đạo Trung tâm và trả lời trong 10 ngày "
                             "làm việc. Ông/bà xem câu trả lời bằng mã phản ánh trên trang tra cứu.</p>")
        self.message.clear()
        for widget in (self.rating_row, self.typed_row, self.feedback_button):
            widget.setVisible(False)
        self.feedback_panel.clear()
        self.feedback_panel.setVisible(True)
        self.feedback_panel.text.setFocus()
        self.idle_timer.start()

    def give_feedback(self, category: str, text: str, dossier_code: str) -> None:
        kiosk = self.desk.services.kiosk

        def given(result) -> None:
            code, due = result
            self.feedback_panel.setVisible(False)
            self.status.setText(f"Mã phản ánh: {code}")
            self.details.setText(f"<p>Cảm ơn ông/bà. Vui lòng ghi lại mã phản ánh trên để xem câu trả lời. Hạn trả "
                                 f"lời: {due:%d/%m/%Y}.</p>")
            self._say("Màn hình sẽ trở về trang đầu sau ít phút.")
            self.feedback_given.emit(code)

        self.ops.write(lambda: kiosk.give_feedback(category, text, dossier_code), Changes(sync=True)) \
            .success(given).run()

    def _pin_row(self) -> QWidget:
        """Hidden until Esc: the admin's PIN leaves the kiosk."""
        self.pin_row = QWidget(self)
        pin_layout = QHBoxLayout(self.pin_row)
        pin_label = QLabel("Mã PIN quản trị:", self.pin_row)
        self.pin_edit = QLineEdit(self.pin_row)
        self.pin_edit.setObjectName("kioskPin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.returnPressed.connect(self.check_pin)
        pin_layout.addWidget(pin_label)
        pin_layout.addWidget(self.pin_edit, 1)
        return self.pin_row


    # -- screens ------------------------------------------------------------------------------
    def welcome(self) -> None:
        self._code = ""
        self.status.setText("Mời ông/bà đưa mã QR trên giấy tiếp nhận hồ sơ vào máy quét")
        self.details.setText("<p>Màn hình sẽ cho biết hồ sơ đang ở đâu, ngày hẹn trả kết quả và giấy tờ "
                             "cần mang theo.</p>")
        self.message.clear()
        self.rating_row.setVisible(False)
        self.pin_row.setVisible(False)
        self.typed_row.setVisible(True)
        self.feedback_button.setVisible(True)
        self.feedback_panel.setVisible(False)
        self.code_edit.clear()
        self.check_edit.clear()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh_sync()

    def refresh_sync(self) -> None:
        def show(moment) -> None:
            self.sync_label.setText(f"Thông tin cập nhật lúc {moment:%H:%M ngày %d/%m/%Y}." if moment
                                    else "Thông tin trên màn hình là của Trung tâm; có thể chưa gồm thay đổi mới "
                                         "nhất của cơ quan giải quyết.")

        kiosk = self.desk.services.kiosk
        self.ops.read(kiosk.last_synced).success(show) \
            .failure(lambda error: log.warning("kiosk: last sync time not read: %s", error)).run()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("kind", "error" if error else "info")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.idle_timer.start()

    def lookup(self, scanned: str) -> None:
        kiosk = self.desk.services.kiosk
        self.ops.read(lambda: kiosk.lookup(scanned)).success(self._show_view).failure(self._not_found).run()

    def lookup_typed(self) -> None:
        code, check = self.code_edit.text(), self.check_edit.text()
        kiosk = self.desk.services.kiosk
        self.ops.read(lambda: kiosk.lookup_typed(code, check)).success(self._show_view).failure(self._not_found).run()

    def _not_found(self, error: BaseException) -> None:
        typed = self.code_edit.text(), self.check_edit.text()
        self.welcome()
        self.code_edit.setText(typed[0])  # a typing mistake is corrected, not typed again
        self.check_edit.setText(typed[1])
        self._say(str(error) if isinstance(error, DomainError)
                  else "Chưa tra cứu được. Vui lòng nhờ cán bộ tại quầy.", error=True)

    def _show_view(self, view) -> None:
        self._code = view.code
        self.code_edit.clear()  # the next citizen does not find this one's code in the box
        self.check_edit.clear()
        self.status.setText(view.plain_words)
        parts = [f"<p>Hồ sơ <b>{escape(view.code)}</b> của <b>{escape(view.owner_masked)}</b><br>"
                 f"{escape(view.procedure_name)}</p>"]
        if view.appointment_text:
            parts.append(f"<p><b>{escape(view.appointment_text)}</b></p>")
        if view.to_bring:
            parts.append("<p>Giấy tờ cần mang:</p><ul>" + "".join(f"<li>{escape(d)}</li>" for d in view.to_bring)
                         + "</ul>")
        parts.append(f"<p>Nơi nhận kết quả: {escape(view.return_place)}</p>")
        self.details.setText("".join(parts))
        self.rating_row.setVisible(view.can_rate)
        if view.can_rate:
            self._say("Mời ông/bà đánh giá: bấm phím 1, 2 hoặc 3." if view.rating is None
                      else f"Ông/bà đã đánh giá “{RATING_LABELS[view.rating]}”. Có thể chọn lại.")
            self.rate_buttons[1].setFocus()
        else:
            self.message.clear()
            self.idle_timer.start()
        self.shown_dossier.emit(view.code)

    def rate(self, level: int) -> None:
        code = self._code
        if not code or not self.rating_row.isVisible():
            return

        def done(_) -> None:
            self.rating_row.setVisible(False)
            self._say(f"Cảm ơn ông/bà đã đánh giá: {RATING_LABELS[level]}.")
            self.rated.emit(level)
            self.setFocus()

        kiosk = self.desk.services.kiosk
        self.ops.write(lambda: kiosk.rate(code, level), Changes.dossier(code)).success(done).run()

    # -- keyboard: digits rate, Esc asks for the PIN, nothing else leaves ------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            wait = self.pin_limit.wait_s()
            if wait:
                self._say(f"Đã nhập sai mã PIN nhiều lần. Thử lại sau {wait_words(wait)}.", error=True)
                return
            self.pin_row.setVisible(True)
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            self._say("Chỉ quản trị viên: nhập mã PIN rồi Enter để đóng kiosk.")
            return
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_3 and self.rating_row.isVisible():
            self.rate(key - Qt.Key.Key_0)
            return
        super().keyPressEvent(event)

    def check_pin(self) -> None:
        from desk.services.kiosk import check_pin

        pin = self.pin_edit.text()
        self.pin_edit.clear()
        if not self.pin_limit.wait_s() and check_pin(pin, self.desk.settings.kiosk_pin_hash):
            self.unlocked = True
            self.close()
            return
        self.pin_limit.failed()
        self.pin_row.setVisible(False)
        self.setFocus()
        wait = self.pin_limit.wait_s()
        self._say(f"Mã PIN không đúng. Đã sai nhiều lần: thử lại sau {wait_words(wait)}." if wait
                  else "Mã PIN không đúng.", error=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.unlocked:
            event.ignore()  # Alt+F4 and the like: the kiosk stays
            return
        self.runner.shutdown()
        super().closeEvent(event)
