"""The exports (JSON, Markdown, Mermaid) of the example journeys: golden files, agreement with the
analysis, and a Mermaid `journey` grammar check.

Golden files live in tests/golden/exports/; regenerate them with JOURNEYMAP_UPDATE_GOLDEN=1 and
review the diff. The Mermaid parser below follows mermaid's own grammar,
packages/mermaid/src/diagrams/user-journey/parser/journey.jison (a case-insensitive jison lexer
that takes the *first* rule that matches, not the longest) and journeyDb's ``addTask``.
"""

from __future__ import annotations

import html
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any, Optional

import pytest
import yaml

from conftest import MAPS, ROOT, UPDATE_GOLDEN, run_cli

from journeymap.analysis.analyse import analyse
from journeymap.exports.mermaid import export_mermaid, mermaid_text
from journeymap.journey.model import RELIABILITIES
from journeymap.pipeline import check_file
from journeymap.journey.validate import load_text
from journeymap.journey.textsafe import printable

GOLDEN = ROOT / "tests" / "golden" / "exports"
IDS = ["business-ordering", "home-claim", "newsletter-subscriber"]
SUFFIX = {"json": "json", "markdown": "md", "mermaid": "mmd"}


def relative(jid: str) -> str:
    return f"maps/{jid}.journey.yaml"


