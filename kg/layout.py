"""Page layout: the title a review page gives away in its headline lines, before any NLP.

Real pages open with headlines that wrap the title in site words ("VOD film review: X",
"X review: a whip-smart success", "Review: A and B add thrills to ‘X,’ but …", "I watched X and
this is my honest review", "CABLE | 'X' – …"), or with a bare title line, in Title Case or all
capitals, with a year, stars or a grade after it. :func:`headline_titles` finds the title's
character span in each such line, most telling first.

>>> text = "VOD film review: Fast X\\nDirector: Louis Leterrier\\n"
>>> [(t.text, t.rule) for t in headline_titles(text)]
[('Fast X', 'headline.review_colon')]
>>> [t.text for t in headline_titles("Beetlejuice Beetlejuice (2024)\\n**/****\\nstarring Michael Keaton\\n")]
['Beetlejuice Beetlejuice']
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .names import ENTRY_WORDS, ROMAN_NUMERAL
from .patterns import DATE_LINE, LABELS, QUOTED_SPEECH

HEAD_LINES = 8  # headlines, decks and title lines come before the prose
HEAD_CHARS = 900
MAX_TITLE_WORDS = 12
MAX_HEADLINE_WORDS = 24
SMALL = frozenset("a an and the of to in on at for from with by or as vs vs. is it its into".split())
REVIEW = r"(?:(?:vod|film|movie|tv|series|television|streaming|theatrical|netflix|season \d+|album|first[ -]look|drama|comedy|horror|thriller|documentary|animation)\s+)*(?:reviews?|reviewed by)"
OPEN_Q, CLOSE_Q = "‘“'\"«", "’”'\"»"
QUOTED = re.compile(r"[‘“\"«]([^‘“”\"«»\n]{1,90}?)(?:[”\"»]|’(?![a-z]))|(?<![\w’'])'([^'\n]{1,90}?)'(?![\w])")
LEADING_DATE = re.compile(r"^(?:date\s+)?\d{4}-\d{2}-\d{2}\s+", re.I)
SECTION = re.compile(r"^(?:[A-Z][A-Z&/ ]{1,20}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s*[|›»]\s+")  # "CABLE | ", "Movies › "
GRADE_TAIL = re.compile(r"(?:[\s:|–—-]*(?:\((?:19|20)\d\d(?:[,;][^()]{1,60})?\)|\((?:dir\.?|directed by) [^()]+\)|"
                        r"\((?:U|PG|PG-13|12A?|15|18|R|NC-17|M|MA15\+?|TV-MA|TV-14)\)|\([A-Z][\w ]{1,15}\+\)|"
                        r"\((?:Netflix|Hulu|HBO(?: Max)?|Max|Peacock|Prime(?: Video)?|Apple TV\+?|Disney\+?|Starz|Showtime|AMC|Paramount\+?)"
                        r"(?: (?:[Ss]eries|[Oo]riginal|[Ss]how|[Ff]ilm|[Mm]ovie))?(?:\s*[–—,-]\s*(?:19|20)\d\d)?\)|"
                        r"\((?:TV |Limited |Mini-?|Web |Netflix |Streaming )?(?:[Ss]eries|[Ss]how|[Ff]ilm|[Mm]ovie|[Mm]iniseries)\)|[★☆✩✪⭐½*]+(?:\s*½)?|(?:\d(?:\.\d)?\s*/\s*\d{1,2})+|\*+/\*+|"
                        r"(?<=\s)[A-F][+-]?))*\s*$")  # one or more: "X (1989)  4/5"
NAVIGATION = re.compile(r"[|›»·>].*[|›»·>]|^\W*(?:by|posted|published|updated|written|words|photo|image|credit|"
                        r"courtesy|source|filed|share|follow|subscribe|sign|menu|home|search|skip|directed|starring|"
                        r"screenplay|produced|review(?:ed)? by|watched|and|with)\b|^[(\[\d*▶]|\b(?:and|by|with)$", re.I)
LABEL_LINE = re.compile(r"^[\w .]{1,25}:\s")  # "U.S. Release Date: …" too
FIELD_WORDS = frozenset("""year date time runtime length country language budget studio network creator creators
showrunner episodes season staring starring writer writers music score dop cinematographer editor""".split())
NOT_TITLES = frozenset("""film films movie movies tv review reviews discussion rating ratings menu search home news
features video videos trailer trailers follow staff writer verdict summary overview cast credits entertainment
culture arts info critic critics grade score tomatometer audience""".split())
REVIEW_COLON = re.compile(rf"^(?:{REVIEW})(?:\s*[:|–—-]|\s+of\b)\s*(?P<rest>.+)$", re.I)  # "Review: X", "Review of X"
TITLE_LABEL = re.compile(r"^(?:the\s+)?(?:(?:film|movie|series|show) title|title|film|movie|series|show)\s*[:–—-]\s*", re.I)
CAPS_LABEL_LINE = re.compile(  # "DISENCHANTED Director: Adam Shankman Cast: …", a credit block run into one line
    r"^(?P<title>[A-Z0-9][A-Z0-9:'’&.\- ]{2,60}[A-Z0-9])\s+(?:Director|Directed by|Starring|Stars|Cast|Written by)\s*:\s")
TITLE_THEN_CREDITS = re.compile(  # "Dumb and Dumber To. Directed by A and B. Starring C and D."
    r"^(?P<title>[A-Z0-9][^.!?\n]{1,80}?)\.\s+(?:Directed by|Director:|Starring|Written by)\s")
CAPS_CREDIT_LINE = re.compile(r"^(?P<title>[A-Z0-9][A-Z0-9:'’&.\- ]{2,60}[A-Z0-9]),\s+(?:[A-Z][\w.]*,?\s+)?(?:19|20)\d\d\b")
TITLE_REVIEW = re.compile(rf"^(?P<title>.+?)[\s,:–—-]*(?:\((?:19|20)\d\d\)\s*)?[\s:–—-]*\b(?:{REVIEW})\b(?P<rest>.*)$",
                          re.I)
WATCHED = re.compile(r"^(?:I|we)\s+(?:watched|saw|re-?watched|streamed|reviewed)\s+(?P<rest>.+)$", re.I)
BYLINE_OR_DATE = re.compile(r"^(?:by\b|written by\b|(?:(?:film|movie|tv) )?review(?:ed)? by\b|(?:reviewer|critic|author)\s*:|(?:mon|tue|wed|thu|fri|sat|sun)\w*,? \d|"
                            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{1,2},? \d{4}|\d{1,2} "
                            r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{4})", re.I)
RATING_LINE = re.compile(r"^(?:[★☆✩✪⭐½*\s]+|\d{1,2}(?:\.\d)?\s*/\s*\d{1,3}|\*+/\*+|(?:rating|grade|score)\b.*|"
                         r"(?:\w+['’]s )?(?:rating|grade|score|verdict)\b.*\d.*)$", re.I)  # "Reviewer's Rating 3 out of 5"
DIRECTOR_TAIL = re.compile(r"\s+[–—-]\s+(?:director|dir\.|directed by)\s+[A-Z].*$", re.I)  # "M3GAN – Director A"
INVERTED = re.compile(  # "Omen, The (1976): …", an archive's sorting form of "The Omen"
    r"^(?P<title>[A-Z0-9][\w'’&.\- ]{0,60}?), (?P<article>The|A|An)(?=\s*\((?:19|20)\d\d\)|\s*:|\s*$)")
SEASON_TAIL = re.compile(r"\s*(?:[—–-]\s*(?:season|series|episode|part|critics?)\b.*|\s(?:season|series) \d{1,2})$", re.I)
GLUED_QUOTE = re.compile(r"(?<=[^\W\d_])[‘“]([^‘’“”]+)[’”]\s*$")
OWNER = re.compile(r"^(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*(?:['’]s|s['’])\s+(?=[‘“'\"«]|[A-Z0-9][A-Z0-9:'’&.\-]+(?: [A-Z0-9:'’&.\-]+)+(?:$|\s+[a-z(]))")
BROADCASTER = re.compile(r",\s+(?:Channel \d+|BBC\s?(?:One|Two|Three|Four|\d)|ITVX?\d?|Sky \w+|E4|Netflix|Hulu|HBO(?: Max)?|"
                         r"Disney\+|Apple TV\+?|Prime Video|Amazon|Peacock|Paramount\+|Showtime|Starz|AMC|FX|CBS|NBC|ABC|Fox)$")
SEQUEL_WORDS = re.compile(r"[,’'\"”]*\s+(?:sequel|prequel|follow-up|spin-?off|reboot|remake)\b", re.I)
POSSESSOR = re.compile(r"^[A-Z][\w-]+ [A-Z][\w-]+['’]s ")  # "Anthony Mackie's Captain America …"
WORD = re.compile(r"[\w’'.&-]+|[:–—,]")
CRITICS_REVIEW = re.compile(r"^(?:[A-Z][\w.-]*\s+){1,3}[A-Z][\w.-]*['’]s\s+(?=review of\b)", re.I)
IMAGE_ALT = re.compile(r"^image result for (?P<title>\S.{0,80}?)(?:\s+(?:movie|film|tv|series))?\s+(?:poster|image|still)s?$",
                       re.I)  # an image's alt text above the review: "Image result for night harbor 2 poster"


@dataclass(frozen=True)
class Title:
    """A title the layout gives away: its text and character span, and the rule that found it. The
    text is the span's, but for an inverted title ("Omen, The" is "The Omen")."""

    text: str
    start: int
    end: int
    rule: str


