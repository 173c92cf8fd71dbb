from datetime import date

import pytest

from desk.domain.codes import DossierCode, format_dossier_code, validate_agency_code, validate_procedure_code
from desk.domain.errors import DomainError
from desk.domain.fees import FeeKind, FeeRule, PageTier
from desk.domain.money import format_vnd
from desk.domain.text import fold_for_search


def test_agency_identifier_format():
    assert validate_agency_code(" 000.00.53.h48 ") == "000.00.53.H48"
    for bad in ("000.00.53.48", "00.00.53.H48", "000-00-53-H48", ""):
        with pytest.raises(DomainError, match="ví dụ 000.00.53.H16"):
            validate_agency_code(bad)


def test_dossier_code_format_and_parse():
    code = format_dossier_code("000.00.53.H48", date(2022, 9, 21), 99)
    assert code == "000.00.53.H48-220921-0099"
    assert DossierCode.parse(code) == DossierCode("000.00.53.H48", date(2022, 9, 21), 99)
    with pytest.raises(DomainError, match="9999"):
        format_dossier_code("000.00.53.H48", date(2022, 9, 21), 10000)
    with pytest.raises(DomainError):
        DossierCode.parse("000.00.53.H48-221321-0001")


def test_procedure_codes():
    assert validate_procedure_code("1.001193") == "1.001193"
    assert validate_procedure_code("1.001193.000.00.00.H16", provincial=True)
    with pytest.raises(DomainError):
        validate_procedure_code("1001193")


CERTIFIED_COPY = FeeRule(FeeKind.PER_PAGE, tiers=(PageTier(1, 2, 2000), PageTier(3, None, 1000)),
                         cap_per_copy=200_000)


@pytest.mark.parametrize("pages,copies,expected", [
    (1, 1, 2000), (2, 1, 4000), (3, 1, 5000), (10, 1, 12000), (10, 3, 36000),
    (300, 1, 200_000), (300, 2, 400_000), (0, 1, 0),
])
def test_certified_copy_fee_tiers_and_cap(pages, copies, expected):
    assert CERTIFIED_COPY.compute(pages=pages, copies=copies) == expected


def test_other_fee_kinds_and_round_trip():
    assert FeeRule(FeeKind.FREE).compute(pages=5, copies=5) == 0
    assert FeeRule(FeeKind.FIXED, 10_000).compute(copies=4) == 10_000
    assert FeeRule(FeeKind.PER_COPY, 8_000).compute(copies=3) == 24_000
    for rule in (CERTIFIED_COPY, FeeRule(FeeKind.PER_COPY, 8_000), FeeRule(FeeKind.UNSET, note="x")):
        assert FeeRule.from_dict(rule.to_dict()) == rule
    assert "tối đa 200.000 đ/bản" in CERTIFIED_COPY.describe()


def test_money_and_search_folding():
    assert format_vnd(10000) == "10.000 đ"
    assert format_vnd(1234567) == "1.234.567 đ"
    assert format_vnd(0) == "0 đ"
    assert fold_for_search("Đăng ký  KẾT HÔN") == "dang ky ket hon"
    assert fold_for_search("Chứng thực bản sao") == "chung thuc ban sao"
