"""An admin's credentials for the headless commands that change a configured desk.

The command line is not a back door: on a desk that has users, what would rewrite the agency's identity
(and so the receipt QR's target), set the kiosk's PIN, restore a backup or rebuild from the province needs
an admin's user name and password, checked by the same sign-in as the window (wrong passwords count
towards the lock). A password never goes through a command line: it is asked without echo, or read from
the environment variable MOTCUA_ADMIN_PASSWORD for unattended installs.
"""

from __future__ import annotations

import getpass
import os
import sys

from desk.domain.errors import DomainError

PASSWORD_VARIABLE = "MOTCUA_ADMIN_PASSWORD"


class AdminRefused(Exception):
    """The command needs an admin and none signed in; the message says what to do."""


def require_admin(users, username: str | None, what: str):
    """The admin Actor for ``what`` (in words, for messages), or AdminRefused.

    ``users``: services.users.UserService. A desk without users yet (first start, unattended install)
    has nobody to ask: the system acts, as the window does before the first admin exists."""
    from desk.domain.users import Actor

    if users.needs_first_admin():
        return Actor.system("cài đặt ban đầu")
    if not username:
        raise AdminRefused(f"Máy quầy đã được cài đặt: {what} cần tài khoản quản trị. Thêm --admin TÊN_ĐĂNG_NHẬP "
                           "(mật khẩu sẽ được hỏi), hoặc làm việc này trong trang quản trị của phần mềm.")
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        if not sys.stdin.isatty():
            raise AdminRefused(f"Cần mật khẩu của {username}: chạy lệnh trong cửa sổ dòng lệnh, hoặc đặt biến "
                               f"môi trường {PASSWORD_VARIABLE}.")
        password = getpass.getpass(f"Mật khẩu của {username}: ")
    try:
        actor = users.sign_in(username, password)
    except DomainError as error:
        raise AdminRefused(str(error)) from None
    if not actor.can_administer:
        raise AdminRefused(f"Tài khoản {actor.full_name} không phải quản trị viên: không thể {what}.")
    return actor
