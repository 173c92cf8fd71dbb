"""Opaque cursors (the changes feed ``c1``, the rebuild export ``e1``): base64url of ``<kind>:<number>``.

A cursor comes back from the client, so it is checked like any input before it reaches the database: its kind,
ASCII digits only, and a number that fits the column it is compared with (a 60-digit number once gave a 500 on
SQLite; on PostgreSQL a parameter is cast to the column's 32-bit INTEGER, so 2^31 − 1 is the bound)."""

from __future__ import annotations

from . import security
from .errors import Malformed

MAX_POSITION = 2**31 - 1  # the change's seq and the dossier's id are INTEGER columns


def encode_cursor(kind: str, position: int) -> str:
    return security.b64url(f"{kind}:{position}".encode())


def decode_cursor(kind: str, cursor: str) -> int:
    """The position a cursor of ``kind`` stands for (0 for an empty cursor); 400 for anything else."""
    if not cursor:
        return 0
    try:
        found, digits = security.unb64url(cursor).decode("ascii").split(":")
    except (ValueError, UnicodeError):
        found, digits = "", ""
    if found != kind or not (digits.isascii() and digits.isdigit()) or len(digits) > 10 \
            or int(digits) > MAX_POSITION:
        raise Malformed("bad_cursor", "Con trỏ danh sách không hợp lệ; hãy bắt đầu lại từ đầu "
                                      "(con trỏ rỗng) hoặc dùng con trỏ máy chủ đã trả.")
    return int(digits)
