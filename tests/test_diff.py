"""journeymap diff: semantic comparison, git revisions, outputs and the regression gate."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable

import pytest

from conftest import FIXTURES, UPDATE_GOLDEN, run_cli
from journeymap.analysis.analyse import analyse
from journeymap.analysis.checks import run_checks
from journeymap.changes.compare import compare
from journeymap.journey.validate import load_text

V1 = """journeymap: 1
title: Claim
owner: CCO
departments:
  - {name: Contact centre, lead: Ann}
  - {name: Claims, lead: Bob}
  - {name: Billing, lead: Cy}
stages:
  - name: Report
    owner: Dee
    feedback: [Survey]
    touchpoints:
      - {id: call, name: Calls hotline, department: contact-centre, reliability: reliable,
         moment_of_truth: true, metric: FCR, expectation: One call}
      - {id: log, name: Claim logged, department: claims, reliability: reliable}
  - name: Settle
    owner: Dee
    feedback: [Survey]
    touchpoints:
      - {id: pay, name: Payment, department: billing, reliability: reliable}
      - {id: letter, name: Closing letter, department: billing, reliability: reliable}
"""

#: V1 with the logging step rated unreliable: a rating that regressed.
V1_WORSE = V1.replace("department: claims, reliability: reliable", "department: claims, reliability: unreliable")


def analysed(text: str):
    journey, findings = load_text(text, "claim.journey.yaml")
    assert journey is not None, findings
    analysis = analyse(journey)
    return analysis, findings + run_checks(analysis)


def diff_of(old: str, new: str):
    (a, fa), (b, fb) = analysed(old), analysed(new)
    return compare(a, b, fa, fb)


def test_identical_versions_give_an_empty_diff():
    d = diff_of(V1, V1)
    assert d.empty and not d.regressions


def test_every_kind_of_change():
    v2 = (V1.replace("reliability: reliable, \n         moment_of_truth: true", "")
          .replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                   "{id: log, name: Claim registered, department: claims, reliability: it-depends,"
                   " depends_on: [Queue]}")
          .replace("{id: letter, name: Closing letter, department: billing, reliability: reliable}",
                   "{id: survey, name: Survey, department: contact-centre, reliability: unreliable}")
          .replace("owner: CCO", "owner: COO").replace("lead: Bob", "lead: Bea")
          .replace("name: Settle", "name: Settle the claim\n    id: settle"))
    d = diff_of(V1, v2)
    assert d.added == ("survey",) and d.removed == ("letter",)
    fields = {(c.id, c.field) for c in d.changed}
    assert {("log", "name"), ("log", "reliability"), ("log", "depends_on")} <= fields
    assert d.regressed == ("log",) and d.improved == ()
    assert ("call", "log") in d.risky_added
    assert d.handoffs_added == (("pay", "survey"),)
    assert [(c.id, c.field, c.old, c.new) for c in d.owners] == [
        ("claim", "owner", "CCO", "COO"), ("claims", "lead", "Bob", "Bea")]
    assert [(c.id, c.new) for c in d.stages.renamed] == [("settle", "Settle the claim")]
    assert {f.code for f in d.findings_new} >= {"W110", "W106"} or {f.code for f in d.findings_new} >= {"W110"}
    assert d.regressions


def test_moves_between_stage_and_department_are_changes():
    v2 = V1.replace("{id: pay, name: Payment, department: billing", "{id: pay, name: Payment, department: claims")
    d = diff_of(V1, v2)
    assert ("pay", "department", "billing", "claims") in {(c.id, c.field, c.old, c.new) for c in d.changed}


def test_unknown_ratings_are_plain_changes():
    v2 = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                    "{id: pay, name: Payment, department: billing, reliability: unknown}")
    d = diff_of(V1, v2)
    assert d.regressed == () and d.improved == ()
    assert ("pay", "reliability") in {(c.id, c.field) for c in d.changed}


def test_moments_of_truth_gained_and_lost():
    v2 = V1.replace("moment_of_truth: true", "moment_of_truth: false").replace(
        "{id: pay, name: Payment, department: billing, reliability: reliable}",
        "{id: pay, name: Payment, department: billing, reliability: reliable, moment_of_truth: true,"
        " metric: Days, expectation: Fast}")
    d = diff_of(V1, v2)
    assert d.moments_gained == ("pay",) and d.moments_lost == ("call",)
    from journeymap.changes.briefrows import briefing_rows

    rows = briefing_rows(d)  # each flip once, as gained or lost (it was also a "moment of truth: true -> false")
    assert [r["change"] for r in rows if r["subject"] in ("Payment", "Calls hotline")
            and "oment of truth" in (r["change"] + (r["detail"] or ""))] == ["Moment of truth gained",
                                                                             "Moment of truth lost"]
    from journeymap.changes.briefrows import _plain

    # A finding says what was found, not the advice to the file's editors after it.
    assert _plain("moment of truth 'Pay: now' is not measured: add `metric:`") == \
        "Moment of truth 'Pay: now' is not measured"


def test_the_briefing_tells_a_next_step_changed_by_the_touch_points_names():
    """The briefing's "What changed" said "Next step: pay → pay, letter", the file's ids, to people
    who read names (audit CM); the text report keeps the ids, for the file's editors."""
    from journeymap.changes.briefrows import briefing_rows
    from journeymap.changes.report import sections

    v2 = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                    "{id: log, name: Claim logged, department: claims, reliability: reliable, next: [pay, "
                    "{to: letter, label: when refused}]}")
    d = diff_of(V1, v2)
    [row] = [r for r in briefing_rows(d) if r["subject"] == "Claim logged"]
    assert row["detail"] == ("Next step: (the next touch-point) \u2192 \u201cPayment\u201d, \u201cClosing letter\u201d "
                             "(when refused)"), row
    [line] = [x for _, lines in sections(d) for x in lines if x.startswith("Claim logged [log]: next")]
    assert line == "Claim logged [log]: next (the next touch-point) -> Payment [pay], Closing letter [letter] (when refused)"
    # a right-to-left name beside a name with a comma: each in quotes, set apart on its own; one
    # isolate round the list laid it all out right to left (review CS)
    arabic = "\u062f\u0641\u0639 \u0627\u0644\u0641\u0627\u062a\u0648\u0631\u0629"
    d = diff_of(V1.replace("name: Payment", f"name: {arabic}"),
                v2.replace("name: Payment", f"name: {arabic}").replace("name: Closing letter", "name: 'Letter, closing'"))
    [row] = [r for r in briefing_rows(d) if r["subject"] == "Claim logged"]
    assert row["detail"] == ("Next step: (the next touch-point) \u2192 \u201c\u2068" + arabic + "\u2069\u201d, "
                             "\u201cLetter, closing\u201d (when refused)"), row


def test_a_stage_or_department_renamed_without_an_id_keeps_its_fixes_and_field_changes():
    """A stage renamed without an ``id:`` whose feedback was added in the same edit: its W104 was
    told "gone with what it was about (its stage was removed)", not fixed, and the feedback was
    nowhere; a department renamed so, its new lead too (audit CQ)."""
    from journeymap.changes.briefrows import briefing_rows
    from journeymap.changes.report import sections

    old = V1.replace("  - name: Settle\n    owner: Dee\n    feedback: [Survey]\n", "  - name: Settle\n")
    old = old.replace("  - {name: Billing, lead: Cy}", "  - {name: Billing}")
    new = V1.replace("  - name: Settle\n", "  - name: Settlement\n").replace("{name: Billing, lead: Cy}",
                                                                           "{name: Billing team, lead: Cy}")
    new = new.replace("department: billing,", "department: billing-team,")
    d = diff_of(old, new)
    assert d.stages.likely_renamed == (("settle", "settlement"),)
    assert d.departments.likely_renamed == (("billing", "billing-team"),)
    assert sorted(f.code for f in d.findings_resolved) == ["W102", "W103", "W104"]
    told = dict(sections(d))
    assert "Findings gone with what they were about (not fixed)" not in told
    assert len(told["Resolved findings"]) == 3
    assert sorted((c.id, c.field, c.new) for c in d.details + d.owners) == [
        ("billing-team", "lead", "Cy"), ("settlement", "feedback", ["Survey"]), ("settlement", "owner", "Dee")]
    details = [r["detail"] for r in briefing_rows(d)]
    assert "Feedback: (none) \u2192 Survey" in details and "Lead: (none) \u2192 Cy" in details, details


def test_a_removed_handoff_is_told_with_the_departments_it_ran_between():
    """Payment moved from Billing to Claims: the hand-off Claims -> Billing into it is gone (it
    is a step within Claims now), and the briefing says so, not "Claims -> Claims"."""
    from journeymap.changes.briefrows import briefing_rows

    v2 = V1.replace("{id: pay, name: Payment, department: billing,", "{id: pay, name: Payment, department: claims,")
    rows = {r["change"]: r for r in briefing_rows(diff_of(V1, v2))}
    # the flow stays, as a step within Claims (audit CD: "removed" read as a step of the path lost)
    assert rows["Hand-off now within one department"]["subject"] == "Claim logged \u2192 Payment"
    assert rows["Hand-off now within one department"]["detail"] == "Claims \u2192 Billing"
    assert rows["Hand-off added"]["detail"] == "Claims \u2192 Billing"  # Payment -> Closing letter


def test_a_risky_hand_off_that_now_comes_from_elsewhere_is_a_new_finding_and_a_resolved_one():
    """The old warning (into 'Payment' from 'Claim logged') is gone and a new one (from 'Checks
    the bank details') came: both warnings sat at 'Payment', so neither was listed while
    "Hand-offs added" named the new one (audit U 5). A renamed source is not a change."""
    old = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                     "{id: pay, name: Payment, department: billing, reliability: unreliable}")
    new = old.replace("      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n",
                      "      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n"
                      "      - {id: bank, name: Checks the bank details, department: contact-centre,"
                      " reliability: reliable}\n")
    d = diff_of(old, new)
    assert [(f.code, "Checks the bank details" in f.message) for f in d.findings_new] == [("W110", True)]
    assert [(f.code, "Claim logged" in f.message) for f in d.findings_resolved] == [("W110", True)]
    assert d.regressions == ["risky hand-off added: bank -> pay"]  # the new W110 is told once
    renamed = diff_of(old, old.replace("name: Claim logged", "name: Claim registered"))
    assert not renamed.findings_new and not renamed.findings_resolved


def test_a_risky_hand_off_from_the_same_department_by_another_step_is_not_a_regression(tmp_path: Path):
    """Audit AB: a step taken out (or put in) before a risky hand-off makes it come from another
    touch-point of the same department into the same one: the same crack. `diff` led with
    "Regression: 2 things got worse" as risky hand-offs went from 5 to 4."""
    old = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                     "{id: pay, name: Payment, department: billing, reliability: unreliable}")
    new = old.replace("      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n",
                      "      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n"
                      "      - {id: bank, name: Checks the bank details, department: claims,"
                      " reliability: reliable}\n")
    d = diff_of(old, new)
    assert d.risky_added == (("bank", "pay"),) and d.risky_removed == (("log", "pay"),)
    assert d.risky_new == () and d.regressions == [] and d.warnings_new == []
    paths = []
    for name, text in (("old", old), ("new", new)):
        (tmp_path / name).mkdir()
        paths.append(tmp_path / name / "claim.journey.yaml")
        paths[-1].write_text(text, encoding="utf-8")
    report = run_cli("diff", str(paths[0]), str(paths[1]))
    assert "Regression" not in report.stdout
    assert "Checks the bank details [bank] -> Payment [pay] (risky, in place of a risky hand-off removed)" in report.stdout
    # review AC: one removed hand-off excused two added ones, the renamed one and a new one
    renamed = old.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                          "{id: claim-logged, name: Claim logged, department: claims, reliability: reliable,"
                          " next: [pay, chk]}\n      - {id: chk, name: Checks the bank details, department: claims,"
                          " reliability: reliable, next: [pay]}")
    d = diff_of(old, renamed)
    assert d.likely_renames == (("log", "claim-logged"),)
    assert d.risky_new == (("chk", "pay"),) and d.regressions == ["risky hand-off added: chk -> pay"]


def test_a_warning_that_went_with_its_moment_of_truth_is_not_called_resolved():
    """Un-flagging an unreliable moment of truth made its W106 go; the diff listed it under
    "Resolved findings", which read as a repair (audit P). It is still resolved in the JSON (SPEC 3),
    and the reports say why it went; a warning fixed by a better rating stays "resolved"."""
    from journeymap.changes.briefrows import briefing_rows
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import sections, verdict

    shaky = V1.replace("{id: call, name: Calls hotline, department: contact-centre, reliability: reliable,",
                       "{id: call, name: Calls hotline, department: contact-centre, reliability: unreliable,").replace(
        "{id: pay, name: Payment, department: billing, reliability: reliable}",  # one left: no W109
        "{id: pay, name: Payment, department: billing, reliability: reliable, moment_of_truth: true,"
        " metric: Days, expectation: Fast}")
    unflagged = shaky.replace("moment_of_truth: true, ", "", 1)
    d = diff_of(shaky, unflagged)
    assert [f.code for f in d.findings_resolved] == ["W106"]
    doc = diff_document(d)
    assert [f["code"] for f in doc["findings"]["resolved"]] == ["W106"]
    assert [(f["code"], f["why"]) for f in doc["findings_gone"]] == [
        ("W106", "no longer a moment of truth, still rated unreliable")]
    shown = dict(sections(d))
    assert "Resolved findings" not in shown
    assert shown["Findings gone with what they were about (not fixed)"][0].endswith(
        "(no longer a moment of truth, still rated unreliable)")
    assert "resolved" not in verdict(d) and "1 finding gone with what it was about, not fixed" in verdict(d)
    rows = [r for r in briefing_rows(d) if "inding" in r["change"]]
    assert [(r["change"], r["detail"]) for r in rows] == [
        ("Finding gone, not fixed", "No longer a moment of truth, still rated unreliable")]
    both = diff_of(shaky, unflagged.replace("reliability: unreliable,", "reliability: reliable,", 1))  # and rated reliable
    assert [f.code for f in both.findings_resolved] == ["W106"] and not diff_document(both)["findings_gone"]
    assert "1 finding resolved" in verdict(both)  # fixed as well: resolved, not gone (review Q)
    fixed = diff_of(shaky, V1)  # rated reliable again: W106 resolved
    assert dict(sections(fixed))["Resolved findings"][0].startswith("W106") and not diff_document(fixed)["findings_gone"]
    removed = diff_of(shaky, shaky.replace("      - {id: call, name: Calls hotline, department: contact-centre, "
                                           "reliability: unreliable,\n         moment_of_truth: true, metric: FCR, "
                                           "expectation: One call}\n", ""))
    assert "call" in removed.removed
    assert ("W106", "its touch-point was removed") in {(f["code"], f["why"]) for f in diff_document(removed)["findings_gone"]}


