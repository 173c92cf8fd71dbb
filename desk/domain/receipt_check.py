"""The receipt's short check code (mã kiểm tra) and the seal it is derived from (docs/REST.md).

The QR carries an 86-character signature nobody can type. The receipt therefore also prints
a check code of 8 symbols that a citizen types with the dossier code on the tracking page or
the kiosk. It is derived from the *seal*: the desk's Ed25519 signature over the facts that never
change after intake (code, owner's ID number, time received). The province verifies the seal
with the desk's public key and derives the same code; the desk derives it from its own seal.
Pure functions: no key handling here.
"""

from __future__ import annotations

import hashlib

# No 0/O and 1/I: read aloud or typed from paper without doubt (the enrollment codes use the same set).
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CHECK_LENGTH = 8


def seal_message(code: str, id_number: str, received_at: str) -> bytes:
    """What the seal signs: ``seal``, the code, the ID number and the time received (ISO, to the second,
    Vietnam wall time, no offset), one per line, UTF-8."""
    return "\n".join(["seal", code, id_number, received_at]).encode("utf-8")


def check_code(seal: str) -> str:
    """``XXXX-XXXX`` from a seal (base64url text): the first 40 bits of SHA-256 over the seal's text."""
    digest = int.from_bytes(hashlib.sha256(b"motcua-check\n" + seal.encode("ascii")).digest()[:5], "big")
    symbols = []
    for _ in range(CHECK_LENGTH):
        digest, index = divmod(digest, len(ALPHABET))
        symbols.append(ALPHABET[index])
    text = "".join(symbols)
    return f"{text[:4]}-{text[4:]}"


def normalize_check_code(typed: str) -> str | None:
    """A typed check code in the printed form, or None when it cannot be one.

    Spaces, dashes and case are forgiven; a symbol that is not in the alphabet is not."""
    text = "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    if len(text) != CHECK_LENGTH or any(ch not in ALPHABET for ch in text):
        return None
    return f"{text[:4]}-{text[4:]}"
