"""The study browser and the generated study tables."""

from __future__ import annotations

import json
import re

import pytest

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.evidence import filter_studies, load_studies
from bonelearn.widgets import studies_table, study_browser
from bonelearn.widgets.base import WIDGET_VIEW
from bonelearn.widgets.studies import NO_SCRIPT_NOTE

STUDIES = load_studies()


def _payload(page: str) -> dict:
    raw = re.search(r'<script type="application/json" class="bl-data">(.*?)</script>', page,
                    re.S).group(1)
    return json.loads(raw)


def test_static_page_lists_every_study_and_hides_the_unselected() -> None:
    browser = study_browser(drug_class="denosumab", outcome="fractures")
    page = browser.html()
    shown = [s.id for s in filter_studies(STUDIES, "denosumab", "fractures")]
    visible = re.findall(r'<li data-study="([^"]+)">', page)
    hidden = re.findall(r'<li hidden data-study="([^"]+)">', page)
    assert visible == shown
    assert sorted(visible + hidden) == sorted(s.id for s in STUDIES)
    assert browser.summary() == f"Showing {len(shown)} of {len(STUDIES)} studies."


def test_controls_have_labels_and_the_count_is_announced() -> None:
    page = study_browser().html()
    for name in ("class", "outcome", "design", "disease", "text", "sort"):
        control = re.search(rf'id="([^"]+-{name})" name="{name}"', page)
        assert control, name
        assert f'<label for="{control.group(1)}">' in page
    assert 'aria-live="polite"' in page and 'role="search"' in page


def test_each_study_expands_to_its_numbers_note_and_linked_reference() -> None:
    """The live view's listing carries every study's details; the static page carries the
    same facts once, in its payload, for study-browser.js to build them (the browser tests
    compare the two)."""
    browser = study_browser()
    listing = browser.list_html()
    assert "<details><summary><strong>FREEDOM</strong>" in listing
    assert "risk ratio 0.32 (95 % CI 0.26 to 0.41)" in listing
    assert 'href="https://doi.org/10.1056/NEJMoa0809493"' in listing
    assert "What this design can show" in listing
    page = browser.html()
    assert "<details><summary>" not in page
    data = _payload(page)
    freedom = [r["id"] for r in data["records"]].index("freedom")
    assert data["refs"][freedom][1] == "https://doi.org/10.1056/NEJMoa0809493"
    assert "risk ratio 0.32 (95 % CI 0.26 to 0.41)" in str(data["csvNumbers"][freedom])


def test_static_list_is_each_study_summary_line_for_readers_without_javascript() -> None:
    page = study_browser().html()
    assert '<li data-study="freedom"><strong>FREEDOM</strong> (Cummings 2009) · ' in page
    assert f'<p class="bl-nojs">{NO_SCRIPT_NOTE}</p>' in page


def test_payload_carries_each_fact_once() -> None:
    """Records (for the JSON download, the filter fields, the search text and the details),
    the CSV's number-formatted fields, labels, references, the direction texts that
    name a study's arms and the summary's scope phrase; study-browser.js derives the rest
    (the browser tests compare its CSV with bonelearn.evidence.to_csv and its details and
    search text with Python's)."""
    data = _payload(study_browser().html())
    assert set(data) == {"records", "csvNumbers", "columns", "labels", "refs", "directions",
                         "scope"}
    assert data["scope"] == ""
    assert [r["id"] for r in data["records"]] == [s.id for s in STUDIES]
    assert [len(n) for n in data["csvNumbers"]] == [len(s.outcomes) for s in STUDIES]
    assert data["columns"][0] == "id"
    assert len(data["refs"]) == len(STUDIES)
    assert set(data["labels"]) == {"class", "design", "outcome", "direction"}
    # Only head-to-head studies (or a named comparator) need texts of their own.
    assert "arch" in data["directions"] and "freedom" not in data["directions"]
    by_id = {s.id: s for s in STUDIES}
    for study_id, texts in data["directions"].items():
        assert len(texts) == len(by_id[study_id].outcomes)


def test_bad_filters_raise_errors_that_name_them() -> None:
    with pytest.raises(UnknownItemError, match="unknown outcome 'height'"):
        study_browser(outcome="height")


WITHIN = ["fractures", "systemic_bmd"]
REPORTING = [s for s in STUDIES if {"fractures", "systemic_bmd"} & set(s.outcome_ids)]


