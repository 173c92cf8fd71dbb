"""The citizen's tracking pages: Vietnamese, readable at 360 px, no JavaScript (plain GET forms)."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from .services.tracking import ASK_CHECK_CODE, ASK_ID_LAST4, ID_LAST4

STYLE = """
body{font-family:"Liberation Sans",Arial,sans-serif;margin:0;background:#f3f6f9;color:#1b2a38;font-size:17px;
line-height:1.45}
header{background:#1f3b57;color:#fff;padding:14px 16px;font-size:15px}
main{padding:16px;max-width:560px;margin:0 auto}
.card{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:14px}
.card>p:first-child{margin-top:0}
.label{color:#5b6b7a;font-size:14px;margin:0}
.code{font-family:"Liberation Mono",monospace;font-size:15px;word-break:break-all;color:#35516b;margin:2px 0 8px}
.status{font-size:21px;font-weight:bold;color:#12395e;margin:6px 0}
.warn{background:#fff5d6;border:1px solid #e6cf85}
.notice{background:#fff5d6;border-left:4px solid #d9a400;padding:8px 10px;margin:10px 0}
dt{color:#5b6b7a;font-size:14px;margin-top:10px}dd{margin:2px 0 0 0;font-weight:bold}
ul{padding-left:20px;margin:6px 0}
form{margin:4px 0 0}
label{display:block;font-weight:bold;margin:14px 0 6px}
input{box-sizing:border-box;width:100%;font-size:20px;padding:10px 12px;border:1px solid #8397aa;border-radius:6px;
font-family:"Liberation Mono",monospace;letter-spacing:1px;background:#fff;color:#1b2a38}
input.long{font-size:16px;letter-spacing:0}
button{box-sizing:border-box;width:100%;margin-top:16px;font-size:18px;padding:12px;border:0;border-radius:6px;
background:#1f5f99;color:#fff;font-weight:bold;font-family:inherit}
.hint{color:#5b6b7a;font-size:14px;margin:10px 0 0}
select,textarea{box-sizing:border-box;width:100%;font-size:17px;padding:10px 12px;border:1px solid #8397aa;
border-radius:6px;background:#fff;color:#1b2a38;font-family:inherit}
textarea{min-height:150px;resize:vertical}
input.plain{font-family:inherit;letter-spacing:0;font-size:17px}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.answer{background:#eef6ee;border-left:4px solid #2e7d32;padding:8px 10px;margin:10px 0;white-space:pre-wrap}
.small{font-size:14px;color:#5b6b7a}
a{color:#1f5f99}
footer{font-size:13px;color:#5b6b7a;text-align:center;padding:12px}
"""
CHECK_CODE_LABEL = "Mã kiểm tra in trên giấy tiếp nhận, dạng ABCD-EFGH"
CHECK_CODE_HINT = "Mã kiểm tra gồm 8 chữ cái và chữ số, không có chữ O, chữ I, số 0 và số 1."
ID_LAST4_LABEL = "4 chữ số cuối của số định danh cá nhân (số căn cước) của người có hồ sơ"
# The page's own words for the plain requests: the form's label already says what to type.
INTRO = {ASK_CHECK_CODE: ASK_CHECK_CODE,
         ASK_ID_LAST4: "Để bảo vệ thông tin của người nộp hồ sơ, vui lòng nhập thông tin dưới đây."}


HEADER = "Tra cứu tình trạng hồ sơ thủ tục hành chính"
FOOTER = "Thông tin được xác minh bằng chữ ký số trên giấy biên nhận."


def _page(title: str, body: str, header: str = HEADER, footer: str = FOOTER) -> str:
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body><header>{escape(header)}</header>
<main>{body}</main>
<footer>{escape(footer)}</footer>
</body></html>"""


def _check_code_input(typed: str = "") -> str:
    return (f'<label for="ma">{CHECK_CODE_LABEL}</label>'
            f'<input id="ma" name="ma" value="{escape(typed)}" maxlength="20" placeholder="ABCD-EFGH" '
            'autocomplete="off" autocapitalize="characters" spellcheck="false">')


def _message(message: str) -> str:
    """The request to type a proof as plain text; anything else (a wrong code, a refusal) stands out."""
    if message in INTRO:
        return f"<p>{escape(INTRO[message])}</p>"
    return f'<p class="notice" role="alert">{escape(message)}</p>'


def _proof_form(data: dict, typed_check: str) -> str:
    action = f"/tra-cuu/{quote(data['code'], safe='')}"
    if data.get("needs") == ID_LAST4:
        fields = (f'<label for="so">{ID_LAST4_LABEL}</label>'
                  '<input id="so" name="so" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" '
                  'autocomplete="off" required>')
        hint = ""
    else:
        fields, hint = _check_code_input(typed_check), f'<p class="hint">{CHECK_CODE_HINT}</p>'
    return (f'<form method="get" action="{escape(action)}">{fields}'
            f'<button type="submit">Xem hồ sơ</button></form>{hint}')


def tracking_page(data: dict, typed_check: str = "") -> str:
    """A dossier's page: its status once a proof verified, else the form asking for the proof it needs
    (nothing personal before that); ``needs`` None and unverified: no form (too many wrong codes)."""
    code = escape(data["code"])
    heading = f'<p class="label">Mã hồ sơ</p><p class="code">{code}</p>'
    if not data["verified"]:
        form = _proof_form(data, typed_check) if data.get("needs") else (
            '<p class="hint"><a href="/tra-cuu">Tra cứu hồ sơ khác</a></p>')
        body = f'<div class="card">{heading}{_message(data["message"])}{form}</div>'
    else:
        to_bring = ""
        if data.get("to_bring"):
            items = "".join(f"<li>{escape(item)}</li>" for item in data["to_bring"])
            to_bring = f"<dt>Giấy tờ cần mang đến</dt><dd><ul>{items}</ul></dd>"
        appointment = escape(data["appointment_at"] or "Bộ phận Một cửa sẽ thông báo khi có kết quả")
        body = f"""<div class="card">
{heading}
<p class="status">{escape(data["status_label"])}</p>
<p>{escape(data["status_text"])}</p>
<dl>
<dt>Người nộp</dt><dd>{escape(data["owner_masked"])}</dd>
<dt>Thủ tục</dt><dd>{escape(data["procedure_name"])}</dd>
<dt>Hẹn trả kết quả</dt><dd>{appointment}</dd>
{to_bring}
<dt>Nơi nhận kết quả</dt><dd>{escape(data["return_place"])}</dd>
</dl>
<p class="hint"><a href="/phan-anh?ma_ho_so={quote(data['code'], safe='')}">Góp ý, phản ánh về hồ sơ này</a></p>
</div>"""
    return _page(f"Tra cứu hồ sơ {data['code']}", body)


def search_page(message: str = "", dossier_code: str = "", check: str = "") -> str:
    """/tra-cuu: the dossier code and the check code, both from the paper receipt."""
    notice = f'<p class="notice" role="alert">{escape(message)}</p>' if message else ""
    body = f"""<div class="card">
<p>Nhập mã hồ sơ và mã kiểm tra in trên giấy tiếp nhận hồ sơ để xem tình trạng hồ sơ.</p>
{notice}<form method="get" action="/tra-cuu">
<label for="ma_ho_so">Mã hồ sơ</label>
<input id="ma_ho_so" name="ma_ho_so" class="long" value="{escape(dossier_code)}" maxlength="40"
placeholder="000.00.53.H16-261123-0001" autocomplete="off" autocapitalize="characters" spellcheck="false" required>
{_check_code_input(check)}
<button type="submit">Xem hồ sơ</button></form>
<p class="hint">{CHECK_CODE_HINT} Nếu giấy tiếp nhận không in mã kiểm tra, chỉ cần nhập mã hồ sơ.</p>
</div>"""
    return _page("Tra cứu hồ sơ", body)
