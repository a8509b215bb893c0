"""Our drawings put into the PDF in one pass (journeymap/briefing/svgplan.py, svgdraw.py, svgshapes.py).

The one-pass drawer must put on the page exactly what WeasyPrint's SVG renderer puts there: the
PDF is compared byte for byte with the drawer lent and without it. It must take every drawing of
a printed map, leave everything else (another SVG, or one of ours using SVG it does not draw) to
WeasyPrint, and give WeasyPrint its renderer back.
"""

from __future__ import annotations

import base64
import sys
import xml.etree.ElementTree as ET

import pytest

weasyprint = pytest.importorskip("weasyprint")

from journeymap.briefing import svgdraw, svgtext  # noqa: E402
from journeymap.briefing.svgplan import drawing_plan  # noqa: E402

NS = 'xmlns="http://www.w3.org/2000/svg"'
#: Every element and attribute the plan draws, in the combinations our drawings use them.
OURS = f"""<svg class="journey-map map-tile" viewBox="0 0 300 200" role="img" aria-label="part 1"
 style="width: 240pt; height: 160pt" {NS}>
<svg x="0" y="10" width="80" height="120" viewBox="-2 -300 80 120" overflow="hidden">
<polygon fill="#eef2f6" stroke="#d5dde6" points="0,-300 0,-200 48742.49,-200 48742.49,-300 0,-300" />
<text text-anchor="start" x="3.5" y="-280" font-family="DejaVu Sans" font-weight="bold" font-size="10.00"
 fill="#1d3557">Billing &amp; payments</text>
<text x="3.5" y="-268" font-family="DejaVu Sans" font-style="italic" font-size="8.00" fill="#52606d">Lead: Ana</text>
</svg>
<svg x="80" y="0" width="200" height="40" viewBox="0 0 100 20" preserveAspectRatio="none">
<rect x="0" y="0" width="100" height="20" fill="#ffffff" stroke="transparent" />
<svg x="10" y="2" width="50" height="10" viewBox="0 0 50 5"><line x1="0" y1="2" x2="50" y2="2" stroke="#52606d"
 stroke-width="0.6" stroke-dasharray="1,5" /></svg>
</svg>
<path fill="none" stroke="#1d3557" stroke-width="2.6"
 d="M100,80C110,80 120,80 130,80 140,80 150,90 160,100L170,100 180,110" />
<path fill="#c9e6d1" stroke="#2f6b45" stroke-dasharray="5,2" d="M100,150 L120,150 L120,170" />
<polyline fill="none" stroke="#b5482f" stroke-width="1.2" stroke-dasharray="4.16 2.77" points="90,20 95,40 99,30" />
<rect x="200" y="60" width="60" height="30" rx="3.31" fill="#de8880" stroke="#7d1d18" stroke-width="2.6" />
<rect x="200" y="100" width="6" height="30" rx="9" fill="#9fd0ad" fill-opacity="0.85" />
<rect x="220" y="100" width="30" height="6" rx="9" fill="#ecba5c" />
<rect x="210" y="100" width="0" height="30" fill="#9fd0ad" />
<circle cx="250" cy="160" r="5" fill="#5fa776" />
<circle cx="270" cy="160" r="0" fill="#5fa776" />
<line x1="10" y1="190" x2="290" y2="190" stroke="#8795a6" stroke-width="0" />
<polygon fill="none" stroke="none" points="1,1 2,2" />
</svg>"""


def _pdf(*svgs: str) -> bytes:
    images = "".join(f'<img src="data:image/svg+xml;base64,{base64.b64encode(s.encode()).decode()}">' for s in svgs)
    html = f'<html lang="en"><title>t</title><body style="margin:0">{images}</body></html>'
    return bytes(weasyprint.HTML(string=html).write_pdf())


def _drawn(*svgs: str, drawer: bool) -> bytes:
    with svgtext.whole_runs():
        if not drawer:
            return _pdf(*svgs)
        with svgdraw.whole_drawings() as lent:
            assert lent
            return _pdf(*svgs)


def _plan(svg: str) -> object:
    return drawing_plan(ET.fromstring(svg))


def test_available_with_this_weasyprint() -> None:
    assert svgdraw.available()


def test_the_pages_are_byte_for_byte_what_weasyprint_draws() -> None:
    assert _plan(OURS) is not None
    assert _drawn(OURS, drawer=True) == _drawn(OURS, drawer=False)


def test_every_drawing_of_a_printed_map_is_drawn_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    import journeymap
    from journeymap.briefing import pdf, printimage
    from conftest import MAPS

    seen: list[str] = []
    own = printimage.image

    def image(svg: str, alt: str) -> dict[str, str]:
        made = own(svg, alt)
        seen.append(base64.b64decode(made["src"].split(",", 1)[1]).decode("utf-8"))
        return made

    monkeypatch.setattr(printimage, "image", image)
    monkeypatch.setattr(pdf, "html_to_pdf", lambda *_, **__: b"")  # the pages' drawings, not the PDF
    journeymap.brief(journeymap.load(MAPS / "home-claim.journey.yaml"), "a4")
    journeymap.brief(journeymap.load(MAPS / "business-ordering.journey.yaml"), "slide")
    assert len(seen) >= 6
    assert [s[:80] for s in seen if _plan(s) is None] == []


