"""The PDF briefing: text, determinism, vector map, metadata, outline, safety, page sizes."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from brief_factory import make_journey, stand_in_svg
from journeymap.analysis.analyse import analyse
from journeymap.briefing.document import render_briefing_html
from journeymap.findings import Finding
from journeymap.briefing.pdf import html_to_pdf

pypdf = pytest.importorskip("pypdf")

DATE = dt.date(2024, 5, 1)
SECTION_TITLES = ("Where the customer falls through the cracks", "The journey map", "Hand-offs",
                  "Reliability heatmap", "Moments of truth", "Accountability", "Appendix: findings",
                  "Appendix: service inventory")


def build(journey: Any = None, *, page: str = "a4", templates: Path | None = None,
          refused: list[str] | None = None) -> bytes:
    """The PDF briefing of a journey (default: the small fixed one)."""
    journey = journey or make_journey()
    findings = [Finding("W101", "the journey has no owner", journey.path, 1, 1)]
    html = render_briefing_html(analyse(journey), findings, stand_in_svg(journey), page=page, date=DATE,
                                templates_dir=templates)
    return html_to_pdf(html, title=journey.title, author=journey.owner, subject=journey.summary,
                       base_dir=templates, refused=refused)


@cache
def _default() -> tuple[bytes, list[str], list[str]]:
    """One build of the default briefing shared by the read-only tests, with WeasyPrint's
    warnings and the addresses refused while it was made."""
    records: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    log = logging.getLogger("weasyprint")
    log.addHandler(handler)
    refused: list[str] = []
    try:
        pdf = build(refused=refused)
    finally:
        log.removeHandler(handler)
    return pdf, records, refused


def default_pdf() -> bytes:
    return _default()[0]


def reader(data: bytes) -> Any:
    """A pypdf reader over the bytes."""
    return pypdf.PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    """All the text of the PDF, whitespace collapsed (pdftotext when present, else pypdf)."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
        text = out.decode("utf-8")
    else:
        text = "\n".join(p.extract_text() or "" for p in reader(data).pages)
    return " ".join(text.split())


def all_stream_bytes(data: bytes) -> bytes:
    """Every decoded stream of the PDF concatenated (to look for leaked file content)."""
    r = reader(data)
    chunks = []
    numbers = set(r.xref_objStm) | {num for table in r.xref.values() for num in table}  # every object there is
    for num in sorted(numbers):
        try:
            obj = r.get_object(num)
        except Exception:
            continue
        if obj is None:
            continue
        get_data = getattr(obj, "get_data", None)
        if get_data is not None:
            try:
                chunks.append(get_data())
            except Exception:
                continue
    return b"\n".join(chunks)


def embedded_files(data: bytes) -> list[Any]:
    """Names of embedded files (document-level and file-attachment annotations)."""
    r = reader(data)
    found = list(r.attachments)
    for page in r.pages:
        for annot in page.get("/Annots", []) or []:
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                found.append(annot)
    return found


pytestmark = pytest.mark.pdf


def test_text_has_every_section_and_handoff() -> None:
    text = text_of(default_pdf())
    for title in SECTION_TITLES:
        assert title in text, title
    journey = make_journey()
    by_id = journey.touchpoint_by_id
    for flow in analyse(journey).handoffs:
        assert by_id[flow.source].name in text and by_id[flow.target].name in text
    pages = len(reader(default_pdf()).pages)
    assert "Filing a home-insurance claim" in text and re.search(rf"\b{pages} ?/ ?{pages}\b", text)


def test_same_source_date_epoch_gives_identical_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714521600")
    first, second = build(), build()
    assert first == second
    assert b"D:20240501000000" in first or reader(first).metadata.get("/CreationDate", "").startswith("D:2024")


