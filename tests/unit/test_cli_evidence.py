"""`bonelearn evidence export`: CSV and JSON of the evidence base, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bonelearn.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evidence_export_writes_csv_and_json_atomically(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv

    from bonelearn.evidence import filter_studies, load_studies, to_csv

    code, out, _ = run(capsys, "evidence", "export", "--format", "csv", "--out", str(tmp_path))
    target = tmp_path / "bonelearn-studies.csv"
    assert code == 0 and str(target) in out
    assert target.read_bytes().decode("utf-8") == to_csv(filter_studies(load_studies()))
    assert list(csv.DictReader(target.open(encoding="utf-8")))
    code, _, _ = run(capsys, "evidence", "export", "--format", "json", "--class", "denosumab",
                     "--out", str(tmp_path / "d.json"))
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert code == 0 and all("denosumab" in s["classes"] for s in data["studies"])
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(("argv", "message"), [
    (["evidence", "export", "--format", "csv", "--class", "aspirin"], "unknown drug-class id"),
    (["evidence", "export", "--format", "csv", "--out", "/no/such/dir/x.csv"],
     "does not exist"),
])
def test_evidence_export_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err