GLUED_CREDIT = re.compile(r"\((?:19|20)\d\d\)(?P<credit>(?:Directed|Written|Starring|Produced|Created) by\b|Starring\b)")


def headline_titles(text: str) -> list[Title]:
    """Titles in the lines above the first paragraph of prose, one per line at most, in order.

    A bare title line counts only as the page's first line or right above a credit field or a
    rating ("Director: …", "4/10"): lower down, a short Title Case line is as often a byline.
    """
    lines, offset = [], 0
    for line in text[:HEAD_CHARS].split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
        if _is_prose(line):
            break
    content = [(start, line) for start, line in lines if line.strip() and not _furniture(line)]
    out: list[Title] = []
    for index, (start, line) in enumerate(content):
        following = content[index + 1][1] if index + 1 < len(content) else ""
        glued = GLUED_CREDIT.search(line)
        if glued:  # "Night Harbor (2016)Directed by A": a title line run into the credit line below it
            line, following = line[:glued.start("credit")], line[glued.start("credit"):]
        below = re.sub(r"^[•·*▪◦‣-]\s+", "", following.strip())
        above = content[index - 1][1].strip() if index else ""
        bare_ok = index == 0 or _labelled(below) or bool(RATING_LINE.match(below)) or bool(BYLINE_OR_DATE.match(below)) \
            or bool(BYLINE_OR_DATE.match(above)) or bool(RATING_LINE.match(above))  # "Reviewed by: X" above the title
        found = _title_of_line(line, bare_ok=True, loose=_labelled(below))
        if found and found[2] in ("headline.title_line", "headline.title_year") and not bare_ok:
            if not above.startswith(line[found[0]:found[1]] + " "):
                found = None
        if found:
            begin, end, rule = found
            written = line[begin:end]
            inverted = INVERTED.match(written) if rule == "headline.inverted" else None
            written = f"{inverted.group('article')} {inverted.group('title')}" if inverted else written
            title = Title(written, start + begin, start + end, rule)
            if rule == "headline.review_colon":
                title = _most_written_quote(text, line, start, title)
            elif rule.startswith("headline.title_review"):
                title = _column_name(text, line, start, title)
            out.append(title)
    return out