def test_map_page_is_vector_and_landscape() -> None:
    r = reader(default_pdf())
    page = r.pages[2]
    assert "The journey map" in (page.extract_text() or "")
    box = page.mediabox
    assert float(box.width) > float(box.height)

    def images(resources: Any) -> list[Any]:
        found = []
        xobjects = (resources or {}).get("/XObject", {}) or {}
        for xobj in xobjects.values():
            xobj = xobj.get_object()
            if xobj.get("/Subtype") == "/Image":
                found.append(xobj)
            else:
                found.extend(images(xobj.get("/Resources")))
        return found

    assert images(page.get("/Resources")) == []
    content = page.get_contents().get_data()
    forms = [x.get_object().get_data() for x in ((page["/Resources"].get("/XObject") or {}).values())]
    ops = b"\n".join([content, *forms])
    assert re.search(rb"\s(l|c|re)\s", ops) and re.search(rb"\s(S|f|B)\s", ops)


def test_metadata_and_outline() -> None:
    r = reader(default_pdf())
    journey = make_journey()
    assert r.metadata.title == journey.title
    assert r.metadata.author == journey.owner
    assert r.metadata.subject == journey.summary
    titles = [item.title for item in r.outline if not isinstance(item, list)]
    assert titles[0] == journey.title
    for title in SECTION_TITLES:
        assert title in titles


