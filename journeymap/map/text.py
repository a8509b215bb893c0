"""Wrapping and shortening text for the map, measured in the map's font (:mod:`.textwidth`): lines
no wider than a box, broken between the characters a reader sees as one, and text cut with an
ellipsis at a word where it has no room.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import accumulate
from typing import Any, Callable, Iterator, Optional

from journeymap.journey.nobreak import glue_units
from journeymap.journey.textsafe import FOLDABLE_SPACE, NO_BREAK_SPACES
from journeymap.map.textwidth import text_width, widest

#: Thai and Lao vowels written before the consonant they follow in speech: a line never ends on one.
_LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4")
#: What Japanese and Chinese typesetting never begins a line with (closing marks, the comma and full
#: stop, the long-vowel mark, small kana) and never ends one with (opening marks), kinsoku shori:
#: a box read "店員が在庫を確認して連絡" / "、お客様が来店する" (audit FQ).
_NO_LINE_START = frozenset("、。，．・：；？！）］｝」』】〕〉》〙〗〟’”ー…‥゛゜ゝゞヽヾ々〻"
                           "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ")
_NO_LINE_END = frozenset("（［｛「『【〔〈《〘〖〝‘“")
#: French marks a no-break space ties to the word before (:func:`~.nobreak.glue_units`), kept with
#: it where that word must break inside too.
_GLUED = frozenset("?!:;»")
NO_BREAK = frozenset(NO_BREAK_SPACES)


def clusters(text: str) -> list[str]:
    """``text`` as the units a reader sees as one character, where a line may break inside a
    word: a letter with its marks, an Indic conjunct, an emoji sequence (Unicode's extended
    grapheme clusters, from the ``regex`` module), a Thai or Lao leading vowel with its consonant,
    a Japanese or Chinese mark with the character it may not be parted from (:data:`_NO_LINE_START`).
    Broken between code points, lines began with a vowel sign drawn on a dotted circle.

    >>> clusters("समीक्षाओं"), clusters("เมล"), clusters("ok")
    (['स', 'मी', 'क्षा', 'ओं'], ['เม', 'ล'], ['o', 'k'])
    >>> clusters("連絡、（レシート）")  # Japanese: no line starts with "、" or "）", none ends with "（"
    ['連', '絡、', '（レ', 'シー', 'ト）']
    """
    if text.isascii():
        return list(text)
    import regex  # only text outside ASCII pays for it

    found: list[str] = []
    for cluster in regex.findall(r"\X", text):
        if found and (found[-1][-1] in _LEADING_VOWELS or found[-1][-1] in _NO_LINE_END
                      or cluster[0] in _NO_LINE_START or cluster[0] in NO_BREAK
                      or cluster[0] in _GLUED and found[-1][-1] in NO_BREAK):
            found[-1] += cluster
        else:
            found.append(cluster)
    return found


#: Where a word too long for a line breaks first: after a hyphen between letters ("welcome-to-your-").
_AFTER_HYPHEN = re.compile(r"(?<=[^\W\d_]-)(?=[^\W\d_])")


#: What ends a line that breaks a word between its syllables.
HYPHEN = "\u2010"
#: How the journey being drawn breaks its words: a function giving its hyphenation dictionary
#: (None for none), called only when a word must break (:func:`breaking_words`).
_DICTIONARY: ContextVar[Optional[Callable[[], Optional[str]]]] = ContextVar("dictionary", default=None)


@contextmanager
def breaking_words(dictionary: Callable[[], Optional[str]]) -> Iterator[None]:
    """Within this block, a word too long for its line breaks between the syllables of
    ``dictionary()``'s language where that takes no more lines (asked once, and only if a word
    must break: recognising a language costs a quarter of a second)."""
    token = _DICTIONARY.set(functools.cache(dictionary))
    try:
        yield
    finally:
        _DICTIONARY.reset(token)


def _syllables(part: str) -> list[str]:
    """``part`` of a word cut between its syllables, in the language of :func:`breaking_words`."""
    language = _DICTIONARY.get()
    found = language() if language is not None else None
    if found is None or len(part) < 6:
        return [part]
    at = [0, *_hyphenator(found).positions(part), len(part)]
    return [part[a:b] for a, b in zip(at, at[1:]) if b > a]


@functools.lru_cache(maxsize=4)
def _hyphenator(language: str) -> Any:
    """Pyphen's hyphenator for ``language``, made once: three letters at least each side of a
    break ("…organisati‐" / "on" read as a typo)."""
    import pyphen

    return pyphen.Pyphen(lang=language, left=3, right=3)


def _split_long_word(word: str, width: float, size: float, bold: bool) -> list[str]:
    """Break a word wider than ``width`` into pieces that fit: after its hyphens where the pieces
    fit ("welcome-to-your-new-" / "home", not "...-new-ho" / "me"), unless that takes more lines
    than breaking inside ("e-" alone over a long word: review CL); in a language other than
    English, between its syllables, with a hyphen, unless that takes two lines more
    (:func:`breaking_words`: a German journey's lane read "Vertriebsaußendienstorg" / "anisation",
    audit DE); else inside, hyphen-less like a browser, between :func:`clusters`."""
    inside = _pieces([word], width, size, bold)
    parts = _AFTER_HYPHEN.split(word)
    natural = [piece for part in parts for piece in _syllables(part)]
    if len(natural) == len(parts):  # no syllables: after its hyphens, as before
        if len(parts) < 2:
            return inside
        at_hyphens = _pieces(parts, width, size, bold)
        return at_hyphens if len(at_hyphens) <= len(inside) else inside
    # between syllables a line ends with a hyphen (U+2010, not the hyphen-minus a word may hold),
    # room kept for it
    at_breaks = _pieces(natural, width - text_width(HYPHEN, size, bold), size, bold)
    if len(at_breaks) > len(inside) + 1:  # a line more for a word a reader can read; not two
        return inside
    # no hyphen where a piece ends at a space that joins words (a run of them too long for a line)
    syllable_ends = {end for end in accumulate(map(len, natural[:-1]))
                     if not (word[end - 1].isspace() or word[end].isspace())} - set(accumulate(map(len, parts[:-1])))
    ends = accumulate(map(len, at_breaks))
    return [piece + HYPHEN if end in syllable_ends else piece for piece, end in zip(at_breaks, ends)]


def _pieces(segments: list[str], width: float, size: float, bold: bool) -> list[str]:
    """``segments`` (of one word) into pieces no wider than ``width``: as many whole segments a piece
    as fit, a segment too wide for one broken between its clusters."""
    pieces: list[str] = []
    current = ""
    for segment in segments:
        if text_width(current + segment, size, bold) <= width:
            current += segment
            continue
        if current:
            pieces.append(current)
            current = ""
        for ch in clusters(segment):
            if current and text_width(current + ch, size, bold) > width:
                pieces.append(current)
                current = ch
            else:
                current += ch
    if current:
        pieces.append(current)
    return pieces


#: White space a line may break at: any but the no-break spaces (the narrow one French sets before
#: "!", "?" and ";": the mark went to a line of its own, audit DG).
_BREAKS = FOLDABLE_SPACE
_KEEPS = re.compile(f"[{NO_BREAK_SPACES}]")


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Wrap ``text`` into lines no wider than ``width`` points; never loses a character.

    Runs of white space count as one space; a no-break space joins two words into one that is
    never broken there; words longer than a line are broken inside.

    >>> wrap("Calls the claims hotline", 60, 10)
    ['Calls the', 'claims', 'hotline']
    >>> wrap("Supercalifragilistic", 40, 10)
    ['Superc', 'alifragil', 'istic']
    >>> wrap("Gets a welcome-to-your-new-home pack", 100, 9)
    ['Gets a', 'welcome-to-your-', 'new-home pack']
    >>> wrap("5 moments of truth", 100, 10)
    ['5 moments of', 'truth']
    >>> wrap("5 moments\N{NO-BREAK SPACE}of\N{NO-BREAK SPACE}truth", 100, 10)
    ['5', 'moments\xa0of\xa0truth']
    >>> wrap("Alerte de consommation\N{NARROW NO-BREAK SPACE}!", 100, 10)
    ['Alerte de', 'consommation\u202f!']
    >>> wrap("Un cargo de 87,40 €", 100, 10)
    ['Un cargo de', '87,40\\xa0€']
    """
    lines: list[str] = []
    current = ""
    text = glue_units(text)  # "87,40 €" is one word
    words = _BREAKS.split(text.strip()) if _KEEPS.search(text) else text.split()  # str.split is quicker
    for word in words:
        if not word:
            continue
        if current and not word.isascii() and all(unicodedata.category(ch) == "Cf" for ch in word):
            current += word  # an isolate's end after a space: alone, a line with nothing to draw
            continue
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = _split_long_word(word, width, size, bold)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines or [""]


