"""Mistakes people make writing their first journeys (audit FZ), each told once, where it is, with
the fix that works: a message whose advice led to another error, or a cascade of findings whose
first one told the user to add what was already there."""

from __future__ import annotations

from journeymap.journey.validate import load_text

HEAD = ("journeymap: 1\ntitle: T\nowner: O\ndepartments:\n  - name: Contact centre\n    lead: Priya Shah\n"
        "    layer: frontstage\n  - name: Claims handling\n    lead: Tom Berg\n    layer: backstage\n")
STAGES = ("stages:\n  - name: Report\n    owner: Council\n    feedback: [Survey]\n    touchpoints:\n"
          "      - name: Calls\n        department: contact-centre\n        reliability: reliable\n"
          "      - name: Registers\n        department: claims-handling\n        reliability: reliable\n")


def _said(text: str) -> list[tuple[str, int, int, str]]:
    journey, findings = load_text(text, "first.journey.yaml")
    return [(f.code, f.line, f.column, f.message) for f in findings]


def test_the_file_these_start_from_is_valid() -> None:
    journey, findings = load_text(HEAD + STAGES, "first.journey.yaml")
    assert journey is not None and not findings, findings


def test_a_department_written_out_where_its_id_belongs() -> None:
    """`department: {name: Contact centre}` was told to quote "name: Contact centre", which is then
    an unknown id (E007)."""
    text = HEAD + STAGES.replace("department: contact-centre", "department: {name: Contact centre}")
    (found,) = _said(text)
    assert found[:3] == ("E005", 17, 21)
    assert "`department: contact-centre`" in found[3] and "quotes" not in found[3]
    fixed = text.replace("department: {name: Contact centre}", "department: contact-centre")
    assert _said(fixed) == []


def test_a_comma_in_a_value_in_braces() -> None:
    """`{to: b, label: approved, paid}`: the comma ended the label; "unknown field 'paid'" said to
    give it another name."""
    text = HEAD + STAGES.replace("      - name: Calls\n", "      - name: Calls\n        next: [{to: registers, "
                                 "label: approved, paid}]\n")
    (found,) = _said(text)
    assert found[0] == "E003" and 'put the whole value in quotes: label: "approved, paid"' in found[3]
    assert "(label: if paid)" not in found[3]  # not the next item's usual advice beside it
    name = HEAD + STAGES.replace("      - name: Registers\n        department: claims-handling\n        reliability: "
                                 "reliable\n", "      - {name: Waits, then registers, department: claims-handling}\n")
    (found,) = _said(name)
    assert 'name: "Waits, then registers"' in found[3]
    block = HEAD + STAGES.replace("        reliability: reliable\n      - name: Registers",
                                  "        reliability: reliable\n        paid:\n      - name: Registers")
    (found,) = _said(block)  # a key of its own line, not after a comma: no such advice
    assert found[0] == "E003" and "comma" not in found[3]


def test_stages_indented_under_the_last_department() -> None:
    """8 findings, the first "this journey has no 'stages'; add `stages: ...`", about a file that
    has it, indented."""
    indented = "\n".join(("    " + line) if line else line for line in STAGES.split("\n"))
    found = _said(HEAD + indented)
    assert [(code, line, column) for code, line, column, _ in found] == [("E004", 11, 5)], found
    assert "the `stages:` here is indented inside the department above it (line 8)" in found[0][3]
    items_out = HEAD + "    stages:\n" + STAGES.split("\n", 1)[1]  # its items at the departments' level
    found = _said(items_out)
    assert [(code, line) for code, line, _, _ in found] == [("E004", 11)], found


def test_a_department_without_its_dash_whose_first_key_is_not_its_name() -> None:
    """"the key 'lead' appears twice; keep one of them" deleted a department, and "put '- ' before
    'name'" put the dash on the wrong line."""
    text = HEAD.replace("  - name: Claims handling\n    lead: Tom Berg\n", "    lead: Tom Berg\n    name: Claims handling\n")
    found = _said(text + STAGES)
    assert found[0][:3] == ("E002", 8, 5), found
    assert "a new item starts here without its '- ': put '- ' before 'lead'" in found[0][3]
    assert not [f for f in found if f[0] == "E002"][1:]  # told once
    # the first key coming back alone keeps its own message
    again = HEAD.replace("  - name: Claims handling\n", "    name: Claims handling\n")
    found = _said(again + STAGES)
    assert found[0][0] == "E002" and "put '- ' before 'name'" in found[0][3]


