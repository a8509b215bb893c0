"""``ignore:`` lists that leave nothing out (:mod:`journeymap.analysis.idleignores`): SPEC 1 has a
department's, stage's or touch-point's list cover that element alone, so a code its check reports
elsewhere is told as a note, at the element, with where to list it (audit FF)."""

from __future__ import annotations

from pathlib import Path

import journeymap
from journeymap.analysis.checks import run_checks
from journeymap.analysis.idleignores import REPORTED_AT, idle_ignores
from journeymap.findings import CODES
from conftest import run_cli

JOURNEY = """\
journeymap: 1
title: T
owner: O
departments:
  - {id: a, name: A, lead: L, ignore: [W110, W102]}
  - {id: b, name: B, lead: M}
stages:
  - id: s
    name: S
    owner: O
    feedback: [F]
    ignore: [W105, W101, W111]
    touchpoints:
      - {id: t1, name: N1, department: a, reliability: reliable, moment_of_truth: true, metric: m, expectation: e}
      - {id: t2, name: N2, department: b, ignore: [w103]}
"""


def _journey(text: str = JOURNEY) -> journeymap.pipeline.Checked:
    checked = journeymap.loads(text, "t.journey.yaml")
    assert checked.journey is not None
    return checked


def test_each_list_naming_a_code_reported_elsewhere_is_told_at_its_element() -> None:
    notes = idle_ignores(_journey().journey)  # type: ignore[arg-type]
    assert [(n.line, n.column) for n in notes] == [(5, 5), (8, 5), (15, 9)]
    department, stage, touchpoint = (n.message() for n in notes)
    assert department.startswith("the `ignore:` of department 'A' lists W110, which is reported at touch-points, "
                                 "not at departments: listed there, it leaves nothing out; list it on the "
                                 "touch-points concerned, or on the journey to leave it out everywhere")
    assert "W102" not in department  # reported at a department: it does leave that out
    assert "lists W101 and W105, which are reported at the journey and at touch-points, not at stages" in stage
    assert "W111" not in stage
    assert "lists W103, which is reported at stages" in touchpoint and "list it on the stages concerned" in touchpoint


def test_lists_that_each_leave_something_out_say_nothing() -> None:
    text = JOURNEY.replace("ignore: [W110, W102]", "ignore: [W102]").replace("ignore: [W105, W101, W111]",
                                                                              "ignore: [W111]")
    assert idle_ignores(_journey(text.replace("ignore: [w103]", "ignore: [W105]")).journey) == []  # type: ignore[arg-type]


#: Two journeys that between them fire every journey check (W115 is the portfolio's, at a journey).
FIRING = ["""\
journeymap: 1
title: Everything wrong
departments:
  - {id: a, name: A}
  - {id: b, name: B, lead: M}
stages:
  - id: s
    name: S
    touchpoints:
      - {id: t1, name: N1, department: a, reliability: it-depends, moment_of_truth: true}
      - {id: t2, name: N2, department: b, reliability: it-depends}
      - {id: t3, name: N3, department: a, reliability: reliable}
      - {id: t4, name: N4, department: b, reliability: reliable}
      - {id: t5, name: N5, department: a, reliability: reliable, next: []}
      - {id: t6, name: N6, department: b}
  - {id: e, name: E, owner: O, feedback: [F], touchpoints: []}
""", """\
journeymap: 1
title: No moment
owner: O
departments: [{id: a, name: A, lead: L}]
stages: [{id: s, name: S, owner: O, feedback: [F], touchpoints: [{id: t, name: N, department: a, reliability: reliable}]}]
"""]


def test_every_warning_is_placed_where_reported_at_says() -> None:
    """REPORTED_AT agrees with the checks: each warning's findings sit at that kind of element."""
    assert set(REPORTED_AT) == {c for c in CODES if c.startswith("W")}
    seen = set()
    for text in FIRING:
        checked = _journey(text)
        journey = checked.journey
        assert journey is not None and checked.analysis is not None
        kinds = {"journey": {journey.pos}, "department": {d.pos for d in journey.departments},
                 "stage": {s.pos for s in journey.stages}, "touch-point": {tp.pos for tp in journey.touchpoints}}
        for finding in run_checks(checked.analysis):
            assert (finding.line, finding.column) in kinds[REPORTED_AT[finding.code]], finding
            seen.add(finding.code)
    assert seen == set(REPORTED_AT) - {"W115"}


