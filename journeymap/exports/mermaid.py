"""``export --format mermaid``: the journey as a Mermaid ``journey`` diagram.

Mermaid's journey grammar is line based: ``title`` text stops at ``#``, ``;`` or a newline,
a ``section`` name at ``#``, ``:``, ``;``; a task is ``Name: score: Actor, Actor``, so a task
name cannot hold ``:``, ``#`` or ``;`` and an actor cannot hold ``,`` either. Before parsing,
Mermaid turns its entity codes (``#35;`` for ``#``: a numeric HTML entity with ``#`` for ``&``) into
markers the grammar does not see, and back into HTML entities in the drawing. So every name
goes through :func:`mermaid_text`, the one place where text is made safe: each character the
grammar or HTML treats specially becomes an entity code, and the name shows literally, with
no markup (``</title><script>`` is text, at any of Mermaid's security levels).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

from journeymap.analysis.analyse import Analysis
from journeymap.journey.model import Department
from journeymap.journey.textsafe import printable

_SPACE = re.compile(r"\s+")
# Mermaid's lexer is case-insensitive and takes the first rule that matches: a name that starts
# with one of its keywords, as a word ("Journey planning", not "Journeyman": jison ends a rule of
# plain words with \b, as Mermaid 11 showed, audit BT), would be read as that statement.
_KEYWORDS = re.compile(r"^(journey|title|section|accTitle|accDescr)\b", re.IGNORECASE)
# The grammar's delimiters (# : ;), comment and directive marks (% { }), HTML's (< > & "), and
# the two characters of Mermaid's own entity markers (so a name cannot forge one).
_ENTITIES = {"#": "#35;", ":": "#58;", ";": "#59;", "%": "#37;", "{": "#123;", "}": "#125;",
             "<": "#60;", ">": "#62;", "&": "#38;", '"': "#34;", "\ufb02": "#64258;", "\u00b6": "#182;"}
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")


def mermaid_text(text: str, *, actor: bool = False) -> str:
    """Text safe for a Mermaid journey title, section, task name or (with ``actor``) actor.

    >>> mermaid_text("Call #2: agent; 100%")
    'Call #35;2#58; agent#59; 100#37;'
    >>> mermaid_text("</title><script>")
    '#60;/title#62;#60;script#62;'
    >>> mermaid_text("Journey planning"), mermaid_text("Journeyman plumber arrives")
    ('#74;ourney planning', 'Journeyman plumber arrives')
    >>> mermaid_text("Sales, north", actor=True)
    'Sales#44; north'
    """
    text = printable(_SPACE.sub(" ", text).strip())
    if not text:
        return "(unnamed)"
    text = _SPECIAL.sub(lambda m: _ENTITIES[m.group()], text)
    if actor:
        text = text.replace(",", "#44;")
    if _KEYWORDS.match(text):
        text = f"#{ord(text[0])};{text[1:]}"
    return text


def score(emotion: int | None) -> int:
    """Mermaid's 1-5 score: emotion + 3, or 3 (neutral) when there is none."""
    return 3 if emotion is None else emotion + 3


def actors(departments: Sequence[Department]) -> dict[str, str]:
    """Each department's Mermaid actor, by id: its name, and its id after it where another
    department's name makes the same actor (Mermaid keys actors by name, so two "Contact centre"
    departments were drawn as one: audit CN).

    >>> actors([Department("cc", "Contact centre", 0, (1, 1)), Department("cc-2", "Contact centre", 1, (2, 1))])
    {'cc': 'Contact centre (cc)', 'cc-2': 'Contact centre (cc-2)'}
    """
    def clashing(actors: dict[str, str]) -> set[str]:
        return {n for n, k in Counter(a.casefold() for a in actors.values()).items() if k > 1}

    actor = {d.id: mermaid_text(d.name, actor=True) for d in departments}
    # from the name as written, escaped once (review CS: escaped twice, "&" read "#38;"); where
    # "X (c)" is another department's own name, both are told again, by "(id c)"
    for said in ("{0} ({1})", "{0} (id {1})", "{0} (id {1} in lane {2})"):
        clash = clashing(actor)
        actor = {d.id: mermaid_text(said.format(d.name, d.id, d.index + 1), actor=True)
                 if actor[d.id].casefold() in clash else actor[d.id] for d in departments}
    # names written to be each other's told-apart forms (audit CT): in id order, one already taken
    # is marked until it is not
    taken: set[str] = set()
    for ident in sorted(actor):
        while actor[ident].casefold() in taken:
            actor[ident] += " \u00b7"
        taken.add(actor[ident].casefold())
    return actor


def export_mermaid(a: Analysis) -> str:
    """The Mermaid ``journey`` text: a section per non-empty stage, a task per touch-point."""
    j = a.journey
    lines = ["journey", f"    title {mermaid_text(j.title)}"]
    actor = actors(j.departments)
    for stage in j.stages:
        if not stage.touchpoints:
            continue
        lines.append(f"    section {mermaid_text(stage.name)}")
        for tp in stage.touchpoints:
            lines.append(f"      {mermaid_text(tp.name)}: {score(tp.emotion)}: {actor[tp.department]}")
    return "\n".join(lines) + "\n"


#: Mermaid's default ``maxTextSize``: past it, Mermaid draws "Maximum text size in diagram
#: exceeded" and nothing else (about 550 touch-points of our text).
MAX_TEXT_SIZE = 50_000


def size_note(text: str) -> str | None:
    """What to tell whoever exports ``text`` when Mermaid, as it comes, would refuse to draw it.

    >>> size_note("journey\\n") is None
    True
    >>> size_note("x" * 60_000)[:58]
    'the Mermaid text is 60,000 characters: Mermaid draws only '
    """
    size = len(text.encode("utf-16-le")) // 2  # as JavaScript counts a string's length
    if size <= MAX_TEXT_SIZE:
        return None
    return (f"the Mermaid text is {size:,} characters: Mermaid draws only \"Maximum text size in diagram "
            f"exceeded\" past {MAX_TEXT_SIZE:,} unless "
            f"its maxTextSize setting is raised (mermaid.initialize({{maxTextSize: {size + 1000}}}), or "
            "\"maxTextSize\" in mermaid-cli's config file); the swimlane map has no such limit")
