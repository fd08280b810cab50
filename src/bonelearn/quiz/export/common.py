"""Helpers shared by the LMS exporters."""

from __future__ import annotations

import hashlib
import html
import math

from bonelearn.quiz.model import ChoiceQuestion, OrderingQuestion, Question


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


def shuffled_order(q: OrderingQuestion) -> list[int]:
    """A fixed shuffle of the item indices of ``q``, derived from its id alone.

    Exports that must list the items in some order (GIFT matching, the Anki card) use it,
    so that the listed order never gives the answer away and every export of the same
    question lists them the same way. Fisher-Yates with SHA-256 of ``"<id>:<i>"`` as the
    random source; when that happens to give the answer order, the items are rotated by
    one, so two or more items are never listed in the answer order.
    """
    order = list(range(len(q.items)))
    for i in range(len(order) - 1, 0, -1):
        digest = hashlib.sha256(f"{q.id}:{i}".encode()).digest()
        j = int.from_bytes(digest[:8], "big") % (i + 1)
        order[i], order[j] = order[j], order[i]
    if len(order) > 1 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def compact_units(units: str) -> str:
    """Units without white space (``"% per year"`` → ``"%peryear"``).

    Moodle removes every space from a learner's answer before it looks for the unit, so a
    unit with spaces could never match; without them, "5 % per year" matches.
    """
    return "".join(units.split())


def moodle_tags(q: Question) -> list[str]:
    """The Moodle tags of a question (Moodle XML ``<tags>``, GIFT ``[tag:…]``)."""
    return [f"objective:{q.objective}", f"difficulty:{q.difficulty}", "bonelearn"]
