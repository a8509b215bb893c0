"""Validation: every E-code at the right position, with advice, all errors in one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, run_cli
from journeymap.journey.validate import load_journey, load_text

ERRORS = FIXTURES / "errors"

# fixture -> (line, column) of the one expected finding
EXPECTED = {
    "E001": (2, 8), "E002": (5, 5), "E003": (10, 9), "E004": (8, 9), "E005": (10, 22),
    "E006": (11, 13), "E007": (9, 21), "E008": (1, 13), "E009": (4, 3),
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_error_code_in_text_format(code):
    path = str(ERRORS / f"{code}.yaml")
    result = run_cli("check", path)
    line, column = EXPECTED[code]
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path}:{line}:{column}: {code} ")
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_error_code_in_json_format(code):
    path = str(ERRORS / f"{code}.yaml")
    result = run_cli("check", "--format", "json", path)
    document = json.loads(result.stdout)
    line, column = EXPECTED[code]
    assert result.exit_code == 1
    assert document["version"] == 1
    assert document["summary"] == {"errors": 1, "warnings": 0}
    (finding,) = document["findings"]
    assert finding["path"] == path and (finding["line"], finding["column"]) == (line, column)
    assert finding["code"] == code and finding["severity"] == "error" and finding["message"]
    assert set(finding) == {"path", "line", "column", "code", "name", "severity", "message"}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_error_code_in_github_format(code):
    path = str(ERRORS / f"{code}.yaml")
    result = run_cli("check", "--format", "github", path)
    line, column = EXPECTED[code]
    assert result.exit_code == 1
    assert result.stdout.startswith(f"::error file={path},line={line},col={column},title={code}::")


def load(text: str, name: str = "t.journey.yaml"):
    return load_text(text, name)


BASE = """journeymap: 1
title: T
departments:
  - name: Sales
stages:
  - name: Buy
    touchpoints:
      - name: Visit
        department: sales
