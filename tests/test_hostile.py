"""Hostile input: every case of the corpus gives a clear outcome, never a traceback, a leak or a hang.

The corpus is in ``tests/hostile_corpus.py`` (small cases also written to
``tests/fixtures/hostile/``). A canary file and a canary HTTP server prove that nothing named in
a journey is read or fetched.
"""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from hostile_corpus import CASES, HERE, VALID, journey_with, large_cases, q
from pdftext import read_pages

ALL = {**CASES, **large_cases()}
VALID_CASES = sorted(name for name, (_, expected) in CASES.items() if expected == VALID)
SVG_NS = "{http://www.w3.org/2000/svg}"


def test_corpus_is_big_enough_and_committed():
    assert len(ALL) >= 40
    for name, (data, _) in CASES.items():
        assert (HERE / name).read_bytes() == data, f"run python tests/hostile_corpus.py ({name})"


def _run_check(path: Path) -> tuple[int, str, str, float]:
    """Run ``journeymap check`` as a process; return status, stdout, stderr and seconds."""
    start = time.perf_counter()
    process = subprocess.run([sys.executable, "-m", "journeymap", "check", str(path)],
                             capture_output=True, cwd=ROOT, timeout=30)
    return process.returncode, process.stdout.decode(), process.stderr.decode(), time.perf_counter() - start


@pytest.mark.parametrize("name", sorted(ALL))
def test_check_outcome(name, tmp_path):
    data, expected = ALL[name]
    path = tmp_path / name
    path.write_bytes(data)
    if name in CASES:  # the small cases in-process; the large ones (and the whole corpus, below) as a process
        start = time.perf_counter()
        result = run_cli("check", str(path))
        status, out, err, seconds = result.exit_code, result.stdout, result.stderr, time.perf_counter() - start
    else:
        status, out, err, seconds = _run_check(path)
    assert "Traceback" not in out + err
    assert seconds < 10
    if expected == VALID:
        assert status == 0, out
        assert " E0" not in out
    else:
        assert status == 1
        codes = {line.split(": ")[1].split()[0] for line in out.splitlines()}
        assert codes == expected, out
    assert path.read_bytes() == data  # the input is never changed


def test_the_small_corpus_checked_as_one_process_prints_every_finding(tmp_path):
    """The real standard streams of `python -m journeymap check` (their encoding, not CliRunner's)
    for every small case at once: one interpreter start rather than one a case."""
    paths = []
    for name, (data, _) in CASES.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    process = subprocess.run([sys.executable, "-m", "journeymap", "check", *paths], capture_output=True, cwd=ROOT,
                             timeout=60)
    out, err = process.stdout.decode(), process.stderr.decode()
    assert "Traceback" not in out + err and process.returncode == 1
    for name, (_, expected) in CASES.items():
        codes = {line.split(": ")[1].split()[0] for line in out.splitlines() if line.startswith(str(tmp_path / name) + ":")}
        assert codes == (set() if expected == VALID else expected) or (expected == VALID and not any(
            c.startswith("E") for c in codes)), (name, codes)


def test_resource_bounds_on_the_largest_inputs(tmp_path):
    for name in ("file-over-5mb.yaml", "nodes-over-100000.yaml", "alias-bomb.yaml", "nesting-50000.yaml"):
        path = tmp_path / name
        path.write_bytes(ALL[name][0])
        process = subprocess.Popen([sys.executable, "-m", "journeymap", "check", str(path)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        start = time.perf_counter()
        _, status, usage = os.wait4(process.pid, 0)
        assert time.perf_counter() - start < 10
        assert usage.ru_maxrss < 500 * 1024, f"{name}: {usage.ru_maxrss} KB"
        assert os.waitstatus_to_exitcode(status) == 1


@pytest.fixture
def canary(tmp_path):
    """A canary file and a canary HTTP server on loopback that records every request."""
    secret = "CANARY-7f3a9c-SECRET"
    canary_file = tmp_path / "canary.txt"
    canary_file.write_text(secret)
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(secret.encode())

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    yield {"secret": secret, "file": canary_file, "url": url, "hits": hits}
    server.shutdown()


def canary_journey(canary, tmp_path) -> Path:
    text = (f'<img src="file://{canary["file"]}"> <link rel="attachment" href="file://{canary["file"]}"> '
            f'<img src="{canary["url"]}/img.png"> <link rel="stylesheet" href="{canary["url"]}/x.css"> '
            f'url({canary["url"]}/bg.png) {canary["file"]}')
    short = f'<img src="file://{canary["file"]}"> <img src="{canary["url"]}/i.png">'
    assert len(short) <= 200 < len(text)
    path = tmp_path / "canary.journey.yaml"
    path.write_bytes(journey_with(q(short), title=q("Canary"), summary=q(text)))
    return path


def _svg_texts(svg: bytes) -> str:
    root = ET.fromstring(svg)
    for element in root.iter():
        assert not element.tag.endswith(("script", "foreignObject", "image")), element.tag
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), attribute
            if attribute.endswith("href"):
                assert value.startswith("#") or not value.startswith(("file:", "http", "/")), value
    return " ".join(" ".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))