def export(jid: str, fmt: str) -> str:
    result = run_cli("export", relative(jid), "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(autouse=True)
def _in_root(monkeypatch):
    """Exports name the source path as given: run from the project root with relative paths."""
    monkeypatch.chdir(ROOT)


# --- golden files ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("jid", IDS)
def test_golden(jid, fmt):
    text = export(jid, fmt)
    target = GOLDEN / f"{jid}.{SUFFIX[fmt]}"
    if UPDATE_GOLDEN:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assert target.exists(), f"missing {target}: regenerate with JOURNEYMAP_UPDATE_GOLDEN=1"
    assert text == target.read_text(encoding="utf-8"), "regenerate with JOURNEYMAP_UPDATE_GOLDEN=1"


def test_exports_are_the_same_under_any_hash_seed():
    """Two processes with other string hashes: one run twice in one process could not show a
    set's or a dict's order leaking into the output (audit AH). Every example, every format."""
    import subprocess
    import sys

    script = ("import sys, journeymap\n"
              "for path in sorted(sys.argv[1:]):\n"
              "    checked = journeymap.load(path)\n"
              "    for fmt in ('json', 'markdown', 'mermaid'):\n"
              "        sys.stdout.write(journeymap.export(checked, fmt))\n"
              "    sys.stdout.write(journeymap.render(checked, 'dot').decode('utf-8'))\n")
    paths = [str(p) for p in sorted(MAPS.glob("*.journey.yaml"))]
    outputs = {subprocess.run([sys.executable, "-c", script, *paths], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1 and len(next(iter(outputs))) > 10_000


def test_export_to_a_file_matches_stdout(tmp_path):
    out = tmp_path / "claim.mmd"
    assert run_cli("export", relative("home-claim"), "--format", "mermaid", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == export("home-claim", "mermaid")


def test_a_mermaid_text_too_long_for_mermaid_to_draw_is_said_on_stderr(tmp_path):
    """Mermaid draws only "Maximum text size in diagram exceeded" past 50,000 characters."""
    from bench.generate import generate_journey
    from journeymap.exports.mermaid import MAX_TEXT_SIZE

    for size, said in ((400, False), (700, True)):
        src = tmp_path / f"gen-{size}.journey.yaml"
        src.write_text(generate_journey(size), encoding="utf-8")
        out = tmp_path / f"gen-{size}.mmd"
        result = run_cli("export", str(src), "-o", str(out))
        assert result.exit_code == 0, result.output
        length = len(out.read_text(encoding="utf-8"))
        assert (length > MAX_TEXT_SIZE) is said
        assert ("exceeded\" past 50,000 unless" in result.stderr) is said, result.stderr


# --- JSON agrees with the analysis -------------------------------------------------------

@pytest.mark.parametrize("jid", IDS)
def test_json_agrees_with_the_analysis(jid):
    doc = json.loads(export(jid, "json"))
    checked = check_file(relative(jid))
    a, j = checked.analysis, checked.journey
    assert doc["version"] == 1
    assert doc["journey"]["id"] == jid and doc["journey"]["source"] == relative(jid)
    assert doc["journey"]["title"] == j.title and doc["journey"]["owner"] == j.owner

    h = a.headline
    assert doc["headline"] == {
        "touchpoints": h.touchpoints, "departments": h.departments, "stages": h.stages,
        "handoffs": h.handoffs, "risky_handoffs": h.risky_handoffs, "reliable": h.reliable,
        "reliable_share": h.reliable_share, "moments_of_truth": h.moments_of_truth,
        "ratings": dict(h.ratings)}

    assert [(f["from"], f["to"], f["label"], f["handoff"], f["risky"]) for f in doc["flows"]] == [
        (f.source, f.target, f.label, f.handoff, f.risky) for f in a.flows]
    assert [(x["from"], x["to"]) for x in doc["handoffs"]] == [f.key for f in a.handoffs]
    assert [(x["from"], x["to"]) for x in doc["handoffs"] if x["risky"]] == [f.key for f in a.risky_handoffs]
    by_id = j.touchpoint_by_id
    for item in doc["handoffs"]:
        assert item["from_department"] == by_id[item["from"]].department
        assert item["to_department"] == by_id[item["to"]].department
        assert item["stage"] == by_id[item["to"]].stage
        assert item["reliability"] == by_id[item["to"]].reliability

    depts = doc["matrices"]["handoffs"]["departments"]
    assert depts == [d.id for d in j.departments]
    counts = doc["matrices"]["handoffs"]["counts"]
    assert {(depts[r], depts[c]): n for r, row in enumerate(counts) for c, n in enumerate(row) if n} == \
        a.handoff_matrix
    assert sum(map(sum, counts)) == h.handoffs

    rel = doc["matrices"]["reliability"]
    for s, stage_id in enumerate(rel["stages"]):
        for d, dept_id in enumerate(rel["departments"]):
            cell = a.reliability_grid[(stage_id, dept_id)]
            every = {r: dict(cell.counts).get(r, 0) for r in RELIABILITIES}  # all four, zeros too
            assert rel["cells"][s][d] == {"worst": cell.worst, "counts": every}

    assert [m["touchpoint"] for m in doc["moments_of_truth"]] == [m.touchpoint.id for m in a.moments_of_truth]
    assert [tp["id"] for tp in doc["touchpoints"]] == [tp.id for tp in j.touchpoints]
    assert all(tp["reachable"] == (tp["id"] in a.reachable) for tp in doc["touchpoints"])
    assert [tp["line"] for tp in doc["touchpoints"]] == [tp.pos[0] for tp in j.touchpoints]
    assert [s["handoffs"] for s in doc["stages"]] == [len(a.handoffs_by_stage[s.id]) for s in j.stages]

    check = json.loads(run_cli("check", "--format", "json", relative(jid)).stdout)
    assert doc["findings"] == check["findings"] and doc["summary"] == check["summary"]


def test_json_export_of_the_business_journey_in_numbers():
    """Hand-counted (see test_examples.py), so the JSON is checked against more than the code."""
    doc = json.loads(export("business-ordering", "json"))
    assert doc["headline"]["touchpoints"] == 20 and doc["headline"]["handoffs"] == 14
    assert doc["headline"]["reliable_share"] == 0.7
    assert [s["handoffs"] for s in doc["stages"]] == [2, 3, 3, 4, 2]
    row = doc["matrices"]["handoffs"]["counts"][5]  # finance
    assert row == [2, 0, 0, 1, 0, 0, 0]  # -> account management twice, -> customer service once
    ignored = next(tp for tp in doc["touchpoints"] if tp["id"] == "monthly-invoice")
    assert ignored["next"] == [{"to": "pays-invoice", "label": "invoice matches the deliveries"},
                               {"to": "third-call", "label": "missing cases still charged"}]


def test_json_ignore_option_drops_findings():
    doc = json.loads(run_cli("export", relative("home-claim"), "--format", "json",
                             "--ignore", "W106").stdout)
    assert "W106" not in {f["code"] for f in doc["findings"]}
    assert doc["summary"]["warnings"] == 3


def test_markdown_tables_have_one_row_per_handoff_and_moment():
    md = export("newsletter-subscriber", "markdown")
    assert md.startswith("# Becoming a paying subscriber of an independent newsletter\n")
    assert "## Hand-offs (12, 3 risky)" in md
    assert "## Moments of truth (5)" in md
    assert "## Findings (6)" in md
    section = md.split("## Hand-offs")[1].split("## Moments")[0]
    assert sum(1 for line in section.splitlines() if line.startswith("| ") and "---" not in line) == 1 + 12
    assert section.count("(risky)") == 3
    # `&` in department names is escaped for Markdown/HTML
    assert "Word of mouth & web" in section  # an & that starts no entity stays as written


def _tables(md: str, heading: str) -> list[list[list[str]]]:
    """The tables of the section under ``heading``: each a list of its body rows' cells."""
    section = md.split(heading, 1)[1].split("\n## ", 1)[0]
    return [[[c.strip() for c in line.strip("|").split(" | ")] for line in block.splitlines()[2:]]
            for block in section.split("\n\n") if block.startswith("| ")]


@pytest.mark.parametrize("jid", IDS)
def test_markdown_says_who_the_journey_is_about_who_is_accountable_and_what_is_not_yet_reliable(jid):
    """The wiki page left out the persona, the stages' owners, most departments' leads and the
    touch-points not rated reliable that are not moments of truth (audit DA)."""
    md = export(jid, "markdown")
    j = check_file(str(MAPS / f"{jid}.journey.yaml")).journey
    assert j is not None and j.persona is not None
    assert f"- **Persona:** {j.persona.name}\n" in md and f"- **Goal:** {j.persona.goal}\n" in md
    stages, departments = _tables(md, "## Who is accountable")
    assert [(r[0], r[1], int(r[2])) for r in stages] == [(s.name, s.owner or "none named", len(s.touchpoints))
                                                          for s in j.stages]
    outside = "outside the company; no contact named"
    assert [(r[0], r[1]) for r in departments] == [
        (d.name, d.lead or (outside if d.layer == "external" else "none named")) for d in j.departments]
    shaky = [t for t in j.touchpoints if t.reliability != "reliable"]
    assert f"## Not yet reliable ({len(shaky)})" in md
    assert [r[0] for r in _tables(md, "## Not yet reliable")[0]] == [t.name for t in shaky]


def test_markdown_names_no_stand_in_as_a_lead():
    text = (MAPS / "home-claim.journey.yaml").read_text(encoding="utf-8").replace("lead: Tom Berg", "lead: TBD")
    md = run_cli("export", "-", "--format", "markdown", input=text).stdout
    assert "| Claims handling | none named |" in md and "TBD" not in md.split("## Findings")[0]  # nor as a lead of a moment of truth (review DB)


def test_markdown_of_a_journey_without_touch_points_says_so():
    md = run_cli("export", "-", "--format", "markdown", input="journeymap: 1\ntitle: Empty\ndepartments: [{name: Ops}]\n"
                 "stages: [{name: Only}]\n").stdout
    assert "## Not yet reliable (0)\n\nNo touch-points yet." in md and "Every touch-point" not in md


def test_markdown_quotes_list_items_where_one_holds_a_semicolon():
    """Joined with "; ", one item "Parts; tools" read as two (review DB)."""
    text = ("journeymap: 1\ntitle: T\npersona: {name: P, expectations: ['Fast; friendly', 'Clear']}\n"
            "departments: [{id: ops, name: Ops}]\nstages: [{name: S, touchpoints: [{name: Fix, department: ops, "
            "reliability: it-depends, depends_on: ['Parts; tools', 'A van']}]}]\n")
    md = run_cli("export", "-", "--format", "markdown", input=text).stdout
    assert "- **Expects:** \u201cFast; friendly\u201d; \u201cClear\u201d" in md
    assert "| \u201cParts; tools\u201d; \u201cA van\u201d |" in md
    plain = run_cli("export", str(MAPS / "home-claim.journey.yaml"), "--format", "markdown").stdout
    assert "\u201c" not in plain.split("## Not yet reliable")[1].split("\n\n## ")[0]


def test_a_risky_hand_off_the_journey_accepts_is_told_apart(tmp_path):
    """The starter's accepted hand-off was "◐ it depends (risky)" under "Hand-offs (5, 1 risky)",
    as if nobody had looked at it, while the briefing says the team accepted it (audit BZ)."""
    assert run_cli("init", str(tmp_path)).exit_code == 0
    path = str(tmp_path / "my-journey.journey.yaml")
    md = run_cli("export", path, "--format", "markdown").stdout
    assert "## Hand-offs (5, 1 risky, 1 accepted)" in md
    assert md.count("(risky, accepted)") == 1 and "(risky)" not in md
    handoffs = json.loads(run_cli("export", path, "--format", "json").stdout)["handoffs"]
    assert [(h["risky"], h["accepted"]) for h in handoffs].count((True, True)) == 1
    assert all(h["accepted"] is False for h in handoffs if not h["risky"])
    unaccepted = (tmp_path / "my-journey.journey.yaml").read_text().replace("ignore: [W110]", "ignore: []")
    md = run_cli("export", "-", "--format", "markdown", input=unaccepted).stdout
    assert "## Hand-offs (5, 1 risky)\n" in md and "accepted" not in md


def test_markdown_findings_set_apart_the_right_to_left_names_they_quote():
    """"… to خدمة العملاء ('يتصل بمركز الاتصال') lands on …" showed the touch-point where the
    department should be, its brackets mirrored (audit AD): the names a message quotes are isolated,
    as in the diff's report and the briefing."""
    import journeymap

    text = ("journeymap: 1\ntitle: Call\ndepartments:\n  - {id: web, name: Web}\n"
            "  - {id: care, name: خدمة العملاء}\nstages:\n  - name: Ask\n    touchpoints:\n"
            "      - {id: visit, name: Visits the site, department: web, next: [call]}\n"
            "      - {id: call, name: يتصل بمركز الاتصال, department: care, reliability: unreliable}\n")
    md = journeymap.export(journeymap.loads(text), "markdown")
    row = next(line for line in md.splitlines() if line.startswith("| W110 "))
    assert "to خدمة العملاء ('\u2068يتصل بمركز الاتصال\u2069')" in row, row


def test_markdown_messages_keep_their_own_code_spans_and_escape_the_rest():
    """"add \\`owner:\\` with" showed its backticks in a pull request (audit AD): journeymap's own
    code spans stay code; a name's backticks and pipes are still escaped, one cell each."""
    import journeymap

    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: d, name: D}]\nstages:\n  - name: 'a `X y` | *b* `owner: x`'\n"
            "    touchpoints: [{id: t, name: T, department: d}]\n")
    md = journeymap.export(journeymap.loads(text), "markdown")
    row = next(line for line in md.splitlines() if line.startswith("| W103 "))
    assert "add `owner:` with the person" in row
    assert "a \\`X y\\` \\| \\*b\\*" in row and row.count(" | ") == 3, row
    assert "| W101 | journey-without-owner | 1 | the journey has no owner: add `owner:` with" in md


def test_markdown_messages_keep_ids_and_ignore_lists_as_code():
    """W113's advice showed "without \\`pay\\` ... \\`ignore: \\[W113\\]\\`", backticks and all, beside
    `next:` kept as code (audit DR): every span journeymap writes stays code."""
    import journeymap

    text = ("journeymap: 1\ntitle: T\nowner: O\ndepartments: [{id: d, name: D, lead: L}]\nstages:\n  - name: S\n"
            "    owner: O\n    touchpoints:\n      - {id: visit, name: Visits, department: d, next: []}\n"
            "      - {id: pay, name: Pays, department: d}\n")
    md = journeymap.export(journeymap.loads(text), "markdown")
    row = next(line for line in md.splitlines() if line.startswith("| W113 "))
    assert "`next:`" in row and "`pay`" in row and "`ignore: [W113]`" in row, row
    assert "\\`" not in row, row


def test_markdown_summary_keeps_its_paragraphs_and_never_turns_into_a_list_or_a_rule():
    from journeymap.analysis.analyse import analyse
    from journeymap.exports.markdown import export_markdown
    from journeymap.journey.validate import load_text

    summary = "- Starts like a list\n\n1986. The year we began\n\n---\n\nA second line\nof one paragraph."
    text = ("journeymap: 1\ntitle: T\nsummary: |\n" + "".join(f"  {line}\n" if line else "\n" for line in
            summary.split("\n")) + "departments: [{name: Sales}]\nstages:\n  - name: Buy\n    touchpoints:\n"
            "      - {name: Visit, department: sales}\n")
    journey, findings = load_text(text, "t.journey.yaml")
    assert journey is not None, findings
    md = export_markdown(analyse(journey), [])
    head = md.split("## Headline")[0]
    assert head == ("# T\n\n\\- Starts like a list\n\n1986\\. The year we began\n\n\\---\n\n"
                    "A second line of one paragraph.\n\n")


# --- Mermaid grammar ---------------------------------------------------------------------

_WS = "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"  # JavaScript's \s
# (state, pattern, token or None to skip, state to enter or "pop"), in the jison file's order.
_RULES: list[tuple[str, str, Optional[str], Optional[str]]] = [
    ("INITIAL", r"%(?!\{)[^\n]*", None, None),  # the file's "%%" is one "%" to jison: a lone % starts a comment
    ("INITIAL", r"[^}]%+[^\n]*", None, None),
    ("INITIAL", r"\n+", "NEWLINE", None),
    ("INITIAL", _WS + "+", None, None),
    ("INITIAL", r"#[^\n]*", None, None),
    ("INITIAL", r"journey\b", "journey", None),  # jison ends a rule of plain words with \b
    ("INITIAL", r"title" + _WS + r"[^#\n;]+", "title", None),
    ("INITIAL", r"accTitle" + _WS + r"*:" + _WS + "*", "acc_title", "acc_title"),
    ("acc_title", r"(?:(?!\n|;|#).)*[^\n]*", "acc_title_value", "pop"),
    ("INITIAL", r"accDescr" + _WS + r"*:" + _WS + "*", "acc_descr", "acc_descr"),
    ("acc_descr", r"(?:(?!\n|;|#).)*[^\n]*", "acc_descr_value", "pop"),
    ("INITIAL", r"accDescr" + _WS + r"*\{" + _WS + "*", None, "acc_descr_multiline"),
    ("acc_descr_multiline", r"\}", None, "pop"),
    ("acc_descr_multiline", r"[^}]*", "acc_descr_multiline_value", None),
    ("INITIAL", r"section" + _WS + r"[^#:\n;]+", "section", None),
    ("INITIAL", r"[^#:\n;]+", "taskName", None),
    ("INITIAL", r":[^#\n;]+", "taskData", None),
    ("INITIAL", r":", ":", None),
    ("INITIAL", r".", "INVALID", None),
]
_COMPILED = [(state, re.compile(p, re.IGNORECASE), tok, nxt) for state, p, tok, nxt in _RULES]


class MermaidSyntaxError(ValueError):
    pass


_ENTITY = re.compile(r"#\w+;")
_INT_MARK, _NAME_MARK, _END_MARK = "\ufb02\u00b0\u00b0", "\ufb02\u00b0", "\u00b6\u00df"


def encode_entities(text: str) -> str:
    """mermaid's encodeEntities (mermaidAPI, before parsing): ``#35;`` and ``#lt;`` become
    markers the grammar does not see (its style/classDef rules never match a journey)."""
    def mark(m: re.Match[str]) -> str:
        inner = m.group()[1:-1]
        return (_INT_MARK if re.fullmatch(r"\+?\d+", inner) else _NAME_MARK) + inner + _END_MARK
    return _ENTITY.sub(mark, text)


def shown(text: str) -> str:
    """What the drawing shows: mermaid's decodeEntities (markers to HTML entities), then HTML."""
    decoded = text.replace(_INT_MARK, "&#").replace(_NAME_MARK, "&").replace(_END_MARK, ";")
    return html.unescape(decoded)


def lex(text: str) -> list[tuple[str, str]]:
    """Tokens of mermaid's journey lexer: first matching rule wins (jison without `flex`)."""
    text = encode_entities(text)
    tokens: list[tuple[str, str]] = []
    states = ["INITIAL"]
    pos = 0
    while pos < len(text):
        for state, rx, tok, nxt in _COMPILED:
            if state != states[-1]:
                continue
            m = rx.match(text, pos)
            if m is None or (m.end() == pos and tok is None):
                continue
            if tok:
                tokens.append((tok, m.group()))
            if nxt == "pop":
                states.pop()
            elif nxt:
                states.append(nxt)
            pos = m.end()
            break
        else:
            raise MermaidSyntaxError(f"no rule matches at {pos}: {text[pos:pos + 20]!r}")
    tokens.append(("EOF", ""))
    return tokens


@dataclass
class Task:
    section: str
    name: str
    score: float
    people: list[str]


@dataclass
class Diagram:
    title: Optional[str] = None
    sections: list[str] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)


