"""LMS exports of question banks: Moodle XML, GIFT, Canvas QTI (via text2qti) and JSON.

``export_banks(banks, fmt, out)`` writes one file holding every bank and returns its
path. Each writer's module docstring says how the four question types map onto the
target format and what, if anything, cannot be carried (the QTI export skips ordering
questions, with an ``ExportWarning``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.quiz.bank import duplicate_ids
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
}


def render_export(banks: Sequence[QuestionBank], fmt: str) -> str | bytes:
    """The export as text (bytes for ``qti``), without writing a file."""
    if fmt not in EXPORT_FORMATS:
        raise UnknownItemError("export format", fmt, list(EXPORT_FORMATS))
    banks = list(banks)
    if not banks or not any(b.questions for b in banks):
        raise ParameterError("nothing to export: no question banks (or only empty ones)")
    clashes = duplicate_ids(banks)
    if clashes:
        detail = "; ".join(f"{qid!r} in {', '.join(places)}" for qid, places in clashes.items())
        raise ParameterError(f"question ids must be unique across the course: {detail}")
    return EXPORT_FORMATS[fmt][0](banks)


def export_banks(banks: Sequence[QuestionBank], fmt: str, out: str | Path) -> Path:
    """Write ``banks`` in format ``fmt`` (moodle | gift | qti | json) and return the path.

    ``out`` is the file to write; if it is an existing directory, the file is
    ``<out>/bonelearn-<chapters><suffix>``. Parent folders are created.
    """
    content = render_export(banks, fmt)
    out = Path(out)
    if out.is_dir():
        chapters = "-".join(b.chapter for b in banks)
        out = out / f"bonelearn-{chapters}{EXPORT_FORMATS[fmt][1]}"
    out.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        out.write_bytes(content)
    else:
        out.write_text(content, encoding="utf-8")
    return out
