"""``portfolio --since REV``: the portfolio against a past revision of its journeys (audit DC: a
quarterly review asked what got better or worse since last quarter, and which journeys were
added or retired; ``diff`` told it journey by journey only)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, MAPS, run_cli

SMALL_TEXT = (FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

NEW = """journeymap: 1
id: pharmacy-refill
title: Refilling a prescription
departments:
  - {id: contact-centre, name: Contact centre}
  - {id: pharmacy, name: Pharmacy, lead: Ana Ruiz}
stages:
  - id: ask
    name: Ask
    owner: Head of Pharmacy
    touchpoints:
      - {id: call, name: Calls for a refill, department: contact-centre, reliability: reliable}
      - {id: fill, name: Refill prepared, department: pharmacy, reliability: unreliable}
"""


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True).stdout


def _portfolio(*args: str) -> dict:
    result = run_cli("portfolio", "maps", "--format", "json", "-o", "-", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def quarter(tmp_path: Path, monkeypatch) -> tuple[Path, dict]:
    """The examples committed and tagged q3, then a quarter's work: home-claim's first two
    reliable touch-points rated unreliable, the newsletter retired, a new journey, and the
    examples' portfolio as it was at q3 (computed from the files then, not from git)."""
    shutil.copytree(MAPS, tmp_path / "maps")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.invalid")
    _git(tmp_path, "config", "user.name", "Test")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "q3")
    _git(tmp_path, "tag", "q3")
    monkeypatch.chdir(tmp_path)
    then = _portfolio()
    claim = tmp_path / "maps" / "home-claim.journey.yaml"
    claim.write_text(claim.read_text(encoding="utf-8").replace("reliability: reliable", "reliability: unreliable", 2),
                     encoding="utf-8")
    (tmp_path / "maps" / "newsletter-subscriber.journey.yaml").unlink()
    (tmp_path / "maps" / "pharmacy.journey.yaml").write_text(NEW, encoding="utf-8")
    return tmp_path, then


def test_the_json_tells_the_numbers_then_and_now_and_which_journeys_came_and_went(quarter):
    _, then = quarter
    now = _portfolio("--since", "q3")
    since = now["since"]
    assert since["revision"] == "q3" and since["label"].startswith(f"q3 ({since['commit']}, ")
    assert since["commit"] == _git(Path.cwd(), "rev-parse", "--short", "q3").strip()
    # the numbers then are the portfolio of the files as they were, every one of them
    assert {k: v["then"] for k, v in since["headline"].items()} == {k: then["headline"][k] for k in since["headline"]}
    assert {k: v["now"] for k, v in since["headline"].items()} == {k: now["headline"][k] for k in since["headline"]}
    assert since["added"] == ["pharmacy-refill"] and since["retired"] == ["newsletter-subscriber"]
    changed = {c["id"]: c for c in since["changed"]}
    assert list(changed) == ["home-claim"] and changed["home-claim"]["regressions"] >= 2
    assert changed["home-claim"]["verdict"].startswith("Regression:")
    assert since["unchanged"] == 1 and since["not_compared"] == []  # business-ordering
    risky = {d["name"]: (d["risky_in"]["then"], d["risky_in"]["now"]) for d in since["departments"]}
    before = {d["name"]: d["risky_in"] for d in then["departments"]}
    after = {d["name"]: d["risky_in"] for d in now["departments"]}
    assert risky == {n: (before.get(n, 0), after.get(n, 0)) for n in before.keys() | after.keys()
                     if before.get(n, 0) != after.get(n, 0)}
    assert risky, "a rating made unreliable makes a hand-off into it risky"


def test_the_pages_and_the_markdown_have_the_section_and_nothing_changes_without_since(quarter):
    root, _ = quarter
    md = run_cli("portfolio", "maps", "--since", "q3", "--format", "markdown", "-o", "-").stdout
    assert "## What changed since q3 (" in md  # as the page heads it
    assert "(worse)" in md  # and as it tells the way each number moved (audit DM)
    assert "1 journey got worse for the customer; 1 journey added; 1 journey retired; 1 unchanged for the customer." in md
    assert "| Risky hand-offs |" in md and "Retired: Becoming a paying subscriber" in md
    assert "Added: Refilling a prescription." in md
    assert run_cli("portfolio", "maps", "--since", "q3", "-o", str(root / "p.html")).exit_code == 0
    page = (root / "p.html").read_text(encoding="utf-8")
    assert 'id="sec-since"' in page and "What changed since q3 (" in page
    assert page.index('id="sec-since"') > page.index('id="sec-act"')
    assert "(worse)" in page  # risky hand-offs rose: said in words, not in colour alone
    plain = _portfolio()
    assert "since" not in plain  # SPEC 6's keys as they are
    assert "What changed since" not in run_cli("portfolio", "maps", "-o", "-", "--format", "html").stdout


