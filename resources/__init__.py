"""Plain-file resources (fonts, seed catalog, calendars), found through this one module."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent
FONTS_DIR = ROOT / "fonts"
CATALOG_FILE = ROOT / "catalog" / "procedures.json"
CATALOG_SCHEMA = ROOT / "catalog" / "schema.json"  # the import/export file format (docs/ADMIN.md)
CALENDAR_DIR = ROOT / "calendar"
# The user guide that F1 opens: one file for the desk and the repository (its pictures beside it).
USER_GUIDE = ROOT.parent / "docs" / "HUONG-DAN.md"

SERIF = {
    "regular": FONTS_DIR / "LiberationSerif-Regular.ttf",
    "bold": FONTS_DIR / "LiberationSerif-Bold.ttf",
    "italic": FONTS_DIR / "LiberationSerif-Italic.ttf",
    "bold_italic": FONTS_DIR / "LiberationSerif-BoldItalic.ttf",
}
UI_FONTS = (FONTS_DIR / "LiberationSans-Regular.ttf", FONTS_DIR / "LiberationSans-Bold.ttf")
UI_FONT_FAMILY = "Liberation Sans"
