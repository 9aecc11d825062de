"""The reference pages, in one language each: the ontology (classes, properties, individuals
with their axioms), the SHACL shapes, the query catalogue with example answers, the quality
report, the changelog between releases, and the downloads with their checksums.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from airoles_kg.catalogue.files import list_queries
from airoles_kg.catalogue.run import QueryResult
from airoles_kg.namespaces import AIR, AIRSH, BASE, DCTERMS, OWL, RDF, RDFS, SH, SKOS
from airoles_kg.pipeline.diff import GraphDiff, diff_graphs, load_side
from airoles_kg.pipeline.gate import example_params
from airoles_kg.pipeline.release import prior_version
from airoles_kg.pipeline.report import QualityReport, run_report
from airoles_kg.rdf.terms import shorten_iri
from airoles_kg.site.diagrams import Box, Edge, digraph
from airoles_kg.site.html import esc, link, page, table
from airoles_kg.site.layout import DIAGRAMS, DOWNLOADS, Context, text_in
from airoles_kg.site.manchester import expression
from airoles_kg.site.words import word

__all__ = ["changelog_page", "reference_pages", "released_versions"]

_CHARACTERISTICS = (OWL.FunctionalProperty, OWL.InverseFunctionalProperty,
                    OWL.TransitiveProperty, OWL.SymmetricProperty, OWL.AsymmetricProperty,
                    OWL.ReflexiveProperty, OWL.IrreflexiveProperty)
_KINDS = (("classes", OWL.Class), ("object_properties", OWL.ObjectProperty),
          ("datatype_properties", OWL.DatatypeProperty),
          ("annotation_properties", OWL.AnnotationProperty))
_FORMATS = {".ttl": "Turtle (text/turtle)", ".nt": "N-Triples (application/n-triples)",
            ".jsonld": "JSON-LD (application/ld+json)", ".owl": "RDF/XML (application/rdf+xml)"}


def _ours(graph: Graph, kind: URIRef) -> list[URIRef]:
    return sorted((s for s in graph.subjects(RDF.type, kind)
                   if isinstance(s, URIRef) and str(s).startswith(str(AIR))), key=str)


def _local(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _names(ctx: Context, source: str, nodes: Iterable[Node], lang: str) -> str:
    shown = []
    for node in sorted(nodes, key=str):
        if isinstance(node, URIRef) and str(node).startswith(str(AIR)):
            shown.append(link(source, f"{lang}/ontology.html#{_local(node)}",
                              shorten_iri(str(node))))
        elif isinstance(node, URIRef):
            shown.append(f"<code>{esc(shorten_iri(str(node)))}</code>")
        else:
            shown.append(f"<code>{esc(expression(ctx.graph, node))}</code>")
    return ", ".join(shown)


def _term(ctx: Context, term: URIRef, source: str, lang: str) -> str:
    graph = ctx.graph
    label = text_in(graph, term, lang) or _local(term)
    definition = text_in(graph, term, lang, (SKOS.definition, RDFS.comment))
    facts: list[tuple[str, str]] = []

    def fact(key: str, nodes: Iterable[Node]) -> None:
        found = list(nodes)
        if found:
            facts.append((word(lang, key), _names(ctx, source, found, lang)))

    fact("superclasses", graph.objects(term, RDFS.subClassOf))
    fact("equivalent", graph.objects(term, OWL.equivalentClass))
    fact("disjoint", graph.objects(term, OWL.disjointWith))
    fact("subclasses", (s for s in graph.subjects(RDFS.subClassOf, term)
                        if isinstance(s, URIRef)))
    fact("super_properties", graph.objects(term, RDFS.subPropertyOf))
    fact("inverse", graph.objects(term, OWL.inverseOf))
    fact("domain", graph.objects(term, RDFS.domain))
    fact("range", graph.objects(term, RDFS.range))
    fact("characteristics", (t for t in graph.objects(term, RDF.type) if t in _CHARACTERISTICS))
    if (term, RDF.type, OWL.NamedIndividual) in graph:
        fact("types", (t for t in graph.objects(term, RDF.type) if t != OWL.NamedIndividual))
        values = [f"<code>{esc(shorten_iri(str(p)))}</code> {esc(o)}"
                  for p, o in sorted(graph.predicate_objects(term), key=str)
                  if isinstance(o, Literal) and not o.language and p != OWL.versionInfo]
        if values:
            facts.append((word(lang, "facts"), "; ".join(values)))
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts)
    return (f'<section class="term" id="{esc(_local(term))}" data-iri="{esc(str(term))}">'
            f"<h3>{esc(label)}</h3>"
            f'<p class="iri"><code>{esc(shorten_iri(str(term)))}</code> '
            f"<code>{esc(str(term))}</code></p>"
            + (f"<p>{esc(definition)}</p>" if definition else "")
            + (f'<dl class="facts">{rows}</dl>' if rows else "") + "</section>")


def _ontology(ctx: Context, lang: str) -> None:
    graph = ctx.graph
    path = f"{lang}/ontology.html"
    ontology = URIRef(BASE + "ontology")
    description = text_in(graph, ontology, lang, (DCTERMS.description,))
    body = [f"<p>{esc(description)}</p>" if description else ""]
    modules = sorted((m for m in graph.subjects(RDF.type, OWL.Ontology)
                      if isinstance(m, URIRef) and str(m).startswith(str(ontology) + "/")),
                     key=str)
    body.append(f"<h2>{esc(word(lang, 'modules'))}</h2><ul>")
    for module in modules:
        name = str(module).rsplit("/", 1)[1]
        body.append(f'<li id="module-{esc(name)}" data-iri="{esc(str(module))}">'
                    f"<code>{esc(str(module))}</code>: "
                    f"{esc(text_in(graph, module, lang, (DCTERMS.title,)))}</li>")
    body.append("</ul>")
    classes = _ours(graph, OWL.Class)
    nodes = [Box(_local(c), _local(c)) for c in classes]
    edges = [Edge(_local(c), _local(s)) for c in classes for s in graph.objects(c, RDFS.subClassOf)
             if s in set(classes)]
    for c in classes:  # a defined class points (dashed) at the named classes it intersects
        for definition in graph.objects(c, OWL.equivalentClass):
            members = graph.value(definition, OWL.intersectionOf)
            if members is not None:
                edges += [Edge(_local(c), _local(m), dashed=True)
                          for m in Collection(graph, members) if m in set(classes)]
    properties = _ours(graph, OWL.ObjectProperty)
    pnodes = {Box(_local(x), _local(x)) for p in properties for x in (
        *graph.objects(p, RDFS.domain), *graph.objects(p, RDFS.range))
        if isinstance(x, URIRef) and str(x).startswith(str(AIR))}
    pedges = [Edge(_local(d), _local(r), label=_local(p)) for p in properties
              for d in graph.objects(p, RDFS.domain) for r in graph.objects(p, RDFS.range)
              if Box(_local(d), _local(d)) in pnodes and Box(_local(r), _local(r)) in pnodes]
    for key, kind in _KINDS:
        terms = _ours(graph, kind)
        body.append(f"<h2>{esc(word(lang, key))} ({len(terms)})</h2>")
        if key == "classes":
            body.append(ctx.figure(path, f"{DIAGRAMS}/{lang}/classes.svg",
                                   digraph("classes", nodes, edges, rankdir="RL"),
                                   word(lang, "diagram_alt_classes"),
                                   word(lang, "class_diagram")))
        if key == "object_properties":
            body.append(ctx.figure(path, f"{DIAGRAMS}/{lang}/properties.svg",
                                   digraph("properties", pnodes, pedges, rankdir="LR"),
                                   word(lang, "diagram_alt_properties"),
                                   word(lang, "property_diagram")))
        body.extend(_term(ctx, t, path, lang) for t in terms)
    individuals = [i for i in _ours(graph, OWL.NamedIndividual)]
    body.append(f"<h2>{esc(word(lang, 'individuals'))} ({len(individuals)})</h2>")
    body.extend(_term(ctx, t, path, lang) for t in individuals)
    title = text_in(graph, ontology, lang, (DCTERMS.title,)) or word(lang, "ontology")
    ctx.add(path, page(path, ctx.nav(lang), title, "\n".join(body), iri=str(ontology)))


def _shapes(ctx: Context, shapes: Graph, lang: str) -> None:
    path = f"{lang}/shapes.html"
    found = sorted({s for kind in (SH.NodeShape, SH.PropertyShape)
                    for s in shapes.subjects(RDF.type, kind) if isinstance(s, URIRef)}, key=str)
    modules = sorted(str(m) for m in shapes.subjects(RDF.type, OWL.Ontology))
    body = [f"<p>{esc(word(lang, 'shapes_intro'))}</p>",
            f"<h2>{esc(word(lang, 'modules'))}</h2><ul>" + "".join(
                f'<li data-iri="{esc(m)}"><code>{esc(m)}</code>: '
                f"{esc(text_in(shapes, URIRef(m), lang, (DCTERMS.title,)))}</li>"
                for m in modules) + "</ul>",
            f"<h2>{esc(word(lang, 'version_iris'))}</h2><ul>" + "".join(
                f'<li data-iri="{esc(v)}"><code>{esc(v)}</code></li>'
                for v in sorted(str(v) for v in shapes.objects(None, OWL.versionIRI)))
            + "</ul>"]
    skip = {RDF.type, SH.message, SH.severity, SH.path, SH.targetClass, SH.targetNode,
            SH.targetSubjectsOf, SH.targetObjectsOf, RDFS.label, RDFS.comment, SH.name,
            SH.description, RDFS.isDefinedBy}
    for shape in found:
        severity = shapes.value(shape, SH.severity) or SH.Violation
        messages = [str(m) for m in shapes.objects(shape, SH.message)
                    if isinstance(m, Literal) and m.language == lang]
        targets = [shorten_iri(str(t)) for p in (SH.targetClass, SH.targetNode,
                                                  SH.targetSubjectsOf, SH.targetObjectsOf)
                   for t in shapes.objects(shape, p)]
        path_node = shapes.value(shape, SH.path)
        constraints = [f"{shorten_iri(str(p))} {_shape_value(shapes, o)}"
                       for p, o in sorted(shapes.predicate_objects(shape), key=str)
                       if p not in skip and str(p).startswith(str(SH))]
        facts = [
            (word(lang, "severity"), esc(_local(severity))),
            (word(lang, "targets"), esc(", ".join(sorted(targets)))),
            (word(lang, "path"), esc(_shape_value(shapes, path_node))
             if path_node is not None else ""),
            (word(lang, "constraints"), "<br>".join(esc(c) for c in constraints)),
            (word(lang, "message"), "<br>".join(esc(m) for m in sorted(messages))),
        ]
        rows = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts if v)
        name = str(shape)[len(str(AIRSH)):] if str(shape).startswith(str(AIRSH)) else str(shape)
        body.append(f'<section class="term" id="{esc(name)}" data-iri="{esc(str(shape))}">'
                    f"<h2>{esc(name)}</h2><dl class=\"facts\">{rows}</dl></section>")
    ctx.add(path, page(path, ctx.nav(lang), word(lang, "shapes"), "\n".join(body),
                       iri=BASE + "shapes"))


def _shape_value(graph: Graph, node: Node | None) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return shorten_iri(str(node))
    if isinstance(node, Literal):
        return str(node)
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return f"^{_shape_value(graph, inverse)}"
    if graph.value(node, RDF.first) is not None:
        return "(" + " ".join(_shape_value(graph, m) for m in Collection(graph, node)) + ")"
    return expression(graph, node)


def _cell(ctx: Context, node: Node | None, lang: str) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return esc(shorten_iri(str(node)))
    return esc(node)


def _example(ctx: Context, result: QueryResult, lang: str, limit: int = 10) -> str:
    if result.form == "ASK":
        return f"<p>{esc(word(lang, 'ask_answer'))}: <code>{result.boolean}</code></p>"
    if result.form != "SELECT":
        return f"<p>{len(result)}</p>"
    rows = [[_cell(ctx, v, lang) for v in row] for row in result.rows[:limit]]
    shown = min(limit, len(result.rows))
    return (table([f"?{v}" for v in result.variables], rows)
            + f"<p>{esc(word(lang, 'rows_shown', shown=shown, total=len(result.rows)))}</p>")


def _queries(ctx: Context, lang: str) -> None:
    path = f"{lang}/queries.html"
    body = [f"<p>{esc(word(lang, 'queries_intro'))}</p>", "<ul>"]
    queries = list_queries()
    body += [f'<li><a href="#{esc(q.name)}">{esc(q.name)}</a></li>' for q in queries]
    body.append("</ul>")
    for query in queries:
        params = "".join(
            f"<li><code>{esc(p.name)}</code> ({esc(p.type)}, "
            f"{esc(word(lang, 'required' if p.required else 'optional'))}): "
            f"{esc(p.description)}</li>" for p in query.params)
        values = example_params(query)
        if values is None:
            example = f"<p>{esc(word(lang, 'no_example'))}</p>"
        else:
            with_text = ", ".join(f"{k}={v}" for k, v in sorted(values.items()))
            result = ctx.run(query, values)
            example = ((f"<p>{esc(word(lang, 'example_with'))}: <code>{esc(with_text)}</code>"
                        "</p>" if values else "") + _example(ctx, result, lang))
        english = "" if lang == "en" else ' lang="en"'  # the catalogue is written in English
        body.append(
            f'<section class="term" id="{esc(query.name)}"><h2>{esc(query.name)}</h2>'
            f"<p{english}>{esc(query.description)}</p>"
            + (f"<h3>{esc(word(lang, 'parameters'))}</h3><ul{english}>{params}</ul>"
               if params else "")
            + f"<h3>{esc(word(lang, 'text'))}</h3>"
            f'<pre tabindex="0"><code>{esc(query.path.read_text(encoding="utf-8"))}</code></pre>'
            f"<h3>{esc(word(lang, 'example'))}</h3>{example}</section>")
    ctx.add(path, page(path, ctx.nav(lang), word(lang, "queries"), "\n".join(body)))


def _quality(ctx: Context, lang: str) -> None:
    path = f"{lang}/quality.html"
    report = ctx.memo.get("quality")
    if not isinstance(report, QualityReport):
        report = ctx.memo["quality"] = run_report(ctx.store)
    counts = report.counts()
    body = [
        f"<p>{esc(word(lang, 'quality_intro'))}</p>",
        f"<p>{esc(word(lang, 'checks_run', checks=len(report.checks)))}</p>",
        table([word(lang, "severity"), word(lang, "count")],
              [(esc(level), esc(n)) for level, n in counts.items()], numeric=[1]),
    ]
    if report.findings:
        body.append("<div>" if lang == "en" else '<div lang="en">')  # the checks' words
        body.append(table(
            [word(lang, "severity"), word(lang, "rule"), word(lang, "subject"),
             word(lang, "property"), word(lang, "value"), word(lang, "message")],
            [[esc(c) for c in f.as_row()] for f in report.findings]))
        body.append("</div>")
    else:
        body.append(f"<p>{esc(word(lang, 'no_finding'))}</p>")
    ctx.add(path, page(path, ctx.nav(lang), word(lang, "quality"), "\n".join(body)))


def released_versions(releases: Path | None, current: str) -> list[str]:
    """The versions released in ``releases`` (a folder of ``<version>/SHA256SUMS``), oldest
    first, up to and including ``current``."""
    if releases is None or not releases.is_dir():
        return []
    found: list[str] = []
    below = current + ".1"  # so that ``current`` itself counts, when it is released
    while (version := prior_version(releases, below)) is not None:
        found.append(version)
        below = version
    return list(reversed(found))


def _diff_html(diff: GraphDiff, lang: str) -> str:
    if diff.empty:
        return f"<p>{esc(word(lang, 'no_change'))}</p>"
    out = [table([word(lang, "change"), word(lang, "count")],
                 [(esc(k), esc(v)) for k, v in diff.summary().items() if v], numeric=[1])]
    for key, items in (("added", [*diff.roles_added, *diff.competencies_added,
                                  *diff.requirements_added]),
                       ("removed", [*diff.roles_removed, *diff.competencies_removed,
                                    *diff.requirements_removed])):
        if items:
            out.append(f"<h3>{esc(word(lang, key))}</h3><ul>"
                       + "".join(f"<li><code>{esc(shorten_iri(i))}</code></li>" for i in items)
                       + "</ul>")
    for change in diff.requirements_changed:
        out.append(f"<p><code>{esc(shorten_iri(change.requirement))}</code> "
                   f"{esc(shorten_iri(change.attribute))}: {esc(shorten_iri(change.old))} → "
                   f"{esc(shorten_iri(change.new))}</p>")
    if diff.labels:
        out.append("<ul>" + "".join(
            f"<li><code>{esc(shorten_iri(c.subject))}</code> {esc(shorten_iri(c.predicate))}"
            f"{'@' + esc(c.language) if c.language else ''}: {esc(c.old)} → {esc(c.new)}</li>"
            for c in diff.labels) + "</ul>")
    for key, lines in (("added", diff.axioms_added), ("removed", diff.axioms_removed)):
        if lines:
            out.append(f"<h3>{esc(word(lang, key))} ({len(lines)})</h3>"
                       '<pre tabindex="0"><code>'
                       + esc("\n".join(lines)) + "</code></pre>")
    return "\n".join(out)


def changelog_page(ctx: Context, lang: str, releases: Path | None) -> None:
    """Add the changelog page in ``lang``: this build against the latest release in
    ``releases``, then each release against the one before; or that no release exists."""
    path = f"{lang}/changelog.html"
    versions = released_versions(releases, ctx.version)
    body: list[str] = []
    if not versions or releases is None:
        body.append(f"<p>{esc(word(lang, 'no_release'))}</p>")
    else:
        latest = versions[-1]
        body.append(f"<h2>{esc(word(lang, 'changes_since', old=latest, new=ctx.version))}</h2>")
        body.append(_diff_html(diff_graphs(load_side(releases / latest), ctx.graph,
                                           old_name=latest, new_name=ctx.version), lang))
        for old, new in reversed(list(zip(versions, versions[1:], strict=False))):
            body.append(f"<h2>{esc(word(lang, 'changes_between', old=old, new=new))}</h2>")
            body.append(_diff_html(diff_graphs(load_side(releases / old),
                                               load_side(releases / new),
                                               old_name=old, new_name=new), lang))
    ctx.add(path, page(path, ctx.nav(lang), word(lang, "changelog"), "\n".join(body)))


def _downloads(ctx: Context, lang: str, artefacts: dict[str, bytes],
               releases: Path | None) -> None:
    path = f"{lang}/downloads.html"
    rows = []
    for name in sorted(artefacts):
        data = artefacts[name]
        suffix = name[name.index("."):]
        rows.append((link(path, f"{DOWNLOADS}/{name}", name), esc(_FORMATS.get(suffix, "")),
                     esc(len(data)), f"<code>{hashlib.sha256(data).hexdigest()}</code>"))
    body = [f"<p>{esc(word(lang, 'downloads_intro'))}</p>",
            table([word(lang, "file"), word(lang, "format"), word(lang, "size"),
                   word(lang, "sha256")], rows, numeric=[2]),
            f"<p>{link(path, f'{DOWNLOADS}/SHA256SUMS', 'SHA256SUMS')}</p>",
            f"<h2>{esc(word(lang, 'releases'))}</h2>"]
    versions = released_versions(releases, ctx.version)
    if releases is None or not versions:
        body.append(f"<p>{esc(word(lang, 'no_release'))}</p>")
    else:
        for version in reversed(versions):
            sums = (releases / version / "SHA256SUMS").read_text(encoding="utf-8")
            body.append(f"<h3>{esc(version)}</h3>"
                        f'<pre tabindex="0"><code>{esc(sums)}</code></pre>')
    versions_of = sorted(str(v) for v in ctx.graph.objects(None, OWL.versionIRI))
    body.append(f"<h2>{esc(word(lang, 'version_iris'))}</h2><ul>" + "".join(
        f'<li data-iri="{esc(v)}"><code>{esc(v)}</code></li>' for v in versions_of) + "</ul>")
    ctx.add(path, page(path, ctx.nav(lang), word(lang, "downloads"), "\n".join(body)))


def reference_pages(ctx: Context, lang: str, *, shapes: Graph, artefacts: dict[str, bytes],
                    releases: Path | None) -> None:
    """Add the reference pages in ``lang`` to ``ctx``."""
    _ontology(ctx, lang)
    _shapes(ctx, shapes, lang)
    _queries(ctx, lang)
    _quality(ctx, lang)
    changelog_page(ctx, lang, releases)
    _downloads(ctx, lang, artefacts, releases)
