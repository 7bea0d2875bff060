"""Writes a synthetic archive of film reviews for benchmarks: ``python benchmarks/make_corpus.py OUT [-n 1000] [--seed 7]``.

Deterministic: the same ``-n`` and ``--seed`` give the same files, byte for byte. For ``n``
reviews it makes up about ``n/4`` films -- about ``n/40`` franchises of 1-12 films ("X", "X 2",
"X: Part Two", "X: Subtitle") and standalone films, each with a director and 4-12 actors playing
characters (regulars recur through a franchise, a few actors work across them) -- and up to 800
critics, all named from word lists. Which film a review covers follows a Zipf law (after one
review each), and so does which of its cast it names. A review (2-5 KB) has a headline in one of
several layouts, a byline, maybe a credit block and a rating, and prose with the phrasings the
extractor reads ("directed by D", "A as C", "C (A)", "A reprises the role of C", "also starring
A, B and C", "the latest entry in the F franchise", "a sequel to Y", ...) among fact-free filler.

>>> paths = make_corpus("/tmp/corpus", 20)     # doctest: +SKIP
>>> len(paths)                                   # doctest: +SKIP
20
"""
from __future__ import annotations

import argparse
import bisect
import itertools
import random
from dataclasses import dataclass
from pathlib import Path

# --- word lists: people, characters, titles -------------------------------------------------------

FIRST = """Aaron Abigail Adele Adrian Agnes Aiko Alan Alba Alec Alina Alma Alvaro Amara Amelie Anders Andrea
Anika Ansel Anton Ariadne Arlo Arturo Astrid Aurora Axel Aylin Beatrix Benedikt Bianca Birgit Blaise Bodhi
Bram Brenna Bruno Caleb Camille Carmen Casimir Caspar Cecily Cedric Celeste Chiara Cillian Clara Clement
Colette Conrad Cormac Corinne Dalia Damien Dara Darius Delphine Demetri Desmond Dimitra Dorian Dorothea
Duncan Edith Edmund Eileen Elias Elin Eliza Elodie Emil Emmeline Enzo Esme Esther Etienne Eva Ewan
Fabian Farida Felix Fiona Florian Frida Gabriel Gemma Georgina Gideon Gisela Greer Gregor Greta Gunnar
Hana Hannes Harriet Hector Helena Henrik Hilde Hugo Ida Ignacio Ilse Imogen Ines Ingrid Irene Isak
Ivan Jasper Joanna Joel Johanna Jonah Josefin Jude Julian Juliet Kaia Kamal Karin Kasper Katya Kenji
Keira Kian Kirsten Klara Konrad Laila Lars Laurel Leander Leona Leopold Levi Liesel Linnea Lionel Livia
Lorcan Lorenzo Lucia Ludo Luisa Lydia Magnus Maia Malik Mara Marcel Marguerite Marisol Marius Marta
Mateo Mathilde Maxim Meera Mila Milo Mina Miriam Moira Nadia Naomi Nell Nico Nikolai Nina Noor Nora
Oliver Olivia Omar Ophelia Orla Orson Oscar Otto Paloma Pascal Paulina Penelope Petra Philippa Pia
Piers Priya Quentin Rafael Rania Raoul Rebekah Reuben Rhiannon Rosalind Rowan Rufus Ruth Sabine Saoirse
Selma Serafina Silvia Simone Sinead Solveig Soren Stellan Sunniva Tamar Tariq Tatiana Teodor Thea
Theo Tilda Tobias Tomas Ulla Ulrich Valentina Vera Victor Vivienne Wilhelmina Willa Xavier Yara Yusuf
Zadie Zara Zora Adaeze Bastien Callum Dagmar Emrys Fleur Gwendolyn Halvard Isolde Jovan Katell Leif
Lisbet Mattias Nerea Odile Paavo Rosamund Signe Tove Ugo Wanda Yannick Zeynep Ambrose Beatrice Cosima
Dashiell Eamon Fenella Hollis Ismay Jem Kestrel Linus Mireille Niamh Ottilie Percival Roisin Sefton
Talia Una Wendell Anouk Barnaby Clemence Delia Eero Fionn Ilona Jarvis Lenka Malin Oona Radek""".split()
# Surnames are built from syllables, so no full name is a real person's.
SURNAME_HEADS = """Ald Ash Bard Bell Brann Cald Carr Dall Derr Elst Fenn Garl Hald Hask Ivers Jall Kess Lind
Mall Marr Nord Orl Pell Quin Rand Roth Sall Tarr Thorn Vell Wend Wynd Yarr Zell Brisk Cord Dunst Fald
Grend Holm""".split()
SURNAME_TAILS = "ard ett ington wick more dale ford holt ley son ridge worth berg cote mayne ville by".split()
CHAR_FIRST = """Ada Bastian Calla Dagny Edda Fenwick Grey Hollin Ivo Juno Kit Lucan Marlow Nell Oona Perrin
Rhea Silas Tamsin Wren Ezra Mercy Teague Ansel Bryn Cassius Delphy Elowen Finch Gage Hester Ilsa Jory
Kestrin Lark Mabry Nyle Orrin Pim Quinta Roan Sable Tibor Ursa Vesna Wystan Yorick Zephyr Ambrin Briar
Corvin Dax Emberly Fitch Greer Halcy Ines Jessa Kael Linden Morrow Nim Odo Piper Rook Saffi Thane Umber
Vail Wick Xan Yves Zilla Aster Bexley Crispin Dorrit Elara Fable Gus Hobb Ivy Jarrah Keturah Lio Maddy
Neve Otis Pell Quill Remy Sorrel Tavi Vidal Winnow Yael Zev Cato Dove Esk Flint Hazel Jinx Koa""".split()
CHAR_LAST_PLAIN = """Calder Maddox Crane Rook Vale Merrow Danvers Talbot Lark Holt Garrick Vance Reyes Quill
Voss Sorn Halvard Mire Ash Brandvold Roan Aurel Finch Marsh Kestrel Greaves Locke Harrow Stroud Blythe
Corbin Dunmore Fallow Grimshaw Hatch Inchley Jessop Kettle Lomax Mayhew Nettle Orwin Pargeter Quarry
Rusk Sallow Tull Underhill Vickery Wexley Yardley""".split()
CHAR_HEADS = """Vor Quel Thar Myr Drav Keld Sorr Ombr Brae Cael Fael Gryn Hest Isk Jorv Kael Lorv Morv Pryd Rask Tyr Ven
Zor Ael Bryl Cyr Dorn Eld Fyr Gald Hyr Jass Kyr Lyr Nol Orv Quor Syl Tal Vex""".split()
CHAR_TAILS = "ane en is ow ek ath ion ire ova ux ain ick ory el ar eth yn amo ist uin".split()
CHAR_RANKS = "Captain Commander Sister Brother Doctor Magistrate Old Agent Professor Baron Marshal Inspector".split()
CHAR_EPITHETS = """Cartographer Ferryman Archivist Warden Tinker Lamplighter Oracle Sentinel Courier Alchemist
Pilgrim Shepherd Hangman Stranger Widow Exile Navigator Falconer Clockmaker Gravedigger Envoy Herald
Scrivener Cardinal Minstrel Surveyor Beekeeper Locksmith Glassblower Smuggler""".split()

