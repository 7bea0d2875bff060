"""Querying a built graph by name: who is in a film, who directed it, who plays a character...

Every answer carries the review quotes behind it. Names are resolved forgivingly (exact label,
alias, last name, unique substring); an unknown name gives an empty answer with suggestions.
All SPARQL lives in ``kg/queries/*.rq``; values are always bound (a ``VALUES`` block of escaped
RDF terms, see :func:`kg.store.inline_values`), never pasted into the text.
Every fact has evidence, so the queries join it plainly; their ``OPTIONAL`` and ``BIND`` parts
come last and each ``OPTIONAL`` holds one pattern (nesting the next): Oxigraph evaluates a
pattern written after either, or a second pattern inside an ``OPTIONAL``, over the whole store.

>>> graph = load("exports")                                   # doctest: +SKIP
>>> [a.person for a in graph.directors("Ballerina")]          # doctest: +SKIP
['Len Wiseman']
"""
from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

from .model import KnowledgeBase, Source
from .limits import Limits
from .iris import ENTITY_CLASS, FACT_CLASS, ONTOLOGY, PREFIXES
from .store import IRI, LocalGraph, dataset_on, store_of

TYPE_OF_CLASS = {ONTOLOGY + name: kind for kind, name in {**ENTITY_CLASS, "review": "Review"}.items()}
KIND_OF_CLASS = {ONTOLOGY + name: kind for kind, name in FACT_CLASS.items()}
# A requested type and the entity types it accepts ("film" includes TV series).
ACCEPTS = {"film": ("film", "series"), "work": ("film", "series")}
NAMESPACES = PREFIXES
TYPE_WORD = {"film": "film", "series": "series", "person": "person", "character": "character",
             "franchise": "franchise", "review": "review", None: "name"}


@lru_cache(maxsize=None)
def query_text(name: str) -> str:
    """The SPARQL text of ``kg/queries/<name>.rq`` (read once): ``query_text("cast")``."""
    return resources.files("kg").joinpath("queries", f"{name}.rq").read_text(encoding="utf-8")


def name_key(text: str) -> str:
    """How names are compared: accents, case, quotes, dashes, punctuation and a leading "the" ignored.

    >>> name_key("The  John Wick: Chapter 3 \u2013 Parabellum")
    'john wick chapter 3 parabellum'
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = re.findall(r"\w+", folded.casefold())
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class Match:
    """A resolved name: the entity's IRI, type (film, series, person, ...) and canonical name."""

    iri: IRI
    type: str
    name: str


@dataclass(frozen=True)
class Resolution:
    """What a name resolved to: ``match`` when exactly one entity fits, else ``suggestions``."""

    query: str
    type: str | None
    matches: tuple[Match, ...] = ()
    suggestions: tuple[str, ...] = ()

    @property
    def match(self) -> Match | None:
        return self.matches[0] if len(self.matches) == 1 else None

    def __bool__(self) -> bool:
        return self.match is not None

    @property
    def message(self) -> str:
        """Why the name did not resolve, for people: ``No film called "Balerina". Did you mean: Ballerina?``"""
        word = TYPE_WORD.get(self.type, self.type)
        if len(self.matches) > 1:
            names = ", ".join(sorted({m.name for m in self.matches}))
            return f'"{self.query}" could be several {word}s: {names}. Please be more specific.'
        text = f'No {word} called "{self.query}" in this graph.'
        if self.suggestions:
            text += " Did you mean: " + ", ".join(self.suggestions) + "?"
        return text


@dataclass(frozen=True)
class Answer:
    """One answer with the display names it is about and the quotes (``kg.model.Source``) behind it."""

    person: str | None = None
    character: str | None = None
    film: str | None = None
    sources: tuple[Source, ...] = ()
    franchise: str | None = None
    review: str | None = None
    role: str | None = None  # the fact kind: "cast", "director", "crew", "in_franchise", ...
    value: str | int | None = None
    crew_role: str | None = None  # a crew credit's role: "writer", "composer", ...

    @property
    def reviews(self) -> tuple[str, ...]:
        """The ids of the reviews that support this answer."""
        return tuple(sorted({s.review for s in self.sources}))

    @property
    def support(self) -> int:
        return len(self.reviews)

    def as_json(self, fields: Sequence[str] = ("person", "character", "film")) -> dict:
        """A JSON-ready dict of ``fields`` plus the sources: ``{"person": ..., "sources": [...]}``."""
        data = {name: getattr(self, name) for name in fields}
        data["sources"] = [s.as_json() for s in self.sources]
        return data


