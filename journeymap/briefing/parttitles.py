"""The title of each printed part of the map: "The journey map, part 2 of 7 (lanes 1–3 of 7):
Assessment to Repair", in full for its bookmark and fitted to two lines for its heading (SPEC 4.2,
item 3: every map page's heading begins with "The journey map")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Optional, Sequence

from journeymap.briefing.tileplan import Tile
from journeymap.journey.textsafe import isolated
from journeymap.map.text import balanced, shorten, wrap
from journeymap.map.textwidth import text_width


@dataclass(frozen=True)
class Title:
    """A part's title in its pieces: ``head`` ("The journey map, part 2 of 7"), the ``names`` of its
    first and last stages (one when it shows one), and whether the first began on an earlier part."""

    head: str
    names: tuple[str, ...]
    continued: bool = False

    def text(self, limits: Optional[Sequence[int]] = None) -> str:
        """The title, each name shortened to its limit in ``limits`` (none: whole)."""
        names = [isolated(n) for n in self.names] if limits is None else \
            [isolated(shorten(n, k)) for n, k in zip(self.names, limits)]
        if self.continued:
            names[0] += " (continued)"
        return f"{self.head}: {' to '.join(names)}"

    def fitted(self, width: float, size: float) -> list[str]:
        """The title as its page's heading shows it, in at most two lines of ``width`` points at
        ``size`` (bold). Where two lines are too few, the stage names are shortened, the longer
        first, each as little as it can be, so that the heading still says where the part ends
        ("…digital onbo…" lost "to Identity verification": audit L) and that its first stage is
        continued. The bookmark keeps the whole title.

        >>> title = Title("The journey map, part 1 of 2", ("Apply for the account online", "Identity checks"))
        >>> title.fitted(600, 12)
        ['The journey map, part 1 of 2: Apply for the account online to Identity checks']
        >>> title.fitted(350, 12)  # the names on a line of their own where they fit one
        ['The journey map, part 1 of 2:', 'Apply for the account online to Identity checks']
        >>> title.fitted(300, 12)
        ['The journey map, part 1 of 2: Apply for', 'the account online to Identity checks']
        >>> title.fitted(150, 12)  # where even two lines cannot hold it: one, cut at its end
        ['The journey map, part 1 of 2: Apply… to Identit…']
        """
        room = width * TITLE_SLACK  # WeasyPrint's breaks and our widths differ a little
        lengths = [len(n) for n in self.names]
        # "The journey map, part 3 of 7:" is never broken (no-break spaces while lines are made)
        head = self.head.replace(" ", "\u00a0")

        def unbroken(limits: list[int]) -> str:
            return head + self.text(limits)[len(head):]

        while len(lines := wrap(unbroken(lengths), room, size, bold=True)) > 2 and max(lengths) > 8:
            lengths[lengths.index(max(lengths))] -= 1
        if len(lines) != 2:
            # One line; or more than two with every name down to 8 characters: one line all the
            # same, which the heading's CSS ends with an ellipsis where it is still too long.
            return [self.text(lengths)]
        names = self.text(lengths)[len(self.head) + 2:]
        if text_width(names, size, bold=True) <= room:  # the stages' names on a line of their own
            return [f"{self.head}:", names]
        return [line.replace("\u00a0", " ") for line in balanced(unbroken(lengths), room, size, bold=True)]


#: The share of a heading's width its lines are wrapped to.
TITLE_SLACK = 0.97


def part_title(tile: Tile, total: int, stages: Mapping[str, str], order: list[str], split: bool,
               continued: bool = False) -> Title:
    """The title of part ``tile`` of ``total``: its number, its lanes where the parts split them
    (``order``: every lane, top to bottom), its first and last stages' names, and whether its first
    stage is ``continued`` from an earlier part."""
    names = [stages.get(s, s) for s in tile.stages]
    # one part: the map whole, after an overview that holds the legend it had no room for ("part 1 of 1": audit CK)
    part = f"The journey map, part {tile.number} of {total}" if total > 1 else "The journey map, in full"
    if split and tile.lanes and len(tile.lanes) < len(order):  # "(lanes 1-12 of 12)" said nothing
        # Before the stages' names: a long name is cut at the heading's end, and the lanes went with it.
        first, last = order.index(tile.lanes[0]) + 1, order.index(tile.lanes[-1]) + 1
        which = f"lane {first}" if first == last else f"lanes {first}\u2013{last}"
        part += f" ({which} of {len(order)})"
    # the first stage began on an earlier part (a stage wider than a page)
    return Title(part, tuple(names[:1] + names[-1:] if len(names) > 1 else names), continued)
