"""Command-line interface (placeholder, filled in by the core work)."""
import click


@click.group()
@click.version_option(package_name="airoles-kg")
def main() -> None:
    """airoles-kg: a knowledge graph of AI job roles and the competencies they need."""
