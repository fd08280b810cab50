"""Load and validate the evidence base (``data/studies.yaml``).

The file is checked against ``schema/studies.schema.json`` and then across sources:
unique ids, drug classes the knowledge base knows, citation keys present in
``references.bib`` (when the book's root can be found), and effect sizes inside their
own confidence intervals. Every problem raises :class:`~bonelearn.errors.DataFileError`
naming the file and the study.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from bonelearn.bibliography import bib_keys, find_bibliography
from bonelearn.datafiles import read_entries
from bonelearn.errors import DataFileError
from bonelearn.evidence.model import Effect, Outcome, Study, Value
from bonelearn.pathways.model import DRUG_IDS


def default_data_file() -> Path:
    """``studies.yaml`` shipped inside the package."""
    return Path(str(resources.files("bonelearn.evidence") / "data" / "studies.yaml"))


@cache
def _schema() -> dict[str, Any]:
    text = (resources.files("bonelearn.evidence") / "schema" / "studies.schema.json").read_text(
        encoding="utf-8")
    return json.loads(text)


def _read(path: Path) -> list[dict[str, Any]]:
    return read_entries(path, _schema(), "studies", "study")


def _study(raw: dict[str, Any]) -> Study:
    pop = raw["population"]
    outcomes = tuple(
        Outcome(o["outcome"], o["endpoint"].strip(), o["result"].strip(), o["direction"],
                tuple(Value(v["group"], float(v["value"]), v.get("unit", ""))
                      for v in o.get("values", [])),
                Effect(**o["effect"]) if "effect" in o else None)
        for o in raw["outcomes"])
    return Study(
        id=raw["id"], name=raw["name"], first_author=raw["first_author"], year=raw["year"],
        cite=raw["cite"], design=raw["design"], disease=pop["disease"],
        population=pop["description"].strip(), duration=raw["duration"],
        classes=tuple(raw["classes"]), agents=tuple(raw["agents"]), outcomes=outcomes,
        evidence_note=" ".join(raw["evidence_note"].split()), n=pop.get("n"),
        n_kind=pop.get("n_kind"), duration_weeks=raw.get("duration_weeks"),
        blinding=raw.get("blinding"), comparator=raw.get("comparator"),
        regimen=raw.get("regimen"))


def _check(path: Path, studies: list[Study], bib: Path | None) -> None:
    seen: set[str] = set()
    keys = bib_keys(bib) if bib is not None else None
    for s in studies:
        item = f"study {s.id!r}"
        if s.id in seen:
            raise DataFileError(path, item, "duplicate id")
        seen.add(s.id)
        unknown = [c for c in s.classes if c not in DRUG_IDS]
        if unknown:
            raise DataFileError(path, item, f"unknown drug class {unknown[0]!r}; known: "
                                            f"{', '.join(sorted(DRUG_IDS))}")
        if keys is not None and s.cite not in keys:
            raise DataFileError(path, item, f"citation {s.cite!r} is not in references.bib")
        for o in s.outcomes:
            if s.design in ("animal", "in_vitro") and o.direction == "association":
                raise DataFileError(path, item, f"{o.outcome}: an {s.design} study is an "
                                                "experiment: use direction 'experimental'")
            e = o.effect
            if e and e.ci_low is not None and e.ci_high is not None \
                    and not e.ci_low <= e.value <= e.ci_high:
                raise DataFileError(path, item, f"{o.outcome}: effect {e.value} lies outside "
                                                f"its confidence interval {e.ci_low}-{e.ci_high}")


def load_studies(path: str | Path | None = None) -> tuple[Study, ...]:
    """All studies, validated; ``path`` defaults to the file shipped with the package.

    Read again only when the file or the bibliography changes: a notebook shows several
    study tables, and studies are immutable.
    """
    file = (Path(path) if path is not None else default_data_file()).resolve()
    bib = find_bibliography()
    return _load(file, _stamp(file), bib, _stamp(bib) if bib is not None else None)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None  # read_entries names a missing file
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=4)
def _load(file: Path, stamp: tuple[int, int] | None, bib: Path | None,
          bib_stamp: tuple[int, int] | None) -> tuple[Study, ...]:
    studies = [_study(raw) for raw in _read(file)]
    _check(file, studies, bib)
    return tuple(studies)
