"""Property tests: random valid journeys load; random damage only ever gives findings."""

from __future__ import annotations

import re

import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, MAPS
from journeymap.analysis.analyse import analyse
from journeymap.analysis.checks import run_checks
from journeymap.findings import CODES
from journeymap.journey.fileformat import NON_BLANK
from journeymap.journey.validate import load_bytes, load_text

RATINGS = ["reliable", "it-depends", "unreliable", "unknown"]
# text that shows something: not only spaces, nor only characters that draw nothing (the format's rule)
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(
    lambda s: re.search(NON_BLANK, s) is not None)
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


#: YAML tags, standard and not: a tag can force a value its constructor cannot make.
TAGS = ["!!bool", "!!int", "!!float", "!!null", "!!str", "!!binary", "!!timestamp", "!!map", "!!seq",
        "!!set", "!!omap", "!!pairs", "!!merge", "!!value", "!!yaml", "!<tag:yaml.org,2002:bool>",
        "!local", "!", "!!python/name:os.system", "!!python/object/apply:os.system"]
TAG_VALUES = ["maybe", "", "nope", "99999-01-01", "2020-13-45", "0x", "1e999", ".nan", "~", "yes",
              "[a]", "{a: 1}", '"%%"', "'x'", "-", "1_000", "0b2", "2001-12-14t21:59:43.10-05:00"]

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
                                      b"[", b"{", b"\t", b"\n  ", b"'", b'"', b"no", b"x-",
                                      *(tag.encode() + b" " for tag in TAGS)]))
        elif op == "delete" and data:
            del data[at:at + draw(st.integers(1, 20))]
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines))
    return bytes(data)


def assert_only_findings(journey, findings) -> None:
    """Every finding well formed; no journey means an error says why; a journey survives the checks."""
    for finding in findings:
        assert finding.code in CODES and finding.line >= 1 and finding.column >= 1 and finding.message
    if journey is None:
        assert any(f.is_error for f in findings)
    else:
        run_checks(analyse(journey))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_files_only_give_findings(data):
    assert_only_findings(*load_bytes(data, "damaged.journey.yaml"))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=string.printable + "éü–€\u202e", max_size=300))
def test_arbitrary_text_never_raises(source):
    journey, findings = load_text(source, "any.yaml")
    assert journey is not None or findings


@st.composite
def tagged(draw):
    """A valid journey with one tagged node: a key, a scalar value or a collection."""
    base = (FIXTURES / "valid" / "small.journey.yaml").read_text()
    tag = draw(st.sampled_from(TAGS))
    value = draw(st.sampled_from(TAG_VALUES) | st.text(alphabet="abc019-:. ", max_size=12))
    where = draw(st.sampled_from(["title", "key", "owner", "list", "nested"]))
    if where == "title":
        return base.replace("title: Small test journey", f"title: {tag} {value}")
    if where == "key":
        return base.replace("title: Small test journey", f"title: Small test journey\n{tag} {value or 'k'}: x")
    if where == "owner":
        return base.replace("owner: Head of CX", f"owner: {tag} {value}")
    if where == "list":
        return base.replace("feedback: [Survey]", f"feedback: [{tag} {value}]")
    return base.replace("reliability: reliable", f"reliability: {tag} {value}", 1)


@settings(max_examples=300, deadline=None)
@given(tagged())
def test_yaml_tags_only_give_findings(source):
    assert_only_findings(*load_text(source, "tagged.journey.yaml"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab يد\u2068\u2069\u2066\u2067\u202a\u202b\u202c\u202d\u202e|*<\n", max_size=60))
def test_a_markdown_cell_never_holds_an_override_or_an_isolate_left_open(text):
    """Markdown keeps the first-strong isolates around right-to-left names; nothing else that
    reorders a line gets through, and every isolate it keeps is closed within the cell."""
    from journeymap.exports.markdown import md_text

    cell = md_text(text)
    assert not set(cell) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\n")
    depth = 0
    for ch in cell:
        depth += {"\u2068": 1, "\u2069": -1}.get(ch, 0)
        assert depth >= 0
    assert depth == 0
