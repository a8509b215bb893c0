"""Shared test helpers."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from journeymap.cli.main import main

# The property tests explore new random examples on every developer's run (that is how the "]]"
# label bug was found); CI (.ci/run sets HYPOTHESIS_PROFILE=ci) runs the same examples every time,
# so a landing is never blocked by a rare input nobody has seen yet.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
MAPS = ROOT / "maps"
#: Where the browser tests leave their screenshots for a person to look at: never the user's build/.
SHOTS = Path(os.environ.get("JOURNEYMAP_SCREENSHOTS") or Path(tempfile.gettempdir()) / "journeymap-screenshots")
UPDATE_GOLDEN = os.environ.get("JOURNEYMAP_UPDATE_GOLDEN") == "1"


def run_cli(*args: str, input: str | bytes | None = None) -> Result:
    """Run the journeymap CLI in-process and return click's result."""
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def example_journeys() -> list[Path]:
    """The example journeys in maps/."""
    return sorted(MAPS.glob("*.journey.yaml"))


def has_graphviz() -> bool:
    """True when the Graphviz binaries are on PATH."""
    return shutil.which("dot") is not None


def small_journeys(folder: Path, *names: str) -> Path:
    """``folder`` made and holding the small valid journey under each of ``names`` (ids from the
    file names), the second one titled "Second journey"."""
    small = (FIXTURES / "valid" / "small.journey.yaml").read_text()
    folder.mkdir()
    for n, name in enumerate(names):
        text = small if n == 0 else small.replace("Small test journey", "Second journey" if n == 1 else f"Journey {n + 1}")
        (folder / f"{name}.journey.yaml").write_text(text)
    return folder


@pytest.fixture
def small_journey() -> Path:
    """A small valid journey file."""
    return FIXTURES / "valid" / "small.journey.yaml"
