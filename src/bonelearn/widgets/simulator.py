"""The remodelling simulator: inflammation and drugs on two models, behind one switch.

Mode "parameter" (drug as a parameter change, Lemaire 2004): inflammation (0-1), drug
class (or none), the day the drug starts and how many days it is given. Three plots show
active osteoclasts, active osteoblasts (both in % of the healthy steady state) and bone
volume (% of baseline), treated (solid) against untreated (dashed). Live: Python
``simulate_scenario`` redraws on every change. Static: ``widgets/js/remodelling-model.js``
(the JavaScript port of the same model) recomputes in the browser. Drug effects are a
teaching device (see ``bonelearn.models.scenarios``).

Mode "schedule" (denosumab schedule, PK–PD model): the dosing interval, the number of
injections and whether to stop, on :class:`~bonelearn.models.denosumab.DenosumabPivonka`;
the controls, plots and scripts are those of :mod:`bonelearn.widgets.dosing`.
"""

from __future__ import annotations

import html
import re
from typing import Any

from bonelearn.errors import ParameterError
from bonelearn.widgets.base import DualWidget, check_fraction, make_uid, static_fragment
from bonelearn.widgets.dosing import ASSETS as SCHEDULE_ASSETS
from bonelearn.widgets.dosing import DenosumabDosing
from bonelearn.widgets.plots import Panel, render_plots

TEACHING_NOTE = ("Teaching device: inflammation and drug effects are mapped onto model "
                 "parameters by hand, not fitted to data and not a result of the published "
                 "models. The overall rate of bone loss is anchored to one published figure "
                 "(severe untreated disease loses 5 % in the first year), so compare the "
                 "curves; do not read them as predictions for a patient.")
PANELS = (("C", "Active osteoclasts (% of healthy)"),
          ("B", "Active osteoblasts (% of healthy)"),
          ("V", "Bone volume (% of baseline)"))
INFLAMMATION_STEP = 0.05
DAY_STEP = 5  # the live day sliders' step; their number boxes take any whole day
N_POINTS = 366
NAME = "Remodelling simulator"
#: Why the start and duration controls are disabled under "No drug" (mirrored in JS).
NO_DRUG_REASON = ("No drug chosen: the start day and the days of treatment apply once you "
                  "choose a drug class.")
#: The switch between the two models of a drug (mirrored in the live front end).
MODES = {"parameter": "Drug as a parameter change (Lemaire 2004)",
         "schedule": "Denosumab schedule (PK–PD model)"}
MODE_LEGEND = "How the drug is modelled"
ASSETS = (*SCHEDULE_ASSETS, "js/remodelling-model.js", "js/simulator.js")


def _on_grid(name: str, value: float, step: float) -> float:
    if abs(value / step - round(value / step)) > 1e-9:
        raise ParameterError(f"{name} must be a multiple of {step} (the slider step), got {value}")
    return round(round(value / step) * step, 10)


def _whole_days(name: str, value: object, high: float) -> float:
    days = check_fraction(name, value, 0.0, high)
    if days != int(days):
        raise ParameterError(f"{name} must be a whole number of days, got {value!r}")
    return days


def drug_labels() -> dict[str, str]:
    """Drug-class id → label, in the scenario file's order."""
    from bonelearn.models.scenarios import scenario_spec

    return {d: e["label"] for d, e in scenario_spec()["drugs"].items()}


def percent(value: float, reference: float) -> float:
    """``value`` as a percentage change from ``reference``."""
    return 100.0 * (value - reference) / reference


