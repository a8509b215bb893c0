"""The JSON Schema: draft-07, accepts the examples, rejects what the loader rejects."""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, ROOT, run_cli
from journeymap.journey.fileformat import json_schema

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)
EXAMPLES = sorted((ROOT / "maps").glob("*.journey.yaml")) + [
    FIXTURES / "valid" / "small.journey.yaml", ROOT / "templates" / "starter" / "journey.yaml"]


def test_schema_is_valid_draft_07():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert "$defs" not in str(SCHEMA)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate(path):
    VALIDATOR.validate(yaml.safe_load(path.read_text()))


def test_misspelt_key_is_rejected():
    data = yaml.safe_load((FIXTURES / "valid" / "small.journey.yaml").read_text())
    bad = copy.deepcopy(data)
    bad["stages"][0]["touchpoints"][0]["relability"] = "reliable"
    assert not VALIDATOR.is_valid(bad)
    ok = copy.deepcopy(data)
    ok["stages"][0]["touchpoints"][0]["x-anything"] = {"a": 1}
    assert VALIDATOR.is_valid(ok)


@pytest.mark.parametrize("path,value", [
    (("stages", 0, "touchpoints", 0, "reliability"), "sometimes"),
    (("stages", 0, "touchpoints", 0, "emotion"), 3),
    (("departments", 0, "id"), "Not A Slug"),
    (("journeymap",), 2),
    (("ignore",), ["W999"]),  # check rejects both: the editor says so too
    (("ignore",), ["E005"]),
    (("stages", 0, "touchpoints", 0, "ignore"), ["W104", "e007"]),
])
def test_invalid_values_are_rejected(path, value):
    data = yaml.safe_load((FIXTURES / "valid" / "small.journey.yaml").read_text())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert not VALIDATOR.is_valid(data)


def test_warning_codes_in_either_case_may_be_ignored():
    data = yaml.safe_load((FIXTURES / "valid" / "small.journey.yaml").read_text())
    data["ignore"] = ["W101", "w115", "W109"]
    data["departments"][0]["ignore"] = ["W102"]
    assert VALIDATOR.is_valid(data)


def test_fields_have_descriptions_for_editors():
    touchpoint = SCHEMA["definitions"]["TouchpointSpec"]["properties"]
    assert all("description" in spec for spec in touchpoint.values())


def test_committed_schema_matches_the_generated_one():
    """maps/ point editors at ../journeymap.schema.json; it must not drift from `journeymap schema`."""
    from conftest import ROOT

    result = run_cli("schema")
    assert (ROOT / "journeymap.schema.json").read_text(encoding="utf-8") == result.stdout


def test_a_registry_department_may_be_given_by_its_id_alone():
    """SPEC 1.2: under a project file, a department the journey lists by id takes the fields it
    leaves out from the registry; the editor flagged ``{id: billing}`` as missing its name."""
    data = yaml.safe_load((FIXTURES / "valid" / "small.journey.yaml").read_text())
    for lane in ({"id": "billing"}, {"id": "billing", "lead": "Inês Duarte"}, {"name": "Billing"}):
        ok = copy.deepcopy(data)
        ok["departments"].append(lane)
        assert VALIDATOR.is_valid(ok), lane
    for lane in ({"lead": "Inês Duarte"}, {"id": None}, {}):
        bad = copy.deepcopy(data)
        bad["departments"].append(lane)
        assert not VALIDATOR.is_valid(bad), lane


def test_the_schema_says_the_limits_an_editor_can_check():
    data = yaml.safe_load((FIXTURES / "valid" / "small.journey.yaml").read_text())
    lanes = copy.deepcopy(data)
    lanes["departments"] = [{"id": f"d{i}", "name": f"D {i}"} for i in range(201)]
    assert not VALIDATOR.is_valid(lanes)
    lanes["departments"] = lanes["departments"][:200]
    assert VALIDATOR.is_valid(lanes)


