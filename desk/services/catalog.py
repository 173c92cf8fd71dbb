"""The procedure catalog: seeded from ``resources/``, searched without diacritics, versioned."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from desk.domain.errors import DomainError
from desk.domain.procedure import ProcedureTemplate
from desk.domain.text import fold_for_search
from desk.store import Database
from desk.store.models import ProcedureRow

from .audit import record, utc_now

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogEntry:
    template: ProcedureTemplate
    version: int


def load_catalog_file(path: Path) -> list[ProcedureTemplate]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DomainError(f"Không đọc được danh mục thủ tục {path}: {exc}") from exc
    templates = []
    for index, item in enumerate(data.get("procedures", []), start=1):
        try:
            templates.append(ProcedureTemplate.from_dict(item))
        except DomainError as exc:
            raise DomainError(f"Thủ tục thứ {index} ({item.get('code', '?')}): {exc}", field=exc.field) from exc
    return templates


class CatalogService:
    def __init__(self, db: Database):
        self.db = db

    def seed_if_empty(self, path: Path, *, actor: str = "system") -> int:
        with self.db.read() as session:
            if session.scalar(select(func.count()).select_from(ProcedureRow)):
                return 0
        templates = load_catalog_file(path)
        with self.db.write() as session:
            for template in templates:
                self._add_version(session, template, 1)
            record(session, actor=actor, action="catalog.seed", entity="catalog", entity_id=str(path.name),
                   details={"procedures": [t.code for t in templates]})
        log.info("seeded %d procedures", len(templates))
        return len(templates)

    @staticmethod
    def _add_version(session, template: ProcedureTemplate, version: int) -> None:
        session.add(ProcedureRow(code=template.code, version=version, is_current=True, active=True,
                                 name=template.name, sector=template.sector, search_key=template.search_key,
                                 template=template.to_dict(), created_utc=utc_now()))

    def save(self, template: ProcedureTemplate, *, actor: str) -> CatalogEntry:
        """Store a new version; dossiers received under older versions keep theirs."""
        with self.db.write() as session:
            current = session.scalar(select(ProcedureRow).where(ProcedureRow.code == template.code,
                                                                ProcedureRow.is_current.is_(True)))
            version = 1
            if current is not None:
                if current.template == template.to_dict():
                    return CatalogEntry(template, current.version)
                current.is_current = False
                version = current.version + 1
            self._add_version(session, template, version)
            record(session, actor=actor, action="procedure.save", entity="procedure", entity_id=template.code,
                   details={"version": version, "before": current.template if current else None,
                            "after": template.to_dict()})
        return CatalogEntry(template, version)

    def search(self, query: str = "", *, limit: int = 200) -> list[CatalogEntry]:
        words = fold_for_search(query).split()
        statement = select(ProcedureRow).where(ProcedureRow.is_current.is_(True), ProcedureRow.active.is_(True))
        for word in words:
            statement = statement.where(ProcedureRow.search_key.contains(word, autoescape=True))
        statement = statement.order_by(ProcedureRow.sector, ProcedureRow.name).limit(limit)
        with self.db.read() as session:
            return [CatalogEntry(ProcedureTemplate.from_dict(row.template), row.version)
                    for row in session.scalars(statement)]

    def get(self, code: str) -> CatalogEntry:
        with self.db.read() as session:
            row = session.scalar(select(ProcedureRow).where(ProcedureRow.code == code,
                                                            ProcedureRow.is_current.is_(True)))
            if row is None:
                raise DomainError(f"Không có thủ tục mã {code} trong danh mục.")
            return CatalogEntry(ProcedureTemplate.from_dict(row.template), row.version)
