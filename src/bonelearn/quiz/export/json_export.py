"""JSON export: the validated banks in the same shape as ``questions.yaml``.

``parse_bank(doc["banks"][i])`` reads each bank back, so the JSON is also a way to feed
the banks to other tools without a YAML parser.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bonelearn.quiz.model import (
    ChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionBank,
)

FORMAT_NAME = "bonelearn-question-banks"
FORMAT_VERSION = 1


def _num(value: float) -> int | float:
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


def question_to_dict(q: Question) -> dict[str, Any]:
    """One question as a ``questions.yaml`` entry."""
    data: dict[str, Any] = {
        "id": q.id,
        "type": q.type,
        "objective": q.objective,
        "difficulty": q.difficulty,
        "cite": list(q.cite),
        "stem": q.stem,
    }
    if isinstance(q, ChoiceQuestion):
        data["options"] = [
            {"text": o.text, "correct": o.correct, "feedback": o.feedback} for o in q.options
        ]
    elif isinstance(q, NumericQuestion):
        data.update(answer=_num(q.answer), tolerance=_num(q.tolerance))
        if q.units:
            data["units"] = q.units
    elif isinstance(q, OrderingQuestion):
        data["items"] = list(q.items)
    if isinstance(q, NumericQuestion | OrderingQuestion):
        data["feedback"] = {"correct": q.feedback.correct, "incorrect": q.feedback.incorrect}
    return data


def bank_to_dict(bank: QuestionBank) -> dict[str, Any]:
    """One bank as the dict its ``questions.yaml`` would load to."""
    return {"chapter": bank.chapter, "questions": [question_to_dict(q) for q in bank.questions]}


def to_json(banks: Sequence[QuestionBank]) -> str:
    """All banks as one JSON document (UTF-8, non-ASCII kept as is)."""
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "banks": [bank_to_dict(b) for b in banks],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
