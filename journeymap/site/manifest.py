"""The build's manifest (``.journeymap-build.json`` in the output folder): for each output it
wrote, the key of its inputs, its sha256 and, for a journey's outputs, the journey's id and file
(and the stem they are named by, when it is not the id: a journey whose id another has too).
It tells ``build`` what is up to date and which outputs a deleted journey, or a format no longer
asked for, left behind."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Iterable, Optional

from journeymap.journey.regularfile import open_regular, read_regular
from journeymap.outputs import write_atomic
from journeymap.site.names import JOURNEY_FORMATS, PORTFOLIO_FORMATS, PORTFOLIO_NAME, is_stem, output_name, stem_of
from journeymap.version import __version__

MANIFEST = ".journeymap-build.json"
#: The manifest's entries by output file name: ``key``, ``sha256``, for a journey's outputs
#: ``journey`` and ``source`` (and ``stem``, when it is not ``journey``: :func:`~.names.output_stems`),
#: and ``parts``, what the key was made of (a dict of texts).
Manifest = dict[str, dict[str, Any]]
#: The portfolio's files a build may write, and so remove.
PORTFOLIO_PAGES = frozenset(f"{PORTFOLIO_NAME}.{ext}" for ext in PORTFOLIO_FORMATS)


#: The largest manifest read: 64 MB, some 200,000 outputs (a link to /dev/zero read without end: audit CG).
MANIFEST_LIMIT = 64 * 1024 * 1024


def _own_file(path: Path, limit: int = MANIFEST_LIMIT) -> bytes:
    """A file the build wrote in its output folder: a regular file, not through a link (a device,
    a FIFO or a link committed in its place raises OSError, as a file that is not there does)."""
    return read_regular(path, limit, follow=False)


def load_manifest(out_dir: Path) -> Manifest:
    """``{output file name: {"key", "sha256", …}}`` from the last build (empty when unreadable)."""
    try:
        data = json.loads(_own_file(out_dir / MANIFEST).decode("utf-8"))
        return {k: v for k, v in data.get("outputs", {}).items() if isinstance(v, dict)}
    except (OSError, ValueError, AttributeError):
        return {}


def save_manifest(out_dir: Path, entries: Manifest) -> None:
    """Write the manifest (sorted, so it does not churn)."""
    document = {"version": 1, "generator": f"journeymap {__version__}",
                "outputs": dict(sorted(entries.items()))}
    text = json.dumps(document, indent=1, sort_keys=True) + "\n"
    target = out_dir / MANIFEST
    try:
        if _own_file(target).decode("utf-8") == text:
            return
    except (OSError, ValueError):
        pass
    write_atomic(target, text, regular=True)


def recorded_source(out_dir: Path, path: str) -> str:
    """A journey file as the manifest records it: relative to the output folder, so that another
    checkout of the repository (a second clone, a git worktree) reads its own files in a committed
    ``build/``, and no machine's paths are committed (review AR: with the absolute path of the
    first checkout, a second one never found a deleted journey's outputs left over)."""
    real = os.path.realpath(path)
    try:
        return os.path.relpath(real, os.path.realpath(out_dir))
    except ValueError:  # another drive (Windows): no relative path
        return real


def _source(out_dir: Path, recorded: str) -> str:
    """The real path of a journey file the manifest records (relative to ``out_dir``; an older
    manifest's absolute path as it is)."""
    return os.path.realpath(os.path.join(os.path.realpath(out_dir), recorded))


def others(out_dir: Path, manifest: Manifest, sources: Iterable[str]) -> list[str]:
    """The ids of journeys whose outputs the manifest records in ``out_dir`` and whose files still
    exist but are not among ``sources`` (the journey files named now): a build of some journeys
    into a site of more (their index and portfolio then list only the journeys built: audit T).
    Told by file, not by id: a journey named now but broken has no id to tell it by, and was
    called "another journey" in every CI log with a broken journey."""
    named, found = {os.path.realpath(s) for s in sources}, set()
    for name, entry in manifest.items():
        journey, source = entry.get("journey"), entry.get("source")
        if isinstance(journey, str) and isinstance(source, str) and _source(out_dir, source) not in named \
                and still_a_journey(_source(out_dir, source)) and (out_dir / name).is_file():
            found.add(journey)
    return sorted(found)


def still_a_journey(source: str) -> bool:
    """Whether a journey file the manifest records is one still: a ``home-claim.yaml`` whose
    ``journeymap:`` key was taken out is a journey no longer, and its outputs are a gone journey's
    (they stayed for good, and ``build --check`` passed: audit BV). One whose key is mistyped
    (``journeymapp: 1``, :func:`~journeymap.pipeline.near_miss`) is a broken journey, its last good
    outputs kept as any broken journey's: a build of other files removed them and passed (review EH);
    a build of its folder reads it as the journey it was, and fails (``cli/build.py``)."""
    from journeymap.pipeline import is_journey_file, near_miss  # (the pipeline's import is what build pays anyway)

    return is_journey_file(Path(source)) or near_miss(Path(source)) is not None


def built_before(out_dir: Path, skipped: Iterable[str]) -> list[str]:
    """The files of ``skipped`` (those a search left out as no journey: a YAML file that looks like
    one) that the last build into ``out_dir`` built: ``build`` reads them as the journeys they were,
    and their errors fail it. A mistyped ``journeymap:`` key (``journeymap 1:``) made one skipped,
    its outputs removed, and the build passed (audit EG)."""
    built = {entry.get("source") for entry in load_manifest(out_dir).values()}
    return [path for path in skipped if os.path.isfile(path) and not os.path.islink(path)
            and recorded_source(out_dir, path) in built]


