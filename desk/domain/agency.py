"""The agency's identity as printed on forms and encoded in the receipt QR (DOMAIN.md §2, §3)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
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
    # Each form's number, title and signer as this agency prints them ({kind: {key: text}}), shared by its
    # counters: desk/domain/printed_forms.py ``with_overrides``.
    form_texts: dict = dataclass_field(default_factory=dict, compare=False)

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
        try:
            from .printed_forms import validate_form_texts

            cleaned = replace(cleaned, form_texts=validate_form_texts(self.form_texts))
        except DomainError as error:
            problems.append(error)
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


def suggest_parent_authority(unit_name: str, place_name: str = "") -> str:
    """The body directly above the unit, as Nghị định 30/2020 prints it over the unit's name: a commune's Trung
    tâm Phục vụ hành chính công or Bộ phận Một cửa serves under its commune's People's Committee ("UBND XÃ EA
    KAR"; "UBND PHƯỜNG …" for a ward). "" when the unit's name does not say which commune."""
    folded = clean_user_text(unit_name)
    for end in (",", "(", " - ", " – ", ";"):  # "…xã Ea Kar, tỉnh Đắk Lắk": the commune only
        folded = folded.split(end, 1)[0].strip()
    lower = folded.lower()
    for level, printed in (("đặc khu", "ĐẶC KHU"), ("phường", "PHƯỜNG"), ("xã", "XÃ")):
        marker = f" {level} "
        if marker in f" {lower} ":
            start = f" {lower} ".index(marker) + len(marker) - 1
            place = folded[start:].strip() or place_name
            if place:
                return f"UBND {printed} {place.upper()}"
    return ""


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
