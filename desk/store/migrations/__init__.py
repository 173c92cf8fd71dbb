"""Alembic migrations of the desk database. HEAD_REVISION must name the newest script."""

HEAD_REVISION = "0013"