def _column_name(text: str, line: str, start: int, title: Title) -> Title:
    """ "Roush Review: ‘Night Harbor’ Combines …": a one-word column's name before "Review:", the
    title quoted after it, when the text writes the quoted title again and never the column's name."""
    after = line[title.end - start:]
    colon = re.match(rf"\s*(?:{REVIEW})\s*:\s*", after, re.I)
    quoted = QUOTED.match(after, colon.end()) if colon and " " not in title.text else None
    span = _quoted_title(after, quoted) if quoted else None
    if not span:
        return title
    candidate = Title(after[span[0]:span[1]], title.end + span[0], title.end + span[1], title.rule)
    rest = text[start + len(line):]
    return candidate if candidate.text in rest and not re.search(rf"\b{re.escape(title.text)}\b", rest) else title


def _most_written_quote(text: str, line: str, start: int, title: Title) -> Title:
    """Of several titles a headline sentence quotes, the one the text writes most: "Review: A's cute
    'Pokemon' is the only draw of 'Detective Pikachu'" is about the second."""
    spans = [span for span in (_quoted_title(line, match) for match in QUOTED.finditer(line)) if span]
    quoted = [Title(line[b:e], start + b, start + e, title.rule) for b, e in spans]
    if len(quoted) < 2 or title not in quoted:
        return title
    for first, second in zip(quoted, quoted[1:]):  # the text writes "Pokemon: Detective Pikachu" whole
        words = tuple(re.findall(r"[^\W_]+(?:['’.][^\W_]+)*", first.text + " " + second.text))
        whole = next((m for m in _written_as(words).finditer(text) if m.start() > second.end), None)
        if whole:
            return Title(whole.group(), whole.start(), whole.end(), title.rule)
    return max(quoted, key=lambda t: (len(recurrences(text, t)), t == title))


