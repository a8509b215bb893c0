"""A ``[`` list or ``{`` mapping that a comment left open: ``feedback: [Survey #1, Reviews]``.

A ``#`` after a space starts a comment, in brackets too, so YAML reads the list above as
``[Survey`` and the comment ``#1, Reviews]``: the closing bracket is gone, and libyaml says only
that the list is not closed. Told here at the ``#``, with the item to quote.
"""

from __future__ import annotations

from typing import Any, Optional

import yaml

from journeymap.journey.hint import Hint
from journeymap.journey.textsafe import TYPOGRAPHIC_QUOTES
from journeymap.journey.yamlparse import PARSER

_OPEN = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_CLOSE = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
#: The longest line of brackets shown whole as the example; a longer one shows the item alone.
_SHOWN = 72


def flow_comment(text: str, lines: list[str], last_line: int) -> Optional[Hint]:
    """The first comment inside a ``[`` or ``{`` still open, up to line ``last_line`` (1-based),
    whose text holds a comma or a closing bracket (what it swallowed); None when there is none.
    The scanner's own tokens, so a ``#`` in quotes is not taken for one."""
    opened: list[Any] = []  # the [ and { tokens open, innermost last
    before: Any = None  # the token before the gap looked into
    try:
        for token in yaml.scan(text, Loader=PARSER):
            found = _comment_between(lines, before.end_mark, token.start_mark) if opened else None
            if found is not None:
                return _told(lines, before, opened[-1], *found) if found[0] < last_line else None
            if isinstance(token, _OPEN):
                opened.append(token)
            elif isinstance(token, _CLOSE) and opened:
                opened.pop()
            before = token
    except yaml.YAMLError:
        pass
    return None


def _comment_between(lines: list[str], start: Any, end: Any) -> Optional[tuple[int, int]]:
    """The 0-based line and column of the first ``#`` between two tokens (only blanks and comments
    lie there) that follows text on its line and whose comment holds a ``,``, ``]`` or ``}``."""
    for number in range(start.line, min(end.line, len(lines) - 1) + 1):
        row = lines[number]
        left = start.column if number == start.line else 0
        right = end.column if number == end.line else len(row)
        at = row.find("#", left, right)
        # a comment line of its own is meant as one; one after an item may have cut it
        if at >= 0 and row[:at].strip() and any(c in row[at:] for c in ",]}"):
            return number, at
    return None


def _told(lines: list[str], before: Any, opener: Any, line: int, column: int) -> Hint:
    """The hint for the comment at ``line``, ``column`` (0-based) inside the collection ``opener``
    opens: the item the comment cuts, quoted."""
    row = lines[line]
    glued = isinstance(before, yaml.ScalarToken) and before.plain and before.end_mark.line == line
    start = before.start_mark.column if glued else column  # the item's words before the #, if any
    stop = next((i for i in range(column, len(row)) if row[i] in ",]}"), len(row))
    item = row[start:stop].rstrip()
    # typographic quotes round it are text to YAML: the example puts straight ones in their place,
    # not round them (`["“Fault #2”"]`: review CY)
    bare = item[1:-1] if len(item) > 2 and item[0] in TYPOGRAPHIC_QUOTES and item[-1] in TYPOGRAPHIC_QUOTES else item
    quoted = f'"{bare}"' if '"' not in bare else "'" + bare.replace("'", "''") + "'"
    example = quoted
    mark = opener.start_mark
    if mark.line == line:  # the brackets on one line: shown whole, the item quoted
        shown = row[mark.column:start] + quoted + row[start + len(item):].rstrip()
        example = shown if len(shown) <= _SHOWN and shown[-1] in "]}" else quoted
    part = "[ list" if isinstance(opener, yaml.FlowSequenceStartToken) else "{ mapping"
    cut = row[column:].strip()
    return Hint(f"the {part} that starts at line {mark.line + 1}, column {mark.column + 1} is not closed: YAML "
                f"reads {cut if len(cut) <= 40 else cut[:39] + chr(0x2026)!r} as a comment (a # after a space "
                f"starts one, in brackets too); put the item in quotes, e.g. {example}", line + 1, column + 1)
