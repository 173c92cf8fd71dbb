"""Admin services (issue 7): users and roles, the catalog's versions and files, the calendar, the counter."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from desk.domain.calendar import ProcessingTime, TimeUnit
from desk.domain.errors import DomainError
from desk.domain.fees import FeeKind, FeeRule, PageTier
from desk.domain.procedure import DocumentRequirement, ExtraField, ProcedureTemplate
from desk.domain.users import PermissionDenied, Role
from desk.services.catalog_file import CatalogFileError
from desk.store.models import AuditRow, ProcedureRow
from tests.conftest import ADMIN, CLERK, make_desk


def _audit(desk, action: str) -> list[AuditRow]:
    with desk.db.read() as session:
        return list(session.scalars(select(AuditRow).where(AuditRow.action == action)))


# -- users ------------------------------------------------------------------------------------
def test_first_admin_then_sign_in_and_lockout(desk):
    users = desk.users
    assert users.needs_first_admin()
    with pytest.raises(DomainError, match="ít nhất 8"):
        users.create_first_admin("qtv", "Trần Quản Trị", "ngan")
    admin = users.create_first_admin("QTV", "Trần Quản Trị", "mat-khau-dai")
    assert admin.username == "qtv" and admin.role is Role.ADMIN and not users.needs_first_admin()
    with pytest.raises(DomainError, match="Đã có người dùng"):
        users.create_first_admin("khac", "Người Khác", "mat-khau-dai")
    with desk.db.read() as session:
        from desk.store.models import UserRow
        stored = session.scalar(select(UserRow).where(UserRow.username == "qtv")).password_hash
    assert stored.startswith("scrypt$") and "mat-khau-dai" not in stored

    users.create_user(admin, "lvtam", "Lê Văn Tâm", Role.CLERK, "tam-12345")
    assert users.sign_in("lvtam", "tam-12345").role is Role.CLERK
    for left in (4, 3, 2, 1):
        with pytest.raises(DomainError, match=f"Còn {left} lần thử"):
            users.sign_in("lvtam", "sai-mat-khau")
    clock = [datetime.utcnow()]
    users.now = lambda: clock[0]
    with pytest.raises(DomainError, match="tạm khóa 15 phút"):
        users.sign_in("lvtam", "sai-mat-khau")
    with pytest.raises(DomainError, match="tạm khóa đến"):
        users.sign_in("lvtam", "tam-12345")  # even the right password waits
    assert [u.locked for u in users.list_users(admin) if u.username == "lvtam"] == [True]
    clock[0] += timedelta(minutes=16)
    assert users.sign_in("lvtam", "tam-12345").username == "lvtam"
    with pytest.raises(DomainError, match="Sai tên đăng nhập"):
        users.sign_in("khong-co", "tam-12345")

    users.update_user(admin, "lvtam", active=False)
    with pytest.raises(DomainError, match="ngừng sử dụng"):
        users.sign_in("lvtam", "tam-12345")
    with pytest.raises(DomainError, match="ít nhất một quản trị viên|tự bỏ quyền"):
        users.update_user(admin, "qtv", role=Role.CLERK)
    changes = _audit(desk, "user.update")
    assert changes[0].details["before"]["active"] is True and changes[0].details["after"]["active"] is False
    assert "password_hash" not in json.dumps([a.details for a in _audit(desk, "user.create")])


def test_an_admin_unlocks_and_resets(desk):
    admin = desk.users.create_first_admin("qtv", "Trần Quản Trị", "mat-khau-dai")
    desk.users.create_user(admin, "lvtam", "Lê Văn Tâm", Role.CLERK, "tam-12345")
    for _ in range(5):
        with pytest.raises(DomainError):
            desk.users.sign_in("lvtam", "nham-lan-1")
    desk.users.unlock(admin, "lvtam")
    assert desk.users.sign_in("lvtam", "tam-12345")
    desk.users.reset_password(admin, "lvtam", "mat-khau-moi")
    clerk = desk.users.sign_in("lvtam", "mat-khau-moi")
    with pytest.raises(DomainError, match="phải khác"):  # the temporary one the admin knows is not a new one
        desk.users.change_own_password(clerk, "mat-khau-moi", "mat-khau-moi")
    desk.users.change_own_password(clerk, "mat-khau-moi", "cua-rieng-tam")
    assert desk.users.sign_in("lvtam", "cua-rieng-tam")


def _sample_template() -> ProcedureTemplate:
    return ProcedureTemplate(
        code="CT.THU", name="Chứng thực thử nghiệm", sector="Chứng thực",
        processing=ProcessingTime(2, TimeUnit.WORKING_DAYS),
        fee=FeeRule(FeeKind.PER_PAGE, tiers=(PageTier(1, 2, 2000), PageTier(3, None, 1000)), cap_per_copy=200000),
        documents=(DocumentRequirement("Bản chính giấy tờ", True, originals=1),
                   DocumentRequirement("Giấy ủy quyền", False, certified=1, note="nếu nộp thay")),
        extra_fields=(ExtraField("so_ban", "Số bản cần chứng thực", "number", required=True),))


ADMIN_ACTIONS = {
    "agency.save": lambda d, a: d.agency.save(d.agency.get(), actor=a),
    "counter.save": lambda d, a: d.counter.save({"paper": "A4"}, actor=a),
    "catalog.save": lambda d, a: d.catalog.save(_sample_template(), actor=a),
    "catalog.retire": lambda d, a: d.catalog.retire("1.001193", actor=a),
    "catalog.restore": lambda d, a: d.catalog.restore("1.001193", actor=a),
    "catalog.delete": lambda d, a: d.catalog.delete("1.001193", actor=a),
    "catalog.import": lambda d, a: d.catalog.apply(d.catalog.plan_import(d.catalog.export_text()), actor=a),
    "catalog.province": lambda d, a: d.catalog.apply_offer(actor=a),
    "calendar.save": lambda d, a: d.calendar.save_schedule(d.calendar.schedule(2027), actor=a),
    "calendar.import": lambda d, a: d.calendar.import_schedule('{"year": 2027}', actor=a),
    "users.list": lambda d, a: d.users.list_users(a),
    "users.create": lambda d, a: d.users.create_user(a, "moi", "Người Mới", Role.ADMIN, "mat-khau-dai"),
    "users.update": lambda d, a: d.users.update_user(a, "qtv", role=Role.CLERK),
    "users.reset": lambda d, a: d.users.reset_password(a, "qtv", "mat-khau-dai"),
    "users.unlock": lambda d, a: d.users.unlock(a, "qtv"),
}


@pytest.mark.parametrize("action", sorted(ADMIN_ACTIONS))
def test_every_admin_action_is_refused_to_a_clerk(desk, action):
    desk.users.create_first_admin("qtv", "Trần Quản Trị", "mat-khau-dai")
    with desk.db.read() as session:
        before = len(session.scalars(select(AuditRow)).all())
    with pytest.raises(PermissionDenied, match="Chỉ quản trị viên"):
        ADMIN_ACTIONS[action](desk, CLERK)
    with desk.db.read() as session:
        assert len(session.scalars(select(AuditRow)).all()) == before


# -- the catalog -------------------------------------------------------------------------------
def test_versions_keep_history_and_show_a_diff(desk):
    first = desk.catalog.save(_sample_template(), actor=ADMIN)
    edited = replace(_sample_template(), name="Chứng thực bản sao thử nghiệm",
                     documents=_sample_template().documents[:1] + (DocumentRequirement("Tờ khai", True, originals=1),))
    second = desk.catalog.save(edited, actor=ADMIN)
    assert (first.version, second.version) == (1, 2)
    assert desk.catalog.save(edited, actor=ADMIN).version == 2  # nothing changed: no new version
    diff = desk.catalog.diff("CT.THU", 1, 2)
    assert "~ Tên: “Chứng thực thử nghiệm” → “Chứng thực bản sao thử nghiệm”" in diff
    assert any(line.startswith("− Giấy tờ: Giấy ủy quyền") for line in diff)
    assert any(line.startswith("+ Giấy tờ: Tờ khai") for line in diff)
    assert [v.version for v in desk.catalog.versions("CT.THU")] == [2, 1]
    audit = _audit(desk, "procedure.save")[-1]
    assert audit.actor == "Trần Quản Trị (qtv)" and audit.details["before"]["name"] == "Chứng thực thử nghiệm"

    desk.catalog.retire("CT.THU", actor=ADMIN)
    assert "CT.THU" not in [e.template.code for e in desk.catalog.search("chung thuc")]
    assert "CT.THU" in [e.template.code for e in desk.catalog.search("chung thuc", include_retired=True)]
    desk.catalog.delete("CT.THU", actor=ADMIN)  # no dossier used it
    assert not desk.catalog.versions("CT.THU")


def test_a_used_procedure_cannot_be_deleted(desk):
    from tests.support.workers import sample_request

    request, version = sample_request(desk)
    desk.intake.receive(request, procedure_version=version, actor=CLERK)
    code = request.procedure.code
    with pytest.raises(DomainError, match="Ngừng áp dụng"):
        desk.catalog.delete(code, actor=ADMIN)


def test_export_import_round_trips_the_whole_catalog(tmp_path, clock, desk):
    desk.catalog.save(_sample_template(), actor=ADMIN)
    desk.catalog.retire("1.011607", actor=ADMIN)
    exported = desk.catalog.export_text()
    other = make_desk(tmp_path / "other", clock)
    try:
        with other.db.write() as session:
            session.query(ProcedureRow).delete()
        plan = other.catalog.plan_import(exported)
        assert len(plan.added) == 13 and not plan.changed
        other.catalog.apply(plan, actor=ADMIN)

        def without_time(text):
            return {**json.loads(text), "exported_utc": ""}

        assert without_time(other.catalog.export_text()) == without_time(exported)
        assert other.catalog.get("1.011607").active is False
        assert other.catalog.get("CT.THU").template == _sample_template()
        assert other.catalog.plan_import(exported).is_empty
    finally:
        other.db.dispose()


@pytest.mark.parametrize("breakage, line_word, field", [
    (lambda d: d["procedures"][3]["fee"].update(kind="tùy"), "kind", "procedures[3].fee.kind"),
    (lambda d: d["procedures"][5]["documents"][0].update(originals=-1), "originals",
     "procedures[5].documents[0].originals"),
    (lambda d: d["procedures"][2].pop("name"), None, "procedures[2]"),
    (lambda d: d["procedures"][4].update(code="1.001193"), None, "procedures[4].code"),
    (lambda d: d["procedures"][1]["extra_fields"][0].update(type="choice", choices=[]), None,
     "procedures[1]"),
])
def test_a_malformed_file_names_line_and_field_and_changes_nothing(desk, breakage, line_word, field):
    data = json.loads(desk.catalog.export_text())
    data["procedures"][0]["name"] = "Đăng ký khai sinh (đã sửa)"  # a good change before the bad one
    breakage(data)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    with desk.db.read() as session:
        before = session.scalars(select(ProcedureRow.id)).all()
    with pytest.raises(CatalogFileError) as caught:
        desk.catalog.plan_import(text)
    error = caught.value
    assert error.path.startswith(field) and str(error).startswith(f"Dòng {error.line}, trường {error.path}")
    if line_word:
        assert f'"{line_word}"' in text.splitlines()[error.line - 1]
    with desk.db.read() as session:
        assert session.scalars(select(ProcedureRow.id)).all() == before


def test_syntax_errors_name_the_line(desk):
    with pytest.raises(CatalogFileError, match="^Dòng 3: tệp không phải JSON"):
        desk.catalog.plan_import('{\n "schema": "mot-cua-desk/catalog",\n "procedures": [,]\n}')


def test_the_provinces_catalog_waits_for_an_admin(desk):
    procedures = json.loads(desk.catalog.export_text())["procedures"]
    procedures[0]["name"] = "Đăng ký khai sinh (tỉnh sửa)"
    desk.catalog.store_offer(procedures[:-1], etag='"v2"')  # the last one is no longer listed
    plan = desk.catalog.offer_plan()
    assert [c for c, _ in plan.changed] == [procedures[0]["code"]] and plan.retired == (procedures[-1]["code"],)
    assert desk.catalog.get(procedures[0]["code"]).template.name != "Đăng ký khai sinh (tỉnh sửa)"
    desk.catalog.apply_offer(actor=ADMIN)
    assert desk.catalog.get(procedures[0]["code"]).template.name == "Đăng ký khai sinh (tỉnh sửa)"
    assert desk.catalog.get(procedures[-1]["code"]).active is False
    assert desk.catalog.offer_plan() is None


# -- the calendar -------------------------------------------------------------------------------
OFFICIAL_2027 = {
    "year": 2027, "source": "Thông báo của Bộ Nội vụ (giả định cho kiểm thử)",
    "days_off": [{"date": "2027-02-12", "name": "Tết Đinh Mùi (nghỉ thêm)"},
                 {"date": "2027-05-04", "name": "Nghỉ hoán đổi"}],
    "working_days": [{"date": "2027-05-08", "name": "Làm bù cho 04/05"}],
}


# The computed 2027 defaults already give 30/4, 1/5 and the compensatory Monday 3/5, and Tết from
# 05/02 to the compensatory Thursday 11/02; the official schedule adds 12/02 and swaps 04/05 for 08/05.
@pytest.mark.parametrize("received, processing, before, after", [
    # 3 working days from Thursday 29/04: Tue 4, Wed 5, Thu 6 by default; 4/5 becomes a day off.
    ("2027-04-29 09:00", (3, "working_days"), "2027-05-06 09:00", "2027-05-07 09:00"),
    # Same day after 15:00 on Friday 07/05: the make-up Saturday 08/05 is the next working day.
    ("2027-05-07 15:30", (0, "same_day"), "2027-05-10 17:00", "2027-05-08 17:00"),
    # Received on a Tết day off: counting starts Friday 12/02 by default, Monday 15/02 once 12/02 is off.
    ("2027-02-11 10:00", (2, "working_days"), "2027-02-15 17:00", "2027-02-16 17:00"),
    # Untouched weeks stay as they were.
    ("2027-06-01 08:00", (1, "working_days"), "2027-06-02 08:00", "2027-06-02 08:00"),
])
def test_importing_an_official_schedule_moves_appointments(desk, received, processing, before, after):
    template = replace(_sample_template(), processing=ProcessingTime(processing[0], TimeUnit(processing[1])))
    moment = datetime.fromisoformat(received)
    assert desk.calendar.appointment(template, moment) == datetime.fromisoformat(before)
    desk.calendar.import_schedule(json.dumps(OFFICIAL_2027), actor=ADMIN)
    assert desk.calendar.appointment(template, moment) == datetime.fromisoformat(after)


def test_office_hours_per_year_and_bad_schedules(desk):
    from desk.domain.calendar import DayKind

    hours = {"sessions": [[["07:30", "11:30"], ["13:00", "16:30"]]] * 5 + [[], []], "same_day_cutoff": "14:00"}
    desk.calendar.import_schedule(json.dumps({"year": 2027, "office_hours": hours}), actor=ADMIN)
    same_day = replace(_sample_template(), processing=ProcessingTime(0, TimeUnit.SAME_DAY))
    assert desk.calendar.appointment(same_day, datetime(2027, 6, 1, 14, 30)) == datetime(2027, 6, 2, 16, 30)
    kinds = {d.day: k for d, k, _ in desk.calendar.month(2027, 5)}
    assert kinds[1] is DayKind.HOLIDAY and kinds[2] is DayKind.WEEKEND and kinds[4] is DayKind.WORKING
    for bad, message in (('{"year": 2027, "days_off": [{"date": "2028-01-01"}]}', "không thuộc năm"),
                         ('{"year": 2027,\n "days_off": [}', "Dòng 2"),
                         (json.dumps({"year": 2027, "office_hours": {"sessions": [[["11:00", "08:00"]]] * 7}}),
                          "phải trước")):
        with pytest.raises(DomainError, match=message):
            desk.calendar.import_schedule(bad, actor=ADMIN)


def test_counter_settings_are_saved_and_audited(desk):
    desk.counter.save({"counter_name": "Quầy 3", "counter_number": 3, "legal_basis": "Căn cứ Nghị định 118/2025",
                       "form_numbers": {"refusal": "Mẫu số 03/TT03"}}, actor=ADMIN)
    assert desk.settings.counter_name == "Quầy 3"
    saved = json.loads(desk.paths.settings.read_text(encoding="utf-8"))
    assert saved["legal_basis"] == "Căn cứ Nghị định 118/2025" and saved["counter_number"] == 3
    entry = _audit(desk, "counter.save")[-1]
    assert entry.details["before"]["counter_name"] == "Quầy 1" and entry.details["after"]["counter_name"] == "Quầy 3"
    with pytest.raises(DomainError, match="A5 hoặc A4"):
        desk.counter.save({"paper": "Letter"}, actor=ADMIN)
    assert desk.settings.paper == "A5"


@pytest.mark.parametrize("change, message", [
    (lambda t: replace(t, sector=""), "Lĩnh vực: không được để trống"),
    (lambda t: replace(t, level="Mức 4"), "Mức độ: giá trị"),
    (lambda t: replace(t, documents=(replace(t.documents[0], originals=25),)),
     r"Thành phần hồ sơ \(\[0\]\.originals\): không được lớn hơn 20"),
])
def test_the_editor_cannot_save_what_an_export_could_not_import(desk, change, message):
    """Every saved template goes through the catalog file's schema too, so export → import never fails."""
    template = change(desk.catalog.get("2.000815").template)
    with pytest.raises(DomainError, match=message):
        desk.catalog.save(template, actor=ADMIN)
    assert desk.catalog.get("2.000815").version == 1
