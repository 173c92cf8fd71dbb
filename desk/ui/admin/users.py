"""Người dùng: the accounts and their roles; adding a user, changing one, resetting a password, unlocking."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QWidget,
)

from desk.domain.clock import to_vietnam_local
from desk.domain.users import ROLE_LABELS, Role
from forms.ui_users_page import Ui_UsersPage

from .. import messages
from ..background import BackgroundRunner
from ..desk_ref import DeskRef
from ..operations import Changes
from ..screen_fit import fit_dialog, form_dialog_layout, grow_to_show
from ..signals import DeskSignals
from .base import AdminPage, measure_afresh, message_label, read_only_item


def save_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText("Lưu")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
    buttons.rejected.connect(dialog.reject)
    return buttons


class UserDialog(QDialog):
    """Add a user, or change one's name, role and whether the account is in use."""

    def __init__(self, parent: QWidget, user=None):
        super().__init__(parent)
        self.setObjectName("userDialog")
        self.setWindowTitle("Sửa người dùng" if user else "Thêm người dùng")
        fields = QWidget()
        form = QFormLayout(fields)
        self.usernameEdit = QLineEdit(self)
        self.usernameEdit.setObjectName("usernameEdit")
        self.fullNameEdit = QLineEdit(self)
        self.fullNameEdit.setObjectName("fullNameEdit")
        self.roleCombo = QComboBox(self)
        self.roleCombo.setObjectName("roleCombo")
        for role in (Role.CLERK, Role.ADMIN, Role.SUPERVISOR):
            self.roleCombo.addItem(ROLE_LABELS[role], role.value)
        self.passwordEdit = QLineEdit(self)
        self.passwordEdit.setObjectName("passwordEdit")
        # Shown as typed: a temporary password is read out to its user and changed at the first sign-in, and
        # a typo nobody can see would lock the new clerk out.
        self.passwordEdit.setPlaceholderText("mật khẩu tạm; người dùng đổi ở lần đăng nhập đầu")
        self.activeCheck = QCheckBox("Đang sử dụng", self)
        self.activeCheck.setObjectName("activeCheck")
        self.activeCheck.setChecked(True)
        form.addRow("Tên đăng nhập", self.usernameEdit)
        form.addRow("Họ và tên (in trên biên nhận)", self.fullNameEdit)
        form.addRow("Vai trò", self.roleCombo)
        if user is None:
            form.addRow("Mật khẩu tạm", self.passwordEdit)
            self.activeCheck.hide()  # a new account is in use; unlaid, it would sit over the fields
        else:
            self.passwordEdit.hide()  # another's password is reset from its own dialog
            self.usernameEdit.setText(user.username)
            self.usernameEdit.setReadOnly(True)
            self.fullNameEdit.setText(user.full_name)
            self.roleCombo.setCurrentIndex(self.roleCombo.findData(Role(user.role).value))
            self.activeCheck.setChecked(user.active)
            form.addRow("", self.activeCheck)
        self.errorLabel = message_label(self)
        self.buttonBox = save_cancel_buttons(self)
        form_dialog_layout(self, fields, self.errorLabel, self.buttonBox)
        fit_dialog(self)
        # Typing starts in the first field to fill, and Tab goes down the form to the buttons.
        order = [self.fullNameEdit, self.roleCombo, self.activeCheck] if user else \
            [self.usernameEdit, self.fullNameEdit, self.roleCombo, self.passwordEdit]
        for first, second in zip(order, [*order[1:], self.buttonBox]):
            QWidget.setTabOrder(first, second)
        order[0].setFocus()


class PasswordDialog(QDialog):
    """A new temporary password for someone else's account."""

    def __init__(self, parent: QWidget, full_name: str):
        super().__init__(parent)
        self.setObjectName("resetPasswordDialog")
        self.setWindowTitle(f"Đặt lại mật khẩu cho {full_name}")
        fields = QWidget()
        form = QFormLayout(fields)
        self.passwordEdit = QLineEdit(self)
        self.passwordEdit.setObjectName("passwordEdit")  # shown as typed, like a new user's (UserDialog)
        form.addRow("Mật khẩu tạm mới", self.passwordEdit)
        self.errorLabel = message_label(self)
        self.buttonBox = save_cancel_buttons(self)
        form_dialog_layout(self, fields, self.errorLabel, self.buttonBox)
        fit_dialog(self, self.sizeHint().expandedTo(QSize(420, 0)))  # room for the title, which names the person


