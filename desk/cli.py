"""Headless commands of main.py: enroll with the province, sync once. No Qt is imported."""

from __future__ import annotations

import sys

from desk.domain.errors import DomainError


def run(args, paths, settings) -> int:
    from desk.services.desk import open_desk
    from desk.store import DatabaseError

    try:
        services = open_desk(paths, settings)
    except (DatabaseError, DomainError, OSError) as error:
        print(f"Không mở được cơ sở dữ liệu: {error}", file=sys.stderr)
        return 3
    try:
        if args.command == "enroll":
            commune = services.sync.enroll(args.url, args.code, args.desk_name)
            print(f"Đã đăng ký máy quầy với {commune['name']} ({commune['agency_code']}).")
            return 0
        if args.command == "sync":
            report = services.sync.run_once()
            status = services.sync.status()
            print(f"Đã gửi {report.pushed}, nhận {report.pulled} thay đổi; còn chờ {status['pending']}, "
                  f"bị từ chối {status['failed']}.")
            for problem in report.problems:
                print(f"Bị từ chối: {problem}", file=sys.stderr)
            if report.error:
                print(f"Chưa đồng bộ xong: {report.error}", file=sys.stderr)
            # 0 only when everything is in sync: nothing pending, nothing refused, no error.
            return 0 if report.ok and status["pending"] == 0 and status["failed"] == 0 else 1
    except DomainError as error:
        print(str(error), file=sys.stderr)
        return 2
    finally:
        services.db.dispose()
    return 2


def set_kiosk_pin(args, paths, settings) -> int:
    """Store the kiosk's admin PIN as a scrypt hash in this counter's settings."""
    import getpass

    from desk.services.kiosk import hash_pin
    from desk.settings import save_settings

    if args.pin is not None:
        pin = args.pin
    else:  # typed blind: asked twice, so a slip of the finger does not lock the admins out
        pin = getpass.getpass("Mã PIN mới (4–12 chữ số): ")
        if getpass.getpass("Nhập lại mã PIN: ") != pin:
            print("Hai lần nhập mã PIN không khớp; chưa đổi mã PIN.", file=sys.stderr)
            return 2
    try:
        settings.kiosk_pin_hash = hash_pin(pin)
    except DomainError as error:
        print(str(error), file=sys.stderr)
        return 2
    save_settings(paths.settings, settings)
    print("Đã đặt mã PIN cho màn hình tra cứu.")
    return 0
