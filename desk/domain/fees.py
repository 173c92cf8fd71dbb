"""Fee rules of a procedure (phí, lệ phí; DOMAIN.md §6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .errors import DomainError
from .money import format_vnd


class FeeKind(StrEnum):
    FREE = "free"
    FIXED = "fixed"  # per dossier
    PER_COPY = "per_copy"  # amount × copies
    PER_PAGE = "per_page"  # tiered per page, capped per copy, × copies
    UNSET = "unset"  # set by the provincial council and not yet typed in by an admin


@dataclass(frozen=True)
class PageTier:
    first_page: int
    last_page: int | None  # None: and every page after
    amount: int  # per page


@dataclass(frozen=True)
class FeeRule:
    kind: FeeKind
    amount: int = 0
    tiers: tuple[PageTier, ...] = field(default=())
    cap_per_copy: int | None = None
    note: str = ""

    def __post_init__(self):
        object.__setattr__(self, "kind", FeeKind(self.kind))
        if self.amount < 0 or any(t.amount < 0 for t in self.tiers):
            raise DomainError("Lệ phí không được âm.")
        if self.kind is FeeKind.PER_PAGE and not self.tiers:
            raise DomainError("Lệ phí theo trang cần ít nhất một bậc.")

    @property
    def needs_pages(self) -> bool:
        return self.kind is FeeKind.PER_PAGE

    @property
    def needs_copies(self) -> bool:
        return self.kind in (FeeKind.PER_PAGE, FeeKind.PER_COPY)

    def compute(self, *, pages: int = 1, copies: int = 1) -> int:
        if pages < 0 or copies < 0:
            raise DomainError("Số trang và số bản không được âm.")
        if self.kind in (FeeKind.FREE, FeeKind.UNSET):
            return 0
        if self.kind is FeeKind.FIXED:
            return self.amount
        if self.kind is FeeKind.PER_COPY:
            return self.amount * copies
        per_copy = 0
        for page in range(1, pages + 1):
            per_copy += self._page_amount(page)
        if self.cap_per_copy is not None:
            per_copy = min(per_copy, self.cap_per_copy)
        return per_copy * copies

    def _page_amount(self, page: int) -> int:
        for tier in self.tiers:
            if page >= tier.first_page and (tier.last_page is None or page <= tier.last_page):
                return tier.amount
        return 0

    def describe(self) -> str:
        if self.kind is FeeKind.FREE:
            return "Miễn phí"
        if self.kind is FeeKind.UNSET:
            return "Theo mức HĐND tỉnh (chưa cấu hình)"
        if self.kind is FeeKind.FIXED:
            return format_vnd(self.amount)
        if self.kind is FeeKind.PER_COPY:
            return f"{format_vnd(self.amount)}/bản"
        parts = []
        for tier in self.tiers:
            pages = (f"trang {tier.first_page}–{tier.last_page}" if tier.last_page
                     else f"từ trang {tier.first_page}")
            parts.append(f"{pages}: {format_vnd(tier.amount)}/trang")
        text = "; ".join(parts)
        if self.cap_per_copy is not None:
            text += f"; tối đa {format_vnd(self.cap_per_copy)}/bản"
        return text

    def to_dict(self) -> dict:
        data: dict = {"kind": self.kind.value}
        if self.kind in (FeeKind.FIXED, FeeKind.PER_COPY):
            data["amount"] = self.amount
        if self.tiers:
            data["tiers"] = [{"first_page": t.first_page, "last_page": t.last_page, "amount": t.amount}
                             for t in self.tiers]
        if self.cap_per_copy is not None:
            data["cap_per_copy"] = self.cap_per_copy
        if self.note:
            data["note"] = self.note
        return data

    @classmethod
    def from_dict(cls, data: dict) -> FeeRule:
        try:
            kind = FeeKind(data["kind"])
        except (KeyError, ValueError) as exc:
            raise DomainError(f"Loại lệ phí không hợp lệ: {data.get('kind')!r}.", field="fee.kind") from exc
        tiers = tuple(PageTier(int(t["first_page"]), None if t.get("last_page") is None else int(t["last_page"]),
                               int(t["amount"])) for t in data.get("tiers", ()))
        cap = data.get("cap_per_copy")
        return cls(kind, int(data.get("amount", 0)), tiers, None if cap is None else int(cap),
                   str(data.get("note", "")))
