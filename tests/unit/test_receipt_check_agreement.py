"""The desk and the province each keep their own copy of the seal message and the check code
(the two sides share a contract, not code): both copies must give the same bytes and the same codes."""

from __future__ import annotations

import base64
import hashlib

import pytest

from desk.domain import receipt_check as desk_side
from provincial import security as province_side


def _seal(n: int) -> str:
    """A plausible seal: 64 bytes as base64url without padding (86 characters), like an Ed25519 signature."""
    raw = hashlib.sha512(f"seal {n}".encode()).digest()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


@pytest.mark.parametrize("code,id_number,received", [
    ("000.00.53.H16-261123-0001", "066195012345", "2026-11-23T09:15:00"),
    ("000.00.54.H16-270101-9999", "241234567", "2027-01-01T00:00:00"),
    ("000.00.53.H16-261123-0002", "", "2026-11-23T23:59:59"),
])
def test_the_seal_message_is_the_same_bytes(code, id_number, received):
    assert province_side.seal_message(code, id_number, received) == desk_side.seal_message(code, id_number, received)


def test_the_check_code_is_the_same_for_the_same_seal():
    seals = [_seal(n) for n in range(200)] + ["A" * 86, "_" * 86, "-" * 86]
    for seal in seals:
        printed = desk_side.check_code(seal)
        assert province_side.check_code(seal) == printed
        assert province_side.normalize_check_code(printed) == printed  # a printed code is always accepted
    assert len({desk_side.check_code(seal) for seal in seals}) == len(seals)


@pytest.mark.parametrize("typed", [
    "ABCD-EFGH", "abcd-efgh", " ab cd  ef gh ", "ABCDEFGH", "ABCD_EFGH", "ABCD-EFG0", "ABCD-EFGI", "ABCD-EFGO",
    "ABCD-EFG1", "ABCD-EFG", "ABCD-EFGHJ", "", None, "ＡＢＣＤ-ＥＦＧＨ", "ABCD–EFGH", "ẠBCD-EFGH", "2345-6789",
])
def test_a_typed_check_code_is_read_the_same_way(typed):
    assert province_side.normalize_check_code(typed) == desk_side.normalize_check_code(typed)


def test_the_alphabet_and_length_are_the_same():
    assert (province_side.CHECK_ALPHABET, province_side.CHECK_LENGTH) == (desk_side.ALPHABET, desk_side.CHECK_LENGTH)
