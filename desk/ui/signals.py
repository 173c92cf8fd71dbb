from PySide6.QtCore import QObject, Signal


class DeskSignals(QObject):
    """One change broadcast: after a write, views refresh what changed (desk/ui/operations.py)."""

    changed = Signal(object)  # operations.Changes, once per write
