"""The province's security rules without a server: masked names (the kiosk's rule), weak Ed25519 keys, equal
timing of the credential checks, reserved online codes, cursors in range."""

from __future__ import annotations

import base64
import statistics
import time
import uuid
from datetime import datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desk.services.kiosk import mask_name as kiosk_mask_name
from provincial import security
from provincial.database import ServerDatabase
from provincial.errors import DomainError
from provincial.http_errors import status_of
from provincial.models import Dossier
from provincial.service import Backend, DeskIdentity
from provincial.services.tracking import mask_name
from tests.e2e.test_hardening import SMALL_ORDER_KEYS
from tests.e2e.test_provincial_server import RECORD

A = "000.00.53.H16"

# One rule for the kiosk and the tracking page: the first word stays (a family name, or the Êđê "H"/"Y"),
# every other word shows its first letter; a one-word name shows only its first letter.
NAMES = [
    ("Nguyễn Thị Hoa", "Nguyễn T** H**"),
    ("Hoa", "H**"),
    ("Trần Minh", "Trần M**"),
    ("H Hen Niê", "H H** N**"),
    ("Y Sơn Niê", "Y S** N**"),
    ("Y", "Y**"),
    ("  Nguyễn   Thị\tHoa  ", "Nguyễn T** H**"),
    ("Đặng Ngọc Ánh", "Đặng N** Á**"),
    ("Đặng Ngọc A\u0301nh", "Đặng N** Á**"),  # typed with a combining accent
    ("Ánh", "Á**"),
    ("", ""),
    ("   ", ""),
]


@pytest.mark.parametrize("name,masked", NAMES)
def test_the_province_masks_names_by_the_rule(name, masked):
    assert mask_name(name) == masked


def test_the_kiosk_and_the_tracking_page_mask_every_name_alike():  # one rule: contract/masking.py
    assert [kiosk_mask_name(name) for name, _ in NAMES] == [mask_name(name) for name, _ in NAMES]


# -- weak keys ----------------------------------------------------------------------------------------------------
def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_small_order_and_mixed_order_keys_are_not_valid_keys():
    for key in SMALL_ORDER_KEYS:
        assert not security.valid_public_key(_b64(key)), key.hex()
    # a genuine key plus a point of order 8: signatures could be made to verify for several keys
    from provincial.ed25519 import decode_point, encode_point, point_add

    genuine = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    mixed = encode_point(point_add(decode_point(genuine), decode_point(SMALL_ORDER_KEYS[4])))
    assert security.valid_public_key(_b64(genuine)) and not security.valid_public_key(_b64(mixed))
    for _ in range(50):
        key = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        assert security.valid_public_key(_b64(key))
    for junk in ("", "AAAA", "!" * 43, _b64(b"\xff" * 32)):
        assert not security.valid_public_key(junk)


def test_a_fixed_signature_does_not_verify_with_a_weak_key():
    signature = _b64(bytes.fromhex("01" + "00" * 31) + bytes(32))
    for key in SMALL_ORDER_KEYS[:2]:
        assert not security.verify_receipt(_b64(key), b"any message", signature)


# -- equal timing ------------------------------------------------------------------------------------------------
@pytest.fixture
def backend(tmp_path):
    db = ServerDatabase.in_directory(tmp_path)
    db.migrate()
    backend = Backend(db, tmp_path, b"k" * 32)
    backend.create_commune(A, "Xã Ea Kar", "UBND TỈNH ĐẮK LẮK")
    yield backend
    db.engine.dispose()


def _public_key() -> str:
    return _b64(Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


def _median_seconds(call, times: int = 7) -> float:
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        try:
            call()
        except DomainError:
            pass
        spent.append(time.perf_counter() - started)
    return statistics.median(spent)


def test_token_checks_take_as_long_for_an_unknown_desk_as_for_a_wrong_secret(backend):
    code, _ = backend.issue_enrollment_code(A)
    desk, _secret, _ = backend.enroll(code, "Quầy 1", _public_key())
    known = _median_seconds(lambda: backend.issue_token(desk.client_id, "wrong-secret-" + "x" * 30))
    unknown = _median_seconds(lambda: backend.issue_token("desk-0000000000000000", "wrong-secret-" + "x" * 30))
    print(f"\n/token: known desk, wrong secret {known * 1000:.1f} ms; unknown desk {unknown * 1000:.1f} ms")
    assert 0.6 < unknown / known < 1.6


def test_a_wrong_enrollment_code_takes_as_long_as_a_right_one(backend):
    codes = [backend.issue_enrollment_code(A)[0] for _ in range(7)]
    right = _median_seconds(lambda: backend.enroll(codes.pop(), "Quầy", _public_key()))
    wrong = _median_seconds(lambda: backend.enroll("ABCD-EFGH-JKLM", "Quầy", _public_key()))
    print(f"\n/enroll: right code {right * 1000:.1f} ms; wrong code {wrong * 1000:.1f} ms")
    assert 0.6 < wrong / right < 1.6


# -- reserved online codes -----------------------------------------------------------------------------------------
def _desk(backend: Backend) -> DeskIdentity:
    code, _ = backend.issue_enrollment_code(A)
    desk, _secret, commune = backend.enroll(code, "Quầy 1", _public_key())
    return DeskIdentity(desk.id, desk.client_id, commune.id, A)


def test_online_codes_skip_a_code_that_exists_anyway(backend):
    """A code of the online range stored before the range was reserved (or by any other way): the next online
    application takes the next free number instead of failing."""
    desk = _desk(backend)
    with backend.db.write() as session:
        session.add(Dossier(code=f"{A}-261124-9999", commune_id=desk.commune_id, status=2, record=dict(RECORD),
                            version=1, to_bring=[], created_utc=datetime(2026, 11, 24),
                            updated_utc=datetime(2026, 11, 24)))
    online = {**RECORD, "channel": 2, "received_at": "2026-11-24T08:00:00+07:00", "appointment_at": None}
    assert backend.create_online_dossier(A, online)["code"] == f"{A}-261124-9998"
    assert backend.create_online_dossier(A, online)["code"] == f"{A}-261124-9997"
    with pytest.raises(DomainError) as refused:
        backend.upsert_dossier(desk, f"{A}-261124-9500", str(uuid.uuid4()), dict(RECORD))
    assert status_of(refused.value) == 409 and refused.value.error == "reserved_code"


@pytest.mark.parametrize("cursor", [security.b64url(b"c1:" + b"9" * 60), security.b64url(b"c1:" + b"9" * 19),
                                    security.b64url(b"c1:-1"), security.b64url("c1:٣".encode()), "ü", "%%%",
                                    security.b64url(b"e1:1")])
def test_cursors_out_of_range_are_refused(backend, cursor):
    desk = _desk(backend)
    with pytest.raises(DomainError) as refused:
        backend.changes(desk, cursor, 10)
    assert status_of(refused.value) == 400
