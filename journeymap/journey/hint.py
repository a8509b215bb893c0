"""A hint: what went wrong in a journey's text, in words, and where; and the pattern of a key line
that the hints read lines by."""

from __future__ import annotations

import re
from typing import NamedTuple


class Hint(NamedTuple):
    """What went wrong, in words, and where (1-based)."""

    message: str
    line: int
    column: int


#: A key at the start of a line (after a list's dash): group 1 the indentation and dash, 2 the key.
KEY_START = r"^( *(?:- +)?)([a-z_]+):"
#: A key line: a key followed by a space or the line's end.
KEY_LINE = re.compile(KEY_START + r"(?:\s|$)")
