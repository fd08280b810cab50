"""Komarova et al. 2003: autocrine and paracrine control of one remodelling site.

Komarova SV, Smith RJ, Dixon SJ, Sims SM, Wahl LM. Mathematical model predicts a
critical role for osteoclast autocrine regulation in the control of bone remodeling.
Bone 2003;33(2):206-215. PMID 14499354. Citation key ``komarova2003mathematical``.

States (time ``t`` in days):

* ``C`` — osteoclasts at the site (cells);
* ``B`` — osteoblasts at the site (cells);
* ``z`` — bone mass (% of the initial mass).

Equations::

    dC/dt = a1 C^g11 B^g21 - b1 C
    dB/dt = a2 C^g12 B^g22 - b2 B
    dz/dt = -k1 max(C - Cs, 0) + k2 max(B - Bs, 0)

``g11`` is osteoclast autocrine regulation, ``g21`` the (inhibitory) paracrine effect of
osteoblasts on osteoclasts, ``g12`` the paracrine stimulation of osteoblasts by
osteoclasts and ``g22`` osteoblast autocrine regulation. ``Cs`` and ``Bs`` are the
non-trivial steady state, given in closed form by the paper (Appendix, eqs A1-A3; the
printed A2 has a typographical slip that the curated BioModels/CellML encodings correct,
and the form used here is the corrected one: ``Bs = (b1/a1)^(g12/G) (b2/a2)^((1-g11)/G)``
with ``G = g12 g21 - (1 - g11)(1 - g22)``).

The two presets follow the paper's figures as encoded in public curated versions:
:meth:`Params.single_cycle` (BioModels BIOMD0000000148, the paper's Fig. 2: one cycle
after a stimulus of +10 osteoclasts) and :meth:`Params.cyclic` (``g11 = 1.1``; the
values of ``k1`` and ``k2`` for this set, 0.0748 and 0.0006395, are those of the
encoding of Ayati et al. 2010 (BIOMD0000000402), derived from this paper; they were not
checked against the printed legend).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from bonelearn.errors import ParameterError
from bonelearn.models.base import RHS, Model, ParamsBase, param


@dataclass(frozen=True)
class KomarovaParams(ParamsBase):
    """Parameters of :class:`Komarova2003` (defaults: the single-cycle set)."""

    alpha1: float = param(3.0, "cells^(1-g11-g21)/day", "osteoclast production", lo_open=True)
    alpha2: float = param(4.0, "cells^(1-g12-g22)/day", "osteoblast production", lo_open=True)
    beta1: float = param(0.2, "1/day", "osteoclast removal rate", lo_open=True)
    beta2: float = param(0.02, "1/day", "osteoblast removal rate", lo_open=True)
    g11: float = param(0.5, "dimensionless", "osteoclast autocrine effectiveness", lo=-2, hi=2)
    g12: float = param(1.0, "dimensionless", "osteoclast-to-osteoblast paracrine effect",
                       lo=-2, hi=2)
    g21: float = param(-0.5, "dimensionless", "osteoblast-to-osteoclast paracrine effect",
                       lo=-2, hi=2)
    g22: float = param(0.0, "dimensionless", "osteoblast autocrine effectiveness", lo=-2, hi=2)
    k1: float = param(0.24, "% bone mass/(cell·day)", "resorption per excess osteoclast")
    k2: float = param(0.0017, "% bone mass/(cell·day)", "formation per excess osteoblast")

    def __post_init__(self) -> None:
        super().__post_init__()
        if abs(self.gamma) < 1e-9:
            raise ParameterError(f"KomarovaParams: g12*g21 - (1-g11)*(1-g22) = {self.gamma!r}; "
                                 "it must not be zero (no isolated steady state)")

    @property
    def gamma(self) -> float:
        """``g12 g21 - (1 - g11)(1 - g22)`` (dimensionless)."""
        return self.g12 * self.g21 - (1 - self.g11) * (1 - self.g22)

    @classmethod
    def single_cycle(cls) -> KomarovaParams:
        """One remodelling cycle after a stimulus, then a return to steady state (Fig. 2)."""
        return cls()

    @classmethod
    def cyclic(cls) -> KomarovaParams:
        """Internally regulated, regular remodelling cycles (stronger autocrine g11)."""
        return cls(g11=1.1, k1=0.0748, k2=0.0006395)


class Komarova2003(Model):
    """Komarova et al. 2003 (Bone 33:206-215, PMID 14499354); see the module docstring."""

    Params = KomarovaParams
    state_names: ClassVar[tuple[str, ...]] = ("C", "B", "z")
    state_units: ClassVar[dict[str, str]] = {"C": "cells", "B": "cells", "z": "% of initial"}
    cell_states: ClassVar[tuple[str, ...]] = ("C", "B")
    params: KomarovaParams

    def steady_state(self) -> dict[str, float]:
        """Analytic non-trivial steady state; ``z`` is neutral, reported as 100 %."""
        p = self.params
        g = p.gamma
        c = (p.beta1 / p.alpha1) ** ((1 - p.g22) / g) * (p.beta2 / p.alpha2) ** (p.g21 / g)
        b = (p.beta1 / p.alpha1) ** (p.g12 / g) * (p.beta2 / p.alpha2) ** ((1 - p.g11) / g)
        return {"C": float(c), "B": float(b), "z": 100.0}

    def paper_initial(self, extra_osteoclasts: float = 10.0) -> dict[str, float]:
        """The paper's stimulus: steady state plus ``extra_osteoclasts`` cells, z = 100 %."""
        ss = self.steady_state()
        return {"C": ss["C"] + extra_osteoclasts, "B": ss["B"], "z": 100.0}

    def __init__(self, params: KomarovaParams | None = None) -> None:
        super().__init__(params)
        ss = self.steady_state()
        self._cs, self._bs = ss["C"], ss["B"]

    def _bind(self, inputs: Mapping[str, float]) -> RHS:
        """Fast right-hand side in (ln C, ln B, z): same equations, positivity built in."""
        p, cs, bs, exp = self.params, self._cs, self._bs, math.exp

        def f(t: float, u: np.ndarray) -> np.ndarray:
            lc, lb = u[0], u[1]
            c, b = exp(lc), exp(lb)
            dlc = p.alpha1 * exp((p.g11 - 1) * lc + p.g21 * lb) - p.beta1
            dlb = p.alpha2 * exp(p.g12 * lc + (p.g22 - 1) * lb) - p.beta2
            dz = -p.k1 * max(c - cs, 0.0) + p.k2 * max(b - bs, 0.0)
            return np.array([dlc, dlb, dz])

        return f

    def _rhs(self, t: float, y: np.ndarray, inputs: object) -> np.ndarray:
        p = self.params
        c, b = y[0], y[1]
        dc = p.alpha1 * c**p.g11 * b**p.g21 - p.beta1 * c
        db = p.alpha2 * c**p.g12 * b**p.g22 - p.beta2 * b
        dz = -p.k1 * max(y[0] - self._cs, 0.0) + p.k2 * max(y[1] - self._bs, 0.0)
        return np.array([dc, db, dz])