"""


def test_valid_journey_gets_defaults():
    journey, findings = load(BASE, "some/dir/Home Claim.journey.yaml")
    assert findings == []
    assert journey.id == "home-claim"
    tp = journey.touchpoints[0]
    assert (tp.id, tp.reliability, tp.moment_of_truth, tp.next) == ("visit", "unknown", False, None)
    assert journey.departments[0].id == "sales" and journey.stages[0].id == "buy"


@pytest.mark.parametrize("where,text", [("title: T", 'title: "\\u202e"'),
                                        ("- name: Sales", '- name: "\\u2066\\u2069"'),
                                        ("- name: Buy", '- name: "\\u200b\\u200f"'),
                                        ("- name: Visit", '- name: " \\u202d "'),
                                        ("- name: Visit", '- name: "\\u3164\\u2800\\ufe0f"')])
def test_text_of_characters_that_draw_nothing_is_blank(where: str, text: str):
    """A title, lane, stage or touch-point name of bidi controls alone passed check, and the map's
    escaping, which drops them, left Graphviz an empty label it rejected: render and brief exited 3,
    blaming the installation (audit AX)."""
    journey, findings = load(BASE.replace(where, text))
    assert journey is None and {f.code for f in findings} == {"E005"}
    assert any("characters that draw nothing" in f.message for f in findings)
    kept, findings = load(BASE.replace("- name: Visit", '- name: "\\u202eVisit"'))
    assert kept is not None and findings == []  # with a visible character: text, its overrides dropped when drawn


@pytest.mark.parametrize("char", ["\x1c", "\x1f", "\x85"])
def test_a_name_of_one_control_character_is_told_never_a_traceback(char: str):
    """A department named U+001C passed validation (pydantic's pattern does not count it as a
    space), was taken for a blank name when its id was made (Python's str.strip does), so no
    finding was made, and check ended in a KeyError traceback (audit BU)."""
    from journeymap.journey.textsafe import is_blank

    text = BASE.replace("- name: Sales", f'- name: "\\u{ord(char):04x}"').replace("department: sales", "department: claims")
    journey, findings = load(text)
    assert journey is None and findings, findings
    assert {f.code for f in findings} == {"E005"}
    blank = "must not be blank" in findings[0].message
    assert blank is is_blank(char)
    assert blank or "cannot make an id from this department name" in findings[0].message


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(sorted(set("\t\n\x0b\x0c\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u200a\u200b"
                                            "\u2028\u202e\u3000\ufeff\u180e\u3164a.") )), min_size=1, max_size=6))
def test_blank_means_the_same_to_the_validator_and_to_the_id_maker(text: str):
    """Three regular-expression engines read the blank-text pattern (pydantic's, Python's, an
    editor's); spelt without ``\\s`` they agree, and :func:`is_blank` is what the validator says."""
    from pydantic import TypeAdapter, ValidationError

    from journeymap.journey.fileformat import Text
    from journeymap.journey.textsafe import is_blank

    try:
        TypeAdapter(Text).validate_python(text)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is not is_blank(text), repr(text)


def test_an_empty_next_item_is_named_as_one():
    """`next: [null]` said "id: is empty; write a value or remove the key": the file has no `id:`
    there (audit AW)."""
    journey, findings = load(BASE + "        next: [null]\n")
    assert journey is None and [(f.code, f.message) for f in findings] == [
        ("E005", "next item: is empty; write a value or remove the item")]


@pytest.mark.parametrize("written", ["null", "Null", "NULL", "~"])
def test_a_text_spelt_null_is_told_that_yaml_reads_it_as_no_value(written):
    """`name: null` said only "name: is empty; write a value", as if nothing were written there (audit BZ)."""
    journey, findings = load(BASE.replace("name: Visit", f"name: {written}", 1))
    assert journey is None and [(f.code, f.message) for f in findings] == [
        ("E005", f"name: is empty: YAML reads {written!r} as no value; write a value; if the word is meant as "
                 f"text, put it in quotes: \"{written}\"")]


def test_an_empty_value_or_an_id_spelt_null_gets_no_advice_to_quote_it():
    for text in (BASE.replace("name: Visit", "name:", 1), BASE.replace("department: sales", "department: null", 1)):
        _, findings = load(text)
        assert findings and all("quotes" not in f.message and "is empty; write a value" in f.message
                                for f in findings), findings


def test_a_very_long_value_is_shortened_in_its_message():
    """A 3,000-character version or department id made a finding line as long (audit AX)."""
    long = "z" * 3000
    for text, code in ((BASE.replace("journeymap: 1", f"journeymap: {long}"), "E008"),
                       (BASE.replace("department: sales", f"department: {long}"), "E007")):
        _, findings = load(text)
        found = [f for f in findings if f.code == code]
        assert found and all(len(f.message) < 200 and "…" in f.message for f in found), findings


def test_all_errors_are_reported_in_one_run():
    text = BASE.replace("name: Visit", "name: no").replace("- name: Sales", "- name: Sales\n    leed: x") \
        + "        emotion: 7\n        next: [nowhere]\n        colour: red\n"
    journey, findings = load(text)
    assert journey is None
    assert sorted(f.code for f in findings) == ["E003", "E003", "E005", "E005", "E007"]


def test_a_name_yaml_reads_as_yes_or_no_still_gives_its_id_to_references():
    """`name: no` is E005 (put it in quotes); `department: "no"` was also E007, telling the user to
    add a department that is there (audit U 13)."""
    text = """journeymap: 1
title: T
departments:
  - {id: ops, name: Ops}
  - name: no
stages:
  - name: S
    touchpoints:
      - {id: t, name: T1, department: "no"}
      - {id: u, name: U1, department: nope}
"""
    _, findings = load_text(text, "x.journey.yaml")
    assert sorted((f.line, f.code) for f in findings) == [(5, "E005"), (10, "E007")]


@pytest.mark.parametrize("department,said", [
    ("nme: Fleet operations", [(5, "E003"), (5, "E004")]),
    ("id: fleet operations\n    name: Fleet operations", [(5, "E005")]),
])
def test_a_department_with_an_error_of_its_own_is_not_also_unknown_where_it_is_used(department, said):
    """`nme: Fleet operations` was told at its line, and each of its touch-points was told again
    that no department has the id 'fleet-operations' (7 errors for one slip: audit DY). A
    reference to some other department is still told."""
    text = f"""journeymap: 1
title: T
departments:
  - {{id: ops, name: Ops}}
  - {department}
stages:
  - name: S
    touchpoints:
      - {{id: t, name: T1, department: fleet-operations}}
      - {{id: u, name: U1, department: fleet-operations}}
      - {{id: v, name: V1, department: flete}}
"""
    _, findings = load_text(text, "x.journey.yaml")
    last = text.count("\n")
    assert sorted((f.line, f.code) for f in findings) == sorted(said + [(last, "E007")]), findings


def test_codes_that_cannot_be_ignored_are_reported_with_the_other_errors():
    """`ignore: [W999]` came to light only after every other error was fixed (audit U 6)."""
    text = """journeymap: 1
title: T
ignore: [W999, w105, E001]
departments:
  - {id: a, name: A, ignore: [W9]}
stages:
  - name: S
    ignore: [W000]
    touchpoints:
      - {id: t, name: T1, department: nope, ignore: [W101, W998]}
"""
    journey, findings = load_text(text, "x.journey.yaml")
    assert journey is None
    assert sorted((f.line, f.column, f.code) for f in findings) == [
        (3, 10, "E005"), (3, 22, "E005"), (5, 31, "E005"), (8, 14, "E005"), (10, 39, "E007"), (10, 60, "E005")]
    assert sum("'W9' is not a check code" in f.message for f in findings) == 1  # the format's own, once
    assert any("errors cannot be ignored" in f.message and f.column == 22 for f in findings)


@pytest.mark.parametrize("value,hint", [("no", '"no"'), ("on", '"on"'), ("1:30", '"1:30"'),
                                        ("1.10", '"1.10"'), ("2026-01-01", '"2026-01-01"'), ("42", '"42"')])
def test_yaml_11_values_in_text_fields_ask_for_quotes(value, hint):
    _, findings = load(BASE.replace("name: Visit", f"name: {value}"))
    (finding,) = findings
    assert finding.code == "E005" and (finding.line, finding.column) == (8, 15)
    assert "quotes" in finding.message and hint in finding.message


def test_typo_suggests_the_field():
    _, findings = load(BASE + "        depends: [x]\n")
    assert "did you mean 'depends_on'" in findings[0].message


def test_unknown_field_without_close_match_lists_the_fields():
    _, findings = load(BASE + "        zzzz: 1\n")
    assert "x-" in findings[0].message and "reliability" in findings[0].message


def test_extension_keys_are_ignored_everywhere():
    text = BASE.replace("title: T", "title: T\nx-team: {a: [1, 2]}").replace(
        "- name: Sales", "- name: Sales\n    x-cost-centre: 42") + "        x-note: anything\n"
    journey, findings = load(text)
    assert findings == [] and journey.extensions == {"x-team": {"a": [1, 2]}}


@pytest.mark.parametrize("snippet,code", [
    ("        emotion: 3\n", "E005"), ("        emotion: true\n", "E005"),
    ("        category: vip\n", "E005"), ("        moment_of_truth: maybe\n", "E005"),
    ("        pain_points: one\n", "E005"), ("        id: Not A Slug\n", "E005"),
    ("        notes: '" + "x" * 2001 + "'\n", "E005"), ("        channel: ''\n", "E005"),
    ("        channel: '   '\n", "E005"), ("        next: [{label: x}]\n", "E004"),
    ("        next: [{to: visit, colour: x}]\n", "E003"), ("        ignore: [X1]\n", "E005"),
    ("        ignore: [W999]\n", "E005"),
])
def test_invalid_values(snippet, code):
    journey, findings = load(BASE + snippet)
    assert journey is None and [f.code for f in findings] == [code]


def test_name_too_long_says_the_limit():
    _, findings = load(BASE.replace("name: Visit", "name: " + "y" * 201))
    assert "201 characters" in findings[0].message and "200" in findings[0].message


@pytest.mark.parametrize("text,code", [
    ("- a\n- b\n", "E005"), ("just text\n", "E005"), ("", "E004"),
    ("journeymap: '1'\ntitle: T\ndepartments: [{name: A}]\nstages: [{name: B}]\n", "E008"),
    ("journeymap: true\ntitle: T\ndepartments: [{name: A}]\nstages: [{name: B}]\n", "E008"),
    ("journeymap: 1\ntitle: T\ndepartments: []\nstages: [{name: B}]\n", "E005"),
])
def test_top_level_problems(text, code):
    journey, findings = load(text)
    assert journey is None and findings and {f.code for f in findings} == {code}


def test_missing_required_top_level_fields_are_each_reported():
    _, findings = load("journeymap: 1\n")
    assert sorted(f.message.split("'")[1] for f in findings) == ["departments", "stages", "title"]


def test_duplicate_ids_from_names():
    text = BASE + "      - name: visit!\n        department: sales\n"
    _, findings = load(text)
    assert [f.code for f in findings] == ["E006"] and "made from its name" in findings[0].message


def test_a_blank_id_is_no_id_for_the_checks_as_for_the_model():
    """``id: ~`` is allowed (the schema says null) and the model makes the id from the name; the
    checks took it for no id at all (audit CN): two touch-points so written passed E006 and one was
    drawn over the other, a reference to one was unknown (E007), and so was a department's."""
    two = ("journeymap: 1\ntitle: T\ndepartments: [{id: a, name: A}]\nstages:\n  - name: S\n    touchpoints:\n"
           "      - {id: ~, name: Two, department: a}\n      - {id: ~, name: Two, department: a}\n")
    journey, findings = load(two)
    assert journey is None and [(f.code, f.line) for f in findings] == [("E006", 8)], findings
    assert "made from its name" in findings[0].message
    referred = ("journeymap: 1\ntitle: T\ndepartments:\n  - {id: ~, name: Alpha}\n  - {id: b, name: B}\n"
                "stages:\n  - name: S\n    touchpoints:\n      - {id: one, name: One, department: alpha, next: [two]}\n"
                "      - {id: null, name: Two, department: b}\n")
    journey, findings = load(referred)
    assert journey is not None and findings == [], findings
    assert [tp.id for tp in journey.touchpoints] == ["one", "two"] and journey.departments[0].id == "alpha"


def test_an_empty_id_is_told_once_as_not_valid():
    """`id: ""` was told twice at one spot, the second "cannot make an id from this touch-point name
    (no letters or digits)" of the name "three" (review CS)."""
    _, findings = load("journeymap: 1\ntitle: T\ndepartments: [{id: a, name: A}]\nstages:\n  - name: S\n"
                       "    touchpoints:\n      - {id: \"\", name: three, department: a}\n")
    assert [(f.code, f.line) for f in findings] == [("E005", 7)] and "is not a valid id" in findings[0].message


def test_name_without_slug_needs_an_id():
    _, findings = load(BASE.replace("name: Visit", "name: '!!!'"))
    assert [f.code for f in findings] == ["E005"] and "id" in findings[0].message


def test_unknown_next_reference_suggests():
    _, findings = load(BASE + "        next: [vist]\n")
    assert findings[0].code == "E007" and "did you mean 'visit'" in findings[0].message


def test_a_next_naming_a_stage_or_a_department_is_told_what_it_names():
    """`next: [waiting]`, the id of a stage, listed every touch-point's id and no word that
    'waiting' is a stage's (audit EA): it is told so, with the touch-point that starts the stage."""
    text = BASE + "  - name: Wait\n    touchpoints:\n      - {id: hold, name: Holds, department: sales}\n"
    _, findings = load(text.replace("        department: sales\n", "        department: sales\n        next: [wait]\n", 1))
    assert [f.message for f in findings] == ["no touch-point has the id 'wait': that is a stage's id, and `next:` "
                                             "names touch-points; the stage's first touch-point is 'hold'"]
    _, findings = load(text.replace("        department: sales\n", "        department: sales\n        next: [sales]\n", 1))
    assert [f.message for f in findings] == ["no touch-point has the id 'sales': that is a department's id, and "
                                             "`next:` names touch-points"]
    # the stage's first touch-point naming its own stage is not pointed at itself (review EC)
    _, findings = load(text.replace("      - {id: hold, name: Holds, department: sales}\n",
                                    "      - {id: hold, name: Holds, department: sales, next: [wait]}\n"))
    assert [f.message for f in findings] == ["no touch-point has the id 'wait': that is a stage's id, and `next:` "
                                             "names touch-points"]


def test_a_reference_to_a_long_name_s_whole_slug_is_told_the_cut_id():
    """A department named in 96 characters has an id made from its name and cut at 64; the reference
    written as the whole slug was told only "an id has at most 64 characters" (audit CJ)."""
    name = "Billing, collections, debt recovery and hardship support for residential customers in all regions"
    text = ("journeymap: 1\ntitle: T\ndepartments:\n  - name: " + name + "\nstages:\n  - name: S\n    touchpoints:\n"
            "      - name: A\n        department: billing-collections-debt-recovery-and-hardship-support-for-"
            "residential-customers-in-all-regions\n")
    _, findings = load(text)
    (e007,) = [f for f in findings if f.code == "E007"]
    made = "billing-collections-debt-recovery-and-hardship-support-for-resid"
    assert f"cut at 64 characters, '{made}': refer to it by that id, or give the department a short `id:`" in e007.message
    written = text.replace("  - name: " + name, "  - {id: customer-service-and-complaints-handling-team-for-all-regions, name: CS}")
    written = written.replace("billing-collections-debt-recovery-and-hardship-support-for-residential-customers-in-all-regions",
                              "customer-service-and-complaints-handling-team-for-all-regions-north")
    (e007,) = [f for f in load(written)[1] if f.code == "E007"]
    assert "cut at 64" not in e007.message  # an id the file writes, 61 characters, was never cut (review CL)


def test_a_department_whose_id_another_has_too_is_told_to_take_its_own():
    """Underwriting given Contact centre's id: E006 was right, and each `department: underwriting`
    got "'underwriting' is the name of department 'contact-centre': refer to it by its id,
    contact-centre", which moved its touch-points to the other department (audit EE)."""
    text = BASE.replace("  - name: Sales\n", "  - {id: sales, name: Sales}\n  - {id: sales, name: Underwriting}\n").replace(
        "        department: sales\n", "        department: underwriting\n")
    _, findings = load(text)
    assert [f.code for f in findings] == ["E006", "E007"]
    assert findings[1].message.endswith("'underwriting' is the name of a department whose id, 'sales', another "
                                        "department has too: give it an id of its own, such as 'underwriting'")
    # the first department of that id keeps it (E006 is told at the second): its name, the id (review EF)
    _, findings = load(text.replace("department: underwriting", "department: Sales"))
    assert findings[1].message.endswith("'Sales' is the name of department 'sales': refer to it by its id, sales")
    # three of one id
    third = text.replace("  - {id: sales, name: Underwriting}\n", "  - {id: sales, name: Underwriting}\n"
                                                                  "  - {id: sales, name: Claims desk}\n")
    _, findings = load(third.replace("department: underwriting", "department: Claims desk"))
    assert findings[-1].message.endswith("whose id, 'sales', 2 other departments have too: give it an id of its own, "
                                         "such as 'claims-desk'"), findings[-1].message


def test_a_reference_written_as_a_name_is_told_the_id():
    """`department: Field service` got "for example 'field-service'", an id nothing has, and a
    list of ids; the department named so has the id field (audit P)."""
    text = BASE.replace("  - name: Sales\n", "  - name: Sales\n  - {id: field, name: Field service}\n").replace(
        "        department: sales\n", "        department: Field service\n        next: [visit]\n"
        "      - name: Second visit\n        department: field\n        next: [VISIT]\n")
    _, findings = load(text)
    by_code = {(f.code, f.line): f.message for f in findings}
    assert ("E005", 10) not in by_code  # told once, by the E007 that names the id (audits AE, AF)
    assert by_code[("E007", 10)].endswith("'Field service' is the name of department 'field': refer to it by its id, field")
    assert by_code[("E007", 14)].endswith("'VISIT' is the name of touch-point 'visit': refer to it by its id, visit")
    # a name with a space in a next list: told once by E007, not also "must not be blank: it holds
    # only characters that draw nothing" (audit BA)
    _, findings = load(BASE.replace("name: Visit", "name: Home visit") + "        next: [Home visit]\n")
    assert [f.code for f in findings] == ["E007"] and "refer to it by its id, home-visit" in findings[0].message


def test_beginners_slips_say_how_to_mend_them() -> None:
    """Audit AB: a department whose own id is misspelt (`id: saels` under `name: Sales`) was only
    told to be referred to by the typo; `- Sales` in `departments` without a project file was
    told to write `{id: Sales, ...}`, itself an error; `[Bureau: Experian]` was "expected text,
    got a mapping"."""
    _, findings = load(BASE.replace("  - name: Sales\n", "  - {id: saels, name: Sales}\n"))
    assert [f.code for f in findings] == ["E007"]
    assert findings[0].message.endswith("refer to it by its id, saels (or, if 'saels' is misspelt, correct that "
                                        "department's id to 'sales')")
    _, findings = load(BASE.replace("  - name: Sales\n", "  - name: Sales\n  - Field service\n"))
    said = [f.message for f in findings if f.code == "E007"]
    assert said and "(- name: Field service, whose id is then 'field-service')" in said[0], said
    _, findings = load(BASE + "        depends_on: [Bureau: Experian, Equifax]\n")
    assert [f.code for f in findings] == ["E005"]
    assert findings[0].message.endswith("the ': ' in 'Bureau: Experian' makes it a key and a value; put it in "
                                        "quotes: \"Bureau: Experian\"")


def test_a_reference_to_a_name_two_elements_share_is_told_both_ids():
    """A name two touch-points share was answered with the first one's id alone (review Q)."""
    text = BASE + ("        id: visit-1\n      - name: Visit\n        id: visit-2\n        department: sales\n"
                   "      - name: Call\n        department: sales\n        next: [Visit]\n")
    _, findings = load(text)
    messages = [f.message for f in findings]
    assert any(m.endswith("'Visit' is the name of the touch-points 'visit-1' and 'visit-2': refer to the one you "
                          "mean by its id") for m in messages), messages
    assert not any(" is not a valid id" in m for m in messages), messages  # one finding, not two


def test_a_name_is_not_answered_with_an_invalid_id_nor_an_x_key_with_a_rename():
    """A department named "Field service" whose id is "Field Service" (E005) was offered as the id
    to write; an `x-touchpoints:` key, the file's own, was told to be renamed (review Q)."""
    text = BASE.replace("  - name: Sales\n", "  - name: Sales\n  - {id: Field Service, name: Field service}\n").replace(
        "        department: sales\n", "        department: Field service\n")
    _, findings = load(text)
    assert not any("refer to it by its id" in f.message or "for example 'Field Service'" in f.message for f in findings)
    text = BASE + "        next: [pay]\n  - name: Pay\n    x-touchpoints:\n      - name: Pay\n        department: sales\n"
    findings = sorted(load(text)[1], key=lambda f: f.line)
    assert [f.code for f in findings] == ["E007"] and "x-touchpoints" not in findings[0].message


def test_an_invalid_id_is_not_suggested_for_a_reference():
    """A department given the id 'Field' (E005) was then offered for every `department: field`:
    "did you mean 'Field'?", an id the same check refused (audit P). A reference to the id the E005
    advises ('field') is told nothing more (audit DY); one to another is not offered 'Field'."""
    text = BASE.replace("  - name: Sales\n", "  - name: Sales\n  - {id: Field, name: Field team}\n")
    _, findings = load(text.replace("        department: sales\n", "        department: field\n"))
    assert [f.code for f in findings] == ["E005"] and "for example 'field'" in findings[0].message
    _, findings = load(text.replace("        department: sales\n", "        department: fields\n"))
    assert [f.code for f in findings] == ["E005", "E007"]
    # nor listed among the ids there are: "defined touch-points: visits-shop, Bad Id" (audit EG)
    assert "did you mean 'Field'" not in findings[1].message and "defined departments: sales;" in findings[1].message
    # and where every id is one E005 refuses, it says so, not "none" (review EH)
    alone = BASE.replace("  - name: Sales\n", "  - {id: Field, name: Field team}\n")
    _, findings = load(alone.replace("        department: sales\n", "        department: fields\n"))
    assert "defined departments: none with a valid id" in findings[-1].message, findings[-1].message


def test_a_touch_point_without_a_department_is_told_the_ids_it_may_name():
    """"add `department: ...`" sent the writer looking up the departments' ids (audit DY): the
    finding lists those the journey defines, as E007 does for an unknown one."""
    text = BASE.replace("  - name: Sales\n", "  - name: Sales\n  - {id: field-team, name: Field team}\n")
    _, findings = load(text.replace("        department: sales\n", ""))
    assert [f.code for f in findings] == ["E004"]
    assert findings[0].message == ("this touch-point has no 'department'; add `department: <id>`, "
                                   "one of: sales, field-team")
    # each once, valid ones only, at most eight (review EC)
    many = "".join(f"  - name: Team {n}\n" for n in range(10)) + "  - name: Sales\n  - {id: Bad Id, name: Bad}\n"
    _, findings = load(BASE.replace("  - name: Sales\n", "  - name: Sales\n" + many).replace("        department: sales\n", ""))
    (e004,) = [f for f in findings if f.code == "E004"]
    assert e004.message.endswith("one of: sales, team-0, team-1, team-2, team-3, team-4, team-5, team-6, ...")


def test_a_misspelt_key_is_named_by_the_finding_it_causes():
    """A misspelt key comes after what it causes (findings go by line): "this touch-point has no
    'department'" was first, the misspelt 'Department' second, and a reference to a touch-point
    under a misspelt 'touch_points' was "unknown" (audit P). The first finding now names the slip."""
    _, findings = load(BASE.replace("        department: sales\n", "        Department: sales\n"))
    assert [f.code for f in findings] == ["E004", "E003"]
    assert findings[0].message == "this touch-point has no 'department'; line 9 has 'Department': write it as 'department'"
    text = BASE + "        next: [pay]\n  - name: Pay\n    touch_points:\n      - name: Pay\n        department: sales\n"
    findings = sorted(load(text)[1], key=lambda f: f.line)
    assert [f.code for f in findings] == ["E007", "E003"]
    assert findings[0].message.endswith("it is under 'touch_points' at line 12, which is not read: write that key "
                                        "as 'touchpoints'")


def test_next_forms():
    text = BASE + "        next: [visit, {to: visit, label: again}]\n"
    journey, findings = load(text)
    assert findings == []
    assert [(r.to, r.label) for r in journey.touchpoints[0].next] == [("visit", None), ("visit", "again")]


def test_touchpoint_limit():
    many = "".join(f"      - name: T{i}\n        department: sales\n" for i in range(2001))
    journey, findings = load(BASE.split("    touchpoints:\n")[0] + "    touchpoints:\n" + many)
    assert journey is None and [f.code for f in findings] == ["E009"]


def test_load_journey_reads_files(tmp_path: Path):
    path = tmp_path / "x.yml"
    path.write_text(BASE)
    journey, _ = load_journey(path)
    assert journey.id == "x" and journey.path == str(path)


@pytest.mark.parametrize("line,said", [
    ('        moment_of_truth: "true"\n', "got the text 'true' in quotes; remove the quotes: true"),
    ('        emotion: "2"\n', "got the text '2' in quotes; remove the quotes: 2"),
    ("        emotion: 2.0\n", "got 2.0; write it without the decimal point: 2"),
    # a yes or no in quotes, a list or mapping where one text belongs: how to write them (audit CJ)
    ('        moment_of_truth: "yes"\n', "expected true or false, got the text 'yes'; write true"),
    ("        moment_of_truth: 'Off'\n", "expected true or false, got the text 'Off'; write false"),
    ("        channel: [phone, chat]\n", 'expected text, got a list; write it as one text, e.g. "phone, chat"'),
    ("        metric: {name: Hold time, unit: min}\n", 'expected text, got a mapping; write it as one text, e.g. '
     '"name: Hold time, unit: min"'),
    ("        notes:\n          Mon: closed\n          Tue: open\n", 'e.g. "Mon: closed, Tue: open"'),  # keys kept (review CL)
    ("        channel: [phone, 'say \"hi\"']\n", """e.g. "phone, say 'hi'\""""),
    ("        moment_of_truth:\n", "moment_of_truth: is empty; write a value or remove the key"),
    ("        reliability:\n", "reliability is empty; write one of reliable, it-depends, unreliable, unknown"),
])
def test_a_value_of_the_right_kind_written_wrongly_says_how_to_write_it(line, said):
    """"expected a whole number, got a number '2.0'" and "expected true or false, got text 'true'"
    contradicted themselves for a person reading them (audit G)."""
    from journeymap.journey.validate import load_bytes

    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: cc, name: C}]\nstages:\n  - name: S\n"
            "    touchpoints:\n      - name: A\n        department: cc\n" + line)
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    assert [f.code for f in findings if f.code.startswith("E")] == ["E005"], findings
    assert said in findings[0].message, findings[0].message


