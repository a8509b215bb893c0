"""The project file journeymap.yaml and its shared department registry (SPEC 1.2): resolution,
E010 registry-conflict, E007 for unknown registry ids, findings in the project file at their
line and column, the project file's JSON Schema."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, MAPS, ROOT, run_cli

import journeymap
from journeymap.findings import CODES
from journeymap.journey.project import Project, load_project, project_from_tree
from journeymap.journey.projectformat import project_json_schema
from journeymap.journey.reader import read_bytes
from journeymap.journey.validate import load_bytes

PROJECT = """\
project: 1
organisation: Northwind Insurance
departments:
  - {id: contact-centre, name: Contact centre, lead: Priya Shah, layer: frontstage}
  - id: claims
    name: Claims handling
    lead: Tom Berg
    layer: backstage
  - {id: billing, name: Billing, lead: Ann Lee, layer: support}
"""

JOURNEY = """\
journeymap: 1
title: Claim
owner: CCO
departments:
  - claims
  - {id: web, name: Web, lead: Wes}
stages:
  - name: Report
    owner: Council
    feedback: [Survey]
    touchpoints:
      - {id: form, name: Fills in the form, department: web, reliability: reliable}
      - {id: call, name: Calls, department: contact-centre, reliability: reliable}
      - {id: handled, name: Claim handled, department: claims, reliability: reliable}
      - {id: paid, name: Paid, department: billing, reliability: reliable}
"""


def folder(tmp_path: Path, project: str | None, **journeys: str) -> Path:
    """A folder with an optional project file and journeys named ``<key>.journey.yaml``."""
    if project is not None:
        (tmp_path / "journeymap.yaml").write_text(project, encoding="utf-8")
    for name, text in journeys.items():
        (tmp_path / f"{name}.journey.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def findings(path: Path, *extra: str) -> list[dict]:
    result = run_cli("check", "--format", "json", *extra, str(path))
    return json.loads(result.stdout)["findings"]


def at(items: list[dict], code: str) -> list[tuple[str, int, int]]:
    return [(Path(f["path"]).name, f["line"], f["column"]) for f in items if f["code"] == code]


def test_registry_lanes_listed_then_used_in_registry_order(tmp_path):
    folder(tmp_path, PROJECT, claim=JOURNEY)
    checked = journeymap.load(tmp_path / "claim.journey.yaml")
    assert checked.ok, checked.findings
    lanes = [(d.id, d.name, d.lead, d.layer, d.registry) for d in checked.journey.departments]
    # listed: claims (a registry id), web (its own); then used but not listed, in registry order
    assert lanes == [("claims", "Claims handling", "Tom Berg", "backstage", True),
                     ("web", "Web", "Wes", None, False),
                     ("contact-centre", "Contact centre", "Priya Shah", "frontstage", True),
                     ("billing", "Billing", "Ann Lee", "support", True)]
    assert checked.journey.project is not None and checked.journey.project.endswith("journeymap.yaml")


def test_departments_may_be_left_out_under_a_project_file(tmp_path):
    text = JOURNEY.replace("departments:\n  - claims\n  - {id: web, name: Web, lead: Wes}\n", "")
    text = text.replace("department: web", "department: billing")
    folder(tmp_path, PROJECT, claim=text)
    checked = journeymap.load(tmp_path / "claim.journey.yaml")
    assert checked.ok, checked.findings
    assert [d.id for d in checked.journey.departments] == ["contact-centre", "claims", "billing"]


def test_without_a_project_file_a_registry_id_is_e007_that_names_the_missing_project_file(tmp_path):
    """SPEC 1.2: a string in `departments` that is not a registry id is E007; with no project
    file there is no registry. It was E005 "expected a mapping of keys, got text 'claims'"."""
    folder(tmp_path, None, claim=JOURNEY)
    items = findings(tmp_path / "claim.journey.yaml")
    assert at(items, "E007")[0] == ("claim.journey.yaml", 5, 5) and not at(items, "E005")
    message = next(f["message"] for f in items if f["code"] == "E007")
    assert "no journeymap.yaml applies to this journey" in message and "{id: claims, name: ...}" in message
    assert not at(items, "E010")


def test_unknown_registry_id_is_e007_at_the_string(tmp_path):
    folder(tmp_path, PROJECT, claim=JOURNEY.replace("  - claims\n", "  - claims\n  - clams\n"))
    items = findings(tmp_path)
    assert at(items, "E007") == [("claim.journey.yaml", 6, 5)]
    assert "did you mean 'claims'" in next(f["message"] for f in items if f["code"] == "E007")


@pytest.mark.parametrize("registry", ["", "departments:\n  - {id: stores, name: Stores, lead: Ann}\n"],
                         ids=["empty-registry", "other-departments"])
def test_department_names_listed_as_plain_strings_are_told_how_to_define_them(tmp_path, registry):
    """`departments: [Sales, Field service]` under init's project file (no registry) was told
    "defined registry departments: none", and each `department: sales` unknown again (audit AF)."""
    (tmp_path / "journeymap.yaml").write_text("project: 1\n" + registry)
    (tmp_path / "p.journey.yaml").write_text(
        "journeymap: 1\ntitle: Broadband\ndepartments: [Sales, Field service]\nstages:\n  - name: Order\n"
        "    touchpoints:\n      - {name: Orders online, department: sales}\n"
        "      - {name: Engineer visits, department: field-service}\n      - {name: Stray, department: nobody}\n")
    found = [f for f in journeymap.load(tmp_path / "p.journey.yaml").findings if f.code == "E007"]
    assert [(f.line, f.column) for f in found] == [(3, 15), (3, 22), (9, 35)]
    holds = "whose departments are stores" if registry else "which defines none"
    assert found[0].message == (f"no registry department has the id 'Sales': a plain id in `departments` names a "
                                f"department of the registry in {tmp_path / 'journeymap.yaml'}, {holds}; define the "
                                "department here (- name: Sales, whose id is then 'sales') or add it to the registry")
    # the registry's own departments are named only where it has some
    assert ("those of the registry in" in found[2].message) == bool(registry), found[2].message


def test_unknown_department_reference_is_still_e007(tmp_path):
    text = JOURNEY.replace("department: billing", "department: biling")
    folder(tmp_path, PROJECT, claim=text)
    column = text.splitlines()[14].index("biling") + 1
    assert at(findings(tmp_path), "E007") == [("claim.journey.yaml", 15, column)]


def test_redefinition_with_a_different_value_is_e010_at_the_department(tmp_path):
    text = JOURNEY.replace("  - claims\n", "  - id: claims\n    lead: Someone Else\n    layer: backstage\n")
    folder(tmp_path, PROJECT, claim=text)
    items = findings(tmp_path)
    assert at(items, "E010") == [("claim.journey.yaml", 5, 5)]
    message = next(f["message"] for f in items if f["code"] == "E010")
    assert "lead" in message and "Tom Berg" in message and "layer" not in message  # equal layer: fine
    assert next(f for f in items if f["code"] == "E010")["name"] == "registry-conflict"


def test_redefinition_with_equal_values_or_fewer_fields_is_fine(tmp_path):
    text = JOURNEY.replace("  - claims\n", "  - {id: claims, name: Claims handling}\n")
    folder(tmp_path, PROJECT, claim=text)
    checked = journeymap.load(tmp_path / "claim.journey.yaml")
    assert checked.ok, checked.findings
    assert checked.journey.department_by_id["claims"].lead == "Tom Berg"  # from the registry


@pytest.mark.parametrize("written", ["lead: null", "lead:", "lead: ~"])
def test_a_field_written_with_no_value_takes_the_registrys(tmp_path, written):
    """`lead: null` was E010 "lead is None here but 'Tom Berg'" (audit FF): no value is left out,
    as anywhere in a journey, and the registry's is used."""
    text = JOURNEY.replace("  - claims\n", f"  - id: claims\n    {written}\n")
    folder(tmp_path, PROJECT, claim=text)
    checked = journeymap.load(tmp_path / "claim.journey.yaml")
    assert checked.ok and not [f for f in checked.findings if f.code == "E010"], checked.findings
    assert checked.journey.department_by_id["claims"].lead == "Tom Berg"


