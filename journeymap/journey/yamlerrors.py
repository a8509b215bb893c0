"""libyaml's syntax errors as E001 findings that say where and how to fix the file."""

from __future__ import annotations

import re
from typing import Optional, Union

import yaml

from journeymap.findings import Finding
from journeymap.journey.flowcomment import flow_comment
from journeymap.journey.nodes import Node
from journeymap.journey.textsafe import TYPOGRAPHIC_QUOTES, short_key
from journeymap.journey.yamlparse import PARSER, source_lines

_BACKSLASH = "; write the text in single quotes ('C:\\Users'), or \\\\ for each backslash in double quotes"
_INDENT = "; check the indentation: the items of a list or mapping line up under each other"
#: What to do about libyaml's most common complaints, by a phrase of its message.
_HINTS = (
    ("cannot start any token", "; if it is a tab, indent with spaces: YAML does not allow tabs there"),
    ("mapping values are not allowed", "; a value holding ': ' must be quoted, e.g. name: \"Call: urgent\""),
    ("did not find expected ',' or ']'", "; close the [ list with ], or quote an item holding a comma or bracket"),
    ("did not find expected ',' or '}'", "; close the { mapping with }, or quote a value holding a comma or brace"),
    ("could not find expected ':'", "; each key needs ': ' after it, and text spanning lines must be quoted"),
    ("expected <block end>", _INDENT),
    ("did not find expected '-' indicator", _INDENT),
    ("did not find expected key", _INDENT),
    ("found unexpected end of stream", "; a quote is not closed: end the text with the same quote it starts with"),
    ("invalid Unicode character escape", "; JSON writers escape an emoji as two halves (\\ud83c\\udf89), which YAML "
     "does not join: write the character itself, or the pair as one escape (\\U0001F389)"),
    ("escape", _BACKSLASH),
    ("hexdecimal", _BACKSLASH),
)


#: What a finding about a tab in an indentation says; the search for errors after the first goes on
#: past these (:mod:`.yamlrecovery`).
TAB_IN_INDENT = "a tab in the indentation"
#: libyaml's words for what went wrong, in plain words; ``{where}`` is the part of the file it was
#: reading (its second value when libyaml does not say). Anything else is quoted as libyaml says it.
_PROBLEMS = (
    ("found a tab character", TAB_IN_INDENT, ""),
    ("did not find expected '-' indicator", "this line does not line up with the items of {where}", "the list"),
    ("did not find expected key", "this line does not line up with the keys of {where}", "the mapping"),
    ("expected <block end>", "this line does not line up with the lines above", ""),
    ("found unexpected end of stream", "the file ends inside {where}", "an unfinished value"),
    ("did not find expected ',' or ']'", "{where} is not closed", "a [ list"),
    ("did not find expected ',' or '}'", "{where} is not closed", "a { mapping"),
    ("mapping values are not allowed", "a second ': ' on one line", ""),
    ("cannot start any token", "this character cannot start a value", ""),
    ("could not find expected ':'", "this key has no ': ' after it", ""),
    ("found unknown escape character", "a backslash in {where} starts an escape YAML does not know",
     "the quoted text"),
    ("found invalid Unicode character escape code", "this escape in {where} is not a character", "the quoted text"),
    ("expected hexdecimal number", "a backslash in {where} starts an escape YAML does not know",
     "the quoted text"),
    ("did not find expected alphabetic or numeric character", "{where} holds a character no such name can",
     "the name"),
)
_CONTEXTS = (
    ("block collection", "the list"), ("block sequence", "the list"), ("block mapping", "the mapping"),
    ("flow sequence", "the [ list"), ("flow mapping", "the { mapping"), ("quoted scalar", "the quoted text"),
    ("plain scalar", "the text"), ("simple key", "the key"), ("alias", "the alias name"),
    ("anchor", "the anchor name"),
)