ADJECTIVES = """Hollow Silent Iron Crimson Broken Burning Pale Silver Quiet Long Last Frozen Golden Hidden
Scarlet Shattered Endless Distant Wild Sunken Bitter Northern Lost Dark Bright Savage Lonely Fallen Restless
Cold Gilded Feral Secret Narrow Ashen Velvet Copper Glass Salt Midnight Electric Violet Hungry Drowned
Painted Crooked Sleeping Burnt Amber Grey Infinite Hallowed Wandering Forgotten""".split()
NOUNS = """Road Harbor Crown Signal Frontier Beacon Tide River Garden Kingdom Empire Circuit Engine Lantern
Meridian Orchard Citadel Ember Horizon Compass Vault Canyon Archive Tower Station Winter Ridge Coast Island
Valley Mirror Harvest Storm Current Echo Shadow Cipher Covenant Ledger Relic Bridge Orbit Prairie Tundra
Reef Quarry Foundry Lighthouse Carnival Parade Labyrinth Sanctuary Outpost Colony Nocturne Requiem Ballad
Vigil Gambit Heist Exodus Reckoning Uprising Inheritance Descent Crossing Passage Expanse Furnace Monsoon
Pilgrimage Masquerade Testament Wilderness Hourglass Menagerie Voyage Dominion""".split()
COMPOUND_HEADS = "Night Ember Iron Storm Star Frost Shadow Moon Sun Ash Stone Blood Wolf Raven Thorn Salt Sky Dusk Dawn Cinder".split()
COMPOUND_TAILS = "fall glass vale reach hold gate wood watch spire fire haven bound light mark".split()
PART_WORDS = "Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve".split()
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
MONTHS = "January February March April May June July August September October November December".split()

# --- sentences ------------------------------------------------------------------------------------

