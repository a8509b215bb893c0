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
#: took 7.9 GB of memory. 4,000 is about twice what the largest journey within the limits uses
#: (2,000 touch-points, most leading to one or two next ones): a briefing of 150 touch-points and
#: 3,900 flows takes 25 s and 1.1 GB.
MAX_NEXT = 4000
