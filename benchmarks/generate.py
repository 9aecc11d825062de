"""Synthetic steward catalogues: roles, competencies, requirements, employees and assessments.

A data steward validates a company's whole skills graph against the airoles-kg shapes. This
generator writes such a graph as N-Triples (optionally gzip-compressed) of about the requested
size, deterministically from a seed, with a KNOWN set of injected defects. Each defect breaks
exactly one constraint of one shape and so yields exactly one validation result; everything else
conforms to the project's shapes. The expected results are written next to the data as JSON
(``<out>.expected.json``) so that benchmarks and tests can check engines against them.

Usage::

    .venv/bin/python benchmarks/generate.py --size 100k --seed 7 --out benchmarks/data/c-100k.nt

Synthetic employees and assessments live under ``https://example.org/steward/`` (a domain
reserved for examples); roles, competencies and requirements use the airoles-kg IRI patterns.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import json
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from airoles_kg.atomic import atomic_write, atomic_write_text

__all__ = [
    "DEFECT_KINDS",
    "PROFILES",
    "Catalogue",
    "ExpectedResult",
    "generate",
    "main",
    "parse_size",
    "write_catalogue",
]

AIR = "https://w3id.org/airoles/ontology#"
ROLE = "https://w3id.org/airoles/role/"
COMP = "https://w3id.org/airoles/competency/"
REQ = "https://w3id.org/airoles/requirement/"
FAM = "https://w3id.org/airoles/family/"
AIRSH = "https://w3id.org/airoles/shapes#"
STEWARD = "https://example.org/steward/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
SH = "http://www.w3.org/ns/shacl#"

LEVELS = ["Novice", "AdvancedBeginner", "Competent", "Proficient", "Expert"]
KINDS = ["Skill", "Knowledge", "Technology", "TransversalCompetency"]
REQUIREMENTS_PER_ROLE = 20
COMPETENCIES_PER_ROLE = 3
EMPLOYEES_PER_ROLE = 5
ASSESSMENTS_PER_EMPLOYEE = 4
#: Triples per role, all entities included (measured on the generator's own output).
TRIPLES_PER_ROLE = 285


#: The generator's own fingerprint, written in each sidecar: data made by another version
#: (whose expected results may no longer be what the shapes report) is made again.
GENERATOR = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


@dataclass(frozen=True)
class ExpectedResult:
    """One validation result an injected defect must produce."""

    focus_node: str
    source_shape: str
    constraint_component: str
    severity: str = "Violation"


@dataclass
class Catalogue:
    """What was generated: the counts and the results a SHACL engine must report."""

    size: int
    seed: int
    triples: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    expected: list[ExpectedResult] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(
            {
                "generator": GENERATOR,
                "size": self.size,
                "seed": self.seed,
                "triples": self.triples,
                "counts": self.counts,
                "violations": len(self.expected),
                "expected": [vars(e) for e in self.expected],
            },
            indent=2,
            sort_keys=True,
        )


def parse_size(text: str) -> int:
    """``10k`` -> 10000, ``1M`` -> 1000000, ``2500`` -> 2500.

    >>> parse_size("100k"), parse_size("1M"), parse_size("2500")
    (100000, 1000000, 2500)
    """
    value = text.strip()
    scale = {"k": 1_000, "m": 1_000_000}.get(value[-1:].lower(), 1)
    number = value[:-1] if scale > 1 else value
    try:
        size = int(float(number) * scale)
    except ValueError:
        raise ValueError(f"not a size: {text!r} (use e.g. 10k, 100k, 1M)") from None
    if size < 1_000:
        raise ValueError(f"size {text!r} is too small: use at least 1000 triples")
    return size


def _lit(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


#: Defect kinds, in injection order; each breaks one constraint of one shape.
DEFECT_KINDS: tuple[str, ...] = (
    "requirement-without-importance",
    "requirement-level-not-dreyfus",
    "requirement-source-literal",
    "requirement-competency-not-competency",
    "role-without-french-label",
    "role-family-not-family",
    "competency-two-kinds",
    "competency-label-trailing-space",
)
#: What each defect trips: (shape, constraint component) pairs. A value that is not one of the
#: graph's terms also gets its own "not a known ..." result (shapes/references.ttl).
_DEFECT_SHAPES: dict[str, tuple[tuple[str, str], ...]] = {
    "requirement-without-importance": (("RequirementImportanceShape", "MinCount"),),
    "requirement-level-not-dreyfus": (
        ("RequirementLevelShape", "In"), ("KnownLevelShape", "Class")),
    "requirement-source-literal": (("RequirementSourceShape", "NodeKind"),),
    "requirement-competency-not-competency": (
        ("RequirementCompetencyShape", "Class"), ("KnownCompetencyShape", "Class")),
    "role-without-french-label": (("RolePrefLabelFrShape", "QualifiedMinCount"),),
    "role-family-not-family": (("RoleFamilyShape", "Class"), ("KnownFamilyShape", "Class")),
    "competency-two-kinds": (("CompetencyTypeShape", "Xone"),),
    "competency-label-trailing-space": (("LabelTrimmedShape", "Not"),),
}


#: The shapes of a competency of the ``findings`` profile, each giving one result.
_FINDINGS: tuple[tuple[str, str, str], ...] = (
    ("CompetencyDefinitionFrShape", "QualifiedMinCount", "Violation"),
    ("CompetencySchemeShape", "MinCount", "Warning"),
)
#: Triples per competency and per role (with ``REQUIREMENTS_RANGE`` requirements: 10 on
#: average) of the ``findings`` profile.
_FINDINGS_TRIPLES_PER_COMPETENCY = 5
_FINDINGS_TRIPLES_PER_ROLE = 10 + 10 * 7
#: How many requirements a role of the ``findings`` profile has.
REQUIREMENTS_RANGE = (8, 12)
#: The profiles: ``defects`` (few injected defects in a large graph) and ``findings`` (a
#: competency pool whose every competency lacks a French definition and a concept scheme:
#: two results per competency, about 150k at 1M triples).
PROFILES = ("defects", "findings")


def generate(
    size: int, seed: int = 1, violations: int | None = None, profile: str = "defects"
) -> tuple[Catalogue, Iterator[str]]:
    """The catalogue description and an iterator over its N-Triples lines.

    ``violations`` defaults to one per 1,250 triples (at least one of each kind); the
    ``findings`` profile injects none but has two results per competency. The
    description's ``triples`` and ``expected`` are complete once the iterator is exhausted.
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}: use {' or '.join(PROFILES)}")
    if profile == "findings":
        if violations:
            raise ValueError("the findings profile injects no defect: leave out --violations")
        catalogue = Catalogue(size=size, seed=seed)
        return catalogue, _findings_lines(catalogue, size, random.Random(seed))
    roles = max(8, round(size / TRIPLES_PER_ROLE))
    if violations is None:
        violations = max(len(DEFECT_KINDS), size // 1_250)
    catalogue = Catalogue(size=size, seed=seed)
    return catalogue, _lines(catalogue, roles, violations, random.Random(seed))


def _vocabulary(t: Callable[[str, str, str], str], n_sources: int,
                n_families: int) -> Iterator[str]:
    """What the shapes and queries rely on (from the ontology: subclass axioms, levels), the
    two concept schemes, the sources and the families."""

    def iri(value: str) -> str:
        return f"<{value}>"

    # Vocabulary the shapes and queries rely on (from the ontology: subclass axioms, levels).
    for kind in KINDS:
        yield t(AIR + kind, RDFS + "subClassOf", iri(AIR + "Competency"))
    yield t(AIR + "Competency", RDFS + "subClassOf", iri(SKOS + "Concept"))
    yield t(AIR + "Role", RDFS + "subClassOf", iri(SKOS + "Concept"))
    for rank, level in enumerate(LEVELS, start=1):  # the Dreyfus levels, ordered by air:rank
        yield t(AIR + level, RDF + "type", iri(AIR + "ProficiencyLevel"))
        yield t(AIR + level, AIR + "rank", _lit(str(rank), datatype=XSD + "integer"))
    for importance in ("Essential", "Optional"):
        yield t(AIR + importance, RDF + "type", iri(AIR + "Importance"))
    role_scheme, comp_scheme = STEWARD + "scheme/roles", STEWARD + "scheme/competencies"
    for scheme, label in ((role_scheme, "Steward roles"), (comp_scheme, "Steward competencies")):
        yield t(scheme, RDF + "type", iri(SKOS + "ConceptScheme"))
        yield t(scheme, SKOS + "prefLabel", _lit(label, "en"))
    for i in range(n_sources):
        source = f"{STEWARD}source/{i}"
        yield t(source, RDF + "type", iri(AIR + "Source"))
        yield t(source, DCT + "title", _lit(f"Steward source {i}", "en"))
    for i in range(n_families):
        family = f"{FAM}steward-family-{i}"
        yield t(family, RDF + "type", iri(AIR + "RoleFamily"))
        yield t(family, SKOS + "prefLabel", _lit(f"Steward family {i}", "en"))


def _findings_lines(catalogue: Catalogue, size: int, rng: random.Random) -> Iterator[str]:
    """The ``findings`` profile: a third of the triples are a pool of competencies, each
    without a French definition and a concept scheme; the rest are roles with 8 to 12
    requirements on competencies of the pool, conformant."""
    n_comps = max(10, size * 3 // 8 // _FINDINGS_TRIPLES_PER_COMPETENCY)
    n_roles = max(8, (size - n_comps * _FINDINGS_TRIPLES_PER_COMPETENCY)
                  // _FINDINGS_TRIPLES_PER_ROLE)
    n_sources, n_families = 20, max(4, n_roles // 200)
    count = 0

    def t(s: str, p: str, o: str) -> str:
        nonlocal count
        count += 1
        return f"<{s}> <{p}> {o} .\n"

    yield from _vocabulary(t, n_sources, n_families)
    role_scheme = STEWARD + "scheme/roles"
    n_top = max(2, n_comps // 100)
    for c in range(n_comps):
        comp = f"{COMP}steward-competency-{c}"
        kind = KINDS[c % len(KINDS)]
        yield t(comp, RDF + "type", f"<{AIR}{kind}>")
        yield t(comp, SKOS + "prefLabel", _lit(f"{kind} competency {c}", "en"))
        yield t(comp, SKOS + "prefLabel", _lit(f"Compétence {kind} {c}", "fr"))
        yield t(comp, SKOS + "definition", _lit(f"The synthetic competency number {c}.", "en"))
        if c >= n_top:
            yield t(comp, SKOS + "broader", f"<{COMP}steward-competency-{rng.randrange(n_top)}>")
        for shape, component, severity in _FINDINGS:
            catalogue.expected.append(ExpectedResult(
                comp, AIRSH + shape, f"{SH}{component}ConstraintComponent", severity))
    requirements = 0
    for r in range(n_roles):
        role = f"{ROLE}steward-role-{r}"
        yield t(role, RDF + "type", f"<{AIR}Role>")
        yield t(role, SKOS + "prefLabel", _lit(f"Steward role {r}", "en"))
        yield t(role, SKOS + "prefLabel", _lit(f"Rôle d'intendance {r}", "fr"))
        yield t(role, SKOS + "definition", _lit(f"The synthetic role number {r}.", "en"))
        yield t(role, SKOS + "definition", _lit(f"Le rôle synthétique numéro {r}.", "fr"))
        yield t(role, AIR + "family", f"<{FAM}steward-family-{r % n_families}>")
        yield t(role, SKOS + "inScheme", f"<{role_scheme}>")
        yield t(role, DCT + "source", f"<{STEWARD}source/{r % n_sources}>")
        yield t(role, AIR + "responsibility", _lit(f"Carries out duty {r}.", "en"))
        n_requirements = rng.randint(*REQUIREMENTS_RANGE)
        requirements += n_requirements
        for q, c in enumerate(rng.sample(range(n_comps), n_requirements)):
            comp = f"{COMP}steward-competency-{c}"
            req = f"{REQ}steward-role-{r}--steward-competency-{c}"
            yield t(role, AIR + "hasRequirement", f"<{req}>")
            yield t(role, AIR + "requiresCompetency", f"<{comp}>")
            yield t(req, RDF + "type", f"<{AIR}CompetencyRequirement>")
            yield t(req, AIR + "competency", f"<{comp}>")
            yield t(req, AIR + "proficiencyLevel", f"<{AIR}{rng.choice(LEVELS)}>")
            importance = "Essential" if q < 2 or rng.random() < 0.4 else "Optional"
            yield t(req, AIR + "importance", f"<{AIR}{importance}>")
            yield t(req, DCT + "source", f"<{STEWARD}source/{(r + q) % n_sources}>")
    catalogue.triples = count
    catalogue.counts = {"roles": n_roles, "competencies": n_comps, "requirements": requirements}
    catalogue.expected.sort(key=lambda e: (e.source_shape, e.focus_node))


def _lines(catalogue: Catalogue, n_roles: int, n_defects: int, rng: random.Random) -> Iterator[str]:
    n_comps = n_roles * COMPETENCIES_PER_ROLE
    n_families = max(4, n_roles // 200)
    n_sources = 20
    # Which entity of each kind carries a defect: distinct, spread deterministically.
    per_kind = {k: n_defects // len(DEFECT_KINDS) for k in DEFECT_KINDS}
    for k in DEFECT_KINDS[: n_defects % len(DEFECT_KINDS)]:
        per_kind[k] += 1
    def spread(kinds: list[str], population: int) -> dict[int, str]:
        """Distinct entities (by index among ``population``) carrying the defects of ``kinds``."""
        labels = [k for k in kinds for _ in range(per_kind[k])]
        if len(labels) > population:
            raise ValueError("too many violations for this size")
        return dict(zip(rng.sample(range(population), len(labels)), labels, strict=True))

    defect_roles = spread(["role-without-french-label", "role-family-not-family"], n_roles)
    defect_comps = spread(["competency-two-kinds", "competency-label-trailing-space"], n_comps)
    # Requirement defects: one requirement (never one of the two essential ones) of distinct roles.
    req_kinds = [k for k in DEFECT_KINDS if k.startswith("requirement")]
    req_defect_roles = spread(req_kinds, n_roles)
    expected = catalogue.expected
    count = 0

    def t(s: str, p: str, o: str) -> str:
        nonlocal count
        count += 1
        return f"<{s}> <{p}> {o} .\n"

    def iri(value: str) -> str:
        return f"<{value}>"

    def expect(focus: str, kind: str) -> None:
        for shape, component in _DEFECT_SHAPES[kind]:
            expected.append(
                ExpectedResult(focus, AIRSH + shape, SH + component + "ConstraintComponent")
            )

    role_scheme, comp_scheme = STEWARD + "scheme/roles", STEWARD + "scheme/competencies"
    yield from _vocabulary(t, n_sources, n_families)

    # Competencies: a three-level skos:broader hierarchy.
    n_top = max(2, n_comps // 100)
    n_mid = max(4, n_comps // 10)
    for c in range(n_comps):
        comp = f"{COMP}steward-competency-{c}"
        kind = KINDS[c % len(KINDS)]
        defect = defect_comps.get(c)
        yield t(comp, RDF + "type", iri(AIR + kind))
        if defect == "competency-two-kinds":
            yield t(comp, RDF + "type", iri(AIR + KINDS[(c + 1) % len(KINDS)]))
            expect(comp, defect)
        label = f"{kind} competency {c}"
        if defect == "competency-label-trailing-space":
            yield t(comp, SKOS + "prefLabel", _lit(label + " ", "en"))
            expect(comp, defect)
        else:
            yield t(comp, SKOS + "prefLabel", _lit(label, "en"))
        yield t(comp, SKOS + "prefLabel", _lit(f"Compétence {kind} {c}", "fr"))
        yield t(comp, SKOS + "definition", _lit(f"The synthetic competency number {c}.", "en"))
        yield t(comp, SKOS + "definition", _lit(f"La compétence synthétique numéro {c}.", "fr"))
        yield t(comp, SKOS + "inScheme", iri(comp_scheme))
        if c < n_top:
            yield t(comp, SKOS + "topConceptOf", iri(comp_scheme))
        else:
            parent = rng.randrange(n_top) if c < n_top + n_mid else n_top + rng.randrange(n_mid)
            yield t(comp, SKOS + "broader", iri(f"{COMP}steward-competency-{parent}"))

    # Roles and their requirements.
    for r in range(n_roles):
        role = f"{ROLE}steward-role-{r}"
        defect = defect_roles.get(r)
        yield t(role, RDF + "type", iri(AIR + "Role"))
        yield t(role, SKOS + "prefLabel", _lit(f"Steward role {r}", "en"))
        if defect == "role-without-french-label":
            expect(role, defect)
        else:
            yield t(role, SKOS + "prefLabel", _lit(f"Rôle d'intendance {r}", "fr"))
        yield t(role, SKOS + "definition", _lit(f"The synthetic role number {r}.", "en"))
        yield t(role, SKOS + "definition", _lit(f"Le rôle synthétique numéro {r}.", "fr"))
        if defect == "role-family-not-family":
            yield t(role, AIR + "family", iri(comp_scheme))
            expect(role, defect)
        else:
            yield t(role, AIR + "family", iri(f"{FAM}steward-family-{r % n_families}"))
        yield t(role, SKOS + "inScheme", iri(role_scheme))
        yield t(role, DCT + "source", iri(f"{STEWARD}source/{r % n_sources}"))
        yield t(role, AIR + "responsibility", _lit(f"Carries out duty {r}.", "en"))
        if r > 0 and r % 3 == 0:
            yield t(role, AIR + "evolvedFrom", iri(f"{ROLE}steward-role-{rng.randrange(r)}"))
        competencies = rng.sample(range(n_comps), REQUIREMENTS_PER_ROLE)
        req_defect = req_defect_roles.get(r)
        for q, c in enumerate(competencies):
            comp = f"{COMP}steward-competency-{c}"
            req = f"{REQ}steward-role-{r}--steward-competency-{c}"
            this_defect = req_defect if q == REQUIREMENTS_PER_ROLE - 1 else None
            yield t(role, AIR + "hasRequirement", iri(req))
            yield t(req, RDF + "type", iri(AIR + "CompetencyRequirement"))
            if this_defect == "requirement-competency-not-competency":
                yield t(req, AIR + "competency", iri(f"{STEWARD}source/{c % n_sources}"))
            else:
                yield t(req, AIR + "competency", iri(comp))
                yield t(role, AIR + "requiresCompetency", iri(comp))
            level = "Guru" if this_defect == "requirement-level-not-dreyfus" else rng.choice(LEVELS)
            yield t(req, AIR + "proficiencyLevel", iri(AIR + level))
            if this_defect != "requirement-without-importance":
                importance = "Essential" if q < 2 or rng.random() < 0.4 else "Optional"
                yield t(req, AIR + "importance", iri(AIR + importance))
            if this_defect == "requirement-source-literal":
                yield t(req, DCT + "source", _lit("an interview"))
            else:
                yield t(req, DCT + "source", iri(f"{STEWARD}source/{(r + q) % n_sources}"))
            if this_defect:
                expect(req, this_defect)

    # Employees hold roles and have their competencies assessed (not targeted by the shapes).
    for e in range(n_roles * EMPLOYEES_PER_ROLE):
        emp = f"{STEWARD}employee/{e}"
        yield t(emp, RDF + "type", iri(STEWARD + "Employee"))
        yield t(emp, STEWARD + "holdsRole", iri(f"{ROLE}steward-role-{e % n_roles}"))
        yield t(emp, STEWARD + "name", _lit(f"Employee {e}"))
        for a in range(ASSESSMENTS_PER_EMPLOYEE):
            assessment = f"{STEWARD}assessment/{e}-{a}"
            yield t(assessment, RDF + "type", iri(STEWARD + "Assessment"))
            yield t(assessment, STEWARD + "assessee", iri(emp))
            yield t(
                assessment,
                AIR + "competency",
                iri(f"{COMP}steward-competency-{rng.randrange(n_comps)}"),
            )
            yield t(assessment, AIR + "proficiencyLevel", iri(AIR + rng.choice(LEVELS)))
            day = f"2025-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
            yield t(assessment, STEWARD + "assessedOn", _lit(day, datatype=XSD + "date"))

    catalogue.triples = count
    catalogue.counts = {
        "roles": n_roles,
        "competencies": n_comps,
        "requirements": n_roles * REQUIREMENTS_PER_ROLE,
        "employees": n_roles * EMPLOYEES_PER_ROLE,
        "assessments": n_roles * EMPLOYEES_PER_ROLE * ASSESSMENTS_PER_EMPLOYEE,
    }
    expected.sort(key=lambda e: (e.source_shape, e.focus_node))


def current_catalogue(
    size: int, seed: int, out: Path, profile: str = "defects"
) -> dict[str, Any]:
    """The sidecar of the catalogue at ``out``, written first (with the catalogue) unless this
    generator, as it is now, wrote it there."""
    sidecar = out.with_name(out.name + ".expected.json")
    try:
        written = json.loads(sidecar.read_text(encoding="utf-8")) if out.is_file() else None
    except (OSError, ValueError):
        written = None
    if not isinstance(written, dict) or written.get("generator") != GENERATOR:
        write_catalogue(size, seed, out, profile=profile)
        written = json.loads(sidecar.read_text(encoding="utf-8"))
    return cast("dict[str, Any]", written)


def write_catalogue(size: int, seed: int, out: Path, violations: int | None = None,
                    profile: str = "defects") -> Catalogue:
    """Write the catalogue to ``out`` (``.nt`` or ``.nt.gz``, streamed) and
    ``<out>.expected.json``, each atomically (a temporary file renamed into place)."""
    catalogue, lines = generate(size, seed, violations, profile)
    with atomic_write(out, "wb") as raw:
        packed = None
        binary = cast(IO[bytes], raw)
        if out.suffix == ".gz":
            packed = gzip.GzipFile(fileobj=binary, mode="wb", compresslevel=1, mtime=0)
            binary = cast(IO[bytes], packed)
        handle = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
        buffer: list[str] = []
        for line in lines:
            buffer.append(line)
            if len(buffer) >= 10_000:
                handle.write("".join(buffer))
                buffer.clear()
        handle.write("".join(buffer))
        handle.flush()
        handle.detach()  # leave closing the file to atomic_write
        if packed is not None:
            packed.close()
    atomic_write_text(out.with_name(out.name + ".expected.json"), catalogue.to_json() + "\n")
    return catalogue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="10k", help="about how many triples: 10k, 100k, 1M")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--violations", type=int, default=None, help="defects to inject")
    parser.add_argument("--profile", choices=PROFILES, default="defects",
                        help="defects: a few injected defects; findings: two results per "
                             "competency of a large pool (about 150k at 1M)")
    parser.add_argument("--out", type=Path, required=True, help="output .nt or .nt.gz file")
    args = parser.parse_args(argv)
    try:
        size = parse_size(args.size)
        catalogue = write_catalogue(size, args.seed, args.out, args.violations, args.profile)
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    what = "injected violations" if args.profile == "defects" else "expected results"
    print(f"{args.out}: {catalogue.triples} triples, {len(catalogue.expected)} {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
