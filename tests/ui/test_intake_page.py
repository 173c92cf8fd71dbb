"""The counter flow through the real window: scan, search, tick, save, list, reprint."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.conftest import CLERK, TEST_DATA
from tests.support.pdf import decode_codes, pdf_text, rasterise
from tests.support.typing import scanner_types
from tests.ui.conftest import wait_idle

SAMPLES = [line for line in (TEST_DATA / "id-card-qr-samples.txt").read_text(encoding="utf-8").splitlines()
           if line and not line.startswith("#")]


def choose_procedure(qtbot, window, query: str, code: str) -> None:
    """Type an unaccented search as a clerk does, then pick the procedure: Enter when it is the
    only match, a click on its row otherwise."""
    page = window.intake
    page.ui.procedureSearchEdit.setFocus()
    qtbot.keyClicks(page.ui.procedureSearchEdit, query, delay=60)  # a clerk typing, not a scanner
    qtbot.waitUntil(lambda: page.ui.procedureSearchEdit.text() == query, timeout=5000)
    qtbot.waitUntil(lambda: not page.procedure.search_timer.isActive(), timeout=5000)  # the search has started
    wait_idle(qtbot, window)
    codes = [page.procedure.model.row_at(r).template.code for r in range(page.procedure.model.rowCount())]
    assert code in codes
    if len(codes) == 1:
        qtbot.keyClick(page.ui.procedureSearchEdit, Qt.Key.Key_Return)
    else:
        table = page.ui.procedureTable
        rect = table.visualRect(page.procedure.model.index(codes.index(code), 1))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.procedure.entry is not None and page.procedure.entry.template.code == code)


def tick_all_documents(page) -> None:
    table = page.ui.documentsTable
    for row in range(table.rowCount()):
        table.item(row, 0).setCheckState(Qt.CheckState.Checked)


def test_a_scanner_adding_a_byte_order_mark_and_a_non_breaking_space_reads_the_same_card(qtbot, window):
    """A keyboard-mode scanner or an input method sends U+FEFF first and U+00A0 between words: the name keeps its
    space (the key with a non-breaking space is not dropped as unprintable)."""
    page = window.intake
    page.ui.fullNameEdit.setFocus()
    scanner_types("\ufeff" + SAMPLES[0].replace("Nguyễn Thị", "Nguyễn\u00a0Thị"))
    assert page.ui.idNumberEdit.text() == "066195012345"
    assert page.ui.fullNameEdit.text() == "Nguyễn Thị Hoa"
    assert "Nguyễn Thị Hoa" in page.ui.messageLabel.text()


def test_walk_in_citizen_end_to_end(qtbot, window, desk):
    page = window.intake
    page.ui.fullNameEdit.setFocus()  # the cursor is anywhere on the page
    scanner_types(SAMPLES[0])
    assert page.ui.idNumberEdit.text() == "066195012345"
    assert page.ui.fullNameEdit.text() == "Nguyễn Thị Hoa"  # the QR text did not stay in the field
    assert page.ui.birthDateEdit.text() == "15/03/1995"
    assert page.ui.genderCombo.currentText() == "Nữ"
    assert page.ui.addressEdit.text() == "Thôn 3, Xã Ea Kar, Tỉnh Đắk Lắk"
    assert page.ui.issueDateEdit.text() == "20/04/2021"
    assert page.ui.oldIdEdit.text() == "241234567"
    assert "Đã đọc thẻ căn cước" in page.ui.messageLabel.text()
    assert QApplication.focusWidget() is page.ui.phoneEdit
    qtbot.keyClicks(page.ui.phoneEdit, "0912345678", delay=60)

    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    page.ui.pagesSpin.setValue(3)
    assert page.ui.feeValueLabel.text() == "5.000 đ"
    assert page.ui.appointmentValueLabel.text() == "17 giờ 00 phút, thứ Hai 23/11/2026"

    qtbot.mouseClick(page.ui.saveButton, Qt.MouseButton.LeftButton)  # nothing ticked yet
    assert "Còn thiếu giấy tờ bắt buộc" in page.ui.messageLabel.text()
    assert desk.dossiers.count() == 0

    tick_all_documents(page)
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        qtbot.mouseClick(page.ui.saveButton, Qt.MouseButton.LeftButton)
    code = saved.args[0]
    assert code == "000.00.53.H16-261123-0001"
    assert f"Đã lưu hồ sơ {code}" in page.ui.messageLabel.text()
    assert page.ui.idNumberEdit.text() == ""  # ready for the next citizen

    pdf = desk.paths.receipt_pdf(code).read_bytes()
    assert "Nguyễn Thị Hoa" in pdf_text(pdf)
    assert decode_codes(rasterise(pdf)).get("Code128") == code

    window.go_to(window.dossiers)
    qtbot.waitUntil(lambda: window.dossiers.model.rowCount() == 1)
    qtbot.keyClicks(window.dossiers.ui.searchEdit, "nguyen thi hoa", delay=20)
    qtbot.waitUntil(lambda: window.dossiers.ui.countLabel.text() == "1 hồ sơ", timeout=5000)
    window.dossiers.ui.dossierTable.selectRow(0)
    with qtbot.waitSignal(window.dossiers.detail_shown, timeout=5000):
        pass
    assert code in window.dossiers.ui.detailView.toPlainText()
    assert window.dossiers.ui.reprintButton.isEnabled()


def test_bad_qr_says_what_is_wrong_and_fills_nothing(qtbot, window):
    page = window.intake
    page.ui.addressEdit.setFocus()
    page.ui.addressEdit.setText("Thôn 5")
    scanner_types("066195012345|241234567|Nguyễn Thị Hoa|31021995|Nữ|Ea Kar|20042021")
    assert "Trường 4 (ngày sinh)" in page.ui.messageLabel.text()
    assert page.ui.idNumberEdit.text() == "" and page.ui.fullNameEdit.text() == ""
    assert page.ui.addressEdit.text() == "Thôn 5"  # the field the scan landed in is as it was


def test_partial_qr_without_enter_is_reported(qtbot, window):
    page = window.intake
    page.ui.fullNameEdit.setFocus()
    scanner_types(SAMPLES[1][:20], enter=False)
    qtbot.waitUntil(lambda: "chưa hết" in page.ui.messageLabel.text(), timeout=3000)
    assert page.ui.fullNameEdit.text() == "" and page.ui.idNumberEdit.text() == ""


def test_id_card_that_disagrees_with_itself_shows_a_warning(qtbot, window):
    page = window.intake
    page.ui.idNumberEdit.setFocus()
    scanner_types("066195012345||Nguyễn Văn An|15031996|Nam|Ea Kar|20042021")
    text = page.ui.messageLabel.text()
    assert "cần kiểm tra" in text and "năm sinh" in text and "giới tính Nữ" in text
    assert page.ui.messageLabel.property("kind") == "warning"


def test_manual_typing_is_not_mistaken_for_a_scan(qtbot, window):
    page = window.intake
    qtbot.keyClicks(page.ui.idNumberEdit, "066195012345", delay=70)
    assert page.ui.idNumberEdit.text() == "066195012345"
    assert not page.ui.messageLabel.isVisible()


def test_scanning_a_receipt_barcode_opens_the_dossier(qtbot, window, desk):
    from tests.support.workers import sample_request

    request, version = sample_request(desk)
    code = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    window.intake.ui.phoneEdit.setFocus()
    scanner_types(code)
    qtbot.waitUntil(lambda: window.ui.pages.currentWidget() is window.dossiers)
    qtbot.waitUntil(lambda: code in window.dossiers.ui.detailView.toPlainText(), timeout=5000)


def test_submitter_extra_fields_and_validation_focus(qtbot, window, desk):
    page = window.intake
    page.ui.idNumberEdit.setFocus()
    scanner_types(SAMPLES[2])
    choose_procedure(qtbot, window, "dang ky khai sinh", "1.001193")
    assert set(page.procedure.extra_widgets) == {"child_name", "child_birth_date", "child_gender"}
    tick_all_documents(page)
    page.save()  # the procedure's three own fields are empty: all three are named at once, under each field
    assert "còn 3 chỗ cần sửa" in page.ui.messageLabel.text()
    assert set(page.field_errors.shown) == {"child_name", "child_birth_date", "child_gender"}
    note = page.findChild(QLabel, "fieldError_child_name")
    assert note.isVisible() and "Họ và tên trẻ" in note.text()
    assert QApplication.focusWidget() is page.procedure.extra_widgets["child_name"]
    page.procedure.extra_widgets["child_name"].setText("Y Khoa Niê")
    page.procedure.extra_widgets["child_birth_date"].setText("20/11/2026")
    page.procedure.extra_widgets["child_gender"].setCurrentText("Nam")
    page.ui.submittedByOtherCheck.setChecked(True)
    page.ui.submitterNameEdit.setText("H Hen Niê")
    page.ui.submitterIdEdit.setText("12345")
    qtbot.waitUntil(lambda: not page.field_errors.shown)  # each note went as its field was filled
    assert not note.isVisible()
    page.save()
    assert "12 chữ số" in page.ui.messageLabel.text()
    assert "12 chữ số" in page.field_errors.shown["submitter_id_number"]
    assert QApplication.focusWidget() is page.ui.submitterIdEdit
    page.ui.submitterIdEdit.setText("066305001234")
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        page.save()
    text = pdf_text(desk.paths.receipt_pdf(saved.args[0]).read_bytes())
    assert "Người nộp thay: H Hen Niê" in text and "Họ và tên trẻ: Y Khoa Niê" in text


def test_first_start_agency_dialog_validates_and_saves(qtbot, tmp_path, clock):
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings, load_settings
    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow

    services = open_desk(DeskPaths(tmp_path / "fresh"), CounterSettings(), clock)
    main = MainWindow(DeskRef.of(services))
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.sign_in_shown, timeout=10_000) as shown:
        main.show()  # no user yet: the first admin is created first
    panel = shown.args[0]
    assert panel.titleLabel.text() == "Tạo tài khoản quản trị đầu tiên"
    panel.usernameEdit.setText("tranmai")
    panel.fullNameEdit.setText("Trần Thị Mai")
    panel.passwordEdit.setText("mật-khẩu-đủ-dài")
    panel.confirmEdit.setText("mật-khẩu-đủ-dài")
    with qtbot.waitSignal(main.agency_dialog_opened, timeout=10_000) as opened:
        panel.okButton.click()  # signed in as admin, no agency yet: the dialog opens by itself
    dialog = opened.args[0]
    ui = dialog.ui
    ui.codeEdit.setText("000.00.53.16")
    ui.buttonBox.accepted.emit()  # every problem at once, each under its field
    assert "Còn 5 chỗ cần sửa" in ui.errorLabel.text()
    assert set(dialog.field_errors.shown) == {"agency_code", "parent_authority", "unit_name", "place_name",
                                              "portal_base_url"}
    assert "ví dụ 000.00.53.H16" in dialog.field_errors.shown["agency_code"]
    ui.codeEdit.setText("000.00.53.H16")
    ui.parentEdit.setText("UBND TỈNH ĐẮK LẮK")
    ui.unitEdit.setText("Trung tâm Phục vụ hành chính công xã Hòa Phú")
    ui.placeEdit.setText("Hòa Phú")
    ui.portalEdit.setText("https://dichvucong.daklak.gov.vn/")
    ui.legalBasisEdit.setText("Căn cứ Nghị định 118/2025/NĐ-CP")
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        ui.buttonBox.accepted.emit()
    assert services.agency.get().unit_name == "Trung tâm Phục vụ hành chính công xã Hòa Phú"
    assert services.agency.get().portal_base_url == "https://dichvucong.daklak.gov.vn"
    assert load_settings(services.paths.settings).legal_basis == "Căn cứ Nghị định 118/2025/NĐ-CP"
    assert main.desk.actor.full_name == "Trần Thị Mai"  # who signed in acts; the settings never name them
    assert "Trần Thị Mai" not in services.paths.settings.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: "Hòa Phú" in main.identity_label.text())
    wait_idle(qtbot, main)
    main.close()
    services.db.dispose()


def test_work_submitted_after_close_is_ignored(qtbot, window):
    window.close()
    window.intake.procedure.refresh()  # e.g. the search timer firing during shutdown
    assert window.runner.idle


def test_verification_is_offered_only_where_the_procedure_has_a_longer_time(qtbot, window, desk):
    from desk.sync.mapping import dossier_record

    page = window.intake
    check = page.ui.verificationCheck
    page.ui.idNumberEdit.setFocus()
    scanner_types(SAMPLES[0])
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    assert not check.isVisible()
    assert not page.ui.crossBoundaryGroup.isVisible()
    page.ui.procedureSearchEdit.clear()
    choose_procedure(qtbot, window, "dang ky ket hon", "1.000894")
    assert check.isVisible() and not check.isChecked()
    assert check.text() == "Cần xác minh điều kiện kết hôn (thời hạn 5 ngày làm việc)"
    assert page.ui.appointmentValueLabel.text() == "17 giờ 00 phút, thứ Hai 23/11/2026"
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)
    assert check.isChecked()
    assert page.ui.appointmentValueLabel.text() == "09 giờ 15 phút, thứ Hai 30/11/2026"
    assert page.ui.processingValueLabel.text() == "5 ngày làm việc (trường hợp phải xác minh)"
    page.procedure.extra_widgets["partner_name"].setText("Y Khuê Niê")
    page.procedure.extra_widgets["partner_id_number"].setText("066096001234")
    page.procedure.fee_free_check.setChecked(True)
    page.procedure.tick(0)
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        page.save()
    code = saved.args[0]
    detail = desk.dossiers.get(code)
    assert detail.summary.appointment_at.isoformat() == "2026-11-30T09:15:00"
    text = " ".join(pdf_text(desk.paths.receipt_pdf(code).read_bytes()).split())
    assert "5 ngày làm việc (trường hợp phải xác minh)" in text
    from sqlalchemy import select

    from desk.store.models import DossierRow

    with desk.db.read() as session:
        assert dossier_record(session.scalar(select(DossierRow)))["with_verification"] is True


def test_the_competent_agency_is_asked_for_a_procedure_received_regardless_of_residence(qtbot, window, desk):
    from dataclasses import replace

    from sqlalchemy import select

    from desk.store.models import DossierRow
    from tests.conftest import ADMIN

    template = desk.catalog.get("2.000815").template
    desk.catalog.save(replace(template, cross_boundary=True), actor=ADMIN)
    page = window.intake
    page.ui.idNumberEdit.setFocus()
    scanner_types(SAMPLES[0])
    choose_procedure(qtbot, window, "chung thuc ban sao", "2.000815")
    assert page.ui.crossBoundaryGroup.isVisible()
    assert not page.ui.verificationCheck.isVisible()
    tick_all_documents(page)
    page.ui.competentAgencyEdit.setText("Ủy ban nhân dân " * 25)
    page.save()
    assert "competent_agency" in page.field_errors.shown
    assert "tối đa 300 ký tự" in page.field_errors.shown["competent_agency"]
    assert desk.dossiers.count() == 0
    page.ui.competentAgencyEdit.setText("UBND phường Tân Lập, tỉnh Đắk Lắk")
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        page.save()
    with desk.db.read() as session:
        assert session.scalar(select(DossierRow)).competent_agency == "UBND phường Tân Lập, tỉnh Đắk Lắk"
    text = " ".join(pdf_text(desk.paths.receipt_pdf(saved.args[0]).read_bytes()).split())
    assert "không phụ thuộc địa giới hành chính; cơ quan giải quyết: UBND phường Tân Lập, tỉnh Đắk Lắk" in text
