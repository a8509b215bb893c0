"""``journeymap serve``: routes, 404s, live updates over Server-Sent Events, broken saves, Ctrl-C.

Servers listen on 127.0.0.1 on a free port; every wait is bounded.
"""

from __future__ import annotations

import http.client
import json
import xml.etree.ElementTree as ET
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import pytest

from conftest import FIXTURES, MAPS, ROOT
from journeymap.serve.app import Preview

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate_journey  # noqa: E402

pytestmark = pytest.mark.graphviz
WAIT = 10.0
BROKEN = "journeymap: 1\ntitle: Broken\ndepartments: 7\nstages: []\n"


@contextmanager
def preview(root: Path, host: str = "127.0.0.1", renderer: Any = None) -> Iterator[Preview]:
    """A live preview of ``root`` served from a thread (``renderer``: one standing in for the API's)."""
    server = Preview(str(root), host, 0) if renderer is None else Preview(str(root), host, 0, renderer=renderer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.close()
        thread.join(timeout=WAIT)
        assert not thread.is_alive()


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=WAIT) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def raw(server: Preview, target: str, host: str | None = None) -> tuple[int, bytes]:
    """A request with the target sent exactly as given (no normalisation)."""
    port = server.server.server_address[1]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        conn.putrequest("GET", target, skip_host=host is not None)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


class Stream:
    """The ``/events`` stream read in a thread; ``next()`` gives each ``data:`` value.

    It ends when the server stops (closing it from here would wait for the reading thread).
    """

    def __init__(self, url: str) -> None:
        self.response = urllib.request.urlopen(url + "events", timeout=WAIT)
        self.lines: queue.Queue[str] = queue.Queue()
        self.connected = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.connected.wait(WAIT)

    def _read(self) -> None:
        try:
            for line in self.response:
                text = line.decode("utf-8").rstrip("\n")
                if text == ": connected":
                    self.connected.set()
                if text.startswith("data: "):
                    self.lines.put(text[len("data: "):])
        except (OSError, ValueError):
            pass

    def next(self, timeout: float = WAIT) -> str:
        return self.lines.get(timeout=timeout)

    def until(self, wanted: str, timeout: float = WAIT) -> list[str]:
        """Every event up to and including ``wanted``."""
        seen: list[str] = []
        deadline = time.monotonic() + timeout
        while not seen or seen[-1] != wanted:
            seen.append(self.lines.get(timeout=max(0.01, deadline - time.monotonic())))
        return seen


def save(path: Path, text: str) -> None:
    """Save as an editor does: write a temporary file beside it, then rename it over."""
    temporary = path.with_name(path.name + ".saving~")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _examples(root: Path) -> Path:
    root.mkdir()
    for name in ("journeymap.yaml", "home-claim.journey.yaml", "newsletter-subscriber.journey.yaml"):
        shutil.copy(MAPS / name, root / name)
    return root


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return _examples(tmp_path / "maps")


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One server for the tests that only read."""
    with preview(_examples(tmp_path_factory.mktemp("shared") / "maps")) as server:
        yield server


def test_routes(shared: Preview):
    with nullcontext(shared) as server:
        status, headers, body = get(server.url)
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        page = body.decode()
        assert 'href="/j/home-claim"' in page and 'href="/j/newsletter-subscriber"' in page
        csp = headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp and "script-src 'sha256-" in csp and "http" not in csp
        status, headers, body = get(server.url + "j/home-claim")
        assert status == 200 and b'id="map"' in body and b'id="tp-' in body
        assert not re.search(rb"""(src|href)=["']?(https?:)?//""", body), "external reference in the page"
        status, headers, svg = get(server.url + "j/home-claim.svg")
        assert status == 200 and headers["Content-Type"] == "image/svg+xml" and b"<svg" in svg
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
        status, headers, data = get(server.url + "j/home-claim.json")
        assert status == 200 and json.loads(data)["journey"]["id"] == "home-claim"


@pytest.mark.parametrize("target", [
    "/j/../../etc/passwd", "/j/..%2f..%2fetc%2fpasswd", "/j/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd", "/j/home-claim.svg/../x", "/j/home-claim/../../etc/passwd",
    "/j/home-claim/", "/j/home-claim.yaml", "/j/home-claim.journey.yaml", "/j/HOME-CLAIM", "/j/home-claim.png",
    "/j/home-claim%2esvg", "/j/home-claim%00.svg", "/j/", "/j", "/j/nope", "/maps/home-claim.journey.yaml",
    "/home-claim.journey.yaml", "//etc/passwd", "/index.html", "/events/", "/favicon.ico", "/panzoom.js",
    "/templates/panzoom.js", "/j/home-claim.svg.json", "/j/-home-claim", "/j/home-claim;.svg",
    "http://127.0.0.1/j/home-claim", "http://example.com/../../etc/passwd", "*", "j/home-claim",
    "/j/home-claim\\..\\..\\etc\\passwd", "/j/%68ome-claim",
])
def test_everything_else_is_404(shared: Preview, target: str):
    status, body = raw(shared, target)
    assert status == 404, target
    assert b"root:" not in body and b"journeymap: 1" not in body  # no file's text (/j/nope is a page that waits for one)
    assert b'<a href="/">' in body  # the way back (audit EJ: a bare "not found")


def test_only_loopback_host_names_are_answered(shared: Preview):
    with nullcontext(shared) as server:
        assert raw(server, "/", host="evil.example")[0] == 403
        assert raw(server, "/j/home-claim.svg", host="evil.example:80")[0] == 403
        assert raw(server, "/", host="localhost:1234")[0] == 200
        assert raw(server, "/", host="[::1]:80")[0] == 200


def test_a_save_sends_its_id_and_the_new_map(tmp_path: Path):
    path = tmp_path / "gen.journey.yaml"
    text = generate_journey(30)
    path.write_text(text, encoding="utf-8")
    with preview(tmp_path) as server:
        stream = Stream(server.url)
        renders = server.workspace.renders
        start = time.perf_counter()
        save(path, text.replace("Touch-point 7 where the customer does a thing", "Zebra crossing"))
        events = stream.until("gen-30")
        status, _, svg = get(server.url + "j/gen-30.svg")
        latency = time.perf_counter() - start
    assert "*" not in events
    assert status == 200 and b"Zebra crossing" in svg
    assert server.workspace.renders == renders + 1
    print(f"\nsave -> SSE event -> new SVG fetched: {latency * 1000:.0f} ms (30 touch-points)")
    assert latency < 5


def test_a_registry_change_redraws_the_journeys_that_use_it(folder: Path):
    """Editing the project file's department name shows up on the maps whose lanes come from it."""
    with preview(folder) as server:
        stream = Stream(server.url)
        project = folder / "journeymap.yaml"
        text = project.read_text(encoding="utf-8")
        assert "Contact centre" in text
        save(project, text.replace("Contact centre", "Customer care hub", 1))
        stream.until("newsletter-subscriber")
        status, _, svg = get(server.url + "j/newsletter-subscriber.svg")
        assert status == 200 and b"Customer care hub" in svg


def test_a_project_file_above_path_is_watched_too(folder: Path):
    """serve maps/sub: the registry in maps/journeymap.yaml applies (SPEC 1.2), so its edits redraw."""
    sub = folder / "sub"
    sub.mkdir()
    shutil.move(str(folder / "newsletter-subscriber.journey.yaml"), sub)
    with preview(sub) as server:
        stream = Stream(server.url)
        project = folder / "journeymap.yaml"
        save(project, project.read_text(encoding="utf-8").replace("Contact centre", "Customer care hub", 1))
        stream.until("newsletter-subscriber")
        status, _, svg = get(server.url + "j/newsletter-subscriber.svg")
        assert status == 200 and b"Customer care hub" in svg
        save(folder / "home-claim.journey.yaml", "not watched: outside PATH and not a project file\n")
        with pytest.raises(queue.Empty):
            stream.next(timeout=0.5)


def test_a_folder_removed_before_its_watch_begins_is_told_gone_and_watched_for(folder: Path, monkeypatch):
    """Under load, the folder went before the watcher began: watchfiles raised FileNotFoundError, the
    watch thread ended, and the page was never told (a fresh clone's CI run failed on this)."""
    import watchfiles

    real, ready = watchfiles.watch, threading.Event()

    def late(path, *args, **kwargs):  # the folder goes as the watch begins
        if Path(path) == folder and folder.exists():
            assert ready.wait(WAIT)
            shutil.rmtree(folder)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(watchfiles, "watch", late)
    server, thread, _, _ = _told_gone(folder, ready.set)
    server.close()
    thread.join(timeout=WAIT)


