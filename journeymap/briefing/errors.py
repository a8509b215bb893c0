"""The briefing's one error: it could not be produced (a bad template, an unsafe or unreadable map
SVG, an unknown page). Its own module, so that :mod:`.svgsafe` and :mod:`.document` share it."""

from __future__ import annotations


class BriefingError(Exception):
    """The briefing could not be produced (bad template, unsafe or unreadable map SVG, bad page)."""
