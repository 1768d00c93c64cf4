"""The floor (model, errors, config) and the small shared modules import nothing above them,
so that any module can use them without a cycle."""

from __future__ import annotations

import ast

import pytest

from tests.helpers import REPO

FLOOR = {"model": set(), "errors": set(), "config": {"errors", "model"},
         "weblinks": set(), "languages": set(), "furniture": set(), "cachefiles": set(),
         "striped": set(), "htmltree": {"furniture"}}


def briefing_imports(module: str) -> set[str]:
    """The briefing modules that module (a file, or a package's files) imports, its own
    package aside."""
    path = REPO / "briefing" / module
    files = sorted(path.glob("*.py")) if path.is_dir() else [path.with_suffix(".py")]
    found = set()
    for node in (n for f in files for n in ast.walk(ast.parse(f.read_text(encoding="utf-8")))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefing"):
            names = node.module.split(".")[1:] or [alias.name for alias in node.names]
            found.add(names[0])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("briefing.")}
    return found - {"__init__", module}


@pytest.mark.parametrize("module", sorted(FLOOR))
def test_the_floor_imports_nothing_above_it(module):
    assert briefing_imports(module) <= FLOOR[module]
