"""One widget, two front ends: a live ipywidgets view and a self-contained static HTML view.

``DualWidget._repr_mimebundle_`` returns ``application/vnd.jupyter.widget-view+json``
(a live kernel shows the real widget with Python callbacks) and, while the book is being
built (:func:`bonelearn.frontend.building_book`), also ``text/html``: the book ranks it
first through ``nb_mime_priority_overrides``, so the static page gets a fragment whose
inline script recomputes from data precomputed by the same Python code. In a live kernel
the static HTML is left out, so a saved notebook does not carry it. See DESIGN.md
section 3.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

from bonelearn.assets import read_asset
from bonelearn.errors import ParameterError
from bonelearn.frontend import building_book

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
CSS_ASSET = "css/widgets.css"
SHARED_CLASS = "bl-shared"
_counter = itertools.count(1)


def json_for_html(data: Any) -> str:
    """Serialise ``data`` as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so neither ``</script>`` nor ``<!--``
    can appear, and ``JSON.parse`` still returns the original strings.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


LIVE_HINT = ("(Interactive widget: run this cell to use it. After reopening the notebook or "
             "restarting the kernel, run the cells again from the top.)")
MOUNT_ASSET = "js/mount.js"  # the shared registry and mountAll, inlined before any widget


def guarded_script(asset: str) -> str:
    """Return a ``<script>`` running asset ``asset`` at most once per page.

    The asset text is wrapped in a function that records it in ``window.bonelearn._assets``;
    later copies on the same page (one per widget) return at once.
    """
    text = read_asset(asset)
    if "</script" in text.lower():
        raise ParameterError(f"browser asset {asset!r} contains '</script' and cannot be inlined")
    key = json.dumps(asset)
    return (
        "<script>(function(){var b=window.bonelearn=window.bonelearn||{};"
        f"b._assets=b._assets||{{}};if(b._assets[{key}])return;b._assets[{key}]=true;\n"
        f"{text}\n}})();</script>"
    )


def mount_script() -> str:
    """A one-line script that mounts the widgets not mounted yet: first those beside the
    script itself (JupyterLab may run output scripts in a host not yet in the page), then
    every other one on the page."""
    return (
        "<script>(function(s){var W=window.bonelearn&&window.bonelearn.widgets;if(!W)return;"
        "if(s&&s.parentNode)W.mountAll(s.parentNode);W.mountAll(document);})"
        "(document.currentScript);</script>"
    )


def print_note(label: str) -> str:
    """A line shown only on paper (``@media print``): what the printed widget is."""
    return (f'<p class="bl-print-note" aria-hidden="true">{html.escape(label)}, printed as it '
            "first appears. In the online book or in Jupyter its controls change the "
            "view.</p>")


def shared_block(name: str, data: Mapping[str, Any]) -> tuple[str, str]:
    """The key and the ``<script type="application/json" class="bl-shared">`` block of data
    that every widget of one kind carries alike (the explorer's knowledge base).

    The key is ``name`` and a digest of the JSON, so equal data has equal keys: a page
    reads one copy (``W.sharedData`` in ``mount.js``), and the book build
    (:mod:`bonelearn.bookbuild.pagescripts`) moves it into one cached file per book.
    """
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name):
        raise ParameterError(f"shared data name must be lower-case letters, digits and '-', "
                             f"got {name!r}")
    text = json_for_html(dict(data))
    key = f"{name}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"
    return key, (f'<script type="application/json" class="{SHARED_CLASS}" '
                 f'data-bl-shared="{key}">{text}</script>')


def static_fragment(kind: str, uid: str, data: dict[str, Any], body: str,
                    assets: Iterable[str], label: str, print_label: str | None = None,
                    shared: tuple[str, Mapping[str, Any]] | None = None) -> str:
    """Assemble the self-contained HTML of one widget.

    ``kind`` names the widget (CSS class ``bl-<kind>``), ``uid`` is its element id,
    ``data`` the precomputed JSON payload, ``body`` the server-rendered markup (usable
    without JavaScript), ``assets`` the JS files to inline, ``label`` the region name
    and ``print_label`` what the printed copy calls the widget (default: ``label``).
    ``shared`` is a name and the part of the payload that is the same for every widget
    of this kind (see :func:`shared_block`); the script finds it under
    ``data.shared`` and ``W.readData`` merges it back into the payload.
    """
    scripts = "".join(guarded_script(a) for a in (MOUNT_ASSET, *assets))
    block = ""
    if shared is not None:
        overlap = set(shared[1]) & set(data)
        if overlap or "shared" in data:
            raise ParameterError(f"shared data repeats payload keys {sorted(overlap)}")
        key, block = shared_block(*shared)
        data = {**data, "shared": key}
    return (
        f'<div class="bl-widget bl-{kind}" id="{uid}" data-bl-widget="{kind}" role="group"'
        f' aria-label="{html.escape(label)}">'
        f"<style>{read_asset(CSS_ASSET)}</style>{print_note(print_label or label)}{body}"
        f'{block}<script type="application/json" class="bl-data">{json_for_html(data)}</script>'
        f"</div>{scripts}{mount_script()}"
    )


def make_uid(kind: str, data: Any) -> str:
    """A deterministic element id: the kind, a digest of the data and a per-process counter."""
    digest = hashlib.sha1(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    return f"bl-{kind}-{digest[:8]}-{next(_counter)}"


def check_fraction(name: str, value: object, low: float = 0.0, high: float = 1.0) -> float:
    """Return ``value`` as a float in ``[low, high]`` or raise a ParameterError naming it."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(f"{name} must be a number in [{low}, {high}], got {value!r}")
    number = float(value)
    if not math.isfinite(number) or not low <= number <= high:
        raise ParameterError(f"{name} must be in [{low}, {high}], got {value!r}")
    return number


class DualWidget:
    """A widget with a live ipywidgets view and a static, self-contained HTML view.

    Subclasses implement ``_build_live()`` (an ipywidgets container wired to Python
    callbacks) and ``_build_html()`` (the static fragment) and ``summary()``.
    """

    kind = "widget"

    def __init__(self) -> None:
        self._live: Any = None
        self._html: str | None = None

    @property
    def live(self) -> Any:
        """The ipywidgets container (built on first use, then reused)."""
        if self._live is None:
            self._live = self._build_live()
        return self._live

    def html(self) -> str:
        """The static front end as one self-contained HTML fragment (built once)."""
        if self._html is None:
            self._html = self._build_html()
        return self._html

    def summary(self) -> str:
        """A one-line text description of the current state."""
        raise NotImplementedError

    def _build_live(self) -> Any:
        raise NotImplementedError

    def _build_html(self) -> str:
        raise NotImplementedError

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = dict(self.live._repr_mimebundle_(include=include, exclude=exclude) or {})
        if building_book():
            bundle["text/html"] = self.html()
        bundle["text/plain"] = f"{self!r}\n{LIVE_HINT}"
        return bundle

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.summary()}>"