#: Complaints about a [ list or { mapping, and about any of them or a quote, left open: libyaml
#: finds them where it gives up.
_FLOW_UNCLOSED = ("did not find expected ',' or ']'", "did not find expected ',' or '}'")
_UNCLOSED = ("found unexpected end of stream", *_FLOW_UNCLOSED)
#: Complaints about where a line starts: said of a spot inside a line, they mean text after a value.
_LINE_UP = ("did not find expected '-' indicator", "did not find expected key", "expected <block end>")
_AFTER_VALUE = ("text after the value on this line",
                "; a value that starts with a quote ends with it: put the whole value in quotes, "
                "e.g. name: '\"Call\" the hotline'")


#: What a [ list or { mapping with text after its closing bracket is told.
_CLOSING = {"[": "[ list ends at its ]: put every item inside it, separated by commas",
            "{": "{ mapping ends at its }: put every key inside it, separated by commas"}


def _after_value_hint(line: str) -> str:
    """How to mend text after a value by what the value starts with: a [ list or { mapping closed
    before the line ends (its advice was about quotes, to a list: audit DU), else a quoted value.

    >>> _after_value_hint("    depends_on: [a, b] [oops")
    '; a [ list ends at its ]: put every item inside it, separated by commas, or take out what follows it'
    """
    value = line.lstrip(" -")
    if value[:1] not in _CLOSING and ": " in value:  # a key's value (a list item's own [ or { first)
        value = value.split(": ", 1)[1].lstrip()
    if value[:1] in _CLOSING:
        return f"; a {_CLOSING[value[0]]}, or take out what follows it"
    return _AFTER_VALUE[1]


def _after_value(problem: str, line: str, column: int) -> bool:
    """Whether libyaml's complaint about where ``line`` starts is about a spot inside it, after the
    first character that is not a space or a list's dash (``column`` is 1-based)."""
    return any(phrase in problem for phrase in _LINE_UP) and column - 1 > len(line) - len(line.lstrip(" -"))


def _plain(problem: str, context: str, started: str, line: str, column: int) -> str:
    """libyaml's ``problem`` in plain words, naming the part of the file it was reading (``context``,
    which ``started`` somewhere): "the file ends inside the quoted text that starts at line 2, column 8".
    ``line`` is the text of the line it points at."""
    part = next((plain for phrase, plain in _CONTEXTS if phrase in context), "")
    if line[:column].strip(" \t-") == "" and "\t" in line[:column]:
        return TAB_IN_INDENT
    if _after_value(problem, line, column):
        return _AFTER_VALUE[0]
    if "mapping values are not allowed" in problem and ": " not in line[:max(column - 2, 0)].lstrip(" -"):
        return "this key is not where YAML expects one"
    for phrase, plain, default in _PROBLEMS:
        if phrase in problem:
            return plain.format(where=f"{part}{started}" if part else default)
    return f"{problem} ({context.strip()}{started})" if context else problem


_TYPOGRAPHIC_VALUE = re.compile(rf"^\s*(?:-\s+)?(?:[^\s#:][^#:]*:\s+)?([{TYPOGRAPHIC_QUOTES}])")


def typographic_quote_hint(line: str) -> str:
    """The advice for a value of ``line`` that starts with a typographic quote (“), which YAML
    reads as text, so that a ': ' or ' #' in it is still YAML's; ``""`` for any other line.

    >>> typographic_quote_hint('name: “Agent says: we will call back”')[:60]
    '; the value starts with “, a typographic quote, which YAML d'
    """
    found = _TYPOGRAPHIC_VALUE.match(line)
    if found is None:
        return ""
    return (f"; the value starts with {found.group(1)}, a typographic quote, which YAML does not take as a quote "
            "(a word processor types them): type straight quotes (\") round the value instead")


