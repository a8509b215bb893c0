"""`journeymap portfolio` (SPEC 6): roll-up numbers recomputed here from the YAML alone, on small
hand-made portfolios; the JSON's keys; W115 and where it is reported; the HTML, Markdown and PDF."""

from __future__ import annotations

import functools
import html as htmllib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURES, MAPS, run_cli
from htmltables import row_header_problems as html_row_header_problems
from pdftags import row_header_problems, tables_with_row_headers
from pdftext import need_pdftotext, outline, read_pages

RISKY = {"it-depends", "unreliable"}
ORDER = {"unreliable": 0, "it-depends": 1, "unknown": 2, "reliable": 3}


def journey(title: str, departments: list[tuple[str, str]], touchpoints: list[tuple], **extra: Any) -> dict:
    """A journey file as data; touch-points are ``(id, department, rating, moment_of_truth[, next])``."""
    tps = []
    for item in touchpoints:
        tp = {"id": item[0], "name": f"Touch-point {item[0]}", "department": item[1], "reliability": item[2]}
        if item[3]:
            tp["moment_of_truth"] = True
        if len(item) > 4:
            tp["next"] = item[4]
        tps.append(tp)
    return {"journeymap": 1, "title": title, **extra,
            "departments": [{"id": i, "name": n, "lead": f"Lead of {n}"} for i, n in departments],
            "stages": [{"name": "Only stage", "touchpoints": tps}]}


