"""Sign-in and the people who may use the desk (issue 7).

The first start asks for the first admin; after that only an admin adds people, changes
roles, resets passwords and unlocks accounts. Every change is audited with before and
after (never the password hashes). Nobody is deleted: the audit log and the dossiers name
them, so a person who leaves is deactivated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from desk.domain.clock import to_vietnam_local
from desk.domain.errors import DomainError
from desk.domain.users import (
    ROLE_LABELS,
    SIGN_IN_FAILED,
    Actor,
    Role,
    SignInState,
    check_secret,
    hash_secret,
    require_admin,
    validate_full_name,
    validate_password,
    validate_username,
)
from desk.store import Database
from desk.store.models import UserRow

from .audit import record, utc_now


@dataclass(frozen=True)
class UserView:
    username: str
    full_name: str
    role: Role
    active: bool
    locked: bool
    last_sign_in_utc: datetime | None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


def _public(row: UserRow) -> dict:
    """What the audit log keeps of a user: never the hash."""
    return {"username": row.username, "full_name": row.full_name, "role": row.role, "active": row.active}


class UserService:
    def __init__(self, db: Database, now: Callable[[], datetime] = utc_now):
        self.db = db
        self.now = now

    # -- first start and sign-in --------------------------------------------------------
    def needs_first_admin(self) -> bool:
        with self.db.read() as session:
            return not session.scalar(select(func.count()).select_from(UserRow).where(UserRow.active.is_(True)))

    def create_first_admin(self, username: str, full_name: str, password: str) -> Actor:
        """Only on a desk without users: the person who installs it becomes its admin."""
        username, full_name = validate_username(username), validate_full_name(full_name)
        validate_password(password, username)
        with self.db.write() as session:
            if session.scalar(select(func.count()).select_from(UserRow)):
                raise DomainError("Đã có người dùng: hãy đăng nhập bằng tài khoản quản trị.")
            row = self._new_row(username, full_name, Role.ADMIN, password)
            session.add(row)
            record(session, actor=f"{full_name} ({username})", action="user.first_admin", entity="user",
                   entity_id=username, details={"before": None, "after": _public(row)})
        return Actor(username, full_name, Role.ADMIN)

    def sign_in(self, username: str, password: str) -> Actor:
        """The signed-in person, or a DomainError that says what to do (wrong password, locked)."""
        username = (username or "").strip().lower()
        now = self.now()
        refusal = None
        with self.db.write() as session:
            row = session.scalar(select(UserRow).where(UserRow.username == username))
            if row is None:
                check_secret(password, hash_secret("x"))  # the same time whether or not the name exists
                raise DomainError(SIGN_IN_FAILED, field="password")
            state = SignInState(row.failed_sign_ins, row.locked_until_utc)
            if state.locked_until is not None and state.is_locked(now):
                until = to_vietnam_local(state.locked_until)
                raise DomainError(f"Tài khoản tạm khóa đến {until:%H:%M} vì nhập sai mật khẩu nhiều lần. "
                                  "Quản trị viên có thể mở khóa sớm hơn.", field="password")
            if not check_secret(password, row.password_hash):
                # The failure count must persist although the sign-in fails: the transaction commits,
                # then the refusal is raised.
                state = state.after_failure(now)
                row.failed_sign_ins, row.locked_until_utc = state.failed, state.locked_until
                record(session, actor=username, action="user.sign_in_failed", entity="user", entity_id=username,
                       details={"locked_until_utc": state.locked_until.isoformat() if state.locked_until else None})
                if state.locked_until is not None:
                    minutes = round((state.locked_until - now).total_seconds() / 60)
                    refusal = f"{SIGN_IN_FAILED} Tài khoản tạm khóa {minutes} phút."
                else:
                    refusal = f"{SIGN_IN_FAILED} Còn {state.attempts_left} lần thử trước khi tài khoản bị tạm khóa."
            elif not row.active:
                raise DomainError("Tài khoản này đã ngừng sử dụng. Hãy liên hệ quản trị viên.", field="username")
            else:
                row.failed_sign_ins, row.locked_until_utc, row.last_sign_in_utc = 0, None, now
                record(session, actor=f"{row.full_name} ({username})", action="user.sign_in", entity="user",
                       entity_id=username, details={})
                actor = Actor(row.username, row.full_name, Role(row.role))
        if refusal:
            raise DomainError(refusal, field="password")
        return actor

    def must_change_password(self, username: str) -> bool:
        """True for an account an admin created or reset: its owner picks a password of their own."""
        with self.db.read() as session:
            return bool(session.scalar(select(UserRow.must_change_password).where(UserRow.username == username)))

    def change_own_password(self, actor: Actor, old: str, new: str) -> None:
        validate_password(new, actor.username)
        if new == old:  # the temporary one an admin typed (and knows), or the old one again
            raise DomainError("Mật khẩu mới phải khác mật khẩu đang dùng (mật khẩu tạm quản trị viên đã biết).",
                              field="password")
        with self.db.write() as session:
            row = self._row(session, actor.username)
            if not check_secret(old, row.password_hash):
                raise DomainError("Mật khẩu hiện tại không đúng.", field="old_password")
            row.password_hash, row.must_change_password, row.updated_utc = hash_secret(new), False, self.now()
            record(session, actor=actor.audit_name, action="user.password", entity="user",
                   entity_id=actor.username, details={"by": "self"})

    # -- admin ----------------------------------------------------------------------------
    def list_users(self, actor: Actor) -> list[UserView]:
        require_admin(actor, "xem danh sách người dùng")
        now = self.now()
        with self.db.read() as session:
            return [UserView(r.username, r.full_name, Role(r.role), r.active,
                             SignInState(r.failed_sign_ins, r.locked_until_utc).is_locked(now), r.last_sign_in_utc)
                    for r in session.scalars(select(UserRow).order_by(UserRow.active.desc(), UserRow.full_name))]

    def create_user(self, actor: Actor, username: str, full_name: str, role: Role, password: str) -> UserView:
        require_admin(actor, "thêm người dùng")
        username, full_name, role = validate_username(username), validate_full_name(full_name), Role(role)
        if role is Role.SYSTEM:
            raise DomainError("Vai trò không hợp lệ.", field="role")
        validate_password(password, username)
        with self.db.write() as session:
            if session.scalar(select(UserRow).where(UserRow.username == username)) is not None:
                raise DomainError(f"Tên đăng nhập “{username}” đã có người dùng.", field="username")
            row = self._new_row(username, full_name, role, password)
            row.must_change_password = True  # the admin knows it; the person chooses their own
            session.add(row)
            record(session, actor=actor.audit_name, action="user.create", entity="user", entity_id=username,
                   details={"before": None, "after": _public(row)})
        return UserView(username, full_name, role, True, False, None)

    def update_user(self, actor: Actor, username: str, *, full_name: str | None = None,
                    role: Role | None = None, active: bool | None = None) -> None:
        require_admin(actor, "sửa người dùng")
        with self.db.write() as session:
            row = self._row(session, username)
            before = _public(row)
            if full_name is not None:
                row.full_name = validate_full_name(full_name)
            if role is not None:
                if Role(role) is Role.SYSTEM:
                    raise DomainError("Vai trò không hợp lệ.", field="role")
                row.role = Role(role).value
            if active is not None:
                row.active = bool(active)
            after = _public(row)
            if after == before:
                return
            if actor.username == username and not (row.active and Role(row.role) is not Role.CLERK):
                raise DomainError("Không thể tự bỏ quyền quản trị hoặc tự ngừng tài khoản của mình.")
            session.flush()
            self._keep_an_admin(session)
            row.updated_utc = self.now()
            record(session, actor=actor.audit_name, action="user.update", entity="user", entity_id=username,
                   details={"before": before, "after": after})

    def reset_password(self, actor: Actor, username: str, password: str) -> None:
        require_admin(actor, "đặt lại mật khẩu")
        validate_password(password, username)
        with self.db.write() as session:
            row = self._row(session, username)
            row.password_hash, row.must_change_password = hash_secret(password), True
            row.failed_sign_ins, row.locked_until_utc, row.updated_utc = 0, None, self.now()
            record(session, actor=actor.audit_name, action="user.reset_password", entity="user",
                   entity_id=username, details={})

    def unlock(self, actor: Actor, username: str) -> None:
        require_admin(actor, "mở khóa tài khoản")
        with self.db.write() as session:
            row = self._row(session, username)
            before = row.locked_until_utc
            row.failed_sign_ins, row.locked_until_utc, row.updated_utc = 0, None, self.now()
            record(session, actor=actor.audit_name, action="user.unlock", entity="user", entity_id=username,
                   details={"locked_until_utc": before.isoformat() if before else None})

    # -- helpers --------------------------------------------------------------------------
    def _new_row(self, username: str, full_name: str, role: Role, password: str) -> UserRow:
        now = self.now()
        return UserRow(username=username, full_name=full_name, role=role.value, password_hash=hash_secret(password),
                       active=True, failed_sign_ins=0, must_change_password=False, created_utc=now, updated_utc=now)

    @staticmethod
    def _row(session, username: str) -> UserRow:
        row = session.scalar(select(UserRow).where(UserRow.username == (username or "").strip().lower()))
        if row is None:
            raise DomainError(f"Không có người dùng “{username}”.", field="username")
        return row

    @staticmethod
    def _keep_an_admin(session) -> None:
        admins = session.scalar(select(func.count()).select_from(UserRow).where(
            UserRow.active.is_(True), UserRow.role.in_((Role.ADMIN.value, Role.SUPERVISOR.value))))
        if not admins:
            raise DomainError("Phải còn ít nhất một quản trị viên đang hoạt động.")
