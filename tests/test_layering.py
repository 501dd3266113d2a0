"""The package's import graph has no cycles: every module can be read knowing only the ones below it.

The graph is read from the source (no module is run): an edge for every ``import`` and ``from …
import`` of a storydiff module, at the top of a module or inside a function alike (an import put
off into a function to dodge a cycle is still the cycle), except those under ``if TYPE_CHECKING:``.
A module's own enclosing packages are not edges: Python has them imported before the module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "storydiff"

# Cycles known and still to be broken, each as its modules sorted; the lists only shrink.
KNOWN_CYCLES: list[list[str]] = []
KNOWN_AREA_CYCLES = [["storydiff.cli", "storydiff.spark"]]


def module_names(src: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` under ``src``, by dotted name (a package by its own name)."""
    names = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """The import statements of ``tree``, leaving out the bodies of ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for branch in node.orelse:
                yield from _runtime_imports(branch)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _runtime_imports(node)


def _imported(node: ast.Import | ast.ImportFrom, name: str, is_package: bool) -> Iterator[str]:
    """The dotted names an import statement of module ``name`` may load (some are not modules)."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    if node.level:
        base = name.split(".")
        base = base[:len(base) - node.level + (1 if is_package else 0)]
        target = ".".join(base + ([node.module] if node.module else []))
    else:
        target = node.module or ""
    yield target
    yield from (f"{target}.{alias.name}" for alias in node.names)


def import_graph(src: Path = SRC, package: str = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (with the packages on their way)."""
    modules = module_names(src, package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        own = {".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 2)}
        for node in _runtime_imports(tree):
            for target in _imported(node, name, path.name == "__init__.py"):
                parts = target.split(".")
                reached = {".".join(parts[:i]) for i in range(1, len(parts) + 1)}
                graph[name] |= {m for m in reached if m in modules and m not in own}
    return graph


def areas(graph: dict[str, set[str]], depth: int = 2) -> dict[str, set[str]]:
    """The graph between the package's parts (``storydiff.store`` for ``storydiff.store.bulk`` at
    depth 2): a part imports another when one of its modules imports one of the other's."""
    def area(name: str) -> str:
        return ".".join(name.split(".")[:depth])

    out: dict[str, set[str]] = {}
    for name, targets in graph.items():
        out.setdefault(area(name), set()).update(area(t) for t in targets if area(t) != area(name))
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (or a module importing itself),
    each sorted; Tarjan's algorithm, iterative."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    found.append(sorted(component))
    return sorted(found)


@pytest.mark.parametrize(("graph", "expected"), [
    pytest.param({"a": {"b"}, "b": {"c"}, "c": set()}, [], id="chain"),
    pytest.param({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]], id="pair"),
    pytest.param({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}}, [["a", "b", "c"], ["d"]], id="ring-and-self"),
    pytest.param({"a": {"b", "c"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, [["a", "b"], ["c", "d"]], id="two"),
])
def test_cycles_are_the_strongly_connected_components(graph: dict[str, set[str]], expected: list[list[str]]) -> None:
    assert cycles(graph) == expected


def test_import_graph_reads_every_kind_of_import(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("def make():\n    from .sub import app\n")
    (pkg / "base.py").write_text("X = 1\n")
    (pkg / "sub" / "__init__.py").write_text("from .. import base\n")
    (pkg / "sub" / "app.py").write_text(
        "from typing import TYPE_CHECKING\nfrom . import routes\nfrom pkg.base import X\n"
        "if TYPE_CHECKING:\n    from .routes import Y\n")
    (pkg / "sub" / "routes.py").write_text("import json\n\ndef f():\n    import pkg.sub.app\n")
    graph = import_graph(tmp_path, "pkg")
    assert graph == {"pkg": {"pkg.sub", "pkg.sub.app"}, "pkg.base": set(), "pkg.sub": {"pkg.base"},
                     "pkg.sub.app": {"pkg.sub.routes", "pkg.base"}, "pkg.sub.routes": {"pkg.sub.app"}}
    assert cycles(graph) == [["pkg.sub.app", "pkg.sub.routes"]]


def test_areas_collapse_modules_into_their_part() -> None:
    graph = {"p.a.x": {"p.b"}, "p.a.y": {"p.a.x"}, "p.b": {"p.c.z"}, "p.c.z": set()}
    assert areas(graph) == {"p.a": {"p.b"}, "p.b": {"p.c"}, "p.c": set()}


def test_the_package_has_no_import_cycles_but_the_known_ones() -> None:
    assert cycles(import_graph()) == KNOWN_CYCLES


def test_the_package_parts_import_each_other_only_in_the_known_cycles() -> None:
    assert cycles(areas(import_graph())) == KNOWN_AREA_CYCLES


def test_the_web_app_has_no_import_cycle() -> None:
    assert [c for c in cycles(import_graph()) if any(m.startswith(f"{PACKAGE}.web") for m in c)] == []
