"""The reader: positions, limits, duplicate keys, tags, encodings."""

from __future__ import annotations

import datetime
import re

import pytest

from journeymap.findings import sort_findings
from journeymap.journey.nodes import to_python
from journeymap.journey.reader import MAX_BYTES, read_bytes, read_text
from journeymap.journey.validate import load_bytes


def codes(findings):
    return [(f.code, f.line, f.column) for f in findings]


def test_positions_are_one_based_and_point_at_nodes():
    root, findings = read_text("a: 1\nb:\n  - x\n  - {c: d}\n", "f.yaml")
    assert findings == []
    assert root.pos == (1, 1)
    assert root.get("a").pos == (1, 4)
    seq = root.get("b")
    assert seq.children[0].pos == (3, 5)
    assert seq.children[1].get("c").pos == (4, 9)
    assert root.key_node("b").pos == (2, 1)


def test_yaml_11_typing_is_kept_for_the_validator_to_explain():
    root, _ = read_text("a: no\nb: on\nc: 1:30\nd: 1.10\ne: 2026-01-01\nf: '1:30'\n", "f.yaml")
    assert to_python(root) == {"a": False, "b": True, "c": 90, "d": 1.1,
                               "e": datetime.date(2026, 1, 1), "f": "1:30"}
    assert root.get("a").text == "no"


def test_duplicate_keys_are_reported_and_the_first_kept():
    root, findings = read_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert codes(findings) == [("E002", 3, 1)]
    assert "first at line 1" in findings[0].message
    assert to_python(root) == {"a": 1, "b": 2}


def test_duplicate_keys_in_nested_mappings_are_all_reported():
    _, findings = read_text("x: {a: 1, a: 2}\ny:\n  - b: 1\n    b: 2\n", "f.yaml")
    assert codes(findings) == [("E002", 1, 11), ("E002", 4, 5)]


@pytest.mark.parametrize("text", ["a: !!python/object/apply:os.system [ls]\n",
                                  "!!python/object:os.system {}\n", "a: !!python/name:os.system ''\n",
                                  "a: !custom x\n", "a: !!set {x}\n"])
def test_object_constructing_tags_are_refused(text):
    root, findings = read_text(text, "f.yaml")
    assert [f.code for f in findings] == ["E001"]
    assert "not allowed" in findings[0].message
    # Nothing is constructed: the tagged value is read as the plain text or collection it is.
    assert root is not None and all(isinstance(v, (str, list, dict, type(None))) for v in _values(to_python(root)))


