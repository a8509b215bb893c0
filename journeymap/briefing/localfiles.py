"""Which files a briefing may use: those of the packaged templates and of a team's
``--templates`` folder, nothing else (SPEC 4.3). The PDF writer's fetcher and the
self-contained HTML both ask here."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Optional
from urllib.parse import unquote, urlsplit

from journeymap.resources import templates_root
from journeymap.outputs import lies_within


def allowed_roots(base_dir: Optional[Path] = None) -> tuple[Path, ...]:
    """Folders whose files a briefing may use: the packaged templates and ``base_dir`` if given."""
    roots = [templates_root().resolve()]
    if base_dir is not None:
        roots.append(Path(base_dir).resolve())
    return tuple(roots)


def local_file(url: str, roots: Iterable[Path]) -> Optional[Path]:
    """The file a ``file:`` URL names, if it is a regular file inside one of ``roots``, else None."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(unquote(parts.path)).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    return path if _inside(path, roots) and path.is_file() else None


def _inside(path: Path, roots: Iterable[Path]) -> bool:
    """Whether ``path`` is one of ``roots`` or lies below one."""
    return any(lies_within(path, root) for root in roots)


def why_not(url: str, roots: Iterable[Path]) -> str:
    """Why ``url`` is not served: a file of an allowed folder that is not there, or anything else."""
    parts = urlsplit(url)
    if parts.scheme.lower() == "file":
        path = Path(os.path.abspath(unquote(parts.path)))
        if _inside(path, roots) and not path.exists():
            return f"there is no file {path}"
    return f"journeymap does not fetch {url}: a briefing uses only files of its templates folder"
