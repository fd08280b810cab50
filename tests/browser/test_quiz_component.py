"""The quiz component in Chromium: mouse and keyboard answering, feedback and score.

The page is built from ``Quiz(...)._repr_html_()`` and loaded with ``page.set_content``,
so no server and no built book are needed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bonelearn.quiz import Quiz
from tests.browser.conftest import JUPYTERLAB_LIKE
from tests.unit.test_quiz_export import HOSTILE, NASTY, PLAIN

pytestmark = pytest.mark.browser


def document(*fragments: str) -> str:
    body = "".join(f"<section><h2>Quiz {n}</h2>{f}</section>" for n, f in enumerate(fragments))
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quiz test</title>'
        f"</head><body><main><h1>Quiz test</h1>{body}</main></body></html>"
    )


@pytest.fixture
def quiz_page(page):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    html = Quiz(PLAIN).to_html()
    page.set_content(document(html, Quiz(NASTY, title=HOSTILE).to_html(), html))
    page.dialogs = dialogs
    yield page
    assert page.log.page_errors == [] and page.log.console_errors == []
    assert dialogs == [], "hostile text ran as script"


def question(page, qid: str, nth: int = 0):
    return page.locator(f'.bl-question[data-question-id="{qid}"]').nth(nth)


def score(page, nth: int = 0) -> str:
    return page.locator(".bl-score").nth(nth).inner_text()


def scored(right: int, total: int = 4) -> str:
    """The score line: only each question's first checked answer counts."""
    return f"Score: {right} of {total} correct at the first attempt"


def test_defined_once_and_every_copy_mounted(quiz_page):
    page = quiz_page
    assert page.evaluate("window.bonelearnQuiz.definitions") == 1
    assert page.locator(".bl-quiz[data-bl-mounted]").count() == 3
    ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "a second copy of a quiz must get fresh ids"
    names = page.evaluate(
        "[...document.querySelectorAll('input[type=radio]')].map(e => e.name)"
    )
    assert len(set(names)) == 3  # one radio group per copy of the single-answer question
    assert page.locator(".bl-noscript:visible").count() == 0
    assert page.locator(".bl-check:visible").count() == 3 * len(PLAIN)


def test_mouse_single_answer(quiz_page):
    page = quiz_page
    q = question(page, "remodelling-single")
    assert score(page) == scored(0)
    q.get_by_text("Osteoclasts right", exact=True).click()
    assert q.locator(".bl-feedback").inner_text() == ""  # choosing never grades
    q.locator(".bl-check").click()
    feedback = q.locator(".bl-feedback")
    assert "Correct." in feedback.inner_text()
    assert "Osteoclasts why right" in feedback.inner_text()
    assert score(page) == scored(1)
    assert score(page, 2) == scored(0)  # the copy keeps its own score
    explanations = q.locator(".bl-option-feedback").all_inner_texts()
    assert explanations[0].startswith("✓ Correct option (your choice).")
    assert explanations[1] == "", "only the chosen option is explained"
    q.get_by_text("Osteoclasts wrong", exact=True).click()
    assert q.locator(".bl-feedback").inner_text() == ""  # stale marks are cleared
    q.locator(".bl-check").click()
    assert "Not quite." in feedback.inner_text()
    assert "Osteoclasts why wrong" in q.locator(".bl-option-feedback").nth(1).inner_text()
    assert score(page) == scored(1)  # the first attempt was right, and it is what counts


def test_keyboard_single_answer_arrows_do_not_grade(quiz_page):
    page = quiz_page
    q = question(page, "remodelling-single")
    page.keyboard.press("Tab")  # the first focusable element: the first radio
    assert page.evaluate("document.activeElement.type") == "radio"
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")  # moves the selection to the wrong option
    assert q.locator("input").nth(1).is_checked()
    assert q.locator(".bl-feedback").inner_text() == ""
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "bl-check"
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
    )
    assert outline[0] != "none" and outline[1] >= 2, "visible keyboard focus"
    page.keyboard.press("Enter")
    assert "Not quite." in q.locator(".bl-feedback").inner_text()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("ArrowUp")
    assert q.locator("input").nth(0).is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert "Correct." in q.locator(".bl-feedback").inner_text()
    assert score(page) == scored(0)  # the first attempt (wrong) is the one that counts


def test_multiple_answers(quiz_page):
    page = quiz_page
    q = question(page, "remodelling-multiple")
    q.locator(".bl-check").click()
    assert q.locator(".bl-feedback").inner_text() == "Select at least one option first."
    q.locator("input").nth(0).check()
    q.locator(".bl-check").click()
    assert "Not quite." in q.locator(".bl-feedback").inner_text()
    assert "You chose 1 of the 2 correct options" in q.locator(".bl-feedback").inner_text()
    q.locator("input").nth(1).check()
    q.locator(".bl-check").click()
    assert "Correct." in q.locator(".bl-feedback").inner_text()
    # Only the two options chosen are explained, not the third.
    assert len([t for t in q.locator(".bl-option-feedback").all_inner_texts() if t]) == 2