def parse_journey(text: str) -> Diagram:
    """Parse like mermaid: ``start: journey document EOF``; statements are title, section,
    ``taskName taskData`` and the accessibility lines; NEWLINE and EOF are empty lines."""
    tokens = lex(text)
    if tokens[0][0] != "journey":
        raise MermaidSyntaxError(f"expected 'journey', got {tokens[0]}")
    diagram = Diagram()
    section = ""
    i = 1
    while True:
        kind, value = tokens[i]
        if kind == "EOF":
            return diagram
        if kind == "NEWLINE":
            i += 1
        elif kind == "title":
            diagram.title = shown(value[6:])
            i += 1
        elif kind == "section":
            section = shown(value[8:])
            diagram.sections.append(section)
            i += 1
        elif kind in ("acc_title", "acc_descr") and tokens[i + 1][0] == kind + "_value":
            i += 2
        elif kind == "acc_descr_multiline_value":
            i += 1
        elif kind == "taskName" and tokens[i + 1][0] == "taskData":
            pieces = tokens[i + 1][1][1:].split(":")  # journeyDb.addTask
            score = _js_number(pieces[0])
            people = [shown(p.strip()) for p in pieces[1].split(",")] if len(pieces) > 1 else []
            diagram.tasks.append(Task(section, shown(value), score, people))
            i += 2
        else:
            raise MermaidSyntaxError(f"unexpected {kind} {value!r} after {tokens[i - 1]}")


