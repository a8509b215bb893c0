"""``export --format markdown``: a summary fit for a pull-request comment."""

from __future__ import annotations

import re
from typing import Iterable, Optional, Sequence

from journeymap.analysis.analyse import Analysis
from journeymap.analysis.checks import accepted_handoffs
from journeymap.findings import Finding, sort_findings
from journeymap.journey.slug import is_slug
from journeymap.journey.textsafe import FOLDABLE_SPACE, named, printable, quotes_isolated
from journeymap.journey.model import LAYER_WORDS
from journeymap.map.theme import RATINGS
from journeymap.report import share_of

#: A rating as Markdown shows it: the map's and the briefing's symbol, the file's word (⚠ stood
#: for "it depends" here and for a risky hand-off in the briefing: audit K).
ICONS = {key: f"{rating.icon} {rating.word}" for key, rating in RATINGS.items()}  # the map's words


_ENTITY = re.compile(r"&(?=(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)")


def md_text(text: object) -> str:
    """Text safe inside a Markdown table cell: no markup, pipes and newlines neutralised,
    control characters shown as control pictures, bidirectional controls removed except the
    isolates around right-to-left names (:func:`~journeymap.journey.textsafe.isolated`).

    >>> md_text("a|b <b>*x*</b>")
    'a\\\\|b &lt;b&gt;\\\\*x\\\\*&lt;/b&gt;'
    >>> md_text("Billing & payments &lt;not a tag&gt;")
    'Billing & payments &amp;lt;not a tag&amp;gt;'
    >>> md_text("{{ site.title }} {% raw %}")
    '&#123;{ site.title }} &#123;% raw %}'
    >>> md_text("{{{ site.title }}} {{% raw %}")
    '&#123;&#123;{ site.title }}} &#123;&#123;% raw %}'
    >>> md_text(" Alerte\u202f!  ok ")
    'Alerte\u202f! ok'
    """
    value = "—" if text is None or text == "" else printable(str(text), keep_lines=True, isolates=True)
    # An & starts no markup unless an entity follows ("&lt;" would show "<"): "Billing & payments"
    # stays as written, not "Billing &amp; payments" in the file.
    # the no-break spaces kept as written (audit DG)
    plain = _AT.sub("@&#8203;", " ".join(FOLDABLE_SPACE.split(_ENTITY.sub("&amp;", value).translate(_MD_CHARS).strip())))
    return _LIQUID.sub("&#123;", plain)


#: Liquid's openers, which GitHub Pages (Jekyll) runs before the Markdown: "{{ site.title }}" in a
#: name was filled in, and an unclosed "{% raw %}" broke the site's build (audit CT). The brace as
#: an entity shows as itself and opens nothing.
_LIQUID = re.compile(r"\{(?=[{%])")  # each brace before one: "{{{" and "{{%" opened one too (review CV)


#: An ``@`` that GitHub reads as a mention (``@team``, ``@org/team``), not one inside a word or an
#: address. A zero-width space after it, written as an entity, breaks the mention and shows nothing:
#: a report posted as a pull request's comment notified the team a touch-point's name named.
_AT = re.compile(r"(?<![A-Za-z0-9_.])@(?=[A-Za-z0-9])")
#: A code span, whose text GitHub shows as it is and never reads as a mention; a backtick escaped
#: by :func:`md_text` (``\```) starts none (review BM: one let "`@org/team`" in a name through).
_CODE_OR_AT = re.compile(r"(?<!\\)(`+)(.*?)(?<!\\)\1|" + _AT.pattern, re.S)


def unmentioned(markdown: str) -> str:
    """Markdown with every ``@name`` outside code spans broken (see :data:`_AT`): for what is
    posted where GitHub notifies, over text :func:`md_text` has already made safe.

    >>> unmentioned("Ask @billing, not `@billing` or me@example.com")
    'Ask @&#8203;billing, not `@billing` or me@example.com'
    """
    return _CODE_OR_AT.sub(lambda m: m.group(0) if m.group(1) else "@&#8203;", markdown)


#: What :func:`md_text` writes for the characters Markdown reads as markup; one pass over the
#: text (nine ``replace`` calls were half the time of a 2,000-touch-point diff's Markdown).
_MD_CHARS = str.maketrans({"<": "&lt;", ">": "&gt;", **{char: "\\" + char for char in "\\`*_[]|#~"}})


_NUMBERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def md_paragraphs(text: str) -> list[str]:
    r"""Free text as Markdown paragraphs: its blank lines kept as paragraph breaks, everything else
    escaped (:func:`md_text`), and a paragraph that would start a list or a rule (``- ``, ``+ ``,
    ``1986. ``, ``---``) made to read as the text it is.

    >>> md_paragraphs("- not a list\n\n1986. A year\n\n---")
    ['\\- not a list', '1986\\. A year', '\\---']
    """
    paragraphs = []
    for part in re.split(r"\n\s*\n", text.strip()):
        line = md_text(part)
        if line[:1] in ("-", "+"):
            line = "\\" + line
        else:
            line = _NUMBERED.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", line, count=1)
        paragraphs.append(line)
    return paragraphs


