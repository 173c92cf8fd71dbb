"""Registers the vendored serif family with reportlab once per process."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

from reportlab import rl_config
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from resources import SERIF

REGULAR, BOLD, ITALIC, BOLD_ITALIC = "Serif", "Serif-Bold", "Serif-Italic", "Serif-BoldItalic"
# Streams are compressed binary; ASCII85 only makes files 25 % larger and slower to write.
rl_config.useA85 = 0
FAMILY = REGULAR
_lock = threading.Lock()
# reportlab's TTF subsetting keeps per-document state in the shared font objects: two documents drawn at once
# from two threads corrupt it (a KeyError on a glyph index, seen in CI). Every PDF is therefore drawn under
# this one lock; a receipt takes ≈ 20 ms, so counters that share a machine barely notice.
RENDER_LOCK = threading.RLock()
_Render = TypeVar("_Render", bound=Callable)


def one_render_at_a_time(render: _Render) -> _Render:
    """Decorate a function that draws a PDF with the registered fonts."""

    @wraps(render)
    def serialised(*args, **kwargs):
        with RENDER_LOCK:
            return render(*args, **kwargs)

    return serialised  # type: ignore[return-value]


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the family (idempotent, thread-safe) and return its name."""
    with _lock:
        for name, key in ((REGULAR, "regular"), (BOLD, "bold"), (ITALIC, "italic"),
                          (BOLD_ITALIC, "bold_italic")):
            pdfmetrics.registerFont(TTFont(name, str(SERIF[key])))
        pdfmetrics.registerFontFamily(FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
            addMapping(FAMILY, bold, italic, name)
    return FAMILY


@lru_cache(maxsize=1)
def _supported_codepoints() -> frozenset[int]:
    register_fonts()
    return frozenset(pdfmetrics.getFont(REGULAR).face.charToGlyph)


def printable(text: str) -> str:
    """Replace characters the font cannot draw (emoji, rare scripts) with "?"."""
    supported = _supported_codepoints()
    return "".join(ch if ord(ch) in supported or ch == " " else "?" for ch in text)
