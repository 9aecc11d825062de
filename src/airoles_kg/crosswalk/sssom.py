"""The mapping set as SSSOM (https://w3id.org/sssom/), built and written with sssom-py.

Three serialisations: the SSSOM/TSV table with its YAML metadata block (``sssom-tsv``), SSSOM
JSON (``sssom-json``) and the SSSOM RDF model in canonical Turtle (``turtle``, written by
:func:`airoles_kg.rdf.serialize.to_turtle` so that it is byte-identical from run to run).
Identifiers are CURIEs of :data:`CURIE_MAP`; the mapping set is identified under our w3id
namespace and versioned with the project.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Sequence
from typing import Any

from airoles_kg.crosswalk.mappings import Mapping
from airoles_kg.errors import InputError
from airoles_kg.rdf.serialize import to_turtle

__all__ = [
    "CURIE_MAP",
    "FORMATS",
    "LICENSE",
    "MAPPING_SET_ID",
    "curie",
    "mapping_set",
    "render_mapping_set",
]

#: The prefixes of the mapping set (the SSSOM built-in ones, such as skos and semapv, aside).
CURIE_MAP: dict[str, str] = {
    "air": "https://w3id.org/airoles/ontology#",
    "role": "https://w3id.org/airoles/role/",
    "comp": "https://w3id.org/airoles/competency/",
    "onet": "https://w3id.org/airoles/onet/",
    "ESCO": "http://data.europa.eu/esco/",
}
_BUILT_IN: dict[str, str] = {
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "semapv": "https://w3id.org/semapv/vocab/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sssom": "https://w3id.org/sssom/",
}
MAPPING_SET_ID = "https://w3id.org/airoles/mappings/airoles-kg.sssom.tsv"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
TITLE = "airoles-kg crosswalk to ESCO v1.2.0 and O*NET 29.2"
DESCRIPTION = (
    "SKOS mappings from the roles and competencies of airoles-kg to ESCO v1.2.0 occupations "
    "and skills and to O*NET 29.2 occupations, Skills and Knowledge elements and Technology "
    "Skills commodities. O*NET publishes no IRIs: its codes are kept under the onet: prefix."
)
FORMATS = ("sssom-tsv", "sssom-json", "turtle")


def curie(iri: str) -> str:
    """The CURIE of ``iri`` with the longest matching prefix, else the IRI itself.

    >>> curie("http://data.europa.eu/esco/skill/abc"), curie("https://w3id.org/airoles/onet/x")
    ('ESCO:skill/abc', 'onet:x')
    """
    best = max(
        ((p, ns) for p, ns in {**_BUILT_IN, **CURIE_MAP}.items() if iri.startswith(ns)),
        key=lambda item: len(item[1]),
        default=None,
    )
    return iri if best is None else f"{best[0]}:{iri[len(best[1]):]}"


def mapping_set(mappings: Sequence[Mapping], version: str) -> Any:
    """The SSSOM ``MappingSetDataFrame`` of ``mappings`` (sssom-py's own model)."""
    import curies
    from sssom.sssom_document import MappingSetDocument
    from sssom.util import MappingSetDataFrame
    from sssom_schema import Mapping as SssomMapping
    from sssom_schema import MappingSet

    rows = []
    for m in mappings:
        fields: dict[str, Any] = {
            "subject_id": curie(m.subject),
            "predicate_id": curie(m.predicate),
            "object_id": curie(m.object),
            "mapping_justification": curie(m.justification),
        }
        if m.subject_label:
            fields["subject_label"] = m.subject_label
        if m.object_label:
            fields["object_label"] = m.object_label
        if m.confidence is not None:
            fields["confidence"] = m.confidence
        if m.comment:
            fields["comment"] = m.comment
        rows.append(SssomMapping(**fields))
    converter = curies.Converter.from_prefix_map({**CURIE_MAP, **_BUILT_IN})
    document = MappingSetDocument(
        mapping_set=MappingSet(
            mapping_set_id=MAPPING_SET_ID,
            license=LICENSE,
            mapping_set_version=version,
            mapping_set_title=TITLE,
            mapping_set_description=DESCRIPTION,
            mappings=rows,
        ),
        converter=converter,
    )
    return MappingSetDataFrame.from_mapping_set_document(document)


def render_mapping_set(mappings: Sequence[Mapping], version: str, fmt: str = "sssom-tsv") -> str:
    """The mapping set in one of :data:`FORMATS`, the same text from run to run."""
    if fmt not in FORMATS:
        raise InputError(f"unknown mapping format {fmt!r}: use {', '.join(FORMATS)}")
    # sssom-py logs warnings (about prefixes it does not know) that are not ours to show.
    logging.getLogger("sssom").setLevel(logging.ERROR)
    from sssom.writers import to_json, to_rdf_graph, write_table

    msdf = mapping_set(mappings, version)
    if fmt == "sssom-tsv":
        buffer = io.StringIO()
        write_table(msdf, buffer)
        return buffer.getvalue()
    if fmt == "sssom-json":
        return json.dumps(to_json(msdf), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return to_turtle(to_rdf_graph(msdf)).decode("utf-8")
