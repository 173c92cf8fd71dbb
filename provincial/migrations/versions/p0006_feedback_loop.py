"""citizens' feedback routed to its commune, answered and published by code

The feedback table gets a code (``<agency>-PA-yymmdd-NNNN`` from a desk, ``PA-yymmdd-NNNN`` from the tracking
page), the commune it concerns, its channel, category, dossier, the due date and the answer. Columns renamed:
name → citizen_name, content → text, reply → answer; title, address and public are dropped (the public view is
fixed: services/feedback.py). Rows from before keep their words under code ``PA-000000-<id>`` (an impossible
day: no later code meets it), no commune, category "other", status open, due 14 days after they came.

Revision ID: p0006
Revises: p0005
Create Date: 2026-12-14 09:00:00
"""
from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = 'p0006'
down_revision = 'p0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('commune_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('channel', sa.String(length=10), server_default='web', nullable=False))
        batch_op.add_column(sa.Column('category', sa.String(length=20), server_default='other', nullable=False))
        batch_op.add_column(sa.Column('dossier_code', sa.String(length=40), server_default='', nullable=False))
        batch_op.add_column(sa.Column('received_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('due_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('answered_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('answered_by', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('answered_where', sa.String(length=10), server_default='', nullable=False))
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('updated_utc', sa.DateTime(), nullable=True))
        batch_op.alter_column('name', new_column_name='citizen_name', existing_type=sa.String(length=200),
                              existing_nullable=False)
        batch_op.alter_column('content', new_column_name='text', existing_type=sa.Text(), existing_nullable=False)
        batch_op.alter_column('reply', new_column_name='answer', existing_type=sa.Text(), existing_nullable=False)
        batch_op.drop_column('title')
        batch_op.drop_column('address')
        batch_op.drop_column('public')
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, created_utc FROM feedback")).all()
    for row_id, created in rows:
        received = created + timedelta(hours=7)  # Vietnam wall time
        bind.execute(sa.text("UPDATE feedback SET code = :code, received_at = :received, due_at = :due, "
                             "updated_utc = created_utc, status = CASE WHEN answer <> '' THEN 'answered' "
                             "ELSE 'open' END WHERE id = :id"),
                     {"code": f"PA-000000-{row_id:04d}", "received": received, "due": received + timedelta(days=14),
                      "id": row_id})
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.alter_column('code', existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column('received_at', existing_type=sa.DateTime(), nullable=False)
        batch_op.alter_column('due_at', existing_type=sa.DateTime(), nullable=False)
        batch_op.alter_column('updated_utc', existing_type=sa.DateTime(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_feedback_code'), ['code'])
        batch_op.create_foreign_key(batch_op.f('fk_feedback_commune_id_commune'), 'commune', ['commune_id'], ['id'])
        batch_op.create_index('ix_feedback_commune_received', ['commune_id', 'received_at'], unique=False)
    op.create_table('feedback_change',
                    sa.Column('seq', sa.Integer(), nullable=False),
                    sa.Column('commune_id', sa.Integer(), nullable=False),
                    sa.Column('code', sa.String(length=40), nullable=False),
                    sa.Column('created_utc', sa.DateTime(), nullable=False),
                    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'],
                                            name=op.f('fk_feedback_change_commune_id_commune')),
                    sa.PrimaryKeyConstraint('seq', name=op.f('pk_feedback_change')))
    op.create_index('ix_feedback_change_commune_seq', 'feedback_change', ['commune_id', 'seq'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_feedback_change_commune_seq', table_name='feedback_change')
    op.drop_table('feedback_change')
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_commune_received')
        batch_op.drop_constraint(batch_op.f('fk_feedback_commune_id_commune'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_feedback_code'), type_='unique')
        batch_op.add_column(sa.Column('title', sa.String(length=300), server_default='', nullable=False))
        batch_op.add_column(sa.Column('address', sa.String(length=400), server_default='', nullable=False))
        batch_op.add_column(sa.Column('public', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.alter_column('citizen_name', new_column_name='name', existing_type=sa.String(length=200))
        batch_op.alter_column('text', new_column_name='content', existing_type=sa.Text())
        batch_op.alter_column('answer', new_column_name='reply', existing_type=sa.Text())
        for column in ('updated_utc', 'version', 'answered_where', 'answered_by', 'answered_at', 'due_at',
                       'received_at', 'dossier_code', 'category', 'channel', 'commune_id', 'code'):
            batch_op.drop_column(column)
