"""The HTML briefing in headless Chromium: pan and zoom (wheel, drag, keys, buttons) with the lane
names kept in view, offline, no duplicate ids, and no axe-core WCAG 2.1 AA violation."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from axe import describe, violations
from browser import find_chromium, load_page
from conftest import MAPS, ROOT, SHOTS, run_cli

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate_journey  # noqa: E402

pytestmark = [pytest.mark.graphviz, pytest.mark.skipif(
    find_chromium() is None, reason="Chromium is not installed (make test installs it)")]

VIEW = "document.querySelector('.map-viewer svg.journey-map').getAttribute('viewBox').split(' ').map(Number)"
MORE = "getComputedStyle(document.querySelector('.map-viewer .panzoom-controls'), '::before').content"
STEPS = {
    "initial": VIEW,
    "more_at_first": MORE,
    "api": "typeof window.journeymapPanZoom === 'function' && !!document.querySelector('.map-viewer').journeymapPanZoom",
    "wheel": ("(() => { const c = document.querySelector('.map-viewer'); const r = c.getBoundingClientRect();"
              " c.dispatchEvent(new WheelEvent('wheel', {deltaY: -400, clientX: r.left + 300, clientY: r.top + 200,"
              " bubbles: true, cancelable: true})); return " + VIEW + "; })()"),
    "drag": ("(() => { const c = document.querySelector('.map-viewer'); const r = c.getBoundingClientRect();"
             " const at = (type, x) => c.dispatchEvent(new PointerEvent(type, {clientX: r.left + x, clientY: r.top + 200,"
             " pointerId: 7, bubbles: true}));"
             " at('pointerdown', 600); at('pointermove', 200); at('pointerup', 200); return " + VIEW + "; })()"),
    "overlay": ("(() => { const o = document.querySelector('.map-viewer .lane-overlay');"
                " const c = document.querySelector('.map-viewer').getBoundingClientRect(); const r = o.getBoundingClientRect();"
                " return {display: getComputedStyle(o).display, left: r.left - c.left, width: r.width,"
                " hidden: o.getAttribute('aria-hidden')}; })()"),
    "key": ("(() => { const c = document.querySelector('.map-viewer'); c.focus();"
            " c.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true, cancelable: true}));"
            " return " + VIEW + "; })()"),
    "zoomin": ("(() => { document.querySelector('.panzoom-controls button[aria-label=\"Zoom in\"]').click();"
               " return " + VIEW + "; })()"),
    "reset": ("(() => { document.querySelector('.panzoom-controls button[aria-label=\"Reset the view\"]').click();"
              " return " + VIEW + "; })()"),
    "overlay_after_reset": "getComputedStyle(document.querySelector('.map-viewer .lane-overlay')).display",
    # pressed on and on to the right and down: the map still fills the view (it went to a corner: audit P)
    "far": ("(() => { const c = document.querySelector('.map-viewer'); c.journeymapPanZoom.reset(); c.focus();"
            " for (const [key, n] of [['ArrowRight', 80], ['ArrowDown', 40]]) for (let i = 0; i < n; i++)"
            " c.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, cancelable: true}));"
            " const b = c.querySelector('svg.journey-map').getBBox();"
            " return [" + VIEW + ", [b.x, b.y, b.width, b.height]]; })()"),
    "whole": ("(() => { document.querySelector('.panzoom-controls button[aria-label=\"Show the whole map\"]').click();"
              " const m = document.querySelector('.map-viewer svg.journey-map'), b = m.getBBox();"
              " return [" + VIEW + ", [b.x, b.y, b.width, b.height]]; })()"),
    # the whole map, smaller than the view across it, pressed on to the right and down: it stays in view
    "whole_far": ("(() => { const c = document.querySelector('.map-viewer'); c.focus();"
                  " for (const [key, n] of [['ArrowRight', 30], ['ArrowDown', 30]]) for (let i = 0; i < n; i++)"
                  " c.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true, cancelable: true}));"
                  " const b = c.querySelector('svg.journey-map').getBBox();"
                  " return [" + VIEW + ", [b.x, b.y, b.width, b.height]]; })()"),
    "more_when_whole": MORE,
    "no_select": "getComputedStyle(document.querySelector('.map-viewer')).userSelect",
    "duplicate_ids": ("(() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);"
                      " return ids.filter((id, i) => ids.indexOf(id) !== i); })()"),
}


@pytest.fixture(scope="module")
def html_briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "home-claim.html"
    result = run_cli("brief", str(MAPS / "home-claim.journey.yaml"), "--html", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def test_the_wheel_lets_the_page_scroll_where_the_map_can_go_no_further(html_briefing: Path) -> None:
    """Every notch of the wheel over the map was taken: a reader scrolling down the briefing was
    stuck on the map as it zoomed out to a postage stamp, and a trackpad's sideways swipe did
    nothing (audit CO). The wheel zooms out to the whole map, then the page scrolls; a sideways
    swipe pans; ctrl + wheel (a trackpad's pinch) is always the map's."""
    wheel = ("const c = document.querySelector('.map-viewer'); const r = c.getBoundingClientRect();"
             " const send = (o) => c.dispatchEvent(new WheelEvent('wheel', Object.assign({clientX: r.left + 300,"
             " clientY: r.top + 150, bubbles: true, cancelable: true}, o)));"
             " const view = () => " + VIEW + ";")
    steps = {
        "out": ("(() => { " + wheel + " c.journeymapPanZoom.reset(); const taken = [];"
                " for (let i = 0; i < 60; i++) taken.push(!send({deltaY: 100}));"
                " const b = c.querySelector('svg.journey-map').getBBox();"
                " return {view: view(), taken, map: [b.width, b.height], frame: [c.clientWidth, c.clientHeight]}; })()"),
        "pinch": "(() => { " + wheel + " return !send({deltaY: 100, ctrlKey: true}); })()",
        # a finger up or down scrolls the page; across, or two, move the map (audit CO: it took every swipe)
        "touch": "getComputedStyle(document.querySelector('.map-viewer')).touchAction",
        # the page scrolling as the pointer comes over the map scrolls on: scrolling up the page,
        # the map took 15 notches zooming in first (review CS); a notch after a pause zooms
        "up": ("(async () => { " + wheel + " c.journeymapPanZoom.reset(); const w0 = view()[2];"
               " window.scrollTo(0, 200); await new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)));"
               " const during = !send({deltaY: -100}); const w1 = view()[2];"
               " await new Promise(r => setTimeout(r, 500)); const after = !send({deltaY: -100});"
               " return {w0, w1, during, after, w2: view()[2]}; })()"),
        "lines": ("(() => { " + wheel + " c.journeymapPanZoom.reset(); c.focus({preventScroll: true}); send({deltaY: -600});"
                  " const x0 = view()[0]; send({deltaX: 3, deltaMode: 1}); return [x0, view()[0], view()[2]]; })()"),
        "sideways": ("(() => { " + wheel + " c.journeymapPanZoom.reset(); c.focus({preventScroll: true}); send({deltaY: -600}); const x0 = view()[0];"
                     " const taken = !send({deltaX: 120}); return {x0, x1: view()[0], taken,"
                     " edge: [...Array(200)].map(() => !send({deltaX: 120})).pop()}; })()"),
    }
    v = load_page(html_briefing, expressions=steps, screenshot=False).values
    out = v["out"]
    (mw, mh), (fw, fh) = out["map"], out["frame"]
    whole = max(mw, mh * fw / fh)
    assert out["view"][2] <= whole * 1.001, out  # no further out than the whole map
    first_free = out["taken"].index(False)
    assert all(out["taken"][:first_free]) and not any(out["taken"][first_free:]), out["taken"]  # then the page's
    assert v["pinch"] is True and v["touch"] == "pan-y"
    up = v["up"]
    assert up["during"] is False and up["w1"] == up["w0"], up  # the page scrolls on
    assert up["after"] is True and up["w2"] < up["w1"], up  # a notch of its own zooms in
    x0, x1, w = v["lines"]
    assert x1 - x0 > 0.02 * w, v["lines"]  # three lines a notch move the map as 48 px do
    side = v["sideways"]
    assert side["taken"] is True and side["x1"] > side["x0"] and side["edge"] is False, side


def test_a_click_focuses_the_map_without_the_keyboard_s_ring_and_an_arrow_at_its_edge_goes_to_the_page(
        html_briefing: Path) -> None:
    """A click gives the map the focus (its keys then work), and Chromium drew the keyboard's ring
    for it; a key brings the ring back. An arrow key at the map's edge was taken, and the page
    stuck (review CV)."""
    steps = {"click": ("(() => { const c = document.querySelector('.map-viewer'); const r = c.getBoundingClientRect();"
                       " c.dispatchEvent(new PointerEvent('pointerdown', {clientX: r.left + 100, clientY: r.top + 100,"
                       " pointerId: 3, bubbles: true})); c.dispatchEvent(new PointerEvent('pointerup', {clientX: r.left"
                       " + 100, clientY: r.top + 100, pointerId: 3, bubbles: true})); return [document.activeElement"
                       " === c, getComputedStyle(c).outlineStyle]; })()"),
             "key": ("(() => { const c = document.querySelector('.map-viewer'); c.journeymapPanZoom.reset();"
                     " const up = () => !c.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowUp', bubbles: true,"
                     " cancelable: true})); for (let i = 0; i < 10; i++) up();"
                     " return [up(), c.classList.contains('pointer-focus')]; })()"),
             "down": ("(() => { const c = document.querySelector('.map-viewer');"
                      " return !c.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true,"
                      " cancelable: true})); })()")}
    v = load_page(html_briefing, expressions=steps, screenshot=False).values
    assert v["click"] == [True, "none"], v  # focused by the click, no ring
    assert v["key"] == [False, False], v  # at its top edge: the page's; a key is the keyboard's (its ring)
    assert v["down"] is True, v  # the map pans: its own


def test_the_map_pans_and_zooms_with_lane_names_in_view(html_briefing: Path) -> None:
    report = load_page(html_briefing, expressions=STEPS)
    v = report.values
    assert report.console_errors == []
    # offline: the script is inlined, the cover bar's icons data: URLs inside the page
    assert [r for r in report.requests if not r.startswith("data:")] == [html_briefing.resolve().as_uri()]
    assert v["api"] is True
    x0, y0, w0, h0 = v["initial"]
    assert v["wheel"][2] < w0 and abs(v["wheel"][2] / v["wheel"][3] - w0 / h0) < 1e-6  # zoomed in, same shape
    assert v["drag"][0] > v["wheel"][0]  # dragged left: the view moved right
    assert v["overlay"]["display"] == "block" and v["overlay"]["left"] <= 1 and v["overlay"]["width"] > 20
    assert v["overlay"]["hidden"] == "true"
    assert v["key"][0] > v["drag"][0]
    assert v["zoomin"][2] < v["key"][2]
    assert v["reset"] == v["initial"] and v["overlay_after_reset"] == "none"
    (x, y, w, h), (bx, by, bw, bh) = v["far"]
    assert min(x + w, bx + bw) - max(x, bx) >= 0.85 * min(w, bw) and min(y + h, by + bh) - max(y, by) >= 0.85 * min(h, bh)
    (x, y, w, h), (bx, by, bw, bh) = v["whole_far"]
    for start, size, b_start, b_size in ((x, w, bx, bw), (y, h, by, bh)):
        if b_size < size:  # smaller than the view this way: in it but for a tenth of the view
            assert start - 0.11 * size <= b_start and b_start + b_size <= start + 1.11 * size, v["whole_far"]
        else:
            assert min(start + size, b_start + b_size) - max(start, b_start) >= 0.85 * min(size, b_size)
    (x, y, w, h), (bx, by, bw, bh) = v["whole"]  # every drawn thing of the map in view
    assert x <= bx + 1 and y <= by + 1 and x + w >= bx + bw - 1 and y + h >= by + bh - 1 and w > w0
    assert "more \u25b8" in v["more_at_first"] and v["more_when_whole"] == "none"  # says a wide map goes on
    assert v["duplicate_ids"] == []
    assert v["no_select"] == "none"  # a drag pans; it selected the map's text (audit J)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "briefing-panzoom.png").write_bytes(report.screenshot)


def test_zoom_stops_at_the_whole_map_and_a_half_out_and_eight_times_in(html_briefing: Path) -> None:
    """Out to four times the map's width it was a postage stamp in an empty frame; in to 200 times
    one letter filled the view (audit CC)."""
    api = "document.querySelector('.map-viewer').journeymapPanZoom"
    steps = {"whole": f"(() => {{ const a = {api}; a.whole(); return a.view().w; }})()",
             "out": f"(() => {{ const a = {api}; for (let i = 0; i < 20; i++) a.zoom(0.5); return a.view().w; }})()",
             "in": (f"(() => {{ const a = {api}; for (let i = 0; i < 40; i++) a.zoom(2);"
                    " return document.querySelector('.map-viewer').clientWidth / a.view().w; })()")}
    v = load_page(html_briefing, expressions=steps, screenshot=False).values
    assert v["whole"] < v["out"] <= 1.5 * v["whole"] + 1, v
    assert 7.9 <= v["in"] <= 8.01, v


def test_the_browser_keeps_its_own_shortcuts_on_the_map(html_briefing: Path) -> None:
    """Ctrl + zoomed the map, not the page (a reader who needs the page larger could not while the
    map, 85 % of the window, had focus), and Alt + left arrow panned it instead of going back
    (audit CC). A key with Ctrl, Cmd or Alt is left to the browser; a plain one still works."""
    press = ("(k => { const c = document.querySelector('.map-viewer'); c.focus(); const e = new KeyboardEvent('keydown',"
             " Object.assign({bubbles: true, cancelable: true}, k)); c.dispatchEvent(e); return [e.defaultPrevented, "
             + VIEW + "]; })")
    steps = {"before": VIEW, "ctrl_plus": press + "({key: '+', ctrlKey: true})",
             "meta_zero": press + "({key: '0', metaKey: true})", "alt_left": press + "({key: 'ArrowLeft', altKey: true})",
             "plain": press + "({key: '+'})"}
    v = load_page(html_briefing, expressions=steps, screenshot=False).values
    for name in ("ctrl_plus", "meta_zero", "alt_left"):
        assert v[name] == [False, v["before"]], (name, v)
    assert v["plain"][0] is True and v["plain"][1][2] < v["before"][2]


def test_printed_from_the_browser_the_map_is_whole_without_the_screen_controls(html_briefing: Path) -> None:
    """Printing the HTML briefing printed the part of the map in view, cut at the page's edge, with
    the buttons, the help line and the lane strip (audit J). A drag selected the map's text."""
    shown = "(s) => [...document.querySelectorAll(s)].map(e => getComputedStyle(e).display)"
    steps = {
        "panned": ("(() => { const api = document.querySelector('.map-viewer').journeymapPanZoom;"
                   " api.zoom(3); api.pan(200, 50); return " + VIEW + "; })()"),
        "printed": "(() => { window.dispatchEvent(new Event('beforeprint')); return " + VIEW + "; })()",
        "full": ("(() => { const m = document.querySelector('.map-viewer svg.journey-map');"
                 " return [m.viewBox.baseVal.width, m.getBoundingClientRect().width,"
                 " document.querySelector('.map-viewer').getBoundingClientRect().width]; })()"),
        "hidden": "(" + shown + ")('#map-help, .panzoom-controls, .lane-overlay, .lane-tag')",
        "after": "(() => { window.dispatchEvent(new Event('afterprint')); return " + VIEW + "; })()",
    }
    report = load_page(html_briefing, expressions=steps, media="print", screenshot=False)
    v = report.values
    assert report.console_errors == []
    html = html_briefing.read_text(encoding="utf-8")
    declared = html[html.index("<svg"):].split(">", 1)[0]
    width, height = (float(x) for x in declared.split('viewBox="')[1].split('"')[0].split()[2:])
    assert v["printed"][2:] == [width, height]  # the whole drawing, not the part that was in view
    assert v["panned"] != v["printed"] and v["after"] == v["panned"]  # the reader's view comes back
    assert abs(v["full"][1] - v["full"][2]) <= 2  # across the page, not cut at its edge
    assert v["hidden"] and set(v["hidden"]) == {"none"}


def test_printed_from_the_browser_the_map_has_a_landscape_page_one_legend_and_a_word_on_the_pdf(
        html_briefing: Path) -> None:
    """Printed from Chromium, the map was shrunk to a portrait page's width (its boxes' text at
    1.9 pt), its own legend printed above the one under it, which was cut at "line of visibi"
    (audit CC). In print the map takes a landscape page, its legend is printed once and within
    the page, and a line says the PDF briefing prints a map to read."""
    shown = "(s => getComputedStyle(document.querySelector(s)).display)"
    steps = {"own": shown + "('.map-viewer g.legend')", "note": shown + "('.map-screen .print-note')",
             "page": "getComputedStyle(document.querySelector('.map-screen')).page",
             "fits": ("(() => { const f = document.querySelector('.map-legend-screen');"
                      " return [...f.querySelectorAll('svg')].filter(x => getComputedStyle(x).display !== 'none')"
                      ".every(x => x.getBoundingClientRect().right <= f.getBoundingClientRect().right + 1); })()")}
    printed = load_page(html_briefing, expressions=steps, media="print", screenshot=False).values
    assert printed == {"own": "none", "note": "block", "page": "map-landscape", "fits": True}, printed
    screen = load_page(html_briefing, expressions={"note": steps["note"]}, screenshot=False).values
    assert screen["note"] == "none"


def test_no_accessibility_violations(html_briefing: Path) -> None:
    found = violations(html_briefing)
    assert found == [], describe(found)


def test_no_accessibility_violations_on_a_big_journey(tmp_path: Path) -> None:
    """100 touch-points fill every level of the hand-off matrix and the heatmap."""
    src = tmp_path / "gen-100.journey.yaml"
    src.write_text(generate_journey(100), encoding="utf-8")
    out = tmp_path / "gen-100.html"
    result = run_cli("brief", str(src), "--html", "-o", str(out))
    assert result.exit_code == 0, result.output
    found = violations(out)
    assert found == [], describe(found)


def test_script_is_ours_and_inlined(html_briefing: Path) -> None:
    html = html_briefing.read_text(encoding="utf-8")
    script = (ROOT / "templates" / "panzoom.js").read_text(encoding="utf-8")
    assert "window.journeymapPanZoom = function (container)" in html
    assert "<script src" not in html and "<link" not in html
    inlined = html.split("<script>", 1)[1]
    assert script.splitlines()[-2] in inlined  # the whole file, up to its end
    assert "fetch(" not in script and "XMLHttpRequest" not in script and "import(" not in script


SMALL = """journeymap: 1
title: Two stages, six departments
departments:
""" + "".join(f"  - {{id: d{i}, name: Department number {i} with a long name}}\n" for i in range(6)) + """stages:
  - name: First
    touchpoints:
""" + "".join(f"      - {{name: Step {i}, department: d{i}, reliability: reliable}}\n" for i in range(3)) + """  - name: Second
    touchpoints:
""" + "".join(f"      - {{name: Step {i}, department: d{i}, reliability: reliable}}\n" for i in range(3, 6))

STRIP = {
    # The lane-name column in the map's own units, from the first stage column's box and the
    # Graphviz group's transform: independent of how the page scaled the drawing.
    "expected": ("(() => { const svg = document.querySelector('.map-viewer svg.journey-map');"
                 " const g = svg.querySelector('g.graph'); const m = g.transform.baseVal.consolidate();"
                 " const b = svg.querySelector('g.stage-column').getBBox();"
                 " const x0 = Number(svg.getAttribute('viewBox').split(' ')[0]);"
                 " return b.x + (m ? m.matrix.e : 0) - x0; })()"),
    "measured": "document.querySelector('.map-viewer').journeymapPanZoom.labelWidth()",
    "zoomed": ("(() => { const c = document.querySelector('.map-viewer'); const api = c.journeymapPanZoom;"
               " api.zoom(6); api.pan(api.view().w, 0); const o = c.querySelector('.lane-overlay');"
               " return {strip: o.getBoundingClientRect().width, view: c.clientWidth,"
               " display: getComputedStyle(o).display, cut: o.classList.contains('cut')}; })()"),
    "flung": ("(() => { const c = document.querySelector('.map-viewer'); const api = c.journeymapPanZoom;"
              " const seen = () => { const m = c.querySelector('svg.journey-map g.graph').getBoundingClientRect();"
              " const r = c.getBoundingClientRect(); return [(Math.min(m.right, r.right) - Math.max(m.left, r.left)) / r.width,"
              " (Math.min(m.bottom, r.bottom) - Math.max(m.top, r.top)) / r.height]; };"
              " api.reset(); api.pan(1e6, 1e6); const far = seen(); api.reset(); api.pan(-1e6, -1e6);"
              " const back = seen(); api.reset(); return far.concat(back); })()"),
    "whole": ("(() => { const c = document.querySelector('.map-viewer'); const api = c.journeymapPanZoom;"
              " api.reset(); api.pan(50, 0); const o = c.querySelector('.lane-overlay').getBoundingClientRect();"
              " const lanes = [...c.querySelectorAll('svg.journey-map g.lane')].map((g) => g.getBoundingClientRect());"
              " const r = c.getBoundingClientRect(); return {top: o.top - r.top, bottom: o.bottom - r.top,"
              " height: r.height, lanesTop: Math.min(...lanes.map((b) => b.top)) - r.top,"
              " lanesBottom: Math.max(...lanes.map((b) => b.bottom)) - r.top,"
              " cut: c.querySelector('.lane-overlay').classList.contains('cut')}; })()"),
}


def test_the_lane_strip_fits_the_names_and_never_covers_the_map(tmp_path: Path) -> None:
    """A map with few stages is scaled to the view's height: the strip must still hold whole names;
    zoomed far in it keeps to a third of the view; it spans the lanes, not the title or legend."""
    src = tmp_path / "small.journey.yaml"
    src.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "small.html"
    assert run_cli("brief", str(src), "--html", "-o", str(out)).exit_code == 0
    report = load_page(out, expressions=STRIP)
    v = report.values
    assert report.console_errors == []
    assert v["expected"] > 100 and abs(v["measured"] - v["expected"]) < 2, v
    assert v["zoomed"]["display"] == "block" and v["zoomed"]["strip"] <= 0.34 * v["zoomed"]["view"] + 1, v
    w = v["whole"]  # the strip spans the lanes, below the title (the legend is under the viewer)
    assert w["top"] > 20 and abs(w["top"] - w["lanesTop"]) <= 1 and abs(w["bottom"] - w["lanesBottom"]) <= 1, v
    assert min(v["flung"]) >= 0.19, v["flung"]  # dragged far off either way, a fifth of the view shows map
    assert v["zoomed"]["cut"] is True and w["cut"] is False  # names cut at its edge fade out; whole, not
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "briefing-lane-strip.png").write_bytes(report.screenshot)
    # on a phone, a third of the frame was names (audit CO): a quarter
    phone = load_page(out, expressions={"zoomed": STRIP["zoomed"]}, screenshot=False, width=390).values
    assert phone["zoomed"]["strip"] <= 0.25 * phone["zoomed"]["view"] + 1 and phone["zoomed"]["cut"] is True, phone


