"""Values YAML reads shorter than they are written (``journeymap.journey.losttext``): told by
``check`` as notes, as valid YAML has no finding code (audit AB)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from journeymap.journey.losttext import lost_texts

TEXT = """journeymap: 1
title: Broadband
departments:
  - name: Billing  # a comment, as comments are written
stages:
  - name: Sign up
    metrics: [Calls answered]  #in the first minute
    touchpoints:
      - name: Passes credit check #2
        department: billing
        reliability: it-depends #for now
        depends_on:
          - Bureau #3 of 4
      - name: &check credit
        department: billing
      - name: &used Pays
        department: billing
      - name: *used
        id: pays-again
        department: billing
      - name: "Calls #3"
        department: billing
"""


def test_a_comment_or_an_unused_anchor_that_cuts_a_value_is_told_with_its_quoted_whole() -> None:
    said = [(lost.line, lost.column, lost.message()) for lost in lost_texts(TEXT)]
    assert said == [
        (9, 15, "this value reads 'Passes credit check': YAML reads '#2' as a comment; put the whole text "
                "in quotes to keep it: \"Passes credit check #2\""),
        (13, 13, "this value reads 'Bureau': YAML reads '#3 of 4' as a comment; put the whole text in quotes "
                 "to keep it: \"Bureau #3 of 4\""),
        (14, 15, "this value reads 'credit': YAML reads '&check' as an anchor (a name to reuse the value by); "
                 "put the whole text in quotes to keep it: \"&check credit\""),
    ]
    # not told: '# a comment' (a space after #), a comment after a list, a fixed word
    # (reliability), an anchor an alias uses, quoted text


def test_a_value_in_typographic_quotes_is_shown_in_straight_ones() -> None:
    """A word processor's quotes are text to YAML: the note showed "“Calls about fault #2”", still
    in them (audit CW)."""
    (lost,) = lost_texts("name: \u201cCalls about fault #2\u201d\n")
    assert lost.message() == ("this value reads '\u201cCalls about fault': YAML reads '#2\u201d' as a comment; put the "
                              "whole text in quotes (straight quotes, for the typographic \u201c \u201d) to keep it: "
                              "\"Calls about fault #2\"")


def test_numbers_booleans_and_ids_are_not_told_even_in_lists() -> None:
    """Review AC: `emotion: -1 #lowest`, `moment_of_truth: true #MOT` and the items of `next:` and
    `ignore:` were told to be quoted, which makes them errors."""
    text = ("journeymap: 1\nignore:\n  - W104  #until Q3\nstages:\n  - touchpoints:\n      - emotion: -1 #low\n"
            "        moment_of_truth: true  #MOT\n        next:\n          - pays  #happy\n        when: 2026-01-01 #d\n"
            "        pain_points:\n          - Waits #1\n")
    assert [(lost.line, lost.reads) for lost in lost_texts(text)] == [(12, "Waits")]


def test_a_number_s_comma_in_a_list_written_on_a_line_is_told() -> None:
    """`metrics: [Bill-shock contacts per 1,000 new customers]` was two metrics, "Bill-shock
    contacts per 1" and "000 new customers", printed so in the briefing with no word (audit DX).
    A list of ids and numbers apart ("[1, 2]", "[a,b]") is not told."""
    text = ("journeymap: 1\nstages:\n  - metrics: [Bill-shock contacts per 1,000 new customers, NPS]\n"
            "    feedback: [Survey, 1,500]\n    touchpoints:\n      - next: [a,b]\n        pain_points: [1, 2]\n")
    assert [(lost.line, lost.column, lost.reads, lost.written) for lost in lost_texts(text)] == [
        (3, 15, "Bill-shock contacts per 1", "Bill-shock contacts per 1,000 new customers"),
        (4, 24, "1", "1,500"),
    ]
    # a million: one note, for the whole number, not one for each of its commas (review DW)
    millions = "journeymap: 1\nstages:\n  - metrics: [Cost per 1,000,000 customers, NPS]\n"
    assert [(lost.reads, lost.written) for lost in lost_texts(millions)] == [
        ("Cost per 1", "Cost per 1,000,000 customers")]
    assert lost_texts(text)[0].message() == (
        "this value reads 'Bill-shock contacts per 1': a [ list ] ends an item at each comma, the comma of a "
        "number too; put the whole text in quotes to keep it: \"Bill-shock contacts per 1,000 new customers\"")


def test_a_value_over_several_lines_cut_on_its_last_and_an_anchor_name_set_again_are_told() -> None:
    """A plain value may run over lines, and a comment cut it on the last; an anchor's name may be
    set again, and an alias then reuses the latest value: the earlier one was cut all the same."""
    text = ("journeymap: 1\nsummary: How a commuter books\n  a service, ticket #3\ntitle: &a First\nstages:\n"
            "  - name: &a Second\n  - name: *a\n  - name: &b Third\n  - &b\n    name: x\n  - *b\n")
    assert [(lost.line, lost.column, lost.reads, lost.written) for lost in lost_texts(text)] == [
        (2, 10, "How a commuter books a service, ticket", "How a commuter books a service, ticket #3"),
        (4, 8, "First", "&a First"),
        (8, 11, "Third", "&b Third"),  # the alias reuses the mapping named &b after it
    ]


def test_check_tells_them_as_notes_and_passes(tmp_path) -> None:
    path = tmp_path / "b.journey.yaml"
    path.write_text(TEXT, encoding="utf-8")
    result = run_cli("check", str(path))
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert len(notes) == 3 and notes[0].startswith(f"note: {path}:9:15: this value reads 'Passes credit check'")
    piped = run_cli("check", "-", input=TEXT)  # standard input too (review AC)
    notes = [line for line in piped.stderr.splitlines() if line.startswith("note: ")]
    assert piped.exit_code == 0 and len(notes) == 3 and notes[0].startswith("note: <stdin>:9:15: ")



def test_the_github_format_tells_them_as_notices_on_stderr_and_keeps_stdout_to_findings(tmp_path) -> None:
    """In a pull request a note on stderr is a line of the job's log nobody opens; a ``::notice``
    is shown on the line it is about, as the findings are. Stdout stays the findings alone (SPEC 3)."""
    path = tmp_path / "b, c.journey.yaml"  # a comma, which GitHub's properties must have escaped
    path.write_text(TEXT, encoding="utf-8")
    result = run_cli("check", str(path), "--format", "github")
    assert result.exit_code == 0, result.output
    assert all(line.startswith(("::warning ", "::error ")) for line in result.stdout.splitlines())
    notices = [line for line in result.stderr.splitlines() if line.startswith("::notice ")]
    escaped = str(path).replace(":", "%3A").replace(",", "%2C")
    assert len(notices) == 3 and notices[0] == (
        f"::notice file={escaped},line=9,col=15,title=cut text::this value reads 'Passes credit check': "
        "YAML reads '#2' as a comment; put the whole text in quotes to keep it: \"Passes credit check #2\"")
    assert not [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    piped = run_cli("check", "-", "--format", "github", input=TEXT)
    assert [line.split(",")[0] for line in piped.stderr.splitlines() if line.startswith("::notice ")] == \
        ["::notice file=<stdin>"] * 3

@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n:-#&*[]{}'\"ab1", max_size=80))
def test_any_text_is_read_without_an_exception(text: str) -> None:
    for lost in lost_texts(text):
        assert lost.line >= 1 and lost.column >= 1 and lost.written


def test_the_api_gives_the_notes_of_what_it_checked(tmp_path) -> None:
    """Audit AD: a notebook or a script had no way to see what `check` tells; ``Checked.notes``
    gives it, from the bytes checked (``check`` no longer reads each file twice for them)."""
    import journeymap

    said = [(n.line, n.column, n.reads) for n in journeymap.loads(TEXT).notes]
    assert said == [(9, 15, "Passes credit check"), (13, 13, "Bureau"), (14, 15, "credit")]
    path = tmp_path / "b.journey.yaml"
    path.write_text(TEXT, encoding="utf-8")
    checked = journeymap.load(path)
    path.write_text("journeymap: 1\n", encoding="utf-8")  # changed since: the notes are of what was checked
    assert [(n.line, n.reads) for n in checked.notes] == [(9, "Passes credit check"), (13, "Bureau"), (14, "credit")]
    assert journeymap.loads("journeymap: 1\ntitle: [unclosed\n").notes == []  # E001: not parsed again



def test_a_comment_after_a_line_separator_is_told_at_its_line():
    notes = lost_texts("a: x\u2028y\nname: Passes check #2\n")
    assert [(n.line, n.column) for n in notes] == [(2, 7)]


def test_a_list_item_in_typographic_quotes_that_a_comma_splits_is_told() -> None:
    """`metrics: [“Slow, unclear”, “Other”]` was three metrics, unsaid (review CY)."""
    (lost,) = lost_texts("metrics: [\u201cSlow, unclear\u201d, \u201cOther\u201d]\n")
    assert (lost.line, lost.column) == (1, 11)
    assert lost.message() == ("this value reads '\u201cSlow': YAML takes \u201c for text, not a quote, so the list's comma in "
                              "it ends the item; put the whole text in quotes (straight quotes, for the typographic "
                              "\u201c \u201d) to keep it: \"Slow, unclear\"")
    assert lost_texts("metrics: [\u201cSlow\u201d, \u201cOther\u201d]\n") == []  # each closed in its item
