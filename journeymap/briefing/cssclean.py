"""CSS from a team's templates made self-contained, with tinycss2 (WeasyPrint's own CSS parser).

Every reference CSS can fetch goes through one ``resolve`` function: ``url(...)`` (quoted or
not, in any property, ``@font-face`` ``src`` included) and ``src(...)`` keep what ``resolve``
returns (a ``data:`` URI or a ``#fragment``) or become ``none``; the functions that take bare
strings as URLs (``image-set``, ``image``, ``cross-fade``) become ``none``. At-rules are
allow-listed (``@import``, ``@namespace`` and unknown ones are dropped), and the text can never
close the ``<style>`` element that holds it.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

import tinycss2
from tinycss2.serializer import serialize_identifier

Resolve = Callable[[str], Optional[str]]

#: At-rules kept at the top level of a stylesheet.
AT_RULES = frozenset({"media", "page", "font-face", "supports", "keyframes", "-webkit-keyframes",
                      "counter-style", "font-feature-values", "layer", "property", "container"})
#: Functions whose arguments are URLs.
_URL_FUNCTIONS = frozenset({"url", "src"})
#: Functions that take URLs as plain strings: never kept.
_STRING_URL_FUNCTIONS = frozenset({"image-set", "-webkit-image-set", "image", "cross-fade",
                                   "-webkit-cross-fade", "element", "-moz-element"})


def _quoted(url: str) -> str:
    return 'url("' + url.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '")'


def _url_argument(arguments: list[Any]) -> Optional[str]:
    """The URL of ``url("...")``: the one string among the arguments, or None."""
    meaningful = [a for a in arguments if a.type not in ("whitespace", "comment")]
    if len(meaningful) == 1 and meaningful[0].type == "string":
        return str(meaningful[0].value)
    return None


def _tokens(nodes: Iterable[Any], resolve: Resolve) -> str:
    """Serialise component values with every URL resolved (or replaced by ``none``)."""
    out: list[str] = []
    for node in nodes:
        kind = node.type
        if kind == "url":
            target = resolve(node.value)
            out.append(_quoted(target) if target else "none")
        elif kind == "function":
            name = node.lower_name
            if name in _URL_FUNCTIONS:
                url = _url_argument(node.arguments)
                target = resolve(url) if url is not None else None
                out.append(_quoted(target) if target else "none")
            elif name in _STRING_URL_FUNCTIONS:
                out.append("none")
            else:
                out.append(f"{serialize_identifier(node.name)}({_tokens(node.arguments, resolve)})")
        elif kind in ("() block", "[] block", "{} block"):
            brackets = kind[:2]  # "()", "[]" or "{}"
            out.append(brackets[0] + _tokens(node.content, resolve) + brackets[1])
        elif kind == "comment":
            continue
        elif kind == "at-keyword" and node.lower_value in ("import", "namespace"):
            out.append("@-journeymap-dropped")  # invalid where it stands; never a fetch
        else:
            out.append(node.serialize())
    return "".join(out)


def _safe_for_style_element(css: str) -> str:
    """Text that cannot end the ``<style>`` element (``</style``) or open a comment trick."""
    return css.replace("</", "<\\/").replace("<!--", "<\\!--")


def clean_stylesheet(css: str, resolve: Resolve) -> str:
    """A stylesheet with allow-listed at-rules only and every URL resolved."""
    out: list[str] = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "qualified-rule":
            out.append(f"{_tokens(rule.prelude, resolve).strip()} {{{_tokens(rule.content, resolve)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in AT_RULES:
            prelude = _tokens(rule.prelude, resolve).strip()
            head = f"@{rule.at_keyword} {prelude}".rstrip()
            out.append(f"{head} {{{_tokens(rule.content, resolve)}}}" if rule.content is not None else f"{head};")
    return _safe_for_style_element("\n".join(out))


def clean_declarations(css: str, resolve: Resolve) -> str:
    """A ``style`` attribute's declarations with every URL resolved."""
    return _tokens(tinycss2.parse_component_value_list(css, skip_comments=True), resolve).strip()
