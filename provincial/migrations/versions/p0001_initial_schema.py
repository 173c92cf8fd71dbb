"""initial schema

Revision ID: p0001
Revises: (none)
Create Date: 2026-11-22 11:48:12.684556
"""
from alembic import op
import sqlalchemy as sa


revision = 'p0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('commune',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('parent_authority', sa.String(length=200), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commune')),
    sa.UniqueConstraint('agency_code', name=op.f('uq_commune_agency_code'))
    )
    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('address', sa.String(length=400), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reply', sa.Text(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback'))
    )
    op.create_table('file_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('length', sa.Integer(), nullable=False),
    sa.Column('received', sa.Integer(), nullable=False),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_file_blob'))
    )
    op.create_table('procedure',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('template', sa.JSON(), nullable=False),
    sa.Column('updated_utc', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_procedure'))
    )
    op.create_table('change',
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('dossier_code', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_change_commune_id_commune')),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_change'))
    )
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.create_index('ix_change_commune_seq', ['commune_id', 'seq'], unique=False)

    op.create_table('desk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=40), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('secret_hash', sa.String(length=200), nullable=False),
    sa.Column('public_key', sa.String(length=60), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.Column('revoked_utc', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_desk_commune_id_commune')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk')),
    sa.UniqueConstraint('client_id', name=op.f('uq_desk_client_id'))
    )
    op.create_table('dossier',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('record', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('to_bring', sa.JSON(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.Column('updated_utc', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_dossier_commune_id_commune')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dossier')),
    sa.UniqueConstraint('code', name=op.f('uq_dossier_code'))
    )
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dossier_commune_id'), ['commune_id'], unique=False)

    op.create_table('enrollment_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('commune_id', sa.Integer(), nullable=False),
    sa.Column('expires_utc', sa.DateTime(), nullable=False),
    sa.Column('used_utc', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['commune_id'], ['commune.id'], name=op.f('fk_enrollment_code_commune_id_commune')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollment_code')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_enrollment_code_code_hash'))
    )
    op.create_table('event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('from_status', sa.Integer(), nullable=False),
    sa.Column('to_status', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('actor_title', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=300), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('due_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_event_dossier_id_dossier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event'))
    )
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_event_dossier_id'), ['dossier_id'], unique=False)

    op.create_table('idempotent_request',
    sa.Column('client_txn_id', sa.String(length=64), nullable=False),
    sa.Column('desk_id', sa.Integer(), nullable=False),
    sa.Column('operation', sa.String(length=60), nullable=False),
    sa.Column('request_hash', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('response', sa.JSON(), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['desk_id'], ['desk.id'], name=op.f('fk_idempotent_request_desk_id_desk')),
    sa.PrimaryKeyConstraint('client_txn_id', name=op.f('pk_idempotent_request'))
    )
    op.create_table('rating',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('dossier_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('created_utc', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name=op.f('fk_rating_dossier_id_dossier')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rating')),
    sa.UniqueConstraint('dossier_id', name=op.f('uq_rating_dossier_id'))
    )


def downgrade() -> None:
    op.drop_table('rating')
    op.drop_table('idempotent_request')
    with op.batch_alter_table('event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_dossier_id'))

    op.drop_table('event')
    op.drop_table('enrollment_code')
    with op.batch_alter_table('dossier', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dossier_commune_id'))

    op.drop_table('dossier')
    op.drop_table('desk')
    with op.batch_alter_table('change', schema=None) as batch_op:
        batch_op.drop_index('ix_change_commune_seq')

    op.drop_table('change')
    op.drop_table('procedure')
    op.drop_table('file_blob')
    op.drop_table('feedback')
    op.drop_table('commune')
