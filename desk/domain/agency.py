"""The agency's identity as printed on forms and encoded in the receipt QR (DOMAIN.md §2, §3)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

from .codes import validate_agency_code
from .errors import DomainError, Problems
from .text import clean_user_text


@dataclass(frozen=True)
class AgencyIdentity:
    code: str  # mã định danh điện tử
    parent_authority: str  # e.g. "UBND TỈNH ĐẮK LẮK"
    unit_name: str  # e.g. "Trung tâm Phục vụ hành chính công xã Ea Kar"
    place_name: str  # e.g. "Ea Kar" for "Ea Kar, ngày … tháng … năm …"
    portal_base_url: str  # tracking pages live under it
    address: str = ""
    phone: str = ""

    def validated(self) -> AgencyIdentity:
        """The identity cleaned, or Problems naming every field that is wrong."""
        problems: list[DomainError] = []
        try:
            code = validate_agency_code(self.code)
        except DomainError as error:
            problems.append(error)
            code = self.code
        cleaned = replace(
            self,
            code=code,
            parent_authority=clean_user_text(self.parent_authority),
            unit_name=clean_user_text(self.unit_name),
            place_name=clean_user_text(self.place_name),
            portal_base_url=(self.portal_base_url or "").strip().rstrip("/"),
            address=clean_user_text(self.address),
            phone=clean_user_text(self.phone),
        )
        for value, label, field in ((cleaned.parent_authority, "cơ quan chủ quản, ví dụ UBND XÃ EA KAR",
                                     "parent_authority"),
                                    (cleaned.unit_name, "tên đơn vị in trên giấy tờ", "unit_name"),
                                    (cleaned.place_name, "địa danh ghi ngày tháng, ví dụ Ea Kar", "place_name")):
            if not value:
                problems.append(DomainError(f"Chưa nhập {label}.", field=field))
        url = urlsplit(cleaned.portal_base_url)
        if url.scheme not in ("http", "https") or not url.netloc or url.query or url.fragment:
            problems.append(DomainError("Chưa nhập đúng địa chỉ Cổng dịch vụ công của tỉnh (in trong mã QR để công "
                                        "dân tra cứu), ví dụ https://dichvucong.daklak.gov.vn.",
                                        field="portal_base_url"))
        if problems:
            raise Problems(problems)
        return cleaned


def tracking_url(portal_base_url: str, dossier_code: str, signature: str | None = None) -> str:
    """The URL the receipt QR carries. ``signature`` is the seam for the desk's Ed25519
    signature over the receipt's key facts (docs/ARCHITECTURE.md, the sync contract: the receipt QR); without it the
    tracking page shows nothing personal."""
    url = f"{portal_base_url.rstrip('/')}/tra-cuu/{quote(dossier_code, safe='.-')}"
    if signature:
        url += f"?sig={quote(signature, safe='')}"
    return url


def tracking_home(portal_base_url: str) -> str:
    """The short address printed for citizens who type rather than scan: ``dichvucong.daklak.gov.vn/tra-cuu``."""
    return portal_base_url.rstrip("/").split("://", 1)[-1] + "/tra-cuu"
