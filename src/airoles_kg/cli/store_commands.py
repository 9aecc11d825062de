"""``serve`` and ``push``: the graph on a SPARQL server, ours (Oxigraph) or any other."""

from __future__ import annotations

import signal
from pathlib import Path

import click

from airoles_kg.errors import EndpointError, InputError

__all__ = ["push_command", "serve_command"]


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 exposes the endpoint, "
              "without authentication, on every interface).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on.")
@click.option("--store", "store_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Persistent store folder (loaded from the build if empty or "
              "out of date, reused otherwise). Default: a temporary folder.")
@click.option("--writable", is_flag=True,
              help="Accept SPARQL Update and Graph Store writes (read-only by default).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=1),
              metavar="SECONDS", help="Stop a query that runs longer than this.")
@click.option("--allow-service", is_flag=True,
              help="Allow federated queries (SERVICE), which make the server fetch any URL a "
              "client names (refused by default).")
@click.option("--allow-remote-writes", is_flag=True,
              help="Allow --writable with a --host other than loopback (anyone who reaches the "
              "address can change the data).")
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Also serve this site (airoles-kg docs) under / on the same "
              "port; the SPARQL paths stay where they are.")
def serve_command(host: str, port: int, store_dir: Path | None, writable: bool,
                  timeout: float, allow_service: bool, allow_remote_writes: bool,
                  site_dir: Path | None) -> None:
    """Serve the graph as a SPARQL 1.1 Protocol endpoint (the oxigraph server) until Ctrl-C."""
    from airoles_kg.net.server import OxigraphServer, is_loopback

    exposed = not is_loopback(host)
    if exposed and writable and not allow_remote_writes:
        raise InputError(f"--host {host} with --writable lets anyone who reaches it change "
                         "the data without a password; add --allow-remote-writes to do so")
    server = OxigraphServer(store_dir, host=host, port=port, writable=writable,
                            timeout=timeout, allow_service=allow_service, site=site_dir)

    def terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM and SIGHUP stop as cleanly as Ctrl-C

    stops = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
    previous = {number: signal.signal(number, terminate) for number in stops}
    try:
        server.start()
        state = "loaded the build into" if server.loaded else "reused"
        click.echo(f"store: {state} {server.store_dir} ({server.load_seconds:.2f} s)", err=True)
        if exposed:
            click.echo(f"warning: --host {host} is not loopback: the endpoint answers anyone who "
                       "reaches this address, without authentication", err=True)
        if site_dir is not None:
            click.echo(f"site: {server.base_url}/")
        click.echo(f"SPARQL endpoint: {server.query_url}"
                   f" ({'read-write' if writable else 'read-only'})")
        if writable:
            click.echo(f"SPARQL Update: {server.update_url}")
            click.echo(f"Graph Store: {server.store_url}")
        click.echo("Press Ctrl-C to stop.", err=True)
        code = server.wait()
        if code != 0:
            raise EndpointError(f"the oxigraph server stopped with exit code {code}")
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        for number in stops:  # a second signal while stopping would cut the clean-up short
            signal.signal(number, signal.SIG_IGN)
        server.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)


@click.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL Update endpoint; used for the Graph Store protocol too unless "
              "--gsp-endpoint names another URL (Oxigraph serves it at /store).")
@click.option("--graph", "graph_iri", default=None, metavar="IRI",
              help="Named graph to replace. Default: the ontology IRI "
              "https://w3id.org/airoles/ontology.")
@click.option("--gsp-endpoint", default=None, metavar="URL",
              help="Graph Store HTTP Protocol endpoint, if not the --endpoint URL.")
@click.option("--query-endpoint", default=None, metavar="URL",
              help="SPARQL query endpoint where the pushed triples are counted afterwards. "
              "Default: the --endpoint URL, with /query for a final /update.")
@click.option("--user", default=None, help="User name for HTTP digest or basic authentication.")
@click.option("--password-env", default=None, metavar="VAR",
              help="Name of the environment variable that holds the password.")
@click.option("--chunk-size", default=2000, show_default=True, type=click.IntRange(1),
              help="Triples per INSERT DATA request when falling back to SPARQL Update.")
@click.option("--timeout", default=120.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds to wait for each request.")
@click.option("--data", "data", multiple=True, type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Extra RDF files to merge into the graph (repeatable).")
def push_command(endpoint: str, graph_iri: str | None, gsp_endpoint: str | None,
                 query_endpoint: str | None, user: str | None, password_env: str | None,
                 chunk_size: int, timeout: float, data: tuple[Path, ...]) -> None:
    """Publish the build to a SPARQL server, replacing one named graph (idempotent, atomic),
    then count the triples there."""
    from airoles_kg.backends.http import password_from_env
    from airoles_kg.kg.load import load_graph
    from airoles_kg.net.push import DEFAULT_GRAPH_IRI, check_graph_iri, push

    target = check_graph_iri(graph_iri or DEFAULT_GRAPH_IRI)
    password = password_from_env(user, password_env)
    graph = load_graph(list(data) or None)
    report = push(graph, endpoint, graph_iri=target, gsp_endpoint=gsp_endpoint,
                  query_endpoint=query_endpoint, user=user, password=password,
                  chunk_size=chunk_size, timeout=timeout)
    how = ("Graph Store PUT" if report.method == "gsp"
           else f"SPARQL Update ({report.requests} requests)")
    click.echo(f"pushed {report.triples} triples into <{report.graph}> by {how} "
               f"in {report.seconds:.2f} s (counted there: {report.counted})")
