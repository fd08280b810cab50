"""Show matplotlib figures with real alt text, small and sharp, in Jupyter and the book.

Matplotlib's own output gives an image no description (the book falls back to the file
path). ``show(fig, alt=...)`` returns a display object whose HTML is an ``<img>`` with
the alt text and an optional caption. The image is whichever of two renderings is
smaller once embedded in the page: an SVG (vector, sharp at any zoom) or a PNG drawn at
twice the display resolution, reduced to a 256-colour palette and compressed, shown at
half its pixel width so that it is sharp on high-density (2x) screens. Line plots with
few points are usually smaller as SVG; dense plots (many points, filled areas) as PNG.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from urllib.parse import quote

from matplotlib.figure import Figure
from PIL import Image

from bonelearn.errors import ParameterError

MIN_ALT_WORDS = 5
#: Pixels drawn per displayed pixel in the PNG (2 = sharp on 2x screens).
DENSITY = 2
#: Characters left as they are in an SVG data URI inside a double-quoted attribute.
SVG_URI_SAFE = " !$'()*+,-./:;=?@[]^_`{|}~<>"


@dataclass(frozen=True)
class Rendering:
    """One encoding of a figure: its MIME type, bytes, data URI and display size in px."""

    mime: str
    data: bytes
    uri: str
    width: int
    height: int


def _png(fig: Figure, dpi: int) -> Rendering:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi * DENSITY, bbox_inches="tight")
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    out = io.BytesIO()
    palette.save(out, format="png", optimize=True)
    data = out.getvalue()
    uri = "data:image/png;base64," + base64.b64encode(data).decode("ascii")
    return Rendering("image/png", data, uri, image.width // DENSITY, image.height // DENSITY)


def _svg(fig: Figure, dpi: int) -> Rendering:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    data = buffer.getvalue()
    # The SVG's size is in points (1/72 inch); the PNG's display size is at ``dpi``.
    text = data.decode("utf-8")
    width, height = (float(text.split(f'{key}="', 1)[1].split("pt", 1)[0])
                     for key in ("width", "height"))
    uri = "data:image/svg+xml," + quote(text, safe=SVG_URI_SAFE)
    return Rendering("image/svg+xml", data, uri, round(width * dpi / 72),
                     round(height * dpi / 72))


def smaller_rendering(fig: Figure, dpi: int) -> Rendering:
    """The SVG or the 2x palette PNG of ``fig``, whichever makes the smaller data URI."""
    return min(_png(fig, dpi), _svg(fig, dpi), key=lambda r: len(r.uri))


class FigureWithAlt:
    """A rendered figure with its alt text; displays as HTML, with PNG or SVG for others."""

    def __init__(self, rendering: Rendering, alt: str, caption: str | None = None) -> None:
        self.rendering, self.alt, self.caption = rendering, alt, caption

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        r = self.rendering
        img = (f'<img src="{r.uri}" alt="{html.escape(self.alt)}" width="{r.width}" '
               f'height="{r.height}" style="max-width:100%;height:auto" />')
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        raw = (r.data.decode("utf-8") if r.mime == "image/svg+xml"
               else base64.b64encode(r.data).decode("ascii"))
        data = {
            "text/html": f'<figure class="bl-figure">{img}{caption}</figure>',
            r.mime: raw,
            "text/plain": f"[figure: {self.alt}]",
        }
        return data, {r.mime: {"width": r.width, "height": r.height}}


def show(fig: Figure, alt: str, caption: str | None = None, dpi: int = 110) -> FigureWithAlt:
    """Render ``fig`` (SVG or 2x PNG, the smaller), close it, and return it with ``alt`` text.

    ``alt`` must describe what the figure shows (at least five words), not what it is.
    """
    if not isinstance(fig, Figure):
        raise ParameterError(f"show() needs a matplotlib Figure, got {type(fig).__name__}")
    if len(alt.split()) < MIN_ALT_WORDS:
        raise ParameterError(f"alt text too short to describe the figure: {alt!r}")
    rendering = smaller_rendering(fig, dpi)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return FigureWithAlt(rendering, alt, caption)