@pytest.mark.parametrize("change", [
    ('<rect x="200"', '<rect transform="rotate(3)" x="200"'),  # transforms
    ('<rect x="200"', '<rect opacity="0.5" x="200"'),  # opacity groups
    ('<rect x="200"', '<rect style="fill: red" x="200"'),  # style sheets
    ('fill="#de8880"', 'fill="url(#g)"'),  # gradients and patterns
    ('fill="#de8880"', 'fill="currentColor"'),
    ('fill="#de8880"', 'fill="inherit"'),
    ('d="M100,150 L120,150', 'd="m100,150 l20,0'),  # relative commands
    ('d="M100,150 L120,150', 'd="M100,150 Q120,150'),  # other curves
    ('d="M100,150 L120,150', 'd="M1e2,150 L120,150'),  # numbers WeasyPrint splits otherwise
    ('points="90,20 95,40 99,30"', 'points="90,20 95,40 99"'),  # odd point lists
    ('points="90,20 95,40 99,30"', 'points="90,20 95-40 99,30"'),
    # a no-break space parts numbers for str.split, not for WeasyPrint (audit AS)
    ('points="90,20 95,40 99,30"', 'points="90,20 95,40\u00a099,30"'),
    ('L120,150 L120,170"', 'L120,150\u2000120,170"'),
    ('fill="#de8880"', 'fill="#de8880 url(#g)"'),  # WeasyPrint finds url(...) anywhere in a paint
    ('fill="#de8880"', 'fill="currentcolor"'),  # the keyword in any case is no colour
    ('fill="#de8880"', 'fill=" currentColor"'),
    ('stroke-width="0.6"', 'stroke-width="1px"'),  # units
    ('>Lead: Ana<', '>Lead: <tspan>Ana</tspan><'),  # text WeasyPrint lays out in parts
    ('>Lead: Ana<', '>Lead:  Ana<'),  # white space WeasyPrint collapses
    ('>Lead: Ana<', '><'),
    ('<text x="3.5"', '<text text-anchor="middle" x="3.5"'),
    ('<text x="3.5"', '<text dx="2" x="3.5"'),
    ('<text x="3.5"', '<text x="3.5 4 5"'),
    ('<circle cx="250"', '<ellipse cx="250"'),
    ('<svg x="10" y="2" width="50" height="10"', '<svg x="10" y="2"'),  # a viewport sized by its contents
    ('preserveAspectRatio="none"', 'preserveAspectRatio="xMidYMid wide"'),
    ('style="width: 240pt; height: 160pt"', 'style="width: 240pt; height: 160pt; fill: red"'),
    ('class="journey-map map-tile"', 'class="someone-elses"'),
])
def test_anything_else_is_left_to_weasyprint(change: tuple[str, str]) -> None:
    changed = OURS.replace(*change)
    assert changed != OURS
    assert _plan(changed) is None


def test_a_drawing_left_to_weasyprint_prints_as_before() -> None:
    other = OURS.replace('<rect x="200"', '<rect transform="rotate(3)" x="200"')
    assert _drawn(other, OURS, drawer=True) == _drawn(other, OURS, drawer=False)


def test_weasyprints_renderer_is_given_back() -> None:
    own = sys.modules["weasyprint.svg"].SVG.draw
    with svgdraw.whole_drawings() as lent:
        assert lent and sys.modules["weasyprint.svg"].SVG.draw is not own
        with svgdraw.whole_drawings():
            pass
        assert sys.modules["weasyprint.svg"].SVG.draw is not own  # still held by the outer block
    assert sys.modules["weasyprint.svg"].SVG.draw is own


def test_only_a_weasyprint_release_whose_drawing_it_follows_is_lent_the_drawer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The drawer makes WeasyPrint 70's calls; another release may make others (audit AS)."""
    assert weasyprint.__version__.startswith(svgdraw.FOLLOWS)
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert not svgdraw.available()
    own = sys.modules["weasyprint.svg"].SVG.draw
    with svgdraw.whole_drawings() as lent:
        assert not lent and sys.modules["weasyprint.svg"].SVG.draw is own


def test_without_the_run_renderer_nothing_is_lent(monkeypatch: pytest.MonkeyPatch) -> None:
    own = sys.modules["weasyprint.svg"].SVG.draw
    monkeypatch.setattr(svgtext, "available", lambda: False)
    with svgdraw.whole_drawings() as lent:
        assert not lent
        assert sys.modules["weasyprint.svg"].SVG.draw is own
        assert _pdf(OURS).startswith(b"%PDF")
