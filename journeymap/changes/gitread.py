"""Read a journey from a git revision (``REV:PATH``) without checking anything out."""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, NamedTuple, Optional

from journeymap.changes.gitproject import project_file_at
from journeymap.changes.gitrun import GitError, MissingAtRevision, blob_head, read_blobs, run_git
from journeymap.journey.slug import file_id
from journeymap.journey.reader import MAX_BYTES

if TYPE_CHECKING:
    from datetime import datetime

#: GitError and MissingAtRevision are raised from here too: callers catch them from this module.
__all__ = ["GitError", "MissingAtRevision", "TreeAt", "read_revision", "renamed_at", "revision_facts", "split_spec",
           "yaml_files_at"]


def split_spec(spec: str) -> Optional[tuple[str, str]]:
    """``("REV", "PATH")`` for a ``REV:PATH`` argument that is not an existing file, else None.

    >>> split_spec("HEAD~1:maps/a.journey.yaml")
    ('HEAD~1', 'maps/a.journey.yaml')
    >>> split_spec("maps/a.journey.yaml") is None
    True
    """
    if os.path.exists(spec) or ":" not in spec:
        return None
    rev, path = spec.split(":", 1)
    return (rev, path) if rev and path else None


def _real_folder(target: Path) -> tuple[Path, list[str]]:
    """The nearest folder above ``target`` (absolute) that exists, links resolved, and the names
    under it to ``target``: the file, and its folders, may exist only in the old revision. The
    file's own name is never resolved: git tracks a link by its own path."""
    folder, rest = target.parent, [target.name]
    while not folder.is_dir() and folder != folder.parent:
        folder, rest = folder.parent, [folder.name, *rest]
    return folder.resolve(), rest


def _locate(rev: str, path: str) -> tuple[Path, str]:
    """The repository's top and ``path`` relative to it (POSIX), once ``rev`` is known to be a revision.
    A folder that exists is asked from itself: asked from the folder above, ``portfolio . --since``
    at a repository's top found none, or the one around it (review DF). A link to a folder keeps
    its own path, as git tracks it (review DH), unless it leads into a repository from outside."""
    whole = os.path.abspath(path)
    folder, rest = _real_folder(Path(whole))
    if os.path.isdir(whole) and not os.path.islink(whole):
        folder, rest = Path(whole).resolve(), []
    top = run_git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0 and os.path.isdir(whole):
        folder, rest = Path(whole).resolve(), []
        top = run_git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        # git's own refusal: "not inside a repository" misled (audit FX); its remedy's words are
        # never translated, "dubious ownership" is (review FY)
        if b"safe.directory" in top.stderr:
            said = re.search(rb"safe\.directory (.+)$", top.stderr.strip(), re.MULTILINE)
            where = said.group(1).decode(errors="replace").strip() if said else "<its top folder>"
            raise GitError(f"git refuses to read the repository around {folder}, as another user owns it, so "
                           f"{rev}:{path} cannot be read; run journeymap as its owner, or mark it safe: "
                           f"git config --global --add safe.directory {where}")
        raise GitError(f"{folder} is not inside a git repository, so {rev}:{path} cannot be read")
    root = Path(top.stdout.decode().strip())
    # a checkout has its .git (a folder, or a file for a worktree); one named by GIT_DIR (a dotfiles
    # repository, a hook in a worktree) is the user's own choice (review ER)
    if not (root / ".git").exists() and "GIT_DIR" not in os.environ:
        raise GitError(f"{root} is no checkout of a repository (git found one without a .git there, such as a "
                       f"bare repository committed into the tree), so {rev}:{path} is not read from it")
    # by the folder's real path, as git names its top: a checkout reached through a link (macOS's
    # /tmp, a linked home folder) was "outside the repository" (audit BY)
    relative = os.path.relpath(folder.joinpath(*rest), root)
    if relative.startswith(".."):
        raise GitError(f"{path} is outside the repository {root}")
    if run_git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).returncode != 0:
        raise GitError(f"{rev!r} is not a revision of the repository {root}{_shallow_hint(root)}")
    return root, Path(relative).as_posix()


def _shallow_hint(root: Path) -> str:
    """A word when the clone is shallow (a CI checkout's default holds the last commit alone), where
    an older revision is not missing but not fetched."""
    shallow = run_git(["rev-parse", "--is-shallow-repository"], root)
    if shallow.returncode == 0 and shallow.stdout.strip() == b"true":
        return (" (this clone is shallow: fetch the history with `git fetch --unshallow`, or check out "
                "with fetch-depth: 0 in GitHub Actions)")
    return ""