def _js_number(text: str) -> float:
    """JavaScript's Number(): whitespace-trimmed decimal, NaN otherwise."""
    try:
        return float(text.strip()) if text.strip() else 0.0
    except ValueError:
        return float("nan")


def test_the_parser_knows_the_grammar():
    ok = parse_journey("journey\n  title My day\n  %% a comment\n  section Go to work\n"
                       "    Make tea: 5: Me\n    Go upstairs: 3: Me, Cat\n  section Home\n    Sit down: 1\n")
    assert ok.title == "My day" and ok.sections == ["Go to work", "Home"]
    assert [(t.section, t.name, t.score, t.people) for t in ok.tasks] == [
        ("Go to work", "Make tea", 5, ["Me"]), ("Go to work", "Go upstairs", 3, ["Me", "Cat"]),
        ("Home", "Sit down", 1, [])]
    # what mermaid rejects or silently mangles
    for bad in ("title x\n", "journey\n  section A\n    Task without score\n",
                "journey\n  section A: B\n    T: 3: X\n",
                "journey\n  section A\n    Journey planning: 3: X\n"):
        with pytest.raises(MermaidSyntaxError):
            parse_journey(bad)
    # "journey" is a keyword only as a word (Mermaid 11.17 took "Journeyman arrives" as a task: audit BT)
    assert [t.name for t in parse_journey("journey\n  section A\n    Journeyman arrives: 3: X\n").tasks] == [
        "Journeyman arrives"]
    stolen = parse_journey("journey\n  section A\n    Title deeds: 3: X\n")
    assert stolen.tasks == [] and stolen.title == "deeds: 3: X"  # the task became the title
    for bad in ("journey\n  section A\n    Call #2: 3: X\n", "journey\n  section A\n    Next; step: 4: Y\n"):
        with pytest.raises(MermaidSyntaxError):
            parse_journey(bad)
    gone = parse_journey("journey\n  section A\n    %% Sure: 4: Y\n    Fine 100%%: 2: Z\n    %x: 1: W\n")
    assert [t.name for t in gone.tasks] == ["Fine 100%%"]  # a leading % makes the task a comment
    cut = parse_journey("journey\n  section A\n    Tea: 5: Me # and the cat\n    Go: 2: A: B\n")
    assert [t.people for t in cut.tasks] == [["Me"], ["A"]]  # silently dropped


