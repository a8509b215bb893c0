"""The HTML of a briefing made from a team's templates, cleaned with a real HTML parser.

The document is parsed as a browser would (tinyhtml5, the HTML5 parser WeasyPrint uses), so
unquoted attributes, odd case, stray quotes and entities cannot hide a reference from us. The
tree is then written out again from allow-lists: known elements and attributes only, every
reference resolved by one ``resolve`` function (to a ``data:`` URI, a ``#fragment``, or
dropped), CSS cleaned by :mod:`journeymap.briefing.cssclean`, comments dropped. Elements that
load or run things (``script``, ``iframe``, ``object``, ``embed``, media, forms, ``base``,
``meta http-equiv``, SVG ``feImage``, animation) go with their content; unknown elements are
unwrapped (their text stays). The only scripts kept are those shipped in our own templates,
character for character.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import escape
from typing import Callable, Iterator, Optional

import tinyhtml5

from journeymap.briefing.cssclean import clean_declarations, clean_stylesheet

Resolve = Callable[[str], Optional[str]]

HTML_NS = "{http://www.w3.org/1999/xhtml}"
SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK = "{http://www.w3.org/1999/xlink}"
_XML = "{http://www.w3.org/XML/1998/namespace}"

HTML_ELEMENTS = frozenset("""
html head body title meta style main header footer nav section article aside h1 h2 h3 h4 h5 h6 hgroup
p div span a ul ol li dl dt dd table thead tbody tfoot tr th td caption colgroup col figure figcaption
img strong em b i u s small sub sup br hr wbr blockquote q cite code pre kbd samp var abbr time mark
del ins details summary button address svg""".split())
SVG_ELEMENTS = frozenset("""
svg g defs symbol use title desc path rect circle ellipse line polyline polygon text tspan textPath
marker linearGradient radialGradient stop pattern clipPath mask filter style image a switch
feBlend feColorMatrix feComponentTransfer feComposite feFlood feGaussianBlur feMerge feMergeNode
feMorphology feOffset feDropShadow feFuncA feFuncB feFuncG feFuncR""".split())
#: Removed with everything inside them.
DROP = frozenset("""
script noscript template iframe frame frameset object embed applet param base link audio video
source track canvas portal math form input select textarea option optgroup datalist output
foreignObject feImage animate animateMotion animateTransform set discard handler cursor""".split())
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())

HTML_ATTRIBUTES = frozenset("""
id class lang dir title role tabindex hidden style translate href src alt width height colspan
rowspan headers scope abbr span start reversed type value datetime charset name content open
disabled summary align valign""".split())
_URL_ATTRIBUTES = frozenset({"href", "src"})
_SVG_ATTRIBUTE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_DOCTYPE = re.compile(r"^\s*<!doctype\s+html", re.IGNORECASE)


def _local(tag: str) -> tuple[str, str]:
    """``(namespace, local name)`` of a parsed tag."""
    if tag.startswith(SVG_NS):
        return "svg", tag[len(SVG_NS):]
    if tag.startswith(HTML_NS):
        return "html", tag[len(HTML_NS):]
    return "other", tag


def _attributes(el: ET.Element, ns: str, name: str, resolve: Resolve) -> Iterator[tuple[str, str]]:
    """The attributes kept on ``el``, in document order, values cleaned."""
    for key, value in el.attrib.items():
        if key.startswith(_XLINK):
            key = "xlink:" + key[len(_XLINK):]
            if key != "xlink:href" or ns != "svg":
                continue
        elif key.startswith(_XML):
            key = "xml:" + key[len(_XML):]
        elif key.startswith("{"):
            continue
        plain = key.lower()
        if plain.startswith("on") or plain in ("srcset", "formaction", "action", "ping", "background"):
            continue
        if ns == "html" and not (plain in HTML_ATTRIBUTES or plain.startswith(("aria-", "data-"))):
            continue
        if ns == "svg" and not (_SVG_ATTRIBUTE.fullmatch(key) or key in ("xlink:href", "xml:space", "xml:lang")):
            continue
        if plain == "http-equiv":
            continue
        if plain in _URL_ATTRIBUTES or key == "xlink:href":
            if name == "use" or (name == "a" and ns == "svg"):
                target = value.strip() if value.strip().startswith("#") else None
            else:
                target = resolve(value)
            if target is None:
                continue
            value = target
        elif plain == "style" or "url(" in value.lower():
            value = clean_declarations(value, resolve)
        yield key, value


class _Writer:
    """Writes the cleaned tree as HTML text."""

    def __init__(self, resolve: Resolve, trusted_scripts: frozenset[str],
                 stylesheet: Callable[[str], Optional[str]]) -> None:
        self.resolve = resolve
        self.trusted = trusted_scripts
        self.stylesheet = stylesheet
        self.out: list[str] = []

    def children(self, el: ET.Element) -> None:
        if el.text:
            self.out.append(escape(el.text, quote=False))
        for child in el:
            self.element(child)
            if child.tail:
                self.out.append(escape(child.tail, quote=False))

    def element(self, el: ET.Element) -> None:
        if not isinstance(el.tag, str):
            return  # a comment or processing instruction
        ns, name = _local(el.tag)
        if ns == "html" and name == "script" and (el.text or "") in self.trusted and not el.attrib:
            self.out.append(f"<script>{el.text or ''}</script>")
            return
        if ns == "html" and name == "link":
            self.link(el)
            return
        if ns == "other" or name in DROP or (ns == "html" and name == "meta" and not _plain_meta(el)):
            return
        known = HTML_ELEMENTS if ns == "html" else SVG_ELEMENTS
        if name not in known:
            self.children(el)  # unwrap: the text stays, the element goes
            return
        attributes = "".join(f' {key}="{escape(value)}"'
                             for key, value in _attributes(el, ns, name, self.resolve))
        if name == "style":
            css = clean_stylesheet("".join(el.itertext()), self.resolve)
            self.out.append(f"<style{attributes}>{css if ns == 'html' else escape(css, quote=False)}</style>")
            return
        if ns == "html" and name in VOID:
            self.out.append(f"<{name}{attributes}>")
            return
        if ns == "svg" and not len(el) and not el.text:
            self.out.append(f"<{name}{attributes}/>")
            return
        self.out.append(f"<{name}{attributes}>")
        self.children(el)
        self.out.append(f"</{name}>")


    def link(self, el: ET.Element) -> None:
        """A ``<link rel=stylesheet>`` to an allowed file becomes a ``<style>``; other links go."""
        if "stylesheet" not in el.attrib.get("rel", "").lower().split():
            return
        css = self.stylesheet(el.attrib.get("href", ""))
        if css is not None:
            self.out.append(f"<style>{clean_stylesheet(css, self.resolve)}</style>")


def _plain_meta(el: ET.Element) -> bool:
    """A ``<meta>`` that only describes (charset, name/content), never one that acts."""
    keys = {k.lower() for k in el.attrib}
    return not keys & {"http-equiv", "property", "itemprop"}


def clean_html(html: str, resolve: Resolve, *, trusted_scripts: frozenset[str] = frozenset(),
               stylesheet: Callable[[str], Optional[str]] = lambda _href: None) -> str:
    """``html`` parsed and written out again from the allow-lists (see the module docstring).

    ``resolve`` maps a reference to what the output keeps (None drops it); ``stylesheet`` maps a
    ``<link rel=stylesheet>`` href to the CSS text to inline (None drops the link).
    """
    root = tinyhtml5.parse(html)
    writer = _Writer(resolve, trusted_scripts, stylesheet)
    writer.element(root)
    doctype = "<!DOCTYPE html>\n" if _DOCTYPE.match(html) else ""
    return doctype + "".join(writer.out) + "\n"
