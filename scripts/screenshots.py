"""Regenerate docs/screenshots/: every page and dialog at a counter's 1366×728 (1366×768 less the taskbar),
offline (the province cannot be reached), and the printed forms.

Run: python scripts/screenshots.py (offscreen Qt; needs poppler-utils for the PDF pages).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Offscreen Qt with one screen the size a 1366×768 counter screen leaves above its taskbar, so that
# dialogs size themselves as they would at the counter.
_SCREEN_CONFIG = Path(tempfile.mkdtemp(prefix="desk-screen-")) / "screen.json"
_SCREEN_CONFIG.write_text('{"screens": [{"name": "Quay", "x": 0, "y": 0, "width": 1366, "height": 728, '
                          '"logicalDpiX": 96, "logicalDpiY": 96, "dpr": 1}]}', encoding="utf-8")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN_CONFIG}")
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SCREEN = (1366, 728)  # what a 1366×768 counter screen leaves a maximised window
CLERK_NAME = ("lvtam", "Lê Văn Tâm")  # the clerk of every screenshot


def pdf_page_png(pdf, name: str) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(OUT / name)],
                   check=True)
QR = "066195012345|241234567|Nguyễn Thị Hoa|15031995|Nữ|Thôn 3, Xã Ea Kar, Tỉnh Đắk Lắk|20042021"


@dataclass
class Shots:
    """What the pictures share: the application, the desk's services, its main window and the clerk."""

    app: Any
    services: Any
    window: Any
    clerk: Any

    def settle(self, ms: int = 300) -> None:
        """Let queued work finish and the widgets repaint."""
        window = self.window
        pump_until(lambda: window.runner.idle and window.intake.digitization.runner.idle)
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            _process_events()


