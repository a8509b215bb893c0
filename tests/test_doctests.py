"""The docstring examples of the small pure modules are tests too."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "journeymap"
#: Every module whose docstrings hold an example (two had rotted while a hand-kept list left them out).
MODULES = sorted(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
                 for path in PACKAGE.rglob("*.py") if ">>> " in path.read_text(encoding="utf-8"))


def test_the_examples_are_found():
    assert {"journeymap.journey.slug", "journeymap.map.escape", "journeymap.briefing.parttitles"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError:
        pytest.fail(f"{name} is missing")
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0


@pytest.mark.parametrize("text,slug", [
    ("Contact centre", "contact-centre"), ("Café Crème", "cafe-creme"), ("  --Hello__World--  ", "hello-world"),
    ("Ärger über Öl", "arger-uber-ol"), ("日本語", "ri-ben-yu"), ("A" * 100, "a" * 64), ("x" * 63 + " y", "x" * 63),
])
def test_slugify(text, slug):
    from journeymap.journey.slug import slugify

    assert slugify(text) == slug