def test_listing_a_registry_id_twice_is_e006(tmp_path):
    folder(tmp_path, PROJECT, claim=JOURNEY.replace("  - claims\n", "  - claims\n  - claims\n"))
    assert at(findings(tmp_path), "E006") == [("claim.journey.yaml", 6, 5)]


@pytest.mark.parametrize("bad,code,where", [
    ("project: 1\norganization: Northwind\n", "E003", (2, 1)),
    ("project: 2\n", "E008", (1, 10)),
    ("project: 1\ndepartments:\n  - {id: a, name: A}\n  - {id: a, name: B}\n", "E006", (4, 10)),
    ("project: 1\ndepartments:\n  - {id: a, name: A, layer: inside}\n", "E005", (3, 29)),
    ("project: 1\nmoments_of_truth: {min: 5, max: -1}\n", "E005", (2, 33)),
    ("project: 1\nmoments_of_truth: {min: 9, max: 3}\n", "E005", (2, 19)),
    ("organisation: X\n", "E004", (1, 1)),
    ("project: 1\nproject: 1\n", "E002", (2, 1)),
])
def test_project_file_findings_have_positions(tmp_path, bad, code, where):
    folder(tmp_path, bad, claim=JOURNEY.replace("  - claims\n", ""))
    items = findings(tmp_path)
    assert ("journeymap.yaml", *where) in at(items, code), items


def test_a_misspelt_key_costs_a_registry_department_only_that_key(tmp_path):
    project = PROJECT.replace("    layer: backstage\n", "    layr: backstage\n")
    folder(tmp_path, project, claim=JOURNEY)
    items = findings(tmp_path)
    assert at(items, "E003") == [("journeymap.yaml", 8, 5)]
    assert not at(items, "E007")  # the journeys still find 'claims' in the registry


def test_every_problem_of_a_project_file_is_reported_in_one_run(tmp_path):
    project = PROJECT.replace("    layer: backstage\n", "    layr: backstage\n") \
        + "  - {id: billing, name: Billing twice}\nmoments_of_truth: {min: 30, max: 2}\n"
    folder(tmp_path, project, claim=JOURNEY)
    items = findings(tmp_path)
    assert {"E003", "E006", "E005"} <= {f["code"] for f in items if f["path"].endswith("journeymap.yaml")}
    assert ("journeymap.yaml", 11, 19) in at(items, "E005")  # min above max, though the rest failed validation


def test_project_file_errors_make_its_journeys_unusable(tmp_path):
    folder(tmp_path, "project: 1\nbogus: 1\n", claim=JOURNEY.replace("  - claims\n", ""))
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 1 and "journeymap.yaml:2:1: E003" in result.stdout
    assert result.stdout.count("E003") == 1  # reported once, not once per journey


