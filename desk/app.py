"""Composition root: args → paths → logging → settings → database → QApplication → window.

Heavy modules (Qt, SQLAlchemy, reportlab) are imported inside the stages that need them,
so ``main.py --help`` and the headless commands start fast and errors in early stages
are reported before any window exists.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

START = time.perf_counter()
log = logging.getLogger("desk")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="main.py", description="Một Cửa Desk — phần mềm quầy Một cửa cấp xã")
    parser.add_argument("--data-dir", type=Path, help="thư mục dữ liệu (mặc định: thư mục dữ liệu của hệ điều hành)")
    parser.add_argument("--database-url", help="dùng chung cơ sở dữ liệu PostgreSQL, ví dụ "
                                               "postgresql+psycopg://user@host/motcua")
    parser.add_argument("--config", type=Path, help="tệp JSON có mục \"agency\" và \"counter\" để khởi động "
                                                   "không cần hỏi (xem README)")
    parser.add_argument("--admin", metavar="TÊN_ĐĂNG_NHẬP",
                        help="tài khoản quản trị cho việc đổi cấu hình của máy quầy đã cài đặt (mật khẩu được hỏi, "
                             "hoặc lấy từ biến MOTCUA_ADMIN_PASSWORD)")
    agency = parser.add_argument_group("thông tin cơ quan (khởi động không cần hỏi)")
    agency.add_argument("--agency-code", help="mã định danh điện tử, ví dụ 000.00.53.H16")
    agency.add_argument("--parent-authority", help="cơ quan chủ quản, ví dụ \"UBND TỈNH ĐẮK LẮK\"")
    agency.add_argument("--unit-name", help="tên đơn vị in trên biên nhận")
    agency.add_argument("--place-name", help="địa danh ghi ngày tháng")
    agency.add_argument("--portal-url", help="địa chỉ cổng tra cứu hồ sơ (cho mã QR)")
    counter = parser.add_argument_group("quầy")
    counter.add_argument("--counter-name")
    counter.add_argument("--paper", choices=("A5", "A4"))
    # Prints when the window is shown and when the database is ready, then quits (bench/).
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", title="lệnh không giao diện")
    enroll = commands.add_parser("enroll", help="đăng ký máy quầy với hệ thống của tỉnh")
    enroll.add_argument("url", help="địa chỉ máy chủ của tỉnh, ví dụ https://motcua.daklak.gov.vn")
    enroll.add_argument("code", help="mã đăng ký một lần do quản trị của tỉnh cấp")
    enroll.add_argument("--desk-name", help="tên máy quầy (mặc định: tên quầy)")
    sync = commands.add_parser("sync", help="đồng bộ với hệ thống của tỉnh")
    sync.add_argument("--once", action="store_true", required=True,
                      help="một lượt rồi thoát; mã thoát 0 khi mọi thứ đã đồng bộ")
    commands.add_parser("kiosk", help="màn hình tra cứu cho công dân (toàn màn hình; Esc + mã PIN để thoát)")
    pin = commands.add_parser("kiosk-pin", help="đặt mã PIN quản trị để thoát màn hình tra cứu")
    pin.add_argument("--pin", help="mã PIN (mặc định: hỏi, không hiện lên màn hình)")
    backup = commands.add_parser("backup", help="sao lưu ngay và kiểm tra bản sao lưu; mã thoát 0 khi bản sao lưu "
                                                "đã được kiểm tra (xem docs/BACKUP.md)")
    backup.add_argument("--to", type=Path, metavar="THƯ_MỤC",
                        help="thư mục nhận bản sao lưu (mặc định: thư mục sao lưu trong cài đặt)")
    backup.add_argument("--list", action="store_true", help="chỉ liệt kê các bản sao lưu hiện có")
    restore = commands.add_parser("restore", help="khôi phục từ một bản sao lưu; dữ liệu hiện tại được giữ lại "
                                                  "trong thư mục truoc-khi-khoi-phuc-… của thư mục dữ liệu")
    restore.add_argument("archive", type=Path, metavar="TỆP", help="tệp sao lưu sao-luu-….zip")
    restore.add_argument("--admin", metavar="TÊN_ĐĂNG_NHẬP",
                         help="tài khoản quản trị (mật khẩu được hỏi, hoặc lấy từ biến MOTCUA_ADMIN_PASSWORD)")
    restore.add_argument("--yes", action="store_true", help="không hỏi lại trước khi khôi phục (chạy tự động)")
    audit = commands.add_parser("audit", help="nhật ký thao tác")
    audit.add_argument("action", choices=("verify",), help="verify: kiểm tra chuỗi nhật ký và các mốc đã neo (tỉnh, "
                                                           "bản sao lưu mới nhất); mã thoát 0 khi nguyên vẹn")
    rebuild = commands.add_parser("rebuild", help="lấy lại hồ sơ, quá trình xử lý và tệp số hóa của xã từ hệ thống "
                                                  "của tỉnh (sau khi mất dữ liệu và đăng ký lại máy quầy)")
    rebuild.add_argument("--admin", metavar="TÊN_ĐĂNG_NHẬP", required=True,
                         help="tài khoản quản trị (mật khẩu được hỏi, hoặc lấy từ biến MOTCUA_ADMIN_PASSWORD)")
    return parser


LOG_MAX_BYTES = 2_000_000
LOG_BACKUPS = 5


def rotate_log(log_file: Path) -> None:
    """Keep desk.log small: at start, a log over 2 MB becomes desk.log.1 (… up to .5).

    Rotating once per start instead of with logging.handlers keeps ``socket`` and friends
    out of start-up; a counter desk starts every morning."""
    try:
        if not log_file.exists() or log_file.stat().st_size < LOG_MAX_BYTES:
            return
        for index in range(LOG_BACKUPS - 1, 0, -1):
            older = log_file.with_name(f"{log_file.name}.{index}")
            if older.exists():
                os.replace(older, log_file.with_name(f"{log_file.name}.{index + 1}"))
        os.replace(log_file, log_file.with_name(f"{log_file.name}.1"))
    except OSError:
        pass  # a log that cannot rotate must not stop the counter


def setup_logging(logs_dir: Path) -> None:
    logs_dir.mkdir(parents=True, exist_ok=True)
    rotate_log(logs_dir / "desk.log")
    handler = logging.FileHandler(logs_dir / "desk.log", encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    root.addHandler(handler)


def unattended_identity(args, config: dict):
    """Agency identity from --config / flags, or None when none was given."""
    from desk.domain.agency import AgencyIdentity

    data = dict(config.get("agency", {}))
    for flag, key in (("agency_code", "code"), ("parent_authority", "parent_authority"), ("unit_name", "unit_name"),
                      ("place_name", "place_name"), ("portal_url", "portal_base_url")):
        if getattr(args, flag):
            data[key] = getattr(args, flag)
    if not data:
        return None
    return AgencyIdentity(**{k: data.get(k, "") for k in ("code", "parent_authority", "unit_name", "place_name",
                                                          "portal_base_url", "address", "phone")}).validated()


def run_kiosk(paths, settings, argv: list[str]) -> int:
    """The citizen kiosk: full screen, no clerk function (desk/ui/kiosk.py). ``settings``: the SettingsStore."""
    if not settings.current.kiosk_pin_hash:
        print("Chưa đặt mã PIN quản trị cho màn hình tra cứu: chạy “python main.py kiosk-pin” trước.",
              file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from desk.services.desk import open_desk
    from desk.ui.desk_ref import DeskRef
    from desk.ui.kiosk import KioskWindow
    from desk.ui.style import apply_style

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("Một Cửa Desk — tra cứu")
    apply_style(app)
    desk = DeskRef(paths, settings, lambda: open_desk(paths, settings))  # settings: the SettingsStore
    window = KioskWindow(desk)
    window.ops.read(desk.open).success(lambda _services: window.welcome()) \
        .failure(lambda error: window.status.setText(f"Màn hình tra cứu tạm ngừng: {error}")).run()
    window.showFullScreen()
    code = app.exec()
    if desk.is_open:
        desk.services.db.dispose()
    return code


def _settings_or_recovered(paths, args):
    """This counter's settings; when settings.json is damaged or mistyped, the window says so and offers the
    last good copy (or the defaults); a headless command says it on stderr. None: stop."""
    from desk.settings import SettingsUnreadable, good_copy_of, load_settings, recover_settings

    try:
        return load_settings(paths.settings)
    except SettingsUnreadable as error:
        problem = str(error)
    log.error("settings unreadable: %s", problem)
    has_good = good_copy_of(paths.settings).exists()
    if args.command or args.startup_probe:
        print(f"{problem}\nMở phần mềm (cửa sổ) để chọn bản cài đặt tốt gần nhất, hoặc sửa tệp này.",
              file=sys.stderr)
        return None
    from desk.ui.dialogs import ask_settings_recovery

    choice = ask_settings_recovery(problem, has_good)
    if choice is None:
        return None
    aside = recover_settings(paths.settings, use_good_copy=choice == "good")
    log.warning("damaged settings kept aside as %s; starting from %s", aside.name, choice)
    try:
        return load_settings(paths.settings)
    except SettingsUnreadable as error:  # the good copy turned out bad too: the defaults, then
        print(str(error), file=sys.stderr)
        recover_settings(paths.settings, use_good_copy=False)
        return load_settings(paths.settings)


def _admin_for_configuration(paths, settings, args):
    """The admin Actor who may change a configured desk from the command line (``--admin``), the system on
    a desk without users yet; AdminRefused otherwise."""
    from desk.cli_auth import AdminRefused, require_admin
    from desk.services.desk import open_desk
    from desk.store import DatabaseError

    try:
        services = open_desk(paths, settings)
    except (DatabaseError, ValueError, OSError) as error:
        raise AdminRefused(f"Không mở được cơ sở dữ liệu để kiểm tra quyền: {error}") from None
    try:
        return require_admin(services.users, args.admin, "đổi cấu hình của máy quầy từ dòng lệnh")
    finally:
        services.db.dispose()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)

    from desk.paths import DeskPaths, default_data_dir

    paths = DeskPaths((args.data_dir or default_data_dir()).resolve())
    try:
        paths.ensure()
    except OSError as error:
        print(f"Không tạo được thư mục dữ liệu {paths.data_dir}: {error}", file=sys.stderr)
        return 2
    setup_logging(paths.logs)
    prepared = _configure(args, paths)
    if isinstance(prepared, int):
        return prepared
    store, identity, actor = prepared
    if args.command == "kiosk-pin":
        from desk.cli import set_kiosk_pin

        return set_kiosk_pin(args, paths, store)
    if args.command == "kiosk":
        return run_kiosk(paths, store, argv)
    if args.command:
        from desk.cli import run

        return run(args, paths, store)
    return run_window(args, argv, paths, store, identity, actor)


def _configure(args, paths):
    """The settings store, with what the command line and ``--config`` change in it (an admin's, on a desk
    that has users), the agency identity to apply and the admin who applies it; an exit code when it stops."""
    from desk.settings import CounterSettings, SettingsStore

    try:
        config = json.loads(args.config.read_text(encoding="utf-8")) if args.config else {}
    except (OSError, ValueError) as error:
        print(f"Tệp cấu hình {args.config} không đọc được: {error}", file=sys.stderr)
        return 2
    settings = _settings_or_recovered(paths, args)
    if settings is None:
        return 2
    store = SettingsStore(paths.settings, settings)
    try:
        overrides = {**config.get("counter", {}),
                     **{k: v for k, v in (("counter_name", args.counter_name), ("paper", args.paper),
                                          ("database_url", args.database_url)) if v}}
        identity = unattended_identity(args, config)
    except (OSError, ValueError) as error:  # DomainError and JSON errors are ValueErrors
        print(f"Cấu hình không hợp lệ: {error}", file=sys.stderr)
        return 2
    actor = None
    if identity is not None or overrides or args.command == "kiosk-pin":
        # The command line is not a back door: on a desk that has users, changing its configuration (the
        # agency's identity is what every receipt's QR points to) needs an admin, as in the window.
        from desk.cli_auth import AdminRefused

        try:
            actor = _admin_for_configuration(paths, store, args)
        except AdminRefused as refused:
            print(str(refused), file=sys.stderr)
            return 2
    try:
        unknown = set(overrides) - set(CounterSettings.__dataclass_fields__)
        if unknown:
            raise ValueError(f"Không có mục cài đặt “{sorted(unknown)[0]}”.")
        if overrides or not paths.settings.exists():
            store.update(**overrides)
    except (OSError, ValueError) as error:  # DomainError and JSON errors are ValueErrors
        print(f"Cấu hình không hợp lệ: {error}", file=sys.stderr)
        return 2
    return store, identity, actor


def run_window(args, argv: list[str], paths, store, identity, actor) -> int:
    from PySide6.QtWidgets import QApplication

    from desk.ui.desk_ref import DeskRef
    from desk.ui.main_window import MainWindow
    from desk.ui.style import apply_style

    def open_services():
        """Runs on the worker thread once the window is up: database, migrations, seed data."""
        from desk.domain.users import Actor
        from desk.services.desk import open_desk

        services = open_desk(paths, store)
        if identity is not None and services.agency.get() != identity:
            services.agency.save(identity, actor=actor or Actor.system("cấu hình khởi động"))
        return services

    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setApplicationName("Một Cửa Desk")
    app.setOrganizationName("MotCuaDesk")
    apply_style(app)
    desk = DeskRef(paths, store, open_services)
    window = MainWindow(desk)
    if args.startup_probe:
        _probe_startup(app, window)
    reporters = []

    def install_crash_hooks() -> None:
        """An error nobody caught is logged and shown; the desk goes on. Installed once the window is on screen:
        the dialog's module costs ≈ 12 ms the window need not wait for (Python's own hook logs until then)."""
        from desk.ui.crash_dialog import install_crash_hooks

        reporters.append(install_crash_hooks(window))

    window.shown.connect(install_crash_hooks)
    window.showMaximized()  # the probe times the window as a counter launches it
    code = app.exec()
    for reporter in reporters:
        reporter.uninstall()
    if desk.is_open:
        desk.services.db.dispose()
    log.info("desk closed")
    return code


def _probe_startup(app, window) -> None:
    """``--startup-probe`` (bench/startup.py): print when the window shows, its pages are built and the
    database is ready, then quit."""
    def report(what: str, quit_after: bool = False):
        def reported() -> None:
            print(f"{what}_after_s={time.perf_counter() - START:.4f}", flush=True)
            if quit_after:
                app.quit()
        return reported

    window.shown.connect(report("shown"))
    window.pages_built.connect(report("pages"))
    window.ready.connect(report("ready", quit_after=True))
