"""Vietnam time. Vietnam keeps UTC+7 all year; business times are stored as local wall time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def to_vietnam_local(moment: datetime) -> datetime:
    """Naive Vietnam wall time of an aware moment (naive input is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(VIETNAM).replace(tzinfo=None)


def vietnam_now() -> datetime:
    return to_vietnam_local(datetime.now(UTC))


def utc_now() -> datetime:
    """Naive UTC, as the technical ``*_utc`` columns store it."""
    return datetime.now(UTC).replace(tzinfo=None)
