"""A wrong answer is a first attempt, not the end: retry, show answer, first-attempt score.

The quiz is loaded with ``page.set_content`` (no built book needed) at a laptop's
1366x768 and a phone's 390x844, and driven by mouse, keyboard and touch. The book's own
pages (light and dark mode) are checked in ``test_pages_screens.py``.
"""

from __future__ import annotations

import pytest

from bonelearn.quiz import Quiz
from tests.browser.test_quiz_component import document, question, score, scored
from tests.unit.test_quiz_export import PLAIN

SCREENS = {"laptop": (1366, 768), "phone": (390, 844)}


@pytest.fixture(params=list(SCREENS), ids=list(SCREENS))
def quiz(request, browser):
    """One quiz of the four kinds of question, at each screen size (touch on the phone)."""
    width, height = SCREENS[request.param]
    phone = request.param == "phone"
    context = browser.new_context(viewport={"width": width, "height": height},
                                  has_touch=phone, is_mobile=phone)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    viewport = '<meta name="viewport" content="width=device-width, initial-scale=1">'
    page.set_content(document(Quiz(PLAIN).to_html()).replace("</head>", viewport + "</head>"))
    page.phone = phone
    yield page
    assert errors == []
    context.close()


def press(page, locator) -> None:
    """Tap on the phone, click on the laptop."""
    if page.phone:
        locator.tap()
    else:
        locator.click()


def visible_text(q) -> str:
    """What the reader sees of a question (the print-only answer is not shown)."""
    return q.evaluate("node => node.innerText")


def test_wrong_choice_explains_only_that_option_and_offers_two_ways_on(quiz):
    q = question(quiz, "remodelling-single")
    retry = q.locator(".bl-retry")
    assert not retry.is_visible(), "nothing to retry before an answer"
    press(quiz, q.get_by_text("Osteoclasts wrong", exact=True))
    press(quiz, q.locator(".bl-check"))
    feedback = q.locator(".bl-feedback").inner_text()
    assert "Not quite." in feedback and "Osteoclasts why wrong" in feedback
    assert "Try again, or show the answer. The score counts this first answer." in feedback
    explained = q.locator(".bl-option-feedback").all_inner_texts()
    assert explained[1].startswith("✗ Incorrect option (your choice).")
    assert explained[0] == explained[2] == "", "options not chosen stay unexplained"
    shown = visible_text(q)
    assert "why right" not in shown and "plain feedback" not in shown, "the answer leaked"
    assert retry.is_visible()
    assert retry.get_by_role("button", name="Try again question 1").is_visible()
    assert retry.get_by_role("button", name="Show answer to question 1").is_visible()
    assert score(quiz) == scored(0)
    note = quiz.locator(".bl-score-note")
    assert note.is_visible() and "first answer" in note.inner_text()


def test_try_again_clears_the_marks_and_a_later_right_answer_does_not_score(quiz):
    q = question(quiz, "remodelling-single")
    press(quiz, q.get_by_text("Osteoclasts wrong", exact=True))
    press(quiz, q.locator(".bl-check"))
    press(quiz, q.get_by_role("button", name="Try again question 1"))
    assert q.locator(".bl-feedback").inner_text() == ""
    assert q.locator(".bl-option-feedback").all_inner_texts() == ["", "", ""]
    assert not q.locator(".bl-retry").is_visible()
    # Focus goes back to the answer the reader chose, ready to change it.
    chosen = q.locator("input").nth(1).get_attribute("id")
    assert quiz.evaluate("document.activeElement.id") == chosen
    press(quiz, q.get_by_text("Osteoclasts right", exact=True))
    press(quiz, q.locator(".bl-check"))
    feedback = q.locator(".bl-feedback").inner_text()
    assert "Correct." in feedback
    assert "The score still counts your first answer, which was not correct." in feedback
    assert not q.locator(".bl-retry").is_visible()
    assert score(quiz) == scored(0)
    # A question answered right the first time scores, and only once.
    m = question(quiz, "remodelling-multiple")
    for i in (0, 1):
        press(quiz, m.locator("input").nth(i))
    press(quiz, m.locator(".bl-check"))
    press(quiz, m.locator(".bl-check"))
    assert score(quiz) == scored(1)


def test_show_answer_explains_every_option_and_moves_focus(quiz):
    q = question(quiz, "remodelling-single")
    press(quiz, q.get_by_text("plain", exact=True))
    press(quiz, q.locator(".bl-check"))
    press(quiz, q.get_by_role("button", name="Show answer to question 1"))
    feedback = q.locator(".bl-feedback").inner_text()
    assert "Answer:" in feedback and "The correct option: A. Osteoclasts right" in feedback
    explained = q.locator(".bl-option-feedback").all_inner_texts()
    assert explained[0].startswith("✓ Correct option.") and "why right" in explained[0]
    assert explained[1].startswith("✗ Incorrect option.") and "why wrong" in explained[1]
    assert explained[2].startswith("✗ Incorrect option (your choice).")
    assert not q.get_by_role("button", name="Show answer to question 1").is_visible()
    assert quiz.evaluate("document.activeElement.className") == "bl-try-again"
    assert score(quiz) == scored(0)


def test_multiple_choice_explains_only_the_options_chosen(quiz):
    q = question(quiz, "remodelling-multiple")
    press(quiz, q.locator("input").nth(0))
    press(quiz, q.locator("input").nth(2))
    press(quiz, q.locator(".bl-check"))
    feedback = q.locator(".bl-feedback").inner_text()
    assert "You chose 1 of the 2 correct options and 1 incorrect one." in feedback
    explained = q.locator(".bl-option-feedback").all_inner_texts()
    assert explained[0].startswith("✓ Correct option (your choice).")
    assert explained[1] == "", "the correct option not chosen is not given away"
    assert explained[2].startswith("✗ Incorrect option (your choice).")
    press(quiz, q.get_by_role("button", name="Show answer to question 2"))
    assert "The correct options: A. Osteoclasts a; B. Osteoclasts b" in (
        q.locator(".bl-feedback").inner_text())
    assert all(q.locator(".bl-option-feedback").all_inner_texts())


