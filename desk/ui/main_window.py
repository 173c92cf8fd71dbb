"""The desk's main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

# ``Qt`` (the namespace) is read through QtCore only after the window is on screen: its first
# use makes PySide6 build every enum of the namespace, ≈ 40 ms (bench/startup.py).
from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QListWidgetItem, QMainWindow, QPushButton, QVBoxLayout, QWidget

from forms.ui_main_window import Ui_MainWindow

from .background import BackgroundRunner
from .desk_ref import DeskRef
from .elided_label import ElidedLabel
from .signals import DeskSignals

if TYPE_CHECKING:
    from desk.domain.agency import AgencyIdentity
    from desk.sync.worker import SyncWorker

    from .sync_page import SyncPage

    from .admin.agency import AgencyDialog, AgencyEditor
    from .dossier_list_page import DossierListPage
    from .intake import IntakePage

log = logging.getLogger(__name__)


def warm_up_printing() -> None:
    """Load what the first save needs while the clerk identifies the citizen, not at the save: the PDF
    machinery, and the print path's modules (imported here, on the worker, so the GUI thread does not
    stall on them at the first receipt; no widget is made here)."""
    import PySide6.QtPrintSupport  # noqa: F401

    import desk.ui.print_preview  # noqa: F401
    from printing.fonts import register_fonts
    from printing.receipt import render_receipt  # noqa: F401

    register_fonts()


INBOX_TITLE = "Hồ sơ trực tuyến"
RETURNS_TITLE = "Trả kết quả"
TEMPLATES_TITLE = "Mẫu thủ tục"
CALENDAR_TITLE = "Lịch làm việc"
USERS_TITLE = "Người dùng"
AGENCY_TITLE = "Cơ quan và quầy"
BACKUP_TITLE = "Sao lưu"
AUDIT_TITLE = "Nhật ký"
# Who may open which page (issue 7): counter work for clerks, configuration for admins, a supervisor
# does both. The services check again: a page that slipped through still cannot change anything.
COUNTER_PAGES = ("Tiếp nhận", "Hồ sơ", INBOX_TITLE, RETURNS_TITLE)
ADMIN_PAGES = (TEMPLATES_TITLE, CALENDAR_TITLE, USERS_TITLE, AGENCY_TITLE, BACKUP_TITLE, AUDIT_TITLE)
PAGE_TITLES = (*COUNTER_PAGES, "Đồng bộ", *ADMIN_PAGES)


def may_open(actor, title: str) -> bool:
    if actor is None:
        return False
    if title in COUNTER_PAGES:
        return actor.can_serve_counter
    if title in ADMIN_PAGES:
        return actor.can_administer
    return True


class AgencyPage(QWidget):
    """Cơ quan và quầy: what is printed on forms, with the button that edits it."""

    def __init__(self, window: "MainWindow"):
        super().__init__()
        self.setObjectName("agencyPage")
        self.window_ = window
        layout = QVBoxLayout(self)
        title = QLabel("Cơ quan và quầy", self)
        title.setObjectName("titleLabel")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton("Sửa thông tin…", self)
        self.edit_button.setObjectName("editAgencyButton")
        self.edit_button.clicked.connect(window.ask_agency)
        layout.addWidget(title)
        layout.addWidget(self.summary)
        layout.addWidget(self.edit_button, alignment=QtCore.Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_identity(self, agency: "AgencyIdentity | None") -> None:
        desk = self.window_.desk
        settings = desk.settings
        if agency is None:
            self.summary.setText("Chưa khai báo thông tin cơ quan: chưa thể lưu hồ sơ. Bấm “Sửa thông tin…”.")
            return
        self.summary.setText(
            f"Mã định danh: {agency.code}\nCơ quan chủ quản: {agency.parent_authority}\n"
            f"Đơn vị: {agency.unit_name}\nĐịa danh: {agency.place_name}\nCổng tra cứu: {agency.portal_base_url}\n\n"
            f"Quầy số {settings.counter_number}: {settings.counter_name}\n"
            f"Biên nhận: khổ {settings.paper}, {settings.receipt_copies} liên · "
            f"máy in: {settings.printer_name or 'máy in mặc định của máy này'}\n"
            f"Tự khóa màn hình sau: {f'{settings.idle_lock_minutes} phút' if settings.idle_lock_minutes else 'không tự khóa'}\n"
            f"Thư mục dữ liệu: {desk.paths.data_dir}")


class MainWindow(QMainWindow):
    _sync_report = Signal(object)  # from the sync thread; delivered queued on the GUI thread
    shown = Signal()  # the window is on screen
    pages_built = Signal()  # the intake page can be typed into
    ready = Signal()  # the database is open and the pages have started
    agency_dialog_opened = Signal(object)
    sign_in_shown = Signal(object)  # the lock overlay's panel, in whichever mode it opened
    signed_in = Signal(object)  # Actor

    def __init__(self, desk: DeskRef):
        """Only the shell is built here (navigation, status bar); the pages are built on the
        first turn of the event loop after the window is on screen, and the database opens
        after that on the worker (bench/startup.py measures each step)."""
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.desk = desk
        self.agency: "AgencyIdentity | None" = None
        self.signals = DeskSignals(self)
        self.runner = BackgroundRunner(self)
        self.intake: IntakePage | None = None
        self.dossiers: DossierListPage | None = None
        self.agency_page: AgencyPage | None = None
        self.agency_editor: "AgencyEditor | None" = None  # built at the first ask_agency
        self._slots: dict[str, QWidget] = {}
        self.inbox: DossierListPage | None = None
        self.returns: DossierListPage | None = None
        self.rating_screen = None  # rating_screen.RatingScreen, the citizen's side of the counter
        self.backup_scheduler = None  # backup_page.BackupScheduler, once the desk is open
        self.restore_offer = None
        self.wedge = None
        self.admin_pages: dict[str, QWidget] = {}
        for title in PAGE_TITLES:
            slot = QLabel("<p align='center'>Đang chuẩn bị…</p>")
            self._slots[title] = slot
            self.ui.pages.addWidget(slot)
            QListWidgetItem(title, self.ui.navList)
        self.ui.navList.currentRowChanged.connect(self._show_row)
        self.ui.navList.setCurrentRow(0)
        self.lock_overlay = None
        self.idle = None
        self.busy_label = QLabel("", self)
        # Status texts grow with names and errors: elided, whole in the tooltip (and on the sync page),
        # so that no text ever makes the window wider than a 1366-pixel screen.
        self.identity_label = ElidedLabel("Đang mở cơ sở dữ liệu…", self)
        self.identity_label.setObjectName("identityLabel")
        self.ui.statusBar.addPermanentWidget(self.busy_label)
        self.ui.statusBar.addPermanentWidget(self.identity_label, 3)
        self.runner.busy_changed.connect(lambda busy: self.busy_label.setText("Đang xử lý…" if busy else ""))
        self.sync_label = ElidedLabel("", self)
        self.sync_label.setObjectName("syncStatusLabel")
        self.ui.statusBar.addPermanentWidget(self.sync_label, 2)
        self._close_confirmed = False
        self.sync_page: SyncPage | None = None
        self.sync_worker: SyncWorker | None = None
        self._sync_report.connect(self._on_sync_report)
        self.signals.data_changed.connect(self._on_data_changed)
        self._shown_once = False

    def _put_page(self, title: str, page: QWidget) -> None:
        """Put the real page where its "Đang chuẩn bị…" slot stands."""
        slot = self._slots.pop(title)
        index = self.ui.pages.indexOf(slot)
        current = self.ui.pages.currentIndex()
        self.ui.pages.insertWidget(index, page)
        self.ui.pages.removeWidget(slot)
        slot.deleteLater()
        self.ui.pages.setCurrentIndex(current)

    def _build_pages(self) -> None:
        from .intake import IntakePage

        self.ui.navList.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.intake = IntakePage(self.desk, self.runner, self.signals)
        self._put_page("Tiếp nhận", self.intake)
        self.intake.open_dossier.connect(self.handle_receipt_scan)
        self.intake.show_dossier.connect(self.open_dossier)
        self.intake.saved.connect(lambda code: self.statusBar().showMessage(f"Đã lưu hồ sơ {code}", 10_000))
        self.intake.ui.idNumberEdit.setFocus()
        from .sync_page import SyncPage

        self.sync_page = SyncPage(self.desk, self.runner, self.signals)
        self.sync_page.sync_requested.connect(self.sync_now)
        self.sync_page.enrolled.connect(self.start_sync)
        self.sync_page.rebuilt.connect(lambda: self.signals.data_changed.emit("dossier", ""))
        self._put_page("Đồng bộ", self.sync_page)
        self.ui.navList.currentRowChanged.connect(self._on_nav)
        self.agency_page = AgencyPage(self)
        self._put_page(AGENCY_TITLE, self.agency_page)
        self.admin_pages[AGENCY_TITLE] = self.agency_page
        from .sign_in import LockOverlay

        self.lock_overlay = LockOverlay(self, self.desk, self.runner, self.signals)
        # Built after the window is on screen: the shortcut's key sequence alone costs ≈ 35 ms (bench/startup.py).
        self.lock_button = QPushButton("Khóa màn hình", self)
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setToolTip("Khóa máy quầy khi rời chỗ (Ctrl+L); công việc đang làm được giữ nguyên.")
        self.lock_button.setShortcut("Ctrl+L")
        self.lock_button.clicked.connect(self.lock)
        self.lock_button.setEnabled(self.desk.actor is not None)
        self.ui.statusBar.insertPermanentWidget(2, self.lock_button)
        self.lock_overlay.panel.signed_in.connect(self._apply_actor)
        from PySide6.QtGui import QKeySequence, QShortcut

        QShortcut(QKeySequence("F1"), self, self.open_help)
        self.pages_built.emit()

    def open_help(self) -> None:
        """F1: the user guide at the part for the page on screen."""
        from .help import open_help

        self.help_dialog = open_help(self, self.title_at(self.ui.pages.currentIndex()))

    # -- pages and who may open them ---------------------------------------------------------
    def title_at(self, row: int) -> str:
        return PAGE_TITLES[row] if 0 <= row < len(PAGE_TITLES) else ""

    def _go_to_row(self, row: int) -> bool:
        title = self.title_at(row)
        if not may_open(self.desk.actor, title):
            self._refuse_page(title)
            return False
        self.ui.navList.setCurrentRow(row)
        return True

    def go_to(self, page: QWidget) -> bool:
        """Show ``page`` if the signed-in person may; False (and a message) if not."""
        return self._go_to_row(self.ui.pages.indexOf(page))

    def open_page(self, title: str) -> QWidget | None:
        """Go to a page by its navigation title, building an admin page on its first visit."""
        row = PAGE_TITLES.index(title)
        return self.ui.pages.widget(row) if self._go_to_row(row) else None

    def _refuse_page(self, title: str) -> None:
        actor = self.desk.actor
        text = (f"Tài khoản {actor.full_name} không được mở trang “{title}”." if actor
                else "Hãy đăng nhập trước.")
        self.statusBar().showMessage(text, 10_000)

    def _show_row(self, row: int) -> None:
        title = self.title_at(row)
        if not may_open(self.desk.actor, title) and self.desk.actor is not None:
            self._refuse_page(title)
            self.ui.navList.blockSignals(True)
            self.ui.navList.setCurrentRow(self.ui.pages.currentIndex())
            self.ui.navList.blockSignals(False)
            return
        if title in ADMIN_PAGES and title not in self.admin_pages and self.desk.is_open:
            self._build_admin_page(title)
        self.ui.pages.setCurrentIndex(row)

    def _build_admin_page(self, title: str) -> None:
        if title == BACKUP_TITLE:
            from .backup_page import BackupPage

            page = BackupPage(self.desk, self.runner, self.signals, scheduler=self.backup_scheduler)
            page.about_to_restore.connect(self._stop_background)
            page.restored.connect(self._after_restore)
        elif title == AUDIT_TITLE:
            from .audit_page import AuditPage

            page = AuditPage(self.desk, self.runner)
        elif title == TEMPLATES_TITLE:
            from .admin.templates import TemplatesPage

            page = TemplatesPage(self.desk, self.runner, self.signals)
        elif title == CALENDAR_TITLE:
            from .admin.calendar import CalendarPage

            page = CalendarPage(self.desk, self.runner)
        else:
            from .admin.users import UsersPage

            page = UsersPage(self.desk, self.runner)
        self.admin_pages[title] = page
        self._put_page(title, page)
        page.start()

    # -- sign-in, roles and the idle lock -----------------------------------------------------
    @property
    def is_locked(self) -> bool:
        return self.lock_overlay is not None and self.lock_overlay.isVisible()

    def _require_actor(self) -> None:
        from .sign_in import PanelMode

        if self.desk.actor is not None:
            self._apply_actor(self.desk.actor)
            return
        self.centralWidget().setEnabled(False)

        def ask(first: bool) -> None:
            self.lock_overlay.show_mode(PanelMode.FIRST_ADMIN if first else PanelMode.SIGN_IN)
            self.identity_label.setText("Chưa đăng nhập")
            self.sign_in_shown.emit(self.lock_overlay.panel)

        self.runner.submit(lambda: self.desk.services.users.needs_first_admin(), ask, self._on_open_failed)

    def _apply_actor(self, actor) -> None:
        """Someone signed in (or unlocked): show the pages their role allows, nothing else."""
        previous = self.desk.actor
        self.desk.sign_in(actor)
        for row, title in enumerate(PAGE_TITLES):
            self.ui.navList.item(row).setHidden(not may_open(actor, title))
        self.lock_overlay.hide()
        self.centralWidget().setEnabled(True)
        self.lock_button.setEnabled(True)
        if not may_open(actor, self.title_at(self.ui.pages.currentIndex())):
            first = next(t for t in PAGE_TITLES if may_open(actor, t))
            self.open_page(first)
        if self.idle is None:
            from .sign_in import IdleWatcher

            self.idle = IdleWatcher(self, self.desk.settings.idle_lock_minutes)
            self.idle.idle.connect(self.lock)
        self.idle.set_minutes(self.desk.settings.idle_lock_minutes)
        self.idle.start()
        self.refresh_identity(ask_if_missing=actor.can_administer)
        if previous is None or previous.username != actor.username:
            for page in self.admin_pages.values():
                if hasattr(page, "start"):
                    page.start()
        if previous is not None and previous.username != actor.username and actor.can_serve_counter:
            self.go_to(self.intake)  # the counter changed hands: the next clerk starts with a citizen
        current = self.ui.pages.currentWidget()
        if current is self.intake:
            self.intake.ui.idNumberEdit.setFocus()
        self.signed_in.emit(actor)

    def lock(self) -> None:
        """Cover the window until the same person (or another) signs in; nothing on the pages changes."""
        from .sign_in import PanelMode

        if self.desk.actor is None or self.is_locked or self.lock_overlay is None:
            return
        if self.idle is not None:
            self.idle.stop()
        self.centralWidget().setEnabled(False)
        self.lock_button.setEnabled(False)
        self.lock_overlay.show_mode(PanelMode.LOCKED)
        self.identity_label.setText(f"Đã khóa · {self.desk.actor.full_name}")
        self.sign_in_shown.emit(self.lock_overlay.panel)

    def open_dossier(self, code: str) -> None:
        self.go_to(self._build_dossier_page())
        self.dossiers.show_code(code)

    def _build_dossier_page(self) -> "DossierListPage":
        if self.dossiers is None:
            from desk.domain.status import DossierStatus

            from .dossier_list_page import DossierListPage

            from .rating_screen import RatingScreen

            self.rating_screen = RatingScreen()
            self.dossiers = DossierListPage(self.desk, self.runner, self.signals, rating_screen=self.rating_screen)
            self._put_page("Hồ sơ", self.dossiers)
            self.inbox = DossierListPage(self.desk, self.runner, self.signals, statuses=(DossierStatus.NEW_ONLINE,),
                                         title="Hồ sơ nộp trực tuyến chờ tiếp nhận", rating_screen=self.rating_screen)
            self.inbox.setObjectName("inboxPage")
            self._put_page(INBOX_TITLE, self.inbox)
            self.returns = DossierListPage(self.desk, self.runner, self.signals,
                                           statuses=(DossierStatus.RESULT_READY,),
                                           title="Kết quả chờ trả — quét biên nhận của công dân để trả",
                                           rating_screen=self.rating_screen)
            self.returns.setObjectName("returnsPage")
            self._put_page(RETURNS_TITLE, self.returns)
            if self.desk.is_open:
                for page in (self.dossiers, self.inbox, self.returns):
                    page.start()
        return self.dossiers

    # -- the receipt scanner, from any page ------------------------------------------------
    def _arm_scanner(self) -> None:
        """Scanning a receipt anywhere opens its dossier; the intake page reads ID cards itself and
        hands receipts over (``IntakePage.open_dossier``)."""
        from .scanner import ScannerWedge

        self.wedge = ScannerWedge(self, exclude=self.intake)
        self.wedge.scanned.connect(self.handle_receipt_scan)

    def handle_receipt_scan(self, text: str) -> None:
        """Check the receipt (this agency, a genuine signature), then open it: a dossier whose result is
        ready opens straight on the return dialog."""
        if self.is_locked or self.desk.actor is None:
            self.statusBar().showMessage("Màn hình đang khóa: đăng nhập rồi quét lại biên nhận.", 10_000)
            return
        if not self.desk.actor.can_serve_counter:
            self.statusBar().showMessage("Tài khoản quản trị không trả kết quả; hãy đăng nhập tài khoản cán bộ.",
                                         10_000)
            return

        def opened(found) -> None:
            code, status = found
            from desk.domain.status import DossierStatus

            if status is DossierStatus.RESULT_READY and self.returns is not None:
                self.go_to(self.returns)
                self.returns.show_code(code, then="ask_return")
            else:
                self.open_dossier(code)
            self.statusBar().showMessage(f"Đã mở hồ sơ {code}", 10_000)

        def refused(error: BaseException) -> None:
            from . import dialogs

            self.statusBar().showMessage(str(error), 15_000)
            dialogs.show_message(self, "Quét biên nhận", str(error), warning=True)

        def resolve():
            services = self.desk.services
            code = services.lifecycle.resolve_scan(text)
            return code, services.dossiers.get(code).summary.status

        self.runner.submit(resolve, opened, refused)

    # -- start ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self, self.shown.emit)
            QTimer.singleShot(0, self, self._build_pages)
            QTimer.singleShot(0, self, self._open_desk)

    def _open_desk(self) -> None:
        self.runner.submit(self.desk.open, self._on_open, self._on_open_failed)

    def _on_open(self, _services) -> None:
        self.intake.start()
        self._build_dossier_page()
        self._arm_scanner()
        self.start_sync()
        self.refresh_sync_status()
        self._require_actor()
        # Load the PDF machinery while the clerk identifies the citizen, not at the first save.
        self.runner.submit(warm_up_printing, lambda _: None, lambda _: None)
        self._start_backups()
        self.ready.emit()

    # -- backups and a damaged database -----------------------------------------------------------
    def _start_backups(self) -> None:
        """The backup schedule, and the integrity check of the database on the scheduler's own worker (a cold
        check of a large file takes seconds: never on the database worker a save waits for)."""
        from .backup_page import BackupScheduler

        self.backup_scheduler = BackupScheduler(self.desk, self)
        self.backup_scheduler.start()
        self.backup_scheduler.runner.submit(self.desk.services.backup.check_integrity, self._on_integrity,
                                            lambda error: log.warning("integrity check failed to run: %s", error))

    def _on_integrity(self, report) -> None:
        if not report.ok and report.corrupt:
            self._offer_restore(report.describe())

    def _offer_restore(self, problem: str) -> None:
        from .backup_page import offer_restore

        if self.intake is not None:
            self.intake.message("error", problem)
            self.intake.ui.saveButton.setEnabled(False)  # no intake on a damaged database
        self.restore_offer = offer_restore(self, self.desk, self.runner, problem)
        self.restore_offer.about_to_restore.connect(self._stop_background)
        self.restore_offer.restored.connect(self._after_restore)

    def _stop_background(self) -> None:
        """A restore replaces the database: nothing else may write to it meanwhile."""
        if self.sync_worker is not None:
            self.sync_worker.stop()
            self.sync_worker = None
        if self.backup_scheduler is not None:
            self.backup_scheduler.timer.stop()

    def _after_restore(self, result) -> None:
        """The pages hold data the restore replaced: the desk is opened again from the restored data."""
        from . import dialogs

        dialogs.show_message(self, "Đã khôi phục", f"{result.describe()}\n\nPhần mềm sẽ đóng; hãy mở lại để "
                                                  "làm việc với dữ liệu đã khôi phục.")
        QTimer.singleShot(4000, self, self.close_keeping_drafts)

    def _on_open_failed(self, error: BaseException) -> None:
        from desk.store.integrity import DatabaseCorrupt

        if isinstance(error, DatabaseCorrupt):
            self.identity_label.setText("Cơ sở dữ liệu bị hỏng")
            self._offer_restore(str(error))
            return
        text = (f"Không mở được cơ sở dữ liệu: {error} Hồ sơ đã lưu không bị mất; "
                "hãy báo quản trị viên kiểm tra thư mục dữ liệu hoặc máy chủ.")
        self.identity_label.setText("Không mở được cơ sở dữ liệu")
        self.statusBar().showMessage(text)
        if self.intake is not None:
            self.intake.message("error", text)
            self.intake.ui.saveButton.setEnabled(False)

    # -- agency --------------------------------------------------------------------------
    def refresh_identity(self, *, ask_if_missing: bool = False) -> None:
        def show(agency: "AgencyIdentity | None") -> None:
            self.agency = agency
            settings = self.desk.settings
            from desk.domain.users import ROLE_LABELS

            actor = self.desk.actor
            who = settings.counter_name + (f" · {actor.full_name} ({ROLE_LABELS[actor.role]})" if actor
                                           else " · chưa đăng nhập")
            self.identity_label.setText(f"{agency.unit_name} ({agency.code}) · {who}" if agency
                                        else f"Chưa khai báo cơ quan · {who}")
            self.agency_page.show_identity(agency)
            if agency is None and ask_if_missing:
                self.ask_agency()
            elif agency is None and self.intake is not None and self.desk.actor is not None:
                self.intake.message("warning", "Chưa khai báo thông tin cơ quan nên chưa lưu được hồ sơ. "
                                               "Hãy báo quản trị viên đăng nhập và khai báo.")

        self.runner.submit(lambda: self.desk.services.agency.get(), show, self._on_open_failed)

    def ask_agency(self) -> None:
        if not may_open(self.desk.actor, AGENCY_TITLE):
            self._refuse_page(AGENCY_TITLE)
            return
        if self.agency_editor is None:
            from .admin.agency import AgencyEditor

            self.agency_editor = AgencyEditor(self.desk, self.runner, self)
            self.agency_editor.opened.connect(self.agency_dialog_opened.emit)
            self.agency_editor.closed.connect(self._after_agency_dialog)
        self.agency_editor.ask(self.agency)

    @property
    def agency_dialog(self) -> "AgencyDialog | None":
        return self.agency_editor.dialog if self.agency_editor is not None else None

    def _after_agency_dialog(self) -> None:
        if self.idle is not None:  # the idle-lock time may have changed
            self.idle.set_minutes(self.desk.settings.idle_lock_minutes)
            self.idle.start()
        self.refresh_identity()

    # -- sync ----------------------------------------------------------------------------------
    def start_sync(self) -> None:
        """Start the background sync once the desk is open and enrolled."""
        settings = self.desk.settings
        if self.sync_worker is not None or not (settings.province_url and settings.client_id):
            return
        from desk.sync.worker import SyncWorker

        self.sync_worker = SyncWorker(self.desk.services.sync.run_once, self._sync_report.emit)
        self.sync_worker.start()

    def sync_now(self) -> None:
        if self.sync_worker is None:
            self.sync_label.setText("Đồng bộ: máy quầy chưa đăng ký với tỉnh")
            return
        self.sync_label.setText("Đồng bộ: đang gửi…")
        self.sync_worker.trigger()

    def _on_data_changed(self, entity: str, _id: str) -> None:
        if entity == "dossier" and self.sync_worker is not None:
            self.sync_worker.trigger()

    def _on_sync_report(self, report) -> None:
        if report.pulled:
            self.signals.data_changed.emit("sync", "")
            for page in (self.dossiers, self.inbox, self.returns):
                if page is not None:
                    page.refresh()
        self.refresh_sync_status(report)

    def refresh_sync_status(self, report=None) -> None:
        def show(status: dict) -> None:
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
            self.sync_label.setText(text)
            if self.sync_page is not None:
                self.sync_page.set_summary(text)
            self.sync_label.setProperty("kind", kind)
            self.sync_label.style().unpolish(self.sync_label)
            self.sync_label.style().polish(self.sync_label)
            if self.sync_page is not None and self.ui.pages.currentWidget() is self.sync_page:
                self.sync_page.refresh()

        self.runner.submit(lambda: self.desk.services.sync.status(), show, lambda _error: None)

    def close_keeping_drafts(self) -> None:
        """Close without asking (the session ends, a test finishes): a half-filled form stays on disk."""
        if self.intake is not None:
            self.intake.drafts.write_now()
        self._close_confirmed = True
        self.close()

    def _ask_close(self) -> None:
        """A half-filled form: ask before closing (its draft is on disk and is offered at the next start)."""
        from . import dialogs

        def answered(close: bool) -> None:
            if close:
                self.close_keeping_drafts()

        dialogs.ask_close_with_unsaved(self, self.intake.ui.fullNameEdit.text().strip(), answered)

    def _on_nav(self, row: int) -> None:
        if self.sync_page is not None and self.ui.pages.widget(row) is self.sync_page and self.desk.is_open:
            self.sync_page.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.intake is not None and self.intake.has_unsaved_work() and not self._close_confirmed:
            event.ignore()
            self._ask_close()
            return
        if self.idle is not None:
            self.idle.stop()
        if self.sync_worker is not None:
            self.sync_worker.stop()
        if self.backup_scheduler is not None:
            self.backup_scheduler.stop()  # a backup under way finishes first
        if self.rating_screen is not None:
            self.rating_screen.close()
            self.rating_screen.deleteLater()
        intake = getattr(self, "intake", None)
        if intake is not None:
            intake.shutdown()
        self.runner.shutdown()
        super().closeEvent(event)
