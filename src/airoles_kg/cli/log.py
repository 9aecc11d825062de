"""rdflib's log warnings as one line each on stderr, each said once, never a traceback: an
ill-typed literal such as ``"abc"^^xsd:integer`` becomes one line ``warning: ...``."""

from __future__ import annotations

import logging
import re

import click

from airoles_kg.text import one_line

__all__ = ["quiet_rdflib"]


class _OneLineWarnings(logging.Handler):
    """rdflib's log warnings as one line each on stderr, each said once, never a traceback."""

    _DATATYPE = re.compile(r"Failed to convert Literal lexical form to value\. Datatype=(\S+),")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.said: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        found = self._DATATYPE.match(message)
        if found and record.exc_info and record.exc_info[1] is not None:
            datatype = found.group(1).replace("http://www.w3.org/2001/XMLSchema#", "xsd:")
            line = (f"warning: an ill-typed {datatype} literal, kept as written "
                    f"({one_line(str(record.exc_info[1]))})")
        else:
            line = f"warning: {one_line(message)}"
        if line not in self.said:
            self.said.add(line)
            click.echo(line, err=True)


_WARNINGS = _OneLineWarnings()


def quiet_rdflib() -> None:
    """Route rdflib's log records through :class:`_OneLineWarnings` (once per process)."""
    _WARNINGS.said.clear()
    logger = logging.getLogger("rdflib")
    if _WARNINGS not in logger.handlers:
        logger.addHandler(_WARNINGS)
        logger.propagate = False