def test_a_journey_with_errors_then_is_named_not_compared(quarter):
    root, _ = quarter
    claim = root / "maps" / "business-ordering.journey.yaml"
    good = claim.read_text(encoding="utf-8")
    claim.write_text(good.replace("reliability: reliable", "reliability: maybe", 1), encoding="utf-8")
    _git(root, "commit", "-qam", "broken")
    claim.write_text(good, encoding="utf-8")
    since = _portfolio("--since", "HEAD")["since"]
    assert since["not_compared"] == [{"id": "business-ordering", "errors": "then"}]
    assert "business-ordering" not in [c["id"] for c in since["changed"]]
    # Nor counted: its repair moved the numbers "worse" (by its risky hand-offs) and a typo that
    # broke it "better", every other journey unchanged for the customer (audit FN).
    broken = good.replace("reliability: reliable", "reliability: maybe", 1)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "repaired")
    claim.write_text(broken, encoding="utf-8")
    _git(root, "commit", "-qam", "broken again")
    for version, rev, which in ((good, "HEAD", "then"), (broken, "HEAD~1", "now")):
        claim.write_text(version, encoding="utf-8")
        result = run_cli("portfolio", "maps", "--format", "json", "-o", "-", "--since", rev)
        since = json.loads(result.stdout)["since"]
        assert since["not_compared"] == [{"id": "business-ordering", "errors": which}]
        assert all(v["then"] == v["now"] for v in since["headline"].values()), since["headline"]
        assert since["departments"] == [] and since["changed"] == [] and since["unchanged"] == 2
        markdown = run_cli("portfolio", "maps", "--format", "md", "-o", "-", "--since", rev).stdout
        assert ("2 unchanged for the customer; 1 journey with errors not compared (the numbers then and now "
                "leave it out).") in markdown
        assert "(better)" not in markdown and "(worse)" not in markdown


def test_a_bad_revision_or_no_repository_is_a_usage_error_and_writes_nothing(quarter, tmp_path_factory, monkeypatch):
    root, _ = quarter
    result = run_cli("portfolio", "maps", "--since", "no-such-tag", "-o", str(root / "p.html"))
    assert result.exit_code == 2 and "--since no-such-tag" in result.output and "not a revision" in result.output
    assert not (root / "p.html").exists()
    elsewhere = tmp_path_factory.mktemp("plain")
    shutil.copytree(MAPS, elsewhere / "maps")
    monkeypatch.chdir(elsewhere)
    result = run_cli("portfolio", "maps", "--since", "HEAD", "-o", "p.md")
    assert result.exit_code == 2 and "not inside a git repository" in result.output
    assert not (elsewhere / "p.md").exists()