def test_a_warning_silenced_or_a_rating_hidden_or_made_worse_is_not_called_resolved():
    """Adding `ignore: [W110]` read "No regression: 2 findings resolved", the edit shown nowhere;
    rating a touch-point "unknown" resolved its risky hand-offs, and "it depends" made "unreliable"
    resolved W112 (audit AY). Each is gone with what it was about, with why, and the `ignore:`
    edit is listed; a better rating still resolves."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import sections, verdict

    shaky = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                       "{id: pay, name: Payment, department: billing, reliability: it-depends}")
    quiet = diff_of(shaky, shaky.replace("reliability: it-depends}", "reliability: it-depends, ignore: [W110, W112]}"))
    doc = diff_document(quiet)
    assert sorted((f["code"], f["why"]) for f in doc["findings_gone"]) == [
        ("W110", "silenced by an `ignore:` list now"), ("W112", "silenced by an `ignore:` list now")]
    assert [(c["field"], c["old"], c["new"]) for c in doc["touchpoints"]["changed"]] == [("ignore", [], ["W110", "W112"])]
    assert "Resolved findings" not in dict(sections(quiet))
    # told as silenced, not as gone with its element, which is still there (review AZ)
    assert len(dict(sections(quiet))["Findings silenced by an `ignore:` list (not fixed)"]) == 2
    assert verdict(quiet) == "No regression: 1 touch-point changed, 2 findings silenced by `ignore:`, not fixed."
    # and taken away again: shown again, no regression for the customer, the gate passes (review AZ)
    back = diff_of(shaky.replace("reliability: it-depends}", "reliability: it-depends, ignore: [W110, W112]}"), shaky)
    assert not back.regressions and len(back.unsilenced) == 2
    assert len(dict(sections(back))["Warnings shown again (an `ignore:` list no longer silences them)"]) == 2
    assert "New findings" not in dict(sections(back))
    whole = diff_of(shaky, shaky.replace("owner: CCO\n", "owner: CCO\nignore: [W110]\n"))
    assert [f["why"] for f in diff_document(whole)["findings_gone"]] == ["silenced by an `ignore:` list now"]
    hidden = diff_of(shaky, shaky.replace("reliability: it-depends}", "reliability: unknown}"))
    assert {(f["code"], f["why"]) for f in diff_document(hidden)["findings_gone"]} >= {
        ("W110", "its touch-point is no longer rated")}
    # nor is its hand-off listed as made safer (review AZ)
    shown = dict(sections(hidden))
    assert "Hand-offs no longer risky" not in shown and shown[
        "Hand-offs into a touch-point no longer rated (not made safer)"] == ["Claim logged [log] -> Payment [pay]"]
    # the same when the touch-point's new name gives it a new id (it looks renamed): not "no
    # longer risky", nor "its touch-point was removed" (audit BB)
    renamed = diff_of(shaky, shaky.replace("{id: pay, name: Payment,", "{name: Payments,")
                      .replace("reliability: it-depends}", "reliability: unknown}").replace("[pay]", "[payments]"))
    assert renamed.likely_renames == (("pay", "payments"),)
    assert {f["why"] for f in diff_document(renamed)["findings_gone"] if f["code"] == "W110"} == {
        "its touch-point is no longer rated"}
    shown = dict(sections(renamed))
    assert "Hand-offs no longer risky" not in shown and shown[
        "Hand-offs into a touch-point no longer rated (not made safer)"] == ["Claim logged [log] -> Payment [pay]"]
    worse = diff_of(shaky, shaky.replace("reliability: it-depends}", "reliability: unreliable}"))
    assert ("W112", "its touch-point is rated unreliable now, which is worse") in {
        (f["code"], f["why"]) for f in diff_document(worse)["findings_gone"]}
    better = diff_of(shaky, V1)
    assert {f.code for f in better.findings_resolved} >= {"W110", "W112"} and not diff_document(better)["findings_gone"]


def test_a_department_whose_id_was_written_anew_is_not_told_to_take_its_old_one_back():
    """`id: claims-handling` written as `id: claims` was "perhaps renamed (a new id, from its name);
    to keep its history, give it `id: claims-handling`": advice that undid the edit (audit AY)."""
    from journeymap.changes.report import sections

    moved = V1.replace("{name: Claims, lead: Bob}", "{id: claims-team, name: Claims, lead: Bob}").replace(
        "department: claims,", "department: claims-team,")
    shown = dict(sections(diff_of(V1, moved)))
    assert shown["Departments renamed"] == ["Claims [claims] -> Claims [claims-team]: its `id:` changed from claims "
                                            "to claims-team"]
    renamed = V1.replace("{name: Claims, lead: Bob}", "{name: Claims team, lead: Bob}").replace(
        "department: claims,", "department: claims-team,")
    assert "give it `id: claims`" in dict(sections(diff_of(V1, renamed)))["Departments renamed"][0]
    # written as its name's slug, as the examples write ids, it is still written (review AZ)
    slugged = V1.replace("{name: Claims, lead: Bob}", "{id: claims-team, name: Claims team, lead: Bob}").replace(
        "department: claims,", "department: claims-team,")
    assert dict(sections(diff_of(V1, slugged)))["Departments renamed"][0].endswith(
        "its `id:` changed from claims to claims-team")


def test_a_touch_point_whose_id_changed_is_listed_once_and_the_steps_to_it_are_no_change():
    """An id changed (with the step to it) was listed as added, as removed and as perhaps renamed,
    counted "1 added, 1 removed", and the touch-point before it as changed ("next log -> logged")
    (audit AY). The JSON keeps to ids (SPEC 3)."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text

    v1 = V1.replace("{id: call, name: Calls hotline, department: contact-centre, reliability: reliable,",
                    "{id: call, name: Calls hotline, department: contact-centre, reliability: reliable, next: [log],")
    v2 = v1.replace("next: [log],", "next: [logged],").replace("{id: log,", "{id: logged,")
    d = diff_of(v1, v2)
    text = diff_text(d, "a", "b")
    assert text.splitlines()[1] == "No regression: 1 touch-point perhaps renamed."
    assert "Touch-points added" not in text and "Touch-points removed" not in text and "Touch-points changed" not in text
    assert "Claim logged [log] -> Claim logged [logged]: its `id:` changed from log to logged" in text
    doc = diff_document(d)
    assert doc["touchpoints"]["added"] == ["logged"] and doc["touchpoints"]["removed"] == ["log"]


def test_new_warnings_alone_are_a_regression_but_not_worse_for_the_customer():
    """Flagging a moment of truth without its metric printed "2 things got worse for the customer:
    2 new warnings": nothing changed for the customer (audit AY). The gate still fails on them."""
    from journeymap.changes.report import verdict

    d = diff_of(V1, V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                               "{id: pay, name: Payment, department: billing, reliability: reliable, "
                               "moment_of_truth: true}"))
    assert d.regressions and not d.regressed and not d.risky_new
    assert verdict(d) == "Regression: 2 new warnings." and "customer" not in verdict(d)


def test_the_markdown_report_mentions_nobody():
    """Posted as a pull request's comment, a touch-point named "Escalates to @claims-team" made
    GitHub notify that team (audit AY). Each @name outside code spans is broken by a zero-width
    space; an e-mail address and code spans are left as they are."""
    from journeymap.changes.prcomment import diff_markdown

    new = V1.replace("name: Claim logged,", "name: Escalates to @claims-team or ops@example.com,")
    shown = diff_markdown(diff_of(V1, new), "`@a`", "b")
    assert "@claims-team" not in shown.replace("@&#8203;claims-team", "")
    assert "@&#8203;claims-team" in shown and "ops@example.com" in shown and "`@a`" in shown
    # a name's own backticks are escaped, not a code span: they let "@octo-org/billing" through (review BM)
    quoted = diff_markdown(diff_of(V1, V1.replace("name: Claim logged,", "name: Pays `@octo-org/billing` team,")), "a", "b")
    assert "\\`@&#8203;octo-org/billing\\`" in quoted and "@octo-org" not in quoted


def test_the_not_compared_comment_mentions_nobody(tmp_path):
    """A version with errors gives a comment listing them, whose messages quote the file's ids and
    names: it never went through the mention breaking (review BM)."""
    old, new = tmp_path / "old.journey.yaml", tmp_path / "new.journey.yaml"
    old.write_text(V1)
    new.write_text(V1.replace("department: claims, reliability: reliable}", "department: '@octo-org/billing', reliability: reliable}"))
    result = run_cli("diff", str(old), str(new), "--format", "markdown")
    assert "Not compared" in result.stdout and "@&#8203;octo-org/billing" in result.stdout, result.stdout
    assert "@octo-org" not in result.stdout


