"""Plan the map's legend: one entry per encoding the map actually uses, laid out in rows."""

from __future__ import annotations

from typing import Optional

from msgspec import Struct

from journeymap.map import theme as t
from journeymap.analysis.analyse import Analysis
from journeymap.map.marks import Marks
from journeymap.map.textwidth import text_width

ROW = 26.0
SAMPLE = 46.0
PAD = 12.0
HEADER = 18.0
TEXT_SIZE = t.SMALL_SIZE + 1
GAP = 5.0  # from a sample to its explanation
SPACE = 20.0  # from an explanation to the next entry's sample, so each pair reads as one


class Entry(Struct, frozen=True):
    """One legend entry: a kind of sample and its explanation, at ``(x, y)`` inside the legend."""

    kind: str
    text: str
    x: float
    y: float
    sample_width: float


class Legend(Struct, frozen=True):
    """Entries with positions relative to the legend's top-left corner, and its size."""

    entries: tuple[Entry, ...]
    width: float
    height: float


def legend_entries(analysis: Analysis, marks: Optional[Marks]) -> list[tuple[str, str, float]]:
    """``(kind, explanation, sample width)`` for every encoding present in the map."""
    journey = analysis.journey
    entries: list[tuple[str, str, float]] = [
        (f"rating:{r}", t.RATINGS[r].word, SAMPLE) for r in t.RATINGS
    ]
    if analysis.moments_of_truth:
        entries.append(("moment", t.MOMENT_WORD, SAMPLE))
    if any(not f.handoff for f in analysis.flows):
        entries.append(("flow", "next step, same department", SAMPLE))
    if any(f.handoff and not f.risky for f in analysis.flows):
        entries.append(("handoff", "hand-off to another department", SAMPLE))
    if analysis.risky_handoffs:
        # the ratings' own marks, as the entries before show them: "(into it depends or
        # unreliable)" read as a clause and made the phone's legend scroll (audits CK, CM)
        shaky = (t.RATINGS["it-depends"].icon, t.RATINGS["unreliable"].icon)
        entries.append(("risky", "risky hand-off (into %s or %s)" % shaky, SAMPLE))
    if any(tp.emotion is not None for tp in journey.touchpoints):
        # its sample shows the scale, -2 to +2: said again, the entry was wider than a phone (audit CK)
        entries.append(("emotion", "customer emotion", 5 * 20.0 + 4))
    layers = [d.layer for d in journey.departments]
    if "external" in layers:
        entries.append(("external", "lane outside our control", 30.0))
    kinds = {rule_kind(upper, lower) for upper, lower in zip(layers, layers[1:])}
    entries += [(f"rule:{kind}", text, SAMPLE) for kind, text in RULE_WORDS.items() if kind in kinds]
    if marks is not None and not marks.empty:
        entries += [("added", "added", SAMPLE), ("changed", "changed", SAMPLE),
                    ("removed", "removed (as it was)", SAMPLE)]
        if marks.worse:
            entries.append(("worse", "rating got worse", SAMPLE))
        if marks.better:
            entries.append(("better", "rating got better", SAMPLE))
        risky = {f.key for f in analysis.risky_handoffs}
        if marks.added_flows - risky:
            entries.append(("added-flow", "added flow or hand-off", SAMPLE))
        if marks.added_flows & risky:
            entries.append(("added-risky", "added risky hand-off", SAMPLE))
        if marks.former_handoffs:
            entries.append(("former-handoff", "no longer a hand-off", SAMPLE))
        if marks.removed_flows:
            entries.append(("removed-flow", "removed flow", SAMPLE))
    return entries


RULE_WORDS = {"control": "limit of our control", "visibility": "line of visibility",
              "internal": "line of internal interaction"}


def rule_kind(upper: Optional[str], lower: Optional[str]) -> Optional[str]:
    """The service-blueprint line between a lane of layer ``upper`` and the one below, if any.

    Lanes out of layer order are marked where their zone changes, either way: a support lane
    above a backstage one sat, unmarked, above the line of internal interaction.

    >>> rule_kind("frontstage", "backstage"), rule_kind("external", "frontstage"), rule_kind("support", "support")
    ('visibility', 'control', None)
    >>> rule_kind("support", "backstage"), rule_kind("backstage", "frontstage")
    ('internal', 'visibility')

    An outside lane is set off from the company's own by the limit of our control, the edge of what
    the company runs, wherever it is declared: a line of visibility under it read as where the
    customer's view of the billing back office begins, and above a back-office lane (two lines of
    visibility on a map, no limit of our control: audit CK).

    >>> rule_kind("support", "external"), rule_kind("frontstage", "external"), rule_kind("external", "backstage")
    ('control', 'control', 'control')
    """
    if None not in (upper, lower) and (upper == "external") != (lower == "external"):
        return "control"
    pair = {upper, lower}
    if pair & {"external", "frontstage"} and pair & {"backstage", "support"}:
        return "visibility"
    if pair == {"backstage", "support"}:
        return "internal"
    if pair == {"external", "frontstage"}:
        return "control"
    return None


def plan_legend(analysis: Analysis, marks: Optional[Marks], max_width: float) -> Legend:
    """Lay the entries out left to right, wrapping rows at ``max_width`` points."""
    placed: list[Entry] = []
    x, y, right = PAD, PAD + HEADER + ROW / 2, 0.0
    for kind, text, sample in legend_entries(analysis, marks):
        width = sample + GAP + text_width(text, TEXT_SIZE) + SPACE
        if x > PAD and x + width > max_width - PAD:
            x, y = PAD, y + ROW
        placed.append(Entry(kind, text, x, y, sample))
        x += width
        right = max(right, x)
    return Legend(tuple(placed), right - SPACE + PAD, y + ROW / 2 + PAD)
