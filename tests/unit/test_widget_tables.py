"""Wide tables sit in a labelled, focusable region named after their caption."""

from __future__ import annotations

import pytest

from bonelearn.errors import ParameterError
from bonelearn.widgets import evidence_matrix, evidence_table, studies_table
from bonelearn.widgets.tables import REGION_CLASS, CaptionedTable, table_region

REGION = f'<div class="{REGION_CLASS}'


def test_region_is_labelled_focusable_and_scrolls() -> None:
    out = table_region('Doses <"as reported">', "<table></table>", "extra")
    assert out.startswith(f'<div class="{REGION_CLASS} extra" role="region" tabindex="0" ')
    assert 'aria-label="Doses &lt;&quot;as reported&quot;&gt;"' in out
    assert "overflow-x:auto" in out


def test_captioned_table_escapes_its_caption_and_keeps_the_body() -> None:
    body = "<thead><tr><th scope='col'>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody>"
    out = CaptionedTable("Regimens & <doses>", body)._repr_html_()
    assert out.startswith(REGION)
    assert "<caption>Regimens &amp; &lt;doses&gt;</caption>" in out
    assert 'aria-label="Regimens &amp; &lt;doses&gt;"' in out
    assert body in out


@pytest.mark.parametrize(("caption", "body", "needle"), [
    ("  ", "<tbody></tbody>", "caption"),
    ("A table", "<tr><td>1</td></tr>", "tbody"),
])
def test_captioned_table_refuses_bad_input(caption: str, body: str, needle: str) -> None:
    with pytest.raises(ParameterError, match=needle):
        CaptionedTable(caption, body)


def test_generated_evidence_tables_use_the_region() -> None:
    for table in (evidence_table(), evidence_matrix(), studies_table("tnf_inhibitor")):
        html = table.to_html()
        assert html.startswith(REGION), type(table).__name__
        assert 'role="region" tabindex="0"' in html and "<caption>" in html
