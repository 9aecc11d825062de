"""``python -m airoles_kg`` and the ``airoles-kg`` script: the command line, with ``--version``
answered before it is loaded (loading it costs more than the answer), a validation's
process ended as soon as its report is out (:data:`QUICK_EXIT`), and Ctrl-C ignored once a
command is done (:func:`_done`)."""

import os
import sys
from typing import NoReturn

__all__ = ["QUICK_EXIT", "run"]

#: Commands whose process ends as soon as they are done: the interpreter's teardown, which
#: frees every module and object one by one (some 50 ms after a validation, 20 ms after a
#: query, for nothing), is skipped, and so is freeing the validation's store (a second or
#: more at a million triples); the exit handlers still run and the standard streams are
#: flushed first. Only commands that leave no thread running and no file open belong here:
#: never with ``--store`` (a persistent store is closed as usual).
QUICK_EXIT = frozenset({"validate", "query"})


def run() -> None:
    """Run the ``airoles-kg`` command line on ``sys.argv``."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from airoles_kg.paths import version_line

        print(version_line())
        return
    from airoles_kg.cli import main

    persistent = any(arg == "--store" or arg.startswith("--store=") for arg in sys.argv)
    quick = bool(sys.argv[1:2]) and sys.argv[1] in QUICK_EXIT and not persistent
    if quick and sys.argv[1] == "validate" and not {"-h", "--help"} & set(sys.argv):
        from airoles_kg.shacl.fast.engine import keep_stores_until_exit  # --help runs no engine

        keep_stores_until_exit()
    try:
        main()
    except SystemExit as done:
        _done()
        if quick:
            _quick_exit(done)
        raise


def _done() -> None:
    """Ignore Ctrl-C from here on: the command is done and its exit code decided. Otherwise a
    Ctrl-C in the interpreter's teardown (hundreds of milliseconds after a build), where SIGINT
    is back to its default action, would kill the process silently: status -2, not 130, and
    nothing said, for a command that had finished."""
    import signal
    from contextlib import suppress

    with suppress(ValueError):  # ValueError: not the main thread (run() called from elsewhere)
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _quick_exit(done: SystemExit) -> NoReturn:
    """Exit with the code of ``done`` without the interpreter's teardown."""
    if done.code is not None and not isinstance(done.code, int):
        raise done  # a message for the interpreter to print
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(done.code or 0)


if __name__ == "__main__":
    run()
