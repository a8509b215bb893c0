"""A team's own briefing templates (``brief --templates DIR``), run safely.

The templates run in Jinja's immutable sandbox, read nothing outside DIR (a link leading out of
it is refused) and cannot make huge values (``"x" * 10**9`` ran until the machine ran out of
memory). What goes wrong while they render is told with the template file and line it happened
at, not as a Python traceback.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import signal
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Iterator, Mapping, Optional

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, TemplateError, TemplateNotFound
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from journeymap.outputs import lies_within

#: What a team's template can raise while it renders (Jinja's own errors and the Python ones its
#: expressions reach: ``1/0``, ``"a" + 1``, ``range(10**7)``, endless recursion).
TEMPLATE_FAILURES: tuple[type[BaseException], ...] = (TemplateError, ArithmeticError, TypeError, ValueError,
                                                      LookupError, AttributeError, RecursionError, MemoryError)
#: The longest string or list a template may make, the largest power and the largest whole
#: number (in bits) it may compute, and the most characters all of them may write together.
MAX_PRODUCT = 1_000_000
MAX_EXPONENT = 256
MAX_BITS = 100_000
MAX_OUTPUT = 100_000_000


class _FolderLoader(FileSystemLoader):
    """Templates from DIR only: one that is a link (or lies in a linked folder) leading out of DIR
    is refused, as the PDF's files are (:func:`journeymap.briefing.localfiles.local_file`). A plain
    FileSystemLoader follows such links: ``_cover.html.j2 -> /etc/passwd`` printed that file."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        """The template's source, when its real path lies inside the folder and it is UTF-8."""
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            raise TemplateError(f"{template} is not UTF-8 text; save it as UTF-8") from exc
        if not lies_within(filename, self.searchpath[0]):
            raise TemplateError(f"{template} leads outside the templates folder (to {os.path.realpath(filename)}); "
                                "copy the file into the folder instead of linking to it")
        return source, filename, uptodate


