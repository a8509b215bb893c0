"""The syntax errors after a journey file's first, where the first is a tab in an indentation.
libyaml stops at the first error it meets, so a file with a tab on line 34 and another on line 48
was mended one ``check`` at a time (audit DN). A tab is mended exactly in a copy of the text: its
line is indented with the spaces that let the copy read furthest (those of the line above, or of
the line below), every line keeping its number, and the copy is read again, up to :data:`MOST`
errors in all. Any other first error ends the search: blanking a line that was out of place
left the items beside it out of place too, and each was told as an error of its own (review DO:
one deleted ``touchpoints:`` line gave three)."""

from __future__ import annotations

import re
from typing import Callable, Optional

import yaml
from msgspec.structs import replace

from journeymap.findings import Finding
from journeymap.journey.yamlerrors import TAB_IN_INDENT
from journeymap.journey.yamlparse import LINE_BREAK, PARSER

#: Syntax errors told in one run at most: the first and the ones found past each mended tab.
MOST = 10
#: A longer text is told its first error only: each mend reads it again, a few times.
MOST_CHARACTERS = 300_000
_BREAKS = re.compile(f"({LINE_BREAK.pattern})")  # kept, by the split: a line keeps its number

#: How a finding is made of libyaml's complaint about a text.
Explain = Callable[[yaml.MarkedYAMLError, str], Finding]


class _Lines:
    """A text's lines, each replaceable, their breaks kept: a line keeps its number."""

    def __init__(self, text: str) -> None:
        self.parts = _BREAKS.split(text)  # line, break, line, break, ...

    def __len__(self) -> int:
        return (len(self.parts) + 1) // 2

    def __getitem__(self, number: int) -> str:
        return self.parts[2 * (number - 1)]

    def __setitem__(self, number: int, text: str) -> None:
        self.parts[2 * (number - 1)] = text

    def text(self) -> str:
        return "".join(self.parts)


def syntax_errors(text: str, first: Finding, explain: Explain) -> list[Finding]:
    """``first`` and the syntax errors of ``text`` after it, each made by ``explain`` from the
    mended copy, in the order they are met: while each is a tab in an indentation, the next one
    past it (:data:`MOST` in all); ``first`` alone when it is another error. A tab whose mend
    holds is told the spaces that fit (DN: the indentation messages say how many, the tab's did
    not)."""
    if len(text) > MOST_CHARACTERS:
        return [first]
    lines, told = _Lines(text), [first]
    while len(told) < MOST and TAB_IN_INDENT in told[-1].message and 0 < told[-1].line <= len(lines):
        last = told[-1]
        exc, indent = _mend_tab(lines, last.line)
        finding = explain(exc, lines.text()) if exc is not None else None
        if finding is not None and finding.line <= last.line:  # not past the mend: it may be its echo
            break
        # "0 spaces fit" of a line that starts a top-level key (audit DY)
        fits = f"{indent} space{'s' if indent != 1 else ''} fit the lines around it" if indent else \
            "start the line at its first column, as the lines around it do"
        told[-1] = replace(last, message=f"{last.message}; {fits}")
        if finding is None:
            break
        told.append(finding)
    return told


def _mend_tab(lines: _Lines, number: int) -> tuple[Optional[yaml.MarkedYAMLError], int]:
    """Indent line ``number`` with spaces in place of its tabs, the indentation (of those the lines
    around it suggest) with which the text reads furthest: libyaml's complaint about the text then
    (None when it reads), and the spaces."""
    content = lines[number].lstrip(" \t")
    best: tuple[float, Optional[yaml.MarkedYAMLError], int] = (-1, None, 0)
    for indent in _indents(lines, number, content):
        lines[number] = " " * indent + content
        exc = _error_in(lines.text())
        reached = float("inf") if exc is None else (exc.problem_mark.line + 1 if exc.problem_mark else 0)
        if reached > best[0]:
            best = (reached, exc, indent)
    lines[number] = " " * best[2] + content
    return best[1], best[2]


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


def _indents(lines: _Lines, number: int, content: str) -> list[int]:
    """The indentations line ``number`` (holding ``content``) may have meant, likeliest first: by
    the line above that says something (its first key's column, two deeper where it opens a block,
    its dash's where both are list items), then the line below's."""
    found: list[int] = []
    above = _said(lines, range(number - 1, 0, -1))
    if above is not None:
        dash, key = _indent(above), len(above) - len(above.lstrip(" -"))
        opens = above.split(" #", 1)[0].rstrip().endswith(":")  # `touchpoints:  # in order` opens one too
        found += [key + 2] if opens else []
        found += [dash] if content.startswith("- ") and above.lstrip(" ").startswith("- ") else []
        found += [key, dash]
    below = _said(lines, range(number + 1, len(lines) + 1))
    found += [_indent(below)] if below is not None else []
    return list(dict.fromkeys(found + [0]))


def _said(lines: _Lines, numbers: range) -> Optional[str]:
    """The first of ``numbers``' lines that says something (not blank, not a comment) and is
    indented with spaces alone."""
    for n in numbers:
        line = lines[n]
        if line.strip() and not line.lstrip().startswith("#") and "\t" not in line[:_indent(line) + 1]:
            return line
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
