"""Typed records of the trial-level evidence base (``data/studies.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The designs, from the strongest kind of evidence about a drug's effect in people to
#: the weakest, and how each reads in a table.
DESIGNS: dict[str, str] = {
    "randomised_controlled": "Randomised controlled trial",
    "meta_analysis": "Meta-analysis",
    "randomised_extension": "Extension of a randomised trial",
    "post_hoc_randomised": "Post hoc analysis of a randomised trial",
    "observational_cohort": "Observational cohort",
    "case_control": "Case-control study",
    "animal": "Animal model",
    "in_vitro": "In vitro",
}
#: Designs that can show a drug's effect by randomisation (directly or pooled).
RANDOMISED = ("randomised_controlled", "meta_analysis")
#: Bone outcomes a study can report, and their labels.
OUTCOMES: dict[str, str] = {
    "radiographic_progression": "Radiographic progression of joint damage",
    "systemic_bmd": "Systemic bone density",
    "turnover_markers": "Bone turnover markers",
    "fractures": "Fractures",
    "axial_new_bone": "Axial new bone (axSpA)",
    "periarticular_bone": "Periarticular bone",
    "erosion_repair": "Erosion repair",
}
DIRECTIONS: dict[str, str] = {
    "favours_drug": "favours the drug",
    "favours_comparator": "favours the comparator",
    "no_difference": "no significant difference",
    "harm": "harm to bone",
    "association": "association, not a controlled comparison of the drug",
    "mixed": "mixed",
    "experimental": "experimental result in animals or cells, not a drug effect in people",
    "uncontrolled": "change within one group, no control group",
}

_SWAPPED = {"favours_drug": "favours_comparator", "favours_comparator": "favours_drug"}


@dataclass(frozen=True)
class Value:
    """One group's value as published."""

    group: str
    value: float
    unit: str = ""


@dataclass(frozen=True)
class Effect:
    """An effect size as published, with its confidence interval and p value if given."""

    measure: str
    value: float
    ci_low: float | None = None
    ci_high: float | None = None
    p: str | None = None

    def text(self) -> str:
        """``risk ratio 0.32 (95 % CI 0.26 to 0.41), p <0.001``."""
        out = f"{self.measure} {self.value:g}"
        if self.ci_low is not None and self.ci_high is not None:
            out += f" (95 % CI {self.ci_low:g} to {self.ci_high:g})"
        if self.p:
            out += f", p {self.p}"
        return out


@dataclass(frozen=True)
class Outcome:
    """One bone outcome of a study: endpoint, result in words, numbers, direction."""

    outcome: str
    endpoint: str
    result: str
    direction: str
    values: tuple[Value, ...] = ()
    effect: Effect | None = None


@dataclass(frozen=True)
class Study:
    """One study or pooled analysis behind the course's bone claims."""

    id: str
    name: str
    first_author: str
    year: int
    cite: str
    design: str
    disease: str
    population: str
    duration: str
    classes: tuple[str, ...]
    agents: tuple[str, ...]
    outcomes: tuple[Outcome, ...]
    evidence_note: str
    n: int | None = None
    n_kind: str | None = None
    duration_weeks: float | None = None
    blinding: str | None = None
    comparator: str | None = None
    regimen: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def outcome_ids(self) -> tuple[str, ...]:
        """The distinct outcome ids, in file order."""
        return tuple(dict.fromkeys(o.outcome for o in self.outcomes))

    @property
    def randomised(self) -> bool:
        """True for designs that can show a drug effect by randomisation."""
        return self.design in RANDOMISED

    def direction_for(self, direction: str, drug_class: str) -> str:
        """``direction`` as read from ``drug_class``'s side of the study.

        The first class of a study is the drug tested and any later class its comparator
        arm (see ``studies.yaml``), so for a comparator class ``favours_drug`` and
        ``favours_comparator`` swap: alendronate losing to romosozumab in ARCH reads
        "favours the comparator" for bisphosphonates. Other directions are unchanged.
        """
        if self.is_comparator(drug_class):
            return _SWAPPED.get(direction, direction)
        return direction

    def is_comparator(self, drug_class: str) -> bool:
        """True when ``drug_class`` is a comparator arm of the study (any class but the
        first, which is the drug tested; see ``studies.yaml``)."""
        return drug_class in self.classes[1:]

    def text(self) -> str:
        """Every searchable word of the study, lower case (for free-text search)."""
        parts = [self.name, self.first_author, str(self.year), DESIGNS[self.design],
                 self.disease, self.population, self.duration, *self.classes, *self.agents,
                 self.evidence_note, self.comparator or "", self.regimen or ""]
        for o in self.outcomes:
            parts += [OUTCOMES[o.outcome], o.endpoint, o.result]
        return " ".join(parts).lower()
