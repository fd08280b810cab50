"""Render the built HTML book as one PDF (``make pdf``).

Why this way: Jupyter Book 1's ``pdfhtml`` builder needs pyppeteer, which downloads its
own Chromium (impossible here), and its LaTeX route would need a TeX installation and
would drop the widgets. Instead this script serves ``_build/html`` on loopback, opens every
page in ``_toc.yml`` order in Debian's Chromium through Playwright, prints it with the
print style sheets (``@media print`` in ``widgets/css`` and ``widgets/book``: widgets print
their default state as a figure and table, quizzes print their questions with the answers),
and joins the pages with pypdf behind a title page and a contents page. A second, tiny
rendering stamps a running head (version and chapter) and the page number on every page,
so the printed numbers run through the whole book and match the contents.

    .venv/bin/python tools/build_pdf.py [--book _build/html] [--out _build/pdf/bonelearn.pdf]
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import io
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from bonelearn import __version__
from bonelearn.widgets.bench import CHROMIUM, CHROMIUM_ARGS  # shared with make bench

ROOT = Path(__file__).resolve().parents[1]

PAPER = {"format": "A4"}
MARGIN = {"top": "20mm", "bottom": "20mm", "left": "16mm", "right": "16mm"}
PAGE_HEIGHT_MM = 297
PAGE_WIDTH_MM = 210


@dataclass
class Entry:
    """One page of the book in ``_toc.yml`` order."""

    docname: str  # e.g. chapters/wnt/wnt
    part: str | None  # the part caption (None for the landing page)
    title: str = ""
    pages: int = 0
    first_page: int = 0  # 1-based page number in the final PDF


def toc_entries(root: Path) -> list[Entry]:
    """The root page and every chapter of ``_toc.yml``, in order, with their part."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    entries = [Entry(toc["root"], None)]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            entries.append(Entry(chapter["file"], part.get("caption")))
    return entries


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


# Before printing: load every image, wait for MathJax, and unlink links to other pages of
# the book (they would point at the loopback server); links within a page and to the
# web stay.
PREPARE = """async () => {
  for (const img of document.querySelectorAll('img[loading="lazy"]')) img.loading = 'eager';
  await Promise.all(Array.from(document.images).map(img => img.complete ? null :
    new Promise(done => { img.onload = img.onerror = done; })));
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const here = location.origin + location.pathname;
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.href, location.href);
    if (url.origin === location.origin && url.origin + url.pathname !== here) {
      a.removeAttribute('href');
    }
  }
  const h1 = document.querySelector('main h1, article h1, h1');
  if (!h1) return document.title;
  const copy = h1.cloneNode(true);
  for (const link of copy.querySelectorAll('.headerlink')) link.remove();
  return copy.textContent.trim();
}"""


def front_matter_html(title: str, release: str, entries: list[Entry], offset: int) -> str:
    """Title page and contents; ``offset`` is the number of front-matter pages."""
    rows = []
    part = object()
    for entry in entries:
        if entry.part != part and entry.part:
            rows.append(f'<li class="part">{html.escape(entry.part)}</li>')
        part = entry.part
        number = entry.first_page + offset
        rows.append(f'<li class="entry"><span>{html.escape(entry.title)}</span>'
                    f'<span class="dots"></span><span>{number}</span></li>')
    today = date.today().isoformat()
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)}</title><style>
body {{ font-family: system-ui, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; }}
.title-page {{ height: 240mm; display: flex; flex-direction: column; justify-content: center;
  break-after: page; }}
