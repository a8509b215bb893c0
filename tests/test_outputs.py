"""Atomic writes: whole files or nothing, never the input, never through a symlink."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from journeymap.outputs import OutputError, write_atomic


def test_writes_whole_file_and_replaces(tmp_path: Path):
    target = tmp_path / "out.txt"
    write_atomic(target, "one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_refuses_to_overwrite_an_input(tmp_path: Path):
    source = tmp_path / "in.yaml"
    source.write_text("keep me")
    with pytest.raises(OutputError, match="input"):
        write_atomic(source, "x", inputs=(source,))
    assert source.read_text() == "keep me"


def test_symlink_at_the_output_is_replaced_not_followed(tmp_path: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "out.svg"
    link.symlink_to(victim)
    write_atomic(link, "new")
    assert victim.read_text() == "precious"
    assert not link.is_symlink() and link.read_text() == "new"


def test_symlink_to_the_input_is_refused(tmp_path: Path):
    source = tmp_path / "in.yaml"
    source.write_text("keep me")
    link = tmp_path / "out.svg"
    link.symlink_to(source)
    with pytest.raises(OutputError):
        write_atomic(link, "x", inputs=(source,))
    assert source.read_text() == "keep me"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder_leaves_nothing(tmp_path: Path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            write_atomic(folder / "x.svg", "data")
    finally:
        folder.chmod(0o700)
    assert list(folder.iterdir()) == []


def test_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch):
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    target = tmp_path / "out.svg"
    target.write_text("old complete file")
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, "new data" * 100)
    assert target.read_text() == "old complete file"
    assert [p.name for p in tmp_path.iterdir()] == ["out.svg"]


def test_cli_reports_unwritable_output_without_traceback(tmp_path: Path, small_journey):
    # A missing folder is made (as -o folder/ makes it); one that cannot be, below a file, is told
    (tmp_path / "a-file").write_text("x")
    for target, said in ((tmp_path / "a-file" / "x.json", "cannot write into"),
                         (tmp_path / "a-file" / "sub" / "x.json", "cannot make the folder")):
        result = run_cli("export", str(small_journey), "--format", "json", "-o", str(target))
        assert result.exit_code == 2 and said in result.stderr  # a usage error: the journey is fine


def test_a_link_or_file_in_the_way_of_an_output_is_named(tmp_path: Path, small_journey):
    """`-o gone/x.json`, ``gone`` a link to a folder since removed, said "cannot make the folder
    gone: File exists", naming nothing that was in the way."""
    (tmp_path / "gone").symlink_to(tmp_path / "removed")
    (tmp_path / "a-file").write_text("x")
    told = {tmp_path / "gone" / "x.json": f"cannot make the folder {tmp_path / 'gone'}: it is a link to "
                                          f"{tmp_path / 'removed'}, which does not exist; remove the link, or make "
                                          "the folder it leads to",
            tmp_path / "gone" / "sub" / "x.json": f"cannot make the folder {tmp_path / 'gone' / 'sub'}: "
                                                  f"{tmp_path / 'gone'} is a link to {tmp_path / 'removed'}",
            tmp_path / "a-file" / "x.json": f"cannot write into {tmp_path / 'a-file'}: it is a file, not a folder",
            tmp_path / "a-file" / "sub" / "x.json": f"cannot make the folder {tmp_path / 'a-file' / 'sub'}: "
                                                    f"{tmp_path / 'a-file'} is a file, not a folder"}
    for target, said in told.items():
        result = run_cli("export", str(small_journey), "--format", "json", "-o", str(target))
        assert result.exit_code == 2 and said in result.stderr, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "gone"] and not (tmp_path / "removed").exists()
    result = run_cli("init", str(tmp_path / "gone"))
    assert result.exit_code == 2 and "it is a link to" in result.stderr
    # a loop of links, and a relative target told from where the user stands (review DT)
    (tmp_path / "loop-a").symlink_to("loop-b")
    (tmp_path / "loop-b").symlink_to("loop-a")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "link").symlink_to("../nowhere")
    (tmp_path / "via").symlink_to("loop-a/sub")  # into the loop, not in it (review DV)
    (tmp_path / "chain").symlink_to("d/link")  # through another link to what is gone
    for target, said in ((tmp_path / "loop-a" / "x.json", "it is a link that leads into a loop of links"),
                         (tmp_path / "via" / "x.json", "it is a link that leads into a loop of links"),
                         (tmp_path / "d" / "link" / "x.json", f"it is a link to {tmp_path / 'nowhere'}, which does not"),
                         (tmp_path / "chain" / "x.json", f"it is a link to {tmp_path / 'nowhere'}, which does not")):
        result = run_cli("export", str(small_journey), "--format", "json", "-o", str(target))
        assert result.exit_code == 2 and said in result.stderr, result.stderr


