"""Đồng bộ: enrollment, what is waiting or refused, "sync now", and the warning when data gets old."""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from desk.domain.clock import to_vietnam_local
from forms.ui_sync_page import Ui_SyncPage

from . import messages
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .operations import Changes, PageOps
from .signals import DeskSignals

KINDS = {"dossier.upsert": "Hồ sơ tiếp nhận", "dossier.event": "Thay đổi trạng thái",
         "intake.outcome": "Phiếu hướng dẫn bổ sung", "dossier.rating": "Đánh giá", "audit.anchor": "Mốc nhật ký",
         "inbox.accept": "Tiếp nhận hồ sơ trực tuyến", "inbox.refuse": "Từ chối hồ sơ trực tuyến",
         "inbox.request-supplement": "Yêu cầu bổ sung hồ sơ trực tuyến"}
NOTE_FOR_S = 30
STATES = {"pending": "Chờ gửi", "failed": "Tỉnh từ chối"}


def describe_status(status: dict) -> str:
    if not status["enrolled"]:
        return "Máy quầy chưa đăng ký với hệ thống của tỉnh: hồ sơ vẫn được lưu trong máy và sẽ gửi sau khi đăng ký."
    parts = [f"Chờ gửi: {status['pending']}", f"Bị từ chối: {status['failed']}",
             f"Đã gửi: {status['sent']}"]
    if status["last_success_utc"]:
        # Stored in UTC; a clerk reads Vietnam time whatever the machine's time zone is set to.
        moment = to_vietnam_local(datetime.fromisoformat(status["last_success_utc"]))
        parts.append(f"Lần đồng bộ thành công gần nhất: {moment:%H:%M:%S ngày %d/%m/%Y}")
    if status["last_error"]:
        parts.append(f"Lỗi gần nhất: {status['last_error']}")
    return " · ".join(parts)


