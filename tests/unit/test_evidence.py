"""The evidence base: loader errors name the file and study; filters, search, sort, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from bonelearn.errors import DataFileError, UnknownItemError
from bonelearn.evidence import (
    DESIGNS,
    OUTCOMES,
    default_data_file,
    filter_studies,
    load_studies,
    to_csv,
    to_json,
)
from bonelearn.evidence.export import CSV_COLUMNS

ROOT = Path(__file__).resolve().parents[2]
STUDIES = load_studies()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the shipped file; cwd is the book root so the bib is found."""
    monkeypatch.chdir(ROOT)
    path = tmp_path / "studies.yaml"
    path.write_text(default_data_file().read_text(encoding="utf-8"), encoding="utf-8")
    return path


def edit(path: Path, change) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(doc["studies"])
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")


def expect(path: Path, *fragments: str) -> None:
    with pytest.raises(DataFileError) as info:
        load_studies(path)
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


def test_shipped_data_loads_with_unique_ids() -> None:
    assert len({s.id for s in STUDIES}) == len(STUDIES) >= 2


def test_a_changed_file_is_read_again(data: Path) -> None:
    first = load_studies(data)
    assert load_studies(data) is first  # read once while the file is unchanged
    edit(data, lambda s: s[0].update(name="Renamed"))
    assert load_studies(data)[0].name == "Renamed"
    edit(data, lambda s: s[0].pop("design"))
    expect(data, "'design' is a required property")


def test_missing_field_names_file_study_and_field(data: Path) -> None:
    edit(data, lambda s: s[0].pop("design"))
    expect(data, "studies.yaml", f"study {STUDIES[0].id!r}", "'design' is a required property")


def test_unknown_drug_class(data: Path) -> None:
    edit(data, lambda s: s[1].update(classes=["anti_everything"]))
    expect(data, f"study {STUDIES[1].id!r}", "unknown drug class 'anti_everything'")


def test_citation_must_be_in_the_bibliography(data: Path) -> None:
    edit(data, lambda s: s[0].update(cite="nobody2099ghost"))
    expect(data, "'nobody2099ghost' is not in references.bib")


def test_a_number_that_is_not_a_number(data: Path) -> None:
    edit(data, lambda s: s[0]["outcomes"][0]["values"][0].update(value="2.3%"))
    expect(data, f"study {STUDIES[0].id!r}", "outcomes.0.values.0.value", "is not of type 'number'")


def test_effect_outside_its_confidence_interval(data: Path) -> None:
    def change(studies: list) -> None:
        studies[0]["outcomes"][0]["effect"] = {"measure": "risk ratio", "value": 0.5,
                                               "ci_low": 0.1, "ci_high": 0.3}
    edit(data, change)
    expect(data, "effect 0.5 lies outside its confidence interval")


def test_an_animal_study_is_an_experiment_not_an_association(data: Path) -> None:
    def change(studies: list) -> None:
        animal = next(s for s in studies if s["design"] == "animal")
        animal["outcomes"][0]["direction"] = "association"
    edit(data, change)
    expect(data, "use direction 'experimental'")


def test_duplicate_ids(data: Path) -> None:
    edit(data, lambda s: s[1].update(id=s[0]["id"]))
    expect(data, "duplicate id")


def test_unreadable_yaml(tmp_path: Path) -> None:
    bad = tmp_path / "studies.yaml"
    bad.write_text("studies: [\n", encoding="utf-8")
    expect(bad, "studies.yaml", "not valid YAML")


def test_filters_combine_and_each_result_matches() -> None:
    for outcome in OUTCOMES:
        for s in filter_studies(STUDIES, outcome=outcome):
            assert outcome in s.outcome_ids
    for design in DESIGNS:
        assert all(s.design == design for s in filter_studies(STUDIES, design=design))
    both = filter_studies(STUDIES, drug_class="denosumab", outcome="fractures")
    assert both and all("denosumab" in s.classes and "fractures" in s.outcome_ids for s in both)


def test_search_needs_every_word_in_any_case() -> None:
    hits = filter_studies(STUDIES, text="FREEDOM Cummings 2009")
    assert [s.id for s in hits] == ["freedom"]
    assert all("vertebral" in s.text() for s in filter_studies(STUDIES, text="VERTEBRAL"))
    assert filter_studies(STUDIES, text="freedom nonsenseword") == []


def test_sort_orders() -> None:
    years = [s.year for s in filter_studies(STUDIES, sort="year_desc")]
    assert years == sorted(years, reverse=True)
    years = [s.year for s in filter_studies(STUDIES, sort="year_asc")]
    assert years == sorted(years)
    sizes = [s.n or 0 for s in filter_studies(STUDIES, sort="size_desc")]
    assert sizes == sorted(sizes, reverse=True)


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"drug_class": "aspirin"}, "drug-class id"), ({"outcome": "height"}, "outcome"),
    ({"design": "anecdote"}, "design"), ({"disease": "gout"}, "disease"),
    ({"sort": "random"}, "sort order")])
def test_unknown_filter_values_name_the_filter(kwargs: dict, name: str) -> None:
    with pytest.raises(UnknownItemError, match=f"unknown {name}"):
        filter_studies(STUDIES, **kwargs)


def test_csv_parses_back_one_row_per_study_and_outcome() -> None:
    table = list(csv.DictReader(io.StringIO(to_csv(STUDIES))))
    assert tuple(table[0]) == CSV_COLUMNS
    assert len(table) == sum(len(s.outcomes) for s in STUDIES)
    freedom = next(r for r in table if r["id"] == "freedom")
    assert freedom["effect"] == "risk ratio 0.32 (95 % CI 0.26 to 0.41), p <0.001"
    assert "denosumab: 2.3 %" in freedom["values"]


def test_json_keeps_the_structure_and_numbers() -> None:
    data = json.loads(to_json(STUDIES))
    assert [s["id"] for s in data["studies"]] == [s.id for s in STUDIES]
    freedom = next(s for s in data["studies"] if s["id"] == "freedom")
    assert freedom["outcomes"][0]["effect"]["value"] == 0.32
    assert freedom["n"] == 7868