def test_a_dash_before_a_word_of_the_vocabulary() -> None:
    """`reliability: - it-depends` was told to quote "- it-depends", an invalid rating then."""
    text = HEAD + STAGES.replace("      - name: Calls\n        department: contact-centre\n        reliability: reliable",
                                 "      - name: Calls\n        department: contact-centre\n        reliability: - it-depends")
    (found,) = _said(text)
    assert found[0] == "E001" and "write `reliability: it-depends`" in found[3] and "quotes" not in found[3]
    assert _said(text.replace("reliability: - it-depends", "reliability: it-depends")) == []


def test_two_departments_of_one_name_are_noted_by_check(tmp_path) -> None:
    """A journey's own "Claims handling" beside the registry's: `check` passed in silence, and the
    map drew two "Claims handling" lanes, one of them empty; only `portfolio` said so."""
    from conftest import run_cli

    (tmp_path / "journeymap.yaml").write_text(
        "project: 1\ndepartments:\n  - {id: contact-centre, name: Contact centre, lead: Priya Shah}\n"
        "  - {id: claims, name: Claims handling, lead: Tom Berg}\n", encoding="utf-8")
    text = (HEAD.replace("  - name: Contact centre\n    lead: Priya Shah\n    layer: frontstage\n", "  - contact-centre\n")
            + STAGES.replace("department: claims-handling", "department: claims"))
    (tmp_path / "a.journey.yaml").write_text(text, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "a.journey.yaml"))
    assert result.exit_code == 0, result.output
    assert (f"note: {tmp_path / 'a.journey.yaml'}:6:5: departments 'claims-handling' and 'claims' (the registry's) are "
            "both named 'Claims handling': the map draws two lanes of that name and counts them apart; if they are "
            "one, refer to 'claims' in the touch-points and remove 'claims-handling'") in result.stderr
    assert result.stderr.count("both named") == 1


def test_touch_points_with_no_stage() -> None:
    """Touch-points at the top of the file were told "no 'stages'; add stages" and "unknown field
    'touchpoints' in this journey"."""
    loose = HEAD + "touchpoints:\n" + STAGES.split("    touchpoints:\n", 1)[1]
    (found,) = _said(loose)
    assert found[:3] == ("E004", 11, 1) and "touch-points belong to a stage" in found[3]


def test_a_list_split_under_two_keys() -> None:
    """A second `stages:` was told "keep one of them", read as deleting a block of stages."""
    second = STAGES.replace("stages:\n", "", 1).replace("      - name: Registers", "stages:\n  - name: Later\n"
                                                           "    owner: Council\n    feedback: [Survey]\n"
                                                           "    touchpoints:\n      - name: Registers")
    found = _said(HEAD + "stages:\n" + second)
    assert found[0][0] == "E002" and "remove this second 'stages' line and indent its items like those of the " \
        "first" in found[0][3], found


def test_a_project_file_written_as_a_journey_is_named_by_its_journeys(tmp_path) -> None:
    """A journeymap.yaml starting with `journeymap: 1` is read as a journey: its own E004 said so,
    but each journey beside it was told to add the project file that was there."""
    from conftest import run_cli

    (tmp_path / "journeymap.yaml").write_text("journeymap: 1\ndepartments:\n  - {id: claims, name: Claims}\n",
                                              encoding="utf-8")
    text = HEAD.replace("  - name: Claims handling\n    lead: Tom Berg\n    layer: backstage\n", "  - claims\n")
    (tmp_path / "a.journey.yaml").write_text(text + STAGES.replace("department: claims-handling", "department: claims"),
                                             encoding="utf-8")
    result = run_cli("check", str(tmp_path / "a.journey.yaml"))
    assert result.exit_code == 1
    assert (f"{tmp_path / 'journeymap.yaml'} starts with `journeymap: 1`, so it is read as a journey, not as the "
            "project file: make its first line `project: 1`") in result.output, result.output
    assert "add the project file to this folder" not in result.output


