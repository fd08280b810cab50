"""Wide tables that stay readable on a phone: a labelled, focusable scroll region.

A table wider than the screen scrolls sideways inside its own region instead of making
the whole page scroll. The region is named after the table's caption (``role="region"``
and ``aria-label``), so a screen reader announces what it holds, and it is a Tab stop
(``tabindex="0"``), so a keyboard can scroll it. The book's style sheet
(``widgets/book/bonelearn-book.css``) keeps the caption in view while the table scrolls.
Every generated table of the course (study tables, the evidence table and matrix, and the
chapters' regimen and indication tables) goes through :func:`table_region`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from bonelearn.errors import ParameterError

#: The class of every table region (the style sheet targets it).
REGION_CLASS = "bl-table-region"


def table_region(label: str, table_html: str, css_class: str = "") -> str:
    """``table_html`` inside a region named ``label`` that scrolls sideways when too wide."""
    if not label.strip():
        raise ParameterError("a table region needs a label (the table's caption)")
    classes = " ".join(c for c in (REGION_CLASS, css_class) if c)
    return (f'<div class="{classes}" role="region" tabindex="0" '
            f'aria-label="{escape(label)}" style="overflow-x:auto">{table_html}</div>')


@dataclass(frozen=True)
class CaptionedTable:
    """A table with a caption, displayed inside a :func:`table_region`.

    ``caption`` is plain text (escaped here); ``body_html`` is the table's ``<thead>`` and
    ``<tbody>``, already escaped by the caller.
    """

    caption: str
    body_html: str

    def __post_init__(self) -> None:
        if not self.caption.strip():
            raise ParameterError("CaptionedTable needs a caption (it names the table)")
        if "<tbody" not in self.body_html:
            raise ParameterError("CaptionedTable body_html must hold the table's <tbody>")

    def to_html(self) -> str:
        table = f"<table><caption>{escape(self.caption)}</caption>{self.body_html}</table>"
        return table_region(self.caption, table)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"CaptionedTable({self.caption!r})"
