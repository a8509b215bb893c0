"""The languages a portfolio's journeys are written in: which one its long words break by, and
which one marks their own words on screen."""

from __future__ import annotations

from collections import Counter
from typing import Optional

from journeymap.portfolio.rollup import Portfolio


def words_language(p: Portfolio) -> Optional[str]:
    """The language its journeys' own words are written in, where every journey of the portfolio
    is written in the same one and it is not English (the page's): on screen they are marked with
    it (the ``user`` filter, WCAG 2.1 3.1.2). Where they differ, a name could be marked with a
    language it is not in: none is."""
    from journeymap.journey.language import foreign_language

    found = {foreign_language(j.journey) for j in p.journeys if j.ok and j.journey is not None}
    return next(iter(found)) if len(found) == 1 else None


def title_languages(p: Portfolio) -> dict[str, str]:
    """Each journey's title and the language its words are written in, where that is not English:
    on screen, a row of one journey (its title, its touch-points, its moments of truth) is marked
    with it where the journeys are in several (audit DK: a mixed portfolio marked none). A title
    that journeys in different languages share is left out, as is a journey with errors."""
    from journeymap.journey.language import foreign_language

    found: dict[str, set[Optional[str]]] = {}
    for j in p.journeys:
        if j.ok and j.journey is not None:
            found.setdefault(j.title, set()).add(foreign_language(j.journey))
    marked = {}
    for title, languages in found.items():
        language = languages.pop() if len(languages) == 1 else None
        if language:
            marked[title] = language
    return marked


def portfolio_language(p: Portfolio) -> Optional[str]:
    """The hyphenation dictionary the portfolio's long words break by: the one most of its
    journeys break theirs by; None where most are in English (or in a language broken between
    characters). A tie goes to a dictionary, then to the first by name."""
    from journeymap.journey.language import word_breaks

    counts = Counter(word_breaks(j.journey) for j in p.journeys if j.ok and j.journey is not None)
    return min(counts, key=lambda name: (-counts[name], name is None, name or ""), default=None)
