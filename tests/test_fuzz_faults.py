"""Regressions from the fuzzing and fault campaign (issue 15): Graphviz, devices, FIFOs, symlinks.

Each fake ``dot`` is a shell script on PATH (see :mod:`test_faults`). The promise is the same as
there: the right exit status and message, no traceback, nothing hung, nothing destroyed or leaked.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
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
    # The routing run (-Txdot) is Graphviz's own; the drawing run prints half a PNG.
    real = shutil.which("dot")
    fake_dot(tmp_path, monkeypatch, f'case "$*" in *-Tpng*) ;; *) exec "{real}" "$@";; esac\n'
             "cat >/dev/null\nprintf '\\211PNG\\r\\n\\032\\n0000'\nexit 0\n")
    out = tmp_path / "map.png"
    result = render(small_journey, out)
    assert result.exit_code == 3 and "incomplete PNG" in result.output
    assert not out.exists()


def test_runaway_output_is_stopped_not_buffered(small_journey, tmp_path, monkeypatch):
    from journeymap.map import graphviz

    monkeypatch.setattr(graphviz, "MAX_OUTPUT", 4 * 1024 * 1024)
    fake_dot(tmp_path, monkeypatch, "cat >/dev/null\nexec cat /dev/zero\n")
    out = tmp_path / "map.svg"
    started = time.monotonic()
    result = render(small_journey, out, "--timeout", "20")
    assert result.exit_code == 3 and "printed more than 4 MB" in result.output
    assert time.monotonic() - started < 10 and not out.exists()


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
        assert elapsed < 12, f"took {elapsed:.1f} s"  # stopped near its 2 s, not after the fake's 300 s (loose: 2 busy cores)
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
        assert time.monotonic() - started < 12  # not waiting for the grandchild's 1,000 s
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
    assert elapsed < 12, f"took {elapsed:.1f} s"  # near its 2 s, not the hanging -V's 300 s
    assert all(_wait_dead(pid) for pid in map(int, pids.read_text().split()))


# --- item 5: -o naming a device or a FIFO is written into, not replaced ---------------------

def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:

    def reader() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


def test_output_to_a_fifo_writes_into_it(small_journey, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    thread = _read_fifo(fifo, received)
    result = run_cli("export", str(small_journey), "--format", "json", "-o", str(fifo))
    thread.join(10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    assert received and received[0].startswith(b"{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]


def test_output_through_a_symlink_to_a_fifo_keeps_both(small_journey, tmp_path):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link.json"
    link.symlink_to(fifo)
    received: list[bytes] = []
    thread = _read_fifo(fifo, received)
    assert run_cli("export", str(small_journey), "--format", "json", "-o", str(link)).exit_code == 0
    thread.join(10)
    assert link.is_symlink() and stat.S_ISFIFO(os.lstat(fifo).st_mode) and received[0].startswith(b"{")


def test_regular_files_and_symlinks_to_them_are_still_replaced_atomically(small_journey, tmp_path):
    target = tmp_path / "elsewhere.json"
    target.write_text("keep me")
    link = tmp_path / "map.json"
    link.symlink_to(target)
    assert run_cli("export", str(small_journey), "--format", "json", "-o", str(link)).exit_code == 0
    assert not link.is_symlink() and link.read_text().startswith("{")
    assert target.read_text() == "keep me"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node")
def test_output_to_a_character_device_keeps_the_device(small_journey, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a private /dev/null
    except PermissionError:
        pytest.skip("device nodes cannot be made here")
    result = run_cli("export", str(small_journey), "--format", "json", "-o", str(device))
    if result.exit_code != 0 and "Permission denied" in result.output:
        pytest.skip("the temporary folder is mounted nodev")
    assert result.exit_code == 0, result.output
    mode = os.lstat(device).st_mode
    assert stat.S_ISCHR(mode) and os.major(os.lstat(device).st_rdev) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_output_to_dev_stdout_goes_to_stdout(small_journey, tmp_path):
    done = subprocess.run([sys.executable, "-m", "journeymap", "export", str(small_journey), "--format", "json",
                           "-o", "/dev/stdout"], capture_output=True, timeout=60, check=False, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"{") and b'"touchpoints"' in done.stdout


# --- items 6-8: FIFOs, dangling and escaping symlinks in scanned folders --------------------

def _folder_with_traps(tmp_path: Path, small_journey: Path) -> Path:
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "small.journey.yaml").write_bytes(small_journey.read_bytes())
    os.mkfifo(folder / "pipe.journey.yaml")
    os.mkfifo(folder / "other.yaml")
    (folder / "dangling.journey.yaml").symlink_to(tmp_path / "nowhere.yaml")
    secret = tmp_path / "credentials.yaml"
    secret.write_text("journeymap: 1\nghp_SECRETTOKEN0123456789abcdef: value\n")
    (folder / "creds.journey.yaml").symlink_to(secret)
    (folder / "loop.journey.yaml").symlink_to(folder / "loop.journey.yaml")
    return folder


def test_scanning_skips_fifos_dangling_and_escaping_symlinks(small_journey, tmp_path):
    from journeymap.pipeline import discover

    folder = _folder_with_traps(tmp_path, small_journey)
    sub = folder / "sub"
    sub.mkdir()
    (sub / "inside.journey.yaml").symlink_to(folder / "small.journey.yaml")
    (folder / "outside").symlink_to(tmp_path, target_is_directory=True)
    # The symlink inside the folder is followed, and found to be small.journey.yaml again: listed once.
    assert discover([str(folder)]) == [str(folder / "small.journey.yaml")]


def test_check_and_build_of_a_folder_with_traps_finish(small_journey, tmp_path):
    folder = _folder_with_traps(tmp_path, small_journey)
    started = time.monotonic()
    result = run_cli("check", str(folder))
    assert result.exit_code == 0, result.output
    assert "SECRETTOKEN" not in result.output and "Traceback" not in result.output
    built = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--formats", "json")
    assert built.exit_code == 0, built.output
    assert (tmp_path / "out" / "small.json").is_file()
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("command", [["check"], ["render", "-o", "x.svg"], ["build", "-o", "out"]])
def test_a_named_fifo_is_refused_with_a_message(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / "pipe.journey.yaml"
    os.mkfifo(fifo)
    result = run_cli(command[0], str(fifo), *command[1:])
    assert result.exit_code == 2, result.output
    assert "it is a FIFO, not a journey file" in result.output


def test_unknown_field_message_never_echoes_a_whole_key(tmp_path):
    path = tmp_path / "creds.journey.yaml"
    path.write_text('journeymap: 1\nghp_SECRETTOKEN0123456789abcdef: x\n"\\e[2Jclear": y\n')
    result = run_cli("check", str(path))
    assert result.exit_code == 1
    assert "SECRETTOKEN0123456789abcdef" not in result.output and "ghp_SECRETTOKEN0" in result.output
    assert "\x1b" not in result.output and "␛[2Jclear" in result.output


# --- item 12: kill -9 of a parallel build leaves no worker ---------------------------------

def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry))
    return found


def _hanging_build(small_journey: Path, tmp_path: Path, names: str) -> tuple[Path, dict[str, str], Path]:
    """Journeys ``names`` in maps/ and a ``dot`` that records its pid and hangs: (maps, env, pid file)."""
    folder = tmp_path / "fakebin"
    folder.mkdir()
    pids = tmp_path / "dots"
    (folder / "dot").write_text(f'#!/bin/sh\nif [ "$1" = "-V" ]; then echo "dot - fake" >&2; exit 0; fi\n'
                                f"echo $$ >> {pids}\nexec sleep 300\n")
    (folder / "dot").chmod(0o755)
    maps = tmp_path / "maps"
    maps.mkdir()
    for name in names:
        (maps / f"{name}.journey.yaml").write_bytes(small_journey.read_bytes().replace(
            b"title: Small test journey", f"title: Small test journey\nid: j-{name}".encode()))
    # The builds are killed: their Graphviz folders (which no cleanup then removes) go in here.
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    return maps, {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}", "TMPDIR": str(temporary)}, pids


def _wait_for_two(pids: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(pids.read_text().split() if pids.exists() else []) < 2:
        time.sleep(0.1)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_kill_9_of_a_parallel_build_leaves_no_worker(small_journey, tmp_path):
    maps, env, pids = _hanging_build(small_journey, tmp_path, "abc")
    main = subprocess.Popen([sys.executable, "-m", "journeymap", "build", str(maps), "-o", str(tmp_path / "out"),
                             "-j", "2", "--formats", "svg"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        _wait_for_two(pids)
        workers = [p for p in _children(main.pid)]
        dots = list(map(int, pids.read_text().split()))
        assert len(dots) == 2 and len(workers) >= 2, (dots, workers)
    finally:
        main.kill()  # SIGKILL: no cleanup runs in the main process
        main.wait()
    for pid in workers + dots:
        assert _wait_dead(pid), f"process {pid} outlived the killed build"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("how", ["ctrl-c", "kill-int", "kill-term"])
def test_ctrl_c_stops_a_parallel_build_at_once(small_journey, tmp_path, how):
    """Ctrl-C (SIGINT to the process group, or to the build alone) stops the build: the queued
    journeys are not built, no index or portfolio is written, the workers and their Graphviz runs end.
    SIGTERM (a CI job cancelled) does the same: it killed the build at once, its manifest unsaved,
    exit status -15 (audit CB)."""
    import signal

    maps, env, pids = _hanging_build(small_journey, tmp_path, "abcdef")
    out = tmp_path / "out"
    main = subprocess.Popen([sys.executable, "-m", "journeymap", "build", str(maps), "-o", str(out), "-j", "2",
                             "--formats", "svg"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        _wait_for_two(pids)
        workers = _children(main.pid)
        if how == "ctrl-c":
            os.killpg(main.pid, signal.SIGINT)
        else:
            main.send_signal(signal.SIGINT if how == "kill-int" else signal.SIGTERM)
        _, err = main.communicate(timeout=20)
    finally:
        if main.poll() is None:
            main.kill()
            main.wait()
    assert main.returncode == 130 and f"interrupted ({'SIGTERM' if how == 'kill-term' else 'Ctrl-C'})" in err, err
    assert not (out / "index.html").exists() and not (out / "portfolio.html").exists()
    assert len(pids.read_text().split()) == 2  # no queued journey was started
    for pid in workers + list(map(int, pids.read_text().split())):
        assert _wait_dead(pid), f"process {pid} outlived the interrupted build"
