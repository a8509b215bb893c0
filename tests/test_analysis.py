"""Unit tests of journeymap.analysis.analyse: flows, hand-offs, matrices, reachability, headline numbers."""

from __future__ import annotations

from typing import Any, Optional

import pytest
import yaml

from journeymap.analysis.analyse import (
    Analysis,
    Cell,
    analyse,
    compute_flows,
    reachable_from_first,
)
from journeymap.journey.model import Journey
from journeymap.journey.validate import load_text


def T(tp_id: str, dept: str, rating: str = "reliable", nxt: Optional[list[Any]] = None,
      **extra: Any) -> dict[str, Any]:
    """A touch-point item."""
    item: dict[str, Any] = {"id": tp_id, "name": f"Touch-point {tp_id}", "department": dept,
                            "reliability": rating}
    if rating == "it-depends":
        item["depends_on"] = ["Who answers"]
    if nxt is not None:
        item["next"] = nxt
    item.update(extra)
    return item


def build(stages: dict[str, list[dict[str, Any]]], departments: tuple[str, ...] = ("a", "b", "c"),
          **top: Any) -> Journey:
    """A valid journey from ``{stage id: [touch-points]}``."""
    data: dict[str, Any] = {
        "journeymap": 1, "title": "Analysis test", **top,
        "departments": [{"id": d, "name": f"Dept {d.upper()}", "lead": f"Lead {d}"} for d in departments],
        "stages": [{"id": s, "name": f"Stage {s}", "touchpoints": tps} for s, tps in stages.items()],
    }
    journey, findings = load_text(yaml.safe_dump(data, sort_keys=False), "test.journey.yaml")
    assert journey is not None, findings
    return journey


def keys(flows) -> list[tuple[str, str]]:
    return [f.key for f in flows]


# --- flows -------------------------------------------------------------------------------

def test_default_flow_follows_document_order_across_stages():
    j = build({"s1": [T("t1", "a"), T("t2", "a")], "s2": [T("t3", "b")], "s3": [T("t4", "b")]})
    flows = compute_flows(j)
    assert keys(flows) == [("t1", "t2"), ("t2", "t3"), ("t3", "t4")]
    assert all(f.label is None and not f.explicit for f in flows)


def test_last_touchpoint_leads_nowhere_and_empty_stages_are_skipped():
    j = build({"s1": [T("t1", "a")], "empty": [], "s3": [T("t2", "a")]})
    assert keys(compute_flows(j)) == [("t1", "t2")]


def test_next_replaces_the_default():
    j = build({"s1": [T("t1", "a", nxt=["t3"]), T("t2", "a"), T("t3", "a")]})
    flows = compute_flows(j)
    assert keys(flows) == [("t1", "t3"), ("t2", "t3")]
    assert [f.explicit for f in flows] == [True, False]


def test_empty_next_ends_the_path():
    j = build({"s1": [T("t1", "a"), T("t2", "a", nxt=[]), T("t3", "b")]})
    a = analyse(j)
    assert keys(a.flows) == [("t1", "t2")]
    assert a.reachable == {"t1", "t2"}


def test_labelled_next_and_mixed_items_keep_their_order():
    j = build({"s1": [T("t1", "a", nxt=[{"to": "t3", "label": "over £500"}, "t2", {"to": "t4"}]),
                      T("t2", "b"), T("t3", "b"), T("t4", "a")]})
    flows = [f for f in compute_flows(j) if f.source == "t1"]
    assert [(f.target, f.label, f.explicit) for f in flows] == [
        ("t3", "over £500", True), ("t2", None, True), ("t4", None, True)]


def test_a_target_named_twice_is_one_flow_with_every_label_it_was_given():
    """The second label was dropped without a word (audit AE): both conditions lead there."""
    j = build({"s1": [T("t1", "a", nxt=[{"to": "t2", "label": "paid"}, "t3", {"to": "t2", "label": "refunded"},
                                         {"to": "t2", "label": "paid"}, "t3"]),
                      T("t2", "b"), T("t3", "b")]})
    flows = [f for f in compute_flows(j) if f.source == "t1"]
    assert [(f.target, f.label) for f in flows] == [("t2", "paid / refunded"), ("t3", None)]


def test_a_loop_back_is_a_flow():
    j = build({"s1": [T("t1", "a"), T("t2", "b", nxt=["t1", "t3"]), T("t3", "b")]})
    assert keys(compute_flows(j)) == [("t1", "t2"), ("t2", "t1"), ("t2", "t3")]


