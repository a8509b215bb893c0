"""Text made safe to show: control characters made visible, keys shortened.

User text reaches terminals, CI logs, Markdown and PDF metadata. A name may hold ESC or NUL
(YAML's ``"\\e"`` and ``"\\0"`` escapes), which would clear a reader's terminal or cut a string;
:func:`printable` turns them into their visible Unicode "control pictures" (``␛``, ``␀``).
:func:`short_key` is how findings quote a key from the file: short and sanitised, so a file that
is not a journey (a credentials file, say) never has its content echoed into a log.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Optional

#: Text holds a character that shows: not only spaces, nor only characters that draw nothing (bidi
#: controls, zero-width ones, soft hyphens, variation selectors, Hangul fillers, the braille blank:
#: review AZ). A name of U+202E alone passed, and the map's escaping, which drops bidi overrides,
#: left Graphviz an empty label it rejected. The spaces are Unicode's White_Space, spelt out rather
#: than ``\s``, which means another set in each engine that reads this pattern: pydantic's (Rust),
#: Python's ``re`` (also U+001C-U+001F) and an editor's (JavaScript: not U+0085). A department named
#: U+001C passed validation, was taken for a blank name when its id was made, and ``check`` ended
#: in a traceback (audit BU).
NON_BLANK = (r"[^\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
             r"\u00ad\u034f\u061c\u115f\u1160\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2069"
             r"\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]")
_SHOWS = re.compile(NON_BLANK)


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: the validator's "must not be blank" (:data:`NON_BLANK`).

    >>> is_blank(" \u200b\u202e"), is_blank("\x1c"), is_blank("a")
    (True, False, False)
    """
    return _SHOWS.search(text) is None


