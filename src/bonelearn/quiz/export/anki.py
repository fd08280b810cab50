"""Anki deck export (``.apkg``) through genanki, for study with spaced repetition.

One deck file holds every bank: a subdeck ``bonelearn::<chapter>`` per chapter and one
note per question, of the note type "bonelearn question" (fields Question, Answer,
Explanation, Sources, Id; one card per note).

- **Front** (Question): the stem, then for ``single``/``multiple`` the options numbered
  1, 2, ... with "Choose one answer" or "Choose every correct answer"; for ``numeric``
  "Answer with a number" and the units; for ``ordering`` the items labelled A, B, ... in
  the same fixed shuffled order as the GIFT export (never the answer order).
- **Back**: the front, then the answer (the correct option numbers and texts; the number
  ± tolerance with its units and accepted range; the order as letters and the items in
  order), the explanations (every option's feedback marked correct or incorrect; for
  numeric and ordering questions the "correct" feedback and, as "If you got it wrong",
  the "incorrect" one) and the sources (short references from the course's
  ``references.bib``; a key that is not there is shown as itself), and the question id.
- **Tags**: ``bonelearn``, ``chapter::<chapter>``, ``objective::<chapter>::<objective>``
  (objective ids repeat across chapters) and ``difficulty::<level>``.

Stable identities, so that importing a newer export updates the cards a learner already
has (and keeps their review history) instead of adding copies: the note GUID derives
from the question id only, the deck id from the chapter id, and the note type id is a
constant (change ``MODEL_ID`` only together with the note type's fields).

Every text is plain text made into HTML (``<``, ``&`` escaped, newlines as ``<br>``), and
``[`` is written as ``&#91;`` so that Anki never reads a text as a ``[sound:…]`` or
``[latex]`` tag.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import sqlite3
import time
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from bonelearn.bibliography import find_bibliography, short_references
from bonelearn.quiz.export.common import number, plain_to_html, shuffled_order
from bonelearn.quiz.model import (
    ChoiceQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionBank,
)

DECK_ROOT = "bonelearn"
MODEL_NAME = "bonelearn question"
FIELDS = ("Question", "Answer", "Explanation", "Sources", "Id")


def stable_id(text: str) -> int:
    """A positive 64-bit Anki id derived from ``text`` (the same text, the same id)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return (1 << 40) + int.from_bytes(digest[:5], "big")


MODEL_ID = stable_id("bonelearn note type: question, version 1")


def note_guid(question_id: str) -> str:
    """The Anki GUID of a question's note: derived from its id alone."""
    import genanki

    return genanki.guid_for(DECK_ROOT, question_id)


def deck_id(chapter: str) -> int:
    """The Anki deck id of a chapter's subdeck."""
    return stable_id(f"bonelearn deck: {chapter}")


def deck_name(chapter: str) -> str:
    return f"{DECK_ROOT}::{chapter}"


def _tag(text: str) -> str:
    """Anki tags are separated by spaces: none may be inside one."""
    return "_".join(text.split())


def note_tags(q: Question, chapter: str) -> list[str]:
    """The tags of a question's note."""
    return [
        DECK_ROOT,
        _tag(f"chapter::{chapter}"),
        _tag(f"objective::{chapter}::{q.objective}"),
        _tag(f"difficulty::{q.difficulty}"),
    ]


CSS = """\
.card { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: 18px;
        line-height: 1.45; text-align: left; color: #1f2328; background: #fff; }
.nightMode.card, .night_mode .card { color: #e6edf3; background: #1f2328; }
.bonelearn { max-width: 42em; margin: 0 auto; }
.instruction { font-style: italic; }
.answer { font-weight: bold; }
.explanation li, .sources li { margin-bottom: 0.4em; }
.verdict { font-weight: bold; }
.correct .verdict { color: #1a7f37; }
.incorrect .verdict { color: #b42318; }
.nightMode .correct .verdict { color: #6fdd8b; }
.nightMode .incorrect .verdict { color: #ff8d85; }
.sources, .qid { font-size: 0.85em; opacity: 0.8; }
"""

FRONT = '<div class="bonelearn tex2jax_ignore">{{Question}}</div>'
BACK = (
    '<div class="bonelearn tex2jax_ignore">{{Question}}<hr id="answer">{{Answer}}'
    '{{#Explanation}}<div class="explanation">{{Explanation}}</div>{{/Explanation}}'
    '{{#Sources}}<div class="sources"><p>Sources</p>{{Sources}}</div>{{/Sources}}'
    '<p class="qid">{{Id}}</p></div>'
)


def _html(plain: str) -> str:
    """Plain text → HTML that Anki shows literally."""
    return plain_to_html(plain).replace("[", "&#91;")


