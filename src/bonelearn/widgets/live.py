"""Live front ends: ipywidgets containers whose callbacks run the Python models.

Each builder takes the widget object (which owns the state and the rendering) and
returns a ``VBox``. A control change calls the object's ``set_state`` and replaces the
``value`` of the ``HTML`` outputs with freshly rendered markup from the same generators
as the static page.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from bonelearn.assets import read_asset
from bonelearn.errors import BonelearnError
from bonelearn.widgets.base import CSS_ASSET

if TYPE_CHECKING:
    from bonelearn.widgets.dosing import DenosumabDosing
    from bonelearn.widgets.explorer import PathwayExplorer
    from bonelearn.widgets.measures import BoneMeasuresCalculator
    from bonelearn.widgets.simulator import RemodellingSimulator
    from bonelearn.widgets.studies import StudyBrowser


# ipywidgets' default slider width (300 px) leaves no track beside a long description.
SLIDER_LAYOUT = {"width": "28em", "max_width": "100%"}


def _style() -> w.HTML:
    return w.HTML(f"<style>{read_asset(CSS_ASSET)}</style>")


def _box(kind: str, children: list[Any]) -> w.VBox:
    box = w.VBox(children)
    box.add_class("bl-widget")
    box.add_class(f"bl-{kind}")
    box.add_class("bl-live")
    return box


def _row(children: list[Any]) -> w.HBox:
    return w.HBox(children, layout=w.Layout(flex_flow="row wrap"))


def _error(out: w.HTML, exc: Exception) -> None:
    out.value = f'<p class="bl-summary" role="alert">{html.escape(str(exc))}</p>'


def simulator_live(sim: RemodellingSimulator) -> w.VBox:
    """Sliders and a drop-down wired to :meth:`RemodellingSimulator.set_state`."""
    from bonelearn.widgets.simulator import (
        DAY_STEP,
        INFLAMMATION_STEP,
        MODE_LEGEND,
        MODES,
        NO_DRUG_REASON,
        TEACHING_NOTE,
        drug_labels,
    )

    style = {"description_width": "initial"}
    infl = w.FloatSlider(value=sim.inflammation, min=0, max=1, step=INFLAMMATION_STEP,
                         readout_format=".2f", description="Inflammation (0 none, 1 severe)",
                         style=style, continuous_update=False,
                         layout=w.Layout(**SLIDER_LAYOUT))
    drug = w.Dropdown(options=[("No drug", "none"), *((v, k) for k, v in drug_labels().items())],
                      value=sim.drug or "none", description="Drug class", style=style,
                      layout=w.Layout(width="max-content", max_width="100%"))
    # Day sliders move in steps of DAY_STEP days (1 day a step made a pixel worth ~5
    # days); the number box beside each takes any whole day.
    start = w.IntSlider(value=int(sim.start), min=0, max=int(sim.t_end), step=DAY_STEP,
                        description="Drug starts on day", style=style, continuous_update=False,
                        layout=w.Layout(**SLIDER_LAYOUT))
    duration = w.IntSlider(value=int(sim.duration), min=0, max=int(sim.t_end), step=DAY_STEP,
                           description="Days of treatment", style=style,
                           continuous_update=False, layout=w.Layout(**SLIDER_LAYOUT))
    start_box = w.BoundedIntText(value=int(sim.start), min=0, max=int(sim.t_end),
                                 description="Start day (exact)", style=style,
                                 layout=w.Layout(width="13em"))
    duration_box = w.BoundedIntText(value=int(sim.duration), min=0, max=int(sim.t_end),
                                    description="Days (exact)", style=style,
                                    layout=w.Layout(width="11em"))
    reason = w.HTML()
    summary = w.HTML(f'<p class="bl-summary">{html.escape(sim.parameter_summary())}</p>')
    note = w.HTML(f'<p class="bl-drug-note">{html.escape(sim.drug_note())}</p>')
    plots = w.HTML(sim.plots_html())

    def sync(a: Any, b: Any) -> None:
        def copy(change: Any) -> None:
            if b.value != change["new"]:
                b.value = change["new"]
        a.observe(copy, names="value")

    sync(start_box, start)
    sync(duration_box, duration)
    sync(start, start_box)
    sync(duration, duration_box)

    def enable() -> None:
        """Under "No drug" the day controls cannot act: disabled, with the reason."""
        off = drug.value == "none"
        for control in (start, duration, start_box, duration_box):
            control.disabled = off
        reason.value = (f'<p class="bl-reason">{html.escape(NO_DRUG_REASON)}</p>' if off
                        else "")

    def redraw(_change: Any = None) -> None:
        enable()
        try:
            sim.set_state(infl.value, drug.value, start.value, duration.value)
        except Exception as exc:  # shown in the widget instead of a lost traceback
            _error(summary, exc)
            return
        summary.value = f'<p class="bl-summary">{html.escape(sim.parameter_summary())}</p>'
        note.value = f'<p class="bl-drug-note">{html.escape(sim.drug_note())}</p>'
        plots.value = sim.plots_html()

    for control in (infl, drug, start, duration):
        control.observe(redraw, names="value")
    parameter = w.VBox([w.HTML(f'<p class="bl-note">{html.escape(TEACHING_NOTE)}</p>'),
                        _row([infl, drug]), _row([start, start_box]),
                        _row([duration, duration_box]), reason, summary, note, plots])
    s_children, s_controls, s_outputs, s_redraw = _dosing_parts(sim.schedule)
    schedule = w.VBox(s_children)
    panels = {"parameter": parameter, "schedule": schedule}
    mode = w.RadioButtons(options=[(v, k) for k, v in MODES.items()], value=sim.mode,
                          description=MODE_LEGEND, style=style,
                          layout=w.Layout(width="max-content", max_width="100%"))

    def show(_change: Any = None) -> None:
        sim.set_mode(mode.value)
        for key, panel in panels.items():
            panel.layout.display = None if key == mode.value else "none"

    mode.observe(show, names="value")
    box = _box(sim.kind, [_style(), mode, parameter, schedule])
    enable()
    show()
    box.redraw = redraw  # type: ignore[attr-defined]  # for tests and bench
    box.redraw_schedule = s_redraw  # type: ignore[attr-defined]
    box.controls = {"inflammation": infl, "drug": drug, "start": start,  # type: ignore[attr-defined]
                    "duration": duration, "start_box": start_box,
                    "duration_box": duration_box, "mode": mode, **s_controls}
    box.outputs = {"summary": summary, "plots": plots, "note": note,  # type: ignore[attr-defined]
                   "reason": reason, "schedule_summary": s_outputs["summary"],
                   "schedule_plots": s_outputs["plots"]}
    return box


def _dosing_parts(dos: DenosumabDosing) -> tuple[list[Any], dict[str, Any], dict[str, Any], Any]:
    """The schedule's children, controls, outputs and redraw callback (shared by the
    standalone dosing widget and the simulator's schedule mode)."""
    from bonelearn.widgets.dosing import MAX_DOSES, MODEL_NOTE

    style = {"description_width": "initial"}
    interval = w.IntSlider(value=dos.interval_months, min=1, max=12, step=1,
                           description="Dosing interval (months)", style=style,
                           continuous_update=False, layout=w.Layout(**SLIDER_LAYOUT))
    doses = w.IntSlider(value=dos.doses, min=0, max=MAX_DOSES, step=1,
                        description="Number of injections (60 mg)", style=style,
                        continuous_update=False, layout=w.Layout(**SLIDER_LAYOUT))
    keep = w.Checkbox(value=dos.continue_to_end, description="Keep dosing to the end (never stop)",
                      indent=False, layout=w.Layout(width="auto"))
    summary = w.HTML(f'<p class="bl-summary">{html.escape(dos.summary())}</p>')
    plots = w.HTML(dos.plots_html())

    def redraw(_change: Any = None) -> None:
        doses.disabled = keep.value
        try:
            dos.set_state(interval.value, doses.value, keep.value)
        except BonelearnError as exc:  # shown in the widget instead of a lost traceback
            _error(summary, exc)
            return
        summary.value = f'<p class="bl-summary">{html.escape(dos.summary())}</p>'
        plots.value = dos.plots_html()

    for control in (interval, doses, keep):
        control.observe(redraw, names="value")
    doses.disabled = keep.value
    children = [w.HTML(f'<p class="bl-note">{html.escape(MODEL_NOTE)}</p>'),
                _row([interval, doses]), keep, summary, plots]
    return (children, {"interval": interval, "doses": doses, "continue": keep},
            {"summary": summary, "plots": plots}, redraw)


