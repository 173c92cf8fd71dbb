"""state shared by every server process; indexes for retention; change notifications

Several worker processes on one or several hosts share what used to live in one process: the token key
(server_value), rate limits (rate_bucket), the tracking page's wrong attempts (failed_attempt). Retention prunes
stored answers and feed changes by age (indexes on created_utc). On PostgreSQL a trigger sends NOTIFY
provincial_changes after changes are inserted, whichever process (or script) wrote them: the long-polls of
every process wake up.

Revision ID: p0004
Revises: p0003
Create Date: 2026-12-05 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'p0004'
down_revision = 'p0003'
branch_labels = None
depends_on = None

NOTIFY_FUNCTION = """
CREATE OR REPLACE FUNCTION provincial_change_notify() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('provincial_changes', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    op.create_table('server_value',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('updated_utc', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_server_value'))
    )
    op.create_table('rate_bucket',
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('tokens', sa.Float(), nullable=False),
    sa.Column('at', sa.Float(), nullable=False),
    sa.Column('allowed', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'key', name=op.f('pk_rate_bucket'))
    )
    op.create_table('failed_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('at', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_failed_attempt'))
    )
    with op.batch_alter_table('failed_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_failed_attempt_code_at', ['code', 'at'], unique=False)
    with op.batch_alter_table('idempotent_request', schema=None) as batch_op:
        batch_op.create_index('ix_idempotent_request_created_utc', ['created_utc'], unique=False)
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index('ix_change_created_utc', ['created_utc'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(NOTIFY_FUNCTION)
        op.execute('CREATE TRIGGER change_notify AFTER INSERT ON change '
                   'FOR EACH STATEMENT EXECUTE FUNCTION provincial_change_notify()')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS change_notify ON change')
        op.execute('DROP FUNCTION IF EXISTS provincial_change_notify()')
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index('ix_change_created_utc')
    with op.batch_alter_table('idempotent_request', schema=None) as batch_op:
        batch_op.drop_index('ix_idempotent_request_created_utc')
    with op.batch_alter_table('failed_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_failed_attempt_code_at')
    op.drop_table('failed_attempt')
    op.drop_table('rate_bucket')
    op.drop_table('server_value')
