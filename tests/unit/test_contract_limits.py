"""What the province would refuse is refused at the counter, with the same limits from one place (issue 15):
contract/limits.py, which the province's schemas are built from and the desk checks against."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from contract import limits
from desk.domain.errors import DomainError
from desk.domain.fees import FeeKind, FeeRule
from tests.conftest import ADMIN, CLERK, ROOT
from tests.support.workers import sample_request


def _schema(name: str) -> dict:
    document = json.loads((ROOT / "provincial" / "openapi.json").read_text(encoding="utf-8"))
    return document["components"]["schemas"][name]


def _max_items(schema: dict, field: str) -> int:
    prop = schema["properties"][field]
    for option in prop.get("anyOf", [prop]):
        if "maxItems" in option:
            return option["maxItems"]
    raise AssertionError(f"{field} has no maxItems")


def test_the_contract_the_province_publishes_has_the_same_limits():
    assert _schema("FeeItem")["properties"]["amount"]["maximum"] == limits.MAX_FEE_VND
    assert _max_items(_schema("EventIn"), "documents") == limits.MAX_EVENT_DOCUMENTS
    assert _max_items(_schema("InboxSupplementIn"), "documents") == limits.MAX_EVENT_DOCUMENTS
    assert _max_items(_schema("DossierRecord"), "documents") == limits.MAX_DOSSIER_DOCUMENTS
    assert _max_items(_schema("IntakeOutcomeIn"), "documents") == limits.MAX_OUTCOME_DOCUMENTS


def test_56_papers_in_one_supplement_request_are_refused_at_the_counter(desk):
    request, version = sample_request(desk)
    code = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    with pytest.raises(DomainError, match="tối đa 50 giấy tờ") as caught:
        desk.lifecycle.request_supplement(code, [f"Giấy tờ số {n}" for n in range(56)], "Thiếu nhiều giấy tờ",
                                          actor=CLERK)
    assert caught.value.field == "documents"
    assert desk.dossiers.get(code).summary.status.value == 2  # nothing happened


def test_a_fee_of_20_billion_is_refused_at_the_counter(desk):
    template = desk.catalog.get("2.000884").template
    with pytest.raises(DomainError, match="Lệ phí") as caught:  # no single amount that big in a template
        desk.catalog.save(replace(template, fee=FeeRule(FeeKind.FIXED, 20_000_000_000)), actor=ADMIN)
    assert caught.value.field.startswith("fee")
    entry = desk.catalog.save(replace(template, fee=FeeRule(FeeKind.PER_COPY, 50_000_000)), actor=ADMIN)
    request, _ = sample_request(desk)
    request = replace(request, procedure=entry.template, copies=400)  # 400 copies: 20.000.000.000 đ
    with pytest.raises(DomainError, match="vượt mức hệ thống của tỉnh") as caught:
        desk.intake.receive(request, procedure_version=entry.version, actor=CLERK)
    assert caught.value.field == "fee" and desk.dossiers.count() == 0
