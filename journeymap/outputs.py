"""Writing outputs: atomically (temporary file in the same folder, then rename), or to stdout; and
whether a path lies in a folder (:func:`lies_within`), the test of every folder journeymap keeps to."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
import time
from pathlib import Path
from typing import Optional, Union

Data = Union[bytes, str]


class OutputError(Exception):
    """An output could not be written (read-only folder, disk full, refused path)."""


def utf8(text: str) -> bytes:
    """``text`` as UTF-8. A file name that is not UTF-8 comes to Python with each such byte as a
    lone surrogate (U+DCFE for 0xFE), which UTF-8 cannot carry: it is written as its escape
    ``\\udcfe`` (still a JSON escape in JSON) where strict encoding ended the command with a
    traceback."""
    return text.encode("utf-8", "backslashreplace")


def utf8_text(text: str) -> str:
    """``text`` as :func:`utf8` writes it, still a ``str``: for what is printed, or handed to
    another program, as text."""
    return utf8(text).decode("utf-8")


def _as_bytes(data: Data) -> bytes:
    return utf8(data) if isinstance(data, str) else data


_DESCRIPTOR = re.compile(r"/dev/(?:std(?P<std>out|err)|fd/(?P<fd>\d+))|/proc/(?:self|thread-self|(?P<pid>\d+))/fd/(?P<pfd>\d+)")


def descriptor_of(target: Path) -> Optional[int]:
    """The open file descriptor of this process that ``target`` names (``/dev/stdout``,
    ``/dev/fd/3``, ``/proc/self/fd/1``, or a link that leads to one), or None.

    Named by its path, not by what it resolves to: with stdout sent to a file, ``/dev/stdout``
    resolves to that regular file, which the atomic rename replaced (leaving the file empty and,
    as root, ``/dev/stdout`` a plain file for the whole machine: audit BW)."""
    name = os.path.abspath(target)
    for _ in range(40):  # the kernel's own limit on links followed
        found = _DESCRIPTOR.fullmatch(name)
        if found:
            if found["pid"] and int(found["pid"]) != os.getpid():
                return None
            number = {"out": 1, "err": 2}.get(found["std"] or "") or int(found["fd"] or found["pfd"])
            return number if _is_open(number) else None
        try:
            name = os.path.normpath(os.path.join(os.path.dirname(name), os.readlink(name)))
        except (OSError, ValueError):
            return None
    return None


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def is_special(target: Path) -> bool:
    """True when ``target`` names an open descriptor (:func:`descriptor_of`), or exists (through
    symlinks) and is neither a regular file nor a folder: written into, never replaced."""
    return descriptor_of(target) is not None or _is_device(target)


def _is_device(target: Path) -> bool:
    """``target`` exists (through symlinks) and is neither a regular file nor a folder."""
    try:
        mode = os.stat(target).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_descriptor(fd: int, data: bytes, target: Path) -> None:
    """Write to an open descriptor as it stands: at its offset, appending after ``>>`` (opening
    ``/proc/self/fd/1`` anew would start at byte 0 of the file and write over what is there)."""
    for stream in (sys.stdout, sys.stderr):  # what Python holds for the same descriptor goes first
        try:
            if stream is not None and stream.fileno() == fd:
                stream.flush()
        except (OSError, ValueError, AttributeError):
            continue
    _write_all(fd, data, target)


def _write_into(target: Path, data: bytes) -> None:
    """Write into an existing device or FIFO (opening a FIFO waits for its reader)."""
    try:
        fd = os.open(target, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from exc
    try:
        _write_all(fd, data, target)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes, target: Path) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except BrokenPipeError:
        raise  # the reader left (| head): click ends quietly, as for -o -
    except OSError as exc:
        raise OutputError(f"{target}: could not write: {exc.strerror or exc}") from exc


def input_at(target: Path, inputs: tuple[Path, ...]) -> Optional[Path]:
    """The one of ``inputs`` that ``target`` is (the same file, by any name), or None."""
    for source in inputs:
        try:
            if target.exists() and os.path.samefile(target, source):
                return source
        except OSError:
            continue
    return None


def write_atomic(path: Union[str, Path], data: Data, *, inputs: tuple[Path, ...] = (),
                 regular: bool = False) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one.

    Refuses to overwrite any of ``inputs`` (the files the output was made from). A symlink at
    ``path`` is replaced by a regular file, never followed, unless it leads to a device or a FIFO.
    An existing device, FIFO or socket (``/dev/null``, a named pipe) and a name of an open
    descriptor (``/dev/stdout``, ``/dev/fd/3``, whatever it leads to) are written into, as every
    Unix tool does, never replaced. With ``regular`` (a name the user did not give: a build's
    outputs) it is always a regular file put in place, whatever was there: a symlink committed in
    a build folder to ``/dev/pts/0`` had the build write a journey's export to a terminal (audit
    CG). On failure nothing is left behind.
    """
    target = Path(path)
    source = input_at(target, inputs)
    if source is not None:
        raise OutputError(f"{target}: refusing to overwrite the input file {source}; choose another output")
    fd = None if regular else descriptor_of(target)
    if fd is not None:
        _write_descriptor(fd, _as_bytes(data), target)
        return
    if not regular and _is_device(target):
        _write_into(target, _as_bytes(data))
        return
    if _DESCRIPTOR.fullmatch(os.path.abspath(target)):
        raise OutputError(f"{target}: no such open file descriptor (give it to the command, as in 3> file)")
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = _temporary(folder, target.name)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write into {folder}: {folder_trouble(folder, exc)}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_as_bytes(data))
            handle.flush()
            os.fsync(handle.fileno())
        kept = _kept_mode(target)
        if kept is not None:
            os.chmod(tmp, kept)
        os.replace(tmp, target)
    except BaseException as exc:  # Ctrl-C included: the temporary file never stays behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: could not write: {exc.strerror or exc}") from exc
        raise


