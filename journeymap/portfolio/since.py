"""What changed across a portfolio since a git revision (``portfolio --since REV``): for a
quarterly review, which journeys were added or retired, which got better or worse for the
customer, and which departments receive more risky hand-offs than then (audit DC: ``diff`` told
it journey by journey only)."""

from __future__ import annotations

import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Sequence

from msgspec.structs import replace

from journeymap.changes.compare import compare
from journeymap.changes.gitread import TreeAt, yaml_files_at
from journeymap.changes.report import verdict
from journeymap.journey.reader import MAX_BYTES
from journeymap.pipeline import Checked, discover
from journeymap.portfolio.rollup import Portfolio, journey_id
from journeymap.portfolio.sincerecords import COMPARED, DepartmentMove, JourneyMove, Since
from journeymap.report import reading_order


def portfolio_then(rev: str, paths: Sequence[str]) -> tuple[list[Checked], Portfolio]:
    """The journeys under ``paths`` as they were at ``rev``, checked, and their portfolio. Copied
    out of git into a folder of their own, laid out as in the repository, so that the project
    files of that version apply as they did then. Raises
    :class:`~journeymap.changes.gitread.GitError`."""
    from journeymap.portfolio.collect import check_all, portfolio_project
    from journeymap.portfolio.rollup import build_portfolio

    with tempfile.TemporaryDirectory(prefix="journeymap-since-") as folder:
        top = Path(folder)
        starts: list[tuple[str, str]] = []
        for path in paths:
            tree = yaml_files_at(rev, path)
            _write(top, tree)
            start = top.joinpath(*tree.relative.split("/")) if tree.relative != "." else top
            if start.exists():  # a folder or file added since has no past
                starts.append((str(start), path))
        found = discover([start for start, _ in starts]) if starts else []
        checked = check_all(found)
        rolled = build_portfolio(checked, portfolio_project([start for start, _ in starts], found))
        # each by the path it has in the working tree: two files of one id and one name in two
        # folders were one journey, the other's regression untold (review DH)
        return [replace(c, path=_as_now(c.path, starts)) for c in checked], rolled


def _write(top: Path, tree: TreeAt) -> None:
    """The files of ``tree`` under ``top``: a file past the limit as its head and a hole of its size
    (checked as the file is now, E009, without reading it), a link as a link (a scan follows it
    where it stays in the folder, and counts a file reached two ways once, as in a checkout)."""
    def place(name: str) -> Path:
        target = top.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    for name, data in tree.files.items():
        place(name).write_bytes(data)
    for name, (head, size) in tree.large.items():
        with place(name).open("wb") as out:
            out.write(head)
            out.truncate(max(size, MAX_BYTES + 1))
    for name, leads_to in tree.links.items():
        target = place(name)
        if not target.is_symlink():  # two paths given that overlap write the same link twice (review EB)
            os.symlink(leads_to, target)


def _as_now(path: str, starts: list[tuple[str, str]]) -> str:
    """A copied file's path as the working tree names it, from the path the user gave."""
    for start, given in starts:
        if path == start:
            return given
        if path.startswith(start + os.sep):
            return os.path.join(given, os.path.relpath(path, start))
    return path


def since(label: str, then: Sequence[Checked], now: Sequence[Checked], old: Portfolio, new: Portfolio,
          revision: str = "", commit: str | None = None) -> Since:
    """Compare the portfolio ``new`` of the journeys ``now`` with ``old`` of ``then`` (``label``,
    ``revision`` and ``commit``: the revision as headed, as given and its commit's id)."""
    shared = _shared(then) | _shared(now)  # in either version: one key for a file in both (review DF)
    before, after = _by_key(then, shared), _by_key(now, shared)
    for was, key in _same_file(before, after):
        if after[key].journey is None and before[was].journey is not None:
            after[was] = after.pop(key)  # by the id it has where it can be read
        else:
            before[key] = before.pop(was)
    for was, key in _renamed(before, after):
        before[key] = before.pop(was)
    moved, unreadable, unchanged = [], [], 0
    for key in (k for k in after if k in before):
        a, b = before[key], after[key]
        if a.analysis is None or b.analysis is None or not (a.ok and b.ok):
            which = "both" if not (a.ok or b.ok) else "then" if not a.ok or a.analysis is None else "now"
            unreadable.append((key, _title(b if b.journey is not None else a), which))
            continue
        d = compare(a.analysis, b.analysis, a.findings, b.findings)
        if d.empty:
            unchanged += 1
            continue
        risky = (a.analysis.headline.risky_handoffs, b.analysis.headline.risky_handoffs)
        moved.append(JourneyMove(key, _title(b), len(d.regressions), len(d.improved) + len(d.risky_removed),
                                 risky, verdict(d)))
    moved.sort(key=lambda m: (-m.regressions, -(m.risky[1] - m.risky[0]), reading_order(m.title)))
    compared = _like_for_like(then, now, old, new, [(before[k], after[k]) for k, _, _ in unreadable])
    return Since(label, _headline(compared[0], compared[1]),
                 tuple((k, _title(c)) for k, c in after.items() if k not in before),
                 tuple((k, _title(c)) for k, c in before.items() if k not in after),
                 tuple(moved), unchanged, _departments(*compared), tuple(unreadable), revision, commit)


