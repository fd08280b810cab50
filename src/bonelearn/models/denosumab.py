"""Denosumab PK-PD on the Pivonka structure, after Martínez-Reina and Pivonka 2019.

Martínez-Reina J, Pivonka P. Effects of long-term treatment of denosumab on bone mineral
density: insights from an in-silico model of bone mineralization. Bone 2019;125:87-95
(key ``martinezreina2019effects``). The full text could not be read for this course, so the
equations and every parameter value come from the independent, MIT-licensed implementation
``bone-models`` 0.1.0 (``bone_models/models/martinez_reina_model.py`` and
``parameters/martinez_reina_parameters.py``, C. Modiz), which the tests cross-check.

What is implemented (time ``t`` in days):

* **Pharmacokinetics** of a subcutaneous dose (bone-models' equation): a depot ``A``
  (ng/mL-equivalent, each dose adds ``dose F / V_c``) absorbed at ``k_a``, and the serum
  concentration ``C`` (ng/mL) with Michaelis-Menten plus linear elimination::

      dA/dt = -k_a A
      dC/dt = k_a A - (V_max / V_c) C / (K_m + C) - k_el C

* **Binding of RANKL**: denosumab (``C`` converted to pM with its molar mass) is one more
  decoy in the RANKL binding denominator, ``chi K_A,den C``, with ``chi`` the fraction of
  serum antibody that reaches the bone compartment.
* **Cells**: the Pivonka 2008 equations (:mod:`bonelearn.models.pivonka`) with the
  parameter set of Martínez-Reina and Pivonka 2019 (which take it from Scheiner et al.
  2013), plus that model's osteoblast-precursor proliferation term with the mechanical
  stimulus **held at its habitual-loading value** (``Π_mech = 0.5``)::

      dOBp/dt += a D_OBu (π_act(TGFβ_ss) OBp / OBp_ss - π_act(TGFβ))

  which vanishes at the steady state. **The mechanostat feedback of the paper (strain
  energy density from bone volume and ash fraction acting on OBp proliferation and RANKL
  production) is not implemented**; the model has no mechanics.
* **Postmenopausal osteoporosis** (optional): extra RANKL production
  ``P_PMO ξ² / (ξ² + ((t - t_PMO)/τ)²)`` from ``t_PMO``.
* **Bone volume fraction** ``vb`` (%): ``dvb/dt = k_form OBa - k_res OCa``.
* **Mineralisation and BMD**: the daily queue of bone packets of the paper (as coded in
  bone-models): new packets carry no mineral for a lag time, mineralise linearly to the
  primary content, then exponentially towards the maximum; packets older than the lag are
  resorbed in proportion to their volume; the oldest bone, beyond the queue, is fully
  mineralised. The readout ``BMD`` is mineral mass per tissue volume (mineral volume
  fraction of the tissue, ``Σ packets × mineral content``) in % of its value at t = 0: the
  quantity DXA measures. bone-models reports an apparent density instead (mineral, organic
  matrix and water, at a fixed bone fraction); where the paper's own BMD definition differs
  could not be checked.

Differences from bone-models, deliberately: doses accumulate in one continuous
pharmacokinetic model, so the concentration left from a dose carries over and decays after
the last dose (bone-models restarts a single-interval curve at every dose and sets the
concentration to zero at the end of treatment); and the last queue element takes the
current bone volume exactly (bone-models adds the day's net change once more).

Known limitations against people (state them wherever the model's output is shown):

* **Each injection wears off about 3 months too early.** With these parameters active
  osteoclasts are back near baseline when the next 6-monthly dose is due, and the BMD
  readout dips by 2-3 points before every injection. In people, the resorption marker CTX
  is still 45-80 % below baseline at the end of each 6-month interval (US label, key
  ``fdalabel2026prolia``), and turnover markers rise 3 months after a scheduled dose is
  omitted (Cummings et al. 2018, key ``cummings2018vertebral``). The dips are an artefact;
  the dosing interval must not be read from the model.
* **No rebound.** After the last dose osteoclasts return to baseline and stay there; in
  people turnover rises above pre-treatment levels (``anastasilakis2021denosumab``).
* **Density is mostly mineralisation.** Over 48 months of 60 mg every 6 months the bone
  volume fraction rises only from 15.0 % to about 15.6 %, while the BMD readout rises about
  12 %; after stopping, bone volume does not fall, and the readout's loss is new,
  unmineralised bone replacing old bone at the baseline turnover rate, not a burst of
  resorption as in people.

Whether these limitations are in the published model or arise from the bone-models
parameter set could not be checked (the paper's figures were not seen).

What was checked against records other than ``bone-models`` (searched 2026-12-01):
**no parameter value.** The records found for Martínez-Reina and Pivonka 2019, the
group's 2021 exercise-and-denosumab paper (Front Bioeng Biotechnol 2021, 10.3389/
fbioe.2021.635056) and the 2022 treatment-holiday paper (``martinezreina2022assessment``)
show titles, affiliations and abstracts, not parameter tables, so every value of
:class:`DenosumabParams` remains from ``bone-models`` only. Published population
pharmacokinetics of denosumab are not a check of these values: a population analysis in
people with bone metastases reports a bioavailability of 61 % and an absorption half-life
of 2.7 days (Clin Pharmacokinet 2012;51(4):247-260, PMID 22420579, PubMed abstract) with a
two-compartment model and target-mediated disposition, where this model has one compartment,
``F = 1`` and ``k_a = 0.17``/day (half-life 4.1 days); the structures differ, so the numbers
are not comparable one to one. What the tests compare with published results is the
direction and time scale of density change on treatment and after stopping
(``tests/unit/test_models_denosumab.py``, which names each source).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from bonelearn.errors import ParameterError
from bonelearn.models.base import SimulationResult, check_number, param, piecewise_solve
from bonelearn.models.pivonka import Pivonka2008, PivonkaParams, act

MR = "bone-models 0.1.0 martinez_reina_parameters.py (paper full text not read)"


@dataclass(frozen=True)
class DenosumabParams(PivonkaParams):
    """Cells, bone, mineral and drug parameters; defaults from the Martínez-Reina 2019 set."""

    D_OBp: float = param(0.165696312976030, "1/day", f"pre-osteoblast differentiation; {MR}",
                         lo_open=True)
    A_OBa: float = param(0.211072625806496, "1/day", f"active osteoblast apoptosis; {MR}",
                         lo_open=True)
    A_OCa: float = param(5.64874468409633, "1/day", f"active osteoclast apoptosis; {MR}",
                         lo_open=True)
    K_D1: float = param(5.63278809675429e-4, "pM", f"TGF-β activation of OBu; {MR}",
                        lo_open=True)
    K_D2: float = param(1.75426051821094e-4, "pM", f"TGF-β repression of OBp; {MR}",
                        lo_open=True)
    K_D3: float = param(5.63278809675429e-4, "pM", f"TGF-β activation of OCa apoptosis; {MR}",
                        lo_open=True)
    K_D8: float = param(5.67971833061048, "pM", f"RANKL-RANK activation of OCp; {MR}",
                        lo_open=True)
    k_form: float = param(40.0, "%/(pM·day)", f"bone formation per active osteoblast; {MR}",
                          lo_open=True)
    k_res_bv: float = param(200.0, "%/(pM·day)", f"bone resorption per active osteoclast; {MR}",
                            lo_open=True)
    vb0: float = param(15.0, "%", f"initial bone volume fraction (trabecular); {MR}",
                       lo_open=True, hi=100.0)
    a_prolif: float = param(0.1, "dimensionless",
                            f"share of OBu differentiation replaced by OBp proliferation; {MR} "
                            "(mechanics.fraction_of_OBu_differentiation_rate)", hi=1.0)
    # pharmacokinetics
    k_a: float = param(0.17, "1/day", f"absorption rate from the injection site; {MR}",
                       lo_open=True)
    V_c: float = param(77.9, "mL/kg", f"central volume of distribution; {MR}", lo_open=True)
    F: float = param(1.0, "dimensionless", f"bioavailability; {MR}", lo_open=True, hi=1.0)
    V_max: float = param(2.672e3, "ng/(kg·day)", f"maximal saturable elimination; {MR}")
    K_m: float = param(4.11e2, "ng/mL", f"Michaelis-Menten constant; {MR}", lo_open=True)
    k_el: float = param(1.15e-2, "1/day", f"linear elimination rate; {MR}")
    body_weight: float = param(60.0, "kg", f"reference body weight; {MR}", lo_open=True)
    molar_mass: float = param(149e3, "g/mol", f"molar mass of denosumab; {MR}", lo_open=True)
    K_A_den: float = param(0.333, "1/pM", f"RANKL-denosumab association constant; {MR}")
    chi: float = param(0.012, "dimensionless",
                       f"accessibility of the bone compartment to serum denosumab; {MR}",
                       hi=1.0)
    # postmenopausal osteoporosis
    P_PMO: float = param(4e3, "pM/day", f"initial extra RANKL production in PMO; {MR}")
    xi_PMO: float = param(65.0, "dimensionless", f"PMO reduction factor; {MR}", lo_open=True)
    tau_PMO: float = param(30.0, "day", f"PMO characteristic time; {MR}", lo_open=True)
    # mineralisation (daily queue)
    lag: float = param(12.0, "day", f"mineralisation lag time; {MR}", hi=100.0)
    t_prim: float = param(10.0, "day", f"primary mineralisation phase; {MR}", lo_open=True,
                          hi=200.0)
    v_prim: float = param(0.121, "dimensionless", f"mineral content after the primary phase; {MR}",
                          lo_open=True, hi=1.0)
    v_max: float = param(0.442, "dimensionless", f"maximal mineral content; {MR}", lo_open=True,
                         hi=1.0)
    kappa: float = param(0.007, "1/day", f"rate of secondary mineralisation; {MR}", lo_open=True)
    queue_days: float = param(1000.0, "day", f"length of the mineralisation queue; {MR}",
                              lo=50.0, hi=5000.0)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.v_prim > self.v_max:
            raise ParameterError(f"DenosumabParams: v_prim = {self.v_prim} must not exceed "
                                 f"v_max = {self.v_max}")
        if self.lag + self.t_prim + 2 > self.queue_days:
            raise ParameterError("DenosumabParams: queue_days must exceed lag + t_prim + 2")


@dataclass(frozen=True)
class Regimen:
    """Subcutaneous doses: ``n_doses`` of ``dose_mg`` every ``interval`` days from ``first``."""

    first: float = 0.0
    interval: float = 182.5
    n_doses: int = 1
    dose_mg: float = 60.0

    def __post_init__(self) -> None:
        check_number("Regimen.first", self.first, lo=0.0)
        check_number("Regimen.interval", self.interval, lo=1.0, hi=3650.0)
        check_number("Regimen.dose_mg", self.dose_mg, lo=0.0, hi=1000.0)
        if isinstance(self.n_doses, bool) or not isinstance(self.n_doses, int) or not (
                0 <= self.n_doses <= 100):
            raise ParameterError(f"Regimen.n_doses must be an integer in [0, 100], got "
                                 f"{self.n_doses!r}")

    def times(self) -> list[float]:
        """Days of the injections."""
        return [self.first + i * self.interval for i in range(self.n_doses)]

    @property
    def last(self) -> float | None:
        """Day of the last injection (None without doses)."""
        return self.times()[-1] if self.n_doses else None


class DenosumabPivonka(Pivonka2008):
    """Denosumab PK-PD with Pivonka cells, bone volume and mineralisation (module docstring)."""

    Params = DenosumabParams
    state_names: ClassVar[tuple[str, ...]] = ("OBp", "OBa", "OCa", "vb", "A", "C")
    state_units: ClassVar[dict[str, str]] = {
        "OBp": "pM", "OBa": "pM", "OCa": "pM", "vb": "% of tissue", "A": "ng/mL (depot)",
        "C": "ng/mL", "BMD": "% of initial", "mineral": "mineral volume fraction of bone",
        "RANKL": "pM"}
    cell_states: ClassVar[tuple[str, ...]] = ("OBp", "OBa", "OCa")
    input_names: ClassVar[tuple[str, ...]] = ()  # doses come as a Regimen, not as rates
    params: DenosumabParams

    def __init__(self, params: DenosumabParams | None = None) -> None:
        super().__init__(params)
        ss = self.steady_state()
        self._ss = ss
        p = self.params
        self._tgf_act_ss = act(self.tgfb(ss["OCa"]), p.K_D1)
        # the mineral content of a packet by age in days (last entry: old, fully mineralised)
        self.mineral_law = mineral_law(p)

    # --- pieces ------------------------------------------------------------------------
    def pmo_rankl(self, t: float, onset: float | None) -> float:
        """Extra RANKL production (pM/day) of postmenopausal osteoporosis at day ``t``."""
        if onset is None or t < onset:
            return 0.0
        p = self.params
        return p.P_PMO * p.xi_PMO ** 2 / (p.xi_PMO ** 2 + ((t - onset) / p.tau_PMO) ** 2)

    def decoy(self, c_ng_ml: float) -> float:
        """Denosumab term ``chi K_A,den C`` of the RANKL binding denominator (dimensionless)."""
        p = self.params
        return p.chi * p.K_A_den * c_ng_ml * 1e6 / p.molar_mass

    def depot_per_dose(self, dose_mg: float) -> float:
        """Rise of the depot (ng/mL-equivalent) for one injection of ``dose_mg``."""
        p = self.params
        return dose_mg * 1e6 * p.F / (p.V_c * p.body_weight)

    def _derivs(self, t: float, obp: float, oba: float, oca: float, a: float, c: float,
                onset: float | None) -> tuple[float, ...]:
        p = self.params
        inputs = {"RANKL": self.pmo_rankl(t, onset), "OPG": 0.0, "PTH": 0.0, "TGFb": 0.0}
        d_obp, d_oba, d_oca = self._cells(obp, oba, oca, inputs, self.decoy(max(c, 0.0)))
        tgf_act = act(self.tgfb(oca), p.K_D1)
        d_obp += p.a_prolif * p.D_OBu * (self._tgf_act_ss * obp / self._ss["OBp"] - tgf_act)
        d_vb = p.k_form * oba - p.k_res_bv * oca
        d_a = -p.k_a * a
        d_c = p.k_a * a - p.V_max / p.V_c * c / (p.K_m + c) - p.k_el * c
        return d_obp, d_oba, d_oca, d_vb, d_a, d_c

    def _rhs(self, t: float, y: np.ndarray, inputs: Mapping[str, float]) -> np.ndarray:
        return np.array(self._derivs(t, *y[:3], y[4], y[5], inputs.get("pmo_onset")))

    def _log_rhs(self, onset: float | None):
        """Right-hand side in (ln OBp, ln OBa, ln OCa, vb, A, C): :meth:`_derivs` with every
        constant folded in, for speed (``test_models_denosumab`` checks they agree).

        Speed without changing a bit of the result: every parameter is bound to a local
        float before the solver starts, the state is read as Python floats (arithmetic on
        NumPy scalars costs several times more) and the derivatives go back as a list,
        which odeint converts itself; the operations and their order are those of the
        readable form, so the solver sees the same numbers.
        """
        p, ss, exp = self.params, self._ss, math.exp
        pth = self.pth()
        eff_per_obp = p.R_RANKL * act(pth, p.K_D5)
        opg_per_oba = p.p_OPG * (p.K_D7 / (pth + p.K_D7))
        base = 1 + p.K_A2 * p.RANK
        decoy = p.chi * p.K_A_den * 1e6 / p.molar_mass
        tgf_per_oca = p.alpha * p.k_res / p.D_TGFb
        prolif = p.a_prolif * p.D_OBu
        prolif_obp = prolif * self._tgf_act_ss / ss["OBp"]
        vmax_vc = p.V_max / p.V_c
        occ_scale = p.K_A2 * p.RANK
        c_opg_max, d_opg, k_a1 = p.C_OPG_max, p.D_OPG, p.K_A1
        d_opg_c = d_opg * c_opg_max
        beta_rankl, d_rankl = p.beta_RANKL, p.D_RANKL
        k_d1, k_d2, k_d3, k_d8 = p.K_D1, p.K_D2, p.K_D3, p.K_D8
        d_obu, d_obp_rate, a_oba = p.D_OBu, p.D_OBp, p.A_OBa
        d_ocp, a_oca = p.D_OCp, p.A_OCa
        k_form, k_res_bv, k_a, k_m, k_el = p.k_form, p.k_res_bv, p.k_a, p.K_m, p.k_el
        pmo_rankl = self.pmo_rankl

        def f(t: float, u: np.ndarray) -> list[float]:
            u0, u1, u2, _, a, c = u.tolist()
            obp, oba, oca = exp(u0), exp(u1), exp(u2)
            tgf = tgf_per_oca * oca
            prod_opg = opg_per_oba * oba
            opg = prod_opg * c_opg_max / (prod_opg + d_opg_c)
            eff = eff_per_obp * obp
            beta = beta_rankl + pmo_rankl(t, onset) if onset is not None else beta_rankl
            rankl = eff / (base + k_a1 * opg + decoy * (c if c > 0 else 0.0)) * beta / (
                beta_rankl + d_rankl * eff)
            complex_ = occ_scale * rankl
            tgf_act = tgf / (tgf + k_d1)
            diff = d_obp_rate * k_d2 / (tgf + k_d2) * obp
            d_obp = d_obu * tgf_act - diff + prolif_obp * obp - prolif * tgf_act
            d_oca = d_ocp * complex_ / (complex_ + k_d8) - a_oca * tgf / (tgf + k_d3) * oca
            return [d_obp / obp, (diff - a_oba * oba) / oba, d_oca / oca,
                    k_form * oba - k_res_bv * oca, -k_a * a,
                    k_a * a - vmax_vc * c / (k_m + c) - k_el * c]

        return f

    def _atol(self) -> np.ndarray:
        return np.array([1e-9, 1e-9, 1e-9, 1e-9, 1e-6, 1e-6])

    def steady_state(self, inputs: Mapping[str, float] | None = None,
                     extra_binding: float = 0.0) -> dict[str, float]:
        """The cells' steady state (see :meth:`Pivonka2008.steady_state`) with ``vb0`` and
        no drug: every state of this model."""
        ss = super().steady_state(inputs, extra_binding)
        return {"OBp": ss["OBp"], "OBa": ss["OBa"], "OCa": ss["OCa"],
                "vb": self.params.vb0, "A": 0.0, "C": 0.0}

    def initial_state(self) -> dict[str, float]:
        """The healthy steady state: cells, ``vb0``, no drug."""
        return dict(self._ss)

    def rankl_at(self, t: np.ndarray, obp: np.ndarray, oba: np.ndarray, c: np.ndarray,
                 pmo_onset: float | None = None) -> np.ndarray:
        """Free RANKL (pM) along a course (arrays), with PMO and the denosumab decoy."""
        times = np.atleast_1d(t)
        pmo = (np.zeros(len(times)) if pmo_onset is None else
               np.array([self.pmo_rankl(float(x), pmo_onset) for x in times]))
        inputs = {"RANKL": pmo, "OPG": 0.0, "PTH": 0.0, "TGFb": 0.0}
        return self.rankl(np.asarray(obp), np.asarray(oba), inputs,  # type: ignore[arg-type]
                          self.decoy(np.maximum(c, 0.0)))  # type: ignore[arg-type]

    # --- simulation --------------------------------------------------------------------
    def simulate(self, t_end: float, regimen: Regimen | None = None,  # type: ignore[override]
                 n_points: int = 501, initial: Mapping[str, float] | None = None,
                 pmo_onset: float | None = None) -> SimulationResult:
        """Integrate from the healthy steady state (or ``initial``) to ``t_end`` days.

        ``regimen`` gives the injections; ``pmo_onset`` (day) switches on postmenopausal
        osteoporosis. The result holds every state, ``RANKL`` (pM), the mean mineral content
        of bone ``mineral`` and ``BMD`` (% of its value at t = 0), sampled at ``n_points``
        evenly spaced times. The mineral queue is updated once a day, and the daily values
        are interpolated linearly to the output times.
        """
        t_end = check_number("t_end", t_end, lo=1.0, hi=36500.0)
        if isinstance(n_points, bool) or not isinstance(n_points, int) or n_points < 2:
            raise ParameterError(f"n_points must be an integer >= 2, got {n_points!r}")
        regimen = regimen if regimen is not None else Regimen(n_doses=0)
        if not isinstance(regimen, Regimen):
            raise ParameterError(f"regimen must be a Regimen, got {type(regimen).__name__}")
        if pmo_onset is not None:
            pmo_onset = check_number("pmo_onset", pmo_onset, lo=0.0)
        y0 = self.initial_state()
        for k, v in (initial or {}).items():
            if k not in y0:
                raise ParameterError(f"initial: unknown state {k!r}; known: {', '.join(y0)}")
            y0[k] = check_number(f"initial[{k!r}]", v, lo=0.0, lo_open=k in self.cell_states)
        t_out = np.linspace(0.0, t_end, n_points)
        days = np.arange(0.0, math.floor(t_end) + 1.0)
        t_all = np.union1d(days, t_out)
        y = self._integrate(t_all, y0, regimen, pmo_onset)
        states = dict(zip(self.state_names, y, strict=True))
        if states["vb"].min() < 1.0:
            i = int(np.argmax(states["vb"] < 1.0))
            raise ParameterError(
                f"DenosumabPivonka: the bone volume fraction falls below 1 % at day "
                f"{t_all[i]:.0f}; without the mechanical feedback of the paper nothing stops "
                "the loss (shorten t_end or weaken the stimulus, e.g. P_PMO)")
        rankl = self.rankl_at(t_all, states["OBp"], states["OBa"], states["C"], pmo_onset)
        day_idx = np.searchsorted(t_all, days)
        mineral_daily, bmd_daily = mineral_queue(
            self.params, states["OBa"][day_idx], states["OCa"][day_idx], states["vb"][day_idx],
            self.mineral_law)
        out_idx = np.searchsorted(t_all, t_out)
        result = {k: v[out_idx] for k, v in states.items()}
        result["RANKL"] = rankl[out_idx]
        result["mineral"] = np.interp(t_out, days, mineral_daily)
        result["BMD"] = np.interp(t_out, days, bmd_daily)
        return SimulationResult(t_out, result, dict(self.state_units))

    def _integrate(self, t_eval: np.ndarray, y0: Mapping[str, float], regimen: Regimen,
                   pmo_onset: float | None) -> np.ndarray:
        """States at ``t_eval`` (natural units), the depot jumping at every injection."""
        t_end = float(t_eval[-1])
        jump = self.depot_per_dose(regimen.dose_mg)
        doses = [t for t in regimen.times() if t < t_end]
        u = np.array([math.log(y0["OBp"]), math.log(y0["OBa"]), math.log(y0["OCa"]),
                      y0["vb"], y0["A"], y0["C"]])
        if doses and doses[0] == 0.0:
            u[4] += jump
            doses = doses[1:]
        edges = [0.0, *doses, t_end]
        rhs, atol = self._log_rhs(pmo_onset), self._atol()
        out = np.empty((6, len(t_eval)))
        for i in range(len(edges) - 1):
            a, b = edges[i], edges[i + 1]
            last = i == len(edges) - 2
            mask = (t_eval >= a) & ((t_eval <= b) if last else (t_eval < b))
            pts = np.union1d(t_eval[mask], [a, b])
            ys = piecewise_solve([(a, b, rhs)], u, pts, atol, self.rtol, self.method)
            out[:, mask] = ys[:, np.searchsorted(pts, t_eval[mask])]
            u = ys[:, -1].copy()
            if not last:
                u[4] += jump
        out[:3] = np.exp(out[:3])
        return out


def mineral_law(p: DenosumabParams) -> np.ndarray:
    """Mineral content (volume fraction of bone matrix) of a packet, by age 0..n-2 days,
    and ``v_max`` for the last (old) element."""
    n = int(p.queue_days)
    age = np.arange(n, dtype=float)
    m = np.where(age <= p.lag, 0.0,
                 np.where(age <= p.lag + p.t_prim, p.v_prim * (age - p.lag) / p.t_prim,
                          p.v_max + (p.v_prim - p.v_max) * np.exp(
                              -p.kappa * (age - p.lag - p.t_prim))))
    m[-1] = p.v_max
    return m


def mineral_queue(p: DenosumabParams, oba: np.ndarray, oca: np.ndarray, vb: np.ndarray,
                  law: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Daily mineralisation queue; returns the mean mineral content of bone and BMD (%).

    ``oba``, ``oca`` (pM) and ``vb`` (%) are daily samples from day 0. The queue of the
    paper is filled from the day-0 state held constant, then advanced once a day: packets
    older than the lag time keep the fraction ``s_d = 1 - resorbed_d / vb_d``, younger ones
    only age, a new packet of the day's formed volume enters, and the last element holds
    the rest of the bone volume, fully mineralised.

    Computed in closed form rather than packet by packet: the packet formed on day ``b``
    holds ``f_b exp(L_d - L_(b+lag))`` on day ``d`` (``L`` the running sum of ``ln s``),
    so the mineral of all packets is a convolution of the mineral law with
    ``f_b exp(-L_(b+lag))``. ``test_models_crosscheck`` compares it with bone-models'
    packet-by-packet queue.
    """
    n, lag = int(p.queue_days), int(p.lag)
    days = len(oba)
    formed = p.k_form * np.asarray(oba, dtype=float) / 100
    v = np.asarray(vb, dtype=float) / 100
    keep = 1 - p.k_res_bv * np.asarray(oca, dtype=float) / 100 / v
    if np.any(keep <= 0):
        raise ParameterError("mineral queue: more bone resorbed in a day than there is")
    # history: n days before day 0 at the day-0 values (the queue's filling)
    f_all = np.concatenate((np.full(n, formed[0]), formed))
    log_s = np.concatenate((np.full(n, math.log(keep[0])), np.log(keep)))
    cum = np.cumsum(log_s)  # L at index k = n + day
    g = np.zeros(n + days)
    g[: n + days - lag] = f_all[: n + days - lag] * np.exp(-cum[lag:])
    ages = np.arange(n - 1)
    old = ages > lag
    kernel_m = np.where(old, law[: n - 1], 0.0)
    kernel_v = old.astype(float)
    at = np.arange(n, n + days)  # indices of days 0..days-1
    conv_m = np.convolve(g, kernel_m)[at]
    conv_v = np.convolve(g, kernel_v)[at]
    young = np.convolve(f_all, (ages <= lag).astype(float))[at]
    scale = np.exp(cum[at])
    packets = young + scale * conv_v
    mineral_vol = scale * conv_m + law[n - 1] * np.maximum(v - packets, 0.0)
    return mineral_vol / v, 100.0 * mineral_vol / mineral_vol[0]