def test_a_risky_hand_off_whose_sender_was_removed_is_gone_not_resolved():
    """W110 is found at the receiving touch-point, which stays: removing the touch-point that
    handed over took the warning with it, and the customer is still handed into the same shaky
    touch-point, now by another (audit AW: it read as resolved)."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import sections, verdict
    shaky = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                       "{id: pay, name: Payment, department: billing, reliability: it-depends}")
    d = diff_of(shaky, shaky.replace("      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n", ""))
    assert d.removed == ("log",)
    assert [(f.code, f.subject) for f in d.findings_resolved] == [("W110", "from log")]
    assert [(f["code"], f["why"]) for f in diff_document(d)["findings_gone"]] == [
        ("W110", "the touch-point handing over was removed")]
    assert "Resolved findings" not in dict(sections(d)) and "resolved" not in verdict(d)
    mended = diff_of(shaky, V1)  # the receiving touch-point rated reliable: resolved
    assert "W110" in [f.code for f in mended.findings_resolved] and not diff_document(mended)["findings_gone"]
    # the sender removed and the receiver rated reliable as well: fixed (review AZ)
    both = diff_of(shaky, V1.replace("      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n", ""))
    assert "W110" in [f.code for f in both.findings_resolved] and not diff_document(both)["findings_gone"]


def git_repository(folder: Path) -> Callable[..., None]:
    """A new git repository in ``folder`` with ``maps/`` made; returns a function that runs git there."""
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.invalid")
    git("config", "user.name", "Test")
    (folder / "maps").mkdir()
    return git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git = git_repository(tmp_path)
    path = tmp_path / "maps" / "claim.journey.yaml"
    path.write_text(V1)
    git("add", ".")
    git("commit", "-qm", "v1")
    path.write_text(V1_WORSE)
    git("commit", "-qam", "v2: logging got worse")
    git("mv", "maps/claim.journey.yaml", "maps/renamed.journey.yaml")
    git("commit", "-qm", "v3: rename")
    return tmp_path


def test_git_revisions_through_a_linked_folder(repo: Path, tmp_path_factory):
    """A checkout reached through a link (macOS's /tmp, a linked home folder) was "outside the
    repository" (audit BY); a path under a folder that exists only in the old revision still works."""
    link = tmp_path_factory.mktemp("elsewhere") / "checkout"
    link.symlink_to(repo)
    result = run_cli("diff", f"HEAD~2:{link}/maps/claim.journey.yaml", f"{link}/maps/renamed.journey.yaml",
                     "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["reliability"]["regressed"] == ["log"]
    missing = run_cli("diff", f"HEAD~2:{link}/gone/maps/claim.journey.yaml", f"{link}/maps/renamed.journey.yaml")
    assert missing.exit_code == 2 and "outside" not in missing.stderr and "gone/maps/claim.journey.yaml" in missing.stderr


def test_a_shallow_clone_is_told_why_an_older_revision_is_missing(repo: Path, tmp_path_factory):
    clone = tmp_path_factory.mktemp("ci") / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True)
    result = run_cli("diff", f"HEAD~1:{clone}/maps/renamed.journey.yaml", f"{clone}/maps/renamed.journey.yaml")
    assert result.exit_code == 2 and "is not a revision" in result.stderr and "clone is shallow" in result.stderr
    assert "clone is shallow" not in run_cli("diff", f"HEAD~9:{repo}/maps/renamed.journey.yaml",
                                    f"{repo}/maps/renamed.journey.yaml").stderr


def test_git_revisions(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    result = run_cli("diff", "HEAD~2:maps/claim.journey.yaml", "maps/renamed.journey.yaml", "--format", "json")
    document = json.loads(result.stdout)
    assert document["reliability"]["regressed"] == ["log"]
    assert set(document) >= {"version", "touchpoints", "handoffs", "reliability", "findings"}
    assert result.exit_code == 0
    gate = run_cli("diff", "HEAD~2:maps/claim.journey.yaml", "maps/renamed.journey.yaml",
                   "--fail-on", "regression")
    assert gate.exit_code == 1 and "Regression" in gate.stdout
    # said on standard error too: a CI step that drops the report failed with a blank log (audit AY)
    assert gate.stderr.strip() == ("maps/renamed.journey.yaml: 2 regressions (--fail-on regression): "
                                   "reliability regressed: log; risky hand-off added: call -> log")
    report = repo / "out" / "d.md"
    written = run_cli("diff", "HEAD~2:maps/claim.journey.yaml", "maps/renamed.journey.yaml", "-o", str(report))
    assert written.exit_code == 0 and written.stderr.strip() == f"made the folder {report.parent}\nwrote {report}"
    assert report.is_file()
    same = run_cli("diff", "HEAD~1:maps/claim.journey.yaml", "HEAD:maps/renamed.journey.yaml",
                   "--fail-on", "regression")
    assert same.exit_code == 0 and "No change for the customer." in same.stdout
    assert list(repo.glob("**/*.tmp")) == []


def test_a_journey_moved_since_a_revision_is_compared_with_its_old_file(tmp_path: Path, monkeypatch):
    """Moved into a sub-folder (or renamed), a journey's briefing said "This journey is new: it did
    not exist in the version of ..." to the executives, and diff only asked "renamed or not yet
    added?" (audit AY): the briefing compares it with the file git sees it moved from, and diff
    names that file."""
    git = git_repository(tmp_path)
    (tmp_path / "maps" / "claim.journey.yaml").write_text(V1)
    git("add", ".")
    git("commit", "-qm", "v1")
    (tmp_path / "maps" / "claims").mkdir()
    git("mv", "maps/claim.journey.yaml", "maps/claims/claim.journey.yaml")
    moved = tmp_path / "maps" / "claims" / "claim.journey.yaml"
    moved.write_text(V1_WORSE)
    git("commit", "-qam", "v2: moved, and the claim is logged less reliably")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "b.html"
    result = run_cli("brief", "maps/claims/claim.journey.yaml", "--since", "HEAD~1", "--html", "-o", str(out))
    assert result.exit_code == 0, result.output
    since = out.read_text(encoding="utf-8").split('id="sec-since"', 1)[1].split("</section>", 1)[0]
    assert "This journey is new" not in since and "Regression" in since and "Claim logged" in since
    # diff compares it with that file too, saying so (it exited 2 naming the old path: audit DA)
    told = run_cli("diff", "HEAD~1:maps/claims/claim.journey.yaml", "maps/claims/claim.journey.yaml")
    assert told.exit_code == 0 and "Claim logged" in told.stdout and "reliability" in told.stdout
    assert ("note: maps/claims/claim.journey.yaml was maps/claim.journey.yaml at HEAD~1 (renamed or moved since): "
            "compared with HEAD~1:maps/claim.journey.yaml") in told.stderr
    assert told.stdout.startswith("HEAD~1:maps/claim.journey.yaml -> maps/claims/claim.journey.yaml")
    # moved with a plain mv, not yet told to git: found by its bytes, or else by its name (review AZ)
    (tmp_path / "maps" / "later").mkdir()
    moved.rename(tmp_path / "maps" / "later" / "claim-v2.journey.yaml")
    again = run_cli("brief", "maps/later/claim-v2.journey.yaml", "--since", "HEAD", "--html", "-o", str(out))
    assert again.exit_code == 0 and "This journey is new" not in out.read_text(encoding="utf-8")
    told = run_cli("diff", "HEAD:maps/later/claim-v2.journey.yaml", "maps/later/claim-v2.journey.yaml")
    assert told.exit_code == 0 and "compared with HEAD:maps/claims/claim.journey.yaml" in told.stderr


def test_another_journey_deleted_under_the_same_name_is_not_taken_for_this_ones_past(tmp_path: Path, monkeypatch):
    """An onboarding journey deleted from insurance/ and a new one written in retail/ under the same
    name: diff followed the name and told the new journey's 8 regressions against the other's
    (review DB). Only a journey with its id is its past."""
    git = git_repository(tmp_path)
    (tmp_path / "maps" / "insurance").mkdir(parents=True)
    (tmp_path / "maps" / "insurance" / "onboarding.journey.yaml").write_text(V1.replace("title: Claim", "id: claims\ntitle: Claim"))
    git("add", ".")
    git("commit", "-qm", "v1")
    git("rm", "-q", "maps/insurance/onboarding.journey.yaml")
    (tmp_path / "maps" / "retail").mkdir(parents=True)
    (tmp_path / "maps" / "retail" / "onboarding.journey.yaml").write_text(
        V1.replace("title: Claim", "id: retail-onboarding\ntitle: Retail").replace("reliability: reliable", "reliability: unreliable"))
    monkeypatch.chdir(tmp_path)
    told = run_cli("diff", "HEAD:maps/retail/onboarding.journey.yaml", "maps/retail/onboarding.journey.yaml",
                   "--fail-on", "regression")
    assert told.exit_code == 2 and "Regression" not in told.stdout and "note:" not in told.stderr, told.output
    # the same journey (its id) moved there and edited is followed
    (tmp_path / "maps" / "retail" / "onboarding.journey.yaml").write_text(V1.replace("title: Claim", "id: claims\ntitle: Claims"))
    told = run_cli("diff", "HEAD:maps/retail/onboarding.journey.yaml", "maps/retail/onboarding.journey.yaml")
    assert told.exit_code == 0 and "compared with HEAD:maps/insurance/onboarding.journey.yaml" in told.stderr
    # with no id: written, the ids both come from the name: the titles must agree too (review DD)
    old = tmp_path / "maps" / "insurance" / "onboarding.journey.yaml"
    git("checkout", "-q", "HEAD", "--", "maps/insurance/onboarding.journey.yaml")
    old.write_text(V1)
    git("commit", "-qam", "v2: no id")
    git("rm", "-q", "maps/insurance/onboarding.journey.yaml")
    (tmp_path / "maps" / "retail").mkdir(parents=True, exist_ok=True)
    mine = tmp_path / "maps" / "retail" / "onboarding.journey.yaml"
    mine.write_text(V1.replace("title: Claim", "title: Retail onboarding"))
    told = run_cli("diff", "HEAD:maps/retail/onboarding.journey.yaml", "maps/retail/onboarding.journey.yaml")
    assert told.exit_code == 2 and "note:" not in told.stderr, told.output
    mine.write_text(V1.replace("reliability: reliable", "reliability: unreliable"))
    told = run_cli("diff", "HEAD:maps/retail/onboarding.journey.yaml", "maps/retail/onboarding.journey.yaml")
    assert told.exit_code == 0 and "compared with HEAD:maps/insurance/onboarding.journey.yaml" in told.stderr


def test_a_journey_moved_with_mv_renamed_and_edited_is_found_by_its_journey_id(tmp_path: Path, monkeypatch):
    """Moved into a folder with a plain ``mv`` (not yet told to git), a journey must change its
    ``$schema`` line, so its bytes differ, and renamed as well, its name does too: the briefing
    called it new (audit CQ). Of the journey files deleted since, the one with its id is its past."""
    git = git_repository(tmp_path)
    (tmp_path / "maps").mkdir(exist_ok=True)
    (tmp_path / "maps" / "claim.journey.yaml").write_text(V1.replace("title: Claim", "id: claims\ntitle: Claim"))
    (tmp_path / "maps" / "other.journey.yaml").write_text(V1.replace("title: Claim", "id: other\ntitle: Other"))
    git("add", ".")
    git("commit", "-qm", "v1")
    (tmp_path / "maps" / "motor").mkdir()
    moved = tmp_path / "maps" / "motor" / "motor-claim.journey.yaml"
    moved.write_text("# moved into motor/\n" + (tmp_path / "maps" / "claim.journey.yaml").read_text())
    (tmp_path / "maps" / "claim.journey.yaml").unlink()
    (tmp_path / "maps" / "other.journey.yaml").unlink()  # another journey deleted: not this one's past
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "b.html"
    result = run_cli("brief", "maps/motor/motor-claim.journey.yaml", "--since", "HEAD", "--html", "-o", str(out))
    assert result.exit_code == 0, result.output
    since = out.read_text(encoding="utf-8").split('id="sec-since"', 1)[1].split("</section>", 1)[0]
    assert "This journey is new" not in since, since
    told = run_cli("diff", "HEAD:maps/motor/motor-claim.journey.yaml", "maps/motor/motor-claim.journey.yaml")
    assert "compared with HEAD:maps/claim.journey.yaml" in told.stderr, told.stderr


def test_a_briefing_since_a_broken_revision_is_written_and_says_it_cannot_tell(tmp_path: Path, monkeypatch):
    """A revision whose file had errors stopped the briefing (exit 1, no file) with "this version
    has errors; fix them to compare it", which cannot be done to a past commit, of a file that has
    none now (audit AY). The briefing is written and says what changed cannot be told; diff says to
    compare another revision."""
    git = git_repository(tmp_path)
    journey = tmp_path / "maps" / "claim.journey.yaml"
    journey.write_text(V1.replace("reliability: reliable}", "reliability: solid}", 1))
    git("add", ".")
    git("commit", "-qm", "broken")
    journey.write_text(V1)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "b.html"
    result = run_cli("brief", "maps/claim.journey.yaml", "--since", "HEAD", "--html", "-o", str(out))
    assert result.exit_code == 0 and out.is_file(), result.output
    assert "E005" in result.stderr and "give --since a revision where it had none" in result.stderr
    since = out.read_text(encoding="utf-8").split('id="sec-since"', 1)[1].split("</section>", 1)[0]
    assert "What changed cannot be told" in since and "1 error in its file" in since
    told = run_cli("diff", "HEAD:maps/claim.journey.yaml", "maps/claim.journey.yaml")
    assert told.exit_code == 1 and ("HEAD:maps/claim.journey.yaml: this version has errors; the new version has "
                                    "none, so this change repairs it: compare a revision where it had none") in told.stderr


REGISTRY = "project: 1\ndepartments:\n  - {name: Contact centre, lead: Ann}\n  - {name: Claims, lead: Bob}\n" \
           "  - {name: Billing, lead: Cy}\n"


def test_a_revision_is_checked_with_its_own_project_file(tmp_path: Path, monkeypatch):
    """A pull request that changes a registry lead, and the journey that repeats it, together: the
    old revision was checked against today's registry, got E010 and failed the regression gate."""
    git = git_repository(tmp_path)
    project, journey = tmp_path / "maps" / "journeymap.yaml", tmp_path / "maps" / "claim.journey.yaml"
    project.write_text(REGISTRY)
    journey.write_text(V1)
    git("add", ".")
    git("commit", "-qm", "v1")
    project.write_text(REGISTRY.replace("lead: Ann", "lead: Dana"))
    journey.write_text(V1.replace("lead: Ann", "lead: Dana"))
    git("commit", "-qam", "v2: a new lead")
    monkeypatch.chdir(tmp_path)
    for old, new in (("HEAD~1:maps/claim.journey.yaml", "maps/claim.journey.yaml"),
                     ("HEAD~1:maps/claim.journey.yaml", "HEAD:maps/claim.journey.yaml")):
        result = run_cli("diff", old, new, "--fail-on", "regression")
        assert result.exit_code == 0, result.stderr
        assert "lead Ann -> Dana" in result.stdout and "E010" not in result.stderr
    journey.write_text(V1.replace("lead: Ann", "lead: Dana").replace("reliability: reliable}", "reliability: solid}", 1))
    git("commit", "-qam", "v3: a mistake")
    broken = run_cli("diff", "HEAD:maps/claim.journey.yaml", "HEAD~1:maps/claim.journey.yaml")
    assert broken.exit_code == 1
    assert re.search(r"^HEAD:maps/claim\.journey\.yaml:\d+:\d+: E005", broken.stderr, re.M), broken.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_revisions_project_file_that_is_a_link_is_followed_as_a_checkout_has_it(tmp_path: Path, monkeypatch):
    """A committed link to a shared registry was read at a revision as its link text: E005 "the top
    level of a project file must be keys", while the same file checked clean (review FO)."""
    git = git_repository(tmp_path)
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "registry.yaml").write_text(REGISTRY)
    (tmp_path / "maps" / "journeymap.yaml").symlink_to(Path("..") / "shared" / "registry.yaml")
    journey = tmp_path / "maps" / "claim.journey.yaml"
    journey.write_text(V1)
    git("add", ".")
    git("commit", "-qm", "v1")
    journey.write_text(V1_WORSE)
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", "HEAD:maps/claim.journey.yaml", "maps/claim.journey.yaml")
    assert result.exit_code == 0 and "E005" not in result.stderr, result.stderr
    assert "reliable -> unreliable" in result.stdout
    # through a linked folder too (review FP), and to an absolute path inside the checkout
    (tmp_path / "linked").symlink_to("shared")
    (tmp_path / "maps" / "journeymap.yaml").unlink()
    (tmp_path / "maps" / "journeymap.yaml").symlink_to(Path("..") / "linked" / "registry.yaml")
    git("add", "-A")
    git("commit", "-qm", "v1b: through a linked folder")
    through = run_cli("diff", "HEAD:maps/claim.journey.yaml", "maps/claim.journey.yaml")
    assert through.exit_code == 0 and "E005" not in through.stderr, through.stderr
    (tmp_path / "shared" / "registry.yaml").rename(tmp_path / "shared" / "moved.yaml")
    git("add", "-A")
    git("commit", "-qm", "v2: the registry moved, the link not")
    gone = run_cli("diff", "HEAD:maps/claim.journey.yaml", "maps/claim.journey.yaml")
    assert gone.exit_code == 2 and ("maps/journeymap.yaml is a symbolic link to ../linked/registry.yaml at revision "
                                    "HEAD, which leads to no file") in gone.stderr


@pytest.mark.parametrize("spec,message", [
    ("HEAD:maps/claim.journey.yaml", "does not exist at revision HEAD"),
    ("nosuchrev:maps/renamed.journey.yaml", "is not a revision"),
])
def test_git_errors_are_clear(repo: Path, monkeypatch, spec, message):
    monkeypatch.chdir(repo)
    result = run_cli("diff", spec, "maps/renamed.journey.yaml")
    assert result.exit_code == 2 and message in result.stderr


def test_not_a_git_repository(tmp_path: Path, monkeypatch):
    (tmp_path / "a.journey.yaml").write_text(V1)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run_cli("diff", "HEAD:a.journey.yaml", "a.journey.yaml")
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr
    # brief names the option typed, not a REV:PATH the user never wrote (audit AW)
    brief = run_cli("brief", "a.journey.yaml", "--since", "HEAD", "--html", "-o", str(tmp_path / "b.html"))
    assert brief.exit_code == 2 and "Error: --since HEAD: " in brief.stderr and not (tmp_path / "b.html").exists()


def test_markdown_is_golden(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old, new = tmp_path / "old.journey.yaml", tmp_path / "new.journey.yaml"
    old.write_text(V1)
    new.write_text(V1.replace("{id: letter, name: Closing letter, department: billing, reliability: reliable}",
                              "{id: letter, name: Closing letter | final, department: claims, "
                              "reliability: it-depends, depends_on: [Post]}"))
    result = run_cli("diff", "--format", "markdown", old.name, new.name)
    golden = FIXTURES.parent / "golden" / "diff" / "claim.md"
    text = result.stdout
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text)
    assert text == golden.read_text()
    assert text.splitlines()[0].startswith("⚠️ **Claim**: Regression")


V2_MAP = (V1.replace("{id: letter, name: Closing letter, department: billing, reliability: reliable}",
                     "{id: survey, name: Satisfaction survey, department: contact-centre, reliability: it-depends,"
                     " depends_on: [Agent]}")
          .replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                   "{id: pay, name: Payment, department: billing, reliability: unreliable}"))


@pytest.mark.graphviz
def test_diff_map_marks_added_changed_removed(tmp_path: Path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from svgmap import parse

    old, new = tmp_path / "old.journey.yaml", tmp_path / "new.journey.yaml"
    old.write_text(V1)
    new.write_text(V2_MAP)
    out = tmp_path / "changes.svg"
    result = run_cli("diff", str(old), str(new), "--map", str(out))
    assert result.exit_code == 0, result.output
    svg = parse(out.read_bytes())
    assert "added" in svg.nodes["tp-survey"].classes
    assert "changed" in svg.nodes["tp-pay"].classes
    ghost = svg.nodes["ghost-letter"]
    assert "removed" in ghost.classes
    # SPEC 4.1's touch-point groups are tp-<id> with a reliability class: a ghost is none of them.
    assert "touchpoint" not in ghost.classes and "removed-touchpoint" in ghost.classes
    assert all(n.id.startswith("tp-") for n in svg.nodes.values() if "touchpoint" in n.classes)
    # The ghost stands where the removed touch-point was: in Billing's lane and Settle's column.
    assert ghost.shape.inside(svg.clusters["lane-billing"].shape)
    assert ghost.shape.inside(svg.clusters["column-settle"].shape)
    assert "added" in svg.edges["flow-pay--survey"].classes
    # an added risky hand-off is drawn as both: its red dashes beside a green line (it was green
    # alone: audit DR; then red alone: review DT), and the legend and its tooltip say so
    from journeymap.map import theme

    edge = re.search(r'<g id="flow-pay--survey".*?</g>', out.read_text(encoding="utf-8"), re.S)
    assert edge is not None and "stroke-dasharray" in edge.group(0)
    assert f'stroke="{theme.RISKY_COLOR}"' in edge.group(0) and f'stroke="{theme.ADDED_COLOR}"' in edge.group(0)
    assert "<title>added risky hand-off: Payment → Satisfaction survey</title>" in edge.group(0)
    assert "added risky hand-off" in " ".join(t[0] for t in svg.element("legend").texts)
    # SPEC 4.1: Graphviz says nothing of a valid journey; the legend's two-line sample warned "cell
    # size too small for content" (audit EK)
    assert "graphviz" not in result.stderr.lower(), result.stderr
    assert "removed" in svg.edges["removed-flow-pay--letter"].classes
    text = svg.all_text()
    assert "ADDED" in text and "WORSE" in text and "REMOVED" in text and "Legend" in text  # pay: reliable -> unreliable
    assert "Closing letter" in text


def test_two_risky_hand_offs_from_namesakes_are_two_findings_and_one_resolves():
    """Same words, other source: they were one finding, so check listed one of two and removing
    one hand-off resolved nothing (review V)."""
    from journeymap.findings import sort_findings

    old = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                     "{id: pay, name: Payment, department: billing, reliability: unreliable}").replace(
        "      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n",
        "      - {id: log, name: Claim logged, department: claims, reliability: reliable, next: [pay]}\n"
        "      - {id: log2, name: Claim logged, department: claims, reliability: reliable}\n")
    _, findings = analysed(old)
    assert len([f for f in sort_findings(findings) if f.code == "W110"]) == 2
    new = old.replace("reliability: reliable, next: [pay]}", "reliability: reliable, next: [log2]}")
    d = diff_of(old, new)
    assert [f.subject for f in d.findings_resolved if f.code == "W110"] == ["from log"]


