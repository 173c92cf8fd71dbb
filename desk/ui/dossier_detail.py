"""A dossier's details on the Hồ sơ page, as HTML for its read-only view: who, what, the promise and any later date
kept apart, the result judged against the deadline, the papers (digitized or not) and the steps."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from desk.domain.lifecycle import timeliness
from desk.domain.money import format_vnd

from .models import _moment

if TYPE_CHECKING:
    from desk.services.dossiers import DossierDetail


def _digitized(document: dict) -> str:
    """The digitized file of a document line (DOMAIN.md §9), with a link that opens it."""
    sha256, flag = document.get("sha256"), int(document.get("digitized") or 0)
    if not sha256 or not flag:
        return ""
    pages = f", {document['pages']} trang" if document.get("pages") else ""
    how = (f"dùng lại bản số hóa của hồ sơ {escape(document.get('reused_from', ''))}" if flag == 2
           else "đã số hóa")
    return f" — <i>{how}{pages}</i> <a href='file:{escape(sha256)}'>Xem</a>"


def _appointment_rows(detail: DossierDetail, row) -> list[str]:
    """The promise on the receipt and a later date kept apart; the result judged against the deadline (the promise,
    or a lawful extension: docs/LEGAL.md, "Lateness")."""
    s = detail.summary
    promised = detail.promised_at or s.appointment_at
    rows = [row("Hẹn trả (biên nhận)", _moment(promised))]
    if s.appointment_at and s.appointment_at != promised:
        lawful = detail.deadline_at is not None and detail.deadline_at != promised
        rows.append(row("Gia hạn đến" if lawful else "Hẹn lại (xin lỗi)", _moment(s.appointment_at)))
    finished = detail.finished_at
    result = timeliness(finished, detail.deadline_at or promised) if finished else None
    if result is not None:
        rows.append(row("Kết quả giải quyết", result.value))
    if detail.competent_agency:
        rows.append(row("Cơ quan có thẩm quyền", detail.competent_agency))
    return rows


def _step_words(step) -> str:
    """A step that keeps the status says what it did (an apology and its dates), not the status again."""
    if step.kind == "apology":
        new = step.details.get("new_appointment", "")
        lawful = bool(step.details.get("extension_basis"))
        when = f" → {new[8:10]}/{new[5:7]}/{new[:4]}" if len(new) >= 10 else ""
        return ("Gia hạn" if lawful else "Xin lỗi, hẹn lại") + when
    return step.to_status.label


def detail_html(detail: DossierDetail) -> str:
    s = detail.summary

    def row(label: str, value) -> str:
        return f"<tr><td style='color:#555;padding-right:12px'>{escape(label)}</td><td>{escape(str(value))}</td></tr>"

    rows = [row("Mã hồ sơ", s.code), row("Trạng thái", s.status.label),
            row("Người có hồ sơ", s.owner_name), row("Số định danh", s.owner_id_number),
            row("Ngày sinh", f"{detail.owner_birth_date:%d/%m/%Y}" if detail.owner_birth_date else "—"),
            row("Giới tính", detail.owner_gender or "—"), row("Địa chỉ", detail.owner_address or "—"),
            row("Điện thoại", s.phone or "—"), row("E-mail", detail.email or "—")]
    if detail.submitter_name:
        rows.append(row("Người nộp thay", f"{detail.submitter_name} ({detail.submitter_id_number})"))
    rows += [row("Thủ tục", f"{s.procedure_name} ({detail.procedure_code})"),
             row("Tiếp nhận", _moment(s.received_at)), *_appointment_rows(detail, row),
             row("Lệ phí", format_vnd(detail.fee_amount)),
             row("Sổ theo dõi", f"Quyển {detail.ledger_book}, số thứ tự {detail.ledger_line}"),
             row("Cán bộ tiếp nhận", f"{detail.clerk_name} — {detail.counter_name}")]
    rows += [row(label, value) for label, value in detail.extra_fields if value]
    if detail.channel == 2:
        rows.insert(2, row("Kênh nộp", "Trực tuyến"))
    if detail.rating:
        rows.append(row("Đánh giá", "Công dân đã đánh giá"))  # which level is the citizen's, not the clerk's screen
    documents = "".join(f"<li>{'✔' if d.get('received') else '✘'} {escape(d['name'])}{_digitized(d)}</li>"
                        for d in detail.documents)
    to_bring = "".join(f"<li>{escape(name)}</li>" for name in detail.to_bring)
    steps = "".join(f"<tr><td>{s_.at:%H:%M %d/%m/%Y}</td><td>{escape(s_.unit or s_.actor)}</td>"
                    f"<td>{escape(_step_words(s_))}</td><td>{escape(s_.note)}</td></tr>" for s_ in detail.steps)
    html = f"<h3>{escape(s.code)}</h3><table>{''.join(rows)}</table>"
    if to_bring:
        html += f"<p style='color:#a05a00'><b>Giấy tờ cần bổ sung</b></p><ul>{to_bring}</ul>"
    html += f"<p><b>Thành phần hồ sơ</b></p><ul>{documents}</ul>"
    if steps:
        html += f"<p><b>Quá trình giải quyết</b></p><table cellpadding='2'>{steps}</table>"
    return html