def _values(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _values(value)
    elif isinstance(data, list):
        for value in data:
            yield from _values(value)
    else:
        yield data


def test_every_bad_tag_is_reported_with_the_files_other_errors():
    """A refused or unreadable tag stopped the reading: the file's other errors stayed hidden."""
    from journeymap.journey.validate import load_bytes

    text = (b"journeymap: 1\ntitle: T\ndepartments: [{name: Sales}]\nstages:\n  - name: Buy\n    touchpoints:\n"
            b"      - {name: Visit, department: sales, moment_of_truth: !!bool maybe, emotion: !!int x, colour: red}\n"
            b"      - {name: Pay, department: salez, notes: !!python/object:os.system {}}\n")
    journey, findings = load_bytes(text, "f.journey.yaml")
    assert journey is None
    assert sorted((f.line, f.code) for f in findings) == [(7, "E003"), (7, "E005"), (7, "E005"), (8, "E001"),
                                                          (8, "E007")]
    assert any("cannot be read as int;" in f.message for f in findings)  # not Python's "invalid literal for int()"


def test_alias_bomb_stops_at_the_node_limit_quickly():
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    root, findings = read_text(bomb, "f.yaml")
    assert root is None
    assert [f.code for f in findings] == ["E009"]
    assert "100,000" in findings[0].message


def test_aliases_within_the_limit_expand():
    root, findings = read_text("a: &x {k: v}\nb: *x\n", "f.yaml")
    assert findings == [] and to_python(root) == {"a": {"k": "v"}, "b": {"k": "v"}}


def test_deep_nesting_is_refused_before_parsing_it_all():
    root, findings = read_text("[" * 50_000, "f.yaml")
    # Our own count stops at column 65; libyaml >= 0.2.5 (PyYAML 6.0.4 wheels) stops while
    # scanning ahead at level 1,000 before handing over any event. Either way: E009, line 1.
    assert root is None and codes(findings) in ([("E009", 1, 65)], [("E009", 1, 1001)])


def test_nesting_up_to_the_limit_is_fine():
    root, findings = read_text("[" * 63 + "]" * 63, "f.yaml")
    assert root is not None and findings == []


def test_oversized_file_is_refused_without_parsing():
    root, findings = read_bytes(b"a: b\n" * (MAX_BYTES // 5 + 1), "f.yaml")
    assert root is None and [f.code for f in findings] == ["E009"]


@pytest.mark.parametrize("data,fragment", [
    ("a: é\n".encode("utf-16"), "UTF-16"),
    (b"a: \xff\xfe\n", "not valid UTF-8"),
    # saved as "ANSI" by Excel or Notepad: the character named, not only its byte (audit CW)
    ("title: Zoë\n".encode("cp1252"), "not valid UTF-8 (byte 0xeb, which is 'ë' if the file was saved as "
                                      "Windows-1252 ('ANSI', as Excel and Notepad save)); save it as UTF-8"),
    # a run of high bytes (Cyrillic in Windows-1251) is not guessed at (review CZ)
    ("title: Заявка\n".encode("cp1251"), "not valid UTF-8 (byte 0xc7); save it as UTF-8"),
    (b"a: x\x00y\n", "U+0000"),
    (b"a: x\x1by\n", "U+001B"),
    ("a: 1\n".encode("utf-16-be"), "UTF-16"),  # no byte-order mark: told by its zero bytes
    ("a: 1\n".encode("utf-32-le"), "UTF-32"),
    (b"\x00journeymap: 1\n", "U+0000"),  # a NUL first is not UTF-16 (audit AI)
    (b"\x00\x01\x02journeymap: 1\n", "U+0000"),
    ("# Путь клиента\njourneymap: 1\n".encode("utf-16-be"), "UTF-16"),  # not Latin first (audit AK)
    ("# رحلة\njourneymap: 1\n".encode("utf-16-le"), "UTF-16"),
    ("a".encode("utf-16-le"), "UTF-16"),
    (b"\x00\x00", "U+0000"),
])
def test_encoding_and_control_characters(data, fragment):
    root, findings = read_bytes(data, "f.yaml")
    assert root is None and findings[0].code == "E001" and fragment in findings[0].message


def test_utf8_bom_and_bidi_text_are_read():
    root, findings = read_bytes("\ufeffa: \u202eevil\u202c\n".encode("utf-8"), "f.yaml")
    assert findings == [] and to_python(root) == {"a": "\u202eevil\u202c"}


def test_several_documents_are_refused():
    _, findings = read_text("a: 1\n---\nb: 2\n", "f.yaml")
    assert codes(findings) == [("E001", 2, 1)]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "~\n"])
def test_empty_documents_read_as_an_empty_mapping(text):
    root, findings = read_text(text, "f.yaml")
    assert findings == [] and root.kind == "map" and root.children == []


def test_syntax_error_points_at_the_problem():
    _, findings = read_text('a: 1\nb: "x" y\nc: 2\n', "f.yaml")
    assert (findings[0].code, findings[0].line, findings[0].column) == ("E001", 2, 8)


def test_a_list_or_quote_left_open_is_reported_where_it_opens() -> None:
    """libyaml finds an open [ list on the next line, and an open quote at the end of the file:
    editors and annotations show a finding at its position (audit AB: 142:1 for line 44)."""
    _, findings = read_text("a: 1\nb: [x\nc: 2\n", "f.yaml")
    assert (findings[0].code, findings[0].line, findings[0].column) == ("E001", 2, 4)
    _, findings = read_text('a: 1\nb: "x\nc: 2\nd: 3\n', "f.yaml")
    assert (findings[0].line, findings[0].column) == (2, 4) and "a quote is not closed" in findings[0].message
    # a bad item of a closed list over several lines is told where it is (review AC)
    _, findings = read_text('a: 1\nb: [\n  x,\n  "y" z,\n  w\n]\n', "f.yaml")
    assert (findings[0].line, findings[0].column) == (4, 7)
    assert "the [ list that starts at line 2, column 4 needs a ',' or its closing ] here" in findings[0].message


@pytest.mark.parametrize("text,said", [
    ('journeymap: 1\ntitle: "T\n', "the file ends inside the quoted text that starts at line 2, column 8"),
    ("journeymap: 1\ntitle: T\nx: [a, b\n", "the [ list that starts at line 3, column 4 is not closed"),
    # left open on the last line, bare or with a trailing comma: libyaml's "did not find expected
    # node content", a line past the file's end (audit BG)
    ("journeymap: 1\ntitle: T\nx: [", "the [ list that starts at line 3, column 4 is not closed before the file ends"),
    ("journeymap: 1\ntitle: T\nx: {a: b,\n", "the { mapping that starts at line 3, column 4 is not closed before the file ends"),
    ('journeymap: 1\ndepartments:\n  - id: a\n    name: "Call" the hotline\n',
     "text after the value on this line"),  # indented right: a quoted value with more after it
    ("journeymap: 1\ntitle: Filing a claim\n  after water damage: yes\n",
     "this key is not where YAML expects one"),  # one ': ' on the line, not a second (audit AB: was "a ': ' where YAML expects none")
    ("journeymap: 1\ntitle: x\n\tdepartments: []\n", "a tab in the indentation"),  # "while scanning a plain scalar"
    ("journeymap: 1\ntitle: x\ndepartments:\n\t- a\n", "a tab in the indentation"),
])
def test_yaml_errors_are_told_in_plain_words(text, said):
    """libyaml's own words ("while parsing a block mapping", "end of stream") meant nothing to a CX team."""
    _, findings = read_text(text, "f.yaml")
    assert findings[0].message.startswith(f"invalid YAML: {said};"), findings[0].message
    assert "while " not in findings[0].message and "stream" not in findings[0].message
    assert "node content" not in findings[0].message
    assert findings[0].line <= len(text.splitlines())  # a line of the file


def test_undefined_and_recursive_aliases():
    assert read_text("a: *nope\n", "f")[1][0].code == "E001"
    assert read_text("a: &r [*r]\n", "f")[1][0].code == "E001"


def test_merge_keys_merge_without_overriding():
    root, findings = read_text("base: &b {x: 1, y: 1}\nm:\n  <<: *b\n  y: 2\n", "f.yaml")
    assert findings == [] and to_python(root)["m"] == {"y": 2, "x": 1}


ALIASED = ("journeymap: 1\ntitle: A\nowner: O\ndepartments:\n  - {id: a, name: A, lead: L, layer: &lay middle}\n"
           "stages:\n  - id: s1\n    name: S1\n    owner: O\n    feedback: [f]\n    touchpoints:\n"
           "      - {id: t1, name: T1, department: a, reliability: reliable, moment_of_truth: true, metric: m, "
           "expectation: e}\n"
           "      - {id: t3, name: T3, department: a, reliability: *lay}\n")


def test_a_finding_about_an_aliased_value_is_where_the_alias_is_used():
    """Both were told at the anchor (5:38), the reliability one on a line that holds no reliability (audit BZ)."""
    journey, findings = load_bytes(ALIASED.encode(), "j.yaml")
    assert journey is None
    assert [(f.line, f.column, f.message.split(" is ")[1]) for f in findings] == [
        (5, 38, "not a valid layer; use one of external, frontstage, backstage, support"),
        (13, 56, "not a valid reliability; use one of reliable, it-depends, unreliable, unknown")]
    root, _ = read_text("a: &x {k: v}\nb: *x\n", "f.yaml")
    assert root.get("b").pos == (2, 4) and root.get("b").get("k").pos == (1, 11)  # its insides stay at the anchor


MERGED = ("journeymap: 1\ntitle: A\ndepartments:\n  - &d {id: a, name: A}\n  - *d\nstages:\n  - name: S\n"
          "    touchpoints:\n      - &base\n        id: t\n        name: T\n        department: a\n"
          "        reliability: middle\n      - <<: *base\n        id: t2\n      - <<: *base\n        id: t3\n"
          "      - <<: [*base, {name: U}]\n      - *base\n")


def test_merged_defaults_are_told_once_at_the_anchor_and_a_repeated_id_where_it_is_repeated():
    """A wrong default merged into three touch-points is one finding, at the anchor; an id merged
    or aliased whole was told "already used at line 10" at line 10 itself (audit BZ)."""
    _, findings = load_bytes(MERGED.encode(), "j.yaml")
    findings = sort_findings(findings)
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("E006", 5, 5), ("E005", 13, 22), ("E006", 18, 9), ("E006", 19, 9)]
    assert "already used at line 4;" in findings[0].message
    assert all("already used at line 10;" in f.message for f in findings[2:])


def test_an_aliased_collection_used_twice_as_a_key_is_told_at_the_second_use():
    _, findings = read_text("a: &k [1]\nb: {*k : 1, *k : 2}\n", "f.yaml")
    assert codes(findings) == [("E002", 2, 13)]


@pytest.mark.parametrize("text,line,hint", [
    ("journeymap: 1\ntitle: T\ndepartments:\n\t- name: S\n", 4, "YAML indents with spaces only"),
    ("journeymap: 1\ntitle: Call: urgent\n", 2, 'must be quoted: write title: "Call: urgent"'),
    ("journeymap: 1\ntitle: T\nx: [a, b\n", 3, "close the [ list with ]"),  # where it opens (audit AB)
    ('journeymap: 1\ntitle: "T\n', 2, "a quote is not closed"),
    ("journeymap: 1\nstages:\n  - name: a\n   - name: b\n", 4, "indent it 2 spaces"),
    ("journeymap: 1\nstages:\n  - id: a\n    name: A\n      owner: Ann\n", 5,
     "indented further than the key above it"),  # once told to quote a value holding ': '
    ("journeymap: 1\ntitle: @home\n", 2, "YAML keeps '@' for itself at the start of a value: put the text in quotes"),
    ("journeymap: 1\ntitle: *urgent* call\n", 2, 'read as an alias (the value of an & anchor); put the whole text in '
     'quotes: title: "*urgent* call"'),  # audit AB: libyaml's "did not find expected alphabetic or numeric character"
    ("journeymap: 1\ntitle: T\nstages:\n  - name: S\n    owner\uff1aAnn\n", 5,
     "the colon after `owner` is a look-alike (fullwidth colon, U+FF1A"),  # an IME's colon (audit BA)
])
def test_common_yaml_mistakes_say_how_to_fix_them(text, line, hint):
    _, findings = read_bytes(text.encode("utf-8"), "j.yaml")
    assert [(f.code, f.line) for f in findings] == [("E001", line)]
    assert hint in findings[0].message