def _hint(problem: str, lines: list[str], line: int, column: int) -> str:
    """How to fix the YAML error ``problem`` at ``line`` and ``column`` of ``lines`` (a tab there
    gets its own advice)."""
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    here = current[column - 1] if 0 < column <= len(current) else ""
    if here == "\t" or "found a tab character" in problem:
        return "; YAML indents with spaces only"
    if "cannot start any token" in problem and here in ("@", "`"):
        return f"; YAML keeps {here!r} for itself at the start of a value: put the text in quotes"
    if _after_value(problem, current, column):
        return _after_value_hint(current)
    above = _indented_too_far(lines, line, column) if "mapping values are not allowed" in problem else None
    if above:
        # Either line may be the one out of place: a touch-point item dedented to a stage's level
        # makes the good line after it look too deep, so both are named.
        return (f"; this line is indented further than the key above it (line {above[0]}, at column {above[1]}): "
                "line up the keys of one mapping, moving whichever of the two is out of place (or, if this "
                "line goes on with the text above, put that text in quotes)")
    # after the indentation's advice: a line one space too deep was told only of its quotes (review CY)
    if quotes := typographic_quote_hint(current):
        return quotes
    if "mapping values are not allowed" in problem and current[max(column - 2, 0):column] in _FRENCH_COLON:
        # French sets a space before ':', and a team writing French met this on every "X : Y" (audit DG)
        key, value = current.split(":", 1)[0].strip().lstrip("- "), _value_of(current)
        value = value if len(value) <= 60 else value[:59].rstrip() + "\u2026"
        return f"; a value holding ': ' must be quoted, a French ' : ' too: e.g. {key}: \"{value}\""
    key_line = _KEY_VALUE.match(current)
    if "mapping values are not allowed" in problem and key_line and column > key_line.end():
        # the user's own words quoted, not an example's (audit DY: `depends_on` quoted them, `name` did not)
        value = _value_of(current)
        value = value if len(value) <= 60 else value[:59].rstrip() + "\u2026"
        return f"; a value holding ': ' must be quoted: write {key_line.group(1)}: \"{value}\""
    return next((hint for phrase, hint in _HINTS if phrase in problem), "")


#: A line that is a key and the start of its value (``  - name: Picks up``).
_KEY_VALUE = re.compile(r"^\s*(?:- +)?([A-Za-z_][\w-]*):[ \t]+\S")


#: A colon as French sets it, a space before it: plain, no-break or narrow no-break.
_FRENCH_COLON = (" :", "\u00a0:", "\u202f:")


def _value_of(line: str) -> str:
    """The text after a line's key and before its comment, as a quoted value would hold it (its
    own quotes escaped)."""
    return line.split(":", 1)[1].split(" #", 1)[0].strip().replace("\\", "\\\\").replace('"', '\\"')


