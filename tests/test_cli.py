"""The command line: options, output formats and exit statuses of SPEC section 3."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import yaml

import journeymap
from conftest import FIXTURES, MAPS, ROOT, run_cli

WARNED = """journeymap: 1
title: Warned
departments:
  - name: Sales
stages:
  - name: Buy
    touchpoints:
      - name: Visit
        department: sales
"""


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    path = tmp_path / "warned.journey.yaml"
    path.write_text(WARNED)
    return path


def test_version_and_help():
    from journeymap.version import __version__

    assert run_cli("--version").stdout.startswith(f"journeymap: {__version__}\n")
    assert "check" in run_cli("--help").stdout
    for command in ("check", "render", "brief", "build", "export", "schema", "init", "diff"):
        result = run_cli(command, "--help")
        assert result.exit_code == 0, command
        assert "Usage" in result.stdout


def test_check_valid_file_exits_0(small_journey):
    result = run_cli("check", str(small_journey))
    assert result.exit_code == 0 and result.stdout == ""


def test_warnings_do_not_fail_unless_strict(warned):
    result = run_cli("check", str(warned))
    assert result.exit_code == 0
    assert {line.split(": ")[1].split()[0] for line in result.stdout.splitlines()} == {
        "W101", "W102", "W103", "W104", "W105", "W109"}
    strict = run_cli("check", "--strict", str(warned))
    assert strict.exit_code == 1 and strict.stderr.rstrip().endswith("; --strict fails on warnings")
    assert "--strict" not in result.stderr


def test_the_summary_counts_many_findings_by_code_errors_first():
    """850 lines over 35 files ended in a total alone (audit FN): past ten findings the summary
    counts them by code, errors first, then most first."""
    result = run_cli("check", str(FIXTURES / "valid"), str(FIXTURES / "errors" / "E007.yaml"))
    told = {line.split(": ")[1].split()[0] for line in result.stdout.splitlines()}
    tally = re.search(r"warnings \(([^)]*)\)", result.stderr)
    assert tally, result.stderr
    counts = [(code, int(n)) for code, n in (part.split() for part in tally.group(1).split(", "))]
    assert {code for code, _ in counts} == told and counts[0][0].startswith("E")
    assert sum(n for _, n in counts) == len(result.stdout.splitlines())
    warnings = [n for code, n in counts if code.startswith("W")]
    assert warnings == sorted(warnings, reverse=True)
    assert "(" not in run_cli("check", str(MAPS / "home-claim.journey.yaml")).stderr  # a few: the total alone


def test_ignore_option(warned):
    result = run_cli("check", "--strict", "--ignore", "W101,W102,W103", "--ignore", "w104,W105,W109",
                     str(warned))
    assert result.exit_code == 0 and result.stdout == ""
    # codes apart by spaces, as people write lists: "W110 W106" was told an unknown code (audit DY)
    spaced = run_cli("check", "--strict", "--ignore", "W101 W102  W103, w104 ,W105,W109", str(warned))
    assert spaced.exit_code == 0 and spaced.stdout == ""


@pytest.mark.parametrize("value", ["W999", "E001", "nonsense"])
def test_bad_ignore_is_a_usage_error(warned, value):
    assert run_cli("check", "--ignore", value, str(warned)).exit_code == 2


def test_missing_file_is_a_usage_error():
    result = run_cli("check", "does/not/exist.yaml")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_unknown_option_is_a_usage_error(small_journey):
    assert run_cli("check", "--colour", str(small_journey)).exit_code == 2
    assert run_cli("check", "--format", "xml", str(small_journey)).exit_code == 2


def test_folders_are_searched_recursively(tmp_path: Path, small_journey):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.journey.yaml").write_text(WARNED)
    (tmp_path / "a" / "plain.yaml").write_text(small_journey.read_text())
    (tmp_path / "a" / "other.yaml").write_text("not: a journey\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "x.journey.yaml").write_text("broken: [")
    result = run_cli("check", "--format", "json", "--ignore", "W115", str(tmp_path))  # W115: the folder's
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}       # portfolio, test_portfolio
    assert paths == {str(tmp_path / "a" / "b" / "deep.journey.yaml")}
    assert "2 journey files checked" in run_cli("check", str(tmp_path)).stderr


def test_errors_come_first_then_position(tmp_path: Path, warned):
    bad = tmp_path / "bad.journey.yaml"
    bad.write_text(WARNED.replace("department: sales", "department: nobody"))
    lines = run_cli("check", str(warned), str(bad)).stdout.splitlines()
    assert lines[0].startswith(f"{bad}:9:21: E007 unknown-reference: ")
    assert all(" W" in line for line in lines[1:])


def test_github_format_escapes_newlines_and_commas(tmp_path: Path):
    path = tmp_path / "a,b.journey.yaml"
    path.write_text("journeymap: 1\ntitle: [\n")
    out = run_cli("check", "--format", "github", str(path)).stdout
    assert out.startswith("::error file=") and "a%2Cb" in out and out.count("\n") == 1


def test_github_annotations_isolate_the_right_to_left_names_they_quote(tmp_path: Path):
    """A browser shows the annotation: an Arabic name pulled the quotes beside it into its own
    direction (audit BA). The text format, for terminals, keeps names as written."""
    path = tmp_path / "rtl.journey.yaml"
    path.write_text("journeymap: 1\ntitle: T\ndepartments: [{name: A}]\nstages:\n- name: S\n  touchpoints:\n"
                    "  - {name: \u062a\u0633\u062a\u0644\u0645, department: a}\n", encoding="utf-8")
    out = run_cli("check", "--format", "github", str(path)).stdout
    assert "touch-point '\u2068\u062a\u0633\u062a\u0644\u0645\u2069' is not rated" in out
    assert "\u2068" not in run_cli("check", str(path)).stdout


def test_schema_is_json():
    document = json.loads(run_cli("schema").stdout)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_init_writes_a_starter_that_passes_strict_check(tmp_path: Path):
    result = run_cli("init", str(tmp_path / "new"))
    assert result.exit_code == 0
    (written,) = (tmp_path / "new").glob("*.journey.yaml")
    assert written.read_text().startswith("# yaml-language-server: $schema=")
    check = run_cli("check", "--strict", str(written))
    assert check.exit_code == 0, check.stdout
    # The folder too: its project file holds the starter's moments of truth within its bounds (no W115).
    assert "\n# The journeymap project file" in (tmp_path / "new" / "journeymap.yaml").read_text()
    check = run_cli("check", "--strict", str(tmp_path / "new"))
    assert check.exit_code == 0, check.stdout
    assert run_cli("init", str(tmp_path / "new")).exit_code == 2
    assert run_cli("init", "--force", str(tmp_path / "new")).exit_code == 0
    # Its sample registry, uncommented as its comment says, agrees with the starter journey: a
    # lead spelt two ways was E010 on day one (audit AF).
    project = tmp_path / "new" / "journeymap.yaml"
    text = project.read_text()
    lines = [line[2:] if line.startswith(("# departments:", "#   - {id: ")) else line for line in text.splitlines()]
    project.write_text("\n".join(lines) + "\n")
    check = run_cli("check", "--strict", str(tmp_path / "new"))
    assert check.exit_code == 0 and "departments:\n  - {id: contact-centre" in project.read_text(), check.stdout


def test_init_writes_no_project_file_over_journeys_already_there(tmp_path: Path):
    """A starter project file at a repository's top would judge the journeys below it by its own
    bounds (min 1) and silence their W115 (review S): init says so and writes none."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "claim.journey.yaml").write_text((MAPS / "home-claim.journey.yaml").read_text())
    before = run_cli("check", str(tmp_path / "maps")).stdout
    assert "W115" in before
    result = run_cli("init", str(tmp_path))
    assert result.exit_code == 0 and "wrote no project file" in result.output
    assert "maps/claim.journey.yaml" in result.output
    assert not (tmp_path / "journeymap.yaml").exists()
    assert "W115" in run_cli("check", str(tmp_path / "maps")).stdout


