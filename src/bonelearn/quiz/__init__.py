"""Question banks, the accessible quiz component and LMS exports.

Typical use::

    from bonelearn.quiz import Quiz, load_bank, export_banks
    bank = load_bank("chapters/remodelling/questions.yaml")
    Quiz(bank, title="Check your understanding")      # displays in Jupyter and the book
    export_banks([bank], "moodle", Path("out/remodelling.xml"))
"""

from __future__ import annotations

from bonelearn.quiz.bank import (
    SCHEMA_PATH,
    duplicate_ids,
    load_bank,
    parse_bank,
    schema,
    validate_bank,
)
from bonelearn.quiz.export import EXPORT_FORMATS, ExportWarning, export_banks
from bonelearn.quiz.model import (
    ChoiceQuestion,
    Feedback,
    NumericQuestion,
    Option,
    OrderingQuestion,
    Question,
    QuestionBank,
)
from bonelearn.quiz.render import Quiz

__all__ = [
    "EXPORT_FORMATS",
    "SCHEMA_PATH",
    "ChoiceQuestion",
    "ExportWarning",
    "Feedback",
    "NumericQuestion",
    "Option",
    "OrderingQuestion",
    "Question",
    "QuestionBank",
    "Quiz",
    "duplicate_ids",
    "export_banks",
    "load_bank",
    "parse_bank",
    "schema",
    "validate_bank",
]