def write(folder: Path, **journeys: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in journeys.items():
        (folder / f"{name}.journey.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def expected(docs: list[dict]) -> dict[str, Any]:
    """The roll-up, from the YAML data alone: flows in document order unless `next` says otherwise."""
    counts: Counter = Counter()
    risky: Counter = Counter()
    per_dept: dict[tuple[str, str], Counter] = defaultdict(Counter)
    moments = []
    for doc in docs:
        names = {d["id"]: d["name"] for d in doc["departments"]}
        tps = [tp for stage in doc["stages"] for tp in stage["touchpoints"]]
        by_id = {tp["id"]: tp for tp in tps}
        for i, tp in enumerate(tps):
            key = (tp["department"], names[tp["department"]])
            per_dept[key]["touchpoints"] += 1
            per_dept[key][tp["reliability"]] += 1
            per_dept[key]["moments"] += bool(tp.get("moment_of_truth"))
            if tp.get("moment_of_truth"):
                moments.append((ORDER[tp["reliability"]], tp["id"]))
            targets = tp["next"] if "next" in tp else ([tps[i + 1]["id"]] if i + 1 < len(tps) else [])
            for target in targets:
                dst = by_id[target]
                if dst["department"] == tp["department"]:
                    continue
                pair = (key, (dst["department"], names[dst["department"]]))
                counts[pair] += 1
                per_dept[pair[0]]["out"] += 1
                per_dept[pair[1]]["in"] += 1
                if dst["reliability"] in RISKY:
                    risky[pair] += 1
                    per_dept[pair[1]]["risky_in"] += 1
    return {"counts": counts, "risky": risky, "departments": per_dept,
            "moments": [tp for _, tp in sorted(moments, key=lambda m: m[0])]}


A = journey("Journey A", [("web", "Web"), ("billing", "Billing")],
            [("a1", "web", "reliable", False), ("a2", "billing", "it-depends", True),
             ("a3", "web", "unreliable", True, ["a4", "a1"]), ("a4", "billing", "reliable", False, [])])
B = journey("Journey B", [("billing", "Billing"), ("support", "Support")],
            [("b1", "billing", "reliable", False), ("b2", "support", "unknown", True),
             ("b3", "billing", "unreliable", False)])


@functools.cache
def examples_portfolio_pdf() -> bytes:
    """`journeymap portfolio maps/ -o portfolio.pdf`, run once for the tests that read it back."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "portfolio.pdf"
        result = run_cli("portfolio", str(MAPS), "-o", str(out))
        assert result.exit_code == 0, result.output
        return out.read_bytes()


def portfolio_json(*paths: Path, extra: tuple[str, ...] = ()) -> tuple[dict, Any]:
    result = run_cli("portfolio", *map(str, paths), "--format", "json", "-o", "-", *extra)
    return json.loads(result.stdout), result


def test_same_id_and_name_in_two_journeys_is_one_department(tmp_path):
    doc, result = portfolio_json(write(tmp_path / "p", a=A, b=B))
    assert result.exit_code == 0, result.output
    want = expected([A, B])
    assert [d["id"] for d in doc["departments"]] == ["web", "billing", "support"]  # billing once
    for dept in doc["departments"]:
        w = want["departments"][(dept["id"], dept["name"])]
        assert dept["touchpoints"] == w["touchpoints"]
        assert dept["ratings"] == {r: w[r] for r in ("reliable", "it-depends", "unreliable", "unknown")}
        assert (dept["handoffs_in"], dept["handoffs_out"], dept["risky_in"], dept["moments_of_truth"]) == \
            (w["in"], w["out"], w["risky_in"], w["moments"])
    flat = {(s, t): n for s, row in doc["handoffs"]["counts"].items() for t, n in row.items()}
    assert flat == {(s[0], t[0]): n for (s, t), n in want["counts"].items()}
    flat_risky = {(s, t): n for s, row in doc["handoffs"]["risky"].items() for t, n in row.items()}
    assert flat_risky == {(s[0], t[0]): n for (s, t), n in want["risky"].items()}
    h = doc["headline"]
    assert (h["journeys"], h["touchpoints"], h["handoffs"], h["risky_handoffs"]) == \
        (2, 7, sum(want["counts"].values()), sum(want["risky"].values()))
    assert h["reliable_share"] == round(3 / 7, 4)
    assert [m["touchpoint"] for m in doc["moments_of_truth"]] == want["moments"]  # least reliable first


def test_same_id_with_another_name_is_another_department(tmp_path):
    other = journey("Journey C", [("billing", "Billing & collections")], [("c1", "billing", "reliable", False)])
    doc, _ = portfolio_json(write(tmp_path / "p", a=A, c=other))
    by_name = {d["name"]: d for d in doc["departments"]}
    assert by_name["Billing"]["id"] == "billing" and by_name["Billing"]["touchpoints"] == 2
    assert by_name["Billing & collections"]["id"] != "billing"
    assert by_name["Billing & collections"]["touchpoints"] == 1


def test_a_reader_is_told_why_one_id_is_two_departments(tmp_path):
    """Two journeys giving one id different names got two departments, one with a made-up id
    (billing@c), and nothing said why (audit K)."""
    other = journey("Journey C", [("billing", "Billing & collections")], [("c1", "billing", "reliable", False)])
    folder = write(tmp_path / "p", a=A, c=other)
    for suffix in ("md", "html"):
        out = tmp_path / f"portfolio.{suffix}"
        assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 0
        text = out.read_text(encoding="utf-8").replace("&amp;", "&")
        assert "The id billing names 2 departments" in text and "they are counted apart" in text, suffix
        assert "Billing & collections" in text.split("The id billing names", 1)[1].split("counted apart", 1)[0]
        assert "If they are one department, give it the same name in each journey" in text, suffix
    same = run_cli("portfolio", str(write(tmp_path / "q", a=A)), "-o", str(tmp_path / "one.md"))
    assert same.exit_code == 0 and "counted apart" not in (tmp_path / "one.md").read_text(encoding="utf-8")
    # where journeymap.yaml has a registry already, it says what to add to it (audit AP)
    (folder / "journeymap.yaml").write_text("project: 1\ndepartments:\n  - {id: sales, name: Sales}\n", encoding="utf-8")
    assert run_cli("portfolio", str(folder), "-o", str(tmp_path / "reg.md")).exit_code == 0
    text = (tmp_path / "reg.md").read_text(encoding="utf-8")
    assert ("If they are one department, add billing to the department registry (departments:) in journeymap.yaml; "
            "if not, give each an id of its own") in text  # the names differ: they may be two (audit CK)
    assert "makes them one" not in text


def test_a_journey_with_errors_is_listed_and_left_out_of_every_number(tmp_path):
    folder = write(tmp_path / "p", a=A, b=B)
    clean, _ = portfolio_json(folder)
    (folder / "c.journey.yaml").write_text("journeymap: 1\ntitle: Broken\ndepartments: 7\nstages: []\n")
    doc, result = portfolio_json(folder)
    assert result.exit_code == 1
    broken = [j for j in doc["journeys"] if not j["ok"]]
    assert [j["path"] for j in broken] == [str(folder / "c.journey.yaml")]
    assert (broken[0]["id"], broken[0]["title"]) == ("c", "Broken")  # the title it gives, not its path
    assert (broken[0]["touchpoints"], broken[0]["handoffs"], broken[0]["risky_handoffs"]) == (0, 0, 0)
    # the closing line says so too: "wrote out.json: 2 journeys" of a folder of 3 read as a clean run (audit BO)
    written = run_cli("portfolio", str(folder), "-o", str(tmp_path / "out.json"))
    assert f"wrote {tmp_path / 'out.json'}: 2 of 3 journeys (1 left out because of errors), " in written.stderr
    alone = run_cli("portfolio", str(folder / "c.journey.yaml"), "-o", str(tmp_path / "alone.json"))
    assert f"wrote {tmp_path / 'alone.json'}: no journey rolled up (1 left out because of errors), " in alone.stderr
    assert {(f["path"], f["line"], f["column"], f["code"]) for f in doc["findings"]} >= {
        (str(folder / "c.journey.yaml"), 3, 14, "E005"), (str(folder / "c.journey.yaml"), 4, 9, "E005")}
    for key in ("handoffs", "departments", "moments_of_truth"):
        assert doc[key] == clean[key]
    assert doc["headline"]["touchpoints"] == clean["headline"]["touchpoints"]
    assert doc["headline"]["journeys"] == clean["headline"]["journeys"] == 2


def test_two_journeys_may_share_an_id_in_check_and_portfolio(tmp_path):
    """SPEC 2 gives E006 to departments, stages and touch-points that share an id, not journeys:
    two copies of one journey are both checked and both rolled up, and both built, their outputs
    told apart by their files (audit CD: ``build`` refused them)."""
    folder = write(tmp_path / "p", a=A, b=B)
    (folder / "sub").mkdir()
    (folder / "sub" / "a.journey.yaml").write_text(yaml.safe_dump(B), encoding="utf-8")  # id 'a', from its name
    result = run_cli("check", "--format", "json", str(folder))
    assert result.exit_code == 0 and "E006" not in result.stdout
    doc, _ = portfolio_json(folder)
    assert [j["ok"] for j in doc["journeys"]] == [True] * 3 and doc["headline"]["journeys"] == 3
    built = run_cli("build", str(folder), "-o", str(tmp_path / "site"), "--formats", "html")
    assert built.exit_code == 0, built.stderr
    assert "build names their outputs a@a and a@sub-a" in built.stderr
    assert {"a@a.html", "a@sub-a.html", "b.html"} <= {p.name for p in (tmp_path / "site").iterdir()}
    # ... and the documents say so, not only the command's standard error (audit AP: an old copy counted twice)
    said = ("2 files share the journey id a (a.journey.yaml, sub/a.journey.yaml): each is counted, so what they "
            "have in common is counted twice.")
    for suffix in (".md", ".html"):
        out = tmp_path / f"portfolio{suffix}"
        assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 0
        assert said in out.read_text(encoding="utf-8")


def test_json_keys_are_those_of_the_spec(tmp_path):
    doc, _ = portfolio_json(write(tmp_path / "p", a=A, b=B))
    assert list(doc) == ["version", "organisation", "journeys", "headline", "handoffs", "departments",
                         "moments_of_truth", "findings"]
    assert doc["version"] == 1 and doc["organisation"] is None
    assert set(doc["journeys"][0]) == {"id", "title", "path", "ok", "touchpoints", "handoffs", "risky_handoffs"}
    assert set(doc["handoffs"]) == {"departments", "counts", "risky"}
    assert set(doc["departments"][0]) == {"id", "name", "lead", "touchpoints", "ratings", "handoffs_in",
                                          "handoffs_out", "risky_in", "moments_of_truth"}
    assert set(doc["moments_of_truth"][0]) == {"journey", "touchpoint", "name", "department", "reliability"}
    assert {"journeys", "touchpoints", "handoffs", "risky_handoffs", "reliable_share"} <= set(doc["headline"])


def test_output_is_deterministic_and_format_follows_the_suffix(tmp_path):
    folder = write(tmp_path / "p", a=A, b=B)
    for suffix, marker in ((".json", '"version": 1'), (".md", "# Portfolio"), (".html", "<!DOCTYPE html>")):
        out = tmp_path / f"out{suffix}"
        assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 0
        first = out.read_bytes()
        assert marker in first.decode("utf-8")
        run_cli("portfolio", str(folder), "-o", str(out))
        assert out.read_bytes() == first


@pytest.mark.parametrize("low,high,fires", [(3, 3, False), (4, 9, True), (1, 2, True), (0, 3, False)])
def test_w115_at_the_project_file_outside_the_bounds(tmp_path, low, high, fires):
    folder = write(tmp_path / "p", a=A, b=B)  # 3 moments of truth together
    (folder / "journeymap.yaml").write_text(f"project: 1\nmoments_of_truth:\n  min: {low}\n  max: {high}\n")
    doc, _ = portfolio_json(folder)
    w115 = [(Path(f["path"]).name, f["line"], f["column"]) for f in doc["findings"] if f["code"] == "W115"]
    assert w115 == ([("journeymap.yaml", 2, 1)] if fires else [])  # at the moments_of_truth key
    checked = json.loads(run_cli("check", "--format", "json", str(folder)).stdout)["findings"]
    assert [(Path(f["path"]).name, f["line"]) for f in checked if f["code"] == "W115"] == \
        ([("journeymap.yaml", 2)] if fires else [])


def test_w115_without_a_project_file_at_the_first_journey_default_bounds(tmp_path):
    folder = write(tmp_path / "p", b=B, a=A)  # 3 < 10
    doc, _ = portfolio_json(folder)
    assert [(f["path"], f["line"], f["column"]) for f in doc["findings"] if f["code"] == "W115"] == \
        [(str(folder / "a.journey.yaml"), 1, 1)]
    assert "3 moments of truth" in next(f["message"] for f in doc["findings"] if f["code"] == "W115")
    result = run_cli("check", str(folder))
    assert result.exit_code == 0 and "a.journey.yaml:1:1: W115 portfolio-moments-of-truth" in result.stdout
    assert "W115" not in run_cli("check", str(folder / "a.journey.yaml")).stdout  # a file is no portfolio
    assert "W115" not in run_cli("check", "--ignore", "W115", str(folder)).stdout
    # the journey it is reported at leaves it out with its own `ignore:`, another journey's does not (audit FF)
    write(folder, b={**B, "ignore": ["W115"]})
    assert "W115" in run_cli("check", str(folder)).stdout
    write(folder, a={**A, "ignore": ["W115"]})
    assert "W115" not in run_cli("check", str(folder)).stdout
    assert not [f for f in portfolio_json(folder)[0]["findings"] if f["code"] == "W115"]
    write(folder, a=A)
    (folder / "0-broken.journey.yaml").write_text("journeymap: 1\ntitle: Broken\n")  # first, and unusable
    result = run_cli("check", str(folder))
    assert "0-broken.journey.yaml:1:1: W115" in result.stdout  # at the folder's first journey (SPEC 2)
    assert "2 journeys without errors of this portfolio" in result.stdout  # the ones it counts
    # ... and says the broken one is not counted, to be fixed first: "mark more" was the wrong advice (audit DY)
    assert "fewer than 10; the 1 journey with errors is not counted: fix it first, then mark the touch-points" \
        in result.stdout


def test_registry_departments_are_one_department_across_journeys(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "journeymap.yaml").write_text("project: 1\norganisation: Northwind\ndepartments:\n"
                                            "  - {id: desk, name: Service desk, lead: Kim}\n")
    for name, dept in (("x", "Web"), ("y", "Shop")):
        (folder / f"{name}.journey.yaml").write_text(
            f"journeymap: 1\ntitle: {name}\ndepartments: [{{id: own, name: {dept}}}]\nstages:\n"
            "  - name: S\n    touchpoints:\n"
            "      - {name: One, department: own, reliability: reliable}\n"
            "      - {name: Two, department: desk, reliability: it-depends, moment_of_truth: true}\n")
    doc, _ = portfolio_json(folder)
    assert doc["organisation"] == "Northwind"
    desk = doc["departments"][0]
    assert (desk["id"], desk["lead"], desk["touchpoints"], desk["handoffs_in"], desk["risky_in"]) == \
        ("desk", "Kim", 2, 2, 2)
    assert sorted(d["name"] for d in doc["departments"][1:]) == ["Shop", "Web"]
    assert doc["handoffs"]["risky"] == {"own": {"desk": 1}, "own@y": {"desk": 1}}


def test_departments_stay_apart_when_journeys_share_an_id(tmp_path):
    """The same department id under three names is three departments, even in two journeys with one id
    (the roll-up keeps them apart)."""
    from journeymap.pipeline import check_file
    from journeymap.portfolio.rollup import build_portfolio

    paths = []
    for sub, (jid, name) in {"x": ("a", "Web"), "y": ("b", "Website"), "z": ("b", "Web shop")}.items():
        write(tmp_path / "p" / sub, j=journey(name, [("web", name)], [("t", "web", "reliable", False)], id=jid))
        paths.append(str(tmp_path / "p" / sub / "j.journey.yaml"))
    rolled = build_portfolio([check_file(p) for p in paths])
    found = sorted((d.key, d.name, len(d.touchpoints)) for d in rolled.departments)
    assert found == [("web", "Web", 1), ("web@b", "Website", 1), ("web@b.2", "Web shop", 1)]
    doc, _ = portfolio_json(tmp_path / "p")
    assert [j["ok"] for j in doc["journeys"]] == [True, True, True]  # b twice: both rolled up


def test_examples_roll_up_the_shared_departments():
    doc, result = portfolio_json(MAPS)
    assert result.exit_code == 0
    by_id = {d["id"]: d for d in doc["departments"]}
    assert [d["id"] for d in doc["departments"]][:2] == ["contact-centre", "billing"]  # registry order
    for shared in ("contact-centre", "billing"):
        per_journey = [sum(1 for s in json.loads(run_cli("export", str(p), "--format", "json").stdout)
                           ["touchpoints"] if s["department"] == shared) for p in sorted(MAPS.glob("*.journey.yaml"))]
        assert by_id[shared]["touchpoints"] == sum(per_journey) and all(per_journey)
    assert len(doc["moments_of_truth"]) == doc["headline"]["moments_of_truth"]


def test_html_is_self_contained_and_escapes_user_text(tmp_path):
    hostile = journey("<script>alert(1)</script> & https://evil.example/x.png",
                      [("web", "Web <b>bold</b>")], [("w1", "web", "reliable", True)])
    folder = write(tmp_path / "p", h=hostile)
    out = tmp_path / "portfolio.html"
    assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<b>bold" not in html and "&lt;script&gt;" in html
    markup = re.sub(r">[^<]*<", "><", html)  # tags only: no reference to anything outside the page
    assert not re.search(r"(?i)https?://", markup)
    # links within the page alone (its contents list: audit FN)
    assert not re.search(r"(?i)<(img|link|script|iframe|object)\b|\bsrc=|\bhref=(?!\"#)", markup)
    assert 'href="#sec-heatmap"' in markup
    maps_out = tmp_path / "maps.html"
    run_cli("portfolio", str(MAPS), "-o", str(maps_out))
    assert not re.search(r"(?i)https?://", maps_out.read_text(encoding="utf-8"))


def test_markdown_has_every_section(tmp_path):
    text = run_cli("portfolio", str(MAPS), "--format", "markdown", "-o", "-").stdout
    assert run_cli("portfolio", str(MAPS), "--format", "md", "-o", "-").stdout == text  # as export calls it
    # Files as a reader knows them, from the portfolio's folder; the JSON keeps the paths as given.
    assert "| home-claim.journey.yaml |" in text and str(MAPS) not in text
    html = run_cli("portfolio", str(MAPS), "--format", "html", "-o", "-").stdout
    assert '<td class="file" translate="no">home-claim<wbr>.journey<wbr>.yaml</td>' in html and str(MAPS) not in html
    doc, _ = portfolio_json(MAPS)
    assert str(MAPS / "home-claim.journey.yaml") in [j["path"] for j in doc["journeys"]]
    for heading in ("## Journeys", "## Hand-offs between departments", "## Reliability by journey and department",
                    "## Department scorecards", "## The company's moments of truth"):
        assert heading in text
    assert "Northwind Group" in text


def test_markdown_heatmap_gives_each_journey_the_worst_rating_per_department(tmp_path):
    folder = write(tmp_path / "maps", a=A, b=B)
    text = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    section = text.split("## Reliability by journey and department", 1)[1].split("\n## ", 1)[0]
    rows = {line.split(" | ")[0].lstrip("| "): line.strip(" |").split(" | ")[1:]
            for line in section.splitlines() if line.startswith("| Journey ")}
    header = next(line for line in section.splitlines() if line.startswith("| Journey \\"))
    assert header.strip(" |").split(" | ")[1:] == ["Web", "Billing", "Support"]
    assert rows["Journey A"] == ["✖ unreliable (1 reliable, 1 unreliable)", "◐ it depends (1 reliable, 1 it depends)", "·"]
    assert rows["Journey B"] == ["·", "✖ unreliable (1 reliable, 1 unreliable)", "? not rated (1 not rated)"]


@pytest.mark.pdf
def test_pdf_is_tagged_legible_and_offline(tmp_path):
    out = tmp_path / "portfolio.pdf"
    out.write_bytes(examples_portfolio_pdf())
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and not re.search(rb"https?://", data)
    if shutil.which("pdfinfo") and shutil.which("pdftotext"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert re.search(r"Tagged:\s+yes", info)
        pages = read_pages(data)
        sizes = [w.size for page in pages for w in page.words]
        assert sizes and min(sizes) >= 6 - 0.05
        # the heatmap's department names break between their words: "Billing & pay-ments" (session 46)
        heat = next(page for page in pages if "Reliability by journey and department" in page.raw)
        assert "Billing & payments" in heat.raw and not [w.text for w in heat.words if w.text.endswith("-")]
    if shutil.which("qpdf"):
        assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    # each scorecard figure is read with its own label: a row of two label-and-figure pairs gave
    # each figure both (audit CT)
    assert tables_with_row_headers(data) >= 10
    assert row_header_problems(data) == []


@pytest.mark.pdf
def test_the_matrix_of_sixteen_departments_is_one_numbered_table_on_one_page(tmp_path):
    """Named columns took two blocks of eight over two pages; numbered, the 16 fit across one,
    on the page after the executive one (the headline, who must act, the journeys)."""
    need_pdftotext()
    pages = read_pages(examples_portfolio_pdf())
    assert "Where the company must act" in pages[0].raw and "Hand-offs between departments" not in pages[0].raw
    second = pages[1].raw
    matrix = second.split("Hand-offs between departments", 1)[1]
    assert "Column numbers match the row numbers" in matrix and matrix.count("From \\ To") == 1
    doc, _ = portfolio_json(MAPS)
    used = [d["name"] for d in doc["departments"] if d["handoffs_in"] or d["handoffs_out"]]
    assert len(used) == 16
    for n, name in enumerate(used, 1):
        assert f"{n} {name.split()[0]}" in " ".join(matrix.split()), name
    # each row's total on one line, beside the count it goes with: "4" over "(1)" before (audit AW)
    words = pages[1].words
    head = next(w for w in words if w.text == "Total")
    column = [w for w in words if w.x0 >= head.x0 - 8 and head.y0 < w.y0 < head.y0 + 400]
    brackets = [w for w in column if w.text.startswith("(")]
    assert brackets and all(any(abs(o.y0 - w.y0) < 1 and o.x1 < w.x0 for o in column) for w in brackets)


@pytest.mark.pdf
def test_pdf_running_header_shortens_a_long_title(tmp_path):
    """SPEC 6: the PDF follows 4.2's rules; the header shortens a title beyond 60 characters."""
    folder = write(tmp_path / "maps", a=A)
    organisation = "The Very Long Name of an Organisation " * 4
    (folder / "journeymap.yaml").write_text(f"project: 1\norganisation: {organisation.strip()}\n", encoding="utf-8")
    out = tmp_path / "portfolio.pdf"
    assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 0
    pages = read_pages(out.read_bytes())
    assert len(pages) > 1
    header = " ".join(w.text for w in pages[1].words if w.y1 < 40)
    assert header.endswith("\u2026") and len(header) <= 60 and header.startswith("The Very Long Name")


def test_build_writes_and_links_the_portfolio(tmp_path):
    folder = write(tmp_path / "maps", a=A, b=B)
    out = tmp_path / "build"
    result = run_cli("build", str(folder), "-o", str(out), "--formats", "svg,json,md")
    assert result.exit_code == 0, result.output
    for name in ("portfolio.html", "portfolio.json", "portfolio.md"):
        assert (out / name).is_file()
    assert not (out / "portfolio.pdf").exists()
    assert 'href="portfolio.html"' in (out / "index.html").read_text(encoding="utf-8")
    page = (out / "portfolio.html").read_text(encoding="utf-8")  # and back: the index, each journey's page
    assert 'href="index.html"' in page and 'href="a.svg"' in page and 'href="b.svg"' in page
    assert run_cli("build", str(folder), "-o", str(out), "--formats", "svg,json,md", "--check").exit_code == 0
    assert run_cli("build", str(folder), "-o", str(out), "--formats", "svg,html,json,md", "--check").exit_code == 1
    assert run_cli("build", str(folder), "-o", str(out), "--formats", "svg,html,json,md").exit_code == 0
    assert 'href="a.html"' in (out / "portfolio.html").read_text(encoding="utf-8")  # the briefing, once built
    assert '<a href="index.html">' in (out / "a.html").read_text(encoding="utf-8")  # and from it, back
    alone = run_cli("brief", str(folder / "a.journey.yaml"), "--html", "-o", "-").stdout
    assert 'href="index.html"' not in alone  # a briefing made on its own has no index to go back to
    standalone = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    assert 'href="index.html"' not in standalone and "<a href=" not in standalone.split("<main>")[1]
    (folder / "b.journey.yaml").write_text(yaml.safe_dump(B, sort_keys=False).replace("Journey B", "Journey B2"))
    stale = run_cli("build", str(folder), "-o", str(out), "--formats", "svg,json,md", "--check")
    assert stale.exit_code == 1 and "portfolio.json" in stale.stdout


def test_build_remakes_the_portfolio_when_a_nested_project_file_changes(tmp_path):
    folder = write(tmp_path / "maps", a=A)
    sub = write(folder / "sub", b={**B, "departments": [d for d in B["departments"] if d["id"] != "support"]})
    (sub / "journeymap.yaml").write_text("project: 1\ndepartments:\n  - {id: support, name: Support, lead: Bea}\n")
    out = tmp_path / "build"
    assert run_cli("build", str(folder), "-o", str(out), "--formats", "json").exit_code == 0
    (sub / "journeymap.yaml").write_text("project: 1\ndepartments:\n  - {id: support, name: Support, lead: Zed}\n")
    stale = run_cli("build", str(folder), "-o", str(out), "--formats", "json", "--check")
    assert stale.exit_code == 1 and "portfolio.json" in stale.stdout
    assert run_cli("build", str(folder), "-o", str(out), "--formats", "json").exit_code == 0
    leads = {d["name"]: d["lead"] for d in json.loads((out / "portfolio.json").read_text())["departments"]}
    assert leads["Support"] == "Zed"


def need_chromium() -> None:
    """Skip a browser test when Chromium is not installed."""
    from browser import find_chromium

    if find_chromium() is None:
        pytest.skip("Chromium is not installed (make test installs it)")


def examples_page(tmp_path: Path) -> Path:
    """The examples' portfolio HTML, for a browser test (skipped without Chromium)."""
    need_chromium()
    out = tmp_path / "portfolio.html"
    assert run_cli("portfolio", str(MAPS), "-o", str(out)).exit_code == 0
    return out


def test_html_in_a_browser_loads_nothing_else_and_passes_axe(tmp_path):
    from axe import describe, violations
    from browser import load_page

    out = examples_page(tmp_path)
    # Every word of the heatmap and of the cards' figures fits its cell ("Marketi|ng", "Unreliab|le"
    # broke mid-word, and in a narrow card "Risky hand-offs receive|d": audit AJ).
    too_wide = ("(() => { const c = document.createElement('canvas').getContext('2d'); const out = [];"
                " for (const e of document.querySelectorAll('#sec-heatmap th, #sec-heatmap td, .card-head th')) {"
                " const s = getComputedStyle(e); c.font = s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily;"
                " const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);"
                " for (const w of e.textContent.split(/\\s+/)) if (w && c.measureText(w).width > room + 0.5) out.push(w); }"
                " return out; })()")
    # The heat survives greyscale printing: each rating darker than the one before, by 25 or more.
    heat = ("(() => { const g = (c) => { const [r, gr, b] = c.match(/\\d+(\\.\\d+)?/g).map(Number);"
            " return 0.299 * r + 0.587 * gr + 0.114 * b; }; const seen = {};"
            " for (const td of document.querySelectorAll('#sec-heatmap td')) {"
            " const k = [...td.classList].find((c) => c.startsWith('r-') && c !== 'r-none');"
            " if (k) seen[k] = g(getComputedStyle(td).backgroundColor); } return seen; })()")
    # Each heatmap table scrolls sideways on its own, its scrollbar right under it: the section's
    # one sat under the last of three tables, 1,000 px below the first (audit AP).
    scrollers = ("[...document.querySelectorAll('#sec-heatmap table.heat')].map((t) => { const p = t.parentElement;"
                 " return [getComputedStyle(p).overflowX, p.tabIndex,"
                 " Math.round(p.getBoundingClientRect().bottom - t.getBoundingClientRect().bottom)]; })")
    report = load_page(out, ("table", "article.card"),
                       expressions={"too_wide": too_wide, "heat": heat, "scrollers": scrollers}, screenshot=False)
    assert report.values["too_wide"] == []
    assert len(report.values["scrollers"]) >= 2
    assert all(x == "auto" and tab == 0 and 0 <= gap < 30 for x, tab, gap in report.values["scrollers"])
    grey = report.values["heat"]
    order = [grey[k] for k in ("r-unknown", "r-reliable", "r-it-depends", "r-unreliable")]
    assert all(a - b >= 25 for a, b in zip(order, order[1:])), grey
    assert report.console_errors == [] and report.requests == [out.resolve().as_uri()]
    assert report.counts["article.card"] >= 10 and report.counts["table"] >= 4
    found = violations(out)
    assert found == [], describe(found)
    found = violations(out, width=390)  # a phone: its tables scroll sideways, reachable by keyboard
    assert found == [], describe(found)


@pytest.mark.parametrize("width", [390, 768, 1280])
def test_on_phones_and_tablets_nothing_in_a_table_runs_over_its_cell(tmp_path, width: int):
    """The moments of truth's rating column was 13 % of the table: at 390 px every badge ran 27-49 px
    into the moment's name, at 768 px 32-37 px, and "Departme/nt" broke mid-word (audit X). Nor
    does a cell of one word break it: the matrix's "Total" read "Tot/al" at 1,280 px (audit AW)."""
    from browser import load_page

    out = examples_page(tmp_path)
    over = ("(() => { const out = []; for (const cell of document.querySelectorAll('td, th')) {"
            " const r = cell.getBoundingClientRect(); for (const e of cell.querySelectorAll('*')) {"
            " const q = e.getBoundingClientRect(); if (q.width > 0 && (q.right > r.right + 1 || q.left < r.left - 1))"
            " out.push(e.textContent.slice(0, 30)); } } return out; })()")
    broken = ("(() => { const out = []; for (const cell of document.querySelectorAll('main th, main td')) {"
              " const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT); let node;"
              " while ((node = walk.nextNode())) { const word = node.textContent.trim();"
              " if (!/^[^\\s-]{2,}$/.test(word)) continue; const range = document.createRange(); range.selectNodeContents(node);"
              " const tops = new Set([...range.getClientRects()].filter(q => q.width > 0).map(q => Math.round(q.top)));"
              " if (tops.size > 1) out.push(word); } } return out; })()")
    report = load_page(out, expressions={"over": over, "broken": broken}, screenshot=False, width=width)
    assert report.values["over"] == [] and report.values["broken"] == []


@pytest.mark.parametrize("width", [390, 1400])
def test_on_a_phone_each_table_cut_at_the_screens_edge_says_it_goes_on(tmp_path, width: int):
    """The Journeys table looked whole on a phone, cut at "home-claim.journey.yar" (audit AT): on a
    phone, where every table is wider than the screen, each says so above it; on a desktop, a
    table says so where it is wider than its section on every screen (the heatmap of 16
    departments; 24 departments' hand-off matrix: review AZ), and no other does."""
    from browser import load_page

    out = examples_page(tmp_path)
    js = ("[...document.querySelectorAll('main table')].filter(t => !t.closest('article')).map(t => {"
          " const box = t.closest('.sideways') || t.closest('section');"
          " let hint = (t.closest('.sideways') || t).previousElementSibling;"
          " while (hint && hint.tagName === 'TABLE') hint = hint.previousElementSibling;"
          " return [t.getBoundingClientRect().width > box.clientWidth + 1,"
          " !!hint && hint.classList.contains('scroll-hint') && hint.offsetHeight > 0]; })")
    tables = load_page(out, expressions={"tables": js}, screenshot=False, width=width).values["tables"]
    assert tables and (all(wide and said for wide, said in tables) if width == 390
                       else all(said == wide for wide, said in tables)), tables


def test_w115_at_the_project_files_first_key_without_bounds(tmp_path):
    folder = write(tmp_path / "p", a=A, b=B)  # 3 moments of truth, default bounds 10..20
    (folder / "journeymap.yaml").write_text("# the group's journeys\nproject: 1\norganisation: Northwind\n")
    doc, _ = portfolio_json(folder)
    assert [(Path(f["path"]).name, f["line"], f["column"]) for f in doc["findings"] if f["code"] == "W115"] == \
        [("journeymap.yaml", 2, 1)]


@pytest.mark.pdf
def test_pdf_wraps_long_words_inside_the_page(tmp_path):
    need_pdftotext()
    word = "Supercalifragilistic" * 8
    doc = journey(f"Long {word}", [("d", f"Dept{word}"), ("e", "E")],
                  [("a", "d", "unreliable", True), ("b", "e", "it-depends", True)])
    doc["stages"][0]["touchpoints"][0]["name"] = f"A{word}"
    out = tmp_path / "long.pdf"
    assert run_cli("portfolio", str(write(tmp_path / "p", long=doc)), "-o", str(out)).exit_code == 0
    right = [w.x1 for page in read_pages(out.read_bytes()) for w in page.words]
    assert right and max(right) <= 841.89 - 12 * 72 / 25.4 + 0.5  # A4 landscape minus the 12 mm margin


def test_check_on_a_folder_reports_the_w115_that_portfolio_reports_also_for_a_lone_journey(tmp_path):
    """SPEC 2: W115 is "reported by portfolio and by check on a folder"; a folder of one journey
    was skipped by check alone, so the two commands disagreed."""
    folder = write(tmp_path / "p", a=A)
    checked = run_cli("check", "--format", "json", str(folder))
    doc, _ = portfolio_json(folder)
    said = [(Path(f["path"]).name, f["line"], f["column"]) for f in json.loads(checked.stdout)["findings"]
            if f["code"] == "W115"]
    assert said == [(Path(f["path"]).name, f["line"], f["column"]) for f in doc["findings"] if f["code"] == "W115"]
    assert said == [("a.journey.yaml", 1, 1)] and checked.exit_code == 0
    assert "the one journey of this portfolio holds 2 moments of truth, fewer than 10" in checked.stdout
    # ... and says the bounds are the company's, one journey alone held to W109's (audit DN)
    assert ("the bounds count all of a company's journeys together, one journey alone is held to 1 to 20 by W109: "
            "a journeymap.yaml of `project: 1` and `moments_of_truth: {min: 2, max: 20}` fits this one)") in checked.stdout
    assert "W115" not in run_cli("check", str(folder / "a.journey.yaml")).stdout  # a file is no portfolio


def test_a_portfolio_of_broken_journeys_says_why_its_sections_are_empty(tmp_path):
    """Every journey broken: the scorecards and the heatmap were headings over nothing, and the
    moments section said 0 was outside the bounds of 10 to 20 (audit AP)."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "c.journey.yaml").write_text("journeymap: 1\ntitle: Broken\ndepartments: 7\nstages: []\n")
    for suffix in ("html", "md"):
        out = tmp_path / f"p.{suffix}"
        assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 1
        text = out.read_text(encoding="utf-8")
        assert "No departments: no journey without errors to count" in text and "outside the bounds" not in text
        assert "No touch-points rated yet" in text


def test_a_project_file_error_is_named_as_such_in_the_portfolio_and_the_build(tmp_path):
    """A stray key in journeymap.yaml left every journey out: the portfolio said "line 3:1" under
    each journey (which read as the journey's own line), "6 journeys rolled up" over a tile of
    0, and build blamed each journey (audit E)."""
    folder = write(tmp_path / "p", a=A, b=B)
    (folder / "journeymap.yaml").write_text("project: 1\ncolour: blue\n")
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    # the journeys left out are named up front, not only in a table pages on (audit CR)
    assert "No journey rolled up (both have errors, listed below: Journey A; Journey B)" in html
    # a tile says how many are left out, beside the count of those rolled up (audit DC)
    assert '<li><span class="value">2</span> left out (errors)</li>' in html
    # a journey's row names the error and its file, and leaves its line and message to Findings, which
    # holds it once: every message printed twice took 5 pages of 22 journeys (audit EI)
    row = '1 error (E003 unknown-field in journeymap.yaml): <a href="#sec-findings">lines and messages under Findings</a>'
    assert html.count(row) == 2 and html.count("unknown field") == 1
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert "No journey rolled up: both have errors (see Journeys): Journey A; Journey B." in markdown
    assert "| has errors (left out) | — | — | — |" in markdown
    built = run_cli("build", str(folder), "-o", str(tmp_path / "site"))
    assert f"failed  {folder / 'a.journey.yaml'}: {folder / 'journeymap.yaml'} has errors" in built.stderr
    # and the build's index says whose line it is under each journey (review EN)
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "</span> journeymap.yaml line 2: unknown field" in index and "</span> line 2:" not in index


def test_where_the_company_must_act_says_which_risky_hand_offs_their_journeys_accept():
    """The list read as if nobody had looked at a risk the journey file accepts (audit BG)."""
    from journeymap.portfolio.attention import Attention

    def said(risky_in: int, accepted: int) -> str:
        return Attention("Ops", "Olu", risky_in, 0, 0, 1, 5, (("Sales", risky_in),), accepted).sentence()

    assert said(2, 0) == "2 of the 5 risky hand-offs lead into it (2 from Sales)"
    assert said(2, 2) == "2 of the 5 risky hand-offs lead into it (2 from Sales), and both are accepted as known risks"
    assert said(1, 1) == "1 of the 5 risky hand-offs leads into it (1 from Sales), and it is accepted as a known risk"
    assert said(3, 1) == "3 of the 5 risky hand-offs lead into it (3 from Sales), 1 of these 3 accepted as a known risk"
    doc, _ = portfolio_json(MAPS)
    markdown = run_cli("portfolio", str(MAPS), "--format", "markdown", "-o", "-").stdout
    # home-claim's loss assessors accept the hand-off into them (`ignore: [W110]` on the assessor's visit)
    line = next(x for x in markdown.splitlines() if x.startswith(tuple(f"{n}. **Loss assessors" for n in range(1, 9))))
    assert "and it is accepted as a known risk" in line, line


def test_where_the_company_must_act_names_the_departments_most_first_with_their_leads():
    """An executive could not see who must act: the departments receiving the most risky
    hand-offs were scattered among scorecards in registry order (audit E)."""
    doc, _ = portfolio_json(MAPS)
    html = run_cli("portfolio", str(MAPS), "--format", "html", "-o", "-").stdout
    section = html[html.index('id="sec-act"'):html.index("</section>", html.index('id="sec-act"'))]
    items = [re.sub(r"<[^>]+>", "", li) for li in re.findall(r"<li>(.*?)</li>", section, re.S)]
    shaky: dict[str, int] = {}
    short: dict[str, set[str]] = {}  # the journeys each department falls short in
    for m in doc["moments_of_truth"]:
        if m["reliability"] != "reliable":
            shaky[m["department"]] = shaky.get(m["department"], 0) + 1
            short.setdefault(m["department"], set()).add(m["journey"])
    for path in MAPS.glob("*.journey.yaml"):
        exported = json.loads(run_cli("export", str(path), "--format", "json", "-o", "-").stdout)
        for h in exported["handoffs"]:
            if h["risky"]:
                short.setdefault(h["to_department"], set()).add(exported["journey"]["id"])
    expected = sorted((d for d in doc["departments"] if d["risky_in"] or shaky.get(d["id"])),
                      key=lambda d: (-len(short.get(d["id"], ())), -d["risky_in"], -shaky.get(d["id"], 0),
                                     d["name"]))[:8]
    assert [i.split(":")[0].replace("&amp;", "&") for i in items] == [d["name"] for d in expected]
    total = doc["headline"]["risky_handoffs"]
    for item, d in zip(items, expected):
        if d["risky_in"]:
            assert f"{d['risky_in']} of the {total} risky hand-off" in item
            # ... and where they come from, which departments hand customers off badly (audit AP)
            senders = re.search(r"into it \((.*?)\)[;.,]", item.replace("&amp;", "&"))
            assert senders is not None, item
            counts = [int(part.split(" from ")[0]) for part in senders.group(1).split(", ")]
            assert sum(counts) == d["risky_in"] and counts == sorted(counts, reverse=True)
        assert f"Lead: {d['lead'] or 'none named'}." in item.replace("&amp;", "&")
    markdown = run_cli("portfolio", str(MAPS), "--format", "markdown", "-o", "-").stdout
    assert "## Where the company must act" in markdown and "\n1. **" in markdown
    # each scorecard counts the risky hand-offs its department gives, as well as those it receives
    given = {src: sum(row.values()) for src, row in doc["handoffs"]["risky"].items()}
    cards = re.findall(r'<article class="card".*?<h3>(.*?)</h3>.*?Risky hand-offs given</th><td class="num"[^>]*>(\d+)<',
                       html, re.S)
    names = {d["name"]: d["id"] for d in doc["departments"]}
    assert len(cards) == len(doc["departments"]) and any(int(n) for _, n in cards)
    assert {name.replace("&amp;", "&"): int(n) for name, n in cards} == {
        name: given.get(ident, 0) for name, ident in names.items()}


def test_where_the_company_must_act_ranks_who_falls_short_journey_after_journey(tmp_path):
    """One journey of 600 touch-points held 253 of a portfolio's 287 risky hand-offs and decided the
    list: departments let down in one journey came before Billing, let down in six (audit CE). The
    list ranks by journeys first and says how many; unrated moments of truth are told as such."""
    big = journey("Big", [("web", "Web"), ("ops", "Ops")],
                  [(f"t{i}", "web" if i % 2 else "ops", "reliable" if i % 2 else "unreliable", False)
                   for i in range(40)])
    small = {name: journey(name.title(), [("web", "Web"), ("billing", "Billing")],
                           [("a", "web", "reliable", False), ("b", "billing", "it-depends", False)])
             for name in ("one", "two", "three")}
    small["one"]["stages"][0]["touchpoints"][0].update(moment_of_truth=True, reliability="unknown")
    folder = write(tmp_path / "p", big=big, **small)
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    listed = [line for line in markdown.splitlines() if re.match(r"\d\. \*\*", line)]
    assert [re.match(r"\d\. \*\*(.*?)\*\*", line).group(1) for line in listed] == ["Billing", "Ops", "Web"], listed
    assert "3 of the 22 risky hand-offs lead into it (3 from Web), in 3 of the 4 journeys" in listed[0]
    assert "19 of the 22 risky hand-offs lead into it (19 from Web), in 1 of the 4 journeys" in listed[1]
    assert "its one moment of truth is not rated" in listed[2] and "not reliable" not in listed[2]
    assert "it falls short in 1 of the 4 journeys" in listed[2]
    assert "fall short in the most journeys first" in markdown


def test_a_department_ranked_by_journeys_says_the_number_it_is_ranked_by():
    """Customer relations, 1 risky hand-off in 1 journey and a shaky moment of truth in another,
    ranked as short in 2, above departments short in 1, but said "in 1 of the 8 journeys" (audit DC)."""
    from journeymap.portfolio.attention import Attention

    said = Attention("Customer relations", "Ann", risky_in=1, shaky=1, moments=3, journeys=2, risky_total=58,
                     risky_journeys=1, portfolio_journeys=8, short_journeys=2).sentence()
    assert said == ("1 of the 58 risky hand-offs leads into it, in 1 of the 8 journeys; 1 of its 3 moments of truth "
                    "is not reliable; it falls short in 2 of the 8 journeys"), said
    same = Attention("Claims", "Bo", risky_in=2, shaky=0, moments=1, journeys=2, risky_total=58,
                     risky_journeys=2, portfolio_journeys=8, short_journeys=2).sentence()
    assert "falls short" not in same  # said once, by the hand-offs' journeys
    one = Attention("D", "Al", risky_in=1, shaky=1, moments=1, journeys=2, risky_total=1, risky_journeys=1,
                    portfolio_journeys=2, short_journeys=2).sentence()
    assert one.startswith("the one risky hand-off leads into it, in 1 of the 2 journeys;") and one.endswith(
        "it falls short in both journeys"), one


def test_scorecards_say_which_risky_hand_offs_journey_files_accept(tmp_path):
    """Only the eight departments the must-act list names said how many of their risky hand-offs
    their journey files accept: a ninth's were nowhere (audit CE). Its scorecard says it, in the
    pages and the Markdown."""
    depts = [(f"d{i}", f"Department {i}") for i in range(12)]
    tps = [(f"t{i}", f"d{i}", "reliable" if i == 0 else "unreliable", False) for i in range(12)]
    data = journey("Many", depts, tps)
    data["stages"][0]["touchpoints"][11]["ignore"] = ["W110"]  # one risky hand-off in one journey: not among the eight
    folder = write(tmp_path / "p", many=data, more=journey("More", depts[:9], tps[:9]))
    md = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    listed = md[md.index("## Where the company must act"):md.index("## Journeys")]
    numbered = [line for line in listed.splitlines() if re.match(r"\d+\. ", line)]
    assert not any("Department 11" in line for line in numbered) and "And 3 more departments" in listed, listed
    # the departments past the list are named, most first (audit DC: "And 6 more" named none)
    assert re.search(r"And 3 more departments fall short, most first \(see their scorecards\): "
                     r"Department \d+, Department \d+ and Department \d+\.", listed), listed
    assert "| Department 11 | Lead of Department 11 | 1 | 1 | 0 | 0 | 1 | 0 | 1 | 0 | 1 (1 accepted) |" in md, md
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    card = html[html.index("<h3>Department 11</h3>"):]
    card = card[:card.index("</article>")]
    assert re.search(r"Of those received, accepted as known risks</th><td class=\"num\"[^>]*>1<", card), card
    assert "accepted as known risks" not in html[html.index("<h3>Department 1</h3>"):][:2000]


def test_a_long_department_name_is_shortened_at_the_head_of_a_column(tmp_path):
    """A department name of 180 characters took 19 lines of the printed heatmap's head, repeated on
    the next page (audit CE): a column's head is cut at a word with an ellipsis, the whole name in
    its title (and on the scorecard)."""
    long = ("Schadenabteilung für Wasser, Feuer und Sturm " * 4).strip()
    data = journey("Long", [("web", "Web"), ("claims", long)],
                   [("a", "web", "reliable", False), ("b", "claims", "unreliable", False)])
    folder = write(tmp_path / "p", one=data)
    marked = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    # a German name: marked as German on screen (test_userlang.py), its long words hyphenated
    assert '<th scope="col" title="' + long + '"><span lang="de">' in marked
    html = re.sub(r'<span lang="de">(.*?)</span>', r"\1", marked)
    heads = [(full, head.replace("&shy;", ""))
             for full, head in re.findall(r'<th scope="col"(?: lang="de")? title="([^"]*)">([^<]*)</th>', html)]
    assert len(heads) == 2 and all(full == long for full, _ in heads), heads  # the matrix and the heatmap
    assert all(len(head) <= 48 and head.endswith("…") and long.startswith(head[:-1]) for _, head in heads), heads
    assert f"<h3>{long}</h3>" in html.replace("&shy;", "")  # whole on the scorecard


def test_one_department_with_different_leads_in_two_journeys_names_both(tmp_path):
    """Two journeys' department (same id and name) with different leads was one department whose
    first lead won, the other dropped unsaid (audit E)."""
    first = journey("One", [("web", "Web")], [("t", "web", "reliable", False)])
    second = journey("Two", [("web", "Web")], [("u", "web", "unreliable", True)])
    first["departments"][0]["lead"], second["departments"][0]["lead"] = "Ann Lee", "Bo Chen"
    folder = write(tmp_path / "p", a=first, b=second)
    doc, _ = portfolio_json(folder)
    (web,) = [d for d in doc["departments"] if d["id"] == "web"]
    assert web["lead"] == "Ann Lee"
    assert web["other_leads"] == ["Bo Chen"]  # the JSON said only "Ann Lee" (audit EX)
    assert all("other_leads" not in d for d in doc["departments"] if d["id"] != "web")
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    assert "Lead: Ann Lee (also named: Bo Chen)" in html
    # ... and said where the notes on departments are, with the journeys naming each (audit CR)
    said = ("Web has 2 leads (Ann Lee in One; Bo Chen in Two): its card shows the first. Agree one lead, and define "
            "the department once in the project file's registry (journeymap.yaml), so that the journeys cannot "
            "name different ones.")
    assert f'<p class="warning-box">{said}</p>' in html.replace("&#39;", "'")
    assert f"> {said}\n" in run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    # a moment of truth is put to the lead its own journey names (audit AF: to the first's)
    moments = html[html.index('id="sec-moments"'):]
    moments = moments[:moments.index("</section>")]
    assert "Bo Chen" in moments and "Ann Lee" not in moments


def test_an_output_name_that_says_another_format_is_told_and_a_folder_takes_the_default_name(tmp_path):
    """`-o x.txt` wrote HTML without a word (audit E), as render and brief say."""
    result = run_cli("portfolio", str(MAPS), "-o", str(tmp_path / "x.txt"))
    assert "(it holds HTML: name it .html, or give --format)" in result.stderr
    result = run_cli("portfolio", str(MAPS), "-o", str(tmp_path), "--format", "json")
    assert (tmp_path / "portfolio.json").is_file() and result.exit_code == 0
    # .markdown is a Markdown file's name too (it read "it holds MD ... name it .md": audit U)
    for name, note in (("p.markdown", ""), ("p.txt", " (it holds Markdown, as --format said: name it .md)")):
        result = run_cli("portfolio", str(MAPS), "--format", "markdown", "-o", str(tmp_path / name))
        assert result.stderr.startswith(f"wrote {tmp_path / name}{note}:"), result.stderr


@pytest.mark.parametrize("first", [True, False], ids=["outsider-first", "registry-first"])
def test_a_journeys_own_department_is_not_taken_for_the_registrys_namesake(tmp_path, first):
    """A journey outside maps/ with its own "Contact centre" (id contact-centre, another lead)
    was rolled into the registry's department, whose lead then came from whichever journey was
    named first: other journeys' moments of truth were put to the wrong person (audit P)."""
    outsider = write(tmp_path / "elsewhere", house=journey(
        "House move", [("contact-centre", "Contact centre"), ("billing", "Billing")],
        [("h1", "contact-centre", "reliable", True), ("h2", "billing", "unreliable", False)]))
    paths = (outsider / "house.journey.yaml", MAPS) if first else (MAPS, outsider / "house.journey.yaml")
    doc, result = portfolio_json(*paths)
    assert result.exit_code == 0, result.output
    centres = {d["id"]: d for d in doc["departments"] if d["name"] == "Contact centre"}
    assert set(centres) == {"contact-centre", "contact-centre@house"}
    assert centres["contact-centre"]["lead"] == "Marcus Bell"  # the registry's, whatever the order
    assert centres["contact-centre@house"]["lead"] == "Lead of Contact centre"
    assert centres["contact-centre@house"]["touchpoints"] == 2 - 1
    owners = {m["touchpoint"]: m["department"] for m in doc["moments_of_truth"]}
    assert owners["h1"] == "contact-centre@house"
    assert {m["department"] for m in doc["moments_of_truth"] if m["journey"] != "house"} <= {
        d["id"] for d in doc["departments"] if "@" not in d["id"]}
    md = run_cli("portfolio", *map(str, paths), "--format", "markdown", "-o", "-").stdout
    assert ("The id contact-centre is the registry's department \u201cContact centre\u201d in" in md
            and "a department of its own in House move" in md), md
    assert "other journeys name" not in md
    assert "| Contact centre (house) |" in md and "| Contact centre |" in md  # told apart in the tables


def test_departments_whose_names_differ_only_in_case_are_shown_with_their_journeys(tmp_path):
    """"Customer service" and "Customer Service", two departments of id cs, stood side by side in
    the matrix, the heatmap and the list of who must act, alike to a reader (audit CE): names that
    differ only in case or spacing are shown with their journeys' ids, as equal names are."""
    first = journey("One", [("cs", "Customer service"), ("web", "Web")],
                    [("a", "web", "reliable", False), ("b", "cs", "unreliable", False)])
    second = journey("Two", [("cs", "Customer Service"), ("web", "Web")],
                     [("c", "web", "reliable", False), ("d", "cs", "unreliable", False)])
    folder = write(tmp_path / "p", one=first, two=second)
    md = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert "**Customer service (one)**" in md and "**Customer Service (two)**" in md, md
    assert "from Web" in md and "| Customer service |" not in md


def test_two_project_files_namesakes_by_other_names_are_two_departments(tmp_path):
    """Two folders, each with its project file, both define `cc`: "Contact centre" led by Alice
    North and "Call center" led by Bob South. They were one scorecard under the first name
    (review Q); a registry department is one department only with its own id and name."""
    for folder, name, lead in (("a", "Contact centre", "Alice North"), ("b", "Call center", "Bob South")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "journeymap.yaml").write_text(
            f"project: 1\ndepartments:\n  - {{id: cc, name: {name}, lead: {lead}}}\n"
            "  - {id: ops, name: Operations, lead: Oscar}\n", encoding="utf-8")
        (tmp_path / folder / f"j{folder}.journey.yaml").write_text(
            f"journeymap: 1\ntitle: Journey {folder}\nstages:\n  - name: Ask\n    touchpoints:\n"
            f"      - {{id: call-{folder}, name: Calls, department: cc, reliability: unreliable}}\n"
            f"      - {{id: fix-{folder}, name: Fixes, department: ops, reliability: reliable}}\n", encoding="utf-8")
    doc, result = portfolio_json(tmp_path / "a", tmp_path / "b")
    assert result.exit_code == 0, result.output
    leads = {d["id"]: (d["name"], d["lead"]) for d in doc["departments"]}
    assert leads["cc"] == ("Contact centre", "Alice North")
    assert leads["cc@jb"] == ("Call center", "Bob South")
    assert leads["ops"] == ("Operations", "Oscar") and "ops@jb" not in leads  # the same in both: one department
    md = run_cli("portfolio", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "markdown", "-o", "-").stdout
    assert "Their project files (journeymap.yaml) define the id differently" in md


def test_the_matrix_headers_break_between_words_only(tmp_path):
    """At 1,300 px the hand-off matrix's fixed columns broke "Field engineerin|g" (audit U)."""
    from browser import load_page

    need_chromium()
    names = ["Shop floor", "Workshop", "Online booking", "Online sales", "Contact centre", "Field engineering",
             "Billing", "Customer relations"]
    departments = [(f"d{i}", n) for i, n in enumerate(names)]
    tps = [(f"t{i}", f"d{i}", "reliable", False) for i in range(len(names))]
    folder = write(tmp_path / "p", a=journey("A", departments, tps))
    out = tmp_path / "portfolio.html"
    assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 0
    broken = ("(() => { const out = []; for (const th of document.querySelectorAll('table.matrix thead th')) {"
              " const r = document.createRange(); r.selectNodeContents(th);"
              " const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;"
              " if (lines > th.textContent.trim().split(/\\s+/).length) out.push(th.textContent); } return out; })()")
    report = load_page(out, ("table.matrix",), expressions={"broken": broken}, width=1300, screenshot=False)
    assert report.values["broken"] == []


SECTIONS = ("Where the company must act", "Journeys", "Hand-offs between departments",
            "The company’s moments of truth", "Department scorecards", "Reliability by journey and department",
            "Findings")


@pytest.mark.pdf
@pytest.mark.parametrize("copies,broken", [(6, 0), (13, 2), (0, 4)], ids=["9-journeys", "16-with-2-broken",
                                                                        "3-and-1-broken"])
def test_a_portfolio_prints_no_near_empty_page_and_titles_each_page_a_section_runs_on_to(tmp_path, copies, broken):
    """Nine journeys, a normal portfolio: a page was forced before the hand-offs, so page 2 held one
    row of the journeys table; a page held the scorecards' heading alone (the first card did not
    fit under it), one row of the moments of truth sat on a page of its own, a page a table ran on
    to had no title, and the last page held only "Generated by" (audit W). Sixteen: the heatmap,
    kept whole, left its heading alone; a broken journey's findings left one row on the last page;
    two broken journeys' tall rows took the journeys table off page 1 (review Y)."""
    need_pdftotext()
    folder = tmp_path / "maps"
    shutil.copytree(MAPS, folder)
    source = (MAPS / "business-ordering.journey.yaml").read_text(encoding="utf-8")
    for n in range(1, copies + 1):
        (folder / f"ordering-{n}.journey.yaml").write_text(
            source.replace("id: business-ordering", f"id: ordering-{n}")
                  .replace("title: Ordering supplies", f"title: Variant {n}, ordering supplies"), encoding="utf-8")
    for n in range(1, (2 if copies else 1) + 1 if broken else 1):
        wrong = "".join(f"      - {{name: X{k}, department: nope{k}}}\n" for k in range(broken))
        (folder / f"broken-{n}.journey.yaml").write_text(
            f"journeymap: 1\ntitle: Broken {n}\ndepartments: [{{name: A}}]\nstages:\n  - name: S\n"
            f"    touchpoints:\n{wrong}", encoding="utf-8")
    out = tmp_path / "portfolio.pdf"
    assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == (1 if broken else 0)
    pages = read_pages(out.read_bytes())
    lines = [p.body_lines() for p in pages]
    assert all(len(body) >= 8 for body in lines[:-1]), [len(body) for body in lines]
    assert len(lines[-1]) >= 4 and lines[-1][-1].startswith("Generated by journeymap")
    for n, page in enumerate(pages[1:], 2):
        head = " ".join(w.text for w in page.words if w.y1 < 40)
        begins = page.body_lines()[0].startswith(SECTIONS)
        assert ("(continued)" in head) != begins, (n, head, page.body_lines()[:2])
    # a heading never ends a page, nor a heading and its lead
    for n, body in enumerate(lines[:-1], 1):
        assert not set(body[-3:]) & set(SECTIONS), (n, body[-3:])
    # a card that runs on to another column or page names its department there (audit X)
    raw = " ".join(" ".join(p.raw.split()) for p in pages)
    cards = len(re.findall(r"Lead: [^·]+(?:· defined company-wide )?· (?:\d+ journeys|only in )", raw))
    assert cards >= 10 and raw.count("Touch-points of ") > cards, (cards, raw.count("Touch-points of "))

def test_journeys_alone_is_a_journeys_table_between_the_first_page_and_the_matrix():
    from journeymap.portfolio.pages import journeys_alone

    act, journeys, matrix = frozenset({"h-act"}), frozenset({"h-journeys"}), frozenset({"h-handoffs"})
    assert journeys_alone([act, journeys, matrix])
    assert journeys_alone([act, journeys | {"x"}, matrix | {"h-moments"}])
    assert not journeys_alone([act | journeys, matrix])  # on page 1: it belongs there
    assert not journeys_alone([act, journeys | matrix])  # the matrix follows it on its page
    assert journeys_alone([act | journeys, frozenset(), matrix])  # run on to a page of its own
    assert journeys_alone([act, journeys, frozenset(), matrix])
    assert not journeys_alone([act | journeys, act, matrix])  # who must act ran on: not the table's page
    assert not journeys_alone([act, matrix])


@pytest.mark.pdf
def test_the_journeys_table_does_not_take_a_page_of_its_own_before_the_matrix(tmp_path):
    """Five journeys: the table no longer fitted under who must act, and the matrix of 24
    departments, kept whole, began the page after it, so page 2 held five rows and was two
    thirds blank (audit AF). It follows the matrix now."""
    need_pdftotext()
    more = tmp_path / "more"
    more.mkdir()
    for name in ("bike", "broadband"):
        shutil.copy(FIXTURES / "valid" / f"{name}.journey.yaml", more)
    out = tmp_path / "portfolio.pdf"
    assert run_cli("portfolio", str(MAPS), str(more), "-o", str(out)).exit_code == 0
    data = out.read_bytes()
    starts = {title: page for title, level, page in outline(data) if level == 1}
    assert starts["Where the company must act"] == 0 and starts["Hand-offs between departments"] == 1
    assert starts["Hand-offs between departments"] < starts["Journeys"] <= starts["The company’s moments of truth"]
    pages = read_pages(data)
    lowest = [max(w.y1 for w in p.words if w.y1 < p.height - 40) / p.height for p in pages[:-1]]
    assert min(lowest) > 0.45, [round(n, 2) for n in lowest]


def test_the_portfolio_says_when_it_was_true_and_the_build_remakes_it_on_another_day(tmp_path, monkeypatch):
    """The quarterly pack's roll-up had no date anywhere, where every briefing has one (audit X)."""
    from journeymap.site.rollup import portfolio_key

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    out = tmp_path / "portfolio.html"
    assert run_cli("portfolio", str(MAPS), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert 'As of <time datetime="2026-01-01">1 January 2026</time>' in html and "on 1 January 2026.</footer>" in html
    key = portfolio_key([], None, "portfolio.html", "tools")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")
    assert portfolio_key([], None, "portfolio.html", "tools") != key
    assert portfolio_key([], None, "portfolio.json", "tools") == portfolio_key([], None, "portfolio.json", "tools")


def test_a_portfolio_over_two_project_files_says_which_one_it_follows(tmp_path):
    """Its title and W115 bounds came from the first path's project file without a word, while
    `check` over the same folders judged each by its own (audit AF)."""
    first = write(tmp_path / "a", a=journey("One", [("web", "Web")], [("t", "web", "reliable", True)]))
    second = write(tmp_path / "b", b=journey("Two", [("web", "Web")], [("u", "web", "reliable", True)]))
    (first / "journeymap.yaml").write_text("project: 1\norganisation: Alpha\n")
    (second / "journeymap.yaml").write_text("project: 1\norganisation: Beta\n")
    result = run_cli("portfolio", str(first), str(second), "-o", str(tmp_path / "p.json"))
    assert result.exit_code == 0, result.stderr
    assert (f"note: these journeys come under 2 project files ({first / 'journeymap.yaml'}, "
            f"{second / 'journeymap.yaml'}); the portfolio takes its organisation and moments-of-truth bounds "
            f"from {first / 'journeymap.yaml'}, the one that applies to {first}") in result.stderr
    alone = run_cli("portfolio", str(first), "-o", str(tmp_path / "q.json"))
    assert "note:" not in alone.stderr
    # no project file for the folder above both: said plainly, not "from none (the defaults), the one
    # that applies to ..." (audit BO)
    above = run_cli("portfolio", str(tmp_path), "-o", str(tmp_path / "r.json"))
    assert (f"note: these journeys come under 2 project files ({first / 'journeymap.yaml'}, "
            f"{second / 'journeymap.yaml'}); no project file applies to {tmp_path} itself, so the portfolio names "
            "no organisation and keeps the default moments-of-truth bounds (10 to 20), while `check` counts the "
            "journeys each project file applies to against that file's bounds") in " ".join(above.stderr.split())
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "c.journey.yaml").write_text((second / "b.journey.yaml").read_text())
    (tmp_path / "c" / "c.journey.yaml").rename(tmp_path / "c.journey.yaml")
    some = run_cli("portfolio", str(first), str(tmp_path / "c.journey.yaml"), "-o", str(tmp_path / "s.json"))
    assert f"come under 1 project file ({first / 'journeymap.yaml'}), some under none; " in some.stderr
    # and the portfolio's W115 itself, which the page and the site show, where no note is seen (audit FN)
    (w115,) = [f for f in json.loads((tmp_path / "r.json").read_text())["findings"] if f["code"] == "W115"]
    assert w115["message"].endswith("(default bounds 10 to 20; set moments_of_truth in a journeymap.yaml project file; "
                                    "`check` counts apart the journeys each project file applies to, against that "
                                    "file's own bounds)")
    from journeymap.portfolio.collect import project_groups

    (first / "a2.journey.yaml").write_text((first / "a.journey.yaml").read_text())
    relative = os.path.relpath(first / "a.journey.yaml")
    assert project_groups([relative, str((first / "a2.journey.yaml").resolve())]) == 1  # one file named two ways
    assert project_groups([relative, str(tmp_path / "c.journey.yaml")]) == 2  # one, and none
    assert run_cli("portfolio", str(first), "-o", str(tmp_path / "one.json")).exit_code == 0
    (alone_w115,) = [f for f in json.loads((tmp_path / "one.json").read_text())["findings"] if f["code"] == "W115"]
    assert "`check` counts" not in alone_w115["message"]


def test_a_portfolio_of_no_touch_point_says_no_share_rated_reliable(tmp_path):
    """"0% rated reliable" of journeys with no touch-point (every one broken) read as a verdict (audit BO)."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "x.journey.yaml").write_text("journeymap: 1\ntitle: [oops\n")
    result = run_cli("portfolio", str(folder), "-o", str(tmp_path / "a.md"))
    assert result.exit_code == 1
    headline = (tmp_path / "a.md").read_text(encoding="utf-8").split("\n")[4]
    assert headline.startswith("| 0 | 0 | 0 | 0 | \u2014 |") and "0%" not in headline


def test_a_journey_title_in_brackets_inside_the_portfolios_brackets_has_square_ones(tmp_path):
    """"(Home claim (pilot), moment of truth)" closed two asides at once, as the briefing's cracks
    page did before its fix (audit AK)."""
    folder = write(tmp_path / "maps", a=journey("Home claim (pilot)", [("web", "Web")], [("t", "web", "reliable", True)]),
                   b=journey("Renewal", [("web", "Web")], [("u", "web", "reliable", False)]))
    out = tmp_path / "p.html"
    assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "(Home claim [pilot], moment of truth)" in html and "(Home claim (pilot)" not in html
    assert "Home claim (pilot)" in html  # its own title is left as it is


def test_a_department_of_one_journey_names_it_on_its_card_not_after_each_touch_point(tmp_path):
    """Each of a card's touch-points repeated its journey's title, up to 100 characters, though
    the department was in that journey alone (audit CX)."""
    folder = write(tmp_path / "maps", a=journey("Home claim (pilot)", [("web", "Web")],
                                                [("t", "web", "reliable", True), ("u", "web", "unreliable", False)]))
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    card = html[html.index("<h3>Web</h3>"):]
    card = card[:card.index("</article>")]
    assert "only in Home claim (pilot) ·" in card and "Home claim [pilot]" not in card
    assert card.count("(moment of truth)") == 1 and card.count("Home claim") == 1


def test_counts_of_two_digits_set_their_risky_ones_under_them_and_cut_cards_list_the_worst(tmp_path):
    """In a portfolio of a dozen journeys "31 (20)" ran into the next cells on screen and broke
    ")" onto a line of its own in print; each PDF card listed its first 40 touch-points in file
    order, four reliable ones, and left out 48 unreliable (audit BK)."""
    import shutil

    from bench.generate import generate_journey
    from journeymap.portfolio.collect import load_portfolio
    from journeymap.portfolio.pages import PDF_LISTED, _card, _matrix
    from journeymap.journey.model import RELIABILITY_SEVERITY

    for name in ("journeymap.yaml", "home-claim.journey.yaml", "business-ordering.journey.yaml"):
        shutil.copy(MAPS / name, tmp_path / name)
    for i, n in enumerate((80, 120, 160)):
        text = generate_journey(n, seed=100 + i).replace(f"id: gen-{n}\n", f"id: gen-{i}\n", 1)
        (tmp_path / f"gen-{i}.journey.yaml").write_text(text, encoding="utf-8")
    portfolio = load_portfolio([str(tmp_path)])
    matrix = _matrix(portfolio)
    assert matrix["numbered"] and matrix["stacked"]
    assert not _matrix(load_portfolio([str(MAPS)]))["stacked"]  # the examples' counts fit "1 (1)"
    big = max(portfolio.departments, key=lambda c: len(c.touchpoints))
    assert len(big.touchpoints) > PDF_LISTED
    card = _card(big, PDF_LISTED)
    order = sorted(big.touchpoints, key=lambda t: RELIABILITY_SEVERITY[t.reliability])
    worst = [RELIABILITY_SEVERITY[t.reliability] for t in order[:PDF_LISTED]]
    assert [RELIABILITY_SEVERITY[o["rating"]["key"]] for o in card["owned"]] == worst
    assert card["more"] == len(big.touchpoints) - PDF_LISTED
    assert not _card(big)["more"] and len(_card(big)["owned"]) == len(big.touchpoints)


def test_two_files_of_one_journey_id_are_told_apart_by_their_titles_and_counted_as_two(tmp_path):
    """An old draft kept beside the journey: "“Claims team” in <the current journey's title>", and
    Contact centre in 3 journeys for 4 files, as departments kept their journeys by id (audit BK)."""
    import shutil

    from journeymap.portfolio.collect import load_portfolio
    from journeymap.portfolio.namesakes import namesakes

    for name in ("journeymap.yaml", "home-claim.journey.yaml", "business-ordering.journey.yaml",
                 "newsletter-subscriber.journey.yaml"):
        shutil.copy(MAPS / name, tmp_path / name)
    text = (MAPS / "home-claim.journey.yaml").read_text(encoding="utf-8")
    assert "name: Claims handling" in text
    old = re.sub(r"(?m)^title: .*$", "title: Home claim (old draft, Q3)", text, count=1)
    (tmp_path / "home-claim-old.journey.yaml").write_text(re.sub(r"(?m)name: Claims handling$", "name: Claims team", old),
                                                         encoding="utf-8")
    portfolio = load_portfolio([str(tmp_path)])
    (said,) = [s for s in namesakes(portfolio) if "claims-handling" in s]
    assert "“Claims team” in Home claim (old draft, Q3)" in said, said
    assert "“Claims handling” in Filing a home-insurance claim" in said, said
    contact = next(c for c in portfolio.departments if c.id == "contact-centre")
    files = [j for j in portfolio.journeys if any(t.journey == j.id for t in contact.touchpoints)]
    assert len(contact.journeys) == len(files) == 4


def test_the_matrix_totals_what_each_department_hands_over_and_how_much_of_it_is_risky(tmp_path):
    """The portfolio is to show which departments hand customers off badly, journey after journey
    (audit AP): each row of the hand-off matrix ends in what the department hands over in all,
    the risky ones in brackets, as its scorecard counts them."""
    from journeymap.portfolio.collect import load_portfolio
    from journeymap.portfolio.pages import _matrix

    portfolio = load_portfolio([str(MAPS)])
    matrix = _matrix(portfolio)
    rows = matrix["chunks"][-1]["rows"]
    cards = {c.shown: c for c in portfolio.departments}
    assert rows and all((r["total"], r["risky"]) == (cards[r["name"]].handoffs_out, cards[r["name"]].risky_out)
                        for r in rows)
    # and the scorecards' counts are the matrix's rows summed
    for card in cards.values():
        given = [(n, portfolio.risky.get(pair, 0)) for pair, n in portfolio.matrix.items() if pair[0] == card.key]
        assert (card.handoffs_out, card.risky_out) == (sum(n for n, _ in given), sum(r for _, r in given)), card.shown
    assert max(rows, key=lambda r: (r["risky"], r["total"]))["name"] == "Billing & payments"  # 7 (2)
    # and a last row of what each receives: who is handed customers badly (audit EA)
    received = [c for chunk in matrix["chunks"] for c in chunk["received"]]
    columns = [c["name"] for chunk in matrix["chunks"] for c in chunk["columns"]]
    assert [(c["n"], c["risky"]) for c in received] == [(cards[n].handoffs_in, cards[n].risky_in) for n in columns]
    assert (matrix["total"], matrix["risky"]) == (sum(c["n"] for c in received), sum(c["risky"] for c in received))
    out = tmp_path / "p.html"
    assert run_cli("portfolio", str(MAPS), "-o", str(out)).exit_code == 0
    table = out.read_text(encoding="utf-8").split('id="h-handoffs"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="col" class="total">Total</th>' in table and '>7<span class="r"> (2)</span></td>' in table
    markdown = tmp_path / "p.md"
    assert run_cli("portfolio", str(MAPS), "-o", str(markdown)).exit_code == 0
    section = markdown.read_text(encoding="utf-8").split("## Hand-offs between departments")[1]
    assert "| 7 (2 risky) |" in section
    assert f"| Total received | {received[0]['n']} ({received[0]['risky']} risky) |" in section
    assert 'Total received</th>' in table


def test_a_matrix_too_wide_for_any_screen_says_it_scrolls(tmp_path):
    """24 departments' hand-off matrix is wider than a section on a 1,920 px screen (columns 23, 24
    and Total out of sight), and its hint showed only on phones (review AZ)."""
    from bench.generate import generate_journey

    (tmp_path / "g.journey.yaml").write_text(generate_journey(80, departments=24), encoding="utf-8")
    out = tmp_path / "p.html"
    assert run_cli("portfolio", str(tmp_path), "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    matrix = page.split('id="h-handoffs"', 1)[1].split("</table>", 1)[0]
    assert matrix.count('scope="col" class="n"') == 24 and 'class="scroll-hint always"' in matrix
    small = tmp_path / "small.html"
    assert run_cli("portfolio", str(MAPS), "-o", str(small)).exit_code == 0  # 16 fit on a desktop
    assert 'class="scroll-hint always"' not in small.read_text(encoding="utf-8").split('id="h-handoffs"', 1)[1].split(
        "</table>", 1)[0]


@pytest.mark.pdf
def test_a_matrix_taller_than_a_page_runs_on_from_its_heading(tmp_path):
    """28 departments whose names take two lines: the matrix, kept whole, went to the next page and
    left its heading and introduction alone on a blank one (audit BY)."""
    ids = [f"d{i:02d}" for i in range(28)]
    named = [(d, f"Regional operations team {d} (field service, dispatch, planning)") for d in ids]
    journeys = {}
    for j in range(4):
        mine = named[j * 7:(j + 1) * 7] + [named[(j * 7 + 9) % 28]]
        flow = [(f"t{j}{k}", mine[k % len(mine)][0], "unreliable" if k % 3 else "reliable", k == 0) for k in range(16)]
        journeys[f"j{j}"] = journey(f"Journey {j}", mine, flow)
    folder = write(tmp_path / "p", **journeys)
    out = tmp_path / "p.pdf"
    assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 0
    heading = "Hand-offs between departments Each row hands"
    page = next(page.raw for page in read_pages(out.read_bytes()) if heading in page.raw)
    assert "From \\ To" in page.split(heading, 1)[1], "the matrix's heading and introduction end their page"


def test_the_moments_section_counts_in_words_and_names_the_project_file_only_where_there_is_one(tmp_path):
    """"All 1 moments of truth", "All 0 moments of truth", and a W115 box pointing to a project
    file the folder does not have (audit BY)."""
    def page(folder: Path) -> str:
        return run_cli("portfolio", str(folder), "-o", "-", "--format", "html").stdout

    one = write(tmp_path / "one", a=journey("One", [("s", "Sales")], [("t1", "s", "reliable", True)]))
    text = page(one)
    assert "One moment of truth across the journeys." in text and "1 moments" not in text
    assert "holds 1 moment of truth, outside the bounds of 10 to 20" in text
    assert "set <code>moments_of_truth</code> in a <code>journeymap.yaml</code> project file" in text
    none = write(tmp_path / "none", a=journey("None", [("s", "Sales")], [("t1", "s", "reliable", False)]))
    assert "No moments of truth in the journeys rolled up" in page(none) and "All 0" not in page(none)
    (one / "journeymap.yaml").write_text("project: 1\nmoments_of_truth:\n  min: 2\n  max: 3\n")
    assert "<code>moments_of_truth</code> in the project file sets them" in page(one)


def test_a_broken_project_file_gives_no_w115_in_portfolio_as_in_check(tmp_path):
    """Its bounds are not known: portfolio quoted the default bounds where check said nothing (audit BY)."""
    folder = tmp_path / "p"
    write(folder / "team", a=A, b=B)  # 3 moments of truth, under the default 10
    (folder / "journeymap.yaml").write_text("project: 1\norganisation: Root Org\ncolour: blue\n")
    doc, _ = portfolio_json(folder)
    assert "E003" in [f["code"] for f in doc["findings"]] and "W115" not in [f["code"] for f in doc["findings"]]
    assert "W115" not in run_cli("check", str(folder)).stdout
    # a sound project file nearer the journeys is the one they are checked with (its bounds, the
    # default ones here), in the portfolio as in check (audit CR)
    team = folder / "team" / "journeymap.yaml"
    team.write_text("project: 1\norganisation: Team\n")
    doc, _ = portfolio_json(folder)
    assert doc["organisation"] == "Team"
    assert [(f["code"], f["path"]) for f in doc["findings"]] == [("W115", str(team))]
    assert f"{team}:1:1: W115" in run_cli("check", str(folder)).stdout


@pytest.mark.pdf
def test_risky_cells_of_the_printed_matrix_have_a_dashed_red_edge(tmp_path):
    """In greyscale the risky cells' pink fill printed as light as a plain count: they have a dashed
    red edge. In the portfolio a 1px dashed edge lost to its neighbours' white 1px (collapsed
    borders of one width: the solid one is drawn), and most cells showed none (review CL)."""
    from PIL import Image

    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    pdf = examples_portfolio_pdf()
    pages = read_pages(pdf)
    number = next(n for n, p in enumerate(pages) if "Hand-offs between departments" in p.raw)
    risky = [w for w in pages[number].words if re.fullmatch(r"\(\d+\)", w.text)]
    assert risky
    dpi = 144
    (tmp_path / "p.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-singlefile", "-r", str(dpi), "-f", str(number + 1), "-l", str(number + 1),
                    str(tmp_path / "p.pdf"), str(tmp_path / "page")], capture_output=True, check=True)
    image = Image.open(tmp_path / "page.png").convert("RGB")
    k = dpi / 72

    def red(x: float, y: float) -> bool:
        r, g, b = image.getpixel((int(x * k), int(y * k)))
        return r > 100 and g < 80 and b < 80

    for word in risky:  # the cell's top edge lies within a few points above its count
        band = [(x, y) for x in range(int(word.x0) - 20, int(word.x1) + 1) for y in range(int(word.y0) - 7, int(word.y0))]
        assert any(red(x + 0.5, y + 0.5) for x, y in band), (word.text, word.x0, word.y0)


def test_a_department_outside_the_company_is_not_told_as_one_without_a_lead(tmp_path):
    """The examples' "Word of mouth & web" (layer external) carried "Lead: none named" on its card,
    a gap to fill, where the briefing says "outside the company" (audit CM); a contact named is
    told as one. In the HTML's cards and list, and in the Markdown's list and table."""
    data = journey("Outside", [("web", "Word of mouth"), ("shop", "Shop")],
                   [("hear", "web", "unreliable", True, ["buy"]), ("buy", "shop", "it-depends", True)])
    data["departments"][0] = {"id": "web", "name": "Word of mouth", "layer": "external"}
    press = journey("Press", [("press", "Press"), ("shop", "Shop")],
                    [("read", "press", "unreliable", True, ["buy"]), ("buy", "shop", "reliable", True)])
    press["departments"][0] = {"id": "press", "name": "Press", "layer": "external", "lead": "Pat"}
    folder = write(tmp_path / "maps", outside=data, press=press)
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout.replace("&amp;", "&")
    facts = dict(re.findall(r'<h3>(.*?)</h3>\s*<p class="facts muted">(.*?) ·', html))
    assert facts == {"Word of mouth": "Outside the company; no contact named", "Press": "Outside the company; contact: Pat",
                     "Shop": "Lead: Lead of Shop"}, facts
    assert "none named" not in html
    acts = re.findall(r'<li><strong>(.*?)</strong>:.*?<span class="who">(.*?)</span></li>', html)
    assert dict(acts)["Word of mouth"] == "Outside the company; no contact named." and dict(acts)["Shop"] == "Lead: Lead of Shop."
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert "**Word of mouth**: " in markdown and "none named" not in markdown
    assert re.search(r"^\| Word of mouth \| Outside the company; no contact named \|", markdown, re.M)
    assert re.search(r"^\| Press \| Pat \(outside the company\) \|", markdown, re.M)
    # and its moment of truth's lead, in the Markdown's table and the page's (audit DC)
    assert re.search(r"^\| ✖ unreliable \| Touch-point hear \| Outside \| Word of mouth \| outside the company; no contact named \|$",
                     markdown, re.M), markdown
    assert re.search(r"<td>Word of mouth</td><td>outside the company; no contact named</td></tr>", html), html


def test_the_registry_s_shared_departments_are_said_to_add_up_across_journeys(tmp_path):
    """Three businesses' journeys showed one "Contact centre" receiving hand-offs from each, with
    nothing to say it is the group's shared one (audit CM): the lead names the registry's
    departments that serve more than one journey. Journeys without a registry say nothing of it."""
    said = ("Contact centre and Billing & payments are shared: defined once, in the project file, they serve "
            "all 3 journeys, and their numbers here add up across them.")
    html = run_cli("portfolio", str(MAPS), "--format", "html", "-o", "-").stdout.replace("&amp;", "&")
    lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S)
    assert lead is not None and lead.group(1).endswith(said), lead
    assert f"\n{said}\n" in run_cli("portfolio", str(MAPS), "--format", "markdown", "-o", "-").stdout
    alone = write(tmp_path / "maps", a=journey("A", [("cc", "Contact centre")], [("x", "cc", "reliable", True)]),
                  b=journey("B", [("cc", "Contact centre")], [("y", "cc", "reliable", True)]))
    assert "are shared" not in run_cli("portfolio", str(alone), "--format", "markdown", "-o", "-").stdout


def test_a_folder_above_the_project_file_is_checked_and_rolled_up_with_it(tmp_path):
    """``check .`` from a repository's root, whose journeys live in cx/ beside cx/journeymap.yaml:
    the journeys were checked with its registry, but the portfolio's bounds and organisation were
    searched for upwards from ``.`` alone, so W115 fired by the default bounds, told the reader to
    add the project file there was, and ``--strict`` failed CI (audit CR). Each journey is counted
    by the project file it is checked with; one under none by the default bounds."""
    root = tmp_path / "repo"
    cx = write(root / "cx", a=A)  # 3 moments of truth: fewer than the default 10
    (cx / "journeymap.yaml").write_text("project: 1\norganisation: Acme\nmoments_of_truth: {min: 1, max: 5}\n",
                                        encoding="utf-8")
    assert "W115" not in run_cli("check", str(cx)).stdout
    result = run_cli("check", str(root))
    assert result.exit_code == 0 and "W115" not in result.stdout, result.stdout
    doc, _ = portfolio_json(root)
    assert doc["organisation"] == "Acme" and not [f for f in doc["findings"] if f["code"] == "W115"]
    loose = write(root / "loose", b=B)  # no project file: the default bounds, at its own journey
    result = run_cli("check", str(root))
    told = [line for line in result.stdout.splitlines() if "W115" in line]
    assert len(told) == 1 and told[0].startswith(f"{loose / 'b.journey.yaml'}:1:1: W115"), told
    tight = (cx / "journeymap.yaml").read_text(encoding="utf-8").replace("{min: 1, max: 5}", "{min: 5, max: 9}")
    (cx / "journeymap.yaml").write_text(tight, encoding="utf-8")
    told = [line for line in run_cli("check", str(root)).stdout.splitlines() if "W115" in line]
    assert sorted(t.split(":")[0] for t in told) == sorted([str(cx / "journeymap.yaml"), str(loose / "b.journey.yaml")])


def test_departments_past_the_act_list_that_no_one_of_ours_answers_for_are_named(tmp_path):
    """With 28 of 30 departments falling short, a contact centre with no lead and a partner
    receiving 6 risky hand-offs were 20th and 16th, told only on scorecards pages on (audit CR):
    after "And N more", those with no lead named and those outside the company are named."""
    names = [f"Team {c}" for c in "ABCDEFGH"] + ["Yonder desk", "Zulu partner", "Zeta desk"]
    depts = [("start", "Start")] + [(f"d{i}", n) for i, n in enumerate(names)]
    tps = [("t0", "start", "reliable", False, [f"t{i + 1}" for i in range(len(names))])]
    tps += [(f"t{i + 1}", f"d{i}", "it-depends", False, []) for i in range(len(names))]
    data = journey("Many", depts, tps)
    for d in data["departments"]:
        if d["name"] == "Yonder desk":
            d["lead"] = "TBD"  # a lead written to say there is none, as the briefing takes it (audit CT)
        if d["name"] == "Zulu partner":
            del d["lead"]
            d["layer"] = "external"
    folder = write(tmp_path / "p", many=data)
    said = ["Of them, no lead named: Yonder desk (1 risky hand-off in).",
            "Of them, outside the company: Zulu partner (1 risky hand-off in)."]
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    act = html[html.index('id="sec-act"'):]
    act = act[:act.index("</section>")]
    assert "And 3 more departments" in act and re.findall(r'<p class="gap">(.*?)</p>', act) == said
    card = html[html.index("<h3>Yonder desk</h3>"):]
    assert card[:card.index("</p>")].split('class="facts muted">')[1].startswith("Lead: none named")
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert all(f"\n{s}\n" in markdown for s in said), markdown


def test_the_markdown_s_sections_come_in_the_html_page_s_order():
    """The Markdown put the heatmap before the scorecards and the moments of truth last, the HTML
    page the other way round (audit CR): one order, the page's."""
    html = run_cli("portfolio", str(MAPS), "--format", "html", "-o", "-").stdout
    markdown = run_cli("portfolio", str(MAPS), "--format", "markdown", "-o", "-").stdout
    page = [h.split(" (")[0] for h in re.findall(r"<h2 id=\"h-[a-z]+\">(.*?)</h2>", html)]
    told = [h.split(" (")[0] for h in re.findall(r"^## (.*)$", markdown, re.M)]
    words = {"Hand-offs between departments": "hand-off", "The company's moments of truth": "moments of truth",
             "The company’s moments of truth": "moments of truth", "Reliability by journey and department": "reliab",
             "Where the company must act": "act", "Journeys": "journeys", "Department scorecards": "scorecards"}

    def kinds(heads: list[str]) -> list[str]:
        return [next((v for k, v in words.items() if h.startswith(k) or v in h.lower()), h) for h in heads]
    assert kinds(told) == [k for k in kinds(page) if k in kinds(told)], (page, told)


def test_senders_tied_with_the_second_are_named_not_counted_among_the_others():
    """"2 from Complaints, 2 from Field engineering, 7 from 6 others": MeterCo, which sent 2 as well,
    was among the others by the alphabet (audit CR). Those sending as many as the second are named,
    up to four; the rest counted."""
    from journeymap.portfolio.attention import Attention

    def said(*senders: tuple[str, int]) -> str:
        return Attention("Contact centre", "Ann", sum(n for _, n in senders), 0, 0, 1, 20, senders).sentence()

    assert "(3 from A, 2 from B, 2 from C, 1 from D)" in said(("A", 3), ("B", 2), ("C", 2), ("D", 1))
    assert "(2 from A, 2 from B, 2 from C, 2 from D, 3 from 2 others)" in said(
        ("A", 2), ("B", 2), ("C", 2), ("D", 2), ("E", 2), ("F", 1))
    assert "(3 from A, 2 from B, 2 from 2 others)" in said(("A", 3), ("B", 2), ("C", 1), ("D", 1))
    assert "(2 from A, 1 from B)" in said(("A", 2), ("B", 1))


def test_a_registry_of_many_shared_departments_is_counted_not_listed_in_the_headline(tmp_path):
    """Seventeen shared departments' names ran on for four lines of the headline (audit CR's
    registry): past four, the three serving the most journeys are named and the rest counted."""
    ids = ["a", "b", "c", "d", "e"]
    registry = "".join(f"  - {{id: {i}, name: Dept {i.upper()}, lead: L{i}}}\n" for i in ids)
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "journeymap.yaml").write_text(f"project: 1\ndepartments:\n{registry}", encoding="utf-8")
    for n, used in enumerate((ids, ids, ["a", "b"])):
        tps = "".join(f"      - {{id: t{i}, name: T {i}, department: {i}, reliability: reliable}}\n" for i in used)
        (folder / f"j{n}.journey.yaml").write_text(
            f"journeymap: 1\ntitle: J{n}\ndepartments: [{', '.join(used)}]\nstages:\n  - name: S\n"
            f"    touchpoints:\n{tps}", encoding="utf-8")
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert ("5 departments of the project file's registry serve more than one journey (Dept A, Dept B, Dept C "
            "and 2 more): their numbers here add up across journeys.") in markdown, markdown[:600]


