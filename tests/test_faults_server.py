"""Faults and hostile input around serving, pushing and persistent stores, without a SPARQL
server: the front's SERVICE check, graph IRIs, a server that answers HTML to everything, two
processes on one store, a damaged store."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph

from airoles_kg.backends.store import SIDECAR, open_store, recorded_fingerprint
from airoles_kg.cli import main
from airoles_kg.errors import InputError
from airoles_kg.net.front import refusal, sparql_texts
from airoles_kg.net.push import check_graph_iri, push, staging_graph
from airoles_kg.net.server import TEMP_PREFIX, clean_stale_stores, is_loopback

# --------------------------------------------------------------------------------------------
# The front: SERVICE is a keyword only where the tokenizer says so

REFUSED = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:8890/sparql> { ?s ?p ?o } }",
    "select * { service silent <http://h/> { ?s ?p ?o } }",
    "SELECT * { SERVICE ?endpoint { ?s ?p ?o } VALUES ?endpoint { <http://h/> } }",
    "SELECT * {\n  # a comment first\n  OPTIONAL { SeRvIcE <http://h/> { ?s ?p ?o } } }",
    "SELECT * { \\u0053ERVICE <http://h/> { ?s ?p ?o } }",
    "INSERT { GRAPH <urn:g> { ?s ?p ?o } } WHERE { SERVICE <http://h/> { ?s ?p ?o } }",
]
ALLOWED = [
    'SELECT * WHERE { ?s ?p "SERVICE <http://h/>" }',
    "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://h/> { }",
    "SELECT ?service WHERE { ?service <http://e/SERVICE> ?o }",
    "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:SERVICE ?o }",
    "SELECT * WHERE { ?s ?p '''\nSERVICE <http://h/> { }\n''' }",
]


@pytest.mark.parametrize("sparql", REFUSED)
def test_front_refuses_service(sparql: str) -> None:
    why = refusal(sparql)
    assert why is not None and "--allow-service" in why


@pytest.mark.parametrize("sparql", ALLOWED)
def test_front_allows_service_in_strings_comments_and_names(sparql: str) -> None:
    assert refusal(sparql) is None


def test_front_reads_every_place_a_request_holds_sparql() -> None:
    assert sparql_texts("/query?query=ASK%7B%7D", "", b"") == {"query": ["ASK{}"], "update": []}
    form = sparql_texts("/query", "application/x-www-form-urlencoded; charset=UTF-8",
                        b"query=SELECT+1&default-graph-uri=urn%3Ag")
    assert form["query"] == ["SELECT 1"]
    body = sparql_texts("/update", "application/sparql-update", b"DROP ALL")
    assert body == {"query": [], "update": ["DROP ALL"]}
    assert sparql_texts("/store?graph=urn%3Ag", "application/n-triples", b"<a> <b> <c> .") == \
        {"query": [], "update": []}


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("127.1.2.3") and is_loopback("::1")
    assert is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("203.0.113.5")


def test_stale_temporary_stores_of_dead_servers_are_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])  # noqa: S603
    dead.wait()
    stale = tmp_path / f"{TEMP_PREFIX}{dead.pid}-abc"
    live = tmp_path / f"{TEMP_PREFIX}{__import__('os').getpid()}-def"
    other = tmp_path / "airoles-kg-serve-notapid"
    for folder in (stale, live, other):
        folder.mkdir()
        (folder / "CURRENT").write_text("x")
    assert clean_stale_stores(tmp_path) == [stale]
    assert not stale.exists() and live.exists() and other.exists()


# --------------------------------------------------------------------------------------------
# push: bad graph IRIs, and a server that says 200 text/html to everything


@pytest.mark.parametrize("iri", ["https://e.org/g>", "https://e.org/a b", "", "urn:x{y}",
                                 'https://e.org/"', "relative/graph"])
def test_bad_graph_iri_is_input_error(iri: str) -> None:
    with pytest.raises(InputError, match="--graph"):
        check_graph_iri(iri)


class _Html(BaseHTTPRequestHandler):
    """Answers every request 200 text/html, as a web server that is no SPARQL server; but 404
    under ``/nogsp``, so that ``push`` falls back to SPARQL Update."""

    seen: list[str]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _any(self) -> None:
        self.server.seen.append(f"{self.command} {self.path}")  # type: ignore[attr-defined]
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        page = b"<!doctype html><html><body>Welcome</body></html>"
        self.send_response(404 if self.path.startswith("/nogsp") else 200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    do_GET = do_POST = do_PUT = do_HEAD = _any


@pytest.fixture
def html_server() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Html)
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("gsp", [True, False])
def test_push_to_a_server_that_answers_html_is_exit_1(html_server: ThreadingHTTPServer,
                                                      gsp: bool) -> None:
    url = f"http://127.0.0.1:{html_server.server_address[1]}"
    args = ["push", "--endpoint", f"{url}/update", "--timeout", "5"]
    result = CliRunner().invoke(main, args if gsp else [*args, "--gsp-endpoint",
                                                        f"{url}/nogsp"])
    assert result.exit_code == 1, result.output
    assert "pushed" not in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: pushed, but could not count"), lines
    seen = html_server.seen  # type: ignore[attr-defined]
    if gsp:
        assert seen[0].startswith("PUT /update?graph=") and seen[1] == "POST /query"
    else:
        assert seen[0].startswith("PUT /nogsp?graph=") and seen[1] == "POST /update"
        assert seen[-1] == "POST /query"


@pytest.mark.parametrize("iri", ["https://w3id.org/airoles/ontology> } ; DROP ALL ; #",
                                 "https://e.org/a b"])
def test_push_bad_graph_iri_is_exit_2_before_any_request(html_server: ThreadingHTTPServer,
                                                         iri: str) -> None:
    url = f"http://127.0.0.1:{html_server.server_address[1]}"
    for extra in ([], ["--gsp-endpoint", f"{url}/none"]):
        result = CliRunner().invoke(main, ["push", "--endpoint", f"{url}/update",
                                           "--graph", iri, *extra])
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("error: --graph ") and "not an IRI" in result.stderr
    assert html_server.seen == []  # type: ignore[attr-defined]
    with pytest.raises(InputError):
        push(Graph(), f"{url}/update", graph_iri=iri)
    assert html_server.seen == []  # type: ignore[attr-defined]


def test_staging_graph_is_one_per_target() -> None:
    assert staging_graph("https://e.org/a") == staging_graph("https://e.org/a")
    assert staging_graph("https://e.org/a") != staging_graph("https://e.org/b")
    assert staging_graph("https://e.org/a").startswith("urn:airoles-kg:push-staging:")


# --------------------------------------------------------------------------------------------
# Persistent stores: no bookkeeping in the data, two processes, damaged files


def _all_quads(backend: object) -> int:
    store = backend.store  # type: ignore[attr-defined]
    return sum(1 for _ in store.quads_for_pattern(None, None, None, None))


def test_store_records_its_build_beside_the_data(tmp_path: Path, kg: Graph) -> None:
    folder = tmp_path / "store"
    backend, loaded = open_store(folder, kg, fingerprint="build-1")
    assert loaded and _all_quads(backend) == len(kg)  # every graph: the build and nothing else
    del backend
    record = json.loads((folder / SIDECAR).read_text())
    assert record["fingerprint"] == "build-1" and record["version"]
    assert recorded_fingerprint(folder) == "build-1"


def _open_in_child(folder: Path, fingerprint: str, wait: float = 10.0,
                   hold: float = 0.0) -> subprocess.Popen[str]:
    code = (
        "import sys, time\n"
        "from airoles_kg.backends.store import open_store\n"
        "from airoles_kg.errors import InputError\n"
        "from rdflib import Graph\n"
        "g = Graph().parse(data='<urn:a> <urn:b> <urn:c> .', format='nt')\n"
        "try:\n"
        f"    b, loaded = open_store({str(folder)!r}, g, fingerprint={fingerprint!r},"
        f" wait={wait})\n"
        "except InputError as e:\n"
        "    print('error:', e); sys.exit(2)\n"
        "print('opened', loaded, len(b), flush=True)\n"
        f"time.sleep({hold})\n"
    )
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,  # noqa: S603
                            stderr=subprocess.PIPE, text=True)


def test_two_processes_on_one_current_store_both_read(tmp_path: Path, kg: Graph) -> None:
    folder = tmp_path / "store"
    backend, _ = open_store(folder, kg, fingerprint="same")  # this process holds it open
    children = [_open_in_child(folder, "same") for _ in range(2)]
    outs = [child.communicate(timeout=60) for child in children]
    assert [c.returncode for c in children] == [0, 0], outs
    assert all(out.startswith(f"opened False {len(kg)}") for out, _ in outs), outs
    del backend


def test_a_store_being_written_is_waited_for_then_a_clear_error(tmp_path: Path,
                                                                kg: Graph) -> None:
    folder = tmp_path / "store"
    backend, _ = open_store(folder, kg, fingerprint="old")  # open for writing: holds the lock
    child = _open_in_child(folder, "new", wait=1.0)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 2, (out, err)
    assert "in use by another process" in out and "waited 1 s" in out
    assert "LOCK" not in out and "Traceback" not in err
    # Once the holder lets go, the waiting process takes the store over and reloads it.
    waiting = _open_in_child(folder, "new", wait=30.0)
    time.sleep(3)  # let it start and wait for the lock (its imports take a second or two)
    del backend
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, (out, err)
    assert out.startswith("opened True 1")


def test_a_store_that_lost_quads_is_reloaded(tmp_path: Path, kg: Graph) -> None:
    # A damaged manifest can open without an error as an emptier store (seen on CI): the
    # record's quad count, not the fingerprint alone, says whether the store holds the build.
    folder = tmp_path / "store"
    backend, _ = open_store(folder, kg, fingerprint="build-1")
    del backend
    store = pyoxigraph.Store(str(folder))
    store.clear()
    store.flush()
    del store
    backend, loaded = open_store(folder, kg, fingerprint="build-1")
    assert loaded and _all_quads(backend) == len(kg)


@pytest.mark.parametrize("damage", ["truncate-sst", "garble-sst", "truncate-manifest",
                                    "truncate-current"])
def test_damaged_store_is_rebuilt_and_answers(tmp_path: Path, kg: Graph, damage: str) -> None:
    folder = tmp_path / "store"
    backend, _ = open_store(folder, kg)
    del backend
    kind, _, name = damage.partition("-")
    pattern = {"sst": "*.sst", "manifest": "MANIFEST-*", "current": "CURRENT"}[name]
    for path in sorted(folder.glob(pattern)):
        size = path.stat().st_size
        with path.open("r+b") as handle:
            if kind == "truncate":
                handle.truncate(size // 2)
            else:
                handle.seek(min(64, size // 4))
                handle.write(b"\xff" * min(512, size // 2))
    result = CliRunner().invoke(main, ["query", "statistics", "--store", str(folder),
                                       "--format", "csv"])
    assert result.exit_code == 0, result.output
    here = CliRunner().invoke(main, ["query", "statistics", "--format", "csv"])
    assert sorted(result.stdout.splitlines()) == sorted(here.stdout.splitlines())
    backend, loaded = open_store(folder)
    assert not loaded and _all_quads(backend) == len(kg)
    del backend


def test_folder_that_is_not_a_store_is_never_emptied(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("precious")
    backend, loaded = open_store(other, Graph(), fingerprint="x")  # no damage: just used
    assert loaded and (other / "notes.txt").read_text() == "precious"
    del backend
