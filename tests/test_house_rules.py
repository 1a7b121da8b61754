"""The house's plan, checked: sizes, what each package may import, where caches and words live.

ARCHITECTURE.md states these rules; this test keeps the code and the document in step.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = ("analytics", "store", "geodata", "ui", "pages")
MAX_FILE_LINES = 300
MAX_FUNCTION_LINES = 60
MAX_PAGE_LINES = 80
THAI = re.compile(r"[\u0E00-\u0E7F]")

# Which top-level parts each package may import (first two dotted parts for analytics).
ALLOWED: dict[str, tuple[str, ...]] = {
    "analytics.domain": ("analytics.domain", "analytics.text", "analytics.settings"),
    "analytics.text": ("analytics.text", "analytics.settings"),
    "analytics.data": (
        "analytics.data",
        "analytics.domain",
        "analytics.text",
        "analytics.settings",
        "analytics.io",
    ),
    "analytics.io": (
        "analytics.io",
        "analytics.domain",
        "analytics.text",
        "analytics.settings",
        "analytics.data",
        "geodata",  # an uploaded boundary file is read by geodata
    ),
    "analytics.reports": (
        "analytics.reports",
        "analytics.domain",
        "analytics.text",
        "analytics.settings",
        "analytics.data",
        "analytics.io",
    ),
    "analytics.auth": (
        "analytics.auth",
        "analytics.domain",
        "analytics.text",
        "analytics.settings",
    ),
    "analytics.services": ("analytics", "store", "geodata"),
    "store": (
        "store",
        "analytics.domain",
        "analytics.text",
        "analytics.settings",
        "analytics.data",
        "analytics.io",
        "analytics.auth",
    ),
    "geodata": (
        "geodata",
        "analytics.domain",
        "analytics.text",
        "analytics.settings",
        "analytics.data",
    ),
    "ui": ("ui", "analytics", "store", "geodata"),
    "pages": ("ui", "analytics.services", "analytics.text"),
}
OURS = ("analytics", "store", "geodata", "ui", "pages")


def production_files() -> list[Path]:
    files = [p for d in PRODUCTION for p in (ROOT / d).rglob("*.py")]
    files += [ROOT / "dashboard.py", ROOT / "app.py"]
    return sorted(p for p in files if "migrations" not in p.parts)


def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    if module == "dashboard" or module.startswith("pages"):
        return "pages"
    if module == "app":
        return "ui"
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "analytics" and len(parts) > 1 else parts[0]


def imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


FILES = production_files()
IDS = [str(p.relative_to(ROOT)) for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_file_and_functions_are_short(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    limit = MAX_PAGE_LINES if package_of(module_of(path)) == "pages" else MAX_FILE_LINES
    assert len(source.splitlines()) <= limit
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_imports_follow_the_layers(path: Path) -> None:
    package = package_of(module_of(path))
    allowed = ALLOWED.get(package)
    if allowed is None:
        return
    ours = {
        n for n in imported(ast.parse(path.read_text(encoding="utf-8"))) if n.split(".")[0] in OURS
    }
    wrong = sorted(
        n
        for n in ours
        if n != "analytics" and not n.startswith(allowed_prefixes(allowed)) and n not in allowed
    )
    assert not wrong, f"{package} may import only {allowed}"


def allowed_prefixes(allowed: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(a + "." for a in allowed)


@pytest.mark.parametrize(
    "path",
    [
        p
        for p in FILES
        if p.parts[len(ROOT.parts)] != "ui"
        and p.name != "app.py"
        and package_of(module_of(p)) != "pages"
    ],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_no_streamlit_below_the_app_edge(path: Path) -> None:
    assert not any(
        n.split(".")[0] == "streamlit"
        for n in imported(ast.parse(path.read_text(encoding="utf-8")))
    )


def test_every_cache_lives_in_one_module() -> None:
    users = sorted(
        str(p.relative_to(ROOT))
        for p in FILES
        if re.search(
            r"\bst\.cache_(data|resource)\b|\bcache_(data|resource)\(",
            p.read_text(encoding="utf-8"),
        )
    )
    assert users == ["ui/cache.py"]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_no_thai_in_python_strings(path: Path) -> None:
    """Screen words, export headers, PDF text and input aliases live in catalogue files."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    thai = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and THAI.search(node.value)
    ]
    assert not thai, f"Thai string literals on lines {thai}"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_one_language_switch(path: Path) -> None:
    """Thai/English choices go through ``analytics.text`` (``Text.in_``, ``pick``, labels)."""
    if path.parts[len(ROOT.parts)] == "analytics" and "text" in path.parts:
        return
    switch = re.compile(r"""lang\s*[!=]=\s*["'](th|en)["']""")
    lines = [
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if switch.search(line)
    ]
    assert not lines, f"language switches on lines {lines}"