STAGE = ("journeymap: 1\ntitle: A\ndepartments:\n  - {id: a, name: A}\nstages:\n  - name: S1\n"
         "    touchpoints:\n      - {id: t1, name: T1, department: a}\n")


@pytest.mark.parametrize("text,line,column,message", [
    (STAGE.replace("  - name: S1\n", "  - name: S1\n    feedback: [Survey #1, Reviews]\n"), 7, 23,
     "the [ list that starts at line 7, column 15 is not closed: YAML reads '#1, Reviews]' as a comment (a # "
     'after a space starts one, in brackets too); put the item in quotes, e.g. ["Survey #1", Reviews]'),
    (STAGE.replace("{id: t1, name: T1, department: a}", "{name: Ticket #2, department: a}"), 8, 23,
     "the { mapping that starts at line 8, column 9 is not closed: YAML reads '#2, department: a}' as a comment "
     "(a # after a space starts one, in brackets too); put the item in quotes, e.g. "
     '{name: "Ticket #2", department: a}'),
    ("journeymap: 1\ntitle: T\nx: [Survey,  # the main one\n  Poll #1, Reviews]\n", 4, 8,
     "YAML reads '#1, Reviews]' as a comment (a # after a space starts one, in brackets too); put the item in "
     'quotes, e.g. "Poll #1"'),  # on a line after the [: the item alone; a comment that cuts nothing is not blamed
    ("journeymap: 1\ntitle: T\nx: [a, 'b #1', Say \"hi\" #3, d]", 3, 25,
     "put the item in quotes, e.g. [a, 'b #1', 'Say \"hi\" #3', d]"),  # a # in quotes is no comment
])
def test_a_comment_that_cuts_a_bracketed_item_is_told_at_its_hash(text, line, column, message):
    """It was "the [ list ... is not closed; close the [ list with ], or quote an item holding a
    comma or bracket", at the [, and the list had its ] (audit BZ)."""
    _, findings = read_bytes(text.encode("utf-8"), "j.yaml")
    assert codes(findings) == [("E001", line, column)]
    assert findings[0].message.startswith("invalid YAML: ") and findings[0].message.endswith(message)


def test_a_list_left_open_with_a_comment_that_cuts_nothing_is_still_told_to_be_closed():
    _, findings = read_text("journeymap: 1\ntitle: T\nx: [a, b  # the first\ny: 1\n", "j.yaml")
    assert codes(findings) == [("E001", 3, 4)] and "close the [ list with ]" in findings[0].message


def test_a_quoted_version_is_named_as_text():
    journey, findings = load_bytes(b'journeymap: "1"\ntitle: T\n', "j.yaml")
    assert journey is None and [f.code for f in findings] == ["E008"]
    assert findings[0].message == "format version '1' is written as text; write journeymap: 1 without quotes"


@pytest.mark.parametrize("version,said", [("\n  - 1", "a list"), (" {v: 1}", "a mapping")])
def test_a_version_that_is_a_collection_is_named_as_one(version, said):
    """It was "format version a collection is not supported; ..." (audit BZ)."""
    from journeymap.journey.fileversion import version_findings

    journey, findings = load_bytes(f"journeymap:{version}\ntitle: T\n".encode(), "j.yaml")
    assert journey is None and [(f.code, f.message) for f in findings] == [
        ("E008", f"the format version is {said}; write journeymap: 1")]
    root, _ = read_text(f"project:{version}\n", "journeymap.yaml")
    assert [f.message for f in version_findings(root, "project", "project-file version", "journeymap.yaml")] == [
        f"the project-file version is {said}; write project: 1"]


@pytest.mark.parametrize("code,message", [
    ("E005", "'E005' is an error, and errors cannot be ignored; only warnings (W101-W115) can"),
    ("W999", "'W999' is not a journeymap check code; codes are E001-E010 and W101-W115"),
])
def test_a_file_cannot_ignore_errors_or_unknown_codes(code, message):
    text = (f"journeymap: 1\ntitle: T\nignore: [{code}]\ndepartments:\n  - {{id: d, name: D}}\n"
            "stages:\n  - name: S\n    touchpoints:\n      - {name: A, department: d, reliability: reliable}\n")
    journey, findings = load_bytes(text.encode("utf-8"), "j.yaml")
    assert journey is None and [(f.code, f.line, f.message) for f in findings] == [("E005", 3, message)]


def test_each_code_that_cannot_be_ignored_is_reported_at_itself():
    text = ("journeymap: 1\ntitle: T\nignore: [W104, W999, E005]\ndepartments:\n  - {id: d, name: D, ignore: [E001]}\n"
            "stages:\n  - name: S\n    touchpoints:\n      - {name: A, department: d, reliability: reliable}\n")
    _, findings = load_bytes(text.encode("utf-8"), "j.yaml")
    assert sorted((f.code, f.line, f.column) for f in findings) == [("E005", 3, 16), ("E005", 3, 22), ("E005", 5, 31)]


@pytest.mark.parametrize("text", ["", "# a comment only\n\n", "---\n"])
def test_an_empty_file_is_one_finding_that_says_how_to_start(text):
    journey, findings = load_bytes(text.encode("utf-8"), "j.journey.yaml")
    assert journey is None and [(f.code, f.line, f.column) for f in findings] == [("E004", 1, 1)]
    assert "`journeymap: 1`" in findings[0].message and "journeymap init" in findings[0].message


def test_a_missing_format_version_says_what_to_write():
    _, findings = load_bytes(b"title: T\ndepartments: [{name: A}]\nstages: [{name: S, touchpoints: []}]\n", "j.yaml")
    assert [f.message for f in findings if f.code == "E004"] == \
        ["this journey has no 'journeymap'; add `journeymap: 1` as its first line"]


@pytest.mark.parametrize("data,position", [
    ("journeymap: 1\ntitle: éé".encode() + b"\xe9\n", (2, 10)),  # the 10th character, the 12th byte
    (b"\xef\xbb\xbfjourneymap: 1\xff\n", (1, 14)),  # after a BOM, which is not a character of the line
    ("a: Café ☕ 😀 x".encode() + b"\xff\n", (1, 14)),
])
def test_a_bad_byte_is_placed_in_characters_as_every_other_finding(data, position):
    _, findings = read_bytes(data, "f.yaml")
    assert (findings[0].code, findings[0].line, findings[0].column) == ("E001", *position)
    assert re.search(r"\(byte 0x" + format(data.lstrip(b"\xef\xbb\xbf")[-2], "02x") + "[,)]", findings[0].message)


