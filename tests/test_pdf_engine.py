"""The PDF module without WeasyPrint: engine-missing errors, the URL allow-list, standalone HTML."""

from __future__ import annotations

import builtins
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from brief_factory import FIXED_SVG, make_journey
from journeymap.analysis.analyse import analyse
from journeymap.briefing.document import render_briefing_html
from journeymap.briefing.htmlinline import html_standalone
from journeymap.briefing.localfiles import local_file
from journeymap.briefing.pdf import PdfEngineMissing, PdfError, html_to_pdf

DATE = dt.date(2024, 5, 1)


def canary(tmp_path: Path) -> Path:
    """A file outside every allowed folder."""
    path = tmp_path / "canary.txt"
    path.write_text("CANARY-7f3a9-SECRET", encoding="utf-8")
    return path


def test_local_file_stays_inside_roots(tmp_path: Path) -> None:
    inside = tmp_path / "in"
    inside.mkdir()
    (inside / "a.css").write_text("x")
    (inside / "link").symlink_to(canary(tmp_path))
    roots = (inside.resolve(),)
    assert local_file((inside / "a.css").as_uri(), roots) == (inside / "a.css").resolve()
    assert local_file((inside / "link").as_uri(), roots) is None
    assert local_file((inside / ".." / "canary.txt").as_uri(), roots) is None
    assert local_file("file:///etc/passwd", roots) is None
    assert local_file("file://otherhost" + str(inside / "a.css"), roots) is None
    assert local_file("http://example.com/a.css", roots) is None


