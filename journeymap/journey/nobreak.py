"""Where a line must not break in a journey's text as we print it: between a number and its
currency or percent sign ("87,40 €", "€ 87", "12 %"), and before French punctuation ("suite ?").
A briefing set "87,40" at the end of a line and "€" alone at the start of the next (audit DK).
The journey keeps its text as written; only the map's labels and our pages print the space as a
no-break space (U+00A0).
"""

from __future__ import annotations

import re

#: Currency signs (Unicode's Sc category, but for the ones no text would set apart by a space) and
#: the percent signs.
CURRENCY = "$\u00a2\u00a3\u00a4\u00a5\u058f\u060b\u09f2\u09f3\u0e3f\u17db\u20a0-\u20c0\ufdfc\ufe69\uff04\uffe0\uffe1\uffe5\uffe6"
PERCENT = "%\u2030\u2031"
_AFTER_NUMBER = re.compile(f"(?<=\\d) +(?=[{CURRENCY}{PERCENT}])")
_BEFORE_NUMBER = re.compile(f"(?<=[{CURRENCY}]) +(?=\\d)")
#: A space a French writer types before "?", "!", ":", ";" and "»", and after "«", where the
#: typesetter's no-break space belongs: the mark went to the start of a line of its own ("? suite",
#: a line of "»" alone: audit FQ). Only before a mark that ends a word, not "a :b".
_BEFORE_MARK = re.compile(r"(?<=\S) +(?=[?!:;»]+(?:[\s.,)\]]|$))")
_AFTER_GUILLEMET = re.compile(r"(?<=«) +(?=\S)")
_ANY = re.compile(f"[{CURRENCY}{PERCENT}]| [?!:;»]|« ")


def glue_units(text: str) -> str:
    """``text`` with the spaces between a number and its currency or percent sign as one no-break
    space; any other text as it is (the same object).

    >>> glue_units("un cargo de 87,40 € que no reconoce")
    'un cargo de 87,40\\xa0€ que no reconoce'
    >>> glue_units("costs € 12 or $ 3, up 5 %")
    'costs €\\xa012 or $\\xa03, up 5\\xa0%'
    >>> glue_units("5 moments of truth, 100% sure")
    '5 moments of truth, 100% sure'
    >>> glue_units("« Votre dossier est complet ? » : suite")
    '«\xa0Votre dossier est complet\xa0?\xa0»\xa0: suite'
    >>> glue_units("a :b and Why ?")
    'a :b and Why\xa0?'
    """
    if not _ANY.search(text):  # nearly every text: one quick look, nothing made
        return text
    text = _BEFORE_MARK.sub("\u00a0", _AFTER_GUILLEMET.sub("\u00a0", text))
    return _BEFORE_NUMBER.sub("\u00a0", _AFTER_NUMBER.sub("\u00a0", text))
