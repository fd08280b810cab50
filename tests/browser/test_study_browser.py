"""The study browser on the built book page: filters, search, sort and downloads agree
with Python, from the keyboard and on a phone-sized screen."""

from __future__ import annotations

import csv
import io
import json
import urllib.parse
from typing import Any

import pytest

from bonelearn.evidence import filter_studies, load_studies, to_csv, to_json

pytestmark = pytest.mark.browser

PAGE = "chapters/evidence/evidence.html"
ROOT = ".bl-study-browser"
STUDIES = load_studies()


def set_controls(page: Any, **values: str) -> None:
    for name, value in values.items():
        if name == "text":
            page.fill(f"{ROOT} input[name=text]", value)
        else:
            page.select_option(f"{ROOT} select[name={name}]", value)


def shown(page: Any) -> list[str]:
    return page.eval_on_selector(
        f"{ROOT} .bl-study-list",
        "l => [...l.children].filter(li => !li.hidden).map(li => li.dataset.study)")


CASES = [
    {},
    {"class": "denosumab"},
    {"outcome": "fractures", "sort": "size_desc"},
    {"design": "randomised_controlled", "sort": "year_asc"},
    {"text": "vertebral FRACTURE"},
    {"class": "denosumab", "outcome": "systemic_bmd", "text": "spine"},
]


@pytest.mark.parametrize("controls", CASES, ids=lambda c: ",".join(c) or "all")
def test_selection_and_count_match_python(page: Any, book_url: str, controls: dict) -> None:
    page.goto(f"{book_url}/{PAGE}", wait_until="load")
    set_controls(page, **controls)
    expected = filter_studies(
        STUDIES, controls.get("class") or None, controls.get("outcome") or None,
        controls.get("design") or None, controls.get("disease") or None,
        controls.get("text", ""), controls.get("sort", "year_desc"))
    assert shown(page) == [s.id for s in expected]
    summary = page.locator(f"{ROOT} .bl-summary").text_content()
    assert summary == f"Showing {len(expected)} of {len(STUDIES)} studies."
    assert page.get_attribute(f"{ROOT} .bl-summary", "aria-live") == "polite"


def _download(page: Any, fmt: str) -> str:
    link = page.locator(f"{ROOT} .bl-downloads a[data-format={fmt}]")
    link.click()
    href = link.get_attribute("href")
    assert href.startswith("data:")
    return urllib.parse.unquote(href.split(",", 1)[1])


def test_downloads_are_the_studies_shown(page: Any, book_url: str) -> None:
    page.goto(f"{book_url}/{PAGE}", wait_until="load")
    set_controls(page, **{"class": "denosumab"})
    expected = filter_studies(STUDIES, "denosumab")
    text = _download(page, "csv")
    assert text == to_csv(expected)
    assert len(list(csv.DictReader(io.StringIO(text)))) == sum(len(s.outcomes) for s in expected)
    data = json.loads(_download(page, "json"))
    assert data == json.loads(to_json(expected))


def test_keyboard_reaches_controls_and_opens_a_study(page: Any, book_url: str) -> None:
    page.goto(f"{book_url}/{PAGE}", wait_until="load")
    page.focus(f"{ROOT} select[name=class]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "outcome"
    first = page.locator(f"{ROOT} .bl-study-list li:not([hidden]) summary").first
    first.focus()
    page.keyboard.press("Enter")
    assert page.locator(f"{ROOT} .bl-study-list li:not([hidden]) details").first.evaluate(
        "d => d.open")


def test_fits_a_phone_screen(browser: Any, book_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{book_url}/{PAGE}", wait_until="load")
    page.locator(f"{ROOT} .bl-study-list summary").first.click()
    widths = page.eval_on_selector(ROOT, "r => [r.scrollWidth, r.clientWidth]")
    assert widths[0] <= widths[1] + 1, widths
    context.close()


def test_each_study_opens_to_the_details_python_writes(page: Any, book_url: str) -> None:
    """study-browser.js builds each study's details from the payload; they are the same
    elements and text as bonelearn.widgets.studies.study_item_html (the live view's)."""
    from bonelearn.widgets.studies import _class_labels, study_item_html

    labels = _class_labels()
    python = {s.id: study_item_html(s, labels) for s in STUDIES}
    page.goto(f"{book_url}/{PAGE}", wait_until="load")
    mismatched = page.evaluate(
        """([root, python]) => {
          const bad = [];
          for (const li of document.querySelectorAll(`${root} .bl-study-list > li`)) {
            const t = document.createElement('template');
            t.innerHTML = python[li.dataset.study];
            const want = t.content.querySelector('details').outerHTML;
            const got = li.querySelector('details')?.outerHTML;
            if (got !== want) bad.push([li.dataset.study, got, want]);
          }
          return [document.querySelectorAll(`${root} .bl-study-list > li`).length, bad];
        }""", [ROOT, python])
    assert mismatched[0] == len(STUDIES)
    assert mismatched[1] == []
    assert page.locator(f"{ROOT} .bl-nojs").count() == 0


def test_search_text_is_pythons(page: Any, book_url: str) -> None:
    """The search text study-browser.js derives from the records is Study.text()."""
    page.goto(f"{book_url}/{PAGE}", wait_until="load")
    texts = page.evaluate(
        """root => {
          const data = JSON.parse(document.querySelector(`${root} script.bl-data`).textContent);
          return data.records.map(r => window.bonelearn.widgets.studySearchText(r, data.labels));
        }""", ROOT)
    assert texts == [s.text() for s in STUDIES]


def test_without_javascript_the_list_names_every_study(browser: Any, book_url: str) -> None:
    from bonelearn.widgets.studies import NO_SCRIPT_NOTE

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{book_url}/{PAGE}", wait_until="load")
    items = page.locator(f"{ROOT} .bl-study-list > li")
    assert items.count() == len(STUDIES)
    first = page.locator(f"{ROOT} .bl-study-list > li:not([hidden])").first
    assert first.is_visible() and " · " in first.text_content()
    assert page.locator(f"{ROOT} .bl-nojs").text_content() == NO_SCRIPT_NOTE
    context.close()


THERAPIES = "chapters/therapies/therapies.html"
#: the therapies chapter's browser: study_browser(outcome="fractures", within=[...])
WITHIN = [s for s in STUDIES if {"fractures", "systemic_bmd"} & set(s.outcome_ids)]


@pytest.mark.parametrize("controls", [{}, {"outcome": "systemic_bmd", "class": "il17_inhibitor"},
                                      {"outcome": "", "text": "spine"}],
                         ids=["as-built", "il17-density", "all-outcomes-search"])
def test_a_browser_within_some_outcomes_matches_python(page: Any, book_url: str,
                                                        controls: dict) -> None:
    """The therapies page ships only the fracture and density studies; its filters, count
    and downloads work inside them as Python's do."""
    page.goto(f"{book_url}/{THERAPIES}", wait_until="load")
    set_controls(page, **controls)
    state = {"outcome": "fractures", **controls}
    expected = filter_studies(WITHIN, state.get("class") or None, state["outcome"] or None,
                              None, None, state.get("text", ""), "year_desc")
    assert shown(page) == [s.id for s in expected]
    summary = page.locator(f"{ROOT} .bl-summary").text_content()
    assert summary == (f"Showing {len(expected)} of {len(WITHIN)} studies reporting "
                       "fractures or systemic bone density.")
    assert json.loads(_download(page, "json")) == json.loads(to_json(expected))
