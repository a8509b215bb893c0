"""Custom briefing templates (``--templates``) cannot make the HTML briefing fetch anything.

The regression of issue 15, item 13: unquoted ``<img src=http://...>`` and ``<object data=...>``
survived the old regex cleaner and Chromium fetched them. The HTML is now parsed like a
browser parses it and written out from allow-lists; a real headless Chromium then loads the
result and reports every request it made.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browser import find_chromium, load_page
from conftest import FIXTURES, run_cli

OUTSIDE = "127.0.0.1:9"  # the discard port: nothing answers, but a request would be recorded
HOSTILE = f"""
<section id="sec-findings"><h2>Findings</h2>
<img src=http://{OUTSIDE}/unquoted.png alt=u>
<IMG SRC = 'http://{OUTSIDE}/spaced.png'>
<object data=http://{OUTSIDE}/object></object>
<embed src=http://{OUTSIDE}/embed>
<img srcset="http://{OUTSIDE}/srcset.png 2x" src="logo.svg" alt="logo">
<picture><source srcset=http://{OUTSIDE}/source.png><img src=logo.svg alt=p></picture>
<div style="background:url(http://{OUTSIDE}/style.png)">styled</div>
<div style=background:url(http://{OUTSIDE}/unquoted-style.png)>unquoted style</div>
<p style="&#98;ackground:url(http&#58;//{OUTSIDE}/entity.png)">entities</p>
<div style="background-image:image-set('http://{OUTSIDE}/set.png' 1x)">set</div>
<svg width="20" height="20"><image href=http://{OUTSIDE}/svgimage.png width=10 height=10 />
<image xlink:href="http://{OUTSIDE}/xlink.png" width="5" height="5"/>
<use href="http://{OUTSIDE}/use.svg#a"/><filter id="f"><feImage href=http://{OUTSIDE}/feimage.png /></filter>
<style>@import url(http://{OUTSIDE}/svgstyle.css); rect {{ fill: url(http://{OUTSIDE}/fill.svg#g) }}</style>
<rect width="5" height="5"/></svg>
<iframe src=http://{OUTSIDE}/iframe></iframe>
<iframe srcdoc="<img src=http://{OUTSIDE}/srcdoc.png>"></iframe>
<video poster=http://{OUTSIDE}/poster.png></video><audio src=http://{OUTSIDE}/audio></audio>
<link rel=stylesheet href=http://{OUTSIDE}/link.css><link rel=preload href=http://{OUTSIDE}/preload as=image>
<link rel=icon href=http://{OUTSIDE}/icon.png>
<meta http-equiv=refresh content="0;url=http://{OUTSIDE}/refresh">
<base href=http://{OUTSIDE}/>
<script src=http://{OUTSIDE}/script.js></script>
<script>fetch('http://{OUTSIDE}/fetch')</script>
<img src=x onerror="fetch('http://{OUTSIDE}/onerror')">
<a href=http://{OUTSIDE}/link ping=http://{OUTSIDE}/ping>a link</a>
<style>@import url(http://{OUTSIDE}/import.css); @import 'http://{OUTSIDE}/import2.css';
.x {{ background: url( "http://{OUTSIDE}/css.png" ) }}
@font-face {{ font-family: Q; src: url(http://{OUTSIDE}/font.woff) }} h2 {{ font-family: Q }}
.brand-7f3a {{ background: url(logo.svg) }}</style>
<table background=http://{OUTSIDE}/bg.png><tr><td class="brand-7f3a">cell</td></tr></table>
<input type=image src=http://{OUTSIDE}/input.png>
<form action=http://{OUTSIDE}/form><button formaction=http://{OUTSIDE}/formaction>go</button></form>
<math><mi xlink:href="http://{OUTSIDE}/math">m</mi></math>
<noscript><img src=http://{OUTSIDE}/noscript.png></noscript>
<template><img src=http://{OUTSIDE}/template.png></template>
<!-- <img src=http://{OUTSIDE}/comment.png> -->
<unknown-element>kept text</unknown-element>
</section>
"""


@pytest.fixture
def hostile_templates(tmp_path: Path) -> Path:
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
                                     '<rect width="4" height="4" fill="#c00"/></svg>')
    (folder / "_findings.html.j2").write_text(HOSTILE)
    return folder


def _brief(templates: Path, out: Path) -> str:
    result = run_cli("brief", str(FIXTURES / "valid" / "small.journey.yaml"), "--html", "--templates",
                     str(templates), "-o", str(out))
    if result.exit_code == 3:
        pytest.skip("Graphviz is not installed")
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_no_reference_outside_survives_the_cleaner(hostile_templates, tmp_path):
    html = _brief(hostile_templates, tmp_path / "brief.html")
    assert OUTSIDE not in html
    # Only our pan-and-zoom script is left, as our template writes it.
    from journeymap.briefing.scripts import trusted_scripts

    scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
    assert len(scripts) == 1 and scripts[0] in trusted_scripts() and "fetch(" not in scripts[0]
    html = html.replace(f"<script>{scripts[0]}</script>", "")
    # ... and our Content-Security-Policy, first in the head: a team's http-equiv (a refresh) is gone.
    from journeymap.briefing.scripts import content_policy

    ours = f'<meta http-equiv="Content-Security-Policy" content="{content_policy()}">'
    assert html.count("http-equiv") == 1 and ours in html
    html = html.replace(ours, "")
    for gone in ("<script", "<iframe", "<object", "<embed", "<base", "<link", "onerror", "http-equiv",
                 "srcset", "<feImage", "@import", "<!--", "<noscript", "<template"):
        assert gone not in html, gone
    # what a team legitimately uses stays: local images inlined, styles, text, the map
    assert html.count('src="data:image/svg+xml;base64,') >= 2
    assert ".brand-7f3a" in html and "kept text" in html and "a link" in html
    assert 'id="sec-map"' in html and "touchpoint" in html


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed (make test installs it)")
def test_chromium_fetches_nothing_outside(hostile_templates, tmp_path):
    out = tmp_path / "brief.html"
    _brief(hostile_templates, out)
    report = load_page(out, ("svg .touchpoint", "img"), screenshot=False)
    outside = [url for url in report.requests if urlparse(url).scheme not in ("file", "data")]
    assert outside == []
    files = [url for url in report.requests if urlparse(url).scheme == "file"]
    assert files == [out.resolve().as_uri()]
    assert report.counts["svg .touchpoint"] > 0 and report.counts["img"] >= 2