class _BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox that also refuses to make huge strings, lists or numbers: by
    ``*``, ``**`` or ``%``, by a call or filter with a huge count or width (``"x".ljust(10**9)``,
    ``"x"|center(10**9)``), or by a method whose result would pass :data:`MAX_PRODUCT`."""

    intercepted_binops = frozenset(["*", "**", "%"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``left operator right``, within :data:`MAX_PRODUCT` and :data:`MAX_EXPONENT`."""
        if operator == "**" and isinstance(right, (int, float)) and (
                abs(right) > MAX_EXPONENT or isinstance(left, int) and abs(left).bit_length() * right > MAX_BITS):
            raise SecurityError(f"a power that large is not allowed in a template (at most {MAX_EXPONENT})")
        if operator == "*":
            for items, times in ((left, right), (right, left)):
                if isinstance(items, (str, list, tuple)) and isinstance(times, int) \
                        and len(items) * times > MAX_PRODUCT:
                    raise SecurityError(f"a value of more than {MAX_PRODUCT:,} items is not allowed in a template")
        if operator == "%" and isinstance(left, str):
            _bounded_format(left, right if isinstance(right, tuple) else (right,))
        return _bounded(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's names
        """A call a template makes, refused when a count or width passes :data:`MAX_PRODUCT`."""
        _bounded_arguments(args, kwargs)
        method = getattr(__obj, "__wrapped__", __obj)  # the sandbox hands str.format out wrapped
        owner = getattr(method, "__self__", None)
        name = getattr(method, "__name__", "")
        if name in ("format", "format_map") and isinstance(owner, str):
            _bounded_format(owner)
        if name in ("replace", "join") and isinstance(owner, str):
            _bounded_size(name, (owner, *args))
        return _bounded(super().call(__context, __obj, *args, **kwargs))


def _bounded_arguments(args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> None:
    """Refuse a call or filter given a whole number above :data:`MAX_PRODUCT` (a count or a width)."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_PRODUCT:
            raise SecurityError(f"a number above {MAX_PRODUCT:,} is not allowed as an argument in a template")


def _bounded(value: Any) -> Any:
    """``value``, unless it is a string or list longer than :data:`MAX_PRODUCT`."""
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_PRODUCT:
        raise SecurityError(f"a value of more than {MAX_PRODUCT:,} items is not allowed in a template")
    return value


def _bounded_size(name: str, args: tuple[Any, ...]) -> None:
    """Refuse a ``replace`` or ``join`` whose result would pass :data:`MAX_PRODUCT`, worked out
    before it is made: its arguments are small, and checking the result after made a 1 GB string
    first (``("x"*20000)|replace("", "y"*50000)``: audit AH). ``args`` as the filter or method
    gets them, the text (or the separator, for ``str.join``) first."""
    texts = [a for a in args if isinstance(a, str)]
    if name == "replace" and len(texts) >= 3:
        text, old, new = texts[:3]
        limit = next((a for a in args if isinstance(a, int) and not isinstance(a, bool)), -1)
        times = text.count(old) if old else len(text) + 1
        times = times if limit < 0 else min(times, limit)
        size = len(text) + times * (len(new) - len(old))
    elif name == "join":
        items = next((a for a in args if isinstance(a, (list, tuple))), None)
        if items is None:
            return
        separator = texts[0] if texts else ""
        size = sum(len(str(item)) for item in items) + len(separator) * max(len(items) - 1, 0)
    else:
        return
    if size > MAX_PRODUCT:
        raise SecurityError(f"a value of more than {MAX_PRODUCT:,} items is not allowed in a template")


def _bounded_format(text: str, values: tuple[Any, ...] = ()) -> None:
    """Refuse a format string whose width or precision would make a huge string: written in it
    (``"%1000000000s"``) or, with ``*``, taken from the values it formats."""
    if any(int(digits) > MAX_PRODUCT for digits in re.findall(r"\d{7,}", text)):
        raise SecurityError(f"a width above {MAX_PRODUCT:,} is not allowed in a template's format")
    if "*" in text:
        _bounded_arguments(values, {})


def _bounded_filters(environment: Environment) -> None:
    """The filters that take a width or count (``center``, ``indent``, ``truncate``, ``wordwrap``,
    ``format``, ``replace``, ...) checked as calls are: Jinja calls filters directly, not through
    :meth:`_BoundedSandbox.call`."""
    for name in ("center", "indent", "truncate", "wordwrap", "format", "replace", "join", "batch", "slice",
                 "random", "list", "string"):
        original = environment.filters.get(name)
        if original is not None:
            environment.filters[name] = _checked_filter(original, formats=name == "format", name=name)


def _checked_filter(original: Callable[..., Any], formats: bool = False, name: str = "") -> Callable[..., Any]:
    """``original`` with its arguments checked first; ``formats``: its first one is a format
    string (``"%1000000000s"|format("x")`` would make its string before the result is checked);
    ``name`` ``replace`` or ``join``: its result's size is worked out first (:func:`_bounded_size`)."""
    @functools.wraps(original)  # keeps Jinja's marker on filters that take the context or environment
    def checked(*args: Any, **kwargs: Any) -> Any:
        _bounded_arguments(args, kwargs)
        if formats and args and isinstance(args[0], str):
            _bounded_format(args[0])
        if name in ("replace", "join"):
            given = tuple(a for a in args if isinstance(a, (str, int, list, tuple)) and not isinstance(a, bool))
            _bounded_size(name, (*given, *kwargs.values()) if name == "replace" else _join_args(given, kwargs))
        return _bounded(original(*args, **kwargs))
    return checked


def _join_args(given: tuple[Any, ...], kwargs: Mapping[str, Any]) -> tuple[Any, ...]:
    """The ``join`` filter's items and separator (``d``), in the order :func:`_bounded_size` reads them."""
    items = next((a for a in given if isinstance(a, (list, tuple))), ())
    separator = kwargs.get("d", next((a for a in given if isinstance(a, str)), ""))
    return (separator, items)


def team_environment(folder: Path, fallback: Path, options: Mapping[str, Any]) -> Environment:
    """The sandboxed environment for ``folder``; templates it lacks come from ``fallback`` (ours)."""
    loader = ChoiceLoader([_FolderLoader(str(folder)), FileSystemLoader(str(fallback))])
    environment = _BoundedSandbox(loader=loader, **options)
    _bounded_filters(environment)
    return environment


#: The most seconds a team's templates may take to render a briefing, all its renders together (in
#: the main thread: a timer interrupts it; ours take a fraction of a second).
MAX_SECONDS = 60.0
_BUDGET = threading.local()


@contextlib.contextmanager
def render_budget() -> Iterator[None]:
    """One deadline, :data:`MAX_SECONDS` from now, for every :func:`render_within` meanwhile: a
    briefing renders its templates up to six times (the contents, then the cover fitted)."""
    if getattr(_BUDGET, "end", None) is not None:
        yield
        return
    _BUDGET.end = time.monotonic() + MAX_SECONDS
    try:
        yield
    finally:
        _BUDGET.end = None


def render_within(template: Any, context: Mapping[str, Any]) -> str:
    """The template rendered, refused once its output passes :data:`MAX_OUTPUT` characters (a loop
    can repeat a small piece without end), or once its time is up (:func:`render_budget`, else
    :data:`MAX_SECONDS` for this render alone: a loop that writes nothing ran for ever: audit EO)."""
    end = getattr(_BUDGET, "end", None)
    pieces, size = [], 0
    with _deadline(MAX_SECONDS if end is None else max(end - time.monotonic(), 0.001)):
        for piece in template.generate(context):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise SecurityError(f"the templates write more than {MAX_OUTPUT:,} characters; "
                                    "a briefing needs far fewer")
            pieces.append(piece)
    return "".join(pieces)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`SecurityError` where the code runs once ``seconds`` have passed: in the main
    thread, where a timer signal can interrupt it, else not at all. A timer set before is put back
    with what was left of it, and fires at once if its time came meanwhile."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def stop(_signum: int, _frame: Any) -> None:
        raise SecurityError(f"the templates take more than {MAX_SECONDS:g} s to render; a briefing needs far less")

    before = signal.signal(signal.SIGALRM, stop)
    began = time.monotonic()
    outer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        # a handler set outside Python reads as None, which cannot be set again: the default then
        signal.signal(signal.SIGALRM, before if before is not None else signal.SIG_DFL)
        if outer[0]:
            left = outer[0] - (time.monotonic() - began)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), outer[1])