def test_a_folder_added_since_is_all_new_and_the_project_file_of_then_applies(quarter):
    root, then = quarter
    (root / "retail").mkdir()
    (root / "retail" / "pharmacy.journey.yaml").write_text(NEW, encoding="utf-8")
    result = run_cli("portfolio", "retail", "--since", "q3", "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    since = json.loads(result.stdout)["since"]
    assert since["added"] == ["pharmacy-refill"] and since["headline"]["journeys"] == {"then": 0, "now": 1}
    # the registry of q3 named the contact centre's lead; renamed in the project file since, the
    # department is the same one (by its registry id), its numbers compared
    for file in (root / "maps").glob("*.yaml"):
        file.write_text(file.read_text(encoding="utf-8").replace("name: Contact centre", "name: Customer care"),
                        encoding="utf-8")
    now = _portfolio("--since", "q3")
    cc_then = next(d["risky_in"] for d in then["departments"] if d["id"] == "contact-centre")
    cc_now = next(d["risky_in"] for d in now["departments"] if d["id"] == "contact-centre")
    moves = {d["name"]: (d["risky_in"]["then"], d["risky_in"]["now"]) for d in now["since"]["departments"]}
    assert "Contact centre" not in moves  # not told as one department gone and another come
    assert moves.get("Customer care", (cc_then, cc_then)) == (cc_then, cc_now)


def test_the_top_of_the_repository_as_the_path_is_read_from_itself(quarter, monkeypatch):
    """Asked from the folder above it, "portfolio . --since" at a repository's top found no
    repository, or the one around it (review DF)."""
    root, then = quarter
    monkeypatch.chdir(root)
    result = run_cli("portfolio", ".", "--since", "q3", "--format", "json", "-o", "-")
    assert result.exit_code == 0, result.output
    since = json.loads(result.stdout)["since"]
    assert since["headline"]["touchpoints"]["then"] == then["headline"]["touchpoints"]
    assert since["retired"] == ["newsletter-subscriber"]


def test_a_shared_id_a_renamed_file_and_errors_in_both_versions(quarter):
    """A journey beside a copy of the same id was told retired and added again; a file renamed
    with no id: of its own, one retired and another added (review DF)."""
    root, _ = quarter
    maps = root / "maps"
    (maps / "copy.journey.yaml").write_bytes((maps / "business-ordering.journey.yaml").read_bytes())
    plain = "journeymap: 1\ntitle: Plain\ndepartments: [{id: ops, name: Ops, lead: Al}]\n" \
            "stages: [{name: S, owner: O, touchpoints: [{name: Asks, department: ops, reliability: reliable}]}]\n"
    (maps / "plain.journey.yaml").write_text(plain, encoding="utf-8")
    (maps / "broken.journey.yaml").write_text("journeymap: 1\ntitle: Broken\nstages: 7\n", encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "q4")
    _git(root, "tag", "q4")
    _git(root, "mv", "maps/plain.journey.yaml", "maps/plain-renamed.journey.yaml")
    result = run_cli("portfolio", "maps", "--format", "json", "-o", "-", "--since", "q4")
    assert result.exit_code == 1  # the broken journey
    since = json.loads(result.stdout)["since"]
    assert since["added"] == [] and since["retired"] == []
    assert {"id": "broken", "errors": "both"} in since["not_compared"]
    assert since["unchanged"] == 5  # both business-ordering files, plain (renamed), home-claim, pharmacy


def test_a_folder_with_no_touch_point_then_tells_no_gain_in_the_share_rated_reliable(quarter):
    root, _ = quarter
    (root / "retail").mkdir()
    (root / "retail" / "pharmacy.journey.yaml").write_text(NEW, encoding="utf-8")
    md = run_cli("portfolio", "retail", "--since", "q3", "--format", "markdown", "-o", "-").stdout
    assert "| Rated reliable | \u2014 | 50% | \u2014 |" in md, md


def test_a_journey_that_only_got_better_is_said_to(quarter):
    root, _ = quarter
    claim = root / "maps" / "business-ordering.journey.yaml"
    text = claim.read_text(encoding="utf-8")
    assert "reliability: it-depends" in text
    _git(root, "checkout", "-q", "q3", "--", "maps/home-claim.journey.yaml")
    claim.write_text(text.replace("reliability: it-depends", "reliability: reliable", 1), encoding="utf-8")
    md = run_cli("portfolio", "maps", "--since", "q3", "--format", "markdown", "-o", "-").stdout
    assert "1 journey got better; 1 journey added; 1 journey retired; 1 unchanged for the customer." in md, md


def test_the_journeys_then_are_those_a_checkout_of_the_revision_would_show(quarter):
    """A link to a journey in a hidden folder, a file past the 5 MB limit and a name that is not
    UTF-8 were told added since, as if new (review DF)."""
    import os

    root, _ = quarter
    maps = root / "maps"
    (maps / ".shared").mkdir()
    (maps / ".shared" / "x.yaml").write_text(NEW.replace("pharmacy-refill", "linked"), encoding="utf-8")
    os.symlink(".shared/x.yaml", maps / "linked.journey.yaml")
    (maps / "huge.journey.yaml").write_bytes(b"journeymap: 1\n" + b"#" * 5_300_000 + b"\n")
    odd = os.fsdecode(b"caf\xe9.journey.yaml")
    (maps / odd).write_text(NEW.replace("pharmacy-refill", "cafe"), encoding="utf-8")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "q4")
    result = run_cli("portfolio", "maps", "--format", "json", "-o", "-", "--since", "HEAD")
    assert result.exit_code == 1, result.output  # the huge file is refused (E009), then as now
    since = json.loads(result.stdout)["since"]
    assert since["added"] == [] and since["retired"] == [], since
    assert {"id": "huge", "errors": "both"} in since["not_compared"]
    assert since["headline"]["journeys"]["then"] == since["headline"]["journeys"]["now"]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_section_passes_axe_and_fits_a_phone(quarter, width: int):
    """At 390 px the section's tables were held to the 34 em the big tables read sideways at, and
    "+2 (worse)" ran off the screen; then, narrowed, "Numbe/r" broke mid-word."""
    from axe import describe, violations
    from browser import load_page

    root, _ = quarter
    out = root / "p.html"
    assert run_cli("portfolio", "maps", "--since", "q3", "-o", str(out)).exit_code == 0
    too_wide = ("(() => { const c = document.createElement('canvas').getContext('2d'); const out = [];"
                " for (const e of document.querySelectorAll('#sec-since th, #sec-since td')) {"
                " const s = getComputedStyle(e); c.font = s.fontWeight + ' ' + s.fontSize + ' ' + s.fontFamily;"
                " const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);"
                " for (const w of e.textContent.split(/\\s+|(?<=-)/)) if (w && c.measureText(w).width > room + 0.5) out.push(w); }"
                " const t = document.querySelector('#sec-since table'), p = document.querySelector('#sec-since');"
                " return [out, t.getBoundingClientRect().right <= p.getBoundingClientRect().right + 0.5]; })()")
    report = load_page(out, ("#sec-since table",), expressions={"fit": too_wide}, screenshot=False, width=width)
    assert report.counts["#sec-since table"] == 2
    assert report.values["fit"] == [[], True], report.values["fit"]
    found = violations(out, width=width)
    assert found == [], describe(found)