def dosing_live(dos: DenosumabDosing) -> w.VBox:
    """Two sliders and a checkbox wired to :meth:`DenosumabDosing.set_state`."""
    children, controls, outputs, redraw = _dosing_parts(dos)
    box = _box(dos.kind, [_style(), *children])
    box.redraw = redraw  # type: ignore[attr-defined]  # for tests and bench
    box.controls = controls  # type: ignore[attr-defined]
    box.outputs = outputs  # type: ignore[attr-defined]
    return box


def explorer_live(exp: PathwayExplorer) -> w.VBox:
    """A checkbox per drug class, a slider and a details chooser wired to ``set_state``."""
    from bonelearn.widgets.explorer import INFLAMMATION_STEP, LEGEND

    boxes = {d: w.Checkbox(value=d in exp.drugs, description=label, indent=False,
                           layout=w.Layout(width="auto", margin="0 1em 0 0"))
             for d, label in exp.drug_labels.items()}
    infl = w.FloatSlider(value=exp.inflammation, min=0, max=1, step=INFLAMMATION_STEP,
                         readout_format=".2f", description="Inflammation (0 none, 1 severe)",
                         style={"description_width": "initial"},
                         layout=w.Layout(**SLIDER_LAYOUT))
    details = exp.details()
    chooser = w.Dropdown(
        options=[("(choose a node or an arrow)", ""),
                 *((f"node: {v['title']}", k) for k, v in details.items() if k[:5] == "node:"),
                 *((f"arrow: {v['title']}", k) for k, v in details.items() if k[:5] == "edge:")],
        value="", description="Details for", style={"description_width": "initial"})
    summary = w.HTML(f'<p class="bl-summary">{html.escape(exp.summary())}</p>')
    def drawing() -> str:
        return (f'<div class="bl-diagram-wrap">{exp.svg(interactive=False)}</div>'
                f'<p class="bl-legend">{html.escape(LEGEND)}</p>')

    diagram = w.HTML(drawing())
    panel = w.HTML('<div class="bl-details"></div>')
    table = w.HTML(exp.table_html())

    def redraw(_change: Any = None) -> None:
        try:
            exp.set_state([d for d, box in boxes.items() if box.value], infl.value)
        except Exception as exc:  # shown in the widget instead of a lost traceback
            _error(summary, exc)
            return
        summary.value = f'<p class="bl-summary">{html.escape(exp.summary())}</p>'
        diagram.value = drawing()
        table.value = exp.table_html()

    def show_details(change: Any) -> None:
        item = details.get(change["new"])
        panel.value = ('<div class="bl-details">'
                       + (exp.details_html(item) if item else "") + "</div>")

    for control in (*boxes.values(), infl):
        control.observe(redraw, names="value")
    chooser.observe(show_details, names="value")
    drug_box = w.Box(list(boxes.values()),
                     layout=w.Layout(display="flex", flex_flow="row wrap"))
    heading = w.HTML("<strong>Drug classes (tick any number)</strong>")
    box = _box(exp.kind, [_style(), summary, heading, drug_box, infl, diagram, chooser, panel,
                          table])
    box.redraw = redraw  # type: ignore[attr-defined]  # for tests and bench
    box.controls = {"drugs": boxes, "inflammation": infl,  # type: ignore[attr-defined]
                    "details": chooser}
    box.outputs = {"summary": summary, "diagram": diagram,  # type: ignore[attr-defined]
                   "details": panel, "table": table}
    return box


