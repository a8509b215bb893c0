"""A team's --templates folder: nothing read outside it, no huge values, failures told at their line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import FIXTURES, run_cli

SMALL = FIXTURES / "valid" / "small.journey.yaml"


def _brief(folder: Path, tmp_path: Path, *extra: str):
    return run_cli("brief", str(SMALL), "--templates", str(folder), "--html", "-o", str(tmp_path / "b.html"), *extra)


@pytest.mark.parametrize("body,said", [
    ("{{ 1/0 }}", "division by zero"),
    ('{{ "a" + 1 }}', "can only concatenate str"),
    ("{{ range(10**7)|list }}", "a number above 1,000,000"),
    ("{{ range(999999)|list|length }}{{ range(999999)|list|length }}", "MAX_RANGE"),
    ("{% for s in stages recursive %}{{ loop(stages) }}{% endfor %}", "calls itself without end"),
    ("{{ dat_long }}", "'dat_long' is undefined"),
    ('{% include "_nosuch.html.j2" %}', "no template named '_nosuch.html.j2'"),
    ('{{ "x" * 10**9 }}', "more than 1,000,000 items"),
    ("{{ 2 ** 100000 }}", "a power that large"),
    ("{{ ((9**256)**256)**256 }}", "a power that large"),
    ('{{ "x".ljust(10**9) }}', "a number above 1,000,000"),
    ('{{ "x"|center(10**9) }}', "a number above 1,000,000"),
    ('{{ "x"|indent(10**9) }}', "a number above 1,000,000"),
    ('{{ "%1000000000s" % "x" }}', "a width above 1,000,000"),
    ('{{ "{:>1000000000}".format("x") }}', "a width above 1,000,000"),
    ('{{ "%1000000000s"|format("x") }}', "a width above 1,000,000"),
    ('{{ "%*s" % (1000000000, "x") }}', "a number above 1,000,000"),
    ('{{ ("a" * 1000000).replace("a", "bb") }}', "more than 1,000,000 items"),
])
def test_a_failing_template_is_told_at_its_line_without_a_traceback(tmp_path: Path, body: str, said: str):
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "_heatmap.html.j2").write_text(f"<section>\n{body}\n</section>\n")
    result = _brief(folder, tmp_path)
    assert result.exit_code == 2, result.output
    assert f"briefing template error ({folder / '_heatmap.html.j2'}:2)" in result.stderr and said in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "b.html").exists()


def test_a_failure_in_the_stylesheet_is_told_at_its_own_line(tmp_path: Path):
    """A runtime error in briefing.css (included as a template) was told at the include's line in
    briefing.html.j2 (audit EQ)."""
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "briefing.css").write_text("body { margin: 0; }\n.cover h1 { color: {{ brand.primary }}; }\n")
    result = _brief(folder, tmp_path)
    assert result.exit_code == 2 and f"({folder / 'briefing.css'}:2): 'brand' is undefined" in result.stderr
    # and a template the team named otherwise than .j2, at its own line too (review ER)
    (folder / "briefing.css").unlink()
    (folder / "_brand.html").write_text("<p>\n{{ brand.name }}\n</p>\n")
    (folder / "_heatmap.html.j2").write_text('{% include "_brand.html" %}\n')
    named = _brief(folder, tmp_path)
    assert named.exit_code == 2 and f"({folder / '_brand.html'}:2): 'brand' is undefined" in named.stderr


def test_a_template_that_writes_without_end_is_stopped(tmp_path: Path):
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "_heatmap.html.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}xxxxxxxxxx{% endfor %}{% endfor %}")
    result = _brief(folder, tmp_path)
    assert result.exit_code == 2 and "the templates write more than 100,000,000 characters" in result.stderr


def test_a_template_that_links_out_of_the_folder_is_refused(tmp_path: Path):
    folder = tmp_path / "brand"
    folder.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TOKEN")
    os.symlink(secret, folder / "_cover.html.j2")
    result = _brief(folder, tmp_path)
    assert result.exit_code == 2 and "_cover.html.j2 leads outside the templates folder" in result.stderr
    linked = tmp_path / "other"
    linked.mkdir()
    (linked / "part.html").write_text("TOP-SECRET-TOKEN")
    os.unlink(folder / "_cover.html.j2")
    os.symlink(linked, folder / "parts", target_is_directory=True)
    (folder / "_heatmap.html.j2").write_text('{% include "parts/part.html" %}')
    result = _brief(folder, tmp_path)
    assert result.exit_code == 2 and "leads outside the templates folder" in result.stderr
    assert not (tmp_path / "b.html").exists()


def test_a_template_that_is_not_utf8_is_named(tmp_path: Path):
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "_heatmap.html.j2").write_bytes(b"\xff\xfe<section>")
    result = _brief(folder, tmp_path)
    assert result.exit_code == 2 and "_heatmap.html.j2 is not UTF-8 text" in result.stderr


def test_the_contents_follow_the_sections_a_team_renames_or_leaves_out(tmp_path: Path):
    from journeymap.briefing.document import briefing_templates

    folder = tmp_path / "brand"
    folder.mkdir()
    handoffs = (briefing_templates() / "_handoffs.html.j2").read_text(encoding="utf-8")
    (folder / "_handoffs.html.j2").write_text(handoffs.replace(">Hand-offs</span></h2>", ">Who hands over</span></h2>"))
    (folder / "_heatmap.html.j2").write_text("")
    assert _brief(folder, tmp_path).exit_code == 0
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    contents = html.split('<nav class="contents">', 1)[1].split("</nav>", 1)[0]
    assert 'href="#sec-handoffs"' in contents and "Who hands over" in contents
    assert "#sec-heatmap" not in html and "Reliability heatmap" not in contents
    # in the order the team puts the sections: moments of truth moved first stayed listed after
    # the hand-offs (audit EQ)
    main = (briefing_templates() / "briefing.html.j2").read_text(encoding="utf-8")
    moments, handoffs = '{% include "_moments.html.j2" %}', '{% include "_handoffs.html.j2" %}'
    (folder / "briefing.html.j2").write_text(main.replace(moments, "").replace(handoffs, moments + "\n" + handoffs))
    assert _brief(folder, tmp_path).exit_code == 0
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    contents = html.split('<nav class="contents">', 1)[1].split("</nav>", 1)[0]
    assert contents.index("#sec-moments") < contents.index("#sec-handoffs")


def test_what_the_pdf_engine_skips_in_a_teams_templates_is_said(tmp_path: Path):
    """A missing logo or a CSS rule without a value passed silently, exit 0."""
    pytest.importorskip("weasyprint")
    from journeymap.briefing.document import briefing_templates

    folder = tmp_path / "brand"
    folder.mkdir()
    cover = (briefing_templates() / "_cover.html.j2").read_text(encoding="utf-8")
    (folder / "_cover.html.j2").write_text(cover.replace(">", '><img src="logo-missing.png" alt="Logo">', 1))
    (folder / "briefing.css").write_text((briefing_templates() / "briefing.css").read_text(encoding="utf-8")
                                         + "\n.cover h1 { color: ; }\n")
    result = run_cli("brief", str(SMALL), "--templates", str(folder), "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 0, result.output
    assert f"there is no file {folder / 'logo-missing.png'}" in result.stderr
    assert "Ignored `color: `" in result.stderr and "note: the PDF engine" in result.stderr
    quiet = run_cli("brief", str(SMALL), "-o", str(tmp_path / "ours.pdf"))
    assert quiet.exit_code == 0 and "note:" not in quiet.stderr
    # and build says it too, for each journey (audit EQ: "1 built ... 0 failed", nothing said)
    built = run_cli("build", str(SMALL), "-o", str(tmp_path / "site"), "--formats", "pdf", "--templates", str(folder))
    assert built.exit_code == 0 and f"there is no file {folder / 'logo-missing.png'}" in built.stderr
    assert "Ignored `color: `" in built.stderr
    # and the HTML briefing says what it leaves out, not an <img> without a source alone (audit EQ)
    page = run_cli("brief", str(SMALL), "--templates", str(folder), "--format", "html", "-o", str(tmp_path / "b.html"))
    assert page.exit_code == 0 and "the HTML briefing leaves out logo-missing.png: there is no file" in page.stderr


def test_init_copies_the_templates_a_team_starts_from(tmp_path: Path):
    folder = tmp_path / "brand"
    result = run_cli("init", str(folder), "--templates")
    assert result.exit_code == 0 and f"--templates {folder}" in result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert "briefing.html.j2" in names and "briefing.css" in names and "README.md" in names
    assert run_cli("init", str(folder), "--templates").exit_code == 2  # never overwritten without --force
    here = run_cli("init", "--templates")  # not into the current folder by default: its README.md
    assert here.exit_code == 2 and "give the folder" in here.stderr
    pytest.importorskip("weasyprint")
    from pdftext import read_pages

    copied = run_cli("brief", str(SMALL), "--templates", str(folder), "-o", str(tmp_path / "a.pdf"))
    ours = run_cli("brief", str(SMALL), "-o", str(tmp_path / "b.pdf"))
    assert copied.exit_code == ours.exit_code == 0

    def words(path: Path) -> list[str]:
        return [w.text for page in read_pages(path.read_bytes()) for w in page.words]
    assert words(tmp_path / "a.pdf") == words(tmp_path / "b.pdf")  # the same briefing: a faithful copy


def test_a_team_s_macros_of_before_leave_our_tables_working(tmp_path: Path):
    """A team's `_macros.html.j2` (the documented way to restyle a badge), copied before our tables
    took their column widths from a `col` macro, made every briefing fail: "'TemplateModule object'
    has no attribute 'col'" (review DW). The macro has a file of its own."""
    from journeymap.briefing.document import briefing_templates

    folder = tmp_path / "brand"
    folder.mkdir()
    ours = (briefing_templates() / "_macros.html.j2").read_text(encoding="utf-8")
    assert "macro col(" not in ours
    (folder / "_macros.html.j2").write_text(ours.replace("{% macro badge", "{# ours #}\n{% macro badge"))
    result = _brief(folder, tmp_path)
    assert result.exit_code == 0, result.stderr
    assert '<col class="w-lead">' in (tmp_path / "b.html").read_text(encoding="utf-8")


