"""Pyphen's hyphenation dictionaries read lazily: each pattern parsed when a word first asks for it.

Pyphen parses every pattern of a dictionary when it is first used: German's 66,000 took 0.53 s,
a fifth of a German journey's briefing, for the few hundred words a map or a briefing breaks.
:func:`make_ready` indexes the patterns by their letters instead (a regular expression over each
line, no parsing) and parses a pattern when a word looks it up, with Pyphen's own parser, so a
word breaks exactly where Pyphen breaks it (``tests/test_hyphendict.py`` compares them over the
dictionaries' own words). The dictionary is put in Pyphen's shared cache, where every
``pyphen.Pyphen`` of that language finds it: ours on the map and the HTML page, and WeasyPrint's
when it prints.

Pyphen's internals are leaned on (``HyphDict``'s ``patterns``, ``cache`` and ``maxlen``, the
module's ``parse`` and ``hdcache``), in the releases :data:`FOLLOWS` names; with another, Pyphen
reads its dictionaries itself, only slower.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Optional

#: The Pyphen releases whose dictionaries this reads as they read them.
FOLLOWS = ("0.18.",)
_DIGITS = re.compile(r"\d")
_NOT_FOUND = object()


class LazyPatterns:
    """A dictionary's patterns by their letters, each parsed on its first look-up (what
    ``HyphDict.positions`` asks of its ``patterns``: ``get``)."""

    def __init__(self, lines: dict[str, list[str]], pyphen: Any) -> None:
        self._lines, self._pyphen = lines, pyphen
        self._parsed: dict[str, Any] = {}

    def get(self, letters: str, default: Any = None) -> Any:
        """The pattern of ``letters`` as Pyphen stores it (start, values), else ``default``."""
        lines = self._lines.get(letters)
        if lines is None:  # most look-ups (every piece of every word): nothing kept for them
            return default
        found = self._parsed.get(letters, _NOT_FOUND)
        if found is _NOT_FOUND:
            found = self._parsed[letters] = self._parse(lines)
        return default if found is None else found

    def _parse(self, lines: list[str]) -> Optional[tuple[int, tuple[Any, ...]]]:
        """Pyphen's reading of the last of ``lines`` that holds a break (its later lines win)."""
        for pattern in reversed(lines):
            if "/" in pattern and "=" in pattern:
                pattern, alternative = pattern.split("/", 1)
                factory: Any = self._pyphen.AlternativeParser(pattern, alternative)
            else:
                factory = int
            values = tuple(factory(digit or "0") for digit, _ in self._pyphen.parse(pattern))
            if max(values) == 0:
                continue
            start, end = 0, len(values)
            while not values[start]:
                start += 1
            while not values[end - 1]:
                end -= 1
            return start, values[start:end]
        return None


def _indexed(path: Path, pyphen: Any) -> tuple[dict[str, list[str]], int]:
    """The lines of a ``hyph_*.dic`` by their letters, as Pyphen reads it; and the longest."""
    with path.open("rb") as fd:
        encoding = fd.readline().decode()
    if encoding.lower() == "microsoft-cp1251":
        encoding = "cp1251"
    lines: dict[str, list[str]] = {}
    for line in path.read_text(encoding).split("\n")[1:]:
        line = line.strip()
        if not line or line.startswith(pyphen.ignored):
            continue
        if "^^" in line:
            line = pyphen.parse_hex(lambda match: chr(int(match.group(1), 16)), line)
        letters = _DIGITS.sub("", line.split("/", 1)[0] if "/" in line and "=" in line else line)
        lines.setdefault(letters, []).append(line)
    return lines, max(map(len, lines), default=0)


def make_ready(language: str) -> None:
    """Put the dictionary Pyphen uses for ``language`` in its shared cache, read lazily; nothing
    where Pyphen has no dictionary for it, has it already, or is a release not followed."""
    import pyphen

    name = pyphen.language_fallback(language)
    if name is None or not str(getattr(pyphen, "__version__", "")).startswith(FOLLOWS):
        return
    path = pyphen.LANGUAGES[name]
    if path in pyphen.hdcache:
        return
    lines, longest = _indexed(path, pyphen)
    dictionary = pyphen.HyphDict.__new__(pyphen.HyphDict)
    dictionary.patterns, dictionary.cache, dictionary.maxlen = LazyPatterns(lines, pyphen), {}, longest
    pyphen.hdcache[path] = dictionary
