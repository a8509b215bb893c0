"""A long text that changed, shown around what changed: two versions of a summary or a goal."""

from __future__ import annotations

from difflib import SequenceMatcher


#: Two values longer than this together are shown around what changed (:func:`excerpts`).
LONG_TEXT = 160


def excerpts(old: str, new: str, context: int = 6) -> tuple[str, str]:
    """Two versions of a long text, each cut to what changed and ``context`` words either side: a
    word changed in a summary of 2,000 characters printed it whole twice (audit CD).

    >>> excerpts("one two three four five six seven eight nine ten", "one two three 4 five six seven eight nine ten", 2)
    ('… two three four five six …', '… two three 4 five six …')
    >>> excerpts("a b c", "a b c d", 1)
    ('… c', '… c d')
    """
    a, b = old.split(), new.split()
    changed = [op for op in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not changed:  # spacing alone
        return old, new
    start, end = max(0, changed[0][1] - context), changed[-1][2] + context
    start_b, end_b = max(0, changed[0][3] - context), changed[-1][4] + context

    def cut(words: list[str], lo: int, hi: int) -> str:
        return ("\u2026 " if lo else "") + " ".join(words[lo:hi]) + (" \u2026" if hi < len(words) else "")

    return cut(a, start, end), cut(b, start_b, end_b)
