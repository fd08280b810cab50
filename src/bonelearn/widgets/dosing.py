"""The denosumab schedule: injections, their wearing off and what stopping does.

The remodelling simulator shows this as its "denosumab schedule (PK–PD model)" mode
(:mod:`bonelearn.widgets.simulator`); :func:`denosumab_dosing` shows the same controls and
plots on their own. Both use this module's Python side and one script,
``widgets/js/dosing.js``.

Controls: the dosing interval (months), the number of injections of 60 mg and whether to
keep dosing to the end instead of stopping. Three plots show serum denosumab (ng/mL),
active osteoclasts (% of the steady state) and the BMD readout (% of the start) with the
chosen regimen (solid) against no drug (dashed); the shaded band runs from the first
injection to the day the next one would have been due. Live: Python
:class:`~bonelearn.models.denosumab.DenosumabPivonka` redraws on every change. Static:
``widgets/js/denosumab-model.js`` (the JavaScript port) recomputes in the browser and
``widgets/js/dosing.js`` redraws with the scaling rules of :mod:`bonelearn.widgets.plots`
(shared in the browser as ``widgets/js/plot.js``).
"""

from __future__ import annotations

import html
from dataclasses import fields
from typing import Any

import numpy as np

from bonelearn.errors import ParameterError
from bonelearn.widgets.base import DualWidget, make_uid, static_fragment
from bonelearn.widgets.plots import Panel, render_plots

MODEL_NOTE = ("Model, not a prediction: the denosumab pharmacokinetics and RANKL binding of "
              "a published model on the Pivonka bone-cell model (Martínez-Reina and Pivonka "
              "2019, as coded in the open bone-models package, not checked against measured "
              "pharmacokinetics), for one trabecular site of a 60 kg adult, simplified for "
              "teaching: a healthy steady state, without the paper's mechanical feedback or "
              "menopause-driven bone loss. In this model each injection wears off about "
              "3 months earlier than in people, in whom resorption is still suppressed when "
              "the next 6-monthly dose is due; do not read the dosing interval from it. It "
              "has no rebound: in people, turnover rises above pre-treatment levels after "
              "stopping and density is lost within a year. Compare regimens; do not read the "
              "numbers as a patient's.")
PANELS = (("C", "Serum denosumab (ng/mL)"),
          ("OCa", "Active osteoclasts (% of baseline)"),
          ("BMD", "BMD readout (% of start)"))
DAYS_PER_MONTH = 365.25 / 12
DOSE_MG = 60.0
MAX_DOSES = 20
N_POINTS = 366
MAX_STEP_DAYS = 0.25
ASSETS = ("js/plot.js", "js/denosumab-model.js", "js/dosing.js")
NAME = "Denosumab dosing model"


def model_spec() -> dict[str, Any]:
    """Parameters and steady state of the default model, for the JavaScript port."""
    from bonelearn.models.denosumab import DenosumabParams, DenosumabPivonka

    m = DenosumabPivonka()
    ss = m.steady_state()
    params = {f.name: float(getattr(m.params, f.name)) for f in fields(DenosumabParams)}
    return {"params": params, "max_step_days": MAX_STEP_DAYS,
            "steady_state": {k: ss[k] for k in ("OBp", "OBa", "OCa")}}


def _whole(name: str, value: object, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value) \
            or not lo <= value <= hi:
        raise ParameterError(f"{name} must be a whole number in [{lo}, {hi}], got {value!r}")
    return int(value)


def doses_to_end(interval_days: float, t_end: float) -> int:
    """Injections from day 0 every ``interval_days`` that fall before ``t_end``."""
    return int(np.ceil(t_end / interval_days - 1e-9))


