"""Helpers shared by the LMS exporters."""

from __future__ import annotations

import html
import math

from bonelearn.quiz.model import ChoiceQuestion


class ExportWarning(UserWarning):
    """An export left something out; the message says what and why."""


def plain_to_html(text: str) -> str:
    """Plain text → HTML that displays it literally (``<``, ``&`` escaped; newlines → ``<br>``)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return html.escape(text, quote=False).replace("\n", "<br>")


def number(value: float) -> str:
    """A number as LMS importers read it: ``120`` rather than ``120.0``; ``repr`` otherwise."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def percent(value: float) -> str:
    """A Moodle grade percentage with at most 5 decimals (``33.33333``, ``12.5``, ``-50``)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def choice_fractions(q: ChoiceQuestion) -> list[float]:
    """Grade percentage of each option.

    Single answer: 100 for the correct option, 0 otherwise. Multiple answers: the correct
    options share 100 %, and each wrong one takes away an equal share of 100 %, so
    ticking every box scores 0 (Moodle never goes below 0 for a question).
    """
    if not q.multiple:
        return [100.0 if o.correct else 0.0 for o in q.options]
    right = sum(o.correct for o in q.options)
    wrong = len(q.options) - right
    return [100.0 / right if o.correct else -100.0 / wrong for o in q.options]
