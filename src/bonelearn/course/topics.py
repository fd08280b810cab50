"""The source review's topics and the chapters that teach them (``seeds/topic-map.yaml``).

Each therapy topic names a canonical drug-class id (``drug:``) and the chapter that
teaches it (``chapter:``); :func:`drug_chapters` reads that map, so a page that links the
drug classes to their chapters follows the map when a class gets its own chapter.
"""

from __future__ import annotations

from pathlib import Path

from bonelearn.course.root import read_yaml
from bonelearn.errors import DataFileError

TOPIC_MAP = Path("seeds") / "topic-map.yaml"


def drug_chapters(root: Path) -> dict[str, str]:
    """Drug-class id → chapter id, from the therapy topics of ``seeds/topic-map.yaml``.

    A class named by two topics with different chapters raises
    :class:`~bonelearn.errors.DataFileError` naming the file and the topic.
    """
    path = root / TOPIC_MAP
    data = read_yaml(path) or {}
    found: dict[str, str] = {}
    for topic in data.get("topics") or []:
        drug, chapter = topic.get("drug"), topic.get("chapter")
        if not drug:
            continue
        if not chapter:
            raise DataFileError(path, f"topic {topic.get('id')!r}",
                                "a therapy topic needs a chapter")
        if found.get(drug, chapter) != chapter:
            raise DataFileError(path, f"topic {topic.get('id')!r}",
                                f"drug {drug!r} is already mapped to chapter {found[drug]!r}")
        found[drug] = chapter
    return found
