"""Cài đặt máy quét: find devices, pick resolution, colour and paper source, remember the
choice as a named profile; the "scan to folder" folder; the separator sheet."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from desk.domain.errors import DomainError
from desk.services.digitization import (
    COLOUR_MODES,
    DEFAULT_RESOLUTION,
    RESOLUTIONS,
    SOURCES,
    DeviceInfo,
    ScanError,
    ScannerProfile,
    ScanSettings,
)
from forms.ui_scanner_dialog import Ui_ScannerDialog

from . import dialogs, messages
from .desk_ref import DeskRef
from .operations import Changes, PageOps
from .screen_fit import bound_combo, fit_dialog, grow_to_show


class ScannerDialog(QDialog):
    def __init__(self, desk: DeskRef, ops: PageOps, parent: QWidget | None = None):
        """``ops``: the intake page's scanning operations (finding devices starts child processes: never on
        the database worker)."""
        super().__init__(parent)
        self.ui = Ui_ScannerDialog()
        self.ui.setupUi(self)
        self.desk = desk
        self.ops = ops.bound_to(self, show_error=lambda text: self.message("error", text))
        self.devices: list[DeviceInfo] = []
        ui = self.ui
        # Profile names are typed by people and device names come from drivers: neither may widen the dialog.
        bound_combo(ui.profileCombo, current_in_tooltip=False)  # its tooltip gives examples of names
        bound_combo(ui.deviceCombo)
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Lưu"))
        ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Đóng"))
        for dpi in RESOLUTIONS:
            ui.resolutionCombo.addItem(f"{dpi} dpi", dpi)
        for key, label in COLOUR_MODES.items():
            ui.modeCombo.addItem(label, key)
        for key, label in SOURCES.items():
            ui.sourceCombo.addItem(label, key)
        digitization = desk.services.digitization
        self.profiles = {p.name: p for p in digitization.profiles()}
        ui.profileCombo.addItems(list(self.profiles))
        current = digitization.current_profile()
        ui.folderEdit.setText(desk.settings.watch_folder)
        ui.profileCombo.currentTextChanged.connect(self._show_profile)
        ui.findButton.clicked.connect(self.find_devices)
        ui.folderButton.clicked.connect(self._pick_folder)
        ui.separatorButton.clicked.connect(self._save_separator)
        ui.deleteButton.clicked.connect(self._delete_profile)
        ui.buttonBox.accepted.connect(self.save)
        ui.buttonBox.rejected.connect(self.reject)
        if current is not None:
            ui.profileCombo.setCurrentText(current.name)
            self._show_profile(current.name)
        else:
            ui.profileCombo.setEditText("Máy quét quầy")
            self._select(ui.resolutionCombo, DEFAULT_RESOLUTION)
        self.find_devices()  # shows "Đang tìm máy quét…": measured with it
        fit_dialog(self, self.size().expandedTo(self.sizeHint()))  # the form's designed size, if the screen has it

    def message(self, kind: str, text: str) -> None:
        messages.show(self.ui.messageLabel, kind, text)
        if self.isVisible():
            grow_to_show(self)

    @staticmethod
    def _select(combo, data) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _show_profile(self, name: str) -> None:
        profile = self.profiles.get(name)
        if profile is None:
            return
        ui = self.ui
        self._ensure_device(profile.backend, profile.device_id)
        self._select(ui.deviceCombo, self._key(profile.backend, profile.device_id))
        self._select(ui.resolutionCombo, profile.settings.resolution)
        self._select(ui.modeCombo, profile.settings.mode)
        self._select(ui.sourceCombo, profile.settings.source)

    @staticmethod
    def _key(backend: str, device_id: str) -> str:
        return f"{backend}\x1f{device_id}"  # combo data must be a plain string for findData

    def _ensure_device(self, backend: str, device_id: str, label: str = "") -> None:
        if self.ui.deviceCombo.findData(self._key(backend, device_id)) < 0:
            self.ui.deviceCombo.addItem(label or device_id, self._key(backend, device_id))

    def find_devices(self) -> None:
        self.ui.findButton.setEnabled(False)
        self.message("info", "Đang tìm máy quét (máy quét qua mạng có thể mất vài giây)…")

        def found(devices: list[DeviceInfo]) -> None:
            self.ui.findButton.setEnabled(True)
            self.devices = devices
            current = self.ui.deviceCombo.currentData()
            for device in devices:
                self._ensure_device(device.backend, device.device_id, device.label)
                index = self.ui.deviceCombo.findData(self._key(device.backend, device.device_id))
                self.ui.deviceCombo.setItemText(index, device.label)
            if current is not None:
                self._select(self.ui.deviceCombo, current)
            if devices:
                self.message("success", f"Tìm thấy {len(devices)} máy quét.")
            else:
                self.message("warning", "Không tìm thấy máy quét nào. Kiểm tra máy đã bật, cáp USB hoặc mạng; "
                                        "cũng có thể dùng “Chọn tệp” hoặc thư mục nhận bản quét.")

        def failed(error: BaseException) -> None:
            self.ui.findButton.setEnabled(True)
            self.message("error", str(error) if isinstance(error, (ScanError, DomainError))
                         else f"Không tìm được máy quét: {error}")

        digitization = self.desk.services.digitization
        self.ops.read(digitization.devices).success(found).failure(failed).run()

    def profile(self) -> ScannerProfile:
        ui = self.ui
        key = ui.deviceCombo.currentData()
        if not key:
            raise DomainError("Chưa chọn máy quét. Bấm “Tìm máy quét”.", field="device")
        device = key.split("\x1f", 1)
        settings = ScanSettings(ui.resolutionCombo.currentData(), ui.modeCombo.currentData(),
                                ui.sourceCombo.currentData()).validate()
        known = next((d for d in self.devices if (d.backend, d.device_id) == tuple(device)), None)
        if known is not None and settings.source not in known.sources:
            raise DomainError(f"Máy quét này không có “{SOURCES[settings.source]}”.", field="source")
        return ScannerProfile(ui.profileCombo.currentText().strip(), device[0], device[1], settings)

    def save(self) -> None:
        try:
            profile = self.profile()
        except DomainError as error:
            self.message("error", str(error))
            return
        folder, digitization = self.ui.folderEdit.text().strip(), self.desk.services.digitization
        self.ops.write(lambda: digitization.save_scanner_settings(profile, folder), Changes(settings=True)) \
            .success(lambda _: self.accept()).run()

    def _delete_profile(self) -> None:
        name = self.ui.profileCombo.currentText()
        if name not in self.profiles:
            return

        def deleted(_) -> None:
            self.profiles.pop(name, None)
            self.ui.profileCombo.removeItem(self.ui.profileCombo.findText(name))
            self.message("info", f"Đã xóa cấu hình “{name}”.")

        digitization = self.desk.services.digitization
        self.ops.write(lambda: digitization.delete_profile(name), Changes(settings=True)).success(deleted).run()

    def _pick_folder(self) -> None:
        folder = dialogs.ask_folder(self, self.ui.folderEdit.text())
        if folder is not None:
            self.ui.folderEdit.setText(str(folder))

    def _save_separator(self) -> None:
        target = dialogs.ask_save_pdf_path(self, self.desk.paths.data_dir / "trang-phan-tach.pdf")
        if target is None:
            return

        digitization = self.desk.services.digitization
        self.ops.read(lambda: digitization.save_separator_sheet(target)) \
            .success(lambda _: self.message("success", f"Đã lưu trang phân tách: {target}. "
                                                                        "In ra và dùng lại nhiều lần.")) \
            .failure(lambda error: self.message("error", f"Không lưu được: {error}")).run()
