"""How ``diff`` matches what has no id in common: the findings of two versions (by code and the
element they are about) and the touch-points that look renamed (a new id, the same place, a
similar name)."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from typing import Callable, Mapping, Sequence

from journeymap.analysis.analyse import Analysis
from journeymap.findings import Finding
from journeymap.journey.model import Touchpoint

#: How alike two names must be (difflib's ratio, lower-cased) for a removed and an added
#: touch-point of one department and stage to be taken for one renamed.
RENAME_SIMILARITY = 0.6

#: A pair of ids: a flow or hand-off ``(from, to)``, a rename ``(old id, new id)``.
Key = tuple[str, str]

#: What a finding at each (path, line, column) is about: "touchpoint <id>", "stage <id>", ...
Places = dict[tuple[str, int, int], str]


def element_places(analysis: Analysis) -> Places:
    """What a finding at each place is about: the element at each (path, line, column), a
    touch-point, stage, department or the journey."""
    j = analysis.journey
    places: Places = {(j.path, *j.pos): "journey"}
    for kind, items in (("touchpoint", j.touchpoints), ("stage", j.stages), ("department", j.departments)):
        for item in items:
            places.setdefault((j.path, *item.pos), f"{kind} {item.id}")
    return places


def silenced_keys(analysis: Analysis) -> set[tuple[str, str, str]]:
    """``(code, element, subject)`` of each warning the journey's ``ignore:`` lists silence, the
    element named by its place, as a finding at it is (:func:`element_places`)."""
    from journeymap.analysis.checks import silenced

    places, path = element_places(analysis), analysis.journey.path
    return {(code, places.get((path, *element.pos), ""), subject) for code, element, subject in silenced(analysis)}


FindingKey = tuple[str, str, str]


def _keyer(renames: Sequence[Key], elements: Sequence[Key]) -> Callable[[Places, bool], Callable[[Finding], FindingKey]]:
    """How findings are matched across versions: ``(code, element, subject)``, the element named by
    its place (``places``), an old version's (``renamed``) under the ids it was renamed to."""
    to_new = {f"touchpoint {a}": f"touchpoint {b}" for a, b in renames} | dict(elements)
    sources = {f"from {a}": f"from {b}" for a, b in renames}

    def keyer(places: Places, renamed: bool) -> Callable[[Finding], FindingKey]:
        def key(f: Finding) -> FindingKey:
            element = places.get((f.path, f.line, f.column)) or f.message
            if renamed:
                return f.code, to_new.get(element, element), sources.get(f.subject, f.subject)
            return f.code, element, f.subject
        return key
    return keyer


def finding_delta(old: Sequence[Finding], new: Sequence[Finding], old_places: Places, new_places: Places,
                  renames: Sequence[Key] = (), elements: Sequence[Key] = ()) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """The findings new in ``new`` and gone from ``old``, matched by code and element. An old
    touch-point's findings are matched under the id of the touch-point it was ``renames``d to: an
    unrated touch-point whose id changed kept its W105 and was reported as a new warning (a
    regression) and as one gone with its element, beside "perhaps renamed". So are a
    stage's or department's, through ``elements`` (``("stage use", "stage use-the-product")``)."""
    keyer = _keyer(renames, elements)
    old_key, new_key = keyer(old_places, True), keyer(new_places, False)
    old_count, new_count = Counter(map(old_key, old)), Counter(map(new_key, new))
    added = [f for f in new if new_count[new_key(f)] > old_count[new_key(f)]]
    resolved = [f for f in old if old_count[old_key(f)] > new_count[old_key(f)]]
    return tuple(dict.fromkeys(added)), tuple(dict.fromkeys(resolved))


def reworded_findings(old: Sequence[Finding], new: Sequence[Finding], old_places: Places, new_places: Places,
                      renames: Sequence[Key] = (), elements: Sequence[Key] = ()) -> tuple[tuple[Finding, Finding], ...]:
    """``(old, new)`` of each finding both versions have once (matched as :func:`finding_delta`
    matches them) whose numbers changed: a stage's W111 that went from 4 hand-offs to 5 was the
    same warning, and the diff said nothing of it (audit CD)."""
    keyer = _keyer(renames, elements)
    before: dict[FindingKey, list[Finding]] = {}
    for f in old:
        before.setdefault(keyer(old_places, True)(f), []).append(f)
    after: dict[FindingKey, list[Finding]] = {}
    for f in new:
        after.setdefault(keyer(new_places, False)(f), []).append(f)
    return tuple((before[k][0], found[0]) for k, found in after.items()
                 if len(found) == 1 and len(before.get(k, ())) == 1 and _counts(before[k][0]) != _counts(found[0]))


