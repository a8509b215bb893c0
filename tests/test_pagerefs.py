"""pydyf's page references, cached while a briefing renders: same PDF bytes, fresh after a page is
added, pydyf's own property given back afterwards (also after an error)."""

from __future__ import annotations

import pytest

from journeymap.briefing.pagerefs import cached_page_references

pydyf = pytest.importorskip("pydyf")
weasyprint = pytest.importorskip("weasyprint")


def _own() -> property:
    return pydyf.PDF.__dict__["page_references"]


def test_the_references_follow_the_pages_added() -> None:
    own = _own()
    with cached_page_references() as held:
        assert held and _own() is not own
        pdf = pydyf.PDF()
        for _ in range(3):
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        first = pdf.page_references
        assert pdf.page_references is first  # kept, not built again
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        assert len(pdf.page_references) == 4
        assert pdf.page_references == own.fget(pdf)
    assert _own() is own


def test_given_back_after_an_error() -> None:
    own = _own()
    with pytest.raises(RuntimeError):
        with cached_page_references():
            raise RuntimeError("boom")
    assert _own() is own


def test_a_tagged_pdf_comes_out_byte_for_byte_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    rows = "".join(f"<h2 id='s{i}'>Section {i}</h2><p><a href='#s{(i + 7) % 40}'>see {i}</a></p>"
                   "<p style='break-after: page'>text</p>" for i in range(40))
    html = f"<html lang='en'><title>t</title><body>{rows}</body></html>"

    def pdf() -> bytes:
        document = weasyprint.HTML(string=html).render()
        assert len(document.pages) == 40
        document.metadata.created = document.metadata.modified = "2025-11-24T00:00:00Z"
        return bytes(document.write_pdf(pdf_variant="pdf/ua-1"))

    builds: list[int] = []
    own = _own()

    def counted(self: object) -> object:
        builds.append(1)
        return own.fget(self)  # type: ignore[misc]

    plain = pdf()
    monkeypatch.setattr(pydyf.PDF, "page_references", property(counted))
    plain_counted = pdf()
    reads = len(builds)
    with cached_page_references():
        cached = pdf()
    assert cached == plain == plain_counted
    assert reads > 100 and len(builds) - reads <= 41  # read for every tagged box; built once per page
