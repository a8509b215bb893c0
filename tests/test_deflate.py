"""pydyf's streams deflated at zlib's level 6 while a briefing renders (deflate): the same pages,
pydyf's own zlib given back afterwards (also after an error)."""

from __future__ import annotations

import zlib

import pytest

from journeymap.briefing.deflate import LEVEL, default_deflate

pydyf = pytest.importorskip("pydyf")


def test_level_nine_is_deflated_at_six_while_held_and_pydyf_s_own_zlib_given_back() -> None:
    data = b"q 1 0 0 1 10 10 cm BT /F1 8 Tf (Customer journey briefing) Tj ET Q\n" * 2000
    with default_deflate() as held:
        assert held and pydyf.zlib is not zlib
        squeezed = pydyf.zlib.compressobj(level=9)
        deflated = squeezed.compress(data) + squeezed.flush()
        kept = pydyf.zlib.compressobj(level=1)  # any other level as asked
        assert kept.compress(data) + kept.flush() == zlib.compress(data, 1)
    assert pydyf.zlib is zlib
    assert zlib.decompress(deflated) == data
    mine = zlib.compressobj(LEVEL)
    assert deflated == mine.compress(data) + mine.flush()


def test_given_back_after_an_error() -> None:
    with pytest.raises(RuntimeError):
        with default_deflate():
            raise RuntimeError("boom")
    assert pydyf.zlib is zlib



def test_a_briefing_s_page_content_is_deflated_at_level_six() -> None:
    """What the lending is for: the briefing's pages as written (review DW: nothing failed with
    it taken out of the PDF writer)."""
    import re

    import journeymap
    from conftest import FIXTURES

    pytest.importorskip("weasyprint")
    pdf = journeymap.brief(journeymap.load(FIXTURES / "valid" / "small.journey.yaml"), "a4")
    told = 0
    for raw in re.findall(rb"/FlateDecode[^>]*>>\s*stream\n(.*?)\nendstream", pdf, re.S):
        data = zlib.decompress(raw)
        six, nine = zlib.compressobj(6), zlib.compressobj(9)
        at_six, at_nine = six.compress(data) + six.flush(), nine.compress(data) + nine.flush()
        if at_six != at_nine:
            assert raw == at_six
            told += 1
    assert told >= 3
