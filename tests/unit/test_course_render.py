"""Markdown → safe HTML for cards and documents; plain-text escaping for Markdown."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bonelearn.course.render import Rich, html_page, markdown_to_html
from bonelearn.instructor.document import Document, md_escape


def test_raw_html_is_escaped_not_interpreted() -> None:
    out = markdown_to_html("a < b & c <script>alert(1)</script>\n\n<div onclick=x>hi</div>")
    assert "<script>" not in out and "<div" not in out
    assert "a &lt; b &amp; c &lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_unsafe_link_schemes_are_dropped() -> None:
    out = markdown_to_html("[x](javascript:alert(1)) [y](https://a.org/?p=1&q=2) [z](../page.md)")
    assert "javascript:" not in out
    assert 'href="https://a.org/?p=1&amp;q=2"' in out and 'href="../page.md"' in out


def test_myst_roles_are_shown_as_text() -> None:
    assert "[smith2020, jones2021]" in markdown_to_html("see {cite:p}`smith2020,jones2021`")
    assert "<em>" not in markdown_to_html("{term}`osteoclast`")


def test_rich_carries_both_mime_types() -> None:
    rich = Rich.from_markdown("**bold**", css_class="bl-card")
    bundle = rich._repr_mimebundle_()
    assert bundle["text/markdown"] == "**bold**"
    assert bundle["text/html"].startswith('<div class="bl-card" style="border-left:')
    assert bundle["text/html"].endswith(">\n<p><strong>bold</strong></p>\n</div>")


def test_html_page_escapes_the_title() -> None:
    page = html_page("A & <B>", "<p>x</p>")
    assert "<title>A &amp; &lt;B&gt;</title>" in page and '<html lang="en">' in page


def test_document_code_fence_outlasts_backticks_in_the_code() -> None:
    doc = Document("T")
    doc.code("s = '```'\n")
    assert "````python\ns = '```'\n````" in doc.to_markdown()
    assert "<pre><code class=\"language-python\">s = &#x27;```&#x27;</code></pre>" in doc.to_html()


markdown_it = pytest.importorskip("markdown_it", reason="CommonMark reference renderer")


def _visible(rendered: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


TRICKY = "ab 12\\`*_[]<>#|{}&~-+=.)(!:;'\"/"


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(TRICKY), max_size=30)
    | st.text(alphabet=st.characters(codec="ascii", exclude_categories=["Cc"]), max_size=40)
)
def test_md_escape_makes_any_line_literal_in_commonmark(text: str) -> None:
    """Plain text (quiz stems, titles) shows literally once escaped, whatever it holds."""
    rendered = markdown_it.MarkdownIt("commonmark").render(md_escape(text))
    assert _visible(rendered) == " ".join(text.split())


@pytest.mark.parametrize(
    "text", ["&amp;", "1) x", "---", "~~~", "===", "# x", "***", "<http://x>", "- x", "2. y"]
)
def test_md_escape_known_traps(text: str) -> None:
    rendered = markdown_it.MarkdownIt("commonmark").render(md_escape(text))
    assert _visible(rendered) == text


def test_tables_fenced_code_and_lists_render_without_an_entry_point_scan(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import markdown.util

    def scan() -> None:
        raise AssertionError("extensions looked up by name among installed packages")

    monkeypatch.setattr(markdown.util, "get_installed_extensions", scan)
    out = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n```\nx < y\n```\n\n"
                           "1. one\n2. two\n\n* three")
    assert "<table>" in out and "<td>1</td>" in out
    assert "<pre><code>x &lt; y\n</code></pre>" in out
    assert "<ol>" in out and "<li>one</li>" in out and "<ul>" in out
