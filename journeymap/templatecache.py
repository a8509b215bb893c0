"""Our packaged templates: the Jinja environment they render in, compiled once and kept, the way
Python keeps its bytecode.

Compiling the briefing templates (thirteen) costs 45 ms of every ``journeymap brief`` (a 30-touch-point
briefing takes 1.5 s); loading them compiled costs 4 ms. Jinja's bytecode cache keeps the
compiled code in the templates' own ``__pycache__`` folder, beside Python's for
``templates/__init__.py``, so a briefing reads nothing outside the project's templates (SPEC 4.3).
As with Python's bytecode, the folder is written only where it is writable and not when
``PYTHONDONTWRITEBYTECODE`` is set (``sys.dont_write_bytecode``); Jinja keys each entry by the
template's file and checks the source's checksum on load, so an edited or upgraded template is
compiled again, never served stale. Only our own, trusted environments use it: templates from a
user's ``--templates`` folder are compiled in Jinja's sandbox every time.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from journeymap.briefing.htmlfilters import add_filters, reader_value
from journeymap.resources import templates_root


class _Quiet(FileSystemBytecodeCache):
    """A bytecode cache whose failures to read or write only cost the compile they would save;
    with ``write=False`` it only reads."""

    def __init__(self, directory: str, write: bool = True) -> None:
        super().__init__(directory)
        self.write = write

    def load_bytecode(self, bucket: Bucket) -> None:
        """The cached bytecode, or none (the template compiles) when the cache file is unreadable."""
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 (unreadable, truncated, unpicklable: any of them means compile)
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the bytecode, where the cache may be written and the disk takes it."""
        if not self.write:
            return
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a read-only or full disk: the next run compiles again
            pass


def bytecode_cache(folder: Path, write: bool) -> Optional[BytecodeCache]:
    """A cache in ``folder`` (made if ``write``), or None when there is none to read or write."""
    if write:
        try:
            folder.mkdir(exist_ok=True)
        except OSError:
            write = False
    return _Quiet(str(folder), write) if folder.is_dir() else None


@lru_cache(maxsize=1)
def compiled_templates() -> Optional[BytecodeCache]:
    """The shared bytecode cache for our own templates (see the module's docstring)."""
    return bytecode_cache(templates_root() / "__pycache__", write=not sys.dont_write_bytecode)


#: How every one of our HTML templates renders (escaped, strict about missing names, our whitespace);
#: a user's sandboxed briefing templates render the same way.
OPTIONS: dict[str, Any] = {"autoescape": True, "undefined": StrictUndefined, "trim_blocks": True,
                           "lstrip_blocks": True, "keep_trailing_newline": True}


def packaged_environment(*folders: str, **options: Any) -> Environment:
    """The environment for our own templates in ``folders`` of the templates root ("" for the
    root itself), searched in that order, kept compiled; ``options`` are added to :data:`OPTIONS`.
    Every ``{{ value }}`` goes through :func:`reader_value` unless ``options`` give another
    ``finalize`` (review BM: the build's index and the live preview left a U+202E in a name to
    reverse what followed it, on the pages reviewers read)."""
    root = templates_root()
    options = {"finalize": reader_value, **options}
    return add_filters(Environment(loader=FileSystemLoader([str(root / f) for f in folders]),
                                   bytecode_cache=compiled_templates(), **OPTIONS, **options))