def test_a_lead_two_journeys_name_is_told_with_both_journeys(tmp_path):
    """"Ann (another journey names Bob)" where two journeys named Bob (review CS): the card says
    "also named", and the note names each lead's journeys, joined by "and"."""
    ones = [journey(t, [("web", "Web")], [(f"t{n}", "web", "reliable", False)]) for n, t in enumerate(("One", "Two", "Three"))]
    for data, lead in zip(ones, ("Ann", "Bob", "Bob")):
        data["departments"][0]["lead"] = lead
    folder = write(tmp_path / "p", a=ones[0], b=ones[1], c=ones[2])
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert "| Web | Ann (also named: Bob) |" in markdown
    assert "> Web has 2 leads (Ann in One; Bob in Two and Three): its card shows the first." in markdown


def test_three_other_leads_are_listed_as_a_sentence_lists_them(tmp_path):
    """"also named: Marcus Bell and Aisha Khan and Marcus Reid and Omar Haddad" (audit FA): a
    list of three or more reads "B, C and D"."""
    ones = [journey(t, [("web", "Web")], [(f"t{n}", "web", "reliable", False)])
            for n, t in enumerate(("One", "Two", "Three", "Four"))]
    for data, lead in zip(ones, ("Ann", "Bob", "Cy", "Di")):
        data["departments"][0]["lead"] = lead
    folder = write(tmp_path / "p", a=ones[0], b=ones[1], c=ones[2], d=ones[3])
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert "| Web | Ann (also named: Bob, Cy and Di) |" in markdown