def test_a_removed_touch_point_is_drawn_where_it_was_in_its_stage():
    """The ghost of a stage's first touch-point was drawn after the one it led to, with its
    removed flow pointing back (audit U 14)."""
    from journeymap.changes.mapmarks import diff_marks
    from journeymap.map.grid import plan_grid

    old = V1.replace("      - {id: pay,", "      - {id: quote, name: Gets a quote, department: billing}\n      - {id: pay,")
    d = diff_of(old, V1)
    assert d.removed == ("quote",)
    grid = plan_grid(d.new, diff_marks(d))
    ghost = next(b for key, b in grid.boxes.items() if "quote" in key)
    assert ghost.rect.x < grid.boxes["pay"].rect.x < grid.boxes["letter"].rect.x


def test_a_removed_stage_and_department_are_drawn_back_where_they_were_with_their_ghosts():
    """A removed stage was left off the diff's map, with its touch-points and their flows (a risky
    hand-off among them), while the legend said removals were marked (audit AP H2). So was a
    removed department's lane."""
    from journeymap.changes.mapmarks import diff_drawing
    from journeymap.changes.report import diff_text
    from journeymap.map.dot import draw_map
    from journeymap.map.grid import REMOVED_FLAG, plan_grid

    middle = V1.replace("  - name: Settle\n", "  - name: Assess\n    touchpoints:\n"
                        "      - {id: visit, name: Assessor visits, department: assessors, reliability: unreliable}\n"
                        "  - name: Settle\n").replace(
        "  - {name: Billing, lead: Cy}", "  - {name: Assessors, lead: Al}\n  - {name: Billing, lead: Cy}")
    d = diff_of(middle, V1)
    assert d.stages.removed == ("assess",) and d.departments.removed == ("assessors",)
    verdict = diff_text(d, "a", "b").splitlines()[1]  # each said, not "added, removed or renamed" (audit AP)
    assert "1 touch-point removed, 1 hand-off added, 2 hand-offs removed" in verdict and "1 stage removed, 1 department removed" in verdict
    analysis, marks = diff_drawing(d)
    assert [s.id for s in analysis.journey.stages] == ["report", "assess", "settle"]
    assert [x.id for x in analysis.journey.departments] == ["contact-centre", "claims", "assessors", "billing"]
    assert analysis.journey.touchpoints == d.new.journey.touchpoints  # nothing of NEW is lost
    assert marks.removed_stages == {"assess"} and marks.removed_departments == {"assessors"}
    assert ("log", "visit") in marks.removed_flows and ("visit", "pay") in marks.removed_flows
    grid = plan_grid(analysis, marks)
    ghost = grid.boxes["visit"]
    column = next(c for c in grid.columns if c.id == "assess")
    band = next(b for b in grid.bands if b.id == "assessors")
    assert ghost.ghost and column.x0 < ghost.rect.x < column.x1 and band.y0 < ghost.rect.y < band.y1
    assert column.sub == (REMOVED_FLAG,) and band.sub == (REMOVED_FLAG,)
    assert "3\u00a0departments" in " ".join(grid.subtitle_lines)  # NEW's, not the lane drawn back (review AQ)
    source = draw_map(analysis, marks).source()
    assert 'class="stage-column removed-stage removed"' in source and 'class="lane removed-department removed"' in source
    assert 'id="ghost-visit"' in source and 'id="removed-flow-log--visit"' in source
    # nothing removed, nothing put back
    changed = diff_of(V1, V2_MAP)
    assert diff_drawing(changed)[0] is changed.new


def test_the_diff_map_says_what_a_renamed_stage_was_called_and_does_not_flag_its_touch_points():
    """A stage renamed (a new id from its name) showed no sign on the map, and each of its
    touch-points was flagged "~ CHANGED" for its stage id, which the report does not call a
    change (audit AP L3)."""
    from journeymap.changes.mapmarks import diff_drawing
    from journeymap.map.grid import RENAMED_FLAG, plan_grid

    d = diff_of(V1, V1.replace("  - name: Settle\n", "  - name: Settle the claim\n"))
    assert d.stages.likely_renamed == (("settle", "settle-the-claim"),)
    analysis, marks = diff_drawing(d)
    assert marks.renamed_stages == (("settle-the-claim", "Settle"),) and marks.changed == frozenset()
    column = next(c for c in plan_grid(analysis, marks).columns if c.id == "settle-the-claim")
    assert column.sub[0] == f"{RENAMED_FLAG} Settle" and column.sub[1] == "Owner: Dee"
    lanes = diff_of(V1, V1.replace("{name: Billing, lead: Cy}", "{id: billing, name: Payments, lead: Cy}"))
    band = next(b for b in plan_grid(*diff_drawing(lanes)).bands if b.id == "billing")
    assert band.sub[0] == f"{RENAMED_FLAG} Billing"


def test_diff_marks_without_graphviz():
    from journeymap.changes.mapmarks import diff_marks

    marks = diff_marks(diff_of(V1, V2_MAP))
    assert marks.added == {"survey"} and marks.changed == {"pay"}
    assert [g.id for g in marks.ghosts] == ["letter"] and marks.ghosts[0].department == "billing"
    assert ("pay", "survey") in marks.added_flows and ("pay", "letter") in marks.removed_flows
    assert diff_marks(diff_of(V1, V1)).empty


def test_the_diff_map_tells_a_worse_rating_from_a_better_one(tmp_path: Path):
    """A regression and an improvement both carried the blue "~ CHANGED" flag (audit P)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from svgmap import parse

    new = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                     "{id: pay, name: Payment, department: billing, reliability: unreliable}")
    old_text = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                          "{id: log, name: Claim logged, department: claims, reliability: it-depends}")
    old, newer = tmp_path / "old.journey.yaml", tmp_path / "new.journey.yaml"
    old.write_text(old_text)
    newer.write_text(new)
    out = tmp_path / "changes.svg"
    assert run_cli("diff", str(old), str(newer), "--map", str(out)).exit_code == 0
    svg = parse(out.read_bytes())
    assert {"changed", "worse"} <= svg.nodes["tp-pay"].classes and "better" not in svg.nodes["tp-pay"].classes
    assert {"changed", "better"} <= svg.nodes["tp-log"].classes
    text = svg.all_text()
    assert "\u25bc WORSE" in text and "\u25b2 BETTER" in text and "CHANGED" not in text
    assert "rating got worse" in text and "rating got better" in text  # the legend
    # the tooltip says what changed (audit AD: "~ CHANGED" alone did not)
    titles = {g.get("id"): g.findtext("{http://www.w3.org/2000/svg}title")
              for g in ET.fromstring(out.read_bytes()).iter("{http://www.w3.org/2000/svg}g")}
    assert titles["tp-pay"] == "Payment (changed: reliability: reliable \u2192 unreliable)"
    assert titles["tp-call"] == "Calls hotline"


def test_a_removed_hand_off_keeps_its_class_on_the_map():
    """SPEC 4.1: a flow's class is ``flow``, plus ``handoff`` when it is one; a removed one too."""
    from journeymap.changes.mapmarks import diff_marks
    from journeymap.map.dot import draw_map

    ended = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                       "{id: log, name: Claim logged, department: claims, reliability: reliable, next: []}")
    d = diff_of(V1, ended)
    marks = diff_marks(d)
    assert ("log", "pay") in marks.removed_flows and marks.removed_handoffs == {("log", "pay")}
    source = draw_map(d.new, marks).source()
    assert re.search(r'id="removed-flow-log--pay"[^\n]*class="flow handoff removed"|'
                     r'class="flow handoff removed"[^\n]*id="removed-flow-log--pay"', source)
    same = diff_marks(diff_of(V1, V2_MAP))  # pay -> letter: both in Billing
    assert ("pay", "letter") in same.removed_flows and not same.removed_handoffs


def test_json_of_a_version_with_errors_is_a_document_that_says_so(tmp_path: Path, monkeypatch):
    """stdout was empty (exit 1), so a step parsing the report failed on its JSON (audit U 8)."""
    monkeypatch.chdir(tmp_path)
    Path("old.journey.yaml").write_text(V1.replace("reliability: reliable}", "reliability: flaky}", 1))
    Path("new.journey.yaml").write_text(V1)
    result = run_cli("diff", "old.journey.yaml", "new.journey.yaml", "--format", "json")
    assert result.exit_code == 1 and "this version has errors" in result.stderr
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["compared"] is False and doc["summary"] == {"errors": 1, "warnings": 0}
    assert [(e["path"], e["code"]) for e in doc["errors"]] == [("old.journey.yaml", "E005")]
    text = run_cli("diff", "old.journey.yaml", "new.journey.yaml")
    assert text.exit_code == 1 and text.stdout == ""  # the terminal's report: the errors on stderr
    # a pull-request comment says why nothing was compared, not an empty body (audit AD)
    md = run_cli("diff", "old.journey.yaml", "new.journey.yaml", "--format", "markdown")
    # the old version's errors alone are the change's to repair, not its author's to fix (audit CD)
    assert md.exit_code == 1 and md.stdout.startswith(
        "\u26d4 **Not compared**: the old version has 1 error and the new one none: this change repairs it")
    assert json.loads(run_cli("diff", "old.journey.yaml", "new.journey.yaml", "--format", "json").stdout)[
        "broken"] == ["old"]
    assert "this version has errors; the new version has none, so this change repairs it: there is nothing" in text.stderr
    assert "- `old.journey.yaml:" in md.stdout and " E005 invalid-value: " in md.stdout
    # journeymap's own advice stays a code span there, as in the report's other lists
    Path("new.journey.yaml").write_text(V1.replace("{id: letter, name: Closing letter", "{name: Payment")
                                        .replace("{id: pay, name: Payment", "{name: Payment"))
    md = run_cli("diff", "old.journey.yaml", "new.journey.yaml", "--format", "markdown")
    assert md.stdout.startswith("\u26d4 **Not compared**: both versions have errors (2); fix them") and \
        "add an explicit `id:` to tell" in md.stdout


@pytest.mark.graphviz
def test_the_report_and_the_map_make_their_folders(tmp_path: Path, monkeypatch):
    """As render's -o does (review V)."""
    monkeypatch.chdir(tmp_path)
    Path("v.journey.yaml").write_text(V1)
    result = run_cli("diff", "v.journey.yaml", "v.journey.yaml", "-o", "r/out.md", "--map", "m/q/map.svg")
    assert result.exit_code == 0 and Path("r/out.md").is_file() and Path("m/q/map.svg").is_file()


def test_cli_json_is_the_api_document_findings_in_file_order(tmp_path: Path, monkeypatch):
    """SPEC 8: ``journeymap.diff`` is the JSON of ``diff``; both list findings by position."""
    import journeymap

    monkeypatch.chdir(tmp_path)
    old = (V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                      "{id: pay, name: Payment, department: billing, reliability: unreliable}")
           .replace("{id: letter, name: Closing letter, department: billing, reliability: reliable}",
                    "{id: letter, name: Closing letter, department: billing, reliability: unknown}"))
    Path("old.journey.yaml").write_text(old)
    Path("new.journey.yaml").write_text(V1)
    result = run_cli("diff", "--format", "json", "old.journey.yaml", "new.journey.yaml")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [(f["code"], f["line"]) for f in doc["findings"]["resolved"]] == [("W110", 20), ("W105", 21)]
    assert doc == journeymap.diff(journeymap.load("old.journey.yaml"), journeymap.load("new.journey.yaml"))


def test_a_version_whose_project_file_has_errors_is_not_compared(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.journey.yaml").write_text(V1)
    Path("journeymap.yaml").write_text("project: 1\norganization: typo\n")
    result = run_cli("diff", "a.journey.yaml", "a.journey.yaml")
    assert result.exit_code == 1
    assert "E003" in result.stderr and "this version has errors" in result.stderr


def test_an_ended_path_and_the_default_next_step_read_differently():
    """``next: []`` (the path ends) and no ``next`` (on to the next touch-point) both showed as "(none)"."""
    from journeymap.changes.report import diff_text
    from journeymap.changes.prcomment import diff_markdown

    v2 = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                    "{id: pay, name: Payment, department: billing, reliability: reliable, next: []}")
    text = diff_text(diff_of(V1, v2), "v1", "v2")
    assert "next (the next touch-point) -> (none: the path ends)" in text
    assert "next (none: the path ends) -> (the next touch-point)" in diff_text(diff_of(v2, V1), "v2", "v1")
    markdown = diff_markdown(diff_of(V1, v2), "v1", "v2")  # what a pull request shows
    assert "| next | (the next touch-point) | (none: the path ends) |" in markdown
    # The last touch-point goes nowhere either way: ending its path in writing changes nothing.
    last = V1.replace("{id: letter, name: Closing letter, department: billing, reliability: reliable}",
                      "{id: letter, name: Closing letter, department: billing, reliability: reliable, next: []}")
    assert diff_of(V1, last).empty


def test_stages_and_departments_added_or_removed_are_named():
    from journeymap.changes.report import diff_text

    v2 = V1.replace("stages:\n", "stages:\n  - {id: intro, name: First contact, touchpoints: []}\n", 1)
    text = diff_text(diff_of(V1, v2), "v1", "v2")
    assert "Stages added:\n  First contact [intro]" in text
    assert "Stages removed:\n  First contact [intro]" in diff_text(diff_of(v2, V1), "v2", "v1")


def test_a_reordered_path_is_a_change_for_the_customer():
    """Swapping two touch-points of one department changes the default ``next`` steps: the map
    marked it while the report said "No change for the customer."."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text
    from journeymap.changes.prcomment import diff_markdown

    swapped = V1.replace(
        "      - {id: pay, name: Payment, department: billing, reliability: reliable}\n"
        "      - {id: letter, name: Closing letter, department: billing, reliability: reliable}\n",
        "      - {id: letter, name: Closing letter, department: billing, reliability: reliable}\n"
        "      - {id: pay, name: Payment, department: billing, reliability: reliable}\n")
    assert swapped != V1
    d = diff_of(V1, swapped)
    assert not d.empty and not d.changed
    assert d.steps_added == (("letter", "pay"),) and d.steps_removed == (("pay", "letter"),)
    assert d.handoffs_added == (("log", "letter"),) and d.handoffs_removed == (("log", "pay"),)
    text = diff_text(d, "v1", "v2")
    assert "No change" not in text
    assert "Steps removed within a department:\n  Payment [pay] -> Closing letter [letter]" in text
    assert diff_document(d)["steps"] == {"added": [["letter", "pay"]], "removed": [["pay", "letter"]]}
    assert r"- Payment \[pay\] → Closing letter \[letter\]" in diff_markdown(d, "v1", "v2")


def test_journey_stage_and_department_details_and_order_are_reported():
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text

    v2 = (V1.replace("title: Claim", "title: Claim, revised\nsummary: Faster claims")
          .replace("  - name: Settle\n    owner: Dee\n    feedback: [Survey]",
                   "  - name: Settle\n    owner: Dee\n    feedback: [Survey, Complaints]\n    goal: Paid in a week")
          .replace("{name: Billing, lead: Cy}", "{name: Billing, lead: Cy, layer: backstage}"))
    d = diff_of(V1, v2)
    assert {(c.of, c.id, c.field) for c in d.details} == {
        ("journey", "claim", "title"), ("journey", "claim", "summary"), ("stage", "settle", "feedback"),
        ("stage", "settle", "goal"), ("department", "billing", "layer")}
    text = diff_text(d, "v1", "v2")
    assert "the journey: title Claim -> Claim, revised" in text
    assert "Stage Settle [settle]: feedback Survey -> Survey, Complaints" in text
    assert "Department Billing [billing]: layer (none) -> backstage" in text
    assert "No regression: " in text and "5 other details changed" in text
    assert {c["field"] for c in diff_document(d)["details"]} == {"title", "summary", "feedback", "goal", "layer"}
    lanes = V1.replace("  - {name: Claims, lead: Bob}\n  - {name: Billing, lead: Cy}",
                       "  - {name: Billing, lead: Cy}\n  - {name: Claims, lead: Bob}")
    (order,) = diff_of(V1, lanes).details
    assert (order.field, order.old, order.new) == ("lane order", ["contact-centre", "claims", "billing"],
                                                   ["contact-centre", "billing", "claims"])


def test_a_new_journey_id_is_a_detail_but_ids_made_from_two_file_names_are_not():
    """The journey's id names its outputs and its preview page: a new `id:` read "No change"."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text

    named = "journeymap: 1\nid: claim\n" + V1.removeprefix("journeymap: 1\n")
    (a, fa), (b, fb) = analysed(named), analysed(named.replace("id: claim", "id: claim-v2"))
    d = compare(a, b, fa, fb)
    assert [(c.of, c.field, c.old, c.new) for c in d.details] == [("journey", "id", "claim", "claim-v2")]
    assert not d.regressions
    assert "the journey: id claim -> claim-v2" in diff_text(d, "v1", "v2")
    assert diff_document(d)["details"][0]["field"] == "id"
    # two copies of an unchanged file without `id:`: ids from their file names, not an edit
    one, _ = load_text(V1, "v1.journey.yaml")
    two, _ = load_text(V1, "v2.journey.yaml")
    assert one is not None and two is not None and one.id != two.id
    assert compare(analyse(one), analyse(two)).empty


