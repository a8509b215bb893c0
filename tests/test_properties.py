"""Property tests: random valid journeys load; random damage only ever gives findings."""

from __future__ import annotations

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, MAPS
from journeymap.analysis.analyse import analyse
from journeymap.analysis.checks import run_checks
from journeymap.findings import CODES
from journeymap.journey.validate import load_bytes, load_text

RATINGS = ["reliable", "it-depends", "unreliable", "unknown"]
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda s: s.strip() != "")
slug = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,20}", fullmatch=True)


@st.composite
def journeys(draw, names=text, max_departments=5, max_stages=5, max_touchpoints=15):
    """Valid journey data with every name drawn from ``names``."""
    dept_ids = draw(st.lists(slug, min_size=1, max_size=max_departments, unique=True))
    stage_ids = draw(st.lists(slug, min_size=1, max_size=max_stages, unique=True))
    tp_ids = draw(st.lists(slug, min_size=0, max_size=max_touchpoints, unique=True))
    stages = [{"id": s, "name": draw(names), "touchpoints": []} for s in stage_ids]
    for tp in tp_ids:
        item = {"id": tp, "name": draw(names), "department": draw(st.sampled_from(dept_ids)),
                "reliability": draw(st.sampled_from(RATINGS))}
        if draw(st.booleans()):
            item["emotion"] = draw(st.integers(-2, 2))
        if draw(st.booleans()):
            item["moment_of_truth"] = True
        if draw(st.integers(0, 4)) == 0:
            item["next"] = draw(st.lists(st.sampled_from(tp_ids), max_size=3))
        draw(st.sampled_from(stages))["touchpoints"].append(item)
    return {"journeymap": 1, "title": draw(names),
            "departments": [{"id": d, "name": draw(names)} for d in dept_ids], "stages": stages}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys())
def test_random_valid_journeys_load_and_analyse(data):
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    journey, findings = load_text(source, "random.journey.yaml")
    assert journey is not None, findings
    assert not any(f.is_error for f in findings)
    analysis = analyse(journey)
    assert len(journey.touchpoints) == sum(len(s["touchpoints"]) for s in data["stages"])
    assert all(f.code.startswith("W") for f in run_checks(analysis))
    assert sum(analysis.handoff_matrix.values()) == len(analysis.handoffs)


SEEDS = [p.read_bytes() for p in sorted(MAPS.glob("*.journey.yaml"))] or [
    (FIXTURES / "valid" / "small.journey.yaml").read_bytes()]


@st.composite
def damaged(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "line"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8)) if draw(st.booleans()) else \
                draw(st.sampled_from([b"&a ", b"*a", b"!!python/object ", b"<<: ", b"- ", b": ",
                                      b"[", b"{", b"\t", b"\n  ", b"'", b'"', b"no", b"x-"]))
        elif op == "delete" and data:
            del data[at:at + draw(st.integers(1, 20))]
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_files_only_give_findings(data):
    journey, findings = load_bytes(data, "damaged.journey.yaml")
    for finding in findings:
        assert finding.code in CODES and finding.line >= 1 and finding.column >= 1 and finding.message
    if journey is None:
        assert any(f.is_error for f in findings)
    else:
        run_checks(analyse(journey))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.printable + "éü–€\u202e", max_size=300))
def test_arbitrary_text_never_raises(source):
    journey, findings = load_text(source, "any.yaml")
    assert journey is not None or findings
