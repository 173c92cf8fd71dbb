"""Citizens' feedback on the province's tracking site, over real HTTP: the form with its two checks, routing to the
commune concerned, the public page by code (no personal data), a desk's feedback and its answer."""

from __future__ import annotations

import re
import time
import uuid

import httpx
import pytest

from tests.e2e.test_provincial_server import A, B, DeskClient, two_communes

TEXT = "Hồ sơ của tôi đã quá hẹn 3 ngày mà chưa có thông báo."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    process = two_communes(tmp_path_factory.mktemp("province"))
    yield process
    process.stop()


@pytest.fixture(scope="module")
def token(server):
    """A form given more than 5 seconds ago: what a person typing produces."""
    page = httpx.get(f"{server.base_url}/phan-anh").text
    value = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    time.sleep(5.2)
    return value


def send(server, token, **fields) -> httpx.Response:
    form = {"form_token": token, "website": "", "commune": "", "dossier_code": "", "category": "time", "text": TEXT,
            "citizen_name": "", "phone": "", "email": "", **fields}
    return httpx.post(f"{server.base_url}/phan-anh", data=form, follow_redirects=False)


def test_web_feedback_goes_to_the_commune_of_its_dossier_or_the_one_chosen(server, token):
    by_dossier = send(server, token, dossier_code=f"{B}-261123-0007", citizen_name="Nguyễn Văn Hòa")
    chosen = send(server, token, commune=A, category="attitude", phone="0912345678")
    assert by_dossier.status_code == chosen.status_code == 303
    code_b = by_dossier.headers["location"].split("/")[-1].split("?")[0]
    code_a = chosen.headers["location"].split("/")[-1].split("?")[0]
    assert re.fullmatch(r"PA-\d{6}-\d{4}", code_b) and code_a != code_b
    with server.admin() as admin:
        in_a = admin.get("/api/v1/admin/feedback", params={"commune": A}).json()
        in_b = admin.get("/api/v1/admin/feedback", params={"commune": B}).json()
    assert [item["code"] for item in in_a] == [code_a] and [item["code"] for item in in_b] == [code_b]
    assert in_a[0]["phone"] == "0912345678" and in_b[0]["dossier_code"] == f"{B}-261123-0007"
    # The commune's desk, and only it, pulls it.
    desk_b = DeskClient(server, B)
    pulled = desk_b.http.get("/api/v1/feedback-changes").json()
    desk_b.http.close()
    assert [item["code"] for item in pulled["items"]] == [code_b]


def test_the_public_page_shows_status_and_answer_without_personal_data(server, token):
    sent = send(server, token, commune=A, citizen_name="Trần Thị Mai", phone="0987654321", email="mai@example.vn",
                text="Nhà chờ không có quạt, bà con phải đứng ngoài nắng.", category="facilities")
    page = httpx.get(f"{server.base_url}{sent.headers['location']}").text
    code = sent.headers["location"].split("/")[-1].split("?")[0]
    assert "Đã nhận phản ánh" in page and code in page and "Hạn trả lời" in page
    with server.admin() as admin:
        answered = admin.post(f"/api/v1/admin/feedback/{code}/answer",
                              json={"answer": "Trung tâm đã lắp thêm 4 quạt trần ở nhà chờ.",
                                    "answered_by": "Văn phòng UBND tỉnh"})
    assert answered.status_code == 200, answered.text
    page = httpx.get(f"{server.base_url}/phan-anh/{code}").text
    assert "Đã trả lời" in page and "lắp thêm 4 quạt trần" in page and "Trần T** M**" in page
    for personal in ("Trần Thị Mai", "0987654321", "mai@example.vn", "quạt, bà con"):
        assert personal not in page
    published = httpx.get(f"{server.base_url}/api/v1/feedback").json()
    assert any(item["code"] == code for item in published)
    assert "0987654321" not in str(published) and "Trần Thị Mai" not in str(published)
    assert httpx.get(f"{server.base_url}/phan-anh/PA-000101-0001").status_code == 404


def test_a_robot_is_refused_in_vietnamese(server, token):
    honeypot = send(server, token, commune=A, website="http://spam.example")
    assert honeypot.status_code == 400 and "Không gửi được phản ánh" in honeypot.text
    fresh = re.search(r'name="form_token" value="([^"]+)"', httpx.get(f"{server.base_url}/phan-anh").text).group(1)
    hasty = send(server, fresh, commune=A)
    assert hasty.status_code == 400 and "quá nhanh" in hasty.text
    assert TEXT in hasty.text  # what was typed comes back
    forged = send(server, "1700000000.0000", commune=A)
    assert forged.status_code == 400
    short = send(server, token, commune=A, text="ngắn")
    assert short.status_code == 400 and "Nội dung phản ánh cần từ 10" in short.text


