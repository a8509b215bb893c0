"""The hostile-input corpus: every case, its bytes and its expected outcome.

``python tests/hostile_corpus.py`` writes the small cases into ``tests/fixtures/hostile/`` (they
are committed so they can be read and reused); the large ones (over the size limits) are made
on the fly by the tests with :func:`large_cases`, so the repository stays small.

An expected outcome is either a set of E-codes (the file is refused with those findings) or
``VALID`` (the journey is valid; its hostile text must come out literally in every output).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable

VALID = "valid"
HERE = Path(__file__).resolve().parent / "fixtures" / "hostile"

BASE = """journeymap: 1
title: {title}
summary: {summary}
owner: {text}
persona:
  name: {text}
  goal: {text}
  expectations: [{text}]
departments:
  - id: sales
    name: {text}
    lead: {text}
    layer: frontstage
  - id: billing
    name: Billing
    lead: Bo
    layer: backstage
stages:
  - id: buy
    name: {text}
    owner: {text}
    goal: {text}
    metrics: [{text}]
    feedback: [{text}]
    touchpoints:
      - id: visit
        name: {text}
        department: sales
        channel: {text}
        reliability: it-depends
        depends_on: [{text}]
        moment_of_truth: true
        expectation: {text}
        metric: {text}
        pain_points: [{text}]
        opportunities: [{text}]
        notes: {text}
        next: [{{to: pay, label: {text}}}]
      - id: pay
        name: Pays
        department: billing
        reliability: reliable
"""


def journey_with(text: str, title: str | None = None, summary: str | None = None) -> bytes:
    """A valid journey with ``text`` (a YAML scalar, quoted as needed) in every text field."""
    return BASE.format(text=text, title=title or text, summary=summary or text).encode("utf-8")


def q(value: str) -> str:
    """A YAML double-quoted scalar for any text."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    escaped = "".join(f"\\x{ord(c):02x}" if ord(c) < 32 else c for c in escaped)
    return f'"{escaped}"'