def balanced(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """:func:`wrap`, with the lines as even as the same number of lines allows: a title's last
    line is not one word alone ("... in the Nordic / region").

    >>> wrap("Order to cash for wholesale customers in the Nordic region", 560, 20)
    ['Order to cash for wholesale customers in the Nordic', 'region']
    >>> balanced("Order to cash for wholesale customers in the Nordic region", 560, 20)
    ['Order to cash for wholesale', 'customers in the Nordic region']
    >>> max(text_width(line, 10) for line in balanced("See https://example.com/" + "a" * 80 + " now", 200, 10)) <= 200
    True
    """
    lines = wrap(text, width, size, bold)
    if len(lines) < 2:
        return lines
    low, high = min(widest(_BREAKS.split(text.strip()), size, bold), width), width
    for _ in range(20):  # the narrowest width that still takes no more lines
        middle = (low + high) / 2
        low, high = (middle, high) if len(wrap(text, middle, size, bold)) > len(lines) else (low, middle)
    even = wrap(text, high, size, bold)
    return even if widest(even, size, bold) <= width else lines


#: Little words a shortened text does not end on ("… the care of…"): a running title, an
#: overview's stage name.
LITTLE_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from"})


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with an ellipsis (a
    briefing's cover summary, a flow label with no room whole).

    >>> shorten("one two three four", 12)
    'one two…'
    >>> shorten("short", 12)
    'short'
    >>> shorten("Waits for the assessor, who rings back within two working days, usually", 41)
    'Waits for the assessor, who rings back…'
    >>> shorten("\u2068التوصيل والتركيب\u2069", 10) == "\u2068التوصيل…\u2069"
    True
    >>> shorten("\U0001f468\u200d\U0001f469\u200d\U0001f467 family", 4) == "\U0001f468\u200d\U0001f469\u200d\U0001f467…"
    True
    """
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    if not text.isascii():  # not inside a cluster: a letter kept without its vowel sign reads as another
        whole = ""
        for cluster in clusters(text):
            if whole and len(whole) + len(cluster) > len(cut):  # the first is kept whatever its length
                break
            whole += cluster
        cut = whole
    space = cut.rfind(" ")
    kept = (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:.-")
    # an isolate opened in the text and cut off before its end is closed after the ellipsis: left
    # open, it reordered a map tile's stage header around its arrow ("→ …التوصيل")
    return kept + "\u2026" + "\u2069" * max(0, kept.count("\u2068") - kept.count("\u2069"))


def fit_line(line: str, room: float, size: float, bold: bool = False) -> str:
    """``line`` as it fits in ``room`` points at ``size``: whole, else cut at a word with an ellipsis
    (:func:`shorten`), never under four characters.

    >>> fit_line("Inside sales & ordering desk", 100, 7)
    'Inside sales & ordering…'
    >>> fit_line("Warehouse", 80, 7)
    'Warehouse'
    """
    limit = len(line)
    while limit > 4 and text_width(shorten(line, limit), size, bold) > room:
        limit -= 1
    return shorten(line, limit)
