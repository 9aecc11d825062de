"""``roles``, ``show`` and ``compare``: roles by any of their names, summarised and compared.

Without ``--data``, ``show`` and ``compare`` read the cached role index
(:mod:`airoles_kg.roles.index`), which needs no rdflib; with it, the merged graph."""

from __future__ import annotations

from pathlib import Path

import click

from airoles_kg.cli.options import data_option, echo, load

__all__ = ["compare_command", "roles_command", "show_command"]


@click.command("roles")
@data_option
def roles_command(data: tuple[Path, ...]) -> None:
    """List the roles: slug, English and French labels, family, number of requirements."""
    from airoles_kg.roles.render import format_role_list
    from airoles_kg.roles.summary import list_roles

    echo(format_role_list(list_roles(load(data))))


@click.command("show")
@click.argument("role")
@data_option
def show_command(role: str, data: tuple[Path, ...]) -> None:
    """Show a ROLE (slug, IRI, CURIE, or English or French label): labels, definition,
    family, lineage, sources and requirements."""
    if not data:
        from airoles_kg.roles.index import load_role_index

        echo(load_role_index().show(role))
        return
    from airoles_kg.roles.render import format_summary
    from airoles_kg.roles.summary import role_summary

    echo(format_summary(role_summary(load(data), role)))


@click.command("compare")
@click.argument("role_a", metavar="ROLE_A")
@click.argument("role_b", metavar="ROLE_B")
@data_option
def compare_command(role_a: str, role_b: str, data: tuple[Path, ...]) -> None:
    """Compare two roles: competencies shared, and required by only one, with levels."""
    if not data:
        from airoles_kg.roles.index import load_role_index

        echo(load_role_index().compare(role_a, role_b))
        return
    from airoles_kg.roles.compare import compare_roles
    from airoles_kg.roles.render import format_comparison

    graph = load(data)
    echo(format_comparison(graph, compare_roles(graph, role_a, role_b)))