def _is_prose(line: str) -> bool:
    words = line.split()
    ends = line.rstrip()[-1:] in ".!?…\"”’)"
    return len(line) > 300 or (len(line) > 160 or len(words) >= 14) and ends


def _furniture(line: str) -> bool:
    """Dates and navigation above a headline: "August 28, 2023", "Home › Reviews › Film",
    "FamilyScreen Guide | Movie Reviews"."""
    body = line.strip()
    if REVIEW_COLON.match(body):
        return False  # "Review | Night Harbor"
    if DATE_LINE.match(body) and len(body) < 40 or re.search(r"[|›»·>].*[|›»·>]", body):
        return True
    segments = re.split(r"\s+[|›»·>]\s+", body)
    return len(segments) > 1 and any(_generic(segment) for segment in segments)


def _title_of_line(line: str, bare_ok: bool = True, loose: bool = False) -> tuple[int, int, str] | None:
    """The span of the title in one headline line, and the rule: or None. ``loose``: the line is
    right above a credit field, where a title's casing may slip ("Paw patrol: The MIghty Movie")."""
    head = len(line) - len(line.lstrip())
    body = line.strip()
    bullet = re.match(r"^[•·*▪◦‣-]\s+", body)  # "• Jurassic World Dominion" above "• Directed by …"
    if bullet:
        head += bullet.end()
        body = body[bullet.end():]
    match = CAPS_LABEL_LINE.match(body)
    if match:
        return head, head + match.end("title"), "headline.caps_credits"
    if not body or len(body) > 220:
        return None
    lead = LEADING_DATE.match(body) or SECTION.match(body)
    if lead:
        head += lead.end()
        body = body[lead.end():]
    match = TITLE_LABEL.match(body)  # "Title: Final Destination Bloodlines", "Title – Prey (2022)"
    if match:
        found = _title_in(body[match.end():], allow_sentence=False)
        if found:
            return head + match.end() + found[0], head + match.end() + found[1], "headline.title_label"
    match = IMAGE_ALT.match(body)
    if match:
        return head + match.start("title"), head + match.end("title"), "headline.image_alt"
    match = INVERTED.match(body)
    if match:
        return head, head + match.end("article"), "headline.inverted"
    match = CAPS_CREDIT_LINE.match(body)  # "HOW TO TRAIN YOUR DRAGON, US, 2025. Starring …"
    if match:
        return head, head + match.end("title"), "headline.caps_credits"
    match = TITLE_THEN_CREDITS.match(body)
    if match and is_title_case(match.group("title")):
        return head, head + match.end("title"), "headline.caps_credits"
    critic = CRITICS_REVIEW.match(body)
    if critic:  # "Ana Ruiz's review of “Night Harbor” (Studio)": the rest is "review of …"
        head += critic.end()
        body = body[critic.end():]
    if BYLINE_OR_DATE.match(body):
        return None  # "Reviewed by: X"
    match = REVIEW_COLON.match(body)
    if match:
        rest = match.start("rest")
        found = _title_in(body[rest:], allow_sentence=True)
        return (head + rest + found[0], head + rest + found[1], "headline.review_colon") if found else None
    match = WATCHED.match(body)
    if match:
        found = _leading_title(body[match.start("rest"):])
        if found:
            rest = match.start("rest")
            return head + rest + found[0], head + rest + found[1], "headline.watched"
    match = TITLE_REVIEW.match(body)
    section = re.match(r"\s*[:|]\s*", match.group("rest")) if match and re.search(r"\breviews\s*$", body[:match.start("rest")], re.I) else None
    if section:  # "T&L Reviews: A Shaun the Sheep Movie: Farmageddon": a site's section, then the title
        rest = match.start("rest") + section.end()
        found = _title_in(body[rest:], allow_sentence=True)
        if found:
            return head + rest + found[0], head + rest + found[1], "headline.review_colon"
    if match and not re.search(r"[|›»>·]", match.group("title")) and \
            not _generic(match.group("title")) and not re.search(r"\b(?:this|my|our|the|a|full|honest|spoiler|no)\s*$", match.group("title"), re.I):
        found = _title_in(match.group("title"), allow_sentence=False)
        if found:
            between = body[match.end("title"):match.start("rest")]
            keyword = between.strip(" ,:–—-")
            bare = not match.group("rest").strip() and body[:1] not in OPEN_Q and keyword[:1].isupper() \
                and not re.search(r"[–—:|]| - ", between)  # "Halloween Kills – Film Review" is no site's name
            # "The Reel Review" may be a site's name; "Death of a Unicorn review" is a title
            return head + found[0], head + found[1], "headline.title_review" + ("_bare" if bare else "")
    quoted = _leading_quote(body)
    if quoted:
        return head + quoted[0], head + quoted[1], "headline.quoted"
    sequel = QUOTED.match(body)
    span = _quoted_title(body, sequel) if sequel and SEQUEL_WORDS.match(body, sequel.end()) else None
    if span:  # "'Moon Cats' sequel loses its bite"
        return head + span[0], head + span[1], "headline.sequel"
    found = _title_line(body, loose) if bare_ok else None
    if found:
        return head + found[0], head + found[1], "headline.title_year" if _dated(body, found[1]) else "headline.title_line"
    return None