def test_the_policy_goes_into_any_head_and_lets_inlined_fonts_load():
    from journeymap.briefing.scripts import content_policy, with_policy

    for page in ('<html><head lang="en"><title>t</title></head><body></body></html>',
                 "<html><HEAD><title>t</title></HEAD></html>", "<p>no head at all</p>"):
        out = with_policy(page)
        assert out.count("Content-Security-Policy") == 1
        assert out.index("Content-Security-Policy") < out.index("t</title>" if "title" in out else "<p>")
    policy = content_policy()
    assert "font-src data:" in policy and policy.startswith("default-src 'none';") and "'unsafe-eval'" not in policy


def test_html_nested_without_end_is_a_template_problem_not_a_traceback(tmp_path: Path):
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "_heatmap.html.j2").write_text("<div>" * 1500 + "x" + "</div>" * 1500)  # past Python's 1,000 frames
    for extra in ((), ("--format", "pdf")):
        result = run_cli("brief", str(SMALL), "--templates", str(folder), "-o", str(tmp_path / "b.out"), *extra,
                         *(() if extra else ("--html",)))
        assert result.exit_code == 2 and "nest their HTML too deep" in result.stderr, result.output


@pytest.mark.pdf
@pytest.mark.graphviz
def test_a_teams_map_template_written_before_data_title_keeps_its_bookmarks(tmp_path: Path):
    """Our CSS took the map pages' bookmarks from a data-title attribute only our newer
    _map.html.j2 writes: a team's older copy printed map pages with no bookmark (review M)."""
    import io

    import pypdf

    from conftest import MAPS, ROOT

    folder = tmp_path / "brand"
    folder.mkdir()
    ours = (ROOT / "templates" / "briefing" / "_map.html.j2").read_text(encoding="utf-8")
    older = ours.replace(' data-title="{{ p.title }}"', "").replace("p.heading_lines | default([p.title])",
                                                                     "[p.title]")
    assert older != ours
    (folder / "_map.html.j2").write_text(older, encoding="utf-8")
    out = tmp_path / "b.pdf"
    assert run_cli("brief", str(MAPS / "business-ordering.journey.yaml"), "--templates", str(folder),
                   "-o", str(out)).exit_code == 0
    reader = pypdf.PdfReader(io.BytesIO(out.read_bytes()))

    def titles(items: list) -> list[str]:
        return [t for i in items for t in (titles(i) if isinstance(i, list) else [str(i.title)])]

    assert sum(t.startswith("The journey map") for t in titles(reader.outline)) >= 5


