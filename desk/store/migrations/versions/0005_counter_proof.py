"""counter-proof intake: idempotency key, receipt seal, guidance and refusal at intake

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 09:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('dossier') as batch:
        batch.add_column(sa.Column('intake_key', sa.String(length=36), nullable=True))
        batch.add_column(sa.Column('receipt_seal', sa.String(length=100), nullable=False, server_default=''))
        # NULL for existing dossiers: whether their receipt carried a signature is not known (see models).
        batch.add_column(sa.Column('receipt_unsigned', sa.Boolean(), nullable=True))
        batch.create_unique_constraint(batch.f('uq_dossier_intake_key'), ['intake_key'])
    op.create_table('intake_outcome',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('reference', sa.String(length=40), nullable=False),
                    sa.Column('intake_key', sa.String(length=36), nullable=False),
                    sa.Column('kind', sa.String(length=10), nullable=False),
                    sa.Column('agency_code', sa.String(length=20), nullable=False),
                    sa.Column('at', sa.DateTime(), nullable=False),
                    sa.Column('procedure_code', sa.String(length=40), nullable=False),
                    sa.Column('procedure_name', sa.String(length=400), nullable=False),
                    sa.Column('procedure_version', sa.Integer(), nullable=False),
                    sa.Column('owner_name', sa.String(length=200), nullable=False),
                    sa.Column('owner_id_number', sa.String(length=12), nullable=False),
                    sa.Column('address', sa.String(length=400), nullable=False),
                    sa.Column('phone', sa.String(length=20), nullable=False),
                    sa.Column('email', sa.String(length=254), nullable=False),
                    sa.Column('documents', sa.JSON(), nullable=False),
                    sa.Column('reason', sa.Text(), nullable=False),
                    sa.Column('clerk_name', sa.String(length=200), nullable=False),
                    sa.Column('counter_name', sa.String(length=100), nullable=False),
                    sa.Column('created_utc', sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_outcome')),
                    sa.UniqueConstraint('reference', name=op.f('uq_intake_outcome_reference')),
                    sa.UniqueConstraint('intake_key', name=op.f('uq_intake_outcome_intake_key')))
    op.create_index(op.f('ix_intake_outcome_at'), 'intake_outcome', ['at'])


def downgrade() -> None:
    op.drop_index(op.f('ix_intake_outcome_at'), table_name='intake_outcome')
    op.drop_table('intake_outcome')
    with op.batch_alter_table('dossier') as batch:
        batch.drop_constraint(batch.f('uq_dossier_intake_key'), type_='unique')
        batch.drop_column('receipt_unsigned')
        batch.drop_column('receipt_seal')
        batch.drop_column('intake_key')
