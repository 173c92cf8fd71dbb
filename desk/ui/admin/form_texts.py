"""Tên mẫu, người ký: each printed form's title, signature heading and a letter's signer, as the agency prints them
(desk/domain/printed_forms.py ``OVERRIDABLE``). An empty cell keeps what the form prints by default, shown greyed
as the cell's placeholder."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.domain.printed_forms import FORMS, signer_title_for

from ..screen_fit import fit_dialog

# (key, heading): what an admin may change here; numbers are typed on the agency dialog itself.
COLUMNS = (("title", "Tên biểu mẫu"), ("signer", "Người ký (bên phải)"), ("signer_title", "Chức vụ người ký văn bản"),
           ("signer_name", "Họ tên người ký văn bản"), ("symbol", "Ký hiệu"))


class FormTextsDialog(QDialog):
    def __init__(self, texts: dict[str, dict[str, str]], unit_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Tên mẫu và người ký")
        self.setObjectName("formTextsDialog")
        layout = QVBoxLayout(self)
        intro = QLabel("Để trống ô nào thì biểu mẫu in như mặc định (di chuột lên ô để xem). Ô xám: biểu mẫu đó không "
                       "có mục này. Chức vụ có thể viết hai dòng, ví dụ “KT. GIÁM ĐỐC” rồi xuống dòng “PHÓ GIÁM ĐỐC” — "
                       "gõ “\\n” giữa hai dòng.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(FORMS), len(COLUMNS), self)
        self.table.setObjectName("formTextsTable")
        self.table.setHorizontalHeaderLabels([heading for _key, heading in COLUMNS])
        self.table.setVerticalHeaderLabels([form.label for form in FORMS])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 190), (2, 230), (3, 220), (4, 90)):
            self.table.setColumnWidth(column, width)
        for row, form in enumerate(FORMS):
            defaults = {"title": form.title, "signer": form.signers[1],
                        "signer_title": (form.signer_title or signer_title_for(unit_name)) if form.letter else "",
                        "signer_name": "", "symbol": form.symbol}
            own = texts.get(form.kind.value, {})
            for column, (key, _heading) in enumerate(COLUMNS):
                item = QTableWidgetItem(own.get(key, "").replace("\n", "\\n"))
                usable = key in ("title",) or (key == "signer" and not form.letter and form.signers[1]) or \
                    (key in ("signer_title", "signer_name", "symbol") and form.letter)
                if not usable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable & ~Qt.ItemFlag.ItemIsEnabled)
                    item.setBackground(QColor("#e6e6e6"))
                item.setToolTip(f"Mặc định: {defaults[key]}" if defaults[key] else "")
                self.table.setItem(row, column, item)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Xong")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Hủy")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_dialog(self, QSize(1240, 440))  # every column readable; smaller on a smaller screen

    def texts(self) -> dict[str, dict[str, str]]:
        """What the admin typed, by form kind (empty cells left out); the agency's check cleans it on saving."""
        result: dict[str, dict[str, str]] = {}
        for row, form in enumerate(FORMS):
            for column, (key, _heading) in enumerate(COLUMNS):
                item = self.table.item(row, column)
                value = item.text().strip().replace("\\n", "\n") if item is not None else ""
                if value:
                    result.setdefault(form.kind.value, {})[key] = value
        return result