def test_panned_the_lane_strip_names_the_emotion_row_too(tmp_path: Path) -> None:
    """Panned right, the strip kept the lanes' names in view but not the customer's emotion row's:
    its name and scale scrolled away with the map (audit FA). The strip spans that row too."""
    out = tmp_path / "b.html"
    assert run_cli("brief", str(ROOT / "maps" / "home-claim.journey.yaml"), "--html", "-o", str(out)).exit_code == 0
    strip = ("(() => { const c = document.querySelector('.map-viewer'); const api = c.journeymapPanZoom;"
             " api.reset(); api.pan(600, 0); const o = c.querySelector('.lane-overlay').getBoundingClientRect();"
             " const row = c.querySelector('svg.journey-map g.emotion-strip').getBoundingClientRect();"
             " const lanes = [...c.querySelectorAll('svg.journey-map g.lane')].map((g) => g.getBoundingClientRect());"
             " return {display: getComputedStyle(c.querySelector('.lane-overlay')).display, top: o.top, rowTop: row.top,"
             " bottom: o.bottom, lanesBottom: Math.max(...lanes.map((b) => b.bottom)),"
             " viewBottom: c.getBoundingClientRect().bottom}; })()")
    v = load_page(out, expressions={"strip": strip}, screenshot=False).values["strip"]
    assert v["display"] == "block" and abs(v["top"] - v["rowTop"]) <= 1, v
    assert v["bottom"] <= min(v["lanesBottom"], v["viewBottom"]) + 1, v  # and down to the lanes' foot, no further