def test_flows_are_in_source_document_order():
    j = build({"s1": [T("t1", "a", nxt=["t3"]), T("t2", "a", nxt=["t1"]), T("t3", "a", nxt=["t2"])]})
    assert [f.source for f in compute_flows(j)] == ["t1", "t2", "t3"]


# --- hand-offs ---------------------------------------------------------------------------

def test_handoffs_are_flows_between_departments():
    j = build({"s1": [T("t1", "a"), T("t2", "a"), T("t3", "b")], "s2": [T("t4", "c"), T("t5", "c")]})
    a = analyse(j)
    assert keys(a.handoffs) == [("t2", "t3"), ("t3", "t4")]
    assert [f.handoff for f in a.flows] == [False, True, True, False]


@pytest.mark.parametrize("rating,risky", [("reliable", False), ("it-depends", True),
                                          ("unreliable", True), ("unknown", False)])
def test_risky_is_a_handoff_into_it_depends_or_unreliable(rating, risky):
    j = build({"s1": [T("t1", "a"), T("t2", "b", rating), T("t3", "b")]})
    a = analyse(j)
    assert keys(a.risky_handoffs) == ([("t1", "t2")] if risky else [])
    # the same rating reached from its own department is never risky
    same = analyse(build({"s1": [T("t1", "b"), T("t2", "b", rating)]}))
    assert same.risky_handoffs == () and same.handoffs == ()


def test_risky_out_of_a_risky_touchpoint_is_judged_by_the_target():
    j = build({"s1": [T("t1", "a"), T("t2", "b", "unreliable"), T("t3", "a")]})
    a = analyse(j)
    assert keys(a.handoffs) == [("t1", "t2"), ("t2", "t3")]
    assert keys(a.risky_handoffs) == [("t1", "t2")]


def test_handoff_matrix_counts_department_pairs():
    j = build({"s1": [T("t1", "a"), T("t2", "b"), T("t3", "a"), T("t4", "b", nxt=["t5", "t6"])],
               "s2": [T("t5", "c"), T("t6", "c"), T("t7", "a")]})
    m = analyse(j).handoff_matrix
    # a->b: t1-t2, t3-t4; b->a: t2-t3; b->c: t4-t5, t4-t6; c->a: t6-t7; t5->t6 is c->c
    assert m == {("a", "b"): 2, ("b", "a"): 1, ("b", "c"): 2, ("c", "a"): 1}


def test_handoffs_by_stage_counts_the_target_stage_and_lists_every_stage():
    j = build({"s1": [T("t1", "a"), T("t2", "b")], "s2": [T("t3", "c"), T("t4", "a")], "s3": []})
    by_stage = analyse(j).handoffs_by_stage
    assert list(by_stage) == ["s1", "s2", "s3"]
    assert {k: keys(v) for k, v in by_stage.items()} == {
        "s1": [("t1", "t2")], "s2": [("t2", "t3"), ("t3", "t4")], "s3": []}


# --- reliability grid --------------------------------------------------------------------

def test_grid_has_every_cell_and_the_worst_rating():
    j = build({"s1": [T("t1", "a", "reliable"), T("t2", "a", "unknown"), T("t3", "b", "it-depends")],
               "s2": [T("t4", "a", "reliable"), T("t5", "a", "unreliable"), T("t6", "a", "it-depends"),
                      T("t7", "c", "unknown"), T("t8", "c", "reliable")]})
    grid = analyse(j).reliability_grid
    assert set(grid) == {(s, d) for s in ("s1", "s2") for d in ("a", "b", "c")}
    assert grid[("s1", "a")] == Cell("unknown", (("reliable", 1), ("unknown", 1)))
    assert grid[("s1", "b")] == Cell("it-depends", (("it-depends", 1),))
    assert grid[("s1", "c")] == Cell(None, ())
    assert grid[("s2", "a")] == Cell("unreliable", (("reliable", 1), ("it-depends", 1), ("unreliable", 1)))
    assert grid[("s2", "c")].worst == "unknown"
    assert grid[("s2", "b")].total == 0


@pytest.mark.parametrize("ratings,worst", [
    (["reliable", "reliable"], "reliable"),
    (["reliable", "unknown"], "unknown"),
    (["unknown", "it-depends"], "it-depends"),
    (["it-depends", "unreliable", "reliable"], "unreliable"),
])
def test_worst_order(ratings, worst):
    j = build({"s1": [T(f"t{i}", "a", r) for i, r in enumerate(ratings)]})
    assert analyse(j).reliability_grid[("s1", "a")].worst == worst


