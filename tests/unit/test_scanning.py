"""Scanning: SANE's test device through the driver host, compression budgets, one PDF per
document, separator sheets, file import, misbehaving drivers, the watched folder, WIA mapping."""

from __future__ import annotations

import hashlib
import io
import os
import threading
import time

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter

from desk.scanning import wia_backend
from desk.scanning.assemble import build_pdf, split_batch, store_document
from desk.scanning.driver import DriverHost
from desk.scanning.folder import IMPORTED_SUBFOLDER, FolderWatcher
from desk.scanning.model import ScanError, ScannerProfile, ScanSettings
from desk.scanning.pages import encode_page, import_file, is_blank, separator_code, store_page
from tests.support.pages import text_page
from tests.support.sane import make_sane_config, require_sane

KB = 1024


@pytest.fixture
def sane_env(tmp_path, monkeypatch):
    require_sane()
    monkeypatch.setenv("SANE_CONFIG_DIR", str(make_sane_config(tmp_path / "sane")))
    return tmp_path


def pdf_pages(data: bytes) -> list[tuple[float, float, int]]:
    document = pdfium.PdfDocument(data)
    try:
        return [(round(p.get_width()), round(p.get_height()), p.get_rotation()) for p in document]
    finally:
        document.close()


def code128_image(text: str, dpi: int = 300) -> Image.Image:
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    barcode = Code128(text, barWidth=0.33 * mm, barHeight=10 * mm, quiet=1)
    canvas = Canvas(buffer, pagesize=(barcode.width + 20, barcode.height + 20))
    barcode.drawOn(canvas, 10, 10)
    canvas.save()
    document = pdfium.PdfDocument(buffer.getvalue())
    image = document[0].render(scale=dpi / 72).to_pil().convert("L")
    document.close()
    return image


def decode(image: Image.Image) -> list[str]:
    import zxingcpp

    return [result.text for result in zxingcpp.read_barcodes(image)]


# -- SANE's test device, through the child process -----------------------------------------------
def test_sane_lists_the_test_device_with_its_feeder(sane_env):
    devices = DriverHost().devices("sane")
    assert [d.device_id for d in devices] == ["test:0", "test:1"]
    assert devices[0].sources == ("flatbed", "adf")
    assert set(devices[0].modes) >= {"gray", "color"}
    assert devices[0].max_resolution == 1200


def test_flatbed_grey_page_from_sane_becomes_a_stored_hashed_pdf(sane_env, tmp_path):
    arrived = []
    profile = ScannerProfile("Mặt kính", "sane", "test:0", ScanSettings(300, "gray", "flatbed"))
    count = DriverHost().scan(profile, tmp_path / "raw", lambda path, info: arrived.append(
        store_page(Image.open(path), info["dpi"], tmp_path / "work")))
    assert count == 1 and len(arrived) == 1
    stored = store_document(arrived, tmp_path / "files")
    data = stored.path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == stored.sha256 == stored.path.name
    assert stored.path.parent.name == stored.sha256[:2]
    # the test device scans at most 200 × 200 mm: the page keeps its physical size
    assert pdf_pages(data) == [(567, 567, 0)]
    assert stored.size <= 250 * KB


def test_feeder_batch_from_sane_gives_one_pdf_with_every_sheet(sane_env, tmp_path):
    pages = []
    profile = ScannerProfile("Khay", "sane", "test:0", ScanSettings(200, "color", "adf"))
    count = DriverHost().scan(profile, tmp_path / "raw", lambda path, info: pages.append(
        store_page(Image.open(path), info["dpi"], tmp_path / "work", detect_separators=True)))
    assert count == len(pages) >= 2  # the test device's feeder holds ten sheets
    assert not any(page.separator for page in pages)
    stored = store_document(pages, tmp_path / "files")
    assert len(pdf_pages(stored.path.read_bytes())) == count
    assert all(page.size <= 400 * KB for page in pages)  # colour, 200 × 200 mm


