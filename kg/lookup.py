"""The helper questions (cast, directors, crew, filmography, played-by, films) in plain data.

A name is resolved through a :class:`NameIndex` (``names.sqlite`` beside a built graph's store,
looked up by folded name, or the graph's own names in memory); one ``kg/queries/*.rq`` runs with
the entity's IRI bound; its rows are grouped into answers (dicts of :class:`kg.query.Answer`'s
fields, ``sources`` as sorted ``(review, start, end, quote)`` tuples) and ranked. Nothing here
needs dataclasses, rdflib, click or rich, so that ``kg cast`` starts as fast as Python and
pyoxigraph do; :class:`kg.query.KnowledgeGraph` wraps the same answers in its own classes, so the
Python API and the command line answer alike.

>>> index = NameIndex([("ballerina", True, "https://w3id.org/filmkg/id/film/ballerina", "film", "Ballerina")])
>>> resolve(index, "BALLERINA", "film")
((('https://w3id.org/filmkg/id/film/ballerina', 'film', 'Ballerina'),), ())
>>> unresolved_message("Balerina", "film", (), ("Ballerina",))
'No film called "Balerina" in this graph. Did you mean: Ballerina?'
"""
from __future__ import annotations

import os
import re
import unicodedata

from .iris import ENTITY_CLASS, FACT_CLASS, ONTOLOGY

INDEX_VERSION = 1  # PRAGMA user_version of names.sqlite; another version is not read
TYPE_OF_CLASS = {ONTOLOGY + name: kind for kind, name in {**ENTITY_CLASS, "review": "Review"}.items()}
KIND_OF_CLASS = {ONTOLOGY + name: kind for kind, name in FACT_CLASS.items()}
# A requested type and the entity types it accepts ("film" includes TV series).
ACCEPTS = {"film": ("film", "series"), "work": ("film", "series")}
TYPE_WORD = {"film": "film", "series": "series", "person": "person", "character": "character",
             "franchise": "franchise", "review": "review", None: "name"}
# question: (type of the name asked about, query, the variable its IRI binds, the fields that
# order equally supported answers)
QUESTIONS = {
    "cast": ("film", "cast", "film", ("person", "character")),
    "directors": ("film", "directors", "film", ("person",)),
    "crew": ("film", "crew", "film", ("crew_role", "person")),
    "filmography": ("person", "filmography", "person", ("film", "role", "crew_role", "character")),
    "played_by": ("character", "played_by", "character", ("person", "film")),
    "franchise_films": ("franchise", "franchise_films", "franchise", ("film",)),
}
FILMS_ORDER = ("film", "franchise")
QUERIES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "queries")
_query_texts: dict[str, str] = {}


def query_text(name: str) -> str:
    """The SPARQL text of ``kg/queries/<name>.rq`` (read once): ``query_text("cast")``."""
    if name not in _query_texts:
        with open(os.path.join(QUERIES, f"{name}.rq"), encoding="utf-8") as file:
            _query_texts[name] = file.read()
    return _query_texts[name]


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


class NameIndex:
    """The names a graph's helpers resolve: rows ``(key, is_label, iri, type, name)`` sorted by
    :func:`name_order`, ``key`` being :func:`name_key` of ``name`` (or of an alias of it)."""

    def __init__(self, rows=()):
        self._rows = list(rows)
        self._by_key: dict[str, list[tuple]] | None = None

    def exact(self, key: str) -> list[tuple]:
        """The rows of one key, in index order."""
        if self._by_key is None:
            self._by_key = {}
            for row in self._rows:
                self._by_key.setdefault(row[0], []).append(row)
        return self._by_key.get(key, [])

    def rows(self) -> list[tuple]:
        """Every row, in index order."""
        return self._rows


