"""The built wheel carries the templates, the stylesheet and the starter journey."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_wheel_contains_every_template(tmp_path: Path):
    source = tmp_path / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "journeymap", source / "journeymap", ignore=ignore)
    shutil.copytree(ROOT / "templates", source / "templates", ignore=ignore)
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--skip-dependency-check", "--outdir", str(tmp_path / "dist"),
                           str(source)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("journeymap-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"journeymap/templates/{p.relative_to(ROOT / 'templates').as_posix()}"
                for p in (ROOT / "templates").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert expected <= names, sorted(expected - names)
    assert "journeymap/templates/briefing/briefing.css" in names
    assert "journeymap/templates/starter/journey.yaml" in names
    assert "journeymap/templates/site/index.html.j2" in names
    assert "journeymap/journey/fileformat.json" in names  # the fast validation path reads it
    assert any(n.endswith("entry_points.txt") for n in names)
