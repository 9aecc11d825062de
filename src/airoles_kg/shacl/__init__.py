"""SHACL validation: a report model that knows no engine, the engines behind one interface
(pySHACL, the reference, and the fast engine compiled to SPARQL in :mod:`.fast`), a registry
that chooses one, and the renderers of reports."""