def test_two_departments_of_one_name_in_one_journey_are_told_apart_by_their_ids(tmp_path):
    """cc-north and cc-south, both "Contact centre" in one journey, were both "Contact centre (twocc)":
    one handing customers to itself, in the list, the matrix and the cards (audit CT)."""
    data = journey("Two", [("cc-north", "Contact centre"), ("cc-south", "Contact centre")],
                   [("a", "cc-north", "reliable", False, ["b"]), ("b", "cc-south", "unreliable", True)])
    folder = write(tmp_path / "p", twocc=data)
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert "**Contact centre (cc-south in twocc)**: the one risky hand-off leads into it " \
           "(1 from Contact centre (cc-north in twocc))" in markdown, markdown
    assert "| Contact centre (cc-north in twocc) |" in markdown and "| Contact centre (cc-south in twocc) |" in markdown


def test_a_lead_written_tbd_is_no_lead_beside_one_another_journey_names(tmp_path):
    """"Lead: Ana (also named: n/a)" and "Ops has 2 leads (Ana in A; n/a in B)" (review CV): a lead
    written to say there is none names no one, whichever journey comes first."""
    one = journey("A", [("ops", "Ops")], [("a", "ops", "reliable", False)])
    two = journey("B", [("ops", "Ops")], [("b", "ops", "reliable", False)])
    for first, second in (("Ana", "n/a"), ("TBD", "Ana")):
        one["departments"][0]["lead"], two["departments"][0]["lead"] = first, second
        folder = write(tmp_path / f"p-{first}", a=one, b=two)
        markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
        assert "| Ops | Ana |" in markdown and "2 leads" not in markdown, markdown