def test_nearest_project_file_wins(tmp_path):
    folder(tmp_path, "project: 1\ndepartments: [{id: claims, name: Outer claims}]\n")
    inner = tmp_path / "inner"
    inner.mkdir()
    folder(inner, PROJECT, claim=JOURNEY)
    checked = journeymap.load(inner / "claim.journey.yaml")
    assert checked.journey.department_by_id["claims"].name == "Claims handling"


def test_a_project_file_is_not_a_journey(tmp_path):
    folder(tmp_path, PROJECT, claim=JOURNEY)
    result = run_cli("check", str(tmp_path))
    assert "1 journey file checked" in result.stderr


def test_project_schema_is_draft_07_and_committed():
    schema = project_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    result = run_cli("schema", "--project")
    assert json.loads(result.stdout) == schema
    assert (ROOT / "journeymap.project.schema.json").read_text(encoding="utf-8") == result.stdout


def test_project_schema_accepts_the_example_and_rejects_unknown_keys():
    validator = jsonschema.Draft7Validator(project_json_schema())
    data = yaml.safe_load((MAPS / "journeymap.yaml").read_text(encoding="utf-8"))
    validator.validate(data)
    assert not validator.is_valid({**data, "organization": "typo"})
    assert validator.is_valid({**data, "x-owner": "CX office"})
    assert not validator.is_valid({"project": 1, "departments": [{"id": "Not A Slug", "name": "x"}]})


def test_examples_share_registry_departments():
    lanes = {p.name: {d.id: d for d in journeymap.load(p).journey.departments}
             for p in sorted(MAPS.glob("*.journey.yaml"))}
    for shared in ("contact-centre", "billing"):
        owners = [name for name, depts in lanes.items() if shared in depts]
        assert len(owners) == 3, (shared, owners)
        assert len({(d[shared].name, d[shared].lead, d[shared].layer) for d in lanes.values()}) == 1


def test_checking_the_project_file_itself_reports_its_findings(tmp_path):
    folder(tmp_path, "project: 1\nbogus: 2\n")
    result = run_cli("check", str(tmp_path / "journeymap.yaml"))
    assert result.exit_code == 1 and "journeymap.yaml:2:1: E003 unknown-field" in result.stdout
    assert "E004" not in result.stdout  # not read as a journey (no complaint about a missing title)
    folder(tmp_path, PROJECT)
    assert run_cli("check", str(tmp_path / "journeymap.yaml")).exit_code == 0


def _damage(data: bytes, edits: list[tuple[int, bytes, int]]) -> bytes:
    out = bytearray(data)
    for at, insert, delete in edits:
        at %= max(1, len(out))
        out[at:at + delete] = insert
    return bytes(out)


_EDITS = st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(
    [b"", b"- ", b": ", b"{", b"[", b"\n  ", b"'", b"no", b"x-a: 1", b"id: ", b"&a ", b"*a", b"\xff"]),
    st.integers(0, 12)), min_size=1, max_size=6)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EDITS, _EDITS)
def test_damaged_project_and_journey_only_give_findings(project_edits, journey_edits):
    root, findings = read_bytes(_damage(PROJECT.encode(), project_edits), "journeymap.yaml")
    project = project_from_tree(root, "journeymap.yaml") if root is not None else Project("journeymap.yaml")
    journey, more = load_bytes(_damage(JOURNEY.encode(), journey_edits), "claim.journey.yaml", project)
    for finding in [*findings, *project.findings, *more]:
        assert finding.code in CODES and finding.line >= 1 and finding.column >= 1 and finding.message
    assert journey is not None or any(f.is_error for f in more)


def test_registry_department_findings_point_into_the_journey(tmp_path):
    folder(tmp_path, PROJECT.replace(", lead: Ann Lee", ""), claim=JOURNEY)
    items = findings(tmp_path, "--ignore", "W115")
    w102 = [f for f in items if f["code"] == "W102"]
    # billing is not listed: the finding is at the first touch-point that uses it
    column = JOURNEY.splitlines()[14].index("billing") + 1
    assert [(Path(f["path"]).name, f["line"], f["column"]) for f in w102] == [("claim.journey.yaml", 15, column)]
    assert "registry" in w102[0]["message"]


def test_ignore_lists_compare_as_sets_of_codes(tmp_path):
    project = PROJECT.replace("lead: Ann Lee, layer: support}", "lead: Ann Lee, layer: support, ignore: [W102, W105]}")
    text = JOURNEY.replace("  - claims\n", "  - claims\n  - {id: billing, ignore: [w105, W102]}\n")
    folder(tmp_path, project, claim=text)
    assert journeymap.load(tmp_path / "claim.journey.yaml").ok
    folder(tmp_path, project, claim=text.replace("[w105, W102]", "[W105]"))
    assert at(findings(tmp_path), "E010") == [("claim.journey.yaml", 6, 5)]


# --- standard input under a project file --------------------------------------------------

def test_standard_input_is_read_as_a_journey_in_the_current_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """business-ordering lists registry ids: piped in from its folder, it checks as the file does."""
    text = (MAPS / "business-ordering.journey.yaml").read_bytes()
    monkeypatch.chdir(MAPS)
    piped = run_cli("check", "--format", "json", "-", input=text)
    direct = run_cli("check", "--format", "json", "business-ordering.journey.yaml")
    assert piped.exit_code == direct.exit_code == 0
    assert piped.stdout.count('"code"') == direct.stdout.count('"code"') > 0
    monkeypatch.chdir(MAPS.parent)  # no project file here: its registry ids are unknown
    assert "E007" in run_cli("check", "-", input=text).stdout


