"""The citizen's tracking page: Vietnamese, readable at 360 px, no JavaScript."""

from __future__ import annotations

from html import escape

STYLE = """
body{font-family:"Liberation Sans",Arial,sans-serif;margin:0;background:#f3f6f9;color:#1b2a38;font-size:17px;
line-height:1.45}
header{background:#1f3b57;color:#fff;padding:14px 16px;font-size:15px}
main{padding:16px;max-width:560px;margin:0 auto}
.card{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:14px}
.label{color:#5b6b7a;font-size:14px;margin:0}
.code{font-family:"Liberation Mono",monospace;font-size:15px;word-break:break-all;color:#35516b;margin:2px 0 8px}
.status{font-size:21px;font-weight:bold;color:#12395e;margin:6px 0}
.warn{background:#fff5d6;border:1px solid #e6cf85}
dt{color:#5b6b7a;font-size:14px;margin-top:10px}dd{margin:2px 0 0 0;font-weight:bold}
ul{padding-left:20px;margin:6px 0}
footer{font-size:13px;color:#5b6b7a;text-align:center;padding:12px}
"""


def tracking_page(data: dict) -> str:
    code = escape(data["code"])
    if not data["verified"]:
        body = (f'<div class="card warn"><p>{escape(data["message"])}</p>'
                f'<p class="label">Mã hồ sơ</p><p class="code">{code}</p></div>')
    else:
        to_bring = ""
        if data.get("to_bring"):
            items = "".join(f"<li>{escape(item)}</li>" for item in data["to_bring"])
            to_bring = f"<dt>Giấy tờ cần mang đến</dt><dd><ul>{items}</ul></dd>"
        appointment = escape(data["appointment_at"] or "Bộ phận Một cửa sẽ thông báo khi có kết quả")
        body = f"""<div class="card">
<p class="label">Mã hồ sơ</p><p class="code">{code}</p>
<p class="status">{escape(data["status_label"])}</p>
<p>{escape(data["status_text"])}</p>
<dl>
<dt>Người nộp</dt><dd>{escape(data["owner_masked"])}</dd>
<dt>Thủ tục</dt><dd>{escape(data["procedure_name"])}</dd>
<dt>Hẹn trả kết quả</dt><dd>{appointment}</dd>
{to_bring}
<dt>Nơi nhận kết quả</dt><dd>{escape(data["return_place"])}</dd>
</dl></div>"""
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tra cứu hồ sơ {code}</title><style>{STYLE}</style></head>
<body><header>Tra cứu tình trạng hồ sơ thủ tục hành chính</header>
<main>{body}</main>
<footer>Thông tin được xác minh bằng chữ ký số trên giấy biên nhận.</footer>
</body></html>"""