@pytest.mark.parametrize("key,meant", [("lane", "department"), ("rating", "reliability"), ("kpi", "metric"),
                                       ("team", "department")])
def test_an_unknown_key_that_is_another_word_for_a_field_names_the_field(key, meant):
    from journeymap.journey.validate import load_bytes

    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: cc, name: C}]\nstages:\n  - name: S\n"
            f"    touchpoints:\n      - name: A\n        department: cc\n        {key}: x\n")
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    assert [f.message for f in findings if f.code == "E003"] == [
        f"unknown field '{key}' in this touch-point; did you mean '{meant}'?"]


@pytest.mark.parametrize("key,said", [("nombre", "; did you mean 'name'?"), ("nombr", "; a touch-point has id, name,"),
                                      ("reliabilty", "; did you mean 'reliability'?"), ("nmae", "; did you mean 'name'?")])
def test_an_unknown_key_is_given_a_field_only_when_it_is_close(key, said):
    """`nombre:` (a Spanish team's "name") was asked "did you mean 'ignore'?", a far match (audit
    DK): it is named as the word it is, and a key close to no field is given the list of fields."""
    from journeymap.journey.validate import load_bytes

    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: cc, name: C}]\nstages:\n  - name: S\n"
            f"    touchpoints:\n      - name: A\n        department: cc\n        {key}: x\n")
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    message = next(f.message for f in findings if f.code == "E003")
    assert message.startswith(f"unknown field '{key}' in this touch-point{said}"), message
    assert "'ignore'" not in message.split(";")[1].split(" has ")[0], message