def test_links_folders_of_one_name_and_large_files_are_read_as_a_checkout_has_them(quarter):
    """Review DH: a link to a journey beside it counted it twice then (one "retired" from an
    untouched folder); two files of one id and one name in two folders were one journey, the
    other's regression untold; a large journey named *.yaml was "added"; a folder moved and
    linked back was read at the link's target."""
    import os

    root, _ = quarter
    maps = root / "maps"
    os.symlink("home-claim.journey.yaml", maps / "alias.journey.yaml")
    for sub in ("a", "b"):
        (maps / sub).mkdir()
        (maps / sub / "same.journey.yaml").write_text(NEW.replace("pharmacy-refill", "same"), encoding="utf-8")
    (maps / "big.yaml").write_bytes(b"journeymap: 1\n" + b"#" * 5_300_000 + b"\n")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "q4")
    _git(root, "tag", "q4")
    a = maps / "a" / "same.journey.yaml"
    a.write_text(a.read_text(encoding="utf-8").replace("reliability: reliable", "reliability: unreliable"),
                 encoding="utf-8")
    result = run_cli("portfolio", "maps", "--format", "json", "-o", "-", "--since", "q4")
    since = json.loads(result.stdout)["since"]
    assert since["added"] == [] and since["retired"] == [], since
    assert since["headline"]["journeys"]["then"] == since["headline"]["journeys"]["now"]
    worse = [c for c in since["changed"] if c["regressions"]]
    assert [c["id"] for c in worse] == [f"same ({os.path.join('maps', 'a', 'same.journey.yaml')})"], since
    assert {"id": "big", "errors": "both"} in since["not_compared"]
    # maps moved to journeys and linked back: read by the link's own path, as git tracks it
    a.write_text(NEW.replace("pharmacy-refill", "same"), encoding="utf-8")
    _git(root, "mv", "maps", "journeys")
    os.symlink("journeys", root / "maps")
    _git(root, "add", "maps")
    _git(root, "commit", "-qm", "moved")
    since = json.loads(run_cli("portfolio", "maps", "--format", "json", "-o", "-", "--since", "q4").stdout)["since"]
    assert since["added"] == [] and since["retired"] == [] and since["changed"] == [], since
    # two paths given that overlap, a link inside both: the second copy of it made the command
    # fail, "cannot read ...: File exists" (review EB)
    result = run_cli("portfolio", "maps", "maps", "--format", "json", "-o", "-", "--since", "q4")
    assert "File exists" not in result.stderr and json.loads(result.stdout)["since"]["changed"] == [], result.stderr