@pytest.mark.parametrize("body", [
    '{{ ("x" * 20000)|replace("", "y" * 100000) }}',
    '{{ ("x" * 20000).replace("", "y" * 100000) }}',
    '{{ (["y" * 100000] * 999999)|join }}',
    '{{ ("y" * 100000).join(["x"] * 30000) }}',
])
def test_a_huge_replace_or_join_is_refused_before_it_is_made(tmp_path: Path, body: str):
    """The result was checked after it was made: a 2 GB string first (audit AH). Run with 700 MB of
    address space, making it fails otherwise, not with the sandbox's own words."""
    import resource
    import subprocess
    import sys

    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "_heatmap.html.j2").write_text(f"<section>\n{body}\n</section>\n")

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (700 << 20, 700 << 20))

    done = subprocess.run([sys.executable, "-m", "journeymap", "brief", str(SMALL), "--templates", str(folder),
                           "--html", "-o", str(tmp_path / "b.html")], capture_output=True, text=True, timeout=120,
                          preexec_fn=limited)
    assert done.returncode == 2 and "more than 1,000,000 items" in done.stderr, done.stderr[-500:]


def test_a_copy_of_the_templates_says_what_changed_in_ours_since(tmp_path: Path):
    """A copy four days old printed no cracks page and its map at 2.7 pt, exit 0, nothing said
    (audit EQ): init stamps the copy, and a briefing with it names what changed and was added in
    ours since; a copy without a stamp is told so; a fresh copy is told nothing."""
    import json

    folder = tmp_path / "brand"
    assert run_cli("init", str(folder), "--templates").exit_code == 0
    stamp = folder / "journeymap-templates.json"
    fresh = run_cli("brief", str(SMALL), "--templates", str(folder), "--format", "html", "-o", str(tmp_path / "a.html"))
    assert fresh.exit_code == 0 and "note:" not in fresh.stderr
    old = json.loads(stamp.read_text(encoding="utf-8"))
    old["files"]["_map.html.j2"] = "0" * 64  # ours changed since the copy
    del old["files"]["_cracks.html.j2"]  # and was added since
    stamp.write_text(json.dumps(old), encoding="utf-8")
    aged = run_cli("brief", str(SMALL), "--templates", str(folder), "--format", "html", "-o", str(tmp_path / "b.html"))
    assert aged.exit_code == 0 and "journeymap changed _map.html.j2 and added _cracks.html.j2" in aged.stderr
    built = run_cli("build", str(SMALL), "-o", str(tmp_path / "site"), "--formats", "html", "--templates", str(folder))
    assert built.stderr.count("journeymap changed _map.html.j2") == 1  # once a build, not once a journey
    stamp.unlink()
    unstamped = run_cli("brief", str(SMALL), "--templates", str(folder), "--format", "html", "-o", str(tmp_path / "c.html"))
    assert "has no journeymap-templates.json" in unstamped.stderr
    stamp.write_text("{not json", encoding="utf-8")
    broken = run_cli("brief", str(SMALL), "--templates", str(folder), "--format", "html", "-o", str(tmp_path / "e.html"))
    assert "journeymap-templates.json cannot be read" in broken.stderr
    lone = tmp_path / "css-only"
    lone.mkdir()
    (lone / "briefing.css").write_text((folder / "briefing.css").read_text(encoding="utf-8"), encoding="utf-8")
    (lone / "logo.png").write_bytes(b"")  # a stylesheet alone, no stamp: how it looks, not what it prints (review ER)
    assert "note:" not in run_cli("brief", str(SMALL), "--templates", str(lone), "--format", "html",
                                  "-o", str(tmp_path / "d.html")).stderr
    from journeymap.briefing.templatestamp import _digest

    (tmp_path / "lf.css").write_bytes(b"a {}\nb {}\n")
    (tmp_path / "crlf.css").write_bytes(b"a {}\r\nb {}\r\n")  # a Windows checkout's: the same file (review ER)
    assert _digest(tmp_path / "lf.css") == _digest(tmp_path / "crlf.css")


