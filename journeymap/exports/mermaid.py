"""``export --format mermaid``: the journey as a Mermaid ``journey`` diagram.

Mermaid's journey grammar is line based: ``title`` text stops at ``#``, ``;`` or a newline,
a ``section`` name at ``#``, ``:``, ``;``; a task is ``Name: score: Actor, Actor``, so a task
name cannot hold ``:``, ``#`` or ``;`` and an actor cannot hold ``,`` either. Every name goes
through :func:`mermaid_text`, the one place where text is made safe for this grammar.
"""

from __future__ import annotations

import re

from journeymap.analysis.analyse import Analysis

_SPACE = re.compile(r"\s+")
# Mermaid's lexer is case-insensitive and takes the first rule that matches, so `journey` is a
# keyword even at the start of "Journeyman" or "Journeys"; the others only before a space or `:`.
_KEYWORDS = re.compile(r"^(journey|(title|section|accTitle|accDescr)\b)", re.IGNORECASE)
_REPLACEMENTS = {":": " -", "#": "No. ", ";": ",", "%": " percent", "{": "(", "}": ")"}


def mermaid_text(text: str, *, actor: bool = False) -> str:
    """Text safe for a Mermaid journey title, section, task name or (with ``actor``) actor.

    >>> mermaid_text("Call #2: agent; 100%")
    'Call No. 2 - agent, 100 percent'
    >>> mermaid_text("Section 5 form")
    '"Section 5 form"'
    >>> mermaid_text("Journeyman plumber arrives")
    '"Journeyman plumber arrives"'
    >>> mermaid_text("Sales, north", actor=True)
    'Sales north'
    """
    for bad, good in _REPLACEMENTS.items():
        text = text.replace(bad, good)
    if actor:
        text = text.replace(",", " ")
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return "(unnamed)"
    if _KEYWORDS.match(text):
        text = f'"{text}"'
    return text


def score(emotion: int | None) -> int:
    """Mermaid's 1-5 score: emotion + 3, or 3 (neutral) when there is none."""
    return 3 if emotion is None else emotion + 3


def export_mermaid(a: Analysis) -> str:
    """The Mermaid ``journey`` text: a section per non-empty stage, a task per touch-point."""
    j = a.journey
    lines = ["journey", f"    title {mermaid_text(j.title)}"]
    for stage in j.stages:
        if not stage.touchpoints:
            continue
        lines.append(f"    section {mermaid_text(stage.name)}")
        for tp in stage.touchpoints:
            dept = mermaid_text(j.department_by_id[tp.department].name, actor=True)
            lines.append(f"      {mermaid_text(tp.name)}: {score(tp.emotion)}: {dept}")
    return "\n".join(lines) + "\n"
