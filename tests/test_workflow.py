"""docs/github-workflow.yml: installable as written, current actions, artifacts kept, file names
with spaces survive (its shell steps are run here against a small git repository)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT

WORKFLOW = ROOT / "docs" / "github-workflow.yml"
# The oldest major version of each action that runs on Node 24 (Node 20 actions are deprecated).
NODE24 = {"actions/checkout": 5, "actions/setup-python": 6, "actions/upload-artifact": 5}


@pytest.fixture(scope="module")
def steps() -> list[dict]:
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return document["jobs"]["journeys"]["steps"]


def _step(steps: list[dict], name: str) -> dict:
    return next(s for s in steps if s.get("name") == name)


def test_actions_are_current(steps):
    used = [s["uses"] for s in steps if "uses" in s]
    assert used
    for uses in used:
        action, version = uses.split("@")
        assert action in NODE24, uses
        assert int(version.lstrip("v").split(".")[0]) >= NODE24[action], uses


def test_install_comes_from_the_source_repository(steps):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert not re.search(r"pip install journeymap\b", text)  # not on the package index
    install = _step(steps, "Install Graphviz, Pango and journeymap")
    assert 'pip install "$SOURCE"' in install["run"]
    assert "'.journeymap-source' || '.'" in install["env"]["SOURCE"]
    source = next(s for s in steps if s.get("with", {}).get("path") == ".journeymap-source")
    assert source["with"]["repository"] == "${{ vars.JOURNEYMAP_REPOSITORY }}"
    assert (ROOT / "pyproject.toml").is_file()  # in this repository, "." is journeymap's source


def test_outputs_are_uploaded_even_when_the_check_fails(steps):
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()"
    assert "!cancelled()" in _step(steps, "Build")["if"]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def _run_step(script: str, repo: Path) -> subprocess.CompletedProcess[str]:
    journeys = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["env"]["JOURNEYS"]  # as the job has it
    env = dict(os.environ, BASE="base", JOURNEYS=journeys,
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    return subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=120)


def _repository(tmp_path: Path) -> Path:
    if not (Path(sys.executable).parent / "journeymap").exists():
        pytest.skip("the journeymap script is not installed beside this Python")
    repo = tmp_path / "repo"
    (repo / "maps").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    return repo


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_journey_broken_on_the_base_and_mended_passes_the_gate(steps, tmp_path: Path):
    """The base's version had an error, so diff exited 1 and the regression gate failed the very
    pull request that repaired it (audit I); the comment said nothing."""
    repo = _repository(tmp_path)
    small = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    broken = small.replace("reliability: reliable", "reliability: relyable", 1)
    assert broken != small
    (repo / "maps" / "mended one.journey.yaml").write_text(broken, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "branch", "base")
    (repo / "maps" / "mended one.journey.yaml").write_text(small, encoding="utf-8")
    _git(repo, "commit", "-qam", "mend")
    done = _run_step(_step(steps, "What changed for the customer")["run"], repo)
    assert done.returncode == 0, done.stderr
    mended = (repo / "diff.md").read_text(encoding="utf-8")
    assert "Repaired: `maps/mended one.journey.yaml`" in mended and "Not compared" not in mended
    gate = _run_step(_step(steps, "Fail on regressions")["run"], repo)
    assert gate.returncode == 0 and "E005" in gate.stderr, gate.stderr
    # Broken on both sides: not repaired, and the gate fails (review M).
    other = small.replace("reliability: reliable", "reliability: relieable", 1)  # broken another way
    (repo / "maps" / "mended one.journey.yaml").write_text(other, encoding="utf-8")
    _git(repo, "commit", "-qam", "broken again")
    done = _run_step(_step(steps, "What changed for the customer")["run"], repo)
    report = (repo / "diff.md").read_text(encoding="utf-8")
    assert "Repaired" not in report and "Not compared" in report  # the comment says why (audit AD)
    assert _run_step(_step(steps, "Fail on regressions")["run"], repo).returncode == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_change_steps_survive_file_names_with_spaces(steps, tmp_path: Path):
    repo = _repository(tmp_path)
    small = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    (repo / "maps" / "home claim.journey.yaml").write_text(small, encoding="utf-8")
    (repo / "maps" / "gone away.journey.yaml").write_text(small, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "branch", "base")
    worse = small.replace("reliability: reliable\n        moment_of_truth", "reliability: unreliable\n        moment_of_truth", 1)
    (repo / "maps" / "home claim.journey.yaml").write_text(worse, encoding="utf-8")
    (repo / "maps" / "gone away.journey.yaml").unlink()
    # another journey, not the removed one under a new name (that is a rename: compared)
    (repo / "maps" / "new one.journey.yaml").write_text((FIXTURES / "valid" / "bike.journey.yaml").read_text(
        encoding="utf-8"), encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "change")

    done = _run_step(_step(steps, "What changed for the customer")["run"], repo)
    assert done.returncode == 0, done.stderr
    report = (repo / "diff.md").read_text(encoding="utf-8")
    assert "visits-shop" in report or "Visits shop" in report, report
    assert "New journey: `maps/new one.journey.yaml`" in report
    assert "Journey removed: `maps/gone away.journey.yaml`" in report
    # a rule between the report and the list of files: it read as part of the report's last section
    assert re.search(r"\n\n---\n\n🆕 New journey: `maps/new one.journey.yaml`\n\n🗑️ Journey removed", report), report
    assert not report.startswith("\n---")
    fail = _run_step(_step(steps, "Fail on regressions")["run"], repo)
    assert fail.returncode == 1, fail.stderr


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed")
def test_shell_steps_pass_shellcheck(steps, tmp_path: Path):
    for number, step in enumerate(s for s in steps if "run" in s):
        script = tmp_path / f"step{number}.sh"
        script.write_text("#!/bin/bash\n" + re.sub(r"\$\{\{[^}]*\}\}", "EXPR", step["run"]))
        done = subprocess.run(["shellcheck", "-s", "bash", str(script)], capture_output=True, text=True)
        assert done.returncode == 0, (step.get("name"), done.stdout)


def test_a_long_report_is_cut_to_fit_a_comment(steps, tmp_path: Path):
    """GitHub refuses a comment over 65,536 characters, and the step's `|| true` hid that: a
    pull request that changed many journeys got no comment at all (audit I)."""
    lines = [f"- Touch-point {n} ändert sich für die Kundin [tp-{n}]" for n in range(3000)]
    (tmp_path / "diff.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = _run_step(_step(steps, "Keep the comment within GitHub's limit")["run"], tmp_path)
    assert done.returncode == 0, done.stderr
    cut = (tmp_path / "diff.md").read_text(encoding="utf-8")  # whole lines, valid UTF-8
    assert len(cut) < 65536 and cut.endswith("the log of the job that posted it._\n")
    assert cut.splitlines()[-4] in lines and lines[0] in cut and "tp-2999" in done.stdout
    short = tmp_path / "diff.md"
    short.write_text("small\n", encoding="utf-8")
    assert _run_step(_step(steps, "Keep the comment within GitHub's limit")["run"], tmp_path).returncode == 0
    assert short.read_text(encoding="utf-8") == "small\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_journey_moved_and_made_worse_is_compared_and_gated(steps, tmp_path: Path):
    """A journey moved into a sub-folder (or renamed) in the pull request that made it worse was
    "New journey" plus "Journey removed": never compared, never gated (audit T). A .journey.yml
    file was not looked at either, nor journeys whose project file's registry changed."""
    repo = _repository(tmp_path)
    small = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    (repo / "maps" / "claim.journey.yaml").write_text(small, encoding="utf-8")
    (repo / "maps" / "other.journey.yml").write_text(small.replace("id: small", "id: other"), encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    _git(repo, "branch", "base")
    (repo / "maps" / "retail").mkdir()
    _git(repo, "mv", "maps/claim.journey.yaml", "maps/retail/claim.journey.yaml")
    worse = small.replace("reliability: reliable\n        moment_of_truth", "reliability: unreliable\n        moment_of_truth", 1)
    assert worse != small
    (repo / "maps" / "retail" / "claim.journey.yaml").write_text(worse, encoding="utf-8")
    _git(repo, "commit", "-qam", "moved and worse")
    done = _run_step(_step(steps, "What changed for the customer")["run"], repo)
    assert done.returncode == 0, done.stderr
    report = (repo / "diff.md").read_text(encoding="utf-8")
    assert "maps/claim.journey.yaml` → `maps/retail/claim.journey.yaml`" in report, report
    assert "New journey" not in report and "Journey removed" not in report
    assert _run_step(_step(steps, "Fail on regressions")["run"], repo).returncode == 1
    # a .journey.yml made worse, alone: compared and gated too
    _git(repo, "branch", "-f", "base", "HEAD")
    (repo / "maps" / "other.journey.yml").write_text(worse.replace("id: small", "id: other"), encoding="utf-8")
    _git(repo, "commit", "-qam", "yml worse")
    done = _run_step(_step(steps, "What changed for the customer")["run"], repo)
    assert "maps/other.journey.yml" in (repo / "diff.md").read_text(encoding="utf-8")
    assert _run_step(_step(steps, "Fail on regressions")["run"], repo).returncode == 1
    # a project file added: every journey is compared (none changed for the customer here)
    _git(repo, "branch", "-f", "base", "HEAD")
    (repo / "maps" / "journeymap.yaml").write_text("project: 1\norganisation: Northwind\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "project file")
    done = _run_step(_step(steps, "What changed for the customer")["run"], repo)
    assert done.returncode == 0, done.stderr
    compared = (repo / "changed-journeys").read_text(encoding="utf-8").split("\0")
    assert "maps/retail/claim.journey.yaml" in compared and "maps/other.journey.yml" in compared


def test_the_journeys_folder_is_named_once(steps):
    """A team keeping its journeys outside maps/ edited eight places (audit CJ): the steps take the
    folder from the job's JOURNEYS, set once beside the trigger's paths."""
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert document["env"]["JOURNEYS"] == "maps" and document[True]["pull_request"]["paths"] == ["maps/**"]
    for step in steps:
        assert "maps/" not in step.get("run", ""), step.get("name")
    assert sum("$JOURNEYS" in step.get("run", "") for step in steps) >= 3