@dataclass(frozen=True)
class Answers(Sequence):
    """A list of answers that also says what the name resolved to, or suggests names if it did not.

    Iterable and len-able like a list: ``[a.person for a in graph.cast("Ballerina")]``.
    """

    items: tuple[Answer, ...] = ()
    query_name: str | None = None
    name: str | None = None  # the canonical name ``query_name`` resolved to
    suggestions: tuple[str, ...] = ()
    message: str | None = None  # why nothing could be answered (unknown or ambiguous name)

    def __getitem__(self, index):
        return self.items[index]

    def __len__(self) -> int:
        return len(self.items)

    @property
    def found(self) -> bool:
        """False when a name in the question is unknown or ambiguous."""
        return self.message is None

    @classmethod
    def unresolved(cls, resolution: Resolution) -> Answers:
        suggestions = resolution.suggestions or tuple(sorted({m.name for m in resolution.matches}))
        return cls(query_name=resolution.query, suggestions=suggestions, message=resolution.message)


@dataclass(frozen=True)
class _Name:
    key: str
    is_label: bool
    match: Match


def read_name_index(path: str | Path) -> tuple[_Name, ...]:
    """The names :meth:`KnowledgeGraph.write_name_index` saved."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(_Name(key, bool(is_label), Match(IRI(iri), kind, name)) for key, is_label, iri, kind, name in rows)


def _row_sources(rows: list[dict], key) -> dict:
    """Groups query rows by ``key(row)``: first row of each group and the set of its sources."""
    groups: dict = {}
    for row in rows:
        first, sources = groups.setdefault(key(row), (row, set()))
        if row.get("quote") is not None:
            sources.add(Source(str(row["rid"]), int(row["begin"]), int(row["end"]), str(row["quote"])))
    return {k: (first, tuple(sorted(sources))) for k, (first, sources) in groups.items()}


def _text(row: dict, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def _fact_answer(row: dict, sources: tuple[Source, ...]) -> Answer:
    return Answer(
        person=_text(row, "personName"), character=_text(row, "characterName"), film=_text(row, "filmName"),
        sources=sources, franchise=_text(row, "franchiseName"), review=_text(row, "reviewId"),
        role=KIND_OF_CLASS.get(row.get("class")), value=row.get("value"), crew_role=_text(row, "crewRole"),
    )


def _ranked(answers, *order: str) -> tuple[Answer, ...]:
    """Most supported first, then by the ``order`` fields (case-insensitive)."""
    def key(answer: Answer) -> tuple:
        values = (getattr(answer, name) for name in order)
        return (-answer.support, *((v is None, str(v or "").casefold()) for v in values))

    return tuple(sorted(answers, key=key))


class KnowledgeGraph:
    """A built film graph in an Oxigraph store, queried by name.

    >>> graph = KnowledgeGraph.from_knowledge_base(kb)        # doctest: +SKIP
    >>> graph.played_by("Charon")[0].person                    # doctest: +SKIP
    'Lance Reddick'
    """

    def __init__(self, graph=None, source: str | Path | None = None, *, backend=None,
                 name_index: str | Path | None = None):
        """``graph`` is a ``pyoxigraph.Store`` or an rdflib graph or dataset (whose Oxigraph
        store is used as it is; any other is copied into one); or give a ``backend`` with a
        ``select(query, bindings)`` method instead, such as :class:`kg.remote.RemoteGraph`.
        ``name_index`` is a file :meth:`write_name_index` wrote for this same graph."""
        self.store = store_of(graph) if backend is None else None
        self.limits = Limits()  # for sparql(): seconds, memory, rows; replace to change them
        self._backend = LocalGraph(self.store, NAMESPACES) if backend is None else backend
        self._source = source
        self._index = name_index
        self._pool = None

    def __repr__(self) -> str:
        return f"<KnowledgeGraph with {len(self._backend)} quads>"

    @cached_property
    def dataset(self):
        """The graph as an rdflib ``Dataset`` over the same store (for rdflib's own tools); on a
        remote endpoint, an rdflib ``Graph`` of its union default graph."""
        if self.store is None:
            from rdflib import Graph
            from rdflib.plugins.stores.sparqlstore import SPARQLStore

            from .graph import bind_prefixes

            return bind_prefixes(Graph(store=SPARQLStore(self._backend.url, returnFormat="json")))
        return dataset_on(self.store)

    @classmethod
    def from_knowledge_base(cls, kb: KnowledgeBase) -> KnowledgeGraph:
        """The graph of a knowledge base, in a new in-memory Oxigraph store."""
        import pyoxigraph as ox

        from .graph import nquads, sorted_statements

        store = ox.Store()
        store.bulk_load(input="".join(nquads(sorted_statements(kb))).encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        return cls(store)

    # --- plumbing -----------------------------------------------------------------------------

    def sparql(self, query: str, **bindings):
        """Runs a read-only SPARQL query with variables bound to values; plain Python values become
        literals. It runs in a separate process (:mod:`kg.sandbox`) on a copy of the graph taken
        at the first call, within ``graph.limits``, so no query can crash or hang the caller.

        Example: ``graph.sparql("SELECT ?s ?name WHERE { ?s rdfs:label ?name }", name="Eve")``
        (pass ``rdflib.URIRef`` to bind an IRI). Oxigraph only binds variables the query SELECTs.
        Raises ``kg.sparql.QueryError`` (a ``ValueError``) with a one-line reason.
        """
        from .sandbox import QueryPool
        from .sparql import QueryError

        from rdflib import Literal
        from rdflib.term import Identifier

        values = {k: v if isinstance(v, Identifier) else Literal(v) for k, v in bindings.items()}
        if self.store is None:  # a remote endpoint runs the query within its own limits
            try:
                return self.dataset.query(query, initBindings=values, initNs=NAMESPACES)
            except Exception as err:  # rdflib's and the server's errors, as one line
                raise QueryError(f"SPARQL query failed: {' '.join(str(err).split())[:300]}") from None
        if self._pool is None:
            self._pool = QueryPool(self._source if self._source is not None else self.dataset)
        try:
            return self._pool.query(query, values, limits=self.limits).result
        except QueryError as err:
            raise type(err)(f"SPARQL query failed: {err}") from None

    def rows(self, query_name: str, **bindings) -> list[dict]:
        """The rows of one of our own queries (``kg/queries/<name>.rq``), run in this process, as
        dicts of plain values (an :class:`~kg.store.IRI`, a number or text) with the unbound
        variables left out: ``graph.rows("names")[0]["label"]``. Bind an IRI with ``IRI(...)``."""
        return self._backend.select(query_text(query_name), bindings)

    def _facts(self, query_name: str, *order: str, **bindings) -> tuple[Answer, ...]:
        groups = _row_sources(self.rows(query_name, **bindings),
                              lambda r: (r.get("fact"), r.get("film"), r.get("franchise"), r.get("review")))
        return _ranked((_fact_answer(row, sources) for row, sources in groups.values()), *order)

    def _about(self, name: str, type: str, query_name: str, variable: str, *order: str) -> Answers:
        resolution = self.resolve(name, type)
        if not resolution:
            return Answers.unresolved(resolution)
        items = self._facts(query_name, *order, **{variable: resolution.match.iri})
        return Answers(items, query_name=name, name=resolution.match.name)

    # --- names --------------------------------------------------------------------------------

    @cached_property
    def _names(self) -> tuple[_Name, ...]:
        if self._index is not None:
            try:
                return read_name_index(self._index)
            except (OSError, ValueError, TypeError):  # an index that cannot be read is rebuilt from the graph
                pass
        names = set()
        for row in self.rows("names"):
            entity_type = TYPE_OF_CLASS.get(row["class"])
            if entity_type is None:
                continue
            match = Match(row["item"], entity_type, str(row["label"]))
            names.add(_Name(name_key(match.name), True, match))
            if row.get("alias") is not None:
                names.add(_Name(name_key(str(row["alias"])), False, match))
        return tuple(sorted(names, key=lambda n: (n.key, n.match.name, n.match.iri, not n.is_label, n.match.type)))

    def write_name_index(self, path: str | Path) -> None:
        """Saves the names :meth:`resolve` searches (a JSON list), for :func:`load` to read back
        instead of querying every label again: ``kg build`` writes ``names.json`` with the store."""
        rows = [[n.key, n.is_label, n.match.iri, n.match.type, n.match.name] for n in self._names]
        Path(path).write_text(json.dumps(rows, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")

    @cached_property
    def _by_key(self) -> dict[str, list[_Name]]:
        by_key: dict[str, list[_Name]] = {}
        for entry in self._names:
            by_key.setdefault(entry.key, []).append(entry)
        return by_key

    def resolve(self, name: str, type: str | None = None) -> Resolution:
        """Finds the entity a name means: exact label, alias, then a unique last name or substring.

        >>> graph.resolve("Reddick", "person").match.name          # doctest: +SKIP
        'Lance Reddick'
        """
        accepted = ACCEPTS.get(type, (type,)) if type else None
        key = name_key(name)
        exact = [n for n in self._by_key.get(key, ()) if accepted is None or n.match.type in accepted] if key else []
        for tier in (lambda n: n.is_label, lambda n: True):  # an exact label, then an exact alias: no scan
            found = tuple(dict.fromkeys(n.match for n in exact if tier(n)))
            if found:
                return Resolution(name, type, found)
        names = [n for n in self._names if accepted is None or n.match.type in accepted]
        tiers = [
            lambda n: n.match.type == "person" and n.is_label and (" " + n.key).endswith(" " + key),
            lambda n: len(key) >= 3 and f" {key} " in f" {n.key} ",
            lambda n: len(key) >= 3 and n.match.type == "review" and key in n.key,
        ]
        if key:
            for tier in tiers:
                found = tuple(dict.fromkeys(n.match for n in names if tier(n)))
                if found:
                    return Resolution(name, type, found)
        close = difflib.get_close_matches(key, [n.key for n in names], n=8, cutoff=0.6)
        suggestions = [n.match.name for k in close for n in names if n.key == k]
        return Resolution(name, type, (), tuple(dict.fromkeys(suggestions))[:5])

    # --- questions ----------------------------------------------------------------------------

    def cast(self, film: str) -> Answers:
        """Who is in a film, and as whom: ``graph.cast("Ballerina")``."""
        return self._about(film, "film", "cast", "film", "person", "character")

    def directors(self, film: str) -> Answers:
        """Who directed a film: ``graph.directors("Ballerina")``."""
        return self._about(film, "film", "directors", "film", "person")

    def crew(self, film: str) -> Answers:
        """Who wrote, produced, scored, shot, edited or created a film, each with ``crew_role``:
        ``graph.crew("Beetlejuice Beetlejuice")``."""
        return self._about(film, "film", "crew", "film", "crew_role", "person")

    def filmography(self, person: str) -> Answers:
        """The films a person acted in (``role="cast"``), directed (``role="director"``) or crewed
        (``role="crew"``, with ``crew_role``): ``graph.filmography("Keanu")``."""
        return self._about(person, "person", "filmography", "person", "film", "role", "crew_role", "character")

    def played_by(self, character: str) -> Answers:
        """Who plays a character, and in which film: ``graph.played_by("Charon")``."""
        return self._about(character, "character", "played_by", "character", "person", "film")

    def films(self, franchise: str | None = None) -> Answers:
        """Every film and series, or those reviews put in a franchise: ``graph.films(franchise="John Wick")``."""
        if franchise is not None:
            return self._about(franchise, "franchise", "franchise_films", "franchise", "film")
        return Answers(self._facts("films", "film", "franchise"))

    def franchises(self) -> Answers:
        """Every franchise; ``value`` is its number of films: ``graph.franchises()[0].franchise``."""
        groups = _row_sources(self.rows("franchises"), lambda r: r["franchise"])
        films: dict = {}
        for row in self.rows("franchises"):
            if row.get("film") is not None:
                films.setdefault(row["franchise"], set()).add(row["film"])
        answers = (Answer(franchise=str(row["franchiseName"]), sources=sources, value=len(films.get(iri, ())))
                   for iri, (row, sources) in groups.items())
        return Answers(_ranked(answers, "franchise"))

    def reviews(self, film: str | None = None) -> Answers:
        """Every review (``review`` id, the ``film`` it reviews, ``value`` its URL), or those of one film.

        Example: ``graph.reviews(film="Ballerina")``.
        """
        found = Answers()
        if film is None:
            rows = self.rows("reviews")
        else:
            resolution = self.resolve(film, "film")
            if not resolution:
                return Answers.unresolved(resolution)
            rows = self.rows("film_reviews", film=resolution.match.iri)
            found = Answers(query_name=film, name=resolution.match.name)
        groups = _row_sources(rows, lambda r: (r["review"], r.get("fact")))
        items = sorted((Answer(film=_text(row, "filmName"), review=str(row["reviewId"]), sources=sources,
                               role=KIND_OF_CLASS.get(row.get("class")), value=_text(row, "url"))
                        for row, sources in groups.values()), key=lambda a: (a.review, a.film or ""))
        return Answers(tuple(items), found.query_name, found.name)

    def claims(self, review: str, about: str | None = None) -> Answers:
        """What one review claims, optionally only about one name: ``graph.claims("000", about="de Armas")``."""
        resolution = self.resolve(review, "review")
        if not resolution:
            return Answers.unresolved(resolution)
        items = self._facts("claims", "role", "person", "film", "character", review=resolution.match.iri)
        if about is None:
            return Answers(items, review, resolution.match.name)
        subject = self.resolve(about)
        if len({m.name for m in subject.matches}) != 1:  # unknown, or several different names
            return Answers.unresolved(subject)
        names = {(m.type if m.type != "series" else "film", m.name) for m in subject.matches}
        items = tuple(a for a in items
                      if any((role, getattr(a, role)) in names for role in ("person", "character", "film", "franchise")))
        return Answers(items, about, " / ".join(sorted({m.name for m in subject.matches})))

    def supporting(self, kind: str, person: str, *, character: str | None = None,
                   film: str | None = None) -> Answers:
        """Which reviews say that a person plays a character / is in / directed a film, one answer per review.

        Example: ``graph.supporting("cast", "Ana de Armas", character="Eve")``.
        """
        who = self.resolve(person, "person")
        if not who:
            return Answers.unresolved(who)
        if kind == "director":
            credits = self.directors(film)
        elif character is not None:
            credits = self.played_by(character)
        else:
            credits = self.cast(film)
        if not credits.found:
            return credits
        film_name = None
        if film is not None:
            film_name = self.resolve(film, "film").match.name
        chosen = [a for a in credits if a.person == who.match.name and (film_name is None or a.film == film_name)]
        by_review: dict[str, list[Source]] = {}
        for answer in chosen:
            for source in answer.sources:
                by_review.setdefault(source.review, []).append(source)
        character_name = chosen[0].character if chosen and character is not None else None
        items = tuple(Answer(person=who.match.name, character=character_name, film=film_name,
                             sources=tuple(sorted(set(sources))), review=review, role=kind)
                      for review, sources in sorted(by_review.items()))
        return Answers(items, person, who.match.name)

    def ask(self, question: str):
        """Answers an English question with citations: ``print(graph.ask("who plays Charon?"))``."""
        from .ask import ask

        return ask(self, question)

    def view(self, out: str | Path | None = None, *, franchise: str | None = None, film: str | None = None):
        """The explorer (:mod:`kg.view`): the graph, or one franchise's or film's part of it, as one
        HTML page that needs no network, written to ``out`` if given; returns the ``Scene`` drawn.

        Example: ``graph.view("explorer.html", franchise="John Wick")``.
        """
        from .view import scene

        drawn = scene(self, franchise=franchise, film=film)
        if out is not None:
            drawn.write(out)
        return drawn

    def draw(self, out: str | Path, *, franchise: str | None = None, min_films: int = 2):
        """A picture (:mod:`kg.draw`) of a franchise's films, directors and the cast of at least
        ``min_films`` of them, as SVG or PNG by ``out``'s suffix: ``graph.draw("john-wick.svg")``."""
        from .draw import draw

        return draw(self, out, franchise=franchise, min_films=min_films)

    def to_networkx(self):
        """The graph as a ``networkx.MultiDiGraph`` (as in the GraphML export): ``graph.to_networkx()``."""
        from .exports import to_networkx

        return to_networkx(self.dataset)


def load(path: str | Path) -> KnowledgeGraph:
    """Opens a graph written by ``kg build`` (its folder, whose store opens at once, or a
    .trig/.nq file, parsed): ``kg.load("exports")``."""
    from .store import NAME_INDEX, open_store

    index = Path(path) / NAME_INDEX
    return KnowledgeGraph(open_store(path), source=path, name_index=index if index.is_file() else None)


def connect(url: str) -> KnowledgeGraph:
    """The graph on a SPARQL endpoint (its default graph the union of its graphs), with every
    helper, ``ask`` and ``sparql``: ``kg.connect("http://localhost:7878/query")``. It reads the
    names it resolves once, at the first helper: connect again to see names pushed since."""
    from .remote import RemoteGraph

    return KnowledgeGraph(backend=RemoteGraph(url), source=url)


def build(paths, **options) -> KnowledgeGraph:
    """Builds a graph straight from review files or folders: ``kg.build(["corpus/"], workers=2)``."""
    from .pipeline import build_knowledge_base

    return KnowledgeGraph.from_knowledge_base(build_knowledge_base(list(paths), **options))