def _title_in(part: str, allow_sentence: bool) -> tuple[int, int] | None:
    """The title in the part of a headline that names it: quoted, or the whole part in Title Case,
    or (in a sentence that merely mentions it) its first quoted title. An owner before a quoted or
    all-caps title is not part of it: "Review: Ann Lee's 'Moon Cats 2' Starring …"."""
    owner = OWNER.match(part)
    if owner:
        found = _title_in(part[owner.end():], allow_sentence)
        return (owner.end() + found[0], owner.end() + found[1]) if found else None
    quoted = _leading_quote(part)
    if quoted:
        return quoted
    glued = GLUED_QUOTE.search(part)  # "HomeFilm‘Puss in Boots: The Last Wish’": a breadcrumb run into it
    if glued and is_title_case(glued.group(1)):
        return glued.start(1), glued.end(1)
    directed = DIRECTOR_TAIL.search(part)
    part_end = directed.start() if directed else len(part)
    tail = GRADE_TAIL.search(part, 0, part_end)
    core_end = tail.start() if tail else part_end
    season = SEASON_TAIL.search(part[:core_end])
    core_end = season.start() if season else core_end
    core = part[:core_end].rstrip(" ,.;:–—-")
    channel = BROADCASTER.search(core)  # "The X-Files, Channel 5"
    core = core[:channel.start()] if channel else core
    if core and not _generic(core) and is_title_case(core, MAX_HEADLINE_WORDS):
        return _trim(part, 0, len(core))  # a long one is a Title Case headline: see _recurring_prefix
    if allow_sentence:
        head = re.split(r"\s+[-–—|]\s+|\s*\(", part)[0]  # "28 Years Later (15) - seen at The Light"
        if head != part and head.strip() and is_title_case(head.strip()) and not _generic(head):
            return _trim(part, 0, len(head))
        for match in QUOTED.finditer(part):
            span = _quoted_title(part, match)
            if span:
                return span
        lead = _leading_title(part)  # "Film review: Shazam! Fury of the Gods offers very little …"
        if lead and not _generic(part[lead[0]:lead[1]]) and not POSSESSOR.match(part[lead[0]:lead[1]]):
            following = re.match(r"\s*([\w’']+)", part[lead[1]:])
            if following and following.group(1).islower() and _present_verb(following.group(1)):
                return lead
    return None


def _leading_quote(part: str) -> tuple[int, int] | None:
    """The quoted title that opens ``part``; none before "sequel": "'Moon Cats' sequel loses its bite"
    reviews a later film than the one it quotes."""
    match = QUOTED.match(part)
    if not match or SEQUEL_WORDS.match(part, match.end()):
        return None
    return _quoted_title(part, match)