def _counts(f: Finding) -> list[str]:
    """The numbers a finding's message says ("holds 4 hand-offs"): what makes it worse or better. Its
    words change with a name too (a stage renamed), which is told as the rename already."""
    return re.findall(r"\d+", _LINE.sub("", f.message))


#: A line a message names ("'Visits' (line 11) has a `next:` list"): where, not how bad; a line
#: added above it listed the warning as changed (audit DR).
_LINE = re.compile(r"\(line \d+\)")


def likely_renames(old: Analysis, new: Analysis, removed: Sequence[str], added: Sequence[str],
                   moved: Mapping[str, str] = {}) -> tuple[Key, ...]:
    """``(old id, new id)`` of a removed and an added touch-point that look like one renamed: the
    same department and stage (``moved``: a stage's or department's old id, ``"stage use"``, to
    the one it was perhaps renamed to) and a similar name. Ids left out come from names, so a
    reworded touch-point gets a new id and reads as one removed and one added (SPEC 3 matches by id).

    The closest pairs are taken first, in the order of ``removed``: taken in turn, a removed
    touch-point took the id of one that matched a later one better, and since findings are matched
    through renames that moved a warning onto the wrong one."""
    before, after = old.journey.touchpoint_by_id, new.journey.touchpoint_by_id
    here: dict[tuple[str, str], list[int]] = {}  # each added one filed by its place, once
    for j, came in enumerate(added):
        here.setdefault((after[came].department, after[came].stage), []).append(j)
    candidates = [(SequenceMatcher(None, before[gone].name.lower(), after[added[j]].name.lower()).ratio(), i, j)
                  for i, gone in enumerate(removed) for j in here.get(_place_now(before[gone], moved), ())]
    return _closest(candidates, removed, added)


def _place_now(tp: Touchpoint, moved: Mapping[str, str]) -> tuple[str, str]:
    """The department and stage an old version's touch-point stands in, under the ids they look
    renamed to in the new version (``moved``: ``"stage use"`` to ``"stage use-the-product"``)."""
    def now(kind: str, ident: str) -> str:
        return moved.get(f"{kind} {ident}", f"{kind} {ident}").split(" ", 1)[1]

    return now("department", tp.department), now("stage", tp.stage)


def same_places(old: Analysis, new: Analysis, removed: Sequence[str], added: Sequence[str],
                renames: Sequence[Key] = (), moved: Mapping[str, str] = {}) -> tuple[Key, ...]:
    """``(old id, new id)`` of a removed and an added touch-point, neither with an id of its own
    nor paired by :func:`likely_renames`, that stand in the same place: the same department and
    stage (through ``moved``) and the same steps into it and on from it (through ``renames``).

    One reworded beyond a similar name ("received and inspected" to "checked at the warehouse")
    or one step put in place of another ("Payment made" to "Refund sent"): the report cannot tell
    which, but the risky hand-off into it is the one there was, not a new crack. Two
    such steps in a row are not paired: neither has the same steps on both sides. Each added
    touch-point is filed by its place once, and each removed one looked up there (a pass over
    every pair took 11 s of a 2,000-touch-point diff: review AQ).
    """
    ids = dict(renames)
    before, after = old.journey.touchpoint_by_id, new.journey.touchpoint_by_id
    was_near, now_near = neighbours(old, ids), neighbours(new)
    waiting: dict[tuple[str, str, frozenset[tuple[str, str]]], list[str]] = {}
    for came in added:
        tp = after[came]
        if came not in ids.values() and not tp.id_written:
            waiting.setdefault((tp.department, tp.stage, now_near.get(came, frozenset())), []).append(came)
    pairs = []
    for gone in removed:
        tp = before[gone]
        if gone in ids or tp.id_written or not was_near.get(gone):
            continue
        there = waiting.get((*_place_now(tp, moved), was_near[gone]))
        if there:
            pairs.append((gone, there.pop(0)))
    return tuple(pairs)


