"""Canvas QTI export through text2qti 0.8.0 (offline).

We write text2qti's plain-text quiz format and let its Python API build the QTI zip.
text2qti reads every text as Markdown (with LaTeX and "smart quotes"), so each text is
first made inert: every ASCII punctuation character becomes a numeric character
reference (``<`` → ``&#60;``, ``$`` → ``&#36;``, ``*`` → ``&#42;`` ...), which Markdown
passes through untouched and Canvas displays as the original character (tabs too, as
Markdown would expand them to spaces); newlines become ``<br />``. Titles are plain
text in text2qti and only lose their line breaks.

Supported: ``single`` (multiple choice), ``multiple`` (multiple answers), ``numeric``
(numerical, ``answer +- tolerance``), each with its feedback.
Not supported, skipped with an ``ExportWarning`` and listed in the quiz description:
- ``ordering``: text2qti has no ordering or matching question type;
- ``numeric`` questions whose range ends within 0.0001 of zero (answer ± tolerance,
  e.g. 0 ± 0 or 5 ± 5): text2qti refuses such bounds;
- ``numeric`` questions whose answer or bounds text2qti would change: unless all three
  are whole numbers, it writes them rounded to 4 decimals, so 1.00004 ± 0.00001 would
  silently become 1.0000 with the range 1.0000 to 1.0001.
GIFT or Moodle XML carry every type.
"""

from __future__ import annotations

import string
import warnings
from collections.abc import Sequence
from decimal import Decimal

from bonelearn.errors import ParameterError
from bonelearn.quiz.export.common import ExportWarning, number
from bonelearn.quiz.model import (
    ChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionBank,
)

_INERT = {ord(c): f"&#{ord(c)};" for c in string.punctuation + "\t"}


def qti_text(plain: str) -> str:
    """Plain text → one line of text2qti Markdown that renders as exactly that text."""
    text = plain.replace("\r\n", "\n").replace("\r", "\n").translate(_INERT)
    return text.replace("\n", "<br />")


def _title(plain: str) -> str:
    """Titles are plain text in text2qti (XML-escaped, not Markdown): keep one line."""
    return " ".join(plain.split())


def rounded_by_text2qti(q: NumericQuestion) -> bool:
    """Would text2qti change the answer or a bound of ``q`` by rounding it to 4 decimals?

    text2qti computes ``answer ± tolerance`` in floating point and writes the three
    numbers with ``:.4f`` unless all three are whole numbers. The intended values are
    the decimal ones (``1.1 - 0.1`` is 1.0, not 1.0000000000000002).
    """
    low, high = q.answer - q.tolerance, q.answer + q.tolerance
    if low.is_integer() and q.answer.is_integer() and high.is_integer():
        return False
    answer, tolerance = Decimal(number(q.answer)), Decimal(number(q.tolerance))
    step = Decimal("0.0001")
    return any(
        value.quantize(step) != value
        for value in (answer - tolerance, answer, answer + tolerance)
    )


def skip_reason(q: Question) -> str | None:
    """Why text2qti cannot carry this question, or ``None`` if it can."""
    if isinstance(q, OrderingQuestion):
        return "text2qti 0.8.0 has no ordering question type"
    if isinstance(q, NumericQuestion):
        low, high = q.answer - q.tolerance, q.answer + q.tolerance
        if min(abs(low), abs(high)) < 1e-4:
            return "text2qti refuses a numeric range that ends within 0.0001 of zero"
        if rounded_by_text2qti(q):
            return ("text2qti would round the answer or its range "
                    f"({number(q.answer)} ± {number(q.tolerance)}) to 4 decimals")
    return None


def _question(q: Question, n: int) -> list[str]:
    lines = [f"Title: {_title(q.id)}", f"{n}.  {qti_text(q.stem)}"]
    if isinstance(q, ChoiceQuestion):
        for letter, option in zip(string.ascii_lowercase, q.options, strict=False):
            if q.multiple:
                mark = "[*]" if option.correct else "[ ]"
            else:
                mark = f"*{letter})" if option.correct else f"{letter})"
            lines.append(f"{mark} {qti_text(option.text)}")
            lines.append(f"... {qti_text(option.feedback)}")
    elif isinstance(q, NumericQuestion):
        lines.append(f"+   {qti_text(q.feedback.correct)}")
        lines.append(f"-   {qti_text(q.feedback.incorrect)}")
        lines.append(f"=   {number(q.answer)} +- {number(q.tolerance)}")
    return lines


def quiz_text(banks: Sequence[QuestionBank], title: str | None = None) -> tuple[str, list[str]]:
    """The text2qti source for these banks, and the ``"<id>: <reason>"`` of skipped questions."""
    chapters = ", ".join(b.chapter for b in banks)
    skipped, blocks, n = [], [], 0
    for bank in banks:
        for q in bank.questions:
            reason = skip_reason(q)
            if reason:
                skipped.append(f"{q.id}: {reason}")
                continue
            n += 1
            blocks.append("\n".join(_question(q, n)))
    description = f"bonelearn questions for: {chapters}."
    if skipped:
        description += " Not included (export them as Moodle XML or GIFT instead): " + "; ".join(
            skipped
        ) + "."
    head = [f"Quiz title: {_title(title or 'bonelearn: ' + chapters)}",
            f"Quiz description: {qti_text(description)}"]
    return "\n".join(head) + "\n\n" + "\n\n".join(blocks) + "\n", skipped


def to_qti_zip(banks: Sequence[QuestionBank], title: str | None = None) -> bytes:
    """A Canvas-importable QTI zip; warns (``ExportWarning``) about skipped questions."""
    from text2qti.config import Config
    from text2qti.err import Text2qtiError
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz as T2QQuiz

    source, skipped = quiz_text(banks, title)
    if skipped:
        warnings.warn(
            "QTI export skipped " + str(len(skipped)) + " question(s): " + "; ".join(skipped),
            ExportWarning,
            stacklevel=3,
        )
    if all(skip_reason(q) for b in banks for q in b.questions):
        raise ParameterError("QTI export: no question in these banks can be written as QTI")
    try:
        quiz = T2QQuiz(source, config=Config(), source_name="<bonelearn>")
        return QTI(quiz).zip_bytes()
    except Text2qtiError as exc:
        raise ParameterError(f"text2qti could not convert the banks: {exc}") from exc
