from PySide6.QtCore import QObject, Signal


class DeskSignals(QObject):
    """One change broadcast: after a write, views refresh what changed (STYLE.md)."""

    data_changed = Signal(str, str)  # entity ("dossier", "catalog", "agency"), id
