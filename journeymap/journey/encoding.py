"""A journey file's bytes as text: UTF-8 only, and no character YAML forbids.

Each problem is one E001 finding placed at its line and column in characters, as every other
finding is (a byte offset would send an editor past the spot on a line with accents or emoji).
"""

from __future__ import annotations

import re

from journeymap.findings import Finding

_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class TextProblem(Exception):
    """The file cannot be read as text; ``finding`` says where and why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


#: Byte-order marks of UTF-16 and UTF-32 (UTF-32-LE's begins as UTF-16-LE's does).
_WIDE_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
#: How much of a file is looked at to tell UTF-16 or UTF-32 without a mark.
_WINDOW = 256


def wide(data: bytes) -> bool:
    """Whether ``data`` looks like UTF-16 or UTF-32 text: a byte-order mark, or zero bytes that are
    a quarter of its start or more and read, two or four bytes a character, as text with no NUL.
    A file merely starting with a NUL is not: it is told of the control character at its place (it
    was told it was UTF-16: audit AI); a UTF-16 file beginning with Cyrillic or Arabic still is
    (looking at the first 8 bytes alone, it was not: audit AK).

    >>> wide("a: 1".encode("utf-16-le")), wide("a: 1".encode("utf-32-be")), wide(b"\\x00a: 1")
    (True, True, False)
    >>> wide("# Путь клиента\\njourneymap: 1\\n".encode("utf-16-be")), wide("a".encode("utf-16-le"))
    (True, True)
    """
    if data.startswith(_WIDE_MARKS):
        return True
    head = data[:_WINDOW]
    if not head or head.count(0) * 4 < len(head):
        return False
    for codec, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        text = head[:len(head) - len(head) % unit].decode(codec, errors="replace")
        if text and "\x00" not in text:
            return True
    return False


def decode(data: bytes, path: str) -> str:
    """``data`` as text (a UTF-8 BOM dropped); TextProblem for UTF-16/32 or bytes that are not UTF-8."""
    if wide(data):
        raise TextProblem(Finding("E001", "the file is UTF-16 or UTF-32, not UTF-8; save it as UTF-8", path, 1, 1))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = bytes(exc.object)  # without a BOM: the error's offsets count from there
        line = text.count(b"\n", 0, exc.start) + 1
        before = text[text.rfind(b"\n", 0, exc.start) + 1:exc.start]  # valid UTF-8, up to the bad byte
        column = len(before.decode("utf-8")) + 1
        raise TextProblem(Finding("E001", f"the file is not valid UTF-8 (byte 0x{text[exc.start]:02x}"
                                  f"{_as_windows(text, exc.start)}); save it as UTF-8", path, line, column)) from None


def _as_windows(text: bytes, at: int) -> str:
    r"""What the byte at ``at`` would be in Windows-1252, the "ANSI" that Excel and Notepad save in,
    where it stands alone among plain ASCII (a Windows-1252 letter in an English text): a file
    saved so was told only "byte 0xeb" (audit CW). Said as a guess: Cyrillic, Chinese or a binary
    file, whose high bytes come in runs, is not guessed at (review CZ).

    >>> _as_windows("name: Zoë\n".encode("cp1252"), 8)
    ", which is 'ë' if the file was saved as Windows-1252 ('ANSI', as Excel and Notepad save)"
    >>> _as_windows("name: Заявка\n".encode("cp1251"), 6)
    ''
    """
    before, after = text[at - 1:at], text[at + 1:at + 2]
    if any(byte >= 0x80 for byte in before + after):
        return ""
    start = text.rfind(b"\n", 0, at) + 1
    if any(byte >= 0x80 for byte in text[start:at]):
        return ""  # UTF-8 earlier in the line: a file of both, not a Windows one
    try:
        char = text[at:at + 1].decode("cp1252")
    except UnicodeDecodeError:
        return ""
    if not char.isalpha():
        return ""
    return f", which is {char!r} if the file was saved as Windows-1252 ('ANSI', as Excel and Notepad save)"


def check_characters(text: str, path: str) -> None:
    """TextProblem at the first control character YAML does not allow (NUL, ESC, ...)."""
    match = _NON_PRINTABLE.search(text)
    if match:
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        raise TextProblem(Finding("E001", f"the control character U+{ord(match.group()):04X} is not "
                                  "allowed in YAML; remove it", path, line, column))