.title-page h1 {{ font-size: 30pt; margin: 0 0 8mm; line-height: 1.15; }}
.title-page p {{ font-size: 12pt; margin: 2mm 0; }}
.title-page .small {{ font-size: 10pt; color: #444; margin-top: 10mm; }}
h2 {{ font-size: 20pt; }}
ul.contents {{ list-style: none; padding: 0; font-size: 11.5pt; }}
ul.contents li.part {{ font-weight: 700; margin: 5mm 0 1mm; }}
ul.contents li.entry {{ display: flex; gap: 2mm; margin: 1mm 0 1mm 5mm; }}
ul.contents .dots {{ flex: 1; border-bottom: 1px dotted #888; margin-bottom: 1.2mm; }}
</style></head><body>
<section class="title-page">
<h1>{html.escape(title)}</h1>
<p>Version {html.escape(release)}, printed {today}</p>
<p>Based on Soós B, Szentpétery Á, Raterman HG, Lems WF, Bhattoa HP, Szekanecz Z.
<em>Nat Rev Rheumatol</em> 2022;18(5):249-257, doi:10.1038/s41584-022-00764-w.</p>
<p class="small">An open course. Code: MIT licence; text, questions and data: CC BY 4.0.
Educational resource, not medical advice. This printed edition shows each interactive
tool in its default state, each exercise with its solution and each quiz with its
answers; the online book runs the tools and quizzes.</p>
</section>
<h2>Contents</h2>
<ul class="contents">{"".join(rows)}</ul>
</body></html>"""


def stamp_html(heads: list[tuple[str, int]]) -> str:
    """One A4 page per printed page: a running head and the page number, nothing else."""
    pages = "".join(
        f'<div class="page"><div class="head">{html.escape(head)}</div>'
        f'<div class="number">{number}</div></div>' if head is not None else
        '<div class="page"></div>'
        for head, number in heads)
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 0; }}
html, body {{ margin: 0; padding: 0; }}
body {{ font-family: system-ui, "Segoe UI", Roboto, sans-serif; font-size: 8.5pt;
  color: #555; }}
.page {{ position: relative; width: {PAGE_WIDTH_MM}mm; height: {PAGE_HEIGHT_MM}mm;
  overflow: hidden; break-after: page; }}
.page:last-child {{ break-after: auto; }}
.head {{ position: absolute; top: 9mm; left: 16mm; right: 16mm; text-align: right;
  border-bottom: 0.3pt solid #aaa; padding-bottom: 1mm; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }}
.number {{ position: absolute; bottom: 9mm; left: 0; right: 0; text-align: center; }}
</style></head><body>{pages}</body></html>"""


def render(page, html_text: str, **pdf_args) -> bytes:
    page.set_content(html_text, wait_until="load")
    return page.pdf(**PAPER, print_background=True, **pdf_args)


def build(book: Path, out: Path, root: Path = ROOT, quiet: bool = False) -> Path:
    """Render ``book`` (a built ``_build/html``) to ``out``; return ``out``."""
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    if not (book / "index.html").is_file():
        raise SystemExit(f"no built book at {book}: run `make book` first")
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: run tools/ensure-chromium.sh")
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    title = config.get("title", "bonelearn")
    release = __version__
    entries = toc_entries(root)
    chapters: list[bytes] = []
    started = time.perf_counter()
    with serve(book) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1000, "height": 1400})
        page = context.new_page()
        page.emulate_media(media="print")
        for entry in entries:
            path = book / f"{entry.docname}.html"
            if not path.is_file():
                raise SystemExit(f"{path} is missing: rebuild the book (`make book`)")
            page.goto(f"{base}/{entry.docname}.html", wait_until="load")
            entry.title = page.evaluate(PREPARE)
            data = page.pdf(**PAPER, margin=MARGIN, print_background=True, outline=False)
            chapters.append(data)
            entry.pages = len(PdfReader(io.BytesIO(data)).pages)
            if not quiet:
                print(f"  {entry.docname}: {entry.pages} pages", flush=True)
        # Chapter page numbers within the body, then the front matter until its length
        # (which the numbers cannot change by more than a line) is stable.
        running = 1
        for entry in entries:
            entry.first_page, running = running, running + entry.pages
        offset = 0
        for _ in range(3):
            front = render(page, front_matter_html(title, release, entries, offset),
                           margin=MARGIN)
            front_pages = len(PdfReader(io.BytesIO(front)).pages)
            if front_pages == offset:
                break
            offset = front_pages
        heads: list[tuple[str | None, int]] = [(None, 0)] + [
            (f"{title} · {release}", n) for n in range(2, offset + 1)]
        for entry in entries:
            heads += [(f"{entry.title} · {release}", entry.first_page + offset + i)
                      for i in range(entry.pages)]
        stamps = render(page, stamp_html(heads), margin={"top": "0", "bottom": "0",
                                                         "left": "0", "right": "0"})
        browser.close()

    writer = PdfWriter()
    for data in [front, *chapters]:
        writer.append(PdfReader(io.BytesIO(data)))
    stamp_pages = PdfReader(io.BytesIO(stamps)).pages
    if len(stamp_pages) != len(writer.pages):
        raise SystemExit(f"page stamps ({len(stamp_pages)}) do not match the book "
                         f"({len(writer.pages)} pages)")
    for book_page, stamp in zip(writer.pages, stamp_pages, strict=True):
        book_page.merge_page(stamp)
    writer.add_outline_item(title="Contents", page_number=1 if offset > 1 else 0)
    part_items: dict[str, object] = {}
    for entry in entries:
        parent = None
        start = entry.first_page + offset - 1  # 0-based index of the entry's first page
        if entry.part:
            if entry.part not in part_items:
                part_items[entry.part] = writer.add_outline_item(title=entry.part,
                                                                 page_number=start)
            parent = part_items[entry.part]
        writer.add_outline_item(title=entry.title, page_number=start, parent=parent)
    writer.add_metadata({"/Title": f"{title} (version {release})",
                         "/Author": config.get("author", ""),
                         "/Subject": "Inflammation, targeted therapies and bone",
                         "/Creator": "bonelearn tools/build_pdf.py (Chromium, pypdf)"})
    writer._root_object[NameObject("/PageMode")] = NameObject("/UseOutlines")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".pdf.tmp")
    with tmp.open("wb") as handle:
        writer.write(handle)
    tmp.replace(out)
    if not quiet:
        seconds = time.perf_counter() - started
        print(f"Wrote {out} ({len(writer.pages)} pages, {len(entries)} book pages, "
              f"{seconds:.1f} s)")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--book", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf" / "bonelearn.pdf")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    build(args.book, args.out, quiet=args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
