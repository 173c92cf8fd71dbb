"""Regenerate docs/screenshots/forms/: the first page of every form of Thông tư 03/2025 (and the result hand-over
slip), each printed through the desk's services for one realistic dossier of a commune centre in Đắk Lắk.

Run: python scripts/form_screenshots.py (needs poppler-utils). No Qt: forms are drawn by printing/, not by widgets.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import uuid
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots" / "forms"
QR = "066305001234|241234567|H'Hen Niê|12031995|Nữ|Buôn Ea Kắt, Xã Ea Kar, Tỉnh Đắk Lắk|20042021"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 15)

    def __call__(self) -> datetime:
        return self.now


def first_page(pdf: Path, name: str) -> Path:
    target = OUT / name
    subprocess.run(["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target)],
                   check=True)
    return target.with_suffix(".png")


def main() -> None:
    from desk.domain.agency import AgencyIdentity
    from desk.domain.citizen import parse_card_qr
    from desk.domain.intake import OutcomeKind, OutcomeRequest
    from desk.domain.lifecycle import Collector
    from desk.domain.users import Actor, Role
    from desk.paths import DeskPaths
    from desk.services.desk import open_desk
    from desk.settings import CounterSettings
    from tests.support.workers import sample_request

    admin, clerk = Actor("qtv", "Trần Quản Trị", Role.ADMIN), Actor("lvtam", "Lê Văn Tâm", Role.CLERK)
    clock = Clock()
    desk = open_desk(DeskPaths(Path(tempfile.mkdtemp(prefix="forms-")) / "data"), CounterSettings(), clock)
    desk.agency.save(AgencyIdentity(
        "000.00.53.H16", "UBND XÃ EA KAR", "Trung tâm Phục vụ hành chính công xã Ea Kar", "Ea Kar",
        "https://dichvucong.daklak.gov.vn", "Số 1 Nguyễn Tất Thành, xã Ea Kar, tỉnh Đắk Lắk", "0262 3625 123",
        {"apology": {"signer_name": "Y Blông Niê"}, "stop": {"signer_name": "Y Blông Niê"}}), actor=admin)
    request, version = sample_request(desk, procedure_code="1.000894")  # Đăng ký kết hôn: 5 days with verification
    card = parse_card_qr(QR)
    request = replace(request, owner=replace(request.owner, full_name=card.full_name, id_number=card.id_number,
                                             address=card.address), with_verification=True,
                      procedure=replace(request.procedure, cross_boundary=True),
                      competent_agency="UBND xã Cư M'gar, tỉnh Đắk Lắk",
                      extra_values={"partner_name": "Y Sơn Ksor", "partner_id_number": "066093004567"})
    code = desk.intake.receive(request, procedure_version=version, actor=clerk).code
    life = desk.lifecycle
    names = [d.name for d in request.procedure.documents]
    clock.now = datetime(2026, 11, 23, 14, 0)
    printed = {"mau-02-yeu-cau-bo-sung": life.request_supplement(code, names[:2], "Tờ khai chưa có chữ ký của người "
                                                                 "yêu cầu; bản sao giấy tờ chưa chứng thực",
                                                                 actor=clerk).pdf_path}
    clock.now = datetime(2026, 11, 24, 8, 30)
    printed["mau-01-giay-tiep-nhan"] = life.record_supplement(code, names[:2], actor=clerk).pdf_path
    life.send_to_handler(code, "Công chức Tư pháp - Hộ tịch", actor=clerk)
    clock.now = datetime(2026, 11, 27, 8, 0)
    printed["mau-04-xin-loi-gia-han"] = life.apologize(
        code, datetime(2026, 12, 2, 16, 0), "Chữ ký mẫu cần đối chiếu với hồ sơ lưu tại UBND xã nơi người yêu cầu "
        "cư trú trước đây", actor=clerk, extension_basis="khoản 2 Điều 18 Luật Hộ tịch 2014").pdf_path
    clock.now = datetime(2026, 12, 1, 15, 0)
    life.result_ready(code, actor=clerk)
    clock.now = datetime(2026, 12, 2, 9, 0)
    printed["phieu-ban-giao-ket-qua"] = life.return_result(
        code, Collector(card.full_name, card.id_number, True), actor=clerk).pdf_path
    printed["mau-06-phieu-kiem-soat"] = life.render_form(code, "control")
    stopped = desk.intake.receive(request, procedure_version=version, actor=clerk).code
    printed["mau-05-dung-giai-quyet"] = life.stop(
        stopped, "Xác minh cho thấy bên kia đang có vợ (vi phạm điểm c khoản 2 Điều 5 Luật Hôn nhân và gia đình "
        "2014)", "Điều 12 Nghị định 118/2025/NĐ-CP; khoản 2 Điều 18 Luật Hộ tịch 2014", actor=clerk).pdf_path
    refused = desk.intake.record_outcome(OutcomeRequest(
        OutcomeKind.REFUSAL, request.owner, request.procedure, (), "Bên nam chưa đủ 20 tuổi (điểm a khoản 1 Điều 8 "
        "Luật Hôn nhân và gia đình 2014): chưa đủ điều kiện đăng ký kết hôn", phone="0912345678"),
        actor=clerk, procedure_version=version, intake_key=str(uuid.uuid4()))
    printed["mau-03-tu-choi"] = refused.pdf_path
    printed["mau-07-so-theo-doi"] = life.render_ledger(date(2026, 11, 1), date(2026, 12, 2))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, pdf in sorted(printed.items()):
        print(first_page(Path(pdf), name))
    desk.db.dispose()


if __name__ == "__main__":
    main()
