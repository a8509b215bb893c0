"""The YAML parser and the implicit typing rules shared by every reader of a journey's text: the
reader itself (:mod:`.reader`), the syntax hints (:mod:`.yamlhints`) and the notes on cut text
(:mod:`.losttext`). A module of its own, below all three: the hints are called by the reader's
error path, so they cannot import the reader."""

from __future__ import annotations

import re
import unicodedata
from itertools import islice
from typing import Any, Iterator

import yaml
from yaml import events as ev

#: libyaml's loader where PyYAML was built with it, else PyYAML's own.
PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()  # its implicit rules hold no state: one serves every scalar


def implicit_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML's safe rules give an untagged scalar ``value``: int, bool, float, str, ..."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
    return tag


#: Characters YAML 1.1 (PyYAML and libyaml) reads as line breaks: NEL, LINE SEPARATOR and
#: PARAGRAPH SEPARATOR. YAML 1.2, editors, ``grep -n`` and CI annotations do not, so after one of
#: them every finding was a line lower than the line shown, and one in a comment or a plain value
#: (pasted from a web page or a word processor) broke a valid file.
YAML11_BREAKS = "\x85\u2028\u2029"
#: Private-use characters, which YAML reads as ordinary text: the BMP's, then planes 15 and 16.
_STAND_INS = (range(0xE000, 0xF900), range(0xF0000, 0xFFFFE), range(0x100000, 0x10FFFE))
#: The line breaks editors number lines by: CR LF, LF and CR (not NEL, LS or PS, which YAML 1.1 also breaks at).
LINE_BREAK = re.compile("\r\n|\r|\n")
_ESCAPES = re.compile(r"\\[uU]([0-9A-Fa-f]{4})([0-9A-Fa-f]{4})?")


def stand_ins(text: str) -> tuple[str, dict[int, int]]:
    """``text`` with each of :data:`YAML11_BREAKS` replaced by a private-use character it does not
    hold (one for one, so every position stays), and the table that turns them back; ``text``
    itself and an empty table when it holds none."""
    held = [c for c in YAML11_BREAKS if c in text]
    if not held:
        return text, {}
    # nor one a double-quoted escape in it names ("\ue000"): turned back, it became an LS
    used = set(map(ord, text))
    for four, eight in _ESCAPES.findall(text):  # \uXXXX, or \UXXXXXXXX (counted both ways: either may be)
        used.update((int(four, 16), int(four + eight, 16) if eight else 0))
    free = list(islice((c for span in _STAND_INS for c in span if c not in used), len(held)))
    if len(free) < len(held):  # a file holding every private-use character: read as YAML 1.1 reads it
        return text, {}
    there = dict(zip(map(ord, held), free))
    return text.translate(there), {new: old for old, new in there.items()}


def parse(swapped: str, back: dict[int, int]) -> Iterator[Any]:
    """The YAML events of ``swapped`` (``yaml.parse`` with :data:`PARSER`), a text from
    :func:`stand_ins`, its scalars' values with ``back`` turned back: NEL, LS and PS read as YAML 1.2
    reads them, as characters, not line breaks (the marks count lines as editors do).

    Each value is in Unicode's composed form (NFC): Vietnamese typed with a combining-accent
    keyboard, or text pasted from some macOS tools, comes decomposed (NFD), and its names, the
    same to the eye, were another department's, another stage's, and longer than they look."""
    for event in yaml.parse(swapped, Loader=PARSER):
        if isinstance(event, ev.ScalarEvent):
            value = event.value.translate(back) if back else event.value
            event.value = value if value.isascii() else unicodedata.normalize("NFC", value)
        yield event


def source_lines(text: str) -> list[str]:
    r"""The lines of ``text`` as an editor numbers them: broken at CR LF, LF and CR only (not at the
    characters ``str.splitlines`` also breaks at, such as LS).

    >>> source_lines("a\u2028b\r\nc\rd\n")
    ['a\u2028b', 'c', 'd']
    """
    lines = LINE_BREAK.split(text)
    return lines[:-1] if lines[-1] == "" else lines
