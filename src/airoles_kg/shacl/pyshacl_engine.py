"""The pySHACL engine, the reference: every other engine is measured against its reports.

It runs with no inference, SHACL Advanced Features on, warnings allowed and every result
reported; a shapes graph pySHACL cannot load is an :class:`~airoles_kg.errors.InputError`.
:func:`run_pyshacl` is the one call of pySHACL, whatever holds the data (an rdflib graph, or
an Oxigraph store: see :mod:`airoles_kg.shacl.pyshacl_oxigraph`).
"""

from __future__ import annotations

from rdflib import Graph

from airoles_kg.errors import InputError
from airoles_kg.shacl.engine import Engine
from airoles_kg.shacl.report import ValidationReport, report_from_graph

__all__ = ["PYSHACL", "PyshaclEngine", "run_pyshacl"]


def run_pyshacl(
    data_graph: object, shapes: Graph, engine: str, *, inplace: bool = False
) -> ValidationReport:
    """Validate ``data_graph`` (anything :func:`pyshacl.validate` takes) against ``shapes``;
    the report names ``engine``. ``inplace`` lets pySHACL work on the data as it is instead of
    a copy (only for shapes without rules, which would add triples to it)."""
    import pyshacl
    from pyshacl.errors import ConstraintLoadError, RuleLoadError, ShapeLoadError

    try:
        _conforms, results_graph, _text = pyshacl.validate(
            data_graph,  # type: ignore[arg-type]
            shacl_graph=shapes,
            ont_graph=None,
            inference="none",
            advanced=True,
            allow_warnings=True,
            abort_on_first=False,
            inplace=inplace,
        )
    except (ShapeLoadError, ConstraintLoadError, RuleLoadError, NotImplementedError) as exc:
        # A broken shapes graph is bad input, not a bug: say what pySHACL found.
        detail = " ".join(str(getattr(exc, "message", exc)).split())
        raise InputError(f"the shapes cannot be used: {detail}") from None
    if not isinstance(results_graph, Graph):
        raise InputError(f"the shapes cannot be used: {' '.join(str(_text).split())}")
    return report_from_graph(results_graph, engine=engine, shapes=shapes)


class PyshaclEngine(Engine):
    """Validation by pySHACL, node by node in Python."""

    name = "pyshacl"

    def validate(self, data_graph: Graph, shapes: Graph) -> ValidationReport:
        return run_pyshacl(data_graph, shapes, self.name)


#: The one pySHACL engine.
PYSHACL = PyshaclEngine()
