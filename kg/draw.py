"""Pictures for reports: a franchise's films with their directors and recurring cast (``kg draw``).

Three rows, drawn with matplotlib: the directors above, the franchise's films and TV series in
the middle, and below them the cast who appear in at least two of those films, each line a credit
that reviews support (the characters they play are written on the line). Everything comes from
the graph's answers (``graph.films``, ``graph.directors``, ``graph.cast``). SVG or PNG by the
file's suffix; the same graph always gives the same bytes.

>>> import kg
>>> picture = franchise_picture(kg.load("exports"))
>>> picture.franchise, picture.films
('John Wick', ('Ballerina', 'The Continental', 'John Wick', 'John Wick: Parabellum'))
>>> [(c.person, c.film, c.character) for c in picture.cast]
[('Anjelica Huston', 'Ballerina', None), ('Anjelica Huston', 'John Wick: Parabellum', 'Director')]
>>> draw(kg.load("exports"), "john-wick.svg")             # doctest: +SKIP
"""
from __future__ import annotations

import io
import statistics
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .exports import atomic_write
from .query import name_key
from .style import RELATIONS, TYPES

if TYPE_CHECKING:
    from .query import KnowledgeGraph

FORMATS = {".svg": "svg", ".png": "png"}
GAP = 2.4  # inches between two neighbours in a row
ROWS = {"directors": 1.0, "films": 0.0, "cast": -1.0}


@dataclass(frozen=True)
class Credit:
    """One line of the picture: a person credited on a film (as ``character``, for cast)."""

    person: str
    film: str
    character: str | None
    support: int


@dataclass(frozen=True)
class FranchisePicture:
    """What the picture shows: the franchise, its films (``series`` are TV series), directors and
    recurring cast."""

    franchise: str
    films: tuple[str, ...]
    series: frozenset[str]
    directors: tuple[Credit, ...]
    cast: tuple[Credit, ...]


def franchise_picture(graph: KnowledgeGraph, franchise: str | None = None, *, min_films: int = 2) -> FranchisePicture:
    """The films of ``franchise`` (default: the one with the most films), their directors, and
    the cast credited in at least ``min_films`` of them. Raises ``ValueError`` for an unknown
    franchise, or when the graph has none."""
    if franchise is None:
        known = sorted(graph.franchises(), key=lambda a: (-a.value, name_key(a.franchise)))
        if not known:
            raise ValueError("this graph has no franchise to draw")
        franchise = known[0].franchise
    members = graph.films(franchise=franchise)
    if not members.found:
        raise ValueError(members.message)
    films = tuple(sorted({a.film for a in members}, key=name_key))
    series = frozenset(f for f in films if graph.resolve(f, "film").match.type == "series")
    directors, cast = [], []
    for film in films:
        directors += [Credit(a.person, film, None, a.support) for a in graph.directors(film)]
        cast += [Credit(a.person, film, a.character, a.support) for a in graph.cast(film)]
    films_of: dict[str, set[str]] = {}
    for credit in cast:
        films_of.setdefault(credit.person, set()).add(credit.film)
    recurring = {person for person, worked in films_of.items() if len(worked) >= min_films}
    named = {(c.person, c.film) for c in cast if c.character}
    kept = [c for c in cast if c.person in recurring and (c.character or (c.person, c.film) not in named)]

    def order(credit: Credit) -> tuple:
        return name_key(credit.person), films.index(credit.film), credit.character or ""

    return FranchisePicture(members.name, films, series, tuple(sorted(set(directors), key=order)),
                            tuple(sorted(set(kept), key=order)))


