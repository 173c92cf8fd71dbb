"""Moments as the counter says them on screen (the printed forms have their own wording in printing/)."""

from __future__ import annotations

from datetime import datetime

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def describe_moment(moment: datetime | None) -> str:
    """``09 giờ 30 phút, thứ Hai 07/12/2026``; an open-ended time limit in words."""
    if moment is None:
        return "Không có thời hạn cố định"
    return f"{moment:%H} giờ {moment:%M} phút, {WEEKDAYS[moment.weekday()]} {moment:%d/%m/%Y}"