@pytest.mark.parametrize("width", [320, 390, 768])
def test_on_a_phone_or_tablet_the_page_does_not_scroll_sideways(tmp_path: Path, width: int) -> None:
    """A title's last two words held together ran past a phone's screen ("... food-service wholes"),
    and the legend scrolled sideways (audit AJ). At 768 px the zoom buttons sat on the map's title
    and the legend's row, 1,042 px, scrolled sideways, "customer emo…" cut (audit CC). At 320 px the
    cover's four numbers to a row ran 53 px past the screen (audit DU)."""
    out = tmp_path / "b.html"
    assert run_cli("brief", str(ROOT / "maps" / "business-ordering.journey.yaml"), "--html", "-o", str(out)).exit_code == 0
    over = ("(() => { const c = document.querySelector('.panzoom-controls').getBoundingClientRect();"
            " return [...document.querySelectorAll('.map-viewer svg .title text')].filter(t => {"
            " const r = t.getBoundingClientRect(); return r.bottom > c.top && r.top < c.bottom"
            " && r.right > c.left && r.left < c.right; }).length; })()")
    legend = ("(() => { const f = document.querySelector('.map-legend-screen');"
              " const r = [...f.querySelectorAll('text')].map(t => t.getBoundingClientRect()).filter(b => b.width > 0);"
              " return {scroll: f.scrollWidth, width: f.clientWidth, right: Math.max(...r.map(b => b.right)),"
              " count: r.length, wide: getComputedStyle(f.querySelector('svg.wide')).display}; })()")
    # the buttons under the map: at its foot they covered the names of the lanes in view (audit AT)
    below = ("(() => { const c = document.querySelector('.panzoom-controls').getBoundingClientRect();"
             " const v = document.querySelector('.map-viewer').getBoundingClientRect();"
             " const l = document.querySelector('.map-legend-screen').getBoundingClientRect();"
             " return c.top >= v.bottom && c.bottom <= l.top && c.right <= v.right + 1; })()")
    report = load_page(out, expressions={"wide": "document.documentElement.scrollWidth",
                                         "title": "document.querySelector('h1').getBoundingClientRect().right",
                                         "covered": over, "legend": legend, "below": below},
                       screenshot=False, width=width)
    assert report.values["wide"] <= width and report.values["title"] <= width
    assert report.values["covered"] == 0  # the zoom buttons sat on the map's title
    assert report.values["below"] is True
    # the legend is wrapped for the phone: it scrolled sideways by 640 px (audit AJ), then by 75 px
    # for its widest entry, "risky hand-off (into it depends or unreliable)" (audit CK)
    # (at 320 px its widest entries, a sample and four words, are wider than the screen: it
    # scrolls in its own frame, as a diagram may under WCAG 1.4.10, the page does not)
    v = report.values["legend"]
    assert v["count"] >= 10 and v["wide"] == "none" and (width < 390 or v["scroll"] <= v["width"] + 1), v


