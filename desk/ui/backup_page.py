"""Sao lưu (admin): where and when backups go, "Sao lưu ngay", the backups and restoring one; the scheduler
that backs up by itself; and the restore offer the start-up shows when the database is damaged.

Backups run on the scheduler's own worker thread, never on the GUI thread nor on the database worker: a
backup of several minutes must not hold up a save. A restore runs on the database worker (``runner``): it
replaces the database under every other job, so none may run beside it. The service module (SQLAlchemy)
is imported only inside the work given to a worker, so building the window does not load it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.domain.clock import to_vietnam_local
from desk.domain.errors import DomainError

from . import dialogs, messages
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .operations import Changes, PageOps
from .screen_fit import WrappingLabel, fit_dialog, form_dialog_layout, grow_to_show
from .signals import DeskSignals

if TYPE_CHECKING:
    from desk.services.backup import BackupEntry, BackupResult, BackupService

CHECK_EVERY_MS = 5 * 60 * 1000  # the schedule is asked this often; due() decides
FIRST_CHECK_MS = 60 * 1000  # after start: the clerk's first minutes are the desk's busiest
NEWEST_OFFERED = 5


def backup_service(desk: DeskRef) -> BackupService:
    """The desk's backup service, or one without a database when the database did not open (it is damaged):
    listing and restoring still work then. Call on a worker thread (it imports the service layer)."""
    from desk.services.backup import BackupService

    if desk.is_open:
        return desk.services.backup
    return BackupService(desk.paths, desk.settings_store, None)


def _problem(error: BaseException) -> str:
    """A failure in words: the service's own message, never a traceback or a statement."""
    if isinstance(error, (DomainError, RuntimeError, OSError)):
        return str(error)
    return "Có lỗi không lường trước; chi tiết trong nhật ký logs/desk.log."


class BackupScheduler(QObject):
    """Backs up on the schedule (``BackupService.due``, asked every few minutes) and on demand, one backup at a
    time, on its own worker thread. Start it once the desk is open; stop it when the window closes (a backup
    under way finishes first)."""

    started = Signal()
    finished = Signal(object)  # BackupResult
    failed = Signal(str)  # a failure outside the backup itself (rare: the result carries what a backup met)

    def __init__(self, desk: DeskRef, parent: QObject | None = None):
        super().__init__(parent)
        self.desk = desk
        self.runner = BackgroundRunner(self)
        # Its results go out through its own signals: the page and the window listen to them.
        self.ops = PageOps(None, self.runner, self, show_error=self.failed.emit)
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self, first_check_ms: int = FIRST_CHECK_MS) -> None:
        self.timer.start()
        QTimer.singleShot(first_check_ms, self, self.check)

    def stop(self) -> None:
        self.timer.stop()
        self.runner.shutdown()

    def check(self) -> None:
        """Ask the schedule; back up when a backup is due."""
        if self.running or not self.desk.is_open:
            return
        desk = self.desk
        self.ops.read(lambda: backup_service(desk).due()).success(lambda due: due and self.run_now()).run()

    def run_now(self) -> bool:
        """Back up now; False when one is already under way."""
        if self.running:
            return False
        self.running = True
        self.started.emit()
        desk = self.desk
        self.ops.read(lambda: backup_service(desk).create()).success(self._done).failure(self._failed).run()
        return True

    def _done(self, result: BackupResult) -> None:
        self.running = False
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.failed.emit(_problem(error))


