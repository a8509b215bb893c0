"""YAML files a folder's scan leaves out that look like journeys all the same: a first key typed
``journey-map:``, or ``stages:`` with touch-points and no ``journeymap:`` line at all.

A folder's journeys are its ``.journey.yaml`` files and the YAML files whose top level has the key
``journeymap``. A newcomer's ``move.yaml`` that began ``journey-map: 1`` was left out unsaid: the
folder's check counted one file fewer, or said "no journey file found" (audit CW). Such a file is
told in a note, with what to fix; named on the command line it is checked, and told its error.
"""

from __future__ import annotations

import difflib
import re
from typing import Optional

from journeymap.journey.project import JOURNEY_KEY

#: A top-level key, at the start of a line (a byte-order mark and quotes allowed).
_TOP_KEY = re.compile(rb"^(?:\xef\xbb\xbf)?[\"']?([A-Za-z][\w -]{0,30}?)[\"']?\s*:", re.MULTILINE)
_TOUCHPOINTS = re.compile(rb"^\s+(?:-\s+)?[\"']?touchpoints[\"']?\s*:", re.MULTILINE)


def near_journey(head: bytes) -> Optional[str]:
    """Why a YAML file that starts with ``head`` looks like a journey though it is not one: its
    first key is a near miss of ``journeymap``, or it has ``stages:`` with ``touchpoints:`` and no
    ``journeymap:``; None for any other file (a journey, a CI workflow, a compose file).

    >>> near_journey(b"journey-map: 1\\ntitle: Move\\n")
    "its first key is 'journey-map', not journeymap: a journey file starts journeymap: 1"
    >>> near_journey(b"title: Move\\nstages:\\n  - name: S\\n    touchpoints: []\\n")
    'it has stages:, touchpoints: and no journeymap: 1 line, which a journey file starts with'
    >>> near_journey(b"stages: [build, test]\\n"), near_journey(b"journeymap: 1\\n")
    (None, None)
    """
    if JOURNEY_KEY.search(head):
        return None
    keys = [m.group(1).decode("utf-8", "replace").strip() for m in _TOP_KEY.finditer(head)]
    if keys and keys[0].lower() != "journeymap" and _like_journeymap(keys[0]):
        return f"its first key is {keys[0]!r}, not journeymap: a journey file starts journeymap: 1"
    if keys and keys[0].lower() == "journeymap":  # in capitals: "JourneyMap: 1"
        return f"its first key is {keys[0]!r}, not journeymap (in small letters): a journey file starts journeymap: 1"
    # stages alone are a CI pipeline's too: touch-points and a title or departments as well (review CZ)
    if "stages" in keys and _TOUCHPOINTS.search(head) and {"title", "departments"} & set(keys):
        return "it has stages:, touchpoints: and no journeymap: 1 line, which a journey file starts with"
    return None


#: Words near "journeymap" that are words of their own: not a typed journeymap.
_OTHER_WORDS = frozenset({"journeyman", "journeymen"})


def _like_journeymap(key: str) -> bool:
    """A key that is ``journeymap`` mistyped: with separators (journey-map) or a letter or two off
    (jouneymap, journeymaps); not "journey" or "journal_map", keys of other tools (review CZ)."""
    plain = re.sub(r"[\s_-]", "", key.lower())
    if plain == "journeymap":
        return True
    return plain not in _OTHER_WORDS and difflib.SequenceMatcher(None, plain, "journeymap").ratio() >= 0.9
