"""the promised appointment and the deadline kept apart from the date the citizen is now told (Mẫu 04's extension);
the competent agency of a dossier received regardless of residence; the longer time chosen for a procedure that
needs verification (issue 19)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 14:00:00
"""
import json
from datetime import datetime

from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('dossier', sa.Column('promised_at', sa.DateTime(), nullable=True))
    op.add_column('dossier', sa.Column('deadline_at', sa.DateTime(), nullable=True))
    op.add_column('dossier', sa.Column('competent_agency', sa.String(length=300), nullable=False,
                                       server_default=''))
    op.add_column('dossier', sa.Column('with_verification', sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    bind = op.get_bind()
    # Until now an apology moved appointment_at: the promised date is the oldest apology's old date, else the
    # appointment. Before this release an apology was never a lawful extension: the deadline is the promise.
    bind.exec_driver_sql("UPDATE dossier SET promised_at = appointment_at, deadline_at = appointment_at")
    promised: dict[str, str] = {}
    for code, details in bind.exec_driver_sql(
            "SELECT dossier_code, details FROM dossier_step WHERE kind = 'apology' ORDER BY at DESC, id DESC"):
        values = json.loads(details) if isinstance(details, str) else (details or {})
        if values.get("old_appointment"):
            promised[code] = values["old_appointment"]  # the oldest apology is read last
    for code, old in promised.items():
        moment = datetime.fromisoformat(old).replace(tzinfo=None)
        bind.execute(sa.text("UPDATE dossier SET promised_at = :m, deadline_at = :m WHERE code = :c"),
                     {"m": moment, "c": code})
    op.create_index('ix_dossier_status_deadline_at', 'dossier', ['status', 'deadline_at'])


def downgrade() -> None:
    op.drop_index('ix_dossier_status_deadline_at', table_name='dossier')
    # Native DROP COLUMN (SQLite 3.35+): Alembic's batch mode would copy the table and lose the search triggers.
    for column in ('with_verification', 'competent_agency', 'deadline_at', 'promised_at'):
        op.get_bind().exec_driver_sql(f"ALTER TABLE dossier DROP COLUMN {column}")
