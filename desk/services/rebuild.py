"""Rebuild from the province: a desk whose data was lost (a dead disk, a stolen laptop) pulls back its commune's
dossiers, their steps and their digitized files, so what was synced is never lost with the disk.

An admin's action after enrollment (docs/BACKUP.md). What the province holds comes back: the intake record,
the status, the steps the desk had sent, the files. What it never held does not: a dossier's ledger line,
the citizen's birth date and gender, the procedure's own fields (only their summary), audit entries. The
province's own status changes come back through the changes feed as after any enrollment, so they are not
copied twice. Dossiers already on this desk are left as they are.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desk.domain.clock import to_vietnam_local
from desk.domain.codes import DossierCode
from desk.domain.errors import DomainError
from desk.domain.status import DossierStatus
from desk.domain.text import dossier_search_key
from desk.domain.users import Actor, require_admin
from desk.fileio import atomic_write_bytes
from desk.paths import DeskPaths
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database
from desk.store.models import DossierRow, DossierStepRow
from desk.store.sequences import block_range, set_at_least
from desk.store.snapshots import intern_snapshot

from .audit import record, utc_now
from .catalog import CatalogService
from .sync import SyncService

log = logging.getLogger(__name__)
PAGE = 100
MAX_PAGES = 100_000  # 10 million dossiers: a bound, never reached, so a broken cursor cannot loop forever
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class RebuildResult:
    dossiers: int = 0  # added
    kept: int = 0  # already on this desk, left as they were
    files: int = 0  # digitized files downloaded
    missing_files: int = 0  # referred to, but the province could not give them

    def describe(self) -> str:
        text = (f"Đã lấy lại {self.dossiers} hồ sơ và {self.files} tệp số hóa từ tỉnh"
                + (f"; {self.kept} hồ sơ đã có sẵn trên máy được giữ nguyên" if self.kept else "") + ".")
        if self.missing_files:
            text += f" {self.missing_files} tệp số hóa tỉnh chưa có (chưa được gửi lên trước khi mất dữ liệu)."
        return text


class RebuildService:
    def __init__(self, db: Database, paths: DeskPaths, settings: SettingsStore, sync: SyncService,
                 catalog: CatalogService):
        self.db = db
        self.paths = paths
        self.settings_store = settings
        self.sync = sync
        self.catalog = catalog

    @property
    def settings(self) -> CounterSettings:
        return self.settings_store.current

    def rebuild(self, actor: Actor, progress: Callable[[RebuildResult], None] | None = None) -> RebuildResult:
        require_admin(actor, "lấy lại dữ liệu từ tỉnh")
        client = self.sync.engine().client  # refuses, in words, when the desk is not enrolled
        result = RebuildResult()
        try:
            cursor = ""
            for _page in range(MAX_PAGES):
                page = client.export_dossiers(cursor, PAGE)
                for item in page["items"]:
                    self._take(item, result, client)
                if progress is not None:
                    progress(result)
                if not page.get("has_more"):
                    break
                if page["next_cursor"] == cursor:
                    raise DomainError("Tỉnh trả về trang dữ liệu lặp lại; đã dừng lấy lại dữ liệu.")
                cursor = page["next_cursor"]
        finally:
            client.close()
        with self.db.write() as session:
            record(session, actor=actor.full_name, action="desk.rebuild", entity="desk", entity_id="",
                   details={"dossiers": result.dossiers, "kept": result.kept, "files": result.files,
                            "missing_files": result.missing_files})
        log.info("rebuilt from the province: %s", result)
        return result

    def _take(self, item: dict, result: RebuildResult, client) -> None:
        code = str(DossierCode.parse(str(item.get("code", ""))))  # a code from outside: checked before any use
        with self.db.read() as session:
            if session.scalar(select(DossierRow.id).where(DossierRow.code == code)) is not None:
                result.kept += 1
                return
        files = self._fetch_files(item["record"].get("documents", []), client, result)
        with self.db.write() as session:
            row = self._row(session, code, item)
            session.add(row)
            for event in item.get("events", []):
                if event.get("source") == "desk":  # the province's own changes come back through the feed
                    session.add(self._step(code, event, row.appointment_at))
            self._counters(session, row)
        result.dossiers += 1
        result.files += files

    def _fetch_files(self, documents: list[dict], client, result: RebuildResult) -> int:
        fetched = 0
        for document in documents:
            sha256 = document.get("file_sha256") or ""
            if not SHA256_RE.match(sha256):
                continue
            target = self.paths.file_path(sha256)
            if target.exists():
                continue
            response = client.request("GET", f"/api/v1/files/{sha256}")
            if response.status_code != 200 or hashlib.sha256(response.content).hexdigest() != sha256:
                result.missing_files += 1
                continue
            atomic_write_bytes(target, response.content)
            fetched += 1
        return fetched

    def _row(self, session, code: str, item: dict) -> DossierRow:
        record = item["record"]
        now = utc_now()
        identities = record.get("identities", [])
        new_id = next((i["number"] for i in identities if i.get("kind") == 1), "")
        old_id = next((i["number"] for i in identities if i.get("kind") == 2), "")
        entry = self.catalog.get_or_none(record["procedure_code"])
        snapshot = entry.template.to_dict() if entry else {
            "code": record["procedure_code"], "name": record["procedure_name"], "sector": record.get("sector_name", ""),
            "processing": {"value": 0, "unit": "none"}, "fee": {"kind": "unset"},
            "return_place": record.get("return_place") or ""}  # empty: the agency's own unit
        documents = [{"name": d["name"], "required": False, "received": True, "digitized": int(d.get("digitized") or 0),
                      "originals": 0, "certified": 0, "photocopies": 0,
                      **({"sha256": d["file_sha256"], "file_name": d.get("file_name", "")}
                         if d.get("file_sha256") else {})} for d in record.get("documents", [])]
        appointment = record.get("appointment_at")
        promised = _wall(appointment) if appointment else None
        return DossierRow(
            code=code, agency_code=code.rsplit("-", 2)[0], status=int(DossierStatus(item["status"])),
            channel=int(record.get("channel", 1)), received_at=_wall(record["received_at"]),
            # The province's record holds the appointment in force only: it stands for the promise too.
            appointment_at=promised, promised_at=promised, deadline_at=promised,
            procedure_code=record["procedure_code"], procedure_name=record["procedure_name"],
            procedure_version=entry.version if entry else 0,
            snapshot_row=intern_snapshot(session, snapshot),
            owner_name=record["owner_name"], owner_id_number=new_id or old_id,
            owner_old_id_number=old_id if new_id else "",
            phone=record.get("phone", ""), email=record.get("email", ""), documents=documents,
            extra_values={}, fee_amount=sum(int(f.get("amount", 0)) for f in record.get("fees", [])),
            note=record.get("summary", ""), ledger_book="", ledger_line=0, clerk_name=record.get("clerk", ""),
            counter_name=record.get("place_submitted", ""),
            search_key=dossier_search_key(record["owner_name"], "", code, new_id, old_id, record.get("phone", "")),
            receipt_seal=record.get("receipt_seal") or "", receipt_unsigned=bool(record.get("receipt_unsigned")),
            created_utc=now, updated_utc=now)

    @staticmethod
    def _step(code: str, event: dict, due_at: datetime | None) -> DossierStepRow:
        return DossierStepRow(dossier_code=code, at=_wall(event["at"]), kind="rebuilt",
                              from_status=int(event.get("from_status") or 0), to_status=int(event["to_status"]),
                              actor=str(event.get("actor") or "?")[:200], unit=str(event.get("unit") or "")[:300],
                              note=str(event.get("note") or ""),
                              due_at=_wall(event["due_at"]) if event.get("due_at") else due_at, source="desk",
                              details={"rebuilt": True})

    def _counters(self, session, row: DossierRow) -> None:
        """New codes after a rebuild must not meet the codes that came back: the day's counter of this desk's
        block moves past them."""
        sequence = int(row.code.rsplit("-", 1)[1])
        first, last = block_range(self.settings.code_block)
        if first <= sequence <= last and row.channel != 2:
            day = row.code.rsplit("-", 2)[1]
            set_at_least(session, f"dossier/{row.agency_code}/{day}/b{self.settings.code_block}",
                         sequence - first + 1)


def _wall(moment: str) -> datetime:
    parsed = datetime.fromisoformat(moment)
    return to_vietnam_local(parsed) if parsed.tzinfo else parsed
