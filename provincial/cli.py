"""``python -m provincial``: run the server, administer communes and desks, drive the simulator."""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import sys
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from . import statuses
from .errors import DomainError
from .schemas import DossierOut, DossierRecord
from .service import Backend, open_backend
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
    parser = argparse.ArgumentParser(prog="python -m provincial", description="Provincial backend (reference)")
    parser.add_argument("--data-dir", type=Path, default=DEFAULTS.data_dir)
    parser.add_argument("--database-url", help="PostgreSQL URL; default: SQLite in the data directory")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8800)
    serve.add_argument("--admin-token")
    serve.add_argument("--max-file-mb", type=int, default=DEFAULTS.max_file_bytes // MB)
    serve.add_argument("--token-ttl", type=int, default=DEFAULTS.token_ttl_s, help="bearer token lifetime, seconds")
    serve.add_argument("--public-per-minute", type=int, default=DEFAULTS.public_per_minute,
                       help="rate limit of public pages per address")
    serve.add_argument("--auth-per-minute", type=int, default=DEFAULTS.auth_per_minute,
                       help="failed /enroll and /token attempts allowed per client address and minute")
    serve.add_argument("--token-per-desk-per-minute", type=int, default=DEFAULTS.token_per_desk_per_minute,
                       help="failed /token attempts allowed per desk id and minute")
    serve.add_argument("--long-polls-per-desk", type=int, default=DEFAULTS.long_polls_per_desk,
                       help="long-polls a desk may hold at once on /changes; more answer at once")
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


def settings_from(args: argparse.Namespace) -> Settings:
    """The settings of the command line: only ``serve`` takes more than where the data is. Raises pydantic's
    ValidationError for a value out of range."""
    if args.command != "serve":
        return Settings(data_dir=args.data_dir, database_url=args.database_url)
    return Settings(data_dir=args.data_dir, database_url=args.database_url,
                    admin_token=admin_token(args.data_dir, args.admin_token), token_ttl_s=args.token_ttl,
                    max_file_bytes=args.max_file_mb * MB, public_per_minute=args.public_per_minute,
                    auth_per_minute=args.auth_per_minute, token_per_desk_per_minute=args.token_per_desk_per_minute,
                    long_polls_per_desk=args.long_polls_per_desk)


def serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from .api import create_app

    return_large_blocks_to_the_system()
    # The app opens the backend when it starts (its lifespan) and closes it when it stops.
    uvicorn.run(create_app(settings), host=host, port=port, log_config=None, access_log=False)


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


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging()
    if args.command == "export-openapi":
        from .openapi import generate

        print(generate())
        return 0
    args.data_dir.mkdir(parents=True, exist_ok=True)  # where a new admin token is kept
    try:
        settings = settings_from(args)
    except ValidationError as error:
        parser.error("; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()))  # exits
    if args.command == "serve":
        serve(settings, args.host, args.port)
        return 0
    backend = open_backend(settings)
    try:
        administer(backend, args)
    except DomainError as error:
        print(error.message, file=sys.stderr)
        return 1
    finally:
        backend.close()
    return 0
