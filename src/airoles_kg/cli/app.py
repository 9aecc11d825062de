"""The ``airoles-kg`` command group and its exit-code contract.

Exit codes: 0 ok; 1 non-conformant graph or failed check, or a failure of the system around
us (an endpoint, a reasoner, a full disk, a reader that stopped reading our output); 2 bad input
or usage (a syntax error names the file and line; a path that cannot be read or written:
missing, read-only, a file where a folder should be, a link loop, a FIFO); 3 an internal error
(a bug); 130 interrupted (Ctrl-C; no temporary file is left). Every
:class:`~airoles_kg.errors.AirolesError` and every :class:`OSError` becomes one line
``error: ...`` on stderr, naming the path; no traceback reaches the user unless
``AIROLES_DEBUG=1`` is set, not even rdflib's: a warning it logs (an ill-typed literal such as
``"abc"^^xsd:integer``) becomes one line ``warning: ...`` (:mod:`.log`).

>>> from airoles_kg.errors import ParseError, NonConformantError, EndpointError
>>> exit_code(ParseError("x.ttl", 1, "bad")), exit_code(NonConformantError())
(2, 1)
>>> exit_code(EndpointError("http://h/sparql: unreachable"))
1
>>> import errno
>>> exit_code(OSError(errno.EROFS, "Read-only file system")), exit_code(OSError(errno.ENOSPC, ""))
(2, 1)
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from collections.abc import Mapping
from typing import Any

import click

from airoles_kg.errors import (
    AirolesError,
    CheckFailedError,
    InputError,
    NonConformantError,
    os_error_message,
)
from airoles_kg.paths import version_line
from airoles_kg.text import one_line

__all__ = [
    "CONTEXT",
    "EXIT_ERROR",
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_INTERRUPTED",
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
EXIT_ERROR = EXIT_FAILED  # other deliberate errors (endpoint, reasoner), a full disk
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports a process killed by SIGINT

#: The errors of the system around us, not of a path the user gave: exit 1, not 2.
_SYSTEM_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.ENOMEM, errno.EPIPE})


def exit_code(error: AirolesError | OSError) -> int:
    """The exit code of a deliberate error, or of an :class:`OSError`."""
    if isinstance(error, OSError) and not isinstance(error, AirolesError):
        if error.errno in _SYSTEM_ERRNOS or isinstance(error, ConnectionError | TimeoutError):
            return EXIT_ERROR
        return EXIT_INPUT
    if isinstance(error, InputError):
        return EXIT_INPUT
    if isinstance(error, NonConformantError | CheckFailedError):
        return EXIT_FAILED
    return EXIT_ERROR


def _stdout_closed() -> bool:
    if sys.stdout is None:
        return True
    try:
        descriptor = sys.stdout.fileno()
    except (OSError, ValueError):  # an in-memory stream (a test's) has no descriptor
        return False
    try:
        os.fstat(descriptor)
    except OSError:
        return True
    return False


def _fail(message: str, code: int) -> click.exceptions.Exit:
    click.echo(f"error: {one_line(message)}", err=True)
    return click.exceptions.Exit(code)


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
        debug = os.environ.get("AIROLES_DEBUG") == "1"
        if _stdout_closed():
            raise _fail("standard output is closed: redirect it (> /dev/null) rather than "
                        "closing it", EXIT_INPUT)
        try:
            result = super().invoke(ctx)
            if sys.stdout is not None:
                sys.stdout.flush()  # a broken pipe shows here, not at the interpreter's exit
            return result
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
        except AirolesError as error:
            if debug:
                raise
            raise _fail(str(error), exit_code(error)) from None
        except BrokenPipeError as error:  # piped into `head` or a pager that stopped reading
            _silence_stdout()
            raise _fail(os_error_message(error, "standard output"), EXIT_ERROR) from None
        except OSError as error:
            if debug:
                raise
            raise _fail(os_error_message(error), exit_code(error)) from None
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


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush stays quiet."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the version is read only when asked (reading it costs an import)."""
    if not value or ctx.resilient_parsing:
        return
    click.echo(version_line())
    ctx.exit()


@click.group(cls=AirolesGroup, context_settings=CONTEXT)
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_show_version, help="Show the version and exit.")
def main() -> None:
    """airoles-kg: a knowledge graph of AI job roles and the competencies they need.

    Exit codes: 0 ok; 1 non-conformant graph or failed check, or a failure around us (an
    endpoint, a reasoner, a full disk, a reader that stopped reading); 2 bad input or usage,
    including a path that cannot be read or written (missing, read-only, a link loop, a FIFO,
    a file where a folder should be); 3 internal error; 130 interrupted (Ctrl-C).

    AIROLES_MAX_DECOMPRESSED (such as 2G) raises the cap (512M) on the decompressed size of a
    gzip data file.
    """
    from airoles_kg.cli.log import quiet_rdflib  # here: ``--version`` needs no logging

    quiet_rdflib()
