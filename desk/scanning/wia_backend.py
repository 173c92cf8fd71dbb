"""WIA 2.0 (Windows Image Acquisition) through COM, for scanners on Windows counters.

UNTESTED ON REAL WINDOWS (docs/SCANNING.md): the property mapping and the page loop are unit
tested here against a stand-in COM object; the first Windows pilot must check them on a real
scanner. Runs only inside the driver host (host.py), like every backend.

Constants are those of the WIA Automation Layer (wiadef.h / WIA 2.0 docs)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

from .model import DeviceInfo, ScanError, ScanSettings

SCANNER_DEVICE_TYPE = 1
WIA_DIP_DEV_ID = 2
WIA_DIP_VEND_DESC = 3
WIA_DIP_DEV_NAME = 7
WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES = 3086
WIA_DPS_DOCUMENT_HANDLING_SELECT = 3088
WIA_DPS_PAGES = 3096
WIA_IPS_CUR_INTENT = 6146
WIA_IPS_XRES = 6147
WIA_IPS_YRES = 6148
FEEDER, FLATBED, DUPLEX = 0x001, 0x002, 0x004
INTENT = {"color": 0x1, "gray": 0x2, "lineart": 0x4}
WIA_FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"
WIA_ERROR_PAPER_EMPTY = -2145320957   # 0x80210003 as a signed HRESULT
WIA_ERROR_OFFLINE = -2145320955       # 0x80210005
WIA_ERROR_BUSY = -2145320954          # 0x80210006


def item_properties(settings: ScanSettings) -> dict[int, int]:
    """What to set on the scan item for these settings."""
    return {WIA_IPS_CUR_INTENT: INTENT[settings.mode], WIA_IPS_XRES: settings.resolution,
            WIA_IPS_YRES: settings.resolution}


def device_properties(settings: ScanSettings) -> dict[int, int]:
    """What to set on the device: the paper source, and "all pages" for a feeder."""
    select = {"flatbed": FLATBED, "adf": FEEDER, "duplex": FEEDER | DUPLEX}[settings.source]
    return {WIA_DPS_DOCUMENT_HANDLING_SELECT: select, WIA_DPS_PAGES: 0 if settings.batch else 1}


def sources_from_capabilities(capabilities: int) -> tuple[str, ...]:
    sources = []
    if capabilities & FLATBED or not capabilities:
        sources.append("flatbed")
    if capabilities & FEEDER:
        sources.append("adf")
    if capabilities & DUPLEX:
        sources.append("duplex")
    return tuple(sources)


def _property(properties, prop_id: int, default=None):
    for prop in properties:
        if prop.PropertyID == prop_id:
            return prop.Value
    return default


def _set(properties, values: dict[int, int]) -> None:
    for prop in properties:
        if prop.PropertyID in values:
            prop.Value = values[prop.PropertyID]


def _hresult(error: Exception) -> int | None:
    """The HRESULT a pywin32 COM error carries (its excepinfo's scode, or its own)."""
    args: tuple[Any, ...] = getattr(error, "args", ())
    if len(args) >= 3 and isinstance(args[2], tuple) and len(args[2]) >= 6 and args[2][5]:
        return args[2][5]
    return getattr(error, "hresult", None) or (args[0] if args and isinstance(args[0], int) else None)


class WiaBackend:
    def __init__(self, dispatch: Callable[[str], Any] | None = None):
        if dispatch is None:
            try:
                import pythoncom
                import win32com.client
            except ImportError as exc:
                raise ScanError("Máy này không có WIA (chỉ có trên Windows, cần gói pywin32).") from exc
            pythoncom.CoInitialize()
            dispatch = win32com.client.Dispatch
        self.dispatch = dispatch
        self.manager = dispatch("WIA.DeviceManager")

    def devices(self) -> list[DeviceInfo]:
        found = []
        for info in self.manager.DeviceInfos:
            if info.Type != SCANNER_DEVICE_TYPE:
                continue
            properties = info.Properties
            sources: tuple[str, ...] = ("flatbed",)
            try:
                device = info.Connect()
                sources = sources_from_capabilities(
                    int(_property(device.Properties, WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES, 0) or 0))
            except Exception:
                pass  # listed anyway: it may be switched off now
            found.append(DeviceInfo(backend="wia", device_id=str(info.DeviceID),
                                    vendor=str(_property(properties, WIA_DIP_VEND_DESC, "") or ""),
                                    model=str(_property(properties, WIA_DIP_DEV_NAME, "") or ""),
                                    kind="scanner", sources=sources, modes=("gray", "color", "lineart")))
        return found

    def _connect(self, device_id: str):
        for info in self.manager.DeviceInfos:
            if str(info.DeviceID) == device_id:
                try:
                    return info.Connect()
                except Exception as exc:
                    raise ScanError(f"Không kết nối được máy quét: {exc}. Máy đã bật chưa?") from exc
        raise ScanError("Không thấy máy quét đã chọn. Máy đã bật và đã cắm cáp chưa?")

    def scan(self, device_id: str, settings: ScanSettings, out_dir=None) -> Iterator[tuple[object, int]]:
        from PIL import Image

        device = self._connect(device_id)
        _set(device.Properties, device_properties(settings))
        item = device.Items[1]  # WIA collections count from 1
        _set(item.Properties, item_properties(settings))
        pages = 0
        while True:
            try:
                image_file = item.Transfer(WIA_FORMAT_BMP)
            except Exception as exc:
                code = _hresult(exc)
                if code == WIA_ERROR_PAPER_EMPTY and settings.batch:
                    if pages == 0:
                        raise ScanError("Khay nạp giấy không có giấy.") from exc
                    return
                if code == WIA_ERROR_OFFLINE:
                    raise ScanError("Máy quét đang tắt hoặc mất kết nối.") from exc
                if code == WIA_ERROR_BUSY:
                    raise ScanError("Máy quét đang bận (có thể đang in hoặc quét cho máy khác).") from exc
                raise ScanError(f"Máy quét báo lỗi: {exc}") from exc
            data = bytes(image_file.FileData.BinaryData)
            image = Image.open(io.BytesIO(data))
            image.load()
            pages += 1
            yield image, settings.resolution
            if not settings.batch:
                return
