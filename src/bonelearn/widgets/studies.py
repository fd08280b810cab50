"""The study browser and generated study tables, from the evidence base.

:func:`study_browser` is a dual widget: in Jupyter, drop-downs and a search box call
:func:`bonelearn.evidence.filter_studies`; on the static page ``widgets/js/study-browser.js``
repeats the same filter, search and sort on the items rendered here, and builds the CSV and
JSON downloads from the records that :mod:`bonelearn.evidence.export` produces (each fact
is sent once; the script derives the CSV rows from the records).
:func:`studies_table` renders the studies of one drug class or outcome as an accessible
table for the chapters, so that no trial number is typed twice.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from bonelearn.bibliography import find_bibliography, identifier_url, read_bib
from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.evidence import (
    DESIGNS,
    DIRECTIONS,
    OUTCOMES,
    SORTS,
    Study,
    filter_studies,
    load_studies,
)
from bonelearn.evidence.export import CSV_COLUMNS, rows, to_records
from bonelearn.pathways import load_knowledge_base
from bonelearn.widgets.base import DualWidget, make_uid, static_fragment
from bonelearn.widgets.citations import references
from bonelearn.widgets.tables import table_region

ASSETS = ("js/study-browser.js",)
#: Shown until study-browser.js runs (and so to readers without JavaScript).
NO_SCRIPT_NOTE = ("Without JavaScript this list gives each study's name, first author, year, "
                  "design and population; opening a study to read its numbers and reference "
                  "needs JavaScript.")


def _class_labels() -> dict[str, str]:
    return {d.id: d.label for d in load_knowledge_base().drugs}


@cache
def _bib_fields() -> dict[str, dict[str, str]]:
    bib = find_bibliography()
    return {e.key: e.fields for e in read_bib(bib)} if bib else {}


def _reference(study: Study) -> tuple[str, str]:
    """The study's short reference and the link to its DOI or PubMed record (or "")."""
    return (references([study.cite])[study.cite],
            identifier_url(_bib_fields().get(study.cite, {})) or "")


def _reference_html(study: Study) -> str:
    """The study's short reference, linked to its DOI (or PubMed record)."""
    text, url = _reference(study)
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>' if url else html.escape(text)


def population_text(study: Study) -> str:
    """``RA; 654 treated`` from the study's disease and size."""
    size = f"; {study.n} {study.n_kind or 'participants'}" if study.n else ""
    return f"{study.disease}{size}"


#: Directions that compare two arms, and so must say which arm they favour.
COMPARATIVE = ("favours_drug", "favours_comparator")


def direction_text(study: Study, direction: str, drug_class: str | None = None) -> str:
    """How a direction reads, naming the arms when the study has more than one class.

    In ``studies.yaml`` the first class of a study is the drug tested and any later class
    is its comparator arm, so ``favours_drug`` favours the first class. For such studies
    the text names both arms (agents, or class labels), and when ``drug_class`` (the class
    a table shows) is a comparator class it says so: a bisphosphonate that lost to
    romosozumab must not read as "favours the drug" in the bisphosphonate table.
    """
    text = DIRECTIONS[direction]
    if direction == "favours_comparator" and len(study.classes) < 2 and study.comparator:
        return f"{text} ({study.comparator})"
    if direction not in COMPARATIVE or len(study.classes) < 2:
        return text
    labels = _class_labels()
    names = (list(study.agents) if len(study.agents) == len(study.classes)
             else [labels.get(c, c) for c in study.classes])
    tested, others = names[0], " and ".join(names[1:])
    if direction == "favours_drug":
        text = f"favours {tested} (the drug tested) over {others} (the comparator)"
    else:
        text = f"favours {others} (the comparator) over {tested} (the drug tested)"
    if drug_class is not None and study.is_comparator(drug_class):
        text += f"; the comparator arm here is {labels.get(drug_class, drug_class)}"
    return text


def _named_directions(studies: list[Study]) -> dict[str, list[str]]:
    """For each study whose direction texts name its arms (:func:`direction_text` differs
    from the plain label), those texts, one per outcome; the page uses the plain labels
    for the rest."""
    named = {}
    for s in studies:
        texts = [direction_text(s, o.direction) for o in s.outcomes]
        if texts != [DIRECTIONS[o.direction] for o in s.outcomes]:
            named[s.id] = texts
    return named


