"""The portfolio pages of a build folder: ``portfolio.html`` (always) and the formats asked for.

Rebuilt only when their key changes: a hash of every journey's bytes, the bytes of every project
file that applies (the portfolio's and each journey's nearest), the format and the toolchain (the
same rule as the journeys' own outputs).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Mapping, Optional, Sequence

from journeymap.findings import Finding
from journeymap.journey.regularfile import read_regular
from journeymap.outputs import utf8, write_atomic
from journeymap.pipeline import Checked
from journeymap.site.manifest import Manifest, is_current
from journeymap.site.names import INDEX, PORTFOLIO_FORMATS, PORTFOLIO_NAME, output_name


def portfolio_names(formats: Sequence[str]) -> list[str]:
    """The portfolio files a build writes: ``portfolio.html`` and one per other format asked for."""
    return [f"{PORTFOLIO_NAME}.{ext}" for ext in PORTFOLIO_FORMATS
            if ext == "html" or ext in formats]


def _read(path: Optional[str]) -> bytes:
    if path is None:
        return b""
    try:
        return read_regular(path)
    except OSError:
        return b""


def portfolio_key(checked: Sequence[Checked], project: Optional[str], name: str, toolchain: str,
                  formats: Sequence[str] = (), stems: Optional[Mapping[str, str]] = None,
                  inputs: Optional["Inputs"] = None) -> str:
    """The key of one portfolio output: every journey's path and bytes, the project files, the
    format, for the HTML page the journeys' pages it links to (the first of :data:`JOURNEY_PAGES`
    among the build's formats: the order of ``--formats``, or a format the page does not link,
    made it stale, and the names of the pages of journeys that share an id: :func:`_links_told`)
    and, for the PDF and the HTML page, their date.

    A journey in a sub-folder with a project file of its own takes its leads and names from it
    (SPEC 1.2), so that file's bytes count too.
    """
    from journeymap.site.keys import tools_for

    # No map in it: its PDF depends on the PDF engine too, its other files on journeymap's code alone.
    tools = tools_for(toolchain, "pdf" if name.endswith(".pdf") else "json")
    linked = _links_told(formats, checked, stems) if name.endswith(".html") else None
    digest = hashlib.sha256(f"{name}\0{tools}\0{linked or ''}\0".encode())
    if name.endswith((".pdf", ".html")):  # dated on the page, and the PDF's metadata
        from journeymap.site.keys import dated

        digest.update(dated().encode())
    journeys, projects = inputs or input_digests(checked, project)
    digest.update(hashlib.sha256(bytes.fromhex(journeys) + bytes.fromhex(projects)).digest())
    return digest.hexdigest()


#: The portfolio's inputs, hashed: the journeys' paths and bytes, the project files (hex digests).
Inputs = tuple[str, str]


def input_digests(checked: Sequence[Checked], project: Optional[str]) -> Inputs:
    """The hashes of the journeys and of the project files, read once for all the portfolio's files
    (each file's key and parts read every journey again: six times over for three files)."""
    return _only_journeys(checked).hexdigest(), _projects_digest(checked, project).hexdigest()


def _only_journeys(checked: Sequence[Checked]) -> "hashlib._Hash":
    """A hash of every journey's path and bytes."""
    digest = hashlib.sha256()
    for item in checked:
        digest.update(utf8(item.path) + b"\0" + _read(item.path) + b"\0")
    return digest


def _projects_digest(checked: Sequence[Checked], project: Optional[str]) -> "hashlib._Hash":
    """A hash of the project files: the portfolio's and each journey's nearest."""
    from journeymap.journey.project import find_project

    digest = hashlib.sha256()
    nearest = (find_project(item.path) for item in checked if not item.path.startswith("<"))
    for path in dict.fromkeys([project, *(str(p) for p in nearest if p is not None)]):
        digest.update(utf8(f"{path}\0") + _read(path) + b"\0")
    return digest


def portfolio_parts(checked: Sequence[Checked], project: Optional[str], name: str, toolchain: str,
                    formats: Sequence[str] = (), stems: Optional[Mapping[str, str]] = None,
                    inputs: Optional[Inputs] = None) -> dict[str, str]:
    """What :func:`portfolio_key` is made of, as the manifest keeps it (``build --check`` names
    what differs: audit CB)."""
    from journeymap.site.keys import date_parts, tool_parts

    # the journeys apart from the project files, and the date as the portfolio's: "journeys
    # changed" was said of an edit to the organisation's name, "briefing date" of the portfolio (audit CE)
    journeys, projects = inputs or input_digests(checked, project)
    parts = {"journeys": journeys, "projects": projects, **tool_parts(toolchain, "pdf" if name.endswith(".pdf") else "json")}
    if name.endswith(".html"):
        parts["links"] = _links_told(formats, checked, stems) or ""
    if name.endswith((".pdf", ".html")):
        dated = date_parts()
        parts["portfolio_date"] = dated.pop("date")
        parts.update(dated)
    return parts


#: What a journey's name links to on the build's portfolio page, the first the build makes.
JOURNEY_PAGES = ("html", "pdf", "svg")


def linked_page(formats: Sequence[str]) -> Optional[str]:
    """The format of the journeys' pages the portfolio's HTML page links to, of the build's ``formats``."""
    return next((fmt for fmt in JOURNEY_PAGES if fmt in formats), None)


def _links_told(formats: Sequence[str], checked: Sequence[Checked], stems: Optional[Mapping[str, str]]) -> Optional[str]:
    """What of the HTML page's links its key holds: the format linked and, when journeys share an
    id, the stems their pages are named by (which the paths and bytes alone do not fix: they
    depend on the folders the build was given). Nothing more for ids of their own, so the key of
    a folder without shared ids is what it was."""
    linked = linked_page(formats)
    told = sorted(f"{c.path}={stem}" for c in checked for stem in [(stems or {}).get(c.path)]
                  if stem and c.journey is not None and stem != c.journey.id)
    return "\0".join([linked, *told]) if linked and told else linked


def portfolio_output(checked: Sequence[Checked], paths: Sequence[str], name: str,
                     formats: Sequence[str] = (), stems: Optional[Mapping[str, str]] = None) -> bytes:
    """One portfolio file of the build (raises the PDF engine's errors for the PDF). Its HTML page
    links to the index and to each journey's briefing (or map), of the build's ``formats``, named
    by ``stems`` (by path; a journey's id where it gives none)."""
    from journeymap.portfolio.collect import portfolio_project, project_groups
    from journeymap.portfolio.document import portfolio_json, portfolio_markdown
    from journeymap.portfolio.pages import Site, render_portfolio_html, render_portfolio_pdf
    from journeymap.portfolio.rollup import build_portfolio

    files = [c.path for c in checked]
    rolled = build_portfolio(checked, portfolio_project(paths, files), groups=project_groups(files))
    fmt = PORTFOLIO_FORMATS[name.rsplit(".", 1)[1]]
    if fmt == "json":
        return utf8(portfolio_json(rolled))
    if fmt == "markdown":
        return utf8(portfolio_markdown(rolled))
    if fmt == "pdf":
        return render_portfolio_pdf(rolled)
    page = linked_page(formats)
    # by path: two journeys that share an id have pages of their own (audit CD)
    links = {c.path: output_name((stems or {}).get(c.path) or c.journey.id, page)
             for c in checked if c.journey is not None and page}
    return utf8(render_portfolio_html(rolled, site=Site(INDEX, links)))


class Rollup:
    """The portfolio files of the build (issue 16): which, their keys, and writing the stale ones."""

    def __init__(self, checked: list[Checked], paths: tuple[str, ...], names: list[str], toolchain: str,
                 formats: tuple[str, ...] = (), stems: Optional[Mapping[str, str]] = None) -> None:
        """``stems``: what each journey's outputs are named by, by path (its id where it gives none)."""
        from journeymap.portfolio.collect import portfolio_project

        project = portfolio_project(paths, [c.path for c in checked])
        self.checked, self.paths, self.names, self.formats = checked, paths, names, formats
        #: The organisation the project file names, for the index's heading: None without one, or
        #: where the journeys are not all under it (two project files named the first's: review DD).
        self.organisation = project.organisation if project is not None and all(
            c.journey is None or c.journey.project == project.path for c in checked) else None
        self.stems = dict(stems or {})
        where = project.path if project else None
        inputs = input_digests(checked, where)
        self.keys = {n: portfolio_key(checked, where, n, toolchain, formats, self.stems, inputs) for n in names}
        self.parts = {n: portfolio_parts(checked, where, n, toolchain, formats, self.stems, inputs) for n in names}

    def findings(self) -> list[Finding]:
        """The checks of the journeys together (W115), as ``check`` on the same paths reports them."""
        from journeymap.portfolio.collect import folders_warnings

        return folders_warnings(self.paths, self.checked)

    def stale(self, out_dir: Path, manifest: Manifest) -> list[str]:
        """The portfolio files missing, changed by hand, or built from other inputs."""
        return [n for n in self.names if not is_current(out_dir, n, self.keys[n], manifest)]

    def write(self, out_dir: Path, manifest: Manifest) -> list[str]:
        """Write the stale portfolio files, record them in ``manifest``; the names written."""
        written = []
        for name in self.stale(out_dir, manifest):
            data = portfolio_output(self.checked, self.paths, name, self.formats, self.stems)
            write_atomic(out_dir / name, data, regular=True)
            manifest[name] = {"key": self.keys[name], "sha256": hashlib.sha256(data).hexdigest(),
                              "parts": self.parts[name]}
            written.append(name)
        return written
