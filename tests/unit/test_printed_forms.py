"""One registry of the printed forms (desk/domain/printed_forms.py), read by the settings, the services
that draw them, printing and the pages that name them."""

from __future__ import annotations

import pytest

from desk.domain.errors import DomainError
from desk.domain.intake import OutcomeKind
from desk.domain.printed_forms import (
    FORMS,
    NUMBERED_IN_SETTINGS,
    FormKind,
    form_of_outcome,
    printed_after,
    printed_form,
)
from desk.services.forms import DRAWERS
from desk.settings import CounterSettings


def test_every_kind_has_one_entry_and_every_dossier_form_a_drawer():
    assert [form.kind for form in FORMS] == list(FormKind)
    # The receipt is drawn by ReceiptService, the ledger covers a period rather than a dossier.
    assert set(DRAWERS) == set(FormKind) - {FormKind.RECEIPT, FormKind.LEDGER}


def test_the_forms_an_admin_renumbers_are_the_ones_settings_accept():
    numbered = {kind.value: "Mẫu số 99" for kind in NUMBERED_IN_SETTINGS}
    assert CounterSettings(form_numbers=numbered).validate().form_numbers == numbered
    with pytest.raises(DomainError, match="receipt"):  # the receipt's number is ``form_number``, not one of these
        CounterSettings(form_numbers={"receipt": "Mẫu số 99"}).validate()


def test_each_step_that_prints_names_its_paper():
    assert [printed_after(step) for step in ("accept", "supplement_received", "supplement", "refuse", "apology",
                                             "return", "handover", "withdraw")] == [
        "biên nhận", "biên nhận mới", "phiếu yêu cầu bổ sung", "phiếu từ chối", "văn bản xin lỗi và đề nghị gia hạn",
        "phiếu bàn giao kết quả", "phiếu", "phiếu"]
    assert printed_form("control").spoken == "phiếu kiểm soát"


def test_a_visit_without_a_dossier_prints_on_the_supplement_or_refusal_form():
    assert form_of_outcome(OutcomeKind.GUIDANCE).kind is FormKind.SUPPLEMENT
    assert form_of_outcome("refusal").kind is FormKind.REFUSAL


def test_an_unknown_form_is_refused_in_words():
    with pytest.raises(DomainError, match="Không có mẫu phiếu “thiep-cuoi”"):
        printed_form("thiep-cuoi")