class SQLiteIndex(NameIndex):
    """A name index in an SQLite file (:func:`write_index`), opened read-only: looking a key up
    reads a few pages, not the file; :meth:`rows` reads it whole, for the scans of :func:`resolve`.
    Raises ``OSError`` or ``sqlite3.DatabaseError`` (on opening or later) for a file that is not
    such an index."""

    def __init__(self, path: str | os.PathLike):
        import sqlite3

        self.path = os.fspath(path)
        if not os.path.isfile(self.path):
            raise FileNotFoundError(f"{self.path}: no name index here")
        uri = "file:" + self.path.replace("%", "%25").replace("?", "%3f").replace("#", "%23")
        self._db = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True)  # written once, replaced by rename
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version != INDEX_VERSION:
            raise sqlite3.DatabaseError(f"{self.path}: name index version {version}, not {INDEX_VERSION}")
        self._all: list[tuple] | None = None
        self._keys: dict[str, list[tuple]] = {}

    def exact(self, key: str) -> list[tuple]:
        if key not in self._keys:
            self._keys[key] = [(k, bool(label), iri, kind, name) for k, label, iri, kind, name in self._db.execute(
                "SELECT key, is_label, iri, type, name FROM names WHERE key = ? ORDER BY rowid", (key,))]
        return self._keys[key]

    def rows(self) -> list[tuple]:
        if self._all is None:
            self._all = [(k, bool(label), iri, kind, name) for k, label, iri, kind, name in self._db.execute(
                "SELECT key, is_label, iri, type, name FROM names ORDER BY rowid")]
        return self._all


def name_order(row: tuple) -> tuple:
    """The order of an index's rows: by key, name, IRI, labels before aliases, type."""
    key, is_label, iri, kind, name = row
    return key, name, iri, not is_label, kind


def index_rows(rows) -> list[tuple]:
    """The index rows of the ``names`` query's rows (entity, class, label, optional alias)."""
    names = set()
    for row in rows:
        kind = TYPE_OF_CLASS.get(row["class"])
        if kind is None:
            continue
        label = str(row["label"])
        names.add((name_key(label), True, str(row["item"]), kind, label))
        if row.get("alias") is not None:
            names.add((name_key(str(row["alias"])), False, str(row["item"]), kind, label))
    return sorted(names, key=name_order)


def write_index(rows, path: str | os.PathLike) -> None:
    """Writes index rows to an SQLite file at ``path``, atomically (a file beside it, renamed);
    the same rows give the same bytes."""
    import sqlite3

    path = os.fspath(path)
    temporary = f"{path}.{os.getpid()}.tmp"
    if os.path.exists(temporary):
        os.remove(temporary)
    try:
        db = sqlite3.connect(temporary)
        try:
            with db:
                db.execute("CREATE TABLE names (key TEXT NOT NULL, is_label INTEGER NOT NULL, iri TEXT NOT NULL, "
                           "type TEXT NOT NULL, name TEXT NOT NULL)")
                db.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)",
                               ((key, int(label), iri, kind, name) for key, label, iri, kind, name in rows))
                db.execute("CREATE INDEX names_key ON names (key)")
                db.execute(f"PRAGMA user_version = {INDEX_VERSION}")
        finally:
            db.close()
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def resolve(index: NameIndex, name: str, type: str | None = None) -> tuple[tuple, tuple[str, ...]]:
    """The entities a name means, as ``(matches, suggestions)``: ``matches`` are ``(iri, type, name)``
    of an exact label, else an exact alias, else a unique last name or substring (one match is an
    answer; several, an ambiguity); with none, up to five close names are suggested."""
    accepted = ACCEPTS.get(type, (type,)) if type else None
    key = name_key(name)
    exact = [row for row in index.exact(key) if accepted is None or row[3] in accepted] if key else []
    for tier in (lambda row: row[1], lambda row: True):  # an exact label, then an exact alias: no scan
        found = tuple(dict.fromkeys((row[2], row[3], row[4]) for row in exact if tier(row)))
        if found:
            return found, ()
    rows = [row for row in index.rows() if accepted is None or row[3] in accepted]
    tiers = [
        lambda row: row[3] == "person" and row[1] and (" " + row[0]).endswith(" " + key),
        lambda row: len(key) >= 3 and f" {key} " in f" {row[0]} ",
        lambda row: len(key) >= 3 and row[3] == "review" and key in row[0],
    ]
    if key:
        for tier in tiers:
            found = tuple(dict.fromkeys((row[2], row[3], row[4]) for row in rows if tier(row)))
            if found:
                return found, ()
    import difflib

    close = difflib.get_close_matches(key, [row[0] for row in rows], n=8, cutoff=0.6)
    suggestions = [row[4] for k in close for row in rows if row[0] == k]
    return (), tuple(dict.fromkeys(suggestions))[:5]


