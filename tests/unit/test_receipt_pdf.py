"""The receipt as a printer and a citizen's phone see it (DOMAIN.md §2)."""

from dataclasses import replace
from datetime import datetime

import pytest

from printing.receipt import ReceiptData, ReceiptDocument, render_receipt
from tests.support.pdf import decode_codes, pdf_page_count, pdf_page_size_mm, pdf_text, rasterise

CODE = "000.00.53.H16-261123-0007"
URL = "https://dichvucong.daklak.gov.vn/tra-cuu/000.00.53.H16-261123-0007"

BASE = ReceiptData(
    parent_authority="UBND TỈNH ĐẮK LẮK", unit_name="Trung tâm Phục vụ hành chính công xã Ea Kar",
    place_name="Ea Kar", code=CODE, ledger_book="01/2026", ledger_line=7, owner_name="Nguyễn Thị Hoa",
    id_number="066195012345", address="Thôn 3, Xã Ea Kar, Tỉnh Đắk Lắk", phone="0912345678", email="",
    procedure_name="Chứng thực bản sao từ bản chính giấy tờ, văn bản", procedure_code="2.000815",
    documents=(ReceiptDocument("Bản chính giấy tờ, văn bản", originals=1),
               ReceiptDocument("Bản sao cần chứng thực", photocopies=3)),
    sets=1, processing_text="Trong ngày", received_at=datetime(2026, 11, 23, 9, 15),
    appointment_at=datetime(2026, 11, 23, 17, 0), return_place="Tại Bộ phận Một cửa",
    fee_text="12.000 đ", clerk_name="Lê Văn Tâm", tracking_url=URL,
)


def test_codes_decode_back_and_text_layer_carries_the_facts():
    pdf = render_receipt(BASE)
    assert pdf_page_count(pdf) == 2
    assert pdf_page_size_mm(pdf) == (148.0, 210.0)  # A5 portrait
    codes = decode_codes(rasterise(pdf, dpi=200))
    assert codes.get("QRCode") == URL
    assert codes.get("Code128") == CODE
    text = pdf_text(pdf)
    for expected in ("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Nguyễn Thị Hoa", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "17 giờ 00 phút, ngày 23/11/2026", "09 giờ 15 phút, ngày 23/11/2026", "Liên 1", "Liên 2",
                     "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "12.000 đ", "Số thứ tự: 7"):
        assert expected in text, expected


def test_a4_single_copy_and_no_fixed_appointment():
    pdf = render_receipt(replace(BASE, appointment_at=None), paper="A4", copies=1)
    assert pdf_page_count(pdf) == 1
    assert pdf_page_size_mm(pdf) == (210.0, 297.0)
    assert "Không có thời hạn giải quyết cố định" in pdf_text(pdf)
    assert decode_codes(rasterise(pdf, dpi=150)).get("QRCode") == URL


HOSTILE = [
    dict(owner_name='<b>Nguyễn & "Văn" \'A\'</b></para>'),
    dict(address="Thôn " + "rất dài " * 50),  # ~400 characters
    dict(address="X" * 300),  # one unbreakable word
    dict(owner_name="Trần 😀 Văn 🇻🇳 Bình"),
    dict(owner_name="Lê\x00\x07\x1b[31m Thị\u202e Thu"),
    dict(documents=tuple(ReceiptDocument(f"Giấy tờ số {i} " + "kèm theo " * 6, originals=1) for i in range(25))),
    dict(unit_name="Trung tâm " * 30, procedure_name="Thủ tục " * 80),
]


@pytest.mark.parametrize("changes", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_input_renders_on_one_page_per_copy_and_still_scans(changes):
    pdf = render_receipt(replace(BASE, **changes))
    assert pdf_page_count(pdf) == 2  # shrunk to fit: nothing spills onto a third page
    text = pdf_text(pdf)
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text  # the signatures are still on the paper
    assert decode_codes(rasterise(pdf, dpi=200)).get("Code128") == CODE


def test_markup_is_printed_literally_not_interpreted():
    text = pdf_text(render_receipt(replace(BASE, owner_name="<b>Nguyễn & Co</b>")))
    assert "<b>Nguyễn & Co</b>" in text


def test_receipts_and_forms_drawn_from_eight_threads_at_once_are_all_whole():
    """reportlab's font subsetting is shared per font: without the render lock, two documents drawn at once
    corrupted it (a KeyError in a CI run of the eight-thread intake test)."""
    from concurrent.futures import ThreadPoolExecutor

    from printing.forms import DossierFacts, RefusalData, render_refusal
    from printing.layout import FormHeader

    header = FormHeader("UBND TỈNH ĐẮK LẮK", "Trung tâm Phục vụ hành chính công xã Ea Kar", "Ea Kar",
                        datetime(2026, 11, 23).date(), "Mẫu số 03")
    facts = DossierFacts("000.00.53.H16-261123-T0001", "Nguyễn Thị Hoa", "Thôn 3", "", "Đăng ký khai tử",
                         datetime(2026, 11, 23, 9, 15), None)

    def draw(index: int) -> bytes:
        if index % 2:
            return render_refusal(header, RefusalData(facts, f"Lý do số {index // 2 % 3}: ngoài thẩm quyền",
                                                      "Lê Văn Tâm", "Nguyễn Thị Hoa"))
        return render_receipt(replace(BASE, owner_name=["Nguyễn Thị Hoa", "Ý Đức Êban", "Trần Văn Bình"][index % 3]))

    with ThreadPoolExecutor(8) as pool:
        drawn = list(pool.map(draw, range(48)))
    assert all(pdf == draw(index) for index, pdf in enumerate(drawn))  # byte for byte as drawn alone


def test_receipts_live_in_a_folder_per_month_and_old_months_go(desk):
    """Issue 17: a million receipts are not one folder, nor kept forever: a reprint draws the receipt again."""
    from datetime import date

    from tests.conftest import CLERK
    from tests.support.workers import sample_request

    request, version = sample_request(desk)
    saved = desk.intake.receive(request, procedure_version=version, actor=CLERK)
    assert saved.receipt_path == desk.paths.receipts / "2611" / f"{saved.code}.pdf"
    old = desk.paths.receipts / "2608" / "000.00.53.H16-260814-0001.pdf"
    kept = desk.paths.receipts / "2609" / "000.00.53.H16-260901-0001.pdf"
    flat = desk.paths.receipts / "000.00.53.H16-250101-0001.pdf"  # an older version's layout
    for path in (old, kept, flat):
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"%PDF-1.4")
    assert desk.receipts.prune(today=date(2026, 11, 30)) == 2
    assert not old.exists() and not flat.exists() and kept.exists() and saved.receipt_path.exists()
    assert desk.receipts.prune(today=date(2027, 3, 1)) == 2  # November's and September's months have passed
    assert desk.receipts.ensure_pdf(saved.code) == saved.receipt_path  # a reprint draws it again
    assert saved.receipt_path.read_bytes().startswith(b"%PDF")
