"""sync: outbox state, sync_state table, the province event applied to each dossier

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 12:10:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sa.String(length=10), server_default='pending', nullable=False))
        batch_op.create_index(batch_op.f('ix_outbox_state'), ['state'], unique=False)
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.add_column(sa.Column('province_event_id', sa.Integer(), server_default='0', nullable=False))
    op.create_table('sync_state',
                    sa.Column('key', sa.String(length=40), nullable=False),
                    sa.Column('value', sa.Text(), nullable=False),
                    sa.PrimaryKeyConstraint('key', name=op.f('pk_sync_state')))


def downgrade() -> None:
    op.drop_table('sync_state')
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_column('province_event_id')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_state'))
        batch_op.drop_column('state')