@pytest.mark.parametrize("value", ["1" + ":0" * 200_000, "9" * 100_000, "1" + ":30" * 40 + ".5"])
def test_a_huge_number_is_read_as_text_at_once(value):
    """YAML 1.1's base-60 numbers cost PyYAML time growing with the square of their length (13
    minutes for one 4.8 MB value); a 100,000-digit integer got Python's own int-size complaint."""
    import time

    from journeymap.journey.validate import load_bytes

    data = (f"journeymap: 1\ntitle: T\ndepartments: [{{name: S}}]\nstages:\n  - name: B\n    touchpoints:\n"
            f"      - {{name: V, department: s, emotion: {value}}}\n").encode()
    start = time.process_time()
    _, findings = load_bytes(data, "x.journey.yaml")
    assert time.process_time() - start < 5  # a bound on the pathological case, not a speed target
    assert [f.code for f in findings] == ["E005"] and "got text" in findings[0].message
    assert "sys.set_int_max_str_digits" not in findings[0].message


_TP = "journeymap: 1\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n"


@pytest.mark.parametrize("text,line,column,said", [
    # A quote left open: libyaml gave up 47 lines further down, where the next quote closed it.
    (_TP + '      - name: "Calls the hotline\n        department: cc\n      - name: B\n'
     '        next: [{to: c, label: "x"}]\n', 6, 15, "the double quote that starts this value is not closed on its line"),
    (_TP + "      - name: 'Calls\n        department: cc\n      - name: 'B'\n", 6, 15, "the single quote that starts this value"),
    (_TP + "      - name: 'It's late'\n", 6, 15, "write it twice ('It''s late')"),
    # ... and in a list in brackets, where it was told as a missing comma (audit CJ)
    (_TP + "      - name: A\n        pain_points: ['Told \"we'll call\"', x]\n", 7, 23,
     "write it twice ('Told \"we''ll call\"')"),
    # ... in a mapping in braces, a flow label, a plural possessive, a list item, twice in one text (review CL)
    (_TP + "      - {name: 'Calls Zoë's agency', department: cc}\n", 6, 16, "write it twice ('Calls Zoë''s agency')"),
    (_TP + "      - name: A\n        next: [{to: b, label: 'it's late'}]\n", 7, 31, "write it twice ('it''s late')"),
    (_TP + "      - name: A\n        pain_points: ['Customers' feedback is lost']\n", 7, 23,
     "write it twice ('Customers'' feedback is lost')"),
    (_TP + "      - name: A\n        pain_points:\n          - 'It's late'\n", 8, 13, "write it twice ('It''s late')"),
    (_TP + "      - name: A\n        pain_points: ['L'Oréal's gift']\n", 7, 23, "write it twice ('L''Oréal''s gift')"),
    # ... quoted or with a comment after it; a registry id under departments takes `id:` (review CL)
    (_TP + '      - "Calls us"\n        department: cc\n', 6, 7, "`- name: Calls us`"),
    (_TP + "      - Calls us # the hotline\n        department: cc\n", 6, 7, "`- name: Calls us`"),
    ("journeymap: 1\ntitle: T\ndepartments:\n  - billing\n    lead: X\n", 4, 3, "`- id: billing`"),
    # A touch-point whose `name:` was left out: its text, then its keys (audit CJ)
    (_TP + "      - Calls us\n        department: cc\n", 6, 7,
     "this list item is only the text 'Calls us', and the key under it (line 7) cannot follow a text; to give the "
     "item keys, write its text as one of them: `- name: Calls us`"),
    # A no-break space pasted from Word, after the colon and in the indentation.
    (_TP + "      - name: A\n        reliability:\u00a0reliable\n        emotion: 1\n", 7, 21,
     "looks like a space but is not (no-break space, U+00A0)"),
    (_TP + "      - name: A\n       \u00a0channel: web\n", 7, 8, "looks like a space but is not"),
    # A key written against its value.
    (_TP + "      - name: A\n        reliability:reliable\n        emotion: 1\n", 7, 20,
     "write `reliability: reliable`"),
    ("journeymap:1\ntitle: T\n", 1, 11, "write `journeymap: 1`"),
    # Text that starts with a character YAML keeps for itself.
    (_TP + "      - name: [Draft] Calls the hotline\n", 6, 15, 'name: "[Draft] Calls the hotline"'),
    (_TP + "      - name: > Calls\n", 6, 15, "begins a block of text"),
    (_TP + "      - name: A\n        reliability: ?\n", 7, 22, "is read as a key"),
    (_TP + "      - name: A\n        metric: % of claims\n", 7, 17, 'metric: "% of claims"'),
    (_TP + "      - name: A\n        emotion: - 2\n", 7, 18, "write the minus sign against it: -2"),
    (_TP + "      - name: A\n        notes: \"C:\\Users\\x\"\n", 7, 21, "write the text in single quotes"),
    # An emoji escaped as JSON writers escape it, in two halves (audit AR): not a Windows path.
    (_TP + "      - name: \"Party \\ud83c\\udf89\"\n", 6, 24, "or the pair as one escape (\\U0001F389)"),
    # A key without its colon: libyaml finds it on the next line, which was where it was told (audit AF).
    (_TP + "      - name: A\n        channel phone\n        reliability: unreliable\n", 7, 9,
     "this key has no ': ' after it"),
    # A touch-point dedented to a stage's level: the good line after it looks too deep, so the
    # line above is named too, and the finding is at the key, not its ': ' (audit AF).
    (_TP + "      - name: A\n        department: d\n  - name: B\n        department: d\n", 9, 9,
     "indented further than the key above it (line 8, at column 5): line up the keys of one mapping, "
     "moving whichever of the two is out of place"),
])
def test_a_yaml_mistake_is_told_where_it_was_made_in_plain_words(text, line, column, said):
    _, findings = read_text(text, "f.yaml")
    assert [(f.code, f.line, f.column) for f in findings] == [("E001", line, column)], findings
    assert said in findings[0].message, findings[0].message
    assert "while " not in findings[0].message


def test_a_text_in_a_list_of_texts_is_not_told_to_take_a_name():
    _, findings = read_text(_TP + "      - name: A\n        pain_points:\n          - Told to wait\n"
                            "            twice: really\n", "f.yaml")
    assert findings[0].code == "E001" and "`- name:" not in findings[0].message, findings[0].message


def test_a_list_where_a_list_belongs_gets_no_quoting_advice():
    _, findings = read_text(_TP + "      - name: A\n        next: [a, b\n", "f.yaml")
    assert "is not closed" in findings[0].message and "put the whole text in quotes" not in findings[0].message