def outcome_html(study: Study, drug_class: str | None = None) -> str:
    """The study's outcomes as a definition list: endpoint, result, effect, direction.

    ``drug_class`` is the class the surrounding table shows (see :func:`direction_text`).
    """
    items = []
    for o in study.outcomes:
        effect = f"<br>Effect: {html.escape(o.effect.text())}" if o.effect else ""
        items.append(f"<dt>{html.escape(OUTCOMES[o.outcome])}: {html.escape(o.endpoint)}</dt>"
                     f"<dd>{html.escape(o.result)}{effect}<br><em>Direction: "
                     f"{html.escape(direction_text(study, o.direction, drug_class))}</em></dd>")
    return f'<dl class="bl-study-outcomes">{"".join(items)}</dl>'


def summary_html(study: Study) -> str:
    """The study's one-line summary: name, first author and year, design, population."""
    return (f"<strong>{html.escape(study.name)}</strong> ({html.escape(study.first_author)} "
            f"{study.year}) · {html.escape(DESIGNS[study.design])} · "
            f"{html.escape(population_text(study))}")


def study_item_html(study: Study, labels: dict[str, str]) -> str:
    """One study as an expandable list item (native ``<details>``: keyboard and touch)."""
    classes = ", ".join(labels.get(c, c) for c in study.classes)
    facts = [("Design", DESIGNS[study.design] + (f", {study.blinding}" if study.blinding
                                                  else "")),
             ("Population", f"{study.disease}: {study.population}"
              + (f" ({study.n} {study.n_kind or 'participants'})" if study.n else "")),
             ("Drug classes and agents", f"{classes} ({', '.join(study.agents)})"),
             ("Duration", study.duration)]
    if study.regimen:
        facts.append(("Regimen", study.regimen))
    if study.comparator:
        facts.append(("Comparator", study.comparator))
    dl = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in facts)
    return (f'<li data-study="{html.escape(study.id)}"><details><summary>'
            f"{summary_html(study)}</summary>"
            f'<dl class="bl-study-facts">{dl}</dl>{outcome_html(study)}'
            f"<p><strong>What this design can show:</strong> "
            f"{html.escape(study.evidence_note)}</p>"
            f"<p>Reference: {_reference_html(study)}</p></details></li>")