def test_on_a_phone_the_legend_s_samples_line_up(html_briefing: Path) -> None:
    """Each line of the wrapped legend began where its row's cut fell: on a phone the samples were
    ragged, "line of visibility" indented by 60 px (audit CC). Every line's first sample now sits
    under the first line's."""
    lefts = ("[...document.querySelectorAll('svg.map-legend-svg.narrow > svg')].map(line => Math.min("
             "...[...line.querySelectorAll('rect, path, polygon, ellipse, polyline')]"
             ".map(e => e.getBoundingClientRect()).filter(b => b.width > 0).map(b => b.left)))")
    v = load_page(html_briefing, expressions={"lefts": lefts}, screenshot=False, width=390).values["lefts"]
    assert len(v) >= 8 and max(v) - min(v) <= 3, v


@pytest.mark.parametrize("width", [320, 390, 768, 1400])
def test_the_more_hint_stands_beside_the_buttons_over_no_box(tmp_path: Path, width: int) -> None:
    """"more ▸" and "more ▾" were laid over the map's right edge and foot, on the words of any box
    that reached them (business-ordering's "Inside sales" at 1,400 px: audit FA; home-claim's
    first box at 390 px: audit AT; the bottom lane's name: stop 52). They stand beside the buttons
    now, over the map's top right on a wide screen and under it on a phone, on no box or name; the
    buttons keep their size beside it ("Whole map" wrapped in its button at 320 px: review FB)."""
    out = tmp_path / "b.html"
    assert run_cli("brief", str(ROOT / "maps" / "business-ordering.journey.yaml"), "--html", "-o",
                   str(out)).exit_code == 0
    hint = ("(() => { const v = document.querySelector('.map-viewer'); const bar = v.querySelector('.panzoom-controls');"
            " const r = bar.getBoundingClientRect(); const view = v.getBoundingClientRect();"
            " const shown = [...v.querySelectorAll('svg g.touchpoint, g.lane-label text, .lane-tag')]"
            ".map(e => e.getBoundingClientRect()).map(b => ({left: Math.max(b.left, view.left), right: Math.min(b.right,"
            " view.right), top: Math.max(b.top, view.top), bottom: Math.min(b.bottom, view.bottom)}))"
            ".filter(b => b.right > b.left && b.bottom > b.top);"  # what shows of each: the map clips itself
            " return {said: getComputedStyle(bar, '::before').content, shown: shown.length,"
            " more: v.classList.contains('more-right') || v.classList.contains('more-below'),"
            " covers: shown.filter(b => b.right > r.left && b.left < r.right && b.bottom > r.top && b.top < r.bottom).length,"
            " squeezed: [...bar.querySelectorAll('button')].filter(b => b.scrollHeight > b.clientHeight + 1"
            " || b.scrollWidth > b.clientWidth + 1).length, inside: r.left >= view.left - 2 && r.right <= view.right + 2,"
            " row: r.height}; })()")
    v = load_page(out, expressions={"hint": hint}, screenshot=False, width=width).values["hint"]
    assert v["more"] and "\u25b8" in v["said"] and v["shown"] >= 3 and v["covers"] == 0, v
    assert v["squeezed"] == 0 and v["inside"] and v["row"] <= 40, v  # one row of whole buttons, within the map's width


