"""Data files: libyaml's loader reads every shipped YAML file exactly as PyYAML's own."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bonelearn.datafiles import SAFE_LOADER, read_entries
from bonelearn.errors import DataFileError

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "src" / "bonelearn").rglob("*.yaml")) + sorted(
    (ROOT / "chapters").rglob("*.yaml"))


def test_the_fast_loader_is_used_where_pyyaml_has_it() -> None:
    assert SAFE_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_documents_as_the_pure_python_loader(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert yaml.load(text, Loader=SAFE_LOADER) == yaml.safe_load(text)


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("studies:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.yaml.*not valid YAML"):
        read_entries(bad, {"type": "object"}, "studies", "study")
