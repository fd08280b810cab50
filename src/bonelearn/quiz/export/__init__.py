"""Exports of question banks: Moodle XML, GIFT, Canvas QTI (via text2qti), JSON and Anki.

``export_banks(banks, fmt, out)`` writes one file holding every bank and returns its
path. Each writer's module docstring says how the four question types map onto the
target format and what, if anything, cannot be carried (the QTI export skips ordering
questions, with an ``ExportWarning``).

Every export first refuses texts that XML cannot carry (naming the question and the
field; ``bonelearn check`` refuses them too), renders the whole file in memory and then
writes it through a temporary file in the target folder that is renamed over the target
(``write_atomic``), so a failure never leaves a broken or empty file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from bonelearn.datafiles import write_atomic
from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.quiz.bank import duplicate_ids, unsafe_text_problems
from bonelearn.quiz.export.anki import to_anki
from bonelearn.quiz.export.common import ExportWarning
from bonelearn.quiz.export.gift import to_gift
from bonelearn.quiz.export.json_export import bank_to_dict, to_json
from bonelearn.quiz.export.moodle import to_moodle_xml
from bonelearn.quiz.export.qti import to_qti_zip
from bonelearn.quiz.model import QuestionBank

__all__ = [
    "EXPORT_FORMATS",
    "ExportWarning",
    "bank_to_dict",
    "export_banks",
    "render_export",
    "to_anki",
    "to_gift",
    "to_json",
    "to_moodle_xml",
    "to_qti_zip",
]

#: format name → (writer returning str or bytes, file suffix, description)
EXPORT_FORMATS: dict[str, tuple[Callable[[Sequence[QuestionBank]], str | bytes], str, str]] = {
    "moodle": (to_moodle_xml, ".xml", "Moodle XML (every question type)"),
    "gift": (to_gift, ".gift.txt", "Moodle GIFT text (ordering becomes matching)"),
    "qti": (to_qti_zip, ".zip", "Canvas QTI zip via text2qti (skips ordering questions)"),
    "json": (to_json, ".json", "the validated banks as JSON"),
    "anki": (to_anki, ".apkg", "Anki deck for spaced repetition, one subdeck per chapter"),
}


def render_export(banks: Sequence[QuestionBank], fmt: str) -> str | bytes:
    """The export as text (bytes for ``qti`` and ``anki``), without writing a file.

    Raises ``ParameterError`` for no banks, question ids used twice, or a text that an
    export cannot carry (the message names the question and the field).
    """
    if fmt not in EXPORT_FORMATS:
        raise UnknownItemError("export format", fmt, list(EXPORT_FORMATS))
    banks = list(banks)
    if not banks or not any(b.questions for b in banks):
        raise ParameterError("nothing to export: no question banks (or only empty ones)")
    clashes = duplicate_ids(banks)
    if clashes:
        detail = "; ".join(f"{qid!r} in {', '.join(places)}" for qid, places in clashes.items())
        raise ParameterError(f"question ids must be unique across the course: {detail}")
    unsafe = [
        f"{bank.source or 'chapter ' + repr(bank.chapter)}, question {q.id!r}: {problem}"
        for bank in banks for q in bank.questions for problem in unsafe_text_problems(q)
    ]
    if unsafe:
        raise ParameterError("cannot export: " + "; ".join(unsafe))
    return EXPORT_FORMATS[fmt][0](banks)


def export_banks(banks: Sequence[QuestionBank], fmt: str, out: str | Path) -> Path:
    """Write ``banks`` in format ``fmt`` (moodle | gift | qti | json | anki); return the path.

    ``out`` is the file to write; if it is an existing directory, the file is
    ``<out>/bonelearn-<chapters><suffix>``. Parent folders are created. The file is
    replaced in one step (a temporary file renamed over it): after a failure it is
    exactly as it was, or absent if it did not exist.
    """
    content = render_export(banks, fmt)
    out = Path(out)
    if out.is_dir():
        chapters = "-".join(b.chapter for b in banks)
        out = out / f"bonelearn-{chapters}{EXPORT_FORMATS[fmt][1]}"
    out.parent.mkdir(parents=True, exist_ok=True)
    return write_atomic(out, content)
