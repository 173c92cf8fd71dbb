"""each form's number, title and signer as the agency prints them, shared by its counters (issue 19: the next
renumbering is a settings change, not a code change)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 14:20:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    default = "'{}'" if op.get_bind().dialect.name == "sqlite" else "'{}'::json"
    op.add_column('agency', sa.Column('form_texts', sa.JSON(), nullable=False, server_default=sa.text(default)))


def downgrade() -> None:
    op.get_bind().exec_driver_sql("ALTER TABLE agency DROP COLUMN form_texts")
