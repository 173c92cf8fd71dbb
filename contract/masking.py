"""How a citizen's name is shown where anyone may look (the tracking page, the kiosk): one rule for both."""

from __future__ import annotations

import unicodedata


def mask_name(name: str) -> str:
    """"Nguyễn Văn Hoa" → "Nguyễn V** H**": the first word (a family name, or the Êđê "H"/"Y"), then initials;
    a one-word name shows only its initial ("Hoa" → "H**"). The tracking page and the kiosk
    both use this function."""
    words = unicodedata.normalize("NFC", name).split()
    if not words:
        return ""
    initials = [_initial(word) + "**" for word in words[1:]]
    return " ".join([words[0], *initials]) if initials else _initial(words[0]) + "**"


def _initial(word: str) -> str:
    """The first letter with the marks that belong to it (a letter NFC has no single code point for)."""
    end = 1
    while end < len(word) and unicodedata.combining(word[end]):
        end += 1
    return word[:end]
