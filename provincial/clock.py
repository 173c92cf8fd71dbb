"""Times of the province: ``*_utc`` columns are naive UTC, ``*_at`` naive Vietnam wall time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@overload
def vietnam_wall(moment: datetime) -> datetime: ...
@overload
def vietnam_wall(moment: None) -> None: ...
@overload
def vietnam_wall(moment: datetime | None) -> datetime | None: ...
def vietnam_wall(moment: datetime | None) -> datetime | None:
    """Naive Vietnam wall time of an aware moment (how times are stored)."""
    if moment is None:
        return None
    return moment.astimezone(VIETNAM).replace(tzinfo=None)


def vietnam_now() -> datetime:
    """Now, as a Vietnam wall time."""
    return vietnam_wall(datetime.now(UTC))


def iso_vietnam(moment: datetime | None) -> str | None:
    return moment.replace(tzinfo=VIETNAM).isoformat() if moment else None
