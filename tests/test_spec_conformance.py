"""SPEC conformance, black-box: sentences of SPEC sections 1-3, 4.3, 5, 6 and 8 tried as written.

Each test drives the command line (in-process through ``run_cli``) or the Python API the way a
user or a CI job would, in a temporary folder, and checks what the SPEC promises: exit statuses,
output formats, default names, limits at their boundaries, the diff document's shape.
"""

from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import journeymap
from conftest import FIXTURES, ROOT, has_graphviz, run_cli
from journeymap.cli.main import main

needs_graphviz = pytest.mark.skipif(not has_graphviz(), reason="Graphviz is not installed")

SMALL = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
TEXT_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<code>[EW]\d{3}) (?P<name>[a-z-]+): \S.*$")
GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[EW]\d{3}::\S.*$")
FINDING_KEYS = {"path", "line", "column", "code", "name", "severity", "message"}


def journey(touchpoints: str, *, departments: str = "[{id: a, name: A, lead: L}, {id: b, name: B, lead: M}]",
            extra: str = "") -> str:
    """A journey of one stage with the given flow-style touch-points."""
    return (f"journeymap: 1\ntitle: T\nowner: O\n{extra}departments: {departments}\n"
            f"stages:\n  - {{id: s, name: S, owner: P, feedback: [f], touchpoints: [{touchpoints}]}}\n")


def errors(text: str) -> list[str]:
    """The error codes ``loads`` finds in ``text``."""
    return [f.code for f in journeymap.loads(text).findings if f.is_error]


# --- SPEC 3: findings as text, JSON and GitHub annotations --------------------------------------

def test_findings_in_the_three_formats(tmp_path: Path):
    bad = tmp_path / "bad.journey.yaml"
    bad.write_text(journey("{id: x, name: X, department: nowhere}, {id: y, name: Y, department: b}"))
    text = run_cli("check", str(bad))
    assert text.exit_code == 1
    lines = text.stdout.splitlines()
    assert lines and all(TEXT_LINE.match(line) for line in lines), text.stdout
    first = TEXT_LINE.match(lines[0])
    assert first and first["path"] == str(bad) and first["code"] == "E007" and first["name"] == "unknown-reference"
    line = bad.read_text().splitlines()[5]
    assert (first["line"], first["col"]) == ("6", str(line.index("nowhere") + 1))  # the `nowhere` scalar
    report = json.loads(run_cli("check", "--format", "json", str(bad)).stdout)
    assert set(report) == {"version", "findings", "summary"} and report["version"] == 1
    assert all(set(f) == FINDING_KEYS for f in report["findings"])
    assert report["summary"] == {"errors": 1, "warnings": sum(f["severity"] == "warning" for f in report["findings"])}
    github = run_cli("check", "--format", "github", str(bad)).stdout.splitlines()
    assert github and all(GITHUB_LINE.match(line) for line in github), github
    assert github[0].startswith(f"::error file={bad},line=6,col={line.index('nowhere') + 1},title=E007::")


def test_errors_come_before_warnings_across_files(tmp_path: Path):
    (tmp_path / "a.journey.yaml").write_text(journey("{id: x, name: X, department: a}").replace("owner: O\n", ""))
    (tmp_path / "b.journey.yaml").write_text(journey("{id: x, name: X, department: zz}"))
    report = json.loads(run_cli("check", "--format", "json", str(tmp_path)).stdout)
    severities = [f["severity"] for f in report["findings"]]
    assert severities == sorted(severities) and severities[0] == "error" and "warning" in severities


def test_the_summary_says_the_warnings_of_a_journey_with_errors_wait_for_its_fix(tmp_path: Path):
    """SPEC 2: errors make a journey unusable, so its CX checks do not run; "0 warnings" alone read
    as a clean bill (audits CI, CJ), so the summary says they wait."""
    (tmp_path / "a.journey.yaml").write_text(journey("{id: x, name: X, department: a}").replace("owner: O\n", ""))
    (tmp_path / "b.journey.yaml").write_text(journey("{id: x, name: X, department: zz}"))
    one = run_cli("check", str(tmp_path / "b.journey.yaml")).stderr
    assert "1 error, 0 warnings; its warnings are checked once its errors are fixed" in one, one
    both = run_cli("check", str(tmp_path)).stderr
    assert "; the warnings of the journey with errors are checked once it is fixed" in both, both
    clean = run_cli("check", str(tmp_path / "a.journey.yaml")).stderr
    assert "checked once" not in clean
    piped = run_cli("check", "-", str(tmp_path / "a.journey.yaml"), input=journey("{id: x, name: X, department: zz}"))
    assert "the warnings of the journey with errors" in piped.stderr, piped.stderr