def test_numeric_show_answer_gives_the_value_and_range(quiz):
    q = question(quiz, "remodelling-numeric")
    field = q.get_by_label("Your answer (in days)")
    field.fill("200")
    press(quiz, q.locator(".bl-check"))
    assert "Osteoclasts num wrong" in q.locator(".bl-feedback").inner_text()
    assert "120" not in visible_text(q.locator(".bl-feedback"))
    press(quiz, q.get_by_role("button", name="Try again question 3"))
    assert quiz.evaluate("document.activeElement.classList.contains('bl-input')")
    quiz.keyboard.type("130")
    quiz.keyboard.press("Enter")
    press(quiz, q.get_by_role("button", name="Show answer to question 3"))
    assert ("The expected answer is 120 days (accepted: 117.5 to 122.5 days)."
            in q.locator(".bl-feedback").inner_text())


def test_ordering_items_show_positions_that_follow_the_moves(quiz):
    q = question(quiz, "remodelling-ordering")

    def positions() -> list[str]:
        return q.locator(".bl-order-pos").all_inner_texts()

    assert positions() == ["1.", "2.", "3."]
    assert all(p.is_visible() for p in q.locator(".bl-order-pos").all())
    moved = q.locator(".bl-order-item").nth(2)
    text = moved.locator(".bl-order-text").inner_text()
    press(quiz, moved.locator('.bl-move[data-dir="-1"]'))
    assert positions() == ["1.", "2.", "3."]
    item = q.locator(".bl-order-item", has_text=text)
    assert item.locator(".bl-order-pos").inner_text() == "2."
    press(quiz, q.locator(".bl-check"))
    if "Not quite." in q.locator(".bl-feedback").inner_text():
        press(quiz, q.get_by_role("button", name="Show answer to question 4"))
        answer = q.locator(".bl-answer-order li").all_inner_texts()
        assert answer == ["Osteoclasts first", "Osteoclasts second", "Osteoclasts third"]
    assert q.locator(".bl-order").evaluate("n => getComputedStyle(n).listStyleType") == "none"


def test_keyboard_only_wrong_show_answer_try_again_right(quiz):
    # On both screens: a phone or tablet with a keyboard attached is keyboard-only too.
    q = question(quiz, "remodelling-single")
    q.locator("input").first.focus()
    quiz.keyboard.press("Space")
    quiz.keyboard.press("ArrowDown")  # the wrong option
    quiz.keyboard.press("Tab")
    assert quiz.evaluate("document.activeElement.className") == "bl-check"
    quiz.keyboard.press("Enter")
    quiz.keyboard.press("Tab")
    assert quiz.evaluate("document.activeElement.className") == "bl-try-again"
    quiz.keyboard.press("Tab")
    assert quiz.evaluate("document.activeElement.className") == "bl-show-answer"
    outline = quiz.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "visible focus on the new buttons"
    quiz.keyboard.press("Enter")
    assert "The correct option: A." in q.locator(".bl-feedback").inner_text()
    assert quiz.evaluate("document.activeElement.className") == "bl-try-again"
    quiz.keyboard.press("Space")
    assert quiz.evaluate("document.activeElement.type") == "radio"
    quiz.keyboard.press("ArrowUp")
    quiz.keyboard.press("Tab")
    quiz.keyboard.press("Enter")
    assert "Correct." in q.locator(".bl-feedback").inner_text()
    assert score(quiz) == scored(0)


def ax_node(page, selector: str, nth: int = 0) -> dict:
    """Chromium's accessibility-tree node for an element (through the DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    found = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})
    node_id = found["nodeIds"][nth]
    nodes = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node_id, "fetchRelatives": False})
    cdp.detach()
    return nodes["nodes"][0]


def live_property(node: dict) -> str | None:
    props = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
    return props.get("live")


def test_empty_feedback_region_is_in_the_accessibility_tree(quiz):
    q = question(quiz, "remodelling-single")
    regions = quiz.locator(".bl-feedback")
    for i in range(regions.count()):
        assert regions.nth(i).evaluate("n => getComputedStyle(n).display") != "none"
        node = ax_node(quiz, ".bl-feedback", i)
        assert not node["ignored"], node.get("ignoredReasons")
        assert live_property(node) == "polite"
    # Also after a try again has emptied it again.
    press(quiz, q.get_by_text("Osteoclasts wrong", exact=True))
    press(quiz, q.locator(".bl-check"))
    press(quiz, q.get_by_role("button", name="Try again question 1"))
    assert q.locator(".bl-feedback").inner_text() == ""
    assert not ax_node(quiz, ".bl-feedback", 0)["ignored"]


def test_nothing_overflows_the_screen(quiz):
    for qid in ("remodelling-single", "remodelling-multiple"):
        q = question(quiz, qid)
        press(quiz, q.locator("input").nth(2))
        press(quiz, q.locator(".bl-check"))
    width = quiz.evaluate("document.documentElement.scrollWidth")
    assert width <= quiz.viewport_size["width"]


def test_on_paper_the_retry_buttons_and_score_note_are_hidden(quiz):
    q = question(quiz, "remodelling-single")
    press(quiz, q.locator("input").nth(1))
    press(quiz, q.locator(".bl-check"))
    quiz.emulate_media(media="print")
    assert not q.locator(".bl-retry").is_visible()
    assert not quiz.locator(".bl-score-note").is_visible()
    assert q.locator(".bl-print-answer").is_visible()
