"""The tracking page opened without the QR: the receipt's check code, the ID digits for receipts printed
before the desk was enrolled, the limit on wrong guesses. A real server on loopback (docs/REST.md)."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desk.domain.receipt_check import check_code, seal_message
from provincial.security import b64url
from tests.e2e.test_provincial_server import RECORD, A, B, DeskClient, two_communes
from tests.support.provincial import ROOT

ID_NUMBER, RECEIVED = "066195012345", "2026-11-23T09:15:00"  # RECORD's owner and time received
PERSONAL = ("Nguyễn", "Chứng thực", "066195012345", "0912345678", "Ea Kar")  # in RECORD; never before a proof


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    # A generous per-address limit: these tests make many lookups from one address on purpose.
    process = two_communes(tmp_path_factory.mktemp("province"), "--public-per-minute", "100000")
    yield process
    process.stop()


@pytest.fixture(scope="module")
def desk(server):
    client = DeskClient(server, A)
    yield client
    client.http.close()


@pytest.fixture(scope="module")
def other_desk(server):
    client = DeskClient(server, B)
    yield client
    client.http.close()


def seal_by(key: Ed25519PrivateKey, code: str) -> str:
    return b64url(key.sign(seal_message(code, ID_NUMBER, RECEIVED)))


def push(desk: DeskClient, n: int, **receipt) -> str:
    """A dossier of desk A's commune with RECORD's data and the receipt fields given."""
    code = f"{A}-261123-{n:04d}"
    answer = desk.http.put(f"/api/v1/dossiers/{code}", json={"client_txn_id": str(uuid.uuid4()),
                                                             "record": {**RECORD, **receipt}})
    assert answer.status_code == 201, answer.text
    return code


def page(server, code: str, **params) -> httpx.Response:
    return httpx.get(f"{server.base_url}/tra-cuu/{code}", params=params)


def twin(server, code: str, **params) -> httpx.Response:
    return httpx.get(f"{server.base_url}/api/v1/tracking/{code}", params=params)


def shows_nothing_personal(html: str) -> bool:
    return not any(item in html for item in PERSONAL)


def test_the_check_code_opens_the_dossier(server, desk):
    code = push(desk, 101, receipt_seal=seal_by(desk.key, f"{A}-261123-0101"))
    printed = check_code(seal_by(desk.key, code))
    for typed in (printed, printed.lower(), " " + printed.replace("-", " ") + " "):
        opened = page(server, code, ma=typed)
        assert opened.status_code == 200
        assert "Nguyễn T** H**" in opened.text and "Được tiếp nhận" in opened.text
        assert "Nguyễn Thị Hoa" not in opened.text and "<script" not in opened.text
    answer = twin(server, code, ma=printed).json()
    assert answer["verified"] and answer["needs"] is None and answer["owner_masked"] == "Nguyễn T** H**"


def test_a_wrong_check_code_is_refused_in_plain_words(server, desk):
    code = push(desk, 102, receipt_seal=seal_by(desk.key, f"{A}-261123-0102"))
    printed = check_code(seal_by(desk.key, code))
    wrong = "ABCD-EFGH" if printed != "ABCD-EFGH" else "HGFE-DCBA"
    refused = page(server, code, ma=wrong)
    assert refused.status_code == 200 and shows_nothing_personal(refused.text)
    assert "Chưa xem được hồ sơ này. Vui lòng kiểm tra lại mã kiểm tra in trên giấy tiếp nhận" in refused.text
    assert 'name="ma"' in refused.text and 'value="ABCD-EFGH"' in refused.text  # typed again, corrected
    for jargon in ("chữ ký không hợp lệ", "đối chiếu", "bản lưu"):
        assert jargon not in refused.text.lower()
    answer = twin(server, code, ma=wrong).json()
    assert (answer["verified"], answer["needs"], answer["status"], answer["owner_masked"]) == (
        False, "check_code", None, None)


@pytest.mark.parametrize("n,typed", list(enumerate(["ABCD-EFG0", "ABCD", "ABCD-EFGH-JK", "<b>x</b>", "ẠBCD-EFGH"])))
def test_a_malformed_check_code_is_explained_and_not_counted(server, desk, n, typed):
    code = push(desk, 110 + n, receipt_seal=seal_by(desk.key, f"{A}-261123-{110 + n:04d}"))
    for _ in range(12):  # more than the limit of wrong guesses: slips of the pen are not guesses
        answer = page(server, code, ma=typed)
        assert answer.status_code == 200
    assert "dạng ABCD-EFGH" in answer.text and "không có chữ O, chữ I, số 0 và số 1" in answer.text
    assert "<b>x</b>" not in answer.text and shows_nothing_personal(answer.text)
    assert twin(server, code, ma=typed).json()["needs"] == "check_code"


def test_without_a_proof_the_page_asks_for_the_check_code_and_shows_nothing(server, desk):
    sealed = push(desk, 120, receipt_seal=seal_by(desk.key, f"{A}-261123-0120"))
    plain = push(desk, 121)  # no seal, not an unsigned receipt: the check code is the only way in
    unknown = f"{A}-261123-0999"
    texts = {}
    for code in (sealed, plain, unknown):
        answer = page(server, code)
        assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
        assert '<form method="get" action="/tra-cuu/' in answer.text and 'name="ma"' in answer.text
        assert 'name="so"' not in answer.text and "Mã kiểm tra in trên giấy tiếp nhận, dạng ABCD-EFGH" in answer.text
        assert shows_nothing_personal(answer.text) and "<script" not in answer.text
        texts[code] = answer.text.replace(code, "CODE")
        answer = twin(server, code).json()
        assert (answer["verified"], answer["needs"], answer["owner_masked"]) == (False, "check_code", None)
    assert len(set(texts.values())) == 1  # an unknown code looks like any other: existence is not disclosed
    # the plain dossier has no seal: no check code can open it
    assert not twin(server, plain, ma=check_code(seal_by(desk.key, plain))).json()["verified"]


def test_an_unsigned_receipt_opens_with_the_last_four_id_digits(server, desk, tmp_path):
    code = push(desk, 130, receipt_unsigned=True, receipt_seal=seal_by(desk.key, f"{A}-261123-0130"))
    form = page(server, code)
    assert form.status_code == 200 and shows_nothing_personal(form.text)
    assert 'name="so"' in form.text and 'name="ma"' not in form.text
    assert "4 chữ số cuối của số định danh cá nhân (số căn cước) của người có hồ sơ" in form.text
    assert twin(server, code).json()["needs"] == "id_last4"
    wrong = page(server, code, so="9999")
    assert wrong.status_code == 200 and shows_nothing_personal(wrong.text) and 'name="so"' in wrong.text
    assert "Chưa xem được hồ sơ này. Vui lòng kiểm tra lại 4 chữ số cuối" in wrong.text
    malformed = page(server, code, so="12a4")
    assert "chỉ gồm chữ số" in malformed.text and shows_nothing_personal(malformed.text)
    opened = page(server, code, so="2345")
    assert "Nguyễn T** H**" in opened.text and "Được tiếp nhận" in opened.text
    assert twin(server, code, so=" 2345 ").json()["verified"]
    # the seal verifies, so the check code works as well (a receipt printed again after enrollment)
    assert twin(server, code, ma=check_code(seal_by(desk.key, code))).json()["verified"]


def test_the_id_digits_need_the_desks_seal(server, desk, other_desk):
    never_sealed = push(desk, 140, receipt_unsigned=True)
    forged_elsewhere = push(desk, 141, receipt_unsigned=True, receipt_seal=seal_by(other_desk.key, f"{A}-261123-0141"))
    stranger = Ed25519PrivateKey.generate()
    forged_by_stranger = push(desk, 142, receipt_unsigned=True, receipt_seal=seal_by(stranger, f"{A}-261123-0142"))
    for code, key in ((never_sealed, None), (forged_elsewhere, other_desk.key), (forged_by_stranger, stranger)):
        form = page(server, code)
        assert 'name="so"' not in form.text and 'name="ma"' in form.text
        answer = twin(server, code, so="2345").json()
        assert not answer["verified"] and answer["needs"] == "check_code"
        if key is not None:  # a seal not made by a desk of the commune: its check code opens nothing
            forged = twin(server, code, ma=check_code(seal_by(key, code))).json()
            assert not forged["verified"] and forged["owner_masked"] is None


def test_the_id_digits_are_refused_for_a_signed_receipt(server, desk):
    code = push(desk, 145, receipt_seal=seal_by(desk.key, f"{A}-261123-0145"))
    answer = twin(server, code, so="2345").json()
    assert not answer["verified"] and answer["needs"] == "check_code" and "mã kiểm tra" in answer["message"]


def test_too_many_wrong_codes_pause_that_dossier_only(server, desk):
    code = push(desk, 150, receipt_seal=seal_by(desk.key, f"{A}-261123-0150"))
    neighbour = push(desk, 151, receipt_seal=seal_by(desk.key, f"{A}-261123-0151"))
    printed = check_code(seal_by(desk.key, code))
    wrong = "ABCD-EFGH" if printed != "ABCD-EFGH" else "HGFE-DCBA"
    answers = [twin(server, code, ma=wrong).status_code for _ in range(10)]
    assert answers == [200] * 10
    limited = twin(server, code, ma=printed)  # even the right code waits: guessing must not go on
    assert limited.status_code == 429 and limited.json()["error"] == "too_many_attempts"
    assert 3000 < int(limited.headers["Retry-After"]) <= 3600
    html = page(server, code, ma=printed)
    assert html.status_code == 429 and "thử lại sau khoảng 1 giờ" in html.text
    assert "hỏi cán bộ tại Bộ phận Một cửa nơi đã nộp hồ sơ" in html.text and shows_nothing_personal(html.text)
    assert page(server, code, so="2345").status_code == 429  # the ID digits count against the same dossier
    assert twin(server, neighbour, ma=check_code(seal_by(desk.key, neighbour))).json()["verified"]
    # the receipt's QR is not a guess: it still opens the dossier
    qr = b64url(desk.key.sign("\n".join([code, ID_NUMBER, RECEIVED, "2026-11-23T17:00:00"]).encode()))
    assert twin(server, code, sig=qr).json()["verified"]


def test_the_search_page_leads_to_the_dossier(server, desk):
    code = push(desk, 160, receipt_seal=seal_by(desk.key, f"{A}-261123-0160"))
    printed = check_code(seal_by(desk.key, code))
    blank = httpx.get(f"{server.base_url}/tra-cuu")
    assert blank.status_code == 200 and '<form method="get" action="/tra-cuu">' in blank.text
    assert 'name="ma_ho_so"' in blank.text and 'name="ma"' in blank.text and "<script" not in blank.text
    sent = httpx.get(f"{server.base_url}/tra-cuu", params={"ma_ho_so": f" {code.lower()} ", "ma": printed.lower()})
    assert sent.status_code == 303 and sent.headers["location"] == f"/tra-cuu/{code}?ma={printed.lower()}"
    followed = httpx.get(f"{server.base_url}/tra-cuu", params={"ma_ho_so": code, "ma": printed},
                         follow_redirects=True)
    assert followed.status_code == 200 and "Nguyễn T** H**" in followed.text
    no_check = httpx.get(f"{server.base_url}/tra-cuu", params={"ma_ho_so": code, "ma": ""})
    assert no_check.status_code == 303 and no_check.headers["location"] == f"/tra-cuu/{code}"
    mistyped = httpx.get(f"{server.base_url}/tra-cuu", params={"ma_ho_so": "53.H16-0001", "ma": printed})
    assert mistyped.status_code == 200 and "Mã hồ sơ chưa đúng" in mistyped.text
    assert 'value="53.H16-0001"' in mistyped.text and f'value="{printed}"' in mistyped.text


def _screenshot(url: str, out: Path, profile: Path, width: int, height: int = 800) -> None:
    subprocess.run(["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={profile}", f"--window-size={width},{height}",
                    "--hide-scrollbars", f"--screenshot={out}", url], check=True, capture_output=True, timeout=60)


def test_screenshots_of_the_forms(server, desk, tmp_path):
    sealed = push(desk, 170, receipt_seal=seal_by(desk.key, f"{A}-261123-0170"))
    unsigned = push(desk, 171, receipt_unsigned=True, receipt_seal=seal_by(desk.key, f"{A}-261123-0171"))
    shots = ROOT / "docs" / "screenshots"
    for url, name, width in ((f"/tra-cuu/{sealed}?ma=ABCD-EFGH", "tracking-check-code-360.png", 360),
                             (f"/tra-cuu/{sealed}", "tracking-check-code-1366.png", 1366),
                             (f"/tra-cuu/{unsigned}", "tracking-id-digits-360.png", 360),
                             ("/tra-cuu", "tracking-search-360.png", 360)):
        _screenshot(server.base_url + url, shots / name, tmp_path / "chromium-profile", width)
        assert (shots / name).stat().st_size > 5000
