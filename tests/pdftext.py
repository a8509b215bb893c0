"""What a printed PDF shows, read with poppler's ``pdftotext``: words with their boxes, per page.

DejaVu Sans prints a word whose box is ``h`` points high at ``h / 1.164`` points (DESIGN.md,
exact at 6 pt). Lines are words sharing a baseline; the running header and footer are the lines
in the top 45 pt and the bottom 40 pt of a page, everything else is the body.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

DEJAVU = 1.164
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')  # off-page words too


@dataclass(frozen=True)
class Word:
    """One printed word and its box, in points from the page's top left."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def size(self) -> float:
        """The font size it is printed at."""
        return (self.y1 - self.y0) / DEJAVU


@dataclass(frozen=True)
class Page:
    """A page's size, its words (reading order) and its text in drawing order."""

    width: float
    height: float
    words: tuple[Word, ...]
    raw: str

    def body_lines(self) -> list[str]:
        """The lines of the body (running header and footer left out), top to bottom."""
        lines: dict[int, list[Word]] = {}
        for w in self.words:
            if w.y1 > 45 and w.y0 < self.height - 40:
                lines.setdefault(round(w.y1), []).append(w)
        return [" ".join(w.text for w in sorted(ws, key=lambda w: w.x0)) for _, ws in sorted(lines.items())]


def need_pdftotext() -> None:
    """Skip when poppler's pdftotext is not installed."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")


def read_pages(pdf: bytes) -> list[Page]:
    """Every page of the PDF with its words and raw text."""
    need_pdftotext()
    boxes = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    raw = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    texts = raw.decode("utf-8").split("\f")
    pages = []
    for n, m in enumerate(_PAGE.finditer(boxes.decode("utf-8"))):
        words = tuple(Word(html.unescape(w[4]), float(w[0]), float(w[1]), float(w[2]), float(w[3]))
                      for w in _WORD.findall(m.group(3)))
        pages.append(Page(float(m.group(1)), float(m.group(2)), words, " ".join(texts[n].split())))
    return pages


def outline(pdf: bytes) -> list[tuple[str, int, int]]:
    """The PDF's bookmarks as ``(title, level, 0-based page)``, in order.

    Read by qpdf where the machine has it (``make test-deps`` installs it): pypdf parses every
    object of a tagged PDF's object streams to reach the outline, 2 s for a 100-page briefing,
    qpdf 0.1 s. The two agree (test_pdftext.py)."""
    if shutil.which("qpdf"):
        return outline_by_qpdf(pdf)
    return outline_by_pypdf(pdf)


def outline_by_qpdf(pdf: bytes) -> list[tuple[str, int, int]]:
    """:func:`outline`, read by qpdf's JSON."""
    with tempfile.TemporaryDirectory() as folder:  # qpdf 11 reads no PDF from standard input
        path = Path(folder) / "read.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["qpdf", "--json", "--json-key=outlines", str(path)], capture_output=True)
    if done.returncode not in (0, 3):  # 3: warnings, the file still read
        raise AssertionError(f"qpdf could not read the PDF: {done.stderr.decode('utf-8', 'replace')}")
    found: list[tuple[str, int, int]] = []

    def walk(items: list[dict[str, Any]], level: int) -> None:
        for item in items:
            found.append((item["title"], level, item["destpageposfrom1"] - 1))
            walk(item["kids"], level + 1)

    walk(json.loads(done.stdout)["outlines"], 1)
    return found


def outline_by_pypdf(pdf: bytes) -> list[tuple[str, int, int]]:
    """:func:`outline`, read by pypdf."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(pdf))
    found: list[tuple[str, int, int]] = []

    def walk(items: list[Any], level: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((str(item.title), level, reader.get_destination_page_number(item)))

    walk(reader.outline, 1)
    return found
