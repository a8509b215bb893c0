"""Where people work: standard input, non-Latin names, empty folders, --version, help, init's schema."""

from __future__ import annotations

import json
import os
import re
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from conftest import MAPS, ROOT, has_graphviz, run_cli
from journeymap.cli.main import main
from journeymap.journey.slug import is_slug, slugify

BROKEN = "journeymap: 1\ntitle: Broken\ndepartments: 7\nstages: []\n"
NON_LATIN = """journeymap: 1
title: Страховой случай
departments:
  - name: Служба поддержки
  - name: 客服中心
  - name: 고객 센터
  - name: مركز الاتصال
stages:
  - name: 報告
    touchpoints:
      - {name: Звонок, department: sluzhba-podderzhki}
      - {name: 電話, department: ke-fu-zhong-xin}
      - {name: 방문, department: gogaeg-senteo}
      - {name: رسالة, department: mrkz-ltsl}
"""


@pytest.fixture
def small_text(small_journey: Path) -> str:
    return small_journey.read_text(encoding="utf-8")


# --- standard input ---------------------------------------------------------------------------

def test_check_reads_stdin_and_names_it(small_text):
    assert run_cli("check", "-", input=small_text).exit_code == 0
    result = run_cli("check", "-", input=BROKEN)
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:3:14: E005 ")
    as_json = json.loads(run_cli("check", "--format", "json", "-", input=BROKEN).stdout)
    assert {f["path"] for f in as_json["findings"]} == {"<stdin>"}


def test_check_mixes_stdin_and_files(small_journey):
    result = run_cli("check", str(small_journey), "-", input=BROKEN)
    assert result.exit_code == 1 and "<stdin>:3:14" in result.stdout
    assert "2 journey files checked" in result.stderr


def test_stdin_keeps_the_size_limit():
    big = "journeymap: 1\ntitle: Big\n" + "# padding\n" * 600_000  # over 5 MB
    result = run_cli("check", "-", input=big)
    assert result.exit_code == 1 and "E009" in result.stdout and "<stdin>" in result.stdout


@pytest.mark.parametrize("data", [b"", b"\xff\xfe\x00garbage", b"- a\n- b\n"])
def test_bad_stdin_is_a_finding_not_a_traceback(data):
    result = CliRunner().invoke(main, ["check", "-"], input=data)
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout.startswith("<stdin>:")


@pytest.mark.parametrize("fmt,start", [("json", "{"), ("markdown", "# "), ("mermaid", "journey\n")])
def test_export_reads_stdin(small_text, fmt, start):
    result = run_cli("export", "-", "--format", fmt, input=small_text)
    assert result.exit_code == 0 and result.stdout.startswith(start)


def test_export_of_broken_stdin_names_it():
    result = run_cli("export", "-", "--format", "json", input=BROKEN)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("<stdin>:3:14: E005") and "<stdin>: 2 errors" in result.stderr


