"""Text that YAML reads as something else, without a complaint: the rest of a value after ``' #'``
(a comment), a first word after ``&`` (an anchor), and an item of a ``[ list ]`` ended by a comma
that was part of it (a typographic quote's, a number's thousands).

``name: Passes credit check #2`` is the name "Passes credit check"; ``name: &check credit`` is
"credit". Both are valid YAML, so the file passes ``check``, and the map, the briefing and the
exports carry the cut text with nothing to say so. They are not findings (SPEC 2 has
no code for valid YAML that may not say what its writer meant): ``journeymap check`` tells them as
notes. A comment is told only when its ``#`` is followed by a word, as in ``#2`` or ``#brand``:
``# a note`` is how comments are written. An anchor is told only when no alias uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

import yaml
import yaml.events as ev

from journeymap.findings import Finding
from journeymap.journey.textsafe import TYPOGRAPHIC_PAIRS, TYPOGRAPHIC_QUOTES
from journeymap.journey.yamlparse import implicit_tag, parse, source_lines, stand_ins

#: Keys whose values are ids or fixed words, where a comment cuts nothing anyone reads.
_WORDS = frozenset({"id", "department", "to", "next", "reliability", "layer", "category", "journeymap",
                    "ignore", "emotion", "moment_of_truth"})
_STR = "tag:yaml.org,2002:str"
_COMMENT = re.compile(r"[ \t]+#[^\s#]")


@dataclass(frozen=True)
class LostText:
    """A value YAML reads shorter than it is written, at 1-based ``line`` and ``column``."""

    line: int
    column: int
    reads: str
    written: str
    why: str

    def message(self) -> str:
        """What the value reads as, why, and the quoted value that keeps it all (in straight quotes
        for the typographic ones a word processor typed round it, which YAML takes as text)."""
        written, quotes = self.written, ""
        if len(written) > 1 and written[0] in TYPOGRAPHIC_QUOTES and written[-1] in TYPOGRAPHIC_QUOTES:
            written, quotes = written[1:-1], f" (straight quotes, for the typographic {self.written[0]} {self.written[-1]})"
        shown = written.replace("\\", "\\\\").replace('"', '\\"')
        return (f"this value reads {self.reads!r}: {self.why}; put the whole text in quotes{quotes} to keep it: "
                f"\"{shown}\"")


@dataclass
class _Open:
    """A collection being read: a mapping (whose next scalar may be a key) or a list, and the key
    its values are read under (a mapping's last key; a list's own key, for all its items)."""

    mapping: bool
    key: Any
    key_next: bool = True
    flow: bool = False  #: a [ list ] written on a line, whose items end at a comma

    def value_seen(self) -> None:
        """A mapping's key was read (its value comes next), or its value (a key comes next)."""
        if self.mapping:
            self.key_next = not self.key_next


#: Findings of a file YAML could not read, or over the limits: its errors say enough, and it is
#: not parsed again for notes.
UNREAD = frozenset({"E001", "E009"})


def notes_of(path: str, findings: Iterable[Finding], text: Callable[[], Optional[str]]) -> list[LostText]:
    """:func:`lost_texts` of a checked file, whose ``text`` is asked for (None: it cannot be had)
    only when its own ``findings`` (those at ``path``) do not say it could not be read
    (:data:`UNREAD`)."""
    if any(f.code in UNREAD and f.path == path for f in findings):
        return []
    read = text()
    return lost_texts(read) if read is not None else []


def lost_texts(text: str) -> list[LostText]:
    """Every value of ``text`` cut by a comment or an anchor (none for a file YAML cannot read)."""
    lines = source_lines(text)
    found: list[LostText] = []
    anchored: list[Optional[LostText]] = []  # each anchor as it is set: its note, if it cut a value
    latest: dict[str, int] = {}  # a name, set again, names the latest value (an alias reuses that one)
    used: set[int] = set()
    stack: list[_Open] = []
    try:
        for event in parse(*stand_ins(text)):
            top = stack[-1] if stack else None
            if isinstance(event, (ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent)) and event.anchor:
                latest[event.anchor] = len(anchored)
                anchored.append(None)
            if isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                mapping = isinstance(event, ev.MappingStartEvent)
                stack.append(_Open(mapping, None if mapping or top is None else top.key,
                                   flow=not mapping and bool(event.flow_style)))
                if top is not None:
                    top.value_seen()
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                stack.pop()
            elif isinstance(event, (ev.ScalarEvent, ev.AliasEvent)):
                if isinstance(event, ev.AliasEvent) and event.anchor in latest:
                    used.add(latest[event.anchor])
                if top is not None and top.mapping and top.key_next:
                    top.key = event.value if isinstance(event, ev.ScalarEvent) else None
                elif isinstance(event, ev.ScalarEvent):
                    _check(event, top.key if top is not None else None, lines, found, anchored)
                    if top is not None and top.flow:
                        _split(event, lines, found)
                if top is not None:
                    top.value_seen()
    except yaml.YAMLError:
        return []
    found += [lost for n, lost in enumerate(anchored) if lost is not None and n not in used]
    return sorted(found, key=lambda lost: (lost.line, lost.column))