def unresolved_message(query: str, type: str | None, matched: tuple[str, ...], suggestions: tuple[str, ...]) -> str:
    """Why a name did not resolve, for people: ``No film called "Balerina". Did you mean: Ballerina?``
    (``matched``: the names of the entities it could mean, when several)."""
    word = TYPE_WORD.get(type, type)
    if len(matched) > 1:
        names = ", ".join(sorted(set(matched)))
        return f'"{query}" could be several {word}s: {names}. Please be more specific.'
    text = f'No {word} called "{query}" in this graph.'
    if suggestions:
        text += " Did you mean: " + ", ".join(suggestions) + "?"
    return text


def group_sources(rows: list[dict], key) -> dict:
    """Groups query rows by ``key(row)``: the first row of each group and its sorted sources."""
    groups: dict = {}
    for row in rows:
        first, sources = groups.setdefault(key(row), (row, set()))
        if row.get("quote") is not None:
            sources.add((str(row["rid"]), int(row["begin"]), int(row["end"]), str(row["quote"])))
    return {k: (first, tuple(sorted(sources))) for k, (first, sources) in groups.items()}


def _text(row: dict, name: str) -> str | None:
    value = row.get(name)
    return None if value is None else str(value)


def support(item: dict) -> int:
    """How many reviews support an answer."""
    return len({source[0] for source in item["sources"]})


def ranked(items, order) -> list[dict]:
    """Most supported first, then by the ``order`` fields (case-insensitive, missing ones last)."""
    def key(item: dict) -> tuple:
        values = (item.get(name) for name in order)
        return (-support(item), *((v is None, str(v or "").casefold()) for v in values))

    return sorted(items, key=key)


def fact_items(rows: list[dict], order) -> list[dict]:
    """The answers of a fact query's rows (one per fact and quote), ranked."""
    groups = group_sources(rows, lambda r: (r.get("fact"), r.get("film"), r.get("franchise"), r.get("review")))
    items = ({"person": _text(row, "personName"), "character": _text(row, "characterName"),
              "film": _text(row, "filmName"), "sources": sources, "franchise": _text(row, "franchiseName"),
              "review": _text(row, "reviewId"), "role": KIND_OF_CLASS.get(row.get("class")),
              "value": row.get("value"), "crew_role": _text(row, "crewRole")}
             for row, sources in groups.values())
    return ranked(items, order)


def answer(select, index: NameIndex, question: str, name: str | None = None) -> dict:
    """One helper question: ``{"items": [...], "name": canonical name}``, or ``{"message": why
    not, "suggestions": (...)}`` for a name that does not resolve. ``select(query_text,
    bindings)`` runs a query (``kg.store.LocalGraph.select``); ``question`` is a key of
    :data:`QUESTIONS`, or ``"films"`` (every film; no name)."""
    if question == "films":
        return {"items": fact_items(select(query_text("films"), {}), FILMS_ORDER), "name": None}
    type, query, variable, order = QUESTIONS[question]
    matches, suggestions = resolve(index, name, type)
    if len(matches) != 1:
        return {"message": unresolved_message(name, type, tuple(m[2] for m in matches), suggestions),
                "suggestions": suggestions or tuple(sorted({m[2] for m in matches}))}
    from .store import IRI

    iri, _, canonical = matches[0]
    return {"items": fact_items(select(query_text(query), {variable: IRI(iri)}), order), "name": canonical}