def test_init_leaves_a_project_file_that_applies_alone(tmp_path: Path):
    """A project file in the folder or above it is never overwritten nor shadowed by a new one."""
    (tmp_path / "journeymap.yaml").write_text("project: 1\norganisation: Ours\n")
    assert run_cli("init", str(tmp_path), "--force").exit_code == 0
    assert run_cli("init", str(tmp_path / "sub")).exit_code == 0
    assert (tmp_path / "journeymap.yaml").read_text() == "project: 1\norganisation: Ours\n"
    assert not (tmp_path / "sub" / "journeymap.yaml").exists()
    assert (tmp_path / "sub" / "my-journey.journey.yaml").is_file()


def test_init_prints_commands_the_shell_reads_back_as_written(tmp_path: Path, monkeypatch):
    """`init 'we"ird <dir> |x'` printed `journeymap check we"ird <dir> |x/...`, which pasted into a
    shell redirects and pipes (review FM); and `init -` made a folder named "-"."""
    import shlex

    monkeypatch.chdir(tmp_path)
    result = run_cli("init", 'we"ird <dir> |x')
    assert result.exit_code == 0
    command = result.output.rsplit("check it with: ", 1)[1].strip()
    assert shlex.split(command) == ["journeymap", "check", 'we"ird <dir> |x/my-journey.journey.yaml']
    result = run_cli("init", "a b", "--templates")
    assert shlex.split(result.output.split("then: ")[1].split(" (see")[0])[-2:] == ["--templates", "a b"]
    for args in (["-"], ["-", "--templates"]):
        result = run_cli("init", *args)
        assert result.exit_code == 2 and "- is standard input" in result.output and not (tmp_path / "-").exists()
    result = run_cli("init", "./-x")  # a folder whose name reads as an option (review FO)
    assert result.exit_code == 0 and result.output.rstrip().endswith("journeymap check ./-x/my-journey.journey.yaml")


def test_init_under_a_registry_takes_its_departments_from_it(tmp_path: Path):
    """A registry whose lead for `workshop` was not the starter's made the new starter fail its
    first check (E010; review FM): a department the registry defines is written as its id alone."""
    (tmp_path / "journeymap.yaml").write_text(
        "project: 1\ndepartments:\n  - {id: workshop, name: Bike workshop, lead: Ana Ruiz, layer: backstage}\n"
        "  - {id: shop-floor, name: Counter, lead: Jo Ruiz}\n  - {id: online-booking, name: Web}\n")
    for folder, name, where in ((tmp_path, "second", "journeymap.yaml"),
                                (tmp_path / "sub", "my-journey", "../journeymap.yaml")):
        assert run_cli("init", str(folder), "--name", name).exit_code == 0
        written = folder / f"{name}.journey.yaml"
        check = run_cli("check", "--strict", str(written))
        assert check.exit_code == 0, check.stdout
        text = written.read_text()
        # the path from the file written; what the registry leaves unset, the starter's (review FO:
        # a registry entry without a lead was W102)
        assert f"  - id: workshop                       # name, lead and layer: the registry's ({where})\n" in text
        assert f"  - id: shop-floor                     # name and lead: the registry's ({where})\n" in text
        assert f"  - id: online-booking                 # name: the registry's ({where})\n    lead: Priya Nair\n" in text
        assert "Sam Okoye" not in text and "Jordan Lee" not in text and "layer: frontstage" in text
        departments = journeymap.load(written).journey.departments
        assert [(d.name, d.lead) for d in departments] == [("Counter", "Jo Ruiz"), ("Bike workshop", "Ana Ruiz"),
                                                          ("Web", "Priya Nair")]


@pytest.mark.graphviz
def test_an_output_file_in_folders_not_made_yet_makes_them_and_bad_input_makes_none(tmp_path: Path):
    """`-o new/sub/map.svg` failed with "cannot write into new/sub" while `-o new/` made the folder (audit U)."""
    journey = tmp_path / "w.journey.yaml"
    journey.write_text(WARNED)
    result = run_cli("render", str(journey), "-o", str(tmp_path / "new" / "sub" / "map.svg"))
    assert result.exit_code == 0 and (tmp_path / "new" / "sub" / "map.svg").is_file()
    journey.write_text(WARNED.replace("journeymap: 1", "journeymap: 2"))
    assert run_cli("render", str(journey), "-o", str(tmp_path / "other" / "map.svg")).exit_code == 1
    assert not (tmp_path / "other").exists()


@pytest.mark.parametrize("args,file,title", [
    (["--name", "Ordering a café au lait ☕"], "ordering-a-cafe-au-lait", "Ordering a café au lait ☕"),
    (["--name", "home-claim", "--title", 'He said "fix: it" # now'], "home-claim", 'He said "fix: it" # now'),
    (["--name", "home-claim"], "home-claim", "Getting a bike serviced"),
    (["--name", "洗濯機の購入"], "xi-zhuo-ji-no-gou-ru", "洗濯機の購入"),  # kept the bike's title (audit BA)
    (["--name", "Onboarding"], "onboarding", "Onboarding"),
    # the file's whole name: alta-de-linea-movil-journey-yaml.journey.yaml titled with it (audit DM)
    (["--name", "alta-de-linea-movil.journey.yaml"], "alta-de-linea-movil", "Getting a bike serviced"),
    (["--name", "Alta.yml"], "alta", "Alta"),
])
def test_init_names_the_file_in_its_comments_and_takes_a_title(tmp_path: Path, args: list[str], file: str, title: str):
    """`--name "Ordering a café au lait"` wrote ordering-a-cafe-au-lait.journey.yaml titled "Getting a
    bike serviced", whose comments said to check my-journey.journey.yaml (audit U 19)."""
    assert run_cli("init", str(tmp_path), *args).exit_code == 0
    path = tmp_path / f"{file}.journey.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"journeymap check {file}.journey.yaml" in text and "my-journey" not in text
    assert f"\n# id: {file} " in text and "bike-service" not in text  # the id its name gives (audit AB)
    checked = run_cli("export", str(path), "--format", "json")
    assert checked.exit_code == 0 and json.loads(checked.stdout)["journey"]["title"] == title
    column = text.index("# required: the format version") - text.index("journeymap: 1")
    for comment in ("# required: what the customer", "# optional: default is the file name"):
        line = next(line for line in text.splitlines() if comment in line)
        code = line[:line.index(comment)]  # the comments stay in one column where the line leaves room
        assert len(code) == column or (len(code) > column and code.endswith(" ") and not code.endswith("  "))


def test_init_refuses_a_title_no_journey_could_hold_and_never_ends_in_a_traceback(tmp_path: Path):
    """Bytes that are not UTF-8 from the shell ended in a UnicodeEncodeError traceback (review V)."""
    for title in ("caf\udce9", "   ", "a\x7fb", "x" * 201):
        result = run_cli("init", str(tmp_path / "t"), "--title", title)
        assert result.exit_code == 2 and "Invalid value for --title" in result.stderr, title
    named = run_cli("init", str(tmp_path / "n"), "--name", "caf\udce9 x")  # the starter's title then
    assert named.exit_code == 0 and "title: Getting a bike serviced" in (tmp_path / "n" / "caf-x.journey.yaml").read_text()
    # a name that makes no file name is refused, not written as my-journey without a word (audit BA)
    cart = run_cli("init", str(tmp_path / "c"), "--name", "\U0001f6d2")
    assert cart.exit_code == 2 and "makes no file name" in cart.stderr and not (tmp_path / "c").exists()


@pytest.mark.parametrize("fmt,start", [("json", "{"), ("markdown", "# "), ("mermaid", "journey\n")])
def test_export_formats(small_journey, fmt, start):
    result = run_cli("export", str(small_journey), "--format", fmt)
    assert result.exit_code == 0 and result.stdout.startswith(start)


