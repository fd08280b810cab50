"""Small SVG line plots of the remodelling simulator (treated against untreated course).

The static page's script (``widgets/js/simulator.js``) redraws the same elements with the
same scaling rules (``extent``, ``MAX_POINTS``), so Python and the browser agree. The
treated course is a solid line, the untreated course a dashed line, and the drug window
a shaded, dotted band: the three differ without colour.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

W, H, LEFT, RIGHT, TOP, BOTTOM = 300, 180, 52, 10, 24, 34
MAX_POINTS = 240


@dataclass(frozen=True)
class Panel:
    """One plot: a key (used in ``data-panel``), a title with units and the two courses."""

    key: str
    title: str
    treated: Sequence[float]
    untreated: Sequence[float]


def extent(values: Sequence[float]) -> tuple[float, float]:
    """The y range of a panel: data range padded by 8 % (not below 0 for data that are
    not negative), at least 1e-9 wide."""
    lo, hi = min(values), max(values)
    span = hi - lo
    pad = span * 0.08 if span > 1e-12 else max(abs(hi) * 0.05, 1e-9)
    return (max(lo - pad, 0.0) if lo >= 0 else lo - pad), hi + pad


def stride(n: int) -> int:
    """Keep every ``stride``-th sample so that a curve has at most ~MAX_POINTS points."""
    return max(1, -(-n // MAX_POINTS))


def fmt(value: float) -> str:
    """A tick label with three significant digits."""
    return f"{value:.3g}"


def _points(t: Sequence[float], y: Sequence[float], t_end: float,
            lo: float, hi: float) -> str:
    step = stride(len(t))
    idx = list(range(0, len(t), step))
    if idx[-1] != len(t) - 1:
        idx.append(len(t) - 1)
    sx = (W - LEFT - RIGHT) / t_end
    sy = (H - TOP - BOTTOM) / (hi - lo)
    return " ".join(f"{LEFT + t[i] * sx:.1f},{H - BOTTOM - (y[i] - lo) * sy:.1f}" for i in idx)


def _panel(panel: Panel, t: Sequence[float], t_end: float, window: tuple[float, float],
           uid: str) -> str:
    lo, hi = extent([*panel.treated, *panel.untreated])
    sx = (W - LEFT - RIGHT) / t_end
    w0, w1 = (min(max(v, 0.0), t_end) for v in window)
    ticks = "".join(
        f'<text class="bl-ytick" data-tick="{i}" x="{LEFT - 4}" '
        f'y="{H - BOTTOM - i * (H - TOP - BOTTOM) / 2 + 3:.1f}" text-anchor="end">'
        f"{fmt(lo + i * (hi - lo) / 2)}</text>"
        for i in range(3)
    )
    xticks = "".join(
        f'<text x="{LEFT + f * (W - LEFT - RIGHT):.1f}" y="{H - BOTTOM + 13}" '
        f'text-anchor="{anchor}">{f * t_end:.0f}</text>'
        for f, anchor in ((0, "middle"), (0.5, "middle"), (1, "end"))
    )
    pid = f"{uid}-{panel.key}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bl-plot" data-panel="{panel.key}" '
        f'viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-labelledby="{pid}-t">'
        f'<title id="{pid}-t">{html.escape(panel.title)}: treated (solid) and untreated '
        "(dashed) course over time</title>"
        f'<rect class="bl-window" x="{LEFT + w0 * sx:.1f}" y="{TOP}" '
        f'width="{max((w1 - w0) * sx, 0):.1f}" height="{H - TOP - BOTTOM}"/>'
        f'<g class="bl-axis"><path d="M{LEFT},{TOP} V{H - BOTTOM} H{W - RIGHT}"/>{ticks}{xticks}'
        f'<text x="{(LEFT + W - RIGHT) / 2}" y="{H - 4}" text-anchor="middle">time (days)</text>'
        "</g>"
        f'<text class="bl-plot-title" x="{LEFT}" y="14">{html.escape(panel.title)}</text>'
        f'<polyline class="bl-curve bl-untreated" '
        f'points="{_points(t, panel.untreated, t_end, lo, hi)}"/>'
        f'<polyline class="bl-curve bl-treated" '
        f'points="{_points(t, panel.treated, t_end, lo, hi)}"/>'
        "</svg>"
    )


def render_plots(t: Sequence[float], panels: Sequence[Panel], window: tuple[float, float],
                 uid: str, treated: bool = True) -> str:
    """The simulator's plots as a row of SVGs, plus a legend that does not rely on colour.

    ``t`` is time in days (starting at 0), ``window`` the drug's (start, end) in days.
    With ``treated=False`` (no drug) the treated curve, which equals the untreated one,
    and its legend entries are hidden (the page's script toggles the same class).
    """
    t_end = float(t[-1]) if len(t) and t[-1] > 0 else 1.0
    legend = (
        '<p class="bl-legend" aria-hidden="true">'
        '<span class="bl-key-treated"><svg width="28" height="8"><line x1="0" y1="4" x2="28" '
        'y2="4" class="bl-curve bl-treated"/></svg> treated (solid)</span>'
        '<span><svg width="28" height="8"><line x1="0" y1="4" x2="28" y2="4" '
        'class="bl-curve bl-untreated"/></svg> untreated (dashed)</span>'
        '<span class="bl-key-treated"><svg width="18" height="10"><rect width="18" '
        'height="10" class="bl-window"/></svg> drug given</span></p>'
    )
    body = "".join(_panel(p, t, t_end, window, uid) for p in panels)
    cls = "bl-plot-set" + ("" if treated else " bl-untreated-only")
    return f'<div class="{cls}">{legend}<div class="bl-plots">{body}</div></div>'