def test_next_steps_changed_are_one_shape_in_json_labelled_or_not():
    """As the JSON export writes them: `{to, label}` always (ids and objects were mixed)."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text

    v2 = V1.replace("{id: call, name: Calls hotline,", "{id: call, next: [log, {to: pay, label: urgent}], name: Calls hotline,")
    d = diff_of(V1, v2)
    (change,) = [c for c in diff_document(d)["touchpoints"]["changed"] if c["field"] == "next"]
    assert change["old"] is None
    assert change["new"] == [{"to": "log", "label": None}, {"to": "pay", "label": "urgent"}]
    assert "next (the next touch-point) -> Claim logged [log], Payment [pay] (urgent)" in diff_text(d, "v1", "v2")


def test_a_risky_hand_off_added_that_ignore_accepts_is_marked_accepted_and_still_a_regression():
    """`check --strict` passed it; the gate failed and nothing said why (audit BH)."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text

    v1 = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                    "{id: log, name: Claim logged, department: claims, reliability: reliable, ignore: [W110]}")
    v2 = v1.replace("reliability: reliable, ignore: [W110]}", "reliability: unreliable, ignore: [W110]}")
    (a, fa), (b, fb) = analysed(v1), analysed(v2)
    assert not [f for f in fb if f.code == "W110"]  # check is silent on it
    d = compare(a, b, fa, fb)
    assert d.risky_accepted == (("call", "log"),)
    assert "risky hand-off added: call -> log (accepted by ignore: W110)" in d.regressions
    text = diff_text(d, "v1", "v2")
    assert "accepted by the journey file's ignore: W110, still a regression)" in text, text
    document = diff_document(d)
    assert document["risky_handoffs"]["accepted"] == [["call", "log"]]
    assert document["regression"] is True
    # not accepted where nothing ignores it
    plain = diff_of(V1, V1.replace("department: claims, reliability: reliable}", "department: claims, reliability: unreliable}"))
    assert plain.risky_accepted == () and diff_document(plain)["risky_handoffs"]["accepted"] == []
    # the briefing says it in words, without the check code, for a hand-off that became risky too
    from journeymap.changes.briefrows import briefing_rows

    (row,) = [r for r in briefing_rows(d) if r["change"] == "Hand-off became risky"]
    assert row["detail"] == "Contact centre \u2192 Claims (this risk is accepted in the journey file)", row
    (row,) = [r for r in briefing_rows(plain) if r["change"] == "Hand-off became risky"]
    assert row["detail"] == "Contact centre \u2192 Claims"
    # its new W110 is that row in the checker's words: the briefing does not tell it twice (audit BL);
    # the reports for the file's editors list it still
    assert [f.code for f in plain.findings_new] == ["W110"]
    assert [r["change"] for r in briefing_rows(plain)] == ["Reliability regressed", "Hand-off became risky"]
    assert "New findings" in diff_text(plain, "v1", "v2")


def test_a_risky_hand_off_into_a_touch_point_no_longer_rated_is_marked_unrated_in_json():
    """It is gone from the risky ones as the rating went, not made safer."""
    from journeymap.changes.diffjson import diff_document

    v1 = V1.replace("department: claims, reliability: reliable}", "department: claims, reliability: unreliable}")
    v2 = V1.replace("department: claims, reliability: reliable}", "department: claims, reliability: unknown}")
    risky = diff_document(diff_of(v1, v2))["risky_handoffs"]
    assert risky["removed"] == [["call", "log"]] and risky["unrated"] == [["call", "log"]]
    mended = diff_document(diff_of(v1, V1))["risky_handoffs"]
    assert mended["removed"] == [["call", "log"]] and mended["unrated"] == []


def test_the_markdown_report_keeps_within_a_github_comment_and_counts_what_it_leaves_out():
    """A re-rating of 800 touch-points made a 556 KB comment, which GitHub refuses (65,536; audit BH)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.generate import generate_journey
    from journeymap.changes.prcomment import MOST, diff_markdown
    from journeymap.changes.report import diff_text

    old = generate_journey(800)
    new = old.replace("reliability: reliable", "reliability: unreliable").replace("reliability: it-depends",
                                                                                  "reliability: reliable")
    d = diff_of(old, new)
    markdown = diff_markdown(d, "old", "new")
    assert len(markdown) <= MOST < 65_536
    # each cut section shows some rows and counts the rest: together, all of them
    section = markdown.split("### Reliability regressed\n", 1)[1].split("\n### ", 1)[0]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    (left,) = re.findall(r"^- … and ([\d,]+) more, left out to keep this comment within GitHub's size", section, re.M)
    assert len(items) - 1 + int(left.replace(",", "")) == len(d.regressed) > len(items)
    assert len(diff_text(d, "old", "new")) > 100_000  # the text report keeps every line
    # a small diff is whole
    assert "left out" not in diff_markdown(diff_of(V1, V1.replace("reliability: reliable}", "reliability: unknown}")),
                                           "v1", "v2")
    # a few rows of very long values are cut too: 12 rows made 155,820 characters (review BJ)
    pains = "[" + ", ".join(f"'{i} " + "the form loses what was typed when the page times out " * 3 + "'"
                            for i in range(120)) + "]"
    wordy = V1
    for tp in ("call", "log", "pay", "letter"):
        wordy = wordy.replace(f"{{id: {tp}, ", f"{{id: {tp}, pain_points: {pains}, ")
    markdown = diff_markdown(diff_of(V1, wordy), "v1", "v2")
    assert len(markdown) <= MOST and "### Touch-points changed" in markdown
    assert markdown.count("\n| ") >= 4  # each touch-point's row kept, its text shortened


def test_a_stage_rename_reads_as_what_it_is_and_owners_are_named():
    from journeymap.changes.report import diff_text

    v1 = V1.replace("  - name: Settle\n", "  - id: settle\n    name: Settle\n")
    v2 = v1.replace("name: Settle\n    owner: Dee", "name: Pay out\n    owner: Eve")
    text = diff_text(diff_of(v1, v2), "v1", "v2")
    assert "No regression: 1 stage renamed, 1 owner or lead changed." in text
    assert "Stage Pay out [settle]: owner Dee -> Eve" in text


def test_a_hand_off_that_became_risky_is_listed_with_the_regressions():
    from journeymap.changes.report import diff_text, verdict

    v2 = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                    "{id: log, name: Claim logged, department: claims, reliability: it-depends, depends_on: [IT]}")
    d = diff_of(V1, v2)
    assert d.risky_added == (("call", "log"),) and not d.handoffs_added
    assert "Hand-offs that became risky:\n  Calls hotline [call] -> Claim logged [log]" in diff_text(d, "v1", "v2")
    assert "1 hand-off became risky (\u201cCalls hotline\u201d to \u201cClaim logged\u201d)" in verdict(d)
    assert "added" not in verdict(d)


def test_the_verdict_counts_hand_offs_added_risky_apart_from_those_that_became_risky():
    # "3 risky hand-offs added" sat over 2 listed as added and 1 that became risky (audit AW)
    from journeymap.changes.report import verdict

    v2 = (V1.replace("reliability: reliable}\n  - name: Settle",
                     "reliability: unreliable}\n      - {id: chat, name: Chat, department: contact-centre,"
                     " reliability: reliable}\n  - name: Settle")
          .replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                   "{id: pay, name: Payment, department: billing, reliability: it-depends, depends_on: [Bank]}"))
    d = diff_of(V1, v2)
    said = verdict(d)
    assert "1 risky hand-off added (\u201cChat\u201d to \u201cPayment\u201d)" in said, said
    assert "1 hand-off became risky (\u201cCalls hotline\u201d to \u201cClaim logged\u201d)" in said, said


def test_markdown_shows_file_names_and_arrows_in_names_as_written():
    """Backslash escapes do not work inside a code span: ``HEAD\\~2`` showed on GitHub."""
    from journeymap.changes.prcomment import diff_markdown

    v2 = V1.replace("name: Payment,", "name: Pay -> refund,")
    out = diff_markdown(diff_of(V1, v2), "HEAD~2:maps/bike_service.journey.yaml", "maps/a`b.yaml")
    assert "`HEAD~2:maps/bike_service.journey.yaml` → ``maps/a`b.yaml``" in out
    assert "Pay -&gt; refund" in out and "Pay → refund" not in out


def test_a_flow_that_stops_or_starts_being_a_hand_off_is_marked_on_the_map():
    """Moving a touch-point to another department turns flows into hand-offs and back."""
    from journeymap.changes.mapmarks import diff_marks
    from journeymap.map.dot import draw_map

    moved = V1.replace("{id: log, name: Claim logged, department: claims,",
                       "{id: log, name: Claim logged, department: contact-centre,")
    d = diff_of(V1, moved)
    assert d.handoffs_removed == (("call", "log"),) and d.handoffs_added == ()
    marks = diff_marks(d)
    assert marks.former_handoffs == {("call", "log")} and ("log", "pay") not in marks.added_flows
    source = draw_map(d.new, marks).source()
    assert re.search(r'id="flow-call--log"[^\n]*class="flow changed"|class="flow changed"[^\n]*id="flow-call--log"',
                     source)
    assert "no longer a hand-off" in source
    back = diff_marks(diff_of(moved, V1))
    assert ("call", "log") in back.added_flows and not back.former_handoffs


def test_when_both_versions_have_errors_both_are_reported(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("old.journey.yaml").write_text(V1.replace("title: Claim\n", ""))
    Path("new.journey.yaml").write_text(V1.replace("owner: CCO\n", "owner: CCO\nstages: 3\n", 1))
    result = run_cli("diff", "old.journey.yaml", "new.journey.yaml")
    assert result.exit_code == 1
    assert "old.journey.yaml:1:1: E004" in result.stderr and "new.journey.yaml" in result.stderr
    assert result.stderr.count("this version has errors") == 2


def test_a_revision_path_is_looked_up_from_the_current_folder_and_the_message_says_so(repo: Path, monkeypatch):
    monkeypatch.chdir(repo / "maps")
    result = run_cli("diff", "HEAD:maps/renamed.journey.yaml", "renamed.journey.yaml")
    assert result.exit_code == 2
    assert "maps/maps/renamed.journey.yaml does not exist at revision HEAD" in result.stderr
    assert "taken from the current folder" in result.stderr
    assert run_cli("diff", "HEAD:renamed.journey.yaml", "renamed.journey.yaml").exit_code == 0


def test_a_briefing_since_a_revision_before_the_journey_existed_says_it_is_new(repo: Path, monkeypatch):
    from journeymap.cli.versions import since_context

    monkeypatch.chdir(repo)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a briefing dated another day than the commits
    import journeymap

    (repo / "maps" / "fresh.journey.yaml").write_text(V1.replace("title: Claim", "title: A fresh journey"))
    checked = journeymap.load("maps/fresh.journey.yaml")
    first = subprocess.run(["git", "rev-list", "--max-parents=0", "HEAD"], capture_output=True, text=True,
                           cwd=repo, check=True).stdout.strip()
    new = since_context(first, "maps/fresh.journey.yaml", checked)
    commit = new.pop("commit") or ""
    assert commit.startswith(first[:7])
    day = commit.partition(" of ")[2].partition(",")[0]  # a commit id is named by its day
    # the commit's own id is not repeated in the note ("Compared with cc621a3: commit cc621a3": review S)
    assert new == {"revision": day, "given": "", "summary": f"This journey is new: it did not exist in "
                   f"the version of {day}.", "regression": False, "rows": []}
    old = since_context("HEAD~2", "maps/claim.journey.yaml", journeymap.load("maps/renamed.journey.yaml"))
    assert old["regression"] and old["rows"]
    # renamed since: compared with the file it was renamed from, not called new (audit AY)
    moved = since_context(first, "maps/renamed.journey.yaml", journeymap.load("maps/renamed.journey.yaml"))
    assert moved["regression"] and moved["rows"]


def test_the_briefings_changes_name_things_as_people_know_them(repo: Path, monkeypatch):
    """The section listed the diff's text lines (ids in brackets, check codes, Markdown backticks)
    with an empty Detail column, and named the revision only as given ("since HEAD"): audit K."""
    import journeymap
    from journeymap.cli.versions import since_context

    monkeypatch.chdir(repo)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # a briefing dated another day than the commits
    found = since_context("HEAD~2", "maps/claim.journey.yaml", journeymap.load("maps/renamed.journey.yaml"))
    assert re.fullmatch(r"[0-9a-f]{7,12} of \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d", found["commit"] or ""), \
        found["commit"]
    # the heading names the version by its day, not "since HEAD~2" (the note's commit has the time
    # that tells two of one day apart: audit X); a tag by its name, however it is written (review S)
    assert found["revision"] == found["commit"].partition(" of ")[2].partition(",")[0] and found["given"] == "HEAD~2"
    # on the briefing's own day, by its time: "since 3 December 2026" in a briefing of that day read as
    # nothing having changed (audit CJ)
    when = dt.datetime.strptime(found["commit"].partition(" of ")[2], "%d %B %Y, %H:%M")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(when.replace(tzinfo=dt.timezone.utc).timestamp())))
    today = since_context("HEAD~2", "maps/claim.journey.yaml", journeymap.load("maps/renamed.journey.yaml"))
    assert today["revision"] == f"{when:%H:%M} on {when.day} {when:%B %Y}" and today["commit"] == found["commit"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    subprocess.run(["git", "tag", "v1.0", "HEAD~2"], cwd=repo, check=True)
    for spelt in ("v1.0", "tags/v1.0", "refs/tags/v1.0"):
        tagged = since_context(spelt, "maps/claim.journey.yaml", journeymap.load("maps/renamed.journey.yaml"))
        assert tagged["revision"] == "v1.0" and tagged["given"] == spelt and tagged["rows"] == found["rows"]
    rows = {(r["change"], r["subject"]): r["detail"] for r in found["rows"]}
    assert rows[("Reliability regressed", "Claim logged")] == "Reliability: reliable \u2192 unreliable"
    text = " ".join(f"{r['subject']} {r['detail'] or ''}" for r in found["rows"])
    assert not re.search(r"\[[a-z-]+\]|\b[EW]\d{3}\b|`", text), text
    assert "1 rating regressed (\u201cClaim logged\u201d)" in found["summary"]


def test_writing_out_the_default_next_step_is_no_change_for_the_customer():
    explicit = V1.replace("{id: call, name: Calls hotline, department: contact-centre, reliability: reliable,",
                          "{id: call, name: Calls hotline, department: contact-centre, reliability: reliable, next: [log],")
    assert explicit != V1
    assert diff_of(V1, explicit).empty
    labelled = V1.replace("{id: call, name: Calls hotline, department: contact-centre, reliability: reliable,",
                          "{id: call, name: Calls hotline, department: contact-centre, reliability: reliable, "
                          "next: [{to: log, label: same day}],")
    (change,) = diff_of(V1, labelled).changed  # a label is something the customer's map shows
    assert change.field == "next"


def test_a_revision_path_that_is_a_folder_is_not_taken_for_a_new_journey(repo: Path, monkeypatch):
    monkeypatch.chdir(repo)
    result = run_cli("diff", "HEAD:maps", "maps/renamed.journey.yaml")
    assert result.exit_code == 2 and "maps is not a file at revision HEAD" in result.stderr


def test_values_read_as_written_and_risk_that_goes_away_is_told():
    """Audit I: booleans printed as Python's True/False and stages as ids; a hand-off that stopped
    being risky showed only in the headline's count; a name starting with '- ' made a nested list."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text
    from journeymap.changes.prcomment import diff_markdown

    v2 = (V1.replace("moment_of_truth: true, metric: FCR", "moment_of_truth: false, metric: FCR")
          .replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                   "{id: log, name: Claim logged, department: claims, reliability: unreliable}"))
    risky = diff_of(V1, v2)
    text = diff_text(risky, "a", "b")
    assert "moment_of_truth true -> false" in text and "True" not in text
    safer = diff_of(v2, V1)
    assert diff_document(safer)["risky_handoffs"] == {"added": [], "removed": [["call", "log"]], "unrated": [], "accepted": []}
    text = diff_text(safer, "a", "b")
    assert "Hand-offs no longer risky:\n  Calls hotline [call] -> Claim logged [log]" in text
    renamed = diff_of(v2, v2.replace("{id: log,", "{id: logged,").replace("Claim logged", '"- Claim logged"'))
    assert "Hand-offs" not in diff_text(renamed, "a", "b").split("Headline")[0]  # one hand-off, renamed (audit AD)
    shown = diff_markdown(renamed, "a", "b")  # listed once, as perhaps renamed (audit AY)
    assert "→ - Claim logged \\[logged\\]: its `id:` changed from log to logged" in shown
    assert "\n- - " not in shown
    gone = diff_of(v2, v2.replace("{id: log, name: Claim logged,", "{id: visit, name: Adjuster visits the house,"))
    assert "Claim logged [log] -> Payment [pay] (was risky)" not in diff_text(gone, "a", "b")
    assert "Calls hotline [call] -> Claim logged [log] (was risky)" in diff_text(gone, "a", "b")
    log = "      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n"
    moved = V1.replace(log, "").replace("      - {id: pay,", log + "      - {id: pay,")
    assert "Claim logged [log]: stage Report [report] -> Settle [settle]" in diff_text(diff_of(V1, moved), "a", "b")
    staged = diff_text(diff_of(V1, V1.replace("  - name: Settle\n", "  - name: Settle\n    id: settle-up\n")), "a", "b")
    assert "Settle [settle] -> Settle [settle-up]: its `id:` changed from settle to settle-up" in staged
    assert "Touch-points changed" not in staged
    owners = diff_document(diff_of(V1, V1.replace("lead: Bob", "lead: Bo")))["owners"]
    assert owners == [{"id": "claims", "field": "lead", "old": "Bob", "new": "Bo", "of": "department"}]