def test_two_fingers_pinch_the_map_to_zoom(html_briefing: Path) -> None:
    """A pinch only panned the map (audit J): two pointers spreading zoom in about their
    midpoint, closing zoom out; one pointer still drags."""
    pinch = ("(() => { const c = document.querySelector('.map-viewer'); const r = c.getBoundingClientRect();"
             " const at = (type, id, x) => c.dispatchEvent(new PointerEvent(type, {clientX: r.left + x,"
             " clientY: r.top + 150, pointerId: id, pointerType: 'touch', bubbles: true}));"
             " const before = " + VIEW + "; at('pointerdown', 1, 200); at('pointerdown', 2, 300);"
             " at('pointermove', 2, 400); const spread = " + VIEW + "; at('pointermove', 2, 250);"
             " const closed = " + VIEW + "; at('pointerup', 2, 250); at('pointermove', 1, 100);"
             " const dragged = " + VIEW + "; at('pointerup', 1, 100); return {before, spread, closed, dragged}; })()")
    v = load_page(html_briefing, expressions={"v": pinch}, screenshot=False).values["v"]
    assert v["spread"][2] == pytest.approx(v["before"][2] / 2, rel=0.02)  # fingers twice as far apart
    assert v["closed"][2] > v["spread"][2]
    assert v["dragged"][0] > v["closed"][0] and v["dragged"][2] == v["closed"][2]


