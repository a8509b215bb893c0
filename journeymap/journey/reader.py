"""Read a journey file into a tree of positioned YAML nodes, safely.

The first pipeline step. It enforces the input limits of SPEC section 5 *while* reading, before
any work that could blow up: the file size before parsing, the nesting depth and the node count
(aliases expanded) while composing events, so a 330-byte alias bomb or 50,000 nested ``[`` costs
nothing. It reports duplicate keys (E002), which PyYAML silently drops, and refuses every tag
that would construct an object. Scalars are typed with YAML's safe rules; the validator turns a
``no`` where text was expected into a finding with a hint to quote it.
"""

from __future__ import annotations

from typing import Any, Callable, NoReturn, Optional, Union, cast

import yaml
from msgspec import Struct, field
from msgspec.structs import replace
from yaml import events as ev

from journeymap.findings import Finding
from journeymap.journey.conflicts import conflict_findings
from journeymap.journey.encoding import TextProblem, check_characters, decode
from journeymap.journey.nodes import Node
from journeymap.journey.yamlerrors import item_restarts, repeated_key, syntax_finding
from journeymap.journey.yamlrecovery import syntax_errors
from journeymap.journey.yamlparse import implicit_tag, parse, stand_ins

MAX_BYTES = 5_000_000  # SPEC 5: "input file 5 MB", read as 5,000,000 bytes (the strict reading)
MAX_DEPTH = 64
MAX_NODES = 100_000

_MERGE = "tag:yaml.org,2002:merge"
_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", None, "!"}


class ReadError(Exception):
    """The file cannot be read as one YAML document; carries the findings that say why."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


class _Composer(Struct):
    path: str
    findings: list[Finding] = field(default_factory=list)
    stack: list[list[Any]] = field(default_factory=list)  # [node, pending key, anchor]
    anchors: dict[str, Node] = field(default_factory=dict)
    open_anchors: set[str] = field(default_factory=set)
    total: int = 0
    root: Optional[Node] = None
    documents: int = 0

    def fail(self, code: str, message: str, line: int, column: int) -> NoReturn:
        raise ReadError([Finding(code, message, self.path, line, column)])

    def report(self, code: str, message: str, line: int, column: int) -> None:
        """A finding that leaves the tree usable: reading goes on, so the file's other errors are found too."""
        self.findings.append(Finding(code, message, self.path, line, column))

    def count(self, n: int, mark: Any) -> None:
        self.total += n
        if self.total > MAX_NODES:
            self.fail("E009", f"the file expands to more than {MAX_NODES:,} YAML nodes (aliases counted "
                      "each time they are used); split the journey or remove repeated aliases",
                      *_where(mark))

    def attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        top = self.stack[-1]
        parent, pending_key = top[0], top[1]
        if parent.kind == "seq":
            parent.children.append(node)
        elif pending_key is None:
            top[1] = node
        else:
            parent.children.append((pending_key, node))
            top[1] = None

    def remember(self, anchor: Optional[str], node: Node) -> None:
        if anchor is not None:
            self.anchors[anchor] = node

    def on_scalar(self, event: ev.ScalarEvent) -> None:
        mark = event.start_mark
        self.count(1, mark)
        node = Node("scalar", *_where(mark), text=event.value)
        node.tag, node.value = _construct_scalar(event, self)
        self.remember(event.anchor, node)
        self.attach(node)

    def on_start(self, event: Union[ev.SequenceStartEvent, ev.MappingStartEvent]) -> None:
        mark = event.start_mark
        if len(self.stack) >= MAX_DEPTH:
            self.fail("E009", f"the YAML is nested more than {MAX_DEPTH} levels deep; a journey needs "
                      "about 6", *_where(mark))
        if event.tag not in _COLLECTION_TAGS:  # read as the plain collection it tags
            self.report("E001", f"the YAML tag {event.tag!r} is not allowed in a journey file; remove it",
                        *_where(mark))
        self.count(1, mark)
        kind = "seq" if isinstance(event, ev.SequenceStartEvent) else "map"
        node = Node(kind, *_where(mark))
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append([node, None, event.anchor, bool(event.flow_style)])

    def on_end(self) -> None:
        node, _, anchor, flow = self.stack.pop()
        if node.kind == "map":
            in_list = bool(self.stack) and self.stack[-1][0].kind == "seq"
            # an item in braces: of a list in brackets ("flow"), or of a list of "- " lines ("braces")
            item: Union[bool, str] = (("flow" if self.stack[-1][3] else "braces") if in_list and flow else in_list)
            node.children = _merge_and_dedupe(node, self, item)
            node.size = 1 + sum(k.size + v.size for k, v in node.children)
        else:
            node.size = 1 + sum(c.size for c in node.children)
        if anchor is not None:
            self.open_anchors.discard(anchor)
            self.anchors[anchor] = node
        self.attach(node)

    def on_alias(self, event: ev.AliasEvent) -> None:
        mark = event.start_mark
        if event.anchor in self.open_anchors:
            self.fail("E001", f"the alias *{event.anchor} refers to the collection that contains it "
                      "(a recursive structure); remove it", *_where(mark))
        target = self.anchors.get(event.anchor or "")  # an alias always names one
        if target is None:
            raise ReadError([Finding("E001", f"the alias *{event.anchor} has no anchor &{event.anchor} "
                                     "before it; a value that starts with * is read as an alias: if it is "
                                     "text, put it in quotes", self.path, *_where(mark))])
        self.count(target.size, mark)
        # A copy placed where the alias is used: a finding about the value belongs there, not at
        # the anchor (audit BZ). Shallow: its children stay the anchor's (positioned there), and
        # a merge key (<<: *base) merges those, so a wrong default is still told once, at the anchor.
        line, column = _where(mark)
        self.attach(replace(target, line=line, column=column))


