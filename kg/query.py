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

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import lookup
from .model import KnowledgeBase, Source
from .limits import Limits
from .iris import PREFIXES
from .lookup import ACCEPTS, KIND_OF_CLASS, TYPE_OF_CLASS, TYPE_WORD, NameIndex, name_key, query_text  # noqa: F401
from .store import IRI, LocalGraph, dataset_on, store_of

NAMESPACES = PREFIXES


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
        return lookup.unresolved_message(self.query, self.type, tuple(m.name for m in self.matches), self.suggestions)


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
    """The names :meth:`KnowledgeGraph.write_name_index` saved (``OSError`` or
    ``sqlite3.DatabaseError`` if the file is not such an index)."""
    return tuple(_Name(key, is_label, Match(IRI(iri), kind, name))
                 for key, is_label, iri, kind, name in lookup.SQLiteIndex(path).rows())


def _row_sources(rows: list[dict], key) -> dict:
    """Groups query rows by ``key(row)``: first row of each group and its sorted sources."""
    return {k: (first, tuple(Source(*s) for s in sources))
            for k, (first, sources) in lookup.group_sources(rows, key).items()}


def _text(row: dict, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def _item_answer(item: dict) -> Answer:
    """An answer of :mod:`kg.lookup` (a dict of the same fields) as an :class:`Answer`."""
    return Answer(**{**item, "sources": tuple(Source(*s) for s in item["sources"])})


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
        return tuple(_item_answer(item) for item in lookup.fact_items(self.rows(query_name, **bindings), order))

    def _question(self, question: str, name: str | None = None) -> Answers:
        """One of :data:`kg.lookup.QUESTIONS` (or ``"films"``), answered as ``kg cast`` answers it."""
        found = lookup.answer(self._backend.select, self._name_index, question, name)
        if "message" in found:
            return Answers(query_name=name, suggestions=found["suggestions"], message=found["message"])
        return Answers(tuple(_item_answer(item) for item in found["items"]), query_name=name, name=found["name"])

    # --- names --------------------------------------------------------------------------------

    @cached_property
    def _name_index(self) -> NameIndex:
        """The names :meth:`resolve` searches: the saved index if there is one that can be read,
        else the graph's own labels and aliases (read once)."""
        if self._index is not None:
            import sqlite3

            try:
                return lookup.SQLiteIndex(self._index)
            except (OSError, sqlite3.DatabaseError) as err:  # rebuilt from the graph, as a damaged store is
                import warnings

                warnings.warn(f"{self._index}: the name index cannot be read ({' '.join(str(err).split())}); "
                              "reading the names from the graph instead")
        return NameIndex(lookup.index_rows(self.rows("names")))

    @property
    def _names(self) -> tuple[_Name, ...]:
        return tuple(_Name(key, is_label, Match(IRI(iri), kind, name))
                     for key, is_label, iri, kind, name in self._name_index.rows())

    def write_name_index(self, path: str | Path) -> None:
        """Saves the names :meth:`resolve` searches (an SQLite file, written atomically, looked up
        by folded name), for :func:`load` to open instead of querying every label again:
        ``kg build`` writes ``names.sqlite`` beside the store."""
        lookup.write_index(self._name_index.rows(), path)

    def resolve(self, name: str, type: str | None = None) -> Resolution:
        """Finds the entity a name means: exact label, alias, then a unique last name or substring.

        >>> graph.resolve("Reddick", "person").match.name          # doctest: +SKIP
        'Lance Reddick'
        """
        matches, suggestions = lookup.resolve(self._name_index, name, type)
        return Resolution(name, type, tuple(Match(IRI(iri), kind, label) for iri, kind, label in matches), suggestions)

    # --- questions ----------------------------------------------------------------------------

    def cast(self, film: str) -> Answers:
        """Who is in a film, and as whom: ``graph.cast("Ballerina")``."""
        return self._question("cast", film)

    def directors(self, film: str) -> Answers:
        """Who directed a film: ``graph.directors("Ballerina")``."""
        return self._question("directors", film)

    def crew(self, film: str) -> Answers:
        """Who wrote, produced, scored, shot, edited or created a film, each with ``crew_role``:
        ``graph.crew("Beetlejuice Beetlejuice")``."""
        return self._question("crew", film)

    def filmography(self, person: str) -> Answers:
        """The films a person acted in (``role="cast"``), directed (``role="director"``) or crewed
        (``role="crew"``, with ``crew_role``): ``graph.filmography("Keanu")``."""
        return self._question("filmography", person)

    def played_by(self, character: str) -> Answers:
        """Who plays a character, and in which film: ``graph.played_by("Charon")``."""
        return self._question("played_by", character)

    def films(self, franchise: str | None = None) -> Answers:
        """Every film and series, or those reviews put in a franchise: ``graph.films(franchise="John Wick")``."""
        if franchise is not None:
            return self._question("franchise_films", franchise)
        return Answers(self._question("films").items)

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
