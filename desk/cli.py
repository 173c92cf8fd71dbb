"""Headless commands of main.py: enroll with the province, sync once, back up, restore. No Qt is imported."""

from __future__ import annotations

import logging
import sys

from desk.domain.errors import DomainError


def run(args, paths, settings) -> int:
    """A command without the window; ``settings``: the SettingsStore."""
    if args.command in ("backup", "restore"):
        # Whatever goes wrong, a person reads a sentence, never a traceback: the details go to the log.
        logging.raiseExceptions = False  # on a full disk the log handler fails too; it must stay quiet
        try:
            return (run_backup if args.command == "backup" else run_restore)(args, paths, settings)
        except KeyboardInterrupt:
            print("Đã dừng theo yêu cầu.", file=sys.stderr)
            return 130
        except Exception:  # noqa: BLE001 - a bug: logged in full, told in words
            logging.getLogger("desk").exception("%s failed", args.command)
            print("Có lỗi không lường trước; chi tiết trong tệp logs/desk.log của thư mục dữ liệu.", file=sys.stderr)
            return 1
    from desk.services.desk import open_desk
    from desk.store import DatabaseError

    try:
        services = open_desk(paths, settings)
    except (DatabaseError, DomainError, OSError) as error:
        print(f"Không mở được cơ sở dữ liệu: {error}", file=sys.stderr)
        return 3
    try:
        if args.command == "enroll":
            return _enroll(args, services)
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
        if args.command == "audit":
            check = services.audit.check_all()
            print(check.describe(), file=sys.stdout if check.ok else sys.stderr)
            return 0 if check.ok else 1
        if args.command == "rebuild":
            from desk.cli_auth import AdminRefused, require_admin

            try:
                actor = require_admin(services.users, args.admin, "lấy lại dữ liệu từ tỉnh")
            except AdminRefused as refused:
                print(str(refused), file=sys.stderr)
                return 2
            print(services.rebuild.rebuild(actor, progress=lambda r: print(
                f"… {r.dossiers} hồ sơ, {r.files} tệp", file=sys.stderr)).describe())
            return 0
    except DomainError as error:
        print(str(error), file=sys.stderr)
        return 2
    finally:
        services.db.dispose()
    return 2


def _enroll(args, services) -> int:
    """``main.py enroll URL CODE [--admin USER]``: an admin's task on a desk that has users."""
    from desk.cli_auth import AdminRefused, require_admin

    try:
        actor = require_admin(services.users, args.admin, "đăng ký máy quầy với hệ thống của tỉnh")
    except AdminRefused as refused:
        print(str(refused), file=sys.stderr)
        return 2
    commune = services.sync.enroll(args.url, args.code, args.desk_name, actor=actor)
    print(f"Đã đăng ký máy quầy với {commune['name']} ({commune['agency_code']}).")
    return 0


def set_kiosk_pin(args, paths, settings) -> int:
    """Store the kiosk's admin PIN as a scrypt hash in this counter's settings."""
    import getpass

    from desk.services.kiosk import hash_pin

    if args.pin is not None:
        pin = args.pin
    else:  # typed blind: asked twice, so a slip of the finger does not lock the admins out
        pin = getpass.getpass("Mã PIN mới (4–12 chữ số): ")
        if getpass.getpass("Nhập lại mã PIN: ") != pin:
            print("Hai lần nhập mã PIN không khớp; chưa đổi mã PIN.", file=sys.stderr)
            return 2
    try:
        settings.update(kiosk_pin_hash=hash_pin(pin))
    except DomainError as error:
        print(str(error), file=sys.stderr)
        return 2
    print("Đã đặt mã PIN cho màn hình tra cứu.")
    return 0


def _print_backups(service, folder, stream) -> None:
    entries = service.list_backups(folder)
    if not entries:
        print(f"Chưa có bản sao lưu nào trong {folder or service.folder()}.", file=stream)
        return
    for entry in entries:
        when = f"{entry.created:%H:%M:%S %d/%m/%Y}" if entry.created else "—"
        mark = "tốt" if entry.verified else "KHÔNG DÙNG ĐƯỢC"
        dossiers = f", {entry.dossiers} hồ sơ" if entry.dossiers is not None else ""
        print(f"  {when}  {entry.size / 1e6:8.1f} MB  {mark}{dossiers}  {entry.path}", file=stream)
        if not entry.verified:
            print(f"      {entry.note}", file=stream)


