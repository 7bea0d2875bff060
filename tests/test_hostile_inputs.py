"""Inputs that broke the build or its exports (issue 10): nasty characters, names in other scripts,
bad --out folders, killed builds, malformed gold files, odd files in a corpus, bad sidecars."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.exports import EXPORT_NAMES, write_exports
from kg.graph import build_dataset
from kg.model import Claim, Entity, Fact, KnowledgeBase, Review, ReviewExtraction, Source
from kg.resolve import resolve
from kg.reviews import read_reviews
from kg.vocab import FKG, entity_iri

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
# Each splits a line for str.splitlines(), or is a character XML 1.0 cannot hold, or is Turtle syntax.
NASTY = ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x01", "\x7f", "\ufffe",
         "\uffff", "\r", "\r\n", "\n@prefix x: <y> .\n", '"""', "\\", "\n}\n<g> {", "\t"]


def one_review_kb(text: str, person: str = "Ana de Armas", character: str = "Eve") -> KnowledgeBase:
    review = Review("r1", text, "r1.txt", hashlib.sha256(text.encode()).hexdigest())
    fact = Fact("cast", (Source("r1", 0, len(text), text),), person=person, character=character)
    return KnowledgeBase((review,), (Entity("person", person), Entity("character", character)), (fact,))


def assert_every_export_loads(out: Path, quote: str) -> None:
    store = ox.Store()
    store.load(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG)
    quotes = [s["q"].value for s in store.query("SELECT ?q { GRAPH ?g { ?e fkg:quote ?q } }",
                                                prefixes={"fkg": str(FKG._NS)})]
    assert quotes == [quote]
    dataset = rdflib.Dataset().parse(out / "graph.trig", format="trig")
    assert [str(o) for _, _, o, _ in dataset.quads((None, FKG.quote, None, None))] == [quote]
    ox.Store().load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert quote in {str(o) for o in rdflib.Graph().parse(out / "graph.ttl", format="turtle").objects(None, FKG.quote)}
    json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    ElementTree.parse(out / "graph.graphml")
    nx.read_graphml(out / "graph.graphml")
    records = [json.loads(line) for line in (out / "facts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [s["quote"] for r in records if r["kind"] == "cast" for s in r["sources"]] == [quote]
    assert kg.load(out).played_by("Eve")[0].person == "Ana de Armas"


@pytest.mark.parametrize("nasty", NASTY, ids=[repr(n) for n in NASTY])
def test_every_export_loads_whatever_a_quote_holds(tmp_path, nasty):
    quote = f"Eve (Ana de Armas){nasty}in Ballerina{nasty}"
    write_exports(one_review_kb(quote), tmp_path / "out")
    assert_every_export_loads(tmp_path / "out", quote)


def test_all_of_them_at_once(tmp_path):
    quote = "Eve (Ana de Armas) " + "x".join(NASTY)
    write_exports(one_review_kb(quote), tmp_path / "out")
    assert_every_export_loads(tmp_path / "out", quote)
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "out")])
    assert result.exit_code == 0 and result.output.strip() == "conforms", result.output


# --- one IRI per name, in every script ---------------------------------------------------------


@pytest.mark.parametrize("a, b", [("Иван Smith", "Пётр Smith"), ("王小明", "王小红"), ("राम", "रामा"),
                                  ("Zoë Kravitz", "Zoe Kravitz"), ("!!!", "???")])
def test_different_names_get_different_iris(a, b):
    assert entity_iri("person", a) != entity_iri("person", b)
    assert entity_iri("person", a) == entity_iri("person", a)


def test_two_smiths_stay_two_people(tmp_path):
    text = "Иван Smith as Eve. Пётр Smith as Bob."
    review = Review("r1", text, "r1.txt", "")
    claims = (Claim("cast", Source("r1", 0, 17, text[0:17]), "cast.as", person="Иван Smith", character="Eve"),
              Claim("cast", Source("r1", 19, 36, text[19:36]), "cast.as", person="Пётр Smith", character="Bob"))
    kb = resolve([ReviewExtraction(review, (), claims)])
    assert sorted(e.name for e in kb.entities if e.type == "person") == ["Иван Smith", "Пётр Smith"]
    graph = kg.KnowledgeGraph.from_knowledge_base(kb)
    assert [a.person for a in graph.played_by("Eve")] == ["Иван Smith"]
    assert [a.person for a in graph.played_by("Bob")] == ["Пётр Smith"]
    write_exports(kb, tmp_path / "a")
    write_exports(kb, tmp_path / "b")
    for name in EXPORT_NAMES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


# --- kg validate -------------------------------------------------------------------------------


def test_validate_names_rdfs_terms_in_one_line_each(tmp_path):
    dataset = build_dataset(one_review_kb("Eve (Ana de Armas)"))
    person = entity_iri("person", "Ana de Armas")
    dataset.remove((person, rdflib.RDFS.label, None, None))
    dataset.add((person, rdflib.RDFS.label, rdflib.Literal("one"), dataset.default_graph))
    dataset.add((person, rdflib.RDFS.label, rdflib.Literal("two"), dataset.default_graph))
    dataset.serialize(tmp_path / "graph.trig", format="trig")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert any("rdfs:label" in line and "id:person/ana-de-armas" in line for line in result.output.splitlines())


