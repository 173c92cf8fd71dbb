"""Persistence: SQLAlchemy mapping, database setup, migrations and code sequences. No Qt."""

from .database import Database, DatabaseError

__all__ = ["Database", "DatabaseError"]
