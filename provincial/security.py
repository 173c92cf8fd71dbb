"""Secrets and signatures: client secrets (scrypt), bearer tokens (HMAC), receipt signatures and seals (Ed25519),
the receipt's check code."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from .ed25519 import is_strong_public_key

ENROLLMENT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
# The receipt's check code: typed from paper, the same doubts. Spelled out (not ENROLLMENT_ALPHABET): it is
# part of the contract with the desks and must not move if enrollment codes ever change.
CHECK_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CHECK_LENGTH = 8


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def new_enrollment_code() -> str:
    raw = "".join(secrets.choice(ENROLLMENT_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def enrollment_code_hash(code: str) -> str:
    normalized = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(normalized.encode()).hexdigest()


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt$16384$8$1${b64url(salt)}${b64url(digest)}"


@lru_cache(maxsize=1)
def _dummy_secret_hash() -> str:
    return hash_secret(secrets.token_urlsafe(32))


def burn_secret_check(secret: str) -> None:
    """The work of verify_secret against a hash that matches nothing: an unknown desk id, or a wrong enrollment
    code, answers in the same time as a known one (no telling which ids or codes exist by the clock)."""
    verify_secret(secret, _dummy_secret_hash())


def verify_secret(secret: str, stored: str) -> bool:
    try:
        _, n, r, p, salt, digest = stored.split("$")
        candidate = hashlib.scrypt(secret.encode(), salt=unb64url(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, unb64url(digest))


class TokenSigner:
    """Short-lived bearer tokens: ``base64url(claims).base64url(hmac)``; nothing stored server-side."""

    def __init__(self, key: bytes, ttl_s: int = 900):
        self.key = key
        self.ttl_s = ttl_s

    def issue(self, client_id: str, now: float | None = None) -> tuple[str, int]:
        claims = {"sub": client_id, "exp": int((now or time.time()) + self.ttl_s)}
        body = b64url(json.dumps(claims, separators=(",", ":")).encode())
        mac = b64url(hmac.new(self.key, body.encode(), hashlib.sha256).digest())
        return f"{body}.{mac}", self.ttl_s

    def verify(self, token: str, now: float | None = None) -> str | None:
        """The client id, or None for a bad or expired token."""
        checked = self.verify_until(token, now)
        return checked[0] if checked else None

    def verify_until(self, token: str, now: float | None = None) -> tuple[str, float] | None:
        """(client id, expiry as a Unix time), or None for a bad or expired token."""
        try:
            body, mac = token.split(".")
            expected = b64url(hmac.new(self.key, body.encode(), hashlib.sha256).digest())
            if not hmac.compare_digest(mac, expected):
                return None
            claims = json.loads(unb64url(body))
            if claims["exp"] < (now or time.time()):
                return None
            return str(claims["sub"]), float(claims["exp"])
        except (ValueError, KeyError, TypeError):
            return None


def receipt_message(code: str, id_number: str, received_at: str, appointment_at: str | None) -> bytes:
    """What the desk signs for the receipt QR (docs/REST.md): four lines, UTF-8.

    Times are ISO 8601 Vietnam local time to the second, without offset, as printed.
    """
    return "\n".join([code, id_number, received_at, appointment_at or ""]).encode("utf-8")


def seal_message(code: str, id_number: str, received_at: str) -> bytes:
    """What the receipt's seal signs (docs/REST.md, "Check code"): ``seal``, the code, the owner's ID number
    and the time received (Vietnam wall time, ISO 8601 to the second, no offset), one per line, UTF-8.

    The desk has its own copy (desk/domain/receipt_check.py): the two sides share the contract, not
    code, and a test checks that both give the same bytes."""
    return "\n".join(["seal", code, id_number, received_at]).encode("utf-8")


def check_code(seal: str) -> str:
    """``XXXX-XXXX`` from a seal (base64url text): the first 40 bits of SHA-256 over the seal's text,
    written with CHECK_ALPHABET, least significant symbol first."""
    digest = int.from_bytes(hashlib.sha256(b"motcua-check\n" + seal.encode("ascii")).digest()[:5], "big")
    symbols = []
    for _ in range(CHECK_LENGTH):
        digest, index = divmod(digest, len(CHECK_ALPHABET))
        symbols.append(CHECK_ALPHABET[index])
    text = "".join(symbols)
    return f"{text[:4]}-{text[4:]}"


def normalize_check_code(typed: str) -> str | None:
    """A typed check code in the printed form, or None when it cannot be one.

    Spaces, dashes and case are forgiven; a symbol outside the alphabet is not (O, I, 0, 1 never occur)."""
    text = "".join(ch for ch in (typed or "").upper() if ch.isalnum())
    if len(text) != CHECK_LENGTH or any(ch not in CHECK_ALPHABET for ch in text):
        return None
    return f"{text[:4]}-{text[4:]}"


def verify_receipt(public_key_b64: str, message: bytes, signature_b64: str) -> bool:
    if not valid_public_key(public_key_b64):  # a weak key stored before enrollment refused them verifies nothing
        return False
    try:
        key = Ed25519PublicKey.from_public_bytes(unb64url(public_key_b64))
        key.verify(unb64url(signature_b64), message)
        return True
    except (InvalidSignature, ValueError, TypeError):
        return False


@lru_cache(maxsize=4096)
def valid_public_key(public_key_b64: str) -> bool:
    """A raw Ed25519 public key (base64url) of full order: not one of the weak keys (ed25519.py)."""
    try:
        raw = unb64url(public_key_b64)
        return len(raw) == 32 and is_strong_public_key(raw) and bool(
            Ed25519PublicKey.from_public_bytes(raw))
    except (ValueError, TypeError):
        return False
