from PySide6.QtCore import QObject, Signal


class DeskSignals(QObject):
    """One change broadcast: after a write, views refresh what changed (STYLE.md)."""

    data_changed = Signal(str, str)  # entity ("dossier", "catalog", "agency"), id
    changed = Signal(object)  # operations.Changes, once per write (desk/ui/operations.py)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.changed.connect(self._tell_older_listeners)

    def _tell_older_listeners(self, changes) -> None:
        # While views move from data_changed to changed: the same news in the older form.
        if changes.dossiers or changes.outcomes:
            self.data_changed.emit("dossier", changes.codes[0] if changes.codes else "")
        if changes.catalog:
            self.data_changed.emit("catalog", "")
