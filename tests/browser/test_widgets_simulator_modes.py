"""The simulator's two modes in Chromium: the switch, and the schedule mode against Python.

The schedule mode runs the same script as the standalone dosing widget (widgets/js/dosing.js
on widgets/js/denosumab-model.js), so the dosing checks apply to the simulator's root once
the schedule panel is shown; the parameter mode keeps the simulator's own checks.
"""

from __future__ import annotations

from typing import Any

import pytest

from bonelearn.widgets import remodelling_simulator
from tests.browser.conftest import BOOK
from tests.browser.test_widgets import (
    AXE,
    SET_RANGE,
    axe_violations,
    check_simulator_matches_python,
    document,
    phone_page,
    widget_page,
)
from tests.browser.test_widgets_dosing import check_dosing_matches_python

pytestmark = pytest.mark.browser

SCHEDULE = "Denosumab schedule (PK–PD model)"
PARAMETER = "Drug as a parameter change (Lemaire 2004)"


def shown_mode(page: Any, root: str) -> dict[str, Any]:
    """Which panel is in the page, which radio is checked, and what the state says."""
    return page.eval_on_selector(root, """r => ({
      panels: [...r.querySelectorAll('.bl-mode-panel')].map(p => p.dataset.mode),
      checked: r.querySelector('input[data-bl-mode]:checked').value,
      attr: r.getAttribute('data-mode'),
      state: r._blState.mode || 'schedule',
      interval: r.querySelectorAll('input[name=interval]').length,
      inflammation: r.querySelectorAll('input[name=inflammation]').length})""")


@pytest.fixture
def sim_page(page):
    widget = remodelling_simulator(inflammation=0.6, drug="denosumab")
    yield from widget_page(page, widget)


def test_one_mode_at_a_time_and_the_switch_is_labelled(sim_page):
    root = sim_page.root
    assert shown_mode(sim_page, root) == {
        "panels": ["parameter"], "checked": "parameter", "attr": None, "state": "parameter",
        "interval": 0, "inflammation": 1}
    legend = sim_page.locator(f"{root} fieldset.bl-mode-switch legend").text_content()
    assert legend == "How the drug is modelled"
    radios = sim_page.locator(f"{root} fieldset.bl-mode-switch").aria_snapshot()
    # Chrome puts a space before the comma of the hidden part of the label
    assert f'radio "{PARAMETER} , Remodelling simulator" [checked]' in radios
    assert f'radio "{SCHEDULE} , Remodelling simulator"\n' in radios + "\n"


def test_keyboard_switches_to_the_schedule_and_back(sim_page):
    root = sim_page.root
    sim_page.focus(f"{root} input[data-bl-mode][value=parameter]")
    sim_page.keyboard.press("ArrowRight")  # a radio group moves and checks with the arrows
    mode = shown_mode(sim_page, root)
    assert mode["panels"] == ["schedule"] and mode["checked"] == "schedule"
    assert mode["interval"] == 1 and mode["inflammation"] == 0
    assert "Model, not a prediction:" in sim_page.locator(root).text_content()
    check_dosing_matches_python(sim_page, root, 6, 6, False)
    # the schedule's own controls work by keyboard too
    sim_page.focus(f"{root} input[name=doses]")
    sim_page.keyboard.press("ArrowRight")
    assert sim_page.locator(f"{root} .bl-summary").text_content().startswith("7 injections")
    sim_page.focus(f"{root} input[data-bl-mode][value=schedule]")
    sim_page.keyboard.press("ArrowLeft")
    assert shown_mode(sim_page, root)["panels"] == ["parameter"]
    check_simulator_matches_python(sim_page, root, 0.6, "denosumab", 180, 365)


def test_pointer_switches_and_each_mode_keeps_its_settings(sim_page):
    root = sim_page.root
    sim_page.eval_on_selector(f"{root} input[name=inflammation]", SET_RANGE, 0.3)
    sim_page.locator(f"{root} label", has_text=SCHEDULE).click()  # on the words
    assert shown_mode(sim_page, root)["panels"] == ["schedule"]
    sim_page.eval_on_selector(f"{root} input[name=interval]", SET_RANGE, 3)
    sim_page.locator(f"{root} label", has_text=PARAMETER).click()
    assert sim_page.input_value(f"{root} input[name=inflammation]") == "0.3"
    assert sim_page.locator(f"{root} .bl-summary").text_content().startswith("Inflammation 0.30")
    sim_page.locator(f"{root} label", has_text=SCHEDULE).click()  # on the words
    assert sim_page.input_value(f"{root} input[name=interval]") == "3"
    assert "every 3 months" in sim_page.locator(f"{root} .bl-summary").text_content()


