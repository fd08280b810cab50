"""Speed and size of the widgets: live callbacks, page weight, browser redraw.

Targets: a live (Python) callback under 100 ms, under 500 KB of HTML per widget, and a
static (browser) update within one frame, 16 ms, from a control change to the redrawn
display. ``measure()`` measures all three, ``bench()`` formats them as rows for
``tools/bench.py``, and ``browser_update_ms`` is the piece the
course-wide bench (or a browser test) can call on any Playwright page that holds a
widget, e.g. a built book page.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Debian's Chromium (override with BONELEARN_CHROMIUM) and the launch arguments that work
#: offline here; the browser tests and tools/build_pdf.py use the same two values.
CHROMIUM = os.environ.get("BONELEARN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
TARGETS = {"live_ms": 100.0, "page_kb": 500.0, "browser_ms": 16.0}

# One control change per widget kind, run inside the page: set a value, dispatch the
# event the widget listens to, and time the synchronous redraw with performance.now().
_UPDATE_JS = """([selector, kind, i]) => {
  const root = document.querySelector(selector);
  let el, ev;
  if (kind === "pathway-explorer") {
    const boxes = root.querySelectorAll("input[type=checkbox][name=drug]");
    el = boxes[i % boxes.length]; el.checked = !el.checked; ev = "change";
  } else if (kind === "study-browser") {
    el = root.querySelector("select[name=class]");
    el.selectedIndex = i % el.options.length; ev = "change";
  } else if (kind === "denosumab-dosing") {
    el = root.querySelector("input[type=range][name=doses]");
    el.value = String((i % 20) + 1); ev = "input";
  } else if (kind === "bone-measures") {
    el = root.querySelector("input[name=bmd]");
    el.value = String(0.5 + (i % 20) * 0.02); ev = "input";
  } else {
    el = root.querySelector("input[type=range][name=inflammation]");
    el.value = String(((i % 20) + 1) * 0.05); ev = "input";
  }
  const t0 = performance.now();
  el.dispatchEvent(new Event(ev, {bubbles: true}));
  return performance.now() - t0;
}"""


def _median_ms(action: Callable[[int], Any], repeats: int) -> float:
    times = []
    for i in range(repeats):
        t0 = time.perf_counter()
        action(i)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def live_callback_ms(repeats: int = 10) -> dict[str, float]:
    """Median time (ms) of one control change in the live widgets, callbacks included."""
    from bonelearn.widgets import (
        bone_measures_calculator,
        denosumab_dosing,
        pathway_explorer,
        remodelling_simulator,
        study_browser,
    )

    exp = pathway_explorer().live
    boxes = list(exp.controls["drugs"].values())
    sim = remodelling_simulator(drug="tnf_inhibitor").live
    infl = sim.controls["inflammation"]
    bmd = bone_measures_calculator().live.controls["bmd"]

    def toggle(i: int) -> None:
        boxes[i % len(boxes)].value = not boxes[i % len(boxes)].value

    def slide(i: int) -> None:
        infl.value = round(((i % 20) + 1) * 0.05, 2)

    studies = study_browser().live.controls["class"]
    classes = [value for _, value in studies.options]

    def pick(i: int) -> None:
        studies.value = classes[i % len(classes)]

    def type_bmd(i: int) -> None:
        bmd.value = round(0.5 + (i % 20) * 0.02, 2)

    doses = denosumab_dosing().live.controls["doses"]

    def dose(i: int) -> None:
        doses.value = (i % 20) + 1

    return {"pathway-explorer": _median_ms(toggle, repeats),
            "remodelling-simulator": _median_ms(slide, repeats),
            "study-browser": _median_ms(pick, repeats),
            "bone-measures": _median_ms(type_bmd, repeats),
            "denosumab-dosing": _median_ms(dose, repeats)}


def page_kb() -> dict[str, float]:
    """Size (KB) of each widget's static HTML, scripts and data included."""
    from bonelearn.widgets import (
        bone_measures_calculator,
        denosumab_dosing,
        pathway_explorer,
        remodelling_simulator,
        study_browser,
    )

    return {"pathway-explorer": len(pathway_explorer().html().encode()) / 1024,
            "remodelling-simulator": len(remodelling_simulator().html().encode()) / 1024,
            "study-browser": len(study_browser().html().encode()) / 1024,
            "bone-measures": len(bone_measures_calculator().html().encode()) / 1024,
            "denosumab-dosing": len(denosumab_dosing().html().encode()) / 1024}


def browser_update_ms(page: Any, selector: str, repeats: int = 20) -> float:
    """Median ms from a control change to the redrawn widget at ``selector`` on ``page``.

    ``page`` is a Playwright (sync) page on which the widget is mounted; the kind comes
    from the element's ``data-bl-widget`` attribute.
    """
    page.wait_for_selector(f"{selector}[data-bl-mounted]", state="attached")
    kind = page.get_attribute(selector, "data-bl-widget")
    times = [page.evaluate(_UPDATE_JS, [selector, kind, i]) for i in range(repeats)]
    return statistics.median(times)


def browser_ms(repeats: int = 20) -> dict[str, float]:
    """Launch Chromium, load each widget alone on a page and time its static updates."""
    from playwright.sync_api import sync_playwright

    from bonelearn.widgets import (
        bone_measures_calculator,
        denosumab_dosing,
        pathway_explorer,
        remodelling_simulator,
        study_browser,
    )

    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for widget in (pathway_explorer(), remodelling_simulator(drug="tnf_inhibitor"),
                           study_browser(), bone_measures_calculator(), denosumab_dosing()):
                page.set_content(f"<!doctype html><html><body>{widget.html()}</body></html>")
                out[widget.kind] = browser_update_ms(page, f"#{widget.uid}", repeats)
        finally:
            browser.close()
    return out


def measure(browser: bool | None = None) -> dict[str, Any]:
    """All widget measurements with their targets and an overall ``ok``.

    ``browser=None`` means "in Chromium too, if it is installed".
    """
    if browser is None:
        browser = Path(CHROMIUM).exists()
    result: dict[str, Any] = {"targets": TARGETS, "live_ms": live_callback_ms(),
                              "page_kb": page_kb()}
    if browser:
        result["browser_ms"] = browser_ms()
    result["ok"] = all(v <= TARGETS[k] for k in ("live_ms", "page_kb", "browser_ms")
                       if k in result for v in result[k].values())
    return result


_ROWS = {"live_ms": ("Live (Python) callback", "ms", "< 100 ms"),
         "page_kb": ("HTML added to a page", "KB", "< 500 KB"),
         "browser_ms": ("Static update in Chromium", "ms", "< 16 ms (one frame)")}


def bench(browser: bool | None = None) -> dict[str, tuple[str, str]]:
    """Rows for the course bench (``tools/bench.py``): name → (measured, target)."""
    result = measure(browser)
    rows = {}
    for key, (what, unit, target) in _ROWS.items():
        for kind, value in result.get(key, {}).items():
            rows[f"{what}: {kind}"] = (f"{value:.2f} {unit}", target)
    return rows


if __name__ == "__main__":  # pragma: no cover
    import json

    print(json.dumps(measure(), indent=2))
