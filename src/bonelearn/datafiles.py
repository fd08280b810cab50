"""Read a YAML data file and validate it against its JSON Schema, naming the entry at fault.

Shared by the pathway knowledge base and the evidence base: both keep their entries as a
list under one top-level key, each entry with an ``id``. Any problem raises
:class:`~bonelearn.errors.DataFileError` with the file, the entry (``study 'freedom'``,
``drug #3``) and the field.

``write_atomic`` is the other half: every file bonelearn exports (quiz banks, the evidence
base) is written to a temporary file in the target folder and renamed over the target, so
a failure never leaves a broken or empty file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from bonelearn.errors import DataFileError

# libyaml's safe loader when PyYAML was built with it (its wheels are): the same documents
# as yaml.SafeLoader, about six times faster on the evidence base, which every notebook
# that shows a study table reads.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_entries(path: Path, schema: Mapping[str, Any], section: str,
                 singular: str) -> list[dict[str, Any]]:
    """The entries under ``section`` of the YAML file at ``path``, validated by ``schema``."""
    if not path.is_file():
        raise DataFileError(path, None, "file not found")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8, or bytes) to ``path`` all at once, or not at all.

    The data goes to a temporary file in the same folder, which is then renamed over
    ``path``. If anything fails (encoding, a full disk, the rename), the temporary file
    is removed, the exception propagates and ``path`` is as it was. The file gets the
    usual permissions (``0o666`` less the umask), not the private ones of a temporary file.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path
