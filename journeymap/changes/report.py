"""A journey diff as text for the terminal (SPEC 3), and the sections the Markdown of
:mod:`.prcomment` and the briefing's "What changed" share (the JSON form is :mod:`.diffjson`)."""

from __future__ import annotations

from typing import Any, Mapping, Optional

from journeymap.changes.compare import JourneyDiff
from journeymap.changes.fieldchanges import Change, ElementChanges
from journeymap.changes.findinglist import finding_sections
from journeymap.changes.gone import SILENCED, gone_with
from journeymap.changes.matching import Key
from journeymap.changes.textchange import LONG_TEXT, excerpts
from journeymap.changes.told import Elements, Told
from journeymap.changes.naming import element_name, name_of
from journeymap.journey.textsafe import isolated, printable
from journeymap.map.text import shorten
from journeymap.report import counted, listed, share_of


def verdict(d: JourneyDiff) -> str:
    """One line: no change, a regression (and why), or what changed."""
    if d.empty:
        return "No change for the customer."
    moved = len(d.warnings_moved)
    # a sentence of its own: after "5 things got worse: ..." it read as a sixth of the five (audit FI)
    also = f". Also {counted(moved, 'new warning')} of a risky hand-off in place of one removed" if moved else ""
    if d.regressions and not (d.regressed or d.risky_new):
        # new warnings alone, such as a moment of truth flagged without its metric: nothing got
        # worse for the customer, though the gate still fails on them
        return f"Regression: {_worse(d)}{also}."
    if d.regressions:
        return f"Regression: {counted(len(d.regressions), 'thing')} got worse for the customer: {_worse(d)}{also}."
    reasons, told = gone_with(d).values(), Told(d)
    quiet = sum(1 for why in reasons if why == SILENCED)
    gone = len(reasons) - quiet
    counts = [(len(told.added), ("touch-point",), "added"), (len(told.removed), ("touch-point",), "removed"),
              (len(told.renamed), ("touch-point",), "perhaps renamed"),
              (len({c.id for c in told.changed}), ("touch-point",), "changed"), (len(d.improved), ("rating",), "improved"),
              (len(told.handoffs_added), ("hand-off",), "added"),
              (len(told.handoffs_removed), ("hand-off",), "removed"),
              (len(told.now_steps), ("hand-off",), "now within one department"),
              (len(d.steps_added), ("step",), "of the path added"),
              (len(d.steps_removed), ("step",), "of the path removed"),
              *_element_counts(told.stages, d.stages, "stage"),
              *_element_counts(told.departments, d.departments, "department"),
              (len(d.owners), ("owner or lead", "owners or leads"), "changed"),
              *_details(d),
              (len(d.findings_resolved) - gone - quiet, ("finding",), "resolved"),
              (quiet, ("finding",), "silenced by `ignore:`, not fixed"),
              (len(d.unsilenced), ("warning",), "shown again (`ignore:` taken away)"),
              (len(d.findings_reworded), ("warning",), "changed"),
              (moved, ("new warning",), "of a risky hand-off in place of one removed"),
              (gone, ("finding",), "gone with what it was about, not fixed" if gone == 1
               else "gone with what they were about, not fixed")]
    parts = [what if noun is None else f"{counted(n, *noun)} {what}" for n, noun, what in counts if n]
    return "No regression: " + ", ".join(parts) + "."


def _details(d: JourneyDiff) -> list[tuple[int, Optional[tuple[str, ...]], str]]:
    """The verdict's words for the journey's, stages' and departments' other changes: named when
    there are three kinds or fewer ("stage order changed"); "1 other detail changed" said nothing
    of stages put in another order (audit CD)."""
    kinds = list(dict.fromkeys(c.field if c.of == "journey" else f"{c.of} {c.field}" for c in d.details))
    if not kinds:
        return []
    if len(kinds) > 3:
        return [(len(d.details), ("other detail",), "changed")]
    return [(1, None, f"{listed(kinds)} changed")]


def _element_counts(t: Elements, e: ElementChanges, noun: str) -> list[tuple[int, tuple[str], str]]:
    """How many stages (or departments) were added, removed and renamed, each said: "added,
    removed or renamed" left the reader to guess which."""
    return [(len(t.added), (noun,), "added"), (len(t.removed), (noun,), "removed"),
            (len(t.renamed) + len(e.renamed), (noun,), "renamed")]


