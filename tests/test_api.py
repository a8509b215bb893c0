"""The Python API of SPEC section 8: typed values in and out, findings instead of exceptions."""

from __future__ import annotations

import json

import pytest

import journeymap
from conftest import MAPS, has_graphviz

HOME = MAPS / "home-claim.journey.yaml"
needs_graphviz = pytest.mark.skipif(not has_graphviz(), reason="Graphviz is not installed")


def test_load_gives_journey_analysis_and_findings():
    checked = journeymap.load(HOME)
    assert checked.ok and checked.journey is not None and checked.analysis is not None
    assert checked.journey.id == "home-claim"
    assert checked.path == str(HOME)
    assert all(f.path == str(HOME) for f in checked.findings)
    assert isinstance(checked, journeymap.Checked)


def test_loads_matches_load():
    text = HOME.read_text(encoding="utf-8")
    from_text = journeymap.loads(text, name=str(HOME))
    from_file = journeymap.load(HOME)
    assert from_text.findings == from_file.findings
    assert journeymap.export(from_text) == journeymap.export(from_file)


@pytest.mark.parametrize("text,code", [
    ("journeymap: 1\ntitle: [unclosed", "E001"),
    ("journeymap: 2\ntitle: x\ndepartments: [{name: A}]\nstages: [{name: S, touchpoints: []}]\n", "E008"),
    ("journeymap: 1\ntitle: x\n", "E004"),
    (b"\xff\xfe", "E001"),
    ("", "E004"),
])
def test_bad_input_returns_findings_not_exceptions(text, code):
    checked = journeymap.loads(text)
    assert not checked.ok and checked.journey is None
    assert code in {f.code for f in checked.findings}
    assert all(f.path == "<string>" for f in checked.findings)


def test_loads_takes_bytes_and_a_name():
    checked = journeymap.loads(b"journeymap: 1\ntitle: [", name="mine.yaml")
    assert checked.findings[0].path == "mine.yaml"


def test_load_of_a_missing_path_raises_oserror(tmp_path):
    with pytest.raises(OSError):
        journeymap.load(tmp_path / "nope.journey.yaml")


def test_outputs_refuse_a_journey_with_errors():
    broken = journeymap.loads("journeymap: 1\ntitle: x\n")
    for call in (lambda: journeymap.render(broken), lambda: journeymap.export(broken),
                 lambda: journeymap.brief(broken), lambda: journeymap.diff(broken, broken)):
        with pytest.raises(journeymap.JourneyError) as caught:
            call()
        assert caught.value.findings == broken.findings
        assert "E004" in str(caught.value)


def test_unknown_formats_are_value_errors():
    checked = journeymap.load(HOME)
    with pytest.raises(ValueError, match="svg, png, pdf, dot"):
        journeymap.render(checked, "gif")
    with pytest.raises(ValueError, match="json, markdown, mermaid"):
        journeymap.export(checked, "csv")
    with pytest.raises(ValueError, match="a4, letter, slide"):
        journeymap.brief(checked, page="a5")


def test_export_formats():
    checked = journeymap.load(HOME)
    document = json.loads(journeymap.export(checked, "json"))
    assert document["version"] == 1 and document["journey"]["id"] == "home-claim"
    assert journeymap.export(checked, "markdown").startswith("#")
    assert journeymap.export(checked, "mermaid").startswith("journey")


def test_diff_returns_the_cli_document():
    old = journeymap.load(HOME)
    text = HOME.read_text(encoding="utf-8").replace("reliability: it-depends", "reliability: unreliable", 1)
    new = journeymap.loads(text, name="new.yaml")
    result = journeymap.diff(old, new)
    assert result["version"] == 1
    assert result["reliability"]["regressed"]
    assert journeymap.diff(old, old)["touchpoints"] == {"added": [], "removed": [], "changed": []}


@needs_graphviz
def test_render_svg_and_dot():
    checked = journeymap.load(HOME)
    svg = journeymap.render(checked)
    assert svg.startswith(b"<?xml") and b"<svg" in svg and b'id="tp-' in svg
    assert journeymap.render(checked, "dot").startswith(b"digraph")