def test_blank_sheets_from_the_feeder_split_the_batch(tmp_path, monkeypatch):
    require_sane()
    monkeypatch.setenv("SANE_CONFIG_DIR", str(make_sane_config(tmp_path / "sane", picture="Solid white")))
    blank = []
    DriverHost().scan(ScannerProfile("x", "sane", "test:0", ScanSettings(150, "gray", "flatbed")),
                      tmp_path / "raw", lambda path, info: blank.append(Image.open(path).copy()))
    assert is_blank(blank[0])
    content = store_page(text_page(150), 150, tmp_path / "w", detect_separators=True)
    separator = store_page(blank[0], 150, tmp_path / "w", detect_separators=True)
    assert not content.separator and separator.separator
    groups = split_batch([content, content, separator, content, separator, separator])
    assert [len(group) for group in groups] == [2, 1]


def test_a_printed_separator_sheet_is_recognised_after_scanning(tmp_path):
    from printing.separator import render_separator_sheet

    document = pdfium.PdfDocument(render_separator_sheet())
    scanned = document[0].render(scale=200 / 72).to_pil().convert("L")
    document.close()
    assert separator_code(scanned) == "MOTCUA-TACH"
    assert not is_blank(scanned)
    assert store_page(scanned, 200, tmp_path, detect_separators=True).separator
    assert separator_code(text_page(150)) is None


# -- compression --------------------------------------------------------------------------------
def test_dense_grey_a4_at_300_dpi_fits_250_kb_and_stays_legible():
    barcode = code128_image("000.00.53.H16-261123-0042")
    page = text_page(300, barcode=barcode)
    data = encode_page(page, 300)
    assert len(data) <= 250 * KB
    document = pdfium.PdfDocument(data)
    assert (round(document[0].get_width()), round(document[0].get_height())) == (595, 842)  # A4
    back = document[0].render(scale=300 / 72).to_pil().convert("L")
    document.close()
    # a 0.33 mm barcode module survives: so do the strokes of 12 pt letters
    assert "000.00.53.H16-261123-0042" in decode(back)


def test_colour_id_card_fits_150_kb():
    width, height = round(85.6 / 25.4 * 300), round(54 / 25.4 * 300)
    card = Image.effect_noise((width, height), 40).convert("RGB")
    card = Image.merge("RGB", [card.getchannel(0), Image.linear_gradient("L").resize((width, height)),
                               card.getchannel(2).point(lambda v: 255 - v)]).filter(ImageFilter.GaussianBlur(1))
    data = encode_page(card, 300)
    assert len(data) <= 150 * KB
    assert pdf_pages(data) == [(243, 153, 0)]


def test_a_photo_page_too_big_for_its_budget_is_scaled_down_not_dropped():
    noise = Image.effect_noise((2480, 3508), 90)  # worst case: no structure at all
    data = encode_page(noise, 300)
    assert len(data) <= 250 * KB
    assert pdf_pages(data) == [(595, 842, 0)]  # same paper size, fewer pixels


# -- assembly ------------------------------------------------------------------------------------
def test_rotation_and_order_are_applied_without_reencoding(tmp_path):
    portrait = store_page(Image.new("L", (600, 900), 255), 100, tmp_path)
    landscape = store_page(Image.new("L", (900, 600), 255), 100, tmp_path)
    data = build_pdf([landscape, portrait.rotated(90), portrait.rotated(90).rotated(-90)])
    assert pdf_pages(data) == [(648, 432, 0), (648, 432, 90), (432, 648, 0)]  # sizes as displayed
    assert len(data) < sum(p.size for p in (portrait, landscape, portrait)) + 4 * KB


def test_storing_the_same_document_twice_keeps_one_file(tmp_path):
    page = store_page(text_page(100), 100, tmp_path / "w")
    first = store_document([page], tmp_path / "files")
    second = store_document([page], tmp_path / "files")
    assert first == second
    assert len(list((tmp_path / "files").rglob("*"))) == 2  # one folder, one file