#: C0 and C1 control characters and DEL; with ``keep_lines`` tab, newline and CR are kept.
# and the line and paragraph separators, which some terminals and editors break a line at (audit EO)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_KEEP_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
#: Bidirectional overrides and isolates, which reorder what a terminal shows.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def control_picture(match: re.Match[str]) -> str:
    """The Unicode "control picture" of a matched C0 control character (␇, ␛, ...), ␡ for DEL, ␤
    for a line or paragraph separator, and U+FFFD for any other (a C1 control, a lone surrogate)."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code in (0x2028, 0x2029):
        return "\u2424"  # ␤, the symbol for a new line
    return "\u2421" if code == 0x7F else "\ufffd"


def printable(text: str, *, keep_lines: bool = False, isolates: bool = False) -> str:
    """``text`` with control characters shown as control pictures and bidi overrides removed.

    With ``isolates`` (for pages a browser shows: Markdown), the first-strong isolates that
    :func:`isolated` puts around a right-to-left name are kept, each pair that opens and closes
    within the text; every other bidirectional control is removed all the same.

    >>> printable("a\\x1b[2Jb\\x00")
    'a␛[2Jb␀'
    >>> printable("two\\nlines", keep_lines=True)
    'two\\nlines'
    >>> printable("to \\u2068يدفع\\u2069 \\u2069\\u2068", isolates=True) == "to \\u2068يدفع\\u2069 "
    True
    """
    pattern = _CONTROL_KEEP_LINES if keep_lines else _CONTROL
    shown = pattern.sub(control_picture, text)
    return paired_isolates(shown) if isolates else _BIDI.sub("", shown)


_NOT_FIRST_STRONG = re.compile("[\u202a-\u202e\u2066\u2067]")


def paired_isolates(text: str) -> str:
    """``text`` without bidirectional controls other than first-strong isolates (U+2068) matched
    by a pop (U+2069) after them; unmatched ones are removed too. The rule for every page a
    reader's browser or Pango lays out (Markdown, the briefing, the portfolio): the isolates are
    ours (:func:`isolated`), an override (U+202E) would reverse what follows it.

    >>> paired_isolates("\u202eVisits \u2068يدفع\u2069 \u2069") == "Visits \u2068يدفع\u2069 "
    True
    """
    text = _NOT_FIRST_STRONG.sub("", text)
    if "\u2068" not in text and "\u2069" not in text:
        return text
    keep: set[int] = set()
    open_at: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\u2068":
            open_at.append(i)
        elif ch == "\u2069" and open_at:
            keep.update((open_at.pop(), i))
    return "".join(ch for i, ch in enumerate(text) if ch not in "\u2068\u2069" or i in keep)


def isolated(text: str) -> str:
    """``text`` (a name a user wrote) set apart from the sentence around it when it holds
    right-to-left letters, and without bidirectional controls of its own.

    A name in Arabic or Hebrew inside an English sentence pulls the quotes, brackets and words next
    to it into its own direction: "to “<name>” (<department>)" printed with the department inside
    the quotes. First strong isolate (U+2068) and pop directional isolate (U+2069) keep
    the name's letters in their order and the sentence in its own; browsers and Pango honour them.
    Overrides and isolates in the name itself are removed first: a U+202E reversed the rest of
    the sentence, a stray U+2069 ended the isolation early. (:func:`printable` removes
    them too: a terminal shows them as they are.)

    >>> isolated("Claims handling")
    'Claims handling'
    >>> isolated("\u202eVisits shop")
    'Visits shop'
    >>> isolated("خدمة") == "\u2068خدمة\u2069" == isolated(isolated("خدمة"))
    True
    """
    text = _BIDI.sub("", text)
    if not text.isascii() and any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text):
        return f"\u2068{text}\u2069"
    return text


_TO_SQUARE = str.maketrans("()", "[]")


def bracketed(text: str) -> str:
    """A name to be printed inside our own brackets, as :func:`isolated` sets it, with its own
    round brackets made square, as style guides nest them: "(Loss assessors (Harland & Co))"
    read as two asides closed at once.

    >>> bracketed("Loss assessors (Harland & Co)")
    'Loss assessors [Harland & Co]'
    """
    return isolated(text).translate(_TO_SQUARE)


def quotes_isolated(message: str) -> str:
    """A finding's ``message`` for a page: each name it quotes ('...' or "...") set apart as
    :func:`isolated` sets names apart, and its own bidirectional controls dropped (the messages
    are shared with terminals and JSON, which keep the names as written: review V).

    >>> quotes_isolated("hand-off from ('Visit') to ('يدفع')") == "hand-off from ('Visit') to ('\u2068يدفع\u2069')"
    True
    """
    plain = _BIDI.sub("", message)
    if plain.isascii():
        return plain
    return _QUOTED.sub(_isolate_quoted, plain)


def _isolate_quoted(found: "re.Match[str]") -> str:
    if found.group(3):  # “a name holding both kinds of quote” (checks.said)
        return f"\u201c{isolated(found.group(4))}\u201d"
    return found.group(1) + isolated(found.group(2)) + found.group(1)


_QUOTED = re.compile(r"""(['"])([^'"\n]+)\1|(\u201c)([^\u201c\u201d\n]+)\u201d""")


_RIGHT_TO_LEFT = frozenset({"R", "AL"})


def set_apart(text: str) -> str:
    """``text`` between a first-strong isolate and its pop (U+2068 ... U+2069) when it holds a
    right-to-left letter outside the isolates already in it: a name such as "Support ☎️ שירות
    לקוחות", which a number after it would join, or a line of the map a browser would lay out left
    to right. Text whose right-to-left names are isolated within it (a heading composed of them)
    is left as it is.

    >>> set_apart("Support שירות") == "\u2068Support שירות\u2069"
    True
    >>> set_apart("Part 1: \u2068שירות\u2069"), set_apart("Claims")
    ('Part 1: \u2068שירות\u2069', 'Claims')
    """
    return f"\u2068{text}\u2069" if _right_to_left_unisolated(text) else text


def line_isolate(text: str, right_to_left: bool) -> str:
    """The isolate that opens ``text``, one line of a wrapped paragraph, in the paragraph's
    direction: U+2067 (right to left) in a right-to-left paragraph, U+2066 (left to right) for a
    line holding a right-to-left letter in a left-to-right one, else "" (no isolate; the caller
    closes one with U+2069). Each line isolated by its own first letter (:func:`set_apart`), the
    line "שירות לקוחות then" of an English sentence was laid out right to left, "then" before
    the Hebrew it follows (audit CA): a line knows its direction only from its paragraph.

    >>> line_isolate("שירות then", False) == "\u2066", line_isolate("gets 12345.", True) == "\u2067"
    (True, True)
    >>> line_isolate("Claims", False)
    ''
    """
    if right_to_left:
        return "\u2067"
    return "\u2066" if _right_to_left_unisolated(text) else ""


def _right_to_left_unisolated(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter outside the isolates in it (U+2066..U+2069)."""
    return any(direction in _RIGHT_TO_LEFT for direction in _directions_outside_isolates(text))


def reads_right_to_left(text: str) -> bool:
    """Whether ``text`` is a right-to-left paragraph: its first strong letter outside isolates is
    (Unicode's rule P2, as browsers and Pango take a paragraph's direction).

    >>> reads_right_to_left("תור לטכנאי at 9"), reads_right_to_left("Book ⁨תור⁩"), reads_right_to_left("42")
    (True, False, False)
    """
    first = next((d for d in _directions_outside_isolates(text) if d in ("L", "R", "AL")), "L")
    return first != "L"


def _directions_outside_isolates(text: str) -> Iterator[str]:
    """The bidirectional class of each character of ``text`` outside the isolates in it."""
    if text.isascii():
        return
    depth = 0
    for ch in text:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == "\u2069":
            depth = max(0, depth - 1)
        elif depth == 0:
            yield unicodedata.bidirectional(ch)


def short_key(key: str, limit: int = 16) -> str:
    """A key from the file quoted for a message: control characters made visible, at most
    ``limit`` characters (then an ellipsis).

    >>> short_key("colour")
    "'colour'"
    >>> short_key("ghp_0123456789abcdefghijklmnopqrstuvwxyz")
    "'ghp_0123456789ab…'"
    """
    text = printable(key)
    if len(text) > limit:
        text = text[:limit] + "…"
    return "'" + text.replace("'", "\u2019") + "'"


#: Characters often pasted from a document or a web page into a key, an id or a number: some
#: look like a space, some like nothing, some like a hyphen.
SPACE_LIKE = "\u00a0\u2007\u202f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
DASH_LIKE = "".join(chr(c) for c in range(0x2010, 0x2016)) + "\u2212"
_LOOKALIKE = re.compile(f"[{re.escape(SPACE_LIKE + ZERO_WIDTH + DASH_LIKE)}]")
#: The spaces that join two words on one line: a line never breaks at one, and white space folded
#: to single spaces keeps them as written (French sets one before "!", "?" and ";": audit DG).
NO_BREAK_SPACES = "\u00a0\u2007\u202f"
#: A run of white space that folds into one space: any but the no-break spaces.
FOLDABLE_SPACE = re.compile(f"[^\\S{NO_BREAK_SPACES}]+")
#: Quotation marks a word processor types for '"' and "'": YAML takes them as text, not as quotes.
TYPOGRAPHIC_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb"
#: Each typographic opening quote and the closing one that ends what it opens.
TYPOGRAPHIC_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019", "\u201e": "\u201c", "\u00ab": "\u00bb"}


def lookalike_note(text: str) -> str:
    """``"; it holds ..."`` naming the first invisible or look-alike character of ``text`` and
    where it is, or ``""`` when there is none (a finding's message then says nothing more).

    >>> lookalike_note("it\u2011depends")
    "; it holds a look-alike character (non-breaking hyphen, U+2011) after 'it', often pasted from a document: retype it"
    >>> lookalike_note("claims")
    ''
    >>> lookalike_note("\u201creliable\u201d")
    '; it is in typographic quotes (“ ”), which YAML keeps as part of the text: leave them out (or, around text, type straight quotes: ")'
    """
    import unicodedata

    quotes = [ch for ch in (text[:1], text[-1:]) if ch and ch in TYPOGRAPHIC_QUOTES]
    if quotes:
        shown = " ".join(dict.fromkeys(quotes))
        # "or type straight quotes" alone told `emotion: “-1”` to write the number as text (review CY)
        return (f"; it is in typographic quotes ({shown}), which YAML keeps as part of the text: leave them out "
                "(or, around text, type straight quotes: \")")
    found = _LOOKALIKE.search(text)
    if found is None:
        return ""
    char = found.group()
    name = unicodedata.name(char, "").lower()
    kind = "an invisible" if unicodedata.category(char) == "Cf" else "a look-alike"
    where = f"after {short_key(text[:found.start()])}" if found.start() else "at its start"
    return f"; it holds {kind} character ({name}, U+{ord(char):04X}) {where}, often pasted from a document: retype it"


#: Leads and owners written to say there is none ("Who must act: n/a and Henrik" read as a person named n/a).
NO_ONE = frozenset({"n/a", "na", "none", "-", "\u2013", "\u2014", "tbd", "tba", "tbc", "?", "unknown", "nobody",
                    "vacant", "unassigned", "to be confirmed", "to be decided", "none yet"})


def named(person: Optional[str]) -> Optional[str]:
    """A lead or owner as written where it names someone, else None (:func:`names_someone`): the
    map's lane, the briefing's tables and the portfolio's printed "TBD" where the checks and the
    executive page said no lead is named (audit DC)."""
    return person if names_someone(person) else None


def names_someone(person: Optional[str]) -> bool:
    """Whether a lead or owner as written names a person: not blank, "n/a", "TBD" and the like."""
    said = " ".join(person.lower().replace(".", "").split()) if person else ""
    if person is not None and person.strip() == "Na":
        return True  # a surname, written as one; "NA", "n/a" and "N.A." are not (review CZ)
    return bool(said) and said not in NO_ONE
