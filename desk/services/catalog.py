"""The procedure catalog: seeded from ``resources/``, searched without diacritics, versioned."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select

from desk.domain.errors import DomainError
from desk.domain.procedure import ProcedureTemplate, diff_templates
from desk.domain.text import fold_for_search
from desk.domain.users import Actor, require_admin
from desk.store import Database
from desk.store.models import DossierRow, ProcedureRow, SyncStateRow

from .audit import record, utc_now
from .catalog_file import CatalogItem, check_template, dump_catalog, parse_catalog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogEntry:
    template: ProcedureTemplate
    version: int
    active: bool = True


@dataclass(frozen=True)
class VersionView:
    version: int
    created_utc: object
    template: ProcedureTemplate
    is_current: bool


@dataclass(frozen=True)
class ImportPlan:
    """What applying a catalog file (or the province's catalog) would change, before it does."""

    items: tuple[CatalogItem, ...]
    added: tuple[str, ...]
    changed: tuple[tuple[str, tuple[str, ...]], ...]  # code, lines of the diff
    retired: tuple[str, ...]
    restored: tuple[str, ...]
    unchanged: int

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed or self.retired or self.restored)

    def summary(self) -> str:
        return (f"{len(self.added)} thủ tục mới, {len(self.changed)} thủ tục thay đổi, "
                f"{len(self.retired)} ngừng áp dụng, {len(self.restored)} áp dụng lại, {self.unchanged} giữ nguyên")


