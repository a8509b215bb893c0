"""Small helpers for the words of messages and pages."""

from __future__ import annotations

from typing import Optional


def counted(n: int, singular: str, plural: Optional[str] = None) -> str:
    """``n`` and its noun, singular for one (the plural defaults to the singular and an s).

    >>> counted(1, "moment of truth", "moments of truth"), counted(2, "hand-off"), counted(0, "error")
    ('1 moment of truth', '2 hand-offs', '0 errors')
    """
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