def _where(mark: Any) -> tuple[int, int]:
    """The 1-based line and column of a parser mark (PyYAML's events always carry one; its stubs
    say it may be None, in either of its two classes)."""
    return mark.line + 1, mark.column + 1


def _construct_scalar(event: ev.ScalarEvent, composer: _Composer) -> tuple[str, Any]:
    tag = event.tag
    if tag is None or tag == "!":
        tag = implicit_tag(event.value, event.implicit)
    if tag == _MERGE:
        return tag, "<<"
    if tag in _NUMBERS and len(event.value) > MAX_NUMBER_CHARS:
        # PyYAML reads YAML 1.1's base-60 numbers (1:0:0:...) digit group by digit group, in time
        # that grows with the square of their length: 13 minutes for one 4.8 MB value. No journey
        # holds such a number, so a long one is kept as the text it is (and reported where a
        # number is expected).
        return _STR, event.value
    constructor = yaml.SafeLoader.yaml_constructors.get(tag)
    mark: Any = event.start_mark
    # A refused or unreadable tag is reported and its value read as the text it is, so that the
    # file's other errors are found in the same run.
    if constructor is None or tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
        composer.report("E001", f"the YAML tag {tag!r} is not allowed in a journey file; remove it (a value "
                        "that starts with ! is read as a tag: if it is text, put it in quotes)",
                        *_where(mark))
        return _STR, event.value
    node = yaml.ScalarNode(tag, event.value, mark, cast(Any, event.end_mark), event.style)
    try:
        return tag, constructor(_CONSTRUCTOR, node)
    except Exception as exc:  # noqa: BLE001 - PyYAML's constructors raise KeyError, AttributeError...
        # A tag that forces a value its constructor cannot make (`!!bool maybe`, `!!timestamp nope`).
        kind = tag.rsplit(":", 1)[-1]
        said = str(exc) if isinstance(exc, (yaml.YAMLError, ValueError, OverflowError)) else ""
        reason = f" ({said[:120]})" if said and "()" not in said else ""  # not Python's "int() with base 10"
        composer.report("E005", f"the value {event.value[:40]!r} cannot be read as {kind}{reason}; "
                        f"remove the !!{kind} tag or write a valid {kind}", *_where(mark))
        return _STR, event.value


_STR = "tag:yaml.org,2002:str"
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
#: The longest scalar read as a number (a 64-bit integer has 20 digits).
MAX_NUMBER_CHARS = 64
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _merge_and_dedupe(node: Node, composer: _Composer, in_list: Union[bool, str] = False) -> list[tuple[Node, Node]]:
    """Apply ``<<`` merge keys, report duplicate keys (E002), keep the first occurrence
    (``in_list``: the mapping is an item of a list; "flow" or "braces" when written in braces, in a
    list in brackets or of "- " lines)."""
    explicit: list[tuple[Node, Node]] = []
    merged: list[tuple[Node, Node]] = []
    for key, value in node.children:
        if key.tag == _MERGE:
            sources = value.children if value.kind == "seq" else [value]
            for source in sources:
                if source.kind != "map":
                    composer.fail("E001", "a merge key << needs a mapping or a list of mappings",
                                  key.line, key.column)
                merged.extend(source.children)
        else:
            explicit.append((key, value))
    seen: dict[Any, Node] = {}
    values: dict[Any, Node] = {}  # each key's first value
    result: list[tuple[Node, Node]] = []
    again = False  # the mapping's first key came again: a list item with no "- " before it
    restart = _restart(explicit) if in_list is True else None
    for n, (key, value) in enumerate(explicit):
        marker = _key_marker(key)
        if marker in seen:
            if not again and n == restart:
                said = item_restarts(key, explicit[n:])
                composer.findings.append(Finding("E002", said, composer.path, key.line, key.column))
                again = True
            elif not again:
                lists = value.kind == "seq" and values[marker].kind == "seq"
                said = repeated_key(key, seen[marker], explicit[0][0], in_list, lists)
                composer.findings.append(Finding("E002", said, composer.path, key.line, key.column))
            again = again or key is not explicit[0][0] and marker == _key_marker(explicit[0][0])
            continue
        seen[marker], values[marker] = key, value
        result.append((key, value))
    for key, value in merged:
        marker = _key_marker(key)
        if marker not in seen:
            seen[marker] = key
            result.append((key, value))
    return result


