"""Regressions from the fuzzing and fault campaign (issue 15): Graphviz, devices, FIFOs, symlinks.

Each fake ``dot`` is a shell script on PATH (see :mod:`test_faults`). The promise is the same as
there: the right exit status and message, no traceback, nothing hung, nothing destroyed or leaked.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run_cli
from test_faults import alive, fake_dot, render

if sys.platform == "win32":  # pragma: no cover
    pytest.skip("fake programs, FIFOs and devices are POSIX", allow_module_level=True)


@pytest.mark.parametrize("script, problem", [
    ("cat >/dev/null\nprintf '\\377\\376<svg>\\200'\nexit 0\n", "not UTF-8"),
    ("cat >/dev/null\nprintf '<?xml version=\"1.0\"?><svg><g>'\nexit 0\n", "incomplete SVG"),
    ("cat >/dev/null\nexit 0\n", "printed nothing"),
])
def test_dot_exiting_0_with_broken_output_is_an_environment_error(small_journey, tmp_path, monkeypatch,
                                                                   script, problem):
    fake_dot(tmp_path, monkeypatch, script)
    out = tmp_path / "map.svg"
    result = render(small_journey, out)
    assert result.exit_code == 3, result.output
    assert problem in result.output and "install Graphviz" in result.output
    assert not out.exists() and list(tmp_path.glob("map.svg*")) == []


def test_dot_exiting_0_with_half_a_png_leaves_nothing(small_journey, tmp_path, monkeypatch):
    fake_dot(tmp_path, monkeypatch, "cat >/dev/null\nprintf '\\211PNG\\r\\n\\032\\n0000'\nexit 0\n")
    out = tmp_path / "map.png"
    result = render(small_journey, out)
    assert result.exit_code == 3 and "incomplete PNG" in result.output
    assert not out.exists()


def _wait_dead(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def test_grandchild_holding_the_pipe_does_not_hang_the_timeout(small_journey, tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    # The grandchild leaves dot's process group (setsid), so killing the group cannot reach it,
    # and it keeps dot's stdout open: reading to end-of-file would wait for it forever.
    fake_dot(tmp_path, monkeypatch, f"cat >/dev/null\nsetsid sleep 1000 &\necho $! >> {pids}\n"
                                    "printf '<svg'\nsleep 300\n")
    out = tmp_path / "map.svg"
    started = time.monotonic()
    try:
        result = render(small_journey, out, "--timeout", "2")
        elapsed = time.monotonic() - started
        assert result.exit_code == 3 and "longer than 2 s" in result.output
        assert elapsed < 6, f"took {elapsed:.1f} s"
        assert not out.exists()
    finally:
        for pid in map(int, pids.read_text().split()):
            os.kill(pid, 9)


def test_grandchild_holding_the_pipe_after_a_good_run_is_not_waited_for(small_journey, tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    fake_dot(tmp_path, monkeypatch, f"cat >/dev/null\nsetsid sleep 1000 &\necho $! >> {pids}\n"
                                    "printf '<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>'\nexit 0\n")
    out = tmp_path / "map.svg"
    started = time.monotonic()
    try:
        result = render(small_journey, out, "--timeout", "20")
        assert result.exit_code == 0, result.output
        assert time.monotonic() - started < 5
        assert out.read_text().endswith("</svg>")
    finally:
        for pid in map(int, pids.read_text().split()):
            os.kill(pid, 9)


def test_hanging_version_query_respects_the_build_timeout(small_journey, tmp_path, monkeypatch):
    from journeymap.map import graphviz

    monkeypatch.setattr(graphviz, "_VERSION", {})
    pids = tmp_path / "pids"
    fake_dot(tmp_path, monkeypatch, f'echo $$ >> {pids}\nif [ "$1" = "-V" ]; then sleep 300; fi\n'
                                    "cat >/dev/null\nprintf '<svg></svg>'\n")
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "small.journey.yaml").write_bytes(small_journey.read_bytes())
    started = time.monotonic()
    result = run_cli("build", str(maps), "-o", str(tmp_path / "out"), "--formats", "svg", "--timeout", "2")
    elapsed = time.monotonic() - started
    assert result.exit_code == 3, result.output
    assert "dot -V" in result.output and "longer than 2 s" in result.output
    assert elapsed < 6, f"took {elapsed:.1f} s"
    assert all(_wait_dead(pid) for pid in map(int, pids.read_text().split()))
