"""The desk's main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

# ``Qt`` (the namespace) is read through QtCore only after the window is on screen: its first
# use makes PySide6 build every enum of the namespace, ≈ 40 ms (bench/startup.py).
from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QWidget

from forms.ui_main_window import Ui_MainWindow

from . import messages
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .elided_label import ElidedLabel
from .navigation import Navigation, PageId, may_open
from .operations import Changes, PageOps
from .signals import DeskSignals
from .sync_status import SyncStatus

if TYPE_CHECKING:
    from desk.domain.agency import AgencyIdentity

    from .admin.agency import AgencyDialog, AgencyEditor, AgencyPage
    from .dossier_list_page import DossierListPage
    from .intake import IntakePage
    from .sync_page import SyncPage

log = logging.getLogger(__name__)


def warm_up_printing(services) -> None:
    """Load what the first save needs while the clerk identifies the citizen, not at the save: the PDF
    machinery, and the print path's modules (imported here, on the worker, so the GUI thread does not
    stall on them at the first receipt; no widget is made here)."""
    import PySide6.QtPrintSupport  # noqa: F401

    import desk.ui.print_preview  # noqa: F401

    services.receipts.warm_up()


class MainWindow(QMainWindow):
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
        self.agency: AgencyIdentity | None = None
        self.signals = DeskSignals(self)
        self.runner = BackgroundRunner(self)
        self.ops = PageOps(self.signals, self.runner, self, show_error=self._show_problem)
        self.nav = Navigation(self.ui.navList, self.ui.pages, lambda: self.desk.actor, lambda: self.desk.is_open, self)
        self.nav.refused.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.nav.shown.connect(self._on_page_shown)
        self.intake: IntakePage | None = None
        self.dossiers: DossierListPage | None = None
        self.inbox: DossierListPage | None = None
        self.returns: DossierListPage | None = None
        self.sync_page: SyncPage | None = None
        self.agency_editor: AgencyEditor | None = None  # built at the first ask_agency
        self.rating_screen = None  # rating_screen.RatingScreen, the citizen's side of the counter
        self.backup_scheduler = None  # backup_page.BackupScheduler, once the desk is open
        self.restore_offer = None
        self.wedge = None
        self.lock_overlay = None
        self.idle = None
        self.help_dialog = None
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
        self.sync = SyncStatus(desk, self.ops, self.sync_label, lambda: self.sync_page)
        self.signals.changed.connect(self._on_changes)
        self._close_confirmed = False
        self._shown_once = False

    def _show_problem(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    # -- the pages ---------------------------------------------------------------------------------
    def _build_pages(self) -> None:
        from .admin.agency import AgencyPage
        from .intake import IntakePage
        from .sync_page import SyncPage

        self.ui.navList.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.intake = IntakePage(self.desk, self.runner, self.signals)
        self.nav.put(PageId.INTAKE, self.intake)
        self.intake.open_dossier.connect(self.handle_receipt_scan)
        self.intake.show_dossier.connect(self.open_dossier)
        self.intake.saved.connect(lambda code: self.statusBar().showMessage(f"Đã lưu hồ sơ {code}", 10_000))
        self.intake.ui.idNumberEdit.setFocus()
        self.sync_page = SyncPage(self.desk, self.runner, self.signals)
        self.sync_page.sync_requested.connect(self.sync.now)
        self.sync_page.enrolled.connect(self.sync.start)
        self.nav.put(PageId.SYNC, self.sync_page)
        self.nav.put(PageId.AGENCY, AgencyPage(self.desk, self.ask_agency))
        for page in (PageId.OVERVIEW, PageId.TEMPLATES, PageId.CALENDAR, PageId.USERS, PageId.BACKUP, PageId.AUDIT):
            self.nav.build_on_first_visit(page, lambda page=page: self._build_admin_page(page))
        self.nav.build_on_first_visit(PageId.FEEDBACK, self._build_feedback_page)
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

    def _build_feedback_page(self) -> QWidget:
        from .feedback_page import FeedbackPage

        return FeedbackPage(self.desk, self.runner, self.signals)

    def _build_admin_page(self, page: PageId) -> QWidget:
        if page is PageId.OVERVIEW:
            from .overview_page import OverviewPage

            overview = OverviewPage(self.desk, self.runner, self.signals)
            overview.open_dossier.connect(self.open_dossier)
            return overview
        if page is PageId.BACKUP:
            from .backup_page import BackupPage

            backup = BackupPage(self.desk, self.runner, self.signals, scheduler=self.backup_scheduler)
            backup.about_to_restore.connect(self._stop_background)
            backup.restored.connect(self._after_restore)
            return backup
        if page is PageId.AUDIT:
            from .audit_page import AuditPage

            return AuditPage(self.desk, self.runner)
        if page is PageId.TEMPLATES:
            from .admin.templates import TemplatesPage

            return TemplatesPage(self.desk, self.runner, self.signals)
        if page is PageId.CALENDAR:
            from .admin.calendar import CalendarPage

            return CalendarPage(self.desk, self.runner, self.signals)
        from .admin.users import UsersPage

        return UsersPage(self.desk, self.runner, self.signals)

    def _build_dossier_pages(self) -> DossierListPage:
        if self.dossiers is None:
            from desk.domain.status import DossierStatus

            from .dossier_list_page import DossierListPage
            from .rating_screen import RatingScreen

            self.rating_screen = RatingScreen()

            def list_page(statuses=(), title=None, name=None) -> DossierListPage:
                page = DossierListPage(self.desk, self.runner, self.signals, rating_screen=self.rating_screen,
                                       **({"statuses": statuses, "title": title} if statuses else {}))
                if name:
                    page.setObjectName(name)
                return page

            self.dossiers = list_page()
            self.inbox = list_page((DossierStatus.NEW_ONLINE,), "Hồ sơ nộp trực tuyến chờ tiếp nhận", "inboxPage")
            self.returns = list_page((DossierStatus.RESULT_READY,),
                                     "Kết quả chờ trả — quét biên nhận của công dân để trả", "returnsPage")
            for page_id, page in ((PageId.DOSSIERS, self.dossiers), (PageId.INBOX, self.inbox),
                                  (PageId.RETURNS, self.returns)):
                self.nav.put(page_id, page)
                if self.desk.is_open:
                    page.start()
        return self.dossiers

    @property
    def agency_page(self) -> AgencyPage:
        return self.nav.widget(PageId.AGENCY)  # type: ignore[return-value]

    @property
    def admin_pages(self) -> dict[PageId, QWidget]:
        """The configuration pages built so far."""
        from .navigation import Access

        return {page: widget for page, widget in self.nav.built().items() if page.access is Access.ADMIN}

    def go_to(self, page: QWidget | None) -> bool:
        """Show ``page`` if the signed-in person may; False (and a message) if not."""
        page_id = self.nav.page_of(page)
        return page_id is not None and self.nav.go_to(page_id) is not None

    def open_page(self, page: PageId) -> QWidget | None:
        """Go to ``page``, building it on its first visit; None (and a message) if it may not be opened."""
        return self.nav.go_to(page)

    def open_dossier(self, code: str) -> None:
        self.go_to(self._build_dossier_pages())
        self.dossiers.show_code(code)

    def open_help(self) -> None:
        """F1: the user guide at the part for the page on screen."""
        from .help import open_help

        self.help_dialog = open_help(self, self.nav.current)

    def _on_page_shown(self, page: PageId) -> None:
        if page is PageId.SYNC and self.sync_page is not None and self.desk.is_open:
            self.sync_page.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if changes.agency or changes.settings:
            if self.idle is not None:  # the idle-lock time may have changed
                self.idle.set_minutes(self.desk.settings.idle_lock_minutes)
                self.idle.start()
            self.refresh_identity()

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

        self.ops.read(self.desk.services.users.needs_first_admin).success(ask).failure(self._on_open_failed).run()

    def _apply_actor(self, actor) -> None:
        """Someone signed in (or unlocked): show the pages their role allows, nothing else."""
        previous = self.desk.actor
        self.desk.sign_in(actor)
        self.nav.allow(actor)
        # The pages first, then the panel away: the keyboard must land on the page, never stay in a hidden
        # password field where the next Enter would count as a wrong password.
        self.centralWidget().setEnabled(True)
        self.lock_overlay.hide()
        self.lock_button.setEnabled(True)
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
        self._focus_page()
        self.signed_in.emit(actor)

    def _focus_page(self) -> None:
        """Where typing goes on the page on screen: the ID field, a list's search box, else the page list."""
        page = self.nav.widget(self.nav.current)
        if page is self.intake and self.intake is not None:
            self.intake.ui.idNumberEdit.setFocus()
        elif page is not None and hasattr(page, "ui") and hasattr(page.ui, "searchEdit"):
            page.ui.searchEdit.setFocus()
        else:
            self.ui.navList.setFocus()

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
            text = "Màn hình đang khóa: đăng nhập rồi quét lại biên nhận."
            self.statusBar().showMessage(text, 10_000)
            if self.lock_overlay is not None and self.lock_overlay.isVisible():  # the status bar is behind it
                messages.show(self.lock_overlay.panel.errorLabel, "info", text)
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

        self.ops.read(resolve).success(opened).failure(refused).run()

    # -- start ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self, self.shown.emit)
            QTimer.singleShot(0, self, self._build_pages)
            QTimer.singleShot(0, self, self._open_desk)

    def _open_desk(self) -> None:
        self.ops.read(self.desk.open).success(self._on_open).failure(self._on_open_failed).run()

    def _on_open(self, _services) -> None:
        self.runner.add_read_worker()  # from now on a search never holds up a save
        self.intake.start()
        self._build_dossier_pages()
        self._arm_scanner()
        self.sync.start()
        self.sync.refresh()
        self._require_actor()
        # Load the PDF machinery while the clerk identifies the citizen, not at the first save.
        self.ops.background(lambda: warm_up_printing(self.desk.services), "warming up the printing")
        self._start_backups()
        self.ready.emit()

    # -- backups and a damaged database -----------------------------------------------------------
    def _start_backups(self) -> None:
        """The backup schedule, and the integrity check of the database on the scheduler's own worker (a cold
        check of a large file takes seconds: never on the database worker a save waits for)."""
        from .backup_page import BackupScheduler

        self.backup_scheduler = BackupScheduler(self.desk, self)
        self.backup_scheduler.start()
        housekeeping = self.ops.on(self.backup_scheduler.runner)
        housekeeping.read(self.desk.services.backup.check_integrity).success(self._on_integrity) \
            .failure(lambda error: log.warning("integrity check failed to run: %s", error)).run()
        housekeeping.background(self.desk.services.receipts.prune, "removing old receipt files")

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
        self.sync.stop()
        if self.backup_scheduler is not None:
            self.backup_scheduler.timer.stop()

    def _after_restore(self, result) -> None:
        """The pages hold data the restore replaced: the desk is opened again from the restored data."""
        from . import dialogs

        dialogs.show_message(self, "Đã khôi phục", f"{result.describe()}\n\nPhần mềm sẽ đóng; hãy mở lại để "
                                                  "làm việc với dữ liệu đã khôi phục.")
        QTimer.singleShot(4000, self, self.close_keeping_drafts)

    def _on_open_failed(self, error: BaseException) -> None:
        from desk.services.desk import DatabaseCorrupt

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
        def show(agency: AgencyIdentity | None) -> None:
            from desk.domain.users import ROLE_SHORT

            self.agency = agency
            actor = self.desk.actor
            who = self.desk.settings.counter_name + (f" · {actor.full_name}, {ROLE_SHORT.get(actor.role, '')}" if actor
                                                     else " · chưa đăng nhập")
            self.identity_label.setText(f"{agency.unit_name} ({agency.code}) · {who}" if agency
                                        else f"Chưa khai báo cơ quan · {who}")
            self.agency_page.show_identity(agency)
            if agency is None and ask_if_missing:
                self.ask_agency()
            elif agency is None and self.intake is not None and self.desk.actor is not None:
                self.intake.message("warning", "Chưa khai báo thông tin cơ quan nên chưa lưu được hồ sơ. "
                                               "Hãy báo quản trị viên đăng nhập và khai báo.")

        self.ops.read(self.desk.services.agency.get).success(show).failure(self._on_open_failed).run()

    def ask_agency(self) -> None:
        if not may_open(self.desk.actor, PageId.AGENCY):
            self.nav.go_to(PageId.AGENCY)  # says why not
            return
        if self.agency_editor is None:
            from .admin.agency import AgencyEditor

            self.agency_editor = AgencyEditor(self.desk, self.runner, self.signals, self)
            self.agency_editor.opened.connect(self.agency_dialog_opened.emit)
            self.agency_editor.closed.connect(self.refresh_identity)
        self.agency_editor.ask(self.agency)

    @property
    def agency_dialog(self) -> AgencyDialog | None:
        return self.agency_editor.dialog if self.agency_editor is not None else None

    # -- closing ---------------------------------------------------------------------------------
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

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.intake is not None and self.intake.has_unsaved_work() and not self._close_confirmed:
            event.ignore()
            self._ask_close()
            return
        if self.idle is not None:
            self.idle.stop()
        self.sync.stop()
        if self.backup_scheduler is not None:
            self.backup_scheduler.stop()  # a backup under way finishes first
        if self.rating_screen is not None:
            self.rating_screen.close()
            self.rating_screen.deleteLater()
        if self.intake is not None:
            self.intake.shutdown()
        self.runner.shutdown()
        super().closeEvent(event)