ALIAS_BOMB = "\n".join(
    ["journeymap: 1", "title: Bomb", 'x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"x-{c}: &{c} [{', '.join(['*' + p] * 9)}]" for p, c in zip("abcdefgh", "bcdefghi")]
    + ["departments: [{name: A}]", "stages: [{name: B}]"]) + "\n"

#: name -> (bytes, expected outcome)
CASES: dict[str, tuple[bytes, object]] = {
    "tag-python-object.yaml": (b"journeymap: 1\ntitle: !!python/object/apply:os.system [echo hi]\n", {"E001", "E004"}),  # refused, read as text; the rest of the file is checked too
    "tag-python-name.yaml": (b"journeymap: 1\ntitle: !!python/name:os.system ''\n", {"E001", "E004"}),  # refused, read as text; the rest of the file is checked too
    "tag-top-level.yaml": (b"!!python/object:__main__.Evil {}\n", {"E001"}),
    "tag-custom.yaml": (b"journeymap: 1\ntitle: !include /etc/passwd\n", {"E001", "E004"}),  # refused, read as text; the rest of the file is checked too
    "alias-bomb.yaml": (ALIAS_BOMB.encode(), {"E009"}),
    "alias-bomb-in-extension.yaml": (ALIAS_BOMB.replace("x-a:", "x-payload:\n  x-a:").replace(
        "\nx-", "\n  x-").replace("  x-payload", "x-payload").encode(), {"E009"}),
    "alias-recursive.yaml": (b"journeymap: 1\ntitle: &t [*t]\n", {"E001"}),
    "nesting-50000.yaml": (b"journeymap: 1\ntitle: " + b"[" * 50_000 + b"\n", {"E009"}),
    "nesting-mappings.yaml": (b"journeymap: 1\nx-deep:\n" + b"".join(
        b"  " * i + b"k:\n" for i in range(1, 80)) + b"  " * 80 + b"v\n", {"E009"}),
    "duplicate-keys.yaml": (b"journeymap: 1\ntitle: A\ntitle: B\ndepartments: [{name: A}]\nstages: [{name: B}]\n",
                            {"E002"}),
    "yaml11-no.yaml": (journey_with("no"), {"E005"}),
    "yaml11-on.yaml": (journey_with("on"), {"E005"}),
    "yaml11-sexagesimal.yaml": (journey_with("1:30"), {"E005"}),
    "yaml11-float.yaml": (journey_with("1.10"), {"E005"}),
    "yaml11-date.yaml": (journey_with("2026-01-01"), {"E005"}),
    "invalid-utf8.yaml": (b"journeymap: 1\ntitle: caf\xe9\n", {"E001"}),
    "utf16.yaml": ("journeymap: 1\ntitle: Café\n".encode("utf-16"), {"E001"}),
    "utf16-no-bom.yaml": ("journeymap: 1\n".encode("utf-16-le"), {"E001"}),
    "nul-byte.yaml": (b"journeymap: 1\ntitle: a\x00b\n", {"E001"}),
    "control-char.yaml": (b"journeymap: 1\ntitle: a\x07b\n", {"E001"}),
    "escaped-control-char.yaml": (journey_with(q("bell\x07 and escape\x1b[31m red")), VALID),
    "bidi-override.yaml": (journey_with(q("Refund \u202eredro\u202c now")), VALID),
    "zero-width-and-emoji.yaml": (journey_with(q("Pay\u200b now 💳 👍🏽 e\u0301")), VALID),
    "line-separators.yaml": (journey_with(q("Dept A \u2029B and C \u2028D")), VALID),  # the PDF engine stopped on them
    "empty.yaml": (b"", {"E004"}),
    "only-comment.yaml": (b"# nothing here\n", {"E004"}),
    "several-documents.yaml": (b"journeymap: 1\ntitle: A\n---\njourneymap: 1\n", {"E001"}),
    "top-level-list.yaml": (b"- journeymap: 1\n- title: A\n", {"E005"}),
    "top-level-scalar.yaml": (b"journeymap\n", {"E005"}),
    "dot-injection.yaml": (journey_with(q('x"]; evil [label="pwned" image="/etc/passwd"]; //')), VALID),
    "dot-html-label.yaml": (journey_with(q('<x> image="/etc/passwd"')), VALID),
    "dot-braces-record.yaml": (journey_with(q("{a|b} <port> | {c}")), VALID),
    "dot-backslashes.yaml": (journey_with(q("C:\\Users\\\\ \\N \\G \\l \\")), VALID),
    "dot-quotes-newlines.yaml": (journey_with(q("line one\nline \"two\"\n'three'")), VALID),
    "html-script.yaml": (journey_with(q("<script>alert(1)</script>")), VALID),
    "html-markup-title.yaml": (journey_with("Plain", title=q("<h1 onmouseover=alert(1)>Big</h1>")), VALID),
    "html-img-file.yaml": (journey_with(q('<img src="file:///etc/passwd">')), VALID),
    "html-link-attachment.yaml": (journey_with(q('<link rel="attachment" href="file:///etc/passwd">')), VALID),
    "url-http.yaml": (journey_with(q("http://127.0.0.1:9/canary see url(http://127.0.0.1:9/x.css)")), VALID),
    "url-file.yaml": (journey_with(q("file:///etc/passwd")), VALID),
    "svg-cdata.yaml": (journey_with(q("]]><svg onload=alert(1)><![CDATA[")), VALID),
    "jinja-expression.yaml": (journey_with(q("{{ 7*7 }} {% raw %} {# c #}")), VALID),
    "jinja-attack.yaml": (journey_with(q("{{ ''.__class__.__mro__[1].__subclasses__() }}")), VALID),
    "mermaid-breakers.yaml": (journey_with(q("a: b # c ; d %% e")), VALID),
    "field-too-long.yaml": (journey_with("x" * 201), {"E005"}),
    "notes-too-long.yaml": (journey_with("ok").replace(b"notes: ok", b"notes: " + b"y" * 2001), {"E005"}),
    "long-word.yaml": (journey_with("Supercalifragilistic" * 10), VALID),
    "wrong-version.yaml": (b"journeymap: 99\ntitle: Future\n", {"E008"}),
    "float-version.yaml": (b"journeymap: 1.0\ntitle: Not quite\n", {"E008"}),  # SPEC 1: the integer 1
}


def _many(kind: str, count: int) -> bytes:
    lines = ["journeymap: 1", "title: Many", "departments:"]
    if kind == "departments":
        lines += [f"  - name: D{i}" for i in range(count)]
        lines += ["stages:", "  - name: S"]
    elif kind == "stages":
        lines += ["  - name: D", "stages:"] + [f"  - name: S{i}" for i in range(count)]
    else:
        lines += ["  - name: D", "stages:", "  - name: S", "    touchpoints:"]
        lines += [f"      - {{name: T{i}, department: d}}" for i in range(count)]
    return ("\n".join(lines) + "\n").encode()


LARGE: dict[str, tuple[Callable[[], bytes], object]] = {
    "file-over-5mb.yaml": (lambda: b"journeymap: 1\n" + b"x-pad: " + b"a" * (5 * 1024 * 1024) + b"\n", {"E009"}),
    "touchpoints-2001.yaml": (lambda: _many("touchpoints", 2001), {"E009"}),
    "departments-201.yaml": (lambda: _many("departments", 201), {"E009"}),
    "stages-201.yaml": (lambda: _many("stages", 201), {"E009"}),
    "nodes-over-100000.yaml": (lambda: b"journeymap: 1\nx-list: [" + b"1," * 100_001 + b"]\n", {"E009"}),
}


def large_cases() -> dict[str, tuple[bytes, object]]:
    """The cases too large to commit, made now."""
    return {name: (make(), expected) for name, (make, expected) in LARGE.items()}


def write_corpus(folder: Path = HERE) -> int:
    """Write the small cases into ``folder``; return how many."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in CASES.items():
        (folder / name).write_bytes(data)
    return len(CASES)


if __name__ == "__main__":
    print(f"wrote {write_corpus()} files into {HERE}; {len(LARGE)} more are made by the tests")
    sys.exit(0)