@pytest.mark.parametrize("width", [390, 768])
def test_on_phones_and_tablets_no_table_text_runs_over_its_cell(html_briefing: Path, width: int) -> None:
    """At 390 px a reliability pill ran over the next column ("✔ ReliaQuote"), at 768 by 4 px, and
    words broke inside ("Depar / tment", audit J): wide tables scroll sideways instead, and each
    that does is reachable by keyboard (axe's scrollable-region-focusable)."""
    js = ("(() => ({over: [...document.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1)"
          ".map(c => c.textContent.trim().slice(0, 30)),"
          " scrolled: [...document.querySelectorAll('.table-scroll')].filter(t => t.scrollWidth > t.clientWidth + 1)"
          ".map(t => t.tabIndex), tables: [...document.querySelectorAll('table')].map(t => getComputedStyle(t).display),"
          " page: document.documentElement.scrollWidth,"
          " view: document.documentElement.clientWidth}))()")
    v = load_page(html_briefing, expressions={"v": js}, screenshot=False, width=width).values["v"]
    assert v["over"] == [] and v["page"] <= v["view"], v
    assert all(index == 0 for index in v["scrolled"]) and (width > 700 or v["scrolled"]), v
    assert set(v["tables"]) == {"table"}  # still tables to a screen reader, not scrolling blocks
    found = violations(html_briefing, width=width)
    assert found == [], describe(found)


@pytest.mark.parametrize("width", [390, 1400])
def test_a_table_cut_at_the_screens_edge_says_it_goes_on(html_briefing: Path, width: int) -> None:
    """On a phone the heatmap and the registers were cut at the screen's edge with no cue that they
    scroll (audit AT): a table that does says so above it, and only such a table."""
    js = ("[...document.querySelectorAll('.table-scroll')].map(f => [f.scrollWidth > f.clientWidth + 1,"
          " getComputedStyle(f, '::before').content, f.getBoundingClientRect().width])")
    frames = load_page(html_briefing, expressions={"frames": js}, screenshot=False, width=width).values["frames"]
    said = [wide for wide, content, _ in frames if content.startswith('"Scroll sideways')]
    assert said == [wide for wide, _, _ in frames if wide]
    assert (width == 390) == bool(said), frames


def test_no_text_on_screen_is_smaller_than_12_px(html_briefing: Path) -> None:
    """The printed sizes on a monitor: the inventory's labels were 8.5 px, the cover's 9.3 px."""
    smallest = ("Math.min(...[...document.querySelectorAll('body *')].filter(el => !el.closest('svg')"
                " && getComputedStyle(el).display !== 'none'"
                " && [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))"
                ".map(el => parseFloat(getComputedStyle(el).fontSize)))")
    report = load_page(html_briefing, expressions={"smallest": smallest}, screenshot=False)
    assert report.values["smallest"] >= 11.9  # code at 0.92 em of 13 px


def test_a_templates_folder_keeps_the_maps_pan_and_zoom(tmp_path: Path) -> None:
    """The trusted script was matched against the template's source, not the page: any
    ``--templates`` folder, even an empty one, lost the zoom buttons."""
    folder = tmp_path / "brand"
    folder.mkdir()
    out = tmp_path / "branded.html"
    assert run_cli("brief", str(MAPS / "home-claim.journey.yaml"), "--templates", str(folder), "--html",
                   "-o", str(out)).exit_code == 0
    report = load_page(out, expressions={"api": STEPS["api"], "buttons": "document.querySelectorAll("
                                         "'.panzoom-controls button').length"}, screenshot=False)
    assert report.console_errors == [] and report.values == {"api": True, "buttons": 4}


def test_the_page_lets_only_its_own_script_run(html_briefing: Path) -> None:
    """A Content-Security-Policy behind the escaping: no outside load, no script but ours (by hash)."""
    import base64
    import hashlib
    import re

    html = html_briefing.read_text(encoding="utf-8")
    (policy,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    policy = policy.replace("&#39;", "'")
    (script,) = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}';" in policy and policy.startswith("default-src 'none';")


def test_a_tall_map_viewer_opens_a_wide_map_at_most_at_its_own_size(html_briefing: Path) -> None:
    """Fitting the map's height into a tall viewer enlarged a wide, low map: it opened on its
    title, at 40 px, and a stage and a half (audit F)."""
    grow = ("(() => { const el = document.querySelector('.map-viewer'); el.style.height = '3000px';"
            " const api = el.journeymapPanZoom; api.reset(); return el.clientWidth / api.view().w; })()")
    scale = load_page(html_briefing, expressions={"grown": grow}, screenshot=False).values["grown"]
    assert 0.2 < scale <= 1.0001, scale  # the example map is wider than the viewer: not enlarged


