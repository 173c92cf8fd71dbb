"""audit log as a hash chain: entry numbers, hashes, and the chain's head

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 12:00:00
"""
import hashlib
import json
from datetime import datetime

from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None
GENESIS = "0" * 64


def _hash(seq, prev, at_utc, actor, action, entity, entity_id, details) -> str:
    # The same text as desk/store/audit_chain.entry_hash, spelled out: a migration must not change when the
    # code does.
    if isinstance(details, str):
        details = json.loads(details)
    if isinstance(at_utc, str):  # SQLite through a plain table() hands back text
        at_utc = datetime.fromisoformat(at_utc)
    text = "\n".join([str(seq), prev, at_utc.isoformat(), actor, action, entity, entity_id,
                      json.dumps(details or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade() -> None:
    with op.batch_alter_table('audit_log') as batch:
        batch.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=False, server_default=''))
        batch.add_column(sa.Column('hash', sa.String(length=64), nullable=False, server_default=''))
        batch.create_unique_constraint(batch.f('uq_audit_log_seq'), ['seq'])
    op.create_table('audit_chain',
                    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
                    sa.Column('entries', sa.Integer(), nullable=False),
                    sa.Column('head_hash', sa.String(length=64), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain')))
    # The entries written so far are chained in the order they were written.
    audit = sa.table('audit_log', sa.column('id', sa.Integer), sa.column('at_utc', sa.DateTime),
                     sa.column('actor', sa.String), sa.column('action', sa.String), sa.column('entity', sa.String),
                     sa.column('entity_id', sa.String), sa.column('details', sa.JSON), sa.column('seq', sa.Integer),
                     sa.column('prev_hash', sa.String), sa.column('hash', sa.String))
    bind = op.get_bind()
    previous, seq = GENESIS, 0
    rows = bind.execute(sa.select(audit.c.id, audit.c.at_utc, audit.c.actor, audit.c.action, audit.c.entity,
                                  audit.c.entity_id, audit.c.details).order_by(audit.c.id)).all()
    for row in rows:
        seq += 1
        digest = _hash(seq, previous, row.at_utc, row.actor, row.action, row.entity, row.entity_id, row.details)
        bind.execute(audit.update().where(audit.c.id == row.id).values(seq=seq, prev_hash=previous, hash=digest))
        previous = digest
    chain = sa.table('audit_chain', sa.column('id', sa.Integer), sa.column('entries', sa.Integer),
                     sa.column('head_hash', sa.String))
    bind.execute(chain.insert().values(id=1, entries=seq, head_hash=previous))


def downgrade() -> None:
    op.drop_table('audit_chain')
    with op.batch_alter_table('audit_log') as batch:
        batch.drop_constraint(batch.f('uq_audit_log_seq'), type_='unique')
        batch.drop_column('hash')
        batch.drop_column('prev_hash')
        batch.drop_column('seq')