def _print_restorable(service) -> None:
    good = service.restorable()
    if not good:
        print("Không tìm thấy bản sao lưu nào dùng được.", file=sys.stderr)
        return
    print("Các bản sao lưu dùng được (mới nhất trước); khôi phục bằng “python main.py restore TỆP”:", file=sys.stderr)
    for entry in good[:5]:
        print(f"  {entry.created:%H:%M %d/%m/%Y}  {entry.path}", file=sys.stderr)


def run_backup(args, paths, settings) -> int:
    """``main.py backup [--to DIR] [--list]``: exit 0 only on a backup that was read back and checked."""
    from desk.services.backup import BackupService
    from desk.services.desk import open_desk
    from desk.store import DatabaseError
    from desk.store.integrity import DatabaseCorrupt

    try:
        services = open_desk(paths, settings)
    except DatabaseCorrupt as error:
        print(str(error), file=sys.stderr)
        _print_restorable(BackupService(paths, settings, None))
        return 3
    except (DatabaseError, DomainError, OSError) as error:
        print(f"Không mở được cơ sở dữ liệu: {error}", file=sys.stderr)
        return 3
    try:
        if args.list:
            _print_backups(services.backup, args.to, sys.stdout)
            return 0
        print("Đang sao lưu và kiểm tra…", file=sys.stderr)
        result = services.backup.create(to=args.to)
    finally:
        services.db.dispose()
    if result.warning:
        print(f"Cảnh báo: {result.warning}", file=sys.stderr)
    if not result.ok:
        print(result.describe(), file=sys.stderr)
        if result.database_corrupt:
            _print_restorable(services.backup)
        return 1
    print(result.describe())
    if result.files_at_province:
        print(f"Không chép lại {result.files_at_province} tệp số hóa tỉnh đã nhận.")
    if result.removed:
        print(f"Đã xóa {len(result.removed)} bản sao lưu cũ theo lịch giữ: {', '.join(result.removed)}")
    return 0


def run_restore(args, paths, settings) -> int:
    """``main.py restore FILE [--admin USER] [--yes]``: check the archive, then (an admin, a confirmation)
    move the current data aside and put the archive's in place."""
    from desk.cli_auth import AdminRefused, require_admin
    from desk.services.backup import BackupService
    from desk.services.desk import open_desk
    from desk.store import DatabaseError

    what = "khôi phục dữ liệu từ bản sao lưu"
    services = None
    try:
        services = open_desk(paths, settings)
        service = services.backup
    except (DatabaseError, DomainError, OSError) as error:  # damaged (the usual reason to restore), unreachable
        logging.getLogger("desk").warning("restore: the current database does not open: %s", error)
        print("Cơ sở dữ liệu hiện tại không mở được; quản trị viên sẽ đăng nhập bằng dữ liệu của bản sao lưu.",
              file=sys.stderr)
        service = BackupService(paths, settings, None)
    prepared = None
    try:
        print("Đang kiểm tra bản sao lưu…", file=sys.stderr)
        prepared = service.prepare_restore(args.archive)
        if services is not None:
            actor = require_admin(services.users, args.admin, what)
        else:
            with service.archive_users(prepared) as users:
                actor = require_admin(users, args.admin, what)
        print(f"Bản sao lưu lúc {prepared.created:%H:%M:%S ngày %d/%m/%Y} ({prepared.dossiers} hồ sơ) đã được kiểm "
              f"tra. Dữ liệu hiện tại sẽ được chuyển nguyên vẹn vào {paths.data_dir}/truoc-khi-khoi-phuc-<thời điểm>/ "
              "rồi dữ liệu của bản sao lưu được đặt vào chỗ của nó.", file=sys.stderr)
        if not args.yes:
            if not sys.stdin.isatty():
                print("Chưa khôi phục: thêm --yes để xác nhận khi chạy không có người trước màn hình.",
                      file=sys.stderr)
                return 2
            if input("Gõ “co” để khôi phục: ").strip().lower() not in ("co", "có"):
                print("Chưa khôi phục gì.", file=sys.stderr)
                return 2
        result, prepared = service.finish_restore(prepared, actor), None
    except AdminRefused as error:
        print(str(error), file=sys.stderr)
        return 2
    except (DomainError, DatabaseError) as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        if prepared is not None:
            service.cancel_restore(prepared)
        if services is not None:
            services.db.dispose()
    print(result.describe())
    return 0