def _letter(n: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as an ``<ol type="A">`` numbers its items)."""
    text = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def _decimal(value: float) -> Decimal:
    return Decimal(number(value))


def _units(q: NumericQuestion) -> str:
    return f" {_html(q.units)}" if q.units else ""


# ---------------------------------------------------------------- the front
def front(q: Question) -> str:
    """The Question field: the stem and what the learner has to do."""
    parts = [f'<div class="stem">{_html(q.stem)}</div>']
    if isinstance(q, ChoiceQuestion):
        what = "Choose every correct answer." if q.multiple else "Choose one answer."
        parts.append(f'<p class="instruction">{what}</p>')
        options = "".join(f"<li>{_html(o.text)}</li>" for o in q.options)
        parts.append(f'<ol class="options">{options}</ol>')
    elif isinstance(q, NumericQuestion):
        unit = f" (in {_html(q.units)})" if q.units else ""
        parts.append(f'<p class="instruction">Answer with a number{unit}.</p>')
    elif isinstance(q, OrderingQuestion):
        parts.append('<p class="instruction">Put these in the right order.</p>')
        items = "".join(f"<li>{_html(q.items[i])}</li>" for i in shuffled_order(q))
        parts.append(f'<ol class="items" type="A">{items}</ol>')
    else:
        raise TypeError(f"question {q.id!r}: unsupported type {type(q).__name__}")
    return "".join(parts)


# ---------------------------------------------------------------- the back
def answer(q: Question) -> str:
    """The Answer field: the correct answer, stated so that it stands alone."""
    if isinstance(q, ChoiceQuestion):
        right = [i for i, o in enumerate(q.options, start=1) if o.correct]
        label = "Correct answers" if len(right) > 1 else "Correct answer"
        listed = "".join(f"<li>{n}. {_html(q.options[n - 1].text)}</li>" for n in right)
        return (f'<p class="answer">{label}: {", ".join(map(str, right))}</p>'
                f'<ul class="correct-options">{listed}</ul>')
    if isinstance(q, NumericQuestion):
        text = f"{number(q.answer)}{_units(q)}"
        if q.tolerance:
            a, t = _decimal(q.answer), _decimal(q.tolerance)
            text = (f"{number(q.answer)} ± {number(q.tolerance)}{_units(q)} "
                    f"(accepted: {a - t} to {a + t})")
        return f'<p class="answer">Answer: {text}</p>'
    if isinstance(q, OrderingQuestion):
        shown = shuffled_order(q)
        letters = [_letter(shown.index(i)) for i in range(len(q.items))]
        items = "".join(f"<li>{_html(item)}</li>" for item in q.items)
        return (f'<p class="answer">Correct order: {", ".join(letters)}</p>'
                f'<ol class="order">{items}</ol>')
    raise TypeError(f"question {q.id!r}: unsupported type {type(q).__name__}")


def explanation(q: Question) -> str:
    """The Explanation field: every explanation the bank holds for this question."""
    if isinstance(q, ChoiceQuestion):
        rows = []
        for option in q.options:
            verdict = "Correct" if option.correct else "Incorrect"
            css = "correct" if option.correct else "incorrect"
            rows.append(f'<li class="{css}"><span class="verdict">{verdict}:</span> '
                        f"{_html(option.text)}<br>{_html(option.feedback)}</li>")
        return f'<ol class="explanations">{"".join(rows)}</ol>'
    if isinstance(q, NumericQuestion | OrderingQuestion):
        return (f"<p>{_html(q.feedback.correct)}</p>"
                f'<p class="hint">If you got it wrong: {_html(q.feedback.incorrect)}</p>')
    raise TypeError(f"question {q.id!r}: unsupported type {type(q).__name__}")


def reference_texts(banks: Sequence[QuestionBank]) -> dict[str, str]:
    """Short references (``"Lacey et al. 1998, Cell. doi:…"``) by lower-case citation key.

    Read from the ``references.bib`` of the course the banks came from (found from their
    files, else from the working directory); empty when there is none.
    """
    starts = [Path(b.source).resolve().parent for b in banks if b.source]
    bib = find_bibliography(starts) if starts else find_bibliography()
    if bib is None:
        return {}
    return short_references(bib)


def sources(q: Question, references: dict[str, str]) -> str:
    """The Sources field: one list item per citation."""
    items = "".join(f"<li>{_html(references.get(key.lower(), key))}</li>" for key in q.cite)
    return f"<ul>{items}</ul>"


def fields(q: Question, references: dict[str, str]) -> list[str]:
    """The note's fields, in the order of ``FIELDS``."""
    return [front(q), answer(q), explanation(q), sources(q, references), _html(q.id)]


# ---------------------------------------------------------------- the package
def _model() -> Any:
    import genanki

    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question and answer", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )


def build_decks(banks: Sequence[QuestionBank]) -> list[Any]:
    """One ``genanki.Deck`` per bank, holding one note per question."""
    import genanki

    model, references = _model(), reference_texts(banks)
    decks = []
    for bank in banks:
        deck = genanki.Deck(
            deck_id(bank.chapter),
            deck_name(bank.chapter),
            description=f"bonelearn quiz questions of the chapter '{bank.chapter}'. "
            "Educational resource, not medical advice.",
        )
        for q in bank.questions:
            deck.add_note(genanki.Note(
                model=model,
                fields=fields(q, references),
                tags=note_tags(q, bank.chapter),
                guid=note_guid(q.id),
            ))
        decks.append(deck)
    return decks


def to_anki(banks: Sequence[QuestionBank]) -> bytes:
    """All banks as one Anki package (the bytes of an ``.apkg`` file).

    Written like ``genanki.Package.write_to_file`` (an SQLite collection zipped as
    ``collection.anki2`` with an empty ``media`` map), but in memory: no temporary file
    is left behind (genanki's own writer leaves one), and the caller writes the file
    atomically.
    """
    import genanki

    package = genanki.Package(build_decks(banks))
    timestamp = time.time()
    conn = sqlite3.connect(":memory:")
    try:
        package.write_to_db(conn.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        conn.commit()
        collection = conn.serialize()
    finally:
        conn.close()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", collection)
        archive.writestr("media", "{}")
    return buffer.getvalue()
