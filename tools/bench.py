"""Measure how fast the course builds, tests and responds on this machine.

Run through ``make bench``. It builds the book twice in a scratch output folder (a
clean build, then a no-change rebuild), times the nbval run, weighs every page with
everything it loads in Chromium, and calls the ``bench()`` functions of the models,
the pathway propagation and the widgets. The results are printed as a Markdown table
and written between the ``bench`` markers in README.md (``--no-readme`` to skip).
Nothing here is asserted: speed is reported, never tested.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
Row = tuple[str, str, str]  # (what, measured, target)


def _timed(cmd: list[str], **kwargs: object) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def bench_build(out: Path) -> list[Row]:
    cmd = [str(BIN / "jupyter-book"), "build", ".", "--path-output", str(out), "-W", "-n"]
    clean = _timed(cmd)
    rebuild = _timed(cmd)
    return [
        ("Clean book build (executes every notebook)", f"{clean:.1f} s", "—"),
        ("No-change rebuild", f"{rebuild:.1f} s", "—"),
    ]


def bench_nbval() -> list[Row]:
    cmd = [str(BIN / "python"), "-m", "pytest", "-q", "--nbval", "--nbval-current-env",
           "chapters", "-p", "no:cacheprovider"]
    return [("nbval over every chapter notebook", f"{_timed(cmd):.1f} s", "—")]


def _serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    sys.path.insert(0, str(ROOT))
    from tests.browser.conftest import _QuietHandler

    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def bench_pages(html: Path) -> list[Row]:
    """Weigh each page with everything it loads (bytes of every response, uncompressed)."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    server, base = _serve(html)
    pages = [p.relative_to(html) for p in html.rglob("*.html")  # not the redirect index.html
             if not {"_static", "_sources"} & set(p.relative_to(html).parts)
             and p != html / "index.html"]
    weights: dict[str, int] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for rel in pages:
            context = browser.new_context()  # no cache shared between pages
            page = context.new_page()
            sizes: list[int] = []
            # The local server sends Content-Length with every file it serves.
            page.on("response", lambda r, sizes=sizes: sizes.append(
                int(r.headers.get("content-length", "0"))))
            page.goto(f"{base}/{rel}", wait_until="networkidle")
            weights[str(rel)] = sum(sizes)
            context.close()
        browser.close()
    server.shutdown()
    heaviest = max(weights, key=weights.get)
    return [(f"Heaviest page with all it loads ({heaviest})",
             f"{weights[heaviest] / 1024:.0f} KiB", "—")]


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
    lines = [f"Measured {time.strftime('%Y-%m-%d')} on {machine}.", "",
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
            rows += bench_build(Path(tmp))
            rows += bench_pages(Path(tmp) / "_build" / "html")
        rows += bench_nbval()
    rows += bench_science()
    rows += bench_widgets()
    text = table(rows)
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