def _like_for_like(then: Sequence[Checked], now: Sequence[Checked], old: Portfolio, new: Portfolio,
                   uncompared: Sequence[tuple[Checked, Checked]]) -> tuple[Portfolio, Portfolio, Keys, Keys]:
    """The portfolios then and now without the journeys of ``uncompared`` (in both versions, with
    errors in one or both), and the keys their departments have in ``old`` and ``new``: a journey
    with errors is left out of its version's numbers, so its other version is left out of the
    other's. A typo that broke a journey read as the company getting better, 48 risky hand-offs
    fewer, and its fix as it getting worse (audit FN). The organisation, bounds and W115 of the
    portfolios remade are not read here."""
    from journeymap.portfolio.rollup import build_portfolio

    left_then = {id(a) for a, b in uncompared if a.ok and not b.ok}
    left_now = {id(b) for a, b in uncompared if b.ok and not a.ok}
    then_p = build_portfolio([c for c in then if id(c) not in left_then]) if left_then else old
    now_p = build_portfolio([c for c in now if id(c) not in left_now]) if left_now else new
    return then_p, now_p, _keys(then_p, new, old), _keys(now_p, new)


#: A department's key in a portfolio remade without some journeys, to its key in the whole one.
Keys = dict[str, str]


def _keys(part: Portfolio, *wholes: Portfolio) -> Keys:
    """The keys of ``part``'s departments as the first of ``wholes`` that has each keys it: a
    department's key (``ops@b``) is given in the order its journeys come, so a journey left out,
    or one added since, may change it (review FO: the JSON's ``since`` named by ``ops`` another
    department than its ``departments`` did)."""
    keys: dict[tuple[str, str, bool], str] = {}
    for whole in reversed(wholes):
        keys.update({(c.id, c.name, c.registry): c.key for c in whole.departments})
    return {c.key: keys.get((c.id, c.name, c.registry), c.key) for c in part.departments}


def _shared(checked: Sequence[Checked]) -> set[str]:
    """The journey ids two files of ``checked`` share."""
    return {ident for ident, n in Counter(map(journey_id, checked)).items() if n > 1}


def _by_key(checked: Sequence[Checked], shared: set[str]) -> dict[str, Checked]:
    """Journeys by id; where two files share one (in either version), each by its id and path."""
    keyed = ((journey_id(c), c) for c in checked)
    return {(ident if ident not in shared else f"{ident} ({c.path})"): c for ident, c in keyed}


def _same_file(before: dict[str, Checked], after: dict[str, Checked]) -> list[tuple[str, str]]:
    """``(old key, new key)`` of one file whose id reads otherwise in the two versions: with
    errors, a journey's id is the one its file declares or its file name gives, and a typo that
    cost a journey its ``id:`` read as one journey retired and another added, its numbers counted
    then and not now (review FO)."""
    gone = {os.path.normpath(c.path): k for k, c in before.items() if k not in after}
    return [(gone[path], key) for key, c in after.items()
            if key not in before and (path := os.path.normpath(c.path)) in gone]


def _renamed(before: dict[str, Checked], after: dict[str, Checked]) -> list[tuple[str, str]]:
    """``(old key, new key)`` of a journey whose file was renamed and that declares no ``id:`` (its
    id made from its file name changed with it): one retired and one added of the same title (the
    one its file declares, where it has errors: review FO), the only ones of it. ``git mv`` of such
    a file read as a journey retired and another added (review DF)."""
    gone = {k: c for k, c in before.items() if k not in after}
    came = {k: c for k, c in after.items() if k not in before}
    pairs = []
    for key, c in came.items():
        same = [k for k, o in gone.items() if _title(o) == _title(c)]
        twins = [k for k, o in came.items() if _title(o) == _title(c)]
        if len(same) == 1 and len(twins) == 1 and not (_declares_id(c) and _declares_id(gone[same[0]])):
            pairs.append((same[0], key))
    return pairs


def _declares_id(c: Checked) -> bool:
    """Whether the journey's file gives it an ``id:`` (read as text, where it has errors)."""
    return c.journey.id_pos is not None if c.journey is not None else c.declared[0] is not None


def _title(c: Checked) -> str:
    return c.journey.title if c.journey is not None else c.declared[1] or os.path.basename(c.path)


def _headline(old: Portfolio, new: Portfolio) -> tuple[tuple[str, str, float, float], ...]:
    """Each compared headline number then and now; the share rated reliable exactly, from its
    counts (rounded to 4 decimals, its percent and change were off by one past 10,000 touch-points:
    review ER)."""
    def number(p: Portfolio, key: str) -> float:
        h = p.headline
        if key == "reliable_share":
            return h["reliable"] / h["touchpoints"] if h["touchpoints"] else 0.0
        return h[key]
    return tuple((key, words, number(old, key), number(new, key)) for key, words in COMPARED)


def _departments(old: Portfolio, new: Portfolio, old_keys: Keys, new_keys: Keys) -> tuple[DepartmentMove, ...]:
    """Departments whose risky hand-offs received changed, most more first; by their key (in the
    whole portfolios: ``old_keys``, ``new_keys``), so a registry department is the same one in both."""
    was = {old_keys[c.key]: c.risky_in for c in old.departments}
    names = {old_keys[c.key]: c.name for c in old.departments}
    now = {new_keys[c.key]: c.risky_in for c in new.departments}
    names.update({new_keys[c.key]: c.name for c in new.departments})
    moves = [DepartmentMove(k, names[k], (was.get(k, 0), now.get(k, 0))) for k in names
             if was.get(k, 0) != now.get(k, 0)]
    return tuple(sorted(moves, key=lambda m: (-(m.risky_in[1] - m.risky_in[0]), reading_order(m.name))))