def test_a_value_near_a_word_of_its_vocabulary_is_still_offered_it():
    """Values are offered the closest of their few long words at difflib's usual 0.6 (review DL:
    `layer: front` lost "did you mean 'frontstage'?" when keys were asked for closer matches)."""
    from journeymap.journey.validate import load_bytes

    text = "journeymap: 1\ntitle: T\ndepartments: [{id: cc, name: C, layer: front}]\nstages: [{name: S}]\n"
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    assert any("did you mean 'frontstage'" in f.message for f in findings), findings


def test_a_missing_name_beside_a_name_in_another_language_is_told_as_one_slip():
    from journeymap.journey.validate import load_bytes

    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: cc, nombre: Ventas}]\nstages:\n  - name: S\n"
            "    touchpoints: [{name: A, department: cc}]\n")
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    assert any(f.code == "E004" and "has 'nombre': write it as 'name'" in f.message for f in findings), findings


@pytest.mark.parametrize("departments,expected", [("departements: [{id: cc, name: C}]\n", ["E004", "E003"]),
                                                  ("departments: []\n", ["E005"]), ("", ["E004"])])
def test_no_departments_at_all_is_told_once_not_at_every_reference(departments, expected):
    """A misspelt `departments:` gave E003 and then an E007 at each of the 16 touch-points."""
    from journeymap.journey.validate import load_bytes

    text = ("journeymap: 1\ntitle: T\n" + departments + "stages:\n  - name: S\n    touchpoints:\n"
            + "".join(f"      - name: T{i}\n        department: cc\n" for i in range(5)))
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    assert [f.code for f in findings if f.code.startswith("E")] == expected, findings