def read_revision(rev: str, path: str) -> tuple[bytes, Optional[tuple[str, bytes]]]:
    """The bytes of ``path`` (relative to the current folder) at revision ``rev``, and the project
    file that applied to it then (its path from the current folder and its bytes; None if none)."""
    root, relative = _locate(rev, path)
    blob = f"{rev}:{Path(relative).as_posix()}"
    if run_git(["cat-file", "-e", blob], root).returncode != 0:
        raise MissingAtRevision(f"{Path(relative).as_posix()} does not exist at revision {rev} (renamed or not yet "
                                f"added?); the path after {rev}: is taken from the current folder, {Path.cwd()}")
    kind = run_git(["cat-file", "-t", blob], root).stdout.strip()
    if kind != b"blob":
        raise GitError(f"{path} is not a file at revision {rev} (git says it is a {kind.decode(errors='replace')})")
    size = run_git(["cat-file", "-s", blob], root)
    if size.returncode == 0 and size.stdout.strip().isdigit() and int(size.stdout) > MAX_BYTES:
        raise GitError(f"{path} is {int(size.stdout) / 1e6:.1f} MB at revision {rev}; the limit of a "
                       "journey file is 5 MB")
    shown = run_git(["cat-file", "blob", blob], root)
    if shown.returncode != 0:
        raise GitError(f"git could not read {path} at revision {rev}: "
                       f"{shown.stderr.decode(errors='replace').strip() or 'no reason given'}")
    return shown.stdout, project_file_at(rev, root, relative)


def renamed_at(rev: str, path: str) -> Optional[str]:
    """The path (from the current folder) that the file at ``path`` had at revision ``rev``, where
    git sees it renamed or moved since (``git diff -M``, the working tree against ``rev``); None
    where it does not, or cannot say."""
    try:
        root, relative = _locate(rev, path)
        # paths from the top whatever the user's git config says (diff.relative would make them the cwd's)
        listed = run_git(["-c", "diff.relative=false", "diff", "--no-ext-diff", "--no-textconv", "-M", "--name-status", "-z",
                          rev, "--"], root)
    except GitError:
        return None
    if listed.returncode != 0:
        return None
    fields = listed.stdout.decode("utf-8", errors="replace").split("\0")
    deleted: list[str] = []
    at = 0
    while at < len(fields) - 1:
        status = fields[at]
        if status[:1] == "R":  # renamed: the old path, then the new
            old, new = fields[at + 1:at + 3]
            if new == relative:
                return os.path.relpath(root / old)
            at += 3
        else:
            if status == "D":
                deleted.append(fields[at + 1])
            at += 2
    untold = _moved_untold(rev, root, relative, deleted)
    return os.path.relpath(root / untold) if untold else None


def _moved_untold(rev: str, root: Path, relative: str, deleted: list[str]) -> Optional[str]:
    """Of the files deleted since ``rev``, the one that the file at ``relative``, which git does not
    know yet (moved with a plain ``mv``: review AZ), was: the one with its bytes, else of those
    with its journey id the one with its name, else the only one (moved into a folder, a journey's
    ``$schema`` line must change, and renamed too it was "new": audit CQ)."""
    if not deleted or run_git(["ls-files", "--error-unmatch", "--", relative], root).returncode == 0:
        return None
    ours = run_git(["hash-object", "--", relative], root).stdout.strip()
    for old in deleted:
        if ours and run_git(["rev-parse", f"{rev}:{old}"], root).stdout.strip() == ours:
            return old
    try:
        mine = _journey_key((root / relative).read_bytes(), relative)
    except OSError:
        return None
    # any YAML file may be a journey (SPEC 1: one with a top-level journeymap key): a .yaml one
    # deleted is read too, its id made from its name where it gives none
    same = [old for old in deleted if old.lower().endswith((".yaml", ".yml"))
            and _journey_key(_blob(rev, old, root), old) == mine]
    # Its name alone is not enough: another journey deleted under the same name (onboarding in
    # insurance/, a new one in retail/) was compared as this one's past, a regression of 8 things
    # (review DB). Of those with its id, the one with its name, else the only one.
    named = [old for old in same if Path(old).name == Path(relative).name]
    return named[0] if len(named) == 1 else same[0] if len(same) == 1 else None


def _blob(rev: str, path: str, root: Path) -> bytes:
    """The file at ``path`` in ``rev``, or nothing where it is past a journey file's limit."""
    size = run_git(["cat-file", "-s", f"{rev}:{path}"], root).stdout.strip()
    if not size.isdigit() or int(size) > MAX_BYTES:
        return b""
    return run_git(["cat-file", "blob", f"{rev}:{path}"], root).stdout