def syntax_finding(exc: yaml.MarkedYAMLError, text: str, path: str, max_depth: int) -> Finding:
    """The finding for libyaml's complaint ``exc`` about ``text``: E001 with a hint, or E009 when
    libyaml itself stopped at its nesting limit (newer versions stop at 1,000 levels while
    scanning ahead, before the reader's own count of ``max_depth``)."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = (exc.problem or "invalid YAML").strip()
    if "maximum nesting depth" in problem:
        return Finding("E009", f"the YAML is nested more than {max_depth} levels deep; a journey needs about 6",
                       path, line, column)
    where = exc.context_mark
    started = f" that starts at line {where.line + 1}, column {where.column + 1}" if where and exc.context else ""
    lines = source_lines(text)
    from journeymap.journey.yamlhints import explain  # only a file with a syntax error pays for it

    hint = explain(text, lines, line, column, where.line + 1 if where and exc.context else None, problem)
    if hint is not None:
        return Finding("E001", f"invalid YAML: {hint.message}", path, hint.line, hint.column)
    lone = _lone_dash(lines, line) if "did not find expected node content" in problem else _double_dash(lines, line)
    if lone is not None:
        return Finding("E001", f"invalid YAML: {lone[2]}", path, lone[0], lone[1])
    at_end = "did not find expected node content" in problem and line > len(lines)
    cut = flow_comment(text, lines, line) if at_end or any(p in problem for p in _FLOW_UNCLOSED) else None
    if cut is not None:  # `[Survey #1, Reviews]`: the comment took the ] (audit BZ)
        return Finding("E001", f"invalid YAML: {cut.message}", path, cut.line, cut.column)
    if at_end:
        # A [ or { left open on the file's last line (nothing after it, or a trailing comma):
        # libyaml names the end of the file, a line past the last (audit BG).
        unclosed = _open_flow(text)
        if unclosed is not None:
            opener, at_line, at_column = unclosed
            part, closer = ("[ list", "]") if opener == "[" else ("{ mapping", "}")
            return Finding("E001", f"invalid YAML: the {part} that starts at line {at_line}, column {at_column} is "
                           f"not closed before the file ends; close it with {closer} after its last item (and "
                           "no comma after that)", path, at_line, at_column)
    opened = (where.line + 1, where.column + 1) if started and where is not None else None
    if opened and "could not find expected ':'" in problem:
        # libyaml finds a key's missing ': ' on the next line: told at the key (audit AF: the
        # annotation stood on the good line after it)
        (line, column), started, opened = opened, "", None
    if opened and opened[0] != line and any(p in problem for p in _UNCLOSED) and _ran_on(lines, opened[0], line):
        # Found lines later (at the end of the file, for a quote): said where it opens, as editors
        # and annotations show a finding at its position (audit AB: 142:1 for a quote on line 44).
        line, column = opened
    said = _plain(problem, exc.context or "", started, lines[line - 1] if 0 < line <= len(lines) else "", column)
    if opened and opened != (line, column) and any(p in problem for p in _FLOW_UNCLOSED):
        closer = "]" if "']'" in problem else "}"
        said = f"{said.removesuffix(' is not closed')} needs a ',' or its closing {closer} here"
    advice = _hint(problem, lines, line, column)
    if "mapping values are not allowed" in problem and _indented_too_far(lines, line, column):
        column = len(lines[line - 1]) - len(lines[line - 1].lstrip(" ")) + 1  # at the key pushed right, not its ': '
    return Finding("E001", f"invalid YAML: {said}{advice}", path, line, column)


def _lone_dash(lines: list[str], line: int) -> Optional[tuple[int, int, str]]:
    """A ``-`` alone on the line above ``line``, whose keys start at its own column: libyaml's "did
    not find expected node content" was told as it stands (audit FZ). Where it is, and what to do."""
    if not 1 < line <= len(lines):
        return None
    above = next((n for n in range(line - 1, 0, -1) if lines[n - 1].strip()), 0)
    dash, here = lines[above - 1] if above else "", lines[line - 1]
    if dash.strip() != "-" or len(here) - len(here.lstrip(" ")) > len(dash) - len(dash.lstrip(" ")):
        return None
    column = len(dash) - len(dash.lstrip(" ")) + 1
    first = here.strip()
    return (above, column, f"the '-' alone on this line starts a list item, and its keys on the lines below must be "
            f"indented further than the '-' (2 spaces more), or begin on its line: `- {first}`")


#: A list item's dash typed twice: ``-- name:`` or ``- - name:``.
_TWO_DASHES = re.compile(r"^(\s*)(--|- -)\s")


def _double_dash(lines: list[str], line: int) -> Optional[tuple[int, int, str]]:
    """A dash typed twice on ``line`` or the line above it: told that the line did not line up with
    the list's items (audit FZ). Where it is, and what to do."""
    for n in (line, line - 1):
        found = _TWO_DASHES.match(lines[n - 1]) if 0 < n <= len(lines) else None
        if found:
            return (n, len(found.group(1)) + 1, f"'{found.group(2)}' starts this item twice: one '-' and a space "
                    "start a list item; remove the extra '-'")
    return None


def _open_flow(text: str) -> Optional[tuple[str, int, int]]:
    """The innermost [ or { still open where libyaml's scanner stops reading ``text``, and its
    line and column (1-based); None when none is open. The scanner's own tokens, so brackets in
    quotes and comments do not count."""
    opened: list[tuple[str, int, int]] = []
    try:
        for token in yaml.scan(text, Loader=PARSER):
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                mark = token.start_mark
                opened.append(("[" if isinstance(token, yaml.FlowSequenceStartToken) else "{",
                               mark.line + 1, mark.column + 1))
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)) and opened:
                opened.pop()
    except yaml.YAMLError:
        pass
    return opened[-1] if opened else None