def test_each_scorecard_figure_is_read_with_its_own_label():
    """A scorecard row holds two label-and-figure pairs: each figure names its own label, which a
    screen reader otherwise takes from every header to its left (audit CT)."""
    html = run_cli("portfolio", str(MAPS), "--format", "html", "-o", "-").stdout
    assert "Of those received, accepted as known risks" in html
    assert html.count('<td class="num" headers="dept-') >= 6 * 10
    assert html_row_header_problems(html) == []


def test_the_markdown_scorecards_say_none_named_for_a_lead_written_tbd(tmp_path):
    """The Markdown's scorecard table printed "TBD" where the page's card said "Lead: none named"."""
    (tmp_path / "a.journey.yaml").write_text(
        "journeymap: 1\ntitle: A\ndepartments: [{id: d, name: Desk, lead: TBD}, {id: e, name: Ends}]\nstages:\n"
        "  - name: S\n    touchpoints:\n      - {name: X, department: d}\n      - {name: Y, department: e}\n")
    text = run_cli("portfolio", str(tmp_path), "--format", "markdown", "-o", "-").stdout
    rows = {line.split(" | ")[0].strip("| "): line for line in text.splitlines() if line.startswith("| Desk") or line.startswith("| Ends")}
    assert rows["Desk"].startswith("| Desk | none named |") and rows["Ends"].startswith("| Ends | none named |"), rows


