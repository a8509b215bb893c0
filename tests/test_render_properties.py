"""Property tests of the map: random valid journeys full of hostile text render to well-formed
SVG whose text is exactly the input text, and Graphviz stays silent."""

from __future__ import annotations

import html

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.analysis.analyse import analyse
from journeymap.map.edgelabels import CUTS
from journeymap.map.render import render
from journeymap.map.text import HYPHEN
from journeymap.journey.model import LAYERS
from journeymap.journey.validate import load_text
from svgmap import parse
from test_properties import journeys

FRAGMENTS = ['<x> image="/etc/passwd"', '"', "'", "\\", "C:\\", "{a|b}", "<script>alert(1)</script>", "&amp;",
             "]]>", "-->", "<!--", "\\N \\G \\L", "%s", "{{ 7*7 }}", "<TABLE>", "ß", "日本語", "é", "😀", "<<", ">>", "]", "]]"]
plain = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp")), max_size=30)
hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), plain), min_size=1, max_size=6).map(" ".join).map(
    lambda s: s[:200]).filter(lambda s: s.strip() != "")



@st.composite
def hostile_journeys(draw):
    """:func:`test_properties.journeys` with hostile names, plus every other text the map shows."""
    data = draw(journeys(names=hostile, max_departments=4, max_stages=4, max_touchpoints=10))
    data["owner"] = draw(hostile)
    for dept in data["departments"]:
        dept.update(lead=draw(hostile), layer=draw(st.sampled_from(LAYERS)))
    touchpoints = [tp for stage in data["stages"] for tp in stage["touchpoints"]]
    ids = [tp["id"] for tp in touchpoints]
    for tp in touchpoints:
        if draw(st.booleans()):
            tp["channel"] = draw(hostile)
        if draw(st.integers(0, 3)) == 0:
            tp["next"] = [{"to": t, "label": draw(hostile)}
                          for t in draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))]
    return data


def squash(text: str) -> str:
    """``text`` without white space, nor the isolates the map sets a line with right-to-left text in (U+2066..U+2069)."""
    return "".join(text.split()).translate({0x2066: None, 0x2067: None, 0x2068: None, 0x2069: None})


def reads_as(lines: list[str], text: str) -> bool:
    """Whether a label's ``lines`` give ``text``, every character: as written, or with the hyphen
    the map ends a line with where it breaks a word between syllables (text recognised as a
    language other than English: :func:`journeymap.map.text.breaking_words`) taken off."""
    if squash("".join(lines)) == squash(text):
        return True
    joined = "".join(line.removesuffix(HYPHEN) for line in lines[:-1]) + (lines[-1] if lines else "")
    return squash(joined) == squash(text)


@pytest.mark.graphviz
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_journeys())
def test_hostile_text_renders_literally(data):
    source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    journey, findings = load_text(source, "h.journey.yaml")
    assert journey is not None, [f.message for f in findings]
    analysis = analyse(journey)
    rendered = render(analysis, "svg")
    assert rendered.warnings == ()
    svg = parse(rendered.data)  # well-formed XML, or this raises
    for element in svg.root.iter():
        assert not element.tag.endswith(("script", "image", "foreignObject")), element.tag
    for tp in journey.touchpoints:
        names = [t[0] for t in svg.nodes[f"tp-{tp.id}"].texts if t[3] == 10.0]
        assert reads_as(names, tp.name), (names, tp.name)
    for dept in journey.departments:
        label = [t[0] for t in svg.element(f"label-lane-{dept.id}").texts if t[3] == 10.0]
        assert reads_as(label, dept.name), (label, dept.name)
    for flow in analysis.flows:
        if flow.label:
            name = f"label-flow-{flow.source}--{flow.target}"
            holder = svg.element(name) if name in svg.clusters else svg.edges[f"flow-{flow.source}--{flow.target}"]
            lines = [t[0] for t in holder.texts]
            shown = squash("".join(lines))
            if shown.endswith("\u2026") and name in svg.clusters:  # no room whole: cut at a word
                assert squash(flow.label).startswith(shown[:-1]) and len(flow.label) > min(CUTS)
                assert " ".join(flow.label.split()) in html.unescape(rendered.data.decode("utf-8"))  # its tooltip
            else:
                assert reads_as(lines, flow.label), (lines, flow.label)
    title = [t[0] for t in svg.element("title").texts if t[3] == 20.0]
    assert reads_as(title, journey.title), (title, journey.title)


@pytest.mark.graphviz
@pytest.mark.parametrize("text", ["]", "]]", "[", "]]>"])
def test_a_text_of_brackets_alone_renders(text: str) -> None:
    """Graphviz 2.43 rejects an HTML-label text that is just "]" or "]]" (found by the test above)."""
    data = {"journeymap": 1, "title": text, "departments": [{"id": "a", "name": text}, {"id": "b", "name": "B"}],
            "stages": [{"id": "s", "name": text, "touchpoints": [
                {"id": "x", "name": text, "department": "a", "channel": text, "next": [{"to": "y", "label": text}]},
                {"id": "y", "name": "Y", "department": "b"}]}]}
    journey, findings = load_text(yaml.safe_dump(data, allow_unicode=True), "b.journey.yaml")
    assert journey is not None, [f.message for f in findings]
    svg = parse(render(analyse(journey), "svg").data)
    assert squash("".join(t[0] for t in svg.nodes["tp-x"].texts if t[3] == 10.0)) == squash(text)
