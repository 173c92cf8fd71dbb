"""Enrollment with the province and sync rounds, for the CLI, the sync worker and the tests."""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from desk.domain.errors import DomainError
from desk.domain.users import Actor, require_admin
from desk.paths import DeskPaths
from desk.settings import CounterSettings, SettingsStore
from desk.store import Database
from desk.store.models import OutboxRow
from desk.store.outbox import OutboxKind
from desk.sync.client import ProvinceClient, ProvinceError
from desk.sync.credentials import Credentials
from desk.sync.engine import SyncEngine, SyncReport, pending_counts

from .audit import AuditService, record
from .catalog import CatalogService
from .receipts import ReceiptService

log = logging.getLogger(__name__)


class SyncService:
    def __init__(self, db: Database, paths: DeskPaths, settings: SettingsStore, catalog: CatalogService,
                 receipts: ReceiptService | None = None, audit: AuditService | None = None):
        self.db = db
        self.paths = paths
        self.settings_store = settings
        self.catalog = catalog
        self.receipts = receipts
        self.audit = audit
        self._province_anchor_seq: int | None = None  # asked once per start (a restored desk may lag behind)

    @property
    def settings(self) -> CounterSettings:
        return self.settings_store.current

    @property
    def enrolled(self) -> bool:
        return bool(self.settings.province_url and self.settings.client_id and self.settings.sync_account)

    def enroll(self, province_url: str, code: str, desk_name: str | None = None, *, actor: Actor) -> dict:
        """Exchange a one-time enrollment code for credentials; keep the secrets in the keyring. An admin's
        task (it decides where the desk's dossiers go), audited. Slow on a bad network: call it off the
        database worker."""
        require_admin(actor, "đăng ký máy quầy với hệ thống của tỉnh")
        account = str(uuid.uuid4())
        credentials = Credentials(account)
        public_key = credentials.create_signing_key()
        client = ProvinceClient(province_url)
        try:
            answer = client.enroll(code.strip(), desk_name or self.settings.counter_name, public_key)
        except ProvinceError as error:
            raise DomainError(f"Đăng ký máy quầy không thành công: {error.message}") from error
        finally:
            client.close()
        credentials.store_client_secret(answer["client_secret"])
        self.settings_store.update(province_url=province_url.rstrip("/"), client_id=answer["client_id"],
                                   sync_account=account)
        log.info("enrolled as %s with %s", answer["client_id"], province_url)
        with self.db.write() as session:
            record(session, actor=actor.audit_name, action="sync.enroll", entity="desk",
                   entity_id=answer["client_id"], details={"province_url": province_url.rstrip("/"),
                                                          "commune": answer["commune"].get("agency_code", "")})
        if self.receipts is not None:
            # Receipts printed so far carry no signature: the desk now vouches for each of them, so the
            # province can tell them from forgeries (docs/REST.md, "Receipts printed before enrollment").
            sealed = self.receipts.seal_unsealed()
            log.info("%d receipts printed before enrollment sealed", sealed)
        return answer["commune"]

    def engine(self) -> SyncEngine:
        if not self.enrolled:
            raise DomainError("Máy quầy chưa đăng ký với hệ thống của tỉnh (python main.py enroll URL MÃ).")
        secret = Credentials(self.settings.sync_account).client_secret()
        if not secret:
            raise DomainError("Không tìm thấy khóa bí mật của máy quầy trong keyring; hãy đăng ký lại.")
        client = ProvinceClient(self.settings.province_url, self.settings.client_id, secret,
                                timeout=self.settings.sync_timeout_s)
        return SyncEngine(self.db, client, self.catalog, files_dir=self.paths.files)

    def background(self, on_report):
        """The sync running by itself: a round a minute and whenever asked (``trigger``), with back-off and
        a breaker (desk/sync/worker.py); ``on_report`` gets each round's SyncReport on the worker's thread."""
        from desk.sync.worker import SyncWorker

        return SyncWorker(self.run_once, on_report)

    def run_once(self) -> SyncReport:
        engine = self.engine()
        if self.receipts is not None:
            self._seal_outgoing(self.receipts)
        if self.audit is not None:
            # The audit chain's head goes to the province from time to time: a chain rewritten whole on this
            # machine no longer holds it (desk/store/audit_chain.py).
            self.audit.queue_anchor(after_seq=self._anchor_seq_at_province(engine.client))
        try:
            return engine.run_once()
        finally:
            engine.client.close()

    def _anchor_seq_at_province(self, client) -> int:
        """The newest anchor number the province holds, asked once per start: after a restore from a backup
        the desk's own count is behind, and a lower number would be refused."""
        if self._province_anchor_seq is None:
            try:
                latest = client.latest_audit_anchor()
            except ProvinceError as error:
                log.info("latest audit anchor not read: %s", error.message)
                return 0
            self._province_anchor_seq = int(latest["seq"]) if latest else 0
        return self._province_anchor_seq

    def _seal_outgoing(self, receipts: ReceiptService) -> None:
        """Seal the dossiers about to be sent that have no seal yet (the keyring was out when they were
        received): only those, so a round stays cheap with a million dossiers."""
        with self.db.read() as session:
            codes = list(session.scalars(select(OutboxRow.dossier_code).where(
                OutboxRow.state == "pending", OutboxRow.kind == OutboxKind.DOSSIER_UPSERT)
                .order_by(OutboxRow.id).limit(1000)))
        if codes:
            receipts.seal_unsealed(codes)

    def latest_anchor(self):
        """The audit chain's head the province keeps for this desk (services.audit.Anchor), or None; raises
        when the province cannot be reached (the caller checks without it then)."""
        from .audit import Anchor

        if not self.enrolled:
            return None
        client = self.engine().client
        try:
            anchor = client.latest_audit_anchor()
        finally:
            client.close()
        return Anchor(int(anchor["entries"]), anchor["head_hash"], "tỉnh") if anchor else None

    def status(self) -> dict:
        status = pending_counts(self.db)
        oldest = status["oldest_pending_utc"]
        age_days = ((datetime.now(UTC).replace(tzinfo=None) - oldest).total_seconds() / 86400
                    if oldest else 0.0)
        status["oldest_pending_days"] = age_days
        status["too_old"] = age_days >= self.settings.unsynced_warning_days
        status["enrolled"] = self.enrolled
        return status

    def items(self, limit: int = 300) -> list[dict]:
        """Outbox items not yet accepted by the province, oldest first (the sync page)."""
        with self.db.read() as session:
            rows = session.scalars(select(OutboxRow).where(OutboxRow.state != "sent").order_by(OutboxRow.id)
                                   .limit(limit))
            return [{"id": r.id, "code": r.dossier_code, "kind": r.kind, "state": r.state, "attempts": r.attempts,
                     "error": r.last_error, "created_utc": r.created_utc} for r in rows]

    def resend(self, ids: list[int]) -> int:
        """Items the province refused, fixed since (or refused for a reason that has passed): queued again,
        in their original order; returns how many."""
        with self.db.write() as session:
            rows = list(session.scalars(select(OutboxRow).where(OutboxRow.id.in_(ids), OutboxRow.state == "failed")))
            for row in rows:
                row.state, row.attempts, row.last_error = "pending", 0, ""
        return len(rows)