def neighbours(analysis: Analysis, ids: Mapping[str, str] = {}) -> dict[str, frozenset[tuple[str, str]]]:
    """Each touch-point's place on the customer's path: where the customer comes from
    (``("in", id)``) and goes on to (``("out", id)``), ids replaced as ``ids`` says."""
    near: dict[str, set[tuple[str, str]]] = {}
    for flow in analysis.flows:
        near.setdefault(flow.source, set()).add(("out", ids.get(flow.target, flow.target)))
        near.setdefault(flow.target, set()).add(("in", ids.get(flow.source, flow.source)))
    return {key: frozenset(value) for key, value in near.items()}


def _closest(candidates: list[tuple[float, int, int]], removed: Sequence[str], added: Sequence[str],
             least: float = RENAME_SIMILARITY) -> tuple[Key, ...]:
    """``(removed, added)`` pairs of the scored ``candidates`` ``(score, i, j)``, closest first,
    none scored under ``least``."""
    pairs: dict[str, str] = {}
    for score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):  # closest first, then in order
        if score < least:
            break
        if removed[i] not in pairs and added[j] not in pairs.values():
            pairs[removed[i]] = added[j]
    return tuple((gone, pairs[gone]) for gone in removed if gone in pairs)


def through(key: Key, ids: Mapping[str, str]) -> Key:
    """A flow's ``(from, to)`` with each end's id replaced as ``ids`` says (others kept).

    >>> through(("a", "x"), {"x": "y"})
    ('a', 'y')
    """
    return ids.get(key[0], key[0]), ids.get(key[1], key[1])


def same_through_renames(added: Sequence[Key], removed: Sequence[Key], renames: Sequence[Key]) -> dict[Key, Key]:
    """The pairs of ``added`` (new ids) that are pairs of ``removed`` (old ids) once ``renames``
    (``(old id, new id)``) are undone: one hand-off whose end has a new id, each to its old pair.

    >>> same_through_renames([("a", "y"), ("a", "z")], [("a", "x")], [("x", "y")])
    {('a', 'y'): ('a', 'x')}
    """
    was = {new: old for old, new in renames}
    gone = set(removed)
    found: dict[Key, Key] = {}
    for key in added:
        old = through(key, was)
        if old != key and old in gone:
            found[key] = old
    return found


def element_renames(old: Analysis, new: Analysis, kind: str, removed: Sequence[str],
                    added: Sequence[str]) -> tuple[Key, ...]:
    """``(old id, new id)`` of a removed and an added stage (``kind`` "stage") or department
    ("department") that look like one renamed: holding mostly the same touch-points (at least half
    of the larger's), or, holding none, a similar name. An id left out comes from the name, so
    "Use" renamed "Use the product" read as a stage removed and one added, its touch-points as
    moved, and its W103 as a new warning: a regression for a rename."""
    def members(analysis: Analysis, ident: str) -> set[str]:
        return {tp.id for tp in analysis.journey.touchpoints if getattr(tp, kind) == ident}

    before, after = ((a.journey.stage_by_id if kind == "stage" else a.journey.department_by_id) for a in (old, new))
    candidates = []
    for i, gone in enumerate(removed):
        had = members(old, gone)
        for j, came in enumerate(added):
            has = members(new, came)
            if had or has:
                candidates.append((len(had & has) / max(len(had), len(has)), i, j))
            elif SequenceMatcher(None, before[gone].name.lower(), after[came].name.lower()).ratio() >= RENAME_SIMILARITY:
                candidates.append((0.5, i, j))  # as alike as half the touch-points in common
    return _closest(candidates, removed, added, least=0.5)


def new_steps(before: Analysis, after: Analysis, renames: Mapping[str, str]) -> tuple[Key, ...]:
    """Flows of ``after`` that ``before`` lacks, hand-offs aside (they are reported as such). A
    flow is matched through ``renames`` (an id of ``before`` to its id in ``after``): a renamed
    touch-point's steps were listed as added and again as removed."""
    had = {through(f.key, renames) for f in before.flows}
    return tuple(f.key for f in after.flows if f.key not in had and not f.handoff)
