"""Query engines behind one interface (:class:`~airoles_kg.backends.base.Backend`): an rdflib
graph, the embedded Oxigraph store (in memory or persistent) and remote SPARQL endpoints, made
by one factory (:func:`~airoles_kg.backends.factory.open_backend`)."""
