"""Scanner backends that misbehave the way real drivers do, for the driver host's tests.
Loaded by the host as ``tests.support.fake_scanner:<Class>``."""

from __future__ import annotations

import os
import sys
import time

from PIL import Image

from desk.scanning.model import DeviceInfo, ScanError


def _page(number: int) -> Image.Image:
    image = Image.new("L", (850, 1100), 255)  # a letter page at 100 dpi
    image.paste(0, (100, 100 + number * 20, 700, 110 + number * 20))
    return image


class CrashingBackend:
    """Dies in the middle of the scan, as a segfaulting driver does."""

    def devices(self):
        return [DeviceInfo(backend="crash", device_id="crash:0")]

    def scan(self, device_id, settings, out_dir):
        sys.stdout.write("driver chatter on stdout must not break the protocol\n")
        sys.stdout.flush()
        os._exit(139)
        yield  # pragma: no cover


class PagesThenCrashBackend:
    def devices(self):
        return []

    def scan(self, device_id, settings, out_dir):
        yield _page(1), 100
        yield _page(2), 100
        os._exit(3)


class HangingBackend:
    """Never answers: a driver stuck on a USB call."""

    def devices(self):
        time.sleep(3600)
        return []

    def scan(self, device_id, settings, out_dir):
        time.sleep(3600)
        yield  # pragma: no cover


class RefusingBackend:
    def devices(self):
        return []

    def scan(self, device_id, settings, out_dir):
        raise ScanError("Khay nạp giấy không có giấy.")
        yield  # pragma: no cover


class FeederWithSeparatorBackend:
    """A feeder batch: two sheets, a blank separator sheet, one more sheet."""

    def devices(self):
        return [DeviceInfo(backend="feeder", device_id="feeder:0", sources=("adf",))]

    def scan(self, device_id, settings, out_dir):
        yield _page(1), 100
        yield _page(2), 100
        yield Image.new("L", (850, 1100), 255), 100
        yield _page(3), 100


class A4TextFeederBackend:
    """Ten dense grey A4 pages at 300 dpi, as fast as they can be drawn (the scanning benchmark)."""

    def devices(self):
        return [DeviceInfo(backend="a4", device_id="a4:0", sources=("adf",))]

    def scan(self, device_id, settings, out_dir):
        from tests.support.pages import text_page

        page = text_page(300)
        for _ in range(10):
            yield page, 300