@pytest.mark.parametrize("line,said", [
    ("        chan\u200bnel: web\n", "it holds an invisible character (zero width space, U+200B) after 'chan'"),
    ("        reliability: it\u2011depends\n", "a look-alike character (non-breaking hyphen, U+2011) after 'it'"),
    ("        emotion: \u20132\n", "a look-alike character (en dash, U+2013) at its start"),
    ("        next: [b\u200b]\n      - name: B\n", "zero width space, U+200B) after 'b'"),
    # typographic quotes typed by a word processor: YAML keeps them as text (audit CW)
    ("        reliability: \u201creliable\u201d\n", "it is in typographic quotes (\u201c \u201d), which YAML keeps as "
     "part of the text: leave them out (or, around text, type straight quotes: \")"),
    ("        next: [\u2018b\u2019]\n      - name: B\n", "it is in typographic quotes (\u2018 \u2019)"),
    ("        channel: web\n        notes: \u201cAgent says: we will call back\u201d\n",
     "a second ': ' on one line; the value starts with \u201c, a typographic quote, which YAML does not take "
     "as a quote (a word processor types them): type straight quotes (\") round the value instead"),
])
def test_an_invisible_or_look_alike_character_is_named_where_a_value_is_refused(line, said):
    """A key, rating or reference with a character pasted from a document looked right on screen,
    and the message showed it as a Python escape (\\u200b) or not at all."""
    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: cc, name: C}]\nstages:\n  - name: S\n"
            "    touchpoints:\n      - name: A\n        department: cc\n" + line)
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    assert any(said in f.message for f in findings if f.code.startswith("E")), findings


def test_a_name_too_long_is_not_told_to_retype_its_dashes():
    """An em dash is French punctuation, and retyping it shortens nothing (audit DA)."""
    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: cc, name: C}]\nstages:\n  - name: S\n"
            "    touchpoints:\n      - name: \"Appelle le 3000 \u2014 " + "x" * 190 + "\"\n        department: cc\n")
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    said = [f.message for f in findings if f.code == "E005"]
    assert said and "the limit is 200" in said[0] and "look-alike" not in said[0], said


def test_a_list_item_without_its_dash_is_one_e002_that_says_to_add_the_dash():
    """Two touch-points run together repeated every key: six E002s each said "keep one of them",
    advice that would delete a touch-point."""
    text = ("journeymap: 1\nstages:\n  - name: S\n    touchpoints:\n      - id: a\n        name: A\n"
            "        department: cc\n        id: b\n        name: B\n        department: cc\n")
    _, findings = read_text(text, "f.yaml")
    assert [(f.code, f.line, f.column) for f in findings] == [("E002", 8, 9)]
    assert "if a new item starts here, put '- ' before 'id'" in findings[0].message
    _, findings = read_text("a: 1\nb: 2\nb: 3\na: 4\n", "f.yaml")  # a plain repeat of a later key
    assert [(f.line, "keep one of them" in f.message) for f in findings] == [(3, True), (4, True)]
    # outside a list there is no item to start: a top-level key twice is a plain repeat (audit AO)
    _, findings = read_text("journeymap: 1\njourneymap: 1\ntitle: T\n", "f.yaml")
    assert [(f.code, f.line) for f in findings] == [("E002", 2)]
    assert "put '- '" not in findings[0].message and "keep one of them" in findings[0].message
    # in braces, where "put '- ' before it and indent it" made no sense (audit BP): close one, open the next
    _, findings = read_text("journeymap: 1\nnext: [{to: a, to: b}]\n", "f.yaml")
    assert [(f.code, f.line, f.column) for f in findings] == [("E002", 2, 16)]
    assert findings[0].message == ("the key 'to' appears a second time in this item (first at line 2, column 9): if a "
                                   "new item starts here, close this one and open the next, as in [{to: a}, {to: b}]; "
                                   "else keep one of them")
    # an item in braces of a list of "- " lines: the next item goes on a line of its own (review BS)
    _, findings = read_text("departments:\n  - {name: A, name: B}\n", "f.yaml")
    assert findings[0].message.endswith("close this one and write the next on a line of its own, as in "
                                        "`- {name: b}` under it; else keep one of them")