def test_an_empty_list_item_is_told_as_an_item_not_a_key():
    from journeymap.journey.validate import load_bytes

    _, findings = load_bytes(b"journeymap: 1\ntitle: T\ndepartments:\n  -\nstages: [{name: S}]\n", "f.yaml")
    assert any("write a value or remove the item" in f.message for f in findings), findings


def test_a_touchpoint_written_as_plain_text_says_how_to_write_it_with_keys():
    from journeymap.journey.validate import load_bytes

    text = (b"journeymap: 1\ntitle: T\ndepartments: [{id: a, name: A}]\nstages:\n  - name: S\n"
            b"    touchpoints:\n      - Calls the hotline\n")
    _, findings = load_bytes(text, "f.yaml")
    assert [(f.code, f.line, f.column) for f in findings] == [("E005", 7, 9)]
    assert "write it with keys: `- name: Calls the hotline`, with its `department:` below it" in findings[0].message


def test_an_empty_list_key_says_how_to_list_items_or_write_none():
    """"touchpoints: is empty; write a value or remove the key (write [a, b] or '- a' lines)" read
    as two pieces of advice glued together."""
    from journeymap.journey.validate import load_bytes

    text = b"journeymap: 1\ntitle: T\ndepartments: [{id: a, name: A}]\nstages:\n  - name: S\n    touchpoints:\n"
    _, findings = load_bytes(text, "f.yaml")
    assert [f.message for f in findings if f.code == "E005"] == [
        "touchpoints is empty: list its items on the lines below it ('- ...'), or write `touchpoints: []` for none yet"]


