"""The bone measures calculator's static page recomputes in Chromium exactly as Python does.

Inputs are typed into the page (as a user would), and the reading or the error that the
page shows is compared with bonelearn.models.measures and bonelearn.widgets.measures.
"""

from __future__ import annotations

from typing import Any

import pytest

from bonelearn.errors import ParameterError
from bonelearn.models.measures import assess_change, bone_scores
from bonelearn.widgets import bone_measures_calculator
from bonelearn.widgets.bench import browser_update_ms
from bonelearn.widgets.measures import describe_change, describe_scores
from tests.browser.conftest import BOOK, JUPYTERLAB_LIKE
from tests.browser.test_widgets import AXE, document, widget_page

pytestmark = pytest.mark.browser


def fill(page: Any, root: str, values: dict[str, Any]) -> None:
    """Type each value into its field (selects are chosen), as a user would."""
    for name, value in values.items():
        selector = f"{root} [name={name}]"
        if page.eval_on_selector(selector, "el => el.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, "" if value is None else str(value))


def shown(page: Any, root: str, key: str) -> tuple[str, str]:
    return (page.locator(f"{root} [data-out={key}]").text_content(),
            page.locator(f"{root} [data-err={key}]").text_content())


def expected(fn: Any, describe: Any, values: dict[str, Any]) -> tuple[str, str]:
    try:
        return describe(fn(**values)), ""
    except ParameterError as exc:
        return "", str(exc)


@pytest.fixture
def calc_page(page):
    widget = bone_measures_calculator()
    yield from widget_page(page, widget)


def test_initial_reading_is_pythons(calc_page):
    root = calc_page.root
    assert shown(calc_page, root, "scores") == (describe_scores(bone_scores(0.7, 0.85, 0.12)), "")
    assert shown(calc_page, root, "change") == (describe_change(assess_change(0.7, 0.68, 1.5)), "")
    assert "Learning tool, not a clinical tool:" in calc_page.locator(root).text_content()


SCORES = [
    {"group": "older", "bmd": 0.55, "young_mean": 0.85, "young_sd": 0.12, "age_mean": None,
     "age_sd": None},
    {"group": "older", "bmd": 0.912, "young_mean": 1.047, "young_sd": 0.11, "age_mean": 0.95,
     "age_sd": 0.13},
    {"group": "younger", "bmd": 0.61, "young_mean": 0.858, "young_sd": 0.12, "age_mean": 0.84,
     "age_sd": 0.11},
    {"group": "older", "bmd": 0.7, "young_mean": 0.85, "young_sd": 0, "age_mean": None,
     "age_sd": None},
    {"group": "older", "bmd": 0.7, "young_mean": 0.85, "young_sd": 0.1, "age_mean": 0.8,
     "age_sd": None},
    # printed -2.5 (exact -2.496): the category is that of the printed value
    {"group": "older", "bmd": 0.55048, "young_mean": 0.85, "young_sd": 0.12, "age_mean": None,
     "age_sd": None},
    {"group": "younger", "bmd": 0.55, "young_mean": 0.85, "young_sd": 0.12, "age_mean": None,
     "age_sd": None},
]


@pytest.mark.parametrize("values", SCORES)
def test_scores_panel_matches_python(calc_page, values):
    fill(calc_page, calc_page.root, values)
    assert shown(calc_page, calc_page.root, "scores") == expected(bone_scores, describe_scores,
                                                                  values)


CHANGES = [
    {"kind": "cv", "precision": 1.2, "first": 0.812, "second": 0.761},
    {"kind": "cv", "precision": 12, "first": 0.45, "second": 0.4},
    {"kind": "sd", "precision": 0.011, "first": 0.912, "second": 0.95},
    {"kind": "cv", "precision": 0, "first": 0.8, "second": 0.7},
    {"kind": "sd", "precision": 0.01, "first": 0.8, "second": -0.7},
    {"kind": "cv", "precision": 1.5, "first": 1.0, "second": 0.95845},
    {"kind": "lognormal", "precision": 15, "first": 0.52, "second": 0.31},
    {"kind": "lognormal", "precision": 15, "first": 0.52, "second": 0.75},
]


@pytest.mark.parametrize("values", CHANGES)
def test_change_panel_matches_python(calc_page, values):
    fill(calc_page, calc_page.root, values)
    assert shown(calc_page, calc_page.root, "change") == expected(assess_change, describe_change,
                                                                  values)


def test_empty_required_field_is_named(calc_page):
    root = calc_page.root
    calc_page.fill(f"{root} [name=first]", "")
    text, error = shown(calc_page, root, "change")
    assert text == "" and error == "first measurement (first) is empty: enter a number"
    assert calc_page.get_attribute(f"{root} [data-err=change]", "role") == "alert"
    calc_page.fill(f"{root} [name=first]", "0.7")
    assert shown(calc_page, root, "change")[1] == ""


def test_keyboard_changes_a_select(calc_page):
    root = calc_page.root
    calc_page.focus(f"{root} [name=group]")
    calc_page.keyboard.press("ArrowDown")
    assert "the WHO categories are defined for postmenopausal women" in shown(
        calc_page, root, "scores")[0]


def test_update_fits_in_one_frame(page):
    widget = bone_measures_calculator()
    page.set_content(document(widget.html()))
    assert browser_update_ms(page, f"#{widget.uid}", repeats=15) < 16.0


def test_mounts_when_inserted_like_jupyterlab(page):
    page.set_content(document())
    for _ in range(2):
        page.evaluate(JUPYTERLAB_LIKE, [bone_measures_calculator().html(), True])
    assert page.locator(".bl-bone-measures[data-bl-mounted]").count() == 2
    second = page.locator(".bl-bone-measures").nth(1)
    second.locator("[name=bmd]").fill("0.5")
    assert "osteoporosis" in second.locator("[data-out=scores]").text_content()
    first = page.locator(".bl-bone-measures").nth(0)
    assert "low bone mass" in first.locator("[data-out=scores]").text_content()
    assert page.log.page_errors == [] and page.log.console_errors == []


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is not installed (npm ci)")
def test_no_axe_violations(calc_page):
    calc_page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    calc_page.fill(f"{calc_page.root} [name=young_sd]", "0")  # the error paragraph is shown, too
    violations = calc_page.evaluate(
        "async sel => (await axe.run(sel, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))",
        calc_page.root)
    assert violations == []


CHAPTER = BOOK / "chapters" / "measuring-bone" / "measuring-bone.html"


@pytest.mark.skipif(not CHAPTER.is_file(), reason="the book is not built (make book)")
def test_chapter_page_in_built_book(page, book_url):
    page.goto(f"{book_url}/chapters/measuring-bone/measuring-bone.html")
    page.wait_for_selector(".bl-bone-measures[data-bl-mounted]", state="attached")
    root = f"#{page.locator('.bl-bone-measures').first.get_attribute('id')}"
    values = SCORES[1]
    fill(page, root, values)
    assert shown(page, root, "scores") == expected(bone_scores, describe_scores, values)
    assert page.log.page_errors == []
