"""Interactive widgets with two front ends from one Python definition.

In Jupyter (a live kernel) each widget is an ipywidgets container whose callbacks run
the Python models; in the static book the same object renders a self-contained HTML
fragment whose inline script recomputes with the JavaScript ports. See ``base``.
"""

from __future__ import annotations

from bonelearn.widgets.base import DualWidget
from bonelearn.widgets.dosing import DenosumabDosing, denosumab_dosing
from bonelearn.widgets.evidence import EvidenceTable, evidence_table
from bonelearn.widgets.explorer import VIEWS, PathwayExplorer, pathway_explorer
from bonelearn.widgets.matrix import EvidenceMatrixTable, evidence_matrix
from bonelearn.widgets.measures import BoneMeasuresCalculator, bone_measures_calculator
from bonelearn.widgets.simulator import RemodellingSimulator, remodelling_simulator
from bonelearn.widgets.studies import StudiesTable, StudyBrowser, studies_table, study_browser

__all__ = ["VIEWS", "BoneMeasuresCalculator", "DenosumabDosing", "DualWidget",
           "EvidenceMatrixTable", "EvidenceTable", "PathwayExplorer", "RemodellingSimulator",
           "StudiesTable", "StudyBrowser", "bone_measures_calculator", "denosumab_dosing",
           "evidence_matrix", "evidence_table", "pathway_explorer", "remodelling_simulator",
           "studies_table", "study_browser"]
