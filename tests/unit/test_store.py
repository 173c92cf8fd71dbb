"""The schema: migrations create exactly what the models declare, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from desk.store import Database
from desk.store.database import MIGRATIONS_DIR, sqlite_url
from desk.store.migrations import HEAD_REVISION
from desk.store.models import Base
from tests.conftest import CLERK


def test_head_revision_constant_names_the_newest_script():
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def _assert_schema_matches_models(db: Database):
    assert db.migrate() is True
    assert db.migrate() is False  # a second start does nothing
    with db.engine.connect() as conn:
        # The search index is outside the models (desk/store/search.py): the comparison leaves it out.
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": _not_search_index})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _not_search_index(name, _type, _parent_names) -> bool:
    from desk.store.search import OUTSIDE_METADATA

    return name not in OUTSIDE_METADATA


def test_sqlite_migrations_match_models_and_use_wal(tmp_path):
    db = Database(sqlite_url(tmp_path / "x.sqlite3"))
    _assert_schema_matches_models(db)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    db.dispose()


@pytest.mark.postgres
def test_postgres_migrations_match_models(pg_url):
    db = Database(pg_url)
    _assert_schema_matches_models(db)
    db.dispose()


def test_write_transaction_rolls_back_on_error(tmp_path):
    from sqlalchemy import text

    db = Database(sqlite_url(tmp_path / "x.sqlite3"))
    db.migrate()
    with pytest.raises(RuntimeError):
        with db.write() as session:
            session.execute(text("INSERT INTO code_counter (scope, value) VALUES ('a', 1)"))
            raise RuntimeError("boom")
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM code_counter")).scalar() == 0
    db.dispose()


def test_a_database_from_the_first_release_upgrades_and_keeps_its_dossiers(tmp_path, clock):
    """Migrate a 0001 database holding a dossier to head: nothing lost, outbox rows pending."""
    from alembic import command

    from desk.store.models import DossierRow, OutboxRow
    from tests.conftest import make_desk
    from tests.support.workers import sample_request

    desk = make_desk(tmp_path / "data", clock)
    request, version = sample_request(desk)
    code = desk.intake.receive(request, procedure_version=version, actor=CLERK).code
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with desk.db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
    assert desk.db.current_revision() == "0001"
    assert desk.db.migrate() is True
    with desk.db.read() as session:
        assert session.query(DossierRow).one().code == code
        assert session.query(OutboxRow).one().state == "pending"
    desk.db.dispose()


def _downgrade(db: Database, revision: str) -> None:
    from alembic import command

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)



def _templates_stored_once(data_dir, clock, database_url: str = "") -> None:
    """Three dossiers, the database taken back to a template copy per row (0008) where one copy has its keys in
    another order and one was of another version, then brought forward: two stored templates, and each dossier
    reads back the template it was received with."""
    import json

    from sqlalchemy import text

    from desk.store.models import DossierRow, ProcedureSnapshotRow
    from tests.conftest import make_desk
    from tests.support.workers import sample_request

    desk = make_desk(data_dir, clock, database_url)
    request, version = sample_request(desk)
    codes = [desk.intake.receive(request, procedure_version=version, actor=CLERK).code for _ in range(3)]
    with desk.db.read() as session:
        assert session.query(ProcedureSnapshotRow).count() == 1  # later intakes reuse the first one's
        body = session.query(DossierRow).filter_by(code=codes[0]).one().procedure_snapshot
    _downgrade(desk.db, "0008")
    reordered = dict(reversed(list(body.items())))
    other = dict(body, name="Thủ tục (phiên bản trước)")
    value = ":s" if desk.db.engine.dialect.name == "sqlite" else "CAST(:s AS json)"
    with desk.db.write() as session:
        for code, template in ((codes[1], reordered), (codes[2], other)):
            session.execute(text(f"UPDATE dossier SET procedure_snapshot = {value} WHERE code = :c"),
                            {"s": json.dumps(template, ensure_ascii=False), "c": code})
    assert desk.db.migrate() is True
    with desk.db.read() as session:
        assert session.query(ProcedureSnapshotRow).count() == 2
        rows = session.query(DossierRow).order_by(DossierRow.code).all()
        assert [row.procedure_snapshot for row in rows] == [body, body, other]
    # A new intake after the upgrade finds the stored template instead of adding a third.
    desk.intake.receive(request, procedure_version=version, actor=CLERK)
    with desk.db.read() as session:
        assert session.query(ProcedureSnapshotRow).count() == 2
    desk.db.dispose()


def test_each_template_version_is_stored_once_and_old_copies_are_merged(tmp_path, clock):
    _templates_stored_once(tmp_path / "data", clock)


@pytest.mark.postgres
def test_each_template_version_is_stored_once_on_postgres(tmp_path, clock, pg_url):
    _templates_stored_once(tmp_path / "data", clock, pg_url)
