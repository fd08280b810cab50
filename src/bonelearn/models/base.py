"""Shared machinery of the remodelling models: parameters, dosing schedules, integration.

Every model is a set of ordinary differential equations in time ``t`` (days). A model
subclass supplies ``Params`` (a frozen dataclass built with :func:`param`), the state
names, the names of its exogenous inputs and ``_rhs(t, y, inputs)``. This module turns
that into validated parameters, piecewise integration between dosing breakpoints and a
uniform :class:`SimulationResult`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import pairwise
from typing import Any, ClassVar

import numpy as np

from bonelearn.errors import ParameterError, UnknownItemError

RHS = Callable[[float, np.ndarray], np.ndarray]


def param(default: float, units: str, doc: str, lo: float = 0.0, hi: float = math.inf,
          lo_open: bool = False) -> Any:
    """A documented dataclass field: default value, units, meaning and allowed range."""
    return field(default=default, metadata={"units": units, "doc": doc, "lo": lo, "hi": hi,
                                            "lo_open": lo_open})


def check_number(name: str, value: object, lo: float = -math.inf, hi: float = math.inf,
                 lo_open: bool = False) -> float:
    """Return ``value`` as a float, or raise ParameterError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise ParameterError(f"{name} must be a number, got {value!r}")
    v = float(value)
    if not math.isfinite(v):
        raise ParameterError(f"{name} must be finite, got {v!r}")
    if v < lo or v > hi or (lo_open and v == lo):
        bracket = "(" if lo_open else "["
        raise ParameterError(f"{name} = {v!r} is outside the allowed range {bracket}{lo}, {hi}]")
    return v


