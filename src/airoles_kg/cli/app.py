"""The ``airoles-kg`` command group and its exit-code contract.

Exit codes: 0 ok; 1 non-conformant graph or failed check; 2 bad input or usage (a syntax error
names the file and line); 3 an internal error. Every :class:`~airoles_kg.errors.AirolesError`
becomes one line ``error: ...`` on stderr; no traceback reaches the user unless
``AIROLES_DEBUG=1`` is set.

>>> from airoles_kg.errors import ParseError, NonConformantError, EndpointError
>>> exit_code(ParseError("x.ttl", 1, "bad")), exit_code(NonConformantError())
(2, 1)
>>> exit_code(EndpointError("http://h/sparql: unreachable"))
1
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from typing import Any

import click

from airoles_kg.errors import AirolesError, CheckFailedError, InputError, NonConformantError
from airoles_kg.paths import project_version
from airoles_kg.text import one_line

__all__ = [
    "CONTEXT",
    "EXIT_ERROR",
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "AirolesGroup",
    "LazyCommand",
    "exit_code",
    "main",
]

EXIT_OK = 0
EXIT_FAILED = 1  # non-conformant graph, failed check
EXIT_INPUT = 2  # bad input or usage
EXIT_INTERNAL = 3  # a bug
EXIT_ERROR = EXIT_FAILED  # other deliberate errors (endpoint, reasoner)


def exit_code(error: AirolesError) -> int:
    """The exit code of a deliberate error."""
    if isinstance(error, InputError):
        return EXIT_INPUT
    if isinstance(error, NonConformantError | CheckFailedError):
        return EXIT_FAILED
    return EXIT_ERROR


#: A command loaded on demand: ``("module:function", "short help")``, the module relative to
#: this package; the short help is what ``--help`` lists, without importing the module.
LazyCommand = tuple[str, str]


class AirolesGroup(click.Group):
    """A group that turns errors into the exit-code contract, for every (sub)command.

    Commands are registered by name as ``"module:function"`` (:meth:`add_lazy_commands`) and
    imported only when they run (or when their own help is asked), so that a command pays
    for its own imports alone and ``--help`` imports none.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, LazyCommand] = {}

    def add_lazy_commands(self, table: Mapping[str, LazyCommand]) -> None:
        """Register commands by name: ``{name: ("module:function", "short help")}``."""
        self.lazy_commands.update(table)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy_commands:
            module_name, _, attribute = self.lazy_commands[cmd_name][0].partition(":")
            module = importlib.import_module(f"{__package__}.{module_name}")
            command = getattr(module, attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{module_name}:{attribute} is not a click command")
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list with each short help, importing no command module."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            command = self.commands.get(name)
            if command is not None:
                if command.hidden:
                    continue
                rows.append((name, command.get_short_help_str(limit)))
            else:
                # A stand-in with the same help, shortened as click shortens it.
                stand_in = click.Command(name, help=self.lazy_commands[name][1])
                rows.append((name, stand_in.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except AirolesError as error:
            if os.environ.get("AIROLES_DEBUG") == "1":
                raise
            click.echo(f"error: {one_line(str(error))}", err=True)
            raise click.exceptions.Exit(exit_code(error)) from None
        except BrokenPipeError:  # output piped into a pager or `head` that stopped reading
            raise click.exceptions.Exit(EXIT_OK) from None
        except Exception as error:  # noqa: BLE001 - the contract: never a traceback
            if os.environ.get("AIROLES_DEBUG") == "1":
                raise
            detail = one_line(str(error)) or "(no message)"
            click.echo(
                f"internal error: {type(error).__name__}: {detail} "
                "(set AIROLES_DEBUG=1 for the traceback)",
                err=True,
            )
            raise click.exceptions.Exit(EXIT_INTERNAL) from None


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=AirolesGroup, context_settings=CONTEXT)
@click.version_option(project_version(), "-V", "--version", prog_name="airoles-kg")
def main() -> None:
    """airoles-kg: a knowledge graph of AI job roles and the competencies they need.

    Exit codes: 0 ok, 1 non-conformant graph or failed check, 2 bad input or usage,
    3 internal error.
    """
