"""Filter, search and sort the evidence base (mirrored in widgets/js/study-browser.js)."""

from __future__ import annotations

from collections.abc import Iterable

from bonelearn.errors import ParameterError, UnknownItemError
from bonelearn.evidence.model import DESIGNS, OUTCOMES, Study
from bonelearn.pathways.model import DRUG_IDS

SORTS: dict[str, str] = {
    "year_desc": "Newest first",
    "year_asc": "Oldest first",
    "size_desc": "Largest first",
}


def _sort_key(sort: str):  # type: ignore[no-untyped-def]
    if sort == "year_desc":
        return lambda s: (-s.year, s.name.lower(), s.id)
    if sort == "year_asc":
        return lambda s: (s.year, s.name.lower(), s.id)
    return lambda s: (-(s.n or 0), -s.year, s.name.lower(), s.id)


def filter_studies(studies: Iterable[Study], drug_class: str | None = None,
                   outcome: str | None = None, design: str | None = None,
                   disease: str | None = None, text: str = "",
                   sort: str = "year_desc") -> list[Study]:
    """Studies matching every given filter, sorted.

    ``text`` matches when every word in it occurs in the study's searchable text (case
    does not matter). ``sort`` is one of :data:`SORTS`; unknown filter values raise
    :class:`UnknownItemError` naming the filter.
    """
    studies = list(studies)
    if drug_class is not None and drug_class not in DRUG_IDS:
        raise UnknownItemError("drug-class id", drug_class, list(DRUG_IDS))
    if outcome is not None and outcome not in OUTCOMES:
        raise UnknownItemError("outcome", outcome, list(OUTCOMES))
    if design is not None and design not in DESIGNS:
        raise UnknownItemError("design", design, list(DESIGNS))
    diseases = {s.disease for s in studies}
    if disease is not None and disease not in diseases:
        raise UnknownItemError("disease", disease, sorted(diseases))
    if sort not in SORTS:
        raise UnknownItemError("sort order", sort, list(SORTS))
    if not isinstance(text, str):
        raise ParameterError(f"text must be a string, got {text!r}")
    words = text.lower().split()
    kept = [s for s in studies
            if (drug_class is None or drug_class in s.classes)
            and (outcome is None or outcome in s.outcome_ids)
            and (design is None or s.design == design)
            and (disease is None or s.disease == disease)
            and all(w in s.text() for w in words)]
    return sorted(kept, key=_sort_key(sort))