def test_numeric_answers(quiz_page):
    page = quiz_page
    q = question(page, "remodelling-numeric")
    field = q.get_by_label("Your answer (in days)")
    feedback = q.locator(".bl-feedback")
    field.fill("121,5")
    field.press("Enter")
    assert "Use a dot, not a comma" in feedback.inner_text()
    assert field.get_attribute("aria-invalid") == "true"
    field.fill("about 120")
    q.locator(".bl-check").click()
    assert "is not a number" in feedback.inner_text()
    assert score(page) == scored(0)
    field.fill("130")
    field.press("Enter")
    assert "Not quite." in feedback.inner_text()
    assert "Osteoclasts num wrong" in feedback.inner_text()
    field.fill("121.5")
    field.press("Enter")
    assert "Correct." in feedback.inner_text()
    assert field.get_attribute("aria-invalid") is None
    assert score(page) == scored(0)  # 130 was the first answer (unreadable ones do not count)


def test_ordering_by_keyboard(quiz_page):
    page = quiz_page
    q = question(page, "remodelling-ordering")

    def order() -> list[int]:
        return [int(x) for x in q.locator(".bl-order-item").evaluate_all(
            "items => items.map(i => i.dataset.item)")]

    q.locator(".bl-check").click()
    assert "Not quite." in q.locator(".bl-feedback").inner_text()
    for target in range(3):
        while order().index(target) != target:
            up = q.locator(f'.bl-order-item[data-item="{target}"] .bl-move[data-dir="-1"]')
            up.focus()
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.dataset.dir") == "-1"
            status = q.locator(".bl-order-status").inner_text()
            assert f"moved to position {order().index(target) + 1} of 3" in status
    assert order() == [0, 1, 2]
    first_up = q.locator('.bl-order-item[data-item="0"] .bl-move[data-dir="-1"]')
    assert first_up.get_attribute("aria-disabled") == "true"
    first_up.focus()
    page.keyboard.press("Enter")
    assert "is already first" in q.locator(".bl-order-status").inner_text()
    q.locator(".bl-check").focus()
    page.keyboard.press("Enter")
    assert "Correct." in q.locator(".bl-feedback").inner_text()
    assert "3 of 3 items are in the right place" in q.locator(".bl-feedback").inner_text()
    assert score(page) == scored(0)  # the first check, in the shuffled order, counts


def test_hostile_text_is_shown_as_text(quiz_page):
    page = quiz_page
    q = question(page, "hostile-single")
    labels = q.locator("label").all_inner_texts()
    assert labels[0] == f"{HOSTILE} right"
    q.locator("input").nth(0).check()
    q.locator(".bl-check").click()
    assert f"{HOSTILE} why right" in q.locator(".bl-feedback").inner_text()
    # Three fragments, each with one data block and one script: nothing was injected.
    assert page.locator("script").count() == 6


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core not installed (npm ci)")
def test_axe_finds_nothing_before_and_after_answering(quiz_page):
    page = quiz_page
    assert axe_violations(page) == []
    for qid in ("remodelling-single", "remodelling-multiple"):
        q = question(page, qid)
        q.locator("input").nth(2).check()
        q.locator(".bl-check").click()
    numeric = question(page, "remodelling-numeric")
    numeric.locator("input").fill("1,5")
    numeric.locator(".bl-check").click()
    question(page, "remodelling-ordering").locator(".bl-check").click()
    assert axe_violations(page) == []


def test_numeric_range_is_shown_without_float_noise(page):
    from bonelearn.quiz import Feedback, NumericQuestion

    q = NumericQuestion(id="float-noise", objective="o", difficulty="easy", cite=("k",),
                        stem="What is 0.1 + 0.2?", answer=0.3, tolerance=0.1,
                        feedback=Feedback("Yes.", "No."))
    page.set_content(document(Quiz([q]).to_html()))
    field = page.get_by_label("Your answer")
    field.fill("0.2")
    field.press("Enter")
    text = page.locator(".bl-feedback").inner_text()
    assert "The expected answer is 0.3 (accepted: 0.2 to 0.4)." in text
    field.fill("-.45e0")
    field.press("Enter")
    assert "Not quite." in page.locator(".bl-feedback").inner_text()


def test_theme_legend_styles_do_not_leak_in(page):
    """Bootstrap (the book's theme) floats legends and sets them at heading size."""
    theme = "<style>legend{float:left;width:100%;font-size:calc(1.275rem + .3vw)}</style>"
    page.set_content(document(theme + Quiz(PLAIN).to_html()))
    sizes = page.evaluate(
        "(() => { const l = getComputedStyle(document.querySelector('.bl-stem'));"
        " const q = getComputedStyle(document.querySelector('.bl-quiz'));"
        " return [l.float, l.fontSize, q.fontSize]; })()"
    )
    assert sizes[0] == "none" and sizes[1] == sizes[2]




@pytest.mark.parametrize("attach_first", [True, False], ids=["attached", "detached"])
def test_mounts_when_inserted_like_jupyterlab(page, attach_first):
    page.set_content(document())
    fragment = Quiz(PLAIN).to_html()
    page.evaluate(JUPYTERLAB_LIKE, [fragment, attach_first])
    page.evaluate(JUPYTERLAB_LIKE, [fragment, attach_first])  # the cell is run again
    assert page.locator(".bl-quiz[data-bl-mounted]").count() == 2
    assert page.evaluate("window.bonelearnQuiz.definitions") == 1
    q = question(page, "remodelling-single", nth=1)
    q.locator("input").first.check()
    q.locator(".bl-check").click()
    assert "Correct." in q.locator(".bl-feedback").inner_text()
    assert score(page, 1) == scored(1) and score(page, 0).startswith("Score: 0")
