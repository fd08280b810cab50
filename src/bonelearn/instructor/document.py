"""Build a document as Markdown and HTML side by side.

Plain-text pieces (titles, quiz stems) are escaped for each target; Markdown pieces
(exercise text from notebooks) are kept as Markdown and converted with raw HTML off.
"""

from __future__ import annotations

import html
import re

from bonelearn.course.render import html_page, markdown_to_html

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|{}&~])")


def md_escape(text: str) -> str:
    """Escape plain text so that Markdown shows it literally."""
    out = _MD_SPECIAL.sub(r"\\\1", text)
    out = re.sub(r"^(\s*)([-+=])", r"\1\\\2", out, flags=re.M)  # list, rule, setext
    return re.sub(r"^(\s*\d+)([.)])", r"\1\\\2", out, flags=re.M)  # ordered list


def _fence(source: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", source)), default=0)
    return "`" * max(3, longest + 1)


class Document:
    """An ordered list of blocks, rendered to Markdown and to an HTML page."""

    def __init__(self, title: str) -> None:
        self.title = title
        self._md: list[str] = [f"# {md_escape(title)}"]
        self._html: list[str] = [f"<h1>{html.escape(title)}</h1>"]

    def heading(self, level: int, text: str) -> None:
        """A heading (level 2-6) with plain-text content."""
        level = min(max(level, 2), 6)
        self._md.append(f"{'#' * level} {md_escape(text)}")
        self._html.append(f"<h{level}>{html.escape(text)}</h{level}>")

    def text(self, text: str, label: str | None = None) -> None:
        """A paragraph of plain text, optionally led by a bold label."""
        lead_md = f"**{md_escape(label)}** " if label else ""
        lead_html = f"<strong>{html.escape(label)}</strong> " if label else ""
        self._md.append((lead_md + md_escape(text)).rstrip())
        self._html.append(f"<p>{(lead_html + html.escape(text)).rstrip()}</p>")

    def markdown(self, source: str) -> None:
        """A block of Markdown (MyST roles are shown as text)."""
        if source.strip():
            self._md.append(source.strip("\n"))
            self._html.append(markdown_to_html(source))

    def code(self, source: str, language: str = "python") -> None:
        """A code block."""
        fence = _fence(source)
        self._md.append(f"{fence}{language}\n{source.rstrip()}\n{fence}")
        self._html.append(
            f'<pre><code class="language-{html.escape(language)}">'
            f"{html.escape(source.rstrip())}</code></pre>"
        )

    def items(self, entries: list[str], ordered: bool = False) -> None:
        """A list of plain-text entries."""
        if not entries:
            return
        marks = [f"{i}." if ordered else "-" for i in range(1, len(entries) + 1)]
        self._md.append(
            "\n".join(f"{m} {md_escape(e)}" for m, e in zip(marks, entries, strict=True))
        )
        tag = "ol" if ordered else "ul"
        body = "".join(f"<li>{html.escape(e)}</li>" for e in entries)
        self._html.append(f"<{tag}>{body}</{tag}>")

    def table(self, header: list[str], rows: list[list[str]]) -> None:
        """A table of plain-text cells."""

        def md_row(cells: list[str]) -> str:
            return "| " + " | ".join(md_escape(c) for c in cells) + " |"

        self._md.append(
            "\n".join([md_row(header), "|" + "---|" * len(header)] + [md_row(r) for r in rows])
        )
        head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in header)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows
        )
        self._html.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")

    def to_markdown(self) -> str:
        """The document as Markdown."""
        return "\n\n".join(self._md) + "\n"

    def to_html(self) -> str:
        """The document as a self-contained HTML page."""
        return html_page(self.title, "\n".join(self._html))