def test_diff_reads_standard_input_as_a_version_of_the_other_side(monkeypatch: pytest.MonkeyPatch) -> None:
    path = MAPS / "business-ordering.journey.yaml"
    monkeypatch.chdir(MAPS.parent)
    result = run_cli("diff", "-", str(path), input=path.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert "No change for the customer" in result.stdout
    assert result.stdout.startswith(f"<stdin> -> {path}")  # as findings name it, not "-"


def test_piped_in_away_from_its_project_the_note_says_where_to_run_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MAPS.parent)
    result = run_cli("check", "-", input=(MAPS / "business-ordering.journey.yaml").read_bytes())
    assert result.exit_code == 1 and "E007" in result.stdout
    assert "note: standard input is read as a journey in the current folder" in result.stderr
    monkeypatch.chdir(MAPS)
    assert "note:" not in run_cli("check", "-", input=(MAPS / "business-ordering.journey.yaml").read_bytes()).stderr


@pytest.mark.parametrize("listed", [False, True])
def test_registry_departments_count_towards_the_200_department_limit(tmp_path, listed):
    """SPEC 5: 200 departments; registry departments a journey uses are lanes like its own."""
    (tmp_path / "journeymap.yaml").write_text(
        "project: 1\ndepartments:\n" + "".join(f"  - {{id: d{i}, name: Dept {i}}}\n" for i in range(250)))

    def journey(n: int) -> str:
        own = "departments: [" + ", ".join(f"d{i}" for i in range(n)) + "]\n" if listed else ""
        tps = "".join(f"      - {{name: T{i}, department: d{i}, reliability: reliable}}\n" for i in range(n))
        return f"journeymap: 1\ntitle: R\n{own}stages:\n  - name: S\n    touchpoints:\n{tps}"

    for n, ok in ((200, True), (201, False)):
        path = tmp_path / f"r{n}.journey.yaml"
        path.write_text(journey(n))
        checked = journeymap.load(path)
        assert checked.ok is ok
        assert [f.code for f in checked.findings if f.is_error] == ([] if ok else ["E009"])


def test_the_search_for_a_project_file_ends_at_the_repository_top(tmp_path: Path):
    from journeymap.journey.project import find_project

    (tmp_path / "journeymap.yaml").write_text("project: 1\norganisation: Above the repository\n")
    journeys = tmp_path / "repo" / "maps"
    journeys.mkdir(parents=True)
    assert find_project(journeys) == tmp_path / "journeymap.yaml"  # no repository: up the tree, as SPEC 1.2
    (tmp_path / "repo" / ".git").mkdir()
    assert find_project(journeys) is None
    (tmp_path / "repo" / "journeymap.yaml").write_text("project: 1\n")
    assert find_project(journeys) == tmp_path / "repo" / "journeymap.yaml"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a file away")
def test_a_project_file_another_user_owns_does_not_apply_outside_a_repository(tmp_path: Path):
    """Anyone may write /tmp/journeymap.yaml: it must not relabel the journeys of everyone below it."""
    from journeymap.journey.project import find_project

    planted = tmp_path / "journeymap.yaml"
    planted.write_text("project: 1\norganisation: Mallory\n")
    os.chown(planted, 65534, 65534)
    journeys = tmp_path / "home" / "maps"
    journeys.mkdir(parents=True)
    assert find_project(journeys) is None
    planted = tmp_path / ".git"  # anyone may make a folder look like a repository's top
    planted.mkdir()
    os.chown(planted, 65534, 65534)
    assert find_project(journeys) is None
    (tmp_path / "home" / ".git").mkdir()  # ours: inside it, every file is the repository's
    (tmp_path / "home" / "journeymap.yaml").write_text("project: 1\n")
    os.chown(tmp_path / "home" / "journeymap.yaml", 65534, 65534)
    assert find_project(journeys) == tmp_path / "home" / "journeymap.yaml"


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a file away")
def test_check_says_which_project_file_it_leaves_unread_as_another_users(tmp_path: Path):
    """A checkout another user owns (a container job run as another user): the project file beside
    the journeys was passed over in silence, and 14 E007s said no project file applied (audit FX).
    It is still not read, and `check` says which and why, once."""
    import shutil

    from journeymap.journey.project import passed_over

    maps = tmp_path / "maps"
    shutil.copytree(MAPS, maps)
    for path in [maps, *maps.iterdir()]:
        os.chown(path, 65534, 65534)
    result = run_cli("check", str(maps))
    assert result.exit_code == 1 and "E007" in result.output
    assert result.stderr.count(f"note: {maps / 'journeymap.yaml'} is not read: another user (uid 65534) owns it") == 1
    assert passed_over(maps / "home-claim.journey.yaml") == (maps / "journeymap.yaml", 65534)
    assert "checked without it" in result.stderr
    # one of ours further up is taken in its place: said so, not silently (review FY)
    (tmp_path / "journeymap.yaml").write_text("project: 1\norganisation: Above\n")
    above = run_cli("check", str(maps))
    assert (f"checked with {tmp_path / 'journeymap.yaml'}, further up, in its place") in above.stderr, above.stderr
    (tmp_path / "journeymap.yaml").unlink()
    (tmp_path / ".git").mkdir()  # in a repository of ours, it is read: nothing passed over
    assert passed_over(maps / "home-claim.journey.yaml") is None
    assert run_cli("check", str(maps)).exit_code == 0


