"""users and roles: people who sign in at the desk

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('desk_user',
                    sa.Column('id', sa.Integer(), nullable=False),
                    sa.Column('username', sa.String(length=30), nullable=False),
                    sa.Column('full_name', sa.String(length=200), nullable=False),
                    sa.Column('role', sa.String(length=20), nullable=False),
                    sa.Column('password_hash', sa.String(length=200), nullable=False),
                    sa.Column('active', sa.Boolean(), nullable=False),
                    sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
                    sa.Column('locked_until_utc', sa.DateTime(), nullable=True),
                    sa.Column('must_change_password', sa.Boolean(), nullable=False),
                    sa.Column('last_sign_in_utc', sa.DateTime(), nullable=True),
                    sa.Column('created_utc', sa.DateTime(), nullable=False),
                    sa.Column('updated_utc', sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('id', name=op.f('pk_desk_user')),
                    sa.UniqueConstraint('username', name=op.f('uq_desk_user_username')))


def downgrade() -> None:
    op.drop_table('desk_user')
