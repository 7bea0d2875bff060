"""Writes a synthetic corpus of film reviews for benchmarks: ``python benchmarks/make_corpus.py OUT [-n 1000]``.

Deterministic (seeded): the same ``--seed`` and ``-n`` give the same files, byte for byte.
The reviews cover a made-up franchise ("The Lantern Road" films) with made-up actors,
characters, directors and critics, and are written with the phrasings real reviews use and
filmkg's extractor reads: a headline ("'X' review: Dir. Y (2031)"), a byline ("By Z"),
"directed by X", "A as C", "C (A)", "C is played by A", "also starring A, B and C",
"the latest entry in the Lantern Road franchise" and a rating ("Rating: 3/5").
Each film has a fixed director and cast, so facts get support from many reviews.

>>> paths = make_corpus("/tmp/corpus", 20)     # doctest: +SKIP
>>> len(paths)                                   # doctest: +SKIP
20
"""
from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

FRANCHISE = "Lantern Road"
FILM_TITLES = [
    "Lantern Road", "Lantern Road: Ember Crossing", "Lantern Road: The Hollow Crown",
    "Lantern Road: Saltwater", "Lantern Road: Nightglass", "Lantern Road: The Long Signal",
    "Lantern Road: Ashfall", "Lantern Road: Iron Harbor", "Lantern Road: The Quiet Frontier",
    "Lantern Road: Redline", "Lantern Road: Cinder Bay", "Lantern Road: The Last Beacon",
]
FIRST = """Mara Tobias Ines Dmitri Selma Rowan Adaeze Callum Priya Lucian Noor Henrik Talia Matteo
Yara Emmett Sofia Desmond Ilse Rafael Greta Oren Lena Caspar Amara Felix Nadia Soren Livia Jonah
Freya Anselm Zadie Teodor Marisol Quentin Elodie Bram Saoirse Idris""".split()
LAST = """Ellison Renner Castellano Varga Okafor Lindqvist Marchetti Halloran Desai Brandt Moreau
Kowalski Abernathy Sato Whitlock Oyelaran Fairbanks Novak Delacroix Haddad Pemberton Strand Iverson
Calloway Mendez Thornbury Achterberg Quinlan Vasquez Rademacher Holloway Nakamura Ferreira Blackwood
Sorensen Galloway Petrakis Lindgren Ashworth Tremaine""".split()
CHARACTERS = """Ada Quill|Captain Voss|Teague|Marlow Finch|Sister Ondine|Hollis Crane|Juno Maddox|
The Cartographer|Bastian Rook|Wren Calder|Magistrate Pell|Oona Vale|Silas Merrow|Kit Danvers|
Edda Sorn|Grey Halvard|Lucan Mire|Perrin Ash|Rhea Talbot|Old Tomasz|Ivo Brandvold|Mercy Lark|
Dagny Holt|Fenwick|Calla Roan|Brother Aurel|Nell Garrick|Ezra Vance|Morrow|Tamsin Reyes""".replace("\n", "").split("|")

OPENINGS = [
    "It has been {gap} years since the first {franchise} film lit up the screen, and the series shows no sign of dimming.",
    "Few franchises have aged as gracefully as the {franchise} films, and this one wants to prove it.",
    "There is a particular pleasure in returning to a world you know well, and {film} trades on it shamelessly.",
    "The {franchise} franchise has always been about roads that lead somewhere darker than expected.",
    "Nobody asked for another trip down this road, but here we are, and it is better than it has any right to be.",
]
MEMBERSHIP = [
    "{film} is the latest entry in the {franchise} franchise.",
    "{film} is part of the {franchise} franchise, and it knows exactly what fans expect.",
    "As the {ordinal} film in the {franchise} franchise, {film} has a lot of history to carry.",
]
DIRECTING = [
    "{film}, directed by {director}, moves with a confidence the last chapter lacked.",
    "This time the film is directed by {director}, who keeps the action close and the quiet moments closer.",
    "{director} directed {film} with an eye for rain-slicked streets and long, patient shots.",
    "Director {director} stages the set pieces with real clarity.",
]
LEAD = [
    "{actor} as {character} carries the film, all coiled stillness and sudden violence.",
    "{character} ({actor}) is the beating heart of the story.",
    "{actor} plays {character} with a weariness that feels earned.",
    "{character} is played by {actor}, who has never been better.",
]
SUPPORT = [
    "{actor} as {character} steals every scene.",
    "{character} ({actor}) gets the best lines and makes the most of them.",
    "{actor} reprises the role of {character}, and it is good to have them back.",
    "{character}, played by {actor}, adds a welcome streak of mischief.",
]
ENSEMBLE = [
    "Also starring {people}.",
    "The returning {people} round out a strong ensemble.",
]
MIDDLES = [
    "The plot is thin, a chase from one lantern-lit waystation to the next, but the craft is undeniable.",
    "The second act sags under the weight of its own mythology, with too many meetings in too many dim rooms.",
    "The fight choreography is inventive, using the cramped corridors and flickering light to great effect.",
    "The score hums underneath everything, a low drone that tightens every scene.",
    "It runs a little long, and one subplot could have been cut entirely.",
    "The production design remains the series' secret weapon: every frame looks lived in.",
    "Where it stumbles is the dialogue, which too often explains what the images already show.",
    "The final stretch is a genuine thrill, a sustained sequence that earns its running time.",
]
CLOSINGS = [
    "For fans, this is an easy recommendation; for newcomers, start at the beginning.",
    "It does not reinvent the road, but it walks it with style.",
    "Flawed, handsome and often thrilling, it is another solid stop on a long journey.",
    "Come for the action, stay for the faces in the lantern light.",
]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth"]