@pytest.mark.parametrize("text,line,column,said", [
    # A key one space short: told against the key above it, not the list 20 lines up.
    (_TP + "      - name: A\n        channel: web\n       reliability: reliable\n", 8, 8,
     "this key is indented 7 spaces and the key above it (line 7) 8: indent it 8 spaces for a key of the item at "
     "line 6 or 4 spaces for a key of the item at line"),
    # A top-level key one space deep after a persona, or two after a department: "line it up with
    # the keys of its item" sent it into the persona or the department (audit BP).
    ("journeymap: 1\ntitle: T\npersona:\n  name: Dana\n  goal: Fix\n departments:\n  - name: A\n", 6, 2,
     "indent it 0 spaces for a top-level key or 2 spaces for a key of `persona` (line 3)"),
    ("journeymap: 1\ntitle: T\ndepartments:\n  - name: A\n    lead: B\n  stages:\n  - name: S\n", 6, 3,
     "indent it 0 spaces for a top-level key or 4 spaces for a key of the item at line 4"),
    (_TP + "      - name: A\n      -id: b\n", 7, 7, "a list item needs a space after its '-': write `- id: b`"),
    ("journeymap: 1\nstages:\n  - name: S\n    feedback: [F]\n      - id: a\n        name: A\n", 5, 7,
     "is a key such as `touchpoints:` missing above it?"),
    # A touch-point pasted two spaces short: it lined up with the stage's keys, as it was told
    # not to (audit P); the items of its list are named, and how far to indent it.
    (_TP + "      - id: a\n        name: A\n        department: cc\n        next:\n          - b\n"
     "    - id: b\n      name: B\n", 11, 5,
     "this list item is indented 4 spaces and the items of the lists above it 6 and 2: indent it 6 spaces to add "
     "it to the list at line 6 or 2 spaces to add it to the list at line 4"),
    # A touch-point written 4 spaces in under `touchpoints:` (4 in), the next 6 in, as the file's
    # others: moving the second to 4 left the error at each line after it (audit EE). Both ways told.
    ("journeymap: 1\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n    - name: A\n      department: a\n"
     "      - name: B\n        department: a\n", 8, 7,
     "indent it 4 spaces to add it to the list at line 6; or, to keep it where it is, indent lines 6\u20137 2 spaces more"),
    # ... a comment after the key, and one before the first item, are no key (review EF)
    ("journeymap: 1\ntitle: T\nstages:\n  - name: S\n    touchpoints:  # the steps\n    # first: a web form\n"
     "    - name: A\n      department: a\n      - name: B\n        department: a\n", 9, 7,
     "or, to keep it where it is, indent lines 7\u20138 2 spaces more"),
    # A stage at column 1 under `stages:` joins the stages, not the departments' list above it (audit CW).
    ("journeymap: 1\ntitle: T\ndepartments:\n  - name: A\nstages:\n  - name: S1\n    touchpoints:\n"
     "      - name: X\n        department: a\n- name: S2\n", 10, 1,
     "this list item is indented 0 spaces and the items of the list above it 2: indent it 2 spaces to add it to "
     "the list at line 6"),
    # ... but a pain point pasted at column 1 joins the list of texts above it (review CZ).
    ("journeymap: 1\ntitle: T\ndepartments:\n  - name: A\nstages:\n  - name: S1\n    touchpoints:\n"
     "      - name: X\n        department: a\n        pain_points:\n          - Slow\n- Told to wait\n", 12, 1,
     "this list item is indented 0 spaces and the items of the list above it 10: indent it 10 spaces to add it "
     "to the list at line 11"),
    # A stage one space deep belongs to the stages (review Q: it was sent to the touch-points).
    ("journeymap: 1\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n      - name: X\n   - name: U\n", 7, 4,
     "indent it 2 spaces to add it to the list at line 4 or 6 spaces to add it to the list at line 6"),
    # A stage whose `- id:` line was deleted: the next stage was told to join its touch-points,
    # which would have made it one (audit W); the first item lost its dash.
    ("journeymap: 1\ntitle: T\nstages:  # the steps\n    name: S\n    touchpoints:\n      - name: X\n"
     "  - id: u\n    name: U\n", 4, 5,
     "`stages:` (line 3) holds a list (line 7 is an item of it), but the first item, at this line, has no '- ': "
     "did its `- id:` line go missing? Start it as `  - name: S`, the '- ' lined up with line 7's"),
    # ... its keys at the dash's column: they move too.
    ("journeymap: 1\ntitle: T\nstages:\n  name: S\n  touchpoints: []\n  - id: u\n    name: U\n", 4, 3,
     "Start it as `  - name: S`, the '- ' lined up with line 6's, and indent its other keys 2 spaces more"),
    # ... a list whose dashes line up with its key; an item that kept its id lost only its dash (review Z).
    ("journeymap: 1\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n      id: a\n      name: A\n"
     "    - id: b\n      name: B\n", 6, 7,
     "`touchpoints:` (line 5) holds a list (line 8 is an item of it), but the first item, at this line, has no "
     "'- ': did it lose its '- '? Start it as `    - id: a`"),
    # ... or was written as a key of its own, its fields under it: "start it as `- digital:`" made
    # `digital` an unknown field of an item with no name (audit DY).
    ("journeymap: 1\ntitle: T\ndepartments:\n  digital:\n    name: Digital\n  - name: Desk\n", 4, 3,
     "the first item, at this line, is written as a key, `digital:`, with its fields under it: write it as "
     "`  - id: digital`, its fields lined up under `id:`"),
    # ... also where that key, an id, holds a hyphen, and touch-points under it: the next stage was
    # told to join them, which would have made it one (audit FI)
    ("journeymap: 1\ntitle: T\nstages:\n  tell-us:\n    name: Tell us\n    touchpoints:\n      - id: a\n"
     "        name: A\n  - id: readings\n    name: Readings\n", 4, 3,
     "the first item, at this line, is written as a key, `tell-us:`, with its fields under it: write it as "
     "`  - id: tell-us`, its fields lined up under `id:`"),
    # ... indented two spaces more than the next stage's dash: not "start it as `- tell-us:`", which
    # made it an unknown field of a nameless item (review FK)
    ("journeymap: 1\ntitle: T\nstages:\n    tell-us:\n      name: Tell us\n      touchpoints:\n        - id: a\n"
     "          name: A\n  - id: readings\n    name: Readings\n", 4, 5,
     "is written as a key, `tell-us:`, with its fields under it: write it as `  - id: tell-us`"),
    # ... a key that is no id: with a name of its own, the id the key makes; without, a name
    # (told `- id: Tell-Us`, an E005 next, or nothing: review FK)
    ("journeymap: 1\ntitle: T\nstages:\n  Tell-Us:\n    name: Tell us\n    touchpoints:\n      - id: a\n"
     "        name: A\n  - id: readings\n    name: Readings\n", 4, 3,
     "is written as a key, `Tell-Us:`, with its fields under it: write it as `  - id: tell-us`"),
    ("journeymap: 1\ntitle: T\nstages:\n  étape un:\n    owner: O\n    touchpoints:\n      - id: a\n"
     "        name: A\n  - id: readings\n    name: Readings\n", 4, 3,
     "is written as a key, `étape un:`, with its fields under it: write it as `  - name: étape un` (its id is "
     "made from its name), its fields lined up under `name:`"),
    # A list's first item glued to its '-' was told at the next line, "indented further than the key
    # above it" (audit DY): told at its own line.
    ("journeymap: 1\ntitle: T\nstages:\n  - name: S\n    touchpoints:\n      -name: Drives\n        department: a\n",
     6, 7, "a list item needs a space after its '-': write `- name: Drives`"),
    # A mapping that is one (a persona) is no list that lost a dash (review Y): its list is named.
    ("journeymap: 1\ntitle: T\npersona:\n  name: Dana\n  expectations:\n    - a\n - b\nstages: []\n", 7, 2,
     "this list item is indented 1 space and the items of the list above it 4: indent it 4 spaces"),
])
def test_an_indentation_mistake_is_told_against_the_lines_around_it(text, line, column, said):
    _, findings = read_text(text, "f.yaml")
    assert [(f.code, f.line, f.column) for f in findings] == [("E001", line, column)], findings
    assert said in findings[0].message, findings[0].message



@pytest.mark.parametrize("text,line,said", [
    # A joiner inside an emoji or a soft hyphen on the line above is text, not the mistake.
    (_TP + "      - name: Visits shop \U0001F468\u200d\U0001F469\n        channel: web\n"
     "       reliability: reliable\n", 8, "this key is indented 7 spaces"),
    (_TP + "      - name: Vis\u00adits\n\t  channel: web\n", 7, "a tab in the indentation"),
    # key:value inside a block of text is text; the mistake is the quoted title's tail.
    ('journeymap: 1\nsummary: |\n  Steps:\n  next:call the client\ntitle: "Small" journey\n', 5,
     "text after the value on this line"),
    # A block scalar or an anchor on the line above is not told to be quoted.
    (_TP + "      - name: A\n        notes: |\n\t  text\n", 8, "a tab in the indentation"),
    (_TP + "      - name: &p Pays\n        channel: web\n       reliability: reliable\n", 8, "indented 7 spaces"),
    # Text in quotes may run over lines: stray text after it is no open quote.
    ('journeymap: 1\ntitle: "Small test\n  journey" v2\n', 3, "text after the value on this line"),
])
def test_a_hint_never_blames_a_valid_line_next_to_the_mistake(text, line, said):
    """Review of the hints: characters and constructs on the lines around the error were blamed
    in place of libyaml's own, correct, complaint."""
    _, findings = read_text(text, "f.yaml")
    assert [(f.code, f.line) for f in findings] == [("E001", line)], findings
    assert said in findings[0].message, findings[0].message


def test_a_no_break_space_in_the_indentation_of_the_line_above_is_found():
    text = _TP + "      - name: A\n\u00a0       channel: web\n        reliability: reliable\n"
    _, findings = read_text(text, "f.yaml")
    assert findings and (findings[0].line, findings[0].column) == (7, 1)
    assert "looks like a space but is not (no-break space" in findings[0].message


def test_the_hints_know_every_key_of_the_file_formats():
    """yamlhints lists the keys by hand (it loads without pydantic): it must not drift from the models."""
    from journeymap.journey import fileformat, projectformat
    from journeymap.journey.yamlhints import KEYS

    models = (fileformat.JourneySpec, fileformat.DepartmentSpec, fileformat.StageSpec, fileformat.TouchpointSpec,
              fileformat.PersonaSpec, fileformat.NextEdge, projectformat.ProjectSpec, projectformat.BoundsSpec)
    assert KEYS == {field.alias or name for model in models for name, field in model.model_fields.items()}


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_nel_ls_and_ps_are_characters_as_in_yaml_12_and_editors(char):
    # YAML 1.1 breaks lines at them; editors, grep -n and CI annotations do not (audit AX M2)
    text = (f"a: 'one{char}two'  # note{char} with: colon\n"
            f"b: plain{char}text\n"
            "c: [x, y]\n"
            "c: z\n")
    root, findings = read_text(text, "f.yaml")
    assert codes(findings) == [("E002", 4, 1)]
    assert to_python(root) == {"a": f"one{char}two", "b": f"plain{char}text", "c": ["x", "y"]}
    assert root.get("c").pos == (3, 4)


