"""Find the course on disk and read its table of contents and configuration.

The course root is the folder that holds ``_toc.yml``. Chapters are the ``_toc.yml``
entries of the form ``chapters/<id>/<id>``, in the order they appear there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bonelearn.errors import BonelearnError, DataFileError

TOC = "_toc.yml"
CONFIG = "_config.yml"
_CHAPTER_FILE = re.compile(r"^chapters/(?P<id>[^/]+)/(?P=id)(\.ipynb|\.md)?$")
_GITHUB = re.compile(r"^https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(\.git)?/?$")


class CourseNotFoundError(BonelearnError, FileNotFoundError):
    """No folder holding ``_toc.yml`` was found at or above the starting point."""


def find_course_root(start: str | Path | None = None) -> Path:
    """Return the nearest folder at or above ``start`` (default: cwd) that holds ``_toc.yml``."""
    here = Path(start if start is not None else Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / TOC).is_file():
            return folder
    raise CourseNotFoundError(
        f"no course found: neither {here} nor any folder above it holds {TOC} "
        "(run from inside the bonelearn repository, or pass --root)"
    )


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning parse errors into a DataFileError naming the file."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(path, None, f"invalid YAML: {exc}") from exc


def _toc_files(node: Any) -> list[str]:
    """All ``file`` entries of a _toc.yml tree, depth first, in document order."""
    found: list[str] = []
    if isinstance(node, dict):
        if isinstance(node.get("file"), str):
            found.append(node["file"])
        for key in ("parts", "chapters", "sections"):
            found.extend(_toc_files(node.get(key)))
    elif isinstance(node, list):
        for item in node:
            found.extend(_toc_files(item))
    return found


def toc_files(root: Path) -> list[str]:
    """Every page listed in ``_toc.yml`` (root first), as written there (no extension)."""
    data = read_yaml(root / TOC)
    if not isinstance(data, dict):
        raise DataFileError(root / TOC, None, "expected a mapping with 'root' and 'parts'")
    files = [data["root"]] if isinstance(data.get("root"), str) else []
    return files + _toc_files(data)


def chapter_ids(root: Path) -> list[str]:
    """Chapter ids in course order (the ``chapters/<id>/<id>`` entries of ``_toc.yml``)."""
    ids: list[str] = []
    for entry in toc_files(root):
        m = _CHAPTER_FILE.match(entry.strip().lstrip("./"))
        if m and m.group("id") not in ids:
            ids.append(m.group("id"))
    return ids


@dataclass(frozen=True)
class Repository:
    """Where the course is published and which launch services it uses."""

    url: str
    owner: str
    name: str
    branch: str
    path_to_book: str
    binderhub_url: str
    colab_url: str
    jupyterhub_url: str | None


def repository(root: Path) -> Repository:
    """Read ``repository`` and ``launch_buttons`` from ``_config.yml``."""
    path = root / CONFIG
    data = read_yaml(path) or {}
    repo = data.get("repository") or {}
    url = str(repo.get("url") or "").strip()
    m = _GITHUB.match(url)
    if not m:
        raise DataFileError(
            path, "repository.url", f"expected https://github.com/OWNER/REPO, got {url!r}"
        )
    launch = data.get("launch_buttons") or {}
    hub = launch.get("jupyterhub_url")
    return Repository(
        url=url.rstrip("/").removesuffix(".git"),
        owner=m.group("owner"),
        name=m.group("repo"),
        branch=str(repo.get("branch") or "main"),
        path_to_book=str(repo.get("path_to_book") or "").strip("/"),
        binderhub_url=str(launch.get("binderhub_url") or "https://mybinder.org").rstrip("/"),
        colab_url=str(launch.get("colab_url") or "https://colab.research.google.com").rstrip("/"),
        jupyterhub_url=str(hub).rstrip("/") if hub else None,
    )
