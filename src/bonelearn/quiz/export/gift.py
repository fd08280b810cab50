"""GIFT export (Moodle's plain-text question format), written by hand.

Every text is HTML-escaped and marked ``[html]`` so markup shows literally, then the GIFT
control characters are escaped: ``\\`` → ``\\\\``, and ``~ = # { } :`` get a backslash.
Newlines become ``<br>``, so every answer stays on one line.

Mapping:
- ``single`` → multiple choice (``=right``, ``~wrong``); ``multiple`` → multiple choice
  with weights (``~%50%right``, ``~%-100%wrong``, as in ``choice_fractions``). Each option
  has its feedback after ``#``.
- ``numeric`` → numerical ``{#=%100%answer:tolerance#correct ~#incorrect}``. GIFT has no
  units, so the units appear only in a ``//`` comment (with an ``ExportWarning``; write
  the unit into the stem, or use Moodle XML, if learners must see it).
- ``ordering`` → GIFT has no ordering type (the ordering plugin's GIFT syntax cannot
  escape its items), so it becomes a *matching* question: each item is matched to
  "Position 1", "Position 2", .... Moodle shows the items in the order of the file, so
  they are listed in a fixed shuffled order derived from the question id
  (``shuffled_order``), never in the answer order. Matching has no per-answer feedback
  in GIFT, so the general feedback holds both texts: ``<p>correct</p><p>incorrect</p>``.

Before each question, a comment line ``// [id:<id>] [tag:objective:…] [tag:difficulty:…]
[tag:bonelearn]`` carries the ID number and the tags, which Moodle's GIFT import reads
from comments (as Moodle's own GIFT export writes them).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from bonelearn.quiz.export.common import (
    ExportWarning,
    choice_fractions,
    moodle_tags,
    number,
    percent,
    plain_to_html,
    shuffled_order,
)
from bonelearn.quiz.model import (
    ChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionBank,
)

GIFT_SPECIAL = "~=#{}:"


def gift_escape(text: str) -> str:
    """Escape the GIFT control characters (backslash first)."""
    text = text.replace("\\", "\\\\")
    for char in GIFT_SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def gift_text(plain: str) -> str:
    """Plain text → ``[html]`` GIFT text that Moodle shows literally."""
    return "[html]" + gift_escape(plain_to_html(plain))


def _choice(q: ChoiceQuestion) -> list[str]:
    lines = []
    for option, fraction in zip(q.options, choice_fractions(q), strict=True):
        single = "=" if option.correct else "~"
        prefix = f"~%{percent(fraction)}%" if q.multiple else single
        lines.append(f"\t{prefix}{gift_text(option.text)}#{gift_text(option.feedback)}")
    return lines


def _numeric(q: NumericQuestion) -> list[str]:
    return [
        f"\t=%100%{number(q.answer)}:{number(q.tolerance)}#{gift_text(q.feedback.correct)}",
        f"\t~#{gift_text(q.feedback.incorrect)}",
    ]


def _ordering(q: OrderingQuestion) -> list[str]:
    lines = [f"\t={gift_text(q.items[i])} -> Position {i + 1}" for i in shuffled_order(q)]
    general = (
        f"<p>{plain_to_html(q.feedback.correct)}</p><p>{plain_to_html(q.feedback.incorrect)}</p>"
    )
    lines.append(f"\t####[html]{gift_escape(general)}")
    return lines


def _comment_token(text: str) -> str:
    """A value inside ``[id:…]`` or ``[tag:…]``: Moodle reads ``\\]`` as ``]``; one line."""
    return " ".join(text.split()).replace("]", "\\]")


def id_and_tags(q: Question) -> str:
    """The ``// [id:…] [tag:…] …`` comment line that Moodle's GIFT import reads."""
    tokens = [f"[id:{_comment_token(q.id)}]"]
    tokens += [f"[tag:{_comment_token(tag)}]" for tag in moodle_tags(q)]
    return "// " + " ".join(tokens)


def question_text(q: Question) -> str:
    """One GIFT question, ending with a newline."""
    if isinstance(q, ChoiceQuestion):
        body, opening = _choice(q), "{"
    elif isinstance(q, NumericQuestion):
        body, opening = _numeric(q), "{#"
    elif isinstance(q, OrderingQuestion):
        body, opening = _ordering(q), "{"
    else:
        raise TypeError(f"question {q.id!r}: unsupported type {type(q).__name__}")
    kind = "ordering as matching" if isinstance(q, OrderingQuestion) else q.type
    comment = f"// question: {q.id} ({kind}; objective {q.objective}; {q.difficulty})"
    if isinstance(q, NumericQuestion) and q.units:
        comment += f"\n// units: {q.units.replace(chr(10), ' ')}"
    head = f"::{gift_escape(q.id)}::{gift_text(q.stem)}{opening}"
    return "\n".join([comment, id_and_tags(q), head, *body, "}"]) + "\n"


def to_gift(banks: Sequence[QuestionBank]) -> str:
    """All banks as one GIFT file, one ``$CATEGORY`` per chapter."""
    with_units = [q.id for b in banks for q in b.questions
                  if isinstance(q, NumericQuestion) and q.units]
    if with_units:
        warnings.warn(
            "GIFT has no units; they appear only in comments for: " + ", ".join(with_units),
            ExportWarning,
            stacklevel=3,
        )
    parts = ["// bonelearn question banks in GIFT format; texts are HTML in [html] format.\n"]
    for bank in banks:
        parts.append(f"$CATEGORY: $course$/top/bonelearn/{bank.chapter}\n")
        parts.extend(question_text(q) for q in bank.questions)
    return "\n".join(parts)