def _split(event: ev.ScalarEvent, lines: list[str], found: list[LostText]) -> None:
    """Note an item of a [ list ] that opens a typographic quote the item does not close: YAML
    takes the quote for text, and a comma inside it ends the item (`[“Slow, unclear”, “Other”]`
    was three metrics: review CY)."""
    value, start, end = event.value, event.start_mark, event.end_mark
    if _thousands(event, lines, found):
        return
    closing = TYPOGRAPHIC_PAIRS.get(value[:1]) if event.style in (None, "") else None
    if closing is None or value.endswith(closing):
        return
    if start is None or end is None or start.line != end.line or start.line >= len(lines):
        return
    row = lines[start.line]
    close = row.find(closing, end.column)
    if close < 0:
        return
    found.append(LostText(start.line + 1, start.column + 1, value, row[start.column:close + 1],
                          f"YAML takes {value[0]} for text, not a quote, so the list's comma in it ends the item"))


#: A number's thousands written with commas, right after an item of a [ list ] that ends in a digit.
_THOUSANDS = re.compile(r"(?:,\d{3})+(?!\d)")


def _thousands(event: ev.ScalarEvent, lines: list[str], found: list[LostText]) -> bool:
    """Note an item of a [ list ] that a number's comma ended: `[Contacts per 1,000 customers]`
    is two metrics, "Contacts per 1" and "000 customers", and passed the checks (audit DX)."""
    start, end = event.start_mark, event.end_mark
    if event.style not in (None, "") or not event.value[-1:].isdigit() or start is None or end is None \
            or start.line != end.line or end.line >= len(lines):
        return False
    row = lines[end.line]
    found_here = _THOUSANDS.match(row, end.column)
    begun = start.column >= 2 and row[start.column - 2:start.column - 1].isdigit() and row[start.column - 1] == ","
    if found_here is None or (begun and re.match(r"\d{3}(?!\d)", row[start.column:])):
        return False  # (an item a thousands comma began is the rest of the one told before it)
    ends = [i for i in (row.find(",", found_here.end()), row.find("]", found_here.end())) if i >= 0]
    written = row[start.column:min(ends) if ends else len(row)].strip()
    found.append(LostText(start.line + 1, start.column + 1, event.value, written,
                          "a [ list ] ends an item at each comma, the comma of a number too"))
    return True


def _check(event: ev.ScalarEvent, key: object, lines: list[str], found: list[LostText],
           anchored: list[Optional[LostText]]) -> None:
    """Note ``event``, a value, when a comment or an anchor cut it (an anchor's note replaces the
    last of ``anchored``, the place kept for it, and is told unless an alias uses the value)."""
    if event.style not in (None, "") or key in _WORDS or not event.value:  # plain: None, or "" (libyaml)
        return
    if implicit_tag(event.value, (True, False)) != _STR:
        return  # a number, a boolean, a date: not text cut short
    start, end = event.start_mark, event.end_mark
    if start is None or end is None or end.line >= len(lines):
        return
    row = lines[end.line]
    comment = _COMMENT.match(row, end.column)
    if comment is not None:
        # a value over several lines is cut on its last: the value as read, then the rest of that line
        written = row[start.column:].strip() if start.line == end.line else event.value + row[end.column:].rstrip()
        said = row[comment.end() - 2:].strip()
        found.append(LostText(start.line + 1, start.column + 1, event.value, written,
                              f"YAML reads {said if len(said) <= 40 else said[:39] + chr(0x2026)!r} as a comment"))
    elif event.anchor is not None and start.line == end.line:
        written = row[start.column:end.column].strip()
        anchored[-1] = LostText(start.line + 1, start.column + 1, event.value, written,
                                          f"YAML reads '&{event.anchor}' as an anchor (a name to reuse the value by)")
