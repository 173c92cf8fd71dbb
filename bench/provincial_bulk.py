"""A provincial database with many dossiers, fast: COPY, not the API (bench/provincial_scaling.py).

Each dossier is loaded as the upsert stores it (provincial/hotpath.py): the dossier row with its record, its
first event, and the stored answer of the desk's write; spread over the communes given, with codes of days no
benchmark uses (``1yyyyy``). A million rows of each take a few minutes on a 2-core machine.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime

BLOCK = 20_000
COLUMNS = {
    "dossier": "id, code, commune_id, status, record, version, to_bring, created_utc, updated_utc",
    "event": "id, dossier_id, from_status, to_status, source, actor, actor_title, unit, note, at, due_at",
    "idempotent_request": "client_txn_id, desk_id, operation, request_hash, status_code, response, created_utc",
}


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def load(conninfo: str, communes: list[tuple[int, str, int]], count: int, record: dict) -> float:
    """``count`` dossiers over ``communes`` ((commune id, agency code, desk id)); the seconds it took."""
    import psycopg

    started = time.perf_counter()
    record_text = _escape(json.dumps(record))
    response_text = _escape(json.dumps({"code": "", "status": 2, "status_label": "Đã tiếp nhận", "version": 1,
                                        "record": None, "to_bring": []}))
    now = datetime(2026, 11, 23, 2, 15).isoformat(" ")
    with psycopg.connect(conninfo) as conn:
        first = conn.execute("SELECT coalesce(max(id), 0) FROM dossier").fetchone()[0] + 1
        first_event = conn.execute("SELECT coalesce(max(id), 0) FROM event").fetchone()[0] + 1
        for start in range(0, count, BLOCK):
            rows = range(start, min(count, start + BLOCK))
            dossiers, events, answers = [], [], []
            for n in rows:
                commune_id, agency, desk_id = communes[n % len(communes)]
                per_commune = n // len(communes)
                code = f"{agency}-{100000 + per_commune // 8999}-{per_commune % 8999 + 1:04d}"
                dossier_id = first + n
                dossiers.append(f"{dossier_id}\t{code}\t{commune_id}\t2\t{record_text}\t1\t[]\t{now}\t{now}\n")
                events.append(f"{first_event + n}\t{dossier_id}\t2\t2\tdesk\tLê Văn Tâm\t\tBộ phận Một cửa\t"
                              f"Tiếp nhận\t2026-11-23 09:15:00\t2026-11-23 17:00:00\n")
                answers.append(f"{uuid.uuid4()}\t{desk_id}\tupsert:{code}\t{'0' * 64}\t201\t{response_text}\t{now}\n")
            with conn.cursor() as cursor:
                for table, lines in (("dossier", dossiers), ("event", events), ("idempotent_request", answers)):
                    with cursor.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
                        copy.write("".join(lines).encode())
            conn.commit()
        conn.execute("SELECT setval('dossier_id_seq', (SELECT max(id) FROM dossier))")
        conn.execute("SELECT setval('event_id_seq', (SELECT max(id) FROM event))")
        conn.commit()
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE dossier")
        conn.execute("VACUUM ANALYZE event")
        conn.execute("VACUUM ANALYZE idempotent_request")
    return time.perf_counter() - started