def test_a_large_file_s_head_is_read_within_its_time_even_where_git_hangs(tmp_path, monkeypatch):
    """The head of a file past 5 MB is read from a git process left running: a git that wrote a
    little and hung held the command for ever (read-through)."""
    import os
    import time

    from journeymap.changes.gitrun import blob_head as _head

    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text("#!/bin/sh\nprintf 'journeymap: 1'\nsleep 30\n", encoding="utf-8")
    (fake / "git").chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake}{os.pathsep}{os.environ['PATH']}")
    began = time.monotonic()
    assert _head(tmp_path, "HEAD:big.yaml", 4096, timeout=1.0) == b"journeymap: 1"
    assert time.monotonic() - began < 5


def test_a_revisions_files_are_read_whole_in_one_git_process(tmp_path):
    """read_blobs reads each object by its declared size: bytes of any kind, an empty file, the
    same object asked twice; an object the repository lacks is an error (review EN)."""
    from journeymap.changes.gitrun import GitError, read_blobs

    _git(tmp_path, "init", "-q")
    contents = {"a.yaml": b"journeymap: 1\n\nline\n", "b.bin": b"\x00\n\xff\nmissing 12\n\n", "c.yaml": b""}
    oids = {}
    for name, data in contents.items():
        (tmp_path / name).write_bytes(data)
        oids[name] = subprocess.run(["git", "hash-object", "-w", name], cwd=tmp_path, check=True,
                                    capture_output=True).stdout.strip()
    asked = [oids["a.yaml"], oids["b.bin"], oids["c.yaml"], oids["a.yaml"]]
    assert read_blobs(tmp_path, asked) == {oids[name]: data for name, data in contents.items()}
    with pytest.raises(GitError, match="could not read object 0123"):
        read_blobs(tmp_path, [oids["a.yaml"], b"0123456789012345678901234567890123456789"])


def test_a_bare_repository_committed_into_the_tree_runs_nothing_and_is_not_read(tmp_path):
    """A pull request could commit a folder git takes for a bare repository, with a config of its
    choosing: `diff REV:PATH` and `brief --since` of a journey in it ran its fsmonitor command
    (audit EO). journeymap reads revisions from a checkout only, and git runs no such command."""
    repo = tmp_path / "repo"
    (repo / "maps").mkdir(parents=True)
    _git(repo, "init", "-q")
    (repo / "maps" / "a.journey.yaml").write_text(SMALL_TEXT, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "base")
    base = _git(repo, "rev-parse", "HEAD").strip()
    evil = repo / "maps" / "evil"
    for sub in ("objects/info", "refs/heads", "refs/remotes/origin"):
        (evil / sub).mkdir(parents=True)
    canary = tmp_path / "pwned.log"
    (evil / "HEAD").write_text("ref: refs/heads/main\n")
    (evil / "config").write_text(f'[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = .\n'
                                 f'\tfsmonitor = "echo PWNED >> {canary}; false"\n'
                                 f'[diff]\n\texternal = "sh -c \'echo PWNED >> {canary}\'"\n')
    (evil / "objects" / "info" / "alternates").write_text(str(repo / ".git" / "objects") + "\n")
    (evil / "refs" / "remotes" / "origin" / "main").write_text(base + "\n")
    (evil / "x.journey.yaml").write_text(SMALL_TEXT, encoding="utf-8")
    target = str(evil / "x.journey.yaml")
    result = run_cli("diff", f"origin/main:{target}", target)
    assert result.exit_code == 2 and not canary.exists(), result.output
    briefed = run_cli("brief", target, "--since", "origin/main", "--format", "html", "-o", str(tmp_path / "b.html"))
    assert briefed.exit_code != 0 and not canary.exists() and not (tmp_path / "b.html").exists()


