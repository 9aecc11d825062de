"""What the tests that run ``airoles-kg`` as a separate process share: the script, and Ctrl-C
as a terminal delivers it."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

__all__ = ["CLI", "sigint_as_in_a_terminal"]

#: The installed ``airoles-kg`` script, beside the interpreter running the tests.
CLI: list[str] = [str(Path(sys.executable).parent / "airoles-kg")]


def sigint_as_in_a_terminal() -> None:
    """``preexec_fn`` for a process the test will interrupt: SIGINT back to its default action.

    A suite started in the background by a shell without job control has SIGINT ignored, the
    children inherit that, and Python then leaves it ignored: the Ctrl-C would not arrive.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
