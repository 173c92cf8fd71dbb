"""Table models over service results (rows are plain dataclasses fetched by a worker)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

if TYPE_CHECKING:
    from desk.services.catalog import CatalogEntry
    from desk.services.dossiers import DossierSummary

Index = QModelIndex | QPersistentModelIndex


class _RowsModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's own signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008  (Qt's own signature)
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.cell(self._rows[index.row()], index.column())

    def cell(self, row, column: int) -> str:
        raise NotImplementedError


class ProcedureTableModel(_RowsModel):
    headers = ("Mã", "Tên thủ tục", "Lĩnh vực", "Thời hạn", "Lệ phí")

    def cell(self, entry: CatalogEntry, column: int) -> str:
        template = entry.template
        return (template.code, template.name, template.sector, template.processing.short(),
                template.fee.describe())[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            template = self._rows[index.row()].template
            return (f"{template.code} — {template.name}\n{template.sector}\n"
                    f"{template.processing.describe()}\nLệ phí: {template.fee.describe()}")
        return super().data(index, role)


def _moment(value) -> str:
    return value.strftime("%H:%M %d/%m/%Y") if value else "—"


class DossierTableModel(_RowsModel):
    # What a clerk looks for first comes first: status and appointment are visible at 1366 px without
    # scrolling; the procedure takes what is left (elided, whole in the tooltip); the time received is
    # in the code (yymmdd) and in the details.
    headers = ("Mã hồ sơ", "Người có hồ sơ", "Hẹn trả", "Trạng thái", "Thủ tục")
    PROCEDURE_COLUMN = 4

    def cell(self, summary: DossierSummary, column: int) -> str:
        return (summary.code, summary.owner_name, _moment(summary.appointment_at), summary.status.label,
                summary.procedure_name)[column]
