"""The CX-practice checks W101-W114 (SPEC section 2), through the command line.

Every rule gets a journey that fires it (code, line and column of the element), one that does
not, and one that ignores it, both with ``ignore:`` on the element and with ``--ignore``.
Journeys are built as Python data from one clean base (no warnings at all) and written as YAML;
expected positions are found in the written text.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Callable

import pytest
import yaml

from conftest import run_cli

BASE: dict[str, Any] = {
    "journeymap": 1,
    "title": "Clean journey",
    "owner": "Head of CX",
    "departments": [
        {"id": "sales", "name": "Sales", "lead": "Sam", "layer": "frontstage"},
        {"id": "billing", "name": "Billing", "lead": "Bo", "layer": "backstage"},
        {"id": "helpdesk", "name": "Helpdesk", "lead": "Hana", "layer": "frontstage"},
    ],
    "stages": [
        {"id": "buy", "name": "Buy", "owner": "Ann", "feedback": ["Survey"], "touchpoints": [
            {"id": "visit", "name": "Visits the shop", "department": "sales", "reliability": "reliable",
             "moment_of_truth": True, "metric": "Conversion", "expectation": "Friendly help"},
            {"id": "pay", "name": "Pays", "department": "billing", "reliability": "reliable"},
        ]},
        {"id": "use", "name": "Use", "owner": "Ann", "feedback": ["Reviews"], "touchpoints": [
            {"id": "invoice", "name": "Gets the invoice", "department": "billing", "reliability": "reliable"},
            {"id": "help", "name": "Asks for help", "department": "helpdesk", "reliability": "reliable"},
        ]},
    ],
}


def tp(data: dict[str, Any], tp_id: str) -> dict[str, Any]:
    """The touch-point with that id in journey data."""
    for stage in data["stages"]:
        for item in stage["touchpoints"]:
            if item["id"] == tp_id:
                return item
    raise KeyError(tp_id)


def stage(data: dict[str, Any], stage_id: str) -> dict[str, Any]:
    return next(s for s in data["stages"] if s["id"] == stage_id)


def dept(data: dict[str, Any], dept_id: str) -> dict[str, Any]:
    return next(d for d in data["departments"] if d["id"] == dept_id)


def write(tmp_path: Path, data: dict[str, Any], name: str = "j") -> Path:
    path = tmp_path / f"{name}.journey.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def findings(path: Path, *options: str) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", *options, str(path))
    document = json.loads(result.stdout)
    assert document["summary"]["errors"] == 0, document
    assert result.exit_code == 0
    return document["findings"]


def positions(path: Path, code: str, *options: str) -> list[tuple[int, int]]:
    return [(f["line"], f["column"]) for f in findings(path, *options) if f["code"] == code]


def where(path: Path, element_id: str) -> tuple[int, int]:
    """Line and column of the mapping whose first key is ``id: element_id`` (the `- id:` line)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    hits = [(n, line) for n, line in enumerate(lines, 1) if line.strip() == f"- id: {element_id}"]
    assert len(hits) == 1, hits
    n, line = hits[0]
    return n, line.index("id:") + 1


JOURNEY_POS = (1, 1)


def test_the_base_journey_is_clean(tmp_path):
    path = write(tmp_path, BASE)
    assert findings(path) == []
    assert run_cli("check", "--strict", str(path)).exit_code == 0


# Each case: (code, mutate(data), element the finding is about: "journey" or an id,
#             where to put `ignore:` (a function returning the element's dict)).
Mutation = Callable[[dict[str, Any]], None]


def _no_owner(d):
    del d["owner"]


def _billing_without_lead(d):
    del dept(d, "billing")["lead"]


def _use_without_owner(d):
    del stage(d, "use")["owner"]


def _buy_without_feedback(d):
    del stage(d, "buy")["feedback"]


def _help_unrated(d):
    del tp(d, "help")["reliability"]  # the default is unknown


def _visit_it_depends(d):
    tp(d, "visit").update(reliability="it-depends", depends_on=["Who is on shift"])


def _visit_without_metric(d):
    del tp(d, "visit")["metric"]


def _visit_without_expectation(d):
    del tp(d, "visit")["expectation"]


def _no_moment(d):
    tp(d, "visit").update(moment_of_truth=False)


def _help_risky(d):
    tp(d, "help").update(reliability="unreliable")


