"""Exceptions shared by every part of bonelearn.

Each error message names the offending item (and, for data files, the file and the
entry), so that a reader can fix the input without reading a traceback.
"""

from __future__ import annotations

from pathlib import Path


class BonelearnError(Exception):
    """Base class for every error bonelearn raises on purpose."""


class ParameterError(BonelearnError, ValueError):
    """A model parameter, widget value or function argument is out of range or not finite."""


class UnknownItemError(BonelearnError, KeyError):
    """A name (drug, node, chapter, question ...) that the course does not know."""

    def __init__(self, kind: str, name: object, known: list[str] | None = None) -> None:
        hint = f"; known {kind}s: {', '.join(sorted(known))}" if known else ""
        self.kind, self.name = kind, name
        super().__init__(f"unknown {kind} {name!r}{hint}")

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0])


class DataFileError(BonelearnError, ValueError):
    """A data file (pathways, drugs, question bank, chapter card) is malformed."""

    def __init__(self, path: str | Path, item: str | None, problem: str) -> None:
        self.path, self.item, self.problem = Path(path), item, problem
        where = f"{path}" + (f", {item}" if item else "")
        super().__init__(f"{where}: {problem}")
