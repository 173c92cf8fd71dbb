"""guidance and refusal at intake

Revision ID: p0002
Revises: p0001
Create Date: 2026-11-30 10:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = 'p0002'
down_revision = 'p0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('intake_outcome',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=40), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('procedure_code', sa.String(length=40), nullable=False),
    sa.Column('procedure_name', sa.String(length=400), nullable=False),
    sa.Column('owner_name', sa.String(length=200), nullable=False),
    sa.Column('owner_id_number', sa.String(length=12), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('documents', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('clerk', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.Column('updated_utc', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_intake_outcome_commune_id_commune')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_outcome')),
    sa.UniqueConstraint('reference', name=op.f('uq_intake_outcome_reference'))
    )
    with op.batch_alter_table('intake_outcome', schema=None) as batch_op:
        batch_op.create_index('ix_intake_outcome_commune_at', ['commune_id', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('intake_outcome', schema=None) as batch_op:
        batch_op.drop_index('ix_intake_outcome_commune_at')

    op.drop_table('intake_outcome')
