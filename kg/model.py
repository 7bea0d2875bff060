"""Plain data passed between the stages: reviews -> mentions and claims -> entities and facts.

Every stage takes and returns these frozen dataclasses, so each can be tested alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field

FACT_KINDS = ("director", "cast", "crew", "in_franchise", "review_of", "review_author",
              "review_rating", "release_date")

# The roles of a crew credit (every person credited on a work who is not its director or cast).
CREW_ROLES = ("writer", "producer", "composer", "cinematographer", "editor", "stunt coordinator", "creator")

# The fields that identify a fact of each kind (besides its kind).
FACT_FIELDS = {
    "director": ("film", "person"),
    "cast": ("film", "person", "character"),
    "crew": ("film", "person", "role"),  # role: writer, producer, composer, cinematographer, editor, ...
    "in_franchise": ("film", "franchise"),
    "review_of": ("review", "film"),
    "review_author": ("review", "person"),
    "review_rating": ("review", "value", "best"),
    "release_date": ("film", "value"),
}


@dataclass(frozen=True)
class Review:
    """One review as read: its id (the file name without ``.txt``), text and optional metadata."""

    id: str
    text: str
    path: str
    sha256: str
    url: str | None = None
    author: str | None = None
    date: str | None = None
    rating: str | None = None
    film: str | None = None


@dataclass(frozen=True)
class ReadError:
    """A file that could not be read, and why (one line, for the user)."""

    path: str
    reason: str

    def __str__(self) -> str:
        """``path: reason`` on one line, whatever the file's name holds (a newline is shown as ``\\n``)."""
        return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                       for c in f"{self.path}: {self.reason}")


@dataclass(frozen=True, order=True)
class Source:
    """Evidence: ``quote == review_text[start:end]``."""

    review: str
    start: int
    end: int
    quote: str

    def as_json(self) -> dict:
        return {"review": self.review, "quote": self.quote, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Mention:
    """A name in a review, with the type its context suggests ("name" when nothing does).

    ``sentence`` is the character span of the sentence it is in, for quoting it later.
    ``background`` marks a work named as another one: an earlier entry, a filmography, a comparison.
    """

    text: str
    type: str
    start: int
    end: int
    sentence: tuple[int, int] = (0, 0)
    background: bool = False


@dataclass(frozen=True)
class Claim:
    """One fact as one review states it, with names as written there.

    ``rule`` is the id of the pattern that found it, so every claim can be traced to code.
    """

    kind: str
    source: Source
    rule: str
    film: str | None = None
    person: str | None = None
    character: str | None = None
    franchise: str | None = None
    review: str | None = None
    value: str | float | None = None
    best: float | None = None
    role: str | None = None  # a crew credit's role: "writer", "composer", ...
    film_from_review: bool = False  # the pattern names no film: resolution picks one (see resolve)
    film_hints: tuple[str, ...] = ()  # works named in the same sentence, nearest first
    nearby: tuple[str, ...] = ()  # every other name in the sentence, nearest first
    leading: str | None = None  # the name that opens the sentence, when it comes before the match
    corroborate: bool = False  # weak alone: kept only if other claims know the same character


@dataclass(frozen=True)
class ReviewExtraction:
    """What the extractor found in one review."""

    review: Review
    mentions: tuple[Mention, ...]
    claims: tuple[Claim, ...]
    tokens: int = 0


@dataclass(frozen=True)
class Entity:
    """A resolved entity: canonical display name plus every surface form seen."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()

    @property
    def iri(self) -> str:
        from .vocab import entity_iri

        return str(entity_iri(self.type, self.name))


@dataclass(frozen=True)
class Fact:
    """A resolved fact with canonical names and every supporting source, sorted."""

    kind: str
    sources: tuple[Source, ...]
    film: str | None = None
    person: str | None = None
    character: str | None = None
    franchise: str | None = None
    review: str | None = None
    value: str | float | None = None
    best: float | None = None
    role: str | None = None
    rules: tuple[str, ...] = ()

    @property
    def key(self) -> tuple:
        return tuple(getattr(self, f) for f in FACT_FIELDS[self.kind])

    @property
    def reviews(self) -> tuple[str, ...]:
        return tuple(sorted({s.review for s in self.sources}))


@dataclass(frozen=True)
class KnowledgeBase:
    """The output of resolution: everything the graph and the exports are built from."""

    reviews: tuple[Review, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    skipped: tuple[ReadError, ...] = field(default=())
