"""The remodelling simulator on the built book at a laptop and a phone size, light and
dark (issue 13, part A): every control visibly changes the plots or is disabled with its
reason shown, the legend shows only what is drawn, and nothing overflows at 390 px.
"""

from __future__ import annotations

import pytest

from tests.browser.test_explorer_screens import SCREENS, SET_RANGE, needs_book, open_page

pytestmark = pytest.mark.browser


@pytest.fixture(params=[(s, m) for s in SCREENS for m in ("light", "dark")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def sim_page(request, browser, book_url):
    page = open_page(browser, book_url, *request.param)
    page.screen = request.param
    page.root = f"#{page.locator('.bl-remodelling-simulator').first.get_attribute('id')}"
    page.locator(page.root).scroll_into_view_if_needed()
    yield page
    assert page.errors == []
    page.context.close()


def curves(page) -> list[str]:
    return page.eval_on_selector_all(f"{page.root} polyline",
                                     "ps => ps.map(p => p.getAttribute('points'))")


def shown(page, selector: str) -> bool:
    return page.eval_on_selector(
        selector, "e => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none'")


@needs_book
def test_no_drug_disables_the_day_controls_and_says_why(sim_page):
    page, root = sim_page, sim_page.root
    page.select_option(f"{root} select[name=drug]", "none")
    for name in ("start", "duration"):
        assert page.is_disabled(f"{root} input[name={name}]")
    reason = page.locator(f"{root} .bl-reason")
    assert reason.is_visible() and reason.text_content().startswith("No drug chosen")
    described = page.get_attribute(f"{root} input[name=start]", "aria-describedby")
    assert page.locator(f"#{described}").text_content() == reason.text_content()
    # the legend shows only the untreated course: no treated line, no drug window
    keys = page.eval_on_selector_all(f"{root} .bl-legend span",
                                     "ss => ss.filter(s => s.getClientRects().length)"
                                     ".map(s => s.textContent.trim())")
    assert keys == ["untreated (dashed)"]
    assert not shown(page, f"{root} polyline.bl-treated")
    page.select_option(f"{root} select[name=drug]", "denosumab")
    for name in ("start", "duration"):
        assert page.is_enabled(f"{root} input[name={name}]")
    assert not reason.is_visible()
    keys = page.eval_on_selector_all(f"{root} .bl-legend span",
                                     "ss => ss.filter(s => s.getClientRects().length)"
                                     ".map(s => s.textContent.trim())")
    assert keys == ["treated (solid)", "untreated (dashed)", "drug given"]


@needs_book
def test_every_control_visibly_changes_the_plots(sim_page):
    page, root = sim_page, sim_page.root
    page.select_option(f"{root} select[name=drug]", "denosumab")
    for name, value in (("inflammation", 0.9), ("start", 30), ("duration", 700)):
        before = curves(page)
        page.eval_on_selector(f"{root} input[name={name}]", SET_RANGE, value)
        assert curves(page) != before, name
    before = curves(page)
    page.select_option(f"{root} select[name=drug]", "romosozumab")
    assert curves(page) != before


@needs_book
def test_simulator_fits_the_screen(sim_page):
    page, root = sim_page, sim_page.root
    width = SCREENS[sim_page.screen[0]][0]
    boxes = page.eval_on_selector(root, """r => [r, ...r.querySelectorAll('select, input, svg')]
      .map(e => [e.tagName, e.getBoundingClientRect().right])""")
    assert all(right <= width for _, right in boxes), boxes
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") == 0
