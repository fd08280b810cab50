"""Pathway and drug knowledge base for bone in inflammatory arthritis.

Data (nodes, signed cited edges, drug classes, views) live in ``data/*.yaml`` and are
validated against ``schema/*.schema.json`` by :func:`load_knowledge_base`.
:func:`propagate` turns an inflammation level and a set of drugs into explained directions
(a teaching device; rules in :mod:`bonelearn.pathways.propagation` and ``PROPAGATION.md``).
"""

from __future__ import annotations

from bonelearn.pathways.loader import load_knowledge_base
from bonelearn.pathways.model import (
    DRUG_IDS,
    OUTCOMES,
    Drug,
    DrugTarget,
    Edge,
    Evidence,
    KnowledgeBase,
    Link,
    Node,
    View,
)
from bonelearn.pathways.propagation import (
    EPS,
    NodeState,
    OutcomePrediction,
    Prediction,
    propagate,
)

__all__ = [
    "DRUG_IDS",
    "EPS",
    "OUTCOMES",
    "Drug",
    "DrugTarget",
    "Edge",
    "Evidence",
    "KnowledgeBase",
    "Link",
    "Node",
    "NodeState",
    "OutcomePrediction",
    "Prediction",
    "View",
    "load_knowledge_base",
    "propagate",
]
