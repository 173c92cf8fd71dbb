"""The province's catalog of procedures: imported by the admin, pulled by the desks (with an ETag).

A desk polls it with If-None-Match: the ETag is stored with the catalog (``server_value`` ``catalog_etag``,
written in the import's transaction), so a 304 reads one row, and the answer itself is kept per process by its
ETag, so a 200 reads that one row too once the process has answered it (docs/PERFORMANCE.md: the poll no longer
loads and hashes every procedure). Both reads may go to the read replica."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..clock import utc_now
from ..database import ServerDatabase
from ..errors import Invalid
from ..models import Change, Procedure, ServerValue
from .changes import ChangeFeed
from .idempotency import json_digest

CATALOG_ETAG = "catalog_etag"


def _templates(s: Session) -> list[dict]:
    return [p.template for p in s.scalars(select(Procedure).order_by(Procedure.code))]


def _etag(templates: list[dict]) -> str:
    return '"' + json_digest(templates)[:32] + '"'


class Catalog:
    def __init__(self, db: ServerDatabase, feed: ChangeFeed):
        self.db = db
        self.feed = feed
        self._answer: dict | None = None  # the last CatalogOut this process built, with its ETag

    def current_etag(self) -> str:
        """The catalog's ETag: one row (computed and stored once for a catalog imported before it was kept)."""
        with self.db.replica_read() as s:
            row = s.get(ServerValue, CATALOG_ETAG)
            if row is not None:
                return row.value
        try:
            with self.db.write() as s:
                etag = _etag(_templates(s))
                if s.get(ServerValue, CATALOG_ETAG) is None:
                    s.add(ServerValue(name=CATALOG_ETAG, value=etag, updated_utc=utc_now()))
        except IntegrityError:  # another process stored it at the same moment: the same value
            pass
        return etag

    def current(self) -> dict:
        """The contract's CatalogOut: every procedure's template and the ETag of them all."""
        etag = self.current_etag()
        answer = self._answer
        if answer is not None and answer["etag"] == etag:
            return answer
        with self.db.replica_read() as s:
            templates = _templates(s)
        answer = {"etag": _etag(templates), "procedures": templates}
        self._answer = answer
        return answer

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
            stored = s.get(ServerValue, CATALOG_ETAG)
            if stored is None:
                s.add(ServerValue(name=CATALOG_ETAG, value=etag, updated_utc=utc_now()))
            else:
                stored.value, stored.updated_utc = etag, utc_now()
            s.add(Change(commune_id=None, kind="catalog", dossier_code="", payload={"etag": etag},
                         created_utc=utc_now()))
        self.feed.committed()
        return etag
