"""The syntax errors after a journey file's first. libyaml stops at the first it meets, so a file
with a tab on line 34 and another on line 48 was mended one ``check`` at a time (audit DN). Where
the first is one line's own slip, that line is mended in a copy of the text (a tab in its
indentation turned into the spaces of the lines around it; any other slip blanked out, with the
lines nested under it), every line keeping its number, and the copy read again, up to
:data:`MOST` errors in all. A text left open (a quote, a [ list) or an error the mend does not
move past ends the search: what follows it may be only its echo."""

from __future__ import annotations

import re
from typing import Callable, Optional

import yaml

from journeymap.findings import Finding
from journeymap.journey.yamlparse import PARSER

#: Syntax errors told in one run at most: the first and the ones found past each mend.
MOST = 10
#: A longer text is told its first error only: each search reads it again.
MOST_CHARACTERS = 1_000_000
#: libyaml's complaints about one line alone, which a mend of that line answers.
_ONE_LINE = ("found a tab character", "cannot start any token", "mapping values are not allowed",
             "did not find expected '-' indicator", "did not find expected key", "expected <block end>",
             "could not find expected ':'")
_BREAKS = re.compile(r"(\r\n|\r|\n)")

#: How a finding is made of libyaml's complaint about a text.
Explain = Callable[[yaml.MarkedYAMLError, str], Finding]


def later_errors(text: str, first: Finding, problem: str, explain: Explain) -> list[Finding]:
    """The syntax errors of ``text`` after ``first`` (libyaml's ``problem``), each made by
    ``explain`` from the mended text, in the order they are met: none when the first is not one
    line's own slip (:data:`_ONE_LINE`)."""
    if len(text) > MOST_CHARACTERS:
        return []
    found: list[Finding] = []
    parts = _BREAKS.split(text)  # line, break, line, break, ...: a line's text is parts[2 * (n - 1)]
    last = first
    while len(found) < MOST - 1 and any(phrase in problem for phrase in _ONE_LINE):
        through = _mend(parts, last.line)
        if through is None:
            break
        mended = "".join(parts)
        exc = _error_in(mended)
        if exc is None:
            break
        finding = explain(exc, mended)
        if finding.line <= through:  # the mend did not hold: what is found may be its echo
            break
        found.append(finding)
        last, problem = finding, exc.problem or ""
    return found


def _error_in(text: str) -> Optional[yaml.MarkedYAMLError]:
    """libyaml's complaint about ``text``, or None when it reads (or fails otherwise)."""
    try:
        for _ in yaml.parse(text, Loader=PARSER):
            pass
    except yaml.MarkedYAMLError as exc:
        return exc
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    return None


def _mend(parts: list[str], line: int) -> Optional[int]:
    """Mend ``line`` (1-based) of the text split in ``parts``, in place: a tab in its indentation
    becomes spaces; else it is blanked, and the lines nested under it. The last line mended, or
    None when there is no such line."""
    count = (len(parts) + 1) // 2
    if not 0 < line <= count:
        return None
    text = parts[2 * (line - 1)]
    lead = text[:len(text) - len(text.lstrip(" \t"))]
    if "\t" in lead:
        parts[2 * (line - 1)] = " " * _indent_for(parts, line, text.lstrip(" \t")) + text.lstrip(" \t")
        return line
    depth, last = len(lead), line
    parts[2 * (line - 1)] = ""
    for n in range(line + 1, count + 1):
        below = parts[2 * (n - 1)]
        if below.strip() and len(below) - len(below.lstrip(" \t")) <= depth:
            break
        parts[2 * (n - 1)], last = "", n
    return max(last, _item_end(parts, line, depth))


def _item_end(parts: list[str], line: int, depth: int) -> int:
    """The last line of the item or mapping that ``line`` (indented ``depth``) is in: up to the
    next list item no deeper than it, or the next line less deep. An error found there may be the
    echo of the one blanked (a stage that lost its '- id:' line is told at each of its keys)."""
    count, last = (len(parts) + 1) // 2, line
    for n in range(line + 1, count + 1):
        below = parts[2 * (n - 1)]
        if not below.strip() or below.lstrip().startswith("#"):
            continue
        indent = len(below) - len(below.lstrip(" \t"))
        if indent < depth or (indent <= depth and below.lstrip(" \t").startswith("- ")):
            break
        last = n
    return last


def _indent_for(parts: list[str], line: int, content: str) -> int:
    """The spaces a line indented with a tab most likely meant, from the line above it that says
    something: a list item under a list item lines up with it; under a key that opens a block, two
    deeper than that key; else with the above line's first key."""
    for n in range(line - 1, 0, -1):
        above = parts[2 * (n - 1)]
        if not above.strip() or above.lstrip().startswith("#") or "\t" in above[:len(above) - len(above.lstrip())]:
            continue
        dash = len(above) - len(above.lstrip(" "))
        key = len(above) - len(above.lstrip(" -"))
        if above.rstrip().endswith(":"):
            return key + 2
        return dash if content.startswith("- ") and above.lstrip(" ").startswith("- ") else key
    return 0