#: The code spans journeymap's own messages hold: an id or key, and perhaps a plain value, a list
#: of codes or a mapping of numbers (`drying-costs`, `owner:`, `id: call-hotline`, `next: []`, `ignore: [W113]`,
#: `moments_of_truth: {min: 3, max: 20}`). No pipe, backtick or markup can be among them. Only the
#: keys were kept, and the rest showed with their backticks beside them (audit DR).
_OWN_CODE = re.compile(r"`([A-Za-z0-9_][A-Za-z0-9_.\-]*(?::(?: [A-Za-z0-9_.\-]+| \[[A-Z0-9, ]*\]"
                       r"| \{[a-z0-9_:, ]+\})?)?)`")


def md_message(text: str) -> str:
    """A message for Markdown: :func:`md_text`, but the code spans journeymap writes in its own
    advice kept as code spans (they showed as "add \\`owner:\\` with", backticks and all: audit AD).

    >>> md_message("has no owner: add `owner:` with the *executive*")
    'has no owner: add `owner:` with the \\\\*executive\\\\*'
    >>> md_message("'A`b' has a `next:` list without `drying-costs`: add `ignore: [W113]`")
    "'A\\\\`b' has a `next:` list without `drying-costs`: add `ignore: [W113]`"
    """
    parts = _OWN_CODE.split(text)
    out = []
    for n, part in enumerate(parts):
        if n % 2:
            out.append(md_code(part) if _ours(part) else md_text(f"`{part}`"))
        elif part.strip():
            out.append((" " if part[:1].isspace() else "") + md_text(part) + (" " if part[-1:].isspace() else ""))
        elif part:
            out.append(" ")
    return "".join(out)


def _ours(code: str) -> bool:
    """Whether a code span of a message is journeymap's: a key and its value, a key, or an id
    (:func:`~journeymap.journey.slug.is_slug`; `pay` was left escaped beside `pay-up` kept: review DT).
    Words a name puts in backticks (`Big Deal`) are the name's; one shaped as an id is shown as
    code, which is no harm: nothing in a code span is read as markup."""
    return ":" in code or is_slug(code)


def md_code(text: object) -> str:
    """``text`` as a Markdown code span, shown as written: no escape works inside one, so the fence
    is one backtick longer than the longest run of them in the text (CommonMark 6.1).

    >>> md_code("HEAD~2:maps/bike_service.journey.yaml"), md_code("a`b")
    ('`HEAD~2:maps/bike_service.journey.yaml`', '``a`b``')
    """
    value = " ".join(printable(str(text)).split())
    fence = "`" * (max((len(run) for run in re.findall("`+", value)), default=0) + 1)
    pad = " " if value[:1] == "`" or value[-1:] == "`" else ""
    return f"{fence}{pad}{value}{pad}{fence}"


class Message(str):
    """A table cell that holds one of journeymap's messages (:func:`md_message`)."""


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """A Markdown table (cells escaped)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md_message(c) if isinstance(c, Message) else md_text(c) for c in row) + " |"
              for row in rows]
    return lines


def _headline(a: Analysis) -> list[str]:
    h = a.headline
    return table(["Touch-points", "Departments", "Stages", "Hand-offs", "Risky hand-offs",
                  "Rated reliable", "Moments of truth"],
                 [[h.touchpoints, h.departments, h.stages, h.handoffs, h.risky_handoffs,
                   share_of(h.reliable, h.touchpoints), h.moments_of_truth]])


def _handoffs(a: Analysis, accepted: set[tuple[str, str]]) -> list[str]:
    j = a.journey
    tp, dept = j.touchpoint_by_id, j.department_by_id
    rows = [[tp[f.source].name, dept[tp[f.source].department].name, tp[f.target].name,
             dept[tp[f.target].department].name, j.stage_by_id[tp[f.target].stage].name,
             ICONS[tp[f.target].reliability] + _risk(f.risky, (f.source, f.target) in accepted)]
            for f in a.handoffs]
    if not rows:
        return ["No hand-offs between departments."]
    return table(["From", "From department", "To", "To department", "Stage", "Receiving reliability"], rows)


def _risk(risky: bool, accepted: bool) -> str:
    """A hand-off's risk as its row says it: one the journey's ``ignore:`` accepts for W110 is told
    apart, as the briefing tells it (audit BZ)."""
    return (" (risky, accepted)" if accepted else " (risky)") if risky else ""


def _moments(a: Analysis) -> list[str]:
    rows = [[m.touchpoint.name, m.stage.name, m.department.name, _person(m.lead, m.department.layer == "external"),
             ICONS[m.touchpoint.reliability], m.touchpoint.metric, m.touchpoint.expectation]
            for m in a.moments_of_truth]
    if not rows:
        return ["No moments of truth marked."]
    return table(["Moment of truth", "Stage", "Department", "Lead", "Reliability", "Metric",
                  "Expectation"], rows)


def _persona(a: Analysis) -> list[str]:
    """Who the journey is about: the persona's name, goal and expectations, as the cover says them."""
    persona = a.journey.persona
    if persona is None or not (persona.name or persona.goal or persona.expectations):
        return []
    lines = [f"- **Persona:** {md_text(persona.name)}"] if persona.name else []
    if persona.goal:
        lines.append(f"- **Goal:** {md_text(persona.goal)}")
    if persona.expectations:
        lines.append("- **Expects:** " + md_text(listed(persona.expectations)))
    return lines + [""]