class StudyBrowser(DualWidget):
    """Filter, search and sort the evidence base; expand a study to read its numbers."""

    kind = "study-browser"

    def __init__(self, drug_class: str | None = None, outcome: str | None = None,
                 design: str | None = None, disease: str | None = None, text: str = "",
                 sort: str = "year_desc", within: Sequence[str] | None = None) -> None:
        super().__init__()
        self.studies, self.scope = _studies_within(within)
        self.labels = _class_labels()
        self.diseases = sorted({s.disease for s in self.studies})
        self.uid = make_uid(self.kind, [drug_class, outcome, design, disease, text, sort,
                                        *(within or ())])
        self.set_state(drug_class, outcome, design, disease, text, sort)

    def set_state(self, drug_class: str | None = None, outcome: str | None = None,
                  design: str | None = None, disease: str | None = None, text: str = "",
                  sort: str = "year_desc") -> None:
        """Validate the controls (errors name the control) and recompute the selection."""
        self.shown = filter_studies(self.studies, drug_class, outcome, design, disease,
                                    text, sort)
        self.state = {"class": drug_class or "", "outcome": outcome or "",
                      "design": design or "", "disease": disease or "", "text": text,
                      "sort": sort}

    def summary(self) -> str:
        """``Showing 3 of 42 studies.`` (mirrored in study-browser.js), with the scope of
        a browser limited to some outcomes: ``... of 35 studies reporting fractures.``"""
        return f"Showing {len(self.shown)} of {len(self.studies)} studies{self.scope}."

    def _ordered(self) -> list[tuple[Study, bool]]:
        """Every study with whether it is selected: the selected ones first, in order."""
        chosen = {s.id for s in self.shown}
        return [*((s, True) for s in self.shown),
                *((s, False) for s in self.studies if s.id not in chosen)]

    def list_html(self) -> str:
        """Every study as an expandable list item (the live view's listing), the selected
        ones in order and the rest hidden."""
        items = []
        for s, selected in self._ordered():
            item = study_item_html(s, self.labels)
            items.append(item if selected else item.replace("<li ", "<li hidden ", 1))
        return f'<ol class="bl-study-list">{"".join(items)}</ol>'

    def index_html(self) -> str:
        """The static page's list: each study's one-line summary, the selected ones in
        order and the rest hidden. study-browser.js makes each line a ``<details>`` with the
        study's facts, outcomes and reference, built from the JSON records, so that the page
        carries those facts once; without JavaScript the reader still sees the list."""
        items = "".join(f'<li{"" if selected else " hidden"} data-study="{html.escape(s.id)}">'
                        f"{summary_html(s)}</li>" for s, selected in self._ordered())
        return f'<ol class="bl-study-list">{items}</ol>'

    def _select(self, name: str, label: str, options: list[tuple[str, str]]) -> str:
        u = self.uid
        opts = "".join(f'<option value="{html.escape(v)}"'
                       f'{" selected" if self.state[name] == v else ""}>{html.escape(t)}</option>'
                       for v, t in options)
        return (f'<label for="{u}-{name}">{html.escape(label)}</label>'
                f'<select id="{u}-{name}" name="{name}">{opts}</select>')

    def options(self) -> dict[str, list[tuple[str, str]]]:
        """(value, label) choices of each drop-down; the empty value means "all"."""
        return {
            "class": [("", "All drug classes"), *self.labels.items()],
            "outcome": [("", "All outcomes"), *OUTCOMES.items()],
            "design": [("", "All designs"), *DESIGNS.items()],
            "disease": [("", "All populations"), *((d, d) for d in self.diseases)],
            "sort": list(SORTS.items()),
        }

    def _controls_html(self) -> str:
        opts = self.options()
        u = self.uid
        return (
            '<form class="bl-controls bl-study-controls" role="search" '
            'aria-label="Filter and sort the studies" onsubmit="return false">'
            + self._select("class", "Drug class", opts["class"])
            + self._select("outcome", "Bone outcome", opts["outcome"])
            + self._select("design", "Study design", opts["design"])
            + self._select("disease", "Population", opts["disease"])
            + f'<label for="{u}-text">Search (all words)</label>'
              f'<input type="search" id="{u}-text" name="text" '
              f'value="{html.escape(self.state["text"])}" autocomplete="off">'
            + self._select("sort", "Sort", opts["sort"])
            + "</form>")

    def _data(self) -> dict[str, Any]:
        """The payload, each fact once: the JSON records (the JSON download;
        study-browser.js derives from them the filter fields, the search text, the CSV rows
        and each study's details), the two CSV fields that need Python's number formatting
        (the second, the effect, is also shown in the details), the labels of the ids, each
        study's reference (text and link) and the direction texts that name the arms."""
        return {
            "records": to_records(self.studies),
            "csvNumbers": [[[r["values"], r["effect"]] for r in rows([s])]
                           for s in self.studies],
            "columns": list(CSV_COLUMNS),
            "labels": {"class": self.labels, "design": dict(DESIGNS),
                       "outcome": dict(OUTCOMES), "direction": dict(DIRECTIONS)},
            "refs": [_reference(s) for s in self.studies],
            "directions": _named_directions(self.studies),
            "scope": self.scope,
        }

    def _build_html(self) -> str:
        body = (
            self._controls_html()
            + f'<p class="bl-summary" aria-live="polite" role="status">'
              f"{html.escape(self.summary())}</p>"
            + '<p class="bl-downloads">Download the studies shown: '
              '<a href="#" data-format="csv" download="bonelearn-studies.csv">CSV</a> · '
              '<a href="#" data-format="json" download="bonelearn-studies.json">JSON</a></p>'
            + f'<p class="bl-nojs">{NO_SCRIPT_NOTE}</p>'
            + self.index_html())
        return static_fragment(self.kind, self.uid, self._data(), body, ASSETS,
                               "Study browser")

    def _build_live(self) -> Any:
        from bonelearn.widgets.live import study_browser_live

        return study_browser_live(self)


def _lower_first(label: str) -> str:
    """``Systemic bone density`` -> ``systemic bone density`` (``axSpA`` keeps its case)."""
    return label[:1].lower() + label[1:]


