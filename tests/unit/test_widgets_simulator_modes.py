"""The simulator's two modes: drug as a parameter change (Lemaire 2004) and the denosumab
schedule (PK-PD model), in the static HTML and in the live front end."""

from __future__ import annotations

import json
import re

import pytest

from bonelearn.errors import ParameterError
from bonelearn.models.scenarios import scenario_spec
from bonelearn.widgets import denosumab_dosing, remodelling_simulator
from bonelearn.widgets.dosing import model_spec
from bonelearn.widgets.simulator import MODES, NAME


def payload(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" class="bl-data">(.*?)'
                                r"</script>", page, re.S).group(1))


@pytest.mark.parametrize("mode", ["parameter", "schedule"])
def test_the_mode_shown_is_in_the_page_and_the_other_in_a_template(mode):
    page = remodelling_simulator(mode=mode).html()
    other = "schedule" if mode == "parameter" else "parameter"
    slot = page.index('<div class="bl-mode-slot">')
    store = page.index('<template class="bl-mode-store">')
    assert slot < page.index(f'data-mode="{mode}"') < store < page.index(f'data-mode="{other}"')
    assert page.index("</template>") > page.index(f'data-mode="{other}"')
    assert re.search(rf'value="{mode}" data-bl-mode checked>', page)
    assert len(re.findall(r'type="radio" name="([^"]+)-mode"', page)) == 2
    for label in MODES.values():
        assert f">{label}<span" in page  # each radio is labelled by its mode's name


def test_payload_carries_both_models():
    sim = remodelling_simulator(drug="denosumab")
    data = payload(sim.html())
    assert data["spec"] == json.loads(json.dumps(scenario_spec()))
    assert data["schedule"]["spec"] == json.loads(json.dumps(model_spec()))
    assert data["schedule"]["t_end"] == 2190


def test_summary_follows_the_mode_and_schedule_matches_the_standalone_widget():
    sim = remodelling_simulator(mode="schedule", interval_months=12, doses=3)
    alone = denosumab_dosing(interval_months=12, doses=3)
    assert sim.summary() == alone.summary() and sim.summary().startswith("3 injections")
    assert repr(sim).startswith("<RemodellingSimulator: 3 injections")
    sim.set_mode("parameter")
    assert sim.summary() == sim.parameter_summary()
    assert sim.summary().startswith("Inflammation 0.60")


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"mode": "dosing"}, "mode must be one of"), ({"mode": None}, "mode must be one of"),
    ({"interval_months": 0}, "interval_months"), ({"doses": 21}, "doses"),
    ({"continue_to_end": "yes"}, "continue_to_end"), ({"schedule_t_end": 100}, "t_end"),
])
def test_bad_mode_or_schedule_values_are_named(kwargs, match):
    with pytest.raises(ParameterError, match=match):
        remodelling_simulator(**kwargs)


def test_denosumab_note_points_to_the_schedule_mode():
    note = remodelling_simulator(drug="denosumab").drug_note()
    assert "none of this" in note  # the parameter mapping still says what it lacks
    assert "denosumab schedule (PK–PD model)" in note and "no rebound either" in note


def test_schedule_controls_name_their_widget():
    page = remodelling_simulator().html()
    for name in ("interval", "doses", "continue"):
        label = re.search(rf'<label for="[^"]+-{name}">(.*?)</label>', page).group(1)
        assert label.endswith(f'<span class="bl-sr-only bl-which">, {NAME}</span>'), name


def test_live_switch_shows_one_mode_and_each_redraws():
    box = remodelling_simulator(drug="denosumab").live
    c, out = box.controls, box.outputs
    parameter, schedule = box.children[2], box.children[3]
    assert c["mode"].options == tuple((v, k) for k, v in MODES.items())
    assert parameter.layout.display is None and schedule.layout.display == "none"
    c["mode"].value = "schedule"
    assert parameter.layout.display == "none" and schedule.layout.display is None
    c["interval"].value = 3
    assert "every 3 months" in out["schedule_summary"].value
    c["continue"].value = True
    assert c["doses"].disabled and "runs to the end" in out["schedule_summary"].value
    c["mode"].value = "parameter"
    c["inflammation"].value = 0.3
    assert "Inflammation 0.30" in out["summary"].value
    assert "every 3 months" in out["schedule_summary"].value  # each mode keeps its settings


def test_plot_helpers_live_in_one_script_loaded_before_their_users():
    from bonelearn.assets import read_asset
    from bonelearn.widgets.dosing import ASSETS as DOSING_ASSETS
    from bonelearn.widgets.simulator import ASSETS

    for user in ("js/simulator.js", "js/dosing.js"):
        text = read_asset(user)
        assert "function extent(" not in text and "MAX_POINTS" not in text, user
        assert "W.plot." in text, user
    assert "function extent(" in read_asset("js/plot.js")
    for assets in (ASSETS, DOSING_ASSETS):
        assert assets.index("js/plot.js") < assets.index("js/dosing.js")
    assert ASSETS.index("js/dosing.js") < ASSETS.index("js/simulator.js")
