"""Text helpers shared by search and printing.

Vietnamese search must match without tone marks and without "đ" (PLATFORM.md: SQLite's
FTS5 and LIKE fold neither đ nor non-ASCII case), so every searchable column stores a
folded copy made by :func:`fold_for_search`, and queries are folded the same way.
"""

from __future__ import annotations

import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_for_search(text: str) -> str:
    """Lower-case ASCII skeleton: "Đăng ký khai sinh" -> "dang ky khai sinh"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())


def strip_control_chars(text: str) -> str:
    """Drop C0/C1 control characters (except none) that would garble a printed line.

    Tabs and newlines become spaces: a printed field is one paragraph.
    """
    out = []
    for ch in text:
        if ch in "\t\r\n":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cf") and ch not in "\u200d":
            continue
        else:
            out.append(ch)
    return "".join(out)


def clean_user_text(text: str | None) -> str:
    """What we store for a free-text field a person typed or a scanner sent."""
    if not text:
        return ""
    return " ".join(strip_control_chars(nfc(text)).split())


def reveal_hidden_chars(text: str) -> str:
    """``text`` with each character a reader cannot see, or would misread, written as ⟨U+XXXX⟩.

    Control and format characters (byte-order mark, zero-width spaces…), spaces other than the
    plain space, unassigned and private-use characters, lone combining marks, the replacement
    character and digits other than 0–9 (Arabic-Indic, full-width, superscript): a refused value
    shown in a message then says why it was refused.
    """
    return "".join(ch if _plainly_visible(ch) else f"⟨U+{ord(ch):04X}⟩" for ch in text)


def _plainly_visible(ch: str) -> bool:
    if ch == " ":
        return True
    if unicodedata.category(ch)[0] in "CZM" or ch == "\ufffd":
        return False
    return not ch.isdigit() or "0" <= ch <= "9"


def dossier_search_key(owner_name: str, submitter_name: str, *codes: str) -> str:
    """What the dossier list searches: folded names, then codes, ID and phone numbers as typed."""
    return " ".join([fold_for_search(owner_name), fold_for_search(submitter_name),
                     *(c.lower() for c in codes if c)])
