"""How big a journey may be (SPEC 5, and one limit of ours): E009 beyond these.

The file's size, nesting depth and node count are the reader's (:mod:`journeymap.journey.reader`),
checked while it reads.
"""

from __future__ import annotations

MAX_TOUCHPOINTS = 2000
MAX_DEPARTMENTS = 200
MAX_STAGES = 200
#: Most ``next:`` entries in one journey: not in SPEC 5, whose limits let a 133 kB file name
#: 22,000 flows (every touch-point of 150 leading to every other), a briefing of 1,524 pages that
#: took 7.9 GB of memory. A journey may name :data:`MAX_NEXT` next steps, or
#: :data:`NEXT_PER_TOUCHPOINT` for each of its touch-points where that is more: one within SPEC's
#: limits whose every touch-point has a few next steps (1,400 touch-points of three each, audit AI;
#: 2,000 of four) is valid. No one touch-point names more than :data:`MOST_FROM_ONE`: touch-points
#: with no next steps raised the total for a dense cluster among them (100 touch-points naming 79
#: others each beside 1,900 with none: a briefing of 627 pages, 148 s and 2.45 GB; audit AK).
MAX_NEXT = 4000
NEXT_PER_TOUCHPOINT = 4
MOST_FROM_ONE = 16


def next_limit(touchpoints: int) -> int:
    """How many next steps a journey of ``touchpoints`` touch-points may name in all.

    >>> next_limit(150), next_limit(1400), next_limit(2000)
    (4000, 5600, 8000)
    """
    return max(MAX_NEXT, NEXT_PER_TOUCHPOINT * touchpoints)
