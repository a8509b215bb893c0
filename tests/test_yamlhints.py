"""journeymap/journey/yamlhints.py: what a YAML syntax error's message adds about the line."""

from __future__ import annotations


def test_a_long_line_is_looked_through_for_lookalike_spaces_in_its_head_only(monkeypatch):
    """Every prefix of a line was copied, and matched at each space-like character: a line of a
    million characters took 25 s, of 4.9 MB minutes (audit EO)."""
    from journeymap.journey import yamlhints

    matched = []

    class Counting:
        def match(self, text: str) -> object:
            matched.append(len(text))
            return None

    monkeypatch.setattr(yamlhints, "_SPACED_AFTER", Counting())
    assert yamlhints._invisible("\u00a0" * 100_000 + "k: 1", 3) is None
    assert len(matched) <= yamlhints.SCANNED and max(matched) < yamlhints.SCANNED