def literal(text: str) -> str:
    """A name as the drawing should show it: the same text, whitespace runs made one space,
    control characters as their visible pictures."""
    return printable(" ".join(text.split())) or "(unnamed)"


@pytest.mark.parametrize("jid", IDS)
def test_exported_maps_parse_as_mermaid_journeys(jid):
    diagram = parse_journey(export(jid, "mermaid"))
    j = check_file(relative(jid)).journey
    assert diagram.title == literal(j.title)
    assert diagram.sections == [literal(s.name) for s in j.stages if s.touchpoints]
    assert len(diagram.tasks) == len(j.touchpoints)
    for task, tp in zip(diagram.tasks, j.touchpoints):
        assert task.score == int(task.score) and 1 <= task.score <= 5
        assert task.score == tp.emotion + 3
        assert task.name == literal(tp.name)
        assert task.people == [literal(j.department_by_id[tp.department].name)]
        assert task.section == literal(j.stage_by_id[tp.stage].name)


def test_home_claim_mermaid_keeps_names_readable():
    diagram = parse_journey(export("home-claim", "mermaid"))
    assert diagram.sections == ["Discover cover", "Report the damage", "Assessment", "Repair", "Settle & pay"]
    assert diagram.tasks[0].name == "Sees the 'We fix it, you relax' TV advert"
    assert diagram.tasks[2].name == "Talks the cover through with Zoë at the local agency"
    assert [t.score for t in diagram.tasks[:4]] == [4, 3, 5, 3]


