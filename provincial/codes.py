"""Dossier codes the province issues itself: online applications, numbered from 9999 downwards each day.

The counter's desks number their dossiers upwards from 0001; the top of the day's range, 9000–9999, belongs to
the online portal. A desk may not create a dossier there (one such upsert used to make every online application
of that day fail), and allocation skips any code that exists anyway (stored before the range was reserved)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from contract.limits import ONLINE_FIRST, ONLINE_LAST  # one place for the desks and the province

from .errors import Conflict
from .models import Dossier


def daily_sequence(code: str) -> int:
    """The 4-digit number at the end of ``<agency>-<yymmdd>-NNNN``."""
    return int(code.rsplit("-", 1)[1])


def reserved_for_online(code: str) -> bool:
    return ONLINE_FIRST <= daily_sequence(code) <= ONLINE_LAST


def refuse_reserved(code: str) -> None:
    if reserved_for_online(code):
        raise Conflict("reserved_code", f"Mã hồ sơ {code} thuộc dải số {ONLINE_FIRST}–{ONLINE_LAST} dành "
                                        "cho hồ sơ nộp trực tuyến; máy quầy không được dùng số này. "
                                        "Hãy cấp mã khác cho hồ sơ.")


def next_online_code(s: Session, prefix: str) -> str:
    """The highest free code of the online range for ``prefix`` (``<agency>-<yymmdd>-``)."""
    taken = set(s.scalars(select(Dossier.code).where(Dossier.code >= f"{prefix}{ONLINE_FIRST:04d}",
                                                     Dossier.code <= f"{prefix}{ONLINE_LAST:04d}")))
    for number in range(ONLINE_LAST, ONLINE_FIRST - 1, -1):
        code = f"{prefix}{number:04d}"
        if code not in taken:
            return code
    raise Conflict("online_codes_exhausted", f"Đã hết số hồ sơ trực tuyến trong ngày "
                                             f"({ONLINE_LAST - ONLINE_FIRST + 1} hồ sơ).")
