"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

The shapes are checked against the union of the dataset's graphs (default graph plus every
review's named graph), because facts live in the default graph and their evidence in the
review graphs.

>>> print(validate("out/"))  # doctest: +SKIP
conforms
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyshacl
from rdflib import BNode, ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.util import guess_format

from .vocab import PREFIXES

SHAPES = "shapes.ttl"
ONTOLOGY = "filmkg.ttl"
FORMATS = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt"}
FKGSH = "https://w3id.org/filmkg/shapes#"


def ontology_dir() -> Path:
    """The folder with filmkg.ttl and shapes.ttl: bundled in a wheel, else the source checkout."""
    package = Path(__file__).resolve().parent  # the kg package (== Path(kg.__file__).parent)
    bundled = package / "_ontology"
    return bundled if bundled.is_dir() else package.parent / "ontology"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node broke which shape, on which path, and why."""

    focus: str
    path: str | None
    message: str
    shape: str
    severity: str

    def __str__(self) -> str:
        where = f" {_short(self.path)}" if self.path else ""
        return f"{self.severity}: {_short(self.focus)}{where}: {self.message} [{_short(self.shape)}]"


@dataclass(frozen=True)
class ValidationResult:
    """Whether the graph conforms, and every distinct violation, sorted by focus node and path."""

    conforms: bool
    violations: tuple[Violation, ...] = ()

    def __str__(self) -> str:
        if self.conforms and not self.violations:
            return "conforms"
        return "\n".join(str(v) for v in self.violations)


def _short(iri: str) -> str:
    """``https://w3id.org/filmkg/ontology#film`` -> ``fkg:film``, for readable messages."""
    for prefix, namespace in (*PREFIXES.items(), ("fkgsh", FKGSH)):
        base = str(namespace)  # rdflib's own namespaces are classes, not strings
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def load_union(target: str | Path | Graph) -> Graph:
    """Merges every graph of a dataset (or one graph, or a file, or a build folder) into one."""
    if isinstance(target, Graph):
        source = target
    else:
        path = Path(target)
        if path.is_dir():
            path = path / "graph.trig"
        if not path.is_file():
            raise ValueError(f"no such file: {path}")
        source = Dataset()
        try:
            source.parse(path, format=FORMATS.get(path.suffix.lower()) or guess_format(str(path)))
        except Exception as err:  # rdflib raises many kinds of parse errors
            reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
            raise ValueError(f"cannot parse {path}: {reason}") from None
    union = Graph()
    triples = source.quads((None, None, None, None)) if isinstance(source, ConjunctiveGraph) else source
    for s, p, o, *_ in triples:
        if isinstance(o, Literal) and o.datatype is not None:
            # Re-read from the lexical form, as a reader of the file would: pyshacl checks the
            # Python value, and Literal(4, datatype=XSD.decimal) holds an int, not a Decimal.
            o = Literal(str(o), datatype=o.datatype)
        union.add((s, p, o))
    return union


def validate(target: str | Path | Graph) -> ValidationResult:
    """Validates a build folder, an RDF file or an rdflib Graph/Dataset against the shapes."""
    data = load_union(target)
    shapes = Graph().parse(ontology_dir() / SHAPES, format="turtle")
    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                           advanced=True, allow_warnings=False)
    top = report.value(predicate=RDF.type, object=SH.ValidationReport)  # skip nested sh:detail
    violations = {_violation(report, shapes, result) for result in report.objects(top, SH.result)}
    return ValidationResult(bool(conforms), tuple(sorted(violations, key=_sort_key)))


def _sort_key(v: Violation) -> tuple:
    return (v.focus, v.path or "", v.shape, v.message, v.severity)


def _violation(report: Graph, shapes: Graph, result) -> Violation:
    def one(predicate):
        return report.value(result, predicate)

    shape = one(SH.sourceShape)
    if isinstance(shape, BNode):  # a property shape: name its node shape instead
        shape = shapes.value(predicate=SH.property, object=shape) or shape
    path = one(SH.resultPath)
    messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
    severity = one(SH.resultSeverity)
    return Violation(
        focus=str(one(SH.focusNode)),
        path=str(path) if isinstance(path, URIRef) else (path.n3() if path is not None else None),
        message=messages[0] if messages else "",
        shape=str(shape),
        severity=severity.split("#")[-1] if severity else "Violation",
    )