def _journey_key(data: bytes, path: str) -> tuple[str, Optional[str]]:
    """What tells a journey file's past: its declared id; where it declares none (its id made from
    its name, which two unrelated journeys may share: review DD), its id and its title."""
    from journeymap.journey.validate import declared_names

    declared, title = declared_names(data, path)
    return (declared, None) if declared else (file_id(PurePath(path).name), title)


def revision_facts(rev: str, path: str) -> Optional[tuple[str, datetime, Optional[str]]]:
    """The commit ``rev`` names: its short id, its date and time (to the minute, two commits of one
    day told apart) in the zone the briefing is dated in (UTC under
    ``SOURCE_DATE_EPOCH``, else this machine's: a commit at 00:40 +01:00 was "since 4 December" in a
    briefing dated 3 December in UTC, review CL), and the tag's name when ``rev`` names a tag ("v1.2"
    for v1.2, tags/v1.2 or refs/tags/v1.2), else None; None when git cannot say."""
    try:
        root, _ = _locate(rev, path)
        shown = run_git(["log", "-1", "--format=%h%x00%ct", f"{rev}^{{commit}}", "--"], root)
        full = run_git(["rev-parse", "--symbolic-full-name", rev], root)
    except GitError:
        return None
    short, _, when = shown.stdout.decode("utf-8", "replace").strip().partition("\0")
    if shown.returncode != 0 or not short or not when.isdigit():
        return None
    from datetime import datetime, timezone

    from journeymap.map.pdfstamp import source_date

    try:
        at = datetime.fromtimestamp(int(when), timezone.utc if source_date() is not None else None)
    except (OverflowError, OSError, ValueError):
        return None
    name = full.stdout.decode("utf-8", "replace").strip() if full.returncode == 0 else ""
    tag = name.removeprefix("refs/tags/") if name.startswith("refs/tags/") else None
    return short, at, tag


class TreeAt(NamedTuple):
    """The YAML files of a folder at a revision (:func:`yaml_files_at`), by path from the top."""

    #: The folder (or file) from the repository's top, POSIX, "." for the top.
    relative: str
    files: dict[str, bytes]
    #: Links, each to the path it leads to (as git holds it), where that stays in the repository.
    links: dict[str, str]
    #: Files past the 5 MB limit: their first bytes, and their size.
    large: dict[str, tuple[bytes, int]]


def yaml_files_at(rev: str, path: str) -> TreeAt:
    """The YAML files (any may be a journey, SPEC 1) under ``path`` (a folder or one file, relative
    to the current folder) at revision ``rev``, with the project files of the folders above it up
    to the repository's top (SPEC 1.2), names as the file system spells them: what a checkout of
    ``rev`` holds for a scan for journeys to read. Raises :class:`GitError` when ``rev`` or the
    repository cannot be read."""
    root, relative = _locate(rev, path)
    listed = run_git(["ls-tree", "-r", "-l", "-z", rev, "--", "." if relative == "." else relative], root)
    if listed.returncode != 0:
        raise GitError(f"git could not list {path} at revision {rev}: "
                       f"{listed.stderr.decode(errors='replace').strip() or 'no reason given'}")
    tree = TreeAt(relative, {}, {}, {})
    wanted: list[tuple[str, bytes, bool]] = []  # name, object id, whether a link
    for entry in listed.stdout.split(b"\0"):
        head, _, raw = entry.partition(b"\t")
        fields, name = head.split(), os.fsdecode(raw)
        # a file named is read whatever its name, as a scan reads it; no name leads out of the
        # folder it is copied into (git refuses ".." in a tree it writes, not in one it is given)
        if (len(fields) != 4 or {"", ".", ".."} & set(name.split("/"))
                or not (name == relative or name.lower().endswith((".yaml", ".yml")))):
            continue
        if fields[0] == b"120000":
            wanted.append((name, fields[2], True))
        elif fields[0] in (b"100644", b"100755") and fields[3].isdigit():
            if int(fields[3]) > MAX_BYTES:  # not read whole: its head tells it a journey, as a scan's does
                tree.large[name] = (blob_head(root, f"{rev}:{name}", 4096), int(fields[3]))
            else:
                wanted.append((name, fields[2], False))
    blobs = read_blobs(root, [oid for _, oid, _ in wanted])
    for name, oid, link in wanted:
        if not link:
            tree.files[name] = blobs[oid]
            continue
        target = os.fsdecode(blobs[oid])
        leads_to = posixpath.normpath(posixpath.join(posixpath.dirname(name), target))
        if not posixpath.isabs(target) and not leads_to.startswith("../") and leads_to != "..":
            tree.links[name] = target
    above = project_file_at(rev, root, relative if relative != "." else "x")
    if above is not None:
        tree.files.setdefault(Path(os.path.relpath(os.path.abspath(above[0]), root)).as_posix(), above[1])
    return tree