def _some(names: list[str], most: int = 2) -> str:
    """Up to ``most`` names, quoted, and how many more."""
    shown = ", ".join(f"\u201c{n}\u201d" for n in names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def _worse(d: JourneyDiff) -> str:
    """What got worse, by kind, each named as people know it: "1 rating regressed (“Checks
    supply”); 1 risky hand-off added (“Order” to “Delivery”); 1 new warning". The verdict named
    the first thing alone, by its id, and "..." hid the rest."""
    ratings = [isolated(shorten(name_of(d, i), 60)) for i in d.regressed]
    # As the body lists them: hand-offs added risky, and hand-offs that were there and became
    # risky ("3 risky hand-offs added" sat over 2 added and 1 that became risky: audit AW)
    became = set(Told(d).became_risky)
    added, worse = ([_pair(d, k) for k in d.risky_new if (k in became) is flag] for flag in (False, True))
    warnings = len(d.warnings_new)
    # A risky hand-off's own W110 is counted with it: "3 new warnings" sat over a list of 4.
    other = bool(d.risky_new) and sum(1 for f in d.findings_new if not f.is_error) > warnings
    parts = [f"{counted(len(ratings), 'rating')} regressed ({_some(ratings)})" if ratings else "",
             f"{counted(len(added), 'risky hand-off')} added ({_some(added)})" if added else "",
             (f"{counted(len(worse), 'hand-off')} became risky ({_some(worse)})" if worse else ""),
             counted(warnings, "other new warning" if other else "new warning") if warnings else ""]
    return "; ".join(p for p in parts if p)


def _pair(d: JourneyDiff, key: Key) -> str:
    """A hand-off as the verdict names it: its two touch-points' names, shortened, quoted by :func:`_some`."""
    return f"{isolated(shorten(name_of(d, key[0]), 40))}\u201d to \u201c{isolated(shorten(name_of(d, key[1]), 40))}"


def _show(value: Any, field: str = "", names: Optional[Mapping[str, Any]] = None, ids: bool = True) -> str:
    """A field's value as people wrote it: true/false as in YAML, a stage or department by name
    (``names``: the version's elements by id) and its id unless not ``ids``, lists joined."""
    if names is not None and isinstance(value, str) and value in names:
        # without ids, in quotes: names hold commas, and a list of them read as one (review CS)
        named = names[value].name
        return f"{isolated(named)} [{value}]" if ids else f"\u201c{isolated(shorten(named, 40))}\u201d"
    if isinstance(value, bool):
        return "true" if value else "false"
    if field == "next" and value is None:  # not written: the flow goes on in document order
        return "(the next touch-point)"
    if field == "next" and value == []:
        return "(none: the path ends)"
    if value is None:
        return "(none)"
    if field == "persona":
        parts = [value.get("name"), value.get("goal") and f"goal: {value['goal']}",
                 value.get("expectations") and "expects: " + "; ".join(value["expectations"])]
        return ", ".join(p for p in parts if p) or "(none)"
    if isinstance(value, list):
        return ", ".join(_list_item(v, names, ids) for v in value) or "(none)"
    return str(value)


def _list_item(value: Any, names: Optional[Mapping[str, Any]] = None, ids: bool = True) -> str:
    """One item of a list field as shown: a next step as its id (by its name in ``names`` where
    not ``ids``), and "(label)" where it has one."""
    to = value.get("to") if isinstance(value, dict) else value
    shown = _show(to, "", names, ids) if names is not None else str(to)
    if isinstance(value, dict) and value.get("label") is not None:
        return f"{shown} ({value['label']})"
    return shown


def shown_values(d: JourneyDiff, c: Change, ids: bool = True) -> tuple[str, str]:
    """A change's old and new value as shown: a stage, department or next step by its name in that
    version and its id; without ``ids`` (for the briefing's readers) by its name alone ("next step:
    repair-booked → repair-booked, assessor-report" read as the file's words, not the customer's:
    audit CM; the diff's reports gave next steps as ids alone: audit DR)."""
    def names(journey: Any) -> Optional[Mapping[str, Any]]:
        found = {"stage": journey.stage_by_id, "department": journey.department_by_id,
                 "next": journey.touchpoint_by_id}
        return found.get(c.field)
    old, new = (_show(c.old, c.field, names(d.old.journey), ids), _show(c.new, c.field, names(d.new.journey), ids))
    if old == new and isinstance(c.old, list) and isinstance(c.new, list):
        # ["a, b"] and ["a", "b"] read alike joined ("X -> X": audit AG): each item quoted
        return _quoted(c.old, names(d.old.journey), ids), _quoted(c.new, names(d.new.journey), ids)
    if isinstance(c.old, str) and isinstance(c.new, str) and len(old) + len(new) > LONG_TEXT:
        return excerpts(old, new)
    return old, new


def _quoted(items: list[Any], names: Optional[Mapping[str, Any]] = None, ids: bool = True) -> str:
    """List items each in quotes, so where one ends shows: “a, b” against “a”, “b”."""
    return ", ".join(f"\u201c{_list_item(v, names, ids)}\u201d" for v in items) or "(none)"


def added_note(d: JourneyDiff, pair: tuple[str, str]) -> str:
    """What a hand-off added is, after its names: " (risky)", " (risky, in place of a risky
    hand-off removed)" (:attr:`~.compare.JourneyDiff.risky_new`), or nothing."""
    if pair not in d.risky_added:
        return ""
    said = [risky_words(d, pair), accepted_note(d, pair)]
    return f" ({', '.join(s for s in said if s)})"


def risky_words(d: JourneyDiff, pair: tuple[str, str]) -> str:
    """What a risky hand-off added is: "risky", or "risky, in place of a risky hand-off removed"
    where one between the same departments went (:attr:`~.compare.JourneyDiff.risky_new`)."""
    return "risky" if pair in d.risky_new else "risky, in place of a risky hand-off removed"


def accepted_note(d: JourneyDiff, pair: tuple[str, str]) -> str:
    """"accepted by the journey file's ignore: W110, still a regression" for a risky hand-off added
    that the new version's ``ignore:`` lists accept (:attr:`~.compare.JourneyDiff.risky_accepted`),
    else nothing (the briefing says it in words: :mod:`.briefrows`)."""
    if pair not in d.risky_accepted:
        return ""
    return "accepted by the journey file's ignore: W110" + (", still a regression" if pair in d.risky_new else "")


def sections(d: JourneyDiff, arrow: str = "->",
             labels: Optional[tuple[str, str]] = None) -> list[tuple[str, list[str]]]:
    """The report's sections as ``(heading, lines)``, empty ones left out: shared by the text and
    Markdown forms and the briefing's "What changed" section. With ``labels`` (the old and new
    versions' names), each finding begins with its place, ``LABEL:LINE:COL:``, as ``check`` says it."""
    def tp(i: str) -> str:
        return f"{isolated(name_of(d, i))} [{i}]"

    def change(c: Change) -> str:
        old, new = shown_values(d, c)
        if c.spacing_only:
            return f"{element_name(d, c)}: {c.field} changed in its spacing only, not in a word"
        if c.reordered and c.field == "persona":  # its expectations alone, not the whole persona twice
            return (f"{element_name(d, c)}: persona expectations reordered "
                    f"{'; '.join(c.old['expectations'])} {arrow} {'; '.join(c.new['expectations'])}")
        return f"{element_name(d, c)}: {c.field}{' reordered' if c.reordered else ''} {old} {arrow} {new}"

    def path(pairs: tuple[tuple[str, str], ...], risky: bool = False, was: bool = False) -> list[str]:
        return [f"{tp(a)} {arrow} {tp(b)}{added_note(d, (a, b)) if risky else ''}"
                f"{' (was risky)' if was and (a, b) in d.risky_removed else ''}" for a, b in pairs]

    told = Told(d)
    found = [
        ("Touch-points added", [tp(i) for i in told.added]),
        ("Touch-points removed", [tp(i) for i in told.removed]),
        ("Touch-points changed", [change(c) for c in told.changed]),
        ("Reliability regressed", [tp(i) for i in d.regressed]),
        ("Reliability improved", [tp(i) for i in d.improved]),
        ("Perhaps renamed (a new id)",
         [f"{tp(a)} {arrow} {tp(b)}: {_keep_id(a, b, d.new.journey.touchpoint_by_id[b].id_written)}"
          for a, b in d.likely_renames]),
        ("In the place of one removed (the same steps in and out)",
         [f"{tp(b)} in place of {tp(a)}: if it is that one reworded, give it `id: {a}` to keep its history"
          for a, b in d.replacements]),
        ("Hand-offs added", path(told.handoffs_added, risky=True)),
        ("Hand-offs removed", path(told.handoffs_removed, was=True)),
        ("Hand-offs now within one department (the step stays)", path(told.now_steps, was=True)),
        ("Hand-offs that became risky", [line + (f" ({note})" if note else "")
                                          for line, note in zip(path(told.became_risky),
                                                                (accepted_note(d, k) for k in told.became_risky))]),
        ("Hand-offs no longer risky", path(told.safer)),
        ("Hand-offs into a touch-point no longer rated (not made safer)", path(told.unrated)),
        ("Steps added within a department", path(d.steps_added)),
        ("Steps removed within a department", path(d.steps_removed)),
        ("Moments of truth gained", [tp(i) for i in told.moments_gained]),
        ("Moments of truth lost", [tp(i) for i in told.moments_lost]),
        ("Owners and leads changed", [change(c) for c in d.owners]),
    ]
    found += _element_sections(d, told, arrow)
    found.append(("Journey, stages and departments changed", [change(c) for c in d.details]))
    found += finding_sections(d, labels)
    return [(h, lines) for h, lines in found if lines]


def _element_sections(d: JourneyDiff, told: Told, arrow: str) -> list[tuple[str, list[str]]]:
    """The stages and departments added, removed and renamed, as :func:`sections` lists them."""
    found = []
    for kind, e, t, new, old in (("Stages", d.stages, told.stages, d.new.journey.stage_by_id,
                                  d.old.journey.stage_by_id),
                                 ("Departments", d.departments, told.departments, d.new.journey.department_by_id,
                                  d.old.journey.department_by_id)):
        found.append((f"{kind} added", [f"{isolated(new[i].name)} [{i}]" for i in t.added]))
        found.append((f"{kind} removed", [f"{isolated(old[i].name)} [{i}]" for i in t.removed]))
        found.append((f"{kind} renamed", [
            f"{c.id}: {isolated(str(c.old))} {arrow} {isolated(str(c.new))}" for c in e.renamed] + [
            f"{isolated(old[a].name)} [{a}] {arrow} {isolated(new[b].name)} [{b}]: {_new_id(a, b, new[b].id_written)}"
            for a, b in t.renamed]))
    return found


def headline_numbers(d: JourneyDiff) -> list[tuple[str, Any, Any]]:
    """The headline's rows, before and after: touch-points, hand-offs, risky ones, share reliable, moments of truth."""
    a, b = d.headline_before, d.headline_after
    return [("Touch-points", a.touchpoints, b.touchpoints), ("Hand-offs", a.handoffs, b.handoffs),
            ("Risky hand-offs", a.risky_handoffs, b.risky_handoffs),
            ("Rated reliable", share_of(a.reliable, a.touchpoints), share_of(b.reliable, b.touchpoints)),
            ("Moments of truth", a.moments_of_truth, b.moments_of_truth)]


def headline_moved(d: JourneyDiff) -> bool:
    """Whether a headline number changed: a table of equal numbers, under a rename alone, was
    read for the change it did not hold (audit DR)."""
    return any(a != b for _, a, b in headline_numbers(d))


def different(d: JourneyDiff) -> Optional[str]:
    """A note when OLD and NEW look like two different journeys (their ids differ, and fewer than
    half of their touch-points share an id; a file renamed keeps its touch-points): touch-points
    are matched by id, so a diff between them lists nearly everything as removed and added."""
    old, new = d.old.journey.id, d.new.journey.id
    before, after = {t.id for t in d.old.journey.touchpoints}, {t.id for t in d.new.journey.touchpoints}
    if old == new or 2 * len(before & after) >= min(len(before), len(after)):
        return None
    return (f"Note: these are two different journeys ({old} and {new}); touch-points are matched by id, "
            "so most read as removed and added.")


def diff_text(d: JourneyDiff, old_label: str, new_label: str) -> str:
    """The diff for the terminal."""
    note = different(d)
    out = [f"{old_label} -> {new_label}", *([note] if note else []), verdict(d)]
    for heading, lines in sections(d, labels=(old_label, new_label)):
        out += ["", f"{heading}:"] + [f"  {line}" for line in lines]
    if headline_moved(d):
        out += ["", "Headline: " + "; ".join(f"{n} {a} -> {b}" for n, a, b in headline_numbers(d))]
    return "\n".join(printable(line) for line in out) + "\n"  # ESC in a name never reaches a terminal


def _keep_id(old_id: str, new_id: str, written: bool) -> str:
    """What to say of an element that looks renamed: its id ``written`` anew in the file, or made
    from its new name, when giving it the old id keeps its history (that advice undid a written
    edit: audit AY; review AZ: the examples write ids that are their names' slugs)."""
    return f"its `id:` changed from {old_id} to {new_id}" if written else f"to keep its history, give it `id: {old_id}`"


def _new_id(old_id: str, new_id: str, written: bool) -> str:
    """:func:`_keep_id` for a stage or department, which has no heading saying it looks renamed."""
    said = _keep_id(old_id, new_id, written)
    return said if written else f"perhaps renamed (a new id, from its name); {said}"
