"""Where the project's own packaged assets (templates, stylesheets, the starter journey) live.

The top-level ``templates/`` folder of the source tree is installed as the package
``journeymap.templates``; in a source checkout that is not installed it is found beside the
package.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def templates_root() -> Path:
    """The folder holding the packaged templates (``briefing/``, ``starter/``, ...)."""
    try:
        from importlib.resources import files

        root = Path(str(files("journeymap.templates")))
        if (root / "briefing").is_dir() or (root / "starter").is_dir():
            return root
    except (ImportError, ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "templates"
