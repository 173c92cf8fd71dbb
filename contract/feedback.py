"""Citizens' feedback (phản ánh, kiến nghị), the part the desk and the province share: categories, channels,
lengths, the code's shape, the due date's default and the public view's words (docs/ARCHITECTURE.md, "Citizens'
feedback"). Pure Python: the desk's domain and the province's schemas both read it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

# Stored values (desk ``feedback.category``, province ``feedback.category``): a value never changes.
CATEGORIES: dict[str, str] = {
    "attitude": "Thái độ phục vụ",
    "time": "Thời gian giải quyết",
    "procedure": "Thủ tục, giấy tờ",
    "fees": "Phí, lệ phí",
    "facilities": "Cơ sở vật chất",
    "other": "Khác",
}
CHANNELS: dict[str, str] = {"counter": "Tại quầy", "kiosk": "Tại kiosk", "web": "Trang tra cứu"}
STATUSES: dict[str, str] = {"open": "Đang xem xét, chưa trả lời", "answered": "Đã trả lời"}

MIN_TEXT, MAX_TEXT = 10, 2000  # the citizen's words
MAX_ANSWER = 4000
MAX_NAME = 200
ANSWER_WORKING_DAYS = 10  # the default time to answer (docs/LEGAL.md, "Phản ánh, kiến nghị")

# <agency>-PA-yymmdd-NNNN from a desk (its agency code first), PA-yymmdd-NNNN from the tracking page.
DESK_CODE_PATTERN = r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-PA-\d{6}-\d{4}$"
WEB_CODE_PATTERN = r"^PA-\d{6}-\d{4}$"
CODE_PATTERN = r"^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-)?PA-\d{6}-\d{4}$"
PHONE_PATTERN = r"^(\+84|0)\d{8,10}$"
EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$"
_CODE = re.compile(CODE_PATTERN)


def is_feedback_code(text: str) -> bool:
    return _CODE.fullmatch(text or "") is not None


def normalise_code(text: str) -> str:
    return "".join((text or "").split()).upper()


def agency_of(code: str) -> str:
    """The agency a desk's feedback code names ("" for a web code)."""
    head, _sep, _rest = code.partition("-PA-")
    return head if _rest else ""


def due_on_weekdays(received_at: datetime, working_days: int = ANSWER_WORKING_DAYS) -> datetime:
    """The answer's due moment counting Monday–Friday only: what the province uses, not knowing each year's
    holidays (a desk counts on its working calendar, holidays included). The same hour ``working_days`` weekdays
    later; a moment on a weekend counts from the next Monday's start."""
    moment = received_at
    while moment.weekday() >= 5:
        moment = (moment + timedelta(days=1)).replace(hour=7, minute=30, second=0, microsecond=0)
    left = working_days
    while left:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            left -= 1
    return moment
