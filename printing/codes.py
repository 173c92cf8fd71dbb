"""QR and Code128 drawn as vector paths: crisp at any printer resolution and fast to build.

The QR matrix comes from ``qrcode`` and is drawn as one path of dark modules (PLATFORM.md:
≈ 3× faster than reportlab's QrCodeWidget); Code128 is reportlab's vector barcode.
"""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

QUIET_ZONE_MODULES = 4
# Any of the eight masks is valid to every decoder; searching for the lowest-penalty one
# costs ≈ 16 ms in pure Python, a fixed mask ≈ 4 ms. Tests decode every receipt back.
FIXED_MASK = 2


def qr_matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=FIXED_MASK)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


class QrFlowable(Flowable):
    """A square QR code of ``size`` points including its quiet zone."""

    def __init__(self, matrix: list[list[bool]], size: float):
        super().__init__()
        self.size = size
        self.matrix = matrix

    def wrap(self, available_width, available_height):
        return self.size, self.size

    def draw(self):
        modules = len(self.matrix) + 2 * QUIET_ZONE_MODULES
        cell = self.size / modules
        canvas = self.canv
        path = canvas.beginPath()
        top = self.size - QUIET_ZONE_MODULES * cell
        for row_index, row in enumerate(self.matrix):
            y = top - (row_index + 1) * cell
            col = 0
            width = len(row)
            while col < width:
                if row[col]:
                    start = col
                    while col < width and row[col]:
                        col += 1
                    # one rectangle per run of dark modules; a hair of overlap avoids seams
                    path.rect((QUIET_ZONE_MODULES + start) * cell, y, (col - start) * cell, cell * 1.001)
                else:
                    col += 1
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawPath(path, stroke=0, fill=1)


class BarcodeFlowable(Flowable):
    """Code128 of ``value`` with bars ``bar_height`` tall; the module width fits ``max_width``."""

    def __init__(self, value: str, max_width: float, bar_height: float = 9 * mm):
        super().__init__()
        # 0.33 mm modules decode at 150 dpi and above (PLATFORM.md); shrink only if needed.
        probe = Code128(value, barWidth=0.33 * mm, barHeight=bar_height, quiet=1)
        bar_width = 0.33 * mm * min(1.0, max_width / probe.width)
        self.barcode = Code128(value, barWidth=bar_width, barHeight=bar_height, quiet=1, lquiet=10 * bar_width,
                               rquiet=10 * bar_width)
        self.width, self.height = self.barcode.width, bar_height

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        self.barcode.drawOn(self.canv, 0, 0)
