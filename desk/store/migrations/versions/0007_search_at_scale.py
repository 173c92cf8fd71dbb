"""dossier search at scale: a full-text index of the folded search column kept by triggers (SQLite FTS5) or a
trigram index (PostgreSQL pg_trgm); the status filter's index; indexes on the other ID numbers

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 11:00:00
"""
import logging

from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None
log = logging.getLogger(__name__)

# The triggers and the table are spelled out here, not imported: a migration must not change when the code does.
# desk/store/search.py reads them under the same names.
FTS_TABLE = "dossier_fts"
SQLITE_FTS = [
    # External content: the text lives once, in dossier.search_key; the index holds its words (prefix indexes
    # for the two- and three-letter starts a clerk types first).
    "CREATE VIRTUAL TABLE dossier_fts USING fts5(search_key, content='dossier', content_rowid='id', "
    "tokenize='unicode61', prefix='2 3', detail='none')",
    "CREATE TRIGGER dossier_fts_insert AFTER INSERT ON dossier BEGIN "
    "INSERT INTO dossier_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "CREATE TRIGGER dossier_fts_delete AFTER DELETE ON dossier BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key); END",
    "CREATE TRIGGER dossier_fts_update AFTER UPDATE OF search_key ON dossier BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, search_key) VALUES ('delete', old.id, old.search_key); "
    "INSERT INTO dossier_fts(rowid, search_key) VALUES (new.id, new.search_key); END",
    "INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild')",
]


def _sqlite_has_fts5(bind) -> bool:
    options = {row[0] for row in bind.exec_driver_sql("PRAGMA compile_options")}
    return "ENABLE_FTS5" in options


def upgrade() -> None:
    op.create_index('ix_dossier_status_received_at', 'dossier', ['status', 'received_at'])
    op.create_index('ix_dossier_owner_old_id_number', 'dossier', ['owner_old_id_number'])
    op.create_index('ix_dossier_submitter_id_number', 'dossier', ['submitter_id_number'])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        if _sqlite_has_fts5(bind):
            for statement in SQLITE_FTS:
                bind.exec_driver_sql(statement)
        else:  # a SQLite built without FTS5: search falls back to scanning (desk/store/search.py)
            log.warning("SQLite has no FTS5: dossier search will scan the table")
    elif bind.dialect.name == "postgresql":
        # pg_trgm ships with PostgreSQL's contrib; creating it may need rights the desk's role lacks: then the
        # search scans, and docs/ARCHITECTURE.md tells the administrator what to run.
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError as error:
            log.warning("pg_trgm not available (%s): dossier search will scan the table", error)
            return
        bind.exec_driver_sql("CREATE INDEX ix_dossier_search_key_trgm ON dossier USING gin (search_key gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("dossier_fts_insert", "dossier_fts_delete", "dossier_fts_update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS dossier_fts")
    elif bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_dossier_search_key_trgm")
    op.drop_index('ix_dossier_submitter_id_number', 'dossier')
    op.drop_index('ix_dossier_owner_old_id_number', 'dossier')
    op.drop_index('ix_dossier_status_received_at', 'dossier')
