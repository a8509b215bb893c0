"""A build trusts nothing it finds in its output folder (audit CG): a committed link, FIFO or
device in the place of its manifest, lock or an output is neither read without end, nor written
into, nor followed out of the folder; and no command writes its output over a file it reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MAPS, ROOT, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and links are POSIX")


def _built(tmp_path: Path) -> tuple[Path, Path]:
    maps = tmp_path / "maps"
    maps.mkdir()
    for name in ("home-claim.journey.yaml", "journeymap.yaml"):
        (maps / name).write_bytes((MAPS / name).read_bytes())
    out = tmp_path / "out"
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json").exit_code == 0
    return maps, out


def _journeymap(*args: str) -> subprocess.CompletedProcess[str]:
    """The command in its own process, with a time limit: the old code hung or read without end."""
    return subprocess.run([sys.executable, "-m", "journeymap", *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


@pytest.mark.parametrize("put", ["fifo", "zero"])
def test_a_manifest_that_is_no_file_is_taken_for_none(tmp_path: Path, put: str) -> None:
    """A FIFO in the manifest's place hung `build --check`; a link to /dev/zero read it until the
    memory ran out, then a MemoryError traceback."""
    maps, out = _built(tmp_path)
    manifest = out / ".journeymap-build.json"
    manifest.unlink()
    os.mkfifo(manifest) if put == "fifo" else manifest.symlink_to("/dev/zero")
    told = _journeymap("build", str(maps), "-o", str(out), "--formats", "json", "--check")
    assert told.returncode == 1 and "Traceback" not in told.stderr, told.stderr
    assert "not recorded in the build's manifest" in told.stdout + told.stderr


def test_an_output_linked_to_a_fifo_is_replaced_not_written_into(tmp_path: Path) -> None:
    """A link committed in an output's place, to a terminal, had the build write the export into
    it (38,738 bytes on /dev/pts/0): the build puts a regular file in its place."""
    maps, out = _built(tmp_path)
    fifo = tmp_path / "elsewhere.fifo"
    os.mkfifo(fifo)
    output = out / "home-claim.json"
    output.unlink()
    output.symlink_to(fifo)
    journey = maps / "home-claim.journey.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("title: ", "title: New ", 1), encoding="utf-8")
    told = _journeymap("build", str(maps), "-o", str(out), "--formats", "json")
    assert told.returncode == 0, told.stderr
    assert not output.is_symlink() and output.is_file() and '"title": "New ' in output.read_text(encoding="utf-8")
    assert fifo.exists() and not fifo.is_symlink()


def test_the_lock_file_is_never_opened_through_a_link(tmp_path: Path) -> None:
    """A link in the lock file's place made the build create the file it led to, outside the
    output folder."""
    maps, out = _built(tmp_path)
    lock, victim = out / ".journeymap-build.lock", tmp_path / "victim"
    lock.unlink()
    lock.symlink_to(victim)
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json").exit_code == 0
    assert not victim.exists() and lock.is_file() and not lock.is_symlink()
    lock.unlink()
    lock.symlink_to(victim)
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json", "--check").exit_code == 0
    assert not victim.exists()


def test_a_briefing_is_never_written_over_the_templates_it_is_made_with(tmp_path: Path) -> None:
    """`brief --templates brand -o brand/briefing.css` replaced the team's stylesheet with the
    briefing, where `-o` naming the journey was refused."""
    brand = tmp_path / "brand"
    assert run_cli("init", str(brand), "--templates").exit_code == 0
    css = brand / "briefing.css"
    before = css.read_bytes()
    told = run_cli("brief", str(MAPS / "home-claim.journey.yaml"), "--templates", str(brand), "--html",
                   "-o", str(css))
    assert told.exit_code == 2 and "refusing to overwrite the input file" in told.stderr, told.stderr
    assert css.read_bytes() == before


def test_the_live_preview_says_nothing_of_a_browser_that_went_before_its_answer(capsys) -> None:
    """Each request cut short printed a ConnectionResetError traceback: 400 such made 4,673 lines."""
    from journeymap.serve.server import PreviewServer

    for gone in (ConnectionResetError(104, "reset"), BrokenPipeError(32, "pipe")):
        try:
            raise gone
        except OSError:
            PreviewServer.handle_error(object(), None, ("127.0.0.1", 1))  # type: ignore[arg-type]
    assert capsys.readouterr().err == ""
