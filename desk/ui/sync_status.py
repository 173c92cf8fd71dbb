"""The window's side of the sync with the province: the background worker, the status bar's line and the
news it brings (what the province changed is broadcast like any other change)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from .desk_ref import DeskRef
from .elided_label import ElidedLabel
from .operations import Changes, PageOps


class SyncStatus(QObject):
    _report = Signal(object)  # from the sync thread; delivered queued on the GUI thread

    def __init__(self, desk: DeskRef, ops: PageOps, label: ElidedLabel, sync_page: Callable[[], object]):
        super().__init__(label)
        self.desk, self.ops, self.label, self._sync_page = desk, ops, label, sync_page
        self.worker = None  # desk.sync.worker.SyncWorker, once enrolled
        self._report.connect(self._on_report)
        ops.signals.changed.connect(self._on_changes)

    def start(self) -> None:
        """Start the background sync once the desk is open and enrolled."""
        settings = self.desk.settings
        if self.worker is not None or not (settings.province_url and settings.client_id):
            return
        self.worker = self.desk.services.sync.background(self._report.emit)
        self.worker.start()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def now(self) -> None:
        if self.worker is None:
            self.label.setText("Đồng bộ: máy quầy chưa đăng ký với tỉnh")
            return
        self.label.setText("Đồng bộ: đang gửi…")
        self.worker.trigger()

    def _on_changes(self, changes: Changes) -> None:
        if changes.sync and self.worker is not None:
            self.worker.trigger()  # what was just saved goes to the province at once, not in a minute

    def _on_report(self, report) -> None:
        if report.pulled:  # the province changed statuses or sent online dossiers: the lists follow
            self.ops.signals.changed.emit(Changes(dossiers=True))
        self.refresh(report)

    def refresh(self, report=None) -> None:
        sync = self.desk.services.sync
        self.ops.read(sync.status).success(lambda status: self._show(status, report)) \
            .failure(lambda error: self.label.setText(f"Đồng bộ: {error}")).run()

    def _show(self, status: dict, report) -> None:
        if not status["enrolled"]:
            text, kind = "Đồng bộ: chưa đăng ký với tỉnh", "info"
        elif report is not None and report.error:
            text, kind = f"Ngoại tuyến · chờ gửi {status['pending']} · {report.error}", "warning"
        else:
            text, kind = f"Đã đồng bộ · chờ gửi {status['pending']}", "success"
        if status["failed"]:
            text += f" · {status['failed']} bị từ chối"
            kind = "warning"
        if status["too_old"]:
            text = f"⚠ Dữ liệu chưa gửi lên tỉnh đã {status['oldest_pending_days']:.0f} ngày · " + text
            kind = "error"
        self.label.setText(text)
        self.label.setProperty("kind", kind)
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        page = self._sync_page()
        if page is not None:
            page.set_summary(text)
            if page.isVisible():
                page.refresh()
