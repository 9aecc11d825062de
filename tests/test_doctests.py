"""Every docstring example in the package runs, module by module.

The modules are found by walking the package, so a new module's examples run without being
listed here; a module whose source holds ``>>>`` but from which no example was collected fails
(an example the finder cannot reach would otherwise check nothing).
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import airoles_kg

__all__: list[str] = []

#: Modules that run something on import, and so are not imported here.
NOT_IMPORTED = {"airoles_kg.__main__"}


def _modules() -> list[str]:
    found = [airoles_kg.__name__]
    for info in pkgutil.walk_packages(airoles_kg.__path__, prefix="airoles_kg."):
        if info.name not in NOT_IMPORTED:
            found.append(info.name)
    return sorted(found)


MODULES = _modules()


def test_the_walk_finds_the_package() -> None:
    assert len(MODULES) > 60, MODULES
    assert "airoles_kg.shacl.fast.components.value" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    tests = doctest.DocTestFinder().find(module, name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    examples = 0
    for test in tests:
        examples += len(test.examples)
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0, f"{name}: {results.failed} of {results.attempted} examples failed"
    source = Path(module.__file__ or "").read_text(encoding="utf-8")
    if ">>>" in source:
        assert examples > 0, f"{name} holds '>>>' but no example was collected"