class RemodellingSimulator(DualWidget):
    """Dual front end of :func:`bonelearn.models.scenarios.simulate_scenario`."""

    kind = "remodelling-simulator"

    def __init__(self, inflammation: float, drug: str | None, start: float, duration: float,
                 t_end: float, mode: str = "parameter", schedule: DenosumabDosing | None = None
                 ) -> None:
        super().__init__()
        self.t_end = check_fraction("t_end", t_end, 30.0, 3650.0)
        if self.t_end != int(self.t_end):
            raise ParameterError(f"t_end must be a whole number of days, got {t_end!r}")
        self.schedule = schedule if schedule is not None else DenosumabDosing(6, 6, False, 2190)
        self.set_mode(mode)
        self.uid = make_uid(self.kind, [inflammation, drug, start, duration, t_end, mode,
                                        self.schedule.uid])
        self.set_state(inflammation, drug, start, duration)

    def set_mode(self, mode: str) -> None:
        """Show the drug as a parameter change ("parameter") or the denosumab schedule."""
        if mode not in MODES:
            raise ParameterError(f"mode must be one of {sorted(MODES)}, got {mode!r}")
        self.mode = mode

    def set_state(self, inflammation: float, drug: str | None, start: float,
                  duration: float) -> None:
        """Validate the controls and recompute both courses with Python's model."""
        from bonelearn.models.scenarios import simulate_scenario

        x = _on_grid("inflammation", check_fraction("inflammation", inflammation),
                     INFLAMMATION_STEP)
        s = _whole_days("start", start, self.t_end)
        d = _whole_days("duration", duration, self.t_end)
        drug = None if drug in (None, "none") else drug
        self.result = simulate_scenario(x, drug, s, d, self.t_end, N_POINTS)
        self.inflammation, self.drug, self.start, self.duration = x, drug, s, d

    def panels(self) -> list[Panel]:
        """The three plotted series, in display units."""
        treated, untreated = self.result.relative("treated"), self.result.relative("untreated")
        return [Panel(k, title, treated[k].tolist(), untreated[k].tolist())
                for k, title in PANELS]

    def summary(self) -> str:
        """The summary of the mode shown."""
        return self.schedule.summary() if self.mode == "schedule" else self.parameter_summary()

    def parameter_summary(self) -> str:
        """Final bone volume, treated against untreated (mirrored in simulator.js)."""
        v_t, v_u = float(self.result.treated["V"][-1]), float(self.result.untreated["V"][-1])
        who = drug_labels()[self.drug] if self.drug else "no drug"
        text = (f"Inflammation {self.inflammation:.2f}, {who}"
                + (f" from day {self.start:.0f} for {self.duration:.0f} days" if self.drug else "")
                + f". Bone volume at day {self.t_end:.0f}: {v_u:.1f} % without treatment")
        if self.drug:
            text += f", {v_t:.1f} % with treatment ({percent(v_t, v_u):+.1f} % relative change)"
        return text + "."

    def plots_html(self) -> str:
        """The legend and the three SVG plots for the current state."""
        window = (self.start, self.start + self.duration) if self.drug else (0.0, 0.0)
        return render_plots(self.result.t.tolist(), self.panels(), window, self.uid,
                            treated=bool(self.drug))

    def drug_note(self) -> str:
        """Mechanism and caveat of the chosen drug (empty without a drug)."""
        if not self.drug:
            return ""
        from bonelearn.models.scenarios import scenario_spec

        entry = scenario_spec()["drugs"][self.drug]
        return f"{entry['label']}: {entry['mechanism']} {entry['caveat']}"

    # -- static front end ------------------------------------------------------------
    def _controls_html(self) -> str:
        u = self.uid
        which = f'<span class="bl-sr-only bl-which">, {NAME}</span>'
        off = "" if self.drug else " disabled"
        options = "".join(
            f'<option value="{html.escape(k)}"{" selected" if k == (self.drug or "none") else ""}>'
            f"{html.escape(v)}</option>"
            for k, v in {"none": "No drug", **drug_labels()}.items())

        def slider(name: str, label: str, lo: float, hi: float, step: float, value: float,
                   shown: str, disabled: str = "") -> str:
            cls = "bl-control" + (" bl-disabled" if disabled else "")
            described = f' aria-describedby="{u}-reason"' if name in ("start", "duration") else ""
            return (f'<div class="{cls}"><label for="{u}-{name}">{label}{which}</label>'
                    f'<input type="range" id="{u}-{name}" name="{name}" min="{lo:g}" '
                    f'max="{hi:g}" step="{step:g}" value="{value:g}"{described}{disabled}>'
                    f'<output name="{name}-value" for="{u}-{name}">{shown}</output></div>')

        return (
            '<div class="bl-controls">'
            + slider("inflammation", "Inflammation (0 none, 1 severe)", 0, 1, INFLAMMATION_STEP,
                     self.inflammation, f"{self.inflammation:.2f}")
            + f'<div class="bl-control"><label for="{u}-drug">Drug class{which}</label>'
              f'<select id="{u}-drug" name="drug">{options}</select></div>'
            + slider("start", "Drug starts on day", 0, self.t_end, 1, self.start,
                     f"{self.start:.0f}", off)
            + slider("duration", "Days of treatment", 0, self.t_end, 1, self.duration,
                     f"{self.duration:.0f}", off)
            + f'<p class="bl-reason" id="{u}-reason">{"" if self.drug else NO_DRUG_REASON}</p>'
            + "</div>"
        )

    def _mode_switch_html(self) -> str:
        """Two radio buttons (arrow keys move between them); simulator.js swaps the panels."""
        which = f'<span class="bl-sr-only bl-which">, {NAME}</span>'
        radios = "".join(
            f'<label><input type="radio" name="{self.uid}-mode" value="{k}" data-bl-mode'
            f'{" checked" if k == self.mode else ""}>{html.escape(v)}{which}</label>'
            for k, v in MODES.items())
        return (f'<fieldset class="bl-mode-switch"><legend>{MODE_LEGEND}</legend>{radios}'
                "</fieldset>")

    def _parameter_panel_html(self) -> str:
        return (
            f'<p class="bl-note"><strong>{TEACHING_NOTE.split(":")[0]}:</strong>'
            f'{html.escape(TEACHING_NOTE.split(":", 1)[1])}</p>'
            + self._controls_html()
            + f'<p class="bl-summary" aria-live="polite">'
              f"{html.escape(self.parameter_summary())}</p>"
            + f'<p class="bl-drug-note">{html.escape(self.drug_note())}</p>'
            + f'<div class="bl-plot-area">{self.plots_html()}</div>'
        )

    def _data(self) -> dict[str, Any]:
        from bonelearn.models.scenarios import scenario_spec

        return {"spec": scenario_spec(), "t_end": self.t_end, "n_points": N_POINTS,
                "panels": [list(p) for p in PANELS], "drugLabels": drug_labels(),
                "noDrugReason": NO_DRUG_REASON, "schedule": self.schedule.data()}

    def _build_html(self) -> str:
        panels = {"parameter": self._parameter_panel_html(),
                  "schedule": self.schedule.panel_html(NAME)}
        shown, hidden = (self.mode, "schedule" if self.mode == "parameter" else "parameter")
        # The hidden mode is inert until the switch shows it, and simulator.js redraws its
        # curves when it mounts, so its polylines go without points (page weight).
        panels[hidden] = re.sub(r'points="[^"]*"', 'points=""', panels[hidden])
        body = (
            self._mode_switch_html()
            + f'<div class="bl-mode-slot"><div class="bl-mode-panel" data-mode="{shown}">'
              f"{panels[shown]}</div></div>"
            + f'<template class="bl-mode-store"><div class="bl-mode-panel" data-mode="{hidden}">'
              f"{panels[hidden]}</div></template>"
        )
        return static_fragment(self.kind, self.uid, self._data(), body, ASSETS, NAME)

    # -- live front end ----------------------------------------------------------------
    def _build_live(self) -> Any:
        from bonelearn.widgets.live import simulator_live

        return simulator_live(self)


