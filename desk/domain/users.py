"""People who use the desk, their roles, and how their secrets are kept.

Roles (issue 7): a clerk serves the counter; an admin configures the desk (procedure
templates, calendar, agency and counters, users); a supervisor does both. Passwords and
the kiosk PIN are kept as salted scrypt hashes (stdlib ``hashlib.scrypt``): slow on purpose,
so a copied database does not give the passwords away.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .errors import DomainError
from .text import clean_user_text

SIGN_IN_FAILED = "Sai tên đăng nhập hoặc mật khẩu."


class Role(StrEnum):
    CLERK = "clerk"
    ADMIN = "admin"
    SUPERVISOR = "supervisor"
    SYSTEM = "system"  # start-up configuration, seeding and sync: never a person who signs in


ROLE_LABELS = {
    Role.CLERK: "Cán bộ tiếp nhận",
    Role.ADMIN: "Quản trị viên",
    Role.SUPERVISOR: "Giám sát (tiếp nhận và quản trị)",
}
# The role in a line that already has parentheses or little room (the status bar): "Lê Văn Tâm, giám sát".
ROLE_SHORT = {Role.CLERK: "cán bộ tiếp nhận", Role.ADMIN: "quản trị viên", Role.SUPERVISOR: "giám sát"}


@dataclass(frozen=True)
class Actor:
    """Who asks for a change. Services check the role; the name goes into the audit log."""

    username: str
    full_name: str
    role: Role

    @classmethod
    def system(cls, what: str) -> Actor:
        return cls("", what, Role.SYSTEM)

    @property
    def can_administer(self) -> bool:
        return self.role in (Role.ADMIN, Role.SUPERVISOR, Role.SYSTEM)

    @property
    def can_serve_counter(self) -> bool:
        return self.role in (Role.CLERK, Role.SUPERVISOR)

    @property
    def audit_name(self) -> str:
        return f"{self.full_name} ({self.username})" if self.username else self.full_name


def clerk_name(actor: Actor) -> str:
    """The name printed on papers and kept on each step for whoever served at the counter."""
    return actor.full_name or "Cán bộ tiếp nhận"


class PermissionDenied(DomainError):
    """A signed-in person asked for something their role does not allow."""


def require_admin(actor: Actor, what: str) -> None:
    """Raise unless ``actor`` may administer; ``what`` names the action for the message."""
    if not isinstance(actor, Actor) or not actor.can_administer:
        raise PermissionDenied(f"Chỉ quản trị viên mới được {what}.")


# -- secrets ----------------------------------------------------------------------------
# ≈ 50 ms and 16 MB a check on the counter PC: too slow to guess many, unnoticed at sign-in.
_SCRYPT = dict(n=2 ** 14, r=8, p=1, dklen=32)


def hash_secret(secret: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_secret(secret: str, stored: str) -> bool:
    try:
        scheme, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(secret.encode("utf-8"), salt=bytes.fromhex(salt), **_SCRYPT)
    except ValueError:
        return False
    return hmac.compare_digest(candidate.hex(), digest)


MIN_PASSWORD_LENGTH = 8


def validate_password(password: str, username: str = "") -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD_LENGTH} ký tự.", field="password")
    if password.strip() != password:
        raise DomainError("Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách.", field="password")
    if username and password.lower() == username.lower():
        raise DomainError("Mật khẩu không được trùng tên đăng nhập.", field="password")
    if password.isdigit():
        raise DomainError("Mật khẩu không được chỉ gồm chữ số.", field="password")
    return password


USERNAME_RE = re.compile(r"^[a-z][a-z0-9._-]{2,29}$")


def validate_username(username: str) -> str:
    username = (username or "").strip().lower()
    if not USERNAME_RE.match(username):
        raise DomainError("Tên đăng nhập gồm 3–30 chữ cái không dấu, số, “.”, “_” hoặc “-”, "
                          "bắt đầu bằng chữ cái (ví dụ: lvtam).", field="username")
    return username


def validate_full_name(name: str) -> str:
    name = clean_user_text(name)
    if len(name) < 2:
        raise DomainError("Chưa nhập họ và tên.", field="full_name")
    return name


# -- lockout ----------------------------------------------------------------------------
MAX_FAILED_SIGN_INS = 5
LOCKOUT = timedelta(minutes=15)


@dataclass(frozen=True)
class SignInState:
    failed: int = 0
    locked_until: datetime | None = None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime) -> SignInState:
        """Five wrong passwords in a row lock the account for 15 minutes; the count starts again after."""
        failed = self.failed + 1
        if failed >= MAX_FAILED_SIGN_INS:
            return SignInState(0, now + LOCKOUT)
        return SignInState(failed, None)

    @property
    def attempts_left(self) -> int:
        return MAX_FAILED_SIGN_INS - self.failed
