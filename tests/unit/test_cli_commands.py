"""The ``bonelearn`` command line: help at every level, exit codes, messages, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml

from bonelearn.cli import main
from tests.unit.test_course_tree import course_root  # noqa: F401


@pytest.fixture(autouse=True)
def _no_real_pathways(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep `check` on the fake tree independent of the real pathway knowledge base."""
    fake = types.ModuleType("bonelearn.pathways")
    fake.load_knowledge_base = lambda: None
    monkeypatch.setitem(sys.modules, "bonelearn.pathways", fake)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["assign", "--help"],
        ["quiz", "--help"],
        ["quiz", "export", "--help"],
        ["check", "--help"],
        ["chapters", "--help"],
    ],
)
def test_help_at_every_level(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0 and out.startswith("usage: bonelearn")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("bonelearn ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["assign", "alpha"], "the following arguments are required: --out"),
        (["assign", "--out", "x"], "the following arguments are required: CHAPTER"),
        (["quiz", "export", "--format", "pdf", "--out", "x"], "invalid choice: 'pdf'"),
        (["quiz"], "the following arguments are required: COMMAND"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2 and message in err and "Traceback" not in err


def test_chapters_lists_in_course_order(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
) -> None:
    code, out, _ = run(capsys, "--root", str(course_root), "chapters")
    lines = out.splitlines()
    assert code == 0
    assert lines[1].split()[:2] == ["beta", "30"] and lines[2].split()[:2] == ["alpha", "45"]
    assert "2 chapters, 75 minutes in total" in out


def test_assign_unknown_chapter(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    out_dir = tmp_path / "b"
    code, _, err = run(capsys, "--root", str(course_root), "assign", "gamma", "--out", str(out_dir))
    assert code == 2
    assert "unknown chapter 'gamma'; known chapters: alpha, beta" in err
    assert "Traceback" not in err and not out_dir.exists()


def test_assign_then_refuse_then_force(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    out_dir = tmp_path / "bundle"
    args = ["--root", str(course_root), "assign", "alpha", "--out", str(out_dir)]
    code, out, _ = run(capsys, *args)
    assert code == 0 and "wrote the bundle for alpha" in out
    stamp = (out_dir / "answer-key.md").stat().st_mtime_ns
    code, _, err = run(capsys, *args)
    assert code == 1 and "not empty" in err and "--force" in err
    assert (out_dir / "answer-key.md").stat().st_mtime_ns == stamp
    code, out, _ = run(capsys, *args, "--force", "--hub", "https://hub.uni.edu")
    assert code == 0
    links = json.loads((out_dir / "links.json").read_text())
    assert links["jupyterhub"] == "https://hub.uni.edu"


def test_assign_bad_hub(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    code, _, err = run(
        capsys,
        "--root",
        str(course_root),
        "assign",
        "all",
        "--out",
        str(tmp_path / "o"),
        "--hub",
        "hub.uni.edu",
    )
    assert code == 2 and "hub URL must look like" in err


def test_quiz_export_every_format(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    for fmt in ("moodle", "gift", "qti", "json", "anki"):
        target = tmp_path / f"quiz-{fmt}"
        code, _out, _ = run(
            capsys,
            "--root",
            str(course_root),
            "quiz",
            "export",
            "--format",
            fmt,
            "--chapters",
            "alpha",
            "--out",
            str(target),
        )
        assert code == 0 and target.stat().st_size > 0, fmt
    data = json.loads((tmp_path / "quiz-json").read_text())
    assert "alpha-cells" in json.dumps(data) and "beta-cells" not in json.dumps(data)


def test_export_warnings_go_to_standard_error(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    target = tmp_path / "canvas.zip"
    code, out, err = run(capsys, "--root", str(course_root), "quiz", "export", "--format",
                         "qti", "--out", str(target))
    assert code == 0 and target.stat().st_size > 0
    assert out == f"wrote 2 question bank(s) as qti to {target}\n"
    assert "bonelearn quiz export: warning: QTI export skipped 2 question(s)" in err
    assert "alpha-order" in err and "beta-order" in err
    code, out, err = run(capsys, "--root", str(course_root), "assign", "alpha", "--out",
                         str(tmp_path / "bundle"))
    assert code == 0 and "QTI export skipped" not in out and "warning:" not in out
    assert "bonelearn assign: warning: quizzes/canvas-qti.zip: QTI export skipped" in err


def test_export_of_text_xml_cannot_carry_is_a_clear_error_and_writes_nothing(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    bank = course_root / "chapters" / "alpha" / "questions.yaml"
    data = yaml.safe_load(bank.read_text())
    data["questions"][0]["stem"] = "Which \ufffe cell resorbs bone?"
    bank.write_text(yaml.safe_dump(data))  # written as the escape "\uFFFE"
    assert "\\uFFFE" in bank.read_text()
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "quiz.xml"
    target.write_text("older export")
    code, out, err = run(capsys, "--root", str(course_root), "quiz", "export", "--format",
                         "moodle", "--chapters", "alpha", "--out", str(target))
    assert code == 1 and out == "" and "Traceback" not in err
    assert "question 'alpha-cells'" in err and "stem contains the non-character(s) U+FFFE" in err
    assert target.read_text() == "older export"
    assert [p.name for p in target.parent.iterdir()] == ["quiz.xml"]


def test_quiz_export_to_a_folder_that_cannot_exist_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    (tmp_path / "a-file").write_text("")
    code, out, err = run(capsys, "--root", str(course_root), "quiz", "export", "--format",
                         "anki", "--out", str(tmp_path / "a-file" / "deck.apkg"))
    assert code == 1 and out == ""
    assert err.startswith("bonelearn quiz: error: cannot write:") and "a-file" in err


def test_quiz_export_unknown_chapter(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    code, _, err = run(
        capsys,
        "--root",
        str(course_root),
        "quiz",
        "export",
        "--format",
        "json",
        "--chapters",
        "nope",
        "--out",
        str(tmp_path / "q.json"),
    )
    assert code == 2 and "unknown chapter 'nope'" in err


def test_check_clean_and_broken(
    capsys: pytest.CaptureFixture[str],
    course_root: Path,  # noqa: F811
) -> None:
    code, out, _ = run(capsys, "--root", str(course_root), "check")
    assert code == 0 and "content OK: 2 chapters, 6 questions, 2 references checked" in out
    (course_root / "pages" / "guide.md").write_text("See {cite}`ghost2020`.\n")
    code, out, _ = run(capsys, "--root", str(course_root), "check")
    assert code == 1
    assert "pages/guide.md: line 1: citation key 'ghost2020' not in references.bib" in out
    assert out.strip().splitlines()[-1].startswith("1 problem in 1 file")


def test_no_course_found(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "--root", str(tmp_path), "chapters")
    assert code == 2 and "no course found" in err and "Traceback" not in err


def test_real_entry_point_prints_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bonelearn.cli", "assign", "no-such-chapter", "--out", "x"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 2
    assert "unknown chapter 'no-such-chapter'" in result.stderr
    assert "Traceback" not in result.stderr


GUIDE = Path(__file__).resolve().parents[2] / "pages" / "instructor-guide.md"


def test_instructor_guide_commands_and_files_match_the_code() -> None:
    """Every `bonelearn ...` command the guide shows parses, and the files it names exist."""
    import re
    import shlex

    from bonelearn.cli import build_parser
    from bonelearn.instructor import QUIZ_FILES

    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)```", text, flags=re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert len(commands) >= 5
    for command in commands:
        argv = shlex.split(command)
        assert argv[0] == "bonelearn", command
        build_parser().parse_args(argv[1:])  # SystemExit if the CLI lacks this command
    for name in [*QUIZ_FILES.values(), "answer-key.html", "syllabus.html", "links.json"]:
        assert name in text, name
    assert "{cite" not in text

