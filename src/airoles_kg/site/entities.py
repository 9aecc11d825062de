"""The pages of the knowledge base, in one language each: home, one page per role,
competency and family, the competency scheme, the sources and the crosswalk.

Each page about an IRI says so with ``data-iri`` on the element that describes it (the page's
``<main>``, or the section or row of a part of a page), so a crawler can check that every IRI
has exactly one page.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.term import Node

from airoles_kg.namespaces import AIR, BASE, COMP, DCTERMS, FAM, PROV, RDF, ROLE, SKOS, SRC
from airoles_kg.roles.names import role_iris, slug
from airoles_kg.roles.summary import int_value, role_summary
from airoles_kg.site.diagrams import Box, Edge, digraph
from airoles_kg.site.html import REFERENCE_PAGES, esc, link, page, reference_links, table
from airoles_kg.site.layout import DIAGRAMS, Context, axiom_notes, page_of, text_in
from airoles_kg.site.words import METRICS, word

__all__ = ["competency_iris", "entity_pages"]

_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch,
            SKOS.relatedMatch)
_COMPETENCY_TYPES = (AIR.Skill, AIR.Knowledge, AIR.Technology, AIR.TransversalCompetency)


def competency_iris(ctx: Context) -> list[URIRef]:
    """Every competency of the scheme, sorted."""
    graph = ctx.graph
    return sorted({c for t in _COMPETENCY_TYPES for c in graph.subjects(RDF.type, t)
                   if isinstance(c, URIRef)}, key=str)


def _local(node: Node) -> str:
    return slug(node)


def _iri_line(node: Node, lang: str) -> str:
    return (f'<p class="iri">{esc(word(lang, "iri"))}: <code>{esc(str(node))}</code></p>')


def _links(ctx: Context, source: str, nodes: Iterable[Node], lang: str) -> str:
    items = sorted(nodes, key=lambda n: ctx.label(n, lang).casefold())
    if not items:
        return f"<p>{esc(word(lang, 'none'))}</p>"
    return "<ul>" + "".join(f"<li>{ctx.link_to(source, n, lang)}</li>" for n in items) + "</ul>"


def _statistics(ctx: Context, lang: str) -> str:
    result = ctx.run("statistics", {})
    rows = []
    for row in result.as_dicts():
        metric = str(row.get("metric", ""))
        shown = METRICS.get(metric, metric) if lang == "fr" else metric
        rows.append((esc(shown), esc(row.get("value", ""))))
    return table([word(lang, "metric"), word(lang, "value")], rows, numeric=[1])


def _lineage_dot(ctx: Context, lang: str, roles: list[URIRef],
                 focus: URIRef | None = None) -> str:
    graph = ctx.graph
    keep = set(roles)
    nodes = [Box(slug(r), ctx.label(r, lang), r == focus) for r in roles]
    edges = [Edge(slug(r), slug(o)) for r in roles for o in graph.objects(r, AIR.evolvedFrom)
             if o in keep]
    edges += [Edge(slug(r), slug(o), dashed=True) for r in roles
              for o in graph.objects(r, AIR.specializationOf) if o in keep]
    if focus is not None:  # related roles, one undirected-looking edge per pair
        pairs = {tuple(sorted((slug(r), slug(o)))) for r in roles
                 for o in graph.objects(r, AIR.relatedRole) if o in keep and focus in (r, o)}
        edges += [Edge(a, b, label=word(lang, "related_edge"), dashed=True)
                  for a, b in pairs]
    return digraph("lineage", nodes, edges)


def _home(ctx: Context, lang: str) -> None:
    graph = ctx.graph
    path = f"{lang}/index.html"
    roles = role_iris(graph)
    ai = [r for r in roles if (r, DCTERMS.source, SRC["seed-article"]) in graph]
    older = [r for r in roles if r not in ai]
    families = sorted({f for r in roles for f in graph.objects(r, AIR.family)}, key=str)
    everything = reference_links(lang, (*REFERENCE_PAGES, "sources", "crosswalk"))
    agents = sorted({a for a in graph.objects(None, DCTERMS.creator)
                     if isinstance(a, URIRef) and page_of(str(a), lang)}, key=str)
    agent_items = "".join(
        f'<li id="agent-{esc(_local(a))}" data-iri="{esc(str(a))}">{esc(ctx.label(a, lang))}'
        f' <code>{esc(str(a))}</code></li>' for a in agents)
    body = [
        f"<p>{esc(word(lang, 'home_intro'))}</p>",
        f"<p>{esc(word(lang, 'version'))}: {esc(ctx.version)}</p>",
        f'<h2 id="statistics">{esc(word(lang, "statistics"))}</h2>',
        _statistics(ctx, lang),
        f'<section id="roles" data-iri="{esc(str(ROLE.scheme))}">',
        f"<h2>{esc(word(lang, 'roles'))}</h2>",
        f"<p>{esc(text_in(graph, ROLE.scheme, lang, (SKOS.definition,)))}</p>",
        f"<h3>{esc(word(lang, 'ai_roles'))}</h3>",
        _links(ctx, path, ai, lang),
        f"<h3>{esc(word(lang, 'other_roles'))}</h3>",
        _links(ctx, path, older, lang),
        "</section>",
        f'<section id="families" data-iri="{esc(str(FAM))}">',
        f"<h2>{esc(word(lang, 'families'))}</h2>",
        _links(ctx, path, families, lang),
        "</section>",
        f"<h2>{esc(word(lang, 'lineage_diagram'))}</h2>",
        ctx.figure(path, f"{DIAGRAMS}/{lang}/lineage.svg", _lineage_dot(ctx, lang, roles),
                   word(lang, "diagram_alt_lineage"), word(lang, "lineage_diagram")),
        f"<h2>{esc(word(lang, 'everything'))}</h2>",
        "<ul>" + "".join(f"<li>{link(path, t, x)}</li>" for t, x in everything) + "</ul>",
        f"<h2>{esc(word(lang, 'contributors'))}</h2>",
        f"<ul>{agent_items}</ul>",
    ]
    ctx.add(path, page(path, ctx.nav(lang), word(lang, "home_title"), "\n".join(body)))


def _requirement_rows(ctx: Context, role: URIRef, source: str, lang: str) -> list[str]:
    graph = ctx.graph
    found = []
    for req in graph.objects(role, AIR.hasRequirement):
        competency = graph.value(req, AIR.competency)
        if not isinstance(req, URIRef) or competency is None:
            continue
        level = graph.value(req, AIR.proficiencyLevel)
        importance = graph.value(req, AIR.importance)
        rank = int_value(graph.value(level, AIR.rank)) if level is not None else None
        order = (0 if importance == AIR.Essential else 1, -(rank or 0),
                 ctx.label(competency, lang).casefold())
        found.append((order, req, competency, level, importance, rank))
    rows = []
    for _order, req, competency, level, importance, rank in sorted(found, key=lambda f: f[0]):
        level_text = (f"{ctx.label(level, lang)} ({rank})" if level is not None and rank
                      else ctx.label(level, lang) if level is not None else "")
        sources = [s for s in graph.objects(req, DCTERMS.source)]
        derived = [d for d in graph.objects(req, PROV.wasDerivedFrom)]
        anchor = f"req-{_local(competency)}"
        cells = [
            ctx.link_to(source, competency, lang),
            esc(level_text),
            esc(ctx.label(importance, lang)) if importance is not None else "",
            ", ".join(ctx.link_to(source, s, lang) for s in sorted(sources, key=str)),
            ", ".join(ctx.link_to(source, d, lang) for d in sorted(derived, key=str)),
        ]
        rows.append(f'<tr id="{esc(anchor)}" data-iri="{esc(str(req))}">'
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return rows


def _mappings(ctx: Context, node: URIRef, source: str, lang: str) -> str:
    graph = ctx.graph
    rows = []
    for match in _MATCHES:
        for target in sorted(graph.objects(node, match), key=str):
            notes = axiom_notes(graph, node, match, target)
            note = "; ".join(
                f"{esc(ctx.label(p, lang))}: "
                + (esc(o) if isinstance(o, Literal) else ctx.link_to(source, o, lang))
                for p, o in notes
                if not isinstance(o, Literal) or not o.language or o.language == lang)
            rows.append((f"<code>{esc('skos:' + str(match).rsplit('#', 1)[1])}</code>",
                         ctx.link_to(source, target, lang), note))
    if not rows:
        return f"<p>{esc(word(lang, 'no_mappings'))}</p>"
    return table([word(lang, "match"), word(lang, "target"), word(lang, "note")], rows)


def _nearest(ctx: Context, role: URIRef, source: str, lang: str) -> str:
    result = ctx.run("role-similarity", {"role": role})
    rows = [
        (ctx.link_to(source, row["other"], lang), esc(row.get("shared", "")),
         esc(row.get("jaccard", "")))
        for row in result.as_dicts()[:5]
    ]
    if not rows:
        return f"<p>{esc(word(lang, 'none'))}</p>"
    return (f"<p>{esc(word(lang, 'nearest_intro'))}</p>"
            + table([word(lang, "role"), word(lang, "shared"), word(lang, "jaccard")], rows,
                    numeric=[1, 2]))


def _skill_gaps(ctx: Context, role: URIRef, source: str, lang: str) -> str:
    graph = ctx.graph
    parents = sorted((p for p in graph.objects(role, AIR.evolvedFrom)
                      if isinstance(p, URIRef)), key=str)
    if not parents:
        return f"<p>{esc(word(lang, 'no_ancestor'))}</p>"
    out = [f"<p>{esc(word(lang, 'skill_gap_intro'))}</p>"]
    for parent in parents:
        result = ctx.run("skill-gap", {"fromRole": parent, "toRole": role})
        out.append(f"<h3>{esc(word(lang, 'from_role'))}: {ctx.link_to(source, parent, lang)}"
                   "</h3>")
        rows = [
            (ctx.link_to(source, row["competency"], lang),
             esc(ctx.label(row["importance"], lang)) if "importance" in row else "",
             esc(ctx.label(row["currentLevel"], lang)) if "currentLevel" in row else "—",
             esc(ctx.label(row["targetLevel"], lang)) if "targetLevel" in row else "",
             esc(row.get("increase", "")))
            for row in result.as_dicts()
        ]
        out.append(table([word(lang, "competency"), word(lang, "importance"),
                          word(lang, "current_level"), word(lang, "target_level"),
                          word(lang, "increase")], rows, numeric=[4])
                   if rows else f"<p>{esc(word(lang, 'no_gap'))}</p>")
    return "\n".join(out)


def _lineage(ctx: Context, role: URIRef, source: str, lang: str) -> str:
    graph = ctx.graph
    summary = role_summary(graph, role)
    parts = []
    for key, nodes in (
        ("evolved_from", [n for n, _ in summary.evolved_from]),
        ("evolved_into", list(graph.subjects(AIR.evolvedFrom, role))),
        ("specialization_of", [n for n, _ in summary.specialization_of]),
        ("specializations", list(graph.subjects(AIR.specializationOf, role))),
        ("related", [n for n, _ in summary.related]),
    ):
        if not nodes:
            continue
        items = []
        for node in sorted(nodes, key=lambda n: ctx.label(n, lang).casefold()):
            predicate = AIR.evolvedFrom if key == "evolved_from" else AIR.specializationOf
            said = [o for p, o in axiom_notes(graph, role, predicate, node)
                    if p == AIR.relationSource]
            note = (f" ({esc(word(lang, 'source').lower())}: "
                    + ", ".join(ctx.link_to(source, s, lang) for s in said) + ")"
                    if said and key in ("evolved_from", "specialization_of") else "")
            items.append(f"<li>{ctx.link_to(source, node, lang)}{note}</li>")
        parts.append(f"<h3>{esc(word(lang, key))}</h3><ul>{''.join(items)}</ul>")
    return "\n".join(parts) or f"<p>{esc(word(lang, 'none'))}</p>"


def _role(ctx: Context, role: URIRef, lang: str) -> None:
    graph = ctx.graph
    path = f"{lang}/role/{slug(role)}.html"
    summary = role_summary(graph, role)
    title = summary.labels.get(lang) or ctx.label(role, lang)
    alt = summary.alt_labels.get(lang, [])
    definition = summary.definitions.get(lang)
    neighbours = {role, *(n for n, _ in summary.evolved_from),
                  *(n for n, _ in summary.specialization_of), *(n for n, _ in summary.related),
                  *(n for n in graph.subjects(AIR.evolvedFrom, role) if isinstance(n, URIRef)),
                  *(n for n in graph.subjects(AIR.specializationOf, role)
                    if isinstance(n, URIRef))}
    facts = [
        (word(lang, "alt_labels"), esc("; ".join(alt)) if alt else esc(word(lang, "none"))),
        (word(lang, "family"), ", ".join(ctx.link_to(path, f, lang) for f, _ in
                                         summary.families)),
        (word(lang, "sources"), ", ".join(ctx.link_to(path, s, lang) for s, _ in
                                          summary.sources)),
    ]
    body = [
        _iri_line(role, lang),
        f"<p>{esc(definition or word(lang, 'no_definition'))}</p>",
        '<dl class="facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts)
        + "</dl>",
        f"<h2>{esc(word(lang, 'responsibilities'))}</h2>",
        "<ul>" + "".join(f"<li>{esc(r)}</li>" for r in summary.responsibilities.get(lang, []))
        + "</ul>" if summary.responsibilities.get(lang) else f"<p>{esc(word(lang, 'none'))}</p>",
        f"<h2>{esc(word(lang, 'requirements'))}</h2>",
        "<table><thead><tr>" + "".join(
            f'<th scope="col">{esc(word(lang, k))}</th>'
            for k in ("competency", "level", "importance", "source", "derived_from"))
        + "</tr></thead><tbody>",
        *_requirement_rows(ctx, role, path, lang),
        "</tbody></table>",
        f"<h2>{esc(word(lang, 'lineage'))}</h2>",
        _lineage(ctx, role, path, lang),
        ctx.figure(path, f"{DIAGRAMS}/{lang}/role/{slug(role)}.svg",
                   _lineage_dot(ctx, lang, sorted(neighbours, key=str), focus=role),
                   word(lang, "diagram_alt_role", label=title), word(lang, "neighbourhood")),
        f"<h2>{esc(word(lang, 'mappings'))}</h2>",
        _mappings(ctx, role, path, lang),
        f"<h2>{esc(word(lang, 'nearest'))}</h2>",
        _nearest(ctx, role, path, lang),
        f"<h2>{esc(word(lang, 'skill_gap'))}</h2>",
        _skill_gaps(ctx, role, path, lang),
    ]
    ctx.add(path, page(path, ctx.nav(lang), title, "\n".join(body), iri=str(role)))


def _competency(ctx: Context, competency: URIRef, lang: str) -> None:
    graph = ctx.graph
    path = f"{lang}/competency/{_local(competency)}.html"
    title = ctx.label(competency, lang)
    definition = text_in(graph, competency, lang, (SKOS.definition,))
    types = sorted((t for t in graph.objects(competency, RDF.type) if t in _COMPETENCY_TYPES),
                   key=str)
    broader = list(graph.objects(competency, SKOS.broader))
    narrower = set(graph.subjects(SKOS.broader, competency)) | set(
        graph.objects(competency, SKOS.narrower))
    requiring = []
    for req in graph.subjects(AIR.competency, competency):
        for role in graph.subjects(AIR.hasRequirement, req):
            level = graph.value(req, AIR.proficiencyLevel)
            importance = graph.value(req, AIR.importance)
            rank = int_value(graph.value(level, AIR.rank)) if level is not None else None
            requiring.append(((-(rank or 0), ctx.label(role, lang).casefold()), (
                ctx.link_to(path, role, lang),
                esc(f"{ctx.label(level, lang)} ({rank})" if level is not None else ""),
                esc(ctx.label(importance, lang)) if importance is not None else "")))
    rows = [cells for _, cells in sorted(requiring, key=lambda r: r[0])]
    body = [
        _iri_line(competency, lang),
        f"<p>{esc(definition or word(lang, 'no_definition'))}</p>",
        '<dl class="facts">'
        f"<dt>{esc(word(lang, 'type'))}</dt><dd>"
        + ", ".join(esc(ctx.label(t, lang)) for t in types) + "</dd></dl>",
        f"<h2>{esc(word(lang, 'hierarchy'))}</h2>",
        f"<h3>{esc(word(lang, 'broader'))}</h3>",
        _links(ctx, path, broader, lang) if broader
        else f"<p>{esc(word(lang, 'top_concept'))}</p>",
        f"<h3>{esc(word(lang, 'narrower'))}</h3>",
        _links(ctx, path, narrower, lang),
        f"<h2>{esc(word(lang, 'required_by'))}</h2>",
        table([word(lang, "role"), word(lang, "level"), word(lang, "importance")], rows)
        if rows else f"<p>{esc(word(lang, 'required_by_none'))}</p>",
        f"<h2>{esc(word(lang, 'mappings'))}</h2>",
        _mappings(ctx, competency, path, lang),
    ]
    ctx.add(path, page(path, ctx.nav(lang), title, "\n".join(body), iri=str(competency)))


def _family(ctx: Context, family: URIRef, lang: str) -> None:
    graph = ctx.graph
    path = f"{lang}/family/{_local(family)}.html"
    definition = text_in(graph, family, lang, (SKOS.definition,))
    body = [
        _iri_line(family, lang),
        f"<p>{esc(definition or word(lang, 'no_definition'))}</p>",
        f"<h2>{esc(word(lang, 'family_roles'))}</h2>",
        _links(ctx, path, list(graph.subjects(AIR.family, family)), lang),
    ]
    ctx.add(path, page(path, ctx.nav(lang), ctx.label(family, lang), "\n".join(body),
                       iri=str(family)))


def _tree(ctx: Context, node: Node, path: str, lang: str, children: dict[Node, list[Node]],
          depth: int = 0) -> str:
    below = children.get(node, [])
    inner = ("<ul>" + "".join(_tree(ctx, c, path, lang, children, depth + 1) for c in below)
             + "</ul>") if below and depth < 12 else ""
    return f"<li>{ctx.link_to(path, node, lang)}{inner}</li>"


def _competencies(ctx: Context, lang: str) -> None:
    graph = ctx.graph
    path = f"{lang}/competencies.html"
    scheme = COMP.scheme if (COMP.scheme, None, None) in graph else None
    all_competencies = competency_iris(ctx)
    children: dict[Node, list[Node]] = {}
    for c in all_competencies:
        for b in graph.objects(c, SKOS.broader):
            children.setdefault(b, []).append(c)
    for key in children:
        children[key].sort(key=lambda n: ctx.label(n, lang).casefold())
    tops = sorted((c for c in all_competencies if not list(graph.objects(c, SKOS.broader))),
                  key=lambda n: ctx.label(n, lang).casefold())
    nodes = [Box(_local(c), ctx.label(c, lang)) for c in all_competencies]
    edges = [Edge(_local(c), _local(b)) for c in all_competencies
             for b in graph.objects(c, SKOS.broader) if b in set(all_competencies)]
    definition = text_in(graph, scheme, lang, (SKOS.definition, DCTERMS.description)) \
        if scheme is not None else ""
    body = [
        _iri_line(scheme, lang) if scheme is not None else "",
        f"<p>{esc(definition)}</p>" if definition else "",
        f"<h2>{esc(word(lang, 'competencies'))} ({len(all_competencies)})</h2>",
        "<ul>" + "".join(_tree(ctx, t, path, lang, children) for t in tops) + "</ul>",
        f"<h2>{esc(word(lang, 'scheme_tree'))}</h2>",
        ctx.figure(path, f"{DIAGRAMS}/{lang}/scheme.svg",
                   digraph("scheme", nodes, edges, rankdir="RL"),
                   word(lang, "diagram_alt_scheme"), word(lang, "scheme_tree")),
    ]
    title = ctx.label(scheme, lang) if scheme is not None else word(lang, "scheme")
    ctx.add(path, page(path, ctx.nav(lang), title, "\n".join(body),
                       iri=str(scheme) if scheme is not None else None))


def _sources(ctx: Context, lang: str) -> None:
    graph = ctx.graph
    path = f"{lang}/sources.html"
    sources = sorted({s for s in graph.subjects(RDF.type, AIR.Source) if isinstance(s, URIRef)}
                     | {s for s in graph.objects(None, DCTERMS.source)
                        if isinstance(s, URIRef) and str(s).startswith(str(SRC))}, key=str)
    body = [f"<p>{esc(word(lang, 'sources_intro'))}</p>"]
    for source in sources:
        description = text_in(graph, source, lang, (DCTERMS.description, SKOS.definition))
        title = text_in(graph, source, lang, (DCTERMS.title,)) or ctx.label(source, lang)
        body.append(
            f'<section id="{esc(_local(source))}" data-iri="{esc(str(source))}">'
            f"<h2>{esc(ctx.label(source, lang))}</h2>"
            f"{_iri_line(source, lang)}<p><strong>{esc(title)}</strong></p>"
            + (f"<p>{esc(description)}</p>" if description else "") + "</section>")
    ctx.add(path, page(path, ctx.nav(lang), word(lang, "sources"), "\n".join(body),
                       iri=str(SRC)))


def _crosswalk(ctx: Context, lang: str) -> None:
    graph = ctx.graph
    path = f"{lang}/crosswalk.html"
    targets: dict[Node, list[tuple[URIRef, URIRef]]] = {}
    for match in _MATCHES:
        for subject, target in graph.subject_objects(match):
            if isinstance(subject, URIRef):
                targets.setdefault(target, []).append((match, subject))
    body = [f"<p>{esc(word(lang, 'crosswalk_intro'))}</p>"]
    onet = BASE + "onet/"
    for target in sorted(targets, key=str):
        ours = str(target).startswith(onet)
        local = str(target)[len(onet):].replace("/", "-")  # element/2.A.1.a: element-2.A.1.a
        anchor = f' id="onet-{esc(local)}" data-iri="{esc(str(target))}"' \
            if ours else ""
        rows = [(f"<code>skos:{esc(str(m).rsplit('#', 1)[1])}</code>",
                 ctx.link_to(path, s, lang)) for m, s in sorted(targets[target], key=str)]
        heading = esc(ctx.label(target, lang))
        body.append(f"<section{anchor}><h2>{heading}</h2>"
                    f'<p class="iri"><code>{esc(str(target))}</code></p>'
                    + table([word(lang, "match"), word(lang, "mapped_from")], rows)
                    + "</section>")
    ctx.add(path, page(path, ctx.nav(lang), word(lang, "crosswalk"), "\n".join(body),
                       iri=onet))


def entity_pages(ctx: Context, lang: str) -> None:
    """Add the pages of the knowledge base in ``lang`` to ``ctx``."""
    graph = ctx.graph
    _home(ctx, lang)
    for role in role_iris(graph):
        _role(ctx, role, lang)
    for competency in competency_iris(ctx):
        _competency(ctx, competency, lang)
    for family in sorted({f for f in graph.objects(None, AIR.family) if isinstance(f, URIRef)},
                         key=str):
        _family(ctx, family, lang)
    _competencies(ctx, lang)
    _sources(ctx, lang)
    _crosswalk(ctx, lang)
