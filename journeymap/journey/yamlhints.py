"""Causes of a YAML syntax error that libyaml's own words hide, found in the text around it.

libyaml reports where it gave up, often lines after the mistake and in its own terms. The
mistakes people make in journeys are found here and told where they are:

- a character that looks like a space but is not (a no-break space pasted from Word, a zero-width
  space from a web page), in the indentation or after ``key:``;
- a quote left open, which swallows the lines after it until the next quote;
- a key written against its value (``reliability:reliable``);
- text that starts with a character YAML keeps for itself (``[Draft] ...``, ``> ...``, ``- ...``);
- indentation: a key or list item off the lines around it, a first list item that lost its ``- ``
  (:mod:`.yamlindent`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, NamedTuple, Optional

import yaml

from journeymap.journey.model import CATEGORIES, LAYERS, RELIABILITIES
from journeymap.journey.hint import KEY_LINE, KEY_START, Hint
from journeymap.journey.yamlindent import glued_dash, key_column, misaligned
from journeymap.journey.yamlparse import PARSER
from journeymap.journey.textsafe import SPACE_LIKE, ZERO_WIDTH


#: Keys of the journey and project files: ``key:value`` is only taken for a glued key and value
#: when the key is one of these (``10:30`` and ``https://...`` are values).
KEYS = frozenset("""journeymap title id summary owner persona name goal expectations ignore departments lead
    layer stages metrics feedback touchpoints department channel reliability depends_on category
    moment_of_truth emotion expectation metric pain_points opportunities notes next to label project
    organisation moments_of_truth min max""".split())
_GLUED = re.compile(KEY_START + r"(?=\S)")  # the value against the colon
_VALUED = re.compile(KEY_START + r"\s+")  # a key and, after a space, its value
#: Characters that look like a space, or like nothing, but are not YAML's space (not the joiner
#: inside an emoji, nor a soft hyphen in a word).
_SPACE_LIKE = SPACE_LIKE
_NOTHING = ZERO_WIDTH.replace("\u200d", "").replace("\u00ad", "")


def _spaced_after(before: str) -> bool:
    """Whether ``before`` is a line's start up to where YAML needs a space: blanks, then maybe a
    ``-`` and blanks, then maybe a key and its colon, then blanks. By hand, where the pattern
    ``^\\s*(?:-[ \\t]*)?(?:[^:#]*:)?[ \\t]*$`` took a second on a line of blanks built to make it
    try every split (review ER)."""
    rest = before.lstrip()
    if rest.startswith("-"):
        rest = rest[1:].lstrip(" \t")
    key, colon, after = rest.partition(":")
    if colon and "#" not in key:
        rest = after
    return not rest.strip(" \t")


#: How far into a line a character that only looks like a space is looked for (a key longer than
#: this is no key anyone writes).
SCANNED = 1000


def _invisible(text: str, number: int, indentation: bool = False) -> Optional[Hint]:
    """A character that looks like a space, or like nothing, where YAML needs a space: in the
    indentation, or (unless ``indentation``) right after ``-`` or ``key:`` on line ``number``
    (1-based). Inside a value such a character is text and harmless."""
    # Looked for in a line's first SCANNED characters only, each prefix matched only at such a
    # character: a line of a million characters took 25 s, its every prefix matched (audit EO).
    for index, char in enumerate(text[:SCANNED]):
        if char not in _SPACE_LIKE and char not in _NOTHING:
            continue
        before = text[:index]
        if before.strip(" ") if indentation else not _spaced_after(before):
            continue
        name = unicodedata.name(char, f"U+{ord(char):04X}").lower()
        if char in _NOTHING:
            return Hint(f"an invisible character ({name}, U+{ord(char):04X}), often pasted from a web page or "
                        "a document; delete it", number, index + 1)
        return Hint(f"a character that looks like a space but is not ({name}, U+{ord(char):04X}), often "
                    "pasted from Word or a web page; type a plain space instead", number, index + 1)
    return None


#: A key followed by a colon that is not YAML's: full-width (what Chinese and Japanese keyboards
#: type), small, or a ratio sign.
_COLON_LIKE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*([\uff1a\ufe55\ufe13\u2236\ua789])")


def _colon_like(lines: list[str], numbers: list[int]) -> Optional[Hint]:
    """A key whose colon is a look-alike (``department：sales``) on one of lines ``numbers``, and
    no plain colon: on ``Note：then: wait`` the look-alike is text, and the mistake is elsewhere."""
    for number in numbers:
        found = _COLON_LIKE.match(lines[number - 1])
        if found and ":" not in lines[number - 1]:
            char = found.group(2)
            name = unicodedata.name(char, "").lower()
            return Hint(f"the colon after `{found.group(1)}` is a look-alike ({name}, U+{ord(char):04X}, as a "
                        f"Chinese or Japanese keyboard types it); write `{found.group(1)}: ` with the plain colon "
                        "and a space", number, found.start(2) + 1)
    return None


class _Scanned(NamedTuple):
    """The tokens libyaml read before the error's line: the quoted values, and the lines that lie
    inside a block of text (after ``|`` or ``>``, where ``key:value`` is text)."""

    quoted: list[yaml.ScalarToken]
    block_lines: frozenset[int]


def _scan(text: str, line: int) -> _Scanned:
    """One pass of the scanner over ``text`` up to line ``line`` (1-based) or its first error."""
    quoted: list[yaml.ScalarToken] = []
    block_lines: set[int] = set()
    try:
        for token in yaml.scan(text, Loader=PARSER):
            start, end = token.start_mark, token.end_mark
            if start.line > line - 1:
                break
            style = getattr(token, "style", None)
            if style in ('"', "'") and isinstance(token, yaml.ScalarToken):
                quoted.append(token)
            elif style in ("|", ">"):
                block_lines.update(range(start.line + 2, end.line + 2))  # the lines after the indicator's
    except yaml.YAMLError:
        pass
    return _Scanned(quoted, frozenset(block_lines))


def _open_quote(scanned: _Scanned, lines: list[str], line: int, column: int) -> Optional[Hint]:
    """A quoted value that runs over several lines and ends on the error's line: a quote left open
    (the text after it, to the next quote, became part of the value)."""
    for token in scanned.quoted:
        start, end = token.start_mark, token.end_mark
        if start.line < end.line == line - 1 and end.column <= column - 1 \
                and any(KEY_LINE.match(t) for t in lines[start.line + 1:end.line + 1]):
            # It swallowed a line that looks like a key: a quote left open, not text meant to
            # run over several lines (that is legal; the complaint is then the text after it).
            quote = "double" if token.style == '"' else "single"
            return Hint(f"the {quote} quote that starts this value is not closed on its line, so the "
                        f"value runs on to line {end.line + 1}, column {end.column}; end the text with the "
                        "same quote it starts with", start.line + 1, start.column + 1)
    return None


def _glued(lines: list[str], numbers: Iterable[int]) -> Optional[Hint]:
    """A known key written against its value (``reliability:reliable``) on one of the lines
    ``numbers`` (1-based)."""
    for number in numbers:
        found = _GLUED.match(lines[number - 1]) if 0 < number <= len(lines) else None
        if found and found.group(2) in KEYS:
            key = found.group(2)
            rest = lines[number - 1][found.end():].strip()
            return Hint(f"a key needs a space after its colon: write `{key}: {rest}`", number, found.end())
    return None


_INDICATORS = {
    "[": "a value that starts with [ is read as a list",
    "{": "a value that starts with { is read as a mapping",
    ">": "a value that starts with > begins a block of text on the lines below",
    "|": "a value that starts with | begins a block of text on the lines below",
    "- ": "a value that starts with '- ' is read as a list item",
    "? ": "a value that starts with '? ' is read as a key",
    "%": "a value cannot start with %",
    "&": "a value that starts with & is read as an anchor (a name for a value)",
    "*": "a value that starts with * is read as an alias (the value of an & anchor)",
}


#: Keys whose value is one word of a few (SPEC 1), and the words.
_WORDS = {"reliability": RELIABILITIES, "layer": LAYERS, "category": CATEGORIES, "moment_of_truth": ("true", "false")}


#: Keys whose value is a list: a [ there is no mistake.
_LISTS = frozenset("expectations ignore departments stages metrics feedback touchpoints depends_on pain_points "
                   "opportunities next".split())


def _indicator(line_text: str, number: int) -> Optional[Hint]:
    """A value, after ``key: ``, that starts with a character YAML keeps for itself."""
    found = _VALUED.match(line_text)
    if not found:
        return None
    value = line_text[found.end():].rstrip() + " "
    for start, said in _INDICATORS.items():
        if start in "[{" and (found.group(2) in _LISTS or not re.match(r"[\[{][^\]}]*[\]}]\s*[^\s#,]", value)):
            continue  # a list where one belongs, or one not closed: another complaint
        if value.startswith(start):
            value = value.rstrip()
            word = re.sub(r"\s+#.*$", "", value[2:]).strip()  # a comment after it is no part of it
            if start == "- " and found.group(2) in _WORDS and word in _WORDS[found.group(2)]:
                # `reliability: - it-depends`: quoted, it was an invalid rating (audit FZ)
                return Hint(f"{said}; {found.group(2)} takes one word, without a dash: write "
                            f"`{found.group(2)}: {word}`", number, found.end() + 1)
            example = value.replace('"', "'")
            tail = " (for a negative number, write the minus sign against it: -2)" if start == "- " else ""
            return Hint(f"{said}; put the whole text in quotes: {found.group(2)}: \"{example}\"{tail}",
                        number, found.end() + 1)
    return None


#: Where a text in single quotes may begin: after `key: `, `- `, `[`, `{` or `,` (flow collections).
_QUOTE_OPENS = re.compile(r"(?:^\s*-\s+|[\[{,]\s*|:\s+)'")
#: What may follow the quote that closes it.
_AFTER_CLOSE = re.compile(r"\s*(?:[,\]}]|#|$)")


def _apostrophe(line_text: str, number: int) -> Optional[Hint]:
    """An apostrophe inside a text in single quotes, which ends it: ``name: 'It's late'``, and in a
    list or mapping in brackets (``['Customers' feedback']``, ``{label: 'it's late'}``), where it
    was told as a missing comma (audit CJ, review CL). The text runs to the quote a comma, a bracket,
    a comment or the line's end follows; every apostrophe in it is to be written twice."""
    for opened in _QUOTE_OPENS.finditer(line_text):
        start = opened.end()
        close = next((i for i in range(start, len(line_text)) if line_text[i] == "'" and
                      line_text[i + 1:i + 2] != "'" and line_text[i - 1] != "'" and
                      _AFTER_CLOSE.match(line_text, i + 1)), None)
        inner = line_text[start:close] if close is not None else ""
        if "'" in inner.replace("''", ""):
            doubled = re.sub(r"(?<!')'(?!')", "''", inner)
            return Hint(f"an apostrophe ends a text in single quotes: write it twice ('{doubled}') or put the text "
                        "in double quotes", number, start)
    return None


_BARE_ITEM = re.compile(r"""^( *)- +(?:"([^"]*)"|'([^']*)'|([^\s:#\[\]{}'"|>&*!%@`-][^:#]*?))\s*(?:\#.*)?$""")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


def _bare_item(lines: list[str], line: int) -> Optional[Hint]:
    """A key under a list item that is only text (``- Calls us`` over ``department: cc``, quoted or
    with a comment after it): the ``name:`` left out. YAML reads the two lines as one text and refuses
    its ': ', or finds the key where no key belongs."""
    column = key_column(lines[line - 1]) if 0 < line <= len(lines) else None
    above = next(((n, t) for n, t in reversed(list(enumerate(lines[:line - 1], 1)))
                  if t.strip() and not t.lstrip().startswith("#")), None)
    found = _BARE_ITEM.match(above[1]) if above is not None else None
    if column is None or above is None or found is None or column <= len(found.group(1)):
        return None
    if re.match(rf"^{found.group(1)}- ", lines[line - 1]):  # the next item, not a key under this one (review DO)
        return None
    # only in a list of things with keys: in a list of texts (pain_points) the key is a text's ': '
    owner = next((m.group(2) for t in reversed(lines[:above[0] - 1])
                  if (m := re.match(r"^( *)(?:- +)?([a-z_]+):\s*(?:#.*)?$", t)) and len(m.group(1)) < len(found.group(1))),
                 None)
    if owner not in ("touchpoints", "stages", "departments"):
        return None
    text = next(g for g in found.groups()[1:] if g is not None)
    # under departments, a slug is a registry id (`- billing`), which keys of its own follow as `id:` (review CL)
    key = "id" if owner == "departments" and _SLUG.fullmatch(text) else "name"
    return Hint(f"this list item is only the text '{text}', and the key under it (line {line}) cannot "
                f"follow a text; to give the item keys, write its text as one of them: `- {key}: {text}`",
                above[0], len(found.group(1)) + 1)


def explain(text: str, lines: list[str], line: int, column: int, context_line: Optional[int],
            problem: str = "") -> Optional[Hint]:
    """The likely cause of libyaml's complaint ``problem`` at ``line``:``column``, or None when
    none is found. ``context_line`` is where the part libyaml was reading starts (a key it read
    up to the error's line). Each hint looks only where its mistake shows."""
    near = [n for n in dict.fromkeys((context_line or line, line)) if 0 < n <= len(lines)]
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    for number in near:  # a look-alike space: on the error's line or the key's
        hint = _invisible(lines[number - 1], number)
        if hint:
            return hint
    if 1 < line <= len(lines) + 1:  # or in the indentation of the line above (it was read as text)
        hint = _invisible(lines[line - 2], line - 1, indentation=True)
        if hint:
            return hint
    hint = _colon_like(lines, near)
    if hint:
        return hint
    scanned = _scan(text, line)
    hint = _open_quote(scanned, lines, line, column)  # a quote left open, ending where libyaml stopped
    if hint:
        return hint
    glued = [n for n in near if n not in scanned.block_lines]
    if "mapping values are not allowed" in problem and line > 1 and line - 1 not in scanned.block_lines:
        glued.append(line - 1)  # `journeymap:1` is read as text, and the next key's ': ' is refused
    hint = _glued(lines, glued) or _apostrophe(here, line)
    if hint:
        return hint
    if "mapping values are not allowed" in problem and 1 < line <= len(lines):
        # a list's first item glued to its '-' reads as a key, and the item's next key, deeper, is
        # refused: told at the glued line (audit DY: "indented further than the key above it")
        above = lines[line - 2]
        if len(here) - len(here.lstrip(" ")) > len(above) - len(above.lstrip(" ")):
            hint = glued_dash(above, line - 1)
            if hint:
                return hint
    if any(p in problem for p in ("did not find expected", "expected <block end>")) \
            and column - 1 <= len(here) - len(here.lstrip(" -")):  # where a line starts
        hint = _bare_item(lines, line) or misaligned(lines, line)
    return hint or _indicator(here, line) or ("mapping values are not allowed" in problem and _bare_item(lines, line)
                                              or None)
