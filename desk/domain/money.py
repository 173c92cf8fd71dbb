"""Amounts in đồng, printed "10.000 đ" with a dot as thousands separator (DOMAIN.md §6)."""

from __future__ import annotations


def format_vnd(amount: int) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,}".replace(",", ".") + " đ"