def test_cell_count_and_total():
    cell = Cell("it-depends", (("reliable", 3), ("it-depends", 2)))
    assert cell.total == 5
    assert cell.count("reliable") == 3 and cell.count("unreliable") == 0


def test_department_touchpoints_lists_every_department_in_order():
    j = build({"s1": [T("t1", "b"), T("t2", "a")], "s2": [T("t3", "b")]})
    groups = analyse(j).department_touchpoints
    assert {k: [tp.id for tp in v] for k, v in groups.items()} == {"a": ["t2"], "b": ["t1", "t3"], "c": []}
    assert list(groups) == ["a", "b", "c"]


# --- reachability ------------------------------------------------------------------------

def test_reachability_from_the_first_touchpoint():
    j = build({"s1": [T("t1", "a", nxt=["t3"]), T("t2", "a"), T("t3", "a", nxt=[]), T("t4", "b")]})
    a = analyse(j)
    assert a.reachable == {"t1", "t3"}  # t2 is skipped; t4 follows t3, which ends the path
    assert reachable_from_first(j, a.flows) == a.reachable


def test_reachability_through_a_branch_and_a_loop():
    j = build({"s1": [T("t1", "a", nxt=[{"to": "t4", "label": "x"}]), T("t2", "b"), T("t3", "b"),
                      T("t4", "c", nxt=["t2", "t1"])]})
    assert analyse(j).reachable == {"t1", "t2", "t3", "t4"}


def test_the_first_touchpoint_is_reachable_even_with_nowhere_to_go():
    j = build({"s1": [T("t1", "a", nxt=[]), T("t2", "a")]})
    assert analyse(j).reachable == {"t1"}


def test_no_touchpoints_nothing_reachable():
    a = analyse(build({"s1": []}))
    assert a.reachable == frozenset() and a.flows == ()


# --- moments of truth and headline -------------------------------------------------------

def test_moments_of_truth_with_department_lead_and_stage():
    mot = {"moment_of_truth": True, "metric": "M", "expectation": "E"}
    j = build({"s1": [T("t1", "a"), T("t2", "b", **mot)], "s2": [T("t3", "c", "unreliable", **mot)]})
    moments = analyse(j).moments_of_truth
    assert [(m.touchpoint.id, m.department.id, m.stage.id, m.lead) for m in moments] == [
        ("t2", "b", "s1", "Lead b"), ("t3", "c", "s2", "Lead c")]


def test_headline_numbers():
    mot = {"moment_of_truth": True, "metric": "M", "expectation": "E"}
    j = build({"s1": [T("t1", "a", **mot), T("t2", "b", "it-depends"), T("t3", "b", "unknown")],
               "s2": [T("t4", "c", "unreliable"), T("t5", "c"), T("t6", "a")], "s3": []})
    h = analyse(j).headline
    assert (h.touchpoints, h.departments, h.stages) == (6, 3, 3)
    # hand-offs: t1-t2 (risky), t3-t4 (risky), t5-t6
    assert (h.handoffs, h.risky_handoffs) == (3, 2)
    assert h.reliable == 3 and h.reliable_share == 0.5
    assert h.moments_of_truth == 1
    assert h.ratings == (("reliable", 3), ("it-depends", 1), ("unreliable", 1), ("unknown", 1))


@pytest.mark.parametrize("reliable,total,share", [(1, 3, 0.3333), (2, 3, 0.6667), (0, 2, 0.0),
                                                   (7, 7, 1.0), (1, 7, 0.1429)])
def test_reliable_share_is_rounded_to_four_places(reliable, total, share):
    tps = [T(f"t{i}", "a", "reliable" if i < reliable else "unreliable") for i in range(total)]
    h = analyse(build({"s1": tps})).headline
    assert h.reliable == reliable and h.reliable_share == share


def test_headline_of_an_empty_journey():
    h = analyse(build({"s1": [], "s2": []})).headline
    assert (h.touchpoints, h.handoffs, h.reliable, h.reliable_share) == (0, 0, 0, 0.0)
    assert h.ratings == (("reliable", 0), ("it-depends", 0), ("unreliable", 0), ("unknown", 0))


def test_analysis_is_cached_and_lazy():
    j = build({"s1": [T("t1", "a"), T("t2", "b")]})
    a = Analysis(j)
    assert a.flows is a.flows
    assert a.handoffs[0] in a.flows
