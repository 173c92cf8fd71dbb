"""Hồ sơ: today's and recent dossiers, search, details, reprint."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget

from desk.domain.errors import DomainError
from desk.domain.money import format_vnd
from desk.fileio import atomic_write_bytes
from forms.ui_dossier_list_page import Ui_DossierListPage

from . import dialogs, print_pdf
from .background import BackgroundRunner
from .desk_ref import DeskRef
from .models import DossierTableModel, _moment
from .signals import DeskSignals

if TYPE_CHECKING:
    from desk.services.dossiers import DossierDetail, DossierSummary

SEARCH_DELAY_MS = 200


def _digitized(document: dict) -> str:
    """The digitized file of a document line (DOMAIN.md §9), with a link that opens it."""
    sha256, flag = document.get("sha256"), int(document.get("digitized") or 0)
    if not sha256 or not flag:
        return ""
    pages = f", {document['pages']} trang" if document.get("pages") else ""
    how = (f"dùng lại bản số hóa của hồ sơ {escape(document.get('reused_from', ''))}" if flag == 2
           else "đã số hóa")
    return f" — <i>{how}{pages}</i> <a href='file:{escape(sha256)}'>Xem</a>"


def detail_html(detail: "DossierDetail") -> str:
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
             row("Tiếp nhận", _moment(s.received_at)), row("Hẹn trả", _moment(s.appointment_at)),
             row("Lệ phí", format_vnd(detail.fee_amount)),
             row("Sổ theo dõi", f"Quyển {detail.ledger_book}, số thứ tự {detail.ledger_line}"),
             row("Cán bộ tiếp nhận", f"{detail.clerk_name} — {detail.counter_name}")]
    rows += [row(label, value) for label, value in detail.extra_fields if value]
    documents = "".join(f"<li>{'✔' if d.get('received') else '✘'} {escape(d['name'])}{_digitized(d)}</li>"
                        for d in detail.documents)
    return (f"<h3>{escape(s.code)}</h3><table>{''.join(rows)}</table>"
            f"<p><b>Thành phần hồ sơ</b></p><ul>{documents}</ul>")


class DossierListPage(QWidget):
    detail_shown = Signal(str)

    def __init__(self, desk: DeskRef, runner: BackgroundRunner, signals: DeskSignals,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_DossierListPage()
        self.ui.setupUi(self)
        self.desk = desk
        self.runner = runner
        self.model = DossierTableModel(self)
        self.ui.dossierTable.setModel(self.model)
        header = self.ui.dossierTable.horizontalHeader()
        for column, width in enumerate((190, 160, 230, 115, 115)):
            header.resizeSection(column, width)
        self.ui.splitter.setSizes([820, 480])
        self.ui.splitter.setStretchFactor(0, 3)
        self.ui.splitter.setStretchFactor(1, 2)
        self._generation = 0
        self._select_code: str | None = None
        self._current: "DossierSummary | None" = None
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.ui.searchEdit.textChanged.connect(self._search_timer.start)
        self.ui.dossierTable.selectionModel().currentRowChanged.connect(self._on_row)
        self.ui.reprintButton.clicked.connect(self.reprint)
        self.ui.savePdfButton.clicked.connect(self.save_pdf_as)
        self.ui.detailView.setOpenLinks(False)
        self.ui.detailView.anchorClicked.connect(self.open_document)
        signals.data_changed.connect(self._on_data_changed)
        self._started = False

    def start(self) -> None:
        """The desk is open: list the newest dossiers."""
        self._started = True
        self.refresh()

    def _on_data_changed(self, entity: str, _id: str) -> None:
        if entity == "dossier" and self._started:
            self.refresh()

    def show_code(self, code: str) -> None:
        self._select_code = code
        self.ui.searchEdit.setText(code)
        self._search_timer.stop()
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation, query = self._generation, self.ui.searchEdit.text()

        def done(rows: "list[DossierSummary]") -> None:
            if generation != self._generation:
                return
            keep = self._select_code or (self._current.code if self._current else None)
            self.model.set_rows(rows)
            self.ui.countLabel.setText(f"{len(rows)} hồ sơ" + (" (hiển thị 200 mới nhất)" if len(rows) >= 200 else ""))
            for index, summary in enumerate(rows):
                if summary.code == keep:
                    self.ui.dossierTable.selectRow(index)
                    break
            else:
                self._show_detail(None)
            self._select_code = None

        self.runner.submit(lambda: self.desk.services.dossiers.search(query), done, self._on_error)

    def _on_row(self, current, _previous) -> None:
        summary = self.model.row_at(current.row()) if current.isValid() else None
        self._current = summary
        self.ui.reprintButton.setEnabled(summary is not None)
        self.ui.savePdfButton.setEnabled(summary is not None)
        if summary is None:
            self._show_detail(None)
            return
        code = summary.code
        self.runner.submit(lambda: self.desk.services.dossiers.get(code), self._show_detail, self._on_error)

    def _show_detail(self, detail: "DossierDetail | None") -> None:
        if detail is None:
            self.ui.detailView.setHtml("<p style='color:#666'>Chọn một hồ sơ để xem chi tiết.</p>")
            return
        self.ui.detailView.setHtml(detail_html(detail))
        self.detail_shown.emit(detail.summary.code)

    def _on_error(self, error: BaseException) -> None:
        self.ui.detailView.setHtml(f"<p style='color:#a00'>{escape(str(error))}</p>")

    def reprint(self) -> None:
        if self._current is None:
            return
        code = self._current.code

        def printed(path) -> None:
            if not print_pdf.printers_available():
                dialogs.show_message(self, self.tr("In lại biên nhận"),
                                     f"Không tìm thấy máy in. Biên nhận đã được tạo lại tại {path}.")
                return
            print_pdf.ask_print(self, path, self.desk.settings.paper)

        self.runner.submit(lambda: self.desk.services.receipts.ensure_pdf(code), printed, self._on_error)

    def save_pdf_as(self) -> None:
        if self._current is None:
            return
        code = self._current.code
        target = dialogs.ask_save_pdf_path(self, self.desk.paths.data_dir / f"{code}.pdf")
        if target is None:
            return

        def write():
            atomic_write_bytes(target, self.desk.services.receipts.render(code))
            return target

        def written(path) -> None:
            dialogs.show_message(self, self.tr("Lưu biên nhận"), f"Đã lưu biên nhận {code} vào {path}.")

        def failed(error: BaseException) -> None:
            message = str(error) if isinstance(error, DomainError) else f"Không lưu được tệp: {error}"
            dialogs.show_message(self, self.tr("Lưu biên nhận"), message, warning=True)

        self.runner.submit(write, written, failed)

    def open_document(self, url) -> None:
        """Open a digitized document of the dossier shown: a copy named ``.pdf`` for the system viewer."""
        sha256 = url.toString().removeprefix("file:")
        if len(sha256) != 64:
            return
        source = self.desk.paths.file_path(sha256)
        target = self.desk.paths.data_dir / "xem" / f"{sha256[:12]}.pdf"

        def copy() -> Path:
            atomic_write_bytes(target, source.read_bytes())
            return target

        def copied(path: Path) -> None:
            if not dialogs.open_with_system(path):
                dialogs.show_message(self, self.tr("Xem bản số hóa"),
                                     self.tr("Máy này chưa có phần mềm xem PDF. Tệp ở: ") + str(path))

        self.runner.submit(copy, copied, lambda error: dialogs.show_message(
            self, self.tr("Xem bản số hóa"), self.tr("Không mở được tệp số hóa: ") + str(error), warning=True))
