"""Integration tests: real SPARQL servers (Oxigraph, Virtuoso) started on 127.0.0.1."""