def test_a_folder_not_open_to_the_user_is_a_usage_error_not_a_traceback(tmp_path: Path, small_journey, monkeypatch):
    """A folder on an output's way that the user may not enter raised PermissionError from a
    path's test (review DT); as root the tests cannot be refused, so the refusal is staged."""
    locked = tmp_path / "locked"
    real = Path.is_dir

    def refused(self: Path) -> bool:
        if str(self).startswith(str(locked)):
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "is_dir", refused)
    result = run_cli("export", str(small_journey), "-o", str(locked / "inner" / "x.json"))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert f"{locked / 'inner' / 'x.json'}: Permission denied; journeymap cannot reach it" in result.stderr


def test_cli_says_which_folders_it_made(tmp_path: Path, small_journey):
    """A slip in -o (a folder name mistyped) made new folders without a word (audit DM)."""
    target = tmp_path / "mpas" / "2026" / "x.json"
    result = run_cli("export", str(small_journey), "--format", "json", "-o", str(target))
    assert result.exit_code == 0 and target.exists()
    assert f"made the folder {target.parent} (and 1 folder above it)\nwrote {target}" in result.stderr
    again = run_cli("export", str(small_journey), "--format", "json", "-o", str(target.with_name("y.json")))
    assert again.exit_code == 0 and "made the folder" not in again.stderr
    made = run_cli("render", str(small_journey), "-o", f"{tmp_path / 'maps'}/")
    assert f"made the folder {tmp_path / 'maps'}\n" in made.stderr and (tmp_path / "maps").is_dir()


def test_cli_refuses_output_onto_the_input(tmp_path: Path, small_journey):
    copy = tmp_path / "j.journey.yaml"
    copy.write_bytes(small_journey.read_bytes())
    result = run_cli("export", str(copy), "--format", "json", "-o", str(copy))
    assert result.exit_code == 2 and "input" in result.stderr
    assert copy.read_bytes() == small_journey.read_bytes()


@pytest.mark.parametrize("command", [
    ["diff", "{j}", "{j}", "-o", "{j}"],
    ["diff", "{j}", "{j}", "--map", "{j}"],
    ["portfolio", "{folder}", "--format", "json", "-o", "{j}"],
    ["render", "{j}", "--format", "dot", "-o", "{project}"],
    ["export", "{j}", "--format", "json", "-o", "{project}"],
    ["portfolio", "{folder}", "--format", "json", "-o", "{project}"],
])
def test_no_command_overwrites_a_journey_or_the_project_file_it_read(tmp_path: Path, command: list[str]):
    """SPEC 4.3: the input is never modified, the project file that applied included."""
    import shutil

    folder = tmp_path / "maps"
    shutil.copytree(ROOT / "maps", folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    names = {"j": str(folder / "home-claim.journey.yaml"), "folder": str(folder),
             "project": str(folder / "journeymap.yaml")}
    result = run_cli(*[part.format(**names) for part in command])
    refused = "is not a map file" if "--map" in command else "refusing to overwrite the input file"  # by its suffix
    assert result.exit_code == 2 and refused in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_read_only_folder_simulated(tmp_path: Path, monkeypatch):
    """As root (CI) a chmod does not stop writes, so the refusal is simulated where the temporary
    file is made."""
    import journeymap.outputs as outputs

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(outputs, "_temporary", refuse)
    with pytest.raises(OutputError, match="Permission denied"):
        write_atomic(tmp_path / "x.svg", "data")
    assert list(tmp_path.iterdir()) == []


def test_a_new_file_follows_the_umask_and_a_replaced_one_keeps_its_mode(tmp_path: Path):
    """Every output was made rw-r--r--: a briefing written under umask 077, or over a chmod 600
    file, became readable by every user of the machine."""
    before = os.umask(0o077)  # as a user keeping briefings private sets it, after journeymap was imported
    try:
        fresh = tmp_path / "new.pdf"
        write_atomic(fresh, b"x")
    finally:
        os.umask(before)
    assert fresh.stat().st_mode & 0o777 == 0o600
    open_one = tmp_path / "open.pdf"
    before = os.umask(0o022)
    try:
        write_atomic(open_one, b"x")
    finally:
        os.umask(before)
    assert open_one.stat().st_mode & 0o777 == 0o644
    kept = tmp_path / "kept.pdf"
    kept.write_bytes(b"old")
    kept.chmod(0o640)
    write_atomic(kept, b"new")
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_bytes() == b"new"


def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch):
    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.pdf", b"data")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.graphviz
