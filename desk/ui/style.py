"""Fonts and the style sheet: large, calm, readable at a counter."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from resources import UI_FONT_FAMILY, UI_FONTS

log = logging.getLogger(__name__)

STYLE_SHEET = """
QWidget { font-size: 10.5pt; }
QListWidget#navList { background: #1f3b57; color: #e8eef4; font-size: 11.5pt; padding-top: 8px; }
QListWidget#navList::item { padding: 10px 14px; }
QListWidget#navList::item:selected { background: #2f6ea5; color: white; }
QGroupBox { font-weight: bold; border: 1px solid #c9d3dd; border-radius: 4px; margin-top: 10px; padding-top: 6px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; color: #1f3b57; }
QLabel[kind="error"] { background: #fde8e8; color: #8a1111; border: 1px solid #e3a1a1; padding: 6px; }
QLabel[kind="warning"] { background: #fff5d6; color: #6b4c00; border: 1px solid #e6cf85; padding: 6px; }
QLabel[kind="success"] { background: #e6f5e9; color: #135c25; border: 1px solid #9fd3ab; padding: 6px; }
QLabel[kind="info"] { background: #e8f1fb; color: #163f66; border: 1px solid #a9c7e6; padding: 6px; }
QLabel#scanHintLabel { color: #35516b; }
QLabel#appointmentValueLabel, QLabel#feeValueLabel { font-weight: bold; font-size: 11.5pt; color: #12395e; }
QLabel#placeholderTitle { font-size: 16pt; font-weight: bold; color: #1f3b57; }
QLabel#titleLabel { font-size: 13pt; font-weight: bold; color: #1f3b57; }
QPushButton { padding: 6px 14px; }
QWidget#lockOverlay { background: #142638; }  /* opaque: the form behind it is kept, not shown */
QFrame#signInPanel { background: white; border: 1px solid #9fb3c8; border-radius: 6px; padding: 14px; }
QPushButton#saveButton { background: #2f6ea5; color: white; font-weight: bold; padding: 8px 22px; border-radius: 3px; }
QPushButton#saveButton:disabled { background: #9bb3c9; }
QLineEdit[invalid="true"], QComboBox[invalid="true"], QTableWidget[invalid="true"], QWidget#feeCollectedRow[invalid="true"] { border: 2px solid #c0392b; border-radius: 2px; }
QLabel[fieldError="true"] { color: #a11212; font-size: 9.5pt; }
QLabel#todayLabel { color: #35516b; }
"""


def apply_style(app: QApplication) -> None:
    for path in UI_FONTS:
        if QFontDatabase.addApplicationFont(str(path)) < 0:
            log.warning("could not load font %s", path)
    app.setFont(QFont(UI_FONT_FAMILY, 10))
    app.setStyleSheet(STYLE_SHEET)