def _restart(explicit: list[tuple[Node, Node]]) -> Optional[int]:
    """Where a list item's keys start over before its first key does: ``name, lead, layer`` then
    ``lead, name`` is a new item from that ``lead:``, written without its ``- ``. Told as ``lead``
    written twice ("keep one of them" deleted a department) and ``name`` put a ``- `` on the wrong
    line (audit FZ). The index of that key, where every key from it to the first key's return
    repeats an earlier one; else None."""
    markers = [_key_marker(key) for key, _ in explicit]
    back = next((j for j in range(1, len(markers)) if markers[j] == markers[0]), None)
    if back is None:
        return None
    first: dict[Any, int] = {}
    for n, marker in enumerate(markers[:back]):
        first.setdefault(marker, n)
    start = back
    while start > 1 and first[markers[start - 1]] < start - 1:  # once in linear time (review GC)
        start -= 1
    return start if start < back else None


def _key_marker(key: Node) -> Any:
    if key.kind != "scalar":
        return ("node", id(key.children))  # an alias's copy shares its anchor's children: the same key
    try:
        hash(key.value)
        return (type(key.value).__name__, key.value)
    except TypeError:
        return ("node", id(key))


def _run(swapped: str, back: dict[int, int], composer: _Composer) -> None:
    handlers: dict[type, Callable[[Any], None]] = {
        ev.ScalarEvent: composer.on_scalar,
        ev.SequenceStartEvent: composer.on_start,
        ev.MappingStartEvent: composer.on_start,
        ev.SequenceEndEvent: lambda _e: composer.on_end(),
        ev.MappingEndEvent: lambda _e: composer.on_end(),
        ev.AliasEvent: composer.on_alias,
    }
    for event in parse(swapped, back):
        handler = handlers.get(type(event))
        if handler is not None:
            handler(event)
        elif isinstance(event, ev.DocumentStartEvent):
            composer.documents += 1
            if composer.documents > 1:
                mark = event.start_mark
                composer.fail("E001", "the file holds more than one YAML document (---); a journey "
                              "file holds exactly one", *_where(mark))


def read_text(text: str, path: str) -> tuple[Optional[Node], list[Finding]]:
    """Compose ``text`` into a node tree. Returns ``(root or None, findings)``.

    ``root`` is None when the file cannot be read at all (the findings say why); E002 findings
    come with a usable tree. An empty document gives an empty mapping node.
    """
    conflicts = conflict_findings(text, path)
    if conflicts:  # YAML's own complaint about the markers points elsewhere
        return None, conflicts
    composer = _Composer(path)
    swapped, back = stand_ins(text)
    try:
        check_characters(text, path)
        _run(swapped, back, composer)
    except TextProblem as exc:
        return None, [exc.finding]
    except ReadError as exc:
        return None, composer.findings + exc.findings
    except yaml.MarkedYAMLError as exc:
        found = syntax_finding(exc, swapped, path, MAX_DEPTH)
        told = syntax_errors(swapped, found, lambda e, t: syntax_finding(e, t, path, MAX_DEPTH))
        return None, composer.findings + [replace(f, message=f.message.translate(back)) for f in told]
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        return None, [Finding("E001", f"invalid YAML: {exc}", path, 1, 1)]
    root = composer.root or Node("map", 1, 1)
    if root.kind == "scalar" and root.value is None:
        root = Node("map", root.line, root.column)
    return root, composer.findings


def read_bytes(data: bytes, path: str) -> tuple[Optional[Node], list[Finding]]:
    """Like :func:`read_text`, from raw bytes: size limit and UTF-8 decoding first."""
    if len(data) > MAX_BYTES:
        # Files are read only up to the limit and one byte, so "over" is all that is known.
        return None, [Finding("E009", "the file is larger than 5 MB (5,000,000 bytes), the limit of a journey "
                              "file; split the journey into several files", path, 1, 1)]
    try:
        return read_text(decode(data, path), path)
    except TextProblem as exc:
        return None, [exc.finding]