# --- --out -------------------------------------------------------------------------------------


def unwritable_place(tmp_path: Path) -> Path:
    """A folder the OS refuses to create anything in: sysfs for root (who ignores permissions),
    a read-only folder for anyone else."""
    if os.geteuid() == 0:
        return Path("/sys/kg-exports")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return folder / "out"


@pytest.mark.parametrize("case", ["file", "read-only", "other files"])
def test_a_bad_out_is_one_line_before_any_work(tmp_path, case, monkeypatch):
    if case == "file":
        out = tmp_path / "exports.txt"
        out.write_text("mine", encoding="utf-8")
    elif case == "read-only":
        out = unwritable_place(tmp_path)
    else:
        out = tmp_path / "mine"
        out.mkdir()
        (out / "notes.md").write_text("keep me", encoding="utf-8")

    def no_work(*args, **kwargs):
        raise AssertionError("the build started before --out was checked")

    monkeypatch.setattr("kg.pipeline.build_knowledge_base", no_work)
    result = CliRunner().invoke(cli, ["build", str(CORPUS), "--out", str(out), "-q"])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: cannot write the exports to"), result.stderr
    if case == "other files":
        assert (out / "notes.md").read_text(encoding="utf-8") == "keep me"


def test_a_full_disk_is_one_line_and_the_old_exports_stay(tmp_path, monkeypatch):
    from kg import exports

    out = tmp_path / "out"
    assert CliRunner().invoke(cli, ["build", str(CORPUS), "--out", str(out), "-q"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    written = []

    def full(path, data):
        if written:
            raise OSError(28, "No space left on device", str(path))
        written.append(path)
        path.write_bytes(data)

    monkeypatch.setattr(exports, "_write_file", full)
    result = CliRunner().invoke(cli, ["build", str(CORPUS), "--out", str(out), "-q"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "No space left on device" in lines[0] and "unchanged" in lines[0]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


KILLED_WRITER = """
import pickle, sys, time
from kg import exports
slow = exports._write_file
def write(path, data):
    slow(path, data)
    print("wrote", path.name, flush=True)
    time.sleep(0.05)
exports._write_file = write
exports.write_exports(pickle.load(open(sys.argv[1], "rb")), sys.argv[2])
print("done", flush=True)
"""


def test_a_killed_build_leaves_the_old_set_or_the_new_one_never_a_mix(tmp_path, seed_kb):
    old_kb = KnowledgeBase(seed_kb.reviews[:1], seed_kb.entities, seed_kb.facts[:5])
    out = tmp_path / "out"
    write_exports(old_kb, out)
    old = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    new_dir = tmp_path / "new"
    write_exports(seed_kb, new_dir)
    new = {p.name: p.read_bytes() for p in new_dir.iterdir() if p.is_file()}
    assert old != new
    kb_file = tmp_path / "kb.pickle"
    kb_file.write_bytes(pickle.dumps(seed_kb))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outcomes = set()
    for kill_after in range(6):  # killed after 0, 1, ... 4 files written, and once not at all
        writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(kb_file), str(out)],
                                  stdout=subprocess.PIPE, text=True, env=env)
        for _ in range(kill_after):
            writer.stdout.readline()
        if kill_after < 5:
            writer.send_signal(signal.SIGKILL)
        writer.wait(30)
        writer.stdout.close()
        now = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
        assert now in (old, new), f"a mixed set after {kill_after} files"
        outcomes.add("new" if now == new else "old")
        write_exports(old_kb, out)
    assert outcomes == {"old", "new"}
    write_exports(seed_kb, out)  # the next build cleans up what the killed ones left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.pickle", "new", "out"]


# --- kg eval -----------------------------------------------------------------------------------


@pytest.mark.parametrize("gold", [
    [], {"facts": "none"}, {"facts": [1]}, {"facts": [{"film": "Ballerina"}]},
    {"facts": [], "entities": []}, {"facts": [], "entities": {"film": [{"aliases": []}]}},
    {"facts": [], "entities": {"film": [{"name": "X", "aliases": "X"}]}},
    {"facts": [{"kind": "director", "support": ["r1"]}]}, {"facts": [], "not_facts": [{}]},
])
def test_eval_on_malformed_gold_is_one_line(tmp_path, gold):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), str(CORPUS)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not a valid gold file" in lines[0]


def test_eval_on_a_missing_corpus_fails(tmp_path):
    result = CliRunner().invoke(cli, ["eval", str(ROOT / "tests" / "data" / "seed_facts.json"), str(tmp_path / "no")])
    assert result.exit_code == 1
    assert "no review could be read" in result.stderr and "no such file or folder" in result.stderr


# --- odd files in a corpus ---------------------------------------------------------------------


def test_odd_files_are_reported_not_skipped_silently(tmp_path):
    corpus = tmp_path / "reviews"
    corpus.mkdir()
    (corpus / "good.txt").write_text("Charon (Lance Reddick).", encoding="utf-8")
    (corpus / "LOUD.TXT").write_text("Winston (Ian McShane).", encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (corpus / "wide.txt").write_bytes("Eve (Ana de Armas).".encode("utf-16"))
    (corpus / "wide-no-bom.txt").write_bytes("Eve (Ana de Armas).".encode("utf-16-le"))
    (corpus / "new\nline.txt").write_text("", encoding="utf-8")
    locked = corpus / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("Bob (Al Pal).", encoding="utf-8")
    started = time.monotonic()
    if os.geteuid() == 0:  # root reads any folder: make it one that cannot be listed at all
        (locked / "inside.txt").unlink()
        locked.rmdir()
        locked.symlink_to(locked)  # a loop: listing it fails
        reviews, errors = read_reviews([corpus, locked])
    else:
        locked.chmod(0)
        reviews, errors = read_reviews([corpus])
        locked.chmod(0o755)
    assert time.monotonic() - started < 5  # the FIFO was never opened
    assert sorted(r.id for r in reviews) == ["LOUD", "good", "wide"]
    assert next(r for r in reviews if r.id == "wide").text == "Eve (Ana de Armas)."
    reasons = {Path(e.path).name: e.reason for e in errors}
    assert reasons["pipe.txt"] == "not a regular file (a FIFO)"
    assert reasons["dangling.txt"] == "broken symbolic link"
    assert "UTF-16" in reasons["wide-no-bom.txt"] and "binary" not in reasons["wide-no-bom.txt"]
    assert "locked" in reasons and "cannot be read" in reasons["locked"]
    assert all("\n" not in str(e) for e in errors)
    assert any("new\\nline.txt" in str(e) for e in errors)


@pytest.mark.parametrize("field, value, words", [
    ("url", "javascript:alert(1)", "http"), ("url", "https://example.org/a b", "http"),
    ("url", "https://example.org/\nx", "http"), ("date", "next Tuesday", "ISO 8601"),
    ("date", "2025-13-40", "ISO 8601"), ("film", "Ballerina\nskipped evil.txt: forged", "one line"),
    ("author", "x" * 600, "limit"),
])
def test_sidecar_values_are_checked(tmp_path, field, value, words):
    (tmp_path / "r1.txt").write_text("Eve (Ana de Armas).", encoding="utf-8")
    (tmp_path / "r1.json").write_text(json.dumps({field: value}), encoding="utf-8")
    reviews, errors = read_reviews([tmp_path])
    assert reviews == [] and len(errors) == 1
    assert f"'{field}'" in errors[0].reason and words in errors[0].reason and "\n" not in str(errors[0])


def test_good_sidecar_values_are_kept(tmp_path):
    (tmp_path / "r1.txt").write_text("Eve (Ana de Armas).", encoding="utf-8")
    (tmp_path / "r1.json").write_text(json.dumps({"url": "https://example.org/r?id=1", "date": "2025-06-05"}),
                                      encoding="utf-8")
    reviews, errors = read_reviews([tmp_path])
    assert errors == [] and (reviews[0].url, reviews[0].date) == ("https://example.org/r?id=1", "2025-06-05")


def test_a_section_sign_in_the_text_is_no_name_marker():
    """Templates mark names as §k§; a review's own "§" (found by the fuzz test) must not look like one."""
    from kg.extract import extract
    from kg.nlp import load_pipeline

    text = "§Ana de Armas plays Eve in Ballerina. See §§ 12-14 and §3§ of the contract."
    extraction = extract(load_pipeline()(text), Review("r1", text, "r1.txt", ""))
    assert all(text[c.source.start:c.source.end] == c.source.quote for c in extraction.claims)
    assert any(c.kind == "cast" and c.person == "Ana de Armas" for c in extraction.claims)


# --- input shapes that were slow (their times: benchmarks/bench_inputs.py) ----------------------


def test_a_page_with_no_sentence_marks_is_cut_into_bounded_sentences():
    from kg.nlp import MAX_SENTENCE_TOKENS, load_pipeline

    text = " ".join(["Ana de Armas plays Eve in Ballerina and Keanu Reeves shows up as John Wick"] * 60)
    doc = load_pipeline()(text)
    lengths = [len(s) for s in doc.sents]
    assert len(text.split()) > 3 * MAX_SENTENCE_TOKENS and max(lengths) <= MAX_SENTENCE_TOKENS
    for ent in doc.ents:  # no name is cut in two
        assert ent.sent.start <= ent.start and ent.end <= ent.sent.end
    short = load_pipeline()("Eve (Ana de Armas) is back. Winston (Ian McShane) too.")
    assert [s.text for s in short.sents] == ["Eve (Ana de Armas) is back.", "Winston (Ian McShane) too."]


def test_a_very_long_question_is_refused_with_the_reason(built):
    reply = kg.load(built).ask("which reviews say that " + "Ana plays Eve in " * 200 + "Ballerina?")
    assert not reply.ok and "too long" in reply.text and "40 words" in reply.text
    assert kg.load(built).ask("who plays Charon?").ok
