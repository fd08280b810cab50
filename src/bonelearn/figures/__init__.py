"""Show matplotlib figures with real alt text, small and sharp, in Jupyter and the book.

Matplotlib's own output gives an image no description (the book falls back to the file
path). ``show(fig, alt=...)`` returns a display object whose HTML is an ``<img>`` with
the alt text and an optional caption. The image is whichever of three renderings is
smallest once embedded in the page: an SVG (vector, sharp at any zoom) or a PNG drawn at
twice the display resolution, reduced to a 256-colour palette and compressed, shown at
half its pixel width so that it is sharp on high-density (2x) screens, or the same
pixels as lossless WebP (every current browser shows it), which is usually about a
quarter smaller than the PNG. Line plots with few points are usually smaller as SVG;
dense plots (many points, filled areas) as WebP.

The three are kept in a cache keyed by the figure's SVG (``figures.cache``), so a figure
drawn again (by nbval after the book build, or on a rerun) is encoded only once.
"""

from __future__ import annotations

import base64
import gzip
import html
import io
import re
from dataclasses import dataclass
from urllib.parse import quote

from matplotlib import rc_context
from matplotlib.figure import Figure
from PIL import Image

from bonelearn.errors import ParameterError
from bonelearn.figures import cache

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


def _palette_image(fig: Figure, dpi: int) -> Image.Image:
    """``fig`` drawn at ``DENSITY`` times ``dpi``, reduced to a 256-colour palette."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi * DENSITY, bbox_inches="tight")
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    return image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)


def _rendering(data: bytes, mime: str) -> Rendering:
    """A raster ``Rendering`` of encoded image bytes, shown at 1/``DENSITY`` of their size."""
    width, height = Image.open(io.BytesIO(data)).size
    uri = f"data:{mime};base64," + base64.b64encode(data).decode("ascii")
    return Rendering(mime, data, uri, width // DENSITY, height // DENSITY)


def _encoded(image: Image.Image, mime: str) -> Rendering:
    out = io.BytesIO()
    if mime == "image/webp":
        # Lossless: the same pixels as the PNG, usually about a quarter smaller. Effort 4
        # (Pillow's default): effort 6 was about 1 % smaller but 35 times slower (3 s a
        # figure), which every notebook run and book build would pay.
        image.save(out, format="webp", lossless=True, quality=100, method=4)
    else:
        image.save(out, format="png", optimize=True)
    return _rendering(out.getvalue(), mime)


def _png(fig: Figure, dpi: int) -> Rendering:
    return _encoded(_palette_image(fig, dpi), "image/png")


#: SVG attributes that hold only coordinates and lengths (their numbers are rounded).
GEOMETRY = re.compile(r'(\s(?:d|x|y|x1|x2|y1|y2|points|transform)=")([^"]*)"')
#: A number with more than two decimals (matplotlib writes six).
LONG_DECIMAL = re.compile(r"(-?\d+\.\d\d)\d+")


def compact_svg(text: str) -> str:
    """Matplotlib's SVG, smaller and drawn the same: coordinates rounded to 0.01 pt (a
    hundredth of a pixel at 72 dpi), no metadata block, no line breaks and indentation
    between tags or inside coordinate lists. Text content is left as it is."""
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.S)

    def geometry(match: re.Match[str]) -> str:
        value = " ".join(LONG_DECIMAL.sub(r"\1", match.group(2)).split())
        return f'{match.group(1)}{value}"'

    return re.sub(r">\n\s*<", "><", GEOMETRY.sub(geometry, text))


def _svg_source(fig: Figure, trimmed: bool = True) -> str:
    """Matplotlib's SVG of ``fig``, trimmed to what is drawn (two drawing passes) or of
    the whole figure (one), the same for the same figure in any process."""
    buffer = io.BytesIO()
    # Text as <text> in the fonts matplotlib names (DejaVu Sans, then Verdana, Arial,
    # Helvetica ... sans-serif), not as glyph outlines: about half the size. A fixed salt
    # for the ids of clip paths and markers (by default a random one on every render):
    # each id is still a hash of what it names, and every SVG is a document of its own.
    # "standard": untrimmed even where a style sets savefig.bbox to "tight".
    settings = {"svg.fonttype": "none", "svg.hashsalt": "bonelearn", "savefig.bbox": "standard"}
    with rc_context(settings):
        fig.savefig(buffer, format="svg", bbox_inches="tight" if trimmed else None,
                    metadata={"Date": None})
    return buffer.getvalue().decode("utf-8")


def _svg_rendering(text: str, dpi: int) -> Rendering:
    """A ``Rendering`` of compacted SVG text, displayed at its size in points at ``dpi``."""
    # The SVG's size is in points (1/72 inch); the PNG's display size is at ``dpi``.
    width, height = (float(text.split(f'{key}="', 1)[1].split("pt", 1)[0])
                     for key in ("width", "height"))
    uri = "data:image/svg+xml," + quote(text, safe=SVG_URI_SAFE)
    return Rendering("image/svg+xml", text.encode("utf-8"), uri, round(width * dpi / 72),
                     round(height * dpi / 72))


def _svg(fig: Figure, dpi: int) -> Rendering:
    return _svg_rendering(compact_svg(_svg_source(fig)), dpi)


def transferred_size(rendering: Rendering) -> int:
    """The bytes a reader downloads for the figure's data URI from a server that
    compresses pages with gzip (an SVG's text compresses about fivefold, a PNG's or
    WebP's pixels hardly at all)."""
    return len(gzip.compress(rendering.uri.encode("ascii"), 6))


def _cached(name: str, dpi: int) -> tuple[Rendering, Rendering, Rendering] | None:
    """The PNG, WebP and SVG the cache holds under ``name``, if all three are there,
    decode whole and agree in size; otherwise None, and the figure is drawn again."""
    found = cache.load(name)
    if found is None:
        return None
    try:
        rasters = []
        for data, mime in zip(found[:2], ("image/png", "image/webp"), strict=True):
            Image.open(io.BytesIO(data)).load()  # decodes every pixel: a damaged body fails
            rasters.append(_rendering(data, mime))
        text = found[2].decode("utf-8")
        if not text.rstrip().endswith("</svg>"):
            return None
        svg = _svg_rendering(text, dpi)
    except Exception:  # any entry that cannot be read is a miss, never an error
        return None
    png, webp = rasters
    return (png, webp, svg) if (png.width, png.height) == (webp.width, webp.height) else None


def renderings(fig: Figure, dpi: int) -> tuple[Rendering, Rendering, Rendering]:
    """``fig`` as a 2x palette PNG, the same pixels as lossless WebP, and SVG: from the
    cache when a figure with the same SVG was drawn before, else drawn and kept there."""
    name = cache.key(_svg_source(fig, trimmed=False), dpi, DENSITY)
    found = _cached(name, dpi)
    if found is not None:
        return found
    image = _palette_image(fig, dpi)
    png, webp, svg = _encoded(image, "image/png"), _encoded(image, "image/webp"), _svg(fig, dpi)
    cache.store(name, png.data, webp.data, svg.data)
    return png, webp, svg


class FigureWithAlt:
    """A rendered figure with its alt text; displays as HTML, with PNG or SVG for others.

    ``fallback`` is what front ends that show no HTML get when ``rendering`` is a format
    Jupyter's image renderers may lack (WebP): the PNG of the same pixels.
    """

    def __init__(self, rendering: Rendering, alt: str, caption: str | None = None,
                 fallback: Rendering | None = None) -> None:
        self.rendering, self.alt, self.caption = rendering, alt, caption
        self.fallback = fallback

    def _repr_mimebundle_(self, include=None, exclude=None) -> tuple[dict, dict]:
        r = self.rendering
        img = (f'<img src="{r.uri}" alt="{html.escape(self.alt)}" width="{r.width}" '
               f'height="{r.height}" style="max-width:100%;height:auto" />')
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        image = r if r.mime in ("image/svg+xml", "image/png") or self.fallback is None \
            else self.fallback
        raw = (image.data.decode("utf-8") if image.mime == "image/svg+xml"
               else base64.b64encode(image.data).decode("ascii"))
        data = {
            "text/html": f'<figure class="bl-figure">{img}{caption}</figure>',
            image.mime: raw,
            "text/plain": f"[figure: {self.alt}]",
        }
        return data, {image.mime: {"width": image.width, "height": image.height}}


def show(fig: Figure, alt: str, caption: str | None = None, dpi: int = 110) -> FigureWithAlt:
    """Render ``fig`` (SVG or 2x PNG, the smaller), close it, and return it with ``alt`` text.

    ``alt`` must describe what the figure shows (at least five words), not what it is.
    """
    if not isinstance(fig, Figure):
        raise ParameterError(f"show() needs a matplotlib Figure, got {type(fig).__name__}")
    if len(alt.split()) < MIN_ALT_WORDS:
        raise ParameterError(f"alt text too short to describe the figure: {alt!r}")
    png, webp, svg = renderings(fig, dpi)
    rendering = min((png, webp, svg), key=lambda r: (transferred_size(r), len(r.uri)))
    import matplotlib.pyplot as plt

    plt.close(fig)
    return FigureWithAlt(rendering, alt, caption, fallback=png)
