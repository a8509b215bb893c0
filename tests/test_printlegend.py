"""The printed legend's rows: every label on the line of its sample (journeymap.briefing.printlegend)."""

from __future__ import annotations

import pytest

import journeymap
from conftest import FIXTURES, MAPS
from journeymap.briefing.document import sanitize_tree
from journeymap.briefing.mapgeometry import read_layout
from journeymap.briefing.printlegend import legend_parts, legend_rows

pytestmark = [pytest.mark.graphviz]


@pytest.mark.parametrize("path", [FIXTURES / "valid" / "empty-lane.journey.yaml", MAPS / "home-claim.journey.yaml",
                                  FIXTURES / "valid" / "alternating-layers.journey.yaml"])
def test_every_label_of_the_printed_legend_goes_with_the_row_of_its_sample(path):
    """A journey with all four layers has a legend row of three blueprint lines, one drawn a point
    lower than the others (its thinner stroke): it made a row of its own, and the three labels went
    with the row above it, "line of visibility" printed 10 points over nothing (audit CK)."""
    layout = read_layout(sanitize_tree(journeymap.render(journeymap.load(path), "svg").decode("utf-8")))
    assert layout is not None and layout.legend is not None
    rows = legend_rows(legend_parts(layout.legend))
    for n, row in enumerate(rows):
        samples = [p.box for p in row if "text" not in p.classes]
        assert samples, f"row {n} holds only labels"
        top, bottom = min(b.y0 for b in samples), max(b.y1 for b in samples)
        labels = [p.box for p in row if "text" in p.classes]
        if n == 0:
            labels = labels[1:] if labels and labels[0].y1 < top else labels  # the legend's title stands above
        for label in labels:
            middle = (label.y0 + label.y1) / 2
            assert top - 8 <= middle <= bottom + 8, (n, middle, top, bottom)
    if "empty-lane" in path.name:
        # the last row is of blueprint lines only, each label on it with its line's sample
        last = {"".join(p.el.itertext()) for p in rows[2] if "text" in p.classes}
        assert len(rows) == 3 and len(last) >= 2, last
        assert last <= {"limit of our control", "line of visibility", "line of internal interaction"}, last