def _use_heavy(d):
    # pay(billing) -> invoice(billing) -> help(helpdesk) -> a(billing) -> b(helpdesk) -> c(sales):
    # hand-offs into `use`: invoice->help, help->a, a->b, b->c = 4
    stage(d, "use")["touchpoints"] += [
        {"id": "a", "name": "A", "department": "billing", "reliability": "reliable"},
        {"id": "b", "name": "B", "department": "helpdesk", "reliability": "reliable"},
        {"id": "c", "name": "C", "department": "sales", "reliability": "reliable"},
    ]


def _help_unexplained(d):
    tp(d, "help").update(reliability="it-depends", department="billing")  # no hand-off, no W110


def _help_unreachable(d):
    tp(d, "visit")["next"] = ["pay"]
    tp(d, "pay")["next"] = ["invoice"]
    tp(d, "invoice")["next"] = []


def _empty_stage(d):
    d["stages"].append({"id": "later", "name": "Later", "owner": "Ann", "feedback": ["Survey"],
                        "touchpoints": []})


CASES: dict[str, tuple[Mutation, str, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "W101": (_no_owner, "journey", lambda d: d),
    "W102": (_billing_without_lead, "billing", lambda d: dept(d, "billing")),
    "W103": (_use_without_owner, "use", lambda d: stage(d, "use")),
    "W104": (_buy_without_feedback, "buy", lambda d: stage(d, "buy")),
    "W105": (_help_unrated, "help", lambda d: tp(d, "help")),
    "W106": (_visit_it_depends, "visit", lambda d: tp(d, "visit")),
    "W107": (_visit_without_metric, "visit", lambda d: tp(d, "visit")),
    "W108": (_visit_without_expectation, "visit", lambda d: tp(d, "visit")),
    "W109": (_no_moment, "journey", lambda d: d),
    "W110": (_help_risky, "help", lambda d: tp(d, "help")),
    "W111": (_use_heavy, "use", lambda d: stage(d, "use")),
    "W112": (_help_unexplained, "help", lambda d: tp(d, "help")),
    "W113": (_help_unreachable, "help", lambda d: tp(d, "help")),
    "W114": (_empty_stage, "later", lambda d: stage(d, "later")),
}


def test_every_warning_code_has_a_case():
    from journeymap.findings import WARNING_CODES

    assert set(CASES) == set(WARNING_CODES) - {"W115"} == {f"W{n}" for n in range(101, 115)}  # W115: test_portfolio


def fired(code: str) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    CASES[code][0](data)
    return data


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_fires_at_the_element(tmp_path, code):
    path = write(tmp_path, fired(code))
    element = CASES[code][1]
    expected = JOURNEY_POS if element == "journey" else where(path, element)
    assert expected in positions(path, code)
    hits = [f for f in findings(path) if f["code"] == code]
    from journeymap.findings import CODES

    assert all(f["name"] == CODES[code].name and f["severity"] == "warning" for f in hits)
    assert all(f["message"] for f in hits)


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_does_not_fire_on_the_clean_journey(tmp_path, code):
    assert positions(write(tmp_path, BASE), code) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_ignored_on_its_element(tmp_path, code):
    data = fired(code)
    CASES[code][2](data)["ignore"] = [code]
    path = write(tmp_path, data)
    assert positions(path, code) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_ignored_on_the_command_line(tmp_path, code):
    path = write(tmp_path, fired(code))
    assert positions(path, code)  # fires without the option
    assert positions(path, code, "--ignore", code) == []
    other = "W114" if code != "W114" else "W101"
    assert positions(path, code, "--ignore", f"{other},{code.lower()}") == []
    assert positions(path, code, "--ignore", other, "--ignore", code) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_rule_ignored_for_the_whole_journey(tmp_path, code):
    data = fired(code)
    data["ignore"] = [code.lower()]  # codes are case-insensitive
    assert positions(write(tmp_path, data), code) == []


@pytest.mark.parametrize("code", sorted(CASES))
def test_ignoring_another_code_does_not_hide_it(tmp_path, code):
    data = fired(code)
    other = "W114" if code != "W114" else "W101"
    CASES[code][2](data)["ignore"] = [other]
    path = write(tmp_path, data)
    assert positions(path, code)
    assert positions(path, code, "--ignore", other)


# --- rule details: boundaries and the "does not fire" side of each condition ------------

def test_w102_only_for_departments_that_own_touchpoints(tmp_path):
    data = copy.deepcopy(BASE)
    data["departments"].append({"id": "legal", "name": "Legal"})  # no lead, no touch-points
    assert positions(write(tmp_path, data), "W102") == []


def test_w102_ignore_on_another_department_does_not_hide_it(tmp_path):
    data = fired("W102")
    dept(data, "sales")["ignore"] = ["W102"]
    path = write(tmp_path, data)
    assert positions(path, "W102") == [where(path, "billing")]


def test_w102_for_an_outside_party_asks_for_the_contact_there(tmp_path):
    """SPEC 2 fires W102 for any department owning touch-points; for an outside party (which the map
    marks no gap for) it asked for "the person accountable", whom the company cannot name (audit CJ)."""
    data = fired("W102")
    dept(data, "billing")["layer"] = "external"
    (said,) = [f["message"] for f in findings(write(tmp_path, data)) if f["code"] == "W102"]
    assert said.endswith("add `lead:` with your contact there, who answers for its part of the journey"), said
    dept(data, "billing")["layer"] = "backstage"
    (said,) = [f["message"] for f in findings(write(tmp_path, data, "b")) if f["code"] == "W102"]
    assert said.endswith("with the person accountable")


def test_w103_ignore_on_another_stage_does_not_hide_it(tmp_path):
    data = fired("W103")
    stage(data, "buy")["ignore"] = ["W103"]
    path = write(tmp_path, data)
    assert positions(path, "W103") == [where(path, "use")]


def test_w104_empty_feedback_list_counts_as_none(tmp_path):
    data = copy.deepcopy(BASE)
    stage(data, "use")["feedback"] = []
    path = write(tmp_path, data)
    assert positions(path, "W104") == [where(path, "use")]


def test_w105_explicit_unknown_and_the_ignore_lists_that_cover_it(tmp_path):
    """SPEC 1: an ``ignore:`` list covers its own element, and the journey's covers all. A stage's
    or department's list covers the stage or department alone, not the touch-points in it: it had
    covered them too (audit FF)."""
    data = copy.deepcopy(BASE)
    tp(data, "help")["reliability"] = "unknown"
    path = write(tmp_path, data, "a")
    assert positions(path, "W105") == [where(path, "help")]
    for n, holder in enumerate((stage(data, "use"), dept(data, "helpdesk"), stage(data, "buy"))):
        holder["ignore"] = ["W105"]
        path = write(tmp_path, data, f"b{n}")
        assert positions(path, "W105") == [where(path, "help")]
        del holder["ignore"]
    tp(data, "help")["ignore"] = ["W105"]
    assert positions(write(tmp_path, data, "c"), "W105") == []
    del tp(data, "help")["ignore"]
    data["ignore"] = ["W105"]
    assert positions(write(tmp_path, data, "d"), "W105") == []


@pytest.mark.parametrize("rating,fires", [("it-depends", True), ("unreliable", True),
                                          ("reliable", False), ("unknown", False)])
def test_w106_ratings(tmp_path, rating, fires):
    data = copy.deepcopy(BASE)
    tp(data, "visit").update(reliability=rating, depends_on=["Shift"])
    path = write(tmp_path, data)
    assert positions(path, "W106") == ([where(path, "visit")] if fires else [])


def test_w106_w107_w108_only_for_moments_of_truth(tmp_path):
    data = copy.deepcopy(BASE)
    tp(data, "pay").update(reliability="unreliable")  # not a moment of truth, no metric/expectation
    path = write(tmp_path, data)
    codes = {f["code"] for f in findings(path)}
    assert not codes & {"W106", "W107", "W108"}
    assert "W110" in codes  # sales -> billing hand-off into an unreliable touch-point


def test_w107_and_w108_together(tmp_path):
    data = copy.deepcopy(BASE)
    tp(data, "pay").update(moment_of_truth=True)
    path = write(tmp_path, data)
    assert positions(path, "W107") == [where(path, "pay")]
    assert positions(path, "W108") == [where(path, "pay")]


def _many_moments(n: int) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    stage(data, "use")["touchpoints"] = [
        {"id": f"m{i}", "name": f"Moment {i}", "department": "billing", "reliability": "reliable",
         "moment_of_truth": True, "metric": "M", "expectation": "E"} for i in range(n - 1)]
    return data


@pytest.mark.parametrize("count,fires", [(20, False), (21, True)])
def test_w109_more_than_20_moments(tmp_path, count, fires):
    path = write(tmp_path, _many_moments(count))
    found = [f for f in findings(path) if f["code"] == "W109"]
    assert [(f["line"], f["column"]) for f in found] == ([JOURNEY_POS] if fires else [])
    if fires:
        assert "21" in found[0]["message"]


def test_w110_not_for_same_department_flow(tmp_path):
    data = copy.deepcopy(BASE)
    tp(data, "help").update(reliability="unreliable", department="billing")
    assert positions(write(tmp_path, data), "W110") == []


def test_w110_reliable_or_unknown_target_is_not_risky(tmp_path):
    data = copy.deepcopy(BASE)
    tp(data, "help").update(reliability="unknown")
    assert positions(write(tmp_path, data), "W110") == []


def test_w110_once_per_risky_handoff_and_ignore_on_the_receiving_touch_point(tmp_path):
    data = copy.deepcopy(BASE)
    tp(data, "help").update(reliability="it-depends", depends_on=["Queue"])
    tp(data, "visit")["next"] = ["pay", "help"]  # a second hand-off into help: sales -> helpdesk
    path = write(tmp_path, data, "a")
    assert positions(path, "W110") == [where(path, "help")] * 2
    messages = sorted(f["message"] for f in findings(path) if f["code"] == "W110")
    assert messages[0].startswith("hand-off from Billing ('Gets the invoice') to Helpdesk")
    assert messages[1].startswith("hand-off from Sales ('Visits the shop') to Helpdesk")
    dept(data, "helpdesk")["ignore"] = ["W110"]  # the receiving department's: not its touch-points' (SPEC 1)
    path = write(tmp_path, data, "b")
    assert positions(path, "W110") == [where(path, "help")] * 2
    tp(data, "help")["ignore"] = ["W110"]
    assert positions(write(tmp_path, data, "c"), "W110") == []


def test_w111_boundary_three_is_fine(tmp_path):
    data = fired("W111")
    stage(data, "use")["touchpoints"].pop()  # back to 3 hand-offs into `use`
    assert positions(write(tmp_path, data), "W111") == []


def test_w111_counts_by_target_stage(tmp_path):
    """Four hand-offs out of `buy` into `use` count for `use`, not `buy`."""
    data = copy.deepcopy(BASE)
    tp(data, "visit")["next"] = ["pay", "help"]
    tp(data, "pay")["next"] = ["invoice", "help"]
    tp(data, "invoice")["department"] = "sales"
    # hand-offs: visit->pay (buy), visit->help, pay->invoice, pay->help, invoice->help (use: 4)
    path = write(tmp_path, data)
    assert positions(path, "W111") == [where(path, "use")]
    # the stage has an owner: it is asked to join them up, not told to name one (audit CM)
    (said,) = [f["message"] for f in findings(path) if f["code"] == "W111"]
    assert said.endswith("ask its owner, Ann, to join them up, or give one department the end-to-end case"), said
    stage(data, "use").pop("owner")
    (said,) = [f["message"] for f in findings(write(tmp_path, data, "unowned")) if f["code"] == "W111"]
    assert said.endswith("name a stage owner who joins them up"), said


def test_w112_not_with_depends_on_nor_for_other_ratings(tmp_path):
    data = fired("W112")
    tp(data, "help")["depends_on"] = ["Queue length"]
    assert positions(write(tmp_path, data, "a"), "W112") == []
    data = copy.deepcopy(BASE)
    tp(data, "help").update(reliability="unreliable", department="billing")
    assert positions(write(tmp_path, data, "b"), "W112") == []


def test_w113_every_unreachable_touchpoint(tmp_path):
    data = copy.deepcopy(BASE)
    tp(data, "pay")["next"] = []
    path = write(tmp_path, data)
    assert positions(path, "W113") == [where(path, "invoice"), where(path, "help")]


def test_w113_names_the_next_list_where_the_path_stops(tmp_path):
    """One exception branch in the middle of a file left a string of W113s saying only "check the
    `next:` lists before it" (audit CJ): each now names the touch-point whose list the path stops at."""
    data = copy.deepcopy(BASE)
    tp(data, "pay")["next"] = ["visit"]  # back to the start: invoice and help are cut off
    path = write(tmp_path, data)
    line = where(path, "pay")[0]
    said = {f["line"]: f["message"] for f in findings(path) if f["code"] == "W113"}
    # nothing leads into it: it may be a second way in, which `ignore:` says (audit CW); the one after
    # it, which it leads into, is not
    assert said[where(path, "invoice")[0]].endswith(
        f"the touch-point before it, 'Pays' (line {line}), has a `next:` list without `invoice`; "
        "add `invoice` to its `next:` list, or to another one; or, if customers also start here (a second way "
        "in), say so with `ignore: [W113]` on it"), said
    assert said[where(path, "help")[0]].endswith(
        f"it comes after 'Gets the invoice', which is not reached either: 'Pays' (line {line}) has a `next:` list "
        "without `invoice`; add `invoice` to its `next:` list, or to another one"), said
    tp(data, "pay")["next"] = []
    said = [f["message"] for f in findings(write(tmp_path, data, "ended"), ) if f["code"] == "W113"]
    assert "'Pays' (line" in said[0] and "ends the path there (`next: []`)" in said[0]
    # a list that does hold it, on a touch-point not reached itself: not named as where the path stops (review CL)
    tp(data, "visit")["next"] = ["help"]
    tp(data, "pay")["next"] = ["invoice"]
    skipped = write(tmp_path, data, "skipped")
    said = {f["line"]: f["message"] for f in findings(skipped) if f["code"] == "W113"}
    assert "'Visits the shop' (line" in said[where(skipped, "pay")[0]] and "without `pay`" in said[where(skipped, "pay")[0]]
    assert said[where(skipped, "invoice")[0]].endswith("add it to a `next:` list, or check the `next:` lists before it")


def test_w113_skipped_touchpoint_and_loops(tmp_path):
    data = copy.deepcopy(BASE)
    tp(data, "visit")["next"] = ["invoice"]  # skips pay
    tp(data, "help")["next"] = ["visit"]  # a loop back does not make pay reachable
    path = write(tmp_path, data)
    assert positions(path, "W113") == [where(path, "pay")]


def test_w113_reached_through_a_later_branch(tmp_path):
    data = copy.deepcopy(BASE)
    tp(data, "visit")["next"] = ["help"]
    tp(data, "help")["next"] = [{"to": "pay", "label": "back"}]
    path = write(tmp_path, data)
    assert positions(path, "W113") == []


def test_w114_only_for_empty_stages(tmp_path):
    data = fired("W114")
    path = write(tmp_path, data)
    assert positions(path, "W114") == [where(path, "later")]
    assert all(f["code"] == "W114" for f in findings(path))


# --- --strict -----------------------------------------------------------------------------

def test_strict_fails_with_warnings_and_passes_without(tmp_path):
    clean = write(tmp_path, BASE, "clean")
    warned = write(tmp_path, fired("W105"), "warned")
    assert run_cli("check", str(warned)).exit_code == 0
    assert run_cli("check", "--strict", str(warned)).exit_code == 1
    assert run_cli("check", "--strict", str(clean)).exit_code == 0
    assert run_cli("check", "--strict", "--ignore", "W105", str(warned)).exit_code == 0
    assert run_cli("check", "--strict", str(clean), str(warned)).exit_code == 1
    assert run_cli("check", "--strict", "--format", "json", str(warned)).exit_code == 1


def test_strict_passes_when_the_file_ignores_its_warnings(tmp_path):
    data = fired("W105")
    tp(data, "help")["ignore"] = ["W105"]
    assert run_cli("check", "--strict", str(write(tmp_path, data))).exit_code == 0


def test_text_output_line_for_a_warning(tmp_path):
    path = write(tmp_path, fired("W113"))
    line, column = where(path, "help")
    out = run_cli("check", str(path)).stdout
    assert f"{path}:{line}:{column}: W113 unreachable-touchpoint: " in out


@pytest.mark.parametrize("depends_on, advice", [
    (["Who is on shift"], "is rated unreliable: it needs to be made reliable; ask Sam, who leads Sales, to fix what "
                          "it depends on"),
    (None, "is rated unreliable: it needs to be made reliable; name what it depends on (`depends_on:`) for Sam to fix"),
])
def test_w106_advice_fits_what_the_file_already_says(tmp_path, depends_on, advice):
    """W106 asked to name what a moment of truth depends on when `depends_on` already did; "make it
    reliable, or name what it depends on" read as if naming it settled it (audit CW)."""
    data = copy.deepcopy(BASE)
    tp(data, "visit").update(reliability="unreliable")
    if depends_on:
        tp(data, "visit")["depends_on"] = depends_on
    (w106,) = [f for f in findings(write(tmp_path, data)) if f["code"] == "W106"]
    assert w106["message"].endswith(advice)


def test_a_name_is_quoted_as_written_whatever_quotes_it_holds():
    """Names were quoted with repr: one holding both ' and " came out with backslashes
    ('the \\'q\\' "dq"'), in every report and the JSON (review AR)."""
    from journeymap.analysis.checks import said

    assert said("Claim logged") == "'Claim logged'" and said("Claim's") == '"Claim\'s"'
    # both kinds: quoted “so”, which a page can find whole to set a right-to-left name apart
    assert said("""the 'q' "dq" """.strip()) == """\u201cthe 'q' "dq"\u201d"""
    assert said("tab\there") == repr("tab\there")  # nothing unprintable reaches a one-line finding


def test_a_right_to_left_name_holding_both_kinds_of_quote_is_set_apart_whole_on_a_page():
    """The page found the quoted names of a message by their quotes, and a name holding both
    kinds was cut at its own quote: the isolate closed inside the name (review AR)."""
    from journeymap.analysis.checks import said
    from journeymap.journey.textsafe import quotes_isolated

    name = """الفوترة 'q' "dq" ثم"""
    message = f"stage {said(name)} has no owner: add `owner:`"
    assert quotes_isolated(message) == f"stage \u201c\u2068{name}\u2069\u201d has no owner: add `owner:`"
    assert quotes_isolated("from 'A' to '\u064a\u062f\u0641\u0639'") == "from 'A' to '\u2068\u064a\u062f\u0641\u0639\u2069'"


@pytest.mark.parametrize("written", ["TBD", "n/a", "T.B.C.", "Vacant", "–", "to be confirmed"])
def test_a_lead_or_owner_written_to_say_there_is_none_is_told_as_missing(tmp_path, written):
    """"lead: TBD" passed W102 while the executive page and the portfolio said no lead was named
    (audit CT): the checks take it as they do."""
    data = copy.deepcopy(BASE)
    data["owner"] = written
    data["departments"][0]["lead"] = written
    data["stages"][0]["owner"] = written
    found = {f["code"]: f["message"] for f in findings(write(tmp_path, data))}
    quoted = f"('{written}' names nobody)"
    # the key is there: it is filled, not added (review CZ)
    assert f"the journey has no owner {quoted}: fill `owner:` with" in found["W101"]
    assert f"but has no lead {quoted}: fill `lead:` with" in found["W102"]
    assert f"has no owner {quoted}: fill `owner:` with" in found["W103"]
    # and W106 does not ask "TBD" to fix a moment of truth
    data["stages"][0]["touchpoints"][0].update(moment_of_truth=True, reliability="unreliable")
    w106 = [f["message"] for f in findings(write(tmp_path, data, "w106")) if f["code"] == "W106"]
    assert w106 and written not in w106[0] and "and a lead for" in w106[0], w106


def test_a_second_way_in_that_accepts_w113_leads_on_to_reached_steps(tmp_path):
    """W113 advises `ignore: [W113]` on a second way in; done, the step after it was still W113 and
    told to link the second way in from the first, the flow the hint advises against (review CZ)."""
    text = ("journeymap: 1\ntitle: Complaints\nowner: O\ndepartments:\n  - {id: web, name: Web, lead: Ann}\n"
            "  - {id: cc, name: Contact centre, lead: Bob}\nstages:\n  - name: Complain\n    owner: X\n"
            "    feedback: [f]\n    touchpoints:\n"
            "      - {name: Web form, department: web, reliability: reliable, next: [ack]}\n"
            "      - {name: Phone call, department: cc, reliability: reliable%s}\n"
            "      - {name: Logged, department: cc, reliability: reliable, next: [ack]}\n"
            "      - {id: ack, name: Acknowledged, department: web, reliability: reliable}\n")
    path = tmp_path / "c.journey.yaml"
    path.write_text(text % "", encoding="utf-8")
    assert [f["code"] for f in findings(path) if f["code"] == "W113"] == ["W113", "W113"]
    path.write_text(text % ", ignore: [W113]", encoding="utf-8")
    assert [f for f in findings(path) if f["code"] == "W113"] == []
    # and the rest of the tool reads it so too: the briefing told the risky hand-off after a
    # second way in as one "the customer would" take, "which no path ... reaches", and the JSON
    # export marked its steps unreachable, though W113 said nothing (audit EE)
    import journeymap
    from journeymap.briefing.cracks import cracks_context

    risky = path.with_name("r.journey.yaml")  # Logged (Contact centre) -> Acknowledged (Web), now unreliable
    risky.write_text((text % ", ignore: [W113]").replace("name: Acknowledged, department: web, reliability: reliable",
                                                         "name: Acknowledged, department: web, reliability: unreliable"),
                     encoding="utf-8")
    checked = journeymap.load(risky)
    assert checked.analysis.reachable == {"web-form", "phone-call", "logged", "ack"}
    assert all(tp["reachable"] for tp in json.loads(journeymap.export(checked, "json"))["touchpoints"])
    said = [c["text"] for c in cracks_context(checked.analysis, "a4", False)["handoffs"]]
    assert said and all("he customer goes from" in t for t in said), said


def test_a_name_with_a_french_no_break_space_is_quoted_as_written_in_messages():
    """French sets a no-break space before "!" and "?": the messages printed the name as Python
    code, 'Reçoit une alerte de surconsommation\\xa0!' (audit DG)."""
    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: ops, name: Ops}]\nstages: [{name: S, touchpoints: ["
            "{name: \"Reçoit une alerte\u202f!\", department: ops, reliability: unreliable, moment_of_truth: true},"
            " {name: \"Rappelle\u00a0?\", department: ops}]}]\n")
    out = run_cli("check", "-", input=text).output
    assert "'Reçoit une alerte\u202f!'" in out and "'Rappelle\u00a0?'" in out, out
    assert "\\xa0" not in out and "\\u202f" not in out
    # nor the ideographic space of a Japanese name, nor a thin space (review DH)
    japanese = text.replace("Rappelle\u00a0?", "お客様\u3000（24時間）").replace("alerte\u202f!", "alerte\u2009!")
    out = run_cli("check", "-", input=japanese).output
    assert "'お客様\u3000（24時間）'" in out and "'Reçoit une alerte\u2009!'" in out, out


def test_an_unreliable_moment_of_truth_outside_the_company_is_asked_of_the_stage_owner(tmp_path):
    """W106 asked the partner itself: "ask Pete Doyle (account manager), who leads ClearView Glass,
    to fix what it depends on", where W110 and the briefing ask the stage's owner (audit EE)."""
    text = ("journeymap: 1\ntitle: Claim\nowner: Jo\ndepartments:\n  - {id: cc, name: Contact centre, lead: Ann}\n"
            "  - {id: glass, name: ClearView Glass, lead: Pete Doyle, layer: external}\nstages:\n"
            "  - name: Repair\n    owner: Rosa Diaz\n    touchpoints:\n"
            "      - {name: Books the repair, department: cc, reliability: reliable}\n"
            "      - {name: Technician repairs the screen, department: glass, reliability: it-depends,"
            " moment_of_truth: true, depends_on: [parts in stock]}\n")
    path = tmp_path / "glass.journey.yaml"
    path.write_text(text, encoding="utf-8")
    w106 = [f["message"] for f in findings(path) if f["code"] == "W106"]
    assert w106 == ["moment of truth 'Technician repairs the screen' is rated it-depends: it needs to be made "
                    "reliable; ClearView Glass is outside the company: ask Rosa Diaz to agree with them how to "
                    "fix what it depends on (its contact: Pete Doyle)"], w106


def test_w113_says_where_a_next_list_names_only_its_own_touchpoint(tmp_path):
    """`next: [fills-form]` on fills-form itself cut off the rest of the journey, and each W113
    said only that its list left the next one out (audit FI)."""
    data = copy.deepcopy(BASE)
    tp(data, "pay")["next"] = ["pay"]
    path = write(tmp_path, data)
    said = {f["line"]: f["message"] for f in findings(path) if f["code"] == "W113"}
    assert "'Pays' (line" in said[where(path, "invoice")[0]]
    assert "has a `next:` list naming only itself (`pay`); add `invoice` to its `next:` list" in said[
        where(path, "invoice")[0]], said
