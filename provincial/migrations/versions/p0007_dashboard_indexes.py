"""the province dashboard's facts (issue 18): one row per dossier with the values the indicators read, and an
index on the steps by status and time (supplement requests and refusals in a period)

``dossier_fact`` starts empty: the dashboard computes the rows it lacks before its first figures
(services/indicator_facts.py), in batches; ``stale`` marks a row a later write changed.

Revision ID: p0007
Revises: p0006
Create Date: 2026-12-20 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'p0007'
down_revision = 'p0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'dossier_fact',
        sa.Column('dossier_id', sa.Integer(), nullable=False),
        sa.Column('stale', sa.Integer(), server_default='0', nullable=False),
        sa.Column('computed', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('commune_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.Integer(), nullable=True),
        sa.Column('channel', sa.Integer(), server_default='1', nullable=False),
        sa.Column('accepted', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=True),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.Column('deadline_at', sa.DateTime(), nullable=True),
        sa.Column('returned_at', sa.DateTime(), nullable=True),
        sa.Column('rating', sa.Integer(), nullable=True),
        sa.Column('digitized_documents', sa.Integer(), server_default='0', nullable=False),
        sa.Column('reused_documents', sa.Integer(), server_default='0', nullable=False),
        sa.Column('sector', sa.String(length=200), server_default='', nullable=False),
        sa.Column('procedure_code', sa.String(length=40), server_default='', nullable=False),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name='fk_dossier_fact_dossier_id_dossier'),
        sa.PrimaryKeyConstraint('dossier_id', name='pk_dossier_fact'),
    )
    op.create_index('ix_dossier_fact_received_at', 'dossier_fact', ['received_at'])
    op.create_index('ix_dossier_fact_finished_at', 'dossier_fact', ['finished_at'])
    op.create_index('ix_dossier_fact_returned_at', 'dossier_fact', ['returned_at'])
    op.create_index('ix_dossier_fact_commune_status_deadline', 'dossier_fact', ['commune_id', 'status', 'deadline_at'])
    op.create_index('ix_dossier_fact_stale', 'dossier_fact', ['stale'])
    op.create_index('ix_event_to_status_at', 'event', ['to_status', 'at'])


def downgrade() -> None:
    op.drop_index('ix_event_to_status_at', table_name='event')
    op.drop_table('dossier_fact')