@pytest.mark.parametrize("text,said", [
    ("journeymap: 1\ntitle:\ndepartments: [{id: a, name: A}]\nstages: [{name: S}]\n", "title: is empty; write a value"),
    ("journeymap: 1\ntitle: T\ndepartments: [{id: a, name: A}]\nstages: [{name: S, touchpoints: [{name: N, department: }]}]\n",
     "department: is empty; write a value"),
    ("journeymap: 1\ntitle: T\ndepartments: [{id: a, name: A}]\nstages:\n",
     "stages is empty: list at least one stage on the lines below it ('- name: ...')"),
    ("journeymap: 1\ntitle: T\ndepartments:\nstages: [{name: S}]\n",
     "departments is empty: list at least one department on the lines below it ('- name: ...')"),
])
def test_an_empty_required_value_is_not_told_to_go_or_to_be_an_empty_list(text, said):
    """"remove the key" gave E004 for a key that must be there, and `stages: []` was E005 again
    (audit BG): each hint is one that passes, or at least moves on."""
    from journeymap.journey.validate import load_bytes

    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    assert [f.message for f in findings if f.code == "E005"] == [said], findings


def test_a_next_left_empty_is_an_error_that_names_both_readings():
    """`next:` with no value read as absent: the flow went on to the next touch-point without a
    word, where the writer may have meant the path to end (audit BG). The schema agrees."""
    import jsonschema
    import yaml

    from journeymap.journey.fileformat import json_schema
    from journeymap.journey.validate import load_bytes

    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: a, name: A}]\nstages:\n  - name: S\n    touchpoints:\n"
            "      - name: One\n        department: a\n        next:\n      - name: Two\n        department: a\n")
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    assert [(f.code, f.line) for f in findings] == [("E005", 9)]
    assert "write `next: []` for a path that ends here, or leave the key out" in findings[0].message
    assert not jsonschema.Draft7Validator(json_schema()).is_valid(yaml.safe_load(text))
    for fixed in (text.replace("next:\n", "next: []\n"), text.replace("        next:\n", "")):
        _, findings = load_bytes(fixed.encode("utf-8"), "f.yaml")
        assert findings == [] and jsonschema.Draft7Validator(json_schema()).is_valid(yaml.safe_load(fixed))


