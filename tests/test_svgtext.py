"""SVG text a run at a time (journeymap/briefing/svgtext.py) and the renderer's garbage collection.

The run renderer must print what WeasyPrint's letter-by-letter renderer prints: the same words at
the same baselines and sizes, within kerning; it must hand everything it does not handle to
WeasyPrint unchanged, and give WeasyPrint its own renderer back after every rendering.
"""

from __future__ import annotations

import base64
import functools
import gc
import sys
import threading

import pytest

from pdftext import Word, read_pages

weasyprint = pytest.importorskip("weasyprint")

from journeymap.briefing import svgtext  # noqa: E402
from journeymap.briefing.pdf import RENDER_GC_THRESHOLDS, collection_paused  # noqa: E402

SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200">
<g transform="translate(10 5) scale(1.5)">
<text x="5" y="20" font-family="DejaVu Sans" font-size="10">Touch-point where the customer calls</text>
<text x="120" y="40" font-family="DejaVu Sans" font-size="8" text-anchor="middle" font-weight="bold">Stage of the journey</text>
<text x="240" y="60" font-family="DejaVu Sans" font-size="9" text-anchor="end" font-style="italic">skip this step</text>
</g>
<text x="20" y="150" font-family="DejaVu Sans" font-size="12" fill="#1d3557">\u2605 MOMENT OF TRUTH \u00b7 caf\u00e9</text>
<text x="20" y="180" font-family="DejaVu Sans" font-size="10">Split <tspan font-weight="bold">run</tspan> here</text>
<text x="200" y="180 190" font-family="DejaVu Sans" font-size="10">Listed</text>
<text x="300" y="180" dx="0 3 3" font-family="DejaVu Sans" font-size="10">Spaced</text>
<text x="330" y="150" rotate="20" font-family="DejaVu Sans" font-size="10">Turned</text>
</svg>"""


def _pdf(svg: str) -> bytes:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    html = f'<html lang="en"><title>t</title><body style="margin:0"><img src="data:image/svg+xml;base64,{data}"></body></html>'
    return bytes(weasyprint.HTML(string=html).write_pdf())


def _words(pdf: bytes) -> list[Word]:
    return list(read_pages(pdf)[0].words)


def _module() -> object:
    return sys.modules["weasyprint.svg"]


def test_available_with_this_weasyprint() -> None:
    assert svgtext.available()


def _lines(words: list[Word]) -> list[tuple[str, float, float, float]]:
    """Words on one baseline joined: (text, left, right, height)."""
    rows: dict[float, list[Word]] = {}
    for w in words:
        rows.setdefault(round(w.y1, 1), []).append(w)
    return [(" ".join(w.text for w in ws), min(w.x0 for w in ws), max(w.x1 for w in ws), ws[0].y1 - ws[0].y0)
            for _, ws in sorted(rows.items())]


def test_runs_print_the_same_words_in_the_same_places() -> None:
    letters = _lines(_words(_pdf(SVG)))
    with svgtext.whole_runs() as lent:
        assert lent
        runs = _lines(_words(_pdf(SVG)))
    assert [r[0] for r in runs] == [r[0] for r in letters]
    # Anchors (start, middle, end, start) hold to a tenth of a point; a run is kerned, so it
    # may be up to 4 % narrower than the same letters set one by one.
    anchors = {"Touch-point": 1, "Stage": 0, "skip": 2, "\u2605": 1}
    for (text, l0, r0, h0), (_, l1, r1, h1) in zip(letters, runs):
        assert abs(h0 - h1) < 0.01, text
        assert 0.96 * (r0 - l0) <= r1 - l1 <= r0 - l0 + 0.1, text
        side = next((v for k, v in anchors.items() if text.startswith(k)), None)
        if side is not None:
            spot = [(l0 + r0) / 2 - (l1 + r1) / 2, l0 - l1, r0 - r1][side]
            assert abs(spot) <= 0.1, (text, spot)


def test_only_plain_runs_are_taken() -> None:
    calls: list[str] = []
    original = svgtext.run_text

    def spy(svg: object, node: object, font_size: float) -> None:
        calls.append(f"{node.tag}:{svgtext._simple(node)}")  # type: ignore[attr-defined]
        original(svg, node, font_size)  # type: ignore[arg-type]

    with svgtext.whole_runs():
        module = _module()
        saved = dict(module.TAGS)  # type: ignore[attr-defined]
        module.TAGS.update({k: spy for k, v in saved.items() if v is original})  # type: ignore[attr-defined]
        module.text = spy  # type: ignore[attr-defined]
        try:
            _pdf(SVG)
        finally:
            module.TAGS.update(saved)  # type: ignore[attr-defined]
            module.text = original  # type: ignore[attr-defined]
    assert calls.count("text:True") == 4  # the three in the group and the moment of truth
    assert "tspan:False" in calls and calls.count("text:False") == 4


def test_weasyprints_renderer_is_given_back() -> None:
    module = _module()
    before = (module.text, dict(module.TAGS))  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError):
        with svgtext.whole_runs():
            assert module.TAGS["text"] is svgtext.run_text  # type: ignore[attr-defined]
            with svgtext.whole_runs():  # nested: still lent until the outer block ends
                pass
            assert module.TAGS["text"] is svgtext.run_text  # type: ignore[attr-defined]
            raise RuntimeError("boom")
    assert (module.text, dict(module.TAGS)) == before  # type: ignore[attr-defined]


def test_threads_share_the_renderer_and_give_it_back() -> None:
    module = _module()
    original = module.TAGS["text"]  # type: ignore[attr-defined]
    results: list[int] = []

    def work() -> None:
        with svgtext.whole_runs():
            results.append(len(_words(_pdf(SVG))))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and results[0] > 10
    assert module.TAGS["text"] is original  # type: ignore[attr-defined]


def test_without_the_internals_weasyprint_draws_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(svgtext, "available", lambda: False)
    module = _module()
    with svgtext.whole_runs() as lent:
        assert not lent
        assert module.TAGS["text"] is not svgtext.run_text  # type: ignore[attr-defined]
        assert _words(_pdf(SVG))


def test_a_repeated_run_is_laid_out_once_per_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint.text.line_break as line_break

    calls: list[str] = []
    original = line_break.split_first_line

    @functools.wraps(original)  # the renderer is lent only to a WeasyPrint with this signature
    def counted(text: str, *args: object, **kwargs: object) -> object:
        if text in ("Billing", "Field"):  # not the page's own text
            calls.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(line_break, "split_first_line", counted)
    texts = [("Billing", 10, 400), ("Billing", 10, 400), ("Billing", 10, 700), ("Billing", 12, 400), ("Field", 10, 400)]
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200" width="300" height="200">'
           + "".join(f'<text x="10" y="{30 * (i + 1)}" font-family="DejaVu Sans" font-size="{size}" '
                     f'font-weight="{weight}">{text}</text>' for i, (text, size, weight) in enumerate(texts))
           + "</svg>")
    gc.disable()  # the cache must not wait for the cyclic collector to let go
    try:
        with svgtext.whole_runs():
            lines = _lines(_words(_pdf(svg)))
            assert len(calls) == 4  # the same text, size and weight twice: one layout
            _pdf(svg)
            assert len(calls) == 8  # not kept from one rendering to the next
            assert len(svgtext._LAID_OUT) >= 1
    finally:
        gc.enable()
    assert [line[0] for line in lines] == [t for t, _, _ in texts]
    assert lines[0][1:] == lines[1][1:]  # the copy prints as the original did
    assert len(svgtext._LAID_OUT) == 0  # let go when the last rendering ends, with no collection needed


@pytest.mark.parametrize("text", [" ", "\U0001F600 smile", "\u05e9\u05dc\u05d5\u05dd world", "a" * 2000, "&lt;b&gt;"])
def test_odd_text_prints(text: str) -> None:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40"><text x="5" y="20" font-size="10">{text}</text></svg>'
    with svgtext.whole_runs():
        pdf = _pdf(svg)
    assert pdf.startswith(b"%PDF")
    if text.strip() and not text.startswith("a"):
        assert _words(pdf)


def test_no_automatic_collection_during_a_rendering() -> None:
    before = gc.get_threshold()
    with collection_paused():
        assert gc.get_threshold() == RENDER_GC_THRESHOLDS
        with collection_paused():
            pass
        assert gc.get_threshold() == RENDER_GC_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(ValueError):
        with collection_paused():
            raise ValueError
    assert gc.get_threshold() == before