class ParamsBase:
    """Mixin for frozen parameter dataclasses: range checks on construction."""

    def __post_init__(self) -> None:
        for f in fields(self):  # type: ignore[arg-type]
            m = f.metadata
            check_number(f"{type(self).__qualname__}.{f.name}", getattr(self, f.name),
                         m.get("lo", -math.inf), m.get("hi", math.inf), m.get("lo_open", False))

    def as_dict(self) -> dict[str, float]:
        """The parameter values by field name."""
        return {f.name: float(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]

    @classmethod
    def describe(cls) -> dict[str, dict[str, str]]:
        """Units and meaning of every field (for tables in the book)."""
        return {f.name: {"units": f.metadata["units"], "doc": f.metadata["doc"]}
                for f in fields(cls)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Dose:
    """A constant exogenous input ``rate`` applied from ``start`` to ``stop`` (days).

    ``stop=None`` means until the end of the simulation. The units of ``rate`` are those
    of the model input it names (for :class:`~bonelearn.models.Lemaire2004`, pM/day).
    """

    input: str
    start: float
    stop: float | None = None
    rate: float = 0.0

    def __post_init__(self) -> None:
        where = f"Dose({self.input!r})"
        check_number(f"{where}.start", self.start, lo=0.0)
        if self.stop is not None:
            stop = check_number(f"{where}.stop", self.stop, lo=0.0)
            if stop <= self.start:
                raise ParameterError(f"{where}.stop = {stop!r} must be after start = "
                                     f"{self.start!r}")
        check_number(f"{where}.rate", self.rate, lo=0.0)

    def active(self, t: float) -> bool:
        """Whether the dose is on at time ``t`` (start inclusive, stop exclusive)."""
        return self.start <= t and (self.stop is None or t < self.stop)


@dataclass(frozen=True)
class Schedule:
    """A list of :class:`Dose` entries; overlapping doses of one input add up."""

    doses: Sequence[Dose] = ()

    def __post_init__(self) -> None:
        for d in self.doses:
            if not isinstance(d, Dose):
                raise ParameterError(f"Schedule entries must be Dose objects, got {d!r}")
        object.__setattr__(self, "doses", tuple(self.doses))

    def validate(self, known: Iterable[str]) -> None:
        """Raise UnknownItemError for a dose whose input the model does not have."""
        known = list(known)
        for d in self.doses:
            if d.input not in known:
                raise UnknownItemError("model input", d.input, known)

    def breakpoints(self, t_end: float) -> list[float]:
        """Sorted times in (0, t_end) where some input switches on or off."""
        pts = {d.start for d in self.doses} | {d.stop for d in self.doses if d.stop is not None}
        return sorted(p for p in pts if 0.0 < p < t_end)

    def inputs_at(self, t: float, names: Iterable[str]) -> dict[str, float]:
        """Total rate of each input at time ``t``."""
        out = dict.fromkeys(names, 0.0)
        for d in self.doses:
            if d.active(t):
                out[d.input] += d.rate
        return out


@dataclass
class SimulationResult:
    """Time course of a simulation: ``t`` in days and one array per state name."""

    t: np.ndarray
    states: dict[str, np.ndarray]
    units: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> np.ndarray:
        if name == "t":
            return self.t
        try:
            return self.states[name]
        except KeyError:
            raise UnknownItemError("state", name, list(self.states)) from None

    def final(self) -> dict[str, float]:
        """The state at the last time point."""
        return {k: float(v[-1]) for k, v in self.states.items()}


def _nearest(times: np.ndarray, pts: np.ndarray) -> np.ndarray:
    """Index of the entry of sorted ``times`` nearest to each of ``pts``."""
    right = np.clip(np.searchsorted(times, pts), 1, len(times) - 1)
    left = right - 1
    return np.where(pts - times[left] <= times[right] - pts, left, right)


def piecewise_solve(segments: Sequence[tuple[float, float, RHS]], y0: np.ndarray,
                    t_eval: np.ndarray, atol: np.ndarray | float, rtol: float = 1e-9,
                    method: str = "odeint") -> np.ndarray:
    """Integrate consecutive segments ``(t0, t1, rhs)`` and sample at ``t_eval``.

    The state is carried across segment boundaries unchanged; each segment is a
    separate solver call, so a switch of an input never falls inside a step.
    ``method="odeint"`` (default) is ODEPACK's LSODA through ``scipy.integrate.odeint``:
    it switches between Adams (non-stiff) and BDF (stiff) steps by itself and has far
    less per-step overhead than ``solve_ivp``; any ``solve_ivp`` method name ("LSODA",
    "Radau", "BDF", "RK45", ...) can be given instead. Returns shape (len(y0), len(t_eval)).
    """
    # Imported here, not with the module: scipy.integrate takes about 0.4 s to import, which
    # every `import bonelearn.widgets` (and so every notebook's kernel) paid before.
    from scipy.integrate import odeint, solve_ivp

    out = np.empty((len(y0), len(t_eval)))
    y = np.asarray(y0, dtype=float)
    for i, (a, b, rhs) in enumerate(segments):
        last = i == len(segments) - 1
        mask = (t_eval >= a) & ((t_eval <= b) if last else (t_eval < b))
        pts = t_eval[mask]
        # Samples within eps of a segment end take that end's state: LSODA refuses an
        # output time closer to the current one than its round-off ("illegal input").
        eps = 1e-9 * max(1.0, abs(b))
        inner = pts[(pts > a + eps) & (pts < b - eps)]
        times = np.concatenate(([a], inner, [b]))
        if b - a <= eps:  # a vanishing segment leaves the state as is
            out[:, mask] = y[:, None]
            continue
        if method == "odeint":
            ys, info = odeint(rhs, y, times, tfirst=True, rtol=rtol, atol=atol,
                              mxstep=200_000, full_output=True)
            ok, msg = info["message"].startswith("Integration successful"), info["message"]
            ys = ys.T
        else:
            sol = solve_ivp(rhs, (a, b), y, method=method, t_eval=times, rtol=rtol, atol=atol)
            ok, msg, ys = sol.success, sol.message, sol.y
        if not ok or not np.all(np.isfinite(ys)):
            raise ParameterError(f"integration failed on [{a}, {b}] days: {msg}")
        out[:, mask] = ys[:, _nearest(times, pts)]
        y = ys[:, -1]
    return out


class Model:
    """Base class of every remodelling model (see the module docstring)."""

    Params: ClassVar[type]
    state_names: ClassVar[tuple[str, ...]]
    state_units: ClassVar[dict[str, str]]
    input_names: ClassVar[tuple[str, ...]] = ()
    #: states that are cell populations: integrated as logarithms, so they stay positive
    cell_states: ClassVar[tuple[str, ...]] = ()
    #: solver settings (see :func:`piecewise_solve`); LSODA handles stiff phases by itself
    method: ClassVar[str] = "odeint"
    rtol: ClassVar[float] = 1e-9

    def __init__(self, params: Any | None = None) -> None:
        if params is None:
            params = self.Params()
        if not isinstance(params, self.Params):
            raise ParameterError(f"{type(self).__name__} needs {self.Params.__qualname__}, "
                                 f"got {type(params).__name__}")
        self.params = params

    # --- to be provided by subclasses -------------------------------------------------
    def _rhs(self, t: float, y: np.ndarray, inputs: Mapping[str, float]) -> np.ndarray:
        raise NotImplementedError

    def steady_state(self) -> dict[str, float]:
        raise NotImplementedError

    def _atol(self) -> np.ndarray:
        """Absolute tolerances in integration coordinates (log for cell states)."""
        ss = self.steady_state()
        return np.array([1e-9 if n in self.cell_states else 1e-9 * max(abs(ss[n]), 1.0)
                         for n in self.state_names])

    # --- shared -----------------------------------------------------------------------
    def rhs(self, state: Mapping[str, float], inputs: Mapping[str, float] | None = None,
            t: float = 0.0) -> dict[str, float]:
        """Time derivatives (state units per day) at ``state``; for checks and teaching."""
        y = np.array([state[n] for n in self.state_names], dtype=float)
        full = dict.fromkeys(self.input_names, 0.0) | dict(inputs or {})
        return dict(zip(self.state_names, self._rhs(t, y, full), strict=True))

    def _initial(self, initial: Mapping[str, float] | None) -> np.ndarray:
        y0 = dict(self.steady_state())
        for k, v in (initial or {}).items():
            if k not in y0:
                raise UnknownItemError("state", k, list(self.state_names))
            cell = k in self.cell_states
            y0[k] = check_number(f"initial[{k!r}]", v, lo=0.0 if cell else -math.inf,
                                 lo_open=cell)
        return np.array([y0[n] for n in self.state_names])

    def _log_mask(self) -> np.ndarray:
        return np.array([n in self.cell_states for n in self.state_names])

    def simulate(self, t_end: float, schedule: Schedule | None = None, n_points: int = 501,
                 initial: Mapping[str, float] | None = None) -> SimulationResult:
        """Integrate from ``initial`` (default: the steady state) to ``t_end`` days.

        ``schedule`` switches the exogenous inputs on and off; the equations are
        integrated piecewise between its breakpoints. Returns ``n_points`` samples
        evenly spaced over [0, t_end].
        """
        t_end = check_number("t_end", t_end, lo=0.0, lo_open=True)
        if isinstance(n_points, bool) or not isinstance(n_points, int) or n_points < 2:
            raise ParameterError(f"n_points must be an integer >= 2, got {n_points!r}")
        schedule = schedule if schedule is not None else Schedule()
        if not isinstance(schedule, Schedule):
            raise ParameterError(f"schedule must be a Schedule, got {type(schedule).__name__}")
        schedule.validate(self.input_names)
        edges = [0.0, *schedule.breakpoints(t_end), t_end]
        segments = []
        for a, b in pairwise(edges):
            inputs = schedule.inputs_at(a, self.input_names)
            segments.append((a, b, self._bind(inputs)))
        t = np.linspace(0.0, t_end, n_points)
        return self.solve_segments(segments, self._initial(initial), t)

    def solve_segments(self, segments: Sequence[tuple[float, float, RHS]], y0: np.ndarray,
                       t: np.ndarray) -> SimulationResult:
        """Integrate segments built by :meth:`_bind` (possibly of sibling models)."""
        log = self._log_mask()
        y0 = np.where(log, np.log(np.where(log, y0, 1.0)), y0)
        y = piecewise_solve(segments, y0, t, self._atol(), self.rtol, self.method)
        y[log] = np.exp(y[log])
        return SimulationResult(t, dict(zip(self.state_names, y, strict=True)),
                                dict(self.state_units))

    def _bind(self, inputs: Mapping[str, float]) -> RHS:
        """The right-hand side in integration coordinates, with inputs held constant."""
        inputs = dict(inputs)
        log = self._log_mask()

        def f(t: float, u: np.ndarray) -> np.ndarray:
            y = np.where(log, np.exp(np.where(log, u, 0.0)), u)
            dy = self._rhs(t, y, inputs)
            return np.where(log, dy / y, dy)

        return f
