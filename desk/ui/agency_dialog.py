"""Thông tin cơ quan và quầy: asked on first start, editable later."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from desk.domain.agency import AgencyIdentity
from desk.domain.errors import DomainError
from desk.settings import save_settings
from forms.ui_agency_dialog import Ui_AgencyDialog

from . import messages
from .background import BackgroundRunner
from .desk_ref import DeskRef


class AgencyDialog(QDialog):
    def __init__(self, desk: DeskRef, runner: BackgroundRunner, agency: AgencyIdentity | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_AgencyDialog()
        self.ui.setupUi(self)
        self.desk = desk
        self.runner = runner
        self.ui.paperCombo.addItems(["A5", "A4"])
        self.ui.errorLabel.setVisible(False)
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Để sau"))
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)
        if agency is not None:
            for edit, value in ((self.ui.codeEdit, agency.code), (self.ui.parentEdit, agency.parent_authority),
                                (self.ui.unitEdit, agency.unit_name), (self.ui.placeEdit, agency.place_name),
                                (self.ui.portalEdit, agency.portal_base_url), (self.ui.addressEdit, agency.address),
                                (self.ui.phoneEdit, agency.phone)):
                edit.setText(value)
        settings = desk.settings
        self.ui.counterEdit.setText(settings.counter_name)
        self.ui.clerkEdit.setText(settings.clerk_name)
        self.ui.paperCombo.setCurrentText(settings.paper)
        self.ui.copiesSpin.setValue(settings.receipt_copies)

    def save(self) -> None:
        ui = self.ui
        try:
            identity = AgencyIdentity(ui.codeEdit.text(), ui.parentEdit.text(), ui.unitEdit.text(),
                                      ui.placeEdit.text(), ui.portalEdit.text(), ui.addressEdit.text(),
                                      ui.phoneEdit.text()).validated()
            if not ui.clerkEdit.text().strip():
                raise DomainError("Chưa nhập tên cán bộ tiếp nhận (in trên biên nhận).", field="clerk")
        except DomainError as error:
            messages.show(ui.errorLabel, "error", str(error))
            edit = {"agency_code": ui.codeEdit, "parent_authority": ui.parentEdit, "unit_name": ui.unitEdit,
                    "place_name": ui.placeEdit, "portal_base_url": ui.portalEdit, "clerk": ui.clerkEdit}.get(
                        error.field or "")
            if edit is not None:
                edit.setFocus()
            return
        settings = self.desk.settings
        updated = replace(settings, counter_name=ui.counterEdit.text().strip() or settings.counter_name,
                          clerk_name=ui.clerkEdit.text().strip(), paper=ui.paperCombo.currentText(),
                          receipt_copies=ui.copiesSpin.value())
        ui.buttonBox.setEnabled(False)

        def work():
            self.desk.services.agency.save(identity, actor=updated.clerk_name)
            save_settings(self.desk.paths.settings, updated)

        def done(_result) -> None:
            for field in ("counter_name", "clerk_name", "paper", "receipt_copies"):
                setattr(settings, field, getattr(updated, field))  # the services share this object
            self.accept()

        def failed(error: BaseException) -> None:
            ui.buttonBox.setEnabled(True)
            messages.show(ui.errorLabel, "error", f"Chưa lưu được: {error}")

        self.runner.submit(work, done, failed)