@pytest.mark.skipif(not has_graphviz(), reason="needs Graphviz")
def test_render_and_brief_read_stdin(small_text, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    svg = run_cli("render", "-", "-o", "-", input=small_text)
    assert svg.exit_code == 0 and b"<svg" in svg.stdout_bytes
    assert run_cli("render", "-", "--format", "dot", input=small_text).exit_code == 0
    assert (tmp_path / "stdin.dot").read_text().startswith("digraph")  # the default id of <stdin>
    html = run_cli("brief", "-", "--html", "-o", "brief.html", input=small_text)
    assert html.exit_code == 0 and "Small test journey" in (tmp_path / "brief.html").read_text()
    broken = run_cli("render", "-", "-o", "x.svg", input=BROKEN)
    assert broken.exit_code == 1 and "<stdin>:3:14" in broken.stderr and not (tmp_path / "x.svg").exists()
    assert run_cli("brief", "-", "--since", "HEAD", input=small_text).exit_code == 2


def test_diff_takes_one_version_from_stdin(small_journey, small_text):
    changed = small_text.replace("reliability: reliable\n        moment_of_truth", "reliability: unreliable\n"
                                 "        moment_of_truth", 1)
    result = run_cli("diff", str(small_journey), "-", "--format", "json", input=changed)
    assert result.exit_code == 0 and json.loads(result.stdout)["reliability"]["regressed"] == ["visits-shop"]
    assert run_cli("diff", "-", "-", input=small_text).exit_code == 2


# --- non-Latin names --------------------------------------------------------------------------

def test_non_latin_names_get_ids_not_errors(tmp_path: Path):
    path = tmp_path / "страховка.journey.yaml"
    path.write_text(NON_LATIN, encoding="utf-8")
    result = run_cli("check", str(path))
    assert result.exit_code == 0, result.stdout
    assert "E005" not in result.stdout and "E007" not in result.stdout
    data = json.loads(run_cli("export", str(path), "--format", "json").stdout)
    text = json.dumps(data)
    assert '"strakhovka"' in text  # the journey id comes from the file name
    for ident in ("sluzhba-podderzhki", "ke-fu-zhong-xin", "gogaeg-senteo", "mrkz-ltsl", "bao-gao", "zvonok"):
        assert f'"{ident}"' in text, ident


def test_a_name_no_transliteration_covers_gets_a_stable_id(tmp_path: Path):
    name = "\U00012000\U00012001"  # cuneiform: letters, but no Latin spelling
    assert slugify(name) == slugify(name) and is_slug(slugify(name)) and slugify(name) != slugify("\U00012000")
    path = tmp_path / "old.journey.yaml"
    path.write_text(NON_LATIN.replace("Служба поддержки", name).replace("sluzhba-podderzhki", slugify(name)),
                    encoding="utf-8")
    assert run_cli("check", str(path)).exit_code == 0


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_every_name_with_a_letter_or_digit_gets_a_valid_id(name):
    slug = slugify(name)
    if any(char.isalnum() for char in name):
        assert is_slug(slug), (name, slug)
    else:
        assert slug == "" or is_slug(slug)


# --- empty folders ----------------------------------------------------------------------------

def test_check_on_a_folder_without_journeys_exits_2(tmp_path: Path):
    (tmp_path / "notes.yaml").write_text("title: not a journey\n")
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 2 and "no journey file" in result.stderr and str(tmp_path) in result.stderr
    assert run_cli("check", "--format", "json", str(tmp_path)).exit_code == 2


def test_an_empty_folder_beside_a_journey_is_named_and_fails(tmp_path: Path, small_journey):
    """A mistyped folder among good paths must not pass as nothing to check there (SPEC 3)."""
    (tmp_path / "typo").mkdir()
    result = run_cli("check", str(tmp_path / "typo"), str(small_journey))
    assert result.exit_code == 2
    assert f"no journey file found in {tmp_path / 'typo'} (" in result.stderr
    assert run_cli("check", str(small_journey)).exit_code == 0


# --- --version --------------------------------------------------------------------------------

def _version_lines(stdout: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in stdout.splitlines())


def test_version_lists_every_component():
    from journeymap.version import FORMAT_VERSION, __version__

    result = run_cli("--version")
    assert result.exit_code == 0
    lines = _version_lines(result.stdout)
    assert list(lines) == ["journeymap", "format", "Python", "Graphviz", "WeasyPrint", "Pango"]
    assert lines["journeymap"] == __version__ and lines["format"] == str(FORMAT_VERSION)
    assert re.fullmatch(r"3\.\d+\.\d+\S*", lines["Python"])
    if has_graphviz():
        assert re.fullmatch(r"\d+\.\d+(\.\d+)?\S*", lines["Graphviz"]), lines["Graphviz"]


def _fake_dot(folder: Path, body: str) -> None:
    dot = folder / "dot"
    dot.write_text("#!/bin/sh\n" + body + "\n")
    dot.chmod(dot.stat().st_mode | stat.S_IXUSR)


def test_version_says_when_graphviz_is_missing(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert _version_lines(run_cli("--version").stdout)["Graphviz"] == "not found"


def test_version_does_not_hang_on_a_hung_graphviz(tmp_path: Path, monkeypatch):
    from journeymap.cli import about

    _fake_dot(tmp_path, "sleep 30")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setattr(about, "GRAPHVIZ_TIMEOUT", 0.5)
    started = time.monotonic()
    line = _version_lines(run_cli("--version").stdout)["Graphviz"]
    assert time.monotonic() - started < 10 and line.startswith("not responding")


# --- help ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [60, 80, 100])
def test_every_help_has_examples_exit_statuses_and_whole_words(width):
    for name in ["", *sorted(main.commands)]:
        args = [name, "--help"] if name else ["--help"]
        result = CliRunner().invoke(main, args, terminal_width=width)
        assert result.exit_code == 0, name
        text = result.stdout
        assert "Exit status" in text, name
        if name:
            assert "Examples:" in text and f"journeymap {name}" in text, name
        broken = [line for line in text.splitlines() if re.search(r"\w-$", line)]
        assert not broken, (name, width, broken)
        wide = [line for line in text.splitlines() if len(line) > max(width, 80)]
        assert not wide, (name, width, wide)
    assert "yaml-language-server" in run_cli("schema", "--help").stdout


# --- init ---------------------------------------------------------------------------------------

def test_init_writes_the_schema_its_modeline_points_at(tmp_path: Path):
    assert run_cli("init", str(tmp_path)).exit_code == 0
    (journey,) = tmp_path.glob("*.journey.yaml")
    target = re.match(r"# yaml-language-server: \$schema=(\S+)", journey.read_text()).group(1)
    schema = (journey.parent / target).read_text(encoding="utf-8")
    assert schema == run_cli("schema").stdout
    (tmp_path / target).write_text("{}")  # the user's own copy is kept without --force
    assert run_cli("init", str(tmp_path), "--name", "second").exit_code == 0
    assert (tmp_path / target).read_text() == "{}"
    assert run_cli("init", str(tmp_path), "--force").exit_code == 0
    assert (tmp_path / target).read_text() == schema
    assert (ROOT / "journeymap.schema.json").read_text(encoding="utf-8") == schema


def test_init_points_editors_at_the_project_files_schema_too(tmp_path: Path):
    """init wrote a journeymap.yaml with no modeline and no schema for it, so an editor helped with
    the journey but not with the project file beside it (audit BU)."""
    import jsonschema
    import yaml

    assert run_cli("init", str(tmp_path)).exit_code == 0
    project = tmp_path / "journeymap.yaml"
    target = re.match(r"# yaml-language-server: \$schema=(\S+)", project.read_text()).group(1)
    schema = (tmp_path / target).read_text(encoding="utf-8")
    assert schema == run_cli("schema", "--project").stdout
    uncommented = "\n".join(line[2:] if line.startswith(("# departments:", "#   - {id: ")) else line
                            for line in project.read_text().splitlines())
    for text in (project.read_text(), uncommented):
        jsonschema.validate(yaml.safe_load(text), json.loads(schema))
    assert "departments" in yaml.safe_load(uncommented)


def test_brief_takes_format_as_the_other_commands_do(tmp_path: Path):
    journey = str(MAPS / "newsletter-subscriber.journey.yaml")
    html = run_cli("brief", journey, "--format", "html", "-o", "-")
    assert html.exit_code == 0 and html.stdout.lstrip().lower().startswith("<!doctype html")
    assert html.stdout == run_cli("brief", journey, "--html", "-o", "-").stdout
    clash = run_cli("brief", journey, "--html", "--format", "pdf", "-o", str(tmp_path / "x.pdf"))
    assert clash.exit_code == 2 and "two formats" in clash.stderr and not (tmp_path / "x.pdf").exists()
