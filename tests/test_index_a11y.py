"""build/index.html is accessible: axe-core finds no WCAG 2.1 AA violation, ids are unique."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, has_graphviz, run_cli
from htmltables import row_header_problems

pytestmark = pytest.mark.skipif(not has_graphviz(), reason="needs Graphviz")


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.labelledby: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1
            if name == "aria-labelledby" and value:
                self.labelledby.extend(value.split())


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index with a clean journey, warned ones, a broken one and two sharing an id."""
    base = tmp_path_factory.mktemp("index")
    maps = base / "maps"
    (maps / "a").mkdir(parents=True)
    (maps / "b").mkdir()
    small = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")
    (maps / "a" / "same.journey.yaml").write_text(small, encoding="utf-8")
    (maps / "b" / "same.journey.yaml").write_text(small.replace("owner: Head of CX\n", ""), encoding="utf-8")
    (maps / "broken.journey.yaml").write_text("journeymap: 1\ntitle: Broken\ndepartments: 7\nstages: []\n")
    (maps / "1.journey.yaml").write_text(small.replace("Small test journey", "Страховой случай 保险"))
    out = base / "build"
    result = run_cli("build", str(maps), "-o", str(out), "--formats", "svg")
    assert (out / "index.html").is_file(), result.output
    return out / "index.html"


def test_index_ids_are_unique_and_labels_resolve(index: Path):
    parser = _Ids()
    parser.feed(index.read_text(encoding="utf-8"))
    repeated = {k: n for k, n in parser.ids.items() if n > 1}
    assert not repeated
    assert parser.labelledby and set(parser.labelledby) <= set(parser.ids)
    assert len([i for i in parser.ids if re.fullmatch(r"(journey|broken)-.*(?<!-title)", i)]) == 4


def test_index_has_no_axe_violations(index: Path):
    from axe import describe, violations

    found = violations(index)
    assert found == [], describe(found)


def test_index_landmarks_and_table_headers(index: Path):
    html = index.read_text(encoding="utf-8")
    assert html.count("<main") == 1 and "<header" in html and "<footer" in html
    assert '<html lang="en">' in html
    assert html.count("<th ") == html.count('<th scope="row"') > 0
    # each figure is read with its own label, not with every label to its left in the row
    assert row_header_problems(html) == []