def test_tool_missing_when_graphviz_is_absent(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(journeymap.ToolMissing, match="Graphviz") as raised:
        journeymap.render(journeymap.load(HOME))
    assert not isinstance(raised.value, journeymap.ToolFailed)


@needs_graphviz
def test_tool_failed_when_graphviz_runs_out_of_time(monkeypatch):
    """A timeout raised ToolMissing, which a caller read as "install Graphviz" (review BM): it is
    ToolFailed, a kind of ToolMissing, so code catching that goes on working."""
    import journeymap.map.render as rendering
    from journeymap.map.graphviz import GraphvizTimeout

    def too_slow(*_args, **_kwargs):
        raise GraphvizTimeout("the Graphviz layout took longer than 1 s and was stopped")

    monkeypatch.setattr(rendering, "render", too_slow)
    with pytest.raises(journeymap.ToolFailed, match="took longer") as raised:
        journeymap.render(journeymap.load(HOME), timeout=1)
    assert isinstance(raised.value, journeymap.ToolMissing)


@needs_graphviz
def test_brief_pauses_garbage_collection_from_the_map_on(monkeypatch):
    import gc

    import journeymap.map.render as maps

    seen, before, real = [], gc.get_threshold(), maps.render_map
    monkeypatch.setattr(maps, "render_map", lambda *a, **k: (seen.append(gc.get_threshold()[0]), real(*a, **k))[1])
    journeymap.brief(journeymap.load(HOME), page="slide", html=True)
    assert seen == [0]  # threshold 0: no automatic collection while the map is drawn
    assert gc.get_threshold() == before
    with pytest.raises(ValueError):
        journeymap.brief(journeymap.load(HOME), page="a5")
    assert gc.get_threshold() == before


@needs_graphviz
def test_brief_html_is_one_document():
    html = journeymap.brief(journeymap.load(HOME), page="slide", html=True)
    assert html.startswith(b"<!DOCTYPE html>") and b"<script src=" not in html


@pytest.mark.pdf
@needs_graphviz
def test_brief_pdf(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdf = journeymap.brief(journeymap.load(HOME))
    assert pdf.startswith(b"%PDF")


def test_api_names_are_documented():
    for name in ("load", "loads", "render", "brief", "export", "diff", "JourneyError", "ToolMissing", "ToolFailed"):
        assert getattr(journeymap, name).__doc__, name
    with pytest.raises(AttributeError):
        journeymap.no_such_name  # noqa: B018


def test_loads_reports_a_lone_surrogate_instead_of_raising():
    checked = journeymap.loads("journeymap: 1\ntitle: \ud800\n")
    assert not checked.ok
    assert [(f.code, f.line, f.column) for f in checked.findings] == [("E001", 2, 8)]


def test_misuse_is_told_plainly():
    """A path where a Checked belongs gave AttributeError: 'str' object has no attribute 'ok'."""
    with pytest.raises(TypeError, match=r"render\(\) takes a journey from journeymap.load\(\).*not str: "
                                        r"journeymap.render\(journeymap.load\(path\)\)"):
        journeymap.render(str(MAPS / "home-claim.journey.yaml"))
    for call, name in ((lambda: journeymap.brief(None), "brief"), (lambda: journeymap.export(None), "export"),
                       (lambda: journeymap.diff(None, None), "diff")):
        with pytest.raises(TypeError, match=rf"{name}\(\) takes a journey"):
            call()
    with pytest.raises(TypeError, match="str or bytes"):
        journeymap.loads(None)  # type: ignore[arg-type]
    # its other arguments too: an AttributeError from inside the pipeline, "'int' object is not
    # iterable" (audit AA)
    with pytest.raises(TypeError, match="name its findings give as a str or a path, not NoneType"):
        journeymap.loads("journeymap: 1", name=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ignore takes warning codes"):
        journeymap.loads("journeymap: 1", ignore=5)  # type: ignore[arg-type]


def test_ignore_takes_a_set_or_the_command_lines_list_and_refuses_unknown_or_error_codes():
    path = MAPS / "home-claim.journey.yaml"
    everything = {f.code for f in journeymap.load(path).findings}
    assert {"W106", "W110"} <= everything
    for ignore in ("W106,w110", {"W106", "W110"}, ["w106", "W110"]):
        assert {f.code for f in journeymap.load(path, ignore=ignore).findings} == everything - {"W106", "W110"}
    with pytest.raises(ValueError, match="unknown check code"):
        journeymap.load(path, ignore="W999")
    with pytest.raises(ValueError, match="errors cannot be ignored"):
        journeymap.loads("journeymap: 1\n", ignore={"E004"})


def test_a_timeout_must_be_seconds_above_zero():
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    for bad in (0, -1, float("nan")):
        with pytest.raises(ValueError, match="timeout must be a number of seconds above 0"):
            journeymap.render(checked, timeout=bad)
        with pytest.raises(ValueError, match="timeout"):
            journeymap.brief(checked, timeout=bad)
    for wrong in ("x", None, True):  # a wrong type is a TypeError, as elsewhere in the API (review AR)
        with pytest.raises(TypeError, match="timeout must be a number of seconds above 0, not "):
            journeymap.render(checked, timeout=wrong)  # type: ignore[arg-type]


def test_a_templates_path_that_is_a_file_is_said_to_be_no_folder(tmp_path):
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    with pytest.raises(ValueError, match="home-claim.journey.yaml: not a folder; the templates are a folder"):
        journeymap.brief(checked, html=True, templates=MAPS / "home-claim.journey.yaml")
    with pytest.raises(ValueError, match="templates folder not found"):
        journeymap.brief(checked, html=True, templates=tmp_path / "nowhere")


def test_format_and_page_names_are_taken_in_any_case_as_the_command_line_takes_them():
    """`--format SVG` worked and journeymap.render(c, "SVG") was a ValueError (audit H)."""
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    assert journeymap.render(checked, "DOT").startswith(b"digraph")
    assert journeymap.export(checked, "JSON").lstrip().startswith("{")
    with pytest.raises(ValueError, match="unknown page size 'A5'"):
        journeymap.brief(checked, "A5")


def test_the_arguments_a_python_caller_would_try_are_taken_or_refused_plainly(tmp_path):
    """Audit AD: export(c, "md") was refused though `--format md` is taken; loads() refused a path
    object for its name and load() refused ignore=None; brief(c, html="no") made an HTML briefing."""
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    assert journeymap.export(checked, "md") == journeymap.export(checked, "Markdown")
    text = (MAPS / "home-claim.journey.yaml").read_text(encoding="utf-8")
    by_path = journeymap.loads(text, name=MAPS / "home-claim.journey.yaml")
    assert by_path.ok and by_path.path == str(MAPS / "home-claim.journey.yaml")
    assert journeymap.load(MAPS / "home-claim.journey.yaml", ignore=None).findings == checked.findings
    for bad in ({"html": "no"}, {"html": 1}, {"appendix": "no"}):
        with pytest.raises(TypeError, match=r"brief\(\) takes (html|appendix) as True"):
            journeymap.brief(checked, **bad)  # type: ignore[arg-type]


def test_check_bytes_refuses_a_project_it_cannot_use():
    """Any string but NEAREST reached an assert (an AssertionError, and nothing under -O: review BB)."""
    from journeymap.pipeline import check_bytes

    with pytest.raises(ValueError, match="not 'foo'"):
        check_bytes(b"journeymap: 1\n", "x.journey.yaml", project="foo")


def test_a_findings_severity_formats_as_its_word():
    """`f"{finding.severity}"` gave "Severity.ERROR" on Python 3.11 (audit FF): a script writing
    findings out printed the enum's name. It is its word, and still equal to it."""
    finding = journeymap.loads("colour: 1").findings[0]
    assert (f"{finding.severity}", str(finding.severity), f"{finding.severity:>7}") == ("error", "error", "  error")
    assert finding.severity == "error" and finding.is_error


def test_an_ignore_code_with_a_newline_after_it_is_one_finding():
    """`ignore: ["W101\\n"]` was told twice: the format's pattern refused it and the code check,
    whose `$` matched before the newline, took it for a code (audit FF)."""
    text = "journeymap: 1\ntitle: T\nignore: [\"W101\\n\"]\ndepartments: [{name: A}]\nstages: [{name: S, touchpoints: []}]\n"
    found = [(f.code, f.line, f.column) for f in journeymap.loads(text).findings]
    assert found == [("E005", 3, 10)], found


class Batch(journeymap.JourneyError):
    """A caller's own kind of JourneyError (pickled by its module's name)."""


def _export(text: str) -> str:
    return journeymap.export(journeymap.loads(text, "j.journey.yaml"))


def test_a_journey_error_comes_back_from_a_process_pool():
    """JourneyError was made again from its message alone when unpickled, which failed: a process
    pool lost every journey of a batch to one with errors, or hung (review GB)."""
    import pickle
    from concurrent.futures import ProcessPoolExecutor

    bad = journeymap.loads("journeymap: 1\ntitle: T\n", "bad.journey.yaml")
    with pytest.raises(journeymap.JourneyError) as caught:
        journeymap.export(bad)
    again = pickle.loads(pickle.dumps(caught.value))
    assert (str(again), again.path, again.findings) == (str(caught.value), "bad.journey.yaml", bad.findings)

    mine = Batch(bad)
    mine.add_note("batch 3")  # a subclass stays one, its notes come too (review GC)
    again = pickle.loads(pickle.dumps(mine))
    assert type(again).__name__ == "Batch" and again.__notes__ == ["batch 3"] and again.path == "bad.journey.yaml"
    good = (MAPS / "home-claim.journey.yaml").read_text(encoding="utf-8")
    with ProcessPoolExecutor(2) as pool:
        futures = [pool.submit(_export, text) for text in ("journeymap: 1\ntitle: T\n", good)]
        with pytest.raises(journeymap.JourneyError, match="j.journey.yaml has 2 errors"):
            futures[0].result(timeout=60)
        assert json.loads(futures[1].result(timeout=60))["journey"]["title"].startswith("Filing")


def test_a_checked_file_s_repr_is_a_summary():
    """29,515 characters for home-claim at a notebook's prompt, the journey twice (review GB)."""
    checked = journeymap.load(MAPS / "home-claim.journey.yaml")
    assert repr(checked) == ("Checked(path='" + str(MAPS / "home-claim.journey.yaml") + "', ok=True, "
                             "20 touch-points, 0 errors, 6 warnings)")
    assert repr(journeymap.loads("x: 1")).startswith("Checked(path='<string>', ok=False, ")