def test_an_id_changed_alone_moves_no_hand_off_or_moment_of_truth_in_the_report():
    """Audit AD: `id: call` changed to `id: hotline` listed its hand-offs as added and removed and
    its moment of truth as gained and lost ("4 hand-offs added or removed", 11 before and after).
    They are matched through the rename, as steps are; what truly changed with it is still told.
    The JSON keeps to ids (SPEC 3)."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text

    v1 = V1.replace("department: claims, reliability: reliable}", "department: claims, reliability: reliable,\n"
                    "         moment_of_truth: true, metric: Days, expectation: Fast}")
    same = diff_of(v1, v1.replace("{id: log,", "{id: logged,"))
    text = diff_text(same, "a", "b")
    assert text.splitlines()[1] == "No regression: 1 touch-point perhaps renamed."  # once (audit AY)
    from journeymap.changes.briefrows import briefing_rows

    assert [r["change"] for r in briefing_rows(same)] == ["Perhaps renamed"]
    assert "Hand-offs" not in text.split("Headline")[0] and "Moments of truth" not in text.split("Headline")[0]
    assert "Perhaps renamed" in text
    worse = diff_of(v1, v1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable,",
                                   "{id: logged, name: Claim logged, department: claims, reliability: unreliable,"))
    text = diff_text(worse, "a", "b")
    assert "Hand-offs that became risky:\n  Calls hotline [call] -> Claim logged [logged]" in text
    assert "Hand-offs added" not in text and "Hand-offs removed" not in text
    assert diff_document(worse)["handoffs"] == {"added": [["call", "logged"], ["logged", "pay"]],
                                                "removed": [["call", "log"], ["log", "pay"]]}
    back = diff_of(v1.replace("department: claims, reliability: reliable,", "department: claims, reliability: "
                              "unreliable,"), v1.replace("{id: log,", "{id: logged,"))
    assert "Hand-offs no longer risky:\n  Calls hotline [call] -> Claim logged [log]" in diff_text(back, "a", "b")


def test_a_stage_or_department_renamed_without_an_id_is_no_regression_and_moves_nothing():
    """Audit AD: "Settle" renamed "Settle the claim" took a new id from its name, so it read as a
    stage removed and one added, its touch-points as moved to it, and its W103 (no owner) as a
    new warning: `--fail-on regression` failed a rename. A department renamed (its touch-points
    follow its new id) read the same way. Both are matched as renamed now; the JSON keeps to ids."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text
    from journeymap.changes.prcomment import diff_markdown

    v1 = V1.replace("  - name: Settle\n    owner: Dee\n", "  - name: Settle\n")
    v2 = v1.replace("  - name: Settle\n", "  - name: Settle the claim\n")
    d = diff_of(v1, v2)
    assert not d.regressions and not d.findings_new and not d.findings_resolved
    text = diff_text(d, "a", "b")
    assert text.splitlines()[1] == "No regression: 1 stage renamed."
    assert "Settle [settle] -> Settle the claim [settle-the-claim]: perhaps renamed" in text
    assert "Touch-points changed" not in text and "Stages added" not in text
    assert "Touch-points changed" not in diff_markdown(d, "a", "b")
    assert diff_document(d)["stages"]["added"] == ["settle-the-claim"]
    assert diff_document(d)["stages"]["likely_renamed"] == [["settle", "settle-the-claim"]]
    assert {c["field"] for c in diff_document(d)["touchpoints"]["changed"]} == {"stage"}
    renamed = v1.replace("{name: Billing, lead: Cy}", "{name: Billing & payments, lead: Cy}").replace(
        "department: billing,", "department: billing-payments,")
    text = diff_text(diff_of(v1, renamed), "a", "b")
    assert "Billing [billing] -> Billing & payments [billing-payments]: perhaps renamed" in text, text
    assert "Touch-points changed" not in text and "Hand-offs" not in text.split("Headline")[0]
    # a stage replaced by another (other touch-points) is still one removed and one added
    other = v1.replace("  - name: Settle\n", "  - name: Pay out\n").replace("{id: pay,", "{id: payout,")
    assert "Stages added:\n  Pay out [pay-out]" in diff_text(diff_of(v1, other.replace("{id: letter,", "{id: note,")), "a", "b")


def test_a_reworded_touchpoint_without_an_id_is_named_as_perhaps_renamed():
    """Ids left out come from names, so rewording a touch-point matched it as removed and added,
    with no hint (audit I); matching stays by id (SPEC 3), and the report says how to keep it."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text

    v1 = V1.replace("{id: pay, name: Payment,", "{name: Payment made,").replace("next: [pay]", "")
    v2 = v1.replace("{name: Payment made,", "{name: Payment is made,")
    d = diff_of(v1, v2)
    assert (d.removed, d.added) == (("payment-made",), ("payment-is-made",))
    assert diff_document(d)["likely_renames"] == [["payment-made", "payment-is-made"]]
    assert ("Payment made [payment-made] -> Payment is made [payment-is-made]: to keep its history, give it "
            "`id: payment-made`") in diff_text(d, "a", "b")
    other = diff_of(v1, v1.replace("{name: Payment made,", "{name: Refund sent,"))
    assert other.added and other.likely_renames == ()  # a different touch-point is not a rename


def test_a_reworded_touchpoint_whose_rating_fell_is_a_regression():
    """Rewording a step (no id, so a new one) and lowering its rating in one edit said "No
    regression" and passed the gate; its other changes went unsaid too (audit AP H1)."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text

    v1 = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                    "{name: Claim is logged, department: claims, reliability: it-depends}")
    v2 = v1.replace("{name: Claim is logged, department: claims, reliability: it-depends}",
                    "{name: Claim was logged, department: claims, reliability: unreliable, channel: web}")
    d = diff_of(v1, v2)
    assert d.likely_renames == (("claim-is-logged", "claim-was-logged"),)
    assert d.regressed == ("claim-was-logged",) and d.regressions
    document = diff_document(d)
    # SPEC 3's reliability lists keep to ids; the pair's fall is in matched_changed, and it is a regression
    assert document["reliability"]["regressed"] == [] and document["regression"] is True
    assert document["touchpoints"]["changed"] == []  # matched by id (SPEC 3); the pair's own changes beside it
    assert {c["field"] for c in document["matched_changed"]} == {"reliability", "channel"}
    text = diff_text(d, "a", "b")
    assert "Regression: 1 thing got worse for the customer: 1 rating regressed (\u201cClaim was logged\u201d)" in text
    assert "Claim was logged [claim-was-logged]: channel (none) -> web" in text
    better = diff_of(v2, v1)
    assert better.improved == ("claim-is-logged",) and not any(r.startswith("reliability") for r in better.regressions)


def test_a_step_put_in_the_place_of_another_keeps_its_risky_hand_off_and_is_told_how_to_keep_its_id():
    """A step reworded beyond a similar name was one removed and one added: the risky hand-off
    into it read as a new one and failed the gate, though risky hand-offs stayed 1 -> 1, and
    nothing said how to keep its history (audit AP M5). A written id says it is another one."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import diff_text

    v1 = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                    "{name: Claim is logged, department: claims, reliability: it-depends}").replace(
                    "next: [log]", "")
    v2 = v1.replace("{name: Claim is logged,", "{name: Adjuster takes the details,")
    d = diff_of(v1, v2)
    assert d.likely_renames == () and d.replacements == (("claim-is-logged", "adjuster-takes-the-details"),)
    assert not d.regressions and d.risky_added and not d.risky_new and not d.findings_new
    assert diff_document(d)["replacements"] == [["claim-is-logged", "adjuster-takes-the-details"]]
    text = diff_text(d, "a", "b")
    assert text.splitlines()[1] == "No regression: 1 touch-point added, 1 touch-point removed."
    assert ("Adjuster takes the details [adjuster-takes-the-details] in place of Claim is logged [claim-is-logged]: "
            "if it is that one reworded, give it `id: claim-is-logged`") in text
    assert "Hand-offs" not in text.split("Headline")[0] and "Steps" not in text
    # ... but a rating that fell as it was reworded is a regression (review AQ: the gate passed)
    worse = diff_of(v1, v2.replace("{name: Adjuster takes the details, department: claims, reliability: it-depends}",
                                   "{name: Adjuster takes the details, department: claims, reliability: unreliable}"))
    assert worse.replacements and worse.regressed == ("adjuster-takes-the-details",) and worse.regressions
    assert not worse.risky_new  # the hand-off into it was risky before: the rating is what got worse
    assert "reliability it-depends -> unreliable" in diff_text(worse, "a", "b")
    # the map draws it as the report tells it: changed (worse), in place of the one removed, no ghost
    from journeymap.changes.mapmarks import diff_marks

    marks = diff_marks(worse)
    assert marks.worse == {"adjuster-takes-the-details"} and marks.ghosts == () and not marks.added
    assert dict(marks.what)["adjuster-takes-the-details"].startswith("in place of Claim is logged [claim-is-logged]")
    # on another path it is another step: a risky hand-off into it is a new crack
    moved = v2.replace("{name: Adjuster takes the details, department: claims, reliability: it-depends}",
                       "{name: Adjuster takes the details, department: claims, reliability: it-depends, next: []}")
    assert diff_of(v1, moved).replacements == ()
    # a written id says it is another touch-point
    other = diff_of(v1, v1.replace("{name: Claim is logged,", "{id: adjuster, name: Adjuster takes the details,"))
    assert other.replacements == () and other.regressions
    # ... even one its name would give: ids written in the file match by id alone (SPEC 3)
    written = v1.replace("{name: Claim is logged,", "{id: claim-is-logged, name: Claim is logged,")
    again = diff_of(written, written.replace("{id: claim-is-logged, name: Claim is logged,",
                                             "{id: adjuster-takes-the-details, name: Adjuster takes the details,"))
    assert again.replacements == () and again.risky_new


def test_a_renamed_unrated_touchpoint_keeps_its_warning_and_its_steps_and_is_no_regression():
    """Renaming the id of an unrated touch-point listed its W105 as a new warning (a regression:
    --fail-on regression failed the pull request) and as gone with its touch-point, and its steps
    as added and removed, beside "perhaps renamed" (audit W)."""
    from journeymap.changes.diffjson import diff_document

    v1 = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                    "{id: log, name: Claim logged, department: claims, reliability: unknown, next: [call-back]}\n"
                    "      - {id: call-back, name: Calls back, department: claims, reliability: unknown}")
    v2 = v1.replace("id: log,", "id: claim-logged,")
    d = diff_of(v1, v2)
    assert d.likely_renames == (("log", "claim-logged"),)
    assert not d.findings_new and not d.findings_resolved and not d.regressions
    assert d.steps_added == () and d.steps_removed == ()
    assert diff_document(d)["findings_gone"] == []
    # a warning the renamed touch-point did not have is still new
    worse = diff_of(v1, v2.replace("reliability: reliable}", "reliability: it-depends}", 1))
    assert [f.code for f in worse.findings_new] and all(f.code != "W105" for f in worse.findings_new)


@pytest.mark.parametrize("renamed", ["id: call,", "id: log,"], ids=["source", "target"])
def test_renaming_an_end_of_a_risky_handoff_lists_it_by_id_but_is_no_regression(renamed: str):
    """Renaming either end of a risky hand-off made it "1 risky hand-off added", a regression
    (review Y). SPEC 3 matches hand-offs by id, so it is still listed as added and removed."""
    v1 = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                    "{id: log, name: Claim logged, department: claims, reliability: it-depends, depends_on: [Q]}")
    v2 = v1.replace(renamed, renamed.replace(",", "-renamed,"))
    d = diff_of(v1, v2)
    assert len(d.likely_renames) == 1 and d.risky_added and d.handoffs_removed
    assert d.risky_new == () and not d.regressions and not d.findings_new
    # a hand-off that was not risky before, under either id, still is a regression
    worse = diff_of(V1, v2)
    assert worse.risky_new and worse.regressions


def test_a_rename_is_paired_with_the_closest_name_not_the_first_close_one():
    """Two removed touch-points near the added one's name: the first took it, and the unrated
    one's W105 came back as a new warning (review Y)."""
    v1 = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                    "{id: log-phone, name: Claim logged by phone, department: claims, reliability: reliable}\n"
                    "      - {id: log, name: Claim logged, department: claims, reliability: unknown}")
    v2 = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                    "{id: claim-logged, name: Claim logged, department: claims, reliability: unknown}")
    d = diff_of(v1, v2)
    assert d.likely_renames == (("log", "claim-logged"),)
    assert [f.code for f in d.findings_new] == [] and not d.regressions


