"""Just enough MyST parsing to find directives (``{exercise}``, ``{solution}`` ...).

A directive opens with a fence of three or more backticks or colons followed by
``{name}`` and an optional argument, may carry ``:key: value`` option lines, and closes
at a line holding only the same fence character, at least as many times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: The opening line of a MyST directive (``` or :::) and an option line inside it.
DIRECTIVE_OPEN = re.compile(
    r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$")
DIRECTIVE_OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):\s*(?P<value>.*)$")
_CITE = re.compile(r"(?<!`)\{cite(?::[a-z]+)?\}`(?P<keys>[^`]*)`")
_CODE_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_CODE_SPAN = re.compile(r"(`{2,})(?!`).+?(?<!`)\1(?!`)")


@dataclass(frozen=True)
class Directive:
    """One directive: its name, argument, options, body and line span (0-based, inclusive)."""

    name: str
    argument: str
    options: dict[str, str] = field(default_factory=dict)
    body: str = ""
    start: int = 0
    end: int = 0


def fence_end(lines: list[str], start: int, fence: str) -> int:
    """Index of the line closing the fence ``fence`` opened on line ``start`` (a run of the
    same character at least as long); ``len(lines)`` when it is never closed."""
    close = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    j = start + 1
    while j < len(lines) and not close.match(lines[j]):
        j += 1
    return j


def find_directives(text: str) -> list[Directive]:
    """Top-level directives in ``text``, in order (nested ones are part of the body)."""
    lines = text.splitlines()
    found: list[Directive] = []
    i = 0
    while i < len(lines):
        m = DIRECTIVE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        j = fence_end(lines, i, m.group("fence"))
        inner = lines[i + 1 : j]
        options: dict[str, str] = {}
        k = 0
        while k < len(inner) and (opt := DIRECTIVE_OPTION.match(inner[k])):
            options[opt.group("key")] = opt.group("value").strip()
            k += 1
        body = "\n".join(inner[k:]).strip("\n")
        end = min(j, len(lines) - 1)
        found.append(Directive(m.group("name"), m.group("arg").strip(), options, body, i, end))
        i = j + 1
    return found


def remove_directives(text: str, names: set[str]) -> str:
    """``text`` with the top-level directives called one of ``names`` cut out."""
    lines = text.splitlines()
    drop: set[int] = set()
    for d in find_directives(text):
        if d.name in names:
            drop.update(range(d.start, d.end + 1))
    kept = [line for n, line in enumerate(lines) if n not in drop]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")


def cite_keys(text: str) -> list[str]:
    """Every key cited with ``{cite}``, ``{cite:p}``, ``{cite:t}`` (or another cite role)."""
    keys: list[str] = []
    for m in _CITE.finditer(text):
        keys.extend(k.strip() for k in m.group("keys").split(",") if k.strip())
    return keys


def blank_code(text: str) -> str:
    """``text`` with code blocks and ````double-backtick```` spans blanked, lines kept.

    Roles inside code are examples, not citations. Fences whose info string starts with
    ``{`` are directives and are kept.
    """
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines():
        m = _CODE_FENCE.match(line)
        if fence is None and m and not m.group("info").strip().startswith("{"):
            fence = m.group("fence")
            out.append("")
        elif fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
            out.append("")
        else:
            out.append(_CODE_SPAN.sub(lambda c: " " * len(c.group(0)), line))
    return "\n".join(out)
