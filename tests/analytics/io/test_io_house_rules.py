"""Issue 12, house rules for the files of io, reports and the demo generator: small files and
functions, no Thai in string literals, and imports that follow the layers."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
OWN = sorted(
    [
        *(ROOT / "analytics" / "io").rglob("*.py"),
        *(ROOT / "analytics" / "reports").rglob("*.py"),
        *(ROOT / "analytics" / "data").glob("synthetic*.py"),
    ]
)
THAI = re.compile("[\u0e00-\u0e7f]")


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _docstrings(tree: ast.Module) -> set[int]:
    kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


@pytest.mark.parametrize("path", OWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_file_and_functions_are_small(path):
    """exports.py had 777 lines, briefing.py 857 and briefing_pdf 67."""
    assert path.read_text(encoding="utf-8").count("\n") <= 300
    for node in ast.walk(_tree(path)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno + 1 <= 60, f"{node.name} in {path.name}"


@pytest.mark.parametrize("path", OWN, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_thai_in_string_literals(path):
    """Export headers, PDF words, importer aliases and demo names sat in Python strings."""
    tree = _tree(path)
    docs = _docstrings(tree)
    thai = [
        (node.lineno, node.value[:30])
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docs
        and THAI.search(node.value)
    ]
    assert thai == []


def test_domain_does_not_import_io():
    """target_lists imported the Thai QM file reader (analytics.io.thaiqm)."""
    for path in (ROOT / "analytics" / "domain").rglob("*.py"):
        assert not any(name.startswith("analytics.io") for name in _imports(path)), path.name


def test_briefing_takes_its_fonts_from_the_pdf_package_not_the_visit_sheet():
    """The briefing imported the visit-sheet exporter (analytics.io.exports) for its font code."""
    names = set().union(*(_imports(p) for p in (ROOT / "analytics/reports").rglob("*.py")))
    assert not any(name.startswith("analytics.io.exports") for name in names)
    assert "analytics.io.pdf" in names or "analytics.io" in names


def test_thai_qm_importer_shares_the_row_checks_not_the_household_importer():
    """thaiqm borrowed header_map and file_warnings from the household importer."""
    for name in ("importers", "thaiqm"):
        imports = _imports(ROOT / "analytics" / "io" / f"{name}.py")
        assert "analytics.io.row_checks.RowChecks" in imports
    assert not any(
        n.startswith("analytics.io.importers") for n in _imports(ROOT / "analytics/io/thaiqm.py")
    )


def test_document_words_exist_in_both_languages():
    """Every export, sheet and briefing word has its English (only the Thai tambon prefixes,
    used in Thai sentences alone, are Thai only)."""
    import tomllib

    with open(ROOT / "analytics/catalogue/labels/documents.toml", "rb") as fh:
        words = tomllib.load(fh)
    assert set(words["th"]) - set(words["en"]) == {"brief_tambon_prefixes"}
    assert set(words["en"]) <= set(words["th"])
    assert all(text.strip() for lang in ("th", "en") for text in words[lang].values())
