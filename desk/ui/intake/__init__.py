"""The intake page and its parts (see page.py)."""

from .page import IntakePage

__all__ = ["IntakePage"]
