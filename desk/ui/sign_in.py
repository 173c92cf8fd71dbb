"""Sign-in, first admin, change of password and the idle lock: one panel laid over the window.

The panel covers the main window and the pages under it are disabled, not closed: a clerk who
steps away with a half-typed dossier finds it exactly as left after unlocking (issue 7: "the
desk shows a lock screen; nothing is lost"). Every check runs on the worker thread (scrypt
takes ≈ 50 ms and the database is never touched from the GUI thread).
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk.domain.users import ROLE_LABELS, SIGN_IN_FAILED, Actor

from . import messages
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .operations import Changes, PageOps
from .screen_fit import WrappingLabel
from .signals import DeskSignals


class PanelMode(StrEnum):
    FIRST_ADMIN = "first_admin"
    SIGN_IN = "sign_in"
    LOCKED = "locked"
    CHANGE_PASSWORD = "change_password"


TITLES = {
    PanelMode.FIRST_ADMIN: "Tạo tài khoản quản trị đầu tiên",
    PanelMode.SIGN_IN: "Đăng nhập",
    PanelMode.LOCKED: "Màn hình đang khóa",
    PanelMode.CHANGE_PASSWORD: "Đặt mật khẩu mới",
}
INTROS = {
    PanelMode.FIRST_ADMIN: "Máy quầy chưa có người dùng. Người cài đặt tạo tài khoản quản trị; quản trị viên "
                           "sẽ thêm tài khoản cho cán bộ tiếp nhận. Mật khẩu: ít nhất 8 ký tự, không chỉ gồm chữ "
                           "số, khác tên đăng nhập.",
    PanelMode.SIGN_IN: "Đăng nhập bằng tài khoản quản trị viên cấp.",
    PanelMode.LOCKED: "Máy quầy đang khóa. Công việc đang làm vẫn giữ nguyên; nhập mật khẩu để tiếp tục.",
    PanelMode.CHANGE_PASSWORD: "Mật khẩu này do quản trị viên đặt. Hãy chọn mật khẩu của riêng anh/chị "
                               "(ít nhất 8 ký tự, không chỉ gồm chữ số).",
}


class SignInPanel(QFrame):
    """The card in the middle of the lock overlay."""

    signed_in = Signal(object)  # Actor

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("signInPanel")
        self.desk = desk
        self.ops = PageOps(signals, runner, self)
        self.mode = PanelMode.SIGN_IN
        self._pending: Actor | None = None  # signed in, waiting for a new password
        self._typed_password = ""
        self.setAutoFillBackground(True)
        self.setFixedWidth(460)
        layout = QVBoxLayout(self)
        self.titleLabel = QLabel(self)
        self.titleLabel.setObjectName("titleLabel")
        self.introLabel = WrappingLabel(self)  # names the person signed in, however long the name
        form = QFormLayout()
        self.usernameEdit = QLineEdit(self)
        self.usernameEdit.setObjectName("usernameEdit")
        self.usernameEdit.setPlaceholderText("ví dụ: ntmai")
        self.fullNameEdit = QLineEdit(self)
        self.fullNameEdit.setObjectName("fullNameEdit")
        self.fullNameEdit.setPlaceholderText("in trên biên nhận, ví dụ: Nguyễn Thị Mai")
        self.passwordEdit = QLineEdit(self)
        self.passwordEdit.setObjectName("passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirmEdit = QLineEdit(self)
        self.confirmEdit.setObjectName("confirmEdit")
        self.confirmEdit.setEchoMode(QLineEdit.EchoMode.Password)
        self.usernameLabel = QLabel("Tên đăng nhập", self)
        self.fullNameLabel = QLabel("Họ và tên", self)
        self.passwordLabel = QLabel("Mật khẩu", self)
        self.confirmLabel = QLabel("Nhập lại mật khẩu", self)
        for label, edit in ((self.usernameLabel, self.usernameEdit), (self.fullNameLabel, self.fullNameEdit),
                            (self.passwordLabel, self.passwordEdit), (self.confirmLabel, self.confirmEdit)):
            label.setBuddy(edit)
            edit.setAccessibleName(label.text())
            edit.returnPressed.connect(self.submit)
            form.addRow(label, edit)
        self.errorLabel = WrappingLabel(self)  # a long word in an error is cut rather than widen the panel
        self.errorLabel.setObjectName("signInErrorLabel")
        self.errorLabel.setVisible(False)
        buttons = QHBoxLayout()
        self.otherUserButton = QPushButton("Đăng nhập người khác", self)
        self.otherUserButton.setObjectName("otherUserButton")
        self.otherUserButton.clicked.connect(lambda: self.set_mode(PanelMode.SIGN_IN))
        self.okButton = QPushButton(self)
        self.okButton.setObjectName("saveButton")  # the window's primary-button style
        self.okButton.clicked.connect(self.submit)
        buttons.addWidget(self.otherUserButton)
        buttons.addStretch(1)
        buttons.addWidget(self.okButton)
        layout.addWidget(self.titleLabel)
        layout.addWidget(self.introLabel)
        layout.addLayout(form)
        layout.addWidget(self.errorLabel)
        layout.addLayout(buttons)

    def set_mode(self, mode: PanelMode) -> None:
        self.mode = mode
        self.titleLabel.setText(TITLES[mode])
        intro = INTROS[mode]
        actor = self.desk.actor
        if mode is PanelMode.LOCKED and actor is not None:
            intro = f"{actor.full_name} ({ROLE_LABELS[actor.role]}) — " + intro
        self.introLabel.setText(intro)
        needs_name = mode in (PanelMode.FIRST_ADMIN, PanelMode.SIGN_IN)
        for widget in (self.usernameLabel, self.usernameEdit):
            widget.setVisible(needs_name)
        for widget in (self.fullNameLabel, self.fullNameEdit):
            widget.setVisible(mode is PanelMode.FIRST_ADMIN)
        for widget in (self.confirmLabel, self.confirmEdit):
            widget.setVisible(mode in (PanelMode.FIRST_ADMIN, PanelMode.CHANGE_PASSWORD))
        self.passwordLabel.setText("Mật khẩu mới" if mode is PanelMode.CHANGE_PASSWORD else "Mật khẩu")
        self.otherUserButton.setVisible(mode is PanelMode.LOCKED)
        self.okButton.setText({PanelMode.FIRST_ADMIN: "Tạo tài khoản", PanelMode.SIGN_IN: "Đăng nhập",
                               PanelMode.LOCKED: "Mở khóa", PanelMode.CHANGE_PASSWORD: "Lưu mật khẩu"}[mode])
        for edit in (self.passwordEdit, self.confirmEdit):
            edit.clear()
        if mode is PanelMode.SIGN_IN:
            self.usernameEdit.clear()
        messages.hide(self.errorLabel)
        self.okButton.setEnabled(True)
        (self.usernameEdit if needs_name else self.passwordEdit).setFocus()

    def submit(self) -> None:
        if not self.okButton.isEnabled() or not self.isVisible():
            return  # a hidden panel never signs in (nor counts a wrong password)
        mode = self.mode
        username, password = self.usernameEdit.text(), self.passwordEdit.text()
        if mode in (PanelMode.FIRST_ADMIN, PanelMode.CHANGE_PASSWORD) and password != self.confirmEdit.text():
            self._refuse("Hai lần nhập mật khẩu không khớp.", self.confirmEdit)
            return
        users = lambda: self.desk.services.users  # noqa: E731 - read on the worker thread

        if mode is PanelMode.FIRST_ADMIN:
            full_name = self.fullNameEdit.text()
            work = lambda: (users().create_first_admin(username, full_name, password), False)  # noqa: E731
        elif mode is PanelMode.LOCKED:
            actor = self.desk.actor

            def work():
                users().sign_in(actor.username, password)  # counts failures and honours the lockout
                return actor, False
        elif mode is PanelMode.CHANGE_PASSWORD:
            actor, old = self._pending, self._typed_password

            def work():
                users().change_own_password(actor, old, password)
                return actor, False
        else:
            def work():
                actor = users().sign_in(username, password)
                return actor, users().must_change_password(actor.username)

        def done(result) -> None:
            actor, must_change = result
            self.okButton.setEnabled(True)
            if must_change:
                self._pending, self._typed_password = actor, password
                self.set_mode(PanelMode.CHANGE_PASSWORD)
                return
            self._pending, self._typed_password = None, ""
            self.passwordEdit.clear()
            self.confirmEdit.clear()
            self.signed_in.emit(actor)

        def failed(error: BaseException) -> None:
            self.okButton.setEnabled(True)
            field = getattr(error, "field", None)
            target = {"username": self.usernameEdit, "full_name": self.fullNameEdit}.get(field or "",
                                                                                        self.passwordEdit)
            if target is self.passwordEdit:
                self.passwordEdit.clear()
            text = str(error)
            if mode is PanelMode.LOCKED and text.startswith(SIGN_IN_FAILED):  # the user name is not typed here
                text = "Mật khẩu không đúng." + text[len(SIGN_IN_FAILED):]
            self._refuse(text, target)

        self.okButton.setEnabled(False)
        # A sign-in is a write too: the failure count, the last sign-in the users page shows.
        self.ops.write(work, Changes(users=True)).success(done).failure(failed).run()

    def _refuse(self, text: str, focus: QLineEdit) -> None:
        messages.show(self.errorLabel, "error", text)
        focus.setFocus()


class LockOverlay(QWidget):
    """Dims the whole window and holds the sign-in panel in its middle."""

    def __init__(self, panel_parent: QWidget, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals):
        super().__init__(panel_parent)
        self.setObjectName("lockOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.panel = SignInPanel(desk, runner, signals, self)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.panel)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        panel_parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parent().rect())
        return False

    def show_mode(self, mode: PanelMode) -> None:
        self.setGeometry(self.parent().rect())
        self.show()
        self.raise_()
        self.panel.set_mode(mode)


USER_INPUT_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                     QEvent.Type.Wheel, QEvent.Type.TouchBegin)


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without a key, a click or a mouse move anywhere in the app."""

    idle = Signal()

    def __init__(self, parent: QObject, minutes: float):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        self.minutes = minutes
        self.timer.setInterval(max(1, int(minutes * 60_000)))

    def start(self) -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.instance().installEventFilter(self)
        if self.minutes > 0:
            self.timer.start()

    def stop(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT_EVENTS and self.minutes > 0:
            self.timer.start()
        return False
