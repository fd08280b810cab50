"""The class-by-outcome evidence matrix: which designs stand behind each drug class.

For every drug class and bone outcome, :func:`class_outcome_matrix` collects the studies
of the evidence base that report that outcome for that class, and names the strongest
*kind* of design among them (a count of designs, not a judgement of quality: the course's
curated ratings live in ``pathways/data/drugs.yaml``). The matrix follows the data: a new
study in ``studies.yaml`` changes its cell with no code change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bonelearn.errors import UnknownItemError
from bonelearn.evidence.loader import load_studies
from bonelearn.evidence.model import DESIGNS, DIRECTIONS, OUTCOMES, Study
from bonelearn.pathways.model import DRUG_IDS

#: The outcomes of the synthesis matrix, in column order.
MATRIX_OUTCOMES: tuple[str, ...] = (
    "radiographic_progression", "systemic_bmd", "turnover_markers", "fractures",
    "axial_new_bone",
)

#: Evidence levels, strongest first: (id, label in words, designs at that level).
LEVELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("randomised", "Randomised trial or meta-analysis", ("randomised_controlled", "meta_analysis")),
    ("randomised_secondary", "Secondary analysis of randomised data",
     ("randomised_extension", "post_hoc_randomised")),
    ("observational", "Observational", ("observational_cohort", "case_control")),
    ("experimental", "Animal or cell experiments", ("animal", "in_vitro")),
)
#: Label of an empty cell.
NO_STUDY = "No study in the evidence base"

_LEVEL_OF: dict[str, int] = {d: rank for rank, (_, _, ds) in enumerate(LEVELS) for d in ds}
_LEVEL_IDS: dict[str, int] = {lid: rank for rank, (lid, _, _) in enumerate(LEVELS)}


def design_rank(design: str) -> int:
    """0 for randomised designs, up to 3 for animal and cell studies (lower is stronger)."""
    if design not in _LEVEL_OF:
        raise UnknownItemError("design", design, list(DESIGNS))
    return _LEVEL_OF[design]


def level_label(level: str | None) -> str:
    """The level in words (``Randomised``...); ``None`` (no study) reads as :data:`NO_STUDY`."""
    if level is None:
        return NO_STUDY
    if level not in _LEVEL_IDS:
        raise UnknownItemError("evidence level", level, list(_LEVEL_IDS))
    return LEVELS[_LEVEL_IDS[level]][1]


@dataclass(frozen=True)
class MatrixCell:
    """The studies behind one drug class and one outcome, and what they amount to."""

    drug_class: str
    outcome: str
    studies: tuple[Study, ...]      # strongest design first, then oldest first
    level: str | None               # id of the strongest level present; None: no study
    strongest_design: str | None    # the first design (in DESIGNS order) at that level
    diseases: tuple[str, ...]       # distinct, sorted
    strongest_diseases: tuple[str, ...]  # the same, among the strongest-level studies only
    directions: tuple[str, ...]     # distinct directions, read from this class's side
                                    # (Study.direction_for), in DIRECTIONS order
    strongest_directions: tuple[str, ...]  # the same, among the strongest-level studies only

    @property
    def n_studies(self) -> int:
        """Number of studies in the cell."""
        return len(self.studies)

    @property
    def level_label(self) -> str:
        """The strongest level in words, or :data:`NO_STUDY`."""
        return level_label(self.level)


@dataclass(frozen=True)
class ClassOutcomeMatrix:
    """Cells for every ``classes`` × ``outcomes`` pair."""

    classes: tuple[str, ...]
    outcomes: tuple[str, ...]
    cells: tuple[MatrixCell, ...]

    def cell(self, drug_class: str, outcome: str) -> MatrixCell:
        """The cell of one class and outcome; unknown ids raise UnknownItemError."""
        if drug_class not in self.classes:
            raise UnknownItemError("drug-class id", drug_class, list(self.classes))
        if outcome not in self.outcomes:
            raise UnknownItemError("outcome", outcome, list(self.outcomes))
        return self.cells[self.classes.index(drug_class) * len(self.outcomes)
                          + self.outcomes.index(outcome)]

    def row(self, drug_class: str) -> tuple[MatrixCell, ...]:
        """The cells of one class, in column order."""
        return tuple(self.cell(drug_class, o) for o in self.outcomes)


def _cell(studies: Sequence[Study], drug_class: str, outcome: str) -> MatrixCell:
    chosen = sorted((s for s in studies if drug_class in s.classes and outcome in s.outcome_ids),
                    key=lambda s: (design_rank(s.design), s.year, s.id))
    if not chosen:
        return MatrixCell(drug_class, outcome, (), None, None, (), (), (), ())
    best = design_rank(chosen[0].design)

    def directions(group: Iterable[Study]) -> tuple[str, ...]:
        found = {s.direction_for(o.direction, drug_class)
                 for s in group for o in s.outcomes if o.outcome == outcome}
        return tuple(d for d in DIRECTIONS if d in found)

    top = [s for s in chosen if design_rank(s.design) == best]
    strongest = next(d for d in DESIGNS if any(s.design == d for s in top))
    return MatrixCell(drug_class, outcome, tuple(chosen), LEVELS[best][0], strongest,
                      tuple(sorted({s.disease for s in chosen})),
                      tuple(sorted({s.disease for s in top})), directions(chosen),
                      directions(top))


def class_outcome_matrix(studies: Iterable[Study] | None = None,
                         classes: Sequence[str] | None = None,
                         outcomes: Sequence[str] | None = None) -> ClassOutcomeMatrix:
    """The evidence matrix of ``studies`` (default: :func:`load_studies`).

    ``classes`` are drug-class ids (default: every class of the knowledge base, in its
    order) and ``outcomes`` ids of :data:`OUTCOMES` (default: :data:`MATRIX_OUTCOMES`).
    Each cell holds the studies that report the outcome for the class, the strongest
    evidence level present (randomised controlled trials and meta-analyses, then
    extensions and post hoc analyses of randomised trials, then observational cohorts and
    case-control studies, then animal and cell experiments), the diseases studied and the
    directions reported. Unknown ids raise :class:`~bonelearn.errors.UnknownItemError`.
    """
    data = list(load_studies() if studies is None else studies)
    cls = tuple(DRUG_IDS if classes is None else classes)
    outs = tuple(MATRIX_OUTCOMES if outcomes is None else outcomes)
    for c in cls:
        if c not in DRUG_IDS:
            raise UnknownItemError("drug-class id", c, list(DRUG_IDS))
    for o in outs:
        if o not in OUTCOMES:
            raise UnknownItemError("outcome", o, list(OUTCOMES))
    cells = tuple(_cell(data, c, o) for c in cls for o in outs)
    return ClassOutcomeMatrix(cls, outs, cells)
