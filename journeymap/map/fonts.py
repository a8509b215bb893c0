"""Whether a font on this machine has a character: asked of fontconfig.

The map measures its text before Graphviz draws it (:mod:`journeymap.map.textwidth`). A letter DejaVu
Sans lacks (Chinese, Thai, Devanagari, an emoji) is drawn from another font when one is installed,
about an em wide, and otherwise as a box of hex digits up to 19 pt wide whatever the text's size.
Measured as a box on a machine that has the font, a Japanese or Thai name took half its box and
wrapped after a few letters. Fontconfig is the library Graphviz and Pango find their fonts with;
it is asked once for the characters of all the fonts it lists (7 ms with the 50 fonts of a Debian
machine with DejaVu and Liberation), and then of each character. Where it cannot be loaded, no font is assumed (the boxes' widths, which always fit).
The few calls are made through ctypes: WeasyPrint's bindings would cost a map its 0.3 s import,
and no Python binding of fontconfig is kept up.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from typing import Any, Optional

#: The library's names, tried in turn (no search through the compiler: see briefing/engine.py).
_LIBRARIES = {"darwin": ("libfontconfig.1.dylib", "/opt/homebrew/lib/libfontconfig.1.dylib",
                         "/usr/local/lib/libfontconfig.1.dylib")}.get(sys.platform, ("libfontconfig.so.1",))


@lru_cache(maxsize=1)
def _coverage() -> Optional[tuple[Any, Any]]:
    """Fontconfig and the characters of every font it lists (their union), or None where the
    library cannot be had (ctypes is imported here: a map of plain Latin text never asks)."""
    import ctypes

    class _FontSet(ctypes.Structure):
        _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]

    for name in _LIBRARIES:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        void = ctypes.c_void_p
        for function, restype, argtypes in (
                ("FcInitLoadConfigAndFonts", void, []), ("FcPatternCreate", void, []),
                ("FcObjectSetCreate", void, []), ("FcObjectSetAdd", ctypes.c_int, [void, ctypes.c_char_p]),
                ("FcFontList", ctypes.POINTER(_FontSet), [void, void, void]), ("FcCharSetCreate", void, []),
                ("FcPatternGetCharSet", ctypes.c_int, [void, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(void)]),
                ("FcCharSetMerge", ctypes.c_int, [void, void, void]),
                ("FcCharSetHasChar", ctypes.c_int, [void, ctypes.c_uint32]),
                ("FcCharSetCount", ctypes.c_uint32, [void]),
                ("FcFontSetDestroy", None, [ctypes.POINTER(_FontSet)]), ("FcObjectSetDestroy", None, [void]),
                ("FcPatternDestroy", None, [void])):
            getattr(lib, function).restype, getattr(lib, function).argtypes = restype, argtypes
        config = lib.FcInitLoadConfigAndFonts()
        if not config:
            return None
        pattern, objects, every = lib.FcPatternCreate(), lib.FcObjectSetCreate(), lib.FcCharSetCreate()
        lib.FcObjectSetAdd(objects, b"charset")
        fonts = lib.FcFontList(config, pattern, objects)
        try:
            for n in range(fonts.contents.nfont if fonts else 0):
                charset = void()
                if lib.FcPatternGetCharSet(fonts.contents.fonts[n], b"charset", 0, ctypes.byref(charset)) == 0:
                    lib.FcCharSetMerge(every, charset, None)
        finally:
            if fonts:
                lib.FcFontSetDestroy(fonts)
            lib.FcObjectSetDestroy(objects)
            lib.FcPatternDestroy(pattern)
        return lib, every
    return None


#: The answer for each character asked about so far.
_KNOWN: dict[int, bool] = {}


def has_font(code: int) -> bool:
    """Whether a font installed here has the character ``code``."""
    if code not in _KNOWN:
        found = _coverage()
        _KNOWN[code] = found is not None and bool(found[0].FcCharSetHasChar(found[1], code))
    return _KNOWN[code]


def any_font() -> bool:
    """Whether fontconfig lists a font with any character at all (True where it cannot be asked).
    Pango crashes without one: on a CI image with Graphviz and no fonts, `brief` ended with a
    segmentation fault after a flood of Pango-CRITICAL lines, and `build -j 2` blamed memory (audit FX)."""
    found = _coverage()
    return found is None or found[0].FcCharSetCount(found[1]) > 0
