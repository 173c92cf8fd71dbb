"""The province's catalog of procedures: imported by the admin, pulled by the desks (with an ETag)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import utc_now
from ..database import ServerDatabase
from ..errors import Invalid
from ..models import Change, Procedure
from .changes import ChangeFeed
from .idempotency import json_digest


def _templates(s: Session) -> list[dict]:
    return [p.template for p in s.scalars(select(Procedure).order_by(Procedure.code))]


def _etag(templates: list[dict]) -> str:
    return '"' + json_digest(templates)[:32] + '"'


class Catalog:
    def __init__(self, db: ServerDatabase, feed: ChangeFeed):
        self.db = db
        self.feed = feed

    def current(self) -> dict:
        """The contract's CatalogOut: every procedure's template and the ETag of them all."""
        with self.db.read() as s:
            templates = _templates(s)
        return {"etag": _etag(templates), "procedures": templates}

    def import_procedures(self, procedures: list[dict]) -> str:
        """Add or update procedures by their code; a catalog change for every commune. Returns the new ETag."""
        with self.db.write() as s:
            for item in procedures:
                code = str(item.get("code", "")).strip()
                if not code or len(code) > 40:
                    raise Invalid("bad_procedure", "Mỗi thủ tục cần mã (tối đa 40 ký tự).")
                row = s.get(Procedure, code)
                if row is None:
                    s.add(Procedure(code=code, template=item, updated_utc=utc_now()))
                elif row.template != item:
                    row.template, row.updated_utc = item, utc_now()
            s.flush()
            etag = _etag(_templates(s))
            s.add(Change(commune_id=None, kind="catalog", dossier_code="", payload={"etag": etag},
                         created_utc=utc_now()))
        self.feed.committed()
        return etag