@pytest.mark.parametrize("broken", [PROJECT.replace("    lead: Tom Berg", "   lead: Tom Berg"),
                                    PROJECT.replace("layer: support}", "layer: support"),
                                    PROJECT.replace("organisation:", "colour: blue\norganisation:")])
def test_a_broken_project_file_is_told_once_not_at_every_registry_reference(tmp_path, broken):
    """A project file that could not be read left an empty registry: every journey then had an
    E007 at each registry department it names (12 errors on a page for one missing brace; audit E)."""
    folder(tmp_path, broken, claim=JOURNEY)
    items = findings(tmp_path)
    errors = [f for f in items if f["severity"] == "error"]
    assert errors and {Path(f["path"]).name for f in errors} == {"journeymap.yaml"}, items
    assert len(errors) == len({(f["line"], f["column"], f["code"]) for f in errors})  # each told once
    checked = journeymap.load(tmp_path / "claim.journey.yaml")
    assert not checked.ok and checked.journey is None


@pytest.mark.parametrize("broken", [PROJECT.replace("organisation:", "colour: blue\norganisation:"),
                                    PROJECT.replace("layer: support}", "layer: sideways}"),
                                    PROJECT.replace("{id: billing, name: Billing, lead: Ann Lee, layer: support}",
                                                    "{name: Billing, lead: Ann Lee, layer: sideways}")])
def test_under_a_broken_project_file_references_no_entry_names_are_still_e007(tmp_path, broken):
    """An unknown key in the project file hid a journey's unknown departments while its E010 still
    showed: fixed one file, the other's errors came next (stop 52). When every registry entry names
    its id, even an entry with a bad value, a reference none of them names is told at once."""
    journey = JOURNEY.replace("  - claims\n", "  - claims\n  - clams\n").replace(
        "department: web", "department: webb")
    folder(tmp_path, broken, claim=journey)
    items = findings(tmp_path)
    assert at(items, "E007") == [("claim.journey.yaml", 6, 5), ("claim.journey.yaml", 13, 57)], items
    assert any(Path(f["path"]).name == "journeymap.yaml" for f in items)  # the registry's errors too


def test_under_a_project_file_with_a_nameless_entry_references_are_not_judged(tmp_path):
    """An entry with neither id nor name may be the department a reference means: no E007 then."""
    broken = PROJECT.replace("{id: billing, name: Billing, lead: Ann Lee, layer: support}", "{lead: Ann Lee}")
    folder(tmp_path, broken, claim=JOURNEY.replace("department: web", "department: webb"))
    items = findings(tmp_path)
    assert not at(items, "E007") and {Path(f["path"]).name for f in items} == {"journeymap.yaml"}, items


def test_a_journey_leaving_its_departments_to_a_broken_registry_is_told_the_registrys_error_only(tmp_path):
    """A journey with no `departments:` of its own, under a project file with a YAML error, got an
    E004 saying it has none; W115 quoted the default bounds the file did not say; and build printed
    the project file's error once for each journey (audit AY)."""
    broken = PROJECT.replace("layer: support}", "layer: support")
    lanes = JOURNEY.replace("departments:\n  - claims\n  - {id: web, name: Web, lead: Wes}\n", "").replace(
        "department: web", "department: claims")
    folder(tmp_path, broken, claim=JOURNEY, lanes=lanes)
    items = findings(tmp_path)
    assert items and {Path(f["path"]).name for f in items} == {"journeymap.yaml"}, items
    assert [f["code"] for f in items] == ["E001"]
    built = run_cli("build", str(tmp_path), "-o", str(tmp_path / "site"))
    assert built.exit_code == 1 and built.stderr.count("E001") == 1, built.stderr
    assert built.stderr.count("journeymap.yaml has errors") == 2


def test_a_project_file_that_starts_like_a_journey_is_told_so_once(tmp_path):
    """`journeymap: 1` in journeymap.yaml made it a journey: missing title and stages, and its
    organisation and bounds unknown fields (audit G)."""
    folder(tmp_path, PROJECT.replace("project: 1", "journeymap: 1"), claim=JOURNEY)
    items = [f for f in findings(tmp_path) if Path(f["path"]).name == "journeymap.yaml"]
    assert [(f["code"], f["line"], f["column"]) for f in items] == [("E004", 1, 1)]
    assert "a project file starts with `project: 1`, not `journeymap: 1`" in items[0]["message"]


def test_a_list_of_registry_ids_alone_with_no_project_file_is_one_e007_per_id(tmp_path):
    """`departments: [sales]` with no project file also said the list was empty (review)."""
    text = ("journeymap: 1\ntitle: T\ndepartments: [sales]\n"
            "stages: [{name: S, touchpoints: [{name: A, department: sales, reliability: reliable}]}]\n")
    folder(tmp_path, None, claim=text)
    errors = [(f["code"], f["line"], f["column"]) for f in findings(tmp_path / "claim.journey.yaml")
              if f["severity"] == "error"]
    assert errors == [("E007", 3, 15)]


def test_render_under_a_broken_project_file_says_where_the_errors_are(tmp_path):
    """"claim.journey.yaml: 1 error(s); fix them first" sent the reader to the journey (review)."""
    folder(tmp_path, PROJECT.replace("organisation:", "colour: blue\norganisation:"), claim=JOURNEY)
    result = run_cli("render", str(tmp_path / "claim.journey.yaml"), "-o", str(tmp_path / "m.svg"))
    assert result.exit_code == 1 and f"1 error (in {tmp_path / 'journeymap.yaml'}); fix it first" in result.stderr


