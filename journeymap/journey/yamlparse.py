"""The YAML parser and the implicit typing rules shared by every reader of a journey's text: the
reader itself (:mod:`.reader`), the syntax hints (:mod:`.yamlhints`) and the notes on cut text
(:mod:`.losttext`). A module of its own, below all three: the hints are called by the reader's
error path, so they cannot import the reader."""

from __future__ import annotations

import yaml

#: libyaml's loader where PyYAML was built with it, else PyYAML's own.
PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()  # its implicit rules hold no state: one serves every scalar


def implicit_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML's safe rules give an untagged scalar ``value``: int, bool, float, str, ..."""
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
    return tag