class CatalogService:
    """The procedure templates. Reading is for everyone; every change needs an admin (issue 7)."""

    def __init__(self, db: Database):
        self.db = db

    def seed_if_empty(self, path: Path, *, actor: str = "system") -> int:
        with self.db.read() as session:
            if session.scalar(select(func.count()).select_from(ProcedureRow)):
                return 0
        try:
            items = parse_catalog(Path(path).read_text(encoding="utf-8"))  # the same reader as an import
        except (OSError, DomainError) as exc:
            raise DomainError(f"Không đọc được danh mục thủ tục {path}: {exc}") from exc
        with self.db.write() as session:
            # Desks starting together on a fresh database: one seeds, the others find it done.
            self.db.take_lock(session, "seed-catalog")
            if session.scalar(select(func.count()).select_from(ProcedureRow)):
                return 0
            for item in items:
                self._add_version(session, item.template, 1, active=not item.retired)
            record(session, actor=actor, action="catalog.seed", entity="catalog", entity_id=str(path.name),
                   details={"procedures": [i.template.code for i in items]})
        log.info("seeded %d procedures", len(items))
        return len(items)

    @staticmethod
    def _add_version(session, template: ProcedureTemplate, version: int, active: bool = True) -> None:
        session.add(ProcedureRow(code=template.code, version=version, is_current=True, active=active,
                                 name=template.name, sector=template.sector, search_key=template.search_key,
                                 template=template.to_dict(), created_utc=utc_now()))

    @staticmethod
    def _current(session, code: str) -> ProcedureRow | None:
        return session.scalar(select(ProcedureRow).where(ProcedureRow.code == code, ProcedureRow.is_current.is_(True)))

    def save(self, template: ProcedureTemplate, *, actor: Actor) -> CatalogEntry:
        """Store a new version; dossiers received under older versions keep theirs."""
        require_admin(actor, "sửa mẫu thủ tục")
        template = ProcedureTemplate.from_dict(template.to_dict())  # the same checks as an imported file
        check_template(template)
        with self.db.write() as session:
            entry = self._save(session, template, actor)
        return entry

    def _save(self, session, template: ProcedureTemplate, actor: Actor, active: bool | None = None) -> CatalogEntry:
        current = self._current(session, template.code)
        version = 1
        keep_active = current.active if current is not None else True
        active = keep_active if active is None else active
        if current is not None:
            if current.template == template.to_dict():
                if current.active != active:
                    self._set_active(session, current, active, actor)
                return CatalogEntry(template, current.version, active)
            current.is_current = False
            version = current.version + 1
        session.flush()  # the old row stops being current before the new one is
        self._add_version(session, template, version, active)
        record(session, actor=actor.audit_name, action="procedure.save", entity="procedure", entity_id=template.code,
               details={"version": version, "before": current.template if current else None,
                        "after": template.to_dict()})
        return CatalogEntry(template, version, active)

    def _set_active(self, session, row: ProcedureRow, active: bool, actor: Actor) -> None:
        row.active = active
        record(session, actor=actor.audit_name, action="procedure.restore" if active else "procedure.retire",
               entity="procedure", entity_id=row.code, details={"version": row.version,
                                                                "before": {"active": not active},
                                                                "after": {"active": active}})

    def retire(self, code: str, *, actor: Actor) -> None:
        """Stop offering a procedure at intake; its versions stay for the dossiers that used them."""
        require_admin(actor, "ngừng áp dụng thủ tục")
        with self.db.write() as session:
            row = self._require(session, code)
            if row.active:
                self._set_active(session, row, False, actor)

    def restore(self, code: str, *, actor: Actor) -> None:
        require_admin(actor, "áp dụng lại thủ tục")
        with self.db.write() as session:
            row = self._require(session, code)
            if not row.active:
                self._set_active(session, row, True, actor)

    def delete(self, code: str, *, actor: Actor) -> None:
        """Only a procedure no dossier was ever received under (a typing mistake); others are retired."""
        require_admin(actor, "xóa thủ tục")
        with self.db.write() as session:
            row = self._require(session, code)
            used = session.scalar(select(func.count()).select_from(DossierRow).where(DossierRow.procedure_code == code))
            if used:
                raise DomainError(f"Không thể xóa thủ tục {code}: đã có {used} hồ sơ tiếp nhận theo thủ tục này. "
                                  "Hãy chọn “Ngừng áp dụng”.")
            session.execute(delete(ProcedureRow).where(ProcedureRow.code == code))
            record(session, actor=actor.audit_name, action="procedure.delete", entity="procedure", entity_id=code,
                   details={"before": row.template, "after": None})

    def _require(self, session, code: str) -> ProcedureRow:
        row = self._current(session, code)
        if row is None:
            raise DomainError(f"Không có thủ tục mã {code} trong danh mục.")
        return row

    # -- reading ------------------------------------------------------------------------
    def search(self, query: str = "", *, limit: int = 200, include_retired: bool = False) -> list[CatalogEntry]:
        """Current templates whose code, name or sector contain every word (diacritics not needed)."""
        words = fold_for_search(query).split()
        statement = select(ProcedureRow).where(ProcedureRow.is_current.is_(True))
        if not include_retired:
            statement = statement.where(ProcedureRow.active.is_(True))
        for word in words:
            statement = statement.where(ProcedureRow.search_key.contains(word, autoescape=True))
        statement = statement.order_by(ProcedureRow.sector, ProcedureRow.name).limit(limit)
        with self.db.read() as session:
            return [CatalogEntry(ProcedureTemplate.from_dict(row.template), row.version, row.active)
                    for row in session.scalars(statement)]

    def get(self, code: str) -> CatalogEntry:
        with self.db.read() as session:
            row = self._require(session, code)
            return CatalogEntry(ProcedureTemplate.from_dict(row.template), row.version, row.active)

    def get_or_none(self, code: str) -> CatalogEntry | None:
        with self.db.read() as session:
            row = self._current(session, code)
            return CatalogEntry(ProcedureTemplate.from_dict(row.template), row.version, row.active) if row else None

    def versions(self, code: str) -> list[VersionView]:
        """Every version of a procedure, newest first."""
        with self.db.read() as session:
            rows = session.scalars(select(ProcedureRow).where(ProcedureRow.code == code)
                                   .order_by(ProcedureRow.version.desc())).all()
            return [VersionView(r.version, r.created_utc, ProcedureTemplate.from_dict(r.template), r.is_current)
                    for r in rows]

    def diff(self, code: str, old_version: int, new_version: int) -> list[str]:
        by_version = {v.version: v.template for v in self.versions(code)}
        try:
            return diff_templates(by_version[old_version], by_version[new_version])
        except KeyError as exc:
            raise DomainError(f"Thủ tục {code} không có phiên bản {exc.args[0]}.") from None

    # -- files --------------------------------------------------------------------------
    def export_text(self, *, source: str = "") -> str:
        """The whole catalog (retired procedures included) as a file that imports back to the same catalog."""
        with self.db.read() as session:
            rows = session.scalars(select(ProcedureRow).where(ProcedureRow.is_current.is_(True))
                                   .order_by(ProcedureRow.code)).all()
            items = [CatalogItem(ProcedureTemplate.from_dict(r.template), not r.active) for r in rows]
        return dump_catalog(items, source=source, exported_utc=utc_now().isoformat(timespec="seconds"))

    def plan_import(self, text: str) -> ImportPlan:
        """Check a catalog file and say what it would change; nothing is written."""
        return self._plan(parse_catalog(text))

    def _plan(self, items: list[CatalogItem], *, retire_missing: bool = False) -> ImportPlan:
        added, changed, retired, restored, unchanged = [], [], [], [], 0
        with self.db.read() as session:
            rows = session.scalars(select(ProcedureRow).where(ProcedureRow.is_current.is_(True)))
            current = {r.code: r for r in rows}
        for item in items:
            row = current.get(item.template.code)
            if row is None:
                added.append(item.template.code)
                continue
            lines = diff_templates(ProcedureTemplate.from_dict(row.template), item.template)
            if lines:
                changed.append((item.template.code, tuple(lines)))
            if row.active and item.retired:
                retired.append(item.template.code)
            elif not row.active and not item.retired:
                restored.append(item.template.code)
            if not lines and row.active != item.retired:
                unchanged += 1
        if retire_missing:
            listed = {i.template.code for i in items}
            for code, row in current.items():
                if code not in listed and row.active:
                    retired.append(code)
                    items = [*items, CatalogItem(ProcedureTemplate.from_dict(row.template), True)]
        return ImportPlan(tuple(items), tuple(added), tuple(changed), tuple(retired), tuple(restored), unchanged)

    def apply(self, plan: ImportPlan, *, actor: Actor, what: str = "catalog.import") -> None:
        """Apply a checked plan in one transaction: all of it or nothing."""
        require_admin(actor, "nhập danh mục thủ tục")
        with self.db.write() as session:
            for item in plan.items:
                self._save(session, item.template, actor, active=not item.retired)
            record(session, actor=actor.audit_name, action=what, entity="catalog", entity_id="",
                   details={"added": list(plan.added), "changed": [c for c, _ in plan.changed],
                            "retired": list(plan.retired), "restored": list(plan.restored)})

    # -- the province's catalog ---------------------------------------------------------------
    OFFER_KEY = "catalog_offer"

    def store_offer(self, procedures: list[dict], etag: str) -> None:
        """Keep the province's catalog as sync fetched it; an admin looks at the plan and applies it.

        A procedure this desk could not store (bad code, a field the catalog file cannot carry) is
        left out with a warning, so one bad entry never blocks the rest of the offer."""
        items = []
        for procedure in procedures:
            try:
                template = ProcedureTemplate.from_dict(procedure)
                check_template(template)
            except DomainError as error:
                log.warning("catalog item %s skipped: %s", procedure.get("code"), error)
                continue
            items.append(CatalogItem(template))
        text = dump_catalog(items, source=etag)
        with self.db.write() as session:
            row = session.get(SyncStateRow, self.OFFER_KEY)
            if row is None:
                session.add(SyncStateRow(key=self.OFFER_KEY, value=text))
            else:
                row.value = text

    def offer_plan(self) -> ImportPlan | None:
        """What the province's latest catalog would change here (procedures it no longer lists are retired)."""
        with self.db.read() as session:
            row = session.get(SyncStateRow, self.OFFER_KEY)
            text = row.value if row is not None else ""
        if not text:
            return None
        return self._plan(parse_catalog(text), retire_missing=True)

    def apply_offer(self, *, actor: Actor) -> ImportPlan:
        require_admin(actor, "áp dụng danh mục thủ tục của tỉnh")
        plan = self.offer_plan()
        if plan is None:
            raise DomainError("Chưa nhận được danh mục thủ tục từ tỉnh.")
        self.apply(plan, actor=actor, what="catalog.province")
        with self.db.write() as session:
            session.get_one(SyncStateRow, self.OFFER_KEY).value = ""  # the row the offer was just read from
        return plan