def test_within_ships_only_the_studies_reporting_those_outcomes() -> None:
    browser = study_browser(outcome="fractures", within=WITHIN)
    page = browser.html()
    listed = re.findall(r'<li (?:hidden )?data-study="([^"]+)">', page)
    assert sorted(listed) == sorted(s.id for s in REPORTING)
    assert len(REPORTING) < len(STUDIES)
    payload = _payload(page)
    assert [r["id"] for r in payload["records"]] == [s.id for s in REPORTING]
    shown = filter_studies(REPORTING, outcome="fractures", sort="year_desc")
    assert browser.summary() == (f"Showing {len(shown)} of {len(REPORTING)} studies "
                                 "reporting fractures or systemic bone density.")
    assert payload["scope"] == " reporting fractures or systemic bone density"
    assert study_browser().summary().endswith(f"of {len(STUDIES)} studies.")


def test_within_filters_work_inside_the_subset_live_too() -> None:
    browser = study_browser(within=["fractures"])
    browser.set_state(drug_class="denosumab")
    assert browser.shown
    assert all("fractures" in s.outcome_ids and "denosumab" in s.classes
               for s in browser.shown)
    assert browser.summary() in browser.live.children[2].value


@pytest.mark.parametrize(("within", "error", "message"), [
    (["height"], UnknownItemError, "unknown outcome 'height'"),
    ([], ParameterError, "one or more outcome ids"),
    ("fractures", ParameterError, "one or more outcome ids"),
])
def test_bad_within_is_named(within, error, message) -> None:
    with pytest.raises(error, match=message):
        study_browser(within=within)


def test_live_view_filters_with_python() -> None:
    browser = study_browser()
    box = browser.live
    assert WIDGET_VIEW in browser._repr_mimebundle_()
    dropdowns = [c for c in box.children[1].children if hasattr(c, "options")]
    dropdowns[0].value = "denosumab"  # drug class
    assert all("denosumab" in s.classes for s in browser.shown)
    assert browser.summary() in box.children[2].value


def test_studies_table_is_generated_from_the_data() -> None:
    table = studies_table("denosumab")
    html = table.to_html()
    assert html.count('<th scope="row">') == len(filter_studies(STUDIES, "denosumab"))
    assert "<caption>Studies in the course&#x27;s evidence base: Denosumab" in html
    assert 'role="region" tabindex="0"' in html


def test_studies_table_with_nothing_to_show_says_so() -> None:
    with pytest.raises(ParameterError, match="no study in the evidence base matches"):
        studies_table("rituximab", outcome="erosion_repair")


def test_direction_is_read_from_the_tabulated_class_in_head_to_head_trials() -> None:
    """ARCH (romosozumab against alendronate): the bisphosphonate arm lost, so the
    bisphosphonate table must not say "favours the drug" for it."""
    from bonelearn.widgets.studies import direction_text

    arch = next(s for s in STUDIES if s.id == "arch")
    assert arch.classes[0] == "romosozumab" and "bisphosphonate" in arch.classes[1:]

    def row(html: str) -> str:
        start = html.index(f">{arch.name}<br>")
        return html[start:html.index("</tr>", start)]

    bis = row(studies_table("bisphosphonate").to_html())
    assert "Direction: favours the drug<" not in bis
    assert ("favours romosozumab (the drug tested) over alendronate (the comparator); "
            "the comparator arm here is Bisphosphonates") in bis
    romo = row(studies_table("romosozumab").to_html())
    assert "favours romosozumab (the drug tested) over alendronate" in romo
    assert "comparator arm here" not in romo
    # the other comparative direction, and single-class studies, read as before
    assert direction_text(arch, "favours_comparator", "bisphosphonate").startswith(
        "favours alendronate (the comparator) over romosozumab")
    freedom = next(s for s in STUDIES if s.id == "freedom")
    assert direction_text(freedom, "favours_drug", "denosumab") == "favours the drug"
    assert direction_text(arch, "no_difference") == "no significant difference"
    # a single-class study that the comparator won names the comparator
    teri = next(s for s in STUDIES if s.id == "teriparatide-alendronate-giop")
    assert direction_text(teri, "favours_comparator", "bisphosphonate") == (
        f"favours the comparator ({teri.comparator})")