class UsersPage(AdminPage, Ui_UsersPage):
    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals, parent: QWidget | None = None):
        super().__init__(desk, runner, signals, parent)
        self.setObjectName("usersPage")
        self.setupUi(self)
        self.users: list = []
        self.dialog: UserDialog | PasswordDialog | None = None
        self.table = self.usersTable
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for button, slot in ((self.addUserButton, self.add_user), (self.editUserButton, self.edit_user),
                             (self.resetPasswordButton, self.reset_password), (self.unlockButton, self.unlock)):
            button.clicked.connect(slot)
        self.table.doubleClicked.connect(lambda _i: self.edit_user())
        self.table.itemSelectionChanged.connect(self._enable_row_buttons)
        self._enable_row_buttons()
        measure_afresh(self)

    def _enable_row_buttons(self) -> None:
        """What acts on a user needs a user: greyed out until a row is chosen, with a tooltip saying so."""
        chosen = self.table.selectionModel() is not None and bool(self.table.selectionModel().selectedRows())
        for button in (self.editUserButton, self.resetPasswordButton, self.unlockButton):
            button.setEnabled(chosen)
            button.setToolTip("" if chosen else "Chọn một người dùng trong danh sách trước.")

    def refresh(self) -> None:
        actor = self.actor
        self.ops.read(lambda: self.desk.services.users.list_users(actor)).success(self._fill).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.users:
            self.refresh()

    def _fill(self, users) -> None:
        self.users = users
        self.table.setRowCount(len(users))
        for row, user in enumerate(users):
            state = "Tạm khóa" if user.locked else ("Đang sử dụng" if user.active else "Ngừng sử dụng")
            last = f"{to_vietnam_local(user.last_sign_in_utc):%H:%M %d/%m/%Y}" if user.last_sign_in_utc else "chưa"
            for column, value in enumerate((user.username, user.full_name, user.role_label, state, last)):
                self.table.setItem(row, column, read_only_item(value))

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def _done(self, text: str):
        def done(_result) -> None:
            if self.dialog is not None:
                self.dialog.accept()
            messages.show(self.messageLabel, "success", text)
        return done

    def _dialog_failed(self, error: BaseException) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.buttonBox.setEnabled(True)
            messages.show(self.dialog.errorLabel, "error", str(error))
            grow_to_show(self.dialog)
        else:
            self.fail(error)

    def _open(self, dialog: UserDialog | PasswordDialog, save) -> None:
        """Show ``dialog``; on Save, ``save(dialog)`` reads its fields here and gives back the service call
        for the worker and the message for success. An error stays in the dialog, which stays open."""
        self.dialog = dialog

        def saved() -> None:
            work, text = save(dialog)
            dialog.buttonBox.setEnabled(False)
            self.ops.write(work, Changes(users=True)).success(self._done(text)).failure(self._dialog_failed).run()

        dialog.buttonBox.accepted.connect(saved)
        dialog.open()

    def add_user(self) -> None:
        users, actor = self.desk.services.users, self.actor

        def save(dialog: UserDialog):
            username, name = dialog.usernameEdit.text(), dialog.fullNameEdit.text()
            role, password = Role(dialog.roleCombo.currentData()), dialog.passwordEdit.text()
            return (lambda: users.create_user(actor, username, name, role, password),
                    f"Đã thêm {name.strip()}; người này đổi mật khẩu ở lần đăng nhập đầu.")

        self._open(UserDialog(self), save)

    def edit_user(self) -> None:
        user = self.selected()
        if user is None:
            return
        users, actor = self.desk.services.users, self.actor

        def save(dialog: UserDialog):
            name, role = dialog.fullNameEdit.text(), Role(dialog.roleCombo.currentData())
            active = dialog.activeCheck.isChecked()
            return (lambda: users.update_user(actor, user.username, full_name=name, role=role, active=active),
                    f"Đã lưu {user.username}.")

        self._open(UserDialog(self, user), save)

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            return
        users, actor = self.desk.services.users, self.actor

        def save(dialog: PasswordDialog):
            password = dialog.passwordEdit.text()
            return (lambda: users.reset_password(actor, user.username, password),
                    f"Đã đặt lại mật khẩu cho {user.username}; người này đổi mật khẩu ở lần đăng nhập tới.")

        self._open(PasswordDialog(self, user.full_name), save)

    def unlock(self) -> None:
        user = self.selected()
        if user is None:
            return
        actor = self.actor
        self.dialog = None
        self.ops.write(lambda: self.desk.services.users.unlock(actor, user.username), Changes(users=True)) \
            .success(self._done(f"Đã mở khóa {user.username}.")).run()
