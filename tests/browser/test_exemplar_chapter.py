"""The exemplar chapter in the built book: complete anatomy and a working quiz."""

from __future__ import annotations

import pytest

CHAPTER = "chapters/remodelling/remodelling.html"


@pytest.fixture
def chapter(page, book_url: str):
    page.goto(f"{book_url}/{CHAPTER}", wait_until="load")
    return page


def test_chapter_shows_every_part_of_the_anatomy(chapter) -> None:
    text = chapter.inner_text("main")
    for part in ("Learning objectives", "Estimated time", "Prerequisites", "Key points",
                 "Check your understanding", "Further reading"):
        assert part in text, f"missing: {part}"
    assert chapter.locator("main .exercise").count() >= 1
    assert chapter.locator("main img[alt]").count() >= 1
    assert chapter.locator("main .bl-quiz").count() == 1
    # Citations resolve to the references page, not to "??" placeholders.
    assert "??" not in text
    assert chapter.locator("main a[href*='references.html#']").count() >= 5


def test_solutions_are_hidden_until_opened(chapter) -> None:
    solutions = chapter.locator("main .solution")
    assert solutions.count() >= 1
    for i in range(solutions.count()):
        body = solutions.nth(i).locator("section, .solution-content, p").last
        assert not body.is_visible(), "a solution is visible before the reader opens it"


def _first_single_question(chapter):
    question = chapter.locator(".bl-question:has(input[type=radio])").first
    assert question.count() == 1
    return question


def test_quiz_feedback_by_mouse(chapter) -> None:
    question = _first_single_question(chapter)
    feedback = question.locator(".bl-feedback")
    assert feedback.inner_text().strip() == ""
    question.locator(".bl-option label").nth(1).click()
    assert feedback.inner_text().strip() == "", "choosing an option must not grade it"
    question.locator(".bl-check").click()
    shown = feedback.inner_text()
    assert ("Correct" in shown) or ("Not quite" in shown)
    assert feedback.get_attribute("aria-live") in ("polite", "assertive")
    assert "of" in chapter.locator(".bl-score").first.inner_text()


def test_quiz_feedback_by_keyboard(chapter) -> None:
    question = _first_single_question(chapter)
    feedback = question.locator(".bl-feedback")
    question.locator("input[type=radio]").first.focus()
    chapter.keyboard.press("Space")
    chapter.keyboard.press("ArrowDown")  # moves the choice; must not grade
    assert feedback.inner_text().strip() == ""
    checked = question.locator("input[type=radio]:checked")
    assert checked.count() == 1
    # Tab to the check button and press it.
    for _ in range(10):
        chapter.keyboard.press("Tab")
        if chapter.evaluate("document.activeElement.classList.contains('bl-check')"):
            break
    focus_outline = chapter.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle")
    assert focus_outline not in ("none", ""), "no visible focus indicator on the check button"
    chapter.keyboard.press("Enter")
    shown = feedback.inner_text()
    assert ("Correct" in shown) or ("Not quite" in shown)


def test_widgets_render_as_static_html_without_ipywidgets_scripts(chapter) -> None:
    html = chapter.content()
    assert "embed-amd" not in html and "require.min.js" not in html
    assert "application/vnd.jupyter.widget-state+json" not in html


def test_launch_buttons_match_the_instructor_kit_links(chapter) -> None:
    """Binder, Colab and JupyterHub buttons all derive from `repository.url` in _config.yml
    and open the chapter's reader notebook (notebooks/remodelling.ipynb), as the kit's do."""
    from bonelearn.course import repository
    from bonelearn.instructor.links import chapter_links

    from .conftest import ROOT

    repo = repository(ROOT)
    expected = chapter_links(repo, "remodelling")
    assert expected.colab.endswith("/notebooks/remodelling.ipynb")
    hrefs = chapter.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    for url in (expected.binder, expected.colab, expected.jupyterhub):
        assert url in hrefs, url
