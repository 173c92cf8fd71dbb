"""``python -m provincial``: run the server, administer communes and desks, drive the simulator."""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from . import statuses
from .errors import DomainError
from .schemas import DossierOut, DossierRecord
from .service import Backend, open_backend, open_database
from .settings import DEFAULTS, MB, Settings


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), "level": record.levelname,
                 "logger": record.name, "message": record.getMessage()}
        if isinstance(record.args, dict):  # structured fields (the access log): kept as fields
            entry.update(record.args)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)


def return_large_blocks_to_the_system() -> None:
    """Each scrypt check (a token, an enrollment) takes 16 MB. glibc's adaptive mmap threshold would soon serve
    such blocks from the worker threads' arenas and keep them there: under token guessing the server grew by
    250 MB. A fixed threshold keeps every block of 1 MB or more in its own mapping, returned when freed."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None).mallopt(-3, 1 << 20)  # M_MMAP_THRESHOLD (glibc); absent elsewhere (musl)
    except (OSError, AttributeError):
        pass


def admin_token(data_dir: Path, given: str | None) -> str:
    """--admin-token, else $PROVINCIAL_ADMIN_TOKEN, else one kept in the data directory."""
    token = given or os.environ.get("PROVINCIAL_ADMIN_TOKEN")
    if token:
        return token
    path = data_dir / "admin.token"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(24), encoding="utf-8")
        os.chmod(path, 0o600)
        print(f"admin token written to {path}", file=sys.stderr)
    return path.read_text(encoding="utf-8").strip()


def build_parser() -> argparse.ArgumentParser:
    """The command line. A setting not given on it comes from its ``PROVINCIAL_<FIELD>`` variable, else its
    default (settings.py): every flag's default is None here, resolved by ``settings_from``."""
    parser = argparse.ArgumentParser(prog="python -m provincial", description="Provincial backend (reference)",
                                     epilog="Every setting can also come from the environment: PROVINCIAL_DATA_DIR, "
                                            "PROVINCIAL_DATABASE_URL, PROVINCIAL_DB_POOL_SIZE… (docs/DEPLOYMENT.md)")
    parser.add_argument("--data-dir", type=Path, help=f"default: {DEFAULTS.data_dir}")
    parser.add_argument("--database-url", help="PostgreSQL URL; default: SQLite in the data directory")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default=os.environ.get("PROVINCIAL_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("PROVINCIAL_PORT", "8800")))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("PROVINCIAL_WORKERS", "1")),
                       help="worker processes (PostgreSQL only; each with its own connection pool)")
    serve.add_argument("--admin-token")
    serve.add_argument("--max-file-mb", type=int, help=f"default: {DEFAULTS.max_file_bytes // MB}")
    serve.add_argument("--token-ttl", type=int, help=f"bearer token lifetime, seconds; default: {DEFAULTS.token_ttl_s}")
    serve.add_argument("--public-per-minute", type=int,
                       help=f"rate limit of public pages per address; default: {DEFAULTS.public_per_minute}")
    serve.add_argument("--auth-per-minute", type=int,
                       help=f"failed /enroll and /token attempts allowed per client address and minute; default: "
                            f"{DEFAULTS.auth_per_minute}")
    serve.add_argument("--token-per-desk-per-minute", type=int,
                       help=f"failed /token attempts allowed per desk id and minute; default: "
                            f"{DEFAULTS.token_per_desk_per_minute}")
    serve.add_argument("--long-polls-per-desk", type=int,
                       help=f"long-polls a desk may hold at once on /changes; more answer at once; default: "
                            f"{DEFAULTS.long_polls_per_desk}")
    prune = sub.add_parser("prune", help="forget stored answers and feed changes older than the retention "
                                         "(docs/DEPLOYMENT.md, Retention)")
    prune.add_argument("--idempotency-days", type=int)
    prune.add_argument("--changes-days", type=int)
    sub.add_parser("refresh-indicators", help="compute the dashboard's per-dossier figures now (after an upgrade, "
                                              "so the first page does not; docs/DEPLOYMENT.md)")
    commune = sub.add_parser("create-commune")
    commune.add_argument("agency_code")
    commune.add_argument("name")
    commune.add_argument("--parent-authority", default="UBND TỈNH ĐẮK LẮK")
    code = sub.add_parser("issue-code", help="one-time enrollment code for a new desk")
    code.add_argument("agency_code")
    sub.add_parser("list-desks")
    revoke = sub.add_parser("revoke-desk")
    revoke.add_argument("client_id")
    catalog = sub.add_parser("import-catalog", help="procedures from a JSON file ({\"procedures\": [...]})")
    catalog.add_argument("file", type=Path)
    status = sub.add_parser("set-status", help="simulator: a specialist moves a dossier")
    status.add_argument("code")
    status.add_argument("status", type=int, choices=sorted(int(s) for s in statuses.PROVINCE_TARGETS))
    status.add_argument("--handler", default="Chuyên viên xử lý")
    status.add_argument("--unit", default="Phòng Văn hóa - Xã hội")
    status.add_argument("--note", default="")
    status.add_argument("--document", action="append", default=[], help="with status 5: a document to bring")
    online = sub.add_parser("create-online-dossier", help="simulator: an application from the portal")
    online.add_argument("agency_code")
    online.add_argument("record", type=Path, help="JSON file with a dossier record")
    sub.add_parser("export-openapi", help="print the OpenAPI document")
    return parser


