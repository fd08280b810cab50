"""Figures: alt text kept, the smaller of SVG and 2x PNG, sharp on high-density screens."""

from __future__ import annotations

import base64
import io
import re
from urllib.parse import unquote

import matplotlib
import numpy as np
import pytest
from PIL import Image

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bonelearn.errors import ParameterError
from bonelearn.figures import DENSITY, show

ALT = 'Two lines, "treated" & untreated, diverging after day 180'


def simple_figure() -> plt.Figure:
    """Three lines and no text: smallest as SVG."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1, 2], [0, 1, 0])
    ax.set_axis_off()
    return fig


def dense_figure() -> plt.Figure:
    fig, ax = plt.subplots(figsize=(4, 3))
    rng = np.random.default_rng(0)
    ax.pcolormesh(rng.random((60, 80)))  # 4800 cells of many colours
    return fig


def _html(fig: plt.Figure, caption: str | None = None) -> tuple[str, dict, dict]:
    data, metadata = show(fig, ALT, caption)._repr_mimebundle_()
    return data["text/html"], data, metadata


@pytest.mark.parametrize("make", [simple_figure, dense_figure])
def test_alt_text_and_caption_are_kept_escaped(make) -> None:
    html, data, _ = _html(make(), caption="Figure <1>")
    assert 'alt="Two lines, &quot;treated&quot; &amp; untreated, diverging after day 180"' in html
    assert "<figcaption>Figure &lt;1&gt;</figcaption>" in html
    assert data["text/plain"] == f"[figure: {ALT}]"


def test_a_simple_line_plot_is_svg() -> None:
    html, data, metadata = _html(simple_figure())
    assert 'src="data:image/svg+xml,' in html
    svg = unquote(re.search(r'src="data:image/svg\+xml,([^"]*)"', html).group(1))
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert data["image/svg+xml"].startswith("<?xml")
    assert metadata["image/svg+xml"]["width"] > 0


def test_a_dense_plot_is_a_lossless_webp_at_twice_its_display_width() -> None:
    """The 2x palette image as lossless WebP (smaller than the PNG here): the same pixels,
    shown at half their width; front ends that show no HTML get the PNG."""
    from bonelearn.figures import _png

    fig = dense_figure()
    png = Image.open(io.BytesIO(_png(fig, 110).data))
    html, data, metadata = _html(fig)
    assert 'src="data:image/webp;base64,' in html, "4800 coloured cells: fewer bytes as pixels"
    width = int(re.search(r'width="(\d+)"', html).group(1))
    webp = Image.open(io.BytesIO(base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1))))
    assert webp.format == "WEBP"
    assert webp.width // DENSITY == width, "drawn at 2x, shown at 1x: sharp on 2x screens"
    assert webp.convert("RGB").tobytes() == png.convert("RGB").tobytes(), "lossless"
    assert png.mode == "P", "reduced to a palette"
    assert "image/webp" not in data and metadata["image/png"]["width"] == width
    assert Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).size == webp.size
    assert "max-width:100%;height:auto" in html


def test_the_encoding_smallest_once_compressed_wins() -> None:
    from bonelearn.figures import renderings, transferred_size

    for make in (simple_figure, dense_figure, labelled_figure):
        fig = make()
        sizes = {r.mime: transferred_size(r) for r in renderings(fig, 110)}
        html, _, _ = _html(fig)
        mime = re.search(r'src="data:([^;,]*)', html).group(1)
        assert sizes[mime] == min(sizes.values()), (make.__name__, sizes)


def labelled_figure() -> plt.Figure:
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.bar(range(4), [3, 1, 4, 1], hatch="//")
    ax.set_xticks(range(4), ["p < 0.001", "Bone <loss> & gain", "c", "d"])
    ax.set_title("Studies per outcome 1.23456")
    return fig


def test_svg_text_stays_text_and_coordinates_are_rounded() -> None:
    """Labels are <text> (readable, about half the size of glyph outlines) with their
    numbers and characters intact; coordinates keep two decimals; no metadata."""
    from bonelearn.figures import _svg

    text = _svg(labelled_figure(), 110).data.decode("utf-8")
    assert "<text" in text and "Studies per outcome 1.23456" in text
    assert "p &lt; 0.001" in text and "Bone &lt;loss&gt; &amp; gain" in text
    assert "DejaVu Sans" in text and "sans-serif" in text, "named fonts, then a fallback"
    assert "<metadata>" not in text and 'id="DejaVuSans-' not in text
    for value in re.findall(r'\s(?:d|x|y|points|transform)="([^"]*)"', text):
        assert not re.search(r"\d\.\d{3}", value), value
        assert "\n" not in value


def test_short_alt_text_and_non_figures_are_refused() -> None:
    with pytest.raises(ParameterError, match="alt text too short"):
        show(simple_figure(), "a plot")
    with pytest.raises(ParameterError, match="needs a matplotlib Figure"):
        show("not a figure", ALT)  # type: ignore[arg-type]
