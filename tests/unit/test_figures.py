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
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1, 2], [0, 1, 0])
    return fig


def dense_figure() -> plt.Figure:
    fig, ax = plt.subplots(figsize=(4, 3))
    rng = np.random.default_rng(0)
    ax.scatter(rng.random(2000), rng.random(2000), s=3, c=rng.random(2000))
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


def test_a_dense_plot_is_a_png_at_twice_its_display_width() -> None:
    html, _, metadata = _html(dense_figure())
    assert 'src="data:image/png;base64,' in html
    width = int(re.search(r'width="(\d+)"', html).group(1))
    png = base64.b64decode(re.search(r"base64,([^\"]+)", html).group(1))
    image = Image.open(io.BytesIO(png))
    assert image.width // DENSITY == width, "drawn at 2x, shown at 1x: sharp on 2x screens"
    assert image.mode == "P", "reduced to a palette"
    assert metadata["image/png"]["width"] == width
    assert "max-width:100%;height:auto" in html


def test_the_smaller_encoding_wins() -> None:
    from bonelearn.figures import _png, _svg

    for make in (simple_figure, dense_figure):
        fig = make()
        png, svg = len(_png(fig, 110).uri), len(_svg(fig, 110).uri)
        html, _, _ = _html(fig)
        src = re.search(r'src="([^"]*)"', html).group(1)
        assert len(src) == min(png, svg)


def test_short_alt_text_and_non_figures_are_refused() -> None:
    with pytest.raises(ParameterError, match="alt text too short"):
        show(simple_figure(), "a plot")
    with pytest.raises(ParameterError, match="needs a matplotlib Figure"):
        show("not a figure", ALT)  # type: ignore[arg-type]