def _told_gone(folder: Path, remove: Callable[[], None],
               root: str | None = None) -> tuple[Preview, threading.Thread, Stream, list[str]]:
    """A preview of ``folder`` (named ``root``, else by its path) and its event stream, once
    ``remove`` has made the folder go and the page and the watcher have said so; the caller closes
    the preview (it is closed here on failure)."""
    told: list[str] = []
    server = Preview(root or str(folder), "127.0.0.1", 0, on_error=lambda exc: told.append(str(exc)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        stream = Stream(server.url)
        remove()
        stream.until("*")
        assert server.workspace.results() == []
        deadline = time.monotonic() + WAIT  # (a folder made again at once is only another folder: no word)
        while not any("was removed; watching for it to come back" in t for t in told):
            assert time.monotonic() < deadline, told
            time.sleep(0.05)
    except BaseException:
        server.close()
        thread.join(timeout=WAIT)
        raise
    return server, thread, stream, told


def test_a_folder_removed_and_made_again_is_watched_again(folder: Path):
    """`rm -rf maps && git checkout maps` ended the folder's watch for good: the preview served
    nothing until restarted, without a word (audit BX)."""
    copy = folder.parent / "copy"
    shutil.copytree(folder, copy)
    server, thread, stream, told = _told_gone(folder, lambda: shutil.rmtree(folder))
    try:
        shutil.copytree(copy, folder)
        stream.until("*")
        assert len(server.workspace.results()) == len(list(copy.glob("*.journey.yaml")))
        path = folder / "home-claim.journey.yaml"
        save(path, path.read_text(encoding="utf-8").replace("Filing a home-insurance claim", "Claiming", 1))
        deadline = time.monotonic() + WAIT  # (events of the copy's own files may come first)
        while not getattr(server.workspace.get("home-claim"), "title", "").startswith("Claiming"):
            assert time.monotonic() < deadline, "the edit after the folder came back was not seen"
            stream.until("home-claim")
        assert any("is back; watching it again" in t for t in told), told
    finally:
        server.close()
        thread.join(timeout=WAIT)


def test_the_current_folder_removed_and_made_again_is_served_again(folder: Path, monkeypatch):
    """`serve .` went on in the folder removed, found no journey in the one made again, and every
    request failed with a traceback and an empty reply until restarted (audit FL): it goes back
    into the folder by its path, and answers 503 while it is gone."""
    copy = folder.parent / "copy"
    shutil.copytree(folder, copy)
    monkeypatch.chdir(folder)
    server, thread, stream, told = _told_gone(folder, lambda: shutil.rmtree(folder), root=".")
    try:
        status, _ = raw(server, "/")
        assert status == 503
        shutil.copytree(copy, folder)
        stream.until("*")
        assert len(server.workspace.results()) == len(list(copy.glob("*.journey.yaml")))
        status, body = raw(server, "/j/home-claim")
        assert status == 200 and b"Filing a home-insurance claim" in body
        path = folder / "home-claim.journey.yaml"
        save(path, path.read_text(encoding="utf-8").replace("Filing a home-insurance claim", "Claiming", 1))
        deadline = time.monotonic() + WAIT
        while not getattr(server.workspace.get("home-claim"), "title", "").startswith("Claiming"):
            assert time.monotonic() < deadline, "the edit after the folder came back was not seen"
            stream.until("home-claim")
    finally:
        server.close()
        thread.join(timeout=WAIT)


def test_unchanged_bytes_are_not_rendered_again(folder: Path):
    with preview(folder) as server:
        stream = Stream(server.url)
        renders = server.workspace.renders
        claim = folder / "home-claim.journey.yaml"
        save(claim, claim.read_text(encoding="utf-8"))  # same bytes
        news = folder / "newsletter-subscriber.journey.yaml"
        text = news.read_text(encoding="utf-8")
        save(news, text + "# a comment\n")  # new bytes, drawn again; the same page: no event (SPEC 7)
        deadline = time.monotonic() + WAIT
        while server.workspace.renders == renders and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.workspace.renders == renders + 1
        save(news, text.replace("title: ", "title: The ", 1))
        assert stream.until("newsletter-subscriber") == ["newsletter-subscriber"]
        assert server.workspace.renders == renders + 2
        with pytest.raises(queue.Empty):
            stream.next(timeout=0.5)  # one event, for the second save


def test_a_broken_save_keeps_the_last_good_map_and_a_fix_recovers(folder: Path):
    claim = folder / "home-claim.journey.yaml"
    good = claim.read_text(encoding="utf-8")
    with preview(folder) as server:
        stream = Stream(server.url)
        _, _, svg_before = get(server.url + "j/home-claim.svg")
        save(claim, good.replace("departments:\n", "departments: 7\nx-old:\n", 1))
        assert stream.until("home-claim")[-1] == "home-claim"
        status, _, page = get(server.url + "j/home-claim")
        text = page.decode()
        assert status == 200 and "E005" in text and "map is stale" in text and 'class="map-frame legend-below stale"' in text
        # "1 error, 0 warnings" read as a clean bill for checks that wait for the fix (audit CO), as `check` says it
        assert re.search(r"Findings <span class=\"muted\">\d+ errors?, warnings checked once (it is|they are) fixed</span>", text), re.findall("Findings <span.*?</span>", text)
        line = next(i for i, row in enumerate(good.splitlines(), 1) if row.startswith("departments:"))
        assert f"line {line}, column 14" in text
        # the first error is said at the top, where the eye is after a save, not only under the map (audit BP)
        status = text.split('id="status"', 1)[1].split("</div>", 1)[0]
        said = re.search(r'<p class="first-error">(.*?)</p>', status, re.S)
        assert said and re.sub(r"<[^>]+>", "", said.group(1)).startswith(f"The first, at line {line}, column 14: ")
        assert re.search(rf'<span class="target"><span class="ln">\s*{line}</span> departments: 7</span>', text)
        # the last good map and export, still served, marked stale as the page marks them (audits AO, AP)
        _, headers, svg_stale = get(server.url + "j/home-claim.svg")
        assert re.fullmatch(r"the journey file has \d+ errors; this is its last good version", headers["X-Journeymap-Stale"])
        root = ET.fromstring(svg_stale)
        mark = root.find("{http://www.w3.org/2000/svg}g[@id='stale-mark']")
        assert mark is not None and "".join(mark.itertext()).startswith("Stale: the journey file has ")
        assert svg_before.split(b"<g id=")[1] in svg_stale  # the map as it was, a band above it
        assert float(root.get("height", "0pt")[:-2]) == float(ET.fromstring(svg_before).get("height", "0pt")[:-2]) + 26
        _, headers, export = get(server.url + "j/home-claim.json")
        assert json.loads(export)["journey"]["id"] == "home-claim" and "X-Journeymap-Stale" in headers
        listing = get(server.url)[2].decode()
        assert '<span class="state stale">✖ errors: map is stale</span>' in listing  # an error's mark (audit DU)
        row = listing[listing.index('id="row-home-claim"'):]
        assert '<span class="muted" title="Checked once its errors are fixed">not yet checked</span>' in row[:row.index("</tr>")]
        save(claim, good.replace("Calls the 24-hour claims hotline", "Rings the hotline"))
        assert stream.until("home-claim")[-1] == "home-claim"
        _, _, page = get(server.url + "j/home-claim")
        assert b"stale" not in page.split(b"<main>")[1] and b"up to date" in page
        _, headers, svg_after = get(server.url + "j/home-claim.svg")
        assert svg_after != svg_before and b"Rings the hotline" in svg_after
        assert "X-Journeymap-Stale" not in headers and b"stale-mark" not in svg_after


def test_a_journey_broken_from_the_start_has_a_page_but_no_map(tmp_path: Path):
    (tmp_path / "bad.journey.yaml").write_text(BROKEN, encoding="utf-8")
    with preview(tmp_path) as server:
        status, _, page = get(server.url + "j/bad")
        assert status == 200 and b"No map yet" in page and b"line 3, column 14" in page
        assert get(server.url + "j/bad.svg")[0] == 404 and get(server.url + "j/bad.json")[0] == 404


def test_files_added_and_removed_change_the_listing(folder: Path):
    with preview(folder) as server:
        stream = Stream(server.url)
        extra = folder / "sub" / "small.journey.yaml"
        extra.parent.mkdir()
        shutil.copy(ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml", extra)
        assert "*" in stream.until("small")
        assert get(server.url + "j/small")[0] == 200 and b"/j/small" in get(server.url)[2]
        extra.unlink()
        assert stream.until("*") == ["*"]
        assert get(server.url + "j/small")[0] == 404


def test_the_same_id_twice_gets_a_second_address(folder: Path):
    shutil.copy(folder / "home-claim.journey.yaml", folder / "copy.journey.yaml")
    (folder / "journeymap.yaml").unlink()  # the small journey's departments are not the registry's
    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    (folder / "odd.journey.yaml").write_text(small.replace("title:", "id: odd_id-\ntitle:", 1), encoding="utf-8")
    with preview(folder) as server:
        ids = [r.id for r in server.workspace.results()]
        # the copy at the name build gives its outputs: -2 could be another journey's id (audit CH)
        assert sorted(ids) == ["home-claim", "home-claim@copy", "newsletter-subscriber", "odd_id-"]
        assert get(server.url + "j/home-claim@copy")[0] == 200
        assert get(server.url + "j/odd_id-")[0] == 200 and get(server.url + "j/odd_id-.svg")[0] == 200


def _start(args: list[str], cwd: Path) -> tuple[subprocess.Popen[str], str]:
    # -X faulthandler: a hang is told by SIGABRT with every thread's stack (see _stopped). SIGINT as
    # a terminal gives it: a suite started in the background (`make test &`, as a CI runner may)
    # has SIGINT ignored, the child inherits that, and Ctrl-C rightly did nothing (two CI runs)
    process = subprocess.Popen([sys.executable, "-X", "faulthandler", "-m", "journeymap", "serve", *args], cwd=cwd,
                               text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stdout is not None
    line = process.stdout.readline()  # the start-up message, or "" when it failed
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if match is None:
        process.kill()
        raise AssertionError(f"no URL in {line!r}; stderr: {process.communicate(timeout=WAIT)[1]}")
    assert "bound to 127.0.0.1 only" in line
    return process, match.group(0)


def _stopped(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Its output once it has ended; if it has not within WAIT, every thread's stack in the failure
    (two CI runs had no "stopped" line 10 s after SIGINT, never seen here since)."""
    try:
        return process.communicate(timeout=WAIT)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        _, err = process.communicate(timeout=WAIT)
        raise AssertionError(f"still running {WAIT:g} s after the signal; its threads:\n{err}") from None


def test_the_command_says_where_it_listens_and_ctrl_c_stops_it(folder: Path):
    process, url = _start([str(folder), "--port", "0"], folder.parent)
    try:
        assert get(url)[0] == 200
        Stream(url)  # an open event stream, which must not keep it from stopping
        process.send_signal(signal.SIGINT)
        out, err = _stopped(process)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err and "stopped" in err


def test_maps_is_the_default_path_and_a_missing_path_is_a_usage_error(folder: Path):
    process, url = _start(["--port", "0"], folder.parent)
    try:
        assert get(url + "j/home-claim")[0] == 200
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=WAIT)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    done = subprocess.run([sys.executable, "-m", "journeymap", "serve", "no-such-folder"], cwd=folder,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_a_port_in_use_is_a_usage_error(folder: Path):
    with preview(folder) as server:
        port = str(server.server.server_address[1])
        done = subprocess.run([sys.executable, "-m", "journeymap", "serve", str(folder), "--port", port],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "choose another --port" in done.stderr and "Traceback" not in done.stderr


class CountingRenderer:
    """Stands in for Graphviz: counts the renders, or fails when told to."""

    def __init__(self) -> None:
        self.calls = 0
        self.fail = False

    def __call__(self, checked):  # type: ignore[no-untyped-def]
        self.calls += 1
        if self.fail:
            raise RuntimeError("dot crashed")
        assert checked.journey is not None
        return f"<svg><title>{checked.journey.title}</title></svg>".encode(), "{}"


def _small(warned: bool = False) -> str:
    """The small valid fixture's text; ``warned``: without its moment of truth's metric (W107)."""
    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    return small.replace("        metric: Conversion\n", "", 1) if warned else small


def _small_workspace(folder: Path, text: Optional[str] = None) -> tuple[Path, Any]:
    """``folder/a.journey.yaml`` holding ``text`` (the small fixture by default), and a workspace
    over ``folder`` with a counting renderer, synchronised once."""
    from journeymap.serve.state import Workspace

    path = folder / "a.journey.yaml"
    path.write_text(text if text is not None else _small(), encoding="utf-8")
    workspace = Workspace(str(folder), CountingRenderer())
    workspace.sync()
    return path, workspace


def test_the_workspace_renders_only_new_contents(tmp_path: Path):
    from journeymap.serve.state import Workspace

    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    path = tmp_path / "a.journey.yaml"
    path.write_text(small, encoding="utf-8")
    renderer = CountingRenderer()
    workspace = Workspace(str(tmp_path), renderer)
    assert workspace.sync().events() == ["*", "a"] and renderer.calls == 1
    assert workspace.sync([str(path)]).events() == [] and renderer.calls == 1  # same bytes
    path.write_text(small.replace("Small test journey", "Second"), encoding="utf-8")
    assert workspace.sync([str(path)]).events() == ["a"] and renderer.calls == 2
    path.write_text(small, encoding="utf-8")  # undo: from the cache
    assert workspace.sync([str(path)]).events() == ["a"] and renderer.calls == 2
    result = workspace.get("a")
    assert result is not None and result.svg == b"<svg><title>Small test journey</title></svg>"


def test_a_save_to_a_journey_listed_under_a_link_to_it_is_seen(tmp_path: Path):
    """A journey and a link to it in one folder: the scan keeps the file's own path, b.journey.yaml
    (audit EG: it kept the link, a.journey.yaml, that sorts first). A save reported under the
    other path was compared with the kept one's and dropped: the page kept the old title until a
    full re-read (review EB)."""
    from journeymap.serve.state import Workspace

    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    target = tmp_path / "b.journey.yaml"
    target.write_text(small, encoding="utf-8")
    (tmp_path / "a.journey.yaml").symlink_to("b.journey.yaml")
    workspace = Workspace(str(tmp_path), CountingRenderer())
    assert workspace.sync().events() == ["*", "b"]
    target.write_text(small.replace("Small test journey", "Second"), encoding="utf-8")
    assert workspace.sync([str(tmp_path / "a.journey.yaml")]).events() == ["b"]
    result = workspace.get("b")
    assert result is not None and b"Second" in result.svg


def test_a_save_that_changes_nothing_the_page_shows_sends_no_event(tmp_path: Path):
    """SPEC 7: an event each time a journey's result changes. A comment added at the end changed
    the bytes and sent one, though the map, the data and the findings were the same (audit AI);
    a comment beside a finding changes the lines the page quotes there, and still sends one."""
    from journeymap.api import load

    small = _small(warned=True)
    path, workspace = _small_workspace(tmp_path, small)
    path.write_text(small + "# a note to self\n", encoding="utf-8")
    assert workspace.sync([str(path)]).events() == []
    result = workspace.get("a")
    assert result is not None and result.source.endswith("# a note to self\n")  # kept all the same
    finding = load(path).findings[0]
    lines = small.splitlines(keepends=True)
    lines.insert(finding.line, "# beside the finding\n")
    path.write_text("".join(lines), encoding="utf-8")
    assert workspace.sync([str(path)]).events() == ["a"]


def test_an_edit_of_the_project_file_lines_a_page_quotes_sends_an_event(tmp_path: Path):
    """The page quotes the project file around its findings; editing those lines sent no event,
    and open pages kept the old lines (audit AK)."""
    from journeymap.serve.state import Workspace

    project = tmp_path / "journeymap.yaml"
    project.write_text("project: 1\norganisation: Test\ndepartments:\n  - {id: sales, name: Sales, lead: Sam}\n"
                       "# a comment\nbogus: 1\n", encoding="utf-8")
    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.journey.yaml").write_text(small, encoding="utf-8")
    workspace = Workspace(str(tmp_path), CountingRenderer())
    workspace.sync()
    result = workspace.get("a")
    assert result is not None and any(f.path == str(project) and f.line == 6 for f in result.checked.findings)
    project.write_text(project.read_text(encoding="utf-8").replace("# a comment", "# a comment, edited"),
                       encoding="utf-8")
    assert workspace.sync([str(project)]).events() == ["a"]


def test_a_comment_edited_in_the_project_file_sends_no_event(tmp_path: Path):
    """A comment edited in the project file sent an event for every journey, though no page
    changed (SPEC 7: one event each time a journey's result changes; audit DQ). An edit that
    changes a map still sends one."""
    from journeymap.serve.state import Workspace

    project = tmp_path / "journeymap.yaml"
    project.write_text("project: 1\norganisation: Test\n# a comment\ndepartments:\n"
                       "  - {id: sales, name: Sales, lead: Sam}\n", encoding="utf-8")
    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.journey.yaml").write_text(small, encoding="utf-8")
    (tmp_path / "b.journey.yaml").write_text(small, encoding="utf-8")
    renderer = CountingRenderer()
    workspace = Workspace(str(tmp_path), renderer)
    workspace.sync()
    assert workspace.get("a") is not None and workspace.get("a").checked.ok
    project.write_text(project.read_text(encoding="utf-8").replace("# a comment", "# a comment, edited"),
                       encoding="utf-8")
    assert workspace.sync([str(project)]).events() == []
    project.write_text(project.read_text(encoding="utf-8") + "bogus: 1\n", encoding="utf-8")
    assert sorted(workspace.sync([str(project)]).events()) == sorted(r.id for r in workspace.results())


def test_a_failed_render_keeps_the_last_map_and_says_why(tmp_path: Path):
    from journeymap.serve.state import Workspace

    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    path = tmp_path / "a.journey.yaml"
    path.write_text(small, encoding="utf-8")
    renderer = CountingRenderer()
    workspace = Workspace(str(tmp_path), renderer)
    workspace.sync()
    renderer.fail = True
    path.write_text(small.replace("Small test journey", "Second"), encoding="utf-8")
    workspace.sync([str(path)])
    result = workspace.get("a")
    assert result is not None and result.problem == "dot crashed" and result.stale
    assert result.svg == b"<svg><title>Small test journey</title></svg>" and result.title == "Second"
    renderer.fail = False
    path.touch()  # the same bytes again: a failed map is tried again
    assert workspace.sync([str(path)]).events() == ["a"]
    result = workspace.get("a")
    assert result is not None and result.problem is None and not result.stale
    assert result.svg == b"<svg><title>Second</title></svg>"


def test_a_file_that_cannot_be_read_is_an_error_on_its_page_its_map_kept_stale(tmp_path: Path, monkeypatch):
    """A file the server could not read was left out without a word, or its last version shown as
    up to date (audit BX). (As root every file reads: the refusal is simulated.)"""
    from journeymap.serve import state
    from journeymap.serve.pages import journey_page

    path, workspace = _small_workspace(tmp_path)
    real = state.read_regular
    refused = {str(path), str(tmp_path / "b.journey.yaml")}

    def read(name: Any, *args: Any) -> bytes:
        if str(name) in refused:
            raise PermissionError(13, "Permission denied", str(name))
        return real(name, *args)

    monkeypatch.setattr(state, "read_regular", read)
    path.write_text(_small().replace("Small test journey", "Second"), encoding="utf-8")
    (tmp_path / "b.journey.yaml").write_text(_small(), encoding="utf-8")
    assert workspace.sync([str(path)]).events() == ["*", "a", "b"]
    a, b = workspace.get("a"), workspace.get("b")
    assert a is not None and a.errors == 1 and a.stale and a.svg is not None
    assert "cannot read the file: Permission denied" in journey_page(a)
    assert b is not None and b.errors == 1 and b.svg is None
    assert workspace.sync([str(path)]).events() == []  # still refused: nothing new to tell
    monkeypatch.setattr(state, "read_regular", real)
    assert workspace.sync([str(path)]).events() == ["a"]
    a = workspace.get("a")
    assert a is not None and a.errors == 0 and not a.stale and a.title == "Second"


def test_a_map_that_never_drew_says_why_not_to_fix_findings(tmp_path: Path):
    from journeymap.serve.pages import journey_page
    from journeymap.serve.state import Workspace

    shutil.copy(ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml", tmp_path / "a.journey.yaml")
    renderer = CountingRenderer()
    renderer.fail = True
    workspace = Workspace(str(tmp_path), renderer)
    workspace.sync()
    result = workspace.get("a")
    assert result is not None and result.svg is None
    page = journey_page(result)
    assert "No map yet: it could not be drawn (dot crashed)." in page and "fix the errors" not in page


def test_the_page_tells_text_yaml_reads_shorter_than_written(tmp_path: Path):
    """A name cut at ' #2' (a comment) is valid YAML, so no finding: the page says so in a note,
    with the line, as check does on stderr (audit AB)."""
    from journeymap.serve.pages import journey_page
    from journeymap.serve.state import Workspace

    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.journey.yaml").write_text(small, encoding="utf-8")
    (tmp_path / "b.journey.yaml").write_text(small.replace("name: Visits shop", "name: Visits shop #2"), encoding="utf-8")
    workspace = Workspace(str(tmp_path), CountingRenderer())
    workspace.sync()
    plain, cut = workspace.get("a"), workspace.get("b")
    assert plain is not None and cut is not None and cut.errors == 0
    assert "Text that YAML reads shorter" not in journey_page(plain)
    page = journey_page(cut)
    assert "Text that YAML reads shorter than it is written" in page
    assert "line 16, column 15</span>: this value reads &#39;Visits shop&#39;: YAML reads &#39;#2&#39; as a comment" in page


def test_a_link_out_of_the_folder_is_not_served(tmp_path: Path):
    outside = tmp_path / "secret.journey.yaml"
    outside.write_text("journeymap: 1\ntitle: Secret\npassword: hunter2\n", encoding="utf-8")
    root = tmp_path / "maps"
    root.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml", root / "small.journey.yaml")
    (root / "link.journey.yaml").symlink_to(outside)
    with preview(root) as server:
        assert [r.id for r in server.workspace.results()] == ["small"]
        assert get(server.url + "j/link")[0] == 404 and get(server.url + "j/secret")[0] == 404
        assert b"hunter2" not in get(server.url)[2]
        assert server.workspace.skipped == (str(root / "link.journey.yaml"),)  # and the log says so (audit BX)
    from journeymap.serve.state import Workspace

    workspace = Workspace(str(root))
    (root / "link.journey.yaml").unlink()
    assert workspace.sync().skipped == ()
    (root / "later.journey.yaml").symlink_to(outside)
    assert workspace.sync([str(root / "later.journey.yaml")]).skipped == (str(root / "later.journey.yaml"),)
    assert workspace.sync().skipped == ()  # told once


def test_a_journey_swapped_for_a_fifo_after_the_scan_does_not_block(tmp_path: Path):
    """A save event for a path that is now a FIFO is skipped: reading it would wait for a writer forever."""
    path, workspace = _small_workspace(tmp_path)
    path.unlink()
    os.mkfifo(path)
    done: list[object] = []
    reader = threading.Thread(target=lambda: done.append(workspace._load(str(path), None)), daemon=True)
    reader.start()
    reader.join(timeout=5)
    assert done == [None]


def test_a_project_file_finding_names_the_project_file(tmp_path: Path):
    """The page sends people to the file the finding is in, not to the journey's same line."""
    from journeymap.serve.pages import journey_page
    from journeymap.serve.state import Workspace

    (tmp_path / "journeymap.yaml").write_text("project: 1\norganisation: Acme\ncolour: blue\n", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    (sub / "a.journey.yaml").write_text(small, encoding="utf-8")
    workspace = Workspace(str(sub), CountingRenderer())
    workspace.sync()
    result = workspace.get("a")
    assert result is not None
    page = journey_page(result)
    project = str(tmp_path / "journeymap.yaml")
    assert f"{project}:3:1" in page and f"{result.path}:3:1" not in page
    assert f"{project}, line 3, column 1" in page
    # all its errors are the project file's: said so, not "the file has 1 error" (audit AW)
    assert f"The project file {project} has 1 error (see Findings). The map appears when it is fixed." in page
    assert "The file has" not in page and "The last save" not in page


def test_the_journey_page_has_no_duplicate_ids(shared: Preview):
    """The page inlines the map; its own ids must not repeat the map's (the map has a group "title")."""
    from html.parser import HTMLParser

    class Ids(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.ids: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.ids += [value for name, value in attrs if name == "id" and value]

    status, _, body = get(shared.url + "j/home-claim")
    assert status == 200
    parser = Ids()
    parser.feed(body.decode("utf-8"))
    assert "title" in parser.ids  # the map's title group is inlined
    assert sorted(i for i in set(parser.ids) if parser.ids.count(i) > 1) == []


def test_on_all_addresses_outside_domain_names_are_refused(folder: Path):
    """With --host 0.0.0.0 the Host check was off: a page whose DNS points a domain at this machine
    (DNS rebinding) could read the journeys through the browser of someone editing them."""
    import socket

    from journeymap.serve.server import rebinding_safe

    with preview(folder, host="0.0.0.0") as server:
        assert raw(server, "/", host="evil.example")[0] == 403
        assert raw(server, "/", host="127.0.0.1.evil.example:80")[0] == 403
        assert raw(server, "/", host="192.0.2.7:8000")[0] == 200  # an address other machines use
        assert raw(server, "/", host=f"{socket.gethostname()}:8000")[0] == 200
        assert raw(server, "/", host="localhost")[0] == 200
    assert not rebinding_safe("192.0.2.7", "127.0.0.1")  # bound to loopback: loopback names only


def test_a_copy_never_takes_another_journeys_address_nor_the_original_s_on_a_restart(folder: Path):
    """A copy was served at home-claim-2, a journey whose id was home-claim-2 at home-claim-2-2,
    and a fresh server gave the plain address to whichever file sorted first, the copy (audit CH).
    The copy takes the name build gives its outputs; the file named after the id keeps it."""
    text = (folder / "home-claim.journey.yaml").read_text(encoding="utf-8")
    (folder / "a-copy.journey.yaml").write_text(text, encoding="utf-8")
    (folder / "real2.journey.yaml").write_text(text.replace("id: home-claim", "id: home-claim-2", 1), encoding="utf-8")
    for _ in range(2):  # a restart gives the same addresses
        with preview(folder) as server:
            by_id = {r.id: os.path.basename(r.path) for r in server.workspace.results()}
            page = get(server.url + "j/home-claim@a-copy")[2].decode("utf-8")
        assert by_id["home-claim"] == "home-claim.journey.yaml" and by_id["home-claim@a-copy"] == "a-copy.journey.yaml"
        assert by_id["home-claim-2"] == "real2.journey.yaml"
        assert "build names the outputs of both by their files" in page


def test_a_copy_saved_beside_an_open_journey_gets_the_second_address(folder: Path):
    """A copy that sorts first (a-draft.journey.yaml) took the id's plain address, so the open
    page switched to the draft and saves to the original no longer showed there (audit E)."""
    with preview(folder) as server:
        stream = Stream(server.url)
        shutil.copy(folder / "home-claim.journey.yaml", folder / "a-draft.journey.yaml")
        stream.until("*")
        by_id = {r.id: os.path.basename(r.path) for r in server.workspace.results()}
        assert by_id["home-claim"] == "home-claim.journey.yaml" and by_id["home-claim@a-draft"] == "a-draft.journey.yaml"
        save(folder / "a-draft.journey.yaml", (folder / "a-draft.journey.yaml").read_text(encoding="utf-8") + "\n# edited\n")
        stream.until("home-claim@a-draft")
        assert {r.id: os.path.basename(r.path) for r in server.workspace.results()} == by_id


def test_the_journey_page_counts_one_thing_in_the_singular(folder: Path):
    """A page said "1 stages" (audit E): the small journey has one hand-off."""
    shutil.copy(ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml", folder / "small.journey.yaml")
    (folder / "journeymap.yaml").unlink()
    with preview(folder) as server:
        page = get(server.url + "j/small")[2].decode("utf-8")
    headline = re.sub(r"<[^>]+>", "", page[page.index('id="headline"'):page.index("</ul>", page.index('id="headline"'))])
    assert "1 hand-off\n" in headline and "1 hand-offs" not in headline, headline


def test_renaming_a_journey_beside_its_copy_keeps_its_address(folder: Path):
    """With a copy at home-claim@z-copy, renaming the original gave its address to the copy, and the
    open page switched to it (review)."""
    with preview(folder) as server:
        stream = Stream(server.url)
        shutil.copy(folder / "home-claim.journey.yaml", folder / "z-copy.journey.yaml")
        stream.until("*")
        (folder / "home-claim.journey.yaml").rename(folder / "claim-renamed.journey.yaml")
        stream.until("*")
        by_id = {r.id: os.path.basename(r.path) for r in server.workspace.results()}
        assert by_id["home-claim"] == "claim-renamed.journey.yaml" and by_id["home-claim@z-copy"] == "z-copy.journey.yaml"


def test_a_project_file_finding_quotes_the_project_files_lines(folder: Path):
    """A project file's finding was listed without its lines: the page quoted the journey only
    (audit E). One under the served folder is quoted now."""
    project = folder / "journeymap.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    with preview(folder) as server:
        page = get(server.url + "j/home-claim")[2].decode("utf-8")
    findings = page[page.index('id="findings"'):]
    assert "journeymap.yaml, line" in findings and "colour: blue" in findings
    # and the page sends the reader to that file, not to the journey's (audit DA)
    said = re.search(r"Open a finding to see its line in ([^<]*)\.<", findings)
    assert said is not None and said.group(1).endswith("journeymap.yaml")


def test_a_method_other_than_get_or_head_is_refused_with_405(shared: Preview):
    """POST was http.server's 501 "Unsupported method" (audit H)."""
    request = urllib.request.Request(shared.url, data=b"x", method="POST")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 405 and caught.value.headers["Allow"] == "GET, HEAD"


def test_the_index_names_a_broken_project_file_as_the_cause(folder: Path):
    """Every journey showed errors on the index, and nothing said the project file was the cause (audit E)."""
    project = folder / "journeymap.yaml"
    project.write_text(project.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    with preview(folder) as server:
        page = re.sub(r"\s+", " ", get(server.url)[2].decode("utf-8"))
    assert f"The project file {project} has 1 error: the journeys under it show them" in page


def test_the_index_says_its_table_scrolls_and_breaks_paths_between_their_parts(folder: Path):
    """On a phone the journeys' table scrolled with no word of it, its paths broken mid-word
    ("busine|ss-ordering.journ|ey.yaml": audit DU), as the briefing and the portfolio do not."""
    with preview(folder) as server:
        page = get(server.url)[2].decode("utf-8")
    assert '<p class="scroll-hint" aria-hidden="true">Scroll sideways for the whole table' in page
    assert "home-claim<wbr>.journey<wbr>.yaml" in page


def test_a_save_made_while_the_first_scan_runs_is_not_lost(tmp_path: Path):
    """The watcher started after the first scan (seconds for a big folder): a save in between
    made no event, and the old map stayed until the next save (audit AH)."""
    import threading
    import time

    small = (ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    path = tmp_path / "small.journey.yaml"
    path.write_text(small, encoding="utf-8")
    counting = CountingRenderer()

    def slow(checked):  # type: ignore[no-untyped-def]
        if counting.calls == 0:
            path.write_text(small.replace("title: ", "title: Edited ", 1), encoding="utf-8")  # saved mid-scan
            time.sleep(0.3)
        return counting(checked)

    server = Preview(str(tmp_path), "127.0.0.1", 0, renderer=slow)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + WAIT
        while server.workspace.get("small").title.startswith("Edited ") is False and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.workspace.get("small").title.startswith("Edited "), server.workspace.get("small").title
    finally:
        server.close()
        thread.join(timeout=WAIT)


def test_head_of_the_event_stream_answers_as_get_does(shared: Preview):
    """HEAD /events was a 404 where GET is the stream (audit AH)."""
    request = urllib.request.Request(shared.url + "events", method="HEAD")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200 and response.headers["Content-Type"].startswith("text/event-stream")
        assert response.read() == b""


def test_ctrl_c_before_the_serving_loop_began_stops_at_once(tmp_path: Path):
    """An interrupt between starting the watcher and entering the loop left close() waiting for a
    loop that never ran (one CI run: no "stopped" line 10 s after Ctrl-C)."""
    import threading

    server = Preview(str(tmp_path), "127.0.0.1", 0)

    def interrupted(**_kwargs: object) -> None:
        raise KeyboardInterrupt

    server.server.serve_forever = interrupted  # type: ignore[method-assign]

    def serve_then_close() -> None:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            server.close()  # as the command does, in the thread that served

    thread = threading.Thread(target=serve_then_close, daemon=True)
    thread.start()
    thread.join(timeout=5)
    assert not thread.is_alive()


def test_the_index_names_the_current_folder_by_its_name(tmp_path: Path, monkeypatch):
    """`journeymap serve .` headed its index "Journeys in ." (audit AP)."""
    from journeymap.serve.pages import shown_root

    folder = tmp_path / "team-journeys"
    folder.mkdir()
    monkeypatch.chdir(folder)
    assert shown_root(".") == shown_root("./") == "team-journeys"
    assert shown_root("maps") == "maps" and shown_root(str(folder)) == str(folder)


def test_listening_on_every_interface_gives_an_address_a_browser_opens(tmp_path: Path):
    """`--host 0.0.0.0` printed http://0.0.0.0:PORT/ as the page to open (audit BG)."""
    (tmp_path / "maps").mkdir()
    with preview(tmp_path / "maps", host="0.0.0.0") as server:
        assert server.url.startswith("http://127.0.0.1:")
        status, _, body = get(server.url)
        assert status == 200 and b"journey" in body.lower()


def test_a_port_in_use_is_told_before_any_journey_is_rendered(tmp_path: Path):
    """Every journey was checked and drawn before the port was asked for, so a port in use was
    told only after all of it (review BM)."""
    import socket

    (tmp_path / "a.journey.yaml").write_text((MAPS / "home-claim.journey.yaml").read_text())
    drawn: list[str] = []

    def renderer(checked: Any) -> tuple[bytes, str]:
        drawn.append(checked.path)
        return b'<svg xmlns="http://www.w3.org/2000/svg"/>', "{}"

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):
            Preview(str(tmp_path), port=taken.getsockname()[1], renderer=renderer)
    assert drawn == []


def test_the_change_log_shows_control_characters_in_file_names_not_obeys_them(capsys):
    """A file named with a terminal escape and a line break retitled the terminal and forged a
    line of the log (audit BX)."""
    from journeymap.cli.serve import _log

    _log("x\x1b]0;PWNED\x07\nFAKE 12:00:00 all good.journey.yaml: updated")
    said = capsys.readouterr().err
    assert "\x1b" not in said and "\x07" not in said and said.count("\n") == 1 and "␛]0;PWNED␇␊FAKE" in said


def test_the_change_log_names_a_broken_save_s_first_error_where_check_would(tmp_path: Path, capsys):
    """The log said "1 error, the last good map is kept…" and no more (audit CH): the first error
    follows, at its line and column, as check prints it."""
    from journeymap.cli.serve import _describe

    path, workspace = _small_workspace(tmp_path)
    path.write_text(_small().replace("reliability: reliable", "reliability: sure", 1), encoding="utf-8")
    changes = workspace.sync([str(path)])
    capsys.readouterr()
    _describe(workspace, changes.ids)
    said = capsys.readouterr().err.splitlines()
    assert len(said) == 2 and "1 error, the last good map is kept, marked stale; see /j/a" in said[0], said
    assert re.search(r"^  .*a\.journey\.yaml:\d+:\d+: E005 invalid-value: 'sure' is not a valid reliability", said[1][9:]), said


def test_an_empty_host_is_refused_and_a_bracketed_one_is_taken(folder: Path):
    """`--host ''` listened on every interface; `--host [::1]` was "no address of this machine" (audit BX)."""
    from journeymap.cli.serve import _address

    assert _address("[::1]") == "::1" and _address(" 127.0.0.1 ") == "127.0.0.1"
    done = subprocess.run([sys.executable, "-m", "journeymap", "serve", str(folder), "--host", ""],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Invalid value for --host: give an address" in done.stderr


def test_a_connection_that_stalls_is_closed(shared: Preview, monkeypatch):
    """3,000 half-sent requests held a thread each for good (audit BX)."""
    import socket

    from journeymap.serve.server import PreviewHandler

    assert PreviewHandler.timeout == 30
    monkeypatch.setattr(PreviewHandler, "timeout", 0.5)
    host, port = shared.server.server_address[:2]
    with socket.create_connection((host, port), timeout=WAIT) as stalled:
        stalled.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and no more
        started = time.monotonic()
        assert stalled.recv(100) == b""  # closed by the server
        assert time.monotonic() - started < 5
    assert get(shared.url)[0] == 200


class SlowRenderer(CountingRenderer):
    """A renderer that takes ``seconds``, as a journey of thousands of touch-points does."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds

    def __call__(self, checked):  # type: ignore[no-untyped-def]
        time.sleep(self.seconds)
        return super().__call__(checked)


def test_a_slow_journey_is_told_as_being_checked_and_then_checked(tmp_path: Path, monkeypatch):
    """A 2,000-touch-point journey took 4 s from a save to its event, and its page said nothing
    meanwhile (audit BX). A journey whose last check took SLOW seconds or more is told before its
    check begins and after it ends, whether or not its result changed; a fast one is not, nor a
    content taken from the cache."""
    from journeymap.serve import state

    path, workspace = _small_workspace(tmp_path)
    told: list[str] = []
    path.write_text(_small().replace("Small test journey", "Second"), encoding="utf-8")
    assert workspace.sync([str(path)], told.append).checked == () and told == []  # fast
    monkeypatch.setattr(state, "SLOW", 0.0)
    path.write_text(_small().replace("Small test journey", "Third"), encoding="utf-8")
    changes = workspace.sync([str(path)], told.append)
    assert told == ["a"] and changes.checked == ("a",) and changes.ids == ("a",)
    path.write_text(_small(), encoding="utf-8")  # undone: from the cache, at once
    assert workspace.sync([str(path)], told.append).checked == () and told == ["a"]


def test_a_check_that_runs_long_is_told_though_the_last_one_was_quick(tmp_path: Path, monkeypatch):
    """A save that made a small journey big (a block pasted in), or a project file's edit checking
    every journey again, said nothing for 4-5 s: the last check was quick (audit CH). A journey
    still waiting for its check LATE seconds after the synchronisation began is told then."""
    from journeymap.serve import state

    monkeypatch.setattr(state, "LATE", 0.3)
    renderer = SlowRenderer(0.0)
    path = tmp_path / "a.journey.yaml"
    path.write_text(_small(), encoding="utf-8")
    workspace = state.Workspace(str(tmp_path), renderer=renderer)
    workspace.sync()
    told: list[str] = []
    path.write_text(_small().replace("Small test journey", "Second"), encoding="utf-8")
    assert workspace.sync([str(path)], told.append).checked == () and told == []  # quick: nothing said
    renderer.seconds = 0.8
    path.write_text(_small().replace("Small test journey", "Third"), encoding="utf-8")
    started = time.monotonic()
    changes = workspace.sync([str(path)], lambda ident: told.append(f"{ident} at {time.monotonic() - started:.1f}"))
    assert changes.checked == ("a",) and len(told) == 1 and told[0].startswith("a at 0."), told


def test_the_stream_tells_a_slow_check_as_named_events_around_the_change(tmp_path: Path):
    """The names keep SPEC 7's stream as it was for anyone reading its data lines: the change is
    still one ``data: <id>``, the check's own lines say ``checking <id>`` and ``checked <id>``."""
    path = tmp_path / "a.journey.yaml"
    path.write_text(_small(), encoding="utf-8")
    with preview(tmp_path, renderer=SlowRenderer(1.1)) as server:
        response = urllib.request.urlopen(server.url + "events", timeout=WAIT)
        assert response.readline() == b"retry: 1000\n"
        save(path, _small().replace("Small test journey", "Second"))
        lines = []
        while not lines or lines[-1] != "data: checked a":
            lines.append(response.readline().decode("utf-8").rstrip("\n"))
    told = [line for line in lines if line.startswith(("event:", "data:"))]
    assert told == ["event: checking", "data: checking a", "data: a", "event: checked", "data: checked a"]


def test_a_journey_renamed_while_it_has_errors_keeps_its_address(folder: Path):
    """Renamed with an error in it, home-claim was served at /j/claim2 titled by its file name,
    and its open page said the file was deleted (audit CH): a file with errors new here goes by
    the id and title it gives, and takes the address of the file it replaces."""
    with preview(folder) as server:
        stream = Stream(server.url)
        path = folder / "home-claim.journey.yaml"
        save(path, path.read_text(encoding="utf-8") + "bogus: 1\n")
        stream.until("home-claim")
        path.rename(folder / "claim2.journey.yaml")
        stream.until("*")
        (result,) = [r for r in server.workspace.results() if r.path.endswith("claim2.journey.yaml")]
        assert result.id == "home-claim" and result.title.startswith("Filing a home-insurance claim")
        assert get(server.url + "j/home-claim")[0] == 200


def test_a_failed_read_of_the_changes_is_told_as_such_and_watching_goes_on(tmp_path: Path):
    """A sync that raised was printed "watching stopped: 'x'", and watching went on (review EM)."""
    from journeymap.serve.watch import WatchNotice, start_watching

    class Failing:  # a workspace whose reading of the changes fails
        root = str(tmp_path)
        reads = 0
        asked: list[object] = []

        def sync(self, paths: object, on_checking: object) -> object:
            Failing.reads += 1
            Failing.asked.append(paths)
            raise KeyError("x")

    told: "queue.Queue[Exception]" = queue.Queue()
    stop = threading.Event()
    thread = start_watching(Failing(), lambda _c: None, told.put, stop)  # type: ignore[arg-type]
    try:
        first = told.get(timeout=10)
        (tmp_path / "a.journey.yaml").write_text("journeymap: 1\n")  # a change after the failure: read again
        second = told.get(timeout=10)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert isinstance(first, WatchNotice) and str(first) == "could not read the changes (KeyError: 'x'); still watching"
    assert isinstance(second, WatchNotice) and Failing.reads >= 2
    # and after a failure every file is read again, not only those the next change names (review EN)
    assert Failing.asked[1:] and all(paths is None for paths in Failing.asked[1:])


def test_the_caret_under_a_quoted_line_stands_under_the_column_past_tabs_and_wide_letters():
    """A tab was drawn to the browser's tab stop and counted as one space by the caret, which stood
    5 letters left of the error (audit EJ); a wide letter is two cells of a monospace font."""
    from journeymap.serve.pages import snippet

    for text, column in (("  reliability:\tsometimes", 16), ("  name: 東京\tx: 1", 13),
                         ("  name: Cafe\u0301\u200b\tx: 1", 16)):  # a combining accent, a zero-width space
        row = next(r for r in snippet([text], 1, column) if r["target"])
        shown = row["text"]
        assert "\t" not in shown and "\u2192" in shown
        cells = [c for ch in shown if ch not in "\u0301\u200b"  # set on the letter before, or nowhere
                 for c in ([ch, ""] if ch in "東京" else [ch])]  # as the font sets them
        assert cells[len(row["caret"]) - 1] == text[column - 1], (shown, row["caret"])


def test_a_single_journey_file_served_and_gone_is_told_so_not_to_init_a_folder_of_its_name(tmp_path: Path):
    """Serving one file that a checkout took away, the index told `journeymap init <the file>`,
    which made a folder of the file's name (audit EJ)."""
    from journeymap.serve.pages import index_page

    gone = str(tmp_path / "wordy.journey.yaml")
    page = index_page([], gone)
    assert "Journey file " in page and "is not there now" in page and "journeymap init" not in page
    folder = index_page([], str(tmp_path))
    assert "Journeys in " in folder and "journeymap init" in folder


def test_one_error_in_the_project_file_is_told_once_not_once_a_journey(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """One typo in journeymap.yaml printed its error under each of 19 journeys, 44 lines, and the
    fix 20 lines of "updated" (audit EJ): it is told once, and many journeys updated in one line."""
    from journeymap.cli.serve import _describe
    from journeymap.serve.state import Workspace

    project = tmp_path / "journeymap.yaml"
    project.write_text("project: 1\n", encoding="utf-8")
    for n in range(5):
        (tmp_path / f"j{n}.journey.yaml").write_text(_small().replace("id: small", f"id: j{n}"), encoding="utf-8")
    workspace = Workspace(str(tmp_path), CountingRenderer())
    workspace.sync()
    project.write_text("project: 1\norganisation: [unclosed\n", encoding="utf-8")
    _describe(workspace, tuple(workspace.sync().ids))
    told = capsys.readouterr().err.splitlines()
    assert len(told) == 2 and "an error in it stops 5 journeys (all keep their last good map" in told[0] and "E001" in told[1], told
    project.write_text("project: 1\n", encoding="utf-8")
    _describe(workspace, tuple(workspace.sync().ids))
    told = capsys.readouterr().err.splitlines()
    assert len(told) == 1 and "5 journeys updated, " in told[0], told


def test_a_file_with_errors_renamed_or_moved_away_and_back_keeps_its_last_good_map(tmp_path: Path):
    """Its last good map was tied to its path: renamed (or moved away and back, as a checkout
    does) with errors, its page said "no map yet" (audit EJ). The map it had is kept, stale."""
    path, workspace = _small_workspace(tmp_path)
    good = workspace.get("a").svg
    assert good is not None
    path.write_text(_small() + "\n  nope: [\n", encoding="utf-8")  # an error: stale, the map kept
    workspace.sync([str(path)])
    assert workspace.get("a").stale
    renamed = tmp_path / "b.journey.yaml"
    path.rename(renamed)
    workspace.sync()
    moved = workspace.get("b")
    assert moved is not None and moved.errors and moved.stale and moved.svg == good
    renamed.rename(path)  # back under its own name
    workspace.sync()
    back = workspace.get("a")
    assert back is not None and back.stale and back.svg == good


def test_a_file_arriving_takes_no_other_journeys_map(tmp_path: Path):
    """Matched by bytes first, x back from a checkout showed y's map (x and y broken alike), and a
    new empty file took the map of one emptied then deleted (review ER): a path's own map first, by
    bytes only the one file gone with them, and not of a file of a few bytes."""
    from journeymap.serve.state import Workspace

    x, y = tmp_path / "x.journey.yaml", tmp_path / "y.journey.yaml"
    x.write_text(_small().replace("Small test journey", "Journey X"), encoding="utf-8")
    y.write_text(_small().replace("Small test journey", "Journey Y"), encoding="utf-8")
    workspace = Workspace(str(tmp_path), CountingRenderer())
    workspace.sync()
    maps = {"x": workspace.get("x").svg, "y": workspace.get("y").svg}
    assert maps["x"] != maps["y"]
    for path in (x, y):
        path.write_text("journeymap: 1\ntitle: [\n", encoding="utf-8")  # broken alike: the same bytes
    workspace.sync()
    moved = tmp_path / "away"
    moved.mkdir()
    for path in (x, y):
        path.rename(moved / path.name)
    workspace.sync()
    (moved / "x.journey.yaml").rename(x)  # x back: its own map, not y's
    workspace.sync()
    assert workspace.get("x").svg == maps["x"]
    x.write_text("", encoding="utf-8")  # emptied, then gone: its map is no new file's
    workspace.sync()
    x.unlink()
    workspace.sync()
    (tmp_path / "brand-new.journey.yaml").write_text("", encoding="utf-8")
    workspace.sync()
    assert workspace.get("brand-new").svg is None


def test_the_page_of_a_missing_id_names_the_current_folder_as_the_index_does(folder: Path, monkeypatch):
    """`serve .`: "No journey file under . has the id brand-new yet", where the index named the
    folder (audit FL)."""
    monkeypatch.chdir(folder)
    with preview(Path(".")) as server:
        status, body = raw(server, "/j/brand-new")
        _, index = raw(server, "/")
    assert status == 404 and f"No journey file under {folder.name} has the id".encode() in body
    assert f"Journeys in {folder.name}".encode() in index


def test_the_index_sorts_numbers_as_numbers_and_names_the_journeys_with_errors(tmp_path: Path):
    """In a folder of 41 the rows ran j1, j10, j11 ... j2, and the one journey with errors sat at
    row 30, found only by scrolling (audit FL)."""
    small = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    for n in (1, 2, 10, 11):
        text = small.replace("journeymap: 1\n", f"journeymap: 1\nid: j{n}\n", 1)
        text = re.sub(r"^title: .*$", f"title: Journey {n}", text, count=1, flags=re.M)
        (tmp_path / f"j{n}.journey.yaml").write_text(text, encoding="utf-8")
    broken = tmp_path / "j10.journey.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("reliability: reliable", "reliability: sorta", 1))
    with preview(tmp_path) as server:
        _, body = raw(server, "/")
    page = body.decode()
    assert [int(n) for n in re.findall(r'<tr id="row-j(\d+)"', page)] == [1, 2, 10, 11]
    from journeymap.serve.pages import _natural

    assert sorted(["j10", "1²2", "j٣", "j2"], key=_natural) == ["1²2", "j2", "j٣", "j10"]  # no ValueError (review FP)
    assert re.search(r'4 journeys, 1 with errors \(<a href="/j/j10">[^<]*</a>\); a row updates', page), page


class OneSlowRenderer(CountingRenderer):
    """A renderer that takes ``seconds`` for the journey ``slow`` alone."""

    def __init__(self, slow: str, seconds: float) -> None:
        super().__init__()
        self.slow, self.seconds = slow, seconds

    def __call__(self, checked):  # type: ignore[no-untyped-def]
        if checked.journey.id == self.slow:
            self.slow_calls = getattr(self, "slow_calls", 0) + 1
            time.sleep(self.seconds)
        return super().__call__(checked)


def _slow_and_quick(folder: Path, sub: str = "") -> tuple[Path, Path]:
    """``big`` (its file padded past 3,000 bytes) and ``quick`` journeys in ``folder`` (big in ``sub``)."""
    small = _small()
    big = folder / sub / "big.journey.yaml"
    big.parent.mkdir(parents=True, exist_ok=True)
    big.write_text(small.replace("journeymap: 1\n", "journeymap: 1\nid: big\n", 1) + "# padding\n" * 400)
    quick = folder / "quick.journey.yaml"
    quick.write_text(small.replace("journeymap: 1\n", "journeymap: 1\nid: quick\n", 1))
    return big, quick


def test_a_quick_journey_saved_after_a_slow_one_is_shown_without_waiting_for_it(tmp_path: Path):
    """A 30-touch-point save 0.1 s after a 2,000-touch-point one reached its page 3.2 s later, its
    check queued behind the big one's (audit FL; SPEC 7: within a second). A journey whose last
    check was slow is checked beside the others."""
    small = _small()
    (tmp_path / "big.journey.yaml").write_text(small.replace("journeymap: 1\n", "journeymap: 1\nid: big\n", 1))
    (tmp_path / "quick.journey.yaml").write_text(small.replace("journeymap: 1\n", "journeymap: 1\nid: quick\n", 1))
    with preview(tmp_path, renderer=OneSlowRenderer("big", 2.0)) as server:
        stream = Stream(server.url)
        time.sleep(0.6)  # the watcher's first quiet RESYNC_MS reads every file again (unchanged: at once)
        save(tmp_path / "big.journey.yaml", (tmp_path / "big.journey.yaml").read_text().replace(
            "Small test journey", "Big, changed"))
        time.sleep(0.2)
        start = time.monotonic()
        save(tmp_path / "quick.journey.yaml", (tmp_path / "quick.journey.yaml").read_text().replace(
            "Small test journey", "Quick, changed"))
        seen = stream.until("quick")
        waited = time.monotonic() - start
        assert waited < 1.0 and "big" not in seen, (waited, seen)
        assert server.workspace.get("quick").title == "Quick, changed"
        stream.until("big")  # and the slow one's result, when it is ready
        assert server.workspace.get("big").title == "Big, changed"
        assert server.workspace.get("quick").title == "Quick, changed"  # kept beside it


def test_a_file_written_in_pieces_is_read_once_it_is_whole(tmp_path: Path):
    """Written in place in pieces over 185 ms, a journey was read half written: a cut-off journey
    that happened to be valid was shown as the new map until the rest came (audit FL). A file is
    read once it has gone unwritten a moment (state.QUIET)."""
    path, workspace = _small_workspace(tmp_path)
    whole = _small().replace("Small test journey", "Written in pieces")
    cut = whole.index("stages:")
    with path.open("w", encoding="utf-8") as out:
        out.write(whole[:cut])
        out.flush()
        rest = threading.Timer(0.03, lambda: (out.write(whole[cut:]), out.flush()))
        rest.start()
        changes = workspace.sync([str(path)])
        rest.join()
    assert changes.ids == ("a",) and workspace.get("a").title == "Written in pieces"
    assert workspace.get("a").errors == 0


def test_a_file_that_looks_like_a_journey_and_is_not_is_named_on_the_index(tmp_path: Path):
    """A new file whose first key was typed `journey-map: 1` was told in the terminal alone, and
    the index said nothing of it (audit FL): it names it and why, and the page is told to update."""
    (tmp_path / "a.journey.yaml").write_text(_small(), encoding="utf-8")
    with preview(tmp_path) as server:
        stream = Stream(server.url)
        time.sleep(0.5)  # the watcher's first quiet moment reads every file again
        save(tmp_path / "move.yaml", _small().replace("journeymap: 1", "journey-map: 1", 1))
        stream.until("*")
        _, body = raw(server, "/")
        page = body.decode().replace("<wbr>", "")
        assert '<p class="note near-miss">move.yaml is left out: it looks like a journey, but its first key' in page
        save(tmp_path / "move.yaml", _small())
        stream.until("*")
        assert "is left out" not in raw(server, "/")[1].decode()


def test_a_slow_journey_s_folder_moved_away_while_it_is_checked_is_not_served_again(tmp_path: Path):
    """Its folder moved out during its check, the slow journey's result was merged back and served
    until another file changed (review FP)."""
    big, _ = _slow_and_quick(tmp_path, "sub")
    with preview(tmp_path, renderer=OneSlowRenderer("big", 1.5)) as server:
        stream = Stream(server.url)
        time.sleep(0.6)  # the watcher's first quiet moment reads every file again (unchanged: at once)
        save(big, big.read_text().replace("Small test journey", "Big, changed"))
        time.sleep(0.4)
        shutil.move(str(tmp_path / "sub"), str(tmp_path.parent / f"{tmp_path.name}-moved"))
        stream.until("*")
        time.sleep(2.0)  # its check ends
        assert server.workspace.get("big") is None
        assert [r.id for r in server.workspace.results()] == ["quick"]


def test_a_slow_journey_renamed_is_checked_once_beside_the_others(tmp_path: Path, monkeypatch):
    """Renamed, a slow journey was checked as a new file in the quick ones' way and, beside them,
    again (review FP): a file new here as big as a slow journey is checked beside them alone."""
    from journeymap.serve import state

    monkeypatch.setattr(state, "SLOW_BYTES", 3000)
    big, quick = _slow_and_quick(tmp_path)
    renderer = OneSlowRenderer("big", 2.0)
    with preview(tmp_path, renderer=renderer) as server:
        stream = Stream(server.url)
        time.sleep(0.6)
        before = renderer.slow_calls
        big.rename(tmp_path / "big2.journey.yaml")
        time.sleep(0.3)
        start = time.monotonic()
        save(quick, quick.read_text().replace("Small test journey", "Quick, changed"))
        stream.until("quick")
        assert time.monotonic() - start < 1.0
        time.sleep(2.5)
        assert renderer.slow_calls - before <= 1  # from the cache, or once
        assert [r.path for r in server.workspace.results()] == [str(tmp_path / "big2.journey.yaml"), str(quick)]


def test_a_preview_begun_in_a_folder_removed_already_serves_its_path(tmp_path: Path, monkeypatch):
    """Begun where the current folder was removed, `serve /abs/path` said "cannot listen on ...: No
    such file or directory" (review FP): it serves, and goes back into no folder."""
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    with preview(_examples(tmp_path / "maps")) as server:
        status, _ = raw(server, "/j/home-claim")
    assert status == 200


def test_a_journeys_title_is_marked_with_its_language(tmp_path: Path):
    """The preview's pages marked only their own language: a screen reader read a Spanish or
    Japanese journey's title as English (audit FQ)."""
    spanish = FIXTURES / "scripts" / "es-alta-fibra.journey.yaml"
    shutil.copy(spanish, tmp_path / spanish.name)
    shutil.copy(MAPS / "home-claim.journey.yaml", tmp_path / "home-claim.journey.yaml")
    with preview(tmp_path) as server:
        ident = next(r.id for r in server.workspace.results() if r.path.endswith(spanish.name))
        index = raw(server, "/")[1].decode()
        page = raw(server, f"/j/{ident}")[1].decode()
        english = raw(server, "/j/home-claim")[1].decode()
    assert f'<a href="/j/{ident}" lang="es">' in index and '<a href="/j/home-claim">' in index
    assert '<h1 id="journey-title" lang="es">' in page and '<h1 id="journey-title">' in english
