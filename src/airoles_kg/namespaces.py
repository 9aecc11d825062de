"""The IRIs of airoles-kg: a public contract that other tools and queries depend on.

>>> str(AIR.Role)
'https://w3id.org/airoles/ontology#Role'
>>> str(ROLE["ai-engineer"])
'https://w3id.org/airoles/role/ai-engineer'
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

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

AIR = Namespace(BASE + "ontology#")
ROLE = Namespace(BASE + "role/")
COMP = Namespace(BASE + "competency/")
SRC = Namespace(BASE + "source/")
FAM = Namespace(BASE + "family/")
REQ = Namespace(BASE + "requirement/")
AIRSH = Namespace(BASE + "shapes#")
VANN = Namespace("http://purl.org/vocab/vann/")

#: Prefixes bound in every serialisation we write, in this order.
PREFIXES: dict[str, str] = {
    "air": str(AIR),
    "role": str(ROLE),
    "comp": str(COMP),
    "src": str(SRC),
    "fam": str(FAM),
    "req": str(REQ),
    "airsh": str(AIRSH),
    "dcterms": str(DCTERMS),
    "owl": str(OWL),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "sh": str(SH),
    "skos": str(SKOS),
    "vann": str(VANN),
    "xsd": str(XSD),
}
