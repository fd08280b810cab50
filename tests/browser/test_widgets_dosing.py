"""The denosumab dosing widget in Chromium: controls change the curves as Python predicts.

The chapter shows the same controls as the simulator's schedule mode; its built page is
checked in ``test_widgets_simulator_modes.py``, which reuses ``check_dosing_matches_python``.

The page runs widgets/js/denosumab-model.js (fixed-step RK4, 0.25 day); Python integrates
with LSODA. Curves in display units agree within DOSING_TOLERANCE (percentage points for
osteoclasts and BMD, % of the peak for the serum concentration), the tolerance the
remodelling simulator's browser test uses; measured agreement is about 1e-3 or better.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from bonelearn.widgets import denosumab_dosing
from tests.browser.test_widgets import (
    AXE,
    SET_RANGE,
    axe_violations,
    phone_page,
    widget_page,
)

pytestmark = pytest.mark.browser

DOSING_TOLERANCE = 0.2


def set_dosing(page: Any, root: str, interval: int, doses: int, keep: bool) -> None:
    box = page.locator(f"{root} input[name=continue]")
    if box.is_checked() != keep:
        box.click()
    for name, value in (("interval", interval), ("doses", doses)):
        page.eval_on_selector(f"{root} input[type=range][name={name}]", SET_RANGE, value)


def check_dosing_matches_python(page: Any, root: str, interval: int, doses: int, keep: bool,
                                t_end: int = 2190) -> None:
    set_dosing(page, root, interval, doses, keep)
    state = page.eval_on_selector(root, "root => root._blState")
    expected = denosumab_dosing(interval, doses, keep, t_end)
    for panel in expected.panels():
        js = np.asarray(state["series"][panel.key])
        py = np.asarray(panel.treated)
        scale = max(float(np.max(np.abs(py))), 1.0) / 100 if panel.key == "C" else 1.0
        worst = float(np.max(np.abs(js - py))) / scale
        assert worst < DOSING_TOLERANCE, (panel.key, interval, doses, keep, worst)
    assert page.locator(f"{root} .bl-summary").text_content() == expected.summary()
    js_points = page.get_attribute(f"{root} svg[data-panel=BMD] polyline.bl-treated", "points")
    html = expected.plots_html()
    block = html[html.index('data-panel="BMD"'):]
    py_points = block.split('class="bl-curve bl-treated" points="')[1].split('"')[0]
    for a, b in zip(js_points.split(), py_points.split(), strict=True):
        (xa, ya), (xb, yb) = (map(float, a.split(",")), map(float, b.split(",")))
        assert abs(xa - xb) < 0.2 and abs(ya - yb) < 1.0, (a, b)


@pytest.fixture
def dosing_page(page):
    widget = denosumab_dosing()
    yield from widget_page(page, widget)


def test_initial_curves_match_python(dosing_page):
    check_dosing_matches_python(dosing_page, dosing_page.root, 6, 6, False)


@pytest.mark.parametrize(("interval", "doses", "keep"), [
    (12, 6, False), (3, 12, False), (6, 2, False), (6, 6, True), (1, 0, False), (9, 20, False),
])
def test_changing_interval_doses_or_stop_changes_the_curve_as_python(dosing_page, interval,
                                                                     doses, keep):
    root = dosing_page.root
    before = dosing_page.get_attribute(f"{root} svg[data-panel=BMD] polyline.bl-treated",
                                       "points")
    check_dosing_matches_python(dosing_page, root, interval, doses, keep)
    after = dosing_page.get_attribute(f"{root} svg[data-panel=BMD] polyline.bl-treated",
                                      "points")
    assert before != after


def test_keyboard_touch_and_live_region(dosing_page):
    root = dosing_page.root
    assert dosing_page.get_attribute(f"{root} .bl-summary", "aria-live") == "polite"
    dosing_page.focus(f"{root} input[name=doses]")
    dosing_page.keyboard.press("ArrowRight")
    assert dosing_page.locator(f"{root} .bl-summary").text_content().startswith("7 injections")
    dosing_page.focus(f"{root} input[name=continue]")
    dosing_page.keyboard.press("Space")
    assert "runs to the end" in dosing_page.locator(f"{root} .bl-summary").text_content()
    assert dosing_page.is_disabled(f"{root} input[name=doses]")
    dosing_page.locator(f"{root} label[for$=-continue]").click()  # the label is a target too
    assert not dosing_page.is_checked(f"{root} input[name=continue]")
    assert "Model, not a prediction:" in dosing_page.locator(root).text_content()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_fits_a_phone_in_light_and_dark_mode(browser, scheme):
    context, page, root = phone_page(browser, denosumab_dosing(), scheme)
    widths = page.eval_on_selector(root, "r => [r.scrollWidth, r.clientWidth]")
    assert widths[0] <= widths[1] + 1, widths
    page.tap(f"{root} label[for$=-continue]")
    assert page.is_checked(f"{root} input[name=continue]")
    if AXE.is_file():
        violations = axe_violations(page, root)
        assert violations == [], (scheme, violations)
    context.close()