def test_a_syntax_error_after_a_line_separator_is_placed_and_quoted_as_written():
    root, findings = read_text("a: x\u2028y\nb: [1, 2\n", "f.yaml")
    assert root is None and [(f.line, f.column) for f in findings] == [(2, 4)]
    assert "\ue000" not in findings[0].message


def test_the_stand_ins_for_line_separators_are_characters_the_file_does_not_hold():
    from journeymap.journey.yamlparse import stand_ins

    text = "a: '\ue000\u2028\ue001'\n"
    swapped, back = stand_ins(text)
    assert len(swapped) == len(text) and "\u2028" not in swapped
    assert swapped.translate(back) == text and swapped.count("\ue000") == 1


def test_text_is_read_in_its_composed_form():
    # Vietnamese typed with a combining-accent keyboard comes decomposed (NFD): the same name to
    # the eye was another department's, and longer than it looks (audit BA)
    import unicodedata

    name = "Trung tâm chăm sóc khách hàng"
    decomposed = unicodedata.normalize("NFD", name)
    assert decomposed != name
    root, findings = read_text(f"a: {decomposed}\n'{unicodedata.normalize('NFD', 'tên')}': x\n", "f.yaml")
    assert findings == [] and to_python(root) == {"a": name, "tên": "x"}
    assert root.get("a").pos == (1, 4)


def test_a_file_holding_every_private_use_character_is_still_read():
    # the stand-ins for LS and the like are private-use characters the file does not hold: with
    # none left, the file is read as YAML 1.1 reads it, not a crash (audit BC)
    from journeymap.journey.yamlparse import stand_ins

    spans = ((0xE000, 0xF900), (0xF0000, 0xFFFFE), (0x100000, 0x10FFFE))
    text = "a: '" + "".join(chr(c) for low, high in spans for c in range(low, high)) + "\u2028b'\n"
    assert stand_ins(text) == (text, {})
    root, findings = read_text(text, "f.yaml")
    assert findings == [] and to_python(root)["a"].endswith("b")
    assert stand_ins(text.replace("\U000f0000", ""))[1] == {0xF0000: 0x2028}


def test_a_stand_in_named_by_an_escape_is_not_taken():
    # "\ue000" written as an escape, beside a raw LS: U+E000 came back as an LS (audit BC)
    root, findings = read_text('a: "Small \\ue000 x\u2028y"\nb: "\\U000F0000"\n', "f.yaml")
    assert findings == [] and to_python(root) == {"a": "Small \ue000 x\u2028y", "b": "\U000f0000"}


def test_a_line_indented_too_far_is_told_so_even_when_its_value_is_in_typographic_quotes():
    """The quote's advice came first and hid the indentation's (review CY)."""
    text = (_TP + "      - id: a\n        department: cc\n         name: \u201cX says: hi\u201d\n")
    _, findings = read_text(text, "f.yaml")
    assert findings[0].code == "E001" and "indented further than the key above it" in findings[0].message, findings


def test_a_commented_out_list_item_in_typographic_quotes_is_shown_in_straight_ones():
    """`[“Fault #2”]` was told to write `["“Fault #2”"]`, the typographic quotes kept (review CY)."""
    _, findings = read_text(_TP + "      - name: A\n        metrics: [\u201cFault #2\u201d]\n", "f.yaml")
    assert findings[0].code == "E001" and findings[0].message.endswith('put the item in quotes, e.g. ["Fault #2"]')


def test_a_flow_mapping_value_a_comma_splits_inside_typographic_quotes_is_told_so():
    """`{name: “Calls, then waits”}` was "unknown field 'then waits”'", told only to leave the quotes
    out (review CZ)."""
    text = ("journeymap: 1\ntitle: T\ndepartments: [{id: a, name: A}]\nstages:\n  - name: S\n    touchpoints:\n"
            "      - {name: \u201cCalls, then waits\u201d, department: a}\n")
    _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
    assert [f.code for f in findings] == ["E003"]
    assert findings[0].message.endswith("unknown field 'then waits\u201d' in this touch-point; a comma before it ended "
                                        "the value, as YAML takes \u201d for text, not a quote: type straight quotes "
                                        "(\") round the whole value"), findings[0].message


def test_an_empty_key_is_an_unknown_field_not_an_exception():
    """`?` (a YAML key left empty) raised IndexError in the typographic-quote hint of E003 (found by
    the property test): an empty key is told as any unknown one."""
    for text in ("?", "journeymap: 1\ntitle: T\n? \n", "journeymap: 1\n'': 1\n"):
        _, findings = load_bytes(text.encode("utf-8"), "f.yaml")
        assert findings and all(f.code.startswith("E") for f in findings)


_MERGED = """journeymap: 1
title: A
departments: [{id: d, name: D, lead: L M}]
stages:
  - id: s
    name: S
    owner: L M
    touchpoints:
      - id: a
        name: A
        department: d
        channel: phone
{conflict}
"""


@pytest.mark.parametrize("conflict,line,said", [
    ("<<<<<<< HEAD\n        reliability: it-depends\n        depends_on: [Load]\n=======\n"
     "        reliability: unreliable\n>>>>>>> feature/call-back", 13,
     "an unresolved merge conflict (lines 13–18): git left both versions here, 'HEAD' (lines 14–15) and "
     "'feature/call-back' (line 17)"),
    # diff3 style, with the base version between ||||||| and =======; an empty side
    ("<<<<<<< ours\n        reliability: reliable\n||||||| base\n        reliability: unknown\n=======\n>>>>>>> theirs",
     13, "'ours' (line 14) and 'theirs' (no lines)"),
    # mended by hand, one marker left behind
    ("        reliability: reliable\n>>>>>>> feature/x", 14, "a merge-conflict marker is left in the file (>>>>>>> feature/x)"),
])
def test_merge_conflict_markers_are_told_as_a_merge_conflict_at_the_first_marker(conflict, line, said):
    """After a merge, the markers were told as a key with no ': ' at the >>>>>>> line, a quoting
    hint under a <<<<<<< at the top, or (in a [ list ] over lines) taken into the list (audit DA)."""
    root, findings = read_text(_MERGED.replace("{conflict}", conflict), "j.yaml")
    assert root is None and [(f.code, f.line, f.column) for f in findings] == [("E001", line, 1)]
    assert said in findings[0].message and "delete" in findings[0].message


def test_merge_conflicts_are_each_told_and_inside_a_list_too():
    text = ("<<<<<<< HEAD\njourneymap: 1\n=======\njourneymap: 1\n>>>>>>> main\ntitle: A\n"
            "metrics: [\n<<<<<<< HEAD\n  One,\n=======\n  Two,\n>>>>>>> main\n]\n")
    root, findings = read_text(text, "j.yaml")
    assert [(f.line, "unresolved merge conflict" in f.message) for f in findings] == [(1, True), (8, True)]


