"""Which journeymap a team's copy of the briefing templates came from, and what changed in ours since.

``journeymap init DIR --templates`` writes :data:`STAMP` beside the copies: journeymap's version
and a hash of each file as copied. A briefing made with ``--templates DIR`` is then told which of
the team's files journeymap has changed since, and which it has added: a copy four days old
printed no "cracks" page and its map at 2.7 pt, with nothing said (audit EQ).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Optional

from journeymap.version import __version__

#: The stamp's file name, in the team's folder.
STAMP = "journeymap-templates.json"


def _digest(path: Path) -> str:
    """A file's hash, its line endings as LF: a checkout with CRLF ones (Git on Windows) changed
    every hash (review ER)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def _ours() -> dict[str, Path]:
    """The packaged templates a team copies, by file name."""
    from journeymap.briefing.document import briefing_templates

    return {p.name: p for p in sorted(briefing_templates().iterdir())
            if p.is_file() and (p.suffix in (".j2", ".css") or p.name == "README.md")}


def copied_files() -> list[Path]:
    """The packaged files ``init --templates`` copies."""
    return list(_ours().values())


def stamp_text() -> str:
    """The stamp of a copy made now: journeymap's version and each copied file's hash."""
    files = {name: _digest(path) for name, path in _ours().items()}
    return json.dumps({"journeymap": __version__, "files": files}, indent=2, sort_keys=True) + "\n"


def _read_stamp(folder: Path) -> Optional[dict[str, object]]:
    """The stamp in ``folder``, ``{}`` when there is one that cannot be read, None when there is none."""
    if not (folder / STAMP).exists():
        return None
    try:
        data = json.loads((folder / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("files"), dict) else {}


def stale_note(folder: Path) -> Optional[str]:
    """What to tell the user of a team's templates ``folder`` whose copy is older than journeymap's
    own templates: the files they kept that changed since, the sections added since (when they
    keep their own briefing.html.j2, which includes the sections), or that the folder carries no
    stamp. None when it matches, or holds no template of ours."""
    ours = _ours()
    kept = sorted(name for name in ours if name != "README.md" and (folder / name).is_file())
    if not kept:
        return None
    stamp = _read_stamp(folder)
    fresh = "make a fresh copy with `journeymap init NEW-FOLDER --templates` and compare"
    if stamp is None:
        # a stylesheet alone changes how the sections look, not which are printed (review ER: noisy)
        if not any(name.endswith(".j2") for name in kept):
            return None
        return (f"{folder} has no {STAMP}: nothing says which journeymap its templates were copied from, "
                f"and they may lack what this one prints (the cracks page, the map in parts); {fresh}, "
                f"or copy {STAMP} from it into {folder} to be told of changes from now on")
    if not stamp:
        return f"{folder / STAMP} cannot be read (it is not the JSON `init --templates` writes); {fresh}"
    files = stamp["files"]
    assert isinstance(files, dict)
    changed = [name for name in kept if files.get(name) not in (None, _digest(ours[name]))]
    added = [name for name in ours if name not in files and name != "README.md"] if "briefing.html.j2" in kept else []
    if not changed and not added:
        return None
    said = []
    if changed:
        said.append(f"changed {', '.join(changed)}")
    if added:
        said.append(f"added {', '.join(added)}")
    return (f"since {folder} was copied (from journeymap {stamp.get('journeymap', '?')}), journeymap "
            f"{' and '.join(said)}: your copies may miss what these do; {fresh}")
