"""Every page of the built book: loads offline, logs no error, and passes axe-core."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import BOOK, ROOT, book_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# The theme's own known findings (sphinx-book-theme 1.3 / pydata-sphinx-theme 0.17),
# measured on an empty book, and docutils' citation list on the bibliography page.
# Each entry: (rule id, page glob or "*"), with the reason.
AXE_ALLOWLIST: dict[tuple[str, str], str] = {
    # The search and colour-mode buttons' visible text differs from their aria-label.
    ("label-content-name-mismatch", "*"): "theme header buttons (search, colour mode)",
    # Content outside landmarks: the theme's skip link and launch-button dropdowns.
    ("region", "*"): "theme layout",
    # docutils renders the bibliography as a <div role="list"> of citations whose
    # children are not listitems.
    ("aria-required-children", "references.html"): "docutils citation list",
    ("aria-required-children", "pages/references.html"): "docutils citation list",
}


def _allowed(rule: str, page: str) -> bool:
    return (rule, "*") in AXE_ALLOWLIST or (rule, page) in AXE_ALLOWLIST


PAGES = book_pages() if BOOK.is_dir() else []


def test_book_has_pages() -> None:
    assert PAGES, "no pages in the built book: run `make book` first"
    assert "pages/index.html" in PAGES
    assert any(p.startswith("chapters/") for p in PAGES)


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_without_errors(page, book_url: str, path: str) -> None:
    response = page.goto(f"{book_url}/{path}", wait_until="load")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    page.wait_for_timeout(300)  # let deferred scripts run and log
    assert page.log.external_requests(book_url) == [], f"{path} asked the network"
    assert page.log.page_errors == [], f"{path}: uncaught script errors"
    assert page.log.console_errors == [], f"{path}: console errors"


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_axe_violation(page, book_url: str, path: str) -> None:
    page.goto(f"{book_url}/{path}", wait_until="load")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document)")
    serious = [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical") and not _allowed(v["id"], path)
    ]
    assert serious == [], f"{path}: {json.dumps(serious, indent=1)}"


def test_images_have_alt_text(page, book_url: str) -> None:
    missing = []
    for path in PAGES:
        page.goto(f"{book_url}/{path}", wait_until="load")
        for img in page.query_selector_all("main img"):
            alt = (img.get_attribute("alt") or "").strip()
            if not alt or alt.endswith((".png", ".svg", ".jpg")):
                missing.append(f"{path}: {img.get_attribute('src')[:60]!r} alt={alt!r}")
    assert missing == []


def test_root_redirects_to_first_page(page, book_url: str) -> None:
    page.goto(f"{book_url}/index.html", wait_until="load")
    page.wait_for_url("**/pages/index.html")
    assert "Inflammation, targeted therapies and bone" in page.title()


def test_relative_asset_paths_exist() -> None:
    """Every local script and stylesheet a page names exists in the build (offline use)."""
    import re

    missing = set()
    for path in PAGES:
        text = (BOOK / path).read_text(encoding="utf-8")
        for ref in re.findall(r'(?:src|href)="([^"#?]+\.(?:js|css))', text):
            if "://" in ref:
                continue
            if not (BOOK / Path(path).parent / ref).resolve().is_file():
                missing.add(f"{path}: {ref}")
    assert sorted(missing) == []


@pytest.mark.parametrize("path", PAGES)
def test_page_carries_no_dead_ipywidgets_state(path: str) -> None:
    """Widgets render their own static front end; myst-nb's state and loaders are dropped."""
    import re

    text = (BOOK / path).read_text(encoding="utf-8")
    scripts = "\n".join(re.findall(r"<script\b[^>]*>.*?</script>", text, flags=re.S))
    # (The theme's inert <script type="text/x-thebe-config"> block may stay: it never runs.)
    for leftover in ("application/vnd.jupyter.widget-state+json", "embed-amd", "require.min.js",
                     "require.js", "sphinx-thebe", "THEBE_JS_URL"):
        assert leftover not in scripts, f"{path} still carries {leftover!r}"


def test_every_reference_shows_its_identifier_as_a_link(page, book_url: str) -> None:
    """Each entry of the references page links its DOI, its PubMed record, or (for a
    regulatory document, which has neither) its official address."""
    from bonelearn.bibliography import read_bib

    entries = {e.key: e for e in read_bib(ROOT / "references.bib")}
    page.goto(f"{book_url}/pages/references.html", wait_until="load")
    shown = page.eval_on_selector_all(
        "div.citation, .citation",
        "els => els.map(e => ({id: e.id, links: [...e.querySelectorAll('a')].map(a => a.href)}))")
    assert len(shown) == len(entries)
    from urllib.parse import urlsplit

    from bonelearn.checks.content import REGULATOR_HOSTS

    def official(url: str) -> bool:
        host = urlsplit(url).hostname or ""
        return any(host == h or host.endswith("." + h) for h in REGULATOR_HOSTS)

    for item in shown:
        links = " ".join(item["links"])
        assert ("doi.org/" in links or "pubmed.ncbi.nlm.nih.gov/" in links
                or any(official(u) for u in item["links"])), item
    # An entry with only a PMID (no DOI) links PubMed.
    pmid_only = [e for e in entries.values() if e.fields.get("pmid") and not e.fields.get("doi")]
    for e in pmid_only:
        href = f"https://pubmed.ncbi.nlm.nih.gov/{e.fields['pmid']}/"
        assert page.locator(f"a[href='{href}']").count(), e.key