def ask_restore(parent: QWidget, entry: BackupEntry, data_dir: Path, answered: Callable[[bool], None]) -> QMessageBox:
    """Restoring asks first, without blocking: what will happen, and that nothing current is deleted."""
    when = f"{entry.created:%H:%M ngày %d/%m/%Y}" if entry.created else entry.path.name
    dossiers = f" ({entry.dossiers} hồ sơ)" if entry.dossiers is not None else ""
    box = QMessageBox(QMessageBox.Icon.Warning, "Khôi phục từ bản sao lưu?",
                      f"Khôi phục dữ liệu của bản sao lưu lúc {when}{dossiers}?\n\n"
                      "Bản sao lưu được kiểm tra lại trước. Dữ liệu hiện tại không bị xóa: nó được chuyển nguyên vẹn "
                      f"vào thư mục {data_dir}/truoc-khi-khoi-phuc-<thời điểm>/. Hồ sơ tiếp nhận sau lúc sao lưu sẽ "
                      "không còn trong danh sách (vẫn nằm trong thư mục đó). Sau khi khôi phục, hãy mở lại phần mềm.",
                      parent=parent)
    box.setObjectName("restoreConfirmBox")
    box.setTextFormat(Qt.TextFormat.PlainText)  # "<thời điểm>" is text, not a tag
    accept = box.addButton("Khôi phục", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(box.addButton("Không khôi phục", QMessageBox.ButtonRole.RejectRole))
    box.finished.connect(lambda _result: answered(box.clickedButton() is accept))
    box.open()
    return box


def _item(text: str, tooltip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(tooltip or text)
    return item


def _strip(parent: QWidget, name: str) -> WrappingLabel:
    label = WrappingLabel(parent)
    label.setObjectName(name)
    label.setVisible(False)
    return label


class BackupPage(QWidget):
    """The admin's backup page. ``about_to_restore`` comes just before a restore starts (stop the sync
    worker: nothing else may touch the database meanwhile); ``restored`` carries the RestoreResult: the
    window should then restart (the pages hold what they read from the data that was replaced)."""

    about_to_restore = Signal()
    restored = Signal(object)
    COLUMNS = ("Thời gian", "Kích thước", "Tình trạng", "Số hồ sơ", "Tệp")

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals, parent: QWidget | None = None, *,
                 scheduler: BackupScheduler | None = None):
        super().__init__(parent)
        self.setObjectName("backupPage")
        self.desk = desk
        self.ops = PageOps(signals, runner, self, show_error=lambda text: self._show("error", text))
        self.scheduler = scheduler or BackupScheduler(desk, self)  # its own: manual backups only
        self.slow_ops = PageOps(None, self.scheduler.runner, self, show_error=self.ops.show_error)
        self.entries: list = []
        self.confirm_box: QMessageBox | None = None
        layout = QVBoxLayout(self)
        title = QLabel("Sao lưu và khôi phục", self)
        title.setObjectName("titleLabel")
        layout.addWidget(title)
        intro = WrappingLabel("Mỗi bản sao lưu gồm cơ sở dữ liệu, cài đặt của quầy, tệp số hóa tỉnh chưa nhận, phiếu "
                              "và biên nhận đã in; được đọc lại và thử khôi phục ngay sau khi ghi.", self)
        layout.addWidget(intro)
        self.warningLabel = _strip(self, "backupWarningLabel")
        self.messageLabel = _strip(self, "messageLabel")
        layout.addWidget(self.warningLabel)
        layout.addWidget(self.messageLabel)
        layout.addWidget(self._settings_box())
        self.statusLabel = WrappingLabel(self)
        self.statusLabel.setObjectName("backupStatusLabel")
        layout.addWidget(self.statusLabel)
        buttons = QHBoxLayout()
        for text, name, slot in (("Sao lưu ngay", "backupNowButton", self.back_up_now),
                                 ("Khôi phục từ bản này…", "restoreButton", self.restore_selected),
                                 ("Làm mới danh sách", "refreshButton", self.refresh)):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            setattr(self, name, button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 3, 4):  # short texts; the state (a reason can be long) takes the rest, cut
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.restoreButton.setEnabled(False)
        self.scheduler.started.connect(self._on_started)
        self.scheduler.finished.connect(self._on_finished)
        self.scheduler.failed.connect(lambda text: self._show("error", text))

    def _settings_box(self) -> QGroupBox:
        box = QGroupBox("Nơi lưu và lịch sao lưu", self)
        form = QFormLayout(box)
        self.folderEdit = QLineEdit(box)
        self.folderEdit.setObjectName("folderEdit")
        self.folderEdit.setReadOnly(True)
        self.chooseFolderButton = QPushButton("Chọn thư mục…", box)
        self.chooseFolderButton.setObjectName("chooseFolderButton")
        self.chooseFolderButton.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folderEdit, 1)
        folder_row.addWidget(self.chooseFolderButton)
        form.addRow("Thư mục sao lưu", folder_row)
        self.timesEdit = QLineEdit(box)
        self.timesEdit.setObjectName("timesEdit")
        self.timesEdit.setPlaceholderText("ví dụ 12:00, 17:30")
        form.addRow("Giờ sao lưu mỗi ngày", self.timesEdit)
        keep_row = QHBoxLayout()
        for name, most, suffix in (("keepDailySpin", 366, " ngày"), ("keepWeeklySpin", 104, " tuần"),
                                   ("keepMonthlySpin", 240, " tháng")):
            spin = QSpinBox(box)
            spin.setObjectName(name)
            spin.setRange(1 if name == "keepDailySpin" else 0, most)
            spin.setSuffix(suffix)
            keep_row.addWidget(spin)
            setattr(self, name, spin)
        keep_row.addStretch(1)
        form.addRow("Giữ lại bản mới nhất của", keep_row)
        self.allFilesCheck = QCheckBox("Sao lưu cả tệp số hóa tỉnh đã nhận (tốn chỗ hơn)", box)
        self.allFilesCheck.setObjectName("allFilesCheck")
        self.saveSettingsButton = QPushButton("Lưu lịch sao lưu", box)
        self.saveSettingsButton.setObjectName("saveSettingsButton")
        self.saveSettingsButton.clicked.connect(self.save_schedule)
        last_row = QHBoxLayout()
        last_row.addWidget(self.allFilesCheck, 1)
        last_row.addWidget(self.saveSettingsButton)
        form.addRow("", last_row)
        return box

    # -- showing ------------------------------------------------------------------------------------------
    def start(self) -> None:
        self._show_settings()
        self.refresh()

    def _show(self, kind: str, text: str) -> None:
        messages.show(self.messageLabel, kind, text)

    def _show_settings(self) -> None:
        settings = self.desk.settings
        self.folderEdit.setText(settings.backup_folder or str(self.desk.paths.data_dir / "backups"))
        self.folderEdit.setCursorPosition(0)
        self.timesEdit.setText(", ".join(settings.backup_times))
        self.keepDailySpin.setValue(settings.backup_keep_daily)
        self.keepWeeklySpin.setValue(settings.backup_keep_weekly)
        self.keepMonthlySpin.setValue(settings.backup_keep_monthly)
        self.allFilesCheck.setChecked(settings.backup_all_files)

    def refresh(self) -> None:
        """The backups, the warning about where they are and the last result (on the scheduler's worker:
        the folder may be a slow network share)."""
        def load():
            service = backup_service(self.desk)
            return service.list_backups(), service.folder_warning(), service.last_result()

        self.slow_ops.read(load).success(self._fill).run()

    def _fill(self, loaded) -> None:
        entries, warning, last = loaded
        self.entries = entries
        if warning:
            messages.show(self.warningLabel, "warning", warning)
        else:
            messages.hide(self.warningLabel)
        self.statusLabel.setText(self._describe_last(last))
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            when = f"{entry.created:%H:%M:%S %d/%m/%Y}" if entry.created else "—"
            state = ("✔ " if entry.verified else "✘ ") + entry.note
            values = (when, f"{entry.size / 1e6:.1f} MB", state,
                      "" if entry.dossiers is None else str(entry.dossiers), entry.path.name)
            for column, value in enumerate(values):
                self.table.setItem(row, column, _item(value, str(entry.path) if column == 4 else ""))
        self._on_selection()

    @staticmethod
    def _describe_last(last: dict) -> str:
        if not last.get("last_attempt_utc"):
            return "Chưa sao lưu lần nào trên máy này."
        attempt = to_vietnam_local(datetime.fromisoformat(last["last_attempt_utc"]))
        if last.get("last_problem"):
            return f"Lần sao lưu gần nhất ({attempt:%H:%M %d/%m/%Y}) không thành công: {last['last_problem']}"
        return f"Lần sao lưu gần nhất: {attempt:%H:%M %d/%m/%Y}, đã kiểm tra."

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _on_selection(self) -> None:
        entry = self.selected()
        self.restoreButton.setEnabled(entry is not None and entry.verified)

    # -- acting ---------------------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        if not self.scheduler.run_now():
            self._show("info", "Đang sao lưu; kết quả sẽ hiện ở đây.")

    def _on_started(self) -> None:
        self.backupNowButton.setEnabled(False)
        self._show("info", "Đang sao lưu và kiểm tra bản sao lưu… Có thể tiếp tục làm việc.")

    def _on_finished(self, result: BackupResult) -> None:
        self.backupNowButton.setEnabled(True)
        text = result.describe()
        if result.removed:
            text += f" Đã xóa {len(result.removed)} bản cũ theo lịch giữ."
        self._show("success" if result.ok else "error", text)
        self.refresh()

    def choose_folder(self) -> None:
        folder = dialogs.ask_backup_folder(self, self.desk.settings.backup_folder)
        if folder is None:
            return
        self._save({"backup_folder": str(folder)}, f"Bản sao lưu từ nay được ghi vào {folder}.")

    def save_schedule(self) -> None:
        times = [part.strip() for part in self.timesEdit.text().replace(";", ",").split(",") if part.strip()]
        self._save({"backup_times": times, "backup_keep_daily": self.keepDailySpin.value(),
                    "backup_keep_weekly": self.keepWeeklySpin.value(),
                    "backup_keep_monthly": self.keepMonthlySpin.value(),
                    "backup_all_files": self.allFilesCheck.isChecked()}, "Đã lưu lịch sao lưu.")

    def _save(self, changes: dict, success: str) -> None:
        actor = self.desk.actor

        def done(_settings) -> None:
            self._show_settings()
            self._show("success", success)
            self.refresh()

        desk = self.desk
        self.ops.write(lambda: backup_service(desk).save_settings(changes, actor=actor), Changes(settings=True)) \
            .success(done).run()

    def restore_selected(self) -> None:
        entry = self.selected()
        if entry is None or not entry.verified:
            return
        actor = self.desk.actor
        if actor is None or not actor.can_administer:
            self._show("error", "Chỉ quản trị viên mới được khôi phục dữ liệu từ bản sao lưu.")
            return

        def answered(yes: bool) -> None:
            self.confirm_box = None
            if not yes:
                return
            self._show("info", "Đang kiểm tra bản sao lưu rồi khôi phục… Đừng tắt máy.")
            self.restoreButton.setEnabled(False)
            self.about_to_restore.emit()
            desk = self.desk
            self.ops.read(lambda: backup_service(desk).restore(entry.path, actor)).success(self._on_restored) \
                .failure(self._on_restore_failed).run()  # the window restarts after it: no view to tell

        self.confirm_box = ask_restore(self, entry, self.desk.paths.data_dir, answered)

    def _on_restored(self, result) -> None:
        self._show("success", result.describe() + " Hãy đóng và mở lại phần mềm.")
        self.restored.emit(result)
        self.refresh()

    def _on_restore_failed(self, error: BaseException) -> None:
        self._show("error", _problem(error))
        self._on_selection()


