"""The IRIs of airoles-kg: a public contract that other tools and queries depend on.

:data:`PREFIXES` is plain text; the rdflib namespaces (``AIR``, ``ROLE``, ``OWL``...) are made
from it when first used, so a command that never builds an rdflib term (``query NAME``,
``show``) does not pay for importing rdflib.

>>> from airoles_kg.namespaces import AIR, ROLE
>>> str(AIR.Role)
'https://w3id.org/airoles/ontology#Role'
>>> str(ROLE["ai-engineer"])
'https://w3id.org/airoles/role/ai-engineer'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Namespace
    from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

    AIR: Namespace
    ROLE: Namespace
    COMP: Namespace
    SRC: Namespace
    FAM: Namespace
    REQ: Namespace
    AIRSH: Namespace
    VANN: Namespace

__all__ = [
    "AIR",
    "AIRSH",
    "BASE",
    "COMP",
    "DCTERMS",
    "FAM",
    "ONTOLOGY_IRI",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "REQ",
    "ROLE",
    "SH",
    "SKOS",
    "SRC",
    "VANN",
    "XSD",
]

BASE = "https://w3id.org/airoles/"
ONTOLOGY_IRI = BASE + "ontology"

#: Prefixes bound in every serialisation we write, in this order.
PREFIXES: dict[str, str] = {
    "air": BASE + "ontology#",
    "role": BASE + "role/",
    "comp": BASE + "competency/",
    "src": BASE + "source/",
    "fam": BASE + "family/",
    "req": BASE + "requirement/",
    "airsh": BASE + "shapes#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vann": "http://purl.org/vocab/vann/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Our namespaces (and VANN, which rdflib does not define), by the prefix they are made from.
_OURS = {"AIR": "air", "ROLE": "role", "COMP": "comp", "SRC": "src", "FAM": "fam",
         "REQ": "req", "AIRSH": "airsh", "VANN": "vann"}
# The W3C namespaces rdflib defines, with the terms it knows.
_RDFLIB = ("DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SH", "SKOS", "XSD")


def __getattr__(name: str) -> Any:
    """An rdflib namespace of :data:`__all__`, made (and kept) on first use."""
    value: Any
    if name in _OURS:
        from rdflib import Namespace

        value = Namespace(PREFIXES[_OURS[name]])
    elif name in _RDFLIB:
        from rdflib import namespace

        value = getattr(namespace, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
