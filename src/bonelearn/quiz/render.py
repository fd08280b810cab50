"""An accessible quiz that works in the static book and in live Jupyter or Colab.

``Quiz(bank)._repr_html_()`` returns one self-contained HTML fragment: the questions as
server-rendered HTML (readable even where scripts do not run), the question data as
``<script type="application/json">``, and the inlined CSS and JavaScript from
``widgets/css/quiz.css`` and ``widgets/js/quiz.js``. The script defines itself once per
page (``window.bonelearnQuiz``) and mounts every quiz container not yet mounted, so the
fragment may appear many times on one page.

Why not jupyterquiz: it renders from JSON offline, but (DESIGN.md section 4) it has no
visible focus indicator, does not announce feedback (no ``aria-live``), grades a
multiple-choice question as soon as the arrow keys move through the options, does not
link the numeric input to its label, and breaks numeric questions whose answer is 0.
This component uses native radio buttons and checkboxes in a fieldset, grades only on an
explicit "Check answer", announces feedback in a polite live region (rendered even while
empty, so that it is in the accessibility tree before the first announcement), never
relies on colour alone, and keeps a live score.

A wrong answer explains only the option(s) chosen and offers "Try again" and "Show
answer"; only "Show answer" reveals the right answer with every option's explanation.
The score counts each question's first checked answer (the page says so), so a second
try is a real second try and the score still measures what the reader knew.

The correct answers travel with the page (there is no server to grade them), so the quiz
is for practice, not for assessment; use the LMS exports for graded quizzes.

On paper (``@media print``, as in ``make pdf``) the controls disappear: options are
lettered, and each question is followed by its answer and explanation, which are
rendered in every fragment but shown only in print.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bonelearn.assets import read_asset
from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.quiz.bank import load_bank
from bonelearn.quiz.model import (
    ChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionBank,
)

__all__ = ["SCORE_NOTE", "Quiz", "display_order", "print_answer_html", "question_data",
           "score_text", "script_json"]


def _e(text: object) -> str:
    """Escape text for HTML element content and double-quoted attributes."""
    return html.escape(str(text), quote=True)


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u003c`` etc., so no text (``</script>``, ``<!--``)
    can end the script element early; ``JSON.parse`` restores them unchanged.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def display_order(question: OrderingQuestion) -> list[int]:
    """The shuffled order (indices into the correct order) in which items are first shown.

    Deterministic (seeded by the question id, so notebook outputs are reproducible) and
    never the correct order itself.
    """
    order = list(range(len(question.items)))
    random.Random(question.id).shuffle(order)
    if order == sorted(order):
        order = order[1:] + order[:1]
    return order


def question_data(q: Question) -> dict[str, Any]:
    """The JSON record the browser script grades against."""
    data: dict[str, Any] = {"id": q.id, "type": q.type}
    if isinstance(q, ChoiceQuestion):
        data["options"] = [
            {"text": o.text, "correct": o.correct, "feedback": o.feedback} for o in q.options
        ]
    elif isinstance(q, NumericQuestion):
        data.update(answer=q.answer, tolerance=q.tolerance, units=q.units)
        data["feedback"] = {"correct": q.feedback.correct, "incorrect": q.feedback.incorrect}
    elif isinstance(q, OrderingQuestion):
        data["items"] = list(q.items)
        data["feedback"] = {"correct": q.feedback.correct, "incorrect": q.feedback.incorrect}
    return data


def _choice_body(q: ChoiceQuestion, qid: str) -> str:
    kind = "checkbox" if q.multiple else "radio"
    rows = []
    for i, option in enumerate(q.options):
        oid = f"{qid}-o{i}"
        rows.append(
            f'<div class="bl-option" data-index="{i}">'
            f'<input type="{kind}" name="{qid}" id="{oid}" value="{i}" '
            f'aria-describedby="{oid}-fb">'
            f'<label for="{oid}">{_e(option.text)}</label>'
            f'<span class="bl-option-feedback" id="{oid}-fb"></span></div>'
        )
    hint = "Select all that apply." if q.multiple else "Select one answer."
    return f'<p class="bl-hint">{hint}</p><div class="bl-options">{"".join(rows)}</div>'


def _numeric_body(q: NumericQuestion, qid: str) -> str:
    label = "Your answer" + (f" (in {q.units})" if q.units else "")
    units = f'<span class="bl-units" aria-hidden="true">{_e(q.units)}</span>' if q.units else ""
    return (
        f'<div class="bl-numeric"><label for="{qid}-input">{_e(label)}</label> '
        f'<input type="text" inputmode="decimal" id="{qid}-input" class="bl-input" '
        f'autocomplete="off" spellcheck="false" aria-describedby="{qid}-hint">{units}</div>'
        f'<p class="bl-hint" id="{qid}-hint">Type a number; use a dot for decimals '
        "(for example 2.5).</p>"
    )


def _ordering_body(q: OrderingQuestion, qid: str) -> str:
    rows = []
    last = len(q.items) - 1
    for position, index in enumerate(display_order(q)):
        text = _e(q.items[index])
        up = ' aria-disabled="true"' if position == 0 else ""
        down = ' aria-disabled="true"' if position == last else ""
        rows.append(
            f'<li class="bl-order-item" data-item="{index}" id="{qid}-i{index}">'
            f'<span class="bl-order-pos">{position + 1}.</span>'
            f'<span class="bl-order-text">{text}</span><span class="bl-order-buttons">'
            f'<button type="button" class="bl-move" data-dir="-1" aria-label="Move up: {text}"'
            f'{up}><span aria-hidden="true">▲</span> Move up</button>'
            f'<button type="button" class="bl-move" data-dir="1" aria-label="Move down: {text}"'
            f'{down}><span aria-hidden="true">▼</span> Move down</button></span>'
            '<span class="bl-item-feedback"></span></li>'
        )
    return (
        f'<p class="bl-hint" id="{qid}-hint">Put the items in order, first at the top, '
        "with the Move up and Move down buttons.</p>"
        f'<ol class="bl-order" aria-describedby="{qid}-hint">{"".join(rows)}</ol>'
        '<p class="bl-order-status bl-sr-only" aria-live="polite"></p>'
    )


def print_answer_html(q: Question) -> str:
    """The answer and explanation of ``q``, shown only in print (``.bl-print-answer``)."""
    parts: list[str] = []
    if isinstance(q, ChoiceQuestion):
        correct = q.correct_indices
        label = "Answers" if len(correct) > 1 else "Answer"
        texts = "; ".join(f"{chr(65 + i)}. {q.options[i].text}" for i in correct)
        parts.append(f"<p><strong>{label}:</strong> {_e(texts)}</p>")
        parts += [f"<p>{_e(chr(65 + i))}: {_e(q.options[i].feedback)}</p>" for i in correct]
    elif isinstance(q, NumericQuestion):
        units = f" {q.units}" if q.units else ""
        parts.append(f"<p><strong>Answer: {_e(f'{q.answer:g}{units}')}</strong> "
                     f"(accepted within ±{_e(f'{q.tolerance:g}{units}')}).</p>")
        parts.append(f"<p>{_e(q.feedback.correct)}</p>")
    elif isinstance(q, OrderingQuestion):
        items = "".join(f"<li>{_e(item)}</li>" for item in q.items)
        parts.append(f"<p><strong>Answer, in order:</strong></p><ol>{items}</ol>")
        parts.append(f"<p>{_e(q.feedback.correct)}</p>")
    return f'<div class="bl-print-answer">{"".join(parts)}</div>'


def _retry_html(number: int) -> str:
    """The two choices after a wrong answer (shown by the script, never on paper)."""
    return (
        '<div class="bl-retry" hidden>'
        '<button type="button" class="bl-try-again">Try again'
        f'<span class="bl-sr-only"> question {number}</span></button>'
        '<button type="button" class="bl-show-answer">Show answer'
        f'<span class="bl-sr-only"> to question {number}</span></button></div>'
    )


#: Said under the score: what it counts, and that a wrong answer can be tried again.
SCORE_NOTE = ("Only the first answer you check for each question counts towards the score. "
              "After a wrong answer you can try again or show the answer.")


#: The score line; the script fills in the same template (``data-template``) as the
#: reader answers, so the words live in one place.
SCORE_TEMPLATE = "Score: {right} of {total} correct at the first attempt"


def score_text(right: int, total: int) -> str:
    """The score line for ``right`` of ``total`` questions right at the first attempt."""
    return SCORE_TEMPLATE.format(right=right, total=total)


def _question_html(q: Question, number: int, quiz_id: str) -> str:
    qid = f"bl-{quiz_id}-q{number}"
    if isinstance(q, ChoiceQuestion):
        body = _choice_body(q, qid)
    elif isinstance(q, NumericQuestion):
        body = _numeric_body(q, qid)
    elif isinstance(q, OrderingQuestion):
        body = _ordering_body(q, qid)
    else:  # pragma: no cover - the loader only builds the three kinds above
        raise ParameterError(f"question {q.id!r}: unsupported type {type(q).__name__}")
    return (
        f'<li class="bl-question" id="{qid}" data-question-id="{_e(q.id)}" '
        f'data-type="{q.type}"><fieldset class="bl-fieldset">'
        f'<legend class="bl-stem"><span class="bl-qnum">Question {number}.</span> '
        f"{_e(q.stem)}</legend>{body}</fieldset>"
        f'<button type="button" class="bl-check" hidden>Check answer'
        f'<span class="bl-sr-only"> to question {number}</span></button>'
        '<div class="bl-feedback" aria-live="polite" aria-atomic="true"></div>'
        f"{_retry_html(number)}{print_answer_html(q)}</li>"
    )


class Quiz:
    """An accessible practice quiz built from a question bank.

    ``questions`` is a ``QuestionBank``, a path to a ``questions.yaml`` file, or an
    iterable of ``Question`` objects. ``select`` keeps only the given question ids, in
    that order. ``quiz_id`` (kebab-case) defaults to the bank's chapter id. ``title`` is
    shown as a heading of ``heading_level``; ``title=None`` shows no heading, for a quiz
    placed under a page heading of its own (a chapter's "Check your understanding").
    """

    def __init__(
        self,
        questions: QuestionBank | str | Path | Iterable[Question],
        title: str | None = "Check your understanding",
        *,
        quiz_id: str | None = None,
        select: Iterable[str] | None = None,
        heading_level: int = 3,
    ) -> None:
        if isinstance(questions, str | Path):
            questions = load_bank(questions)
        chapter = questions.chapter if isinstance(questions, QuestionBank) else None
        items = list(questions)
        if select is not None:
            by_id = {q.id: q for q in items}
            wanted = list(select)
            for qid in wanted:
                if qid not in by_id:
                    raise UnknownItemError("question", qid, list(by_id))
            items = [by_id[qid] for qid in wanted]
        if not items:
            raise ParameterError("Quiz needs at least one question")
        if not all(isinstance(q, Question) for q in items):
            raise ParameterError("Quiz takes a QuestionBank, a bank path or Question objects")
        if title is not None and not isinstance(title, str):
            raise ParameterError(f"title must be text or None, got {title!r}")
        if not 1 <= heading_level <= 6:
            raise ParameterError(f"heading_level must be 1..6, got {heading_level}")
        self.questions: tuple[Question, ...] = tuple(items)
        self.title = title
        self.quiz_id = quiz_id or chapter or "quiz-" + _short_hash(q.id for q in items)
        if not _is_kebab(self.quiz_id):
            raise ParameterError(f"quiz_id must be kebab-case, got {self.quiz_id!r}")
        self.heading_level = heading_level

    def data(self) -> dict[str, Any]:
        """The JSON payload embedded in the page."""
        return {
            "id": self.quiz_id,
            "title": self.title,
            "questions": [question_data(q) for q in self.questions],
        }

    def to_html(self) -> str:
        """The self-contained HTML fragment (also returned by ``_repr_html_``)."""
        h = self.heading_level
        count = len(self.questions)
        heading = "" if self.title is None else (
            f'<h{h} class="bl-quiz-title">{_e(self.title)}</h{h}>')
        questions = "".join(
            _question_html(q, n, self.quiz_id) for n, q in enumerate(self.questions, start=1)
        )
        return (
            f"<style>{read_asset('css/quiz.css')}</style>"
            f'<div class="bl-quiz" data-quiz-id="{self.quiz_id}" id="bl-{self.quiz_id}">'
            f"{heading}"
            '<p class="bl-noscript">Checking answers needs JavaScript. In Jupyter, run the '
            "cell (or trust the notebook) to make this quiz interactive.</p>"
            f'<p class="bl-score" aria-live="polite" aria-atomic="true" '
            f'data-template="{_e(SCORE_TEMPLATE)}" hidden>'
            f"{score_text(0, count)}</p>"
            f'<p class="bl-score-note" hidden>{SCORE_NOTE}</p>'
            f'<ol class="bl-questions">{questions}</ol>'
            f'<script type="application/json" class="bl-quiz-data">{script_json(self.data())}'
            "</script></div>"
            f"<script>{read_asset('js/quiz.js')}</script>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return f"Quiz({self.quiz_id!r}, {len(self.questions)} questions)"


def _short_hash(ids: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(ids).encode()).hexdigest()[:8]


def _is_kebab(text: str) -> bool:
    return re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text) is not None