# -- import ---------------------------------------------------------------------------------------
def test_import_multipage_tiff_png_jpeg_and_pdf(tmp_path):
    frames = [text_page(100, lines=n) for n in (3, 6, 9)]
    frames[0].save(tmp_path / "ba-trang.tif", save_all=True, append_images=frames[1:], dpi=(100, 100),
                   compression="tiff_lzw")
    frames[0].save(tmp_path / "anh.png", dpi=(100, 100))
    frames[0].convert("RGB").save(tmp_path / "anh.jpg", quality=80, dpi=(100, 100))
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "hai-trang.pdf"))
    for text in ("Trang một", "Trang hai"):
        canvas.drawString(72, 720, text)
        canvas.showPage()
    canvas.save()
    work = tmp_path / "work"
    assert len(import_file(tmp_path / "ba-trang.tif", work)) == 3
    assert len(import_file(tmp_path / "anh.png", work)) == 1
    assert len(import_file(tmp_path / "anh.jpg", work)) == 1
    pdf = import_file(tmp_path / "hai-trang.pdf", work)
    assert [p.index for p in pdf] == [0, 1] and pdf[0].thumbnail
    (tmp_path / "hai-trang.pdf").unlink()  # the clerk's file may go; the work copy stays
    stored = store_document([*pdf, *import_file(tmp_path / "anh.png", work)], tmp_path / "files")
    sizes = pdf_pages(stored.path.read_bytes())
    assert len(sizes) == 3 and sizes[2] == (595, 842, 0)  # the PNG at 100 dpi is an A4 page


def test_import_refuses_bad_files_with_a_clear_message(tmp_path):
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "hong.jpg").write_bytes(b"\xff\xd8 truncated")
    (tmp_path / "van-ban.docx").write_bytes(b"PK")
    for name, words in (("hong.pdf", "hỏng"), ("hong.jpg", "Không đọc được ảnh"), ("van-ban.docx", "chỉ nhận")):
        with pytest.raises(ScanError, match=words):
            import_file(tmp_path / name, tmp_path / "work")


def test_a_pdf_with_a_password_is_told_apart_by_pdfium_s_error_code(tmp_path):
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "mat-khau.pdf"), encrypt="mật khẩu")
    canvas.drawString(72, 720, "Giấy khai sinh")
    canvas.save()
    with pytest.raises(ScanError, match="“mat-khau.pdf”: tệp có mật khẩu"):
        import_file(tmp_path / "mat-khau.pdf", tmp_path / "work")


# -- drivers that misbehave -------------------------------------------------------------------------
def fake(name: str) -> ScannerProfile:
    return ScannerProfile("giả", f"tests.support.fake_scanner:{name}", "fake:0", ScanSettings(100, "gray", "adf"))


def test_a_crashing_driver_gives_a_message_and_leaves_us_running(tmp_path):
    with pytest.raises(ScanError, match="bị lỗi và đã dừng"):
        DriverHost().scan(fake("CrashingBackend"), tmp_path, lambda path, info: None)


def test_pages_before_a_crash_are_kept(tmp_path):
    arrived = []
    with pytest.raises(ScanError, match="Đã nhận 2 trang trước khi lỗi"):
        DriverHost().scan(fake("PagesThenCrashBackend"), tmp_path, lambda path, info: arrived.append(path))
    assert [p.name for p in arrived] == ["page-0001.pnm", "page-0002.pnm"]
    assert all(p.exists() for p in arrived)


def test_a_hanging_driver_is_killed_after_the_timeout(tmp_path):
    started = time.monotonic()
    with pytest.raises(ScanError, match="không phản hồi sau 2 giây"):
        DriverHost(first_page_timeout=2).scan(fake("HangingBackend"), tmp_path, lambda path, info: None)
    assert time.monotonic() - started < 10
    with pytest.raises(ScanError, match="không phản hồi"):
        DriverHost(list_timeout=1).devices("tests.support.fake_scanner:HangingBackend")


def test_a_driver_error_reaches_the_clerk_verbatim(tmp_path):
    with pytest.raises(ScanError, match="^Khay nạp giấy không có giấy.$"):
        DriverHost().scan(fake("RefusingBackend"), tmp_path, lambda path, info: None)
    with pytest.raises(ScanError, match="Không có trình điều khiển"):
        DriverHost().devices("twain")


# -- watched folder ---------------------------------------------------------------------------------
def test_a_file_written_slowly_is_offered_once_and_only_when_complete(tmp_path):
    folder = tmp_path / "scan-to-folder"
    folder.mkdir()
    payload = os.urandom(200 * KB)
    watcher = FolderWatcher(folder, settle_s=0.8)

    def write_slowly():
        with open(folder / "may-in-0001.pdf", "wb") as handle:
            for start in range(0, len(payload), 20 * KB):
                handle.write(payload[start:start + 20 * KB])
                handle.flush()
                time.sleep(0.15)  # shorter than the settle time: the writer is still at it

    writer = threading.Thread(target=write_slowly)
    writer.start()
    offered = []
    deadline = time.monotonic() + 8
    while time.monotonic() < deadline:
        for path in watcher.poll():
            offered.append((path, path.stat().st_size, writer.is_alive()))
        time.sleep(0.05)
    writer.join()
    assert offered == [(folder / "may-in-0001.pdf", len(payload), False)]
    assert watcher.poll() == []
    moved = watcher.mark_imported(folder / "may-in-0001.pdf")
    assert moved == folder / IMPORTED_SUBFOLDER / "may-in-0001.pdf" and moved.read_bytes() == payload


