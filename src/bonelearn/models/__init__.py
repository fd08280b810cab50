"""Published bone-remodelling models and the teaching scenarios built on them.

* :class:`Komarova2003` — osteoclast/osteoblast autocrine-paracrine model (Bone 2003).
* :class:`Lemaire2004` — RANKL/RANK/OPG, TGF-β and PTH model (J Theor Biol 2004), with
  an added bone-volume state (not part of the paper).
* :class:`Pivonka2008` — RANKL/OPG/PTH/TGF-β bone cell population model (Bone 2008).
* :class:`DenosumabPivonka` — denosumab pharmacokinetics and RANKL binding on the Pivonka
  structure with mineralisation and a BMD readout, after Martínez-Reina and Pivonka 2019.
* :mod:`bonelearn.models.scenarios` — inflammation and drug classes mapped onto
  Lemaire2004 as a labelled teaching device.

Time is in days everywhere. Every model shares the interface of
:class:`bonelearn.models.base.Model`: ``Params``, ``steady_state()`` and
``simulate(t_end, schedule=None, n_points=501, initial=None)``.
"""

from __future__ import annotations

from bonelearn.models.base import Dose, Model, Schedule, SimulationResult
from bonelearn.models.denosumab import DenosumabParams, DenosumabPivonka, Regimen
from bonelearn.models.komarova import Komarova2003, KomarovaParams
from bonelearn.models.lemaire import Lemaire2004, LemaireParams
from bonelearn.models.pivonka import Pivonka2008, PivonkaParams

__all__ = [
    "DenosumabParams",
    "DenosumabPivonka",
    "Dose",
    "Komarova2003",
    "KomarovaParams",
    "Lemaire2004",
    "LemaireParams",
    "Model",
    "Pivonka2008",
    "PivonkaParams",
    "Regimen",
    "Schedule",
    "SimulationResult",
]