def _studies_within(within: Sequence[str] | None) -> tuple[list[Study], str]:
    """The studies reporting any of the outcome ids ``within`` (all studies when None)
    and the summary's scope phrase (`` reporting fractures or systemic bone density``)."""
    studies = load_studies()
    if within is None:
        return studies, ""
    if isinstance(within, str) or not within:
        raise ParameterError("within must be a list of one or more outcome ids, "
                             f"for example ['fractures']; got {within!r}")
    for outcome in within:
        if outcome not in OUTCOMES:
            raise UnknownItemError("outcome", outcome, list(OUTCOMES))
    chosen = [s for s in studies if set(s.outcome_ids) & set(within)]
    if not chosen:
        raise ParameterError(f"no study in the evidence base reports {list(within)!r}")
    return chosen, " reporting " + " or ".join(_lower_first(OUTCOMES[o]) for o in within)


def study_browser(drug_class: str | None = None, outcome: str | None = None,
                  design: str | None = None, disease: str | None = None, text: str = "",
                  sort: str = "year_desc",
                  within: Sequence[str] | None = None) -> StudyBrowser:
    """A browser of the course's evidence base, filtered as given (all studies by default).

    Filters take the ids of :data:`bonelearn.evidence.OUTCOMES`, ``DESIGNS``, the
    knowledge base's drug classes and the diseases in the data; unknown values raise
    :class:`~bonelearn.errors.UnknownItemError` naming the filter. ``within`` limits the
    browser to the studies reporting any of the given outcome ids (the filters then work
    inside them): a chapter that needs only some studies ships only their records.
    """
    return StudyBrowser(drug_class, outcome, design, disease, text, sort, within)


@dataclass(frozen=True)
class StudiesTable:
    """Studies rendered as an accessible table (caption, scoped headers, scroll region)."""

    studies: tuple[Study, ...]
    caption: str
    drug_class: str | None = None

    def to_html(self) -> str:
        """Table of study, design, population, duration, outcomes and reference."""
        body = []
        for s in self.studies:
            body.append(
                f'<tr><th scope="row">{html.escape(s.name)}<br><small>'
                f"{html.escape(s.first_author)} {s.year}</small></th>"
                f"<td>{html.escape(DESIGNS[s.design])}</td>"
                f"<td>{html.escape(population_text(s))}<br><small>"
                f"{html.escape(s.population)}</small></td>"
                f"<td>{html.escape(s.duration)}</td><td>{outcome_html(s, self.drug_class)}</td>"
                f"<td>{_reference_html(s)}</td></tr>")
        return table_region(
            self.caption,
            f'<table class="bl-evidence-table bl-studies-table" style="font-size:0.85em">'
            f"<caption>{html.escape(self.caption)}</caption><thead><tr>"
            '<th scope="col">Study</th><th scope="col">Design</th>'
            '<th scope="col">Population</th><th scope="col">Duration</th>'
            '<th scope="col">Bone outcomes (as published)</th>'
            f'<th scope="col">Reference</th></tr></thead><tbody>{"".join(body)}'
            "</tbody></table>", "bl-evidence")

    def _repr_mimebundle_(self, include: object = None, exclude: object = None
                          ) -> dict[str, str]:
        return {"text/html": self.to_html(),
                "text/plain": f"StudiesTable({len(self.studies)} studies)"}


def studies_table(drug_class: str | None = None, outcome: str | None = None,
                  design: str | None = None, sort: str = "year_asc") -> StudiesTable:
    """The studies of one drug class and/or outcome, as a table generated from the data."""
    studies = filter_studies(load_studies(), drug_class, outcome, design, sort=sort)
    if not studies:
        raise ParameterError("no study in the evidence base matches "
                             f"class={drug_class!r}, outcome={outcome!r}, design={design!r}")
    what = [*([_class_labels()[drug_class]] if drug_class else []),
            *([OUTCOMES[outcome]] if outcome else [])]
    caption = ("Studies in the course's evidence base"
               + (f": {', '.join(what)}" if what else "")
               + " (numbers as published; educational summary, not treatment advice)")
    return StudiesTable(tuple(studies), caption, drug_class)