def test_export_takes_md_for_markdown(small_journey):
    assert run_cli("export", str(small_journey), "--format", "md").stdout == \
        run_cli("export", str(small_journey), "--format", "markdown").stdout


@pytest.mark.parametrize("args, note", [
    # a picture asked for, to paste into slides: the file would not open (audit DN)
    (["-o", "{}/map.jpg"], "(it holds SVG: journeymap writes no JPG; for a picture to paste into slides name it "
                           ".png, or give --format png; else name it .svg)"),
    (["-o", "{}/map.txt"], "(it holds SVG: name it .svg, or give --format)"),
    (["--format", "svg", "-o", "{}/map.png"], "(it holds SVG, as --format said: name it .svg)"),
    (["-o", "{}/map.png"], ""),
])
def test_render_says_when_the_file_name_and_its_format_differ(tmp_path: Path, small_journey, args, note):
    result = run_cli("render", str(small_journey), *[a.format(tmp_path) for a in args])
    assert result.exit_code == 0
    line = result.stderr.strip().splitlines()[-1]
    assert line.endswith(note) if note else line.endswith(("map.png",)), line


def test_export_to_file_and_of_a_broken_file(tmp_path: Path, small_journey):
    out = tmp_path / "out.json"
    assert run_cli("export", str(small_journey), "--format", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["version"] == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("journeymap: 1\n")
    result = run_cli("export", str(bad), "--format", "json")
    assert result.exit_code == 1 and "E004" in result.stderr and result.stdout == ""


def test_console_script_runs_as_a_process(small_journey):
    process = subprocess.run([sys.executable, "-m", "journeymap", "check", str(small_journey)],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert process.returncode == 0, process.stderr


_CYCLE_AT_EXIT = """
import atexit, sys
from journeymap.cli.main import run


class Cycle:
    def __del__(self):
        print("collected at exit", flush=True)


atexit.register(print, "other exit handlers still run")  # registered first, so it runs after the freeze
if sys.argv[1:]:
    sys.argv = ["journeymap", *sys.argv[1:]]
    try:
        run()  # the console script: one command, then the process ends
    except SystemExit:
        pass
a, b = Cycle(), Cycle()
a.other, b.other = b, a
del a, b
"""


def test_the_command_leaves_its_cyclic_garbage_to_the_system_at_exit(small_journey):
    # A briefing leaves about a million objects in reference cycles; the interpreter's final
    # collection of them cost 1.5 s at 500 touch-points. The command freezes them at exit instead.
    process = subprocess.run([sys.executable, "-c", _CYCLE_AT_EXIT, "check", str(small_journey)],
                             capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert process.returncode == 0, process.stderr
    assert "other exit handlers still run" in process.stdout
    assert "collected at exit" not in process.stdout
    plain = subprocess.run([sys.executable, "-c", _CYCLE_AT_EXIT],
                           capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert "collected at exit" in plain.stdout  # without the command, Python collects them as it shuts down


_COLLECTION_AT_EXIT = """
import atexit, gc, sys
from journeymap.cli.main import run

atexit.register(lambda: print("collection", "on" if gc.isenabled() else "off", flush=True))
sys.argv = ["journeymap", *sys.argv[1:]]
run()
"""


@pytest.mark.parametrize("command, collection", [("brief", "off"), ("portfolio", "off"), ("render", "on")])
def test_a_command_that_makes_one_pdf_then_ends_skips_the_collection_after_it(tmp_path, small_journey, command,
                                                                             collection):
    # The collection after a briefing walked its million objects in cycles (1.3-1.8 s at 500
    # touch-points) only for the process to end; the console script turns it off for brief and
    # portfolio. render makes little garbage and keeps it on.
    out = tmp_path / ("out.svg" if command == "render" else "out.pdf")
    process = subprocess.run([sys.executable, "-c", _COLLECTION_AT_EXIT, command, str(small_journey), "-o", str(out)],
                             capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert process.returncode in (0, 1), process.stderr  # portfolio of one journey may warn
    assert out.is_file() and process.stdout.strip().endswith(f"collection {collection}")


def test_commands_run_inside_another_program_leave_its_collection_on(tmp_path, small_journey):
    import gc

    assert run_cli("brief", str(small_journey), "-o", str(tmp_path / "b.pdf")).exit_code == 0
    assert run_cli("portfolio", str(small_journey), "-o", str(tmp_path / "p.pdf")).exit_code in (0, 1)
    assert gc.isenabled()


def test_the_console_script_and_python_m_run_one_command_per_process():
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'journeymap = "journeymap.cli.console:run"' in project
    main = (ROOT / "journeymap" / "__main__.py").read_text(encoding="utf-8")
    assert "from journeymap.cli.console import run" in main and "run()" in main


def test_ctrl_c_while_the_command_line_loads_ends_without_a_traceback():
    """A Ctrl-C in the first tenth of a second, while click and the commands are imported, ended
    with a traceback from the imports (audit CB): it ends as any Ctrl-C, with status 130."""
    code = ("import builtins, sys\n"
            "real = builtins.__import__\n"
            "def loading(name, *args, **kwargs):\n"
            "    if name == 'journeymap.cli.main':\n"
            "        raise KeyboardInterrupt\n"
            "    return real(name, *args, **kwargs)\n"
            "builtins.__import__ = loading\n"
            "sys.argv = ['journeymap', 'check', 'maps']\n"
            "from journeymap.cli.console import run\n"
            "run()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 130 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith("Error: interrupted (Ctrl-C)")


def test_examples_pass_check():
    result = run_cli("check", str(ROOT / "maps"))
    assert result.exit_code == 0, result.stdout


def test_every_error_fixture_fails_without_traceback_with_the_error_it_is_named_for():
    """Each fixture gives its own code (and no other error): exit 1 alone would pass one that
    drifted to another error (review EM)."""
    import json

    for path in sorted((FIXTURES / "errors").glob("*.yaml")):
        result = run_cli("check", "--format", "json", str(path))
        assert result.exit_code == 1 and "Traceback" not in result.output
        errors = {f["code"] for f in json.loads(result.stdout)["findings"] if f["severity"] == "error"}
        assert errors == {path.stem}, (path.name, errors)


def test_check_counts_a_project_file_finding_once(tmp_path):
    """A project file's error reaches every journey under it; the summary counts what is listed."""
    import shutil

    folder = tmp_path / "maps"
    shutil.copytree(ROOT / "maps", folder)
    with (folder / "journeymap.yaml").open("a", encoding="utf-8") as project:
        project.write("organization: typo\n")
    result = run_cli("check", str(folder))
    assert result.exit_code == 1
    listed = [line for line in result.stdout.splitlines() if ": E" in line]
    assert len(listed) == 1 and "E003" in listed[0]
    assert "3 journey files checked: 1 error," in result.stderr
    doc = json.loads(run_cli("check", str(folder), "--format", "json").stdout)
    assert doc["summary"]["errors"] == 1 == sum(f["severity"] == "error" for f in doc["findings"])


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", "maps", "--format", "json"],
                                  ["export", "maps/home-claim.journey.yaml", "--format", "json", "-o", "-"]])
def test_a_full_disk_under_standard_output_is_an_error_not_a_traceback(args):
    with open("/dev/full", "w") as full:
        process = subprocess.run([sys.executable, "-m", "journeymap", *args], stdout=full, stderr=subprocess.PIPE,
                                 text=True, cwd=ROOT, timeout=60)
    assert process.returncode == 2
    assert "Traceback" not in process.stderr and "cannot write the output: No space left on device" in process.stderr


@pytest.mark.parametrize("text", [
    "\ufeffjourneymap: 1\ntitle: Saved on Windows\n",
    '"journeymap": 1\ntitle: Quoted key\n',
    "# a comment first\n{title: Flow mapping, journeymap: 1}\n",
])
def test_folder_scan_finds_journeys_whatever_form_the_key_takes(tmp_path, text):
    """SPEC 1: any .yaml whose top level has the key journeymap is a journey file; one the scan
    missed would pass CI unchecked while the others in the folder pass."""
    (tmp_path / "other.yaml").write_text("name: not a journey\nitems:\n  journeymap: 1\n", encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(text, encoding="utf-8")  # no stages: E004
    result = run_cli("check", str(tmp_path))
    assert result.exit_code == 1 and "claims.yaml:" in result.stdout and "E004" in result.stdout
    assert "1 journey file checked" in result.stderr


@pytest.mark.parametrize("suffix,start", [(".json", '{\n  "version"'), (".md", "# Warned"), (".mmd", "journey")])
def test_export_takes_its_format_from_the_output_file(warned: Path, suffix: str, start: str):
    out = warned.with_name("out" + suffix)
    result = run_cli("export", str(warned), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith(start)


def test_export_without_a_format_writes_json_to_stdout_and_refuses_an_unknown_suffix(warned: Path):
    """To standard output the export is JSON unless --format says otherwise, as the API's
    export() defaults to JSON; a file whose suffix names no export is refused, not filled."""
    result = run_cli("export", str(warned))
    assert result.exit_code == 0 and json.loads(result.stdout)["version"] == 1
    result = run_cli("export", str(warned), "-o", str(warned.with_name("out.txt")))
    assert result.exit_code == 2 and "--format json, markdown or mermaid" in result.stderr
    assert not warned.with_name("out.txt").exists()


def test_diff_map_takes_a_map_suffix_and_not_stdout_twice(warned: Path):
    for args, words in ((["--map", str(warned.with_name("m.txt"))], "give it the suffix .svg, .png, .pdf or .dot"),
                        (["--map", "-"], "would both go to standard output")):
        result = run_cli("diff", str(warned), str(warned), *args)
        assert result.exit_code == 2 and words in result.stderr, result.stderr
    assert not warned.with_name("m.txt").exists()


def test_diff_map_and_report_to_one_file_are_refused_before_anything_is_written(warned: Path):
    """`diff --map x.svg -o x.svg` wrote the report and then the map over it (audit BW)."""
    here = warned.with_name("x.svg")
    again = warned.parent / ".." / warned.parent.name / "x.svg"
    link = warned.with_name("y.svg")
    link.symlink_to(here)
    for report, drawing in ((here, here), (here, again), (link, here)):
        result = run_cli("diff", str(warned), str(warned), "--map", str(drawing), "-o", str(report))
        assert result.exit_code == 2 and "are the same file" in result.stderr, result.stderr
        assert not here.exists() and link.is_symlink()
    result = run_cli("diff", str(warned), str(warned), "--map", "/dev/stdout")
    assert result.exit_code == 2 and "both go to standard output" in result.stderr, result.stderr
    result = run_cli("diff", str(warned), str(warned), "--map", "/dev/null", "-o", "/dev/null")
    assert result.exit_code == 0, result.stderr


def test_a_file_named_twice_by_different_paths_is_checked_once(warned: Path):
    again = str(warned.parent / ".." / warned.parent.name / warned.name)
    result = run_cli("check", str(warned.parent), again, str(warned))
    assert result.exit_code == 0
    assert "1 journey file checked" in result.stderr
    lines = result.stdout.splitlines()
    assert lines and len(set(lines)) == len(lines)


def test_help_examples_name_journeys_the_repository_has():
    """Copied as shown from a clone, an example must not fail on a missing file."""
    import re

    from journeymap.cli.helptext import EXAMPLES, GROUP

    lines = [line for examples, _ in [*EXAMPLES.values(), GROUP] for line in examples]
    named = {m for line in lines for m in re.findall(r"maps/[\w.-]+\.journey\.yaml", line)} - {
        "maps/my-journey.journey.yaml"}  # what `journeymap init maps/` writes first
    assert named and all((ROOT / name).is_file() for name in named), named


@pytest.mark.parametrize("args,note", [
    (["-o", "{}/deck.svg"], "(it holds PDF: name it .pdf, or .html for the HTML briefing)"),
    (["--html", "-o", "{}/deck.pdf"], "(it holds HTML, as --html said: name it .html)"),
    (["-o", "{}/deck.pdf"], ""),
    (["-o", "{}/deck.htm"], ""),
])
def test_brief_says_when_the_output_name_says_another_format(warned: Path, args: list[str], note: str):
    pytest.importorskip("weasyprint")
    args = [a.replace("{}", str(warned.parent)) for a in args]
    result = run_cli("brief", str(warned), *args)
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().endswith(args[-1] + (" " + note if note else ""))


def test_check_takes_maps_by_default_as_build_does(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    none = run_cli("check")
    assert none.exit_code == 2 and "no journey files found" in none.stderr and "maps/" in none.stderr
    # a folder named that holds none: check, build and portfolio say what was looked for (audit BO)
    (tmp_path / "nj").mkdir()
    (tmp_path / "nj" / "x.yaml").write_text("foo: 1\n")
    for command in (["check", "nj"], ["build", "nj"], ["portfolio", "nj"]):
        said = run_cli(*command)
        assert said.exit_code == 2 and ("no journey file found in nj (looked for *.journey.yaml files and YAML files "
                                        "whose top level has the key `journeymap`); check the path") in said.stderr
    (tmp_path / "nj" / "x.yaml").unlink()
    (tmp_path / "nj").rmdir()
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "w.journey.yaml").write_text(WARNED)
    result = run_cli("check")
    assert result.exit_code == 0 and "1 journey file checked" in result.stderr
    assert "maps/w.journey.yaml:" in result.stdout
    # journeys only in folders below, no maps/: said, with what to pass (audit AP: `check .` found 39)
    (tmp_path / "maps").rename(tmp_path / "team-a")
    below = run_cli("check")
    assert below.exit_code == 2 and "there are some below it (in team-a/)" in below.stderr
    assert "`.` for all of them" in below.stderr


@pytest.mark.graphviz
def test_after_init_the_commands_without_paths_take_the_journeys_of_this_folder(tmp_path: Path, monkeypatch):
    """`journeymap init` writes the starter into this folder, and its comments say to check it: check,
    build and portfolio took only maps/ and stopped with "no journey files found" (audit U)."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("init").exit_code == 0
    checked = run_cli("check")
    assert checked.exit_code == 0 and "1 journey file checked" in checked.stderr
    assert "no maps/ folder here; taking the journeys in this folder and below it" in checked.stderr
    built = run_cli("build", "--formats", "svg,json")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "build" / "my-journey.svg").exists()
    rolled = run_cli("portfolio", "-o", "p.json")
    assert rolled.exit_code == 0 and '"touchpoints"' in (tmp_path / "p.json").read_text(encoding="utf-8")
    # A folder with other YAML files but no journey is not taken
    (tmp_path / "my-journey.journey.yaml").unlink()
    (tmp_path / "notes.yaml").write_text("a: 1\n")
    assert run_cli("check").exit_code == 2


@pytest.mark.parametrize("command", [["render", "-o", "x.svg"], ["brief", "-o", "x.pdf"], ["build", "-o", "out"],
                                     ["diff", "SELF", "--map", "x.svg"]])
def test_a_timeout_that_is_not_a_number_is_a_usage_error(tmp_path: Path, monkeypatch, command):
    """`--timeout nan` passed FloatRange (NaN compares false with every bound): a traceback from
    render and diff --map, exit 3 from build (audit BG)."""
    monkeypatch.chdir(tmp_path)
    journey = str(MAPS / "home-claim.journey.yaml")
    args = [a if a != "SELF" else journey for a in command]
    result = run_cli(args[0], journey, *args[1:], "--timeout", "nan")
    assert result.exit_code == 2, result.output
    assert "'nan' is not a number of seconds" in result.stderr
    assert not list(tmp_path.iterdir())


def test_no_output_is_written_over_another_journey_or_the_project_file(tmp_path: Path, monkeypatch):
    """`export -o second.journey.yaml` put JSON in place of another journey without a word (audit BG)."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("init").exit_code == 0 and run_cli("init", "--name", "second").exit_code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for args in (["export", "my-journey.journey.yaml", "-o", "second.journey.yaml", "--format", "json"],
                 ["render", "my-journey.journey.yaml", "-o", "second.journey.yaml", "--format", "svg"],
                 ["render", "my-journey.journey.yaml", "-o", "journeymap.yaml", "--format", "dot"]):
        result = run_cli(*args)
        assert result.exit_code == 2 and "refusing to " in result.stderr, (args, result.output)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    assert run_cli("init", "--name", "second", "--force").exit_code == 0  # init writes journeys: still may
    said = run_cli("export", "my-journey.journey.yaml", "-o", "out.svg", "--format", "markdown")
    assert said.exit_code == 0 and "(it holds Markdown, as --format said: name it .md)" in said.stderr


def test_an_empty_maps_folder_does_not_hide_the_journeys_beside_it(tmp_path: Path, monkeypatch):
    """A maps/ folder made ahead of time (or holding pictures) made every command without paths
    stop with "check the path", of a path the user never gave (audit BG)."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("init").exit_code == 0
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "logo.png").write_bytes(b"\x89PNG")
    checked = run_cli("check")
    assert checked.exit_code == 0 and "1 journey file checked" in checked.stderr
    assert "maps/ holds no journey file; taking the journeys in this folder and below it" in checked.stderr
    (tmp_path / "maps" / "mine.journey.yaml").write_bytes((tmp_path / "my-journey.journey.yaml").read_bytes())
    checked = run_cli("check")  # maps/ holds one now: maps/ alone, as always
    assert checked.exit_code == 0 and "note:" not in checked.stderr
    (tmp_path / "maps" / "mine.journey.yaml").unlink()
    (tmp_path / "my-journey.journey.yaml").unlink()
    none = run_cli("check")
    assert none.exit_code == 2 and "maps/ holds no journey file, and this folder holds none" in none.stderr
    assert "check the path" not in none.stderr
    from journeymap.cli.paths import default_paths

    assert default_paths(empty_maps=True) == ("maps",)  # serve waits in an empty maps/ for the first journey
    deep = tmp_path / "maps" / "a" / "b" / "c"  # a journey at any depth counts, as the scan finds it
    deep.mkdir(parents=True)
    (deep / "deep.journey.yaml").write_bytes((FIXTURES / "valid" / "small.journey.yaml").read_bytes())
    assert run_cli("check").exit_code == 0


def test_serve_waits_in_a_folder_that_holds_no_journey_yet(tmp_path: Path, monkeypatch, capsys):
    """The preview refused an empty folder, so it could not be opened before the first journey
    was written; once open, it waited when every journey went (audit DN)."""
    from journeymap.cli.paths import default_paths

    monkeypatch.chdir(tmp_path)
    assert default_paths(empty_maps=True) == (".",)
    assert "watching it: save one here" in capsys.readouterr().err
    with pytest.raises(click.UsageError, match="no journey files found"):
        default_paths()  # other commands, as before


def test_a_project_file_given_as_a_journey_is_named_for_what_it_is(tmp_path: Path):
    project = tmp_path / "journeymap.yaml"
    project.write_text("project: 1\norganisation: Acme\ndepartments:\n  - {id: sales, name: Sales}\n")
    for command in (["render"], ["brief"], ["export", "--format", "json"]):
        result = run_cli(*command, str(project))
        assert result.exit_code == 2 and "is the project file" in result.stderr, command
    checked = run_cli("check", str(project))
    assert checked.exit_code == 0 and "0 journey files and 1 project file checked" in checked.stderr


def test_a_project_file_is_checked_with_the_journeys_it_applies_to(tmp_path: Path):
    """A department dropped from the registry shows only in the journeys that use it: checking the
    project file alone (what pre-commit passes when only it changed) must check them too."""
    project = tmp_path / "journeymap.yaml"
    project.write_text("project: 1\ndepartments:\n  - {id: sales, name: Sales}\n  - {id: care, name: Care}\n")
    journey = ("journeymap: 1\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n"
               "      - {name: A, department: sales}\n      - {name: B, department: care}\n")
    (tmp_path / "a.journey.yaml").write_text(journey)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.journey.yaml").write_text(journey)
    (tmp_path / "other").mkdir()  # under a project file of its own: not this one's
    (tmp_path / "other" / "journeymap.yaml").write_text(project.read_text() + "  - {id: extra, name: Extra}\n")
    (tmp_path / "other" / "c.journey.yaml").write_text(journey)
    checked = run_cli("check", str(project))
    assert checked.exit_code == 0 and "2 journey files and 1 project file checked" in checked.stderr
    project.write_text("project: 1\ndepartments:\n  - {id: sales, name: Sales}\n")
    checked = run_cli("check", str(project))
    assert checked.exit_code == 1 and "2 journey files and 1 project file checked: 2 errors" in checked.stderr
    assert "a.journey.yaml:7:" in checked.stdout and "E007" in checked.stdout and "c.journey" not in checked.stdout
    named_too = run_cli("check", str(project), str(tmp_path / "a.journey.yaml"))  # each journey once
    assert "2 journey files and 1 project file checked: 2 errors" in named_too.stderr
    # the bounds it sets are checked over its folder, as `check` of the folder does (review CL)
    project.write_text(project.read_text() + "  - {id: care, name: Care}\nmoments_of_truth: {min: 5, max: 9}\n")
    bounds = run_cli("check", str(project))
    assert bounds.stdout.count("W115") == 1 and f"{project}:" in bounds.stdout, bounds.stdout
    # errors in the project file alone: the journeys wait for its fix, not for theirs (review CL)
    project.write_text("project: 1\ndepartments: [\n")
    held = run_cli("check", str(project)).stderr
    assert "the warnings of the journeys under the project file are checked once its errors are fixed" in held, held
    one = run_cli("check", str(tmp_path / "a.journey.yaml")).stderr
    assert "its warnings are checked once the project file's errors are fixed" in one, one
    # and with a journey's own error too: those that wait for the project file alone are counted (audit CW)
    project.write_text("project: 1\norganization: Typo Ltd\ndepartments:\n  - {id: sales, name: Sales}\n"
                       "  - {id: care, name: Care}\n")
    (tmp_path / "sub" / "b.journey.yaml").write_text(journey.replace("department: sales", "department: nowhere"))
    mixed = run_cli("check", str(project)).stderr
    assert ("the warnings of the 2 journeys with errors are checked once they are fixed (1 of them waits only for "
            "the project file's errors)") in mixed, mixed


def test_the_pre_commit_hooks_run_when_only_the_project_file_changed():
    hooks = yaml.safe_load((Path(__file__).parent.parent / ".pre-commit-hooks.yaml").read_text())
    for hook in hooks:
        pattern = re.compile(hook["files"])
        assert pattern.search("maps/journeymap.yaml") and pattern.search("journeymap.yml"), hook["id"]
        assert pattern.search("maps/home-claim.journey.yaml") and not pattern.search("maps/notes.yaml"), hook["id"]
        assert not pattern.search("maps/old-journeymap.yaml"), hook["id"]


@pytest.mark.parametrize("args", [["render", "{}", "--format", "SVG", "-o", "-"], ["check", "{}", "--format", "JSON"]])
def test_choices_are_read_in_any_case(warned: Path, args: list[str]):
    result = run_cli(*[a.replace("{}", str(warned)) for a in args])
    assert result.exit_code == 0, result.output


def test_a_missing_file_names_the_closest_one_beside_it(warned: Path):
    typo = str(warned).replace("warned.journey", "warnd.journey")
    result = run_cli("render", typo)
    assert result.exit_code == 2
    assert f"does not exist; did you mean {warned}?" in result.stderr
    far = run_cli("check", str(warned.parent / "something-else.yaml"))
    assert far.exit_code == 2 and "did you mean" not in far.stderr
    bare = run_cli("check", str(warned.parent / "warned"))  # the name without its suffix (audit AB)
    assert bare.exit_code == 2 and f"did you mean {warned}?" in bare.stderr
    # names are compared without the ending journeys share: with it, any two looked alike (audit DY)
    other = run_cli("check", str(warned.parent / "ab.journey.yaml"))
    assert other.exit_code == 2 and "did you mean" not in other.stderr
    ending = run_cli("check", str(warned.parent / "warned.jouney.yaml"))  # ... and a slip in the ending (review DW)
    assert ending.exit_code == 2 and f"did you mean {warned}?" in ending.stderr
    # a link to nothing (a loop) was told "does not exist; did you mean loop1?", its own name (audit AH)
    (warned.parent / "loop2").symlink_to("loop1")
    (warned.parent / "loop1").symlink_to("loop2")
    looped = run_cli("check", str(warned.parent / "loop1"))
    assert looped.exit_code == 2 and "is a symbolic link to nothing" in looped.stderr and "did you mean" not in looped.stderr


def test_a_folder_named_twice_or_through_a_link_is_checked_once(tmp_path: Path):
    """check maps maps/../maps ended in a KeyError traceback once files were listed by real path."""
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in ("a", "b"):
        text = WARNED.replace("title: Warned", f"title: Warned {name}\nid: {name}")
        (folder / f"{name}.journey.yaml").write_text(text)
    (tmp_path / "alias").symlink_to(folder, target_is_directory=True)
    once = run_cli("check", str(folder))
    again = run_cli("check", str(folder), str(folder / ".." / "maps"), str(tmp_path / "alias"))
    assert again.exit_code == once.exit_code == 0
    assert again.stdout == once.stdout and "W115" in once.stdout
    assert "2 journey files checked" in again.stderr


def test_a_journey_and_a_link_to_it_beside_it_are_told_by_the_journey_s_own_name(tmp_path: Path):
    """`alias.journey.yaml -> b.journey.yaml` sorted first, and every finding was told (and
    annotated in CI) at the link, not at the file a pull request edits (audit EG)."""
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "b.journey.yaml").write_text(WARNED)
    (folder / "alias.journey.yaml").symlink_to("b.journey.yaml")
    result = run_cli("check", str(folder), "--format", "github")
    assert "b.journey.yaml" in result.stdout and "alias" not in result.stdout, result.stdout
    assert "1 journey file checked" in run_cli("check", str(folder)).stderr
    # listed where the file itself comes, as without the link (review EH: the portfolio's order changed)
    from journeymap.pipeline import discover

    (folder / "a.journey.yaml").write_text(WARNED.replace("title: Warned", "title: Warned a\nid: a"))
    (folder / "alias.journey.yaml").unlink()
    (folder / "0-alias.journey.yaml").symlink_to("b.journey.yaml")
    assert [Path(p).name for p in discover([str(folder)])] == ["a.journey.yaml", "b.journey.yaml"]


@pytest.mark.parametrize("command,name", [(["render"], "home-claim.svg"), (["render", "--format", "dot"], "home-claim.dot"),
                                          (["export", "--format", "markdown"], "home-claim.md"),
                                          (["export"], "home-claim.json")])  # json, as to stdout (review AR)
def test_an_output_given_as_a_folder_gets_the_default_name_in_it(tmp_path: Path, command: list, name: str):
    """`-o .` failed with "Device or resource busy", `-o build/` with "Is a directory" (audit H)."""
    result = run_cli(command[0], str(MAPS / "home-claim.journey.yaml"), *command[1:], "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).is_file() and f"wrote {tmp_path / name}" in result.stderr



def test_an_output_folder_to_be_given_with_a_slash_is_made(tmp_path: Path):
    """`-o newdir/` wrote a file named newdir (review): a trailing slash means a folder."""
    result = run_cli("render", str(MAPS / "home-claim.journey.yaml"), "-o", f"{tmp_path / 'new' / 'dir'}/")
    assert result.exit_code == 0 and (tmp_path / "new" / "dir" / "home-claim.svg").is_file()


def test_a_folder_scan_skips_other_tools_folders(tmp_path: Path):
    """node_modules and a virtual environment were scanned for journeys (audit H)."""
    from journeymap.pipeline import discover

    journey = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    for folder in ("maps", "node_modules/pkg", "venv/lib", "__pycache__"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "j.journey.yaml").write_text(journey, encoding="utf-8")
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert [Path(p).relative_to(tmp_path).as_posix() for p in discover([str(tmp_path)])] == ["maps/j.journey.yaml"]


@pytest.mark.graphviz
@pytest.mark.pdf
def test_the_map_pdf_and_the_briefing_never_replace_each_other_by_default(tmp_path: Path, monkeypatch):
    """`render --format pdf` and `brief` both write <id>.pdf by default, and each replaced the other
    (audit K; then with a note, after the fact: audit U). Without -o the second goes beside the
    first; with -o the user chose, and is told; a run over its own output says nothing."""
    monkeypatch.chdir(tmp_path)
    journey = str(FIXTURES / "valid" / "small.journey.yaml")
    first = run_cli("render", journey, "--format", "pdf")
    assert first.exit_code == 0 and first.stderr == "wrote small.pdf\n"
    brief = run_cli("brief", journey)
    assert brief.exit_code == 0
    assert brief.stderr == ("wrote small.briefing.pdf (small.pdf holds the map that render --format pdf wrote: "
                            "kept; give -o to choose the name)\n")
    assert b"/Producer (cairo" in Path("small.pdf").read_bytes()  # the map is still there
    chosen = run_cli("brief", journey, "-o", "small.pdf")
    assert "it replaced the map that render --format pdf wrote" in chosen.stderr
    again = run_cli("brief", journey, "-o", "small.pdf")
    assert "replaced" not in again.stderr
    back = run_cli("render", journey, "--format", "pdf")
    assert back.stderr.startswith("wrote small.map.pdf (small.pdf holds another PDF, the briefing perhaps: kept")
    assert b"/Producer (cairo" not in Path("small.pdf").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.briefing.pdf", "small.map.pdf", "small.pdf"]


def test_a_journey_symlink_leading_out_of_the_folder_is_left_out_with_a_note(tmp_path: Path):
    """A shared journey linked into maps/ from outside was left out without a word: check went
    green on a journey with errors (audit T). It is still left out of the folder, and said so."""
    (tmp_path / "maps").mkdir()
    (tmp_path / "common").mkdir()
    (tmp_path / "common" / "shared.journey.yaml").write_text("journeymap: 1\ntitle: [\n")
    (tmp_path / "maps" / "shared.journey.yaml").symlink_to(tmp_path / "common" / "shared.journey.yaml")
    (tmp_path / "maps" / "own.journey.yaml").write_text((FIXTURES / "valid" / "small.journey.yaml").read_text())
    result = run_cli("check", str(tmp_path / "maps"))
    assert result.exit_code == 0
    assert f"note: skipped {tmp_path / 'maps' / 'shared.journey.yaml'}: a symlink leading out" in result.stderr
    assert run_cli("check", str(tmp_path / "maps" / "shared.journey.yaml")).exit_code == 1
    # an editor's lock (Emacs links .#name to user@host.pid while a buffer has unsaved changes) is
    # no journey, and no link to tell of (audit EJ)
    (tmp_path / "maps" / ".#own.journey.yaml").symlink_to("me@host.123:1733360000")
    again = run_cli("check", str(tmp_path / "maps"))
    assert again.exit_code == 0 and ".#own" not in again.stderr and "2 journey files" not in again.stderr


def test_a_hidden_folder_holding_journeys_is_named_as_left_out(tmp_path: Path):
    """A folder's search skips hidden folders and other tools' (node_modules): journeys kept in
    maps/.drafts were left out without a word (audit FF). Still left out, and said so; a hidden
    folder without journey files is passed over in silence, as .git is."""
    small = (FIXTURES / "valid" / "small.journey.yaml").read_text()
    for folder in ("maps/.drafts", "maps/node_modules", "maps/.git"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "maps" / ".drafts" / "draft.journey.yaml").write_text(small)
    (tmp_path / "maps" / "node_modules" / "pkg.journey.yml").write_text(small)
    (tmp_path / "maps" / ".git" / "config").write_text("[core]\n")
    (tmp_path / "maps" / "own.journey.yaml").write_text(small)
    result = run_cli("check", str(tmp_path / "maps"))
    assert result.exit_code == 0 and "1 journey file checked" in result.stderr
    assert (f"note: skipped {tmp_path / 'maps' / '.drafts'}: a hidden folder, which a folder's search leaves out, "
            "holds journey files; name them on the command line to check them") in result.stderr
    assert f"note: skipped {tmp_path / 'maps' / 'node_modules'}: another tool's folder" in result.stderr
    assert ".git" not in result.stderr


def test_a_hidden_folder_holding_journeys_further_down_is_named_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Journeys kept in .cx/journeys/ were left out without a word: only a skipped folder's own
    files were looked at (audit FU). A few levels down are looked at, a bounded number of names."""
    import journeymap.pipeline as pipeline

    small = (FIXTURES / "valid" / "small.journey.yaml").read_text()
    (tmp_path / "maps" / ".cx" / "journeys").mkdir(parents=True)
    (tmp_path / "maps" / ".cx" / "journeys" / "draft.journey.yaml").write_text(small)
    (tmp_path / "maps" / "own.journey.yaml").write_text(small)
    result = run_cli("check", str(tmp_path / "maps"))
    assert result.exit_code == 0 and f"note: skipped {tmp_path / 'maps' / '.cx'}: a hidden folder" in result.stderr
    deep = tmp_path / "deep" / ".git" / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (deep / "x.journey.yaml").write_text(small)
    assert not pipeline._holds_journeys(str(tmp_path / "deep" / ".git"))  # four levels down: not looked at
    many = tmp_path / "many" / "node_modules"
    (many / "a").mkdir(parents=True)
    for n in range(10):
        (many / f"f{n}").write_text("")
    (many / "a" / "x.journey.yaml").write_text(small)
    assert pipeline._holds_journeys(str(many))
    monkeypatch.setattr(pipeline, "LOOK_NAMES", 5)  # the first level's 11 names use up the budget
    assert not pipeline._holds_journeys(str(many))
    assert pipeline._holds_journeys(str(deep.parent))


def test_a_folder_that_cannot_be_read_is_named_not_passed_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`check maps` with a sub-folder it could not list said nothing and passed: a journey with
    errors in it was never checked. The folder is named in a note, as a skipped link is; the rest
    is checked. (Staged: root may read any folder, so listing it is refused here.)"""
    import os

    (tmp_path / "maps" / "private").mkdir(parents=True)
    (tmp_path / "maps" / "private" / "broken.journey.yaml").write_text("journeymap: 1\ntitle: [\n")
    (tmp_path / "maps" / "own.journey.yaml").write_text((FIXTURES / "valid" / "small.journey.yaml").read_text())
    listing = os.scandir

    def refused(path: object = ".") -> object:
        if os.fspath(path).endswith("private"):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(path))  # type: ignore[arg-type]
        return listing(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refused)
    monkeypatch.setattr(os, "listdir", lambda path=".": [p.name for p in refused(path)])  # type: ignore[attr-defined]
    for command in ("check", "portfolio"):
        result = run_cli(command, str(tmp_path / "maps"), *(["-o", str(tmp_path / "p.json")] if command == "portfolio" else []))
        assert result.exit_code == 0, result.stderr
        assert (f"note: skipped {tmp_path / 'maps' / 'private'}: a folder that could not be read (Permission denied), "
                "so any journeys in it were left out; make it readable") in result.stderr


def test_check_says_when_two_journeys_share_an_id_and_how_build_names_them(tmp_path: Path):
    """Two returns.journey.yaml in sub-folders passed check, then build failed them both (audit T);
    build now names their outputs by their files (audit CD), and check says how."""
    small = (FIXTURES / "valid" / "small.journey.yaml").read_text()
    for team in ("hr", "retail"):
        (tmp_path / "maps" / team).mkdir(parents=True)
        (tmp_path / "maps" / team / "returns.journey.yaml").write_text(small)
    result = run_cli("check", str(tmp_path / "maps"))
    assert result.exit_code == 0
    assert (f"note: {tmp_path / 'maps' / 'hr' / 'returns.journey.yaml'} and "
            f"{tmp_path / 'maps' / 'retail' / 'returns.journey.yaml'} share the journey id 'returns': build names "
            "their outputs returns@hr-returns and returns@retail-returns; give each its own `id:`") in result.stderr
    # so does portfolio: its JSON lists both journeys, and their moments of truth, under one id (audit W)
    rolled = run_cli("portfolio", str(tmp_path / "maps"), "-o", str(tmp_path / "p.json"))
    assert rolled.exit_code == 0 and "share the journey id 'returns'" in rolled.stderr
    doc = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert [j["id"] for j in doc["journeys"]] == ["returns", "returns"]
    (tmp_path / "maps" / "hr" / "returns.journey.yaml").write_text("id: hr-returns\n" + small)
    again = run_cli("check", str(tmp_path / "maps"))
    assert again.exit_code == 0 and "share the journey id" not in again.stderr


def test_a_mistyped_command_is_told_the_one_meant():
    """`journeymap rendr` said only "No such command 'rendr'" (audit AF)."""
    result = run_cli("rendr", "x.journey.yaml")
    assert result.exit_code == 2 and "No such command 'rendr'. Did you mean 'render'?" in result.stderr
    result = run_cli("portfolo")
    assert result.exit_code == 2 and "Did you mean 'portfolio'?" in result.stderr
    result = run_cli("zzz")
    assert result.exit_code == 2 and "No such command 'zzz'." in result.stderr and "Did you mean" not in result.stderr


def test_an_unusable_source_date_epoch_is_said_where_outputs_are_dated(monkeypatch, tmp_path: Path):
    """SOURCE_DATE_EPOCH=abc was ignored without a word and the outputs dated today (review AR)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "abc")
    said = ("note: SOURCE_DATE_EPOCH='abc' is not a usable time (a whole number of seconds since 1970); "
            "the outputs are dated today")
    exported = run_cli("export", str(MAPS / "home-claim.journey.yaml"), "-o", str(tmp_path))
    assert exported.exit_code == 0 and said not in exported.stderr  # no date in an export
    assert said not in run_cli("check", str(MAPS / "home-claim.journey.yaml")).stderr
    dot = run_cli("render", str(MAPS / "home-claim.journey.yaml"), "--format", "dot", "-o", str(tmp_path / "m.dot"))
    assert dot.exit_code == 0 and said in dot.stderr
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "9" * 30)  # a number past the calendar's end: not usable either
    late = run_cli("render", str(MAPS / "home-claim.journey.yaml"), "--format", "dot", "-o", str(tmp_path / "m.dot"))
    assert said.replace("'abc'", repr("9" * 30)) in late.stderr
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    assert "SOURCE_DATE_EPOCH" not in run_cli("render", str(MAPS / "home-claim.journey.yaml"), "--format", "dot",
                                              "-o", str(tmp_path / "m.dot")).stderr


def test_a_briefing_our_own_templates_cannot_make_is_an_environment_failure(tmp_path, monkeypatch):
    """A map Graphviz drew that the briefing cannot read (a BriefingError, so a ValueError from the
    API) was blamed on templates the user never gave: exit 2, "a problem with what the command was
    given". Without --templates it is the tools' failure: exit 3 (review EB)."""
    from journeymap.briefing import make
    from journeymap.briefing.errors import BriefingError

    def unreadable(*_args, **_kwargs):
        raise BriefingError("the map SVG could not be read")

    monkeypatch.setattr(make, "briefing_bytes", unreadable)
    out = tmp_path / "b.pdf"
    result = run_cli("brief", str(MAPS / "home-claim.journey.yaml"), "-o", str(out))
    assert result.exit_code == 3 and "the map SVG could not be read" in result.stderr and not out.exists()


@pytest.mark.parametrize("command", [["build", str(MAPS)], ["render", str(MAPS / "home-claim.journey.yaml")],
                                     ["brief", str(MAPS / "home-claim.journey.yaml")],
                                     ["export", str(MAPS / "home-claim.journey.yaml")], ["portfolio", str(MAPS)],
                                     ["diff", str(MAPS / "home-claim.journey.yaml"), str(MAPS / "home-claim.journey.yaml")]])
def test_an_empty_output_is_a_usage_error(command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`build -o ""` (a CI step's unset variable) built into the current folder, a repository's
    root; render, export and portfolio wrote their default names there (audit EG)."""
    monkeypatch.chdir(tmp_path)
    result = run_cli(*command, "-o", "")
    assert result.exit_code == 2 and "is empty: give a file or folder" in result.output, result.output
    assert list(tmp_path.iterdir()) == []


def test_check_writes_sarif_for_code_scanning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A CI job had only GitHub's workflow commands to annotate with (audit EG): SARIF 2.1.0 has
    every check as a rule and each finding as a result where the JSON report puts it. (The output
    was checked against OASIS's SARIF 2.1.0 schema when it was written: 264 results, no error.)"""
    monkeypatch.chdir(ROOT)
    sarif = run_cli("check", "maps", "tests/fixtures/errors/E001.yaml", "--format", "sarif")
    report = json.loads(run_cli("check", "maps", "tests/fixtures/errors/E001.yaml", "--format", "json").stdout)
    assert sarif.exit_code == 1 and "summary" not in sarif.stdout
    doc = json.loads(sarif.stdout)
    (run,) = doc["runs"]
    assert doc["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "journeymap"
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules][:2] == ["E001", "E002"] and len(rules) == 25
    assert [(r["ruleId"], r["level"], r["message"]["text"]) for r in run["results"]] == [
        (f["code"], f["severity"], f["message"]) for f in report["findings"]]
    for result, finding in zip(run["results"], report["findings"]):
        (where,) = result["locations"]
        assert where["physicalLocation"]["artifactLocation"] == {"uri": finding["path"], "uriBaseId": "%SRCROOT%"}
        assert where["physicalLocation"]["region"] == {"startLine": finding["line"], "startColumn": finding["column"]}
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_check_writes_a_gitlab_code_quality_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """GitLab reads SARIF in its Ultimate tier only: a GitLab pipeline had no report to show on a
    merge request (audit FX). The Code Climate JSON of its Code Quality reports has each finding
    where the JSON report puts it, and a fingerprint that keeps while the finding does: lines
    added above a finding move it, not its fingerprint."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(MAPS, "maps")
    quality = run_cli("check", "maps", "--format", "codeclimate")
    report = json.loads(run_cli("check", "maps", "--format", "json").stdout)
    assert quality.exit_code == 0 and "summary" not in quality.stdout
    issues = json.loads(quality.stdout)
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        (f["code"], "minor", {"path": f["path"], "lines": {"begin": f["line"]}}) for f in report["findings"]]
    assert all(i["type"] == "issue" and i["description"].startswith(i["check_name"] + " ") for i in issues)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    claim = Path("maps/home-claim.journey.yaml")
    claim.write_text("# a comment\n# and another\n" + claim.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(run_cli("check", "maps", "--format", "codeclimate").stdout)
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in issues]
    assert [i["location"]["lines"]["begin"] for i in moved] != [i["location"]["lines"]["begin"] for i in issues]
    claim.write_text(claim.read_text(encoding="utf-8").replace("journeymap: 1", "journeymap: 1\nbogus: 1", 1),
                     encoding="utf-8")
    broken = run_cli("check", "maps", "--format", "codeclimate")
    assert broken.exit_code == 1
    assert [(i["check_name"], i["severity"]) for i in json.loads(broken.stdout)][0] == ("E003", "critical")


def test_a_journey_that_cannot_be_read_fails_check_after_the_others_report(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch):
    """One unreadable file in a folder stopped `check --format json` before any report: a CI step
    that reads the JSON got nothing (audit EG). The others are reported; the command still fails
    with the usage status, naming the file."""
    import journeymap.portfolio.collect as collect

    folder = tmp_path / "maps"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.journey.yaml").write_text(WARNED.replace("title: Warned", f"title: Warned {name}\nid: {name}"))
    real = collect.check_file

    def refused(path: str, *args: object) -> object:
        if path.endswith("a.journey.yaml"):
            raise PermissionError(13, "Permission denied", path)
        return real(path, *args)

    monkeypatch.setattr(collect, "check_file", refused)
    result = run_cli("check", str(folder), "--format", "json")
    assert result.exit_code == 2 and f"cannot read {folder / 'a.journey.yaml'}: Permission denied" in result.stderr
    paths = {f["path"] for f in json.loads(result.stdout)["findings"]}
    assert str(folder / "b.journey.yaml") in paths and str(folder / "a.journey.yaml") not in paths
    # the summary counts the one read, and says one was not (it counted both as checked: audit FF)
    text = run_cli("check", str(folder))
    assert "1 journey file checked: 0 errors, " in text.stderr and "; 1 file could not be read (below)" in text.stderr


def test_check_of_nothing_readable_prints_no_report(tmp_path: Path):
    """`check /dev/null --format json` printed a clean report, 0 errors, then failed with status 2:
    a CI step reading the JSON saw nothing wrong (audit FF). Nothing read, nothing reported."""
    for fmt in ("json", "text"):
        result = run_cli("check", "/dev/null", "--format", fmt)
        assert result.exit_code == 2 and result.stdout == "" and "checked" not in result.stderr
        assert "cannot read /dev/null: it is a device" in result.stderr


def test_init_given_a_journey_files_name_says_it_takes_a_folder(tmp_path: Path):
    """`init x/wordy.journey.yaml` made a folder named wordy.journey.yaml and a starter in it
    (audit EJ); it names the folder and --name to give instead, and makes nothing."""
    result = run_cli("init", str(tmp_path / "x" / "wordy.journey.yaml"))
    assert result.exit_code == 2 and "names a file; init writes into a folder" in result.stderr
    assert f"journeymap init {(tmp_path / 'x').as_posix()} --name wordy.journey.yaml" in result.stderr
    assert not (tmp_path / "x").exists()
    made = run_cli("init", str(tmp_path / "x"), "--name", "wordy.journey.yaml")
    assert made.exit_code == 0 and (tmp_path / "x" / "wordy.journey.yaml").is_file()


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_check_writes_a_journeys_text_whatever_the_streams_encoding(fmt: str) -> None:
    """Through a pipe in another encoding than UTF-8 (a Windows runner's cp1252; here a C locale's
    ASCII), `check` ended in a UnicodeEncodeError at the examples' "ń": exit status 1 and nothing
    written, a SARIF file empty (audit FX). A pipe gets UTF-8; the warnings alone exit 0. An
    encoding asked for (PYTHONIOENCODING) is kept, what it cannot show escaped."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONIOENCODING"}
    env.update(LC_ALL="C", LANG="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    done = subprocess.run([sys.executable, "-m", "journeymap", "check", str(MAPS), "--format", fmt],
                          capture_output=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr[-600:]
    out = done.stdout.decode("utf-8")
    assert "\u0144" in out  # Piotr Zieli\u0144ski, the lead of a department a warning is about
    if fmt in ("json", "sarif"):
        json.loads(out)
    done = subprocess.run([sys.executable, "-m", "journeymap", "check", str(MAPS), "--format", fmt],
                          capture_output=True, env={**env, "PYTHONIOENCODING": "cp1252"}, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr[-600:]
    assert "Zieli\\u0144ski" in done.stdout.decode("cp1252")
