"""Rebuild from the province (issue 15): a desk whose disk died is enrolled again and pulls back its commune's
dossiers, their steps and their digitized files; new codes never meet the ones that came back."""

from __future__ import annotations

import pytest
from PIL import Image
from sqlalchemy import select

from desk.services.digitization import DocumentFile
from desk.services.rebuild import RebuildService
from desk.store.models import DossierStepRow
from tests.conftest import ADMIN, CLERK, make_desk
from tests.e2e.test_sync import desk, enrollment_code, receive, server  # noqa: F401  (fixtures)
from tests.support.workers import sample_request


def _rebuild_service(services) -> RebuildService:
    return RebuildService(services.db, services.paths, services.settings_store, services.sync, services.catalog)


def test_a_new_desk_gets_back_what_the_lost_one_had_sent(desk, server, tmp_path, clock):  # noqa: F811
    scan = tmp_path / "giay-to.tif"
    Image.new("L", (1654, 2339), 255).save(scan, dpi=(200, 200))
    request, version = sample_request(desk)
    with_file = desk.intake.receive(request, procedure_version=version,
                                    files=[DocumentFile(pages=tuple(desk.digitization.import_files([scan])))],
                                    actor=CLERK).code
    others = receive(desk, 2)
    desk.lifecycle.send_to_handler(others[0], "Công chức Tư pháp - Hộ tịch", actor=CLERK)
    assert desk.sync.run_once().ok and desk.sync.status()["pending"] == 0
    sha256 = desk.dossiers.get(with_file).documents[0]["sha256"]

    fresh = make_desk(tmp_path / "new-disk", clock)  # the same commune, a new disk
    fresh.sync.enroll(server.base_url, enrollment_code(server), "Quầy 1 (máy mới)", actor=ADMIN)
    with pytest.raises(Exception, match="quản trị"):
        _rebuild_service(fresh).rebuild(CLERK)
    result = _rebuild_service(fresh).rebuild(ADMIN)
    assert (result.dossiers, result.files, result.missing_files) == (3, 1, 0)
    assert "Đã lấy lại 3 hồ sơ" in result.describe()
    back = fresh.dossiers.get(with_file)
    assert back.summary.owner_name == "Nguyễn Thị Hoa" and back.documents[0]["sha256"] == sha256
    assert fresh.paths.file_path(sha256).read_bytes() == desk.paths.file_path(sha256).read_bytes()
    assert fresh.dossiers.get(others[0]).summary.status.value == 4  # handed to the handler
    with fresh.db.read() as session:
        steps = list(session.scalars(select(DossierStepRow.to_status).where(DossierStepRow.dossier_code == others[0])))
    assert 4 in steps
    again = _rebuild_service(fresh).rebuild(ADMIN)  # twice is harmless
    assert (again.dossiers, again.kept) == (0, 3)
    new_code = receive(fresh, 1)[0]
    assert new_code not in (with_file, *others)
    assert int(new_code.rsplit("-", 1)[1]) == 4  # after the three that came back
    assert fresh.audit.check().ok
    fresh.db.dispose()


def test_the_audit_chain_is_anchored_at_the_province_and_a_rewrite_is_caught(desk, server):  # noqa: F811
    import sqlite3

    from sqlalchemy import select

    from desk.store.audit_chain import entry_hash
    from desk.store.models import AuditChainRow, AuditRow

    desk.sync.audit = desk.audit  # the shared fixture leaves anchors out of the other sync tests
    receive(desk, 2)
    assert desk.sync.run_once().ok and desk.sync.status()["pending"] == 0  # the head went with the round
    assert desk.sync.latest_anchor().entries == desk.audit.head().entries
    assert desk.audit.check_all().ok
    with sqlite3.connect(desk.paths.database) as connection:  # the forger rewrites an entry and the whole chain
        connection.execute("UPDATE audit_log SET details = '{}' WHERE seq = 2")
    with desk.db.write() as session:
        previous = "0" * 64
        for row in session.scalars(select(AuditRow).order_by(AuditRow.seq)):
            row.prev_hash, row.hash = previous, entry_hash(row.seq, previous, row)
            previous = row.hash
        session.get(AuditChainRow, 1).head_hash = previous
    check = desk.audit.check_all()
    assert not check.ok and "tỉnh" in check.describe()


def test_after_a_restore_the_desk_numbers_its_anchors_after_the_provinces(desk, server, clock):  # noqa: F811
    from desk.store.models import SyncStateRow

    desk.sync.audit = desk.audit
    receive(desk, 1)
    assert desk.sync.run_once().ok
    first = desk.sync.latest_anchor()
    with desk.db.write() as session:  # a backup from before that anchor put back: the desk's count is behind
        session.delete(session.get(SyncStateRow, "audit_anchor"))
    from desk.services.sync import SyncService

    restarted = SyncService(desk.db, desk.paths, desk.settings_store, desk.catalog, desk.receipts, desk.audit)
    receive(desk, 1)
    assert restarted.run_once().ok and restarted.status()["failed"] == 0
    assert restarted.latest_anchor().entries > first.entries