def test_a_revisions_project_file_over_the_size_limit_is_refused_unread(tmp_path: Path, monkeypatch):
    """The project file of a revision is found with its size (git ls-tree -l) and, over 5 MB, refused
    as a journey over it is, not read into memory."""
    git = git_repository(tmp_path)
    (tmp_path / "maps" / "journeymap.yaml").write_text("project: 1\n# " + "x" * 5_000_001 + "\n")
    (tmp_path / "maps" / "claim.journey.yaml").write_text(V1)
    git("add", ".")
    git("commit", "-qm", "v1")
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", "HEAD:maps/claim.journey.yaml", "maps/claim.journey.yaml")
    assert result.exit_code == 2 and "maps/journeymap.yaml is 5.0 MB at revision HEAD" in result.stderr


def test_two_different_journeys_are_told_so():
    """home-claim against newsletter-subscriber listed every touch-point as removed and added,
    with nothing to say they are not one journey's versions (audit I)."""
    from conftest import MAPS

    maps = [str(MAPS / f"{name}.journey.yaml") for name in ("home-claim", "newsletter-subscriber")]
    text = run_cli("diff", *maps).output
    assert "two different journeys (home-claim and newsletter-subscriber)" in text.splitlines()[1]
    assert "two different journeys" in run_cli("diff", *maps, "--format", "markdown").output
    same = run_cli("diff", maps[0], maps[0]).output
    assert "different journeys" not in same


def test_resolved_findings_are_named_at_the_old_revision(repo: Path, monkeypatch):
    """findings.resolved carried the working tree's path with the old version's line numbers, so a
    CI script annotating them pointed at the wrong line (audit T); they are named REV:PATH, as
    the old version's errors are."""
    monkeypatch.chdir(repo)
    result = run_cli("diff", "HEAD~1:maps/claim.journey.yaml", "HEAD~2:maps/claim.journey.yaml", "--format", "json")
    resolved = json.loads(result.stdout)["findings"]["resolved"]
    assert resolved and all(f["path"] == "HEAD~1:maps/claim.journey.yaml" for f in resolved), resolved
    new = json.loads(run_cli("diff", "HEAD~2:maps/claim.journey.yaml", "maps/renamed.journey.yaml",
                             "--format", "json").stdout)["findings"]["new"]
    assert new and all(f["path"] == "maps/renamed.journey.yaml" for f in new), new
    # and the new findings of a NEW read at a revision by its revision (audit W)
    new = json.loads(run_cli("diff", "HEAD~2:maps/claim.journey.yaml", "HEAD~1:maps/claim.journey.yaml",
                             "--format", "json").stdout)["findings"]["new"]
    assert new and all(f["path"] == "HEAD~1:maps/claim.journey.yaml" for f in new), new


def test_markdown_sets_apart_right_to_left_names_and_the_terminal_shows_them_plain():
    """Two regressed ratings of Arabic names: between “…”, “…” the comma and quotes took the
    names' direction and a browser showed them swapped, quotes mismatched (review V). In Markdown
    each name is set apart (U+2068 … U+2069); the terminal report drops all bidi controls."""
    from journeymap.changes.report import diff_text
    from journeymap.changes.prcomment import diff_markdown

    old = V1.replace("name: Payment,", "name: يدفع,").replace("name: Closing letter,", "name: رسالة,")
    new = old.replace("{id: pay, name: يدفع, department: billing, reliability: reliable}",
                      "{id: pay, name: يدفع, department: billing, reliability: unreliable}") \
             .replace("{id: letter, name: رسالة, department: billing, reliability: reliable}",
                      "{id: letter, name: رسالة, department: billing, reliability: it-depends}")
    d = diff_of(old, new)
    assert d.regressed == ("pay", "letter")
    md = diff_markdown(d, "old.yaml", "new.yaml")
    assert "2 ratings regressed (“\u2068يدفع\u2069”, “\u2068رسالة\u2069”)" in md
    assert "\u2068يدفع\u2069 \\[pay\\]" in md
    text = diff_text(d, "old.yaml", "new.yaml")
    assert "(“يدفع”, “رسالة”)" in text and not re.search("[\u202a-\u202e\u2066-\u2069]", text)


def test_a_markdown_cell_keeps_only_the_isolates_that_open_and_close_in_it():
    from journeymap.exports.markdown import md_text

    assert md_text("\u2068يدفع\u2069 and \u202etxet\u202c") == "\u2068يدفع\u2069 and txet"
    assert md_text("\u2069a\u2068b\u2067c\u2066") == "abc"  # a pop before its isolate, one never closed


def test_the_verdict_counts_a_risky_handoffs_warning_with_it_and_says_the_rest_are_other_warnings():
    """"3 new warnings" sat over a list of four new findings: the risky hand-off's own W110 is
    counted with the hand-off (audit X)."""
    from journeymap.changes.report import verdict

    d = diff_of(V1, V1.replace("{id: letter, name: Closing letter, department: billing, reliability: reliable}",
                               "{id: letter, name: Closing letter, department: claims, reliability: it-depends}"))
    codes = sorted(f.code for f in d.findings_new)
    assert "W110" in codes and len(codes) >= 2, codes
    said = verdict(d)
    assert f"{len(codes) - 1} other new warning" in said and "risky hand-off added" in said, said


def test_the_map_draws_a_touch_point_that_looks_renamed_as_changed_not_added_and_removed():
    """The report said "perhaps renamed" and matched its hand-offs through the rename, while
    `diff --map` drew it ADDED beside a REMOVED ghost, its flows marked added (audit AF)."""
    from journeymap.changes.mapmarks import diff_marks

    renamed = V1.replace("{id: letter, name: Closing letter", "{name: Closing letter")
    d = diff_of(V1, renamed)
    assert d.likely_renames == (("letter", "closing-letter"),)
    marks = diff_marks(d)
    assert "closing-letter" in marks.changed and not marks.added and not marks.ghosts
    assert not marks.added_flows and not marks.removed_flows and not marks.removed_handoffs
    assert dict(marks.what)["closing-letter"] == "perhaps renamed from Closing letter [letter]"


def test_a_list_that_reads_alike_joined_shows_its_items_quoted():
    """`pain_points: [Weekly batch, so some wait]` (two items) quoted into one item read
    "Weekly batch, so some wait -> Weekly batch, so some wait" (audit AG)."""
    from journeymap.changes.report import diff_text

    def with_pains(pains: str) -> str:
        return V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                          "{id: pay, name: Payment, department: billing, reliability: reliable, pain_points: " + pains + "}")
    text = diff_text(diff_of(with_pains("[Weekly batch, so some wait]"), with_pains("['Weekly batch, so some wait']")),
                     "a", "b")
    assert ("pain_points \u201cWeekly batch\u201d, \u201cso some wait\u201d -> \u201cWeekly batch, so some wait\u201d"
            in text), text
    # lists that read apart joined are shown as before
    text = diff_text(diff_of(with_pains("[Slow]"), with_pains("[Slow, Late]")), "a", "b")
    assert "pain_points Slow -> Slow, Late" in text, text


def test_a_list_whose_items_only_moved_is_told_reordered():
    """A reviewer read "pain_points Slow, Late -> Late, Slow" as an edit to find (audit DA)."""
    from journeymap.changes.briefrows import _change
    from journeymap.changes.report import diff_text

    def with_pains(pains: str) -> str:
        return V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                          "{id: pay, name: Payment, department: billing, reliability: reliable, pain_points: " + pains + "}")
    d = diff_of(with_pains("[Slow, Late]"), with_pains("[Late, Slow]"))
    assert "pain_points reordered Slow, Late -> Late, Slow" in diff_text(d, "a", "b")
    assert _change(d, d.changed[0]).startswith("Pain points reordered: ")
    d = diff_of(with_pains("[Slow, Late]"), with_pains("[Late, Slower]"))  # an edit is not a reorder
    assert "pain_points Slow, Late -> Late, Slower" in diff_text(d, "a", "b")
    # reordered and respaced at once is still told as reordered (it showed no tag: review DD)
    d = diff_of(with_pains("['Too  slow', Late]"), with_pains("[Late, 'Too slow']"))
    assert "pain_points reordered Too  slow, Late -> Late, Too slow" in diff_text(d, "a", "b")


def test_a_persona_whose_expectations_only_moved_is_told_so_not_shown_whole_twice():
    """Reordered expectations printed the whole persona before and after, as "persona" changed
    (audit DA)."""
    from journeymap.changes.report import diff_text

    def with_persona(expects: str) -> str:
        return V1.replace("owner: CCO\n", "owner: CCO\npersona: {name: Dana, goal: Dry kitchen, expectations: " + expects + "}\n")
    d = diff_of(with_persona("[One contact, A timeline]"), with_persona("[A timeline, One contact]"))
    text = diff_text(d, "a", "b")
    assert "persona expectations reordered One contact; A timeline -> A timeline; One contact" in text, text
    assert "Dry kitchen" not in text
    d = diff_of(with_persona("[One contact, A timeline]"), with_persona("[A timeline, Two contacts]"))
    assert "persona Dana, goal: Dry kitchen, expects: One contact; A timeline -> " in diff_text(d, "a", "b")
    # reordered and respaced at once (review DH)
    d = diff_of(with_persona("[One contact, A timeline]"),
                with_persona("['A  timeline', One contact]").replace("goal: Dry kitchen", "goal: 'Dry  kitchen'"))
    assert "persona expectations reordered One contact; A timeline -> A  timeline; One contact" in diff_text(d, "a", "b")


def test_a_text_changed_in_its_spacing_only_says_so():
    """Trailing spaces in a folded summary showed two texts that read the same (audit DA)."""
    from journeymap.changes.briefrows import _change
    from journeymap.changes.report import diff_text

    d = diff_of(V1.replace("{id: pay, name: Payment,", "{id: pay, name: 'Pay  ment',"),
                V1.replace("{id: pay, name: Payment,", "{id: pay, name: 'Pay ment',"))
    assert "name changed in its spacing only, not in a word" in diff_text(d, "a", "b")
    assert _change(d, d.changed[0]) == "Name: only its spacing changed, no word"
    # in a list's item too, and in the Markdown table (review DB)
    from journeymap.changes.prcomment import diff_markdown

    def with_pains(pains: str) -> str:
        return V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                          "{id: pay, name: Payment, department: billing, reliability: reliable, pain_points: " + pains + "}")
    d = diff_of(with_pains("['Fails when  slow']"), with_pains("['Fails when slow']"))
    assert "pain_points changed in its spacing only" in diff_text(d, "a", "b")
    assert "| pain\\_points (spacing only) | Fails when slow | the same words, spaced differently |" in diff_markdown(d, "a", "b")
    d = diff_of(with_pains("[Slow, Late]"), with_pains("[Late, Slow]"))
    assert "| pain\\_points (reordered) | Slow, Late | Late, Slow |" in diff_markdown(d, "a", "b")


def test_diff_of_the_project_file_is_told_it_is_not_a_journey(tmp_path: Path, monkeypatch):
    """It was E003 "unknown field 'project' in this journey" and E004s (audit AH), where render and
    brief say what the file is."""
    monkeypatch.chdir(tmp_path)
    Path("journeymap.yaml").write_text("project: 1\ndepartments:\n  - {id: web, name: Web}\n")
    Path("v.journey.yaml").write_text(V1)
    result = run_cli("diff", "journeymap.yaml", "v.journey.yaml")
    assert result.exit_code == 2 and "journeymap.yaml is the project file" in result.stderr
    assert "E003" not in result.stderr


def test_a_version_saved_decomposed_is_no_change():
    """The same file saved in Unicode NFD (a Vietnamese keyboard, some macOS tools) listed some 40
    changes "X -> X" (audit BA)."""
    import unicodedata

    text = V1.replace("Claim logged", "Hồ sơ được ghi nhận").replace("{name: Billing,", "{id: billing, name: Thanh toán,")
    assert diff_of(text, unicodedata.normalize("NFD", text)).empty


def test_findings_in_the_text_and_markdown_reports_are_at_their_places(tmp_path: Path):
    """A pull request's comment said "W110 risky-handoff: …" with no line to go to, where the JSON
    had it (audit CD): each finding begins with its version's name, line and column, as `check`
    says it; --fail-on says the line of a new warning too."""
    old, new = tmp_path / "old.journey.yaml", tmp_path / "new.journey.yaml"
    old.write_text(V1)
    new.write_text(V1.replace("Closing letter, department: billing, reliability: reliable",
                              "Closing letter, department: claims, reliability: it-depends"))
    for fmt in ("text", "markdown"):
        said = run_cli("diff", str(old), str(new), "--format", fmt).stdout
        assert re.search(r"new\.journey\.yaml:21:9: W110 risky-handoff: ", said), said
    gate = run_cli("diff", str(old), str(new), "--fail-on", "regression")
    assert gate.exit_code == 1 and re.search(r"new warning W112 at line 21, column 9: ", gate.stderr), gate.stderr


def test_the_json_says_why_it_is_a_regression_or_not():
    """SPEC's lists count by id: a touch-point renamed (a new id from its name) and rated worse is
    in none of them, yet a regression; a warning an ignore: no longer silences is in findings.new,
    yet none (audit CD). `regressions` says why, as --fail-on does."""
    from journeymap.changes.diffjson import diff_document

    renamed = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                         "{name: Claim logged at once, department: claims, reliability: unreliable}")
    doc = diff_document(diff_of(V1.replace("{id: log, name: Claim logged", "{name: Claim logged"), renamed))
    assert doc["regression"] and doc["regressions"] and not doc["reliability"]["regressed"]
    assert any("claim-logged-at-once" in why for why in doc["regressions"]), doc["regressions"]
    quiet = V1.replace("reliability: reliable}\n  - name: Settle", "reliability: it-depends,\n"
                       "         depends_on: [x], ignore: [W110]}\n  - name: Settle")
    doc = diff_document(diff_of(quiet, quiet.replace(", ignore: [W110]", "")))
    assert [f["code"] for f in doc["findings"]["new"]] == ["W110"]
    assert doc["regression"] is False and doc["regressions"] == []