HOSTILE_NAMES = [
    "Call #2: agent; 100% sure",
    "</title><script>alert(1)</script>",
    "#lt;b#gt; looks like an entity code",
    "Ampersand & \"quotes\", commas",
    "\ufb02\u00b0\u00b0 fake marker \u00b6\u00df",
    "ESC \x1b[2J and NUL \x00",
    "%% not a comment",
    "a%%b",
    "}%%{init: {'theme': 'dark'}}%%",
    "Journeyman plumber arrives",
    "journeys END",
    "title Deeds are checked",
    "Section 5: form",
    "accTitle: hijacked",
    "accDescr { hijacked",
    "journey",
    ":",
    "#",
    ";;;",
    "Ends with a colon:",
    "Tab\tand   spaces",
]


def _hostile_journey() -> tuple[str, int]:
    tps = [{"id": f"t{i}", "name": name, "department": f"d{i % 3}", "emotion": (i % 5) - 2,
            "reliability": "reliable"} for i, name in enumerate(HOSTILE_NAMES)]
    tps.append({"id": "plain", "name": "No emotion given", "department": "d0", "reliability": "reliable"})
    data: dict[str, Any] = {
        "journeymap": 1, "title": "Journey: #1; 50% {done}",
        "departments": [{"id": "d0", "name": "Sales, north: #1; 5%"},
                        {"id": "d1", "name": "section Billing"},
                        {"id": "d2", "name": "Journeymen: a, b"}],
        "stages": [{"id": "s1", "name": "Section: one # two; three", "touchpoints": tps[:8]},
                   {"id": "empty", "name": "Empty", "touchpoints": []},
                   {"id": "s2", "name": "journey planning", "touchpoints": tps[8:]}],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True), len(tps)