def test_a_next_item_written_as_id_colon_label_is_told_how_to_write_it():
    """`next: [welcome-call: if happy]` got "a next item has to, label" (a broken sentence) and a
    second error for the missing `to` (audit AF)."""
    _, findings = load(BASE + "        next: [welcome-call: if happy]\n      - name: Welcome call\n"
                       "        department: sales\n")
    assert [(f.code, f.line) for f in findings] == [("E003", 10)]
    assert findings[0].message.endswith("a next item is a touch-point id, or {to: <id>, label: <text>}: write "
                                        "{to: welcome-call, label: if happy}")
    _, findings = load(BASE + "        next: [{to: welcome-call, lable: x}]\n      - name: Welcome call\n"
                       "        department: sales\n")
    assert [f.code for f in findings] == ["E003"] and "did you mean 'label'" in findings[0].message
    _, findings = load(BASE + "        next: [{to: welcome-call, label: x, extra: 1}]\n      - name: Welcome call\n"
                       "        department: sales\n")  # beside a `to:`, not an id written as a key (audit BE)
    assert [f.code for f in findings] == ["E003"]
    # "a next item has to and label" read as garbled, "to" as a preposition (audit CW)
    assert findings[0].message.endswith("unknown field 'extra' in this next item; a next item has only the keys to: "
                                        "and label:, and its label says when the customer takes it (label: if paid); "
                                        "prefix your own keys with x-")
    # a condition is what its label says: beside a label, told so; alone, taken for the label
    _, findings = load(BASE + "        next: [{to: welcome-call, label: if happy, condition: happy}]\n"
                       "      - name: Welcome call\n        department: sales\n")
    assert [f.code for f in findings] == ["E003"] and "its label says when the customer takes it" in findings[0].message
    _, findings = load(BASE + "        next: [{to: welcome-call, when: happy}]\n      - name: Welcome call\n"
                       "        department: sales\n")
    assert [f.code for f in findings] == ["E003"] and findings[0].message.endswith("did you mean 'label'?")
    _, findings = load(BASE.replace("title: T\n", "title: T\nfoo: 1\n"))
    assert findings[0].message.endswith("a journey has journeymap, title, id, summary, owner, persona, ignore, "
                                        "departments and stages (prefix your own keys with x-)")


def test_a_checks_name_in_an_ignore_list_is_told_its_code():
    """`ignore: [risky-handoff]` was "not a check code; write codes like W104" (audit AF)."""
    from journeymap.findings import parse_codes

    _, findings = load(BASE.replace("title: T\n", "title: T\nignore: [risky-handoff, Unrated touchpoint, foo]\n"))
    assert [f.message for f in findings] == [
        "'risky-handoff' is the name of check W110, not its code; write W110",
        "'Unrated touchpoint' is the name of check W105, not its code; write W105",
        "'foo' is not a check code; write codes like W104"]
    with pytest.raises(ValueError, match=r"\(risky-handoff is W110\)$"):
        parse_codes("risky-handoff,W104")


@pytest.mark.parametrize("name,said", [("''", "name must not be empty; write text"), ("'   '", "name must not be blank")])
def test_an_empty_name_is_one_finding(name: str, said: str):
    """It was also "cannot make an id from this stage name", at the same spot (audit AH)."""
    _, findings = load(BASE.replace("  - name: Buy\n", f"  - name: {name}\n"))
    assert [(f.code, f.message) for f in findings] == [("E005", said)]


@pytest.mark.parametrize("written,layer", [("customer-facing", "frontstage"), ("Behind the scenes", "backstage"),
                                           ("outside our control", "external")])
def test_a_layer_written_as_the_map_prints_it_is_told_the_layer_it_means(written: str, layer: str) -> None:
    """The map labels lanes "customer-facing", and a reader typed that in: told only the four
    layers, with no word of which one it was (audit CW)."""
    _, findings = load(BASE.replace("  - name: Sales\n", f"  - name: Sales\n    layer: {written}\n", 1))
    assert [f.code for f in findings] == ["E005"]
    assert findings[0].message.endswith(f"the map prints {layer} lanes as '{written.lower()}': write {layer}")


_WATER = """journeymap: 1
title: Burst main
departments:
  - {name: Customer, lead: n/a, layer: external}
  - {name: Network operations and leakage control, lead: Dev}
  - {name: Field repairs, lead: Gareth}
stages:
  - name: Notice
    owner: Head of contact
    touchpoints:
      - {id: tap, name: Tap runs dry, department: customer, reliability: unknown, emotion: EMOTION}
      - {id: alarm, name: Pressure alarm, department: network-operations, reliability: RATING}
      - {id: crew, name: Crew sent, department: field-repairs, reliability: it-depends}
      - {id: map, name: Outage map, department: planning, reliability: reliable}
"""


def test_messages_a_beginner_meets_say_what_to_write():
    """Audit DN: `emotion: high` was told no range; a value in typographic quotes was asked "did
    you mean 'reliable'?; it is in typographic quotes"; a renamed department's references were
    offered its new id; a lane not written yet was told only the ids there are."""
    text = _WATER.replace("EMOTION", "high").replace("RATING", "\u201creliable\u201d")
    _, findings = load_text(text, "x.journey.yaml")
    said = {(f.line, f.code): f.message for f in findings}
    assert said[11, "E005"].endswith("got text 'high'; write a whole number from -2 (very unhappy) to 2 (delighted)")
    quoted = said[12, "E005"]
    assert "did you mean" not in quoted and "it is in typographic quotes" in quoted
    assert quoted.count(";") == 2  # one of the words, then the quotes: no "?;"
    renamed = [f.message for f in findings if f.code == "E007" and "'network-operations'" in f.message]
    assert renamed == ["no department has the id 'network-operations'; if department 'Network operations and "
                       "leakage control' was renamed, its id changed with its name: give it `id: network-operations` "
                       "and its references stay as they are"]
    assert said[14, "E007"].endswith("; or, for a new one, add it under `departments:` with `id: planning` and "
                                     "its name")