def _accountable(a: Analysis) -> list[str]:
    """Who is accountable: each stage's owner and each department's lead, with what they own (a wiki
    reader learned who owns a stage from the briefing only: audit DA). A stage's departments are
    :func:`listed` as other lists are: joined with commas, "Sales, North" was two (audit DM)."""
    j = a.journey
    stages = [[s.name, _person(s.owner), len(s.touchpoints),
               listed(list(dict.fromkeys(j.department_by_id[t.department].name for t in s.touchpoints))) or None]
              for s in j.stages]
    owned: dict[str, int] = {}
    for t in j.touchpoints:
        owned[t.department] = owned.get(t.department, 0) + 1
    departments = [[d.name, _person(d.lead, d.layer == "external"), LAYER_WORDS.get(d.layer or "", None),
                    owned.get(d.id, 0)] for d in j.departments]
    return [*table(["Stage", "Owner", "Touch-points", "Departments"], stages), "",
            *table(["Department", "Lead (or contact)", "Layer", "Touch-points"], departments)]


def _person(person: Optional[str], outside: bool = False) -> str:
    """A stage's owner or a department's lead as a cell: "none named" for none or a stand-in
    ("TBD"), as W101-W103 tell it; for a department outside the company, that it is (audit CM)."""
    return named(person) or ("outside the company; no contact named" if outside else "none named")


def listed(items: Sequence[str]) -> str:
    """Items joined with "; ", each quoted where one holds a ";" itself (review DB: "a; b" read
    as two items where it was one).

    >>> listed(["Parts in stock", "A van free"]), listed(["Parts; tools", "A van"])
    ('Parts in stock; A van free', '“Parts; tools”; “A van”')
    """
    if any(";" in item for item in items):
        return "; ".join(f"\u201c{item}\u201d" for item in items)
    return "; ".join(items)


def _shaky(a: Analysis) -> list[str]:
    """The touch-points not rated reliable, in the journey's order, with what each depends on."""
    j = a.journey
    rows = [[t.name, j.stage_by_id[t.stage].name, j.department_by_id[t.department].name, ICONS[t.reliability],
             listed(t.depends_on) or None] for t in j.touchpoints if t.reliability != "reliable"]
    if not rows:
        return ["Every touch-point is rated reliable." if j.touchpoints else "No touch-points yet."]
    return table(["Touch-point", "Stage", "Department", "Reliability", "Depends on"], rows)


def _findings(findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return ["No findings: every check passed."]
    # the names a message quotes set apart, as the diff's report does: a right-to-left touch-point
    # name after a right-to-left department's swapped places with it on the page
    return table(["Code", "Check", "Line", "Message"],
                 [[f.code, f.name, f.line, Message(quotes_isolated(f.message))] for f in sort_findings(findings)])


def export_markdown(a: Analysis, findings: Sequence[Finding]) -> str:
    """The Markdown summary: title, persona, headline numbers, who is accountable, hand-offs,
    moments of truth, the touch-points not rated reliable, findings."""
    j = a.journey
    parts = [f"# {md_text(j.title)}", ""]
    if j.summary:
        for paragraph in md_paragraphs(j.summary):
            parts += [paragraph, ""]
    if j.owner:
        parts += [f"Owner: {md_text(_person(j.owner))}", ""]
    parts += _persona(a)
    parts += ["## Headline", "", *_headline(a), ""]
    parts += ["## Who is accountable", "", *_accountable(a), ""]
    accepted = accepted_handoffs(a)
    counts = f"{len(a.handoffs)}, {len(a.risky_handoffs)} risky" + (f", {len(accepted)} accepted" if accepted else "")
    parts += [f"## Hand-offs ({counts})", "", *_handoffs(a, accepted), ""]
    parts += [f"## Moments of truth ({len(a.moments_of_truth)})", "", *_moments(a), ""]
    shaky = sum(1 for t in j.touchpoints if t.reliability != "reliable")
    parts += [f"## Not yet reliable ({shaky})", "", *_shaky(a), ""]
    parts += [f"## Findings ({len(findings)})", "", *_findings(findings)]
    return "\n".join(parts) + "\n"
