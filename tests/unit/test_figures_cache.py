"""The figure cache: a figure drawn again is not rasterised again, and a cache that is
missing, off, unwritable or damaged changes nothing a reader sees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bonelearn import figures
from bonelearn.figures import cache, renderings, show

ALT = "A line rising then falling, with a dense coloured grid"


def figure(seed: int = 0) -> plt.Figure:
    """A figure whose raster wins (the dense grid) so the cached pair is what is shown."""
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.pcolormesh(np.random.default_rng(seed).random((30, 40)))
    ax.plot([0, 20, 40], [0, 30, 0])
    return fig


@pytest.fixture(autouse=True)
def _close_figures():  # type: ignore[no-untyped-def]
    yield
    plt.close("all")


@pytest.fixture
def rasterised(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the figures drawn as rasters (each call is a cache miss)."""
    calls: list[int] = []
    draw = figures._palette_image

    def counted(fig: plt.Figure, dpi: int):  # type: ignore[no-untyped-def]
        calls.append(dpi)
        return draw(fig, dpi)

    monkeypatch.setattr(figures, "_palette_image", counted)
    return calls


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "figures"))
    return tmp_path / "figures"


def _bundle(fig: plt.Figure) -> dict:
    return show(fig, ALT, "caption")._repr_mimebundle_()[0]


def test_the_same_figure_again_is_read_from_the_cache_and_shown_the_same(
        folder: Path, rasterised: list[int]) -> None:
    first = _bundle(figure())
    assert len(rasterised) == 1
    assert sorted(p.suffix for p in folder.iterdir()) == [".png", ".svg", ".webp"]
    second = _bundle(figure())
    assert len(rasterised) == 1, "drawn once"
    assert second == first
    assert "data:image/webp;base64," in first["text/html"]


def test_a_different_figure_or_resolution_is_drawn_anew(folder: Path,
                                                        rasterised: list[int]) -> None:
    renderings(figure(0), 110)
    renderings(figure(1), 110)
    renderings(figure(0), 96)
    assert len(rasterised) == 3
    assert len(list(folder.iterdir())) == 9


@pytest.mark.parametrize("trimmed", [False, True])
def test_the_svg_and_so_the_key_are_the_same_in_another_process(trimmed: bool) -> None:
    code = ("import matplotlib; matplotlib.use('Agg')\n"
            "from tests.unit.test_figures_cache import figure\n"
            "from bonelearn.figures import _svg_source\n"
            f"import sys; sys.stdout.write(_svg_source(figure(), trimmed={trimmed}))")
    root = Path(__file__).resolve().parents[2]
    runs = [subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                           text=True, check=True).stdout for _ in range(2)]
    assert runs[0] == runs[1] == figures._svg_source(figure(), trimmed=trimmed)
    assert 'clip-path="url(#' in runs[0], "the ids a random salt would change are there"


def test_cache_off_reads_and_writes_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            rasterised: list[int]) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _bundle(figure())
    _bundle(figure())
    assert len(rasterised) == 2
    assert list(tmp_path.iterdir()) == []


def test_default_folder_is_under_the_user_cache(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "bonelearn" / "figures"


def test_an_unwritable_folder_still_shows_the_figure(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV, str(blocker / "figures"))
    assert "data:image/webp;base64," in _bundle(figure())["text/html"]
    assert blocker.read_text() == "not a folder"


def test_every_encoding_read_back_is_the_one_drawn(folder: Path, rasterised: list[int]) -> None:
    """A line plot (its SVG is the smallest) and the dense figure, each drawn and then
    read back: the same bytes, data URIs and display sizes."""

    def line() -> plt.Figure:
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1, 2], [2, 0, 1], label="a line")
        ax.legend()
        return fig

    for make in (line, figure):
        assert renderings(make(), 110) == renderings(make(), 110)
    assert len(rasterised) == 2, "each drawn once, then read back"
    assert "<svg" in show(line(), ALT)._repr_mimebundle_()[0]["image/svg+xml"]


@pytest.mark.parametrize("damage", ["not an image", "damaged pixels", "missing webp",
                                    "sizes differ", "svg without its size", "svg cut short"])
