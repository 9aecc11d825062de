"""Putting the graph on a SPARQL server: the Oxigraph server over a store, and ``push``."""