def study_browser_live(browser: StudyBrowser) -> w.VBox:
    """Drop-downs and a search box wired to :meth:`StudyBrowser.set_state`."""
    import base64

    from bonelearn.evidence import to_csv

    style = {"description_width": "initial"}
    opts = browser.options()
    labels = {"class": "Drug class", "outcome": "Bone outcome", "design": "Study design",
              "disease": "Population", "sort": "Sort"}
    selects = {name: w.Dropdown(options=[(t, v) for v, t in opts[name]],
                                value=browser.state[name], description=labels[name],
                                style=style)
               for name in labels}
    text = w.Text(value=browser.state["text"], description="Search (all words)", style=style,
                  continuous_update=False)
    summary = w.HTML()
    listing = w.HTML()

    def render() -> None:
        csv_text = to_csv(browser.shown)
        link = ("data:text/csv;base64," + base64.b64encode(csv_text.encode()).decode())
        summary.value = (f'<p class="bl-summary">{html.escape(browser.summary())} '
                         f'<a download="bonelearn-studies.csv" href="{link}">Download them '
                         "as CSV</a></p>")
        listing.value = browser.list_html()

    def update(_: Any = None) -> None:
        def pick(name: str) -> str | None:
            return selects[name].value or None

        try:
            browser.set_state(pick("class"), pick("outcome"), pick("design"), pick("disease"),
                              text.value, selects["sort"].value)
        except BonelearnError as exc:  # the error names the control; nothing else changes
            _error(summary, exc)
            return
        render()

    for control in (*selects.values(), text):
        control.observe(update, names="value")
    render()
    box = _box(browser.kind, [_style(), _row([*selects.values(), text]), summary, listing])
    box.controls = {**selects, "text": text}
    box.outputs = {"summary": summary, "listing": listing}
    return box