def test_a_damaged_entry_is_drawn_again_and_replaced(folder: Path, rasterised: list[int],
                                                     damage: str) -> None:
    first = _bundle(figure())
    png, webp, _ = (next(folder.glob(f"*{suffix}")) for suffix in cache.SUFFIXES)
    if damage == "not an image":
        png.write_bytes(b"\x89PNG but cut short")
    elif damage == "damaged pixels":  # the header intact, the compressed pixels not
        data = bytearray(png.read_bytes())
        middle = len(data) // 2
        data[middle:middle + 64] = bytes(64)
        png.write_bytes(bytes(data))
    elif damage == "svg cut short":
        svg = png.with_suffix(".svg")
        svg.write_text(svg.read_text()[:-200])
    elif damage == "missing webp":
        webp.unlink()
    elif damage == "sizes differ":
        png.write_bytes(figures._encoded(figures._palette_image(figure(), 50), "image/png").data)
        rasterised.pop()
    else:
        svg = png.with_suffix(".svg")
        svg.write_text(svg.read_text().replace('width="', 'w="'))
    again = _bundle(figure())
    assert again == first
    assert len(rasterised) == 2, "the damaged entry was not used"
    assert figures._cached(png.stem, 110) is not None, "and it was written afresh"


def test_no_temporary_files_are_left(folder: Path) -> None:
    for seed in range(3):
        renderings(figure(seed), 110)
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_matplotlib_settings_are_part_of_the_key(folder: Path, rasterised: list[int]) -> None:
    """The trim's padding changes the trimmed SVG and the pixels, not the untrimmed SVG."""
    first = renderings(figure(), 110)
    with matplotlib.rc_context({"savefig.pad_inches": 0.8}):
        padded = renderings(figure(), 110)
    assert len(rasterised) == 2
    assert padded[0].width > first[0].width


def test_the_key_svg_is_untrimmed_even_where_a_style_trims() -> None:
    plain = figures._svg_source(figure(), trimmed=False)
    with matplotlib.rc_context({"savefig.bbox": "tight"}):
        assert figures._svg_source(figure(), trimmed=False) == plain


def test_the_encoders_code_is_part_of_the_key() -> None:
    import hashlib

    package = Path(figures.__file__).parent
    code = b"".join(p.read_bytes() for p in sorted(package.glob("*.py")))
    assert hashlib.sha256(code).hexdigest() in cache._fixed_inputs()


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def homeless() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(cache.ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(cache.Path, "home", staticmethod(homeless))
    assert cache.folder() is None
    assert "<figure" in _bundle(figure())["text/html"]


def test_only_the_most_recently_used_entries_are_kept(folder: Path) -> None:
    import os

    for seed in range(4):
        renderings(figure(seed), 110)
    entries = sorted(folder.glob("*.svg"), key=lambda p: p.stat().st_mtime)
    for age, entry in enumerate(entries):  # oldest first, a minute apart
        os.utime(entry, (1_000_000 + 60 * age, 1_000_000 + 60 * age))
    assert figures._cached(entries[0].stem, 110) is not None  # a hit: now the most recent
    leftover = folder / ".abc.png.tmp"
    leftover.write_bytes(b"from a stopped process")
    os.utime(leftover, (1_000_000, 1_000_000))
    cache.prune(folder, keep=2)
    kept = {p.stem for p in folder.glob("*.svg")}
    assert kept == {entries[0].stem, entries[3].stem}
    assert len(list(folder.iterdir())) == 6 and not leftover.exists()


def test_the_key_is_the_same_in_another_process() -> None:
    """Nothing process-specific (an address in a setting's repr, say) enters the key."""
    code = ("import matplotlib; matplotlib.use('Agg')\n"
            "from tests.unit.test_figures_cache import figure\n"
            "from bonelearn.figures import _svg_source, cache\n"
            "print(cache.key(_svg_source(figure(), trimmed=False), 110, 2))")
    root = Path(__file__).resolve().parents[2]
    keys = {subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                           text=True, check=True).stdout.strip() for _ in range(2)}
    assert len(keys) == 1 and len(keys.pop()) == 64