DECKS = """a sequel that earns its noise|handsome, hollow and far too long|the best entry yet|a ragged but rousing
return|an elegant slow burn|diminishing returns, beautifully shot|style over substance, again|a thriller with real
bite|a muddle with moments of grace|a quiet triumph|loud, proud and exhausting|the series finds its nerve|a
handsome misfire|smart, spare and gripping|an overstuffed curiosity|bigger, not better|a minor key delight|a
messy, moving epic|all atmosphere, no engine|a confident, chilly puzzle""".replace("\n", " ").split("|")
DECK_VERBS = """delivers thrills but little else|is a ragged delight|runs out of road|finds new life in an old
formula|stumbles in its final stretch|plays it far too safe|wins on sheer nerve|is gorgeous and oddly inert|takes
a bold swing|keeps the lights on, just""".replace("\n", " ").split("|")
OPENINGS_SERIES = [
    "It has been {gap} years since the first {franchise} film, and the series shows no sign of slowing down.",
    "Few franchises have aged as gracefully as the {franchise} films, and this one wants to prove it.",
    "There is a particular pleasure in returning to a world you know well, and {film} trades on it shamelessly.",
    "Nobody asked for another trip into this world, but here we are, and it is better than it has any right to be.",
    "The {franchise} series has always been about characters who get dragged somewhere darker than expected.",
    "Fans have waited {wait} years for this, and the wait shows in every frame.",
]
OPENINGS_ALONE = [
    "Every so often a film arrives without a franchise behind it and reminds you how rare that has become.",
    "There is no brand to lean on here, no familiar logo, just a story and the people telling it.",
    "{film} is the kind of mid-budget film the studios used to make every month and now make twice a decade.",
    "It is hard to know what to expect from {film}, and that uncertainty turns out to be its greatest asset.",
    "On paper {film} sounds like a dozen films you have already seen; on screen it is stranger than that.",
    "The premise of {film} fits on a postcard, which is exactly why it works.",
]
OPENINGS_FIRST = [
    "Studios love a film that could become a series, and {film} has clearly been built with sequels in mind.",
    "Every franchise has to start somewhere, and this one starts with a bang.",
    "It is not often that a new world arrives fully formed, but {film} comes close.",
]
NAMED = [  # the title in the prose: a review names what it reviews
    "{film} is a strange, stubborn piece of work.",
    "{film} wastes no time getting to the point.",
    "What {film} lacks in polish it makes up for in nerve.",
    "{film} wears its influences openly and mostly earns them.",
]
MEMBERSHIP = [
    "{film} is the latest entry in the {franchise} franchise.",
    "{film} is the {ordinal} film in the {franchise} series.",
    "As the {ordinal} film in the {franchise} franchise, {film} has a lot of history to carry.",
    "{film} is part of the {franchise} franchise, and it knows exactly what fans expect.",
    "The {ordinal} instalment in the {franchise} saga, {film} is also the most ambitious.",
]
FIRST_MEMBERSHIP = [
    "{film} is the first film in the {franchise} series, and it sets the table with care.",
    "This is where the {franchise} franchise begins, and {film} makes a strong case for the rest.",
]
SEQUEL = [
    "{film} is a sequel to {previous}, and it picks up almost exactly where that film left off.",
    "As a sequel to {previous}, it has the sense to change the scenery.",
    "This sequel to {previous} widens the world without losing the thread.",
]
DIRECTING = [
    "{film}, directed by {director}, moves with a confidence that never tips into swagger.",
    "The film is directed by {director}, who keeps the action close and the quiet moments closer.",
    "{director} directed {film} with an eye for rain-slicked streets and long, patient shots.",
    "Director {director} stages the set pieces with real clarity.",
    "{director} directs with a steady hand and a taste for long, unbroken takes.",
    "{director}'s direction is sure-footed, if rarely surprising.",
    "Directed by {director}, the film looks far more expensive than it probably was.",
    "Director {director} clearly loves these characters, perhaps a little too much.",
]
DIRECTING_RETURN = [
    "{director}, who directed {previous}, returns to direct, and the continuity shows.",
    "Once again {film} is directed by {director}, who knows this world better than anyone.",
]
DIRECTING_NEW = [
    "Taking over from {old}, director {director} brings a looser, stranger energy to the series.",
    "This time the film is directed by {director}, and the change of hands is felt in every scene.",
]
LEAD = [
    "{actor} as {character} carries the film, all coiled stillness and sudden violence.",
    "{character} ({actor}) is the beating heart of the story.",
    "{actor} plays {character} with a weariness that feels earned.",
    "{character} is played by {actor}, who has rarely been better.",
    "At its centre, {actor} plays {character} as a person running out of second chances.",
    "{actor} is terrific as {character}, funny and frightening in the same breath.",
]
LEAD_RETURN = [
    "{actor} reprises the role of {character}, and slips back into it like an old coat.",
    "Once more {actor} plays {character}, and the years have only deepened the performance.",
]
SUPPORT = [
    "{actor} as {character} steals every scene.",
    "{character} ({actor}) gets the best lines and makes the most of them.",
    "{actor} plays {character} with a sly, unhurried menace.",
    "{character}, played by {actor}, adds a welcome streak of mischief.",
    "{character} is played by {actor}, who does a great deal with very little.",
    "{actor}, who plays {character}, deserves a film of their own.",
    "As {character}, {actor} is quietly devastating.",
    "{actor} is wasted as {character}, a role that exists mostly to explain the plot.",
]
SUPPORT_RETURN = [
    "{actor} reprises the role of {character}, and it is good to have them back.",
    "{character} ({actor}) returns, a little older and a lot more tired.",
    "{actor} is back as {character}, and the film lights up whenever they appear.",
]
ENSEMBLE = [
    "Also starring {people}.",
    "The cast also includes {people}, all of them reliable.",
    "Also starring {people}, the supporting cast is stronger than the script deserves.",
]
ENSEMBLE_RETURN = [
    "The returning {people} round out a strong ensemble.",
    "{people} reprise their roles, to the delight of fans.",
]
LEAD_AGAIN = [
    "Whatever its flaws, {actor} is the reason to see it.",
    "It is, in the end, {actor}'s film.",
    "{actor} has never been more watchable.",
]
PLOT = [
    "The story follows {c1}, who has spent years trying to outrun a past that refuses to stay buried.",
    "When {c1} learns that {c2} has vanished, the search leads somewhere nobody wanted to go.",
    "{c1} and {c2} make an uneasy alliance, and the film gets a lot of mileage out of their bickering.",
    "The plot sends {c1} across three countries and at least one very bad decision.",
    "By the midpoint {c1} has lost almost everything, which is exactly when the film comes alive.",
    "The relationship between {c1} and {c2} is the film's real subject, whatever the marketing says.",
    "What begins as a simple errand for {c1} turns into a long night of betrayals.",
]
FILLER = [
    "The plot is thin, but the craft is undeniable.",
    "The second act sags under the weight of its own mythology, with too many meetings in too many dim rooms.",
    "The fight choreography is inventive, using cramped corridors and flickering light to great effect.",
    "The music hums underneath everything, a low drone that tightens every scene.",
    "It runs a little long, and one subplot could have been cut entirely.",
    "The production design is the film's secret weapon: every frame looks lived in.",
    "Where it stumbles is the dialogue, which too often explains what the images already show.",
    "The final stretch is a genuine thrill, a sustained sequence that earns its running time.",
    "There are at least two endings here, and the film cannot decide which one it believes.",
    "The visual effects are mostly seamless, though one late sequence looks unfinished.",
    "It is rare to see a film this size take its time, and rarer still to see it pay off.",
    "The humour lands more often than not, which is a relief given how grim the middle hour gets.",
    "Some of the editing choices are baffling, cutting away from moments that needed room to breathe.",
    "The colour palette leans on teal and rust until the whole thing feels faintly sunburnt.",
    "Nothing here is new, exactly, but it is assembled with care and a real sense of rhythm.",
    "A late twist is telegraphed from the first reel, and the film seems to know it.",
    "The sound design deserves special mention: you feel every slammed door.",
    "For a while it plays like a heist film, then a family drama, then something harder to name.",
    "The pacing is brisk in the first hour and oddly sluggish in the second.",
    "It is a film of small pleasures rather than big ones, and there is nothing wrong with that.",
    "The screenplay has a habit of underlining its themes in thick red pen.",
    "Several scenes are shot in near darkness, which is atmospheric until it is simply hard to see.",
    "The opening ten minutes are as good as anything in the genre this year.",
    "A chase through a flooded market is the clear highlight, staged with wit and real danger.",
    "Its politics are muddled, but its heart is in the right place.",
    "There is a stretch in the middle where nothing much happens, and it is the best part of the film.",
    "The camera rarely sits still, and after a while the restlessness becomes exhausting.",
    "Every time the story threatens to become predictable, it swerves.",
    "The costumes alone are worth the price of admission.",
    "It is too long by at least twenty minutes, and most of them are in the third act.",
    "The world-building is dense without ever feeling like homework.",
    "Some of the supporting roles are thinly written, which the actors do their best to hide.",
    "It does the one thing a film like this must do: it makes you care what happens next.",
    "The climax is loud, busy and a little confusing, but it delivers.",
    "Beneath the spectacle there is a surprisingly tender story about grief.",
    "It is a handsome film, shot on real locations that give it a weight studio backlots never could.",
    "The tone wobbles between solemn and silly, and never quite settles.",
    "A few scenes feel lifted from better films, but the borrowing is done with affection.",
    "Somewhere in here is a tighter, meaner film struggling to get out.",
    "The dialogue crackles in the quieter scenes and goes flat whenever the action starts.",
]
ASPECTS = """The cinematography|The editing|The sound mix|The production design|The script|The dialogue|The
pacing|The third act|The opening stretch|The action|The humour|The world-building|The camera work|The lighting|The
effects work|The costume design|The ending|The central mystery|The villain's plan|The romance|The score""".replace("\n", " ").split("|")
VERDICTS = """is handsome but oddly airless|is sharp and unfussy|never quite settles|is the film's strongest suit|feels
rushed|does a lot of heavy lifting|is better than it needs to be|carries real weight|is a mixed bag|goes on a beat too
long|is quietly superb|is functional at best|keeps surprising|is more confident than last time|lands with a thud|is
genuinely elegant""".replace("\n", " ").split("|")
CODAS = ["", ", and it rarely draws attention to itself", ", even when the story falters",
         ", which is more than can be said of the plot", ", though the film leans on it too hard",
         ", and that counts for a lot", ", at least until the last half hour"]
