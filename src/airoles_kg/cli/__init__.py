"""The ``airoles-kg`` command line: the group and its exit-code contract (:mod:`.app`), and one
module per family of commands, registered here.

Exit codes: 0 ok; 1 non-conformant graph, failed check or a failure around us; 2 bad input or
usage; 3 internal error; 130 interrupted (the contract is in :mod:`.app`). A command's
module is imported only when the command runs (or shows its own help), and each command
imports its machinery when it runs, so ``airoles-kg --help`` stays quick.

To add a command, add one line to :data:`COMMANDS`: its name, then ``"module:function"``
(the module in this package) and the short help ``--help`` lists (the first sentence of the
command's docstring; a test checks that they agree).
"""

from __future__ import annotations

from airoles_kg.cli.app import (
    EXIT_ERROR,
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_OK,
    LazyCommand,
    exit_code,
    main,
)

__all__ = [
    "COMMANDS",
    "EXIT_ERROR",
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "exit_code",
    "main",
]

#: Every command: name -> ("module:function", short help).
COMMANDS: dict[str, LazyCommand] = {
    "build": ("graph_commands:build_command",
              "Validate the graph and write it as Turtle, N-Triples, JSON-LD and RDF/XML."),
    "validate": ("graph_commands:validate_command",
                 "Validate the knowledge graph, or FILES merged with it, against the SHACL "
                 "shapes."),
    "query": ("query_commands:query_command",
              "Run the catalogue query NAME, or the query in FILE.rq, with parameters."),
    "queries": ("query_commands:queries_command",
                "List the catalogue queries with their descriptions and parameters."),
    "roles": ("role_commands:roles_command",
              "List the roles: slug, English and French labels, family, number of "
              "requirements."),
    "show": ("role_commands:show_command",
             "Show a ROLE (slug, IRI, CURIE, or English or French label): labels, definition, "
             "family, lineage, sources and requirements."),
    "compare": ("role_commands:compare_command",
                "Compare two roles: competencies shared, and required by only one, with levels."),
    "stats": ("query_commands:stats_command",
              "Summary counts: roles, AI roles, competencies, requirements, triples (the "
              "catalogue's statistics query)."),
    "fmt": ("graph_commands:fmt_command",
            "Check or apply the canonical form of the Turtle sources (default: ontology/ and "
            "shapes/)."),
    "reason": ("release_commands:reason_command",
               "Check consistency and classify: unsatisfiable classes, inferred types and "
               "subclasses."),
    "report": ("release_commands:report_command",
               "The ontology quality report: every check in queries/checks/ with its level."),
    "release": ("release_commands:release_command",
                "Gate (reasoner, SHACL, quality report, competency questions) and write a "
                "release."),
    "diff": ("release_commands:diff_command",
             "A changelog from OLD to NEW (RDF files or release folders), computed on the "
             "graphs."),
    "serve": ("store_commands:serve_command",
              "Serve the graph as a SPARQL 1.1 Protocol endpoint (the oxigraph server) until "
              "Ctrl-C."),
    "push": ("store_commands:push_command",
             "Publish the build to a SPARQL server, replacing one named graph (idempotent, "
             "atomic), then count the triples there."),
    "import": ("import_commands:import_group",
               "Import a catalogue of roles and competencies into the airoles-kg model."),
    "template": ("import_commands:template_command",
                 "Write the empty templates of a steward's catalogue (header rows only)."),
    "docs": ("docs_commands:docs_command",
             "Write the static site: a page per role, competency and family, the ontology, "
             "shapes, queries, quality report, changelog and downloads, in English and French, "
             "with diagrams drawn by Graphviz dot and an .htaccess for content negotiation."),
    "mappings": ("crosswalk_commands:mappings_command",
                 "Export the crosswalk to ESCO and O*NET as an SSSOM mapping set."),
    "match": ("crosswalk_commands:match_command",
              "Rank the roles that fit a person's competencies, with the gap to each."),
    "search": ("crosswalk_commands:search_command",
               "Find roles and competencies by any English or French label, alternative labels "
               "included, ignoring case and accents; best matches first."),
}

main.add_lazy_commands(COMMANDS)
