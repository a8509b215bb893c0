"""Compiled templates kept beside the templates: served only while the source is unchanged,
failures that only cost a compile, no writing when bytecode is not written; never for a user's
(sandboxed) templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader

from journeymap.templatecache import bytecode_cache


def _env(templates: Path, cache: Path, write: bool = True) -> Environment:
    return Environment(loader=FileSystemLoader(str(templates)), bytecode_cache=bytecode_cache(cache, write))


def _templates(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "a.j2").write_text(text, encoding="utf-8")
    return folder


def test_a_template_is_compiled_once_and_again_when_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    templates, cache = _templates(tmp_path, "Hello {{ who }}"), tmp_path / "t" / "__pycache__"
    assert _env(templates, cache).get_template("a.j2").render(who="A") == "Hello A"
    assert len(list(cache.iterdir())) == 1
    compiled: list[str] = []
    original = Environment.compile

    def counting(self: Environment, source: str, *args: object, **kwargs: object) -> object:
        compiled.append(source)
        return original(self, source, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", counting)
    assert _env(templates, cache).get_template("a.j2").render(who="B") == "Hello B"
    assert compiled == []  # loaded from the cache
    (templates / "a.j2").write_text("Bye {{ who }}", encoding="utf-8")
    assert _env(templates, cache).get_template("a.j2").render(who="C") == "Bye C"
    assert compiled == ["Bye {{ who }}"]  # the edit is compiled, not served stale


def test_a_broken_or_unwritable_cache_only_costs_a_compile(tmp_path: Path) -> None:
    templates, cache = _templates(tmp_path, "{{ 1 + 1 }}"), tmp_path / "c"
    assert _env(templates, cache).get_template("a.j2").render() == "2"
    for entry in cache.iterdir():
        entry.write_bytes(entry.read_bytes()[:40])  # truncated mid-way
    assert _env(templates, cache).get_template("a.j2").render() == "2"
    assert _env(templates, tmp_path / "no" / "such" / "folder").get_template("a.j2").render() == "2"


def test_nothing_is_written_when_bytecode_is_not(tmp_path: Path) -> None:
    templates, cache = _templates(tmp_path, "{{ 2 + 2 }}"), tmp_path / "c"
    assert bytecode_cache(cache, write=False) is None and not cache.exists()
    cache.mkdir()
    assert _env(templates, cache, write=False).get_template("a.j2").render() == "4"
    assert list(cache.iterdir()) == []


def test_only_our_own_templates_use_it(tmp_path: Path) -> None:
    from journeymap.briefing.document import make_environment
    from journeymap.resources import templates_root

    assert make_environment(tmp_path).bytecode_cache is None  # a user's folder: the sandbox compiles
    ours = make_environment().bytecode_cache
    if ours is not None:
        assert Path(ours.directory) == templates_root() / "__pycache__"  # type: ignore[attr-defined]


@given(st.text())
def test_code_spans_escape_everything_but_their_own_tags(text: str) -> None:
    """Findings quote user text: only the <code> tags the filter adds are markup."""
    import html
    import re

    from journeymap.briefing.htmlfilters import CONTROL_CHARS, code_spans

    out = str(code_spans(text))
    assert re.sub(r"</?code>", "", out).count("<") == 0
    plain = html.unescape(re.sub(r"</?code>", "`", out))
    # Control characters go, as from every value of a page, and so do bidirectional controls: the
    # message's own are dropped and a quoted right-to-left name is set apart with isolates of ours.
    bidi = re.compile("[\u202a-\u202e\u2066-\u2069]")
    assert bidi.sub("", plain) == bidi.sub("", CONTROL_CHARS.sub("", text))
    assert not re.search("[\u202a-\u202e\u2066\u2067]", plain)


def test_a_readers_page_drops_overrides_and_keeps_the_isolates_that_close() -> None:
    """A U+202E in a touch-point's name reversed the rest of its table cell in the briefing; the
    isolates composed around right-to-left names stay, as in Markdown."""
    from journeymap.briefing.htmlfilters import reader_value

    assert reader_value("Visits \u202eshop now; Pays") == "Visits shop now; Pays"
    assert reader_value("to \u2068يدفع\u2069 \u2069") == "to \u2068يدفع\u2069 "
    assert reader_value("يدفع \u202e") == "\u2068يدفع \u2069"


def test_names_kept_marks_whole_names_in_text_only():
    """A lead's name in a sentence is marked not to translate (review DT); never inside a tag (a
    lead called "code" broke the finding's `<code>`), nor inside a longer word."""
    from jinja2 import Environment

    from journeymap.briefing.htmlfilters import add_filters, reader_value

    env = add_filters(Environment(autoescape=True, finalize=reader_value))
    page = env.from_string("{{ m | code | names_kept }} / {{ w | names_kept }}")
    said = page.render(m="ask code to add `owner:`", w="Ann & Bo and Annual", kept_names=("code", "Ann & Bo", "Ann"))
    # a short name is kept on one line: no-break spaces (audit FW's reasons left "Pritchard." alone)
    assert said == ('ask <span translate="no">code</span> to add <code>owner:</code> / '
                    '<span translate="no">Ann\u00a0&amp;\u00a0Bo</span> and Annual')
    assert env.from_string("{{ w | names_kept }}").render(w="<b>x</b>", kept_names=()) == "&lt;b&gt;x&lt;/b&gt;"
    # never inside an entity (a lead called "amp"), and a right-to-left name as a message writes it
    # (no isolates round it) as well as set apart (review DV)
    said = env.from_string("{{ m | code | names_kept }}").render(m="'Two & three' for דנה כהן to fix",
                                                                  kept_names=("amp", "דנה כהן"))
    assert said == '&#39;Two &amp; three&#39; for <span translate="no">דנה\u00a0כהן</span> to fix', said