@pytest.mark.graphviz
@pytest.mark.parametrize("name", VALID_CASES)
def test_render_shows_hostile_text_literally(name, tmp_path):
    out = tmp_path / "map.svg"
    result = run_cli("render", str(HERE / name), "-o", str(out))
    assert result.exit_code == 0, result.output
    texts = _svg_texts(out.read_bytes())
    assert "Pays" in texts and "Billing" in texts


@pytest.mark.graphviz
@pytest.mark.parametrize("name", sorted(n for n, (_, e) in CASES.items() if e != VALID))
def test_render_refuses_bad_input_without_output(name, tmp_path):
    out = tmp_path / "map.svg"
    result = run_cli("render", str(HERE / name), "-o", str(out))
    assert result.exit_code == 1 and not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.graphviz
def test_render_never_reads_or_fetches(canary, tmp_path):
    path = canary_journey(canary, tmp_path)
    for fmt in ("svg", "png", "pdf", "dot"):
        out = tmp_path / f"map.{fmt}"
        assert run_cli("render", str(path), "-o", str(out)).exit_code == 0
        assert canary["secret"].encode() not in out.read_bytes()
    assert canary["hits"] == []


@pytest.mark.pdf
@pytest.mark.graphviz
def test_brief_never_reads_fetches_or_attaches(canary, tmp_path):
    path = canary_journey(canary, tmp_path)
    pdf, html = tmp_path / "b.pdf", tmp_path / "b.html"
    assert run_cli("brief", str(path), "-o", str(pdf)).exit_code == 0
    assert run_cli("brief", str(path), "--html", "-o", str(html)).exit_code == 0
    data = pdf.read_bytes()
    assert canary["secret"].encode() not in data and b"/EmbeddedFile" not in data
    assert canary["hits"] == []
    page = html.read_text()
    assert "<img src=\"file" not in page and "&lt;img src=" in page


@pytest.mark.pdf
@pytest.mark.graphviz
def test_the_pdfs_of_text_holding_line_and_paragraph_separators(tmp_path):
    """A space then U+2029 in any text stopped WeasyPrint ("Got ' \\u2029' between two lines"):
    brief and portfolio failed with exit 3 on a valid journey (audit FG). Each separator is a line's end."""
    pdf = tmp_path / "b.pdf"
    result = run_cli("brief", str(HERE / "line-separators.yaml"), "-o", str(pdf))
    assert result.exit_code == 0, result.output
    text = " ".join(page.raw for page in read_pages(pdf.read_bytes()))
    assert "Dept A B and C D" in text
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "a.journey.yaml").write_bytes((HERE / "line-separators.yaml").read_bytes())
    result = run_cli("portfolio", str(folder), "-o", str(tmp_path / "p.pdf"))
    assert result.exit_code == 0, result.output


@pytest.mark.pdf
@pytest.mark.graphviz
@pytest.mark.parametrize("name", ["html-script.yaml", "jinja-expression.yaml", "dot-html-label.yaml",
                                  "html-markup-title.yaml", "escaped-control-char.yaml", "bidi-override.yaml"])