SCENES = [
    "In one standout scene, {c} talks their way out of a locked room, and the film briefly becomes a comedy.",
    "A long dinner scene, with {c} at the head of the table, is the tensest thing in the film.",
    "The film is at its best when it simply lets {c} think.",
    "A late confrontation involving {c} is staged in a single take, and it is breathtaking.",
    "{c} gets a monologue in the second half that stops the film dead, in a good way.",
]
RELEASE = [
    "{film} is in cinemas from {date}.",
    "{film} is released on {date}.",
    "{film} opens in theaters on {date}.",
]
CLOSINGS = [
    "For fans, this is an easy recommendation; for newcomers, it is a fine place to start.",
    "It does not reinvent anything, but it walks familiar ground with style.",
    "Flawed, handsome and often thrilling, it is well worth the trip.",
    "Come for the action, stay for the faces.",
    "It will not change your life, but it might make your week.",
    "See it on the biggest screen you can find.",
    "Uneven but never dull, it leaves you curious about what comes next.",
    "It is a mess, but a fascinating one.",
]
BIOS = [
    "{critic} is a film critic based in {city}.",
    "{critic} is a freelance writer who has covered film for more than a decade.",
    "{critic} is the senior film critic at a weekly that no longer prints on paper.",
]
CITIES = "Lisbon Glasgow Montreal Melbourne Dublin Toronto Manchester Wellington Oslo Bristol".split()
RATED = "U PG 12A 15 18 PG-13 R".split()
GRADES = ["D", "C-", "C", "C+", "B-", "B", "B+", "A-", "A"]


