"""On paper a quiz shows each question's answer and explanation; on screen it does not."""

from __future__ import annotations

import re

from bonelearn.assets import read_asset
from bonelearn.quiz.model import ChoiceQuestion, Feedback, NumericQuestion, Option, OrderingQuestion
from bonelearn.quiz.render import Quiz, print_answer_html

COMMON = {"objective": "o", "difficulty": "easy", "cite": ("k",), "stem": "Stem <b>?"}


def test_choice_answer_names_every_correct_option_with_its_feedback() -> None:
    q = ChoiceQuestion(id="q1", **COMMON, multiple=True, options=(
        Option("Wrong & bad", False, "No."),
        Option("Right <one>", True, "Because A."),
        Option("Also right", True, "Because B.")))
    out = print_answer_html(q)
    assert out.startswith('<div class="bl-print-answer">')
    assert "<strong>Answers:</strong> B. Right &lt;one&gt;; C. Also right" in out
    assert "B: Because A." in out and "C: Because B." in out
    assert "Wrong" not in out and "No." not in out


def test_numeric_and_ordering_answers() -> None:
    num = NumericQuestion(id="q2", **COMMON, answer=2.5, tolerance=0.1, units="%",
                          feedback=Feedback("Since x.", "Try again."))
    out = print_answer_html(num)
    assert "Answer: 2.5 %" in out and "±0.1 %" in out and "Since x." in out
    assert "Try again." not in out
    order = OrderingQuestion(id="q3", **COMMON, items=("first", "second", "third"),
                             feedback=Feedback("Good order.", "No."))
    out = print_answer_html(order)
    assert "<ol><li>first</li><li>second</li><li>third</li></ol>" in out
    assert "Good order." in out


def test_every_question_of_a_quiz_carries_its_print_answer() -> None:
    questions = [ChoiceQuestion(id=f"q{i}", **COMMON, options=(
        Option("a", True, "fa"), Option("b", False, "fb"))) for i in range(3)]
    html = Quiz(questions, quiz_id="print-test").to_html()
    assert html.count('class="bl-print-answer"') == 3


def test_css_hides_answers_on_screen_and_shows_them_in_print() -> None:
    css = read_asset("css/quiz.css")
    screen, _, rest = css.partition("@media print")
    assert re.search(r"\.bl-quiz \.bl-print-answer \{ display: none; \}", screen)
    assert re.search(r"\.bl-quiz \.bl-print-answer \{ display: block;", rest)
    assert ".bl-check" in rest  # the button that does nothing on paper is hidden