def test_stdin_findings_name_stdin_for_every_one_file_command(tmp_path: Path):
    bad = journey("{id: x, name: X, department: zz}")
    for args in (("check", "-"), ("render", "-", "-o", str(tmp_path / "m.svg")),
                 ("brief", "-", "-o", str(tmp_path / "b.pdf")), ("export", "-", "--format", "json")):
        result = run_cli(*args, input=bad)
        assert result.exit_code == 1 and "<stdin>:6:" in result.output, (args, result.output)
    assert not list(tmp_path.iterdir())


def test_diff_with_a_broken_stdin_names_stdin(tmp_path: Path):
    good = tmp_path / "j.journey.yaml"
    good.write_text(journey("{id: x, name: X, department: a}"))
    result = run_cli("diff", "-", str(good), input=journey("{id: x, name: X, department: zz}"))
    assert result.exit_code == 1
    assert "<stdin>: this version has errors" in result.stderr and "\n-:" not in "\n" + result.stderr


# --- SPEC 3: render's format and output name ------------------------------------------------------

@needs_graphviz
def test_render_takes_the_format_from_the_output_suffix(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("My Trip.yml").write_text(SMALL)
    starts = {"a.png": b"\x89PNG", "a.pdf": b"%PDF-", "A.PDF": b"%PDF-", "a.dot": b"digraph",
              "a.svg": b"<?xml", "a.unknown": b"<?xml"}
    for name, start in starts.items():
        assert run_cli("render", "My Trip.yml", "-o", name).exit_code == 0
        assert Path(name).read_bytes().startswith(start), name
    assert run_cli("render", "My Trip.yml").exit_code == 0
    assert Path("my-trip.svg").read_bytes().startswith(b"<?xml")  # <id>.<format>, id from the file name
    assert run_cli("render", "My Trip.yml", "--format", "dot").exit_code == 0 and Path("my-trip.dot").exists()
    piped = run_cli("render", "My Trip.yml", "-o", "-", "--format", "png")
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"\x89PNG")


@needs_graphviz
@pytest.mark.parametrize("zone", ["UTC", "JST-9", "EST5"])  # POSIX zones: no tz database needed
def test_map_pdf_is_byte_identical_with_source_date_epoch(monkeypatch, zone: str):
    """In any time zone (review FM: away from UTC, Cairo's date kept the clock's time)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("TZ", zone)
    checked = journeymap.loads(SMALL)
    pdf = journeymap.render(checked, "pdf")
    assert b"/CreationDate (D:20231114221320Z)" in pdf  # Cairo's own clock would say today
    assert journeymap.render(checked, "pdf") == pdf
    monkeypatch.setenv("TZ", "UTC")
    assert journeymap.render(checked, "pdf") == pdf


def test_a_pdf_date_with_its_zone_is_stamped_in_place():
    """Cairo 1.16 writes a zone as +01'00 (no closing apostrophe): it was left with the clock's
    time. The date is rewritten at the same length, so the file's byte offsets stay right."""
    from journeymap.map.pdfstamp import stamp_pdf_dates

    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    for zone in (b"+01'00", b"-05'00'", b"Z"):
        data = b"<< /CreationDate (D:20261205173716" + zone + b") /ModDate (D:20261205173716" + zone + b") >>"
        stamped = stamp_pdf_dates(data, env)
        assert len(stamped) == len(data) and b"20261205" not in stamped
        assert stamped.count(b"(D:20231114221320") == 2