def _process_events() -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def pump_until(done: Callable[[], Any], seconds: float = 20) -> None:
    """Run the event loop until done() or the time is up."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        _process_events()


def main() -> int:
    from tests.support.sane import sane_available

    OUT.mkdir(parents=True, exist_ok=True)
    shots = open_window()
    shots.settle()
    fill_copy_certification(shots)
    shots.window.grab().save(str(OUT / "intake-page.png"))
    guidance_screens(shots)
    fill_copy_certification(shots)
    if sane_available():
        scanning_screens(shots)
    code = saved_dossier_screens(shots)
    print_and_help_screens(shots, code)
    inbox_screen(shots)
    supplement_and_return_screens(shots, code)
    kiosk_screen(shots, code)
    admin_screens(shots)
    shots.window.close()
    shots.services.db.dispose()
    print("screenshots written to", OUT)
    return 0


def open_window() -> Shots:
    """The application styled, the desk seeded, its supervisor signed in and the main window ready at 1366×728."""
    from PySide6.QtWidgets import QApplication

    from desk.domain.users import Actor, Role
    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow
    from desk.ui.style import apply_style

    clerk = Actor(*CLERK_NAME, Role.CLERK)
    app = QApplication([])
    apply_style(app)
    services = seed_desk()
    desk = DeskRef.of(services)
    desk.sign_in(Actor("ltam", "Lê Văn Tâm", Role.SUPERVISOR))
    window = MainWindow(desk)
    window.resize(*SCREEN)
    ready = []
    window.ready.connect(lambda: ready.append(True))
    window.show()
    pump_until(lambda: ready)
    return Shots(app, services, window, clerk)


def seed_desk():
    """A desk in a fresh data folder, enrolled with a province it cannot reach, with its agency, users and
    (where SANE's test device is there) a scanner profile."""
    import keyring

    from desk.domain.agency import AgencyIdentity
    from desk.domain.users import Actor, Role
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.services.digitization import ScannerProfile, ScanSettings
    from desk.settings import CounterSettings
    from desk.sync.credentials import Credentials
    from tests.support.keyring_backend import MemoryKeyring
    from tests.support.sane import make_sane_config, sane_available

    keyring.set_keyring(MemoryKeyring())  # never the machine's own keyring
    data_dir = Path(tempfile.mkdtemp(prefix="desk-shots-"))
    moment = datetime(2026, 11, 23, 9, 15)
    # Enrolled with a province the counter cannot reach today: the offline state a counter often is in.
    counter = CounterSettings(province_url="http://127.0.0.1:9", client_id="quay-1",
                              sync_account="shots")
    Credentials("shots").store_client_secret("secret")
    Credentials("shots").create_signing_key()
    services = open_desk(DeskPaths(data_dir), counter, clock=lambda: moment)
    services.agency.save(AgencyIdentity("000.00.53.H16", "UBND XÃ EA KAR",
                                        "Trung tâm Phục vụ hành chính công xã Ea Kar", "Ea Kar",
                                        "https://dichvucong.daklak.gov.vn"), actor=Actor.system("ảnh màn hình"))
    admin = services.users.create_first_admin("qtv", "Trần Quản Trị", "quan-tri-dak-lak")
    services.users.create_user(admin, "ltam", "Lê Văn Tâm", Role.SUPERVISOR, "giam-sat-ea-kar")
    services.users.create_user(admin, "ntmai", "Nguyễn Thị Mai", Role.CLERK, "tiep-nhan-ea-kar")
    if sane_available():  # SANE's test device stands in for the counter's scanner
        os.environ["SANE_CONFIG_DIR"] = str(make_sane_config(data_dir / "sane"))
        services.digitization.save_profile(ScannerProfile("Máy quét quầy 1 (mặt kính, xám 200 dpi)", "sane",
                                                          "test:0", ScanSettings(200, "gray", "flatbed")))
    return services


def fill_copy_certification(shots: Shots) -> None:
    """The intake form filled as a clerk does: the ID card's QR scanned, the phone typed, a certified copy
    (chứng thực bản sao) chosen, every paper ticked, three pages in two copies."""
    from PySide6.QtCore import Qt

    from tests.support.typing import scanner_types

    page = shots.window.intake
    page.ui.idNumberEdit.setFocus()
    scanner_types(QR)
    page.ui.phoneEdit.setText("0912 345 678")  # what a clerk types by hand
    page.ui.procedureSearchEdit.setText("chung thuc ban sao")
    shots.settle()
    page.ui.procedureTable.selectRow(0)
    shots.settle()
    for row in range(page.ui.documentsTable.rowCount()):
        page.ui.documentsTable.item(row, 0).setCheckState(Qt.CheckState.Checked)
    page.ui.pagesSpin.setValue(3)
    page.ui.copiesSpin.setValue(2)
    shots.settle()


def scanning_screens(shots: Shots) -> None:
    """The papers scanned on SANE's test device (two sheets, then one), a page turned; the scanner's settings."""
    page = shots.window.intake
    for row, sheets in ((0, 2), (1, 1)):
        cell = page.digitization.cells[row] if row < len(page.digitization.cells) else None
        for _ in range(sheets if cell else 0):
            cell.scan_button.click()
            pump_until(lambda cell=cell: not (cell.busy or page.digitization.scanning))
            shots.settle()
    page.digitization.cells[0].strip.setCurrentRow(1)
    page.digitization.cells[0].rotate_current(90)
    page.ui.scrollArea.ensureWidgetVisible(page.ui.documentsGroup)
    shots.settle()
    shots.window.grab().save(str(OUT / "intake-scanning.png"))
    page.digitization.open_scanner_settings()
    shots.settle(1500)
    page.digitization.scanner_dialog.grab().save(str(OUT / "scanner-dialog.png"))
    page.digitization.scanner_dialog.reject()


def saved_dossier_screens(shots: Shots) -> str:
    """The form saved, the dossier in the list, the sync page offline; returns the saved dossier's code."""
    window, services = shots.window, shots.services
    window.intake.save()
    shots.settle()
    window.grab().save(str(OUT / "intake-saved.png"))
    window.open_dossier(services.dossiers.search("")[0].code)
    shots.settle(800)
    window.grab().save(str(OUT / "dossier-list.png"))

    window.go_to(window.sync_page)
    window.sync_page.refresh()
    shots.settle()
    window.grab().save(str(OUT / "sync-page.png"))
    return services.dossiers.search("")[0].code


def print_and_help_screens(shots: Shots, code: str) -> None:
    """The receipt (its PDF and its print preview), then the guide opened over the intake page."""
    from desk.ui.print_preview import PrintPreviewDialog

    window = shots.window
    pdf = shots.services.paths.receipt_pdf(code)
    pdf_page_png(pdf, "receipt-a5")
    preview = PrintPreviewDialog(window, pdf, title="Xem trước biên nhận", paper="A5")
    preview.show()
    shots.settle(1200)
    preview.grab().save(str(OUT / "print-preview.png"))
    preview.close()
    window.go_to(window.intake)
    window.open_help()
    shots.settle(800)
    window.help_dialog.grab().save(str(OUT / "help.png"))
    window.help_dialog.close()


def inbox_screen(shots: Shots) -> None:
    """The online inbox: two applications from the portal."""
    from desk.sync.engine import SyncEngine
    from desk.ui.operations import Changes

    window, services = shots.window, shots.services
    engine = SyncEngine(services.db, client=None, catalog=services.catalog)
    with services.db.write() as session:
        for number, name, procedure in (("9999", "Phạm Minh Khoa", "2.000884"), ("9998", "Võ Thị Lan", "2.000815")):
            entry = services.catalog.get(procedure)
            engine.apply_online(session, {"code": f"000.00.53.H16-261122-{number}", "record": {
                "procedure_code": procedure, "procedure_name": entry.template.name, "owner_name": name,
                "received_at": "2026-11-22T20:05:00+07:00", "identities": [{"kind": 1, "number": "066095001122"}],
                "phone": "0905111222", "documents": [{"name": d.name} for d in entry.template.documents]}})
    window.signals.changed.emit(Changes(dossiers=True))
    window.go_to(window.inbox)
    shots.settle(600)
    window.inbox.ui.dossierTable.selectRow(0)
    shots.settle(600)
    window.grab().save(str(OUT / "inbox.png"))


def supplement_and_return_screens(shots: Shots, code: str) -> None:
    """A supplement request for the saved dossier and its form; then the result returned: the receipt is scanned,
    the return dialog opens on the results page, the owner collects and rates on the citizen's screen."""
    from desk.domain.lifecycle import Collector

    window, services, clerk = shots.window, shots.services, shots.clerk
    result = services.lifecycle.request_supplement(
        code, ["Giấy tờ, văn bản sẽ ký (bản có đủ chữ ký các bên)"], "Văn bản chưa có chữ ký của bên thứ hai",
        actor=clerk)
    pdf_page_png(result.pdf_path, "supplement-a5")
    services.lifecycle.record_supplement(code, ["Giấy tờ, văn bản sẽ ký (bản có đủ chữ ký các bên)"], actor=clerk)
    services.lifecycle.result_ready(code, actor=clerk)

    window.go_to(window.returns)
    window.returns.show_code(code, then="ask_return")
    shots.settle(1000)
    window.grab().save(str(OUT / "return-page.png"))
    dialog = window.returns.dialog
    if dialog is not None:
        dialog.grab().save(str(OUT / "return-dialog.png"))
        dialog.ok_button.click()  # the owner collects: then the citizen rates on their own screen
        shots.settle(1500)
        dialog.grab().save(str(OUT / "return-waiting-rating.png"))
        window.rating_screen.grab().save(str(OUT / "rating-screen.png"))
        window.rating_screen.choose(1)
        shots.settle(800)
        dialog.reject()
    else:
        services.lifecycle.return_result(code, Collector("Nguyễn Thị Hoa", "066195012345", True), actor=clerk)


def kiosk_screen(shots: Shots, code: str) -> None:
    """The citizen kiosk after scanning the receipt's QR."""
    from desk.ui.desk_ref import DeskRef
    from desk.ui.kiosk import KioskWindow

    services = shots.services
    kiosk = KioskWindow(DeskRef.of(services))
    kiosk.resize(1280, 800)
    kiosk.show()
    shots.settle(300)
    kiosk.lookup(services.receipts.receipt_data(*_row(services, code)).tracking_url)
    shots.settle(800)
    kiosk.grab().save(str(OUT / "kiosk.png"))
    kiosk.unlocked = True
    kiosk.close()


def guidance_screens(shots: Shots) -> None:
    """Issue 14: papers missing at the counter: every problem under its field, then the guidance form (Mẫu 02)
    and a refusal (Mẫu 03), with no dossier code; a form left half-filled waiting beside the next one."""
    page = shots.window.intake
    recorded = guidance_form(shots, page)
    refusal_form(shots, page, recorded)
    draft_waiting(shots, page)


def guidance_form(shots: Shots, page) -> list:
    """A marriage-status request with a short phone, half an e-mail and a paper missing: the errors under their
    fields; then the guidance form (Mẫu 02) given instead of a dossier. Returns the list of outcomes recorded."""
    from PySide6.QtCore import Qt

    from tests.support.typing import scanner_types, type_unicode

    window = shots.window
    page.clear_form()
    page.ui.idNumberEdit.setFocus()
    scanner_types("054088004321||Trần Văn Bình|02111988|Nam|Khu phố 2, Phường Tuy Hòa, Tỉnh Đắk Lắk|10072022")
    page.ui.phoneEdit.setText("0905 11")
    page.ui.emailEdit.setText("binh@")
    page.ui.procedureSearchEdit.setText("xac nhan tinh trang hon nhan")
    shots.settle()
    page.ui.procedureTable.selectRow(0)
    shots.settle()
    page.ui.documentsTable.item(1, 0).setCheckState(Qt.CheckState.Checked)
    page.save()
    shots.settle()
    window.grab().save(str(OUT / "intake-errors.png"))
    page.ui.phoneEdit.setText("0905 111 222")
    page.ui.emailEdit.clear()
    page.ask_outcome()
    shots.settle(600)
    dialog = page.outcome_dialog
    type_unicode(dialog.reason, "Tờ khai phải có chữ ký của người yêu cầu")
    shots.settle()
    dialog.grab().save(str(OUT / "intake-guidance.png"))
    recorded = []
    page.outcome_recorded.connect(recorded.append)
    dialog.ok_button.click()
    shots.settle(1200)
    if recorded:
        pdf_page_png(recorded[-1].pdf_path, "guidance-a5")
    window.grab().save(str(OUT / "intake-guidance-saved.png"))
    return recorded


def refusal_form(shots: Shots, page, recorded: list) -> None:
    """A death registration outside the province: refused (Mẫu 03)."""
    from tests.support.typing import scanner_types, type_unicode

    window = shots.window
    window.activateWindow()  # the dialog had the focus
    shots.settle(200)
    page.ui.idNumberEdit.setFocus()
    scanner_types("066205000777||Y Sơn Niê|30062005|Nam|Buôn Ko Tam, Xã Hòa Phú, Tỉnh Đắk Lắk|12012024")
    page.ui.procedureSearchEdit.setText("dang ky khai tu")
    shots.settle()
    page.ui.procedureTable.selectRow(0)
    shots.settle()
    page.ask_outcome()
    shots.settle(400)
    dialog = page.outcome_dialog
    dialog.refusal_radio.setChecked(True)
    type_unicode(dialog.reason, "Người chết không cư trú trên địa bàn tỉnh; đề nghị liên hệ nơi cư trú cuối cùng")
    dialog.ok_button.click()
    shots.settle(1200)
    if len(recorded) > 1:
        pdf_page_png(recorded[-1].pdf_path, "refusal-a5")


def draft_waiting(shots: Shots, page) -> None:
    """A form a power cut left half-filled waits above the next citizen's form until restored or dropped."""
    import uuid

    from desk.services.drafts import DraftStore
    from tests.support.typing import scanner_types

    window = shots.window
    DraftStore(window.desk.paths).save(str(uuid.uuid4()), {
        "fields": {"full_name": "Lê Thị Thu Hà", "id_number": "001302009876"}, "procedure": "2.000884",
        "lines": [], "ticked": [], "extra": {}, "counts": [1, 1, 1]})
    page.drafts.start()
    shots.settle(800)
    window.activateWindow()
    shots.settle(200)
    page.ui.idNumberEdit.setFocus()
    scanner_types(QR)
    shots.settle(600)
    window.grab().save(str(OUT / "intake-drafts.png"))
    page.clear_form()
    shots.settle()


def admin_screens(shots: Shots) -> None:
    """Issue 7: the template editor with its live preview, the versions and their diff, the calendar,
    users, the agency and counter settings, the lock screen."""
    from desk.ui.navigation import PageId

    window = shots.window
    template_screens(shots)
    calendar_screen(shots)
    window.open_page(PageId.USERS)
    shots.settle(600)
    window.grab().save(str(OUT / "users-page.png"))

    window.open_page(PageId.AGENCY)
    window.ask_agency()
    shots.settle(800)
    if window.agency_dialog is not None:
        window.agency_dialog.grab().save(str(OUT / "agency-dialog.png"))
        window.agency_dialog.reject()
        shots.settle(300)
    backup_and_audit_screens(shots)
    window.lock()
    shots.settle(600)
    window.grab().save(str(OUT / "lock-screen.png"))
    first_start(shots.settle)


def template_screens(shots: Shots) -> None:
    """A template edited by the admin (its fee capped, its return place), found in the templates page; a new
    template in the editor: its fee tab and its live preview."""
    from dataclasses import replace

    from desk.domain.procedure import FieldType
    from desk.domain.users import Actor, Role
    from desk.ui.navigation import PageId
    from tests.support.templates import fill_template

    window, services = shots.window, shots.services
    admin = Actor("qtv", "Trần Quản Trị", Role.ADMIN)
    entry = services.catalog.get("2.000815")
    services.catalog.save(replace(entry.template, fee=replace(entry.template.fee, cap_per_copy=150_000),
                                  return_place="Tại Bộ phận Một cửa xã Ea Kar"), actor=admin)
    page = window.open_page(PageId.TEMPLATES)
    shots.settle(600)
    page.searchEdit.setText("chung thuc ban sao")
    shots.settle(800)
    page.select_code("2.000815")
    shots.settle(800)
    window.grab().save(str(OUT / "templates-page.png"))
    page.new_template()
    shots.settle(800)
    editor = page.editor
    fill_template(editor)
    editor.add_field("quan_he", "Quan hệ với người được cấp", FieldType.CHOICE, True, "", ("Bản thân", "Cha, mẹ",
                                                                                         "Con", "Khác"), "")
    editor.tabs.setCurrentIndex(1)
    shots.settle(600)
    editor.grab().save(str(OUT / "template-editor-fee.png"))
    editor.tabs.setCurrentIndex(2)
    shots.settle(300)
    editor.grab().save(str(OUT / "template-editor.png"))
    editor.reject()


def calendar_screen(shots: Shots) -> None:
    """The working calendar in September 2026 (2 September a holiday) and a due date computed across it."""
    from PySide6.QtCore import QDate, QDateTime, Qt, QTime

    from desk.ui.navigation import PageId

    page = shots.window.open_page(PageId.CALENDAR)
    page.monthView.setCurrentPage(2026, 9)
    shots.settle(800)
    page.monthView.setSelectedDate(page.monthView.selectedDate().fromString("2026-09-02", "yyyy-MM-dd"))
    index = page.procedureCombo.findText("2.000815", flags=Qt.MatchFlag.MatchStartsWith)
    page.procedureCombo.setCurrentIndex(max(index, 0))
    page.receivedEdit.setDateTime(QDateTime(QDate(2026, 8, 31), QTime(15, 20)))
    shots.settle(600)
    shots.window.grab().save(str(OUT / "calendar-page.png"))


def backup_and_audit_screens(shots: Shots) -> None:
    """Issue 15: the backups with one just made, the audit log checked whole."""
    from desk.ui.navigation import PageId

    shots.services.backup.create()
    shots.window.open_page(PageId.BACKUP)
    shots.settle(1500)
    shots.window.grab().save(str(OUT / "backup-page.png"))
    shots.window.open_page(PageId.AUDIT)
    shots.settle(2500)
    shots.window.grab().save(str(OUT / "audit-page.png"))


def first_start(settle: Callable[..., None]) -> None:
    """A desk started for the first time: nobody can work until the first admin account exists."""
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings
    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow

    services = open_desk(DeskPaths(Path(tempfile.mkdtemp(prefix="desk-first-"))), CounterSettings())
    window = MainWindow(DeskRef.of(services))
    window.resize(*SCREEN)
    shown = []
    window.sign_in_shown.connect(shown.append)
    window.show()
    pump_until(lambda: shown)
    settle(600)
    window.grab().save(str(OUT / "first-start.png"))
    window.close()
    services.db.dispose()


def _row(services, code):
    from sqlalchemy import select

    from desk.store.models import DossierRow

    with services.db.read() as session:
        row = session.scalar(select(DossierRow).where(DossierRow.code == code))
        session.expunge(row)
    return row, services.agency.get()


if __name__ == "__main__":
    raise SystemExit(main())