def _optional_number(text: str, name: str) -> float | None:
    """Parse an optional text field: empty means None; anything else must be a number."""
    from bonelearn.errors import ParameterError
    from bonelearn.models.measures import LABELS

    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ParameterError(f"{LABELS[name]} ({name}) must be a number, got {text!r}") from None


def measures_live(calc: BoneMeasuresCalculator) -> w.VBox:
    """Number fields and drop-downs wired to ``set_scores`` and ``set_change``."""
    from bonelearn.models.measures import LABELS
    from bonelearn.widgets.measures import GROUP_LABELS, KIND_LABELS, NOTE

    style = {"description_width": "initial"}
    s, c = calc.scores_inputs, calc.change_inputs

    def number(name: str, value: float) -> w.FloatText:
        return w.FloatText(value=value, description=LABELS[name], style=style)

    def optional(name: str, value: float | None) -> w.Text:
        return w.Text(value="" if value is None else f"{value:g}",
                      description=f"{LABELS[name]} (optional)", style=style)

    group = w.Dropdown(options=[(v, k) for k, v in GROUP_LABELS.items()], value=s["group"],
                       description=LABELS["group"], style=style)
    bmd, young_mean, young_sd = (number(n, s[n]) for n in ("bmd", "young_mean", "young_sd"))
    age_mean, age_sd = optional("age_mean", s["age_mean"]), optional("age_sd", s["age_sd"])
    kind = w.Dropdown(options=[(v, k) for k, v in KIND_LABELS.items()], value=c["kind"],
                      description=LABELS["kind"], style=style)
    precision, first, second = (number(n, c[n]) for n in ("precision", "first", "second"))
    scores_out = w.HTML(f'<p class="bl-summary">{html.escape(calc.scores_text())}</p>')
    change_out = w.HTML(f'<p class="bl-summary">{html.escape(calc.change_text())}</p>')

    def redraw_scores(_change: Any = None) -> None:
        try:
            calc.set_scores(bmd.value, young_mean.value, young_sd.value,
                            _optional_number(age_mean.value, "age_mean"),
                            _optional_number(age_sd.value, "age_sd"), group.value)
        except Exception as exc:  # shown in the widget, naming the field
            _error(scores_out, exc)
            return
        scores_out.value = f'<p class="bl-summary">{html.escape(calc.scores_text())}</p>'

    def redraw_change(_change: Any = None) -> None:
        try:
            calc.set_change(first.value, second.value, precision.value, kind.value)
        except Exception as exc:  # shown in the widget, naming the field
            _error(change_out, exc)
            return
        change_out.value = f'<p class="bl-summary">{html.escape(calc.change_text())}</p>'

    for control in (group, bmd, young_mean, young_sd, age_mean, age_sd):
        control.observe(redraw_scores, names="value")
    for control in (kind, precision, first, second):
        control.observe(redraw_change, names="value")
    note = w.HTML(f'<p class="bl-note">{html.escape(NOTE)}</p>')
    box = _box(calc.kind, [
        _style(), note,
        w.HTML("<strong>T-score and Z-score from a measured BMD</strong>"),
        _row([group]), _row([bmd, young_mean, young_sd]), _row([age_mean, age_sd]), scores_out,
        w.HTML("<strong>Is the change larger than the least significant change?</strong>"),
        _row([kind, precision]), _row([first, second]), change_out])
    box.redraw = lambda: (redraw_scores(), redraw_change())  # type: ignore[attr-defined]
    box.controls = {"group": group, "bmd": bmd, "young_mean": young_mean,  # type: ignore[attr-defined]
                    "young_sd": young_sd, "age_mean": age_mean, "age_sd": age_sd, "kind": kind,
                    "precision": precision, "first": first, "second": second}
    box.outputs = {"scores": scores_out, "change": change_out}  # type: ignore[attr-defined]
    return box
