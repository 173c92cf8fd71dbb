"""dossier life after intake: steps, result return, rating

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 14:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dossier_step',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('dossier_code', sa.String(length=40), nullable=False),
                    sa.Column('at', sa.DateTime(), nullable=False),
                    sa.Column('kind', sa.String(length=30), nullable=False),
                    sa.Column('from_status', sa.Integer(), nullable=False),
                    sa.Column('to_status', sa.Integer(), nullable=False),
                    sa.Column('actor', sa.String(length=200), nullable=False),
                    sa.Column('unit', sa.String(length=300), nullable=False),
                    sa.Column('note', sa.Text(), nullable=False),
                    sa.Column('due_at', sa.DateTime(), nullable=True),
                    sa.Column('source', sa.String(length=10), nullable=False),
                    sa.Column('details', sa.JSON(), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier_step')))
    op.create_index(op.f('ix_dossier_step_dossier_code'), 'dossier_step', ['dossier_code'], unique=False)
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('returned_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('rating', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_column('rating')
        batch_op.drop_column('returned_at')
    op.drop_index(op.f('ix_dossier_step_dossier_code'), table_name='dossier_step')
    op.drop_table('dossier_step')