@pytest.mark.pdf
def test_a_department_name_a_column_head_cuts_short_is_given_whole_under_the_table():
    """"Platform engineering (email delivery, website…" headed a heatmap column, and in print no
    title gave the rest (audit CX)."""
    need_pdftotext()
    text = " ".join(line for page in read_pages(examples_portfolio_pdf()) for line in page.body_lines())
    assert "Cut short above, in full: Platform engineering (email delivery, website, archive)." in text
    html = run_cli("portfolio", str(MAPS), "--format", "html", "-o", "-").stdout
    assert html.count("Cut short above, in full:") == 1  # the heatmap's; the matrix is numbered


def test_a_department_that_owns_no_touch_point_in_its_one_journey_says_1_journey():
    """"Lead: Ola Berg · 1 journeys" (review CZ): a department with no touch-point is not "only in" its journey."""
    html = run_cli("portfolio", str(FIXTURES / "valid" / "empty-lane.journey.yaml"), "--format", "html", "-o", "-").stdout
    assert "· 1 journey ·" in html and "1 journeys" not in html


def test_two_department_names_cut_alike_keep_their_ends_at_the_head_of_a_column(tmp_path):
    """Two departments' heads both read "Customer operations, onboarding &…" (review CZ)."""
    long = "Customer operations, onboarding & know-your-customer verification"
    folder = write(tmp_path / "maps", a=journey("A", [("n", f"{long} (EU north)"), ("s", f"{long} (EU south)")],
                                                [("t", "n", "reliable", True), ("u", "s", "unreliable", False)]))
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    heads = re.findall(r'<th scope="col" title="[^"]*">([^<]*)</th>', html)
    assert "Customer operations\u2026 verification (EU north)" in heads and "Customer operations\u2026 verification (EU south)" in heads, heads


