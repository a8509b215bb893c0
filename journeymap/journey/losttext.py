"""Text that YAML reads as something else, without a complaint: the rest of a value after ``' #'``
(a comment) and a first word after ``&`` (an anchor).

``name: Passes credit check #2`` is the name "Passes credit check"; ``name: &check credit`` is
"credit". Both are valid YAML, so the file passes ``check``, and the map, the briefing and the
exports carry the cut text with nothing to say so (audit AB). They are not findings (SPEC 2 has
no code for valid YAML that may not say what its writer meant): ``journeymap check`` tells them as
notes. A comment is told only when its ``#`` is followed by a word, as in ``#2`` or ``#brand``:
``# a note`` is how comments are written. An anchor is told only when no alias uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
import yaml.events as ev

#: Keys whose values are ids or fixed words, where a comment cuts nothing anyone reads.
_WORDS = frozenset({"id", "department", "to", "reliability", "layer", "category", "journeymap", "ignore"})
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
        """What the value reads as, why, and the quoted value that keeps it all."""
        shown = self.written.replace("\\", "\\\\").replace('"', '\\"')
        return (f"this value reads {self.reads!r}: {self.why}; put the whole text in quotes to keep it: "
                f"\"{shown}\"")


def _loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def lost_texts(text: str) -> list[LostText]:
    """Every value of ``text`` cut by a comment or an anchor (none for a file YAML cannot read)."""
    lines = text.splitlines()
    found: list[LostText] = []
    anchored: dict[str, LostText] = {}
    used: set[str] = set()
    keys: list[list[object]] = []  # per open collection: [is a mapping, the next scalar is a key, its key]
    try:
        for event in yaml.parse(text, Loader=_loader()):
            if isinstance(event, ev.AliasEvent):
                used.add(event.anchor or "")
            if isinstance(event, (ev.MappingStartEvent, ev.SequenceStartEvent)):
                _value_seen(keys)
                keys.append([isinstance(event, ev.MappingStartEvent), True, None])
            elif isinstance(event, (ev.MappingEndEvent, ev.SequenceEndEvent)):
                keys.pop()
            elif isinstance(event, (ev.ScalarEvent, ev.AliasEvent)):
                key = keys[-1][2] if keys and keys[-1][0] and not keys[-1][1] else None
                if isinstance(event, ev.ScalarEvent) and not (keys and keys[-1][0] and keys[-1][1]):
                    _check(event, key, lines, found, anchored)
                if keys and keys[-1][0] and keys[-1][1]:
                    keys[-1][2] = event.value if isinstance(event, ev.ScalarEvent) else None
                _value_seen(keys)
    except yaml.YAMLError:
        return []
    found += [lost for anchor, lost in anchored.items() if anchor not in used]
    return sorted(found, key=lambda lost: (lost.line, lost.column))


def _value_seen(keys: list[list[object]]) -> None:
    """A mapping's key was read (its value comes next), or its value (a key comes next)."""
    if keys and keys[-1][0]:
        keys[-1][1] = not keys[-1][1]


def _check(event: ev.ScalarEvent, key: object, lines: list[str], found: list[LostText],
           anchored: dict[str, LostText]) -> None:
    """Note ``event``, a value, when a comment or an anchor cut it."""
    if event.style not in (None, "") or key in _WORDS or not event.value:  # plain: None, or "" (libyaml)
        return
    start, end = event.start_mark, event.end_mark
    if start is None or end is None or start.line != end.line or end.line >= len(lines):
        return
    row = lines[end.line]
    comment = _COMMENT.match(row, end.column)
    if comment is not None:
        written = row[start.column:].strip()
        said = row[comment.end() - 2:].strip()
        found.append(LostText(start.line + 1, start.column + 1, event.value, written,
                              f"YAML reads {said if len(said) <= 40 else said[:39] + chr(0x2026)!r} as a comment"))
    elif event.anchor is not None:
        written = row[start.column:end.column].strip()
        anchored[event.anchor] = LostText(start.line + 1, start.column + 1, event.value, written,
                                          f"YAML reads '&{event.anchor}' as an anchor (a name to reuse the value by)")