def test_check_render_and_brief_say_it_as_a_note(tmp_path: Path) -> None:
    path = tmp_path / "t.journey.yaml"
    path.write_text(JOURNEY, encoding="utf-8")
    said = f"note: {path}:5:5: the `ignore:` of department 'A' lists W110"
    result = run_cli("check", str(path))
    assert result.exit_code == 0 and said in result.stderr and "note" not in result.stdout
    # the department's list leaves the hand-off into B's touch-point reported: SPEC 1
    github = run_cli("check", "--format", "github", str(path))
    assert "::notice file=" in github.stderr and "title=ignore%3A that leaves nothing out::" in github.stderr
    result = run_cli("brief", str(path), "--html", "-o", str(tmp_path / "t.html"))
    assert result.exit_code == 0 and result.stderr.index(said) < result.stderr.index("wrote ")


def test_two_codes_reported_at_one_kind_are_told_together() -> None:
    text = JOURNEY.replace("ignore: [W105, W101, W111]", "ignore: [W110, W105]")
    (_, stage, _) = idle_ignores(_journey(text).journey)  # type: ignore[arg-type]
    assert ("lists W105 and W110, which are reported at touch-points, not at stages: listed there, they leave "
            "nothing out; list them on the touch-points concerned, or on the journey to leave them out everywhere"
            in stage.message())


def test_a_registry_departments_list_is_said_to_be_the_project_files(tmp_path: Path) -> None:
    (tmp_path / "journeymap.yaml").write_text(
        "project: 1\ndepartments:\n  - {id: cc, name: Contact centre, lead: Priya, ignore: [W110]}\n", encoding="utf-8")
    (tmp_path / "a.journey.yaml").write_text(
        "journeymap: 1\ntitle: T\nowner: O\nstages:\n  - {id: s, name: S, owner: O, feedback: [F], touchpoints: "
        "[{id: t, name: N, department: cc, reliability: reliable}]}\n", encoding="utf-8")
    (note,) = idle_ignores(journeymap.load(tmp_path / "a.journey.yaml").journey)  # type: ignore[arg-type]
    assert note.message().startswith("the `ignore:` of department 'Contact centre' (in the project file's "
                                     "registry, journeymap.yaml) lists W110, which is reported at touch-points")


def test_w115_listed_on_a_stage_is_told_how_to_leave_it_out() -> None:
    """W115 is the portfolio's: "list it on the journey" was wrong advice where a project file
    holds it (review FH)."""
    text = JOURNEY.replace("ignore: [W105, W101, W111]", "ignore: [W115]")
    (_, stage, _) = idle_ignores(_journey(text).journey)  # type: ignore[arg-type]
    assert stage.message().endswith("listed there, it leaves nothing out; leave it out with `check --ignore W115`, "
                                    "or set the portfolio's bounds with `moments_of_truth:` in the project file")


def test_the_schemas_description_names_the_codes_where_they_are_reported() -> None:
    """Editors show the description: it named W104, a stage's check, on departments and touch-points (review FH)."""
    import re

    from journeymap.journey.fileformat import _IGNORE

    said: dict[str, set[str]] = {}
    for codes, kind in re.findall(r"((?:W\d{3}(?:-W\d{3})?(?:, | or )?)+) on an? (department|stage|touch-point)", _IGNORE):
        for a, b in re.findall(r"W(\d{3})(?:-W(\d{3}))?", codes):
            said.setdefault(kind, set()).update(f"W{n}" for n in range(int(a), int(b or a) + 1))
    assert said == {kind: {c for c, k in REPORTED_AT.items() if k == kind} for kind in ("department", "stage", "touch-point")}