def test_seven_equals_signs_with_text_after_them_or_indented_are_not_a_marker():
    text = "journeymap: 1\ntitle: A\nsummary: |\n  =======\n  ======= heading\n"
    root, findings = read_text(text, "j.yaml")
    assert root is not None and findings == []
    # nor one alone at column 1 inside a quoted value that runs over lines (review DB)
    root, findings = read_text('journeymap: 1\ntitle: "Filing a claim\n=======\n after damage"\n', "j.yaml")
    assert root is not None and findings == []
    # but one left alone elsewhere is a marker: in a [ list ] over lines it became "======= Rude" (review DD)
    root, findings = read_text("journeymap: 1\ntitle: A\nmetrics: [Slow,\n=======\n  Rude]\n", "j.yaml")
    assert root is None and [(f.code, f.line) for f in findings] == [("E001", 4)]
    assert "merge-conflict marker is left in the file (=======)" in findings[0].message


def test_a_french_colon_is_told_to_be_quoted_with_the_line_s_own_words():
    """French sets a space before ':': a team met "a second ': ' on one line" on every "X : Y"
    title, the example beside it an English one (audit DG)."""
    from journeymap.journey.validate import load_text

    text = "journeymap: 1\ntitle: Déménagement : résiliation du contrat\ndepartments: [{name: A}]\nstages: [{name: S}]\n"
    _, findings = load_text(text, "fr.journey.yaml")
    (finding,) = findings
    assert (finding.code, finding.line, finding.column) == ("E001", 2, 21)
    assert finding.message.endswith("a French ' : ' too: e.g. title: \"Déménagement : résiliation du contrat\""), \
        finding.message

    # a no-break space before the colon, as French typesetting has it, and a comment after the value (review DH)
    text = "journeymap: 1\ntitle: A\u00a0: B # c : d\ndepartments: [{name: A}]\nstages: [{name: S}]\n"
    (finding,) = load_text(text, "fr.journey.yaml")[1]
    assert finding.message.endswith("a French ' : ' too: e.g. title: \"A\u00a0: B\""), finding.message


_STAGE = "  - name: S{n}\n    touchpoints:\n      - id: t{n}\n        name: X{n}\n{indent}department: d\n"


def _stages(tabbed: set[int], count: int = 4) -> str:
    return "journeymap: 1\ntitle: T\nstages:\n" + "".join(
        _STAGE.format(n=n, indent="\t" if n in tabbed else " " * 8) for n in range(count))


def test_every_tab_in_an_indentation_is_told_in_one_run():
    """libyaml stops at its first error: a file with a tab on two lines was mended one check at a
    time (audit DN). Past the tabs, the next error is told too, and the search ends there."""
    _, findings = read_text(_stages({1, 3}), "f.yaml")
    assert [(f.code, f.line) for f in findings] == [("E001", 13), ("E001", 23)], findings
    assert all("tab" in f.message for f in findings)
    # ... each told the spaces that fit, as the indentation messages say how many (audit DN)
    assert all(f.message.endswith("; 8 spaces fit the lines around it") for f in findings), findings
    # a top-level key: not "0 spaces fit", and the tab told once, not twice over (audit DY)
    _, findings = read_text("journeymap: 1\ntitle: x\n\tstages: []\n", "f.yaml")
    assert findings[0].message == ("invalid YAML: a tab in the indentation; YAML indents with spaces only; start the "
                                   "line at its first column, as the lines around it do"), findings
    text = _stages({1, 3}).replace("name: X2\n", "name: X2: a second\n")
    _, findings = read_text(text, "f.yaml")
    assert [f.line for f in findings] == [13, 17] and "a second ': '" in findings[1].message, findings


def test_one_slip_is_one_syntax_error():
    """Review DO: blanking a line out of place left its sibling items out of place too, each told
    as an error: a deleted `touchpoints:` line gave three; a tab mended to the wrong indentation
    (a key whose comment hid the ':' it ends with) gave an echo on the next line."""
    items = "".join(f"      - id: t{n}\n        name: X{n}\n        department: d\n" for n in range(3))
    text = f"journeymap: 1\ntitle: T\nstages:\n  - name: S\n    owner: O\n    touchpoints:  # in order\n{items}"
    _, findings = read_text(text.replace("    touchpoints:  # in order\n", ""), "f.yaml")
    assert [f.code for f in findings] == ["E001"], findings
    _, findings = read_text(text.replace("      - id: t0", "\t- id: t0"), "f.yaml")
    assert [(f.code, f.line) for f in findings] == [("E001", 7)], findings
    # a tab after another kind of error is not searched for: what follows that one may be its echo
    _, findings = read_text(text.replace("    touchpoints:  # in order\n", "").replace("        name: X2", "\tname: X2"),
                            "f.yaml")
    assert len(findings) == 1, findings


def test_at_most_ten_syntax_errors_are_told_and_a_left_open_quote_ends_the_search():
    from journeymap.journey.yamlrecovery import MOST

    _, findings = read_text(_stages(set(range(30)), 30), "f.yaml")
    assert len(findings) == MOST and [f.line for f in findings] == [8 + 5 * n for n in range(MOST)]
    # a quote left open runs on to the file's end: what follows it cannot be told apart
    _, findings = read_text(_stages({2}).replace("name: X0", 'name: "X0'), "f.yaml")
    assert len(findings) == 1 and findings[0].line == 7, findings


def test_a_slip_in_the_item_after_a_registry_id_is_told_at_its_own_line():
    """Review DO: `- id: warehouse: main` after `- contact-centre` was blamed on the good line above
    it ("write its text as one of them: `- id: contact-centre`"), which would break it."""
    text = ("journeymap: 1\ntitle: T\ndepartments:\n  - contact-centre\n  - id: warehouse: main\n"
            "    name: Warehouse\nstages: []\n")
    _, findings = read_text(text, "f.yaml")
    assert [(f.line, f.column) for f in findings] == [(5, 18)], findings
    assert "a second ': '" in findings[0].message and "contact-centre" not in findings[0].message
    # a key under the text item is still told there
    _, findings = read_text(text.replace("  - id: warehouse: main", "    name: Warehouse"), "f.yaml")
    assert "this list item is only the text 'contact-centre'" in findings[0].message, findings


@pytest.mark.parametrize("tail,said", [
    ("depends_on: [queue length, agent] [oops", "a [ list ends at its ]: put every item inside it"),
    ("x-extra: {a: 1} b", "a { mapping ends at its }: put every key inside it"),
    ('name: "Calls" the hotline', "a value that starts with a quote ends with it"),
])
def test_text_after_a_value_is_told_by_what_the_value_is(tail, said):
    """Text after a [ list was told that a value starting with a quote ends with it (audit DU);
    so was a list item that is a { mapping (review DV)."""
    _, findings = read_text(_TP + "      - {id: b, name: B, department: d0} extra\n", "f.yaml")
    assert [f.code for f in findings] == ["E001"] and "a { mapping ends at its }" in findings[0].message
    _, findings = read_text(_TP + f"      - name: A\n        {tail}\n", "f.yaml")
    assert [f.code for f in findings] == ["E001"] and "text after the value on this line" in findings[0].message
    assert said in findings[0].message, findings[0].message
