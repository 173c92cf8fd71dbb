"""Tên mẫu, người ký: an admin gives the agency's own titles and signer on the agency dialog; every counter prints
them (the agency's texts live in the shared database)."""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desk.ui.admin.agency import AgencyDialog
from desk.ui.admin.form_texts import FormTextsDialog
from desk.ui.background import BackgroundRunner
from desk.ui.desk_ref import DeskRef
from desk.ui.signals import DeskSignals
from tests.conftest import ADMIN, CLERK
from tests.support.pdf import pdf_text
from tests.support.screen import counter_screen
from tests.unit.test_lifecycle import receive


def _cell(dialog: FormTextsDialog, label: str, heading: str):
    table = dialog.table
    row = next(r for r in range(table.rowCount()) if table.verticalHeaderItem(r).text() == label)
    column = next(c for c in range(table.columnCount()) if table.horizontalHeaderItem(c).text() == heading)
    return table.item(row, column)


def _signed_in(desk) -> DeskRef:
    ref = DeskRef.of(desk)
    ref.sign_in(ADMIN)
    return ref


def test_the_admin_sets_the_letters_signer_and_a_number_and_the_forms_print_them(qtbot, desk, monkeypatch):
    counter_screen(monkeypatch)  # 1366×728, as at a counter
    runner, signals = BackgroundRunner(), DeskSignals()
    dialog = AgencyDialog(_signed_in(desk), runner, signals, desk.agency.get())
    qtbot.addWidget(dialog)
    dialog.form_edits["stop"].setText("Mẫu số 05/TT03")
    texts = FormTextsDialog(dialog.form_texts, dialog.ui.unitEdit.text(), dialog)
    qtbot.addWidget(texts)
    assert 1000 <= texts.width() <= 1366  # every column readable (it opened at its minimum, one column wide, once)
    assert not _cell(texts, "Phiếu từ chối tiếp nhận", "Họ tên người ký văn bản").flags() & Qt.ItemFlag.ItemIsEditable
    _cell(texts, "Thông báo dừng giải quyết", "Chức vụ người ký văn bản").setText("KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC")
    _cell(texts, "Thông báo dừng giải quyết", "Họ tên người ký văn bản").setText("H'Nga Niê Kdăm")
    texts.done(QDialog.DialogCode.Accepted)
    dialog.form_texts = texts.texts()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert desk.agency.get().form_texts["stop"] == {"number": "Mẫu số 05/TT03", "signer_title": "KT. GIÁM ĐỐC\nPHÓ "
                                                                                                 "GIÁM ĐỐC",
                                                    "signer_name": "H'Nga Niê Kdăm"}
    code = receive(desk)
    desk.lifecycle.clock = lambda: datetime(2026, 11, 24, 9, 0)
    text = " ".join(pdf_text(desk.lifecycle.stop(code, "Người yêu cầu đã chết", "Điều 12 Nghị định 118/2025/NĐ-CP",
                                                 actor=CLERK).pdf_path.read_bytes()).split())
    assert "Mẫu số 05/TT03" in text and "H'Nga Niê Kdăm" in text
    assert text.index("KT. GIÁM ĐỐC") < text.index("PHÓ GIÁM ĐỐC") < text.index("H'Nga Niê Kdăm")
    runner.shutdown()


def test_the_parent_authority_is_proposed_from_the_unit_until_the_admin_types_one(qtbot, desk):
    runner, signals = BackgroundRunner(), DeskSignals()
    dialog = AgencyDialog(_signed_in(desk), runner, signals, None)
    qtbot.addWidget(dialog)
    dialog.ui.unitEdit.setText("Trung tâm Phục vụ hành chính công xã Cư M'gar")
    assert dialog.ui.parentEdit.text() == "UBND XÃ CƯ M'GAR"
    dialog.ui.parentEdit.clear()
    qtbot.keyClicks(dialog.ui.parentEdit, "UBND XA KHAC")
    dialog.ui.unitEdit.setText("Trung tâm Phục vụ hành chính công xã Ea Kar")
    assert dialog.ui.parentEdit.text() == "UBND XA KHAC"
    runner.shutdown()