def _text(entry: dict[str, Any], key: str) -> str:
    """An entry's text, "" where it has none (a manifest is read from disk: anything may be there)."""
    value = entry.get(key)
    return value if isinstance(value, str) else ""


def entry_stem(entry: dict[str, Any]) -> str:
    """The stem a manifest entry's output is named by (:func:`~.names.stem_of`), "" for none."""
    return stem_of(_text(entry, "journey"), entry.get("stem"))


def orphans(out_dir: Path, manifest: Manifest, stems: Iterable[str],
            sources: Iterable[str] = (), unread: Iterable[str] = ()) -> list[str]:
    """The outputs of journeys that are gone: entries the build wrote for a journey (``journey``,
    its id, ``source``, its file, see :func:`recorded_source`, and ``stem`` when its outputs are
    not named by its id) whose stem no journey found now has (``stems``), and whose file no
    longer exists, is no longer a journey (:func:`still_a_journey`) or is among ``sources``, the
    files built now (its id changed: the old id's outputs stayed in the site, unlisted, and
    --check called it up to date: review Y; or another journey has its id now, or no longer has
    it, and its outputs are named ``<id>@<stem>``, or by the id, instead). A build of some of the journeys
    leaves the others' outputs alone (their files are still there), so do the portfolio's and
    those of the files ``unread``, journeys too broken to have an id: the last good outputs of a
    journey stay while it is broken. Only a plain file the manifest names as one of the journey's
    own outputs, directly in ``out_dir``, can be gone: a manifest edited to name ``../x`` names
    nothing."""
    present, built = set(stems), {os.path.realpath(s) for s in sources}
    kept = {os.path.realpath(s) for s in unread}
    found = []
    for name, entry in manifest.items():
        stem, source, sha = entry_stem(entry), _text(entry, "source"), _text(entry, "sha256")
        if not (stem and source and sha) or stem in present \
                or not is_stem(stem):  # an id is a slug: no "/" or ".." in a name
            continue
        path = _source(out_dir, source)
        if name not in {output_name(stem, fmt) for fmt in JOURNEY_FORMATS} or path in kept \
                or (path not in built and still_a_journey(path)):
            continue
        if (out_dir / name).is_file() and not (out_dir / name).is_symlink():
            found.append(name)
    return sorted(found)


def why_gone(out_dir: Path, entry: dict[str, Any], named: Optional[dict[str, tuple[str, str]]] = None) -> str:
    """Why a gone journey's output (one of :func:`orphans`) is: its file deleted, no longer a
    journey, its id changed, or its outputs named otherwise now (``named``: the id and output
    stem of each journey file built now, by real path)."""
    path = _source(out_dir, _text(entry, "source"))
    if not os.path.lexists(path):
        return "its journey is gone"
    if not still_a_journey(path):
        return f"{os.path.basename(path)} is no longer a journey: it has no top-level journeymap: key"
    ident, stem = (named or {}).get(path, ("", ""))
    if ident and ident == _text(entry, "journey"):
        because = "another journey has its id" if stem != ident else "no other journey has its id now"
        return f"its outputs are named {stem}.* now: {because}"
    return "its journey has another id now"


def unasked(out_dir: Path, manifest: Manifest, stems: Iterable[str], formats: Iterable[str],
            portfolio: Iterable[str]) -> list[str]:
    """The outputs a build wrote before in a format it is not asked for now: of the journeys built
    now (their output ``stems``) in a format not among ``formats``, and portfolio files not among ``portfolio`` (the
    ones built now, when there are any). Left, they went stale while ``build --check`` said all was
    up to date: a Markdown summary kept a touch-point's old name."""
    present, asked, pages = set(stems), set(formats), set(portfolio)
    found = []
    for name, entry in manifest.items():
        stem = entry_stem(entry)
        if stem:
            fmt = {output_name(stem, f): f for f in JOURNEY_FORMATS}.get(name)
            if stem not in present or fmt is None or fmt in asked:
                continue
        elif not (pages and name in PORTFOLIO_PAGES and name not in pages):  # by name: "portfolio.d/../x" is none
            continue
        if (out_dir / name).is_file() and not (out_dir / name).is_symlink():
            found.append(name)
    return sorted(found)


def by_hand(out_dir: Path, manifest: Manifest, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """Those outputs (left over: :func:`orphans`, :func:`unasked`) as the build wrote them, which
    it removes, and those changed by hand since, which it leaves: ``build --check`` said it would
    remove a file ``build`` then kept without a word."""
    same: list[str] = []
    changed: list[str] = []
    for name in names:
        (same if file_sha(out_dir / name) == manifest[name].get("sha256") else changed).append(name)
    return same, changed


def remove_orphans(out_dir: Path, manifest: Manifest, names: Iterable[str]) -> list[str]:
    """Delete those outputs (see :func:`orphans`) that are still as the build wrote them (a file
    changed by hand is left), and drop them from ``manifest``; the names deleted."""
    removed = []
    for name in names:
        entry = manifest.pop(name)
        if file_sha(out_dir / name) == entry["sha256"]:
            try:
                (out_dir / name).unlink()
            except OSError:
                continue
            removed.append(name)
    return removed


def file_sha(path: Path) -> Optional[str]:
    """The sha256 of an output, or None when there is none: no file, or no regular file but a link,
    a device or a FIFO (the build then writes a file in its place)."""
    try:
        with os.fdopen(open_regular(path, follow=False), "rb") as handle:
            digest = hashlib.sha256()
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
            return digest.hexdigest()
    except OSError:
        return None


def is_current(out_dir: Path, name: str, key: str, manifest: Manifest) -> bool:
    """The output exists, was built from ``key`` and was not changed since."""
    entry = manifest.get(name)
    return bool(entry and entry.get("key") == key and entry.get("sha256") == file_sha(out_dir / name))
