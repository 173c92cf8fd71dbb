"""The desk's REST client for the provincial backend (docs/REST.md), on one keep-alive httpx.Client.

Every loop here is bounded: a province that keeps answering the same error gets a refusal back (a visible
problem for the clerk), never an endless conversation (docs/SYNC.md, “Bounded”)."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

import httpx

TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}
AUTH_ERRORS = {"desk_revoked", "bad_credentials", "bad_token", "no_token"}
UPLOAD_DETOURS = 3  # 409s that send an upload to another offset, per file and round
UNREADABLE = "Máy chủ của tỉnh trả lời không đúng định dạng; sẽ thử lại sau."


class ProvinceError(Exception):
    """A failed call. ``transient``: try again later (network, overload); else the province refused."""

    def __init__(self, message: str, *, status: int = 0, error: str = "", transient: bool, retry_after: float = 0):
        super().__init__(message)
        self.message, self.status, self.error, self.transient, self.retry_after = (message, status, error,
                                                                                   transient, retry_after)

    @property
    def stops_round(self) -> bool:
        """Nothing else can succeed now (network down, server overloaded, this desk not allowed):
        stop, keep every item pending, and say why."""
        return self.transient or self.error in AUTH_ERRORS


@dataclass
class Token:
    value: str
    expires_at: float


class ProvinceClient:
    def __init__(self, base_url: str, client_id: str = "", client_secret: str = "", *, timeout: float = 15.0,
                 transport: httpx.BaseTransport | None = None):
        self.client_id = client_id
        self.client_secret = client_secret
        self.http = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout, transport=transport,
                                 headers={"User-Agent": "MotCuaDesk/0.1"})
        self._token: Token | None = None

    def close(self) -> None:
        self.http.close()

    # -- plumbing ----------------------------------------------------------------------------
    @staticmethod
    def _raise_for(response: httpx.Response) -> None:
        if response.status_code < 400:
            return
        try:
            body = response.json()
            error, message = body.get("error", ""), body.get("message", "")
        except ValueError:
            error, message = "", response.text[:200]
        retry_after = 0.0
        try:
            retry_after = float(response.headers.get("Retry-After", 0))
        except ValueError:
            pass
        transient = response.status_code in TRANSIENT_STATUSES
        if not message:
            message = f"Máy chủ của tỉnh trả lời lỗi {response.status_code}."
        raise ProvinceError(message, status=response.status_code, error=error, transient=transient,
                            retry_after=retry_after)

    def _send(self, method: str, url: str, **kwargs) -> httpx.Response:
        try:
            return self.http.request(method, url, **kwargs)
        except httpx.TimeoutException as exc:
            raise ProvinceError("Máy chủ của tỉnh không trả lời kịp (quá thời gian chờ).", transient=True) from exc
        except httpx.TransportError as exc:
            raise ProvinceError("Không kết nối được máy chủ của tỉnh (mất mạng hoặc máy chủ đang dừng).",
                                transient=True) from exc

    def _bearer(self) -> str:
        if self._token is None or self._token.expires_at - 30 < time.monotonic():
            response = self._send("POST", "/api/v1/token", json={"grant_type": "client_credentials",
                                                                 "client_id": self.client_id,
                                                                 "client_secret": self.client_secret})
            self._raise_for(response)
            body = self.json(response)
            try:
                self._token = Token(str(body["access_token"]), time.monotonic() + float(body["expires_in"]))
            except (KeyError, TypeError, ValueError):
                raise ProvinceError(UNREADABLE, status=response.status_code, transient=True) from None
        return self._token.value

    @staticmethod
    def json(response: httpx.Response):
        """The answer's JSON; a garbled answer is a transient problem (a proxy in the way, a server restarting)."""
        try:
            return response.json()
        except ValueError:
            raise ProvinceError(UNREADABLE, status=response.status_code, transient=True) from None

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        """An authenticated call; an expired token is renewed once."""
        for attempt in (1, 2):
            headers = {**kwargs.pop("headers", {}), "Authorization": f"Bearer {self._bearer()}"}
            response = self._send(method, url, headers=headers, **kwargs)
            if response.status_code == 401 and attempt == 1:
                self._token = None
                kwargs["headers"] = {k: v for k, v in headers.items() if k != "Authorization"}
                continue
            return response
        return response

    # -- the contract ----------------------------------------------------------------------------
    def enroll(self, code: str, desk_name: str, public_key: str) -> dict:
        response = self._send("POST", "/api/v1/enroll", json={"code": code, "desk_name": desk_name,
                                                             "public_key": public_key})
        self._raise_for(response)
        return self.json(response)

    def upsert_dossier(self, code: str, txn_id: str, record: dict) -> dict:
        response = self.request("PUT", f"/api/v1/dossiers/{code}", json={"client_txn_id": txn_id, "record": record})
        self._raise_for(response)
        return self.json(response)

    def post_event(self, code: str, txn_id: str, event: dict) -> dict:
        response = self.request("POST", f"/api/v1/dossiers/{code}/events", json={"client_txn_id": txn_id, **event})
        self._raise_for(response)
        return self.json(response)

    def inbox_decision(self, code: str, decision: str, txn_id: str, body: dict) -> dict:
        """accept, refuse or request-supplement an online dossier waiting in the province's inbox."""
        response = self.request("POST", f"/api/v1/inbox/{code}/{decision}", json={"client_txn_id": txn_id, **body})
        self._raise_for(response)
        return self.json(response)

    def rate(self, code: str, txn_id: str, level: int, source: str) -> dict:
        response = self.request("POST", f"/api/v1/dossiers/{code}/rating",
                                json={"client_txn_id": txn_id, "level": level, "source": source})
        self._raise_for(response)
        return self.json(response)

    def put_intake_outcome(self, reference: str, txn_id: str, payload: dict) -> dict:
        """Guidance (Mẫu 02) or a refusal (Mẫu 03) given at intake, by the printed form's reference."""
        response = self.request("PUT", f"/api/v1/intake-outcomes/{reference}",
                                json={"client_txn_id": txn_id, **payload})
        self._raise_for(response)
        return self.json(response)

    def changes(self, cursor: str, limit: int = 200) -> dict:
        response = self.request("GET", "/api/v1/changes", params={"cursor": cursor, "limit": limit})
        self._raise_for(response)
        return self.json(response)

    def catalog(self, etag: str = "") -> tuple[str, list[dict]] | None:
        """(etag, procedures), or None when the catalog is unchanged (304)."""
        response = self.request("GET", "/api/v1/catalog", headers={"If-None-Match": etag} if etag else {})
        if response.status_code == 304:
            return None
        self._raise_for(response)
        body = self.json(response)
        return body["etag"], body["procedures"]

    def file_offset(self, sha256: str) -> tuple[int, bool] | None:
        response = self.request("HEAD", f"/api/v1/files/{sha256}")
        if response.status_code == 404:
            return None
        self._raise_for(response)
        offset = _offset(response)
        if offset is None:
            raise ProvinceError(UNREADABLE, status=response.status_code, transient=True)
        return offset, response.headers.get("Upload-Complete") == "?1"

    def upload_file(self, sha256: str, data: bytes, chunk: int = 1024 * 1024) -> None:
        """Resumable upload: start where the server says it stopped.

        Bounded: each chunk once, a few 409 detours to the offset the server names, one fresh start after a
        failed hash check. Anything more (the same 409 again, no progress) is a refusal: the item becomes a
        visible failure and the round goes on with the others. 5xx, 429 and network errors stop the round."""
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ProvinceError("Tệp số hóa trong máy bị hỏng (nội dung không khớp mã SHA-256); hãy quét lại "
                                "giấy tờ.", error="local_file_corrupt", transient=False)
        state = self.file_offset(sha256)
        if state and state[1]:
            return
        offset = state[0] if state else 0
        detours = restarts = 0
        for _request in range(-(-len(data) // chunk) * 2 + UPLOAD_DETOURS + 2):
            response = self.request("PATCH", f"/api/v1/files/{sha256}", content=data[offset:offset + chunk],
                                    headers={"Upload-Offset": str(offset), "Upload-Length": str(len(data)),
                                             "Content-Type": "application/offset+octet-stream"})
            if response.status_code == 409 and "Upload-Offset" in response.headers:
                named = _offset(response)
                if named is None or named == offset or named > len(data) or detours >= UPLOAD_DETOURS:
                    raise _file_refused(response)
                detours, offset = detours + 1, named
                continue
            if response.status_code == 422 and _error_code(response) == "hash_mismatch" and restarts == 0:
                restarts, offset = 1, 0  # the server forgot the damaged upload: once more from the start
                continue
            if response.status_code >= 400:
                if response.status_code in TRANSIENT_STATUSES or _error_code(response) in AUTH_ERRORS:
                    self._raise_for(response)  # stops the round: nothing else could succeed now
                raise _file_refused(response)
            if response.headers.get("Upload-Complete") == "?1":
                return
            acknowledged = _offset(response)
            if acknowledged is None or acknowledged <= offset:
                raise _file_refused(response, "máy chủ không ghi nhận phần vừa gửi")
            offset = acknowledged
        raise ProvinceError("Tỉnh chưa nhận tệp số hóa sau nhiều lần gửi; tệp được đánh dấu lỗi để cán bộ xem lại.",
                            error="upload_stuck", transient=False)

    # -- recovery: audit anchors and the rebuild export (docs/REST.md) ---------------------------------
    def put_audit_anchor(self, seq: int, txn_id: str, payload: dict) -> dict:
        """Keep the head of the desk's audit chain at the province: ``payload`` has head_hash, entries and at
        (a ``seq`` in it is ignored: the number travels in the path)."""
        body = {k: v for k, v in payload.items() if k in ("head_hash", "entries", "at")}
        response = self.request("PUT", f"/api/v1/audit-anchors/{int(seq)}", json={"client_txn_id": txn_id, **body})
        self._raise_for(response)
        return self.json(response)

    def latest_audit_anchor(self) -> dict | None:
        """The desk's newest anchor at the province ({seq, head_hash, entries, at}), or None if it has none."""
        response = self.request("GET", "/api/v1/audit-anchors/latest")
        if response.status_code == 404 and _error_code(response) == "anchor_not_found":
            return None
        self._raise_for(response)
        return self.json(response)

    def export_dossiers(self, cursor: str = "", limit: int = 100) -> dict:
        """One page of every dossier of the commune, with its steps: {items, next_cursor, has_more}."""
        response = self.request("GET", "/api/v1/export/dossiers", params={"cursor": cursor, "limit": limit})
        self._raise_for(response)
        return self.json(response)


def _offset(response: httpx.Response) -> int | None:
    try:
        offset = int(response.headers.get("Upload-Offset", ""))
    except ValueError:
        return None
    return offset if offset >= 0 else None


def _error_code(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return ""
    return str(body.get("error", "")) if isinstance(body, dict) else ""


def _file_refused(response: httpx.Response, reason: str = "") -> ProvinceError:
    """The province will not take this file as it is: a refusal, with its words."""
    try:
        body = response.json()
        message = str(body.get("message", "")) if isinstance(body, dict) else ""
    except ValueError:
        message = ""
    detail = reason or message or f"lỗi {response.status_code}"
    return ProvinceError(f"Tỉnh không nhận tệp số hóa: {detail}", status=response.status_code,
                         error=_error_code(response), transient=False)
