"""Measure how fast the course builds, tests and responds on this machine.

Run through ``make bench``. It copies the project to a scratch folder and builds the
book there: a clean build, a no-change rebuild, a rebuild after editing one chapter's
prose and one after editing its code (each as a share of the clean build, with the
number of notebooks executed). It weighs every page with everything it loads in
Chromium (uncompressed, and gzip-compressed as a web server would send it) and reports
the heaviest page by each measure, times the first contentful paint of those pages
and of the landing page on emulated slow 4G with a
4x slower CPU (served gzip-compressed, as GitHub Pages does), times nbval over every
notebook, and calls the ``bench()`` functions of the models, the pathway propagation
and the widgets. Each figure is printed with its target (issue 15 and the widgets') as
a Markdown table, written between the ``bench`` markers in README.md (``--no-readme``
to skip).
Nothing here is asserted: speed is reported, never tested.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
Row = tuple[str, str, str]  # (what, measured, target)

# Targets of issue 15 (reported, never asserted).
TARGET_BUILD_S = 120
TARGET_NBVAL_S = 60
TARGET_MB = 1.0
TARGET_GZIP_KB = 300
TARGET_FCP_S = 2.5
#: Chrome DevTools' "Slow 4G" preset (its former "Fast 3G"): 1.6 Mbit/s down and
#: 750 kbit/s up at 90 %, 150 ms latency times 3.75; bytes per second for CDP.
SLOW_4G = {"offline": False, "latency": 562.5,
           "downloadThroughput": 1.6e6 * 0.9 / 8, "uploadThroughput": 750e3 * 0.9 / 8}
CPU_SLOWDOWN = 4
#: What the bench server compresses (fonts and PNGs are compressed already).
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".txt", ".map"}


def _timed(cmd: list[str], cwd: Path = ROOT, **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def copy_sources(dest: Path) -> Path:
    """Copy the project's files (tracked and new, not ignored) to ``dest`` for editing."""
    dest.mkdir(parents=True, exist_ok=True)
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, check=True, capture_output=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")  # MathJax, for the maths
    return dest