def test_a_journey_whose_file_name_is_not_utf8_is_named_by_its_escape_and_nothing_fails(tmp_path: Path):
    """Linux file names are bytes; a Latin-1 one (from an old zip) comes to Python with a lone
    surrogate. export --format json, portfolio and build ended with a UnicodeEncodeError traceback,
    the portfolio's PDF failed, and check --format json wrote the raw byte (audit AA)."""
    import json

    folder = tmp_path / os.fsdecode(b"caf\xe9")
    folder.mkdir()
    name = os.fsdecode(b"ok\xfe.journey.yaml")
    (folder / name).write_bytes((ROOT / "tests" / "fixtures" / "valid" / "small.journey.yaml").read_bytes())
    shown = "ok\\udcfe.journey.yaml"
    checked = run_cli("check", "--format", "json", str(folder))
    assert checked.exit_code == 0 and shown in checked.stdout and "\udcfe" not in checked.stdout
    json.loads(checked.stdout)  # the escape is JSON's own: still one JSON document
    assert run_cli("export", str(folder / name), "--format", "json", "-o", str(tmp_path / "e.json")).exit_code == 0
    json.loads((tmp_path / "e.json").read_bytes())
    for out in ("p.json", "p.md", "p.html", "p.pdf"):
        assert run_cli("portfolio", str(folder), "-o", str(tmp_path / out)).exit_code == 0, out
    assert shown in (tmp_path / "p.md").read_text(encoding="utf-8")
    site = tmp_path / "site"
    assert run_cli("build", str(folder), "-o", str(site), "--formats", "json,svg").exit_code == 0
    assert run_cli("build", str(folder), "-o", str(site), "--formats", "json,svg", "--check").exit_code == 0
    assert shown in (site / "index.html").read_text(encoding="utf-8")


def test_an_output_name_near_the_longest_a_file_system_takes_is_written(tmp_path: Path):
    """The temporary name beside it adds 14 bytes, which took a 242-255-byte name past NAME_MAX
    ("File name too long", audit AH)."""
    target = tmp_path / ("a" * 250 + ".svg")
    write_atomic(target, b"<svg/>")
    assert target.read_bytes() == b"<svg/>" and [p.name for p in tmp_path.iterdir()] == [target.name]



# --- -o naming an open descriptor (/dev/stdout, /dev/fd/N, /proc/self/fd/N): audit BW ----------

NEEDS_PROC = pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs Linux's /proc")


def _names_of(fd: int, folder: Path) -> list[str]:
    """The names of descriptor ``fd`` a user might give: /dev/fd/N, /proc/self/fd/N, and a link
    to one, as /dev/stdout is a link to /proc/self/fd/1 on Linux. (Not /dev/stdout itself: the old
    code replaced it, as root, with a plain file for the whole machine.)"""
    link = folder / f"stdout-{fd}"
    link.symlink_to(f"/proc/self/fd/{fd}")
    return [f"/dev/fd/{fd}", f"/proc/self/fd/{fd}", str(link)]


@NEEDS_PROC
@pytest.mark.parametrize("which", [0, 1, 2])
def test_a_name_of_an_open_descriptor_is_written_through_at_its_offset(tmp_path: Path, which: int):
    sink = tmp_path / "sink.txt"
    sink.write_text("kept\n")
    fd = os.open(sink, os.O_WRONLY | os.O_APPEND)  # as the shell's >> opens it
    try:
        target = _names_of(fd, tmp_path)[which]
        write_atomic(target, "new\n")
    finally:
        os.close(fd)
    assert sink.read_text() == "kept\nnew\n"
    assert Path(target).is_symlink() or target.startswith(("/dev/fd/", "/proc/"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["sink.txt", f"stdout-{fd}"])


@NEEDS_PROC
def test_a_closed_descriptor_is_refused_with_a_word_not_made(tmp_path: Path):
    fd = os.open(tmp_path, os.O_RDONLY)
    os.close(fd)  # a number no descriptor has now
    with pytest.raises(OutputError, match="no such open file descriptor"):
        write_atomic(f"/dev/fd/{fd}", "x")


@NEEDS_PROC
@pytest.mark.parametrize("which", [0, 1, 2])
def test_render_to_stdout_by_name_with_stdout_sent_to_a_file(tmp_path: Path, small_journey, which: int):
    """``journeymap render F -o /dev/stdout > map.svg`` left map.svg empty and put the SVG in
    place of /dev/stdout (audit BW)."""
    target = _names_of(1, tmp_path)[which]
    out = tmp_path / "map.svg"
    with out.open("wb") as stdout:
        done = subprocess.run([sys.executable, "-m", "journeymap", "render", str(small_journey), "-o", target,
                               "--format", "svg"], stdout=stdout, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"<?xml") and out.read_bytes().rstrip().endswith(b"</svg>")
    assert Path(target).is_symlink() or not Path(target).is_relative_to(tmp_path)


def test_a_build_folder_not_open_to_the_user_is_told_as_such(tmp_path: Path, monkeypatch):
    """`build -o locked/out` said "[Errno 13] Permission denied: 'locked/out'" (review DV); staged,
    as root cannot be refused."""
    import journeymap.cli.build as cli_build

    def refused(files, out_dir):  # type: ignore[no-untyped-def]
        raise PermissionError(13, "Permission denied", str(out_dir))

    monkeypatch.setattr(cli_build, "check_out_dir", refused)
    result = run_cli("build", str(ROOT / "maps"), "-o", str(tmp_path / "locked" / "out"))
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'locked' / 'out'}: Permission denied; journeymap cannot reach it" in result.stderr
    assert "Errno" not in result.stderr
