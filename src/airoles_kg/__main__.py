"""``python -m airoles_kg`` and the ``airoles-kg`` script: the command line, with ``--version``
answered before it is loaded (loading it costs more than the answer)."""

import sys

__all__ = ["run"]


def run() -> None:
    """Run the ``airoles-kg`` command line on ``sys.argv``."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from airoles_kg.paths import version_line

        print(version_line())
        return
    from airoles_kg.cli import main

    main()


if __name__ == "__main__":
    run()
