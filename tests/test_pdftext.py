"""The test helpers that read PDFs back: the outline read by qpdf is the one pypdf reads."""

from __future__ import annotations

import shutil

import pytest

import journeymap
from pdftext import outline_by_pypdf, outline_by_qpdf

pytestmark = [pytest.mark.pdf, pytest.mark.graphviz]

TITLE = "Ünïcödé (قسم الفواتير) \\ back & <tag> \u201cquoted\u201d \u2713 \U0001F680"


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf is not installed (make test-deps)")
def test_qpdf_and_pypdf_read_the_same_outline() -> None:
    """Titles in any script, with the characters PDF strings escape, nested levels and pages."""
    pytest.importorskip("pypdf")
    text = (f"journeymap: 1\ntitle: '{TITLE}'\nowner: Ann\n"
            "departments:\n  - {id: d, name: Désk (ΔΣ), lead: Bo}\n  - {id: e, name: Énergie, lead: Cy}\n"
            "stages:\n  - name: Ärger \\ Ω\n    owner: Di\n    feedback: [Survey]\n    touchpoints:\n"
            "      - {id: x, name: X, department: d, reliability: reliable, moment_of_truth: true, metric: M,"
            " expectation: E}\n      - {id: y, name: Y, department: e, reliability: it-depends, depends_on: [Z]}\n")
    checked = journeymap.loads(text, "odd.journey.yaml")
    assert checked.ok, checked.findings
    pdf = journeymap.brief(checked, "a4")
    read = outline_by_qpdf(pdf)
    assert read == outline_by_pypdf(pdf)
    assert read[0] == (TITLE, 1, 0) and {level for _, level, _ in read} == {1, 2}
    assert [page for _, _, page in read] == sorted(page for _, _, page in read) and read[-1][2] > 1
