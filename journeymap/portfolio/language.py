"""The languages a portfolio's journeys are written in: which one its long words break by, and
which one marks their own words on screen. Each journey's language is told once per page
(:func:`journey_languages`): detecting one costs about 7 ms, and the screen page asked three times
(72 detections for 24 journeys, 0.34 s of its 0.98 s)."""

from __future__ import annotations

from collections import Counter
from typing import Optional

from journeymap.portfolio.rollup import Portfolio

#: Each usable journey's title and the language its words are written in (None: English).
Languages = list[tuple[str, Optional[str]]]


def journey_languages(p: Portfolio) -> Languages:
    """The portfolio's journeys without errors, each with its title and its language where that
    is not English (the page's), else None."""
    from journeymap.journey.language import foreign_language

    # one a journey, by the title the pages show: hyphenation_of counts them (review ES)
    return [(j.shown, foreign_language(j.journey)) for j in p.journeys if j.ok and j.journey is not None]


def own_titles(p: Portfolio, languages: Languages) -> Languages:
    """``languages`` (:func:`journey_languages`) and, for a journey whose title the pages tell apart
    by its file, its own title too: the "what changed since" section names journeys so (review EN)."""
    told = dict(languages)
    extra = [(j.title, told[j.shown]) for j in p.journeys if j.ok and j.shown != j.title and j.shown in told]
    return [*languages, *extra]


def words_language(languages: Languages) -> Optional[str]:
    """The language the journeys' own words are written in, where every journey of the portfolio
    is written in the same one and it is not English (the page's): on screen they are marked with
    it (the ``user`` filter, WCAG 2.1 3.1.2). Where they differ, see :func:`title_languages`."""
    found = {language for _, language in languages}
    return next(iter(found)) if len(found) == 1 else None


def title_languages(languages: Languages) -> dict[str, str]:
    """Each journey's title and the language its words are written in, where that is not English:
    on screen, a row of one journey (its title, its touch-points, its moments of truth) is marked
    with it where the journeys are in several (audit DK: a mixed portfolio marked none). A title
    that journeys in different languages share is left out, as is a journey with errors; a journey
    is keyed by the title the pages show, and by its own where given (:func:`own_titles`)."""
    found: dict[str, set[Optional[str]]] = {}
    for title, language in languages:
        found.setdefault(title, set()).add(language)
    marked = {}
    for title, told in found.items():
        language = told.pop() if len(told) == 1 else None
        if language:
            marked[title] = language
    return marked


def department_languages(p: Portfolio, languages: Languages) -> dict[str, str]:
    """Each department (by its key) whose journeys are all written in one language not English,
    and that language: the heatmap's column heads break its name by its rules, not the page's (a
    German department's name broke "Schadensreg" / "ulierungsabt" / "eilung" by another
    language's dictionary, "Zahlungsverk" / "ehr" by none: audit FQ)."""
    told = dict(languages)  # by the title the pages show
    found = {}
    for card in p.departments:
        spoken = {told.get(p.journeys[i].shown) for i in card.journeys}
        language = spoken.pop() if len(spoken) == 1 else None
        if language:
            found[card.key] = language
    return found


def hyphenation_of(languages: Languages) -> Optional[str]:
    """The hyphenation dictionary the portfolio's long words break by: the one most of its
    journeys break theirs by; None where most are in English (or in a language broken between
    characters). A tie goes to a dictionary, then to the first by name."""
    from journeymap.journey.language import hyphenation_language

    counts = Counter(hyphenation_language(language) if language else None for _, language in languages)
    return min(counts, key=lambda name: (-counts[name], name is None, name or ""), default=None)


def portfolio_language(p: Portfolio) -> Optional[str]:
    """:func:`hyphenation_of` the portfolio's journeys."""
    return hyphenation_of(journey_languages(p))
