"""Packaging: the dists build without a warning, pass ``twine check --strict``, carry the LICENSE
and every template, and the wheel installed in a fresh virtual environment runs the commands."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

SOURCES = ("pyproject.toml", "README.md", "LICENSE", "MANIFEST.in")
# Lines setuptools (and its distutils) print for anything it finds wrong or deprecated.
WARNING = re.compile(r"warning|deprecat|!!", re.IGNORECASE)


def _clean_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # else build_py reports that it skips byte-compiling
    return env


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Build the sdist, then the wheel from it (what ``python -m build`` does), from a copy."""
    base = tmp_path_factory.mktemp("package")
    source = base / "src"
    source.mkdir()
    for name in SOURCES:
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for folder in ("journeymap", "templates", "tests"):
        shutil.copytree(ROOT / folder, source / folder, ignore=ignore)
    done = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(base / "dist"), str(source)],
                          capture_output=True, text=True, timeout=300, env=_clean_env())
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return {"log": done.stdout + done.stderr, "wheel": next((base / "dist").glob("journeymap-*.whl")),
            "sdist": next((base / "dist").glob("journeymap-*.tar.gz")), "base": base}


def test_build_prints_no_warning(dists):
    warnings = [line for line in str(dists["log"]).splitlines() if WARNING.search(line)]
    assert not warnings, "\n".join(warnings)


def test_twine_check_strict(dists):
    pytest.importorskip("twine")
    done = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", str(dists["wheel"]), str(dists["sdist"])],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_classifiers_are_known():
    """The package index refuses an upload with an unknown classifier; twine check does not look."""
    trove = pytest.importorskip("trove_classifiers")
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["classifiers"]
    assert classifiers and set(classifiers) <= trove.classifiers, set(classifiers) - trove.classifiers


def test_wheel_contains_every_template_and_the_license(dists):
    names = set(zipfile.ZipFile(dists["wheel"]).namelist())
    expected = {f"journeymap/templates/{p.relative_to(ROOT / 'templates').as_posix()}"
                for p in (ROOT / "templates").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert expected <= names, sorted(expected - names)
    assert "journeymap/templates/starter/journey.yaml" in names
    assert "journeymap/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "journeymap/journey/fileformat.json" in names  # the fast validation path reads it
    assert any(n.endswith("entry_points.txt") for n in names)
    metadata = zipfile.ZipFile(dists["wheel"]).read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    assert b"\nLicense-Expression: MIT\n" in metadata
    assert b"\nClassifier: " in metadata


def test_sdist_holds_the_license_and_no_partial_test_suite(dists):
    with tarfile.open(dists["sdist"]) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "pyproject.toml", "journeymap/cli/main.py",
            "templates/starter/journey.yaml"} <= names
    assert not any(name.startswith("tests/") for name in names), "tests ship whole or not at all"
    assert not any("__pycache__" in name for name in names)


def _run(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=_clean_env())


def test_wheel_installs_in_a_fresh_venv_and_runs(dists, tmp_path: Path):
    """The installed wheel alone (no source tree) works from an empty folder.

    The venv is new and empty; the wheel goes in without its dependencies, which the venv then
    finds in the current environment through a ``.pth`` line (no network, a few seconds), and the
    wheel's own requirements are checked against them.
    """
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path).stdout.strip())
    (site / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    done = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
                 str(dists["wheel"])], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    probe = _run([str(python), "-c", (
        "import importlib.metadata as m, journeymap; from packaging.requirements import Requirement\n"
        "missing = [r for r in map(Requirement, m.requires('journeymap')) if not r.marker"
        " and m.version(r.name) not in r.specifier]\n"
        "print(journeymap.__file__); print(missing)")], tmp_path)
    assert probe.returncode == 0, probe.stderr
    where, missing = probe.stdout.splitlines()
    assert Path(where).is_relative_to(site) and missing == "[]", probe.stdout

    work = tmp_path / "empty folder"
    work.mkdir()
    journeymap = str(venv / "bin" / "journeymap")
    # The starter passes every check, alone and as the folder's portfolio (its project file's bounds).
    steps = [[journeymap, "--version"], [journeymap, "init"], [journeymap, "check", "--strict", "my-journey.journey.yaml"],
             [journeymap, "check", "--strict", "."],
             [journeymap, "render", "my-journey.journey.yaml", "-o", "map.svg"],
             [journeymap, "brief", "my-journey.journey.yaml", "-o", "brief.pdf"]]
    for step in steps:
        done = _run(step, work)
        assert done.returncode == 0, (step[1:], done.stdout[-2000:], done.stderr[-2000:])
    assert (work / "my-journey.journey.yaml").is_file() and (work / "journeymap.schema.json").is_file()
    assert (work / "map.svg").read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    assert (work / "brief.pdf").read_bytes().startswith(b"%PDF-")