def test_a_mistyped_key_in_braces_is_not_taken_for_a_comma_s_doing() -> None:
    """Review GC: `{..., department: contact-centre, reliabilty}` was told to quote
    "contact-centre, reliabilty" as the department (an invalid id), where it had been asked "did
    you mean 'reliability'?"; and `{to: registers, paid}` to write `to: "registers, paid"`."""
    text = HEAD + STAGES.replace("      - name: Calls\n        department: contact-centre\n        reliability: reliable\n",
                                 "      - {name: Calls, department: contact-centre, reliabilty}\n")
    found = _said(text)
    assert found[0][0] == "E003" and "did you mean 'reliability'?" in found[0][3] and "comma" not in found[0][3]
    text = HEAD + STAGES.replace("      - name: Calls\n", "      - name: Calls\n        next: [{to: registers, paid}]\n")
    found = _said(text)
    assert found and "comma" not in found[0][3], found


def test_of_two_own_departments_of_one_name_the_used_one_is_kept() -> None:
    """Review GC: with both the journey's own, the note kept the first, though it was the empty lane."""
    from journeymap.analysis.twinlanes import twin_lanes

    text = HEAD.replace("  - name: Claims handling\n", "  - {id: claims, name: Claims handling}\n"
                        "  - name: Claims handling\n") + STAGES
    journey, findings = load_text(text, "twin.journey.yaml")
    assert journey is not None, findings
    (note,) = twin_lanes(journey)
    assert "refer to 'claims-handling' in the touch-points and remove 'claims'" in note.message()
    assert note.line == 8  # at the one to remove


def test_a_dash_alone_on_its_line_with_its_keys_at_its_column() -> None:
    """libyaml's "did not find expected node content (while parsing a block node …)" was told as
    it stands, with no fix."""
    text = HEAD + STAGES.replace("      - name: Registers\n        department: claims-handling\n        reliability: "
                                 "reliable\n", "      -\n      name: Registers\n      department: claims-handling\n")
    (found,) = _said(text)
    assert found[:3] == ("E001", 19, 7), found
    assert "the '-' alone on this line starts a list item" in found[3] and "`- name: Registers`" in found[3]
    assert "did not find expected node content" not in found[3]
    indented = text.replace("      -\n      name: Registers\n      department: claims-handling\n",
                            "      -\n        name: Registers\n        department: claims-handling\n")
    assert _said(indented) == []  # a dash alone with its keys indented under it is valid YAML


def test_a_dash_typed_twice() -> None:
    """`-- name:` and `- - name:` were told that the line did not line up with the list's items."""
    for twice in ("--", "- -"):
        text = HEAD + STAGES.replace("      - name: Registers", f"      {twice} name: Registers")
        (found,) = _said(text)
        assert found[:3] == ("E001", 19, 7), found
        assert f"'{twice}' starts this item twice" in found[3] and "remove the extra '-'" in found[3]


def test_an_owner_written_where_there_is_none() -> None:
    """`owner:` on a touch-point was asked "did you mean 'department'?"; on a department it was
    given the list of keys, not `lead`."""
    text = HEAD + STAGES.replace("      - name: Calls\n", "      - name: Calls\n        owner: Priya Shah\n")
    (found,) = _said(text)
    assert found[0] == "E003" and "a touch-point has no owner of its own: its department's `lead:`" in found[3]
    text = HEAD.replace("    lead: Tom Berg\n", "    owner: Tom Berg\n") + STAGES
    found = _said(text)
    assert found[0][0] == "E003" and "did you mean 'lead'?" in found[0][3], found


def test_a_yes_for_a_rating() -> None:
    """`reliability: yes` was told only the four words."""
    for yes in ("yes", "true", "Yes"):
        text = HEAD + STAGES.replace("reliability: reliable", f"reliability: {yes}", 1)
        (found,) = _said(text)
        assert found[0] == "E005" and "a yes/no is no rating: write reliable" in found[3], (yes, found)


def test_a_touch_point_outdented_to_the_stages_level() -> None:
    """A stage's touch-points written at the stages' own indentation: "touchpoints is empty" and an
    unknown field for each of the item's keys, 4 findings for one slip."""
    text = HEAD + STAGES + ("  - name: Later\n    owner: Council\n    feedback: [Survey]\n    touchpoints:\n"
                            "  - name: Pays\n    department: claims-handling\n    reliability: reliable\n")
    (found,) = _said(text)
    assert found[:2] == ("E003", 26) and "indent it under the `touchpoints:` of the stage above (line 25)" in found[3]
