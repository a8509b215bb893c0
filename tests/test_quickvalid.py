"""The fast path past pydantic accepts only what the models accept, and builds the same journey."""

from __future__ import annotations

import datetime
import subprocess
import sys
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import FIXTURES, MAPS, ROOT, UPDATE_GOLDEN
from test_properties import damaged, journeys
from journeymap.journey.fileformat import JourneySpec, json_schema
from journeymap.journey.modelbuild import build_journey
from journeymap.journey.quickvalid import SCHEMA_FILE, compact_schema, quick_spec
from journeymap.journey.reader import read_bytes
from journeymap.journey.registry import apply_registry
from journeymap.journey.validate import plain
from journeymap.journey.project import project_for

CACHED = ROOT / "journeymap" / "journey" / SCHEMA_FILE
VALID = sorted(MAPS.glob("*.journey.yaml")) + sorted((FIXTURES / "valid").glob("*.yaml"))


def test_cached_schema_is_the_models_schema():
    expected = compact_schema(json_schema(registry_lanes=False))
    if UPDATE_GOLDEN:
        CACHED.write_text(expected, encoding="utf-8")
    assert CACHED.read_text(encoding="utf-8") == expected, (
        "fileformat.json is stale: run JOURNEYMAP_UPDATE_GOLDEN=1 pytest tests/test_quickvalid.py")


def verdicts(data: bytes, project: Any = None) -> tuple[Any, Any, Any, Any]:
    """(root, the fast path's spec, pydantic's spec, lanes), each None when there is none.

    With a ``project``, registry departments are resolved first, as validation does.
    """
    root, _ = read_bytes(data, "q.journey.yaml")
    if root is None or root.kind != "map":
        return None, None, None, None
    value = plain(root)
    lanes = None
    if project is not None:
        value, lanes, _conflicts = apply_registry(value, root, project, "q.journey.yaml")
    if type(value.get("journeymap")) is not int:  # E008 before validation (pydantic takes True, 1.0 for 1)
        return None, None, None, None
    try:
        spec = JourneySpec.model_validate(value)
    except ValidationError:
        spec = None
    return root, quick_spec(value), spec, lanes


def assert_agree(data: bytes, project: Any = None) -> bool:
    """The fast path accepts nothing pydantic rejects, and what it accepts builds the same journey."""
    root, quick, spec, lanes = verdicts(data, project)
    if quick is None:
        return False
    assert spec is not None, "the fast path accepted a file the models reject"
    extra = (lanes, project.path, frozenset(project.by_id)) if project is not None else ()
    assert build_journey(quick, root, "q.journey.yaml", *extra) == build_journey(spec, root, "q.journey.yaml", *extra)
    return True


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_files_take_the_fast_path_to_the_same_journey(path):
    assert assert_agree(path.read_bytes(), project_for(str(path)))


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_random_valid_journeys_take_the_fast_path(data):
    assert assert_agree(yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_files_never_pass_the_fast_path_alone(data):
    assert_agree(data)


ODD_VALUES = [True, False, 1, 1.0, -3, 3, "", " ", "\t\n", "\x1c", "abc\n", "Abc", "a b", "x" * 201,
              "\ud800", None, [], {}, ["x"], {"x": 1}, datetime.date(2025, 1, 2), "W104", "w999", "e1"]


def places(node: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in a data tree."""
    found = []
    for key in (list(node) if isinstance(node, dict) else range(len(node))):
        found.append((node, key))
        if isinstance(node[key], (dict, list)):
            found += places(node[key])
    return found


@st.composite
def odd_journeys(draw):
    """A valid journey with one value somewhere replaced by an odd one, or one key added or removed."""
    data = draw(journeys(max_touchpoints=6))
    node, key = draw(st.sampled_from(places(data)))
    action = draw(st.sampled_from(["replace", "replace", "add", "remove"]))
    if action == "replace" or not isinstance(node, dict):
        node[key] = draw(st.sampled_from(ODD_VALUES))
    elif action == "add":
        node[draw(st.sampled_from(["emotion", "next", "ignore", "category", "extra", "label", "to",
                                   "moment_of_truth", "persona", "x-note"]))] = draw(st.sampled_from(ODD_VALUES))
    else:
        del node[key]
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_journeys())
def test_odd_values_never_pass_the_fast_path_alone(data):
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return
    assert_agree(text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize("value", [True, 1.0, "1"])
def test_format_version_must_be_the_integer_one(value):
    assert quick_spec({"journeymap": value, "title": "t", "departments": [{"name": "d"}],
                       "stages": [{"name": "s"}]}) is None


@pytest.mark.parametrize("value", [True, 1.0, 3, "1"])
def test_emotion_must_be_an_integer_from_minus_two_to_two(value):
    tp = {"name": "t", "department": "d", "emotion": 1}
    base = {"journeymap": 1, "title": "t", "departments": [{"name": "d"}], "stages": [{"name": "s", "touchpoints": [tp]}]}
    assert quick_spec(base) is not None
    tp["emotion"] = value
    assert quick_spec(base) is None


def test_a_slug_with_a_final_newline_is_not_a_slug():
    base = {"journeymap": 1, "title": "t", "departments": [{"name": "d", "id": "d"}], "stages": [{"name": "s"}]}
    assert quick_spec(base) is not None
    base["departments"][0]["id"] = "d\n"
    assert quick_spec(base) is None


def test_rendering_a_valid_journey_imports_no_pydantic(tmp_path):
    journey = tmp_path / "home-claim.journey.yaml"  # on its own: no project file applies
    journey.write_bytes((MAPS / "home-claim.journey.yaml").read_bytes())
    code = ("import sys\nfrom journeymap.cli.main import main\n"
            f"sys.argv = ['journeymap', 'render', {str(journey)!r}, '-o', "
            f"{str(tmp_path / 'm.dot')!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('pydantic', 'journeymap.cli.')))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    loaded = set(done.stdout.split())
    assert (tmp_path / "m.dot").exists(), done.stderr
    assert not {m for m in loaded if m.startswith("pydantic")}
    assert "journeymap.cli.build" not in loaded and "journeymap.cli.diff" not in loaded


def test_without_its_schema_file_every_file_goes_to_pydantic(monkeypatch, tmp_path):
    import journeymap.journey.quickvalid as quick
    from journeymap.journey.validate import load_journey

    path = MAPS / "home-claim.journey.yaml"
    monkeypatch.setattr(quick, "SCHEMA_FILE", str(tmp_path / "missing.json"))
    quick._checker.cache_clear()
    try:
        assert quick_spec(plain(read_bytes(path.read_bytes(), str(path))[0])) is None
        journey, findings = load_journey(path)
        assert journey is not None and not any(f.is_error for f in findings)
    finally:
        quick._checker.cache_clear()


@pytest.mark.parametrize("node", [{"type": "string", "const": "x"}, {"type": "integer", "enum": [1, 2]},
                                  {"type": "array", "items": {"type": "string"}, "maxItems": 3},
                                  {"type": "number"}, {"enum": ["a"]}, {"type": "object", "properties": {}}])
def test_the_fast_path_refuses_schema_it_does_not_understand(node):
    from journeymap.journey.quickvalid import _Compiler

    with pytest.raises(ValueError):
        _Compiler({}).compile(node)