@needs_graphviz
def test_a_map_pdf_carries_the_journeys_title(tmp_path: Path):
    """Cairo gives map PDFs no title: a viewer showed the file's name (audit U). It is added as
    an incremental update that qpdf and pypdf read, in any script."""
    import shutil
    import subprocess

    pypdf = pytest.importorskip("pypdf")
    title = 'Zoë’s claim (客服) \\ <"done">'
    checked = journeymap.loads(SMALL.replace("title: ", f"title: {json.dumps(title)} #", 1))
    pdf = journeymap.render(checked, "pdf")
    path = tmp_path / "m.pdf"
    path.write_bytes(pdf)
    info = pypdf.PdfReader(path).metadata
    assert info.title == title and info.producer.startswith("cairo")
    if shutil.which("qpdf"):
        assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0


def test_brief_output_ending_in_html_is_the_html_briefing(tmp_path: Path):
    out = tmp_path / "briefing.html"
    result = run_cli("brief", str(FIXTURES / "valid" / "small.journey.yaml"), "-o", str(out))
    if result.exit_code == 3:
        pytest.skip("Graphviz is not installed")
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- SPEC 1: the file format at its boundaries ------------------------------------------------------

@pytest.mark.parametrize("name, expected", [("Home Claim.journey.yaml", "home-claim"), ("trip.yml", "trip"),
                                            ("Trip 2.YAML", "trip-2"), ("x.journey.yml", "x")])
def test_id_defaults_to_the_slugified_file_name(tmp_path: Path, name: str, expected: str):
    path = tmp_path / name
    path.write_text(SMALL)
    checked = journeymap.load(path)
    assert checked.ok and checked.journey is not None and checked.journey.id == expected


def test_x_keys_are_ignored_anywhere():
    text = journey("{id: x, name: X, department: a, next: [{to: y, label: L, x-k: 1}], x-tp: [1]}, "
                   "{id: y, name: Y, department: b}",
                   departments="[{id: a, name: A, lead: L, x-d: 1}, {id: b, name: B, lead: M}]",
                   extra="x-top: {deep: [1, {x: 2}]}\npersona: {name: P, x-p: q}\n")
    assert errors(text) == []
    assert errors(text.replace("x-top", "top")) == ["E003"]


@pytest.mark.parametrize("field, ok, bad", [
    ("id", "a" * 64, "a" * 65), ("id", "0a_b-c", "_a"), ("name", "n" * 200, "n" * 201),
    ("notes", "n" * 2000, "n" * 2001), ("emotion", "-2", "-3"), ("emotion", "2", "1.5"),
])
def test_touchpoint_values_at_their_bounds(field: str, ok: str, bad: str):
    def text(value: str) -> str:
        tp = {"id": "x", "name": "X", "department": "a", field: value}
        return journey("{" + ", ".join(f"{k}: {v}" for k, v in tp.items()) + "}")
    assert errors(text(ok)) == []
    assert errors(text(bad)) == ["E005"]


def test_ids_live_in_their_own_namespaces():
    same = journey("{id: a, name: X, department: a}").replace("{id: s,", "{id: a,")
    assert errors(same) == []
    assert errors(journey("{id: x, name: X, department: a}, {id: x, name: Y, department: b}")) == ["E006"]


def test_next_empty_ends_the_path_and_unknown_next_is_e007():
    tps = "{id: x, name: X, department: a, next: []}, {id: y, name: Y, department: b}"
    checked = journeymap.loads(journey(tps))
    assert checked.ok and "W113" in {f.code for f in checked.findings}
    assert errors(journey("{id: x, name: X, department: a, next: [nope]}")) == ["E007"]


# --- SPEC 5: limits ----------------------------------------------------------------------------------

def _sized(departments: int, stages: int, touchpoints: int) -> str:
    lines = ["journeymap: 1", "title: L", "departments:"]
    lines += [f"  - {{id: d{i}, name: D{i}}}" for i in range(departments)]
    lines.append("stages:")
    for s in range(stages):
        count = touchpoints // stages + (s < touchpoints % stages)
        lines.append(f"  - {{id: s{s}, name: S{s}, touchpoints: [" + ", ".join(
            f"{{id: t{s}-{k}, name: T, department: d{k % departments}}}" for k in range(count)) + "]}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("at_limit, over", [((200, 1, 200), (201, 1, 201)), ((1, 200, 200), (1, 201, 201)),
                                             ((1, 1, 2000), (1, 1, 2001))])
def test_limits_are_inclusive_and_one_more_is_e009(at_limit: tuple[int, int, int], over: tuple[int, int, int]):
    assert errors(_sized(*at_limit)) == []
    assert errors(_sized(*over)) == ["E009"]


