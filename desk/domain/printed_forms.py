"""The papers the counter prints (DOMAIN.md §1, §2): one entry per form, read by the services that draw
them, the settings that renumber them and the pages that name them.

A form printed after a dossier's step reads that step's details; the step kinds are the ones the
lifecycle service writes (``desk/services/lifecycle.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from .errors import DomainError
from .intake import OutcomeKind
from .text import clean_user_text, fold_for_search


class FormKind(StrEnum):
    """Names a form in settings (``form_numbers``), in file names and between the UI and the services."""

    RECEIPT = "receipt"
    SUPPLEMENT = "supplement"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    STOP = "stop"
    HANDOVER = "handover"
    CONTROL = "control"
    LEDGER = "ledger"


# What an agency may change of each form (AgencyIdentity.form_texts; the agency dialog's "Biểu mẫu"): the next
# renumbering or retitling is a settings change, not a code change.
OVERRIDABLE = ("number", "title", "signer", "signer_title", "signer_name", "symbol")
OVERRIDE_LABELS = {"number": "số hiệu mẫu", "title": "tên mẫu", "signer": "người ký (bên phải)",
                   "signer_title": "chức vụ người ký", "signer_name": "họ tên người ký", "symbol": "ký hiệu văn bản"}
TT03 = "Thông tư số 03/2025/TT-VPCP"


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
    # The admin renumbers it among the agency's form texts; the receipt has a counter setting of its own too.
    numbered_in_settings: bool = True
    # The signature headings, left and right ("" leaves that side blank); the right one is the desk's officer.
    signers: tuple[str, str] = ("", "")
    # Printed under the form; "{unit}" is the agency's unit name.
    footnotes: tuple[str, ...] = ()
    # An administrative letter (Nghị định 30/2020): "Số: 01/XL", "Nơi nhận", signed by a title and a name.
    letter: bool = False
    symbol: str = ""  # the letter's ký hiệu after its number
    signer_title: str = ""  # the letter's signer (chức vụ); empty: suggested from the unit (signer_title_for)
    signer_name: str = ""  # empty: a blank line for the signer to write
    legal_basis: str = TT03  # the text the form comes from, printed beside its number

    def spoken_after(self, step: str) -> str:
        return f"{self.spoken} mới" if step in self.renewed_by else self.spoken

    def footnotes_for(self, unit_name: str) -> tuple[str, ...]:
        return tuple(note.replace("{unit}", unit_name) for note in self.footnotes)


FORMS: tuple[PrintedForm, ...] = (
    PrintedForm(FormKind.RECEIPT, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", "Giấy tiếp nhận hồ sơ", "biên nhận",
                "Mẫu số 01", printed_by=("receive", "accept", "supplement_received"),
                renewed_by=("supplement_received",), numbered_in_settings=False,
                signers=("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ"),
                footnotes=("Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên: 01 liên lưu tại {unit}, "
                           "01 liên giao cho người nộp hồ sơ.",
                           "Trường hợp đăng ký nhận kết quả qua dịch vụ bưu chính công ích, kết quả được gửi đến "
                           "địa chỉ đã đăng ký; người nhận trả cước theo quy định.")),
    PrintedForm(FormKind.SUPPLEMENT, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", "Phiếu yêu cầu bổ sung",
                "phiếu yêu cầu bổ sung", "Mẫu số 02", step="supplement", printed_by=("supplement",),
                outcome=OutcomeKind.GUIDANCE, signers=("", "NGƯỜI HƯỚNG DẪN")),
    PrintedForm(FormKind.REFUSAL, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", "Phiếu từ chối tiếp nhận",
                "phiếu từ chối", "Mẫu số 03", step="refuse", printed_by=("refuse",), outcome=OutcomeKind.REFUSAL,
                signers=("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ")),
    PrintedForm(FormKind.APOLOGY, "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
                "Văn bản xin lỗi, gia hạn", "văn bản xin lỗi và đề nghị gia hạn", "Mẫu số 04", step="apology",
                printed_by=("apology",), letter=True, symbol="XL"),
    PrintedForm(FormKind.STOP, "Thông báo dừng giải quyết hồ sơ", "Thông báo dừng giải quyết",
                "thông báo dừng giải quyết hồ sơ", "Mẫu số 05", step="stop", printed_by=("stop",), letter=True,
                symbol="TB"),
    PrintedForm(FormKind.HANDOVER, "Phiếu bàn giao kết quả", "Phiếu bàn giao kết quả", "phiếu bàn giao kết quả",
                step="return", printed_by=("return",), signers=("NGƯỜI NHẬN KẾT QUẢ", "NGƯỜI TRẢ KẾT QUẢ"),
                legal_basis=""),
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


def with_overrides(form: PrintedForm, texts: Mapping[str, Mapping[str, str]] | None) -> PrintedForm:
    """The form as this agency prints it: its own number, title or signer where an admin typed one."""
    own = {key: value for key, value in ((texts or {}).get(form.kind.value) or {}).items()
           if key in OVERRIDABLE and isinstance(value, str) and value.strip()}
    if not own:
        return form
    signers = form.signers
    if "signer" in own:
        signers = (signers[0], own.pop("signer"))
    changes: dict[str, Any] = {**own, "signers": signers}
    return replace(form, **changes)


def validate_form_texts(texts: Mapping) -> dict[str, dict[str, str]]:
    """An agency's form texts cleaned: known forms and keys only, one line each, at most 200 characters."""
    cleaned: dict[str, dict[str, str]] = {}
    for kind, values in (texts or {}).items():
        form = printed_form(kind)
        if not isinstance(values, Mapping):
            raise DomainError(f"Thông tin biểu mẫu {form.label} không hợp lệ.", field="form_texts")
        own = {}
        for key, value in values.items():
            if key not in OVERRIDABLE:
                raise DomainError(f"Biểu mẫu không có mục “{key}”.", field="form_texts")
            # A signer's title may take two lines ("KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC"); other texts take one.
            lines = str(value or "").splitlines() if key == "signer_title" else [str(value or "")]
            text = "\n".join(line for line in (clean_user_text(part) for part in lines) if line)
            if len(text) > 200:
                raise DomainError(f"{form.label}: {OVERRIDE_LABELS[key]} dài quá 200 ký tự.", field="form_texts")
            if text:
                own[key] = text
        if own:
            cleaned[form.kind.value] = own
    return cleaned


def signer_title_for(unit_name: str) -> str:
    """Who signs the centre's letters (Mẫu 04, 05) when the admin has not said: the head of a Trung tâm is its
    Giám đốc; a Bộ phận Một cửa of a commune People's Committee signs for the committee."""
    folded = unit_name.strip().lower()
    if folded.startswith("trung tâm"):
        return "GIÁM ĐỐC"
    return "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"


def unit_initials(unit_name: str) -> str:
    """The unit as "Lưu: VT, TTPVHCC." abbreviates it: the initials of its name before the place ("Trung tâm Phục vụ
    hành chính công xã Ea Kar" → "TTPVHCC"; "Bộ phận Một cửa" → "BPMC")."""
    words = []
    for word in fold_for_search(unit_name).split():
        if word in ("xa", "phuong", "dac", "thi", "tinh", "huyen"):
            break
        words.append(word)
    return "".join(word[0] for word in words).upper() or "VP"


def printed_after(step: str) -> str:
    """What the clerk's message calls the paper a step's action printed; "phiếu" for a step unknown here."""
    form = next((form for form in FORMS if step in form.printed_by), None)
    return form.spoken_after(step) if form else "phiếu"
