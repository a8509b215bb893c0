"""Departments a portfolio counts apart though they share an id, told to its readers."""

from __future__ import annotations

from typing import Callable, Sequence

from journeymap.journey.textsafe import isolated
from journeymap.portfolio.rollup import DepartmentCard, Portfolio
from journeymap.report import listed


def _journey_titles(titles: Sequence[str]) -> Callable[[DepartmentCard], str]:
    """The titles of a department's journeys (``titles``: every journey's, by place), as a list for
    a sentence."""
    return lambda card: ", ".join(dict.fromkeys(isolated(titles[j]) for j in card.journeys))


def namesakes(p: Portfolio) -> list[str]:
    """A sentence for each id that two or more departments share: they are counted as different
    departments (``id@journey``), and a reader was not told why. Names and titles are set apart
    (:func:`~journeymap.journey.textsafe.isolated`), so a right-to-left one keeps the sentence in order."""
    titles = [j.shown for j in p.journeys]  # by place: two files may share an id (audit BK)
    # "a registry makes them one" was said where journeymap.yaml had one: say what to add
    registry = p.project is not None or any(c.registry for c in p.departments)
    by_id: dict[str, list[DepartmentCard]] = {}
    for card in (c for c in p.departments if c.journeys):  # one in no journey is in no journey's way
        by_id.setdefault(card.id, []).append(card)
    said = []
    for ident, cards in by_id.items():
        if len(cards) < 2:
            continue
        where = _journey_titles(titles)
        shared = [c for c in cards if c.registry]
        if shared and len({c.name for c in cards}) == 1:
            own = "; ".join(where(c) for c in cards if not c.registry)
            said.append(f"The id {ident} is the registry's department \u201c{isolated(shared[0].name)}\u201d in "
                        f"{where(shared[0])}, and a department of its own in {own}, which does not take its "
                        "departments from journeymap.yaml; they are counted apart.")
            continue
        names = "; ".join(f"\u201c{isolated(c.name)}\u201d in {where(c)}" for c in cards)
        # registries of two project files can only agree by being made to
        # "makes them one" was said of Branch, Sales and Marketing sharing the id d1 (audit CK): names
        # that differ may be different departments, which want ids of their own
        advice = ("Their project files (journeymap.yaml) define the id differently" if all(c.registry for c in cards)
                  else f"If they are one department, add {ident} to the department registry (departments:) in "
                  "journeymap.yaml; if not, give each an id of its own"
                  if registry
                  else "If they are one department, give it the same name in each journey, or put it in a department "
                  "registry in journeymap.yaml; if not, give each an id of its own")
        said.append(f"The id {ident} names {len(cards)} departments ({names}); they are counted apart. {advice}.")
    return said + _same_names(p, where=_journey_titles(titles))


def _same_names(p: Portfolio, where: Callable[[DepartmentCard], str]) -> list[str]:
    """A sentence for each name that departments of different ids share: a journey written before
    the registry, its "Claims handling" under an id of its own, was counted apart from the
    registry's "Claims handling" with no word of why (audit DC)."""
    by_name: dict[str, list[DepartmentCard]] = {}
    for card in (c for c in p.departments if c.journeys):  # one in no journey is in no journey's way
        by_name.setdefault(" ".join(card.name.casefold().split()), []).append(card)
    said = []
    for cards in by_name.values():
        ids = list(dict.fromkeys(c.id for c in cards))
        if len(ids) < 2:
            continue
        shared = [c for c in cards if c.registry]
        registry_s = "the registry's, "
        listed_ids = "; ".join(f"{c.id} ({registry_s if c.registry else ''}in {where(c)})" for c in cards)
        one = len({j for c in cards for j in c.journeys}) == 1  # two lanes of one journey (review DD)
        advice = ("if they are two departments, give them names that tell them apart; if one, one id" if one else
                  f"if they are one department, write the registry's id {shared[0].id} in the other journeys' "
                  "departments (its name, lead and layer then come from journeymap.yaml)" if shared else
                  "if they are one department, give it one id in every journey (or put it in a department registry "
                  "in journeymap.yaml)")
        said.append(f"\u201c{isolated(cards[0].name)}\u201d is the name of {len(ids)} departments of different ids "
                    f"({listed_ids}); they are counted apart: {advice}.")
    return said


def shared_journey_ids(p: Portfolio, shown: Callable[[str], str]) -> list[str]:
    """A sentence for each journey id that two or more files share (``shown``: a path as the
    document shows it). Both are rolled up, as SPEC 6 rolls up every journey under PATH, so an
    old copy kept beside the journey counted its hand-offs and moments of truth twice, and only
    the command's standard error said so."""
    paths: dict[str, list[str]] = {}
    for j in p.journeys:
        paths.setdefault(j.id, []).append(shown(j.path))
    times = {2: "twice", 3: "three times"}
    return [f"{len(files)} files share the journey id {ident} ({', '.join(isolated(f) for f in files)}): each is "
            f"counted, so what they have in common is counted {times.get(len(files), f'{len(files)} times')}. If one "
            "is an old copy, move it out of the folder, or give it an id: of its own."
            for ident, files in paths.items() if len(files) > 1]


def shared_said(p: Portfolio) -> str:
    """A sentence naming the registry's departments that serve more than one journey: their
    numbers add up across journeys, and a reader of three businesses' journeys saw one "Contact
    centre" receive hand-offs from each with nothing to say why (audit CM). Empty without any."""
    shared = [c for c in p.departments if c.registry and len(c.journeys) > 1]
    if not shared:
        return ""
    usable = int(p.headline["journeys"])
    where = (f"{'both' if usable == 2 else 'all ' + str(usable)} journeys"
             if all(len(c.journeys) == usable for c in shared) else "more than one journey")
    if len(shared) > 4:  # seventeen names ran on for four lines of the headline (audit CR's registry)
        widest = sorted(shared, key=lambda c: -len(c.journeys))[:3]
        return (f"{len(shared)} departments of the project file's registry serve {where} "
                f"({', '.join(isolated(c.shown) for c in widest)} and {len(shared) - 3} more): their numbers "
                "here add up across journeys.")
    names = listed([isolated(c.shown) for c in shared])
    one = len(shared) == 1
    return (f"{names} {'is' if one else 'are'} shared: defined once, in the project file, "
            f"{'it serves' if one else 'they serve'} {where}, and {'its' if one else 'their'} numbers here "
            "add up across them.")


def split_leads(p: Portfolio) -> list[str]:
    """A sentence for each department whose journeys name different leads: accountability split
    with nothing to say so but "(other journeys name ...)" on its card, and the lead shown picked
    by the order of the files (audit CR). Each lead with the journeys that name it."""
    said = []
    for card in (c for c in p.departments if c.other_leads):
        journeys: dict[str, list[str]] = {}
        for ref in card.touchpoints:
            if ref.lead:
                titles = journeys.setdefault(ref.lead, [])
                if ref.journey_title not in titles:
                    titles.append(ref.journey_title)
        leads = [card.lead or "", *card.other_leads]
        named = "; ".join(f"{isolated(lead)} in {listed([isolated(t) for t in journeys[lead]])}" if journeys.get(lead)
                          else isolated(lead) for lead in leads)
        said.append(f"{isolated(card.shown)} has {len(leads)} leads ({named}): its card shows the first. "
                    "Agree one lead, and define the department once in the project file's registry "
                    "(journeymap.yaml), so that the journeys cannot name different ones.")
    return said
