"""Short references for the explorer's details panel."""

from __future__ import annotations

from bonelearn.bibliography import find_bibliography, short_reference
from bonelearn.widgets.citations import references


def test_short_reference_forms():
    one = {"author": "Lacey, D. L.", "year": "1998", "journal": "Cell", "doi": "10.1/x"}
    assert short_reference(one) == "Lacey 1998, Cell. doi:10.1/x"
    two = {**one, "author": "Lacey, D. L. and Boyle, W. J."}
    assert short_reference(two).startswith("Lacey and Boyle 1998")
    many = {**one, "author": "A, B and C, D and E, F"}
    assert short_reference(many).startswith("A et al. 1998")
    truncated = {**one, "author": "Tang, Y. and others", "doi": "", "pmid": "123"}
    assert short_reference(truncated) == "Tang et al. 1998, Cell. PMID 123"


def test_references_resolve_accents_and_fall_back_to_the_key():
    refs = references(["soos2022effects", "no-such-key"], bib=find_bibliography())
    assert refs["soos2022effects"].startswith("Soós et al. 2022")
    assert "doi:10.1038/s41584-022-00764-w" in refs["soos2022effects"]
    assert refs["no-such-key"] == "no-such-key"


def test_brief_reference_is_author_and_year_only() -> None:
    refs = references(["soos2022effects"], bib=find_bibliography(), brief=True)
    assert refs == {"soos2022effects": "Soós et al. 2022"}
