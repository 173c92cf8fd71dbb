"""what the indicators read without loading dossiers (issue 18): when a dossier's handling ended, its procedure's
sector, how many of its papers were digitized and reused; indexes for the period queries

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 15:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

# The first step of a received dossier into a finishing status (contract/indicators.py FINISHED_STATUSES). An
# online application refused or withdrawn before acceptance (no ledger line) was never received: no finished_at.
FINISHED = """
UPDATE dossier SET finished_at = (
    SELECT min(s.at) FROM dossier_step s
    WHERE s.dossier_code = dossier.code AND s.to_status IN (3, 7, 8, 9, 10) AND s.from_status <> s.to_status)
WHERE status IN (3, 7, 8, 9, 10) AND NOT (channel = 2 AND ledger_line = 0)
"""
SQLITE = {
    "sector": "UPDATE dossier SET sector = coalesce((SELECT substr(json_extract(p.body, '$.sector'), 1, 200) "
              "FROM procedure_snapshot p WHERE p.id = dossier.procedure_snapshot_id), '')",
    "documents": "UPDATE dossier SET "
                 "digitized_documents = (SELECT count(*) FROM json_each(dossier.documents) "
                 "WHERE json_extract(value, '$.digitized') = 1), "
                 "reused_documents = (SELECT count(*) FROM json_each(dossier.documents) "
                 "WHERE json_extract(value, '$.digitized') IN (2, 3)) "
                 "WHERE json_valid(documents) AND json_type(documents) = 'array'",
}
POSTGRES = {
    "sector": "UPDATE dossier SET sector = coalesce(left(p.body ->> 'sector', 200), '') FROM procedure_snapshot p "
              "WHERE p.id = dossier.procedure_snapshot_id",
    "documents": "UPDATE dossier SET "
                 "digitized_documents = (SELECT count(*) FROM json_array_elements(dossier.documents) e "
                 "WHERE e ->> 'digitized' = '1'), "
                 "reused_documents = (SELECT count(*) FROM json_array_elements(dossier.documents) e "
                 "WHERE e ->> 'digitized' IN ('2', '3')) "
                 "WHERE json_typeof(documents) = 'array'",
}


def upgrade() -> None:
    op.add_column('dossier', sa.Column('finished_at', sa.DateTime(), nullable=True))
    op.add_column('dossier', sa.Column('sector', sa.String(length=200), nullable=False, server_default=''))
    op.add_column('dossier', sa.Column('digitized_documents', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('dossier', sa.Column('reused_documents', sa.Integer(), nullable=False, server_default='0'))
    bind = op.get_bind()
    statements = SQLITE if bind.dialect.name == "sqlite" else POSTGRES
    bind.exec_driver_sql(FINISHED)
    bind.exec_driver_sql(statements["sector"])
    bind.exec_driver_sql(statements["documents"])
    # Each period query of the indicators answered from one index (desk/services/indicators.py): no row is read.
    op.drop_index('ix_dossier_status_deadline_at', table_name='dossier')
    op.create_index('ix_dossier_status_deadline_at_cover', 'dossier',
                    ['status', 'deadline_at', 'channel', 'ledger_line', 'received_at', 'procedure_code'])
    op.create_index('ix_dossier_received_cover', 'dossier',
                    ['received_at', 'status', 'channel', 'ledger_line', 'digitized_documents', 'reused_documents',
                     'submitter_id_number', 'procedure_code'])
    op.create_index('ix_dossier_finished_cover', 'dossier',
                    ['finished_at', 'received_at', 'deadline_at', 'status', 'procedure_code'])
    op.create_index('ix_dossier_returned_cover', 'dossier', ['returned_at', 'rating', 'procedure_code'])
    op.create_index('ix_dossier_step_kind_at', 'dossier_step', ['kind', 'at', 'to_status', 'from_status'])


def downgrade() -> None:
    op.drop_index('ix_dossier_step_kind_at', table_name='dossier_step')
    for name in ('returned_cover', 'finished_cover', 'received_cover', 'status_deadline_at_cover'):
        op.drop_index(f'ix_dossier_{name}', table_name='dossier')
    op.create_index('ix_dossier_status_deadline_at', 'dossier', ['status', 'deadline_at'])
    # Native DROP COLUMN (SQLite 3.35+): Alembic's batch mode would copy the table and lose the search triggers.
    for column in ('reused_documents', 'digitized_documents', 'sector', 'finished_at'):
        op.get_bind().exec_driver_sql(f"ALTER TABLE dossier DROP COLUMN {column}")