def test_a_registry_department_written_by_its_name_is_told_its_id(tmp_path):
    """`department: Claims handling` under a project file was not known as the registry's
    department of that name (review Q)."""
    base = folder(tmp_path, PROJECT, claim=JOURNEY.replace("department: claims,", "department: Claims handling,"))
    found = findings(base / "claim.journey.yaml")
    e007 = [f["message"] for f in found if f["code"] == "E007"]
    assert e007 and e007[0].endswith("'Claims handling' is the name of department 'claims': refer to it by its id, claims")
    assert not any(f["code"] == "E005" for f in found)  # told once, by the E007 (audits AE, AF)


def test_an_unknown_department_under_a_project_file_names_it(tmp_path):
    """A journey moved under another project file got E007s listing that registry's departments,
    with no word of which journeymap.yaml now applies (audit T)."""
    retail = tmp_path / "maps" / "retail"
    retail.mkdir(parents=True)
    (retail / "journeymap.yaml").write_text("project: 1\ndepartments:\n  - {id: stores, name: Stores, lead: Ann}\n")
    (retail / "moved.journey.yaml").write_text(
        "journeymap: 1\ntitle: Moved\nstages:\n  - name: One\n    owner: X\n    touchpoints:\n"
        "      - {name: Calls, department: contact-centre, reliability: reliable}\n")
    checked = journeymap.load(retail / "moved.journey.yaml")
    e007 = [f.message for f in checked.findings if f.code == "E007"]
    assert e007 and (f"defined departments: stores (the journey's own and those of the registry in "
                     f"{retail / 'journeymap.yaml'}, which applies here)") in e007[0], e007


def test_a_journey_without_departments_under_a_project_file_is_told_they_are_missing(tmp_path):
    """Left out, with no touch-point naming a registry department, departments were "must not be
    empty; write at least one item", of a key that is not there (audit AF)."""
    (tmp_path / "journeymap.yaml").write_text("project: 1\n")
    (tmp_path / "only.journey.yaml").write_text("journeymap: 1\n")
    found = journeymap.load(tmp_path / "only.journey.yaml").findings
    assert [(f.code, f.line, f.column) for f in found] == [("E004", 1, 1)] * 3
    # the registry is empty (as `init` writes it): there are no departments to refer to
    assert found[0].message == "this journey has no 'departments'; add `departments: ...`"
    (tmp_path / "journeymap.yaml").write_text("project: 1\ndepartments:\n  - {id: sales, name: Sales}\n")
    found = journeymap.load(tmp_path / "only.journey.yaml").findings
    assert found[0].message.startswith("this journey has no 'departments'; add `departments: ...`, or refer")
    # an empty `departments:` there is told that it may go (review BJ: "list at least one")
    (tmp_path / "only.journey.yaml").write_text("journeymap: 1\ntitle: T\ndepartments:\nstages: [{name: S}]\n")
    (empty,) = [f for f in journeymap.load(tmp_path / "only.journey.yaml").findings if f.code == "E005"]
    assert empty.message.endswith("or leave the key out and refer to the registry's departments by their ids in the "
                                  "touch-points"), empty.message


