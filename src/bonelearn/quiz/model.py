"""Typed, immutable question-bank records (see ``question-bank.schema.json``).

All text fields hold *plain text*: renderers and exporters escape it for their target
format, so a stem like ``"<b>"`` is shown literally everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from bonelearn.errors import UnknownItemError

Difficulty = Literal["easy", "medium", "hard"]
QuestionType = Literal["single", "multiple", "numeric", "ordering"]


@dataclass(frozen=True)
class Option:
    """One answer option of a single- or multiple-answer question."""

    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class Feedback:
    """Question-level feedback for numeric and ordering questions."""

    correct: str
    incorrect: str


@dataclass(frozen=True)
class Question:
    """Fields every question shares."""

    id: str
    objective: str
    difficulty: Difficulty
    cite: tuple[str, ...]
    stem: str

    @property
    def type(self) -> QuestionType:  # overridden by each subclass
        raise NotImplementedError


@dataclass(frozen=True)
class ChoiceQuestion(Question):
    """``single`` (exactly one correct option) or ``multiple`` (one or more correct)."""

    options: tuple[Option, ...] = ()
    multiple: bool = False

    @property
    def type(self) -> QuestionType:
        return "multiple" if self.multiple else "single"

    @property
    def correct_indices(self) -> tuple[int, ...]:
        return tuple(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True)
class NumericQuestion(Question):
    """A number within ``answer ± tolerance`` (absolute, inclusive) is correct."""

    answer: float = 0.0
    tolerance: float = 0.0
    units: str = ""
    feedback: Feedback = field(default_factory=lambda: Feedback("", ""))

    @property
    def type(self) -> QuestionType:
        return "numeric"


@dataclass(frozen=True)
class OrderingQuestion(Question):
    """``items`` are stored in the correct order; learners see them shuffled."""

    items: tuple[str, ...] = ()
    feedback: Feedback = field(default_factory=lambda: Feedback("", ""))

    @property
    def type(self) -> QuestionType:
        return "ordering"


@dataclass(frozen=True)
class QuestionBank:
    """The questions of one chapter, as loaded from ``chapters/<id>/questions.yaml``."""

    chapter: str
    questions: tuple[Question, ...]
    source: str | None = None  # the file it came from, for messages

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    @property
    def ids(self) -> list[str]:
        return [q.id for q in self.questions]

    def get(self, question_id: str) -> Question:
        """Return the question with this id (``UnknownItemError`` if absent)."""
        for q in self.questions:
            if q.id == question_id:
                return q
        raise UnknownItemError("question", question_id, self.ids)
