"""The citizen's feedback pages (phản ánh, kiến nghị): the form at /phan-anh and a feedback's status and answer at
/phan-anh/<code>. Vietnamese, readable at 360 px, no JavaScript; the stylesheet is the tracking page's (pages.py).

The form carries two checks a person never notices: a field hidden from people (a robot filling every field
fills it) and the signed moment the form was given (services/feedback.py refuses a form sent within seconds)."""

from __future__ import annotations

from html import escape

from contract.feedback import CATEGORIES, MAX_TEXT, MIN_TEXT

from .pages import _page

HEADER = "Góp ý, phản ánh, kiến nghị về thủ tục hành chính"
FOOTER = "Thông tin liên hệ của ông/bà chỉ chuyển đến cơ quan giải quyết, không công khai."


def _options(choices: list[tuple[str, str]], chosen: str, empty: str = "") -> str:
    first = f'<option value="">{escape(empty)}</option>' if empty else ""
    return first + "".join(
        f'<option value="{escape(value)}"{" selected" if value == chosen else ""}>{escape(label)}</option>'
        for value, label in choices)


def feedback_form_page(token: str, communes: list[dict[str, str]], values: dict[str, str] | None = None,
                       message: str = "", code: str = "") -> str:
    """The form, with what the citizen typed when it comes back with ``message`` (what to correct)."""
    v = {"commune": "", "dossier_code": "", "category": "", "text": "", "citizen_name": "", "phone": "", "email": "",
         **(values or {})}
    notice = f'<p class="notice" role="alert">{escape(message)}</p>' if message else ""
    commune_choices = [(c["agency_code"], c["name"]) for c in communes]
    body = f"""<div class="card">
<p>Ông/bà có thể góp ý, phản ánh về một hồ sơ hoặc về việc phục vụ tại nơi tiếp nhận hồ sơ (Trung tâm Phục vụ
hành chính công, Bộ phận Một cửa). Mỗi phản ánh được cấp một mã để xem câu trả lời; cơ quan trả lời trong 10
ngày làm việc.</p>
{notice}<form method="post" action="/phan-anh">
<input type="hidden" name="form_token" value="{escape(token)}">
<div class="hp" aria-hidden="true"><label for="website">Để trống ô này</label>
<input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<label for="dossier_code">Mã hồ sơ (nếu phản ánh về một hồ sơ)</label>
<input id="dossier_code" name="dossier_code" class="long" value="{escape(v['dossier_code'])}" maxlength="40"
placeholder="000.00.53.H16-261123-0001" autocomplete="off" autocapitalize="characters" spellcheck="false">
<label for="commune">Xã, phường (khi không có mã hồ sơ)</label>
<select id="commune" name="commune">{_options(commune_choices, v['commune'], "— Chọn xã, phường —")}</select>
<label for="category">Loại phản ánh</label>
<select id="category" name="category" required>{_options(list(CATEGORIES.items()), v['category'],
                                                          "— Chọn loại —")}</select>
<label for="text">Nội dung ({MIN_TEXT}–{MAX_TEXT} ký tự)</label>
<textarea id="text" name="text" minlength="{MIN_TEXT}" maxlength="{MAX_TEXT}" required>{escape(v['text'])}</textarea>
<label for="citizen_name">Họ và tên (không bắt buộc)</label>
<input id="citizen_name" name="citizen_name" class="plain" value="{escape(v['citizen_name'])}" maxlength="200">
<label for="phone">Số điện thoại để cơ quan liên hệ (không bắt buộc)</label>
<input id="phone" name="phone" class="plain" inputmode="tel" value="{escape(v['phone'])}" maxlength="20">
<label for="email">Thư điện tử (không bắt buộc)</label>
<input id="email" name="email" class="plain" type="email" value="{escape(v['email'])}" maxlength="254">
<button type="submit">Gửi phản ánh</button></form>
<p class="hint">Họ tên, số điện thoại và thư điện tử chỉ chuyển đến cơ quan giải quyết; trang trả lời công khai
không hiện nội dung phản ánh và thông tin liên hệ.</p>
</div>
{_lookup_card(code)}"""
    return _page("Góp ý, phản ánh", body, HEADER, FOOTER)


def _lookup_card(code: str = "") -> str:
    return f"""<div class="card"><form method="get" action="/phan-anh">
<label for="ma">Đã gửi phản ánh? Nhập mã phản ánh để xem trả lời</label>
<input id="ma" name="ma" class="long" value="{escape(code)}" maxlength="40" placeholder="PA-261123-0001"
autocomplete="off" autocapitalize="characters" spellcheck="false">
<button type="submit">Xem trả lời</button></form></div>"""


def feedback_status_page(view: dict, *, just_sent: bool = False) -> str:
    """A feedback's status and answer by its code: nothing of what the citizen wrote, no contact details."""
    sent = ('<p class="notice" role="status">Đã nhận phản ánh của ông/bà. Vui lòng ghi lại mã phản ánh để xem câu '
            'trả lời.</p>') if just_sent else ""
    answer = (f'<dt>Trả lời ngày {escape(view["answered_at"] or "")}</dt>'
              f'<dd class="answer">{escape(view["answer"])}</dd>'
              if view["answer"] else f'<dt>Hạn trả lời</dt><dd>{escape(view["due_at"])}</dd>')
    sender = f'<dt>Người gửi</dt><dd>{escape(view["citizen_masked"])}</dd>' if view["citizen_masked"] else ""
    body = f"""<div class="card">{sent}
<p class="label">Mã phản ánh</p><p class="code">{escape(view["code"])}</p>
<p class="status">{escape(view["status_label"])}</p>
<dl>
<dt>Nơi giải quyết</dt><dd>{escape(view["commune_name"] or "—")}</dd>
<dt>Loại phản ánh</dt><dd>{escape(view["category"])}</dd>
<dt>Tiếp nhận</dt><dd>{escape(view["channel"])}, ngày {escape(view["received_at"])}</dd>
{sender}{answer}
</dl></div>
<p class="small"><a href="/phan-anh">Gửi phản ánh khác</a></p>"""
    return _page(f"Phản ánh {view['code']}", body, HEADER, FOOTER)


def feedback_missing_page(code: str, message: str) -> str:
    body = f'<div class="card"><p class="notice" role="alert">{escape(message)}</p></div>{_lookup_card(code)}'
    return _page("Phản ánh", body, HEADER, FOOTER)