def render(picture: FranchisePicture, fmt: str = "svg") -> bytes:
    """The picture as SVG or PNG bytes."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = {"films": list(picture.films),
            "directors": sorted({c.person for c in picture.directors}, key=name_key),
            "cast": sorted({c.person for c in picture.cast}, key=name_key)}
    x = {("films", film): i * GAP for i, film in enumerate(picture.films)}
    for row, credits in (("directors", picture.directors), ("cast", picture.cast)):
        wanted = [statistics.mean(x[("films", c.film)] for c in credits if c.person == p) for p in rows[row]]
        x.update({(row, p): at for p, at in zip(rows[row], _spread(wanted, GAP))})
    left, right = min(x.values()) - GAP / 2, max(x.values()) + GAP / 2
    with matplotlib.rc_context({"svg.hashsalt": "filmkg", "svg.fonttype": "path", "font.family": "DejaVu Sans"}):
        figure = Figure(figsize=(max(7.0, right - left + 1.6), 5.2))
        axes = figure.add_axes((0, 0, 1, 1))
        axes.set_xlim(left - 1.6, right)
        axes.set_ylim(-1.95, 1.75)
        axes.axis("off")
        axes.text(left - 1.5, 1.62, f"{picture.franchise}: films, directors and recurring cast",
                  fontsize=13, weight="bold", va="top")
        for row, credits, relation in (("directors", picture.directors, "directed"), ("cast", picture.cast, "acted_in")):
            for c in credits:
                start, end = (x[(row, c.person)], ROWS[row]), (x[("films", c.film)], 0.0)
                axes.plot(*zip(start, end), color=RELATIONS[relation].colour, linewidth=0.8 + 0.6 * c.support,
                          zorder=1)
                if c.character:
                    axes.text(*((s + e) / 2 for s, e in zip(start, end)), f"as {c.character}", fontsize=8,
                              style="italic", ha="center", va="center", color="#333333", zorder=2,
                              bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none"})
        for row, names in rows.items():
            if names:
                axes.text(left - 1.5, ROWS[row], {"directors": "Directors", "films": "Films",
                                                   "cast": "Recurring cast"}[row],
                          fontsize=10, color="#59636e", va="center")
            for name in names:
                kind = ("tv_series" if name in picture.series else "film") if row == "films" else "person"
                axes.text(x[(row, name)], ROWS[row], textwrap.fill(name, 18), ha="center", va="center",
                          fontsize=9.5, color="white", weight="bold", zorder=3,
                          bbox={"boxstyle": "round,pad=0.45", "fc": TYPES[kind].colour, "ec": "none"})
        if not rows["cast"]:
            axes.text(left - 1.5, ROWS["cast"], "No cast member is credited in two of these films.",
                      fontsize=9, color="#59636e", va="center")
        kinds = ["film", "tv_series", "person"] if picture.series else ["film", "person"]
        handles = [Patch(color=TYPES[k].colour, label=TYPES[k].label) for k in kinds]
        handles += [Line2D([], [], color=RELATIONS[r].colour, label=RELATIONS[r].label) for r in ("directed", "acted_in")]
        axes.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=8.5,
                    title="a thicker line: more reviews support the credit", title_fontsize=8.5)
        out = io.BytesIO()
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        figure.savefig(out, format=fmt, dpi=150, metadata=metadata)
    return out.getvalue()


def draw(graph: KnowledgeGraph, out: str | Path, *, franchise: str | None = None, min_films: int = 2) -> FranchisePicture:
    """Draws :func:`franchise_picture` to ``out`` (``.svg`` or ``.png``), atomically."""
    out = Path(out)
    if out.suffix.lower() not in FORMATS:
        raise ValueError(f"{out}: cannot draw this format (use a .svg or .png file name)")
    picture = franchise_picture(graph, franchise, min_films=min_films)
    atomic_write(out, render(picture, FORMATS[out.suffix.lower()]))
    return picture


def _spread(wanted: list[float], gap: float) -> list[float]:
    """Positions as near ``wanted`` as they can be, at least ``gap`` apart, centred on them."""
    placed = list(wanted)
    last = float("-inf")
    for i in sorted(range(len(wanted)), key=lambda i: wanted[i]):
        placed[i] = last = max(wanted[i], last + gap)
    shift = statistics.mean(wanted) - statistics.mean(placed) if wanted else 0.0
    return [p + shift for p in placed]
