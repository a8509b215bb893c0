"""Which departments of a portfolio's journeys are one department, and the key each is counted by."""

from __future__ import annotations

from typing import Protocol, Sequence

from journeymap.journey.model import Department
from journeymap.journey.textsafe import bracketed
from journeymap.pipeline import Checked


class Shown(Protocol):
    """What :func:`tell_apart` reads and sets of a scorecard (rollup's DepartmentCard, which
    imports this module)."""

    id: str
    name: str
    registry: bool
    journeys: list[int]
    shown: str


class DepartmentKeys:
    """Department keys: the id, or ``id@journey`` for a second department with the same id
    (``id@journey.2``, ``.3``, ... when journeys share an id too). A registry department (id and
    name) is one department wherever it is used, and the first to come keeps its plain id before
    any journey's own (``registry``: their ids); a journey's own department is another one even
    when it has a registry department's id and name (SPEC 6: journeys without a registry share a
    department when the names match), and so is another registry's namesake by another name."""

    def __init__(self, registry: Sequence[str] = ()) -> None:
        self.by_identity: dict[tuple[str, str, bool], str] = {}
        self.reserved, self.given = set(registry), set[str]()

    def key(self, dept: Department, journey_id: str) -> str:
        """The portfolio's key of ``dept`` as journey ``journey_id`` defines it: its id, or, where a
        department of that id is another department, the id with ``@journey`` (and a number)."""
        identity = (dept.id, dept.name, dept.registry)
        if identity not in self.by_identity:
            key, n = dept.id, 1
            while key in self.given or (key in self.reserved and not dept.registry):
                n += 1
                key = f"{dept.id}@{journey_id}" + (f".{n - 1}" if n > 2 else "")
            self.by_identity[identity] = key
            self.given.add(key)
        return self.by_identity[identity]


def registry_ids(checked: Sequence[Checked]) -> list[str]:
    """The ids of the registry departments the journeys use: a journey named before them must
    not take one for a department of its own (a registry department no journey uses gets no
    scorecard, and leaves its id free)."""
    ids: dict[str, None] = {}
    for item in checked:
        if item.journey is not None:
            ids.update(dict.fromkeys(d.id for d in item.journey.departments if d.registry))
    return list(ids)


def tell_apart(cards: Sequence[Shown], ids: Sequence[str]) -> None:
    """Set what each department is shown as: its name, or with its journeys' ids (``ids``, by
    place) when another department has the same name (a journey's own namesake of a registry
    department), in any case: "Customer service" and "Customer Service" read as one (audit CE).
    Two of one journey are told apart by their own ids too: "Contact centre (twocc)" twice read as
    a department handing customers to itself (audit CT)."""
    def same(name: str) -> str:
        return " ".join(name.casefold().split())

    count: dict[str, int] = {}
    for card in cards:
        count[same(card.name)] = count.get(same(card.name), 0) + 1
    shared = {same(c.name) for c in cards if c.registry}
    for card in cards:
        plain = count[same(card.name)] == 1 or (card.registry and same(card.name) in shared)
        shown = dict.fromkeys(ids[j] for j in card.journeys)  # two files of one id: named once
        card.shown = card.name if plain else f"{card.name} ({', '.join(bracketed(j) for j in shown)})"
    told: dict[str, int] = {}
    for card in cards:
        told[same(card.shown)] = told.get(same(card.shown), 0) + 1
    for card in cards:
        if told[same(card.shown)] > 1:
            where = ", ".join(bracketed(ids[j]) for j in dict.fromkeys(card.journeys))
            card.shown = f"{card.name} ({bracketed(card.id)} in {where})"