# --- the world -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Film:
    title: str
    year: int
    release: tuple[int, int]  # month, day
    director: str
    cast: tuple[tuple[str, str], ...]  # (actor, character), in billing order: the lead first
    franchise: str | None = None
    index: int = 0  # its place in the franchise
    previous: Film | None = None  # the franchise's film before it
    returning: frozenset[str] = frozenset()  # characters seen in an earlier film of the franchise
    quality: float = 3.0  # the critics' consensus, out of 5
    runtime: int = 100


@dataclass(frozen=True)
class World:
    films: list[Film]
    franchises: list[str]
    critics: list[str]


class Namer:
    """Distinct made-up names: people, characters and titles, never one twice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        surnames = [h + t for h, t in itertools.product(SURNAME_HEADS, SURNAME_TAILS)]
        first = set(FIRST)
        self.surnames = [s for s in surnames if s not in first]
        self.char_first = [c for c in CHAR_FIRST if c not in first]
        taken = set(self.surnames)
        self.char_last = [c for c in CHAR_LAST_PLAIN + [h + t for h, t in itertools.product(CHAR_HEADS, CHAR_TAILS)]
                          if c not in taken]
        self.epithets = list(CHAR_EPITHETS)
        rng.shuffle(self.epithets)
        self.used: set[str] = set()  # every name given out
        self.title_keys: set[str] = set()  # every title, folded
        self.title_heads: set[str] = set()  # the opening words of every title, folded

    def _fresh(self, make, fallback=None) -> str:
        for attempt in itertools.count():
            name = make() if attempt < 40 or fallback is None else fallback()
            if name not in self.used:
                self.used.add(name)
                return name
        raise AssertionError("unreachable")

    def person(self) -> str:
        rng = self.rng
        return self._fresh(lambda: f"{rng.choice(FIRST)} {rng.choice(self.surnames)}",
                           lambda: f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(self.surnames)}")

    def character(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.03 and self.epithets:
            name = "The " + self.epithets.pop()
            self.used.add(name)
            return name
        if roll < 0.15:
            return self._fresh(lambda: f"{rng.choice(CHAR_RANKS)} {rng.choice(self.char_last)}", self._full_character)
        return self._fresh(self._full_character, lambda: f"{self._full_character()} {rng.choice(self.char_last)}")

    def _full_character(self) -> str:
        return f"{self.rng.choice(self.char_first)} {self.rng.choice(self.char_last)}"

    def title(self, shapes: str) -> str:
        """A title of one of ``shapes`` ("a": "Quiet Harbor", "t": "The Quiet Harbor", "c": "Emberfall",
        "n": "Emberfall Station", "o": "Citadel of Emberfall"): not another title, nor the start of one."""
        rng = self.rng
        for attempt in itertools.count():
            shape = rng.choice(shapes if attempt < 50 else "n")
            compound = rng.choice(COMPOUND_HEADS) + rng.choice(COMPOUND_TAILS)
            text = {"a": lambda: f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
                    "t": lambda: f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
                    "c": lambda: compound,
                    "n": lambda: f"{compound} {rng.choice(NOUNS)}",
                    "o": lambda: f"{rng.choice(NOUNS)} of {compound}"}[shape]()
            words = text.lower().removeprefix("the ").split()
            heads = [" ".join(words[:count]) for count in range(1, len(words) + 1)]
            if heads[-1] not in self.title_heads and not any(head in self.title_keys for head in heads):
                self.title_keys.add(heads[-1])  # no title opens with another: "Emberfall", "Emberfall Station"
                self.title_heads.update(heads)
                return text
        raise AssertionError("unreachable")


def _zipf_cum(count: int, s: float) -> list[float]:
    """Cumulative Zipf weights ``1/rank**s`` for ranks 1..count, for ``rng.choices``."""
    return list(itertools.accumulate(1.0 / (rank ** s) for rank in range(1, count + 1)))


def _sequel_titles(rng: random.Random, namer: Namer, head: str, size: int) -> list[str]:
    """The titles of a franchise of ``size`` films named ``head``: "X", then "X 2", "X: Part Two" or
    "X: Subtitle" (or a mix)."""
    style = rng.choice(["number", "part", "subtitle", "subtitle", "mixed"])
    titles = [head]
    for index in range(1, size):
        form = style if style != "mixed" else ("number" if index == 1 else rng.choice(["number", "subtitle"]))
        if form == "number":
            titles.append(f"{head} {index + 1}")
        elif form == "part":
            titles.append(f"{head}: Part {PART_WORDS[index - 1]}")
        else:
            titles.append(f"{head}: {namer.title('atc')}")
    return titles


def make_world(rng: random.Random, n: int) -> World:
    """Films (in franchises and alone) with fixed directors and casts, and the critics, sized for ``n`` reviews."""
    namer = Namer(rng)
    film_count = max(6, round(n / 4))
    franchise_count = max(1, round(n / 40))
    actors: list[str] = []  # every actor so far: a few are cast again, elsewhere
    directors: list[str] = []

    def new_actor(exclude: set[str]) -> str:
        if actors and rng.random() < 0.06:
            actor = actors[min(len(actors) - 1, int(len(actors) * rng.random() ** 2))]  # the early ones work most
            if actor not in exclude:
                return actor
        actor = namer.person()
        actors.append(actor)
        return actor

    def new_director() -> str:
        if directors and rng.random() < 0.15:
            return rng.choice(directors)
        directors.append(namer.person())
        return directors[-1]

    def cast_film(size: int, fixed: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
        cast = list(fixed)
        while len(cast) < size:
            cast.append((new_actor({a for a, _ in cast}), namer.character()))
        return tuple(cast)

    films: list[Film] = []
    franchises: list[str] = []
    budget = film_count
    for number in range(franchise_count):
        if budget <= 0:
            break
        size = min(budget, 12, max(1, round(rng.triangular(1, 12, 3))))
        budget -= size
        head = namer.title("aactn" if number % 3 else "aaccno")
        franchises.append(head)
        titles = _sequel_titles(rng, namer, head, size)
        regulars = [(new_actor(set()), namer.character()) for _ in range(rng.randint(2, 5))]
        pool = [new_director() for _ in range(rng.randint(1, 3))]
        seen: list[tuple[str, str]] = []  # every role of the franchise so far
        director = pool[0]
        year = rng.randint(1975, 2026 - 3 * size)
        previous = None
        for index, title in enumerate(titles):
            if index and rng.random() < 0.35:
                director = rng.choice(pool)
            fixed = [regulars[0]] + [r for r in regulars[1:] if index == 0 or rng.random() < 0.75]
            fixed += [r for r in seen if r not in regulars and rng.random() < 0.15][:3]
            cast = cast_film(max(len(fixed), rng.randint(4, 12)), fixed)
            returning = frozenset(c for a, c in cast if (a, c) in seen)
            seen += [role for role in cast if role not in seen]
            film = Film(title, year, (rng.randint(1, 12), rng.randint(1, 28)), director, cast, head, index,
                        previous, returning, rng.uniform(1.5, 4.8), rng.randint(88, 165))
            films.append(film)
            previous = film
            year += rng.randint(1, 4)
    while budget > 0:
        budget -= 1
        cast = cast_film(rng.randint(4, 12), [])
        films.append(Film(namer.title("aaattcn"), rng.randint(1975, 2025), (rng.randint(1, 12), rng.randint(1, 28)),
                          new_director(), cast, quality=rng.uniform(1.2, 4.9), runtime=rng.randint(80, 150)))
    critics = [namer.person() for _ in range(max(8, min(800, n // 25)))]
    return World(films, franchises, critics)


# --- one review ----------------------------------------------------------------------------------

def listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def pick_cast(rng: random.Random, cast: tuple, count: int) -> list:
    """``count`` of ``cast``, the top billed most likely (Zipf weights 1/rank, drawn without replacement)."""
    keyed = sorted((rng.random() ** rank, index) for index, rank in enumerate(range(1, len(cast) + 1)))
    return [cast[index] for _, index in reversed(keyed[-count:])] if count else []


def stars(value: float) -> str:
    full = int(value)
    half = value - full >= 0.5
    return "★" * full + ("½" if half else "") + "☆" * (5 - full - half)


def date_text(rng: random.Random, year: int, month: int, day: int) -> str:
    if rng.random() < 0.5:
        return f"{MONTHS[month - 1]} {day}, {year}"
    return f"{day} {MONTHS[month - 1]} {year}"


def headline(rng: random.Random, film: Film, score: float) -> tuple[list[str], bool]:
    """The headline lines, and whether they already give the rating."""
    title = film.title
    open_q, close_q = rng.choice([("\u2018", "\u2019"), ("'", "'"), ("\u201c", "\u201d")])
    shape = rng.choices(range(9), weights=[3, 3, 3, 2, 2, 2, 2, 1, 1])[0]
    deck = rng.choice(DECKS)
    if shape == 0:
        return [f"{open_q}{title}{close_q} review: Dir. {film.director} ({film.year})"], False
    if shape == 1:
        return [f"{open_q}{title}{close_q} review: {deck}"], False
    if shape == 2:
        return [f"{title} review \u2013 {deck}"], False
    if shape == 3:
        return [rng.choice(["Review: ", "Film review: ", "Movie Review: "]) + title], False
    if shape == 4:
        return [f"Review: {open_q}{title}{close_q} {rng.choice(DECK_VERBS)}"], False
    if shape == 5:
        return [title.upper(), deck[:1].upper() + deck[1:] + "."], False
    if shape == 6:
        return [f"{title} {stars(score)}"], True
    if shape == 7:
        return [f"{title} ({film.year}) \u2013 {grade(score)}"], True
    return [f"{title} ({film.year})"], False


def grade(score: float) -> str:
    return GRADES[max(0, min(len(GRADES) - 1, round((score - 1) / 4 * (len(GRADES) - 1))))]


def rating_line(rng: random.Random, score: float) -> str:
    shape = rng.randrange(6)
    if shape == 0:
        return f"Rating: {round(score)}/5"
    if shape == 1:
        return f"{score:g} out of 5 stars"
    if shape == 2:
        return f"Grade: {grade(score)}"
    if shape == 3:
        return stars(score)
    if shape == 4:
        return f"Verdict: {round(score * 2)}/10"
    return f"Rating: {score:g} out of 5"


def byline(rng: random.Random, critic: str, film: Film) -> list[str]:
    month, day = film.release
    when = date_text(rng, film.year, month, day)
    shape = rng.randrange(6)
    if shape == 0:
        return [f"By {critic}"]
    if shape == 1:
        return [f"By {critic}, {when}"]
    if shape == 2:
        return [f"By {critic} | {when}"]
    if shape == 3:
        return [f"Review by {critic}"]
    if shape == 4:
        return [f"By {critic}", f"Published {when}"]
    return [f"Words by {critic}"]


def credit_block(rng: random.Random, film: Film) -> str:
    billed = [actor for actor, _ in film.cast[:rng.randint(3, min(5, len(film.cast)))]]
    lines = [rng.choice(["Directed by ", "Director: "]) + film.director,
             rng.choice(["Starring ", "Starring: ", "Cast: "]) + (listing(billed) if rng.random() < 0.5 else ", ".join(billed))]
    if rng.random() < 0.7:
        hours, minutes = divmod(film.runtime, 60)
        lines.append(rng.choice([f"Running time: {film.runtime} minutes", f"Runtime: {hours}h {minutes}m"]))
    if rng.random() < 0.4:
        lines.append(f"Rated: {rng.choice(RATED)}")
    return "\n".join(lines)


class Prose:
    """Fact-free sentences for one review, none twice: written ones and ones built from parts."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.written = rng.sample(FILLER, len(FILLER))
        self.aspects = rng.sample(ASPECTS, len(ASPECTS))

    def sentence(self) -> str:
        rng = self.rng
        if self.aspects and (rng.random() < 0.4 or not self.written):
            return f"{self.aspects.pop()} {rng.choice(VERDICTS)}{rng.choice(CODAS)}."
        if self.written:
            return self.written.pop()
        return rng.choice(CLOSINGS)


