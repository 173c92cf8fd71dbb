"""files per commune; desks' audit anchors

Files were keyed by their SHA-256 alone, so one commune could learn of, and read, another commune's file by
naming its hash. Now the key is (commune, sha256). A file complete before this migration goes to every commune
whose dossiers refer to it (they are the ones that could read it before); partial uploads are forgotten (their
desks start again at 0), and complete files no dossier refers to are forgotten too (their bytes stay on disk and
are simply uploaded again).

Revision ID: p0003
Revises: p0002
Create Date: 2026-12-01 09:00:00
"""
import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = 'p0003'
down_revision = 'p0002'
branch_labels = None
depends_on = None


def _referring_communes(conn, complete: set[str]) -> set[tuple[int, str]]:
    """(commune, sha256) for every dossier document referring to a complete file; one pass over the dossiers."""
    pairs: set[tuple[int, str]] = set()
    if not complete:
        return pairs
    rows = conn.execute(sa.text("SELECT commune_id, record FROM dossier").execution_options(yield_per=1000))
    for commune_id, record in rows:
        if isinstance(record, str):
            record = json.loads(record)
        for document in (record or {}).get("documents") or []:
            sha256 = document.get("file_sha256") if isinstance(document, dict) else None
            if sha256 in complete:
                pairs.add((commune_id, sha256))
    return pairs


def _complete_blobs(conn) -> dict[str, tuple[int, datetime]]:
    rows = conn.execute(sa.text("SELECT sha256, length, created_utc FROM file_blob WHERE complete = :yes"),
                        {"yes": True})
    # A plain SELECT on SQLite gives the time as its stored text.
    return {sha: (length, datetime.fromisoformat(created) if isinstance(created, str) else created)
            for sha, length, created in rows}


def upgrade() -> None:
    conn = op.get_bind()
    blobs = _complete_blobs(conn)
    pairs = _referring_communes(conn, set(blobs))
    op.drop_table('file_blob')
    file_blob = op.create_table('file_blob',
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('length', sa.Integer(), nullable=False),
    sa.Column('received', sa.Integer(), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_file_blob_commune_id_commune')),
    sa.PrimaryKeyConstraint('commune_id', 'sha256', name=op.f('pk_file_blob'))
    )
    rows = []
    for commune_id, sha256 in sorted(pairs):
        length, created = blobs[sha256]
        rows.append({"commune_id": commune_id, "sha256": sha256, "length": length, "received": length,
                     "complete": True, "created_utc": created})
    if rows:
        op.bulk_insert(file_blob, rows)

    op.create_table('audit_anchor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('head_hash', sa.String(length=64), nullable=False),
    sa.Column('entries', sa.BigInteger(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['desk_id'], ['desk.id'], name=op.f('fk_audit_anchor_desk_id_desk')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_anchor')),
    sa.UniqueConstraint('desk_id', 'seq', name=op.f('uq_audit_anchor_desk_id'))
    )


def downgrade() -> None:
    op.drop_table('audit_anchor')
    blobs = _complete_blobs(op.get_bind())
    op.drop_table('file_blob')
    file_blob = op.create_table('file_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('length', sa.Integer(), nullable=False),
    sa.Column('received', sa.Integer(), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_file_blob'))
    )
    if blobs:
        op.bulk_insert(file_blob, [{"sha256": sha, "length": length, "received": length, "complete": True,
                                    "created_utc": created} for sha, (length, created) in blobs.items()])
