"""The docstring examples of the small pure modules are tests too."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["journeymap.api", "journeymap.journey.slug", "journeymap.exports.mermaid", "journeymap.exports.markdown", "journeymap.changes.gitread",
           "journeymap.map.escape", "journeymap.map.text", "journeymap.map.slots", "journeymap.map.edgelabels",
           "journeymap.map.labels", "journeymap.journey.yamlparse", "journeymap.journey.textsafe",
           "journeymap.briefing.parttitles"]


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