def test_standalone_html_has_no_external_reference(tmp_path: Path) -> None:
    templates = tmp_path / "brand"
    templates.mkdir()
    (templates / "brand.css").write_text("h2.BRAND { background: url(logo.svg); } /* comments go */")
    (templates / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>')
    (templates / "_findings.html.j2").write_text(
        '<link rel="stylesheet" href="brand.css"><img src="logo.svg"><img src="file:///etc/passwd">'
        '<img src="https://example.com/a.png"><a href="#sec-map">map</a><base href="http://evil/">'
        '<div style="background: url(http://evil/b.png)">x</div>')
    journey = make_journey()
    html = render_briefing_html(analyse(journey), [], FIXED_SVG, date=DATE, templates_dir=templates)
    out = html_standalone(html, base_dir=templates)
    assert "BRAND" in out and 'src="data:image/svg+xml;base64,' in out
    assert not re.search(r"""(src|href)=["'](?!#|data:)""", out)
    assert "http://evil" not in out and "https://example.com" not in out and "/etc/passwd" not in out
    assert re.findall(r"url\(([^)]*)\)", out) and all(
        u.strip("\"'").startswith(("data:", "#")) for u in re.findall(r"url\(([^)]*)\)", out))


# --- the engine missing --------------------------------------------------------------------

def test_pango_missing_is_reported_with_the_install_command(monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    real_import = builtins.__import__

    def failing_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint" or name.startswith("weasyprint."):
            print("-----\nWeasyPrint could not import some external libraries.\n-----")
            raise OSError("cannot load library 'libpango-1.0-0': not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)  # as on a first load: one done is kept
    with pytest.raises(PdfEngineMissing) as caught:
        html_to_pdf("<p>x</p>", title="t", author=None, subject=None)
    message = str(caught.value)
    assert "libpango-1.0-0 libpangoft2-1.0-0" in message and "brew install pango" in message
    assert "pip install weasyprint" in message
    assert isinstance(caught.value, PdfError)
    assert capsys.readouterr().out == ""


@pytest.mark.filterwarnings("ignore")
def test_weasyprint_not_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(PdfEngineMissing, match="pip install weasyprint"):
        html_to_pdf("<p>x</p>", title="t", author=None, subject=None)


def test_no_font_installed_is_said_with_the_install_command_not_a_crash(tmp_path: Path) -> None:
    """On an image with Graphviz and no fonts, Pango crashed: `brief` exited 139 after a flood of
    Pango-CRITICAL lines, and `build -j 2` said its workers ran out of memory (audit FX). It is the
    PDF engine's exit status 3, naming the font to install."""
    import os
    import subprocess

    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                      f"<dir>{tmp_path / 'none'}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    done = subprocess.run([sys.executable, "-m", "journeymap", "brief", str(root / "maps" / "home-claim.journey.yaml"),
                           "-o", str(tmp_path / "b.pdf")], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 3, (done.returncode, done.stderr[-800:])
    assert "no font is installed" in done.stderr and "fonts-dejavu-core" in done.stderr
    assert "CRITICAL" not in done.stderr and not (tmp_path / "b.pdf").exists()


def test_standalone_leaves_the_packaged_briefing_unchanged() -> None:
    html = render_briefing_html(analyse(make_journey()), [], FIXED_SVG, date=DATE)
    assert html_standalone(html) == html


# --- loading the engine quickly --------------------------------------------------------------

def test_a_failed_fast_load_is_retried_plainly_without_its_leftovers(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctypes.util
    import types

    from journeymap.briefing import engine

    original = ctypes.util.find_library
    monkeypatch.setattr(engine, "_cache_lookup", lambda: (lambda name: None))
    for name in [n for n in sys.modules if n.split(".")[0] == "weasyprint"]:
        monkeypatch.delitem(sys.modules, name)
    seen: list[Any] = []
    module = types.ModuleType("weasyprint")

    def fake_import() -> Any:
        seen.append(ctypes.util.find_library)
        if len(seen) == 1:
            sys.modules["weasyprint.partial"] = types.ModuleType("weasyprint.partial")
            raise OSError("cannot load library 'libgobject-2.0-0'")
        return module

    monkeypatch.setattr(engine, "_import", fake_import)
    assert engine.load_weasyprint() is module
    assert seen[0] is not original and seen[1] is original  # the retry looks everywhere, as WeasyPrint would
    assert "weasyprint.partial" not in sys.modules
    assert ctypes.util.find_library is original


def test_the_engine_loads_without_running_the_compiler(tmp_path: Path) -> None:
    """On glibc Linux the libraries come from the linker cache: gcc and ld are never run."""
    import ctypes.util
    import subprocess

    pytest.importorskip("weasyprint")
    lookup = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if not sys.platform.startswith("linux") or lookup is None or lookup("c") is None:
        pytest.skip("needs glibc's linker cache")
    script = ("import ctypes.util\n"
              "def refuse(name):\n    raise SystemExit('ran the compiler to find ' + name)\n"
              "ctypes.util._findLib_gcc = ctypes.util._findLib_ld = refuse\n"
              "from journeymap.briefing.engine import load_weasyprint\n"
              "print(load_weasyprint().__version__, ctypes.util.find_library.__name__)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout
    assert done.stdout.split()[-1] == "find_library"  # given back after the import


def test_one_listing_of_the_linker_cache_answers_as_ctypes_does() -> None:
    import ctypes.util

    from journeymap.briefing.engine import _cache_lookup

    stdlib = getattr(ctypes.util, "_findSoname_ldconfig", None)
    lookup = _cache_lookup()
    if lookup is None or stdlib is None or stdlib("c") is None:
        pytest.skip("needs glibc's linker cache")
    names = ["c", "m", "pango-1.0", "gobject-2.0", "harfbuzz", "libgobject-2.0-0", "pango-1.0-0", "no-such-lib"]
    assert [lookup(n) for n in names] == [stdlib(n) for n in names]
    assert lookup("c") is not None and lookup("no-such-lib") is None


def test_once_loaded_the_engine_is_not_looked_for_again(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("weasyprint")
    from journeymap.briefing import engine

    first = engine.load_weasyprint()

    def refuse() -> None:
        raise AssertionError("listed the linker cache again")

    monkeypatch.setattr(engine, "_cache_lookup", refuse)
    assert engine.load_weasyprint() is first


def test_a_second_thread_waits_for_weasyprint_to_finish_loading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread that asked for WeasyPrint while another was still importing it got the module
    unfinished, without its HTML class: Python lists a module as soon as its import begins
    (review EC). The second waits, and gets it whole."""
    import threading
    import time

    from journeymap.briefing import engine

    (tmp_path / "weasyprint.py").write_text("import time\ntime.sleep(0.5)\nHTML = object\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(engine, "_LOADED", [], raising=False)
    monkeypatch.setattr(engine, "_cache_lookup", lambda: None)
    first: list[Any] = []
    loading = threading.Thread(target=lambda: first.append(engine.load_weasyprint()))
    loading.start()
    time.sleep(0.2)  # the first import is under way
    whole = hasattr(engine.load_weasyprint(), "HTML")  # asked as it is given: the same module finishes later
    loading.join()
    assert whole and hasattr(first[0], "HTML")
