"""Digitized documents the desks upload: resumable, verified by their SHA-256, and per commune.

A commune's file is known to that commune only: HEAD, PATCH and GET look up (commune, sha256), so naming another
commune's hash tells nothing and gives nothing, and a wrong length registered by one commune never blocks
another. Each commune's partial upload has its own ``.part`` file. Once a commune's upload verifies, its bytes
go to ``files/<2 hex>/<sha256>``, shared on disk: equal hashes are equal bytes, and a commune can only reach
them through its own row, i.e. after uploading every byte itself.

A failed upload is forgotten (row and partial file): the client starts again at 0. The client may also start
again at 0 with another length, which replaces its commune's unfinished upload: a wrong length is no dead end.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sqlalchemy import inspect

from ..clock import utc_now
from ..database import ServerDatabase
from ..errors import Conflict, DomainError, Invalid, Malformed, NotFound, TooLarge
from ..models import FileBlob


class FileStore:
    def __init__(self, db: ServerDatabase, files_dir: Path, max_file_bytes: int):
        self.db = db
        self.files_dir = Path(files_dir)
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.max_file_bytes = max_file_bytes

    def _paths(self, commune_id: int, sha256: str) -> tuple[Path, Path]:
        """(the verified file, this commune's partial upload)."""
        folder = self.files_dir / sha256[:2]
        folder.mkdir(parents=True, exist_ok=True)
        return folder / sha256, folder / f"{sha256}.c{commune_id}.part"

    def state(self, commune_id: int, sha256: str) -> FileBlob | None:
        with self.db.read() as s:
            return s.get(FileBlob, (commune_id, sha256))

    def upload_chunk(self, commune_id: int, sha256: str, offset: int, length: int, chunk: bytes) -> FileBlob:
        """Append ``chunk`` at ``offset`` of a file of ``length`` bytes; verify the hash at the end.

        A chunk at any offset but the one the server holds is refused with that offset (409), so nothing is
        written twice and the client knows where to go on. Refusals that change the stored state (a failed
        hash, a partial file gone missing) are committed before they are reported."""
        if length > self.max_file_bytes:
            raise TooLarge("file_too_large", f"Tệp lớn hơn giới hạn {self.max_file_bytes // (1024 * 1024)} MB.")
        final, part = self._paths(commune_id, sha256)
        problem: DomainError | None = None
        with self.db.write() as s:
            blob = s.get(FileBlob, (commune_id, sha256))
            if blob is None:
                blob = FileBlob(commune_id=commune_id, sha256=sha256, length=length, received=0, complete=False,
                                created_utc=utc_now())
                s.add(blob)
            if blob.complete:
                return blob
            if blob.length != length and offset == 0:  # a fresh start with another length replaces the old one
                blob.length, blob.received = length, 0
            if blob.length != length:
                raise Conflict("length_mismatch", "Độ dài tệp khác với lần tải lên trước; hãy tải lại từ đầu.",
                               upload_offset=0)
            if offset != blob.received:
                raise Conflict("offset_mismatch", "Vị trí tải lên không khớp; tiếp tục từ vị trí máy chủ báo.",
                               upload_offset=blob.received)
            if offset + len(chunk) > length:
                raise Malformed("chunk_too_long", "Phần tải lên vượt quá độ dài tệp đã khai báo.")
            if offset and (not part.exists() or part.stat().st_size < offset):
                # The bytes acknowledged before are gone (the disk was restored, say): start again at 0.
                blob.received = 0
                problem = Conflict("offset_mismatch", "Máy chủ không còn phần tệp đã nhận; hãy tải lại từ đầu.",
                                   upload_offset=0)
            else:
                self._write(part, offset, chunk)
                blob.received = offset + len(chunk)
                if blob.received == length:
                    if _sha256_of(part) == sha256:
                        os.replace(part, final)
                        blob.complete = True
                    else:  # forget the upload, so that a restart at 0 is accepted
                        part.unlink(missing_ok=True)
                        s.expunge(blob) if inspect(blob).pending else s.delete(blob)
                        problem = Invalid("hash_mismatch", "Nội dung tệp không khớp mã SHA-256; hãy tải lên lại từ "
                                                           "đầu.", upload_offset=0)
        if problem is not None:
            raise problem
        return blob

    @staticmethod
    def _write(part: Path, offset: int, chunk: bytes) -> None:
        with open(part, "r+b" if offset and part.exists() else "wb") as handle:
            handle.truncate(offset)
            handle.seek(offset)
            handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())

    def path_for(self, commune_id: int, sha256: str) -> Path:
        """The verified file, if the commune uploaded it; 404 otherwise (existence is not disclosed)."""
        blob = self.state(commune_id, sha256)
        final = self._paths(commune_id, sha256)[0]
        if blob is None or not blob.complete or not final.exists():
            raise NotFound("file_not_found", "Không có tệp này.")
        return final


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
