"""The three example journeys in maps/: hand-counted expectations.

Every number and list below was counted by reading the YAML files, not by running the code:
the touch-points in document order, the default flow to the next one (across stages), the
`next:` lists, and the department of each end. When an example is edited, recount by hand.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import MAPS, run_cli

from journeymap.pipeline import check_file

HOME = "home-claim"
NEWS = "newsletter-subscriber"
B2B = "business-ordering"

EXPECTED = {
    HOME: {
        "touchpoints": 20,
        "departments": ["marketing", "agents", "contact-centre", "loss-assessors", "repair-partners",
                        "claims-handling", "billing"],
        "layers": ["frontstage", "frontstage", "frontstage", "frontstage", "frontstage", "backstage",
                   "support"],
        "stages": ["discover-cover", "report", "assess", "repair", "settle"],
        "first": "sees-the-we-fix-it-you-relax-tv-advert",  # no id in the file: slug of the name
        "flows": 20,
        "handoffs": [
            ("comparison-site", "agent-advice"),
            ("agent-advice", "direct-debit"),
            ("direct-debit", "calls-agent"),
            ("calls-agent", "call-hotline"),
            ("call-hotline", "claim-registered"),
            ("handler-call", "assessor-visit"),
            ("desk-assessment", "repair-booked"),
            ("assessor-report", "repair-booked"),
            ("kitchen-repair", "sign-off"),
            ("settlement-letter", "settlement-paid"),
            ("drying-costs", "renewal-notice"),
        ],
        "risky": [
            ("calls-agent", "call-hotline"),
            ("handler-call", "assessor-visit"),
            ("settlement-letter", "settlement-paid"),
        ],
        "labels": {
            ("handler-call", "desk-assessment"): "estimate under £2,500",
            ("handler-call", "assessor-visit"): "estimate £2,500 or more",
        },
        "moments": ["agent-advice", "call-hotline", "handler-call", "assessor-visit", "sign-off",
                    "settlement-paid"],
        "warnings": [(103, "W106"), (103, "W110"), (123, "W105"), (160, "W106"), (236, "W106"),
                     (236, "W110")],
        "warning_ids": {103: "call-hotline", 123: "upload-photos", 160: "assessor-visit",
                        236: "settlement-paid"},
        "matrix": {("billing", "agents"): 2, ("marketing", "agents"): 1,
                   ("claims-handling", "billing"): 1, ("loss-assessors", "repair-partners"): 1,
                   ("agents", "marketing"): 0, ("contact-centre", "repair-partners"): 0},
        "stage_handoffs": {"discover-cover": 2, "report": 3, "assess": 1, "repair": 3, "settle": 2},
        "grid": {
            ("discover-cover", "marketing"): ("it-depends", {"reliable": 1, "it-depends": 1}),
            ("report", "claims-handling"): ("unknown", {"reliable": 1, "unknown": 1}),
            ("assess", "loss-assessors"): ("unreliable", {"it-depends": 1, "unreliable": 1}),
            ("assess", "claims-handling"): ("reliable", {"reliable": 2}),
            ("repair", "repair-partners"): ("it-depends", {"reliable": 2, "it-depends": 1}),
            ("settle", "billing"): ("unreliable", {"it-depends": 1, "unreliable": 1}),
            ("settle", "marketing"): (None, {}),
        },
        "ratings": {"reliable": 12, "it-depends": 5, "unreliable": 2, "unknown": 1},
        "reliable_share": 0.6,
    },
    NEWS: {
        "touchpoints": 19,
        "departments": ["word-of-mouth", "editorial", "growth", "contact-centre", "billing", "platform"],
        "layers": ["external", "frontstage", "frontstage", "frontstage", "support", "support"],
        "stages": ["discover", "subscribe", "read", "upgrade", "stay"],
        "first": "friend-forward",
        "flows": 19,
        "handoffs": [
            ("search-results", "landing-page"),
            ("signup-form", "confirm-email"),
            ("confirm-email", "welcome-email"),
            ("confirm-email", "confirmation-reminder"),
            ("confirmation-reminder", "welcome-email"),
            ("reply-to-editor", "archive-search"),
            ("archive-search", "paywall"),
            ("paywall", "checkout"),
            ("vat-receipt", "members-access"),
            ("members-access", "renewal-reminder"),
            ("renewal-reminder", "cancel-request"),
            ("cancel-request", "exit-survey"),
        ],
        "risky": [
            ("signup-form", "confirm-email"),
            ("reply-to-editor", "archive-search"),
            ("renewal-reminder", "cancel-request"),
        ],
        "labels": {
            ("confirm-email", "welcome-email"): "confirmed",
            ("confirm-email", "confirmation-reminder"): "not confirmed after 24 hours",
            ("renewal-reminder", "renewal-charged"): "stays",
            ("renewal-reminder", "cancel-request"): "wants to cancel",
        },
        "moments": ["signup-form", "confirm-email", "friday-issue", "checkout", "cancel-request"],
        "warnings": [(65, "W105"), (103, "W106"), (103, "W110"), (155, "W110"), (225, "W106"),
                     (225, "W110")],
        "warning_ids": {65: "founder-talk", 103: "confirm-email", 155: "archive-search",
                        225: "cancel-request"},
        "matrix": {("platform", "growth"): 2, ("word-of-mouth", "growth"): 1,
                   ("billing", "contact-centre"): 1, ("contact-centre", "growth"): 1,
                   ("growth", "word-of-mouth"): 0, ("editorial", "growth"): 0},
        "stage_handoffs": {"discover": 0, "subscribe": 3, "read": 3, "upgrade": 3, "stay": 3},
        "grid": {
            ("discover", "word-of-mouth"): ("unreliable", {"it-depends": 1, "unreliable": 1, "unknown": 1}),
            ("subscribe", "growth"): ("reliable", {"reliable": 3}),
            ("subscribe", "platform"): ("it-depends", {"it-depends": 1}),
            ("read", "editorial"): ("it-depends", {"reliable": 2, "it-depends": 1}),
            ("upgrade", "billing"): ("unreliable", {"reliable": 1, "unreliable": 1}),
            ("stay", "billing"): ("reliable", {"reliable": 2}),
            ("stay", "contact-centre"): ("it-depends", {"it-depends": 1}),
            ("discover", "editorial"): (None, {}),
        },
        "ratings": {"reliable": 11, "it-depends": 4, "unreliable": 3, "unknown": 1},
        "reliable_share": 0.5789,
    },
    B2B: {
        "touchpoints": 20,
        "departments": ["account-management", "sales", "ordering-desk", "contact-centre", "warehouse",
                        "billing", "portal"],
        "layers": ["frontstage", "frontstage", "frontstage", "frontstage", "backstage", "support",
                   "support"],  # billing: the shared registry's (maps/journeymap.yaml)
        "stages": ["onboard", "order", "deliver", "invoice", "grow"],
        "first": "trade-show",
        "flows": 22,
        "handoffs": [
            ("sales-visit", "credit-check"),
            ("credit-check", "account-manager-intro"),
            ("account-manager-intro", "first-order"),
            ("first-order", "portal-login"),
            ("order-confirmation", "delivery-slot"),
            ("order-confirmation", "substitution-call"),
            ("substitution-call", "delivery-slot"),
            ("signs-for", "monthly-invoice"),
            ("signs-for", "short-delivery"),
            ("short-delivery", "monthly-invoice"),
            ("monthly-invoice", "third-call"),
            ("third-call", "pays-invoice"),
            ("pays-invoice", "business-review"),
            ("hundredth-order", "range-upsell"),
        ],
        "risky": [
            ("signs-for", "monthly-invoice"),
            ("short-delivery", "monthly-invoice"),
            ("monthly-invoice", "third-call"),
        ],
        "labels": {
            ("order-confirmation", "delivery-slot"): "all lines in stock",
            ("order-confirmation", "substitution-call"): "a line is out of stock",
            ("signs-for", "monthly-invoice"): "delivered in full",
            ("signs-for", "short-delivery"): "cases missing or damaged",
            ("monthly-invoice", "pays-invoice"): "invoice matches the deliveries",
            ("monthly-invoice", "third-call"): "missing cases still charged",
        },
        "moments": ["account-manager-intro", "first-order", "delivery", "third-call", "business-review",
                    "hundredth-order"],
        "warnings": [(109, "W105"), (154, "W106"), (181, "W111"), (203, "W106"), (203, "W110"),
                     (238, "W106")],
        "warning_ids": {109: "portal-login", 154: "delivery", 181: "invoice", 203: "third-call",
                        238: "hundredth-order"},
        "matrix": {("billing", "account-management"): 2, ("contact-centre", "billing"): 2,
                   ("warehouse", "contact-centre"): 1, ("portal", "ordering-desk"): 1,
                   ("account-management", "sales"): 1, ("sales", "portal"): 0},
        "stage_handoffs": {"onboard": 2, "order": 3, "deliver": 3, "invoice": 4, "grow": 2},
        "grid": {
            ("onboard", "sales"): ("reliable", {"reliable": 2}),
            ("order", "portal"): ("it-depends", {"reliable": 1, "it-depends": 1, "unknown": 1}),
            ("deliver", "warehouse"): ("it-depends", {"reliable": 2, "it-depends": 1}),
            ("invoice", "billing"): ("unreliable", {"reliable": 1, "unreliable": 1}),
            ("invoice", "contact-centre"): ("unreliable", {"unreliable": 1}),
            ("grow", "account-management"): ("it-depends", {"reliable": 1, "it-depends": 1}),
            ("grow", "warehouse"): (None, {}),
        },
        "ratings": {"reliable": 14, "it-depends": 3, "unreliable": 2, "unknown": 1},
        "reliable_share": 0.7,
    },
}

IDS = sorted(EXPECTED)


def path_of(journey_id: str) -> Path:
    return MAPS / f"{journey_id}.journey.yaml"


@pytest.fixture(scope="module", params=IDS)
def example(request):
    checked = check_file(str(path_of(request.param)))
    assert checked.ok and checked.analysis is not None
    return request.param, checked


def test_the_three_examples_exist():
    assert sorted(p.name for p in MAPS.glob("*.journey.yaml")) == [
        "business-ordering.journey.yaml", "home-claim.journey.yaml", "newsletter-subscriber.journey.yaml"]


def test_counts_and_order(example):
    jid, checked = example
    want = EXPECTED[jid]
    journey = checked.journey
    assert journey.id == jid
    assert len(journey.touchpoints) == want["touchpoints"]
    assert [d.id for d in journey.departments] == want["departments"]
    assert [d.layer for d in journey.departments] == want["layers"]
    assert [s.id for s in journey.stages] == want["stages"]
    assert journey.touchpoints[0].id == want["first"]
    assert len(checked.analysis.flows) == want["flows"]


def test_examples_follow_the_brief(example):
    """Realistic examples: 5+ departments, 4+ stages, 15-30 touch-points, every rating used."""
    _, checked = example
    j = checked.journey
    assert len(j.departments) >= 5 and len(j.stages) >= 4 and 15 <= len(j.touchpoints) <= 30
    assert {tp.reliability for tp in j.touchpoints} == {"reliable", "it-depends", "unreliable", "unknown"}
    assert j.owner and j.summary and j.persona and j.persona.name
    assert all(d.lead for d in j.departments if d.id != "word-of-mouth")
    assert all(s.owner and s.metrics and s.feedback for s in j.stages)
    assert all(tp.emotion is not None and tp.channel for tp in j.touchpoints)
    assert all(tp.depends_on for tp in j.touchpoints if tp.reliability == "it-depends")
    assert any(tp.pain_points for tp in j.touchpoints) and any(tp.opportunities for tp in j.touchpoints)
    # departments are declared in service-blueprint layer order
    order = ["external", "frontstage", "backstage", "support"]
    ranks = [order.index(d.layer) for d in j.departments]
    assert ranks == sorted(ranks)
    # at least one labelled branch: a next: with two targets
    assert any(tp.next and len(tp.next) == 2 and all(r.label for r in tp.next) for tp in j.touchpoints)
    # some names long enough to wrap
    assert sum(40 <= len(tp.name) <= 60 for tp in j.touchpoints) >= 5


def test_handoffs(example):
    jid, checked = example
    a = checked.analysis
    assert [f.key for f in a.handoffs] == EXPECTED[jid]["handoffs"]
    assert a.headline.handoffs == len(EXPECTED[jid]["handoffs"])


def test_risky_handoffs(example):
    jid, checked = example
    a = checked.analysis
    assert [f.key for f in a.risky_handoffs] == EXPECTED[jid]["risky"]
    assert a.headline.risky_handoffs == len(EXPECTED[jid]["risky"])


def test_labels(example):
    jid, checked = example
    labels = {f.key: f.label for f in checked.analysis.flows if f.label is not None}
    assert labels == EXPECTED[jid]["labels"]


def test_moments_of_truth(example):
    jid, checked = example
    a = checked.analysis
    assert [m.touchpoint.id for m in a.moments_of_truth] == EXPECTED[jid]["moments"]
    assert all(m.touchpoint.metric and m.touchpoint.expectation for m in a.moments_of_truth)


def test_handoff_matrix(example):
    jid, checked = example
    matrix = checked.analysis.handoff_matrix
    for pair, count in EXPECTED[jid]["matrix"].items():
        assert matrix.get(pair, 0) == count, pair
    assert sum(matrix.values()) == len(EXPECTED[jid]["handoffs"])


def test_handoffs_by_stage(example):
    jid, checked = example
    by_stage = {k: len(v) for k, v in checked.analysis.handoffs_by_stage.items()}
    assert by_stage == EXPECTED[jid]["stage_handoffs"]


def test_reliability_grid(example):
    jid, checked = example
    grid = checked.analysis.reliability_grid
    for key, (worst, counts) in EXPECTED[jid]["grid"].items():
        cell = grid[key]
        assert cell.worst == worst, key
        assert dict(cell.counts) == counts, key
        assert cell.total == sum(counts.values())


def test_headline(example):
    jid, checked = example
    h = checked.analysis.headline
    want = EXPECTED[jid]
    assert dict(h.ratings) == want["ratings"]
    assert h.reliable == want["ratings"]["reliable"]
    assert h.reliable_share == want["reliable_share"]
    assert h.moments_of_truth == len(want["moments"])
    assert (h.touchpoints, h.departments, h.stages) == (
        want["touchpoints"], len(want["departments"]), len(want["stages"]))


def test_every_touchpoint_is_reachable(example):
    jid, checked = example
    assert checked.analysis.reachable == {tp.id for tp in checked.journey.touchpoints}
    assert len(checked.analysis.reachable) == EXPECTED[jid]["touchpoints"]


@pytest.mark.parametrize("jid", IDS)
def test_warnings_with_lines(jid):
    path = path_of(jid)
    result = run_cli("check", "--format", "json", str(path))
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    found = sorted((f["line"], f["code"]) for f in document["findings"])
    assert found == EXPECTED[jid]["warnings"]
    assert document["summary"] == {"errors": 0, "warnings": len(EXPECTED[jid]["warnings"])}
    assert all(f["path"] == str(path) and f["severity"] == "warning" for f in document["findings"])
    # each line really is the element the warning is about
    lines = path.read_text(encoding="utf-8").splitlines()
    for line, element_id in EXPECTED[jid]["warning_ids"].items():
        assert lines[line - 1].strip() == f"- id: {element_id}", (line, lines[line - 1])


def test_check_maps_folder_exits_0():
    result = run_cli("check", str(MAPS))
    assert result.exit_code == 0, result.stdout
    assert "3 journey files checked: 0 errors, 18 warnings" in result.stderr


def test_strict_check_of_the_maps_fails_on_their_warnings():
    assert run_cli("check", "--strict", str(MAPS)).exit_code == 1


def test_files_start_with_the_schema_comment():
    for jid in IDS:
        first, second = path_of(jid).read_text(encoding="utf-8").splitlines()[:2]
        assert first == "# yaml-language-server: $schema=../journeymap.schema.json"
        assert second.startswith("# ") and len(second) > 10


def _validator() -> jsonschema.Draft7Validator:
    result = run_cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("jid", IDS)
def test_schema_accepts_the_example_and_rejects_a_misspelt_key(jid):
    validator = _validator()
    data = yaml.safe_load(path_of(jid).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    bad = copy.deepcopy(data)
    touchpoint = bad["stages"][1]["touchpoints"][0]
    touchpoint["reliabilty"] = touchpoint.pop("reliability")
    errors = list(validator.iter_errors(bad))
    assert errors and any("reliabilty" in e.message for e in errors)


@pytest.mark.parametrize("jid", IDS)
def test_loader_rejects_the_misspelt_key_too(jid, tmp_path):
    text = path_of(jid).read_text(encoding="utf-8")
    bad = tmp_path / f"{jid}.journey.yaml"
    bad.write_text(text.replace("reliability: unknown", "reliabilty: unknown", 1), encoding="utf-8")
    result = run_cli("check", "--format", "json", str(bad))
    assert result.exit_code == 1
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert "E003" in codes