def test_a_touchpoints_next_steps_are_capped_in_the_schema_as_in_check():
    """check says E009 past 16 next steps from one touch-point; the editor said nothing (audit BU)."""
    from journeymap.journey.limits import MOST_FROM_ONE

    data = yaml.safe_load((FIXTURES / "valid" / "small.journey.yaml").read_text())
    stage = data["stages"][0]
    data["departments"] = [{"id": "desk", "name": "Desk"}]
    stage["touchpoints"] = [{"id": f"t{i}", "name": f"T {i}", "department": "desk"} for i in range(MOST_FROM_ONE + 2)]
    for count, ok in ((MOST_FROM_ONE, True), (MOST_FROM_ONE + 1, False)):
        stage["touchpoints"][0]["next"] = [f"t{i}" for i in range(1, count + 1)]
        assert VALIDATOR.is_valid(data) is ok
        text = yaml.safe_dump(data, sort_keys=False)
        codes = {f.code for f in journeymap_findings(text)}
        assert ("E009" not in codes) is ok, codes


def journeymap_findings(text: str) -> list:
    from journeymap.journey.validate import load_text

    return load_text(text, "t.journey.yaml")[1]


def test_departments_may_be_left_out_as_under_a_project_file_and_descriptions_are_plain_text():
    """SPEC 1.2: under a project file a journey may leave `departments` out. A schema cannot see
    whether one applies, and an editor underlined such journeys (audit I); check still says E003
    when no project file applies. An editor shows descriptions as they are, so no ``markup``."""
    schema = json.loads(run_cli("schema").stdout)
    assert schema["required"] == ["journeymap", "title", "stages"]
    assert "may be left out" in schema["properties"]["departments"]["description"]
    assert "``" not in json.dumps(schema)


def test_yes_and_on_are_booleans_in_the_schema_as_in_check():
    """check reads YAML 1.1, where `moment_of_truth: Yes` is true; an editor on YAML 1.2 reads
    text there, and flagged a file that check accepts."""
    schema = json.loads(run_cli("schema").stdout)
    data = yaml.safe_load((ROOT / "maps" / "home-claim.journey.yaml").read_text(encoding="utf-8"))
    for word in ("Yes", "on", "OFF", True):
        data["stages"][0]["touchpoints"][0]["moment_of_truth"] = word
        jsonschema.validate(data, schema)
    data["stages"][0]["touchpoints"][0]["moment_of_truth"] = "maybe"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_a_whole_number_written_with_a_decimal_point_is_a_difference_the_readme_names():
    """JSON Schema's integer takes 2.0, which check refuses: the README's list of what the editor
    and check read differently says so (audit BZ)."""
    schema = json.loads(run_cli("schema").stdout)
    data = yaml.safe_load((ROOT / "maps" / "home-claim.journey.yaml").read_text(encoding="utf-8"))
    data["stages"][0]["touchpoints"][0]["emotion"] = 2.0
    jsonschema.validate(data, schema)
    assert [f.code for f in journeymap_findings(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))] == ["E005"]
    assert "takes `2.0` where a whole number belongs" in " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())


def test_an_editor_completes_a_moment_of_truth_with_true_or_false_only():
    """The yes/no words were an enum, which an editor offers when completing a value: it wrote
    ``moment_of_truth: "yes"``, in quotes, which check reads as text and rejects (audit BU). They
    are a pattern now, still accepted unquoted, and no ``enum`` anywhere offers them."""
    spec = SCHEMA["definitions"]["TouchpointSpec"]["properties"]["moment_of_truth"]
    assert [branch.get("type") for branch in spec["anyOf"]] == ["boolean", "string"]
    assert "yes" not in json.dumps([node.get("enum") for node in _nodes(SCHEMA)])
    assert "true or false" in spec["anyOf"][1]["patternErrorMessage"]


def _nodes(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nodes(value)


@pytest.mark.parametrize("project", [False, True], ids=["journey", "project"])
def test_every_pattern_an_editor_checks_says_what_to_write(project):
    """A bad id showed the raw pattern in an editor ('String does not match the pattern of
    "^[a-z0-9][a-z0-9_-]{0,63}$"'); each pattern carries the message VS Code shows instead."""
    schema = json.loads(run_cli("schema", *(["--project"] if project else [])).stdout)
    patterns = [node for node in _nodes(schema) if "pattern" in node]
    assert patterns
    for node in patterns:
        message = node.get("patternErrorMessage", "")
        assert message[:1].isupper() or message.startswith("true"), node
        assert "^" not in message and "[" not in message, message