class SyncPage(QWidget):
    sync_requested = Signal()
    enrolled = Signal()
    rebuilt = Signal()  # dossiers came back from the province: lists refresh

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_SyncPage()
        self.ui.setupUi(self)
        self.desk = desk
        self.ops = PageOps(signals, runner, self, show_error=lambda text: messages.show(self.ui.warningLabel,
                                                                                       "error", text))
        self.ui.itemsTable.setColumnCount(5)
        self.ui.itemsTable.setHorizontalHeaderLabels(["Mã hồ sơ", "Loại", "Tình trạng", "Số lần gửi", "Lý do"])
        for column, width in enumerate((215, 200, 100, 80)):
            self.ui.itemsTable.setColumnWidth(column, width)
        self.ui.syncNowButton.clicked.connect(self.sync_requested.emit)
        self.ui.resendButton.clicked.connect(self.resend_selected)
        self.ui.rebuildButton.clicked.connect(self.ask_rebuild)
        self.ui.resendButton.setEnabled(False)
        self.ui.itemsTable.itemSelectionChanged.connect(self._enable_resend)
        self.items: list[dict] = []
        self._note, self._note_until = "", 0.0  # what the last action did (note())
        self.ui.enrollButton.clicked.connect(self.enroll)
        # Enrolling talks to the province, which may be slow or silent: never on the worker a save waits for.
        self.network = BackgroundRunner(self, name="desk-enroll")
        self.ui.urlEdit.setText(desk.settings.province_url)
        self.summary = ""  # the status bar's sync text, whole (the status bar cuts it to fit)

    def set_summary(self, text: str) -> None:
        self.summary = text

    def refresh(self) -> None:
        def load():
            services = self.desk.services
            return services.sync.status(), services.sync.items()

        self.ops.read(load).success(self._show).failure(lambda error: self.ui.statusLabel.setText(str(error))).run()

    def _show(self, result) -> None:
        status, items = result
        self.ui.statusLabel.setText("\n".join(x for x in (self.summary, describe_status(status)) if x))
        self.ui.enrollGroup.setVisible(not status["enrolled"])
        actor = self.desk.actor
        may_enroll = actor is not None and actor.can_administer
        for widget in (self.ui.urlEdit, self.ui.codeEdit, self.ui.enrollButton):
            widget.setEnabled(may_enroll and self.network.idle)
            widget.setToolTip("" if may_enroll else "Quản trị viên đăng ký máy quầy với hệ thống của tỉnh.")
        self.ui.rebuildButton.setVisible(bool(status["enrolled"] and actor is not None and actor.can_administer))
        if status["too_old"]:
            messages.show(self.ui.warningLabel, "error",
                          f"Có dữ liệu chưa gửi lên tỉnh đã {status['oldest_pending_days']:.0f} ngày. "
                          "Hãy kiểm tra kết nối mạng hoặc báo quản trị viên.")
        elif self._note and time.monotonic() < self._note_until:
            messages.show(self.ui.warningLabel, "info", self._note)
        else:
            messages.hide(self.ui.warningLabel)
        table = self.ui.itemsTable
        self.items = items
        table.setRowCount(len(items))
        for row, item in enumerate(items):
            kind = KINDS.get(item["kind"], item["kind"])
            if item["kind"] == "intake.outcome" and "-T" in item["code"]:
                kind = "Phiếu từ chối tiếp nhận"
            for column, text in enumerate((item["code"], kind,
                                           STATES.get(item["state"], item["state"]), str(item["attempts"]),
                                           item["error"])):
                table.setItem(row, column, QTableWidgetItem(text))

    def note(self, text: str) -> None:
        """What the last action did: shown through the refreshes of the next half minute."""
        self._note, self._note_until = text, time.monotonic() + NOTE_FOR_S

    def _selected_failed(self) -> list[int]:
        rows = {index.row() for index in self.ui.itemsTable.selectionModel().selectedRows()}
        return [self.items[row]["id"] for row in sorted(rows)
                if row < len(self.items) and self.items[row]["state"] == "failed"]

    def _enable_resend(self) -> None:
        self.ui.resendButton.setEnabled(bool(self._selected_failed()))

    def resend_selected(self) -> None:
        """Queue again what the province refused, once the clerk has fixed what the reason says."""
        ids = self._selected_failed()
        if not ids:
            return

        def queued(count: int) -> None:
            self.note(f"Đã xếp {count} mục vào hàng chờ gửi lại lên tỉnh.")
            self.sync_requested.emit()
            self.refresh()

        sync = self.desk.services.sync
        self.ops.write(lambda: sync.resend(ids), Changes(sync=True)).success(queued).run()

    def ask_rebuild(self) -> None:
        """After a lost disk: the commune's dossiers, steps and files back from the province (asks first)."""
        from . import dialogs

        dialogs.ask(self, "Lấy lại dữ liệu từ tỉnh?",
                    "Lấy lại từ hệ thống của tỉnh mọi hồ sơ của xã đã được gửi lên, quá trình xử lý và tệp số hóa. "
                    "Hồ sơ đang có trên máy được giữ nguyên. Việc này có thể mất vài phút.",
                    "Lấy lại dữ liệu", "Không", lambda yes: self.rebuild() if yes else None, name="rebuildBox")

    def rebuild(self) -> None:
        actor = self.desk.actor
        self.ui.rebuildButton.setEnabled(False)
        messages.show(self.ui.warningLabel, "info", "Đang lấy lại dữ liệu từ tỉnh…")

        def done(result) -> None:
            self.ui.rebuildButton.setEnabled(True)
            self.note(result.describe())
            self.rebuilt.emit()
            self.refresh()

        def failed(error: BaseException) -> None:
            self.ui.rebuildButton.setEnabled(True)
            messages.show(self.ui.warningLabel, "error", f"Chưa lấy lại được dữ liệu: {error}")

        rebuild = self.desk.services.rebuild
        self.ops.write(lambda: rebuild.rebuild(actor), Changes(dossiers=True, outcomes=True, sync=True)) \
            .success(done).failure(failed).run()

    def enroll(self) -> None:
        url, code = self.ui.urlEdit.text().strip(), self.ui.codeEdit.text().strip()
        if not url.startswith(("http://", "https://")) or not code:
            self.ui.statusLabel.setText("Hãy nhập địa chỉ máy chủ (http/https) và mã đăng ký.")
            return
        self.ui.enrollButton.setEnabled(False)
        self.note(f"Đang đăng ký với máy chủ của tỉnh ({url})…")
        messages.show(self.ui.warningLabel, "info", self._note)

        def done(commune) -> None:
            self.ui.enrollButton.setEnabled(True)
            self.ui.codeEdit.clear()
            self.note(f"Đã đăng ký với {commune['name']} ({commune['agency_code']}).")
            self.ui.statusLabel.setText(self._note)
            self.enrolled.emit()
            self.refresh()

        def failed(error: BaseException) -> None:
            self.ui.enrollButton.setEnabled(True)
            self.note(str(error))  # kept through the next refreshes, not wiped by the next one
            messages.show(self.ui.warningLabel, "error", self._note)

        sync, actor = self.desk.services.sync, self.desk.actor
        self.ops.on(self.network).write(lambda: sync.enroll(url, code, actor=actor), Changes(sync=True)) \
            .success(done).failure(failed).run()