def test_brief_of_hostile_text(name, tmp_path):
    out = tmp_path / "b.html"
    result = run_cli("brief", str(HERE / name), "--html", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "<script>alert" not in page and "<h1 onmouseover" not in page
    if name == "jinja-expression.yaml":
        assert "{{ 7*7 }}" in page


@pytest.mark.pdf
@pytest.mark.graphviz
def test_a_printed_map_in_parts_with_control_characters_in_lane_and_stage_names(tmp_path):
    """The map's parts write lane and stage names themselves (a fold strip, a cut stage's heading,
    the part's label): "A\\x01", which the map shows as "A␁", stopped the PDF briefing with an XML
    parse error and a traceback, and build with it, once a map printed in four parts (audit AX)."""
    stages = "\n".join(f"  - {{name: {q(f'Stage {n}' + chr(1))}, touchpoints: [{{name: T{n}, department: a}}, "
                       f"{{name: U{n}, department: b}}]}}" for n in range(6))
    text = (f"journeymap: 1\ntitle: T\ndepartments:\n  - {{id: a, name: {q('Lane' + chr(1))}}}\n"
            f"  - {{id: b, name: \"B\\uffff\"}}\n  - {{id: c, name: C}}\nstages:\n{stages}\n")
    src, out = tmp_path / "ctl.journey.yaml", tmp_path / "ctl.pdf"
    src.write_text(text, encoding="utf-8")
    result = run_cli("brief", str(src), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.graphviz
@pytest.mark.parametrize("text", ["\ue000" * 6, "\x10" * 6, "\U000f0000" * 4,
                                  "\U000f0000" * 150])
def test_characters_drawn_as_hex_boxes_fit_their_box(text, tmp_path):
    """Private-use characters, and control characters (drawn as pictures DejaVu Sans lacks), are
    drawn as boxes of hex digits, wider than the em the map measured them at: Graphviz warned "size
    too small for label" of a valid journey (SPEC 4.1; audit AX)."""
    src = tmp_path / "boxes.journey.yaml"
    src.write_text("journeymap: 1\ntitle: G\ndepartments: [{name: Lane 1}]\nstages:\n- name: C\n  touchpoints:\n"
                   f"  - {{name: {q('G' + text)}, department: lane-1, channel: {q(text)}}}\n", encoding="utf-8")
    result = run_cli("render", str(src), "-o", str(tmp_path / "m.svg"))
    assert result.exit_code == 0 and "Warning" not in result.stderr, result.stderr


@pytest.mark.graphviz
@pytest.mark.parametrize("name", ["\U0001f680" * 150, "\U0001f1ec\U0001f1e7" * 100, "\U000f0000" * 200])
def test_a_moments_name_of_many_lines_of_boxes_fits_its_box(name, tmp_path):
    """Each line of a name drawn as boxes of hex digits was planned 17.5 pt high and written
    HEIGHT="18": 38 lines of a moment of truth's name of 150 emoji ran 19 pt past its box, and
    Graphviz warned "size too small for label" of a valid journey (audit FG)."""
    src = tmp_path / "boxes.journey.yaml"
    src.write_text("journeymap: 1\ntitle: E\nowner: o\ndepartments: [{id: a, name: A, lead: L}]\nstages:\n"
                   "- {id: s, name: S, owner: o, feedback: [f], touchpoints: [{id: t1, name: " + q(name) +
                   ", department: a, reliability: reliable, moment_of_truth: true, metric: m, expectation: e}]}\n",
                   encoding="utf-8")
    result = run_cli("render", str(src), "-o", str(tmp_path / "m.svg"))
    assert result.exit_code == 0 and "Warning" not in result.stderr, result.stderr


def test_the_build_index_and_the_live_preview_drop_bidi_overrides(tmp_path: Path):
    """The briefing and the portfolio dropped a U+202E in a name; the build's index and the live
    preview's pages printed it, reversing what followed it on the pages reviewers read (review BM)."""
    from journeymap.serve.pages import index_page, journey_page
    from journeymap.serve.state import Workspace

    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "b.journey.yaml").write_bytes((HERE / "bidi-override.yaml").read_bytes())
    assert run_cli("build", str(maps), "-o", str(tmp_path / "out"), "--formats", "json").exit_code == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "\u202e" not in index and "Refund redro now" in index
    workspace = Workspace(str(maps), renderer=lambda c: (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "{}"))
    workspace.sync()
    (result,) = workspace.results()
    for page in (index_page([result], str(maps)), journey_page(result, str(maps))):
        assert "\u202e" not in page and "Refund redro now" in page
