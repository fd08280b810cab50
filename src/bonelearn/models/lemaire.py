"""Lemaire et al. 2004: osteoblast-osteoclast interactions through RANKL/RANK/OPG, TGF-β, PTH.

Lemaire V, Tobin FL, Greller LD, Cho CR, Suva LJ. Modeling the interactions between
osteoblast and osteoclast activities in bone remodeling. J Theor Biol
2004;229(3):293-309. doi:10.1016/j.jtbi.2004.03.023, PMID 15234198. Key
``lemaire2004modeling``. Parameter values: those of the curated BioModels encoding of
the paper (BIOMD0000000278), which reproduce the paper's steady state
(R, B, C) = (7.734e-4, 7.282e-4, 9.127e-4) pM.

States (time ``t`` in days; cells expressed as concentrations, pM, as in the paper):

* ``R`` — responding (immature) osteoblasts, pM;
* ``B`` — active osteoblasts, pM;
* ``C`` — active osteoclasts, pM;
* ``V`` — bone volume, % of baseline. **Not part of Lemaire 2004**: an addition of this
  course, following the idea of Pivonka et al. 2008 (doi:10.1016/j.bone.2008.03.025):
  ``dV/dt = k_form B - k_res C``, with ``k_res = turnover / C_ref`` and ``k_form =
  turnover / B_ref`` so that formation balances resorption at the reference state
  (by default the model's own steady state without doses). ``V`` is bookkeeping only:
  it does not act back on the cells and is not bounded below, so read it as a direction
  and rate of net change, not as a prediction of bone mass.

Equations (``D_B = f0 d_B``)::

    dR/dt = D_R pi_C - (D_B / pi_C) R
    dB/dt = (D_B / pi_C) R - k_B B
    dC/dt = D_C pi_L - D_A pi_C C
    pi_C  = (C + f0 C_s) / (C + C_s)                       TGF-β released by resorption
    pi_P  = (I_P/k_P + S_P/k_P) / (I_P/k_P + k6/k5)         PTH receptor occupancy
    pi_L  = (k3/k4) K_LP pi_P B (1 + I_L/r_L)
            / (1 + k3 K/k4 + k1/(k2 k_O) (K_OP R / pi_P + I_O))   RANK occupancy by RANKL

RANKL-RANK and RANKL-OPG binding are at quasi-steady state. Exogenous inputs (pM/day):
``RANKL`` → ``I_L``, ``OPG`` → ``I_O``, ``PTH`` → ``I_P``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.models.base import RHS, Model, ParamsBase, check_number, param

INPUTS = {"RANKL": "I_L", "OPG": "I_O", "PTH": "I_P"}


@dataclass(frozen=True)
class LemaireParams(ParamsBase):
    """Parameters of :class:`Lemaire2004` (published defaults) plus the bone-volume addition."""

    D_R: float = param(7e-4, "pM/day", "production of responding osteoblasts", lo_open=True)
    d_B: float = param(0.7, "1/day", "differentiation of responding osteoblasts (D_B = f0 d_B)",
                       lo_open=True)
    k_B: float = param(0.189, "1/day", "elimination of active osteoblasts", lo_open=True)
    D_C: float = param(2.1e-3, "pM/day", "production of active osteoclasts", lo_open=True)
    D_A: float = param(0.7, "1/day", "osteoclast apoptosis induced by TGF-β", lo_open=True)
    f0: float = param(0.05, "dimensionless", "fixed part of the TGF-β effect", lo_open=True, hi=1)
    C_s: float = param(5e-3, "pM", "osteoclast level for half-maximal TGF-β effect",
                       lo_open=True)
    K: float = param(10.0, "pM", "fixed concentration of RANK", lo_open=True)
    k1: float = param(1e-2, "1/(pM·day)", "OPG-RANKL binding rate", lo_open=True)
    k2: float = param(10.0, "1/day", "OPG-RANKL unbinding rate", lo_open=True)
    k3: float = param(5.8e-4, "1/(pM·day)", "RANK-RANKL binding rate", lo_open=True)
    k4: float = param(1.7e-2, "1/day", "RANK-RANKL unbinding rate", lo_open=True)
    k5: float = param(0.02, "1/(pM·day)", "PTH-receptor binding rate", lo_open=True)
    k6: float = param(3.0, "1/day", "PTH-receptor unbinding rate", lo_open=True)
    k_O: float = param(0.35, "1/day", "OPG degradation rate", lo_open=True)
    K_OP: float = param(2e5, "(pM/day)/pM", "OPG production per responding osteoblast")
    K_LP: float = param(3e6, "pM/pM", "maximal RANKL per active osteoblast", lo_open=True)
    r_L: float = param(1e3, "pM/day", "RANKL production and elimination rate", lo_open=True)
    S_P: float = param(250.0, "pM/day", "systemic PTH production", lo_open=True)
    k_P: float = param(86.0, "1/day", "PTH elimination rate", lo_open=True)
    turnover: float = param(10.0 / 365.0, "% of bone volume/day",
                            "ADDED (not in Lemaire 2004): baseline resorption = formation "
                            "rate; 10 %/year, an order-of-magnitude teaching assumption",
                            lo_open=True)


class Lemaire2004(Model):
    """Lemaire et al. 2004 (J Theor Biol 229:293-309) with an added bone volume ``V``."""

    Params = LemaireParams
    state_names: ClassVar[tuple[str, ...]] = ("R", "B", "C", "V")
    state_units: ClassVar[dict[str, str]] = {"R": "pM", "B": "pM", "C": "pM",
                                             "V": "% of baseline"}
    input_names: ClassVar[tuple[str, ...]] = tuple(INPUTS)
    cell_states: ClassVar[tuple[str, ...]] = ("R", "B", "C")
    params: LemaireParams

    def __init__(self, params: LemaireParams | None = None, *,
                 volume_reference: tuple[float, float] | None = None) -> None:
        """``volume_reference = (B_ref, C_ref)`` in pM; default: own steady state."""
        super().__init__(params)
        if volume_reference is None:
            ss = self.steady_state()
            volume_reference = (ss["B"], ss["C"])
        b_ref = check_number("volume_reference B", volume_reference[0], 0.0, lo_open=True)
        c_ref = check_number("volume_reference C", volume_reference[1], 0.0, lo_open=True)
        self.volume_reference = (b_ref, c_ref)
        self.k_form = self.params.turnover / b_ref
        self.k_res = self.params.turnover / c_ref

    # --- algebraic parts ---------------------------------------------------------------
    def pi_c(self, c: float) -> float:
        """TGF-β activation function π_C (dimensionless) at osteoclasts ``c`` (pM)."""
        p = self.params
        return (c + p.f0 * p.C_s) / (c + p.C_s)

    def pi_p(self, i_p: float = 0.0) -> float:
        """PTH activation function π_P (dimensionless) for PTH input ``i_p`` (pM/day)."""
        p = self.params
        return (i_p / p.k_P + p.S_P / p.k_P) / (i_p / p.k_P + p.k6 / p.k5)

    def pi_l(self, r: float, b: float, i_l: float = 0.0, i_o: float = 0.0,
             i_p: float = 0.0) -> float:
        """RANK occupancy function π_L (dimensionless)."""
        p = self.params
        pp = self.pi_p(i_p)
        den = 1 + p.k3 * p.K / p.k4 + p.k1 / (p.k2 * p.k_O) * (p.K_OP * r / pp + i_o)
        return p.k3 / p.k4 * p.K_LP * pp * b / den * (1 + i_l / p.r_L)

    def _derivs(self, r: float, b: float, c: float, i_l: float, i_o: float,
                i_p: float) -> tuple[float, float, float, float]:
        p = self.params
        pc = self.pi_c(c)
        d_b = p.f0 * p.d_B
        dr = p.D_R * pc - d_b / pc * r
        db = d_b / pc * r - p.k_B * b
        dc = p.D_C * self.pi_l(r, b, i_l, i_o, i_p) - p.D_A * pc * c
        return dr, db, dc, self.k_form * b - self.k_res * c

    # --- Model interface -----------------------------------------------------------------
    def _rhs(self, t: float, y: np.ndarray, inputs: Mapping[str, float]) -> np.ndarray:
        return np.array(self._derivs(y[0], y[1], y[2], inputs["RANKL"], inputs["OPG"],
                                     inputs["PTH"]))

    def _bind(self, inputs: Mapping[str, float]) -> RHS:
        i_l, i_o, i_p, exp = inputs["RANKL"], inputs["OPG"], inputs["PTH"], math.exp

        def f(t: float, u: np.ndarray) -> np.ndarray:
            r, b, c = exp(u[0]), exp(u[1]), exp(u[2])
            dr, db, dc, dv = self._derivs(r, b, c, i_l, i_o, i_p)
            return np.array([dr / r, db / b, dc / c, dv])

        return f

    def steady_state(self, inputs: Mapping[str, float] | None = None) -> dict[str, float]:
        """Steady state for constant ``inputs`` (pM/day), by a 1-D root solve in C.

        With dR/dt = dB/dt = 0, ``R = D_R π_C² / D_B`` and ``B = D_R π_C / k_B``; the
        remaining equation dC/dt = 0 is solved for C with Brent's method. ``V`` is
        neutral at a steady state and is reported as 100 %.
        """
        p = self.params
        full = dict.fromkeys(self.input_names, 0.0) | dict(inputs or {})
        for k, v in full.items():
            if k not in INPUTS:
                raise UnknownItemError("model input", k, list(INPUTS))
            check_number(f"inputs[{k!r}]", v, lo=0.0)
        i_l, i_o, i_p = full["RANKL"], full["OPG"], full["PTH"]
        d_b = p.f0 * p.d_B

        def rb(c: float) -> tuple[float, float]:
            pc = self.pi_c(c)
            return p.D_R * pc * pc / d_b, p.D_R * pc / p.k_B

        def g(logc: float) -> float:
            c = math.exp(logc)
            r, b = rb(c)
            return math.log(p.D_C * self.pi_l(r, b, i_l, i_o, i_p)) - math.log(
                p.D_A * self.pi_c(c) * c)

        lo, hi = math.log(1e-30), math.log(1e-3)
        while g(hi) > 0:
            hi += math.log(10.0)
            if hi > math.log(1e30):
                raise ParameterError("Lemaire2004: no steady state found (osteoclasts unbounded)")
        from scipy.optimize import brentq  # on use, as in models.base.piecewise_solve

        c = math.exp(brentq(g, lo, hi, xtol=1e-14, rtol=1e-14))
        r, b = rb(c)
        return {"R": r, "B": b, "C": c, "V": 100.0}