def _quoted_title(part: str, match: re.Match) -> tuple[int, int] | None:
    """The span of what a ``QUOTED`` match quotes, if it reads as a title: in Title Case, not a line
    of speech, and not a number alone ("Santa Clause coming ‘2’ town")."""
    group = 1 if match.group(1) is not None else 2
    span = _trim(part, match.start(group), match.end(group))
    title = part[span[0]:span[1]] if span else ""
    if span and is_title_case(title) and not QUOTED_SPEECH.match(title) and re.search(r"[^\W\d_]", title):
        return span
    return None


def _leading_title(part: str) -> tuple[int, int] | None:
    """The Title Case run that opens ``part``: "The Hunger Games: The Ballad of X and Y and this is…"."""
    quoted = _leading_quote(part)
    if quoted:
        return quoted
    end = 0
    last_big = 0
    for match in WORD.finditer(part):
        word = match.group()
        if word[:1].isupper() or word[:1].isdigit():
            last_big = match.end()
        elif word.lower() in SMALL or word in (":", "–", "—"):
            pass
        else:
            break
        end = match.end()
    return _trim(part, 0, last_big) if last_big and end else None


def _title_line(body: str, loose: bool = False) -> tuple[int, int] | None:
    """A line that is only a title, maybe with a year, stars or a grade: "Avatar: The Way of Water ★★★★".

    Navigation, bylines, dates and "Label: value" lines are not titles.
    """
    if NAVIGATION.search(body) or _labelled(body) or RATING_LINE.match(body):
        return None
    tail = GRADE_TAIL.search(body)
    core = body[:tail.start()] if tail else body
    core = core.rstrip()
    if core.endswith((".", "!", "?", ",", ";")) or not is_title_case(core, share=0.5 if loose else 0.8):
        return None
    if len(re.findall(r"[\w’'-]+", core)) > 9 or _generic(core) or DATE_LINE.match(core):
        return None
    return _trim(body, 0, len(core))


def _dated(line: str, end: int) -> bool:
    """A title line's title followed by its year: "Jaws 2 (1978)", "Night Harbor (2024) ★★★"."""
    return bool(re.match(r"[\s’'”\"]*\((?:19|20)\d\d\b", line[end:]))


def _generic(title: str) -> bool:
    """ "Film Reviews", "TV", "SERIES INFO": words of a page's layout, not a title."""
    words = re.findall(r"[^\W_]+", title.lower())
    return all(w in NOT_TITLES or w in SMALL for w in words)


def _labelled(line: str) -> bool:
    """ "Director: X", "Release Date: …", "Staring: …": a field of a credit block, not a title."""
    if not LABEL_LINE.match(line):
        return False
    label = line.split(":")[0].strip().lower().split()
    return bool(label) and (label[-1] in LABELS or label[-1] in FIELD_WORDS)


def is_title_case(text: str, longest: int = MAX_TITLE_WORDS, share: float = 0.8) -> bool:
    """Most words capitalised (small words excepted) and not too long: "Indiana Jones and the Dial of Destiny"."""
    words = re.findall(r"[\w’'.-]+", text)
    if not words or len(words) > longest:
        return False
    big = [w for w in words if w.lower() not in SMALL]
    if not big or not (big[0][:1].isupper() or big[0][:1].isdigit()):
        return False
    capital = sum(w[:1].isupper() or w[:1].isdigit() for w in big)
    return capital >= max(1, share * len(big))


