"""Load and check question banks (``chapters/<id>/questions.yaml``).

``load_bank`` checks everything a bank can check on its own: the JSON Schema
(``question-bank.schema.json``) plus the rules a schema cannot express (unique ids, no
duplicate options or items, finite numbers). ``validate_bank`` adds the checks that need
outside knowledge: the chapter's objectives and the bibliography's keys.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from bonelearn.errors import DataFileError
from bonelearn.quiz.model import (
    ChoiceQuestion,
    Feedback,
    NumericQuestion,
    Option,
    OrderingQuestion,
    Question,
    QuestionBank,
)

SCHEMA_PATH = Path(__file__).with_name("question-bank.schema.json")


@cache
def schema() -> dict[str, Any]:
    """Return the question-bank JSON Schema as a dict."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses duplicated mapping keys (PyYAML keeps the last)."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


def _item_name(data: Any, index: int) -> str:
    """``question '<id>'`` when the entry has a usable id, else ``question #n`` (1-based)."""
    questions = data.get("questions") if isinstance(data, Mapping) else None
    if isinstance(questions, list) and index < len(questions):
        entry = questions[index]
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str) and entry["id"]:
            return f"question {entry['id']!r}"
    return f"question #{index + 1}"


def _message(error: ValidationError) -> str:
    """jsonschema's message, reworded where it would puzzle a question author."""
    if error.validator in ("contains", "minContains", "maxContains") and isinstance(
        error.instance, list
    ):
        found = sum(isinstance(o, Mapping) and o.get("correct") is True for o in error.instance)
        exact = isinstance(error.schema, Mapping) and "maxContains" in error.schema
        need = "exactly one" if exact else "at least one"
        return f"needs {need} option with 'correct: true' (found {found})"
    if error.validator == "pattern" and error.validator_value == "\\S":
        return "must not be blank"
    if error.validator == "pattern" and "(-[a-z0-9]+)*" in str(error.validator_value):
        return f"{error.instance!r} is not kebab-case (lower-case letters, digits, single hyphens)"
    return error.message


def _field(parts: list[Any]) -> str:
    """``options #2.text`` for the path ``["options", 1, "text"]``."""
    text = ""
    for part in parts:
        text += f" #{part + 1}" if isinstance(part, int) else ("." if text else "") + str(part)
    return text


def _schema_error(path: Path, data: Any, error: ValidationError) -> DataFileError:
    where = list(error.absolute_path)
    if len(where) >= 2 and where[0] == "questions" and isinstance(where[1], int):
        item = _item_name(data, where[1])
        field = _field(where[2:])
    else:
        item, field = None, _field(where)
    return DataFileError(path, item, f"{field + ': ' if field else ''}{_message(error)}")


def _first_error(errors: list[ValidationError]) -> ValidationError:
    """The most useful error of the first entry (in document order) that has any.

    A question whose type-specific part fails also reports its fields as "unevaluated";
    that echo is dropped whenever the real cause is known.
    """

    def entry(error: ValidationError) -> tuple[int, ...]:
        where = list(error.absolute_path)
        if len(where) >= 2 and where[0] == "questions" and isinstance(where[1], int):
            return (1, where[1])
        return (0,)

    first = min(entry(e) for e in errors)
    mine = [e for e in errors if entry(e) == first]
    causes = [e for e in mine if e.validator != "unevaluatedProperties"] or mine
    return best_match(causes)


def _clean(text: str) -> str:
    return text.strip()


def _norm(text: str) -> str:
    """Comparison key for duplicate detection: case- and whitespace-insensitive."""
    return " ".join(text.casefold().split())


def _question(entry: Mapping[str, Any]) -> Question:
    common = {
        "id": entry["id"],
        "objective": entry["objective"],
        "difficulty": entry["difficulty"],
        "cite": tuple(entry["cite"]),
        "stem": _clean(entry["stem"]),
    }
    kind = entry["type"]
    if kind in ("single", "multiple"):
        options = tuple(
            Option(_clean(o["text"]), bool(o["correct"]), _clean(o["feedback"]))
            for o in entry["options"]
        )
        return ChoiceQuestion(**common, options=options, multiple=kind == "multiple")
    fb = entry["feedback"]
    feedback = Feedback(_clean(fb["correct"]), _clean(fb["incorrect"]))
    if kind == "numeric":
        return NumericQuestion(
            **common,
            answer=float(entry["answer"]),
            tolerance=float(entry["tolerance"]),
            units=entry.get("units", "").strip(),
            feedback=feedback,
        )
    return OrderingQuestion(
        **common, items=tuple(_clean(t) for t in entry["items"]), feedback=feedback
    )


def question_texts(q: Question) -> list[tuple[str, str]]:
    """(field, text) for every text of a question, the field named as messages name it."""
    texts = [("stem", q.stem)]
    if isinstance(q, ChoiceQuestion):
        for i, o in enumerate(q.options, start=1):
            texts += [(f"option {i} text", o.text), (f"option {i} feedback", o.feedback)]
    if isinstance(q, NumericQuestion | OrderingQuestion):
        texts += [("feedback.correct", q.feedback.correct),
                  ("feedback.incorrect", q.feedback.incorrect)]
    if isinstance(q, NumericQuestion):
        texts.append(("units", q.units))
    if isinstance(q, OrderingQuestion):
        texts += [(f"item {i}", t) for i, t in enumerate(q.items, start=1)]
    return texts


