"""transforms/ never imports Prefect: the stages are plain functions, testable without the orchestrator."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSFORMS = ROOT / "transforms"


def prefect_imports(source: str) -> list[int]:
    """Line numbers of the imports of `prefect` or any of its submodules in one module's source."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        if any(name == "prefect" or name.startswith("prefect.") for name in names):
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_every_form_of_a_prefect_import():
    source = (
        "import os, prefect.flows\n"  # line 1: second name of a plain import
        "from prefect import flow\n"  # line 2
        "def f():\n"
        "    from prefect.tasks import task\n"  # line 4: an import inside a function still loads Prefect
        "import prefectish\n"  # another package whose name only starts the same: not Prefect
        "from . import prefect\n"  # a relative import of a sibling module called prefect: not Prefect
    )
    assert prefect_imports(source) == [1, 2, 4]


def test_no_module_under_transforms_imports_prefect():
    modules = sorted(TRANSFORMS.rglob("*.py"))
    assert len(modules) > 50  # the scan really walked the package
    offenders = [f"{path.relative_to(ROOT)}:{line}" for path in modules
                 for line in prefect_imports(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_importing_every_transforms_module_leaves_prefect_unloaded():
    # a transitive import (a helper that imports flows/, say) shows only at run time
    script = (
        "import importlib, pkgutil, sys, transforms\n"
        "for m in pkgutil.walk_packages(transforms.__path__, 'transforms.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "print(sorted(n for n in sys.modules if n == 'prefect' or n.startswith('prefect.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