def _trim(part: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (part[start].isspace() or part[start] in OPEN_Q + "|•·"):
        start += 1  # "| Happy Death Day 2U (2019)"
    while end > start and (part[end - 1].isspace() or part[end - 1] in ",.;:–—-([|" + CLOSE_Q):
        end -= 1  # "The Lego Movie 2: The Second Part (Review)"
    return (start, end) if end > start else None


def fold_title(title: str) -> str:
    """A loose matching key for titles across layouts: case, hyphens, quotes and spacing ignored.

    >>> fold_title("SPIDER-MAN: ACROSS THE SPIDER VERSE") == fold_title("Spider-Man: Across the Spider-Verse")
    True
    """
    text = title.casefold().replace("’", "'")
    text = re.sub(r"[\s\-–—:_]+", " ", text)
    text = re.sub(r"[^\w' &]", "", text)
    return " ".join(text.split())


STRONG = frozenset({"headline.inverted", "headline.image_alt", "headline.sequel", "headline.title_year", "headline.review_colon", "headline.title_review", "headline.title_review_bare",
                    "headline.watched", "headline.quoted", "headline.title_label", "headline.caps_credits"})


def recurrences(text: str, title: Title) -> list[tuple[int, int]]:
    """Other places where ``text`` writes the title, in any case and with any hyphens or colons.

    >>> t = headline_titles("SPIDER-MAN: ACROSS THE SPIDER VERSE\\n\\nSpider-Man: Across the Spider-Verse is a joy.")[0]
    >>> recurrences("SPIDER-MAN: ACROSS THE SPIDER VERSE\\n\\nSpider-Man: Across the Spider-Verse is a joy.", t)
    [(37, 72)]
    """
    words = tuple(re.findall(r"[^\W_]+(?:['’.][^\W_]+)*", title.text))
    if not words:
        return []
    capital = title.text[:1].isupper()  # "the ballerina" is a word, "Ballerina" the title
    return [(m.start(), m.end()) for m in _written_as(words).finditer(text)
            if not (title.start <= m.start() < title.end) and (m.group()[:1].isupper() or not capital)]


@lru_cache(maxsize=4096)
def _written_as(words: tuple[str, ...]) -> re.Pattern:
    """The title's words with any case, hyphens, colons or spaces between them."""
    return re.compile(r"(?<![\w'’-])" + r"[\s\-–—:'’.&]*".join(re.escape(w) for w in words) + r"(?![\w'’]|-\w)",
                      re.I)


def _recurring_prefix(text: str, title: Title) -> tuple[Title, list[tuple[int, int]]]:
    """The longest opening words of a Title Case headline that the text writes again: "John Wick:
    Chapter 3 – Parabellum" of "John Wick: Chapter 3 – Parabellum Turns Its Hero's Endless Flight"."""
    if title.rule == "headline.title_label":
        return title, []  # "Title: Final Destination Bloodlines" is all title
    words = list(re.finditer(r"[^\W_]+(?:['’.][^\W_]+)*", title.text))
    for index in range(len(words) - 2, 0, -1):
        end, following = words[index].end(), words[index + 1].group()
        if following.isdigit() or re.fullmatch(ROMAN_NUMERAL, following) or following.lower() in ENTRY_WORDS or ":" in title.text[end:words[index + 1].start()]:
            continue  # a title's number or subtitle: "John Wick Chapter 2", "Cars 3", "Dune: Part Two"
        if len(words) <= 6 and not (following[:1].isupper() and _present_verb(following)):
            continue  # "John Wick: Chapter 2" is a title, "Cars 3 Zooms Back On Track" a headline sentence
        head = title.text[:end]
        last = re.findall(r"[^\W_]+", head)[-1].lower()
        if last in SMALL or head.lower() in NOT_TITLES:
            continue
        prefix = Title(head, title.start, title.start + end, title.rule)
        again = [(s, e) for s, e in recurrences(text, prefix)  # "A Nightmare on Elm" of "… Elm Street" is no title
                 if not re.match(rf"[\s:–—-]+{re.escape(following)}\b", text[e:], re.I)]
        if again:
            return prefix, again
    return title, []


def _sequel_of(text: str, title: Title) -> Title | None:
    """Where the text first names the sequel a headline calls "'X' sequel": "X 2", "X III", "X: Subtitle"."""
    return next((Title(text[s:e], s, e, "headline.sequel") for s, e in _entries(text, title.text)
                 if s >= title.end), None)


def _entries(text: str, head: str) -> list[tuple[int, int]]:
    """Where the text names an entry of the series ``head``: "X 2", "X III", "X 2: Subtitle", "X: Subtitle"."""
    words = tuple(re.findall(r"[^\W_]+(?:['’.][^\W_]+)*", head))
    subtitle = r"(?-i::\s+[A-Z][\w'’]*(?:\s+(?:[A-Z][\w'’]*|of|the|a|an|and|in|on|to|for)){0,6}(?<=[\w]))"
    after = re.compile(_written_as(words).pattern + r"(?:\s+(?:\d{1,2}|" + ROMAN_NUMERAL + r")(?![\w'’])(?:" + subtitle
                       + r")?|" + subtitle + ")", re.I)
    return [(m.start(), m.end()) for m in after.finditer(text)]


def series_entries(text: str, title: Title) -> list[tuple[int, int]]:
    """Other entries of a numbered headline title's series, as the text writes them: "A Nightmare on
    Elm Street 2: Freddy's Revenge" in a review of "A Nightmare On Elm Street 3: Dream Warriors",
    whose small words ("on") would otherwise cut the name apart."""
    numbered = re.match(r"^(?P<head>.+?)\s+(?:\d{1,2}|" + ROMAN_NUMERAL + r")(?::\s|$)", title.text)
    head = numbered.group("head") if numbered else ""
    if len(head.split()) < 3 or not re.search(r" (?:on|in|at|to|from|for|with|a|an|the) ", head, re.I):
        return []
    return [(s, e) for s, e in _entries(text, head) if not title.start <= s < title.end]


def _present_verb(word: str) -> bool:
    """A present-tense verb, the way headlines go on after a title: "Zooms", "Is", "Delivers" in
    Title Case headlines, "offers", "is" in sentence-case ones."""
    return not word.isupper() and (word.lower() in ("is", "has", "does", "goes") or (
        len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))))


