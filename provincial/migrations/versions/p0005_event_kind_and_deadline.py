"""what the desk says about a step, and the deadline in force after it

The desk's events carry their kind (receive, supplement, supplement_received, apology, stop, …), an apology's
legal basis for a lawful extension and a stop's rule; a supplement request its documents. The DVCQG export
(dvcqg.py) reads them: the promised appointment (NgayHenTra) moves with a re-issued receipt or a lawful
extension only, and each supplement request becomes a DanhSachHoSoBoSung entry. ``deadline_at`` keeps the
deadline in force after a step recorded by the desk. Rows written before have "" and NULL, which the export
reads as an older desk's step.

Revision ID: p0005
Revises: p0004
Create Date: 2026-12-10 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'p0005'
down_revision = 'p0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=30), server_default='', nullable=False))
        batch_op.add_column(sa.Column('extension_basis', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('legal_basis', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('documents', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('deadline_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_column('deadline_at')
        batch_op.drop_column('documents')
        batch_op.drop_column('legal_basis')
        batch_op.drop_column('extension_basis')
        batch_op.drop_column('kind')