class DenosumabDosing(DualWidget):
    """Dual front end of the denosumab PK-PD model (see the module docstring)."""

    kind = "denosumab-dosing"

    def __init__(self, interval_months: int, doses: int, continue_to_end: bool,
                 t_end: int) -> None:
        super().__init__()
        self.t_end = _whole("t_end", t_end, 365, 3650)
        self.uid = make_uid(self.kind, [interval_months, doses, continue_to_end, t_end])
        self.set_state(interval_months, doses, continue_to_end)

    def set_state(self, interval_months: int, doses: int, continue_to_end: bool) -> None:
        """Validate the controls and recompute the course with Python's model."""
        from bonelearn.models.denosumab import DenosumabPivonka, Regimen

        self.interval_months = _whole("interval_months", interval_months, 1, 12)
        self.doses = _whole("doses", doses, 0, MAX_DOSES)
        if not isinstance(continue_to_end, bool):
            raise ParameterError(f"continue_to_end must be True or False, got {continue_to_end!r}")
        self.continue_to_end = continue_to_end
        interval = self.interval_months * DAYS_PER_MONTH
        n = doses_to_end(interval, self.t_end) if continue_to_end else self.doses
        self.regimen = Regimen(first=0.0, interval=interval, n_doses=n, dose_mg=DOSE_MG)
        self.result = DenosumabPivonka().simulate(float(self.t_end), self.regimen, N_POINTS)
        self.baseline_oca = float(self.result["OCa"][0])

    @property
    def stop_day(self) -> float | None:
        """The day the next injection would have been due (None without doses or stop)."""
        last = self.regimen.last
        if last is None or self.continue_to_end:
            return None
        return last + self.regimen.interval

    def panels(self) -> list[Panel]:
        """The three plotted series (regimen against no drug), in display units, rounded to
        1e-6 (as dosing.js does) so that round-off noise never sets a flat plot's scale."""
        r = self.result
        series = {"C": r["C"], "OCa": 100.0 * r["OCa"] / self.baseline_oca, "BMD": r["BMD"]}
        flat = {"C": 0.0, "OCa": 100.0, "BMD": 100.0}
        return [Panel(k, title, [round(float(v), 6) for v in series[k]], [flat[k]] * len(r.t))
                for k, title in PANELS]

    def summary(self) -> str:
        """Regimen, BMD and osteoclasts after stopping (mirrored in dosing.js)."""
        r, n = self.result, self.regimen.n_doses
        if n == 0:
            return (f"No injections: the model stays at its steady state (BMD 100.0 % at day "
                    f"{self.t_end}).")
        bmd = r["BMD"]
        peak = int(np.argmax(bmd))
        text = (f"{n} injection{'s' if n > 1 else ''} of 60 mg every {self.interval_months} "
                f"month{'s' if self.interval_months > 1 else ''}. BMD peaks at "
                f"{bmd[peak] - 100:+.1f} % on day {r.t[peak]:.0f}; at day {self.t_end}: "
                f"{bmd[-1] - 100:+.1f} %.")
        stop = self.stop_day
        if stop is None or stop >= self.t_end:
            return text + " Treatment runs to the end of the plot."
        after = r.t >= stop
        high = 100.0 * float(r["OCa"][after].max()) / self.baseline_oca
        return text + (f" The next injection would have been due on day {stop:.0f}; after "
                       f"that, active osteoclasts reach at most {high:.1f} % of baseline "
                       f"(no rebound in this model; in people turnover overshoots).")

    def plots_html(self) -> str:
        """The legend and the three SVG plots for the current state."""
        n = self.regimen.n_doses
        stop = self.stop_day
        end = float(self.t_end) if stop is None else stop
        window = (0.0, end) if n else (0.0, 0.0)
        return render_plots(self.result.t.tolist(), self.panels(), window, self.uid)

    # -- static front end ------------------------------------------------------------
    def _controls_html(self, widget_name: str) -> str:
        u = self.uid
        which = f'<span class="bl-sr-only bl-which">, {html.escape(widget_name)}</span>'

        def slider(name: str, label: str, lo: int, hi: int, value: int, shown: str) -> str:
            return (f'<div class="bl-control"><label for="{u}-{name}">{label}{which}</label>'
                    f'<input type="range" id="{u}-{name}" name="{name}" min="{lo}" '
                    f'max="{hi}" step="1" value="{value}">'
                    f'<output name="{name}-value" for="{u}-{name}">{shown}</output></div>')

        checked = " checked" if self.continue_to_end else ""
        return (
            '<div class="bl-controls">'
            + slider("interval", "Dosing interval (months)", 1, 12, self.interval_months,
                     str(self.interval_months))
            + slider("doses", "Number of injections (60 mg)", 0, MAX_DOSES, self.doses,
                     str(self.doses))
            + f'<div class="bl-control"><input type="checkbox" id="{u}-continue" '
              f'name="continue"{checked}><label for="{u}-continue">Keep dosing to the end '
              f"(never stop){which}</label></div>"
            + "</div>"
        )

    def data(self) -> dict[str, Any]:
        """The JSON payload of dosing.js: the model spec, the time axis and the panels."""
        return {"spec": model_spec(), "t_end": self.t_end, "n_points": N_POINTS,
                "dose_mg": DOSE_MG, "days_per_month": DAYS_PER_MONTH,
                "panels": [list(p) for p in PANELS]}

    def panel_html(self, widget_name: str = NAME) -> str:
        """Note, controls, summary and plots: the markup dosing.js drives (``widget_name``
        is read out after each control's label)."""
        head, rest = MODEL_NOTE.split(":", 1)
        return (
            f'<p class="bl-note"><strong>{html.escape(head)}:</strong>{html.escape(rest)}</p>'
            + self._controls_html(widget_name)
            + f'<p class="bl-summary" aria-live="polite">{html.escape(self.summary())}</p>'
            + f'<div class="bl-plot-area">{self.plots_html()}</div>'
        )

    def _build_html(self) -> str:
        return static_fragment(self.kind, self.uid, self.data(), self.panel_html(), ASSETS,
                               NAME)

    # -- live front end ----------------------------------------------------------------
    def _build_live(self) -> Any:
        from bonelearn.widgets.live import dosing_live

        return dosing_live(self)


def denosumab_dosing(interval_months: int = 6, doses: int = 6, continue_to_end: bool = False,
                     t_end: int = 2190) -> DenosumabDosing:
    """A widget of denosumab 60 mg injections and what stopping them does in the model.

    The same controls and plots as the remodelling simulator's schedule mode
    (``remodelling_simulator(mode="schedule")``, which the course uses), on their own.

    ``interval_months`` whole months in [1, 12]; ``doses`` whole number in [0, 20] (first
    injection on day 0); ``continue_to_end`` ignores ``doses`` and injects until ``t_end``;
    ``t_end`` whole days in [365, 3650]. Bad values raise ParameterError.
    """
    return DenosumabDosing(interval_months, doses, continue_to_end, t_end)
