"""Two builds into one folder (audit CB): one at a time, each recording its outputs in the manifest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import run_cli, small_journeys

needs_flock = pytest.mark.skipif(sys.platform == "win32", reason="no fcntl.flock: builds go without the lock")


def _journeys(tmp_path: Path) -> Path:
    return small_journeys(tmp_path / "maps", "g60", "g80")


def _recorded(out: Path) -> list[str]:
    return sorted(json.loads((out / ".journeymap-build.json").read_text())["outputs"])


@needs_flock
def test_two_builds_into_one_folder_both_record_their_outputs(tmp_path: Path, monkeypatch):
    """Each build loaded the manifest once and saved it whole: the one that finished last dropped
    the other's entries, whose output then stayed for good when its journey was deleted, and
    build --check passed. Here a second build starts while the first is building; the first goes
    on only when the second has finished (before) or says it waits (now)."""
    import journeymap.cli.build as cli_build
    from journeymap.site.build import run_parallel

    maps, out = _journeys(tmp_path), tmp_path / "two"
    stderr = tmp_path / "second.stderr"
    second: list[subprocess.Popen[bytes]] = []

    def build_while_another_starts(jobs, tasks, options, on_done):
        run_parallel(jobs, tasks, options, on_done)
        with stderr.open("wb") as err:
            command = [sys.executable, "-m", "journeymap", "build", str(maps / "g80.journey.yaml"), "-o", str(out),
                       "--formats", "json"]
            second.append(subprocess.Popen(command, stderr=err, stdout=subprocess.DEVNULL,
                                           env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}))
        deadline = time.monotonic() + 120
        while second[0].poll() is None and "waiting for another build" not in stderr.read_text():
            assert time.monotonic() < deadline, "the second build neither ended nor waited"
            time.sleep(0.05)

    monkeypatch.setattr(cli_build, "run_parallel", build_while_another_starts)
    first = run_cli("build", str(maps / "g60.journey.yaml"), "-o", str(out), "--formats", "json")
    assert first.exit_code == 0, first.output
    assert second[0].wait(timeout=120) == 0, stderr.read_text()
    assert {"g60.json", "g80.json"} <= set(_recorded(out))
    said = stderr.read_text()
    assert said.count(f"waiting for another build into {out} to finish…") == 1, said
    monkeypatch.undo()
    # the journey deleted: its output goes, and --check passes after
    (maps / "g60.journey.yaml").unlink()
    assert f"would remove {out / 'g60.json'}" in run_cli("build", str(maps), "-o", str(out), "--formats", "json",
                                                         "--check").stdout
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json").exit_code == 0
    assert not (out / "g60.json").exists()
    checked = run_cli("build", str(maps), "-o", str(out), "--formats", "json", "--check")
    assert checked.exit_code == 0, checked.output


def test_the_lock_file_is_no_output(tmp_path: Path):
    """The lock file stays in the folder: no index or portfolio lists it, no build removes it, and
    build --check is not upset by it."""
    maps, out = _journeys(tmp_path), tmp_path / "build"
    assert run_cli("build", str(maps), "-o", str(out), "--formats", "json,md").exit_code == 0
    lock = out / ".journeymap-build.lock"
    assert lock.is_file() and lock.stat().st_size == 0
    assert ".journeymap-build.lock" not in "".join(_recorded(out))
    for page in ("index.html", "portfolio.html", "portfolio.json", "portfolio.md"):
        assert "journeymap-build.lock" not in (out / page).read_text()
    again = run_cli("build", str(maps), "-o", str(out), "--formats", "json")
    assert again.exit_code == 0 and lock.is_file() and lock.name not in again.output
    checked = run_cli("build", str(maps), "-o", str(out), "--formats", "json", "--check")
    assert checked.exit_code == 0 and lock.name not in checked.output


@needs_flock
def test_the_lock_waits_for_its_holder_and_says_so_once(tmp_path: Path):
    """A second build waits for the first (its callback called once); checks share the lock with
    each other, not with a build; a check of a folder never built creates nothing."""
    from journeymap.site.lock import build_lock

    told: list[str] = []
    events: list[str] = []
    with build_lock(tmp_path) as held:
        assert held

        def second() -> None:
            with build_lock(tmp_path, on_wait=lambda: told.append("waiting")):
                events.append("second has it")

        waiter = threading.Thread(target=second)
        waiter.start()
        deadline = time.monotonic() + 30
        while not told and time.monotonic() < deadline:
            time.sleep(0.01)
        assert told == ["waiting"] and events == []
        events.append("first lets go")
    waiter.join(timeout=30)
    assert events == ["first lets go", "second has it"] and told == ["waiting"]

    with build_lock(tmp_path, shared=True, on_wait=lambda: told.append("check waits")) as one, \
            build_lock(tmp_path, shared=True, on_wait=lambda: told.append("check waits")) as two:
        assert one and two and told == ["waiting"]  # checks side by side

    fresh = tmp_path / "never-built"
    with build_lock(fresh, shared=True) as held:
        assert not held and not fresh.exists()


def test_without_fcntl_a_build_goes_without_the_lock(tmp_path: Path, monkeypatch):
    """Windows has no fcntl: builds go on as before, unlocked."""
    from journeymap.site import lock

    monkeypatch.setattr(lock, "fcntl", None)
    with lock.build_lock(tmp_path, on_wait=lambda: pytest.fail("no lock to wait for")) as held:
        assert not held
    assert not (tmp_path / lock.LOCK).exists()