def test_the_since_table_prints_the_share_as_the_headline_does_past_ten_thousand_touch_points():
    """The count rebuilt from a share rounded to 4 decimals is off past 10,000 touch-points: 15,149
    of 30,000 read 51 % where the headline said 50 % (review ER). The share is carried whole."""
    from journeymap.portfolio import since as since_module
    from journeymap.portfolio.sinceview import _numbers
    from journeymap.report import share_of

    class Headline:  # a portfolio as _headline reads it
        def __init__(self, reliable: int, touchpoints: int) -> None:
            self.headline = {"journeys": 9, "touchpoints": touchpoints, "handoffs": 0, "risky_handoffs": 0,
                             "reliable": reliable, "reliable_share": round(reliable / touchpoints, 4),
                             "moments_of_truth": 0}

    numbers = since_module._headline(Headline(15_149, 30_000), Headline(15_149, 30_000))  # type: ignore[arg-type]
    record = since_module.Since("q3", numbers, (), (), (), 0, ())
    row = next(r for r in _numbers(record) if r[0] == "Rated reliable")
    assert row[1] == row[2] == share_of(15_149, 30_000) == "50%" and row[3] == "no change"


def test_a_journey_that_lost_its_id_to_an_error_is_still_the_same_journey(quarter):
    """With errors, a journey's id is the one its file gives as text, else its file name: an
    unclosed quote in water.journey.yaml (id: home-claim) read as home-claim retired and water
    added, 3 risky hand-offs "better"; a file renamed with no id: and an unknown key, as one
    journey retired and another added (review FO). Each is the same journey, not compared."""
    root, _ = quarter
    maps = root / "maps"
    (maps / "home-claim.journey.yaml").rename(maps / "water.journey.yaml")
    plain = "journeymap: 1\ntitle: Plain\ndepartments: [{id: ops, name: Ops, lead: Al}]\n" \
            "stages: [{name: S, owner: O, touchpoints: [{name: Asks, department: ops, reliability: unreliable}]}]\n"
    (maps / "plain.journey.yaml").write_text(plain, encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "q4")
    water = maps / "water.journey.yaml"
    water.write_text(re.sub(r"^title: (.*)$", r'title: "\1', water.read_text(encoding="utf-8"), count=1, flags=re.M),
                     encoding="utf-8")
    _git(root, "mv", "maps/plain.journey.yaml", "maps/plain-renamed.journey.yaml")
    (maps / "plain-renamed.journey.yaml").write_text(plain.replace("title: Plain", "title: Plain\nownr: x"),
                                                     encoding="utf-8")
    result = run_cli("portfolio", "maps", "--format", "json", "-o", "-", "--since", "HEAD")
    since = json.loads(result.stdout)["since"]
    assert since["added"] == [] and since["retired"] == []
    assert sorted(map(tuple, (d.values() for d in since["not_compared"]))) == [("home-claim", "now"), ("plain-renamed", "now")]
    assert all(v["then"] == v["now"] for v in since["headline"].values()), since["headline"]
    assert since["departments"] == []


def test_the_departments_moved_are_keyed_as_the_portfolio_keys_them(quarter):
    """Two journeys' own departments of one id are `ops` and `ops@b`: with `a` left out of the
    numbers then (errors), `b`'s was keyed `ops` in the JSON's `since`, naming another department
    than its `departments` did (review FO)."""
    root, _ = quarter
    maps = root / "maps"
    one = ("journeymap: 1\nid: {j}\ntitle: {t}\ndepartments: [{{id: web, name: Web, lead: W}}, "
           "{{id: ops, name: Ops {j}, lead: Al}}]\nstages: [{{name: S, owner: O, touchpoints: ["
           "{{name: Asks, department: web, reliability: reliable}}, "
           "{{name: Done, department: ops, reliability: {r}}}]}}]\n")
    (maps / "a.journey.yaml").write_text(one.format(j="a", t="A", r="unreliable").replace("title: A", "title: A\nownr: x"),
                                         encoding="utf-8")
    (maps / "b.journey.yaml").write_text(one.format(j="b", t="B", r="unreliable"), encoding="utf-8")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "q4")
    (maps / "a.journey.yaml").write_text(one.format(j="a", t="A", r="unreliable"), encoding="utf-8")
    (maps / "b.journey.yaml").write_text(one.format(j="b", t="B", r="reliable"), encoding="utf-8")
    now = json.loads(run_cli("portfolio", "maps", "--format", "json", "-o", "-", "--since", "HEAD").stdout)
    names = {d["id"]: d["name"] for d in now["departments"]}
    moved = now["since"]["departments"]
    assert [(d["id"], d["name"]) for d in moved] == [("ops@b", "Ops b")] and names["ops@b"] == "Ops b"