def remodelling_simulator(inflammation: float = 0.6, drug: str | None = None,
                          start: float = 180, duration: float = 365,
                          t_end: float = 1095, *, mode: str = "parameter",
                          interval_months: int = 6, doses: int = 6,
                          continue_to_end: bool = False,
                          schedule_t_end: int = 2190) -> RemodellingSimulator:
    """A simulator of bone remodelling under inflammation and drugs, in two modes.

    ``mode="parameter"`` (drug as a parameter change, Lemaire 2004): ``inflammation`` in
    [0, 1] (steps of 0.05); ``drug`` a canonical drug-class id or None; ``start`` and
    ``duration`` whole days in [0, ``t_end``]; ``t_end`` whole days in [30, 3650].
    ``mode="schedule"`` (denosumab schedule, PK–PD model): ``interval_months`` whole
    months in [1, 12]; ``doses`` whole number in [0, 20] (first injection on day 0);
    ``continue_to_end`` ignores ``doses`` and injects until ``schedule_t_end``, whole
    days in [365, 3650]. Both modes are built; the reader switches between them. Bad
    values raise ParameterError, unknown drugs UnknownItemError.
    """
    schedule = DenosumabDosing(interval_months, doses, continue_to_end, schedule_t_end)
    return RemodellingSimulator(inflammation, drug, start, duration, t_end, mode, schedule)