@dataclass(frozen=True)
class Film:
    title: str
    year: int
    director: str
    cast: tuple[tuple[str, str], ...]  # (actor, character), lead first


def people(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct made-up full names."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def make_world(rng: random.Random) -> tuple[list[Film], list[str]]:
    """The franchise: films with fixed directors and casts (recurring leads), and the critics."""
    names = people(rng, 110)
    directors, actors, critics = names[:7], names[7:47], names[47:]
    recurring = list(zip(actors[:6], CHARACTERS[:6]))  # the series regulars
    others = list(zip(actors[6:], CHARACTERS[6:]))
    films = []
    for index, title in enumerate(FILM_TITLES):
        cast = [recurring[0]] + rng.sample(recurring[1:], 3) + rng.sample(others, 4)
        films.append(Film(title, 2019 + index, directors[index % len(directors)], tuple(cast)))
    return films, critics


def listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def write_review(rng: random.Random, film: Film, films: list[Film], critic: str) -> str:
    fill = {"film": film.title, "franchise": FRANCHISE, "director": film.director,
            "ordinal": ORDINALS[films.index(film)], "gap": films.index(film) + 2}
    lead, *rest = film.cast
    featured = rng.sample(rest, rng.randint(2, 4))
    leftover = [actor for actor, _ in rest if (actor, _) not in featured]
    paragraphs = [
        f"\u2018{film.title}\u2019 review: Dir. {film.director} ({film.year})",
        f"By {critic}",
        " ".join([rng.choice(OPENINGS).format(**fill), rng.choice(MEMBERSHIP).format(**fill)]),
        " ".join([rng.choice(DIRECTING).format(**fill), rng.choice(MIDDLES)]),
        " ".join([rng.choice(LEAD).format(actor=lead[0], character=lead[1]),
                  *(rng.choice(SUPPORT).format(actor=a, character=c) for a, c in featured)]),
    ]
    if leftover and rng.random() < 0.7:
        paragraphs.append(rng.choice(ENSEMBLE).format(people=listing(rng.sample(leftover, min(3, len(leftover))))))
    paragraphs.append(" ".join(rng.sample(MIDDLES, 2) + [rng.choice(CLOSINGS)]))
    paragraphs.append(f"Rating: {rng.randint(1, 5)}/5")
    return "\n\n".join(paragraphs) + "\n"


def make_corpus(out: str | Path, n: int = 1000, seed: int = 7) -> list[Path]:
    """Writes ``n`` reviews as ``out/review_00000.txt`` ... and returns their paths."""
    rng = random.Random(seed)
    films, critics = make_world(rng)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        film = films[rng.randrange(len(films))]
        path = out / f"review_{index:05d}.txt"
        path.write_text(write_review(rng, film, films, rng.choice(critics)), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the .txt reviews to")
    parser.add_argument("-n", type=int, default=1000, help="number of reviews (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args(argv)
    paths = make_corpus(args.out, args.n, args.seed)
    print(f"wrote {len(paths)} reviews to {args.out}")


if __name__ == "__main__":
    main()
