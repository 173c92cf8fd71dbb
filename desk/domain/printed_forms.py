"""The papers the counter prints (DOMAIN.md §1, §2): one entry per form, read by the services that draw
them, the settings that renumber them and the pages that name them.

A form printed after a dossier's step reads that step's details; the step kinds are the ones the
lifecycle service writes (``desk/services/lifecycle.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .errors import DomainError
from .intake import OutcomeKind


class FormKind(StrEnum):
    """Names a form in settings (``form_numbers``), in file names and between the UI and the services."""

    RECEIPT = "receipt"
    SUPPLEMENT = "supplement"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    HANDOVER = "handover"
    CONTROL = "control"
    LEDGER = "ledger"


@dataclass(frozen=True)
class PrintedForm:
    kind: FormKind
    title: str  # its full name: its heading and PDF title in capitals; "Hồ sơ … chưa có <title>"
    label: str  # its short name beside its number on the agency dialog
    spoken: str  # what the clerk's message calls the printout ("Đã in <spoken>")
    number: str = ""  # the number printed in its header unless an admin set another one
    step: str | None = None  # the step whose details it prints (the newest of that kind)
    printed_by: tuple[str, ...] = ()  # the steps whose action prints it
    renewed_by: tuple[str, ...] = ()  # those of them that replace the copy the citizen holds: "… mới"
    outcome: OutcomeKind | None = None  # the visit without a dossier (guidance, refusal) it is also printed for
    # The admin renumbers it among ``settings.form_numbers``; the receipt has a setting of its own.
    numbered_in_settings: bool = True

    def spoken_after(self, step: str) -> str:
        return f"{self.spoken} mới" if step in self.renewed_by else self.spoken


FORMS: tuple[PrintedForm, ...] = (
    PrintedForm(FormKind.RECEIPT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Giấy tiếp nhận hồ sơ", "biên nhận",
                printed_by=("receive", "accept", "supplement_received"), renewed_by=("supplement_received",),
                numbered_in_settings=False),
    PrintedForm(FormKind.SUPPLEMENT, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "Phiếu yêu cầu bổ sung",
                "phiếu yêu cầu bổ sung", "Mẫu số 02", step="supplement", printed_by=("supplement",),
                outcome=OutcomeKind.GUIDANCE),
    PrintedForm(FormKind.REFUSAL, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "Phiếu từ chối tiếp nhận",
                "phiếu từ chối", "Mẫu số 03", step="refuse", printed_by=("refuse",), outcome=OutcomeKind.REFUSAL),
    PrintedForm(FormKind.APOLOGY, "Phiếu xin lỗi và hẹn lại ngày trả kết quả", "Phiếu xin lỗi, hẹn lại",
                "phiếu xin lỗi và hẹn lại", "Mẫu số 04", step="apology", printed_by=("apology",)),
    PrintedForm(FormKind.HANDOVER, "Phiếu bàn giao kết quả", "Phiếu bàn giao kết quả", "phiếu bàn giao kết quả",
                step="return", printed_by=("return",)),
    PrintedForm(FormKind.CONTROL, "Phiếu kiểm soát quá trình giải quyết hồ sơ", "Phiếu kiểm soát", "phiếu kiểm soát",
                "Mẫu số 06"),
    PrintedForm(FormKind.LEDGER, "Sổ theo dõi hồ sơ", "Sổ theo dõi hồ sơ", "sổ theo dõi", "Mẫu số 07"),
)
_BY_KIND = {form.kind: form for form in FORMS}
# Numbered by the admin on the agency dialog, in the order shown there.
NUMBERED_IN_SETTINGS: tuple[FormKind, ...] = tuple(form.kind for form in FORMS if form.numbered_in_settings)


def printed_form(kind: str) -> PrintedForm:
    try:
        return _BY_KIND[FormKind(kind)]
    except ValueError:
        raise DomainError(f"Không có mẫu phiếu “{kind}”.") from None


def form_of_outcome(kind: OutcomeKind) -> PrintedForm:
    """The form a visit without a dossier is printed on: guidance on Mẫu 02, a refusal on Mẫu 03."""
    return next(form for form in FORMS if form.outcome is OutcomeKind(kind))


def printed_after(step: str) -> str:
    """What the clerk's message calls the paper a step's action printed; "phiếu" for a step unknown here."""
    form = next((form for form in FORMS if step in form.printed_by), None)
    return form.spoken_after(step) if form else "phiếu"
