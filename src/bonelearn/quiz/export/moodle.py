"""Moodle XML export (written with ``xml.etree``, so every text is escaped for XML).

Text is exported in Moodle's ``html`` format after HTML-escaping the plain text, so
markup in a question shows literally instead of being interpreted.

Mapping:
- ``single`` → ``multichoice`` with ``<single>true</single>``; the correct option scores
  100 %. ``multiple`` → ``multichoice`` with ``<single>false</single>``; the correct
  options share 100 % and each wrong option subtracts an equal share (see
  ``choice_fractions``). Every option carries its own feedback.
- ``numeric`` → ``numerical`` with the absolute tolerance; a catch-all ``*`` answer
  carries the "incorrect" feedback. Units become a Moodle unit with multiplier 1 that
  is optional for the learner (``unitgradingtype`` 0), written without spaces
  (``"% per year"`` → ``"%peryear"``): Moodle removes the spaces from a learner's answer
  before it matches the unit, so a unit with spaces would never match. Moodle does not
  show such a unit, so the stem must say which unit to use.
- ``ordering`` → the ``ordering`` question type (part of standard Moodle since 4.4;
  older sites need the qtype_ordering plugin), all items shown, all-or-nothing grading;
  "correct" feedback as correct feedback, "incorrect" feedback as both partially correct
  and incorrect feedback.
Each bank becomes a question category ``$course$/top/bonelearn/<chapter>``; the
question id is the Moodle name and ID number; objective and difficulty become tags.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from bonelearn.quiz.export.common import (
    choice_fractions,
    compact_units,
    moodle_tags,
    number,
    percent,
    plain_to_html,
)
from bonelearn.quiz.model import (
    ChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionBank,
)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrib)
    if text is not None:
        node.text = text
    return node


def _text(parent: ET.Element, tag: str, plain: str, fmt: str = "html") -> ET.Element:
    """``<tag format="html"><text>escaped</text></tag>``."""
    node = _sub(parent, tag, format=fmt)
    _sub(node, "text", plain_to_html(plain) if fmt == "html" else plain)
    return node


def _header(q: Question, qtype: str) -> ET.Element:
    node = ET.Element("question", type=qtype)
    name = _sub(node, "name")
    _sub(name, "text", q.id)
    _text(node, "questiontext", q.stem)
    _text(node, "generalfeedback", "")
    _sub(node, "defaultgrade", "1")
    _sub(node, "penalty", "0.3333333")
    _sub(node, "hidden", "0")
    _sub(node, "idnumber", q.id)
    tags = _sub(node, "tags")
    for tag in moodle_tags(q):
        _sub(_sub(tags, "tag"), "text", tag)
    return node


def _choice(q: ChoiceQuestion) -> ET.Element:
    node = _header(q, "multichoice")
    _sub(node, "single", "false" if q.multiple else "true")
    _sub(node, "shuffleanswers", "true")
    _sub(node, "answernumbering", "abc")
    _sub(node, "showstandardinstruction", "1")
    for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
        _text(node, tag, "")
    for option, fraction in zip(q.options, choice_fractions(q), strict=True):
        answer = _sub(node, "answer", fraction=percent(fraction), format="html")
        _sub(answer, "text", plain_to_html(option.text))
        _text(answer, "feedback", option.feedback)
    return node


def _numeric(q: NumericQuestion) -> ET.Element:
    node = _header(q, "numerical")
    for fraction, value, tolerance, feedback in (
        ("100", number(q.answer), number(q.tolerance), q.feedback.correct),
        ("0", "*", "0", q.feedback.incorrect),
    ):
        answer = _sub(node, "answer", fraction=fraction, format="moodle_auto_format")
        _sub(answer, "text", value)
        _text(answer, "feedback", feedback)
        _sub(answer, "tolerance", tolerance)
    if compact_units(q.units):
        unit = _sub(_sub(node, "units"), "unit")
        _sub(unit, "multiplier", "1")
        _sub(unit, "unit_name", compact_units(q.units))
        _sub(node, "unitgradingtype", "0")
        _sub(node, "unitpenalty", "0.1000000")
        _sub(node, "showunits", "0")
        _sub(node, "unitsleft", "0")
    return node


def _ordering(q: OrderingQuestion) -> ET.Element:
    node = _header(q, "ordering")
    _sub(node, "layouttype", "VERTICAL")
    _sub(node, "selecttype", "ALL")
    _sub(node, "selectcount", str(len(q.items)))
    _sub(node, "gradingtype", "ALL_OR_NOTHING")
    _sub(node, "showgrading", "SHOW")
    _sub(node, "numberingstyle", "none")
    _text(node, "correctfeedback", q.feedback.correct)
    _text(node, "partiallycorrectfeedback", q.feedback.incorrect)
    _text(node, "incorrectfeedback", q.feedback.incorrect)
    _sub(node, "shownumcorrect", "1")
    for position, item in enumerate(q.items, start=1):
        answer = _sub(node, "answer", fraction=f"{position}.0000000", format="html")
        _sub(answer, "text", plain_to_html(item))
    return node


def question_element(q: Question) -> ET.Element:
    """One ``<question>`` element."""
    if isinstance(q, ChoiceQuestion):
        return _choice(q)
    if isinstance(q, NumericQuestion):
        return _numeric(q)
    if isinstance(q, OrderingQuestion):
        return _ordering(q)
    raise TypeError(f"question {q.id!r}: unsupported type {type(q).__name__}")


def to_moodle_xml(banks: Sequence[QuestionBank]) -> str:
    """All banks as one Moodle XML document (UTF-8 text)."""
    quiz = ET.Element("quiz")
    for bank in banks:
        category = _sub(quiz, "question", type="category")
        _sub(_sub(category, "category"), "text", f"$course$/top/bonelearn/{bank.chapter}")
        for q in bank.questions:
            quiz.append(question_element(q))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, "unicode") + "\n"
