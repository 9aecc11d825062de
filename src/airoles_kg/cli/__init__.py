"""The ``airoles-kg`` command line: the group and its exit-code contract (:mod:`.app`), and one
module per family of commands, registered here.

Exit codes: 0 ok; 1 non-conformant graph or failed check; 2 bad input or usage; 3 internal
error. Commands import their machinery when they run, so ``airoles-kg --help`` stays quick.
"""

from __future__ import annotations

from airoles_kg.cli import (
    crosswalk_commands,
    docs_commands,
    graph_commands,
    import_commands,
    query_commands,
    release_commands,
    role_commands,
    store_commands,
)
from airoles_kg.cli.app import (
    EXIT_ERROR,
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    exit_code,
    main,
)

__all__ = [
    "EXIT_ERROR",
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "exit_code",
    "main",
]

for _command in (
    graph_commands.build_command,
    graph_commands.validate_command,
    query_commands.query_command,
    query_commands.queries_command,
    role_commands.roles_command,
    role_commands.show_command,
    role_commands.compare_command,
    query_commands.stats_command,
    graph_commands.fmt_command,
    release_commands.reason_command,
    release_commands.report_command,
    release_commands.release_command,
    release_commands.diff_command,
    store_commands.serve_command,
    store_commands.push_command,
    import_commands.import_group,
    import_commands.template_command,
    docs_commands.docs_command,
    crosswalk_commands.mappings_command,
    crosswalk_commands.match_command,
    crosswalk_commands.search_command,
):
    main.add_command(_command)
