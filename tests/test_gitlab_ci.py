"""docs/gitlab-ci.yml: its jobs' scripts run here, as GitLab runs them (the lines of a job's script
in one bash), against a small git repository: the Code Quality report, the regression gate, a
journey mended, renamed or named with spaces."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT

PIPELINE = ROOT / "docs" / "gitlab-ci.yml"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


@pytest.fixture(scope="module")
def pipeline() -> dict:
    return yaml.safe_load(PIPELINE.read_text(encoding="utf-8"))


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def _run(pipeline: dict, job: str, repo: Path, since: str = "") -> subprocess.CompletedProcess[str]:
    """The job's script in one bash (``-e``, as GitLab's runner), with the pipeline's variables."""
    if not (Path(sys.executable).parent / "journeymap").exists():
        pytest.skip("the journeymap script is not installed beside this Python")
    env = dict(os.environ, **{k: str(v) for k, v in pipeline["variables"].items()},
               CI_MERGE_REQUEST_DIFF_BASE_SHA=since,
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    env.pop("CI_MERGE_REQUEST_TARGET_BRANCH_SHA", None)
    env["PYTHONPATH"] = f"{ROOT}{os.pathsep}{env['PYTHONPATH']}" if env.get("PYTHONPATH") else str(ROOT)
    script = "\n".join(pipeline[job]["script"])
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=300)


def _repository(tmp_path: Path, files: dict[str, str]) -> tuple[Path, str]:
    repo = tmp_path / "repo"
    (repo / "maps").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "t@example.invalid")
    _git(repo, "config", "user.name", "t")
    for name, text in files.items():
        (repo / "maps" / name).write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    return repo, _git(repo, "rev-parse", "HEAD").strip()


SMALL = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")


def test_the_pipeline_installs_what_it_runs_and_keeps_its_reports(pipeline):
    setup = "\n".join(pipeline["default"]["before_script"])
    assert "graphviz" in setup and "fonts-dejavu-core" in setup and 'pip install --quiet "$JOURNEYMAP_PIP"' in setup
    assert pipeline["variables"]["JOURNEYMAP_PIP"] == "." and (ROOT / "pyproject.toml").is_file()
    assert pipeline["variables"]["GIT_DEPTH"] == 0  # diff reads the merge request's base
    assert pipeline["check"]["artifacts"] == {"when": "always",
                                              "reports": {"codequality": "gl-code-quality-report.json"}}
    assert pipeline["build"]["artifacts"]["when"] == "always" and "build/" in pipeline["build"]["artifacts"]["paths"]


def test_check_writes_the_code_quality_report_and_fails_on_errors(pipeline, tmp_path: Path):
    repo, _ = _repository(tmp_path, {"a.journey.yaml": SMALL})
    done = _run(pipeline, "check", repo)
    assert done.returncode == 0, done.stderr
    issues = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert all(i["location"]["path"].startswith("maps/") for i in issues)
    (repo / "maps" / "a.journey.yaml").write_text(SMALL.replace("reliability: reliable", "reliability: relyable", 1),
                                                  encoding="utf-8")
    done = _run(pipeline, "check", repo)
    issues = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert done.returncode == 1 and issues[0]["check_name"] == "E005" and issues[0]["severity"] == "critical"
    assert "E005 invalid-value" in done.stdout  # the findings in the job's log too


def test_what_changed_gates_regressions_and_passes_a_mended_journey(pipeline, tmp_path: Path):
    broken = SMALL.replace("reliability: reliable", "reliability: relyable", 1)
    worse = SMALL.replace("reliability: reliable", "reliability: unreliable", 1)
    assert broken != SMALL != worse
    other = {name: (FIXTURES / "valid" / f"{name}.journey.yaml").read_text(encoding="utf-8")
             for name in ("bike", "wordy", "calm")}  # unlike each other: git pairs no two as a rename
    repo, base = _repository(tmp_path, {"mended one.journey.yaml": broken, "same.journey.yaml": other["bike"],
                                        "old name.journey.yaml": SMALL, "gone.journey.yaml": other["wordy"]})
    (repo / "maps" / "mended one.journey.yaml").write_text(SMALL, encoding="utf-8")
    _git(repo, "mv", "maps/old name.journey.yaml", "maps/new name.journey.yaml")
    _git(repo, "rm", "-q", "maps/gone.journey.yaml")
    (repo / "maps" / "added.journey.yaml").write_text(other["calm"], encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "mend, rename, add, remove")
    done = _run(pipeline, "what changed", repo, base)
    report = (repo / "changes.md").read_text(encoding="utf-8")
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert "🔧 Repaired: `maps/mended one.journey.yaml`" in report
    assert "🆕 New journey: `maps/added.journey.yaml`" in report and "🗑️ Journey removed: `maps/gone.journey.yaml`" in report
    assert "old name.journey.yaml" in report and "same.journey.yaml" not in report  # renamed: compared; untouched: not
    (repo / "maps" / "new name.journey.yaml").write_text(worse, encoding="utf-8")
    _git(repo, "commit", "-qam", "worse")
    done = _run(pipeline, "what changed", repo, base)
    report = (repo / "changes.md").read_text(encoding="utf-8")
    assert done.returncode == 1 and "regress" in report.lower(), report
    # a project file changed: every journey is compared, as its registry shapes them all
    repo2, base2 = _repository(tmp_path / "two", {"a.journey.yaml": SMALL, "journeymap.yaml": "project: 1\n"})
    (repo2 / "maps" / "journeymap.yaml").write_text("project: 1\norganisation: Northwind\n", encoding="utf-8")
    _git(repo2, "commit", "-qam", "organisation")
    done = _run(pipeline, "what changed", repo2, base2)
    assert done.returncode == 0 and "a.journey.yaml" in (repo2 / "changes.md").read_text(encoding="utf-8")
    # a base the clone lacks (a shallow clone) fails the gate, not passes it unseen (review FY)
    for missing in ("", "0" * 40):
        done = _run(pipeline, "what changed", repo, missing)
        assert done.returncode == 1 and "is not in this clone" in done.stderr, (missing, done.stderr)


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="needs shellcheck")
def test_scripts_pass_shellcheck(pipeline, tmp_path: Path):
    for name, lines in [("before_script", pipeline["default"]["before_script"]),
                        *[(job, pipeline[job]["script"]) for job in ("check", "build", "what changed")]]:
        script = tmp_path / "script.sh"
        script.write_text("#!/bin/bash\n" + "\n".join(lines) + "\n", encoding="utf-8")
        done = subprocess.run(["shellcheck", "-e", "SC2016", str(script)], capture_output=True, text=True)
        assert done.returncode == 0, (name, done.stdout)