def _ran_on(lines: list[str], opened: int, found: int) -> bool:
    """Whether libyaml gave up at line ``found`` because what opened at line ``opened`` ran on
    past its end: the file's end, or a line no further in than the opening one (the next key).
    A bad item inside a [ list that spans lines is told where it is."""
    if found > len(lines):
        return True
    here, there = lines[found - 1], lines[opened - 1]
    return len(here) - len(here.lstrip(" ")) <= len(there) - len(there.lstrip(" "))


def _indented_too_far(lines: list[str], line: int, column: int) -> Optional[tuple[int, int]]:
    """Where the key above starts (line, column), when the ': ' libyaml refused is the first on
    its line and that line is indented deeper than the key above it (a key pushed right, not a
    value holding ': '); else None."""
    if not 1 < line <= len(lines):
        return None
    here = lines[line - 1]
    before = here[:max(column - 1, 0)]
    above = next((n for n in range(line - 1, 0, -1)
                  if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")), 0)
    if ": " in before.lstrip("- ") or not above:
        return None
    text = lines[above - 1]
    key = len(text) - len(text.lstrip(" -"))
    indent = len(here) - len(here.lstrip(" "))
    return (above, key + 1) if indent > key and not text.rstrip().endswith(":") else None


def repeated_key(key: Node, first: Node, opening: Node, in_list: Union[bool, str], lists: bool = False) -> str:
    """E002's message: a key given twice (``first`` where it was first, ``opening`` the mapping's
    first key), or, in a list item (``in_list``: True; "flow" or "braces" for an item written in
    braces, in a list in brackets or of ``- `` lines), the mapping's first key starting over, which
    is a new item written without its ``- `` (or its braces). Its keys after it are then not told
    one by one. Outside a list that advice was wrong (``journeymap: 1`` twice: audit AO). ``lists``:
    both hold a list, which are one list split in two."""
    name = short_key(str(key.text or key.value))
    if lists and (first is not opening or not in_list):
        # two lists under one key: "keep one of them" read as deleting a block of stages (audit FZ)
        return (f"the key {name} appears twice in this mapping (first at line {first.line}), each with a list: "
                f"remove this second {name} line and indent its items like those of the first, so that they "
                "join one list")
    if first is not opening or not in_list:
        return f"the key {name} appears twice in this mapping (first at line {first.line}); keep one of them"
    if in_list is True:
        return (f"the key {name} appears a second time in this item (first at line {first.line}): if a new "
                f"item starts here, put '- ' before {name} and indent it like the item above; else keep one "
                "of them")
    # in braces, "put '- ' before it" made no sense (audit BP): the item is closed and the next opened
    plain = str(key.text) if key.text and re.fullmatch(r"[A-Za-z0-9_-]{1,40}", key.text) else name
    nextone = (f"open the next, as in [{{{plain}: a}}, {{{plain}: b}}]" if in_list == "flow" else
               f"write the next on a line of its own, as in `- {{{plain}: b}}` under it")  # of a "- " list
    return (f"the key {name} appears a second time in this item (first at line {first.line}, column "
            f"{first.column}): if a new item starts here, close this one and {nextone}; else keep one of them")


def item_restarts(key: Node, rest: list[tuple[Node, Node]]) -> str:
    """E002's message where a list item's keys start over at ``key`` (``rest``: it and the keys
    after it, up to the item's first key again): a new item written without its ``- ``."""
    names: list[str] = []
    for node, _ in rest:
        said = short_key(str(node.text or node.value))
        if said not in names:
            names.append(said)
        if len(names) > 4:  # enough to show: a list item of 24,000 keys took seconds (review GC)
            break
    shown = ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")
    return (f"the keys from here on ({shown}) repeat those of this item: a new item starts here without "
            f"its '- ': put '- ' before {names[0]} and indent it like the item above")