def test_a_low_map_gets_a_frame_as_low_as_it(tmp_path: Path) -> None:
    """The viewer is 85 % of the window high: a map of three lanes filled its top half, the rest
    of the frame blank, while its last stages were cut at the right (audit AW). The frame is made
    as low as the map; Reset keeps it so."""
    src, out = tmp_path / "wide.journey.yaml", tmp_path / "wide.html"
    src.write_text(generate_journey(24, departments=3, stages=8), encoding="utf-8")
    assert run_cli("brief", str(src), "--html", "-o", str(out)).exit_code == 0
    gap = ("(() => { const f = document.querySelector('.map-viewer'); const r = f.getBoundingClientRect();"
           " const lanes = [...f.querySelectorAll('svg.journey-map g.lane')].map((g) => g.getBoundingClientRect().bottom);"
           " return [r.bottom - Math.max(...lanes), r.height, innerHeight]; })()")
    reset = ("(() => { const f = document.querySelector('.map-viewer'); f.journeymapPanZoom.reset();"
             " return f.getBoundingClientRect().height; })()")
    # made wider (a window widened, a tablet turned), the frame follows the map: it kept its height
    # and cut the lower lanes off (review AZ)
    wider = ("(() => { const f = document.querySelector('.map-viewer'); f.style.width = (f.clientWidth * 1.4) + 'px';"
             " window.dispatchEvent(new Event('resize')); return null; })()")
    v = load_page(out, expressions={"gap": gap, "reset": reset, "wider": wider, "after": gap}, screenshot=False).values
    blank, height, window = v["gap"]
    # (0.65: the band the zoom buttons take above the map, audit DN)
    assert 0 <= blank < 40 and height < 0.65 * window and v["reset"] == height, v
    blank, grown, _ = v["after"]
    assert 0 <= blank < 40 and grown > height, v


def test_the_html_briefing_holds_no_address_at_all(html_briefing: Path) -> None:
    """Offline and self-contained: not even the SVG namespace's URI, which a check for outside
    addresses reads as one (the inline map's xmlns and the pan-and-zoom script had it; audit H)."""
    import re

    text = html_briefing.read_text(encoding="utf-8")
    assert re.findall(r"https?://\S{0,40}", text) == []


HEAT = """(() => {
  const grey = (c) => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).map(Number); return 0.299 * r + 0.587 * g + 0.114 * b; };
  const seen = {};
  for (const td of document.querySelectorAll('.heat td.cell')) {
    const rating = [...td.classList].find((c) => c.startsWith('r-') && c !== 'r-none');
    if (rating) seen[rating] = {grey: grey(getComputedStyle(td).backgroundColor), edge: getComputedStyle(td).outlineStyle};
  }
  return seen;
})()"""


BAR = """(() => {
  const grey = (c) => { const [r, g, b] = c.match(/\\d+(\\.\\d+)?/g).map(Number); return 0.299 * r + 0.587 * g + 0.114 * b; };
  const seen = {};
  for (const seg of document.querySelectorAll('.bar .seg')) {
    const rating = [...seg.classList].find((c) => c.startsWith('r-'));
    const style = getComputedStyle(seg);
    seen[rating] = {grey: style.backgroundImage === 'none' ? grey(style.backgroundColor) : null,
                    pattern: style.backgroundImage,
                    icon: decodeURIComponent(getComputedStyle(seg.querySelector('.icon')).backgroundImage)};
  }
  return seen;
})()"""


def test_the_heatmap_and_the_cover_bar_keep_their_heat_in_greyscale(tmp_path: Path) -> None:
    """The cells' fills were the badges' tints, 220-233 in grey: one grey on a greyscale printer
    (audit R). Now each rating is at least 25 apart from the next worse one, darker the worse it
    is, and not rated is white with a dashed frame inside it (as a border it stuck out of the cell:
    audit AJ). The cover's bar printed "it depends" and "not
    rated" as one grey (audit AJ): its fills step down too, not rated is hatched, and each
    segment carries its rating's icon."""
    out = tmp_path / "home-claim.html"
    assert run_cli("brief", str(MAPS / "home-claim.journey.yaml"), "--html", "-o", str(out)).exit_code == 0
    values = load_page(out, expressions={"heat": HEAT, "bar": BAR}, screenshot=False).values
    seen = values["heat"]
    assert {"r-reliable", "r-it-depends", "r-unreliable", "r-unknown"} <= set(seen), seen
    order = [seen[k]["grey"] for k in ("r-unknown", "r-reliable", "r-it-depends", "r-unreliable")]
    assert all(a - b >= 25 for a, b in zip(order, order[1:])), order
    assert seen["r-unknown"]["edge"] == "dashed"
    bar = values["bar"]
    # each icon a picture (no text for a screen reader to read: audit CT), drawing its glyph
    icons = [bar[k]["icon"] for k in ("r-reliable", "r-it-depends", "r-unreliable", "r-unknown")]
    assert [f">{glyph}</text>" in icon for icon, glyph in zip(icons, "✔◐✖?")] == [True] * 4, icons
    order = [bar[k]["grey"] for k in ("r-reliable", "r-it-depends", "r-unreliable")]
    assert all(a - b >= 25 for a, b in zip(order, order[1:])), order
    assert "repeating-linear-gradient" in bar["r-unknown"]["pattern"], bar


LEGEND = """(() => {
  const viewer = document.querySelector('.map-viewer').getBoundingClientRect();
  const figure = document.querySelector('.map-legend-screen');
  const texts = [...figure.querySelectorAll('text')].map((t) => t.getBoundingClientRect()).filter((b) => b.width > 0);
  return {viewerRight: viewer.right, right: Math.max(...texts.map((b) => b.right)), count: texts.length,
          below: figure.getBoundingClientRect().top >= viewer.bottom,
          smallest: Math.min(...texts.map((b) => b.height)),
          inMap: getComputedStyle(document.querySelector('.map-viewer g.legend')).display,
          ids: document.querySelectorAll('.map-legend-screen [id]').length};
})()"""


def test_the_legend_is_under_the_map_whole_and_legible(html_briefing: Path) -> None:
    """Inside the pannable map the legend was one row as wide as the map: at 1,400 px its end was
    out of the view ("line of visib…": audit R). It is wrapped under the viewer now, every label
    within the viewer's width, its text 12 px or more; the map's own row is hidden, and the copy
    carries no id (none on the page twice)."""
    v = load_page(html_briefing, expressions={"legend": LEGEND}, screenshot=False).values["legend"]
    assert v["count"] >= 10 and v["below"] and v["inMap"] == "none" and v["ids"] == 0, v
    assert v["right"] <= v["viewerRight"] + 1, v
    assert v["smallest"] / 1.164 >= 11.95, v  # a DejaVu text box is 1.164 of its size tall
    text = html_briefing.read_text(encoding="utf-8")
    assert "line of internal interaction" in text.split('class="map-legend-screen"', 1)[1]