def test_a_hand_off_whose_step_stays_in_one_department_is_not_told_removed():
    """Moving a touch-point into the department before it listed their flow under "Hand-offs
    removed", as if the customer's path had lost a step (audit CD): it is a hand-off now within
    one department, and the verdict counts it so."""
    from journeymap.changes.report import sections, verdict

    d = diff_of(V1, V1.replace("{id: log, name: Claim logged, department: claims",
                               "{id: log, name: Claim logged, department: contact-centre"))
    told = dict(sections(d))
    assert "Hand-offs removed" not in told, told
    assert told["Hand-offs now within one department (the step stays)"] == ["Calls hotline [call] -> Claim logged [log]"]
    assert "1 hand-off now within one department" in verdict(d)


def test_a_word_changed_in_a_long_text_is_shown_with_the_words_around_it():
    """One word changed in a long summary printed the whole paragraph twice (audit CD)."""
    from journeymap.changes.report import sections, verdict

    long = "Dana buys cover, " + "reports a leak and waits for the assessor, " * 8 + "and is paid."
    old = V1.replace("title: Claim\n", f"title: Claim\nsummary: {long}\n")
    d = diff_of(old, old.replace("Dana buys cover", "Dana buys home cover"))
    (line,) = dict(sections(d))["Journey, stages and departments changed"]
    assert line == ("the journey: summary Dana buys cover, reports a leak and waits \u2026 -> "
                    "Dana buys home cover, reports a leak and waits \u2026"), line
    assert verdict(d) == "No regression: summary changed."


def test_stages_put_in_another_order_are_named_in_the_verdict():
    """A stage reorder was "1 other detail changed" (audit CD)."""
    from journeymap.changes.report import verdict

    report, settle = V1.index("  - name: Report"), V1.index("  - name: Settle")
    swapped = V1[:report] + V1[settle:] + V1[report:settle]
    assert "stage order changed" in verdict(diff_of(V1, swapped))


def test_what_a_rating_depends_on_listed_in_another_order_is_no_change():
    """Reordering `depends_on` was told as a change, while reordering `next` branches was not (audit CD)."""
    old = V1.replace("{id: log, name: Claim logged, department: claims, reliability: reliable}",
                     "{id: log, name: Claim logged, department: claims, reliability: it-depends,"
                     " depends_on: [queue length, which agent answers]}")
    assert diff_of(old, old.replace("[queue length, which agent answers]", "[which agent answers, queue length]")).empty
    assert not diff_of(old, old.replace("[queue length, which agent answers]", "[queue length]")).empty


def test_a_warning_that_got_worse_is_told():
    """A stage's W111 went from 4 hand-offs to 5 and the diff said nothing: the same warning, by
    code and element (audit CD). It is listed as changed, old words beside the new, not as a
    regression, and the JSON has it."""
    from journeymap.changes.diffjson import diff_document
    from journeymap.changes.report import sections, verdict

    busy = V1.replace("{id: letter, name: Closing letter, department: billing, reliability: reliable}",
                      "{id: letter, name: Closing letter, department: claims, reliability: reliable}\n"
                      "      - {id: call2, name: Calls back, department: contact-centre, reliability: reliable}\n"
                      "      - {id: note, name: Note, department: claims, reliability: reliable}")
    busier = busy.replace("      - {id: note, name: Note, department: claims, reliability: reliable}",
                          "      - {id: note, name: Note, department: claims, reliability: reliable}\n"
                          "      - {id: refund, name: Refund, department: billing, reliability: reliable}")
    d = diff_of(busy, busier)
    assert [(a.code, b.code) for a, b in d.findings_reworded] == [("W111", "W111")]
    (line,) = dict(sections(d))["Warnings that changed (the same check on the same element)"]
    assert "holds 5 hand-offs" in line and "(was: stage 'Settle' holds 4 hand-offs between departments (more \u2026)" in line, line
    assert "1 warning changed" in verdict(d) and not d.regressions
    changed = diff_document(d)["findings_changed"]
    assert [(c["old"]["code"], "holds 5" in c["new"]["message"]) for c in changed] == [("W111", True)]


def test_a_warning_whose_line_moved_is_no_change():
    """W113 names the line of the step that stops the path ("'Claim logged' (line 13)"): a line
    added above it listed the warning as changed, "2 warnings changed" in the PR comment's verdict
    (audit DR). A line number is where, not how bad."""
    from journeymap.changes.report import verdict

    stopped = V1.replace("department: claims, reliability: reliable}", "department: claims, reliability: reliable,"
                         " next: []}")
    d = diff_of(stopped, "# a comment\n# and another\n" + stopped)
    assert any(f.code == "W113" and "(line" in f.message for f in analysed(stopped)[1])
    assert d.findings_reworded == () and d.empty and "warning" not in verdict(d)


def test_a_change_that_moves_no_headline_number_shows_no_headline():
    """A stage renamed printed a Before/After table of five equal rows in the PR comment, and a
    "Headline:" line of them in the text (audit DR); a change of a number still shows them all."""
    from journeymap.changes.prcomment import diff_markdown
    from journeymap.changes.report import diff_text

    renamed = diff_of(V1, V1.replace("name: Settle", "name: Settle & close"))
    assert not renamed.empty
    assert "Headline" not in diff_text(renamed, "a", "b") and "| Before | After |" not in diff_markdown(renamed, "a", "b")
    lowered = diff_of(V1, V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                                     "{id: pay, name: Payment, department: billing, reliability: unreliable}"))
    assert "Headline: Touch-points 4 -> 4;" in diff_text(lowered, "a", "b")
    assert "| Touch-points | 4 | 4 |" in diff_markdown(lowered, "a", "b")


def test_a_commit_is_dated_in_the_zone_the_briefing_is_dated_in(tmp_path: Path, monkeypatch):
    """A commit at 00:10 +01:00 on 4 December was "What changed since 4 December 2026" in a briefing
    dated 3 December (in UTC, from SOURCE_DATE_EPOCH): the commit's date is told in the briefing's
    zone, so the heading says "since 23:10 on 3 December 2026" and the note's time agrees (review CL)."""
    import journeymap
    from journeymap.cli.versions import since_context

    def git(*args: str, when: str = "") -> None:
        env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when, GIT_AUTHOR_NAME="a",
                   GIT_AUTHOR_EMAIL="a@b", GIT_COMMITTER_NAME="a", GIT_COMMITTER_EMAIL="a@b")
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "j.journey.yaml").write_text(V1)
    git("add", ".")
    git("commit", "-qm", "first", when="2026-12-04T00:10:00+01:00")
    (tmp_path / "j.journey.yaml").write_text(V1.replace("title: Claim", "title: Claim, again"))
    git("commit", "-qam", "second", when="2026-12-04T00:40:00+01:00")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 12, 3, 23, 55, tzinfo=dt.timezone.utc).timestamp())))
    found = since_context("HEAD~1", "j.journey.yaml", journeymap.load("j.journey.yaml"))
    assert found["revision"] == "23:10 on 3 December 2026" and (found["commit"] or "").endswith(" of 3 December 2026, 23:10"), found


def test_a_persona_changed_in_its_spacing_only_says_so():
    """No-break spaces put inside « au réel » showed the persona twice, the same to the eye (audit DG)."""
    from journeymap.changes.report import diff_text

    def with_persona(expects: str) -> str:
        return V1.replace("owner: CCO\n", "owner: CCO\npersona: {name: Dana, goal: Dry, expectations: [" + expects + "]}\n")
    d = diff_of(with_persona("'Des factures « au réel »'"), with_persona("'Des factures «\u00a0au réel\u00a0»'"))
    assert "the journey: persona changed in its spacing only, not in a word" in diff_text(d, "a", "b")


def test_the_report_takes_the_output_files_suffix_as_its_format(tmp_path: Path) -> None:
    """`-o changes.md` wrote the terminal's text into a Markdown file for a pull request (audit
    DM): the suffix chooses the format, as it does for render and export; --format still wins."""
    from conftest import MAPS

    old, new = MAPS / "home-claim.journey.yaml", FIXTURES / "valid" / "home-claim-follow-up.journey.yaml"
    for name, starts in (("changes.md", "\u26a0\ufe0f **"), ("changes.json", "{"), ("changes.txt", f"{old} -> ")):
        result = run_cli("diff", str(old), str(new), "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(starts), name
    json.loads((tmp_path / "changes.json").read_text(encoding="utf-8"))
    forced = run_cli("diff", str(old), str(new), "--format", "text", "-o", str(tmp_path / "forced.md"))
    assert forced.exit_code == 0 and (tmp_path / "forced.md").read_text(encoding="utf-8").startswith(f"{old} -> ")


def test_a_revision_without_a_path_is_told_how_to_write_one(tmp_path: Path) -> None:
    """`diff HEAD~1: new.yaml` said "cannot read HEAD~1:: No such file or directory" (audit DM)."""
    result = run_cli("diff", "HEAD~1:", str(FIXTURES / "valid" / "small.journey.yaml"))
    assert result.exit_code == 2
    assert "HEAD~1: names a revision but no file; write REV:PATH" in result.output and "::" not in result.output


def test_a_missing_file_is_told_as_the_other_commands_tell_it(tmp_path: Path) -> None:
    """`diff` said "cannot read x: No such file or directory", with no look-alike; the other commands
    say "does not exist; did you mean …?" (audit DY)."""
    real = tmp_path / "home-claim.journey.yaml"
    real.write_text((FIXTURES / "valid" / "small.journey.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_cli("diff", str(tmp_path / "home-clam.journey.yaml"), str(real))
    assert result.exit_code == 2
    assert f"{tmp_path / 'home-clam.journey.yaml'} does not exist; did you mean {real}?" in result.output


def test_the_gates_message_counts_the_regressions_it_does_not_name(tmp_path: Path) -> None:
    """`4 regressions …: a; b; c; …` left the reader to count the rest (audit DM)."""
    points = "".join(f"      - {{id: t{n}, name: Step {n}, department: cc, reliability: RATING}}\n" for n in range(5))
    text = "journeymap: 1\ntitle: T\ndepartments: [{id: cc, name: C}]\nstages:\n  - name: S\n    touchpoints:\n" + points
    (tmp_path / "old.journey.yaml").write_text(text.replace("RATING", "reliable"), encoding="utf-8")
    (tmp_path / "new.journey.yaml").write_text(text.replace("RATING", "unreliable"), encoding="utf-8")
    gate = run_cli("diff", str(tmp_path / "old.journey.yaml"), str(tmp_path / "new.journey.yaml"),
                   "--fail-on", "regression")
    assert gate.exit_code == 1
    assert gate.stderr.rstrip().endswith("; and 2 more (see the report)"), gate.stderr


def test_diff_says_where_yaml_cut_a_value_of_the_new_version_short(tmp_path: Path):
    """`name: Gets the refund #2` reads "Gets the refund": the diff said "No change for the
    customer." with no word of it, where `check` notes it (audit DR)."""
    old = tmp_path / "old.journey.yaml"
    old.write_text(V1, encoding="utf-8")
    new = tmp_path / "new.journey.yaml"
    new.write_text(V1.replace("name: Settle", "name: Settle #2"), encoding="utf-8")
    result = run_cli("diff", str(old), str(new))
    assert result.exit_code == 0 and "No change for the customer." in result.stdout
    assert f"note: {new}:" in result.stderr and "YAML reads '#2' as a comment" in result.stderr, result.stderr
    # and in the PR comment, whose reader sees no CI log (review DT)
    result = run_cli("diff", str(old), str(new), "--format", "markdown")
    assert f"> Note: `{new}:16:11`: this value reads 'Settle': YAML reads '\\#2' as a comment" in result.stdout
    # five in full, then how many more: 300 made a comment past GitHub's 65,536 characters (review DV)
    many = "".join(f"x-note-{n}: kept #{n}\n" for n in range(40))
    new.write_text(V1.replace("Settle", "Settle #2") + many, encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "--format", "markdown")
    assert result.stdout.count("> Note: `") == 5, result.stdout
    assert f"> Note: and 36 more values YAML reads shorter than they are written; `journeymap check {new}`" in result.stdout


def test_diff_takes_md_for_markdown_as_export_does(tmp_path: Path):
    """`export --format md` worked and `diff --format md` was a usage error (audit EK)."""
    old, new = tmp_path / "old.journey.yaml", tmp_path / "new.journey.yaml"
    old.write_text(V1)
    new.write_text(V2_MAP)
    markdown = run_cli("diff", str(old), str(new), "--format", "markdown")
    for name in ("md", "MD"):
        short = run_cli("diff", str(old), str(new), "--format", name)
        assert (short.exit_code, short.stdout) == (markdown.exit_code, markdown.stdout)
    assert "| Touch-points |" in markdown.stdout or "Touch-points" in markdown.stdout


def test_the_verdict_counts_the_new_warning_of_a_risky_hand_off_in_place_of_one_removed():
    """A step taken out before a risky hand-off gives the hand-off a new W110; it is not a
    regression (one risky hand-off in place of another), but "No regression" sat over a "New
    findings" list whose W110 the verdict never counted (audit EK)."""
    risky = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                       "{id: pay, name: Payment, department: billing, reliability: unreliable}")
    old = risky.replace("      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n",
                        "      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n"
                        "      - {id: check, name: Claim checked, department: claims, reliability: reliable}\n")
    from journeymap.changes.report import verdict

    d = diff_of(old, risky)
    assert not d.regressions and [f.code for f in d.warnings_moved] == ["W110"]
    assert "1 new warning of a risky hand-off in place of one removed" in verdict(d)
    assert verdict(d).startswith("No regression: ")


def test_a_new_risky_hand_offs_warning_is_not_counted_as_moved_with_a_renamed_one_into_the_same_step():
    """A renamed end excuses its risky hand-off, and the new one into the same touch-point's W110
    was counted twice: as new, and as moved (review EN)."""
    from journeymap.changes.report import verdict

    risky = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                       "{id: pay, name: Payment, department: billing, reliability: unreliable}")
    new = (risky.replace("{id: log, name: Claim logged,", "{id: logged, name: Claim logged,")
           .replace("metric: FCR, expectation: One call}", "metric: FCR, expectation: One call, next: [logged, pay]}"))
    d = diff_of(risky, new)
    assert [f"{a} -> {b}" for a, b in d.risky_new] == ["call -> pay"] and d.warnings_moved == []
    assert "in place of one removed" not in verdict(d)


def test_the_warning_moved_to_a_risky_hand_off_is_no_part_of_the_regressions_count():
    """"5 things got worse: ...; and 1 new warning ... in place of one removed" listed six things
    for five (audit FI): the moved warning is a sentence of its own."""
    from journeymap.changes.report import verdict

    risky = V1.replace("{id: pay, name: Payment, department: billing, reliability: reliable}",
                       "{id: pay, name: Payment, department: billing, reliability: unreliable}")
    old = risky.replace("      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n",
                        "      - {id: log, name: Claim logged, department: claims, reliability: reliable}\n"
                        "      - {id: check, name: Claim checked, department: claims, reliability: reliable}\n")
    worse = risky.replace("{id: letter, name: Closing letter, department: billing, reliability: reliable}",
                          "{id: letter, name: Closing letter, department: billing, reliability: it-depends,"
                          " depends_on: [the post]}")
    d = diff_of(old, worse)
    assert d.regressions and [f.code for f in d.warnings_moved] == ["W110"]
    said = verdict(d)
    assert said.startswith("Regression: ") and said.endswith(
        ". Also 1 new warning of a risky hand-off in place of one removed."), said
    assert "; and 1 new warning" not in said
