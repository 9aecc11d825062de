"""The package's design, as ``docs/architecture.md`` states it, holds in the code.

The import graph is read from the sources with ``ast`` (every ``import`` statement, at module
level or inside a function): it has no cycle, between modules or between packages; each module
imports only from its own package or from lower layers; and the documented rules hold. The
folders the page lists are exactly the package's folders.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

__all__: list[str] = []

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "airoles_kg"
DOC = REPO / "docs" / "architecture.md"
ROOT = "airoles_kg"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}
PACKAGES = {name for name, path in MODULES.items() if path.name == "__init__.py"}


def _imported(name: str, path: Path) -> Iterator[tuple[str, int]]:
    """The project modules ``name`` imports, with the line of each import."""
    package = name if name in PACKAGES else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == ROOT or alias.name.startswith(ROOT + "."):
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if not (target == ROOT or target.startswith(ROOT + ".")):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub if sub in MODULES else target), node.lineno


EDGES: dict[str, set[str]] = {
    name: {target for target, _ in _imported(name, path) if target != name}
    for name, path in MODULES.items()
}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` (as the list of its nodes, the first repeated last), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)) is not None:
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)) is not None:
            return found
    return None


def _unit(module: str) -> str:
    """The first-level package of a module (``rdf``, ``shacl``...), or its own name for a
    top-level module; the package's ``__init__`` is ``airoles_kg``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ROOT


def _layers() -> dict[str, int]:
    """The layers of the page's "Layers" section: unit -> number."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    layers: dict[str, int] = {}
    for number, names in re.findall(r"^(\d+)\. (.+)$", section, re.M):
        for unit in re.findall(r"`([a-z_]+)`", names):
            layers[unit] = int(number)
    return layers


LAYERS = _layers()


def test_the_import_graph_was_read() -> None:
    assert len(MODULES) > 60
    assert "airoles_kg.shacl.report" in EDGES["airoles_kg.shacl.fast.engine"]
    assert "airoles_kg.shacl.fast.engine" in EDGES["airoles_kg.shacl.validate"]


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_between_modules() -> None:
    assert _cycle(EDGES) is None, " -> ".join(_cycle(EDGES) or [])


def test_no_import_cycle_between_packages() -> None:
    units: dict[str, set[str]] = {}
    for source, targets in EDGES.items():
        units.setdefault(_unit(source), set()).update(
            _unit(t) for t in targets if _unit(t) != _unit(source)
        )
    assert _cycle(units) is None, " -> ".join(_cycle(units) or [])


def test_the_layers_name_every_package_and_module_once() -> None:
    units = {_unit(m) for m in MODULES} - {ROOT, "__main__"}
    assert set(LAYERS) == units


def test_each_module_imports_only_its_own_package_or_lower_layers() -> None:
    wrong = []
    for source, targets in sorted(EDGES.items()):
        if _unit(source) in (ROOT, "__main__"):
            continue  # the public API and ``python -m`` stand above every layer
        for target in sorted(targets):
            mine, theirs = _unit(source), _unit(target)
            if mine == theirs:
                continue
            if theirs == ROOT or LAYERS[theirs] >= LAYERS[mine]:
                wrong.append(f"{source} (layer {LAYERS[mine]}) imports {target}")
    assert wrong == []


def _imports_of(module: str) -> set[str]:
    """Every module ``module`` imports, third-party ones included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_report_model_knows_no_engine() -> None:
    allowed = {"airoles_kg.errors", "airoles_kg.namespaces", "airoles_kg.rdf.parse",
               "airoles_kg.rdf.terms"}
    assert EDGES["airoles_kg.shacl.report"] <= allowed


LOCAL_BACKENDS = sorted(
    m for m in MODULES
    if m.startswith("airoles_kg.backends.")
    and m.rsplit(".", 1)[1] not in ("remote", "http", "factory")
)
NETWORK = ("urllib", "http", "socket", "SPARQLWrapper", "requests",
           "airoles_kg.backends.remote", "airoles_kg.backends.http", "airoles_kg.net")


@pytest.mark.parametrize("module", LOCAL_BACKENDS)
def test_a_local_backend_knows_no_network(module: str) -> None:
    talking = {
        name for name in _imports_of(module) | EDGES[module]
        if any(name == n or name.startswith(n + ".") for n in NETWORK)
    }
    assert talking == set()


def test_only_the_command_line_knows_the_terminal() -> None:
    users = sorted(m for m in MODULES if "click" in {n.split(".")[0] for n in _imports_of(m)})
    assert users and all(m.startswith("airoles_kg.cli") for m in users), users


def test_no_module_imports_the_top_level_package() -> None:
    assert sorted(m for m, targets in EDGES.items() if ROOT in targets) == []


def test_subpackages_import_nothing_on_their_own() -> None:
    busy = sorted(p for p in PACKAGES - {ROOT, "airoles_kg.cli"} if _imports_of(p))
    assert busy == []


def test_the_page_lists_every_folder_and_only_them() -> None:
    text = DOC.read_text(encoding="utf-8")
    listed = re.findall(r"^- `src/airoles_kg/([a-z_/]*)`", text, re.M)
    code = [p for p in [SRC, *SRC.rglob("*")] if p.is_dir() and any(p.glob("*.py"))]
    assert [p for p in code if not (p / "__init__.py").is_file()] == [], "a namespace package"
    folders = sorted("" if p == SRC else str(p.relative_to(SRC)) + "/" for p in code)
    assert sorted(listed) == folders
    assert len(listed) == len(set(listed)), "a folder is listed twice"


def test_the_page_names_every_module_of_each_folder() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = []
    for line in re.findall(r"^- `src/airoles_kg/([a-z_/]*)` — (.+)$", text, re.M):
        folder, description = line
        for path in sorted((SRC / folder).glob("*.py")):
            if path.name not in ("__init__.py", "__main__.py", "py.typed") and \
                    f"`{path.name}`" not in description:
                missing.append(f"{folder}{path.name}")
    assert missing == []
