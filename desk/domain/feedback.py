"""Citizens' feedback (phản ánh, kiến nghị) as the desk records it: categories, channels, the checks of what
a citizen says, the code and the date the answer is due (docs/ARCHITECTURE.md, "Citizens' feedback").

The categories, lengths and code shapes are the contract's (contract/feedback.py): the province checks the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from contract.feedback import (
    ANSWER_WORKING_DAYS,
    CATEGORIES,
    CHANNELS,
    EMAIL_PATTERN,
    MAX_ANSWER,
    MAX_NAME,
    MAX_TEXT,
    MIN_TEXT,
    PHONE_PATTERN,
)
from contract.limits import MAX_EMAIL

from .calendar import ProcessingTime, TimeUnit, WorkingCalendar
from .errors import DomainError, Problems
from .text import clean_user_text

DOSSIER_CODE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$")


class Channel(StrEnum):
    COUNTER = "counter"  # the clerk typed it; the citizen may sign the slip
    KIOSK = "kiosk"  # typed or chosen by the citizen at the kiosk
    WEB = "web"  # the province's tracking page, pulled by the commune's desks

    @property
    def label(self) -> str:
        return CHANNELS[self.value]


class FeedbackStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"


# The kiosk's common topics: a tap fills the category and a first sentence the citizen may complete.
KIOSK_TOPICS: tuple[tuple[str, str], ...] = (
    ("time", "Hồ sơ của tôi giải quyết chậm hơn ngày hẹn."),
    ("attitude", "Cán bộ tiếp nhận chưa hướng dẫn tận tình."),
    ("procedure", "Thủ tục, giấy tờ yêu cầu chưa rõ ràng, phải bổ sung nhiều lần."),
    ("fees", "Tôi chưa rõ về khoản phí, lệ phí đã nộp."),
    ("facilities", "Nơi chờ thiếu chỗ ngồi, nước uống hoặc nhà vệ sinh."),
    ("other", "Tôi có kiến nghị khác:"),
)


def category_label(key: str) -> str:
    return CATEGORIES.get(key, CATEGORIES["other"])


@dataclass(frozen=True)
class FeedbackDraft:
    """What a citizen says, as typed (at the counter by the clerk, at the kiosk by the citizen)."""

    category: str
    text: str
    dossier_code: str = ""
    citizen_name: str = ""
    phone: str = ""
    email: str = ""

    def validated(self) -> FeedbackDraft:
        """The draft cleaned (spaces, control characters, codes in capitals), or Problems naming each field."""
        problems: list[DomainError] = []
        text = clean_user_text(self.text)
        if self.category not in CATEGORIES:
            problems.append(DomainError("Vui lòng chọn loại phản ánh, kiến nghị.", field="category"))
        if len(text) < MIN_TEXT:
            problems.append(DomainError(f"Nội dung phản ánh cần ít nhất {MIN_TEXT} ký tự.", field="text"))
        elif len(text) > MAX_TEXT:
            problems.append(DomainError(f"Nội dung phản ánh dài {len(text)} ký tự; tối đa {MAX_TEXT} ký tự.",
                                        field="text"))
        code = "".join(self.dossier_code.split()).upper()
        if code and not DOSSIER_CODE.fullmatch(code):
            problems.append(DomainError("Mã hồ sơ có dạng 000.00.53.H16-261123-0001 (in trên giấy tiếp nhận); "
                                        "để trống nếu phản ánh không về một hồ sơ.", field="dossier_code"))
        name = clean_user_text(self.citizen_name)
        if len(name) > MAX_NAME:
            problems.append(DomainError(f"Họ tên tối đa {MAX_NAME} ký tự.", field="citizen_name"))
        phone = "".join(self.phone.split()).replace(".", "").replace("-", "")
        if phone and not re.fullmatch(PHONE_PATTERN, phone):
            problems.append(DomainError("Số điện thoại gồm 10 hoặc 11 chữ số, bắt đầu bằng 0 (hoặc +84).",
                                        field="phone"))
        email = self.email.strip()
        if email and (len(email) > MAX_EMAIL or not re.fullmatch(EMAIL_PATTERN, email)):
            problems.append(DomainError("Địa chỉ thư điện tử chưa đúng, ví dụ ten@example.vn.", field="email"))
        if problems:
            raise Problems(problems)
        return FeedbackDraft(self.category, text, code, name, phone, email)


def check_answer(text: str) -> str:
    answer = clean_user_text(text)
    if len(answer) < MIN_TEXT:
        raise DomainError(f"Câu trả lời cần ít nhất {MIN_TEXT} ký tự.", field="answer")
    if len(answer) > MAX_ANSWER:
        raise DomainError(f"Câu trả lời dài {len(answer)} ký tự; tối đa {MAX_ANSWER} ký tự.", field="answer")
    return answer


def format_feedback_code(agency_code: str, day: date, sequence: int) -> str:
    """``<agency>-PA-yymmdd-NNNN``: PA for phản ánh; the day is the Vietnam date it was received."""
    return f"{agency_code}-PA-{day:%y%m%d}-{sequence:04d}"


def answer_due(calendar: WorkingCalendar, received_at: datetime, working_days: int = ANSWER_WORKING_DAYS) -> datetime:
    """When the answer is due: ``working_days`` working days of the desk's calendar after receipt (holidays and
    make-up days included), counted as an appointment is."""
    due = calendar.appointment(received_at, ProcessingTime(working_days, TimeUnit.WORKING_DAYS))
    assert due is not None
    return due


def is_overdue(due_at: datetime, answered_at: datetime | None, now: datetime) -> bool:
    """Late: unanswered past its due moment, or answered after it."""
    return (answered_at or now) > due_at
