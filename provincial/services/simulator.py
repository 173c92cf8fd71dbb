"""The province's side, simulated for tests and demos: specialists moving dossiers, applications from the portal.

Both write a change to the feed in the same transaction, so the desks learn of them by their next pull.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from ..clock import iso_vietnam, utc_now, vietnam_now, vietnam_wall
from ..codes import next_online_code
from ..database import ServerDatabase
from ..errors import Conflict
from ..models import Change, Dossier, Event
from ..statuses import LABELS, DossierStatus
from .changes import ChangeFeed
from .dossiers import apply_status, dossier_by_code
from .enrollment import find_commune

ONLINE_CHANNEL = 2  # KenhThucHien: trực tuyến


class Simulator:
    def __init__(self, db: ServerDatabase, feed: ChangeFeed):
        self.db = db
        self.feed = feed

    def move(self, code: str, target: int, *, handler: str, unit: str, handler_title: str = "", note: str = "",
             at: datetime | None = None, due_at: datetime | None = None,
             documents: list[str] | None = None) -> Dossier:
        """A specialist of the province moves a dossier to ``target`` (now, or ``at``)."""
        with self.db.write() as s:
            dossier = dossier_by_code(s, code)
            moment = vietnam_wall(at) if at else vietnam_now()
            event = apply_status(s, dossier, target, source="province", actor=handler, actor_title=handler_title,
                                 unit=unit, note=note, at=moment, due_at=vietnam_wall(due_at), documents=documents)
            s.add(Change(commune_id=dossier.commune_id, kind="status", dossier_code=code, created_utc=utc_now(),
                         payload={"code": code, "status": target, "status_label": LABELS[target],
                                  "at": iso_vietnam(moment), "handler": handler, "handler_title": handler_title,
                                  "unit": unit, "note": note, "event_id": event.id,
                                  "documents": list(documents or [])}))
        self.feed.committed()
        return dossier

    def apply_online(self, agency_code: str, record: dict) -> Dossier:
        """An online application arriving from the portal (status 1), for a commune's inbox.

        Online codes are numbered from 9999 downwards each day (codes.py) so that they cannot meet the
        desk's counter codes, which count upwards from 0001 (the province issues both)."""
        for _attempt in range(3):
            try:
                dossier = self._insert_online(agency_code, record)
            except IntegrityError:
                continue  # another application took the same number at the same moment: take the next one
            self.feed.committed()
            return dossier
        raise Conflict("online_code_busy", "Đang cấp mã cho hồ sơ trực tuyến khác; vui lòng gửi lại.")

    def _insert_online(self, agency_code: str, record: dict) -> Dossier:
        with self.db.write() as s:
            commune = find_commune(s, agency_code)
            received = vietnam_wall(datetime.fromisoformat(record["received_at"]))
            code = next_online_code(s, f"{agency_code}-{received:%y%m%d}-")
            record = {**record, "channel": ONLINE_CHANNEL}
            new = DossierStatus.NEW_ONLINE
            dossier = Dossier(code=code, commune_id=commune.id, status=new, record=record, version=1, to_bring=[],
                              created_utc=utc_now(), updated_utc=utc_now())
            s.add(dossier)
            s.flush()
            s.add(Event(dossier_id=dossier.id, from_status=new, to_status=new, source="online",
                        actor=record["owner_name"], unit="Cổng dịch vụ công", note="Nộp trực tuyến", at=received))
            s.add(Change(commune_id=commune.id, kind="online_dossier", dossier_code=code, created_utc=utc_now(),
                         payload={"code": code, "record": record}))
        return dossier
