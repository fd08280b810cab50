"""Read a YAML data file and validate it against its JSON Schema, naming the entry at fault.

Shared by the pathway knowledge base and the evidence base: both keep their entries as a
list under one top-level key, each entry with an ``id``. Any problem raises
:class:`~bonelearn.errors.DataFileError` with the file, the entry (``study 'freedom'``,
``drug #3``) and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from bonelearn.errors import DataFileError


def read_entries(path: Path, schema: Mapping[str, Any], section: str,
                 singular: str) -> list[dict[str, Any]]:
    """The entries under ``section`` of the YAML file at ``path``, validated by ``schema``."""
    if not path.is_file():
        raise DataFileError(path, None, "file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise DataFileError(path, None, f"not valid YAML: {exc}") from None
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        err = errors[0]
        where = list(err.absolute_path)
        item = None
        if len(where) >= 2 and where[0] == section and isinstance(where[1], int):
            entry = data[section][where[1]]
            ident = entry.get("id") if isinstance(entry, Mapping) else None
            item = f"{singular} {ident!r}" if ident else f"{singular} #{where[1] + 1}"
            where = where[2:]
        field = ".".join(str(p) for p in where)
        raise DataFileError(path, item, f"{field + ': ' if field else ''}{err.message}")
    return list(data[section])
