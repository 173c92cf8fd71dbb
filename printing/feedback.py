"""Phiếu ghi nhận phản ánh, kiến nghị: the slip a clerk prints for a citizen's feedback taken at the counter. The
citizen keeps it (its code opens the answer on the tracking site) and may sign the copy the centre keeps. A5, data
in, PDF bytes out; no Qt, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.platypus import Paragraph, Spacer

from .codes import BarcodeFlowable
from .forms import _build, _page, _signatures
from .layout import FormHeader, form_header, moment_text, safe_text

TITLE = "PHIẾU GHI NHẬN PHẢN ÁNH, KIẾN NGHỊ"


@dataclass(frozen=True)
class FeedbackSlip:
    code: str
    category: str
    channel: str
    dossier_code: str
    text: str
    citizen_name: str
    received_at: datetime
    due_at: datetime
    answer_url: str  # the tracking site's page of this code, "" before an agency's portal is known
    recorded_by: str


def render_feedback_slip(header: FormHeader, slip: FeedbackSlip, paper: str = "A5") -> bytes:
    size, width, st = _page(paper)
    story = form_header(header, st, width)
    story += [Paragraph(TITLE, st.title), Spacer(1, 2),
              Paragraph(f"Mã phản ánh: <b>{safe_text(slip.code)}</b>", st.body),
              BarcodeFlowable(slip.code, max_width=width * 0.8),
              Paragraph(f"Thời điểm tiếp nhận: {moment_text(slip.received_at)} ({safe_text(slip.channel)})", st.body),
              Paragraph(f"Người phản ánh: <b>{safe_text(slip.citizen_name) or 'Không ghi tên'}</b>", st.body),
              Paragraph(f"Loại phản ánh: <b>{safe_text(slip.category)}</b>", st.body)]
    if slip.dossier_code:
        story.append(Paragraph(f"Về hồ sơ: <b>{safe_text(slip.dossier_code)}</b>", st.body))
    story += [Paragraph("Nội dung phản ánh, kiến nghị:", st.body),
              Paragraph(safe_text(slip.text).replace("\n", "<br/>"), st.indent), Spacer(1, 3),
              Paragraph(f"Hạn trả lời: <b>{moment_text(slip.due_at)}</b>", st.body)]
    where = (f"tại {safe_text(slip.answer_url)}" if slip.answer_url
             else "trên trang tra cứu của tỉnh, mục “Góp ý, phản ánh”")
    story += [Paragraph(f"Ông/bà xem câu trả lời bằng mã phản ánh {where}, hoặc hỏi tại "
                        f"{safe_text(header.unit_name)}. Thông tin liên hệ của ông/bà không được công khai.", st.small),
              _signatures(("NGƯỜI PHẢN ÁNH", slip.citizen_name), ("CÁN BỘ TIẾP NHẬN", slip.recorded_by), st, width)]
    return _build(story, title=TITLE, header=header, paper=size)