def test_hostile_names_are_made_safe():
    text, count = _hostile_journey()
    journey, findings = load_text(text, "hostile.journey.yaml")
    assert journey is not None, findings
    out = export_mermaid(analyse(journey))
    diagram = parse_journey(out)
    assert len(diagram.tasks) == count
    assert len(diagram.sections) == 2  # the empty stage has no section
    assert all(t.score == int(t.score) and 1 <= t.score <= 5 for t in diagram.tasks)
    assert diagram.tasks[-1].score == 3  # no emotion: neutral
    # every name shows literally, delimiters, commas and markup included
    assert [t.name for t in diagram.tasks] == [literal(tp.name) for tp in journey.touchpoints]
    assert [t.people for t in diagram.tasks] == [[literal(journey.department_by_id[tp.department].name)]
                                                 for tp in journey.touchpoints]
    assert diagram.title == literal(journey.title)
    assert diagram.sections == ["Section: one # two; three", "journey planning"]
    # every line of the output is one statement, with no raw delimiter or markup in a name
    lines = out.splitlines()
    assert lines[0] == "journey" and len(lines) == 2 + len(diagram.sections) + count
    assert not set(out) & set("<>&\"%{}")


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_each_hostile_name_alone(name):
    line = f"journey\n  section S\n    {mermaid_text(name)}: 3: {mermaid_text(name, actor=True)}\n"
    diagram = parse_journey(line)
    assert len(diagram.tasks) == 1 and diagram.tasks[0].score == 3
    assert diagram.tasks[0].name == literal(name)
    assert diagram.tasks[0].people == [literal(name)]
    assert parse_journey(f"journey\n  title {mermaid_text(name)}\n").title == literal(name)
    assert parse_journey(f"journey\n  section {mermaid_text(name)}\n").sections == [literal(name)]


def test_json_touchpoints_carry_their_ignore_lists():
    """README: ``touchpoints`` holds every field of the file with defaults applied."""
    from journeymap.exports.json import export_document
    from journeymap.journey.validate import load_text

    journey, _ = load_text("journeymap: 1\ntitle: T\ndepartments: [{name: Sales}]\nstages:\n  - name: Buy\n"
                           "    touchpoints:\n      - {name: Visit, department: sales, ignore: [w105, W106]}\n"
                           "      - {name: Pay, department: sales}\n", "t.journey.yaml")
    assert journey is not None
    doc = export_document(analyse(journey), [])
    assert [tp["ignore"] for tp in doc["touchpoints"]] == [["W105", "W106"], []]


def test_json_gives_stages_and_departments_their_places_and_the_journey_its_own_keys():
    """A finding at a stage's or a department's line could not be tied to it without reading the
    YAML again, and the journey's ``x-`` keys, which tie it to a team's other tools, were dropped
    (audit CN). Those keys hold whatever YAML says: a date, binary, .inf come out as text."""
    from journeymap.exports.json import export_json

    text = ("journeymap: 1\ntitle: T\nignore: [W101]\nx-ticket: CX-12\nx-since: 2025-01-01\nx-blob: !!binary aGVsbG8=\n"
            "x-far: .inf\nx-nested: {3: three, list: [1, 2.5, null, true]}\n"
            "departments:\n  - name: Sales\n  -   {id: ops, name: Ops, ignore: [W102], x-cost-centre: 4410}\nstages:\n"
            "  - name: Buy\n    ignore: [W104]\n    x-okr: Q3\n    touchpoints:\n"
            "      - {name: Visit, department: sales}\n      -  {name: Pay, department: ops, x-ticket: CLM-1}\n")
    journey, findings = load_text(text, "t.journey.yaml")
    assert journey is not None, findings
    doc = json.loads(export_json(analyse(journey), []))
    assert doc["journey"]["extensions"] == {"x-ticket": "CX-12", "x-since": "2025-01-01", "x-blob": "aGVsbG8=",
                                            "x-far": ".inf", "x-nested": {"3": "three", "list": [1, 2.5, None, True]}}
    assert doc["journey"]["ignore"] == ["W101"] and doc["journey"]["project"] is None
    keyed, _ = load_text(text.replace("x-ticket: CX-12", "x-keys: {~: nothing, false: no, 2.5: half}"), "t.journey.yaml")
    assert keyed is not None
    keys = json.loads(export_json(analyse(keyed), []))["journey"]["extensions"]["x-keys"]
    assert keys == {"null": "nothing", "false": False, "2.5": "half"}, keys  # as YAML spells them
    # keys Python takes for one (true and 1) are two in JSON: each kept with its own value (audit CT
    # kept the first alone, the other's value lost unsaid)
    alike, _ = load_text(text.replace("x-ticket: CX-12", "x-k: {true: from-true, 1: from-one, 0: zero, false: f}"),
                         "t.journey.yaml")
    assert alike is not None
    assert json.loads(export_json(analyse(alike), []))["journey"]["extensions"]["x-k"] == {
        "true": "from-true", "1": "from-one", "0": "zero", "false": "f"}
    # keys JSON takes for one (1 and "1"): the first, as before; x- data is not checked (SPEC 1)
    same, found = load_text(text.replace("x-ticket: CX-12", "x-k: {1: one, '1': uno}"), "t.journey.yaml")
    assert same is not None and not [f for f in found if f.is_error]
    assert json.loads(export_json(analyse(same), []))["journey"]["extensions"]["x-k"] == {"1": "one"}
    assert [(d["id"], d["line"], d["column"], d["ignore"], d["registry"], d["extensions"]) for d in doc["departments"]] \
        == [("sales", 10, 5, [], False, {}), ("ops", 11, 7, ["W102"], False, {"x-cost-centre": 4410})]
    assert [(s["id"], s["line"], s["column"], s["ignore"], s["extensions"]) for s in doc["stages"]] == [
        ("buy", 13, 5, ["W104"], {"x-okr": "Q3"})]
    assert [(t["line"], t["column"], t["extensions"]) for t in doc["touchpoints"]] == [
        (17, 9, {}), (18, 10, {"x-ticket": "CLM-1"})]