@pytest.mark.parametrize("page,size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_paper_sizes(page: str, size: tuple[int, int]) -> None:
    r = reader(default_pdf() if page == "a4" else build(page=page))  # the default page is a4
    first = r.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == size
    landscape = r.pages[2].mediabox
    assert (round(float(landscape.width)), round(float(landscape.height))) == size[::-1]


def test_slide_pages_are_16_by_9() -> None:
    r = reader(build(page="slide"))
    for page in r.pages:
        ratio = float(page.mediabox.width) / float(page.mediabox.height)
        assert abs(ratio - 16 / 9) < 0.01


def test_no_weasyprint_warnings() -> None:
    _, warnings, refused = _default()
    assert warnings == []
    assert refused == []


# --- safety --------------------------------------------------------------------------------

def canary(tmp_path: Path) -> Path:
    """A file whose content must never reach the PDF."""
    path = tmp_path / "canary.txt"
    path.write_text("CANARY-7f3a9-SECRET", encoding="utf-8")
    return path


def test_hostile_text_is_printed_and_nothing_is_fetched(tmp_path: Path) -> None:
    url = canary(tmp_path).as_uri()
    hostile = (f'<img src="{url}"> <link rel="attachment" href="{url}"> <script>alert(1)</script> {{{{ 7*7 }}}}')
    journey = make_journey(summary=hostile, tp_name="Calls " + hostile)
    refused: list[str] = []
    data = build(journey, refused=refused)
    text = text_of(data)
    assert '<img src="' in text and "<script>alert(1)</script>" in text and "{{ 7*7 }}" in text
    assert refused == []  # escaped text is never a URL to fetch
    assert embedded_files(data) == []
    streams = all_stream_bytes(data)
    assert b"BT" in streams and b"CANARY-7f3a9" not in streams  # the pages' text is there; the canary is not


def test_hostile_template_cannot_fetch_or_attach(tmp_path: Path) -> None:
    secret = canary(tmp_path)
    templates = tmp_path / "brand"
    templates.mkdir()
    (templates / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    (templates / "_findings.html.j2").write_text(
        f'<section id="sec-findings"><h2>Findings</h2><img src="logo.svg" alt="logo">'
        f'<img src="{secret.as_uri()}"><img src="../canary.txt"><img src="http://example.invalid/x.png">'
        f'<link rel="attachment" href="{secret.as_uri()}"><a rel="attachment" href="../canary.txt">file</a>'
        f'<link rel="stylesheet" href="file:///etc/passwd">'
        f'<link rel="attachment" href="data:text/plain;base64,Q0FOQVJZLTdmM2E5LVNFQ1JFVA==">'
        f'<a rel="attachment" href="data:text/plain;base64,Q0FOQVJZLTdmM2E5LVNFQ1JFVA==">inline</a></section>',
        encoding="utf-8")
    refused: list[str] = []
    data = build(templates=templates, refused=refused)
    assert embedded_files(data) == []
    assert b"CANARY-7f3a9" not in all_stream_bytes(data)
    assert secret.as_uri() in refused and "http://example.invalid/x.png" in refused
    assert not any(u.endswith("logo.svg") for u in refused)


@pytest.mark.parametrize("width,height", [(4000, 300), (300, 3000)])
def test_any_map_shape_fits_its_one_landscape_page(width: int, height: int) -> None:
    journey = make_journey()
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt" '
           f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" fill="#eef"/>'
           f'<text x="10" y="60" font-size="40" font-family="DejaVu Sans">MAPMARK</text></svg>')
    html = render_briefing_html(analyse(journey), [], svg, date=DATE)
    r = reader(html_to_pdf(html, title="t", author=None, subject=None))
    assert [i for i, p in enumerate(r.pages) if "MAPMARK" in (p.extract_text() or "")] == [2]
    assert "The journey map" in (r.pages[2].extract_text() or "")
    assert "Hand-offs" in (r.pages[3].extract_text() or "")


def test_since_section_in_the_pdf() -> None:
    journey = make_journey()
    since = {"revision": "v1.2", "summary": "One rating regressed.", "regression": True,
             "rows": [{"change": "regressed", "subject": "Assessor visits the home", "detail": "it-depends -> unreliable"}]}
    html = render_briefing_html(analyse(journey), [], stand_in_svg(journey), date=DATE, since=since)
    data = html_to_pdf(html, title=journey.title, author=None, subject=None)
    pages = [p.extract_text() or "" for p in reader(data).pages]
    assert "Where the customer falls through the cracks" in pages[1]
    assert "What changed since v1.2" in pages[2] and "Assessor visits the home" in pages[2]
    assert "The journey map" in pages[3]
    assert "What changed since v1.2" in [i.title for i in reader(data).outline if not isinstance(i, list)]
    # a section of one sentence runs on under the cracks: it took a page for three lines (audit X),
    # and a slide (review Z)
    since = {"revision": "v1.2", "summary": "No change for the customer.", "regression": False, "rows": []}
    for page in ("a4", "slide"):
        html = render_briefing_html(analyse(journey), [], stand_in_svg(journey), date=DATE, since=since, page=page)
        data = html_to_pdf(html, title=journey.title, author=None, subject=None)
        pages = [p.extract_text() or "" for p in reader(data).pages]
        assert "Where the customer falls through the cracks" in pages[1] and "What changed since v1.2" in pages[1]
        assert "No change for the customer." in pages[1] and "The journey map" in pages[2], page


def test_a_long_title_on_letter_with_what_changed_keeps_the_cover_to_one_page() -> None:
    """A 100-character title (three lines at 26 pt) on letter paper, with the "What changed" entry
    in the contents: the cover ran onto a second page holding one line of contents, the cracks
    page third (audit BL). Its weight said it fitted, so it was never laid out to see."""
    from journeymap.journey.validate import load_text

    fixture = Path(__file__).resolve().parent / "fixtures" / "valid" / "fibre-install.journey.yaml"
    journey, _ = load_text(fixture.read_text(encoding="utf-8"), str(fixture))
    assert journey is not None and len(journey.title) == 100
    since = {"revision": "q2-review", "summary": "One rating regressed.", "regression": True,
             "rows": [{"change": "Reliability regressed", "subject": "Pays the first bill", "detail": "x"}]}
    html = render_briefing_html(analyse(journey), [], stand_in_svg(journey), date=DATE, since=since, page="letter")
    pages = [p.extract_text() or "" for p in reader(html_to_pdf(html, title=journey.title, author=None,
                                                                  subject=None)).pages[:3]]
    assert "Reliability heatmap" in pages[0] and "What changed since q2-review" in pages[0]
    assert "Where the customer falls through the cracks" in pages[1].split("\n", 3)[-1], pages[1][:300]


def test_fetcher_serves_data_and_allowed_files_only(tmp_path: Path) -> None:
    import weasyprint

    from journeymap.briefing.pdf import make_fetcher

    (tmp_path / "logo.svg").write_text("<svg/>")
    refused: list[str] = []
    fetch = make_fetcher(weasyprint, (tmp_path.resolve(),), refused)
    assert isinstance(fetch, weasyprint.urls.URLFetcher)
    assert fetch.fetch((tmp_path / "logo.svg").as_uri()).read() == b"<svg/>"
    assert fetch.fetch("data:text/plain,hello").read() == b"hello"
    for url in ("file:///etc/passwd", "http://example.invalid/", "https://example.invalid/x.css",
                "ftp://example.invalid/x", (tmp_path / ".." / "x").as_uri()):
        with pytest.raises(ValueError):
            fetch.fetch(url)
    assert len(refused) == 5


def test_a_paragraphs_last_word_is_not_set_alone_because_of_the_indentation_before_its_end_tag() -> None:
    """WeasyPrint 70 counts a template's indentation before ``</p>`` in the last line's width: when
    only that space overflowed, the line's first word stood alone ("the / stage of the ...")."""
    from pdftext import read_pages

    text = ("The customer passes between departments 11 times; 3 of these hand-offs lead into a touch-point "
            "whose reliability is it depends or unreliable. Hand-offs are grouped by the stage of the "
            "receiving touch-point.")
    widths = [183.0, 183.3, 250.0]  # the first two broke badly, the last never did
    body = "".join(f'<p style="width: {w}pt; font: 9.5pt \'DejaVu Sans\'">{text}\n      </p>\n    ' for w in widths)
    pdf = html_to_pdf(f'<html lang="en"><head><title>t</title></head><body>{body}</body></html>',
                      title="t", author=None, subject=None)
    lines = read_pages(pdf)[0].body_lines()
    assert "the" not in lines and "the stage of the receiving touch-point." in lines


def test_a_pdf_keeps_only_links_within_it(tmp_path: Path) -> None:
    """A team's template could link to javascript:, data: or file: addresses; the PDF kept them."""
    templates = tmp_path / "brand"
    templates.mkdir()
    (templates / "_findings.html.j2").write_text(
        '<section id="sec-findings"><h2>Findings</h2><p><a href="javascript:fetch(1)">js</a> '
        '<a href="data:text/html,x">data</a> <a href="file:///etc/passwd">file</a> '
        '<a href="https://example.org/">web</a> <a href="#sec-cover">cover</a></p></section>', encoding="utf-8")
    annotations = [a.get_object() for page in reader(build(templates=templates)).pages
                   for a in (page.get("/Annots") or [])]
    actions = [a.get("/A") for a in annotations if a.get("/A") is not None]
    assert not [a for a in actions if a.get("/S") == "/URI"]
    assert any(a.get("/Dest") is not None or (a.get("/A") or {}).get("/S") == "/GoTo" for a in annotations)


def test_a_bug_of_ours_inside_the_pdf_engine_names_where_it_was_raised():
    """Our renderers run inside WeasyPrint, and an error in one was told as the engine failing
    with nothing to say where to look (review EM); the engine's own errors are told as before."""
    from journeymap.briefing.pdf import PdfRenderError, html_to_pdf
    from journeymap.map.textwidth import text_width

    def broken(html: str, document: object) -> None:
        text_width(None, 9.0, False)  # type: ignore[arg-type]  # a TypeError inside journeymap's own code

    with pytest.raises(PdfRenderError, match=r"TypeError at journeymap/map/textwidth\.py line \d+: a bug in journeymap"):
        html_to_pdf("<p>Hello</p>", title="T", author=None, subject=None, refine=broken)
    import json

    def ours(html: str, document: object) -> None:
        from journeymap.findings import Finding
        from journeymap.report import as_json

        as_json([Finding("W101", object(), "x", 1, 1)])  # type: ignore[arg-type]  # ours, raising in json's encoder

    with pytest.raises(PdfRenderError, match=r"TypeError at journeymap/report\.py line \d+: a bug"):
        html_to_pdf("<p>Hello</p>", title="T", author=None, subject=None, refine=ours)

    def theirs(html: str, document: object) -> None:
        json.loads("{")  # a ValueError from outside journeymap, as WeasyPrint's own are

    with pytest.raises(PdfRenderError) as raised:
        html_to_pdf("<p>Hello</p>", title="T", author=None, subject=None, refine=theirs)
    assert "could not be rendered" in str(raised.value) and "journeymap" not in str(raised.value)
    assert "apt-get install libpango" in str(raised.value)  # SPEC 3: exit 3 names the install command