@pytest.mark.parametrize(("interval", "doses", "keep"), [
    (12, 6, False), (3, 12, False), (6, 2, False), (6, 6, True), (1, 0, False),
])
def test_schedule_changes_change_the_curve_as_python(page, interval, doses, keep):
    widget = remodelling_simulator(mode="schedule")
    page.set_content(document(widget.html()))
    root = f"#{widget.uid}"
    page.wait_for_selector(f"{root}[data-bl-mounted]", state="attached")
    assert shown_mode(page, root)["panels"] == ["schedule"]
    before = page.get_attribute(f"{root} svg[data-panel=BMD] polyline.bl-treated", "points")
    check_dosing_matches_python(page, root, interval, doses, keep)
    after = page.get_attribute(f"{root} svg[data-panel=BMD] polyline.bl-treated", "points")
    assert before != after
    assert page.log.page_errors == [] and page.log.console_errors == []


def test_two_simulators_on_one_page_switch_independently(page):
    widgets = [remodelling_simulator(mode="schedule"), remodelling_simulator(drug="denosumab")]
    page.set_content(document(*(w.html() for w in widgets)))
    first, second = (f"#{w.uid}" for w in widgets)
    for root in (first, second):
        page.wait_for_selector(f"{root}[data-bl-mounted]", state="attached")
    page.click(f"{second} input[data-bl-mode][value=schedule]")
    assert shown_mode(page, second)["panels"] == ["schedule"]
    assert shown_mode(page, first)["panels"] == ["schedule"]
    page.click(f"{first} input[data-bl-mode][value=parameter]")
    assert shown_mode(page, second)["panels"] == ["schedule"]
    # the copy swapped in later is named after its widget, like every other control
    assert page.eval_on_selector(f"{second} label[for$=-interval] .bl-which",
                                 "s => s.textContent") == ", Remodelling simulator (2 of 2)"
    assert page.log.page_errors == [] and page.log.console_errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_schedule_mode_fits_a_phone_in_light_and_dark_mode(browser, scheme):
    context, page, root = phone_page(browser, remodelling_simulator(drug="denosumab"), scheme)
    page.tap(f"{root} input[data-bl-mode][value=schedule]")
    assert shown_mode(page, root)["panels"] == ["schedule"]
    widths = page.eval_on_selector(root, "r => [r.scrollWidth, r.clientWidth]")
    assert widths[0] <= widths[1] + 1, widths
    page.tap(f"{root} label[for$=-continue]")
    assert page.is_checked(f"{root} input[name=continue]")
    if AXE.is_file():
        for mode in ("schedule", "parameter"):
            page.tap(f"{root} input[data-bl-mode][value={mode}]")
            violations = axe_violations(page, root)
            assert violations == [], (scheme, mode, violations)
    context.close()


CHAPTER = BOOK / "chapters" / "bone-targeted-agents" / "bone-targeted-agents.html"


@pytest.mark.skipif(not CHAPTER.is_file(), reason="the book is not built (make book)")
def test_chapter_uses_the_schedule_mode(page, book_url):
    page.goto(f"{book_url}/chapters/bone-targeted-agents/bone-targeted-agents.html")
    page.wait_for_selector(".bl-remodelling-simulator[data-bl-mounted]", state="attached")
    scheduled = page.locator(".bl-remodelling-simulator[data-bl-mounted]"
                             ":has(input[data-bl-mode][value=schedule]:checked)")
    assert scheduled.count() >= 1, "no simulator in schedule mode on the chapter page"
    root = f"#{scheduled.first.get_attribute('id')}"
    check_dosing_matches_python(page, root, 12, 4, False)
    page.click(f"{root} input[data-bl-mode][value=parameter]")
    check_simulator_matches_python(page, root, 0.7, "denosumab", 180, 365)
    assert page.log.page_errors == []