SERVE_FLAGS = {"token_ttl": "token_ttl_s", "public_per_minute": "public_per_minute",
               "auth_per_minute": "auth_per_minute", "token_per_desk_per_minute": "token_per_desk_per_minute",
               "long_polls_per_desk": "long_polls_per_desk", "idempotency_days": "idempotency_retention_days",
               "changes_days": "changes_retention_days"}


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings of the command line over those of the environment (``Settings.from_env``). Raises
    pydantic's ValidationError for a value out of range."""
    given = {"data_dir": args.data_dir, "database_url": args.database_url}
    given.update({field: getattr(args, flag, None) for flag, field in SERVE_FLAGS.items()})
    if getattr(args, "max_file_mb", None) is not None:
        given["max_file_bytes"] = args.max_file_mb * MB
    settings = Settings.from_env(**{name: value for name, value in given.items() if value is not None})
    if args.command == "serve":
        settings.data_dir.mkdir(parents=True, exist_ok=True)  # where a new admin token is kept
        settings = settings.model_copy(update={"admin_token": admin_token(settings.data_dir, args.admin_token)})
    return settings


def serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    import uvicorn

    from .api import create_app

    return_large_blocks_to_the_system()
    if workers == 1:
        # The app opens the backend when it starts (its lifespan) and closes it when it stops.
        uvicorn.run(create_app(settings), host=host, port=port, log_config=None, access_log=False)
        return
    # Several processes, each building its app from the environment (asgi.py): migrated once here first,
    # so that the workers find the database ready.
    open_database(settings).migrate()
    os.environ.update(settings.to_env())
    from .asgi import H11NoDelay

    uvicorn.run("provincial.asgi:create_app_from_env", factory=True, workers=workers, host=host, port=port,
                log_config=None, access_log=False, http=H11NoDelay)


def administer(backend: Backend, args: argparse.Namespace) -> None:
    """The admin and simulator commands: each prints what it did."""
    if args.command == "create-commune":
        backend.enrollment.create_commune(args.agency_code, args.name, args.parent_authority)
        print(f"created {args.agency_code}")
    elif args.command == "issue-code":
        code, expires = backend.enrollment.issue_enrollment_code(args.agency_code)
        print(json.dumps({"code": code, "expires_utc": expires.isoformat()}))
    elif args.command == "list-desks":
        for desk in backend.enrollment.list_desks():
            print(f"{desk.client_id}\t{desk.agency_code}\t{desk.name}\t{'revoked' if desk.revoked else 'active'}")
    elif args.command == "revoke-desk":
        backend.enrollment.revoke_desk(args.client_id)
        print(f"revoked {args.client_id}")
    elif args.command == "import-catalog":
        data = json.loads(args.file.read_text(encoding="utf-8"))
        print(json.dumps({"etag": backend.catalog.import_procedures(data["procedures"])}))
    elif args.command == "set-status":
        dossier = backend.simulator.move(args.code, args.status, handler=args.handler, unit=args.unit,
                                         note=args.note, documents=args.document)
        print(json.dumps(DossierOut.model_validate(dossier).model_dump(mode="json"), ensure_ascii=False))
    elif args.command == "create-online-dossier":
        record = DossierRecord.model_validate_json(args.record.read_text(encoding="utf-8"))
        dossier = backend.simulator.apply_online(args.agency_code, record.model_dump(mode="json"))
        print(json.dumps(DossierOut.model_validate(dossier).model_dump(mode="json"), ensure_ascii=False))


def prune(settings: Settings) -> int:
    from .services.retention import Retention

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(settings)
    try:
        db.migrate()
        pruned = Retention(db).prune(settings.idempotency_retention_days, settings.changes_retention_days)
    finally:
        db.close()
    print(json.dumps(pruned))
    return 0


def refresh_indicators(settings: Settings) -> int:
    """The dashboard keeps a fact row per dossier, computed before a page is read when missing or stale; a database
    upgraded with years of dossiers computes them here once instead of in the first page's request."""
    from .services.indicator_facts import refresh

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(settings)
    try:
        db.migrate()
        started = time.monotonic()
        written = refresh(db)
    finally:
        db.close()
    print(json.dumps({"facts_written": written, "seconds": round(time.monotonic() - started, 1)}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    if args.command == "export-openapi":
        from .openapi import generate

        print(generate())
        return 0
    try:
        settings = settings_from(args)
    except ValidationError as error:
        parser.error("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()))  # exits
    if args.command == "serve":
        if args.workers < 1 or (args.workers > 1 and not settings.database_url):
            parser.error("--workers: 1, or several with PostgreSQL (--database-url): SQLite serves one process")
        serve(settings, args.host, args.port, args.workers)
        return 0
    if args.command == "prune":
        return prune(settings)
    if args.command == "refresh-indicators":
        return refresh_indicators(settings)
    backend = open_backend(settings)
    try:
        administer(backend, args)
    except DomainError as error:
        print(error.message, file=sys.stderr)
        return 1
    finally:
        backend.close()
    return 0
