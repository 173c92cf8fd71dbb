"""Every intake form being filled in is kept on disk, always; several can wait side by side.

A form gets its idempotency key at its first keystroke (services.intake); its draft is written a
moment after each change, under that key. At start the desk lists the drafts a crash or a power
cut left: those whose form was in fact saved (the crash came after the commit) are recognised by
their key and never offered as unsaved; the others wait in a bar above the form, each with
"Khôi phục" and "Bỏ", while the clerk serves the next citizen on a new form of its own. Restoring
one sets the current form aside as a draft first, so nothing typed is ever thrown away.
"""

from __future__ import annotations

import logging
import uuid
from contextlib import contextmanager
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..operations import PageOps

if TYPE_CHECKING:
    from .page import IntakePage

log = logging.getLogger(__name__)
DRAFT_DELAY_MS = 800  # the form is on disk at most this long after a change


def describe_draft(draft: dict) -> str:
    """“Nguyễn Thị Hoa (2.000815, 3 trang)” for the drafts bar."""
    fields = draft.get("fields", {})
    name = fields.get("full_name") or fields.get("id_number") or "chưa có tên"
    procedure = draft.get("procedure_name") or draft.get("procedure")
    details = [procedure[:60] + ("…" if len(procedure) > 60 else "")] if procedure else []
    pages = sum(len(line) for line in draft.get("lines", []))
    if pages:
        details.append(f"{pages} trang đã quét")
    return f"<b>{escape(name)}</b>" + (f" ({escape(', '.join(details))})" if details else "")


class IntakeDrafts(QObject):
    saved_before_crash = Signal(str, str)  # the name on the form, the code or reference it was saved as

    def __init__(self, page: IntakePage, ops: PageOps, file_ops: PageOps):
        """``ops`` run on the database worker (a draft's key is looked up there); ``file_ops`` write the
        draft files, off the database's way."""
        super().__init__(page)
        self.page = page
        self.ops = ops
        self.file_ops = file_ops
        self.store = None  # services.drafts.DraftStore, once the desk is open
        self.key: str | None = None  # the key of the form on screen, from its first change
        self.waiting: dict[str, dict] = {}  # key → draft, oldest first
        self._paused = False  # while a draft is being put back on the form
        self._timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.write_now)
        page.ui.draftsLabel.linkActivated.connect(self._on_link)

    # -- the form on screen --------------------------------------------------------------------------
    def ensure_key(self) -> str:
        if self.key is None:
            self.key = str(uuid.uuid4())
        return self.key

    def changed(self, *_args) -> None:
        if self.store is None or self._paused:
            return
        self.ensure_key()
        if not self._timer.isActive():  # not restarted by each key: steady typing is on disk every 0.8 s
            self._timer.start()

    def write_now(self) -> None:
        """Write the form's draft (or remove it when the form is empty) on the files worker."""
        self._timer.stop()
        store, key, draft = self.store, self.key, self.page.snapshot()
        if store is None or key is None:
            return
        self.file_ops.background(lambda: store.save(key, draft) if draft else store.clear(key),
                                 "writing the intake draft")

    @contextmanager
    def paused(self):
        """Changes made by the program (clearing, restoring) are not the clerk's: no draft, no new key."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False

    def detach(self) -> None:
        """The form on screen was set aside as a waiting draft: its file stays, a new form starts."""
        self._timer.stop()
        self.key = None

    def forget_current(self) -> None:
        """The form was saved or cleared: its draft goes, and the next keystroke starts a new form."""
        self._timer.stop()
        store, key, self.key = self.store, self.key, None
        if store is not None and key is not None:
            self.file_ops.background(lambda: store.clear(key), "removing the draft of a saved form")

    # -- drafts left by an earlier run --------------------------------------------------------------
    def start(self) -> None:
        from desk.services.drafts import DraftStore

        self.store = store = DraftStore(self.page.desk.paths)
        intake = self.page.desk.services.intake

        def load() -> tuple[list[dict], list[tuple[dict, str]]]:
            waiting, saved = [], []
            for draft in store.load_all():
                code = intake.saved_form(draft["key"])
                if code:  # saved, then the desk stopped before the draft was removed
                    store.clear(draft["key"])
                    saved.append((draft, code))
                else:
                    waiting.append(draft)
            return waiting, saved

        def loaded(result) -> None:
            waiting, saved = result
            for draft in waiting:
                if draft["key"] != self.key:
                    self.waiting[draft["key"]] = draft
            self._show_bar()
            for draft, code in saved:
                self.saved_before_crash.emit(draft.get("fields", {}).get("full_name", ""), code)

        self.ops.read(load).success(loaded).failure(lambda error: log.warning("intake drafts not read: %s", error)) \
            .run()

    def _show_bar(self) -> None:
        label = self.page.ui.draftsLabel
        if not self.waiting:
            label.setVisible(False)
            return
        items = [f"{describe_draft(draft)} <a href='restore:{key}'>Khôi phục</a> · <a href='discard:{key}'>Bỏ</a>"
                 for key, draft in self.waiting.items()]
        label.setText(f"Hồ sơ đang nhập dở, chưa lưu ({len(items)}): " + " &nbsp;|&nbsp; ".join(items))
        label.setProperty("kind", "warning")
        label.style().unpolish(label)
        label.style().polish(label)
        label.setVisible(True)

    def _on_link(self, link: str) -> None:
        action, _, key = link.partition(":")
        if key not in self.waiting:
            return
        if action == "restore":
            self.restore(key)
        elif action == "discard":
            from .. import dialogs

            name = self.waiting[key].get("fields", {}).get("full_name") or "công dân chưa có tên"
            dialogs.ask_discard_draft(self.page, name, lambda yes: self.discard(key) if yes and key in self.waiting
                                      else None)

    def restore(self, key: str) -> None:
        """Put a waiting draft on the form; the form on screen, if it holds anything, waits in its place."""
        draft = self.waiting.pop(key)
        self.set_aside()
        self.key = key
        with self.paused():
            self.page.restore_draft(draft)
        self._show_bar()

    def set_aside(self) -> str | None:
        """Keep the form on screen as a waiting draft and empty the form; the name on it, or None when the
        form was empty. Used when the clerk turns to another citizen before finishing this one."""
        current = self.page.snapshot()
        if current is None:
            return None
        self.write_now()  # queued before anything else touches the files: nothing typed is lost
        self.waiting[self.ensure_key()] = {**current, "key": self.key}
        self.page.clear_form(discard_pages=False, keep_draft=True)
        self._show_bar()
        return current.get("fields", {}).get("full_name") or "công dân chưa có tên"

    def discard(self, key: str) -> None:
        """Throw a waiting draft away, with the scanned pages only it used."""
        from desk.services.drafts import work_sources

        draft = self.waiting.pop(key)
        store = self.store
        digitization = self.page.desk.services.digitization

        def remove() -> None:
            digitization.discard_sources(work_sources(draft))
            store.clear(key)

        self.file_ops.background(remove, "removing a discarded draft")
        self._show_bar()
