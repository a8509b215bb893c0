"""journeymap/journey/yamlhints.py: what a YAML syntax error's message adds about the line."""

from __future__ import annotations


def test_a_long_line_is_looked_through_for_lookalike_spaces_in_its_head_only(monkeypatch):
    """Every prefix of a line was copied, and matched at each space-like character: a line of a
    million characters took 25 s, of 4.9 MB minutes (audit EO)."""
    from journeymap.journey import yamlhints

    matched = []

    def counting(text: str) -> bool:  # never where a space is needed: every character is looked at
        matched.append(len(text))
        return False

    monkeypatch.setattr(yamlhints, "_spaced_after", counting)
    assert yamlhints._invisible("\u00a0" * 100_000 + "k: 1", 3) is None
    assert len(matched) <= yamlhints.SCANNED and max(matched) < yamlhints.SCANNED


def test_where_yaml_needs_a_space_is_told_as_the_pattern_told_it():
    """The pattern ``^\\s*(?:-[ \\t]*)?(?:[^:#]*:)?[ \\t]*$`` tried every split of a line of blanks
    (1 s for 1,000 characters: review ER); the hand-written test agrees with it on every line of
    up to five of the characters that matter."""
    import itertools
    import re

    from journeymap.journey.yamlhints import _spaced_after

    pattern = re.compile(r"^\s*(?:-[ \t]*)?(?:[^:#]*:)?[ \t]*$")
    for n in range(6):
        for chars in itertools.product(" \t-:#a\u00a0", repeat=n):
            text = "".join(chars)
            assert _spaced_after(text) == bool(pattern.match(text)), repr(text)
