"""The desk's secrets in the operating system's keyring, never in the database, settings or logs.

Stored per sync account (a random id kept in settings.json, not secret): the client secret
issued at enrollment and the desk's Ed25519 private key that signs receipt QR codes.
"""

from __future__ import annotations

import base64
import logging

from desk.domain.errors import DomainError

log = logging.getLogger(__name__)
SERVICE = "MotCuaDesk"
NO_KEYRING = ("Máy này chưa có kho khóa bí mật của hệ điều hành (keyring), nên chưa lưu được thông tin kết nối "
              "với hệ thống của tỉnh. Trên Windows kho này có sẵn; trên Linux hãy cài gnome-keyring (hoặc KWallet) "
              "và đăng nhập phiên làm việc đồ họa.")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Credentials:
    def __init__(self, account: str):
        self.account = account

    def _set(self, name: str, value: str) -> None:
        import keyring
        from keyring.errors import KeyringError, NoKeyringError

        try:
            keyring.set_password(SERVICE, f"{self.account}/{name}", value)
        except NoKeyringError as exc:
            raise DomainError(NO_KEYRING) from exc
        except KeyringError as exc:
            raise DomainError(f"Không lưu được khóa bí mật vào keyring: {exc}") from exc

    def _get(self, name: str) -> str | None:
        import keyring
        from keyring.errors import KeyringError, NoKeyringError

        try:
            return keyring.get_password(SERVICE, f"{self.account}/{name}")
        except NoKeyringError as exc:
            raise DomainError(NO_KEYRING) from exc
        except KeyringError as exc:
            raise DomainError(f"Không đọc được khóa bí mật từ keyring: {exc}") from exc

    # -- the signing key ---------------------------------------------------------------------
    def create_signing_key(self) -> str:
        """Generate and keep a new Ed25519 key; return its public half (raw, base64url)."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

        key = Ed25519PrivateKey.generate()
        self._set("signing_key", _b64(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())))
        return _b64(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))

    def signing_key(self):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        raw = self._get("signing_key")
        return Ed25519PrivateKey.from_private_bytes(_unb64(raw)) if raw else None

    def public_key(self) -> str | None:
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        key = self.signing_key()
        return _b64(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)) if key else None

    # -- the client secret ---------------------------------------------------------------------
    def store_client_secret(self, secret: str) -> None:
        self._set("client_secret", secret)

    def client_secret(self) -> str | None:
        return self._get("client_secret")


def receipt_message(code: str, id_number: str, received_at: str, appointment_at: str | None) -> bytes:
    """The bytes a receipt signature covers (docs/REST.md, "Receipt signature")."""
    return "\n".join([code, id_number, received_at, appointment_at or ""]).encode("utf-8")


class KeyringSigner:
    """Signs receipts with the desk's key (services.receipts.ReceiptSigner)."""

    def __init__(self, credentials: Credentials):
        self.credentials = credentials
        self._key = None

    def sign(self, facts: dict) -> str | None:
        try:
            if self._key is None:
                self._key = self.credentials.signing_key()
        except DomainError as error:
            log.warning("receipt not signed: %s", error)
            return None
        if self._key is None:
            return None
        message = receipt_message(facts["code"], facts["id_number"], facts["received_at"], facts["appointment_at"])
        return _b64(self._key.sign(message))

    def seal(self, facts: dict) -> str | None:
        """The seal over the facts fixed at intake (desk/domain/receipt_check.py), or None without a key."""
        from desk.domain.receipt_check import seal_message

        try:
            if self._key is None:
                self._key = self.credentials.signing_key()
        except DomainError as error:
            log.warning("receipt not sealed: %s", error)
            return None
        if self._key is None:
            return None
        return _b64(self._key.sign(seal_message(facts["code"], facts["id_number"], facts["received_at"])))

    def verify(self, facts: dict, signature: str) -> bool:
        """Check one of this desk's own receipts offline."""
        from cryptography.exceptions import InvalidSignature

        key = self.credentials.signing_key()
        if key is None:
            return False
        message = receipt_message(facts["code"], facts["id_number"], facts["received_at"], facts["appointment_at"])
        try:
            key.public_key().verify(_unb64(signature), message)
            return True
        except (InvalidSignature, ValueError):
            return False