def test_departments_of_one_name_and_different_ids_are_told_how_to_be_one(tmp_path):
    """A journey written before the registry defined "Contact centre" under an id of its own: the
    portfolio counted it apart from the registry's "Contact centre", with no word of why (audit DC)."""
    from conftest import MAPS

    for source in MAPS.glob("*.yaml"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    own = tmp_path / "business-ordering.journey.yaml"
    own.write_text(own.read_text(encoding="utf-8").replace(
        "  - contact-centre\n", "  - {id: cc, name: Contact centre, lead: Marcus Bell, layer: frontstage}\n", 1)
        .replace("department: contact-centre", "department: cc"), encoding="utf-8")
    said = ("\u201cContact centre\u201d is the name of 2 departments of different ids (contact-centre (the registry's, in ")
    for fmt in ("markdown", "html"):
        out = run_cli("portfolio", str(tmp_path), "--format", fmt, "-o", "-").stdout
        assert said in htmllib.unescape(out) and "cc (in Ordering supplies" in htmllib.unescape(out), fmt
        assert "write the registry's id contact-centre in the other journeys' departments" in htmllib.unescape(out)


def test_the_screen_heatmap_fits_a_laptop_window_and_the_printed_one_keeps_its_tables(tmp_path):
    """18 departments made two heatmap tables of 9 on screen, each 99.5 em wide at least: past a
    1,366 px laptop's window, its right columns behind "Scroll sideways" (audit DC). On screen a
    table holds at most 7 departments, each column 8.5 em; in print the tables are as before."""
    depts = [(f"d{i}", f"Department {i}") for i in range(18)]
    folder = write(tmp_path / "p", one=journey("One", depts, [(f"t{i}", f"d{i}", "reliable", False) for i in range(18)]))
    page = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    heat = page[page.index('id="sec-heatmap"'):]
    widths = [float(w) for w in re.findall(r'class="grid heat"[^>]*style="min-width: ([\d.]+)em"', heat)]
    assert len(widths) == 3 and max(widths) * 16 <= 1366 - 110, widths  # 16 px type; the page's margins
    from journeymap.portfolio.pages import _heatmap, COLUMNS
    from journeymap.portfolio.collect import load_portfolio
    assert [len(c["columns"]) for c in _heatmap(load_portfolio([str(folder)]), COLUMNS)] == [9, 9]


def test_the_markdown_moments_of_truth_name_who_answers_for_each():
    """The HTML and the PDF name each moment of truth's lead; the Markdown did not (audit DC)."""
    md = run_cli("portfolio", str(MAPS), "--format", "markdown", "-o", "-").stdout
    table = md.split("| Reliability | Moment of truth | Journey | Department | Lead |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 17 and "| Calls customer service for the third time this month |" in rows[0]
    assert rows[0].endswith("| Contact centre | Marcus Bell |")


def test_a_file_name_breaks_at_its_dots_and_slashes_not_mid_word(tmp_path):
    """At 390 px, "newsletter-subscriber.journey.yaml" broke mid-word in the journeys table (audit DC)."""
    folder = tmp_path / "cx" / "insurance"
    folder.mkdir(parents=True)
    shutil.copy(MAPS / "home-claim.journey.yaml", folder)
    shutil.copy(MAPS / "business-ordering.journey.yaml", tmp_path / "cx")
    page = run_cli("portfolio", str(tmp_path / "cx"), "--format", "html", "-o", "-").stdout
    cells = re.findall(r'<td class="file" translate="no">(.*?)</td>', page)
    assert cells == ["business-ordering<wbr>.journey<wbr>.yaml", "insurance/<wbr>home-claim<wbr>.journey<wbr>.yaml"]
    assert "td.file { hyphens: manual; }" in page


def test_the_portfolio_s_links_are_in_the_pages_accent(tmp_path):
    """Its journey titles and its link home were the browser's blue, visited purple, where the
    build's index and the live preview use the accent (audit DU)."""
    from browser import load_page

    assert run_cli("build", str(MAPS), "-o", str(tmp_path / "site"), "--formats", "json,html").exit_code == 0
    colours = "[...new Set([...document.querySelectorAll('a')].map(a => getComputedStyle(a).color))]"
    said = load_page(tmp_path / "site" / "portfolio.html", expressions={"c": colours}, screenshot=False).values["c"]
    assert said == ["rgb(47, 93, 138)"]


def test_the_matrix_says_which_departments_it_leaves_out(tmp_path):
    """The headline counted every department and the hand-off matrix only those with hand-offs:
    Legal, which has none, was dropped without a word (audit EI). HTML and Markdown say so."""
    fixtures = str(FIXTURES / "valid")
    html, md = tmp_path / "p.html", tmp_path / "p.md"
    assert run_cli("portfolio", fixtures, "-o", str(html)).exit_code in (0, 1)
    assert run_cli("portfolio", fixtures, "-o", str(md)).exit_code in (0, 1)
    said = "Left out: Legal, which hands no customer over and receives none."
    section = html.read_text(encoding="utf-8").split('id="h-handoffs"', 1)[1].split("</table>", 1)[0]
    assert said in section
    assert said in md.read_text(encoding="utf-8").split("## Hand-offs between departments")[1]
    examples = tmp_path / "e.md"  # every department of the examples hands over or receives
    assert run_cli("portfolio", str(MAPS), "-o", str(examples)).exit_code == 0
    assert "Left out:" not in examples.read_text(encoding="utf-8")


def test_journeys_that_share_a_title_are_told_apart_by_their_files_on_the_pages(tmp_path):
    """Two journeys of one title were two heatmap rows, and moments of truth, nobody could tell
    apart (audit EI): the pages put the end of each file's path after the title, as far as it
    takes to tell them apart; a title of its own stays bare, and the JSON keeps every title."""
    same = journey("Moving home", [("ops", "Operations")], [("t1", "ops", "unreliable", True)])
    folder = tmp_path / "p"
    write(folder / "north", move=same)
    write(folder / "south", move=same, relocation=same)
    write(folder, other=journey("Paying a bill", [("ops", "Operations")], [("t1", "ops", "reliable", True)]))
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    for told in ("Moving home (north/move.journey.yaml)", "Moving home (south/move.journey.yaml)",
                 "Moving home (relocation.journey.yaml)"):
        assert html.count(f'<th scope="row" class="rowhead">{told}</th>') == 1  # its heatmap row
        assert html.count(f"<td>{told}</td>") == 1  # its moment of truth
    assert "Paying a bill (" not in html and '<th scope="row" class="rowhead">Paying a bill</th>' in html
    assert "(p/" not in html  # from the folder that holds them, not the one portfolio ran in (review EN)
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert "| Moving home (south/move.journey.yaml) | ✖ unreliable (1 unreliable) |" in markdown
    doc = json.loads(run_cli("portfolio", str(folder), "--format", "json", "-o", "-").stdout)
    assert sorted(j["title"] for j in doc["journeys"]) == ["Moving home"] * 3 + ["Paying a bill"]


def test_a_title_is_told_apart_by_paths_from_the_folder_that_holds_the_journeys(tmp_path):
    """Where one file's path ends as another's does, the old label climbed to the folders above
    those named: "(t1/maps/x.journey.yaml)", t1 being where portfolio ran (review EN)."""
    same = journey("Moving home", [("ops", "Operations")], [("t1", "ops", "unreliable", True)])
    root = tmp_path / "somewhere"
    write(root / "maps", x=same)
    write(root / "other" / "maps", x=same)
    html = run_cli("portfolio", str(root / "maps"), str(root / "other" / "maps"), "--format", "html", "-o", "-").stdout
    assert "Moving home (maps/x.journey.yaml)" in html and "Moving home (other/maps/x.journey.yaml)" in html
    assert "somewhere/" not in html


def test_the_share_rated_reliable_is_rounded_once_from_the_counts():
    """51 of 101 touch-points reliable is 50.495 %: rounded to 4 decimals first (0.505), every
    output printed 51 % (audit EP). The portfolio, the journey's export and its briefing say 50 %."""
    import journeymap
    from journeymap.report import share_of

    assert [share_of(51, 101), share_of(23, 107), share_of(86, 103)] == ["50%", "21%", "83%"]
    tps = [(f"t{n}", "ops", "reliable" if n < 51 else "unreliable", False) for n in range(101)]
    folder = write(Path(tempfile.mkdtemp()) / "p", a=journey("Big", [("ops", "Operations")], tps))
    portfolio = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert "| 50% |" in portfolio and "51%" not in portfolio
    checked = journeymap.load(folder / "a.journey.yaml")
    assert "| 50% |" in journeymap.export(checked, "markdown")
    shutil.rmtree(folder.parent)


def test_the_portfolio_page_on_screen_carries_a_content_security_policy():
    """The build's portfolio.html had none, where its index and the briefings do: a second layer,
    should an escape ever be missed (audit EO). No script runs and nothing is loaded."""
    html = run_cli("portfolio", str(MAPS), "--format", "html", "-o", "-").stdout
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    said = htmllib.unescape(policy.group(1)) if policy else ""
    assert "default-src 'none'" in said and "script-src" not in said
    assert "<script" not in html


def test_journeys_told_apart_by_their_files_count_once_for_the_pages_language(tmp_path):
    """Listed by both titles, two German journeys of one title counted four against three English
    ones: the mostly English page was hyphenated by German rules (review ES)."""
    from journeymap.portfolio.language import hyphenation_of, journey_languages, own_titles
    from journeymap.portfolio.collect import load_portfolio

    folder = tmp_path / "p"
    german = (FIXTURES / "scripts" / "de-kfz-schaden.journey.yaml").read_text(encoding="utf-8")
    for sub in ("a", "b"):
        (folder / sub).mkdir(parents=True)
        (folder / sub / "x.journey.yaml").write_text(german, encoding="utf-8")
    for name in ("house-move", "complaint-escalation", "broadband-install"):  # English, needing no registry
        shutil.copy(FIXTURES / "valid" / f"{name}.journey.yaml", folder / f"{name}.journey.yaml")
    portfolio = load_portfolio([str(folder)])
    languages = journey_languages(portfolio)
    assert len(languages) == 5 and hyphenation_of(languages) is None
    titles = dict(own_titles(portfolio, languages))
    german_title = next(j.title for j in portfolio.journeys if j.shown != j.title)
    assert titles[german_title] == "de"  # the since section's lookup by its own title


def test_the_headline_says_how_many_risky_hand_offs_are_accepted(tmp_path):
    """Each briefing's cover says "3 risky hand-offs, 1 accepted"; the portfolio's headline said
    "9 risky hand-offs" alone, as if none were accepted (audit FA)."""
    tps = [("a1", "a", "reliable", False), ("b1", "b", "unreliable", False), ("a2", "a", "reliable", False),
           ("b2", "b", "it-depends", False)]
    one = journey("One", [("a", "A"), ("b", "B")], tps)
    one["stages"][0]["touchpoints"][1]["ignore"] = ["W110"]  # the hand-off into b1 is accepted
    two = journey("Two", [("a", "A"), ("b", "B")], tps)
    folder = write(tmp_path / "p", one=one, two=two)
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    assert re.search(r'<span class="value">4</span> risky hand-offs \(1 accepted\)</li>', html), \
        re.findall(r'<span class="value">\d+</span> risky[^<]*', html)
    markdown = run_cli("portfolio", str(folder), "--format", "markdown", "-o", "-").stdout
    assert "| 4 (1 accepted) |" in markdown  # the Markdown and the JSON say it too (review FB)
    assert json.loads(run_cli("portfolio", str(folder), "--format", "json", "-o", "-").stdout)["headline"][
        "risky_handoffs_accepted"] == 1
    folder = write(tmp_path / "q", two=two)
    html = run_cli("portfolio", str(folder), "--format", "html", "-o", "-").stdout
    assert re.search(r'<span class="value">2</span> risky hand-offs</li>', html)  # none accepted: nothing said


def test_check_names_the_journeys_each_w115_counts_where_a_folder_holds_several_projects(tmp_path):
    """`check` of a folder counts the journeys under each project file by that file's bounds; its
    W115 called the one journey under none "the one journey of this portfolio", beside the
    portfolio of the same folder counting all of them (audit FI)."""
    first = write(tmp_path / "a", a=journey("One", [("web", "Web")], [("t", "web", "reliable", True)]))
    second = write(tmp_path / "b", b=journey("Two", [("web", "Web")], [("u", "web", "reliable", True)]))
    (first / "journeymap.yaml").write_text("project: 1\nmoments_of_truth: {min: 2, max: 5}\n")
    said = run_cli("check", str(tmp_path)).stdout
    assert (f"{first / 'journeymap.yaml'}:2:1: W115 portfolio-moments-of-truth: the one journey that "
            f"{first / 'journeymap.yaml'} applies to holds 1 moment of truth, fewer than 2") in said, said
    assert (f"{second / 'b.journey.yaml'}:1:1: W115 portfolio-moments-of-truth: the one journey that no project "
            "file applies to holds 1 moment of truth, fewer than 10") in said, said
    alone = run_cli("check", str(second)).stdout
    assert "the one journey of this portfolio holds 1 moment of truth" in alone
    # a folder named with one inside it: each W115 once, the journeys named as the first folder
    # finds them; there were two at one place, in two wordings (review FK)
    both = run_cli("check", str(tmp_path), str(first), "--format", "json")
    w115 = [f for f in json.loads(both.stdout)["findings"] if f["code"] == "W115"]
    assert len(w115) == 2 and len({(f["path"], f["line"], f["column"]) for f in w115}) == 2, w115
    assert "that no project file applies to" in " ".join(f["message"] for f in w115)


@pytest.mark.parametrize("broken", [False, True], ids=["examples", "with-errors"])
def test_the_page_lists_its_sections_at_the_top_and_each_entry_leads_to_its_own(tmp_path: Path, broken: bool):
    """The page of 35 journeys ran 47,000 px, its heatmap 43,000 px down with no way to it but
    scrolling (audit FN): a contents list under the numbers names every section, in order."""
    import tinyhtml5

    shutil.copytree(MAPS, tmp_path / "maps")
    if broken:  # and the findings section it adds
        (tmp_path / "maps" / "bad.journey.yaml").write_text("journeymap: 1\ntitle: Bad\nstages: 7\n")
    html = run_cli("portfolio", str(tmp_path / "maps"), "--format", "html", "-o", "-").stdout
    tree = tinyhtml5.parse(html, namespace_html_elements=False)
    text = lambda e: " ".join("".join(e.itertext()).split())  # noqa: E731
    (nav,) = tree.findall(".//header/nav[@class='contents']")
    listed = [(a.get("href"), text(a)) for a in nav.iter("a")]
    sections = [(f"#{s.get('id')}", text(s.find("h2"))) for s in tree.iter("section")]
    assert listed == sections and len(listed) == 6 + broken
    assert ("#sec-findings", "Findings") in listed or not broken


def _spoken(title: str, departments: list[tuple[str, str]], names: list[str]) -> dict:
    """A journey whose touch-points are named ``names`` (its language's words), one department each in turn."""
    tps = [(f"t{i}", departments[i % len(departments)][0], "reliable", False) for i in range(len(names))]
    data = journey(title, departments, tps)
    for tp, name in zip(data["stages"][0]["touchpoints"], names):
        tp["name"] = name
    return data


def test_a_departments_name_in_the_heatmap_breaks_by_its_own_journeys_language(tmp_path: Path):
    """In a portfolio mostly in English (or in several languages), a German department's name broke
    by another language's rules ("Zahlungsverk" / "ehr", "Schadensreg" / "ulierungsabt" / "eilung": audit
    FQ): a department whose journeys share a language breaks by it."""
    pytest.importorskip("weasyprint")
    german = _spoken("Kfz-Schadensmeldung bis zur Auszahlung", [("zv", "Zahlungsverkehr"), ("sr", "Schadensregulierungsabteilung")],
                     ["Kunde meldet den Schaden telefonisch", "Sachbearbeiter prüft die Unterlagen gründlich",
                      "Gutachter besichtigt das beschädigte Fahrzeug", "Die Versicherung überweist die Entschädigung"])
    english = [_spoken(f"Moving a phone number {n}", [(f"{d}{n}", f"{name} {n}") for d, name in (
                           ("cs", "Customer service"), ("lg", "Card logistics"), ("bl", "Billing"), ("sh", "Shops"),
                           ("nw", "Network"))],
                       ["The customer asks to move the number in the shop", "The company sends the new card",
                        "The customer activates the line with the code", "The bill arrives with the right charge",
                        "The network moves the number overnight"])
               for n in (1, 2)]
    folder = write(tmp_path / "p", de=german, en1=english[0], en2=english[1])
    out = tmp_path / "p.pdf"
    assert run_cli("portfolio", str(folder), "-o", str(out)).exit_code == 0
    words = [w.text for page in read_pages(out.read_bytes()) for w in page.words]
    broken = [w for w in words if w.rstrip("-\u2010") != w and w.rstrip("-\u2010").startswith(("Zahlungs", "Schadens"))]
    assert broken, words  # the heat's column is narrower than these names
    import pyphen

    german_breaks = {name: pyphen.Pyphen(lang="de_DE").positions(name)
                     for name in ("Zahlungsverkehr", "Schadensregulierungsabteilung")}
    for word in broken:  # each ends where German breaks the name (the bug: "Zahlungsverk", "Schadensreg")
        piece = word.rstrip("-\u2010")
        name = next(n for n in german_breaks if n.startswith(piece))
        assert len(piece) in german_breaks[name], (piece, german_breaks[name])


def test_departments_that_tie_are_listed_as_a_reader_looks_for_them():
    """Tied departments were ordered by code point, "Ärztlicher Dienst", "Öffentlichkeitsarbeit"
    and "Übersetzungsdienst" after "Zentrale" (audit FQ)."""
    import journeymap
    from journeymap.portfolio.attention import must_act
    from journeymap.portfolio.rollup import build_portfolio

    names = ["Zentrale", "Ärztlicher Dienst", "Beratung", "Übersetzungsdienst", "Öffentlichkeitsarbeit"]
    departments = [("web", "Web")] + [(f"d{i}", name) for i, name in enumerate(names)]
    touchpoints = [tp for i in range(len(names)) for tp in (
        (f"w{i}", "web", "reliable", False), (f"t{i}", f"d{i}", "unreliable", False))]
    checked = journeymap.loads(yaml.safe_dump(journey("Gleichstand", departments, touchpoints), sort_keys=False),
                               "tie.journey.yaml")
    listed, rest = must_act(build_portfolio([checked]))
    told = [a.name for a in [*listed, *rest]]
    assert told == ["Ärztlicher Dienst", "Beratung", "Öffentlichkeitsarbeit", "Übersetzungsdienst", "Zentrale"], told


def test_a_registry_department_no_journey_uses_has_its_scorecard(tmp_path):
    """SPEC 6: one scorecard per department, registry or journey-local. A registry department in
    no journey was left out of every list, so the gap in what the journeys map went unseen (audit
    FT). It has its card, at zero, in every format; the matrix says it hands no one over."""
    from conftest import MAPS

    for source in MAPS.glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "journeymap.yaml":
            text = text.replace("departments:\n", "departments:\n  - {id: legal, name: Legal, lead: Ana Silva, "
                                "layer: support}\n", 1)
        (tmp_path / source.name).write_text(text, encoding="utf-8")
    data = json.loads(run_cli("portfolio", str(tmp_path), "--format", "json", "-o", "-").stdout)
    (legal,) = [d for d in data["departments"] if d["id"] == "legal"]
    assert legal == {"id": "legal", "name": "Legal", "lead": "Ana Silva", "touchpoints": 0,
                     "ratings": {"reliable": 0, "it-depends": 0, "unreliable": 0, "unknown": 0}, "handoffs_in": 0,
                     "handoffs_out": 0, "risky_in": 0, "moments_of_truth": 0}
    before = json.loads(run_cli("portfolio", str(MAPS), "--format", "json", "-o", "-").stdout)
    assert data["headline"]["departments"] == before["headline"]["departments"] + 1
    assert {k: v for k, v in data["headline"].items() if k != "departments"} == \
        {k: v for k, v in before["headline"].items() if k != "departments"}
    html = run_cli("portfolio", str(tmp_path), "--format", "html", "-o", "-").stdout
    card = html[html.index(">Legal<"):]
    assert "in no journey yet" in card[:600] and "Ratings" not in card[:600]
    markdown = run_cli("portfolio", str(tmp_path), "--format", "markdown", "-o", "-").stdout
    assert "Left out: Legal, which hands no customer over and receives none." in markdown
    # last, not first; no column of dots in the heatmap (review GC)
    assert [d["id"] for d in data["departments"]][-1] == "legal"
    heat = html[html.index('class="grid heat"'):]
    assert ">Legal<" not in heat[:heat.index("</table>")]
    # one in no journey named as a journey's own department is: neither is told apart by it (review GC)
    project = tmp_path / "journeymap.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace(
        "departments:\n", "departments:\n  - {id: claims, name: Claims handling, lead: Tom Berg}\n", 1), encoding="utf-8")
    markdown = run_cli("portfolio", str(tmp_path), "--format", "markdown", "-o", "-").stdout
    assert "(in )" not in markdown and "in )" not in markdown
    assert "Claims handling (home-claim)" not in markdown