def test_a_risky_handoff_names_who_mends_it():
    text = _WATER.replace("EMOTION", "-1").replace("RATING", "it-depends").replace(
        "department: network-operations", "department: network-operations-and-leakage-control").replace(
        "department: planning", "department: field-repairs").replace(
        "name: Pressure alarm", "name: Pressure alarm, next: [crew]")
    from journeymap.pipeline import check_bytes

    w110 = {f.line: f.message for f in check_bytes(text.encode(), "<string>").findings if f.code == "W110"}
    assert w110[12].endswith("Customer is outside the company: ask Dev, who leads Network operations and leakage "
                             "control, to make the receiving touch-point reliable")
    assert w110[13].endswith("agree the hand-over between Dev, who leads Network operations and leakage control, and "
                             "Gareth, who leads Field repairs, or make the receiving touch-point reliable")


def test_the_renamed_advice_is_not_given_where_it_would_mislead():
    """Review DO: "customer-services" (one letter from "customer-service") was told to rename the
    department "Customer"; and pinning an id that is referenced already would break those."""
    near = _WATER.replace("EMOTION", "-1").replace("RATING", "reliable").replace(
        "name: Network operations and leakage control", "name: Customer service").replace(
        "department: network-operations", "department: customer-services")
    _, findings = load_text(near, "x.journey.yaml")
    said = [f.message for f in findings if "customer-services" in f.message]
    assert said == ["no department has the id 'customer-services'; did you mean 'customer-service'?"], said
    both = _WATER.replace("EMOTION", "-1").replace("RATING", "reliable").replace(
        "department: field-repairs", "department: network-operations-and-leakage-control")
    _, findings = load_text(both, "x.journey.yaml")
    said = [f.message for f in findings if "'network-operations'" in f.message]
    assert said and "renamed" not in said[0], said


def test_a_department_renamed_by_a_word_is_told_both_ways_to_mend_it():
    """"Customer service" renamed "Customer care" (no `id:`): its references were told only "did
    you mean 'customer-care'?", a fix at every reference, where `id: customer-service` on the
    department mends them all (audit DR). Both are said, the nearer first."""
    text = ("journeymap: 1\ntitle: T\nowner: O\ndepartments:\n  - {name: Customer care, lead: L}\n"
            "  - {name: Billing, lead: B}\nstages:\n  - name: S\n    owner: O\n    touchpoints:\n"
            "      - {id: a, name: Calls, department: customer-service, next: [b]}\n"
            "      - {id: b, name: Pays, department: billing}\n"
            "      - {id: c, name: Calls again, department: customer-service}\n")
    _, findings = load_text(text, "x.journey.yaml")
    assert [f.message for f in findings if f.code == "E007"] == [
        "no department has the id 'customer-service'; did you mean 'customer-care'? Or, if department "
        "'Customer care' was renamed, its id changed with its name: give it `id: customer-service` and its "
        "references stay as they are"] * 2
    # a word shared with a department some reference names already is no rename of it
    _, findings = load_text(text.replace("department: billing", "department: customer-care"), "x.journey.yaml")
    assert [f.message for f in findings if f.code == "E007"] == [
        "no department has the id 'customer-service'; did you mean 'customer-care'?"] * 2
    # nor a typo (pinning it would keep the typo), nor an id alike in a later word only (review DT)
    for name, wrong in (("Customer service", "custmer-service"), ("Field service", "customer-service")):
        _, findings = load_text(text.replace("Customer care", name).replace("customer-service", wrong), "x.journey.yaml")
        said = [f.message for f in findings if f.code == "E007"]
        assert said and not any("renamed" in m for m in said), said


#: A journey of one department and one stage, up to its touch-points' items.
_OPS_STAGE = """journeymap: 1
title: T
departments:
  - {id: ops, name: Ops}
stages:
  - name: S
    touchpoints:
"""


def test_a_touch_point_moved_out_to_the_stages_is_told_where_it_belongs():
    """A touch-point whose lines were dedented to the stages' level was told only that a stage has
    no field 'department', 'reliability', … (audit DY)."""
    text = _OPS_STAGE + """      - {id: t, name: T1, department: ops}
  - name: Refund is paid
    department: ops
    reliability: reliable
"""
    _, findings = load_text(text, "x.journey.yaml")
    told = [(f.line, f.code) for f in findings]
    assert told == [(10, "E003"), (11, "E003")], findings
    assert "'department' is a touch-point's: if this item is a touch-point, indent it under the `touchpoints:` of " \
           "its stage" in findings[0].message
    # a stage with touch-points of its own and a stray key is a stage: told what a stage has (review DW)
    _, findings = load_text(text.replace("    department: ops\n", "    touchpoints: []\n"), "x.journey.yaml")
    assert "a stage has id, name" in findings[0].message, findings


def test_one_item_written_without_its_list_is_shown_the_list():
    """`next: b` was told "expected a list, got text 'b' (write [a, b] or '- a' lines)" (audit DY):
    it is shown its own list of one. Text with a comma or YAML's signs gets the general advice."""
    text = _OPS_STAGE + """      - {id: a, name: A, department: ops, next: b, pain_points: "Slow, then lost"}
      - {id: b, name: B, department: ops}
"""
    _, findings = load_text(text, "x.journey.yaml")
    said = sorted(f.message for f in findings)
    assert said == ["next: expected a list, got text 'b'; for a list of one, write `next: [b]`",
                    "pain_points: expected a list, got text 'Slow, then lost' (write [a, b] or '- a' lines)"], said


def test_a_number_is_quoted_as_a_number():
    """"emotion is '3'" read as if the 3 were text (audit DY)."""
    _, findings = load_text(_OPS_STAGE + "      - {id: a, name: A, department: ops, emotion: 3}\n", "x.journey.yaml")
    assert [f.message for f in findings] == ["emotion is 3; it must be a whole number from -2 to 2"]