def _edit_notebook(path: Path, cell_type: str, text: str) -> None:
    """Append ``text`` to the last cell of ``cell_type`` in a notebook."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = [c for c in notebook["cells"] if c["cell_type"] == cell_type][-1]
    source = cell["source"]
    cell["source"] = (source if isinstance(source, str) else "".join(source)) + text
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _executions_since(book: Path, since: datetime) -> int:
    """How many notebooks the build cached (executed) after ``since`` (UTC)."""
    from jupyter_cache import get_cache

    records = get_cache(str(book / "_build" / ".jupyter_cache")).list_cache_records()
    return sum(1 for r in records if r.created.replace(tzinfo=UTC) > since)


def _ratio(seconds: float, clean: float, executed: int) -> str:
    return f"{seconds:.1f} s = {seconds / clean:.2f} of the clean build; {executed} executed"


def _with_figure_cache(folder: Path) -> dict[str, str]:
    """This process's environment with ``folder`` as the figures' cache."""
    from bonelearn.figures.cache import ENV

    return {**os.environ, ENV: str(folder)}


def bench_build(book: Path, figure_cache: Path) -> list[Row]:
    """Clean build, then rebuilds: no change, one chapter's prose, one chapter's code
    (``figure_cache``: the figures' cache folder, empty for the clean build)."""
    cmd = [str(BIN / "jupyter-book"), "build", str(book), "-W", "-n"]
    timed = functools.partial(_timed, env=_with_figure_cache(figure_cache))
    clean = timed(cmd)
    since = datetime.now(UTC)
    rebuild = timed(cmd)
    rebuild_runs = _executions_since(book, since)
    chapter = next(book.glob("chapters/*/*.ipynb"))
    if (book / "chapters" / "remodelling" / "remodelling.ipynb").is_file():
        chapter = book / "chapters" / "remodelling" / "remodelling.ipynb"
    since = datetime.now(UTC)
    _edit_notebook(chapter, "markdown", "\n\nA sentence added by make bench.")
    prose = timed(cmd)
    prose_runs = _executions_since(book, since)
    since = datetime.now(UTC)
    _edit_notebook(chapter, "code", "\n# a comment added by make bench")
    code = timed(cmd)
    code_runs = _executions_since(book, since)
    notebooks = len(list(book.glob("chapters/*/*.ipynb")))
    pages = len([p for p in (book / "_build" / "html").rglob("*.html")
                 if not {"_static", "_sources"} & set(p.parts)]) - 1  # less the redirect
    name = chapter.parent.name
    return [
        (f"Clean book build ({pages} pages, {notebooks} executed notebooks, "
         f"{os.cpu_count()} in parallel)", f"{clean:.1f} s", f"≤ {TARGET_BUILD_S} s"),
        ("Rebuild, no change", _ratio(rebuild, clean, rebuild_runs), "0 executed"),
        (f"Rebuild after editing one chapter's prose ({name})", _ratio(prose, clean, prose_runs),
         "0 executed"),
        (f"Rebuild after editing one chapter's code ({name})", _ratio(code, clean, code_runs),
         "1 executed (that chapter)"),
    ]


def bench_nbval(figure_cache: Path, cache_note: str) -> list[Row]:
    """nbval over every notebook with ``figure_cache`` as the figures' cache folder
    (``cache_note`` says what it holds): wall time and processor time."""
    cmd = [str(BIN / "python"), "-m", "pytest", "-q", "-n", "auto", "--dist", "loadfile",
           "--nbval", "--nbval-current-env", "-p", "tests.nbval_kernels", "chapters", "notebooks",
           "-p", "no:cacheprovider"]
    count = len(list(ROOT.glob("chapters/*/*.ipynb"))) + len(list(ROOT.glob("notebooks/*.ipynb")))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _timed(cmd, env=_with_figure_cache(figure_cache))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Processor time of pytest, its workers and every kernel (all are waited for): unlike
    # the wall time, it hardly changes when other work shares the machine.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return [(f"nbval over every notebook ({count}: chapters and reader notebooks, "
             f"{os.cpu_count()} workers; {cache_note})", f"{wall:.1f} s", f"≤ {TARGET_NBVAL_S} s"),
            (f"nbval: processor time of pytest and every kernel (user + system; {cache_note})",
             f"{cpu:.1f} s", "—")]


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the browser accepts it, as GitHub Pages does."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or path.suffix not in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _weigh(browser: object, base: str, rel: str) -> tuple[int, int]:
    """Bytes of everything ``rel`` loads: uncompressed, and as gzip would send them."""
    context = browser.new_context()  # type: ignore[attr-defined]  # no shared cache
    page = context.new_page()
    bodies: list[tuple[str, bytes]] = []

    def record(response: object) -> None:
        # A response without a body (a redirect) weighs nothing.
        with contextlib.suppress(Exception):
            bodies.append((response.url, response.body()))  # type: ignore[attr-defined]

    page.on("response", record)
    page.goto(f"{base}/{rel}", wait_until="networkidle")
    context.close()
    raw = sum(len(body) for _, body in bodies)
    packed = sum(min(len(body), len(gzip.compress(body, 6))) for _, body in bodies)
    return raw, packed


def first_contentful_paint(browser: object, url: str, runs: int = 3) -> float:
    """Median first contentful paint (s) on emulated slow 4G with the CPU slowed 4x."""
    times = []
    for _ in range(runs):
        context = browser.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=120_000)
        fcp = page.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1")
        context.close()
        if fcp < 0:
            raise RuntimeError(f"no first contentful paint recorded for {url}")
        times.append(fcp / 1000)
    return statistics.median(times)