def test_a_team_cover_that_runs_past_its_page_is_said(tmp_path: Path):
    """A logo and the facts moved above the title ran the team's cover onto page 2, with only
    "wrote ..." said (audit EQ): their cover is laid out to see, and what does not fit is told."""
    pytest.importorskip("weasyprint")
    from journeymap.briefing.document import briefing_templates

    folder = tmp_path / "brand"
    folder.mkdir()
    cover = (briefing_templates() / "_cover.html.j2").read_text(encoding="utf-8")
    at = cover.index(">") + 1
    (folder / "_cover.html.j2").write_text(cover[:at] + '<div style="height: 240mm">Brand</div>' + cover[at:])
    result = run_cli("brief", str(SMALL), "--templates", str(folder), "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 0 and "the cover runs past its first page" in result.stderr
    fitting = run_cli("brief", str(SMALL), "--templates", str(briefing_templates()), "-o", str(tmp_path / "c.pdf"))
    assert fitting.exit_code == 0 and "runs past its first page" not in fitting.stderr


def test_a_template_that_loops_without_writing_is_stopped_at_its_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Two nested loops that write nothing ran at full CPU for ever: the output's limit never came
    (audit EO). A team's templates are stopped after MAX_SECONDS, told at the loop's line."""
    from journeymap.briefing import teamtemplates

    monkeypatch.setattr(teamtemplates, "MAX_SECONDS", 1.0)
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "_heatmap.html.j2").write_text(
        "<section>\n{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n</section>\n")
    result = _brief(folder, tmp_path)
    assert result.exit_code == 2 and "the templates take more than 1 s to render" in result.stderr
    assert f"({folder / '_heatmap.html.j2'}:2)" in result.stderr and not (tmp_path / "b.html").exists()


def test_the_render_time_is_one_budget_for_a_briefing_and_a_timer_set_before_is_put_back(monkeypatch: pytest.MonkeyPatch):
    """A briefing renders a team's templates up to six times, and each had the whole time; an
    outer timer came back whole, late by the render's time (review ER)."""
    import signal
    import time

    from jinja2.exceptions import SecurityError

    from journeymap.briefing import teamtemplates

    monkeypatch.setattr(teamtemplates, "MAX_SECONDS", 1.0)

    class Slow:  # a template that takes 0.6 s
        def generate(self, _context: object) -> list[str]:
            time.sleep(0.6)
            return ["x"]

    teamtemplates.render_within(Slow(), {})  # alone: within its own second
    with pytest.raises(SecurityError, match="more than 1 s"), teamtemplates.render_budget():
        teamtemplates.render_within(Slow(), {})
        teamtemplates.render_within(Slow(), {})  # 1.2 s in all
    fired: list[int] = []
    before = signal.signal(signal.SIGALRM, lambda signum, _frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        teamtemplates.render_within(Slow(), {})
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 4.0 < left < 4.6 and not fired
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
