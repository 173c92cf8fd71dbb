"""Dates as clerks type them."""

from __future__ import annotations

import re
from datetime import date

from .errors import DomainError


def parse_typed_date(text: str, label: str, field: str) -> date | None:
    """A date as clerks type it: ``dd/mm/yyyy``, ``d/m/yyyy``, ``ddmmyyyy``, with / . or - between."""
    text = (text or "").strip()
    if not text:
        return None
    parts = re.split(r"[/.\-\s]+", text)
    if len(parts) == 1 and len(text) == 8 and text.isdigit():
        parts = [text[:2], text[2:4], text[4:]]
    try:
        if len(parts) != 3 or not all(p.isdigit() and p.isascii() for p in parts) or len(parts[2]) != 4:
            raise ValueError
        day, month, year = (int(p) for p in parts)
        return date(year, month, day)
    except ValueError:
        raise DomainError(f"{label} phải là ngày có thật, dạng dd/mm/yyyy (ví dụ 05/03/1990 hoặc 05031990).",
                          field=field) from None