OPENING = """(() => {
  const c = document.querySelector('.map-viewer'), v = c.journeymapPanZoom.view();
  const lanes = [...c.querySelectorAll('svg.journey-map g.lane')].map((g) => g.getBoundingClientRect());
  const box = c.getBoundingClientRect(), column = document.querySelector('h2').getBoundingClientRect();
  const bar = c.querySelector('.panzoom-controls');
  return {h: v.h, y: v.y, scale: c.clientWidth / v.w, lastBottom: Math.max(...lanes.map((b) => b.bottom)),
          band: bar.offsetTop + bar.offsetHeight + 4,
          boxBottom: box.bottom, firstTop: Math.min(...lanes.map((b) => b.top)), boxTop: box.top,
          boxWidth: box.width, columnWidth: column.width,
          scroll: document.documentElement.scrollWidth, window: innerWidth};
})()"""


def test_the_map_opens_readable_with_its_lanes_filling_the_view_not_its_hidden_legend(html_briefing: Path) -> None:
    """The map opens at 0.9 of its own size or more (touch-point names 9 px): fitted whole into
    the text column and three quarters of the screen, a map of seven lanes opened at 0.64-0.8 on
    laptops, its text 6-9 px (audit AJ). Where its lanes fit at that size, all are in view, and
    not its hidden legend rows (fitted too, they left a blank band: audit AJ); where they do not,
    it opens on its top. The viewer is wider than the text column, and the page does not scroll
    sideways."""
    svg = re.search(r'<svg[^>]*class="journey-map"[^>]*>', html_briefing.read_text(encoding="utf-8"))
    assert svg is not None
    box = re.search(r'viewBox="([-\d.]+) ([-\d.]+) [-\d.]+ ([\d.]+)"', svg.group(0))
    assert box is not None
    top, full = float(box.group(2)), float(box.group(3))
    v = load_page(html_briefing, expressions={"o": OPENING}, screenshot=False).values["o"]
    assert v["scale"] >= 0.9 - 1e-6 and v["h"] < 0.95 * full, (v, full)
    # opens on its top, below the band the zoom buttons take (on the map they hid a stage's header: audit DN)
    assert v["boxTop"] <= v["firstTop"] and abs(v["y"] + v["band"] / v["scale"] - top) < 1e-6 and v["band"] > 30, v
    if v["scale"] > 0.9 + 1e-6:
        assert v["lastBottom"] <= v["boxBottom"] + 1, v  # fitted: every lane in view
    assert v["boxWidth"] > v["columnWidth"] + 100 and v["scroll"] <= v["window"], v


SHOWN_LEGENDS = ("[...document.querySelectorAll('.map-legend-screen > svg')]"
                 ".filter((s) => getComputedStyle(s).display !== 'none').map((s) => s.getAttribute('class'))")


def test_one_legend_shows_in_print_and_under_a_teams_older_stylesheet(html_briefing: Path, tmp_path: Path) -> None:
    """The phone's copy of the legend was hidden by our screen rules alone: printed from the
    browser, or under a team's stylesheet made before it, both copies showed (audit AK)."""
    printed = load_page(html_briefing, expressions={"shown": SHOWN_LEGENDS}, media="print", screenshot=False)
    assert printed.values["shown"] == ["map-legend-svg wide"]
    brand = tmp_path / "brand"
    assert run_cli("init", str(brand), "--templates").exit_code == 0
    css = next(brand.rglob("briefing.css"))
    older = [line for line in css.read_text(encoding="utf-8").splitlines() if not re.search(r"svg\.(narrow|wide)", line)]
    css.write_text("\n".join(older), encoding="utf-8")  # as made before the phone's legend
    out = tmp_path / "brand.html"
    assert run_cli("brief", str(MAPS / "home-claim.journey.yaml"), "--html", "--templates", str(css.parent),
                   "-o", str(out)).exit_code == 0
    for width in (1400, 390):
        shown = load_page(out, expressions={"shown": SHOWN_LEGENDS}, screenshot=False, width=width).values["shown"]
        assert shown == ["map-legend-svg wide"], (width, shown)


STICKY_HEADS = """(() => {
  const t = document.querySelector('table.handoff-table'), r = t.getBoundingClientRect();
  window.scrollTo(0, r.top + scrollY + r.height / 2);
  const head = t.querySelector('thead th').getBoundingClientRect(), now = t.getBoundingClientRect();
  return {head: head.top, table: now.top, bottom: now.bottom};
})()"""


def test_the_registers_column_heads_stay_in_view_as_it_scrolls_by(html_briefing: Path) -> None:
    """On a screen the register is one table (audit DM): scrolled to its middle, its column heads
    stay at the window's top, not above it with the table's start."""
    v = load_page(html_briefing, expressions={"v": STICKY_HEADS}, screenshot=False).values["v"]
    assert v["table"] < -50 < 50 < v["bottom"], v  # scrolled into the table
    assert -1 <= v["head"] <= 1, v


@pytest.mark.parametrize("width,stop", [(1440, False), (320, True)])
def test_the_map_legend_is_a_tab_stop_only_where_it_scrolls(tmp_path: Path, width: int, stop: bool) -> None:
    """The legend under the map was a tab stop that did nothing where it did not scroll, right
    after the map's buttons (audit DU); on a 320 px phone it scrolls, and the keyboard reaches it."""
    out = tmp_path / "b.html"
    assert run_cli("brief", str(ROOT / "maps" / "business-ordering.journey.yaml"), "--html", "-o", str(out)).exit_code == 0
    said = load_page(out, expressions={"stop": "document.querySelector('.map-legend-screen').hasAttribute('tabindex')"},
                     screenshot=False, width=width).values
    assert said["stop"] is stop


RISKY_EDGE = """(() => Array.from(document.querySelectorAll('table.matrix td.risky'), (cell) => {
  const s = getComputedStyle(cell);
  return [s.outlineStyle, parseFloat(s.outlineWidth) > 0, parseFloat(s.outlineOffset) < 0];
}))()"""


def test_a_risky_count_in_the_matrix_shows_the_dashed_edge_its_caption_promises(html_briefing: Path) -> None:
    """The caption says "in red with a dashed edge"; on a screen the collapsed dashed border lost
    to its neighbours' solid ones and none showed (audit FJ): an outline inside the cell draws it."""
    cells = load_page(html_briefing, expressions={"risky": RISKY_EDGE}, screenshot=False).values["risky"]
    assert cells and all(cell == ["dashed", True, True] for cell in cells), cells
    assert "in red with a dashed edge" in html_briefing.read_text(encoding="utf-8")
