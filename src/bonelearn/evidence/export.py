"""The evidence base as CSV and JSON, for reuse outside the course.

One CSV row per study and outcome (a study with three outcomes gives three rows), so the
file opens cleanly in a spreadsheet; the JSON keeps the nesting of ``studies.yaml``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from bonelearn.evidence.model import Study

CSV_COLUMNS = ("id", "name", "first_author", "year", "cite", "design", "disease",
               "population", "n", "n_kind", "duration", "classes", "agents", "regimen",
               "comparator", "blinding", "outcome", "endpoint", "result", "direction",
               "values", "effect", "evidence_note")


def rows(studies: Iterable[Study]) -> list[dict[str, str]]:
    """Flat rows (all values as text): one per study and outcome."""
    out = []
    for s in studies:
        for o in s.outcomes:
            values = "; ".join(f"{v.group}: {v.value:g}{(' ' + v.unit) if v.unit else ''}"
                               for v in o.values)
            out.append({
                "id": s.id, "name": s.name, "first_author": s.first_author,
                "year": str(s.year), "cite": s.cite, "design": s.design,
                "disease": s.disease, "population": s.population,
                "n": "" if s.n is None else str(s.n), "n_kind": s.n_kind or "",
                "duration": s.duration, "classes": ";".join(s.classes),
                "agents": ";".join(s.agents), "regimen": s.regimen or "",
                "comparator": s.comparator or "", "blinding": s.blinding or "",
                "outcome": o.outcome, "endpoint": o.endpoint, "result": o.result,
                "direction": o.direction, "values": values,
                "effect": o.effect.text() if o.effect else "",
                "evidence_note": s.evidence_note})
    return out


def to_csv(studies: Iterable[Study]) -> str:
    """CSV text with a header row (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows(studies))
    return buffer.getvalue()


def to_records(studies: Iterable[Study]) -> list[dict[str, Any]]:
    """Plain dicts (JSON-serialisable), one per study."""
    records = []
    for s in studies:
        record = asdict(s)
        record.pop("extra")
        records.append(record)
    return records


def to_json(studies: Iterable[Study]) -> str:
    """JSON text: ``{"studies": [...]}``, UTF-8, indented."""
    return json.dumps({"studies": to_records(studies)}, ensure_ascii=False, indent=1) + "\n"