def where(exc: BaseException) -> str:
    """`` (FILE:LINE)`` of the template a failure happened in, or ``""``: a syntax error carries it,
    else the innermost template frame of the traceback does (Jinja maps those to template lines)."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return f" ({getattr(exc, 'filename', None) or getattr(exc, 'name', None) or 'template'}:{lineno})"
    tb: Optional[TracebackType] = exc.__traceback__
    found = ""
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        # any template file, whatever its suffix: the stylesheet is included as one too (audit EQ),
        # and a team may name theirs .html or .jinja (review ER); Python's own frames are .py
        if not name.endswith((".py", ".pyc")) and not name.startswith("<"):
            found = f" ({name}:{tb.tb_lineno})"
        tb = tb.tb_next
    return found


def said(exc: BaseException) -> str:
    """The failure in words for a template's author."""
    if isinstance(exc, TemplateNotFound):
        return f"no template named {exc.name!r} in the folder or among journeymap's own"
    if isinstance(exc, RecursionError):
        return "the template calls itself without end"
    message = getattr(exc, "message", None) or str(exc)
    return message if isinstance(exc, TemplateError) else f"{message} ({type(exc).__name__})"


def rendered_contents(html: str, listed: list[dict[str, str]]) -> list[dict[str, str]]:
    """The cover's contents as a team's templates actually wrote the briefing: a section they left
    out is dropped (its link led nowhere), one they renamed takes its ``<h2>``'s words, in the
    order they put them. The map
    keeps its name, as its pages' headings say "overview" and "part 2 of 7"."""
    import tinyhtml5

    from journeymap.briefing.htmlclean import HTML_NS

    headings: dict[str, str] = {}
    for element in tinyhtml5.parse(html).iter():
        ident = element.get("id")
        if ident and ident not in headings:
            h2 = element if element.tag == f"{HTML_NS}h2" else element.find(f".//{HTML_NS}h2")
            headings[ident] = " ".join("".join(h2.itertext()).split()) if h2 is not None else ""
    # in the order they wrote the sections: moments of truth moved before the hand-offs were listed
    # after them (audit EQ)
    order = {ident: n for n, ident in enumerate(headings)}
    kept = sorted((entry for entry in listed if entry["id"] in headings), key=lambda entry: order[entry["id"]])
    return [{**entry, "title": entry["title"] if entry["id"] == "sec-map" else headings[entry["id"]] or entry["title"]}
            for entry in kept]