def folder_trouble(folder: Path, exc: OSError) -> str:
    """Why ``folder`` cannot be made or written into, in words: the link or file in its way (it, or
    a folder above it), where there is one, else the system's reason. "cannot make the folder out:
    File exists" named nothing: ``out`` was a link to a folder that was gone."""
    for step in (folder, *folder.parents):
        name = "it" if step == folder else str(step)
        try:
            if step.is_symlink() and not step.exists():
                return _broken_link(step, name)
            if step.exists() and not step.is_dir():
                return f"{name} is a file, not a folder"
        except OSError:  # a folder on the way not open to us: the system's reason says so
            break
    return str(exc.strerror or exc)


def _broken_link(link: Path, name: str) -> str:
    """Why the link ``link`` (called ``name``) leads nowhere: into a loop of links, or to a folder
    that is gone, named as the links lead to it (each followed, from its own folder: a relative
    target read from the user's folder named the wrong one, and a chain of links its first step:
    review DV)."""
    try:
        os.stat(link)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{name} is a link that leads into a loop of links; remove it, or mend the links"
    return (f"{name} is a link to {os.path.realpath(link)}, which does not exist; remove the link, "
            "or make the folder it leads to")


def _temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file beside the output, made with rw-rw-rw- less the umask, as any tool's
    new file is (mkstemp's are owner-only, and a fixed 0644 made every output world-readable):
    a confidential briefing stays private under ``umask 077``. The kernel applies the umask of
    the moment, so nothing here reads or changes it."""
    for _ in range(100):
        # not secrets: it loads OpenSSL (2.6 ms); the name cut so that a long one (up to NAME_MAX) still has room
        path = os.path.join(folder, f".{name[:200]}.{os.urandom(4).hex()}.tmp")
        try:
            return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


#: How long ago a temporary file was last written for a build to take it as half-written, in
#: seconds: younger, it may be another command's, writing into the folder now.
HALF_WRITTEN_AGE = 10.0
#: The name :func:`_temporary` gives an output being written.
_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")


def half_written(folder: Path, *, since: Optional[float] = None) -> list[Path]:
    """The temporary files in ``folder`` that :func:`write_atomic` left when its process was
    killed mid-write (a build's worker stopped, SIGKILL), by name: those last written ``since`` a
    time (``time.time()``: a build's own stopped workers'), else those not written for
    :data:`HALF_WRITTEN_AGE` seconds. Left, they were committed and uploaded with the outputs, and
    ``build --check`` called the folder up to date (audit CB)."""
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    older = time.time() - HALF_WRITTEN_AGE
    for entry in entries:
        if not _TEMPORARY.fullmatch(entry.name) or not entry.is_file(follow_symlinks=False):
            continue
        written = entry.stat(follow_symlinks=False).st_mtime
        if written >= since if since is not None else written < older:
            found.append(Path(entry.path))
    return sorted(found)


def _kept_mode(target: Path) -> Optional[int]:
    """The permissions of the regular file the output replaces (a ``chmod 600`` file stays so)."""
    try:
        if target.is_file() and not target.is_symlink():
            return stat.S_IMODE(target.lstat().st_mode)
    except OSError:
        pass
    return None


def lies_within(path: Union[str, "os.PathLike[str]"], root: Union[str, "os.PathLike[str]"]) -> bool:
    """Whether ``path``, its symbolic links followed, is ``root`` or lies under it (``root``'s
    links followed too). A path on another drive, or one that cannot be resolved, lies within
    nothing. (Five copies of this test, written three ways, differed on links and relative roots:
    review BM.) The one test of every folder journeymap keeps to: the journeys found in a folder,
    the files the live preview serves and reads, a team's templates, the files a briefing may use.

    >>> lies_within("/srv/maps/a.journey.yaml", "/srv/maps"), lies_within("/srv/maps-old/a", "/srv/maps")
    (True, False)
    """
    try:
        top = os.path.realpath(root)
        return os.path.commonpath([top, os.path.realpath(path)]) == top
    except (OSError, ValueError):
        return False
