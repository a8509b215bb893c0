"""pydyf's streams deflated at zlib's default level (6), not at its best (9) (issue 13: speed).

pydyf compresses every content stream and font with ``zlib.compressobj(level=9)``. A
500-touch-point briefing deflates 13 MB of page content: 0.68 s at level 9, 0.19 s at level 6,
for a file 3 % bigger (1.63 -> 1.67 MB). The pages are the same; only their deflated bytes differ.
While a rendering runs, :func:`default_deflate` lends pydyf a ``zlib`` whose ``compressobj``
takes level 6 for 9, and gives pydyf its own back when the last rendering ends.
"""

from __future__ import annotations

import types
import zlib
from typing import Any, Callable, ContextManager, Optional

from journeymap.briefing.lending import Shared, swapped

#: zlib's own default: most of level 9's gain on page content, at a quarter of its time.
LEVEL = 6


def _compressobj(level: int = -1, *args: Any, **kwargs: Any) -> Any:
    return zlib.compressobj(LEVEL if level == 9 else level, *args, **kwargs)


def _lend() -> Optional[Callable[[], None]]:
    try:
        import pydyf
    except ImportError:
        return None
    own = getattr(pydyf, "zlib", None)
    if own is not zlib:
        return None
    lent = types.SimpleNamespace(**{name: getattr(zlib, name) for name in dir(zlib) if not name.startswith("__")})
    lent.compressobj = _compressobj
    return swapped(pydyf, "zlib", lent)


_DEFAULT = Shared(_lend)


def default_deflate() -> ContextManager[bool]:
    """Hold the level-6 deflate for the block (yields whether it is in place)."""
    return _DEFAULT.held()
