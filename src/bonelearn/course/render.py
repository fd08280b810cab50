"""Markdown to safe HTML, and a display object that carries both.

Course text (chapter cards, answer keys, syllabi) is written once in Markdown. The HTML
twin is produced by Python-Markdown with raw HTML switched off, so any ``<``, ``>`` or
``&`` in the text is escaped rather than passed through, and links with a scheme other
than http(s), mailto or a relative path are dropped to plain text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

#: A light frame that reads well on light and dark themes (Jupyter and the book).
_BOX = "border-left:4px solid #0072B2;padding:0.1em 1em;margin:0.5em 0"
_ALLOWED_SCHEMES = ("http:", "https:", "mailto:", "#", "/", "./", "../")
_HREF = re.compile(r'(<a\s+href=")([^"]*)(")')
_ROLE = re.compile(r"\{(?P<role>[a-z][\w:-]*)\}`(?P<body>[^`]*)`")


def _myst_roles_to_text(text: str) -> str:
    """Render MyST roles readably: ``{cite}`a,b``` → ``[a, b]``, other roles → their text."""

    def repl(m: re.Match[str]) -> str:
        role, body = m.group("role"), m.group("body")
        if role.startswith("cite"):
            return "[" + ", ".join(k.strip() for k in body.split(",")) + "]"
        return f"`{body}`" if role in {"code", "literal"} else body

    return _ROLE.sub(repl, text)


def _safe_href(m: re.Match[str]) -> str:
    url = html.unescape(m.group(2)).strip()
    ok = url.lower().startswith(_ALLOWED_SCHEMES) or ":" not in url.split("/")[0]
    return m.group(0) if ok else f"{m.group(1)}#{m.group(3)}"


def markdown_to_html(text: str) -> str:
    """Convert Markdown to an HTML fragment with raw HTML escaped, not interpreted."""
    # Extension objects, not names: a name makes Markdown look it up among every installed
    # package's entry points, which took about 0.07 s of every notebook kernel's first card.
    md = markdown.Markdown(
        extensions=[FencedCodeExtension(), TableExtension(), SaneListExtension()])
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    out = md.convert(_myst_roles_to_text(text))
    return _HREF.sub(_safe_href, out)


def html_page(title: str, body_html: str) -> str:
    """Wrap an HTML fragment in a minimal, self-contained, accessible page."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)}</title>\n"
        "<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;"
        "padding:0 1rem;line-height:1.5;color:#1a1a1a}pre{background:#f4f4f4;padding:.75rem;"
        "overflow-x:auto}table{border-collapse:collapse}td,th{border:1px solid #999;"
        "padding:.25rem .5rem;text-align:left}</style>\n</head>\n<body>\n<main>\n"
        f"{body_html}\n</main>\n</body>\n</html>\n"
    )


@dataclass(frozen=True)
class Rich:
    """Text in Markdown with its HTML twin; displays as both in Jupyter and in the book."""

    markdown: str
    html: str

    @classmethod
    def from_markdown(cls, text: str, css_class: str | None = None) -> Rich:
        """Build from Markdown; optionally wrap the HTML in ``<div class=...>``."""
        body = markdown_to_html(text)
        if css_class:
            body = f'<div class="{html.escape(css_class)}" style="{_BOX}">\n{body}\n</div>'
        return cls(text, body)

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, str]:
        return {"text/markdown": self.markdown, "text/html": self.html, "text/plain": self.markdown}

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.markdown
