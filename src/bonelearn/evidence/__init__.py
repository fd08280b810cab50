"""The trial-level evidence base: every study behind the course's bone claims, as data.

``data/studies.yaml`` (schema ``schema/studies.schema.json``) holds one entry per study
with its design, population, drug classes, bone outcomes and numbers as published.
:func:`load_studies` validates it; :func:`filter_studies` filters, searches and sorts;
:func:`class_outcome_matrix` sums it up by drug class and outcome;
:mod:`bonelearn.evidence.export` writes CSV and JSON. It sits above ``pathways`` (it
uses the knowledge base's drug-class ids) and below ``widgets``.
"""

from __future__ import annotations

from bonelearn.evidence.export import to_csv, to_json
from bonelearn.evidence.loader import default_data_file, load_studies
from bonelearn.evidence.matrix import (
    LEVELS,
    MATRIX_OUTCOMES,
    ClassOutcomeMatrix,
    MatrixCell,
    class_outcome_matrix,
)
from bonelearn.evidence.model import (
    DESIGNS,
    DIRECTIONS,
    OUTCOMES,
    RANDOMISED,
    Effect,
    Outcome,
    Study,
    Value,
)
from bonelearn.evidence.query import SORTS, filter_studies

__all__ = ["DESIGNS", "DIRECTIONS", "LEVELS", "MATRIX_OUTCOMES", "OUTCOMES", "RANDOMISED", "SORTS",
           "ClassOutcomeMatrix", "Effect", "MatrixCell", "Outcome", "Study", "Value",
           "class_outcome_matrix", "default_data_file", "filter_studies", "load_studies",
           "to_csv", "to_json"]