def test_two_departments_of_one_name_are_two_mermaid_actors():
    """Mermaid keys actors by name: two departments called "Contact centre" were one actor, their
    touch-points one person's (audit CN). Each is told by its id after its name; others keep theirs."""
    journey, findings = load_text("journeymap: 1\ntitle: T\ndepartments:\n  - {id: cc, name: Contact centre}\n"
                                  "  - {id: cc-north, name: contact centre}\n  - {id: web, name: Web}\nstages:\n"
                                  "  - name: S\n    touchpoints:\n      - {name: A, department: cc}\n"
                                  "      - {name: B, department: cc-north}\n      - {name: C, department: web}\n",
                                  "t.journey.yaml")
    assert journey is not None, findings
    diagram = parse_journey(export_mermaid(analyse(journey)))
    assert [t.people for t in diagram.tasks] == [["Contact centre (cc)"], ["contact centre (cc-north)"], ["Web"]]


def test_mermaid_actors_told_apart_are_escaped_once_and_never_collide():
    """"Billing & payments (b-north)" came out "Billing #35;38#59; payments", escaped twice, and a
    department named "X (c)" collided with the "X" whose id is c (review CS)."""
    from journeymap.exports.mermaid import actors
    from journeymap.journey.model import Department

    def dept(ident: str, name: str) -> Department:
        return Department(ident, name, 0, (1, 1))

    told = actors([dept("b-north", "Billing & payments"), dept("b-south", "Billing & payments")])
    assert told == {"b-north": mermaid_text("Billing & payments (b-north)", actor=True),
                    "b-south": mermaid_text("Billing & payments (b-south)", actor=True)}
    assert "#35;" not in told["b-north"]
    three = actors([dept("c", "X"), dept("e", "X"), dept("d", "X (c)")])
    assert len({a.casefold() for a in three.values()}) == 3, three
    # names written to be each other's told-apart forms still make as many actors (audit CT)
    tricky = [dept("a", "X"), dept("b", "X"), dept("c", "X (a)"), dept("d", "X (id a)"), dept("e", "X (id a in lane 1)")]
    assert len({a.casefold() for a in actors(tricky).values()}) == 5, actors(tricky)


def test_markdown_opens_no_liquid_tag_for_github_pages():
    """"{{ site.title }}" in a name was filled in by GitHub Pages (Jekyll runs Liquid before the
    Markdown), and an unclosed "{% raw %}" broke the site's build (audit CT)."""
    from journeymap.exports.markdown import export_markdown

    # ... and "{{{" and "{{%", whose second brace opened one after the first was escaped (review CV)
    journey, findings = load_text("journeymap: 1\ntitle: '{{{ site.title }}} {{% raw %}'\n"
                                  "departments: [{id: a, name: A}]\nstages:\n  - name: S\n    touchpoints:\n"
                                  "      - {name: 'Pays {{7*7}}', department: a}\n", "t.journey.yaml")
    assert journey is not None, findings
    text = export_markdown(analyse(journey), findings)
    assert "{{" not in text and "{%" not in text and "&#123;&#123;{ site.title }}}" in text, text
