"""citizens' feedback (phản ánh, kiến nghị)

A new table: each feedback taken at the counter or the kiosk, or pulled from the province's tracking site, with
its code, category, the dossier it concerns, the due date of the answer and the answer (docs/ARCHITECTURE.md,
"Citizens' feedback"). No other table changes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-14 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'feedback',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('category', sa.String(length=20), nullable=False),
        sa.Column('dossier_code', sa.String(length=40), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('citizen_name', sa.String(length=200), nullable=False),
        sa.Column('phone', sa.String(length=20), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('received_at', sa.DateTime(), nullable=False),
        sa.Column('due_at', sa.DateTime(), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.Column('answered_by', sa.String(length=200), nullable=False),
        sa.Column('answered_where', sa.String(length=10), nullable=False),
        sa.Column('recorded_by', sa.String(length=200), nullable=False),
        sa.Column('province_version', sa.Integer(), nullable=False),
        sa.Column('created_utc', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
        sa.UniqueConstraint('code', name=op.f('uq_feedback_code')),
    )
    op.create_index('ix_feedback_status_due_at', 'feedback', ['status', 'due_at'], unique=False)
    op.create_index(op.f('ix_feedback_dossier_code'), 'feedback', ['dossier_code'], unique=False)
    op.create_index(op.f('ix_feedback_received_at'), 'feedback', ['received_at'], unique=False)
    op.create_index(op.f('ix_feedback_answered_at'), 'feedback', ['answered_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_feedback_answered_at'), table_name='feedback')
    op.drop_index(op.f('ix_feedback_received_at'), table_name='feedback')
    op.drop_index(op.f('ix_feedback_dossier_code'), table_name='feedback')
    op.drop_index('ix_feedback_status_due_at', table_name='feedback')
    op.drop_table('feedback')
