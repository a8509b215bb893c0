"""Regressions from the fuzzing campaign (issue 15): what reaches outputs and how much is read.

Control characters in names (YAML's ``"\\e"`` and ``"\\0"``) never reach a terminal, Markdown,
Mermaid or the PDF's metadata raw; ``diff`` reads with the same 5 MB limit as every command;
a journey with ``id: index`` cannot overwrite the site index.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, run_cli

RAW = ("\x1b", "\x00", "\x07", "\x9b", "\x7f", "\u2028", "\u2029")  # the separators: audit EO
SMALL = FIXTURES / "valid" / "small.journey.yaml"


def hostile_copy(tmp_path: Path, name: str = "evil.journey.yaml", **changes: object) -> Path:
    """The small journey with control characters in its title, a stage and a touch-point name."""
    data = yaml.safe_load(SMALL.read_text())
    data["title"] = "Title \x1b[2J\x00 cleared \x07\x9b\x7f \u2028line\u2029"
    data["stages"][0].update(id="buy", name="Stage \x1b]0;pwned\x07")
    data["stages"][0]["touchpoints"][0].update(id="visit", name="Touch\x1b[31m red \x00")
    data["departments"][0].update(id="sales", name="Dept \x1b[1m, bold")
    data.update(changes)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def assert_no_raw_controls(text: str) -> None:
    assert not any(c in text for c in RAW), repr([c for c in RAW if c in text])


@pytest.mark.parametrize("fmt", ["markdown", "mermaid"])
def test_export_never_prints_control_characters(tmp_path, fmt):
    result = run_cli("export", str(hostile_copy(tmp_path)), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert_no_raw_controls(result.output)
    assert "2J␀ cleared" in result.output  # shown, not dropped


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_never_prints_control_characters(tmp_path, fmt):
    old = hostile_copy(tmp_path, "old.journey.yaml")
    data = yaml.safe_load(old.read_text())
    data["stages"][0]["touchpoints"][0]["name"] = "Renamed \x1b[2J\x00"
    data["stages"][0]["touchpoints"][0]["reliability"] = "unreliable"
    new = tmp_path / "new\x1b[2J.journey.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "--format", fmt)
    assert result.exit_code == 0, result.output
    assert_no_raw_controls(result.output)
    assert "Renamed ␛[2J␀" in result.output or "Renamed ␛\\[2J␀" in result.output


def test_check_never_prints_control_characters_of_a_file_name(tmp_path):
    bad = tmp_path / "bad\x1b[2J.journey.yaml"
    bad.write_text("journeymap: 1\ntitle: x\n")
    for fmt in ("text", "github"):
        result = run_cli("check", str(bad), "--format", fmt)
        assert result.exit_code == 1
        assert_no_raw_controls(result.output)


def test_pdf_title_metadata_has_no_control_characters(tmp_path):
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "brief.pdf"
    result = run_cli("brief", str(hostile_copy(tmp_path, owner="Own\x1b[2Jer")), "-o", str(out), "--page", "slide")
    if result.exit_code == 3:
        pytest.skip("no Graphviz or PDF engine")
    assert result.exit_code == 0, result.output
    meta = pypdf.PdfReader(io.BytesIO(out.read_bytes())).metadata
    assert meta.title.startswith("Title ␛[2J␀ cleared")
    assert_no_raw_controls(meta.title)
    assert_no_raw_controls(meta.author)


# --- item 9: diff reads with the 5 MB limit ------------------------------------------------

def test_diff_refuses_a_device_and_limits_a_big_file(tmp_path):
    result = run_cli("diff", "/dev/zero", str(SMALL))
    assert result.exit_code == 2 and "it is a device" in result.output
    big = tmp_path / "big.journey.yaml"
    with open(big, "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: 64 MB of NUL, none of it read
    result = run_cli("diff", str(big), str(SMALL))
    assert result.exit_code == 1 and "E009" in result.output and "larger than 5 MB" in result.output


def test_diff_of_a_revision_over_the_limit_is_refused(tmp_path, monkeypatch):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
                            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"})

    git("init", "-q")
    big = tmp_path / "j.journey.yaml"
    big.write_bytes(b"# " + b"x" * (6 * 1024 * 1024) + b"\n")
    git("add", "j.journey.yaml")
    git("commit", "-qm", "big")
    big.write_bytes(SMALL.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", "HEAD:j.journey.yaml", "j.journey.yaml")
    assert result.exit_code == 2, result.output
    assert "6.3 MB at revision HEAD" in result.output and "5 MB" in result.output


# --- item 11: a journey with id: index does not overwrite the site index --------------------

def _built_with_id(tmp_path: Path, journey_id: str) -> tuple[Path, Path]:
    """A build of two journeys, one with id ``journey_id``: (the journeys' folder, the build's)."""
    maps = tmp_path / "maps"
    maps.mkdir()
    data = yaml.safe_load(SMALL.read_text())
    data["id"] = journey_id
    (maps / "a.journey.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (maps / "b.journey.yaml").write_bytes(SMALL.read_bytes())
    out = tmp_path / "out"
    result = run_cli("build", str(maps), "-o", str(out), "--formats", "html,json")
    assert result.exit_code == 0, result.output
    return maps, out


def test_journey_with_id_index_keeps_the_site_index(tmp_path):
    maps, out = _built_with_id(tmp_path, "index")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Small test journey" in index and 'href="index.briefing.html"' in index
    briefing = (out / "index.briefing.html").read_text(encoding="utf-8")
    assert briefing != index and "sec-map" in briefing
    assert (out / "index.json").is_file()
    check = run_cli("build", str(maps), "-o", str(out), "--formats", "html,json", "--check")
    assert check.exit_code == 0, check.output
    portfolio = (out / "portfolio.html").read_text(encoding="utf-8")
    assert 'href="index.briefing.html"' in portfolio  # the journey's briefing, not the site index


def test_journey_with_id_portfolio_keeps_the_portfolio(tmp_path):
    """The portfolio's files overwrote the briefing and export of a journey with id: portfolio,
    and build --check never passed again."""
    maps, out = _built_with_id(tmp_path, "portfolio")
    assert "sec-map" in (out / "portfolio.briefing.html").read_text(encoding="utf-8")
    assert json.loads((out / "portfolio.briefing.json").read_text(encoding="utf-8"))["journey"]["id"] == "portfolio"
    assert 'href="portfolio.briefing.html"' in (out / "portfolio.html").read_text(encoding="utf-8")
    assert "journeys" in json.loads((out / "portfolio.json").read_text(encoding="utf-8"))
    check = run_cli("build", str(maps), "-o", str(out), "--formats", "html,json", "--check")
    assert check.exit_code == 0, check.output


# --- item 1: a tag that forces a bad value is E005 at the node ------------------------------

@pytest.mark.parametrize("line, column", [
    ("title: !!bool maybe", 8), ("title: !!bool", 8), ("!!bool maybe: x", 1),
    ("title: !!timestamp nope", 8), ("title: !!timestamp 99999-01-01", 8), ("title: !!int", 8),
    ("title: !!float", 8), ("title: !<tag:yaml.org,2002:bool> maybe", 8),
])
def test_tag_forcing_a_bad_value_is_e005_at_the_node(tmp_path, line, column):
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "bad.journey.yaml").write_text(f"journeymap: 1\n{line}\n")
    (folder / "good.journey.yaml").write_bytes(SMALL.read_bytes())
    result = run_cli("check", str(folder), "--format", "json", "--ignore", "W115")  # a folder is a portfolio
    assert result.exit_code == 1, result.output
    import json

    found = json.loads(result.output)["findings"]
    findings = [(f["code"], f["line"], f["column"]) for f in found]
    # Read as text, the value leaves the file's other errors to be found: the missing fields.
    assert [f for f in findings if f[0] != "E004"] == [("E005", 2, column)]
    assert all(f == ("E004", 1, 1) for f in findings if f[0] == "E004")
    assert "remove the !!" in next(f["message"] for f in found if f["code"] == "E005")