def test_the_watcher_ignores_temporary_and_foreign_files(tmp_path):
    clock = [0.0]
    watcher = FolderWatcher(tmp_path, settle_s=1, clock=lambda: clock[0])
    for name in (".~lock.pdf", "~tmp.jpg", "ghi-chu.txt", "scan.jpg.part"):
        (tmp_path / name).write_bytes(b"x" * 10)
    (tmp_path / "rong.pdf").write_bytes(b"")
    for step in range(3):
        clock[0] = step * 2.0
        assert watcher.poll() == []


# -- WIA (Windows): mapping and page loop against a stand-in COM object ------------------------------
class _Prop:
    def __init__(self, prop_id, value=0):
        self.PropertyID, self.Value = prop_id, value


class _ComError(Exception):
    def __init__(self, hresult):
        super().__init__(hresult, "COM error", (0, "WIA", "paper empty", None, 0, hresult), None)


class _Item:
    def __init__(self, sheets):
        self.Properties = [_Prop(p) for p in (wia_backend.WIA_IPS_CUR_INTENT, wia_backend.WIA_IPS_XRES,
                                              wia_backend.WIA_IPS_YRES)]
        self.sheets = sheets

    def Transfer(self, format_id):
        assert format_id == wia_backend.WIA_FORMAT_BMP
        if not self.sheets:
            raise _ComError(wia_backend.WIA_ERROR_PAPER_EMPTY)
        buffer = io.BytesIO()
        self.sheets.pop(0).save(buffer, "BMP")
        return type("ImageFile", (), {"FileData": type("Vector", (), {"BinaryData": buffer.getvalue()})})


class _Device:
    def __init__(self, sheets):
        self.Properties = [_Prop(wia_backend.WIA_DPS_DOCUMENT_HANDLING_CAPABILITIES, 0x7),
                           _Prop(wia_backend.WIA_DPS_DOCUMENT_HANDLING_SELECT),
                           _Prop(wia_backend.WIA_DPS_PAGES)]
        self.Items = {1: _Item(sheets)}


class _DeviceInfo:
    Type, DeviceID = 1, "{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001"

    def __init__(self, device):
        self.device = device
        self.Properties = [_Prop(wia_backend.WIA_DIP_VEND_DESC, "Canon"),
                           _Prop(wia_backend.WIA_DIP_DEV_NAME, "DR-C225")]

    def Connect(self):
        return self.device


def test_wia_maps_settings_and_reads_the_feeder_until_empty():
    device = _Device([Image.new("L", (85, 110), 255) for _ in range(3)])
    backend = wia_backend.WiaBackend(dispatch=lambda name: type("Manager", (), {
        "DeviceInfos": [_DeviceInfo(device), type("Camera", (), {"Type": 2})()]})())
    [info] = backend.devices()
    assert (info.vendor, info.model, info.sources) == ("Canon", "DR-C225", ("flatbed", "adf", "duplex"))
    pages = list(backend.scan(info.device_id, ScanSettings(200, "color", "duplex")))
    assert len(pages) == 3 and all(dpi == 200 for _, dpi in pages)
    values = {p.PropertyID: p.Value for p in device.Properties + device.Items[1].Properties}
    assert values[wia_backend.WIA_DPS_DOCUMENT_HANDLING_SELECT] == wia_backend.FEEDER | wia_backend.DUPLEX
    assert values[wia_backend.WIA_DPS_PAGES] == 0
    assert values[wia_backend.WIA_IPS_CUR_INTENT] == wia_backend.INTENT["color"]
    assert values[wia_backend.WIA_IPS_XRES] == values[wia_backend.WIA_IPS_YRES] == 200
    with pytest.raises(ScanError, match="không có giấy"):
        list(backend.scan(info.device_id, ScanSettings(200, "gray", "adf")))
