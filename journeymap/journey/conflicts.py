"""Merge-conflict markers left in a file (``<<<<<<<``, ``=======``, ``>>>>>>>``), told as such.

After a merge the markers are the commonest way a journey file breaks, and YAML's own complaint
about them pointed elsewhere: "this key has no ': ' after it" at the ``>>>>>>>`` line, a quoting
hint on the line under a ``<<<<<<<`` at the top, or the first two markers taken into a
``[ list ]`` as text (audit DA). A marker at the start of a line is never a journey's content:
a value that goes on over lines is indented, so this is checked before the YAML is read.
"""

from __future__ import annotations

import re
from typing import Optional

from journeymap.findings import Finding

#: A marker line: seven of one character at the start of a line, then the end of the line or (for
#: the outer markers and diff3's base marker) a space and a name.
_MARKER = re.compile(r"^(?:(?P<open><{7})|(?P<base>\|{7})|(?P<middle>={7})|(?P<close>>{7}))(?:[ \t]+(?P<name>.*?))?"
                     r"[ \t]*\r?$")
_KINDS = {"open": "<<<<<<<", "base": "|||||||", "middle": "=======", "close": ">>>>>>>"}


def _markers(text: str) -> list[tuple[int, str, str]]:
    """Each marker line of ``text``: its line number, its kind (a key of :data:`_KINDS`) and the
    name after it ('' where none). ``=======`` counts only alone on its line."""
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        match = _MARKER.match(line)
        if match is None:
            continue
        kind = next(k for k in _KINDS if match.group(k))
        name = (match.group("name") or "").strip()
        if kind == "middle" and name:
            continue
        found.append((number, kind, name))
    return found


def conflict_findings(text: str, path: str) -> list[Finding]:
    """An E001 finding for each merge conflict git left in ``text`` (at its ``<<<<<<<`` line), and
    for each marker line outside one (left over when a conflict was mended by hand)."""
    findings: list[Finding] = []
    markers = _markers(text)
    if markers and not any(kind in ("open", "close") for _, kind, _ in markers):
        # a ======= alone is a marker left from a conflict mended by hand, unless it lies in a
        # quoted value that runs over lines, which may hold one at column 1 (review DB); taken for
        # text, one went into a [ list ] as "======= Rude" (review DD)
        quoted = _quoted_lines(text)
        markers = [m for m in markers if m[0] not in quoted]
    at = 0
    while at < len(markers):
        line, kind, name = markers[at]
        block = _block(markers, at) if kind == "open" else None
        if block is None:
            findings.append(Finding("E001", f"invalid YAML: a merge-conflict marker is left in the file "
                                    f"({_KINDS[kind]}{' ' + name if name else ''}); after a merge, git marks the "
                                    "two versions of a conflict with <<<<<<<, ======= and >>>>>>> lines: keep the "
                                    "lines you want and delete the marker lines", path, line, 1))
            at += 1
            continue
        inner = markers[at + 1:block + 1]
        ours_end = inner[0][0] - 1  # up to the base marker (diff3) or the =======
        middle = next(n for n, k, _ in inner if k == "middle")
        close_line, _, theirs = markers[block]
        findings.append(Finding(
            "E001", f"invalid YAML: an unresolved merge conflict (lines {line}–{close_line}): git left both "
            f"versions here, {_side(name, 'one side')} ({_span(line + 1, ours_end)}) and "
            f"{_side(theirs, 'the other')} ({_span(middle + 1, close_line - 1)}); keep the version you want, "
            "and delete the other with the marker lines <<<<<<<, ======= and >>>>>>>", path, line, 1))
        at = block + 1
    return findings


def _quoted_lines(text: str) -> set[int]:
    """The lines (1-based) inside quoted values that run over lines, as YAML scans them; none
    where YAML cannot scan the file (its markers are then told as markers)."""
    import yaml

    inside: set[int] = set()
    try:
        # libyaml's scanner where there is one: the Python one took 80 s over a file nested 50,000 deep
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"'):
                inside.update(range(token.start_mark.line + 2, token.end_mark.line + 1))
    except yaml.YAMLError:
        return set()
    return inside


def _block(markers: list[tuple[int, str, str]], start: int) -> Optional[int]:
    """The index of the ``>>>>>>>`` that closes the conflict opened at ``markers[start]``, with a
    ``=======`` between them (and at most a ``|||||||`` before that), or None."""
    seen_middle = False
    for index in range(start + 1, len(markers)):
        kind = markers[index][1]
        if kind == "middle" and not seen_middle:
            seen_middle = True
        elif kind == "close" and seen_middle:
            return index
        elif kind != "base" or seen_middle:
            return None
    return None


def _side(name: str, unnamed: str) -> str:
    """How a side of a conflict is named: its branch or commit as git wrote it, in quotes."""
    return f"'{name}'" if name else unnamed


def _span(first: int, last: int) -> str:
    """Lines ``first`` to ``last`` as said, "no lines" for an empty side.

    >>> _span(40, 41), _span(40, 40), _span(41, 40)
    ('lines 40–41', 'line 40', 'no lines')
    """
    if last < first:
        return "no lines"
    return f"line {first}" if first == last else f"lines {first}–{last}"