def _nodes(node: yaml.Node) -> int:
    if isinstance(node, yaml.MappingNode):
        return 1 + sum(_nodes(k) + _nodes(v) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(_nodes(item) for item in node.value)
    return 1


def test_nesting_depth_64_and_100000_nodes():
    base = journey("{id: x, name: X, department: a}")
    nested = lambda depth: base + "x-deep: " + "[" * depth + "1" + "]" * depth + "\n"  # noqa: E731
    assert errors(nested(63)) == []  # 64 levels with the top mapping
    assert errors(nested(64)) == ["E009"]
    items = 100_000 - _nodes(yaml.compose(base)) - 2  # the x-list key and its sequence
    wide = lambda n: base + "x-list: [" + ",".join(["1"] * n) + "]\n"  # noqa: E731
    assert errors(wide(items)) == []
    assert errors(wide(items + 1)) == ["E009"]
    aliases = base + "x-a: &a [" + ",".join(["1"] * 1000) + "]\nx-b: [" + ",".join(["*a"] * 100) + "]\n"
    assert errors(aliases) == ["E009"]  # counted after alias expansion


# --- SPEC 3: diff ------------------------------------------------------------------------------------

def _diff(tmp_path: Path, old: str, new: str, *args: str):
    (tmp_path / "old.journey.yaml").write_text(old)
    (tmp_path / "new.journey.yaml").write_text(new)
    return run_cli("diff", str(tmp_path / "old.journey.yaml"), str(tmp_path / "new.journey.yaml"), *args)


def test_diff_json_has_the_spec_shape(tmp_path: Path):
    old = journey("{id: x, name: X, department: a, reliability: reliable}, "
                  "{id: y, name: Y, department: b, reliability: reliable}, {id: z, name: Z, department: a}")
    new = journey("{id: x, name: X2, department: a, reliability: unreliable}, "
                  "{id: w, name: W, department: b, reliability: it-depends, depends_on: [q]}, "
                  "{id: z, name: Z, department: a, reliability: reliable}")
    result = _diff(tmp_path, old, new, "--format", "json")
    assert result.exit_code == 0
    d = json.loads(result.stdout)
    assert d["version"] == 1
    assert set(d["touchpoints"]) == {"added", "removed", "changed"}
    assert set(d["handoffs"]) == {"added", "removed"}
    assert set(d["reliability"]) == {"improved", "regressed"}
    assert set(d["findings"]) == {"new", "resolved"}
    assert d["touchpoints"]["added"] == ["w"] and d["touchpoints"]["removed"] == ["y"]
    assert {"id": "x", "field": "name", "old": "X", "new": "X2"} in d["touchpoints"]["changed"]
    assert all(set(c) == {"id", "field", "old", "new"} for c in d["touchpoints"]["changed"])
    assert d["handoffs"] == {"added": [["x", "w"], ["w", "z"]], "removed": [["x", "y"], ["y", "z"]]}
    assert d["reliability"] == {"improved": [], "regressed": ["x"]}  # z: unknown -> reliable is a plain change
    assert {"id": "z", "field": "reliability", "old": "unknown", "new": "reliable"} in d["touchpoints"]["changed"]
    assert all(set(f) == FINDING_KEYS for f in d["findings"]["new"] + d["findings"]["resolved"])
    assert d == journeymap.diff(journeymap.load(tmp_path / "old.journey.yaml"),
                                journeymap.load(tmp_path / "new.journey.yaml"))


@pytest.mark.parametrize("new_tps, regression", [
    ("{id: x, name: X, department: a, reliability: reliable}, {id: y, name: Y, department: b, reliability: reliable}",
     False),  # an improvement
    ("{id: x, name: X, department: a, reliability: unreliable}, {id: y, name: Y, department: a, reliability: it-depends,"
     " depends_on: [q]}", True),  # regressed ratings
    ("{id: x, name: X, department: a, reliability: it-depends, depends_on: [q]}, "
     "{id: y, name: Y, department: b, reliability: it-depends, depends_on: [q]}, "
     "{id: z, name: Z, department: a, reliability: it-depends, depends_on: [q]}, "
     "{id: v, name: V, department: b, reliability: it-depends, depends_on: [q]}", True),  # added risky hand-offs
    ("{id: x, name: X, department: a, reliability: it-depends, depends_on: [q]}, "
     "{id: y, name: Y, department: b, reliability: it-depends, depends_on: [q], moment_of_truth: true}", True),
])
def test_fail_on_regression(tmp_path: Path, new_tps: str, regression: bool):
    old = journey("{id: x, name: X, department: a, reliability: it-depends, depends_on: [q]}, "
                  "{id: y, name: Y, department: b, reliability: it-depends, depends_on: [q]}")
    assert _diff(tmp_path, old, journey(new_tps)).exit_code == 0  # without --fail-on: 0 whatever changed
    assert _diff(tmp_path, old, journey(new_tps), "--fail-on", "regression").exit_code == (1 if regression else 0)


# --- SPEC 1.2: registry lanes ---------------------------------------------------------------------

def test_a_listed_registry_id_is_a_lane_even_when_unused(tmp_path: Path):
    (tmp_path / "journeymap.yaml").write_text(
        "project: 1\ndepartments:\n  - {id: cc, name: Contact centre, lead: P}\n"
        "  - {id: claims, name: Claims, lead: T}\n  - {id: billing, name: Billing, lead: B}\n")
    path = tmp_path / "j.journey.yaml"
    path.write_text(journey("{id: x, name: X, department: web}, {id: y, name: Y, department: cc}, "
                            "{id: z, name: Z, department: billing}",
                            departments="[billing, {id: web, name: Web, lead: W}, claims]"))
    checked = journeymap.load(path)
    assert checked.ok and checked.journey is not None
    assert [d.id for d in checked.journey.departments] == ["billing", "web", "claims", "cc"]


# --- SPEC 8: the Python API -------------------------------------------------------------------------

def test_api_signatures_are_those_of_the_spec():
    def params(fn):
        return [(p.name, p.default) for p in inspect.signature(fn).parameters.values()
                if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    assert params(journeymap.load)[0][0] == "path"
    assert params(journeymap.loads)[:2] == [("text", inspect.Parameter.empty), ("name", "<string>")]
    assert params(journeymap.render)[:2] == [("checked", inspect.Parameter.empty), ("format", "svg")]
    assert params(journeymap.brief)[:3] == [("checked", inspect.Parameter.empty), ("page", "a4"), ("html", False)]
    assert params(journeymap.export)[:2] == [("checked", inspect.Parameter.empty), ("format", "json")]
    assert [p[0] for p in params(journeymap.diff)] == ["old", "new"]


def test_checked_values_and_exceptions():
    good = journeymap.loads(SMALL)
    assert good.ok and good.journey is not None and good.analysis is not None and isinstance(good.findings, tuple)
    bad = journeymap.loads("journeymap: 1\ntitle: [", name="x.yaml")
    assert not bad.ok and bad.findings and all(f.path == "x.yaml" for f in bad.findings)
    assert journeymap.loads("journeymap: 1\n").findings[0].path == "<string>"
    for call in (lambda: journeymap.render(bad), lambda: journeymap.brief(bad, html=True),
                 lambda: journeymap.export(bad), lambda: journeymap.diff(good, bad)):
        with pytest.raises(journeymap.JourneyError):
            call()
    assert json.loads(journeymap.export(good))["version"] == 1


# --- SPEC 3: no traceback, usage errors name the path ----------------------------------------------

def test_a_device_named_as_a_journey_is_a_usage_error_naming_it():
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null here")
    result = run_cli("check", "/dev/null")
    assert result.exit_code == 2 and "cannot read /dev/null:" in result.stderr


def test_init_into_a_path_below_a_file_is_a_usage_error(tmp_path: Path):
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(main, ["init", str(tmp_path / "file" / "sub")])
    assert result.exit_code == 2 and "cannot make the folder" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_renaming_a_touchpoint_is_a_change_not_a_regression(tmp_path: Path):
    old = journey("{id: x, name: X, department: a}, {id: y, name: Pays, department: b, moment_of_truth: true}")
    new = old.replace("name: Pays", "name: Pays by card")
    result = _diff(tmp_path, old, new, "--format", "json", "--fail-on", "regression")
    d = json.loads(result.stdout)
    assert d["touchpoints"]["changed"] == [{"id": "y", "field": "name", "old": "Pays", "new": "Pays by card"}]
    assert d["findings"] == {"new": [], "resolved": []} and result.exit_code == 0
    worse = new.replace("moment_of_truth: true", "moment_of_truth: true, reliability: unreliable")
    assert _diff(tmp_path, old, worse, "--fail-on", "regression").exit_code == 1  # W106 on it is new


# --- SPEC 2 / 6: W115 --------------------------------------------------------------------------------

def test_w115_bounds_are_inclusive_and_only_usable_journeys_count(tmp_path: Path):
    (tmp_path / "journeymap.yaml").write_text("project: 1\nmoments_of_truth: {min: 2, max: 2}\n")
    for name in ("a", "b"):
        (tmp_path / f"{name}.journey.yaml").write_text(
            journey("{id: x, name: X, department: a, moment_of_truth: true}"))
    assert "W115" not in run_cli("check", str(tmp_path)).stdout  # 2 is within [2, 2]
    (tmp_path / "b.journey.yaml").write_text(journey("{id: x, name: X, department: zz, moment_of_truth: true}"))
    text = run_cli("check", str(tmp_path)).stdout
    assert f"{tmp_path / 'journeymap.yaml'}:2:1: W115" in text and "the one journey without errors of this portfolio holds 1" in text
    (tmp_path / "a.journey.yaml").write_text(journey("{id: x, name: X, department: zz}"))
    assert "W115" not in run_cli("check", str(tmp_path)).stdout  # no usable journey: the errors say it


@pytest.mark.parametrize("name", ["x" * 5000, "a\x00b.yaml", "/no/such/folder/j.journey.yaml", ""])
def test_loads_never_raises_whatever_the_name(name: str):
    checked = journeymap.loads(SMALL, name=name)
    assert checked.ok


@pytest.mark.parametrize("path", ["a\x00b.journey.yaml", "x" * 5000])
def test_load_of_an_impossible_path_raises_oserror(path: str):
    with pytest.raises(OSError):
        journeymap.load(path)


def _branchy(n: int, each: int, filler: int = 0) -> bytes:
    """A journey of ``n`` touch-points each naming the ``each`` after it (round the ring), and
    ``filler`` more that name none."""
    rows = "".join(f"      - {{id: t{i}, name: T{i}, department: d, "
                   f"next: [{', '.join(f't{(i + k) % n}' for k in range(1, each + 1))}]}}\n" for i in range(n))
    rows += "".join(f"      - {{id: f{i}, name: F{i}, department: d, next: []}}\n" for i in range(filler))
    return (f"journeymap: 1\ntitle: Branchy\ndepartments: [{{id: d, name: D}}]\nstages:\n  - name: S\n"
            f"    touchpoints:\n{rows}").encode()


def test_next_lists_are_bounded_with_e009_at_the_step_past_the_limit():
    """Not in SPEC 5: a 133 kB journey of 150 touch-points each leading to all others named
    22,000 flows, and its briefing took 7.9 GB of memory. One touch-point names at most 16 next
    steps, a journey 4,000 or four a touch-point (E009 at the first step past either)."""
    from journeymap.journey.limits import MAX_NEXT, MOST_FROM_ONE
    from journeymap.journey.validate import load_bytes

    journey, findings = load_bytes(_branchy(100, 17), "dense.journey.yaml")
    assert journey is None and [f.code for f in findings] == ["E009"]
    assert findings[0].line == 7 and "17 next steps from one touch-point; the limit is 16" in findings[0].message
    assert findings[0].column == _branchy(100, 17).decode().splitlines()[6].index(f"t{MOST_FROM_ONE + 1}") + 1
    assert not any(f.code == "E009" for f in load_bytes(_branchy(100, 16), "ok.journey.yaml")[1])
    # the whole journey: 300 touch-points of 16 name 4,800, past 4,000 at the 251st's first entry
    journey, findings = load_bytes(_branchy(300, 16), "many.journey.yaml")
    assert journey is None and [f.code for f in findings] == ["E009"]
    assert findings[0].line == 7 + MAX_NEXT // 16 and "more than 4,000 next steps" in findings[0].message
    assert not any(f.code == "E009" for f in load_bytes(_branchy(250, 16), "ok.journey.yaml")[1])


def test_touch_points_without_next_steps_do_not_make_room_for_a_dense_cluster():
    """100 touch-points naming 79 others each, beside 1,900 naming none, passed the limit that
    grows with the journey: a briefing of 627 pages, 148 s and 2.45 GB (audit AK)."""
    from journeymap.journey.validate import load_bytes

    journey, findings = load_bytes(_branchy(100, 79, filler=1900), "padded.journey.yaml")
    assert journey is None and [f.code for f in findings] == ["E009"]
    assert "79 next steps from one touch-point" in findings[0].message


def test_a_big_journey_within_the_spec_limits_may_name_a_few_next_steps_for_each_touch_point():
    """1,400 touch-points with three next steps each are within every limit of SPEC 5, and the
    flat limit of 4,000 next steps refused them (audit AI); a big journey may name four a
    touch-point, a dense small one still 4,000 in all."""
    from journeymap.journey.validate import load_bytes

    def chain(n: int, each: int) -> bytes:
        rows = "".join(f"      - {{id: t{i}, name: T{i}, department: d, "
                       f"next: [{', '.join(f't{k}' for k in range(i + 1, min(n, i + 1 + each)))}]}}\n"
                       for i in range(n))
        return (f"journeymap: 1\ntitle: Branchy\ndepartments: [{{id: d, name: D}}]\nstages:\n  - name: S\n"
                f"    touchpoints:\n{rows}").encode()

    assert not any(f.code == "E009" for f in load_bytes(chain(1400, 3), "ok.journey.yaml")[1])
    assert not any(f.code == "E009" for f in load_bytes(chain(2000, 4), "ok.journey.yaml")[1])
    findings = load_bytes(chain(2000, 5), "dense.journey.yaml")[1]
    assert [f.code for f in findings if f.code == "E009"] == ["E009"]
    assert "more than 8,000 next steps" in findings[0].message


@pytest.mark.skipif(not has_graphviz(), reason="needs Graphviz")
@pytest.mark.parametrize("name", ["home-claim", "business-ordering"])
def test_the_spec_id_prefixes_name_only_their_elements(name: str):
    """SPEC 4.1's ids are found by their prefix: ``lane-``, ``stage-``, ``tp-`` and ``flow-``
    ids are exactly the departments, stages, touch-points and flows (the lane names' groups were
    ``lane-label.<id>`` and the flow labels' ``flow-label.<a>--<b>``: audit O)."""
    checked = journeymap.load(Path(__file__).resolve().parent.parent / "maps" / f"{name}.journey.yaml")
    j = checked.journey
    svg = journeymap.render(checked, "svg").decode("utf-8")
    ids = re.findall(r' id="([^"]+)"', svg)

    def prefixed(prefix: str) -> list[str]:
        return sorted(i[len(prefix):] for i in ids if i.startswith(prefix))

    assert prefixed("lane-") == sorted(d.id for d in j.departments)
    assert prefixed("stage-") == sorted(s.id for s in j.stages)
    assert prefixed("tp-") == sorted(t.id for t in j.touchpoints)
    assert prefixed("flow-") == sorted(f"{f.source}--{f.target}" for f in checked.analysis.flows)


def test_a_pdf_titled_already_is_left_as_it_is() -> None:
    """A Cairo that titles its PDFs: a title string with parentheses was cut badly (review V)."""
    from journeymap.map.pdfstamp import with_title

    pdf = (b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj\n<< /Title (Map (v2) x) >>\nendobj\n"
           b"xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000048 00000 n \n"
           b"trailer\n<< /Size 3 /Root 1 0 R /Info 2 0 R >>\nstartxref\n88\n%%EOF\n")
    assert with_title(pdf, "New") == pdf
    assert with_title(pdf.replace(b"/Title (Map (v2) x)", b"/Producer (cairo ok)  "), "New").count(b"%%EOF") == 2


def test_the_readme_tells_when_each_check_fires():
    """Each code in the README's table with its name and when it is reported (audit CJ: the
    thresholds, "more than 3" and "more than 20", were only in the messages)."""
    from journeymap.findings import CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, known in CODES.items():
        (row,) = [line for line in readme.splitlines() if line.startswith(f"| {code} | {known.name} | ")]
        assert len(row.split(" | ")[2]) > 15, row
    assert "more than 3 hand-offs" in readme and "or more than 20 |" in readme