def first_of(film: Film) -> Film:
    while film.previous:
        film = film.previous
    return film


def write_review(rng: random.Random, film: Film, critic: str) -> str:
    score = max(0.5, min(5.0, round((film.quality + rng.gauss(0, 0.7)) * 2) / 2))
    fill = {"film": film.title, "franchise": (film.franchise or "").removeprefix("The "),  # "the X films"
            "director": film.director, "ordinal": ORDINALS[film.index], "gap": film.year - first_of(film).year,
            "previous": film.previous.title if film.previous else "",
            "wait": film.year - film.previous.year if film.previous else 0}
    lead, *rest = film.cast
    featured = pick_cast(rng, tuple(rest), min(len(rest), rng.randint(2, 4)))
    leftover = [role for role in rest if role not in featured]

    head, rated = headline(rng, film, score)
    top = head + ([] if rng.random() < 0.1 else byline(rng, critic, film))
    paragraphs = ["\n".join(top)]
    if rng.random() < 0.35:
        paragraphs.append(credit_block(rng, film))

    openings = OPENINGS_ALONE if not film.franchise else OPENINGS_SERIES if film.index else OPENINGS_FIRST
    intro = [rng.choice(openings).format(**fill)]
    if film.franchise:
        if film.index == 0:
            intro.append(rng.choice(FIRST_MEMBERSHIP).format(**fill))
        else:
            intro.append(rng.choice(MEMBERSHIP).format(**fill))
            if rng.random() < 0.4:
                intro.append(rng.choice(SEQUEL).format(**fill))
    if "{film}" not in intro[0] and len(intro) == 1:
        intro.append(rng.choice(NAMED).format(**fill))
    paragraphs.append(" ".join(intro))

    c1, c2 = lead[1], (featured[0][1] if featured else lead[1])
    if film.previous and film.previous.director == film.director and rng.random() < 0.4:
        directing = rng.choice(DIRECTING_RETURN)
    elif film.previous and film.previous.director != film.director and rng.random() < 0.4:
        directing = rng.choice(DIRECTING_NEW)
    else:
        directing = rng.choice(DIRECTING)
    old = film.previous.director if film.previous else ""
    prose = Prose(rng)
    paragraphs.append(" ".join([rng.choice(PLOT).format(c1=c1, c2=c2), prose.sentence(),
                                directing.format(old=old, **fill)]))

    cast_lines = [rng.choice(LEAD_RETURN if lead[1] in film.returning and rng.random() < 0.5 else LEAD)
                  .format(actor=lead[0], character=lead[1])]
    forms = {False: rng.sample(SUPPORT, len(SUPPORT)), True: rng.sample(SUPPORT_RETURN, len(SUPPORT_RETURN))}
    for actor, character in featured:  # no phrasing twice in a row of credits
        deck = forms[character in film.returning and rng.random() < 0.6 and bool(forms[True])]
        cast_lines.append(deck.pop().format(actor=actor, character=character))
    paragraphs.append(" ".join(cast_lines))
    if leftover and rng.random() < 0.65:
        named = [actor for actor, _ in leftover[:rng.randint(2, 4)]]
        back = [actor for actor, character in leftover if character in film.returning][:3]
        if len(back) >= 2 and rng.random() < 0.5:
            paragraphs.append(rng.choice(ENSEMBLE_RETURN).format(people=listing(back)))
        else:
            paragraphs.append(rng.choice(ENSEMBLE).format(people=listing(named)))

    target = rng.randint(2000, 4200)
    closing = [rng.choice(CLOSINGS)]
    if rng.random() < 0.3:
        closing.insert(0, rng.choice(LEAD_AGAIN).format(actor=lead[0]))
    if rng.random() < 0.25:
        month, day = film.release
        closing.append(rng.choice(RELEASE).format(film=film.title, date=date_text(rng, film.year, month, day)))
    tail = ["", "", " ".join(closing)]
    if not rated and rng.random() < 0.75:
        tail.append(rating_line(rng, score))
    if len(top) == len(head):
        tail.append(rng.choice(BIOS).format(critic=critic, city=rng.choice(CITIES)))
    size = sum(len(p) + 2 for p in paragraphs + tail)
    body: list[str] = []
    scenes = list(zip(rng.sample(SCENES, len(SCENES)), [character for _, character in featured[1:]]))
    while size < target:
        sentences = [prose.sentence() for _ in range(rng.randint(2, 4))]
        if scenes and rng.random() < 0.3:
            scene, character = scenes.pop()
            sentences.insert(rng.randrange(len(sentences)), scene.format(c=character))
        body.append(" ".join(sentences))
        size += len(body[-1]) + 2
    paragraphs[3:3] = body[:1]  # a paragraph of filler before the cast, the rest after it
    paragraphs += body[1:]
    return "\n\n".join(paragraphs + [t for t in tail if t]) + "\n"


def make_corpus(out: str | Path, n: int = 1000, seed: int = 7) -> list[Path]:
    """Writes ``n`` reviews as ``out/review_00000.txt`` ... and returns their paths."""
    rng = random.Random(seed)
    world = make_world(rng, n)
    popular = sorted(world.films, key=lambda f: rng.random() * (0.6 if f.franchise else 1.0))  # by popularity
    # every film is reviewed at least once (while n lasts); the rest follow Zipf's law over popularity
    covered = popular[:n] + rng.choices(popular, cum_weights=_zipf_cum(len(popular), 1.0), k=max(0, n - len(popular)))
    rng.shuffle(covered)
    critic_weights = _zipf_cum(len(world.critics), 0.7)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, film in enumerate(covered):
        critic = world.critics[bisect.bisect(critic_weights, rng.random() * critic_weights[-1])]
        path = out / f"review_{index:05d}.txt"
        path.write_text(write_review(rng, film, critic), encoding="utf-8")
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
