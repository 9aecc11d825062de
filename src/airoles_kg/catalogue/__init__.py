"""The SPARQL query catalogue: ``.rq`` files with a machine-readable ``#+`` header, run with
parameters bound by the engine, their answers judged by their expectations and formatted."""
