"""Inflammation and drug classes mapped onto the Lemaire 2004 model — a TEACHING DEVICE.

The mapping lives in ``data/scenarios.yaml`` (read and checked here); its header explains
the formulas. In short: inflammation level ``x`` in [0, 1] sets the level of six
mediators (TNF, IL-1, IL-6, IL-17, DKK1, sclerostin); together they add exogenous RANKL
(``I_L``), lower OPG production (``K_OP``) and lower osteoblast supply (``D_R``). Each
drug class blocks some mediators and/or multiplies parameters and adds inputs while it
is given. The course always starts from the healthy steady state (``x = 0``) at day 0,
when the disease begins; the bone volume ``V`` (% of baseline, an addition to Lemaire
2004) is balanced at that healthy state. Units: time in days, cells in pM (as in the
paper), ``V`` in % of baseline.

Model: Lemaire et al. 2004, doi:10.1016/j.jtbi.2004.03.023. Biology of each mapping: the
citation key on its entry in the YAML file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from bonelearn.errors import DataFileError, ParameterError, UnknownItemError
from bonelearn.models.base import check_number
from bonelearn.models.lemaire import INPUTS, Lemaire2004, LemaireParams

DATA_FILE = Path(__file__).with_name("data") / "scenarios.yaml"
DRIVES = ("rankl", "opg", "wnt")
RK4_STEP_DAYS = 0.25  # the fixed step of the JavaScript port (widgets/js/remodelling-model.js)


def _fail(entry: str | None, problem: str) -> DataFileError:
    return DataFileError(DATA_FILE, entry, problem)


def _num(entry: str, value: Any, lo: float = 0.0, hi: float = math.inf) -> float:
    try:
        return check_number(entry, value, lo, hi)
    except ParameterError as exc:
        raise _fail(entry, str(exc)) from None


def _check(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _fail(None, "top level must be a mapping")
    for key in ("teaching_device", "caveat", "model", "calibration", "inflammation", "drugs"):
        if key not in data:
            raise _fail(None, f"missing key {key!r}")
    if data["teaching_device"] is not True:
        raise _fail("teaching_device", "must be true")
    cal = data["calibration"] if isinstance(data["calibration"], dict) else {}
    _num("calibration.inflammation", cal.get("inflammation"), 0.0, 1.0)
    _num("calibration.loss_first_year", cal.get("loss_first_year"), 0.0, 100.0)
    if not cal.get("citation"):
        raise _fail("calibration", "needs the citation of the loss it is calibrated to")
    med = data["inflammation"].get("mediators") or {}
    maxe = data["inflammation"].get("max_effects") or {}
    for k in ("rankl_input", "opg_suppression", "osteoblast_suppression"):
        _num(f"inflammation.max_effects.{k}", maxe.get(k), 0.0,
             math.inf if k == "rankl_input" else 1.0)
    for drive in DRIVES:
        total = sum(_num(f"mediators.{m}.weights.{drive}", e["weights"].get(drive, 0.0), 0, 1)
                    for m, e in med.items())
        if abs(total - 1.0) > 1e-9:
            raise _fail(f"inflammation.mediators (weights.{drive})",
                        f"weights must add up to 1, got {total}")
    for m, e in med.items():
        if not e.get("citation") or not e.get("rationale"):
            raise _fail(f"inflammation.mediators.{m}", "needs a rationale and a citation")
    fields = set(LemaireParams.__dataclass_fields__)
    for d, e in data["drugs"].items():
        where = f"drugs.{d}"
        for k in ("label", "mechanism", "citation", "caveat"):
            if not e.get(k):
                raise _fail(where, f"missing {k!r}")
        if e.get("teaching_device") is not True:
            raise _fail(where, "teaching_device must be true")
        for m, v in (e.get("blocks") or {}).items():
            if m not in med:
                raise _fail(f"{where}.blocks", f"unknown mediator {m!r}")
            _num(f"{where}.blocks.{m}", v, 0.0, 1.0)
        for p, v in (e.get("multipliers") or {}).items():
            if p not in fields:
                raise _fail(f"{where}.multipliers", f"unknown Lemaire2004 parameter {p!r}")
            _num(f"{where}.multipliers.{p}", v, 1e-6, 1e6)
        for i, v in (e.get("inputs") or {}).items():
            if i not in INPUTS:
                raise _fail(f"{where}.inputs", f"unknown input {i!r}")
            _num(f"{where}.inputs.{i}", v)
    return data


@lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    try:
        data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(None, f"cannot read: {exc}") from None
    return _check(data)


def drug_ids() -> list[str]:
    """The drug-class ids the scenarios know (the course's canonical ids)."""
    return list(_load()["drugs"])


def _uncalibrated() -> tuple[Lemaire2004, dict[str, float]]:
    model = Lemaire2004()
    return model, model.steady_state()


@lru_cache(maxsize=1)
def _healthy() -> tuple[Lemaire2004, dict[str, float]]:
    """The healthy model with its turnover calibrated (``calibration`` in the YAML file).

    Bone volume changes at a rate proportional to the turnover parameter and the cells do
    not depend on volume, so one run at the reference turnover gives the factor exactly.
    """
    cal = _load()["calibration"]
    model, ss = _uncalibrated()
    course = _course_with(model, ss, cal["inflammation"], None, 0.0, 0.0, 365.0,
                          np.array([0.0, 365.0]))
    loss = 100.0 - 100.0 * course["V"][-1] / ss["V"]
    if not loss > 0.0:
        raise _fail("calibration", f"untreated inflammation {cal['inflammation']} loses no "
                                   "bone in a year; the calibration needs a loss")
    turnover = model.params.turnover * cal["loss_first_year"] / loss
    calibrated = Lemaire2004(replace(model.params, turnover=turnover))
    return calibrated, calibrated.steady_state()


def effective(inflammation: float, drug: str | None) -> tuple[dict[str, float], dict[str, float]]:
    """Parameter multipliers and exogenous inputs (pM/day) for one phase of a scenario."""
    data = _load()
    drug_entry = _drug(drug) if drug is not None else {}
    blocks = drug_entry.get("blocks") or {}
    drive = dict.fromkeys(DRIVES, 0.0)
    for m, e in data["inflammation"]["mediators"].items():
        level = inflammation * (1.0 - blocks.get(m, 0.0))
        for k in DRIVES:
            drive[k] += e["weights"].get(k, 0.0) * level
    mx = data["inflammation"]["max_effects"]
    mult = {"K_OP": 1.0 - drive["opg"] * mx["opg_suppression"],
            "D_R": 1.0 - drive["wnt"] * mx["osteoblast_suppression"]}
    for p, v in (drug_entry.get("multipliers") or {}).items():
        mult[p] = mult.get(p, 1.0) * v
    inputs = {"RANKL": drive["rankl"] * mx["rankl_input"], "OPG": 0.0, "PTH": 0.0}
    for i, v in (drug_entry.get("inputs") or {}).items():
        inputs[i] += v
    return mult, inputs


def _drug(drug: str) -> dict[str, Any]:
    drugs = _load()["drugs"]
    if drug not in drugs:
        raise UnknownItemError("drug", drug, list(drugs))
    return drugs[drug]


@dataclass
class ScenarioResult:
    """Treated and untreated courses of one scenario (cells in pM, ``V`` in % of baseline)."""

    t: np.ndarray
    treated: dict[str, np.ndarray]
    untreated: dict[str, np.ndarray]
    baseline: dict[str, float]
    inflammation: float
    drug: str | None
    start: float
    duration: float
    teaching_device: bool
    label: str

    def relative(self, course: str = "treated") -> dict[str, np.ndarray]:
        """A course with every state as % of the healthy baseline."""
        data = {"treated": self.treated, "untreated": self.untreated}[course]
        return {k: 100.0 * v / self.baseline[k] for k, v in data.items()}


def _validate(inflammation: float, start: float, duration: float, t_end: float,
              n_points: int) -> tuple[float, float, float, float]:
    x = check_number("inflammation", inflammation, 0.0, 1.0)
    s = check_number("start", start, 0.0)
    d = check_number("duration", duration, 0.0)
    te = check_number("t_end", t_end, 0.0, 36500.0, lo_open=True)
    if isinstance(n_points, bool) or not isinstance(n_points, int) or n_points < 2:
        raise ParameterError(f"n_points must be an integer >= 2, got {n_points!r}")
    return x, s, d, te


def phases(inflammation: float, drug: str | None, start: float, duration: float,
           t_end: float) -> list[tuple[float, float, str | None]]:
    """Consecutive (t0, t1, drug or None) intervals covering [0, t_end] days."""
    stop = start + duration
    if drug is None or duration == 0.0 or start >= t_end:
        return [(0.0, t_end, None)]
    edges = sorted({0.0, start, min(stop, t_end), t_end})
    return [(a, b, drug if start <= a < stop else None) for a, b in pairwise(edges)]


def _course(inflammation: float, drug: str | None, start: float, duration: float,
            t_end: float, t: np.ndarray) -> dict[str, np.ndarray]:
    healthy, ss = _healthy()
    return _course_with(healthy, ss, inflammation, drug, start, duration, t_end, t)


def _course_with(healthy: Lemaire2004, ss: dict[str, float], inflammation: float,
                 drug: str | None, start: float, duration: float, t_end: float,
                 t: np.ndarray) -> dict[str, np.ndarray]:
    segments = []
    for a, b, active in phases(inflammation, drug, start, duration, t_end):
        mult, inputs = effective(inflammation, active)
        values = {k: getattr(healthy.params, k) * v for k, v in mult.items()}
        model = Lemaire2004(replace(healthy.params, **values),
                            volume_reference=healthy.volume_reference)
        segments.append((a, b, model._bind(inputs)))
    y0 = np.array([ss[n] for n in Lemaire2004.state_names])
    return healthy.solve_segments(segments, y0, t).states


def simulate_scenario(inflammation: float, drug: str | None = None, start: float = 180.0,
                      duration: float = 365.0, t_end: float = 1095.0,
                      n_points: int = 366) -> ScenarioResult:
    """Disease from day 0 at ``inflammation`` in [0, 1]; ``drug`` from ``start`` for
    ``duration`` days; sampled at ``n_points`` even times over [0, ``t_end``] days.

    Returns the treated course and the untreated one (same disease, no drug). A teaching
    device: see the module docstring and ``data/scenarios.yaml``.
    """
    x, s, d, te = _validate(inflammation, start, duration, t_end, n_points)
    if drug is not None:
        _drug(drug)
    t = np.linspace(0.0, te, n_points)
    untreated = _course(x, None, s, d, te, t)
    treated = _course(x, drug, s, d, te, t) if drug is not None else dict(untreated)
    return ScenarioResult(t, treated, untreated, dict(_healthy()[1]), x, drug, s, d,
                          True, _load()["caveat"])


def scenario_spec() -> dict[str, Any]:
    """Everything the JavaScript port needs, JSON-serialisable (plain floats and strings)."""
    data = _load()
    healthy, ss = _healthy()
    return {
        "model": "Lemaire2004",
        "teaching_device": True,
        "caveat": data["caveat"],
        "params": healthy.params.as_dict(),
        "state_names": list(Lemaire2004.state_names),
        "state_units": dict(Lemaire2004.state_units),
        "initial": {k: float(v) for k, v in ss.items()},
        "volume_reference": {"B": healthy.volume_reference[0], "C": healthy.volume_reference[1]},
        "inputs": dict(INPUTS),
        "inflammation": {"max_effects": dict(data["inflammation"]["max_effects"]),
                         "mediators": {m: {"weights": {k: float(e["weights"].get(k, 0.0))
                                                       for k in DRIVES},
                                           "rationale": e["rationale"],
                                           "citation": e["citation"]}
                                       for m, e in data["inflammation"]["mediators"].items()}},
        "drugs": {d: {"label": e["label"], "mechanism": e["mechanism"],
                      "blocks": dict(e.get("blocks") or {}),
                      "multipliers": dict(e.get("multipliers") or {}),
                      "inputs": dict(e.get("inputs") or {}),
                      "citation": e["citation"], "teaching_device": True, "caveat": e["caveat"]}
                  for d, e in data["drugs"].items()},
        "integrator": {"method": "rk4", "max_step_days": RK4_STEP_DAYS},
    }
