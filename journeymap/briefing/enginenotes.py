"""What a logger says while a briefing is made, kept as notes for the command to print: the PDF
engine's warnings with a team's templates (an image it cannot find, a CSS rule it cannot read)."""

from __future__ import annotations

import contextlib
import logging
from typing import Iterator, Optional


def kept_in(notes: list[str]) -> logging.Handler:
    """A logging handler that keeps each warning it hears in ``notes``, in words on one line."""
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: notes.append(" ".join(record.getMessage().split()))  # type: ignore[method-assign]
    return handler


#: What a team's templates make heard besides the PDF engine: the HTML briefing's inliner, the cover's fitting.
OUR_LOGGERS = ("journeymap.briefing.htmlinline", "journeymap.briefing.cover")


@contextlib.contextmanager
def heard(name: str, notes: list[str], prefix: str = "") -> Iterator[None]:
    """Keep what the logger ``name`` warns of meanwhile in ``notes``, each after ``prefix``."""
    said: list[str] = []
    handler = kept_in(said)
    logger = logging.getLogger(name)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        notes.extend(prefix + note for note in dict.fromkeys(said))


@contextlib.contextmanager
def template_notes(notes: list[str], templates: Optional[object]) -> Iterator[None]:
    """Keep what a briefing made with the team's ``templates`` skipped in ``notes``: what the PDF
    engine could not load or read, and what the HTML briefing leaves out; nothing without them."""
    if templates is None:
        yield
        return
    ours = f"with {templates}: "
    # the engine's heard innermost: its notes come first, as they did
    with heard(OUR_LOGGERS[0], notes, ours), heard(OUR_LOGGERS[1], notes, ours), \
            heard("weasyprint", notes, f"the PDF engine, {ours}"):
        yield
