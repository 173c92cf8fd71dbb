"""The province dashboard's pages (issue 18): server-rendered HTML, no script, an inline SVG chart drawn here,
readable at 1366 px and at 360 px (wide tables scroll sideways), in grey too (bars hatched and labelled)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote, urlencode

from contract.indicators import BY_KEY, Counts, on_time_rate, points, ratio, satisfaction_766
from contract.periods import Period, PeriodKind

from .services.indicators import CommuneRef, LateDossier

BASE = "/bang-dieu-khien"
STYLE = """
body{font-family:"Liberation Sans",Arial,sans-serif;margin:0;background:#f3f6f9;color:#1b2a38;font-size:15px;
line-height:1.4}
header{background:#1f3b57;color:#fff;padding:10px 16px;display:flex;flex-wrap:wrap;gap:8px;align-items:center;
justify-content:space-between}
header h1{font-size:18px;margin:0}header form{margin:0}
header button{background:transparent;color:#fff;border:1px solid #9fb3c8;border-radius:4px;padding:4px 10px;
font-size:14px;cursor:pointer}
main{padding:12px 16px;max-width:1320px;margin:0 auto}
a{color:#1f5f99}
h2{font-size:17px;margin:18px 0 8px}
.card{background:#fff;border-radius:6px;padding:12px;box-shadow:0 1px 3px rgba(0,0,0,.12);margin-bottom:12px}
.period{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
.period label{display:flex;flex-direction:column;font-size:13px;color:#4a5b6b}
.period select,.period input{font-size:15px;padding:5px;border:1px solid #8397aa;border-radius:4px;background:#fff}
.period button{font-size:15px;padding:6px 14px;border:0;border-radius:4px;background:#1f5f99;color:#fff}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.kpi{background:#fff;border-radius:6px;padding:10px 12px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
.kpi .v{font-size:24px;font-weight:bold;color:#12395e}.kpi .n{font-size:13px;color:#4a5b6b}
.kpi .s{font-size:12px;color:#4a5b6b}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;background:#fff;font-size:14px}
th,td{padding:6px 8px;border-bottom:1px solid #dde4ea;text-align:right;white-space:nowrap}
th{background:#e8eef3;font-weight:bold;color:#24384b;position:sticky;top:0}
td.t,th.t{text-align:left;white-space:normal;min-width:140px}
tr.low td{background:#fff3e0}
.note{font-size:13px;color:#4a5b6b}
.bad{color:#a01d1d;font-weight:bold}
svg text{font-family:"Liberation Sans",Arial,sans-serif}
.login{max-width:380px;margin:40px auto}
.login input{box-sizing:border-box;width:100%;font-size:17px;padding:8px;border:1px solid #8397aa;border-radius:4px}
.login button{margin-top:12px;width:100%;font-size:17px;padding:10px;border:0;border-radius:4px;background:#1f5f99;
color:#fff}
.notice{background:#fff5d6;border-left:4px solid #d9a400;padding:8px 10px}
@media (max-width:600px){main{padding:8px}.kpi .v{font-size:20px}h2{font-size:16px}}
"""
KINDS = (("month", "Tháng"), ("quarter", "Quý"), ("year", "Năm"), ("custom", "Tùy chọn"))


def _page(title: str, body: str, signed_in: bool = True) -> str:
    logout = (f'<form method="post" action="{BASE}/dang-xuat"><button type="submit">Đăng xuất</button></form>'
              if signed_in else "")
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{STYLE}</style></head>
<body><header><h1>Bảng điều khiển chỉ số một cửa cấp xã</h1>{logout}</header>
<main>{body}</main></body></html>"""


def login_page(message: str = "") -> str:
    notice = f'<p class="notice" role="alert">{escape(message)}</p>' if message else ""
    body = f"""<div class="card login"><h2>Đăng nhập cán bộ tỉnh</h2>{notice}
<form method="post" action="{BASE}/dang-nhap">
<label for="ma">Mã quản trị của máy chủ tỉnh</label>
<input id="ma" name="ma" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập</button></form>
<p class="note">Trang chỉ dành cho cán bộ được cấp mã quản trị; phiên đăng nhập hết hạn sau 8 giờ.</p></div>"""
    return _page("Đăng nhập — bảng điều khiển", body, signed_in=False)


def not_found_page(agency_code: str) -> str:
    return _page("Không tìm thấy", f'<div class="card"><p>Không có xã với mã {escape(agency_code)}.</p>'
                                   f'<p><a href="{BASE}">← Toàn tỉnh</a></p></div>')


# -- formatting ------------------------------------------------------------------------------------------------
def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}".replace(".", ",") + "%"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}".replace(",", ".")


def _hours(minutes: float | None) -> str:
    return "—" if minutes is None else f"{minutes / 60:.1f}".replace(".", ",") + " giờ"


def _score(c: Counts) -> float | None:
    """QĐ 766 2.1 points (of 20): the ranking's key."""
    return points(on_time_rate(c), 20, None)


def period_query(period: Period) -> str:
    if period.kind is PeriodKind.CUSTOM:
        return urlencode({"ky": "custom", "tu": period.first.isoformat(), "den": period.last.isoformat()})
    return urlencode({"ky": period.kind.value, "ngay": period.first.isoformat()})


def _period_form(period: Period, action: str) -> str:
    options = "".join(f'<option value="{k}"{" selected" if period.kind.value == k else ""}>{label}</option>'
                      for k, label in KINDS)
    return f"""<form class="card period" method="get" action="{escape(action)}">
<label>Kỳ<select name="ky">{options}</select></label>
<label>Ngày trong kỳ<input type="date" name="ngay" value="{period.first.isoformat()}"></label>
<label>Từ ngày (tùy chọn)<input type="date" name="tu" value="{period.first.isoformat()}"></label>
<label>Đến ngày<input type="date" name="den" value="{period.last.isoformat()}"></label>
<button type="submit">Xem</button>
<span class="note">Đang xem: <b>{escape(period.label)}</b></span></form>"""


def _kpis(c: Counts) -> str:
    rate = on_time_rate(c)
    cards = [
        (_num(c.received), "Hồ sơ tiếp nhận", f"trực tiếp {c.received_counter} · trực tuyến {c.received_online} · "
                                              f"bưu chính {c.received_postal}"),
        (_num(c.finished), "Kết thúc xử lý", f"trước hạn {c.finished_early} · đúng hạn {c.finished_on_time} · "
                                             f"quá hạn {c.finished_late}"),
        (_pct(rate), "Tỷ lệ đúng hạn (766 – 2.1)", f"điểm {_num2(points(rate, 20, None))}/20"),
        (_num(c.late_open), "Quá hạn chưa có kết quả", f"đang giải quyết {c.in_progress} · chờ bổ sung "
                                                        f"{c.waiting_supplement}"),
        (_pct(ratio(c.digitized_dossiers, c.received)), "Tỷ lệ số hóa (4.2)",
         f"tái sử dụng {_pct(ratio(c.reused_dossiers, c.received))}"),
        (_pct(satisfaction_766(c)), "Mức độ hài lòng (5.4, ước tính)", f"{c.rated} đánh giá · {c.returned} trả KQ"),
        (_hours(c.handling_avg_minutes), "Thời gian giải quyết TB (2.2)", f"90% không quá "
                                                                         f"{_hours(c.handling_p90_minutes)}"),
        (_num(c.supplement_requests), "Yêu cầu bổ sung", f"từ chối {c.all_refusals} · hướng dẫn {c.guidance_given}"),
    ]
    return '<div class="kpis">' + "".join(
        f'<div class="kpi"><div class="v">{escape(v)}</div><div class="n">{escape(n)}</div>'
        f'<div class="s">{escape(s)}</div></div>' for v, n, s in cards) + "</div>"


def _num2(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",")


def _table(headers: Sequence[str], rows: Sequence[str], caption: str) -> str:
    head = "".join(f'<th class="t" scope="col">{h}</th>' if i < 2 else f'<th scope="col">{h}</th>'
                   for i, h in enumerate(headers))
    return (f'<div class="card scroll"><table><caption class="note" style="text-align:left">{escape(caption)}'
            f'</caption><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def _figures(c: Counts) -> str:
    return "".join(f"<td>{x}</td>" for x in (
        _num(c.received), _num(c.finished), _num(c.finished_late), _pct(on_time_rate(c)), _num2(_score(c)),
        _num(c.late_open), _pct(ratio(c.digitized_dossiers, c.received)), _pct(satisfaction_766(c)),
        _hours(c.handling_avg_minutes)))


FIGURE_HEADERS = ("Tiếp nhận", "Kết thúc", "Quá hạn", "Đúng hạn", "Điểm 2.1", "Quá hạn đang mở", "Số hóa",
                  "Hài lòng", "TG giải quyết TB")


def ranking_rows(communes: Sequence[CommuneRef], by_commune: dict, period: Period) -> list[str]:
    """Communes by their QĐ 766 2.1 points, best first; communes without figures last."""
    empty = Counts()
    ranked = sorted(communes, key=lambda c: (-(_score(by_commune.get(c.id, empty)) or -1), c.agency_code))
    rows = []
    for rank, commune in enumerate(ranked, 1):
        c = by_commune.get(commune.id, empty)
        link = f"{BASE}/xa/{quote(commune.agency_code, safe='')}?{period_query(period)}"
        rate = on_time_rate(c)
        low = ' class="low"' if rate is not None and rate < 0.9 else ""
        rows.append(f'<tr{low}><td class="t">{rank}. <a href="{escape(link)}">{escape(commune.name)}</a></td>'
                    f'<td class="t">{escape(commune.agency_code)}</td>{_figures(c)}</tr>')
    return rows


def trend_svg(trend: Sequence[tuple[Period, Counts]]) -> str:
    """Received (solid) and finished (hatched) per month as bars with their numbers, and the on-time rate as a
    labelled line: readable in grey."""
    width, height, left, top, bottom = 760, 260, 36, 24, 58
    plot = height - top - bottom
    peak = max([max(c.received, c.finished) for _, c in trend] + [1])
    step = (width - left - 8) / max(len(trend), 1)
    bar = step * 0.34
    parts = ['<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
             'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
             '<line x1="0" y1="0" x2="0" y2="6" stroke="#444" stroke-width="3"/></pattern></defs>',
             f'<line x1="{left}" y1="{top + plot}" x2="{width - 4}" y2="{top + plot}" stroke="#555"/>']
    line = []
    for i, (period, c) in enumerate(trend):
        x = left + i * step + step * 0.14
        for j, (value, fill) in enumerate(((c.received, "#3d5a75"), (c.finished, "url(#hatch)"))):
            h = plot * value / peak
            bx = x + j * bar
            parts.append(f'<rect x="{bx:.1f}" y="{top + plot - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{fill}" stroke="#333" stroke-width="0.8"/>')
            parts.append(f'<text x="{bx + bar / 2:.1f}" y="{top + plot - h - 3:.1f}" font-size="10" '
                         f'text-anchor="middle">{value}</text>')
        rate = on_time_rate(c)
        label_x = x + bar
        parts.append(f'<text x="{label_x:.1f}" y="{top + plot + 14}" font-size="11" text-anchor="middle">'
                     f'{period.first.month:02d}/{period.first.year % 100:02d}</text>')
        parts.append(f'<text x="{label_x:.1f}" y="{top + plot + 30}" font-size="11" text-anchor="middle" '
                     f'font-weight="bold">{escape(_pct(rate).replace(",0%", "%"))}</text>')
        if rate is not None:
            line.append(f"{label_x:.1f},{top + plot * (1 - rate):.1f}")
    if len(line) > 1:
        parts.append(f'<polyline points="{" ".join(line)}" fill="none" stroke="#111" stroke-width="1.5" '
                     'stroke-dasharray="5 3"/>')
    parts += [f'<text x="{left}" y="14" font-size="11">■ Tiếp nhận   ▨ Kết thúc   - - Tỷ lệ đúng hạn (số in đậm dưới '
              'tháng)</text>',
              f'<text x="{left}" y="{height - 8}" font-size="10" fill="#333">Cột: số hồ sơ; đường đứt nét: tỷ lệ đúng'
              ' hạn 2.1 (0–100% theo chiều cao)</text>']
    return (f'<svg role="img" aria-label="Xu hướng 12 tháng" viewBox="0 0 {width} {height}" '
            f'style="width:100%;max-width:960px;min-width:560px;height:auto" xmlns="http://www.w3.org/2000/svg">'
            f'{"".join(parts)}</svg>')


def feedback_card(feedback: dict[str, int]) -> str:
    """Citizens' feedback in the period and how its answers kept their due dates (the desk shows the same)."""
    if not feedback:
        return ""
    return ('<div class="kpis"><div class="kpi"><div class="v">' + escape(str(feedback.get("received", 0)))
            + '</div><div class="n">Phản ánh, kiến nghị</div><div class="s">'
            + escape(f"đã trả lời {feedback.get('answered', 0)} (đúng hạn {feedback.get('answered_on_time', 0)}) · "
                     f"quá hạn chưa trả lời {feedback.get('open_overdue', 0)}") + "</div></div></div>")


def province_page(period: Period, totals: Counts, communes: Sequence[CommuneRef], by_commune: dict,
                  by_sector: dict, trend: Sequence[tuple[Period, Counts]], feedback: dict | None = None) -> str:
    sectors = sorted(by_sector.items(), key=lambda kv: (-kv[1].received, str(kv[0])))
    sector_rows = [f'<tr><td class="t">{escape(str(name) or "(chưa ghi lĩnh vực)")}</td><td class="t"></td>'
                   f'{_figures(c)}</tr>' for name, c in sectors]
    body = (_period_form(period, BASE)
            + f"<h2>Toàn tỉnh — {escape(period.label)}</h2>" + _kpis(totals) + feedback_card(feedback or {})
            + "<h2>Xếp hạng xã theo điểm tiến độ giải quyết (QĐ 766, chỉ số 2.1)</h2>"
            + _table(("Xã", "Mã cơ quan", *FIGURE_HEADERS), ranking_rows(communes, by_commune, period),
                     "Nền cam: tỷ lệ đúng hạn dưới 90%. Bấm tên xã để xem chi tiết và hồ sơ quá hạn.")
            + "<h2>Theo lĩnh vực</h2>"
            + _table(("Lĩnh vực", "", *FIGURE_HEADERS), sector_rows, "Lĩnh vực theo thủ tục khi tiếp nhận.")
            + "<h2>Xu hướng 12 tháng (toàn tỉnh)</h2>"
            + f'<div class="card scroll">{trend_svg(trend)}</div>' + _definitions())
    return _page(f"Bảng điều khiển — {period.label}", body)


def commune_page(commune: CommuneRef, period: Period, counts: Counts, late: Sequence[LateDossier],
                 trend: Sequence[tuple[Period, Counts]], feedback: dict | None = None) -> str:
    rows = [f'<tr><td class="t">{escape(d.code)}</td><td class="t">{escape(d.procedure_name)}</td>'
            f'<td class="t">{escape(d.owner_masked)}</td><td>{d.deadline_at:%d/%m/%Y %H:%M}</td>'
            f'<td class="bad">{d.days_late}</td></tr>' for d in late]
    back = f"{BASE}?{period_query(period)}"
    body = (f'<p><a href="{escape(back)}">← Toàn tỉnh</a></p>'
            + _period_form(period, f"{BASE}/xa/{quote(commune.agency_code, safe='')}")
            + f"<h2>{escape(commune.name)} ({escape(commune.agency_code)}) — {escape(period.label)}</h2>"
            + _kpis(counts) + feedback_card(feedback or {})
            + f"<h2>Hồ sơ quá hạn chưa có kết quả ({len(rows)})</h2>"
            + _table(("Mã hồ sơ", "Thủ tục", "Người nộp", "Hạn giải quyết", "Số ngày quá hạn"), rows,
                     "Hạn giải quyết đang có hiệu lực (hẹn trên biên nhận, hoặc gia hạn có căn cứ).")
            + "<h2>Xu hướng 12 tháng</h2>" + f'<div class="card scroll">{trend_svg(trend)}</div>' + _definitions())
    return _page(f"{commune.name} — {period.label}", body)


def _definitions() -> str:
    items = "".join(f"<li><b>{escape(BY_KEY[k].name)}</b>: {escape(BY_KEY[k].formula)}</li>"
                    for k in ("766.2.1", "766.4.2", "766.5.4", "766.2.2"))
    return (f'<details class="card note"><summary>Cách tính</summary><ul>{items}</ul>'
            "<p>Số liệu của một xã bằng số liệu bàn làm việc của xã đó cho cùng kỳ (docs/INDICATORS.md).</p>"
            "</details>")
