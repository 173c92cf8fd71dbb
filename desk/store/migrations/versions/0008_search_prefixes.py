"""search: prefix indexes for every start a clerk types (1 to 7 letters or digits), so a common name or an ID's
first digits is found without merging whole word lists (bench/search.py: "nguyen van hoa" 52 ms → about 1 ms at
1,000,000 dossiers; the index grows from 41 to 74 MB)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30 11:40:00
"""
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

# FTS5 options are fixed when the table is made: the table is made again, its triggers left as they are (they
# name the table, which keeps its name), and filled from dossier.search_key.
COLUMNS = "search_key, content='dossier', content_rowid='id', tokenize='unicode61', detail='none'"


def _remake(prefixes: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    exists = bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'dossier_fts'").first()
    if exists is None:  # a SQLite without FTS5 (migration 0007 said so): nothing to remake
        return
    bind.exec_driver_sql("DROP TABLE dossier_fts")
    bind.exec_driver_sql(f"CREATE VIRTUAL TABLE dossier_fts USING fts5({COLUMNS}, prefix='{prefixes}')")
    bind.exec_driver_sql("INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _remake("1 2 3 4 5 6 7")


def downgrade() -> None:
    _remake("2 3")
