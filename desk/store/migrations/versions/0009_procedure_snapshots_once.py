"""procedure templates stored once: dossiers reference a row of procedure_snapshot instead of each carrying a copy
(3 KB of a dossier's 3.9 KB at 1,000,000 dossiers, issue 17)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30 13:30:00
"""
import hashlib
import json
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _digest(body) -> str:
    # Spelled out here, not imported (desk/store/snapshots.py): a migration must not change when the code does.
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.create_table(
        'procedure_snapshot',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('digest', sa.String(length=64), nullable=False),
        sa.Column('body', sa.JSON(), nullable=False),
        sa.Column('created_utc', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure_snapshot')),
        sa.UniqueConstraint('digest', name=op.f('uq_procedure_snapshot_digest')),
    )
    if sqlite:  # SQLite adds a column with a reference natively; Alembic's batch mode would copy the table
        bind.exec_driver_sql(
            "ALTER TABLE dossier ADD COLUMN procedure_snapshot_id INTEGER REFERENCES procedure_snapshot (id)")
    else:
        op.add_column('dossier', sa.Column('procedure_snapshot_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_dossier_procedure_snapshot_id_procedure_snapshot'), 'dossier',
                              'procedure_snapshot', ['procedure_snapshot_id'], ['id'])
    text = "procedure_snapshot" if sqlite else "procedure_snapshot::text"
    # Each distinct stored text once; texts that differ only in key order share one row.
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    ids: dict[str, int] = {}
    mapping: list[tuple[str, int]] = []
    for (stored,) in bind.exec_driver_sql(f"SELECT DISTINCT {text} FROM dossier").fetchall():
        body = json.loads(stored)
        digest = _digest(body)
        if digest not in ids:
            ids[digest] = len(ids) + 1
            bind.execute(sa.text("INSERT INTO procedure_snapshot (id, digest, body, created_utc) "
                                 "VALUES (:id, :digest, :body, :now)"),
                         {"id": ids[digest], "digest": digest, "body": json.dumps(body, ensure_ascii=False),
                          "now": now})
        mapping.append((stored, ids[digest]))
    if mapping:
        bind.exec_driver_sql("CREATE TEMPORARY TABLE snapshot_text (body_text TEXT PRIMARY KEY, snapshot_id INTEGER)")
        bind.execute(sa.text("INSERT INTO snapshot_text (body_text, snapshot_id) VALUES (:t, :i)"),
                     [{"t": stored, "i": snapshot_id} for stored, snapshot_id in mapping])
        bind.exec_driver_sql(f"UPDATE dossier SET procedure_snapshot_id = (SELECT snapshot_id FROM snapshot_text "
                             f"WHERE body_text = dossier.{text})")
        bind.exec_driver_sql("DROP TABLE snapshot_text")
    if not sqlite:  # ids were given by hand: the sequence continues after them
        bind.exec_driver_sql("SELECT setval(pg_get_serial_sequence('procedure_snapshot', 'id'), "
                             "COALESCE((SELECT MAX(id) FROM procedure_snapshot), 0) + 1, false)")
    if sqlite:
        bind.exec_driver_sql("ALTER TABLE dossier DROP COLUMN procedure_snapshot")
    else:
        op.drop_column('dossier', 'procedure_snapshot')


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        bind.exec_driver_sql("ALTER TABLE dossier ADD COLUMN procedure_snapshot JSON NOT NULL DEFAULT '{}'")
    else:
        op.add_column('dossier', sa.Column('procedure_snapshot', sa.JSON(), nullable=False,
                                           server_default=sa.text("'{}'::json")))
    bind.exec_driver_sql("UPDATE dossier SET procedure_snapshot = (SELECT body FROM procedure_snapshot s "
                         "WHERE s.id = dossier.procedure_snapshot_id) WHERE procedure_snapshot_id IS NOT NULL")
    if sqlite:
        bind.exec_driver_sql("ALTER TABLE dossier DROP COLUMN procedure_snapshot_id")
    else:
        op.drop_constraint(op.f('fk_dossier_procedure_snapshot_id_procedure_snapshot'), 'dossier',
                           type_='foreignkey')
        op.drop_column('dossier', 'procedure_snapshot_id')
    op.drop_table('procedure_snapshot')