def _echoed(text: str, title: Title) -> bool:
    """Some distinctive word of the title recurs in the text ("Guardians" of "Guardians of the Galaxy
    Vol. 3"); a site's name in a headline ("The Reel Review") does not."""
    words = [w for w in re.findall(r"[^\W\d_]{3,}", title.text) if w.lower() not in SMALL]
    rest = text[:title.start] + " " + text[title.end:]
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", rest, re.I) for w in words)


def _under_credits(text: str, title: Title) -> bool:
    """The title's line comes right under a credit block's field: a Title Case line there that the
    text never writes again is the article's own headline ("Ring Around Naomi"), not the film's title."""
    above = [line for line in text[:text.rfind("\n", 0, title.start) + 1].split("\n") if line.strip()]
    field = above[-1].strip() if above else ""
    return title.rule not in STRONG and _labelled(field) and not BYLINE_OR_DATE.match(field)  # not "Reviewed by: X"


def reviewed_title(text: str, titles: list[Title] | None = None) -> tuple[Title, str, bool] | None:
    """The title the page's layout says it reviews, how the text writes it best, and whether the text
    writes it again (a headline's title that never recurs may be a site's name: "The Reel Review").

    >>> reviewed_title("Review: A and B add thrills to ‘Fast X,’ but it runs out of gas\\n\\nIn Fast X, ...")[1:]
    ('Fast X', True)
    """
    titles = headline_titles(text) if titles is None else titles
    titles = [_sequel_of(text, t) if t.rule == "headline.sequel" else t for t in titles]
    confirmed = [(t, recurrences(text, t) + ([(t.start, t.end)] if t.rule == "headline.sequel" else []))
                 for t in titles if t]  # a sequel's title is found in the text: it recurs by definition
    confirmed = [(t, again) if again else _recurring_prefix(text, t) for t, again in confirmed]
    ranked = [pair for pair in confirmed if pair[0].rule in STRONG and pair[1]] or \
             [pair for pair in confirmed if pair[0].rule not in STRONG and pair[1]][:1] or \
             [pair for pair in confirmed if not pair[0].text.isupper() and not pair[0].rule.endswith("_bare")
              and _echoed(text, pair[0]) and not _under_credits(text, pair[0])][:1] or \
             [pair for pair in confirmed if pair[0].rule in STRONG and not pair[0].rule.endswith("_bare")][:1]
    if not ranked:
        return None
    title, again = ranked[0]
    display = title.text
    if (display.isupper() or display.islower()) and again:  # "SPIDER-MAN: ACROSS THE SPIDER VERSE": the prose's casing
        cased = [text[s:e] for s, e in again if not text[s:e].isupper() and not text[s:e].islower()]
        display = cased[0] if cased else display
    if ":" not in display and again:  # "Moon City A Cat to Die For" headline, "Moon City: A Cat …" in prose
        colon = [text[s:e] for s, e in again if ":" in text[s:e] and not text[s:e].isupper()]
        display = colon[0] if colon else display
    return title, display, bool(again)