class RestoreOfferDialog(QDialog):
    """The start-up found the database damaged: the problem, the newest verified backups, "Khôi phục". When no
    admin is signed in (the sign-in needs the damaged database), an admin of the backup signs in here."""

    about_to_restore = Signal()  # stop what else touches the database (the sync worker)
    restored = Signal(object)  # RestoreResult

    def __init__(self, parent: QWidget | None, desk: DeskRef, runner: BackgroundRunner, problem: str):
        super().__init__(parent)
        self.setObjectName("restoreOfferDialog")
        self.setWindowTitle("Dữ liệu bị hỏng — khôi phục từ bản sao lưu")
        self.desk = desk
        self.ops = PageOps(None, runner, self)
        self.entries: list = []
        fields = QWidget()
        form = QFormLayout(fields)
        self.problemLabel = WrappingLabel(problem, fields)
        self.problemLabel.setObjectName("problemLabel")
        messages.show(self.problemLabel, "error", problem)
        form.addRow(self.problemLabel)
        explain = WrappingLabel("Chọn một bản sao lưu đã kiểm tra. Dữ liệu hiện tại không bị xóa: nó được chuyển "
                                f"nguyên vẹn vào thư mục {desk.paths.data_dir}/truoc-khi-khoi-phuc-…/.",
                                fields)
        form.addRow(explain)
        self.backupList = QListWidget(fields)
        self.backupList.setObjectName("backupList")
        self.backupList.setMinimumHeight(self.fontMetrics().height() * 6)
        form.addRow(self.backupList)
        self.usernameEdit = QLineEdit(fields)
        self.usernameEdit.setObjectName("usernameEdit")
        self.passwordEdit = QLineEdit(fields)
        self.passwordEdit.setObjectName("passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.EchoMode.Password)
        if not (desk.actor and desk.actor.can_administer):
            form.addRow("Tài khoản quản trị", self.usernameEdit)
            form.addRow("Mật khẩu", self.passwordEdit)
        else:
            self.usernameEdit.hide()
            self.passwordEdit.hide()
        self.errorLabel = _strip(self, "errorLabel")
        self.buttonBox = QDialogButtonBox(self)
        self.restoreButton = self.buttonBox.addButton("Khôi phục", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restoreButton.setObjectName("restoreButton")
        self.restoreButton.setEnabled(False)
        later = self.buttonBox.addButton("Để sau", QDialogButtonBox.ButtonRole.RejectRole)
        later.setObjectName("laterButton")
        self.buttonBox.accepted.connect(self.restore)
        self.buttonBox.rejected.connect(self.reject)
        form_dialog_layout(self, fields, self.errorLabel, self.buttonBox)
        fit_dialog(self, self.sizeHint().expandedTo(QSize(640, 0)))
        self.backupList.currentRowChanged.connect(lambda row: self.restoreButton.setEnabled(row >= 0))

    def load(self) -> None:
        desk = self.desk
        self.ops.read(lambda: backup_service(desk).restorable()[:NEWEST_OFFERED]).success(self._fill) \
            .failure(self._fail).run()

    def _fill(self, entries) -> None:
        self.entries = entries
        self.backupList.clear()
        for entry in entries:
            dossiers = f", {entry.dossiers} hồ sơ" if entry.dossiers is not None else ""
            item = QListWidgetItem(f"{entry.created:%H:%M ngày %d/%m/%Y}{dossiers} — {entry.path.name}")
            item.setToolTip(str(entry.path))
            self.backupList.addItem(item)
        if entries:
            self.backupList.setCurrentRow(0)
        else:
            self._fail(DomainError("Không tìm thấy bản sao lưu nào dùng được trong thư mục sao lưu. Hãy báo cán bộ "
                                   "kỹ thuật; đừng xóa thư mục dữ liệu."))

    def _fail(self, error: BaseException) -> None:
        self.buttonBox.setEnabled(True)
        messages.show(self.errorLabel, "error", _problem(error))
        grow_to_show(self)

    def restore(self) -> None:
        row = self.backupList.currentRow()
        if row < 0:
            return
        entry, actor = self.entries[row], self.desk.actor
        username, password = self.usernameEdit.text(), self.passwordEdit.text()
        desk = self.desk

        def work():
            service = backup_service(desk)
            prepared = service.prepare_restore(entry.path)
            try:
                who = actor if actor is not None and actor.can_administer else None
                if who is None:
                    if desk.is_open and prepared.kind != "sqlite":
                        who = desk.services.users.sign_in(username, password)
                    else:
                        with service.archive_users(prepared) as users:
                            who = users.sign_in(username, password)
                return service.finish_restore(prepared, who)  # refuses a person who is not an admin
            except BaseException:
                service.cancel_restore(prepared)
                raise

        self.buttonBox.setEnabled(False)
        messages.show(self.errorLabel, "info", "Đang kiểm tra bản sao lưu rồi khôi phục… Đừng tắt máy.")
        self.about_to_restore.emit()
        self.ops.read(work).success(self._done).failure(self._fail).run()  # the window restarts after it

    def _done(self, result) -> None:
        self.restored.emit(result)
        self.accept()


def offer_restore(parent: QWidget | None, desk: DeskRef, runner: BackgroundRunner, problem: str) -> RestoreOfferDialog:
    """Show the problem and the newest verified backups with "Khôi phục" (non-blocking). Connect to the
    dialog's ``restored`` signal: after it, open the desk again (restart the window)."""
    dialog = RestoreOfferDialog(parent, desk, runner, problem)
    dialog.setModal(True)
    dialog.load()
    dialog.open()
    return dialog
