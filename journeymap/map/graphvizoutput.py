"""Whether what ``dot`` printed is a whole document of its format: ``dot`` can exit 1 after
printing half an SVG, and a broken ``dot`` can exit 0 after printing nothing, half a document or
bytes that are not UTF-8 (:func:`journeymap.map.graphviz.run_dot` uses none of that)."""

from __future__ import annotations

from xml.parsers import expat

_PNG_END = b"IEND\xaeB`\x82"


def _whole_svg(output: bytes) -> bool:
    """True when ``output`` is well-formed XML whose root element is ``svg``."""
    roots: list[str] = []
    parser = expat.ParserCreate()

    def first(name: str, _attrs: object) -> None:
        roots.append(name)
        parser.StartElementHandler = None  # the rest is only checked (a call per element was half the time)

    parser.StartElementHandler = first
    try:
        parser.Parse(output, True)
    except expat.ExpatError:
        return False
    return bool(roots) and roots[0].rsplit(":", 1)[-1] == "svg"


def incomplete(fmt: str, output: bytes) -> str:
    """Why ``output`` is not a whole document of ``fmt`` ("" when it looks whole)."""
    kind = fmt.split(":", 1)[0]
    if not output.strip():
        return "printed nothing"
    if kind in ("svg", "plain", "dot", "json", "xdot"):
        try:
            text = output.decode("utf-8")
        except UnicodeDecodeError:
            return "printed bytes that are not UTF-8"
        if kind == "svg" and not _whole_svg(output):
            return "printed an incomplete SVG"
        if kind == "plain" and not text.rstrip().endswith("stop"):
            return "printed an incomplete layout"
    elif kind == "png" and not (output.startswith(b"\x89PNG\r\n\x1a\n") and output.rstrip().endswith(_PNG_END)):
        return "printed an incomplete PNG"
    elif kind == "pdf" and not (output.startswith(b"%PDF-") and b"%%EOF" in output[-1024:]):
        return "printed an incomplete PDF"
    return ""