@pytest.mark.parametrize("bounds", ["{min: 1, max: 100001}", "{min: -1, max: 3}"])
def test_a_bound_out_of_range_names_the_range(tmp_path, bounds):
    """100,001 was told "it must be a whole number, 0 or more", which it is (audit BG)."""
    (tmp_path / "journeymap.yaml").write_text(f"project: 1\nmoments_of_truth: {bounds}\n")
    (tmp_path / "a.journey.yaml").write_text((FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8"))
    (error,) = [f for f in journeymap.load(tmp_path / "a.journey.yaml").findings if f.is_error]
    assert error.code == "E005" and error.message.endswith("it must be a whole number from 0 to 100,000"), error


def test_a_misspelt_departments_key_under_an_empty_registry_is_two_findings_not_one_a_reference(tmp_path):
    """Under `init`'s project file (an empty registry), `departmens:` was told to use the registry,
    and every touch-point's department was unknown too (audit BG)."""
    (tmp_path / "journeymap.yaml").write_text("project: 1\n")
    text = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    assert "\ndepartments:" in text
    (tmp_path / "slip.journey.yaml").write_text(text.replace("\ndepartments:", "\ndepartmens:"), encoding="utf-8")
    found = journeymap.load(tmp_path / "slip.journey.yaml").findings
    assert [f.code for f in found] == ["E004", "E003"], found
    line = text.split("\n").index("departments:") + 1
    assert found[0].message == f"this journey has no 'departments'; line {line} has 'departmens': write it as 'departments'"


@pytest.mark.parametrize("start", ['"journeymap": 1', "\ufeffjourneymap: 1", "{title: T, journeymap: 1}"])
def test_a_journey_saved_as_journeymap_yaml_is_a_journey_not_the_project_file(tmp_path: Path, start: str):
    """Discovery took these for journeys and the project file's test for the project file, so the
    journeys beside one got its "errors" (review BM): one test decides for both."""
    from journeymap.journey.project import is_project_file
    from journeymap.pipeline import is_journey_file

    small = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    if start.startswith("{"):
        (tmp_path / "journeymap.yaml").write_text(start + "\n", encoding="utf-8")
    else:
        (tmp_path / "journeymap.yaml").write_text(small.replace("journeymap: 1", start, 1), encoding="utf-8")
    (tmp_path / "other.journey.yaml").write_text(small, encoding="utf-8")
    assert is_journey_file(tmp_path / "journeymap.yaml") and not is_project_file(tmp_path / "journeymap.yaml")
    result = run_cli("check", str(tmp_path / "other.journey.yaml"))
    assert result.exit_code == 0, result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_journeymap_yaml_is_not_read_as_the_project_file(tmp_path: Path):
    """The project file's test opened it with a plain open(), so `check` of it waited for a writer
    forever (review BM); other FIFOs were refused at once, as this one is."""
    import subprocess
    import sys

    os.mkfifo(tmp_path / "journeymap.yaml")
    (tmp_path / "other.journey.yaml").write_text((FIXTURES / "valid" / "small.journey.yaml").read_text())
    for name, status in (("other.journey.yaml", 0), ("journeymap.yaml", 2)):
        done = subprocess.run([sys.executable, "-m", "journeymap", "check", str(tmp_path / name)],
                              capture_output=True, text=True, timeout=20)
        assert done.returncode == status, done.stderr
    assert "it is a FIFO, not a journey file" in done.stderr


def test_a_project_file_that_cannot_be_read_is_told_not_taken_for_none(tmp_path, monkeypatch):
    """An unreadable journeymap.yaml (chmod 000) was taken for no project file: its journeys were
    told 7 E007s and to add a project file beside the one there (audit CH). It is told, E001 at the
    project file, with its reason."""
    import builtins

    from journeymap.journey import project as project_module

    folder(tmp_path, PROJECT, claim=JOURNEY)
    locked = str(tmp_path / "journeymap.yaml")

    def refuse(path, *args, **kwargs):
        if str(path).endswith("journeymap.yaml") and os.path.samefile(path, locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_read(path, *args, **kwargs)

    def refuse_open(path, *args, **kwargs):
        if str(path).endswith("journeymap.yaml") and os.path.samefile(path, locked):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    real_read = project_module.read_regular
    monkeypatch.setattr(project_module, "read_regular", refuse)
    monkeypatch.setattr(project_module, "open", refuse_open, raising=False)
    items = findings(tmp_path)
    assert not at(items, "E007"), items
    assert [(Path(f["path"]).name, f["code"]) for f in items if f["severity"] == "error"] == [("journeymap.yaml", "E001")]
    assert "Permission denied" in items[0]["message"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_project_file_linked_to_nothing_is_told_not_passed_over(tmp_path: Path):
    """A journeymap.yaml linking to a shared registry that had moved was passed over without a
    word, and the project file above applied in its place (review FM): its journeys were told
    E007 for every registry department. It is E001 at the link, saying where it points."""
    (tmp_path / "journeymap.yaml").write_text("project: 1\norganisation: Parent\n")
    team = tmp_path / "team"
    team.mkdir()
    (team / "journeymap.yaml").symlink_to(Path("..") / "shared" / "registry.yaml")
    (team / "claim.journey.yaml").write_text(JOURNEY)
    for path in (team, team / "claim.journey.yaml"):
        items = findings(path)
        assert [(Path(f["path"]).name, f["code"], f["line"]) for f in items] == [("journeymap.yaml", "E001", 1)], items
        assert Path(items[0]["path"]).parent.name == "team"
        assert "symbolic link to nothing (../shared/registry.yaml)" in items[0]["message"]
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "registry.yaml").write_text(PROJECT)
    assert [f for f in findings(team) if f["severity"] == "error"] == []


def test_a_department_of_a_registry_further_up_that_a_nearer_project_file_overrides_is_told_so(tmp_path: Path,
                                                                                                monkeypatch):
    """A unit's project file under the company's registry cut its journeys off that registry, and
    its E007s said only that the unit's file "defines none" (audit FN): the nearest project file
    wins (SPEC 1.2), and each unknown department the registry further up defines is told so."""
    folder(tmp_path, PROJECT)
    (tmp_path / ".git").mkdir()  # the repository's top, where the search for a project file ends
    (tmp_path / "unit").mkdir()
    unit = folder(tmp_path / "unit", "project: 1\norganisation: Unit\n",
                  claim=JOURNEY.replace("department: web", "department: webb"))
    monkeypatch.chdir(tmp_path)
    items = findings(Path("unit"))
    told = {(f["line"], f["column"]): f["message"] for f in items if f["code"] == "E007"}
    assert sorted(told) == [(5, 5), (12, 57), (13, 45), (15, 44)], sorted(told)
    assert told[(5, 5)] == ("no registry department has the id 'claims': the nearest project file, "
                            "unit/journeymap.yaml, applies here in place of journeymap.yaml further up, whose "
                            "registry defines it; copy the department into unit/journeymap.yaml, or remove that file")
    assert told[(13, 45)].startswith("no department has the id 'contact-centre': the nearest project file, ")
    assert "further up" not in told[(12, 57)]  # webb: defined nowhere, told as before
    (unit / "journeymap.yaml").unlink()
    rest = [f for f in findings(Path("unit")) if f["code"] == "E007"]  # the registry applies: webb alone
    assert [(f["line"], "further up" in f["message"]) for f in rest] == [(12, False)]
    # with a project file of no registry between them (review FO)
    (tmp_path / "unit" / "team").mkdir()
    (tmp_path / "unit" / "claim.journey.yaml").rename(tmp_path / "unit" / "team" / "claim.journey.yaml")
    (tmp_path / "unit" / "journeymap.yaml").write_text("project: 1\norganisation: Unit\n")
    (tmp_path / "unit" / "team" / "journeymap.yaml").write_text("project: 1\norganisation: Team\n")
    told = {f["line"]: f["message"] for f in findings(Path("unit")) if f["code"] == "E007"}
    assert told[5].endswith("applies here in place of journeymap.yaml further up, whose registry defines it; "
                            "copy the department into unit/team/journeymap.yaml, or remove that file"), told[5]


def test_a_registry_journey_checked_where_no_project_file_applies_is_told_of_the_registry(tmp_path, monkeypatch):
    """Read from standard input outside its project, a journey whose touch-points name registry
    departments was told only "add departments: ..." (audit CW)."""
    text = ("journeymap: 1\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n"
            "      - {name: A, department: metering}\n      - {name: B, department: billing}\n"
            "      - {name: C, department: metering}\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", "-", input=text)
    assert result.exit_code == 1
    assert ("<stdin>:1:1: E004 missing-field: this journey has no 'departments'; add `departments: ...` defining "
            "those its touch-points name (metering, billing), or, if they are a shared registry's, keep the journey "
            "where that project file applies (journeymap.yaml, in the journey's folder or one above it; for "
            "standard input, the current folder)") in result.stdout
    # a file on disk is not told of standard input (review CZ)
    (tmp_path / "t.journey.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "t.journey.yaml"))
    assert "in the journey's folder or one above it)" in result.stdout and "standard input" not in result.stdout


def test_a_touch_point_without_a_department_under_a_registry_is_not_told_a_short_list(tmp_path):
    """Under a project file, a touch-point may name any registry department, listed in the journey
    or not: "one of: web" named only the journey's own, so E004 keeps its plain advice there
    (review EC)."""
    text = JOURNEY.replace("      - {id: paid, name: Paid, department: billing, reliability: reliable}\n",
                           "      - {id: paid, name: Paid, reliability: reliable}\n")
    (e004,) = [f for f in findings(folder(tmp_path, PROJECT, claim=text)) if f["code"] == "E004"]
    assert e004["message"] == "this touch-point has no 'department'; add `department: ...`"


def test_bounds_that_are_not_a_mapping_are_shown_with_their_keys(tmp_path):
    """`moments_of_truth: 5` was told "expected keys with values (such as name: ...)" (audit FF)."""
    (tmp_path / "journeymap.yaml").write_text("project: 1\nmoments_of_truth: 5\n")
    (found,) = load_project(tmp_path / "journeymap.yaml").findings
    assert (found.code, found.line, found.column) == ("E005", 2, 19)
    assert "moments_of_truth: expected keys with values (such as min: 10, max: 20), got a number 5" in found.message


def test_a_project_file_with_a_journeys_first_key_too_is_told_to_delete_it(tmp_path):
    """`project: 1` and `journeymap: 1` both in journeymap.yaml were told "starts with `project: 1`,
    not `journeymap: 1`" (audit FF): one finding, at the journey's key, saying to delete it."""
    (tmp_path / "journeymap.yaml").write_text("project: 1\njourneymap: 1\ndepartments:\n  - {id: a, name: A}\n")
    result = run_cli("check", str(tmp_path / "journeymap.yaml"))
    lines = [line for line in result.stdout.splitlines() if "journeymap.yaml:" in line]
    assert lines == [f"{tmp_path / 'journeymap.yaml'}:2:1: E003 unknown-field: unknown field 'journeymap' in the "
                     "project file: this journeymap.yaml starts with `project: 1`, as the project file does; delete "
                     "`journeymap: 1` (a journey is a file of its own, such as claim.journey.yaml)"], result.stdout


def test_piped_in_with_a_missing_touchpoint_alone_no_project_note(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # the note is about departments a project file would give; a `next:` to a missing touch-point
    # has nothing to do with one (audit FI)
    monkeypatch.chdir(tmp_path)
    text = (FIXTURES / "valid" / "small.journey.yaml").read_text()
    given = "        reliability: reliable\n        moment_of_truth: true\n"
    assert given in text
    result = run_cli("check", "-", input=text.replace(given, given + "        next: [nowhere-at-all]\n", 1))
    assert result.exit_code == 1 and "no touch-point has the id 'nowhere-at-all'" in result.stdout
    assert "note: standard input" not in result.stderr


def test_a_value_in_capitals_is_offered_the_choice_it_spells(tmp_path: Path) -> None:
    text = (FIXTURES / "valid" / "small.journey.yaml").read_text().replace("reliability: reliable", "reliability: RELIABLE", 1)
    path = tmp_path / "caps.journey.yaml"
    path.write_text(text)
    assert "did you mean 'reliable'?" in run_cli("check", str(path)).stdout  # it was offered nothing (audit FI)


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs root to give a checkout away")
def test_diff_says_git_refuses_a_checkout_another_user_owns(tmp_path: Path):
    """git refuses a repository another user owns (safe.directory): `diff main:x x` said the folder
    "is not inside a git repository" (audit FX). It says git's refusal and git's own remedy."""
    import subprocess

    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "x.journey.yaml").write_text((MAPS / "home-claim.journey.yaml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    for args in (["init", "-q"], ["add", "."], ["-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)
    for path in [repo, *repo.rglob("*")]:
        os.chown(path, 65534, 65534, follow_symlinks=False)
    result = run_cli("diff", f"HEAD:{repo / 'x.journey.yaml'}", str(repo / "x.journey.yaml"))
    assert result.exit_code == 2 and "is not inside a git repository" not in result.output
    assert "git refuses to read the repository around" in result.output, result.output
    assert f"git config --global --add safe.directory {repo}" in result.output