def bench_pages(html: Path) -> list[Row]:
    """Weigh every page with all it loads; time the first paint of the heaviest and landing."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from bonelearn.widgets.bench import CHROMIUM, CHROMIUM_ARGS

    server, base = _serve(html)
    pages = sorted(str(p.relative_to(html)) for p in html.rglob("*.html")
                   if not {"_static", "_sources"} & set(p.relative_to(html).parts)
                   and p != html / "index.html")  # not the redirect index.html
    landing = _landing_page(html)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        weights = {rel: _weigh(browser, base, rel) for rel in pages}
        timed = {*heaviest_pages(weights), landing}
        fcp = {rel: first_contentful_paint(browser, f"{base}/{rel}") for rel in sorted(timed)}
        browser.close()
    server.shutdown()
    return page_rows(weights, fcp, landing)


def heaviest_pages(weights: dict[str, tuple[int, int]]) -> tuple[str, str]:
    """The heaviest page uncompressed and the heaviest gzip-compressed (maybe the same)."""
    return (max(weights, key=lambda rel: (weights[rel][0], rel)),
            max(weights, key=lambda rel: (weights[rel][1], rel)))


def page_rows(weights: dict[str, tuple[int, int]], fcp: dict[str, float],
              landing: str) -> list[Row]:
    """The weight rows: the maximum over all pages of each measure (each with its page, so
    that neither can hide behind the other), the first paint of those pages, and the
    landing page's weight and first paint."""
    by_raw, by_gzip = heaviest_pages(weights)
    rows: list[Row] = [
        (f"Heaviest page with all it loads, uncompressed ({by_raw})",
         f"{weights[by_raw][0] / 1e6:.2f} MB", f"≤ {TARGET_MB:.1f} MB"),
        (f"Heaviest page with all it loads, gzip-compressed ({by_gzip})",
         f"{weights[by_gzip][1] / 1e3:.0f} kB", f"≤ {TARGET_GZIP_KB} kB"),
    ]
    for rel in dict.fromkeys((by_raw, by_gzip)):
        rows.append((f"Heaviest page: first contentful paint, slow 4G and 4x slower CPU ({rel})",
                     f"{fcp[rel]:.2f} s", f"≤ {TARGET_FCP_S} s"))
    raw, packed = weights[landing]
    rows += [
        (f"Landing page with all it loads, uncompressed ({landing})", f"{raw / 1e6:.2f} MB", "—"),
        (f"Landing page with all it loads, gzip-compressed ({landing})", f"{packed / 1e3:.0f} kB",
         "—"),
        (f"Landing page: first contentful paint, slow 4G and 4x slower CPU ({landing})",
         f"{fcp[landing]:.2f} s", f"≤ {TARGET_FCP_S} s"),
    ]
    return rows


def _landing_page(html: Path) -> str:
    """The page the root ``index.html`` redirects to."""
    target = re.search(r'url=([^"]+)"', (html / "index.html").read_text(encoding="utf-8"))
    return target.group(1) if target else "index.html"


def bench_science() -> list[Row]:
    from bonelearn.models.bench import bench as models_bench
    from bonelearn.pathways.bench import bench as pathways_bench

    rows: list[Row] = []
    for name, ms in models_bench().items():
        rows.append((f"10-year simulation: {name}", f"{ms:.2f} ms", "< 20 ms"))
    prop = pathways_bench()
    worst = max(prop, key=prop.get)
    rows.append((f"Propagation, slowest of {len(prop) - 1} drugs and none ({worst})",
                 f"{prop[worst]:.3f} ms", "< 5 ms"))
    return rows


def bench_widgets() -> list[Row]:
    from bonelearn.widgets.bench import bench as widgets_bench

    return [(name, value, target) for name, (value, target) in widgets_bench().items()]


def table(rows: list[Row]) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    load = os.getloadavg()[1]  # other work on the machine slows every timing
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {machine}; load average "
             f"{load:.1f} (5 min) when the table was written.", "",
             "| Measure | Result | Target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def write_readme(text: str) -> None:
    readme = ROOT / "README.md"
    pattern = re.compile(r"(<!-- bench:start -->\n).*?(\n<!-- bench:end -->)", re.S)
    readme.write_text(pattern.sub(lambda m: m.group(1) + text + m.group(2), readme.read_text()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-readme", action="store_true", help="do not update README.md")
    parser.add_argument("--skip-build", action="store_true", help="skip build, nbval and pages")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    if not args.skip_build:
        with tempfile.TemporaryDirectory(prefix="bonelearn-bench-") as tmp:
            # The clean build starts with an empty figure cache, so it encodes every figure.
            # nbval runs with the cache the build filled, as in `make test` (which builds
            # the book first), then with an empty one: the second run would gain from any
            # warming up, which can only narrow the difference between the two.
            figures = Path(tmp) / "figure-cache"
            book = copy_sources(Path(tmp) / "book")
            rows += bench_build(book, figures)
            rows += bench_pages(book / "_build" / "html")
            rows += bench_nbval(figures, "figures cached by the book build, as in make test")
            rows += bench_nbval(Path(tmp) / "empty-figure-cache", "empty figure cache")
    rows += bench_science()
    rows += bench_widgets()
    text = table(rows)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