def test_the_tracking_page_links_to_the_form_with_the_dossier_code(server):
    page = httpx.get(f"{server.base_url}/phan-anh", params={"ma_ho_so": f"{A}-261123-0001"}).text
    assert f'value="{A}-261123-0001"' in page
    assert httpx.get(f"{server.base_url}/phan-anh", params={"ma": "pa-261123-0001"},
                     follow_redirects=False).headers["location"] == "/phan-anh/PA-261123-0001"


def test_desk_feedback_is_put_once_and_answered_by_its_commune_only(server):
    desk_a, desk_b = DeskClient(server, A), DeskClient(server, B)
    code = f"{A}-PA-261123-0001"
    body = {"client_txn_id": str(uuid.uuid4()), "channel": "counter", "category": "fees", "dossier_code": "",
            "text": "Chưa được giải thích rõ về lệ phí.", "citizen_name": "Lê Văn An", "phone": "", "email": "",
            "received_at": "2026-11-23T09:15:00+07:00", "due_at": "2026-12-07T09:15:00+07:00"}
    first = desk_a.http.put(f"/api/v1/feedback/{code}", json=body)
    again = desk_a.http.put(f"/api/v1/feedback/{code}", json=body)
    assert first.status_code == again.status_code == 201 and first.content == again.content
    assert desk_b.http.put(f"/api/v1/feedback/{code}", json={**body, "client_txn_id": str(uuid.uuid4())}
                           ).status_code == 403
    answer = {"client_txn_id": str(uuid.uuid4()), "answer": "Cán bộ đã giải thích lại mức lệ phí theo quy định.",
              "answered_at": "2026-11-25T10:00:00+07:00", "answered_by": "Phạm Thị Lan"}
    refused = desk_b.http.post(f"/api/v1/feedback/{code}/answer", json=answer)
    assert refused.status_code == 403 and "không thuộc" in refused.json()["message"]
    done = desk_a.http.post(f"/api/v1/feedback/{code}/answer", json=answer)
    assert done.status_code == 200 and done.json()["answered_where"] == "desk"
    desk_a.http.close()
    desk_b.http.close()
    view = httpx.get(f"{server.base_url}/api/v1/feedback/{code}").json()
    assert view["status"] == "answered" and view["citizen_masked"] == "Lê V** A**" and "text" not in view


def test_the_rate_limit_refuses_a_flood_in_vietnamese(tmp_path):
    process = two_communes(tmp_path)
    try:
        page = httpx.get(f"{process.base_url}/phan-anh").text
        token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
        time.sleep(5.2)
        answers = [send(process, token, commune=A) for _ in range(7)]
        assert [a.status_code for a in answers[:5]] == [303] * 5
        assert answers[5].status_code == 429 and "nhiều phản ánh" in answers[5].text
        assert answers[5].headers.get("Retry-After")
    finally:
        process.stop()


def test_screenshots_of_the_feedback_pages(server, token, tmp_path):
    from tests.e2e.test_receipt_check_tracking import _screenshot
    from tests.support.provincial import ROOT

    sent = send(server, token, commune=B, category="procedure", citizen_name="Hoàng Văn Nam",
                text="Xin hướng dẫn rõ hơn về giấy tờ cần nộp khi đăng ký thường trú.")
    code = sent.headers["location"].split("/")[-1].split("?")[0]
    with server.admin() as admin:
        admin.post(f"/api/v1/admin/feedback/{code}/answer", json={
            "answer": "Trung tâm đã niêm yết danh mục giấy tờ của thủ tục đăng ký thường trú tại quầy số 1 và trên "
                      "Cổng dịch vụ công; cán bộ sẽ hướng dẫn một lần, đầy đủ.",
            "answered_by": "Trung tâm PVHCC xã Hòa Phú"}).raise_for_status()
    shots = ROOT / "docs" / "screenshots"
    for url, name, width, height in (
            ("/phan-anh?ma_ho_so=000.00.54.H16-261123-0007", "feedback-form-360.png", 360, 1750),
            ("/phan-anh", "feedback-form-1366.png", 1366, 1400),
            (f"/phan-anh/{code}", "feedback-answer-360.png", 360, 900),
            (f"/phan-anh/{code}", "feedback-answer-1366.png", 1366, 800)):
        _screenshot(server.base_url + url, shots / name, tmp_path / "chromium-profile", width, height)
        assert (shots / name).stat().st_size > 5000
