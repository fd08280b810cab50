"""Show matplotlib figures with real alt text, in Jupyter and in the built book.

Matplotlib's own output gives an image no description (the book falls back to the file
path). ``show(fig, alt=...)`` returns a display object whose HTML is an ``<img>`` with
the alt text and an optional caption, and whose PNG fallback serves plain front ends.
"""

from __future__ import annotations

import base64
import html
import io

from matplotlib.figure import Figure

from bonelearn.errors import ParameterError

MIN_ALT_WORDS = 5


class FigureWithAlt:
    """A rendered figure with its alt text; displays as HTML (PNG inside) or PNG."""

    def __init__(self, png: bytes, alt: str, caption: str | None = None) -> None:
        self.png, self.alt, self.caption = png, alt, caption

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, object]:
        data = base64.b64encode(self.png).decode("ascii")
        img = f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt)}" />'
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        return {
            "text/html": f'<figure class="bl-figure">{img}{caption}</figure>',
            "image/png": data,
            "text/plain": f"[figure: {self.alt}]",
        }


def show(fig: Figure, alt: str, caption: str | None = None, dpi: int = 110) -> FigureWithAlt:
    """Render ``fig`` to PNG, close it, and return a displayable figure with ``alt`` text.

    ``alt`` must describe what the figure shows (at least five words), not what it is.
    """
    if not isinstance(fig, Figure):
        raise ParameterError(f"show() needs a matplotlib Figure, got {type(fig).__name__}")
    if len(alt.split()) < MIN_ALT_WORDS:
        raise ParameterError(f"alt text too short to describe the figure: {alt!r}")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return FigureWithAlt(buffer.getvalue(), alt, caption)
