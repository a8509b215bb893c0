"""Types: the package ships ``py.typed`` ("Typing :: Typed"), so the type checkers of programs
that import journeymap read its annotations. ``mypy --strict``, configured in pyproject.toml,
finds nothing in the whole package."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow


def test_mypy_strict_finds_nothing_in_the_package() -> None:
    pytest.importorskip("mypy")
    done = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / ".mypy_cache")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    # the configuration checks the package itself, every module of it
    checked = re.search(r"no issues found in (\d+) source files", done.stdout)
    modules = len(list((ROOT / "journeymap").rglob("*.py")))
    assert checked is not None and int(checked.group(1)) == modules, done.stdout