def _kind(char: str) -> str | None:
    """Why an export cannot carry ``char``: a kind of character, or ``None`` if it can."""
    code = ord(char)
    category = unicodedata.category(char)
    if category == "Cc":
        return None if char in "\n\t" else "control character(s)"
    if category == "Cs":
        return "lone surrogate(s)"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "non-character(s)"
    return None


def unsafe_characters(text: str) -> dict[str, list[str]]:
    """Characters of ``text`` that the exports cannot carry, by kind (``U+XXXX`` codes).

    XML 1.0 (Moodle XML, Canvas QTI) cannot carry C0 controls other than tab, newline and
    carriage return, lone surrogates (which cannot even be written as UTF-8), nor U+FFFE
    and U+FFFF; Moodle refuses the whole file for one of them. The course refuses more:
    every control character except tab and newline (carriage returns, C1 controls), and
    every Unicode non-character (U+FDD0 to U+FDEF, and the last two code points of each
    plane). Empty when the text is safe.
    """
    found: dict[str, set[int]] = {}
    for char in text:
        kind = _kind(char)
        if kind:
            found.setdefault(kind, set()).add(ord(char))
    return {kind: [f"U+{code:04X}" for code in sorted(codes)] for kind, codes in found.items()}


def unsafe_text_problems(q: Question) -> list[str]:
    """One message per field of ``q`` that holds characters an export cannot carry."""
    problems = []
    for name, text in question_texts(q):
        bad = unsafe_characters(text)
        if bad:
            listed = " and ".join(f"the {kind} {', '.join(codes)}"
                                  for kind, codes in bad.items())
            problems.append(f"{name} contains {listed}, which XML exports cannot carry "
                            "(Moodle and Canvas refuse the whole file)")
    return problems


def _question_problems(q: Question) -> list[str]:
    """Rules of one question that the schema cannot express."""
    problems = unsafe_text_problems(q)
    if isinstance(q, ChoiceQuestion):
        seen: dict[str, int] = {}
        for i, option in enumerate(q.options, start=1):
            key = _norm(option.text)
            if key in seen:
                problems.append(f"option {i} repeats option {seen[key]} ({option.text!r})")
            seen.setdefault(key, i)
    elif isinstance(q, NumericQuestion):
        if not (math.isfinite(q.answer) and math.isfinite(q.tolerance)):
            problems.append("answer and tolerance must be finite numbers")
    elif isinstance(q, OrderingQuestion):
        seen_items: dict[str, int] = {}
        for i, text in enumerate(q.items, start=1):
            key = _norm(text)
            if key in seen_items:
                problems.append(f"item {i} repeats item {seen_items[key]} ({text!r})")
            seen_items.setdefault(key, i)
    return problems


def parse_bank(data: Any, source: str | Path = "<question bank>") -> QuestionBank:
    """Check already-parsed bank data (a dict as from YAML) and return a ``QuestionBank``.

    Raises ``DataFileError(source, "question '<id>'" or "question #n", problem)``.
    """
    path = Path(source)
    if data is None:
        raise DataFileError(path, None, "the file is empty; expected 'chapter' and 'questions'")
    errors = list(Draft202012Validator(schema()).iter_errors(data))
    if errors:
        raise _schema_error(path, data, _first_error(errors))
    questions: list[Question] = []
    first_index: dict[str, int] = {}
    for index, entry in enumerate(data["questions"]):
        q = _question(entry)
        item = _item_name(data, index)
        if q.id in first_index:
            raise DataFileError(
                path, f"question #{index + 1}",
                f"id {q.id!r} is already used by question #{first_index[q.id] + 1}",
            )
        first_index[q.id] = index
        problems = _question_problems(q)
        if problems:
            raise DataFileError(path, item, "; ".join(problems))
        questions.append(q)
    return QuestionBank(chapter=data["chapter"], questions=tuple(questions), source=str(path))


def load_bank(path: str | Path) -> QuestionBank:
    """Read, check and return one question bank (``chapters/<id>/questions.yaml``).

    Every problem raises ``DataFileError`` naming the file and the question
    (``question '<id>'``, or ``question #n`` when the entry has no usable id).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, None, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(path, None, f"cannot read the file: {exc}") from None
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise DataFileError(path, None, f"not valid YAML: {exc}") from None
    return parse_bank(data, path)


def duplicate_ids(banks: Iterable[QuestionBank]) -> dict[str, list[str]]:
    """Question ids used in more than one bank, mapped to the chapters (or files) using them."""
    where: dict[str, list[str]] = {}
    for bank in banks:
        for q in bank.questions:
            where.setdefault(q.id, []).append(bank.source or bank.chapter)
    return {qid: places for qid, places in where.items() if len(places) > 1}


def validate_bank(
    bank: QuestionBank, objective_ids: Iterable[str], bib_keys: Iterable[str]
) -> list[str]:
    """Problems that need outside knowledge: unknown objective ids and citation keys.

    Returns one message per problem (empty when all is well), each naming the file and
    the question, e.g. ``"chapters/x/questions.yaml, question 'x-a': unknown objective 'y'"``.
    """
    objectives, keys = set(objective_ids), set(bib_keys)
    where = bank.source or f"chapter {bank.chapter!r}"
    problems = []
    for q in bank.questions:
        if q.objective not in objectives:
            known = ", ".join(sorted(objectives)) or "none"
            problems.append(
                f"{where}, question {q.id!r}: unknown objective {q.objective!r} (known: {known})"
            )
        for key in q.cite:
            if key not in keys:
                problems.append(f"{where}, question {q.id!r}: citation key {key!r} is not in "
                                "references.bib")
    return problems
