"""Incremental builds: the extraction cache beside the exports (kg.cache)."""
from __future__ import annotations

import json
import shutil

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import cache as cache_module
from kg import exports
from kg.cache import CACHE_FILE, ExtractionCache, decode, encode
from kg.cli import cli
from kg.exports import EXPORT_NAMES
from kg.store import NAME_INDEX, STORE_DIR
from kg.vocab import FKG

from conftest import CORPUS

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
EXTRA = ("'Harbour Lights' review: a quiet sequel\nBy Tom Ferris\n\n"
         "Harbour Lights is directed by Mina Okafor. Dev Patel plays Arun, a ferryman, "
         "and Ruth Negga as Isla steals every scene.\nRating: 4/5\n")


def build(corpus, out, *options) -> str:
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return result.output


def same_exports(a, b) -> None:
    """The two folders hold the same files, byte for byte, and stores of the same quads and graphs."""
    for name in EXPORT_NAMES + (CACHE_FILE, NAME_INDEX):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert store_content(a) == store_content(b)


def store_content(out) -> tuple[set, set]:
    store = ox.Store.read_only(str(out / STORE_DIR))
    return set(store), set(store.named_graphs())


@pytest.fixture
def patch_always(monkeypatch):
    """The previous store is patched however much changed (three reviews: one is a third of the
    graph), and the loads from scratch are counted."""
    loads = []
    load = exports._loaded_store
    monkeypatch.setattr(exports, "PATCH_SHARE", 1.0)
    monkeypatch.setattr(exports, "_loaded_store", lambda folder: loads.append(folder) or load(folder))
    return loads


def people(out) -> set[str]:
    records = [json.loads(line) for line in (out / "facts.jsonl").read_text("utf-8").splitlines()]
    return {r["name"] for r in records if r["kind"] == "entity" and r["type"] == "person"}


def test_an_added_review_is_the_only_one_extracted_and_the_exports_equal_a_clean_build(tmp_path, corpus_copy):
    build(corpus_copy, tmp_path / "out")
    (corpus_copy / "harbour.txt").write_text(EXTRA, encoding="utf-8")
    output = build(corpus_copy, tmp_path / "out")
    assert "2 unchanged since the last build" in output
    build(corpus_copy, tmp_path / "clean", "--no-cache")
    same_exports(tmp_path / "out", tmp_path / "clean")
    assert {"Dev Patel", "Ruth Negga"} <= people(tmp_path / "out")


def test_a_changed_review_is_extracted_again_and_a_removed_one_leaves_the_graph(tmp_path, corpus_copy):
    (corpus_copy / "harbour.txt").write_text(EXTRA, encoding="utf-8")
    build(corpus_copy, tmp_path / "out")
    (corpus_copy / "harbour.txt").write_text(EXTRA.replace("Ruth Negga", "Jodie Comer"), encoding="utf-8")
    output = build(corpus_copy, tmp_path / "out")
    assert "2 unchanged" in output
    assert "Jodie Comer" in people(tmp_path / "out") and "Ruth Negga" not in people(tmp_path / "out")
    (corpus_copy / "harbour.txt").unlink()
    build(corpus_copy, tmp_path / "out")
    assert "Jodie Comer" not in people(tmp_path / "out")
    build(corpus_copy, tmp_path / "clean", "--no-cache")
    same_exports(tmp_path / "out", tmp_path / "clean")  # the cache holds the two seed reviews only


def test_a_new_extractor_or_model_misses_the_cache(tmp_path, corpus_copy, monkeypatch):
    build(corpus_copy, tmp_path / "out")
    monkeypatch.setattr(cache_module, "extractor_version", lambda: "another version")
    assert "unchanged" not in build(corpus_copy, tmp_path / "out")
    assert "unchanged" not in build(corpus_copy, tmp_path / "out", "--no-cache")


def test_a_broken_cache_costs_time_not_the_build(tmp_path, corpus_copy):
    out = tmp_path / "out"
    build(corpus_copy, out)
    (out / CACHE_FILE).write_bytes(b"this is no database")
    assert "unchanged" not in build(corpus_copy, out)
    build(corpus_copy, tmp_path / "clean", "--no-cache")
    same_exports(out, tmp_path / "clean")


def test_an_extraction_survives_the_round_trip(seed_kb):
    from kg.pipeline import extract_reviews
    from kg.reviews import read_reviews

    reviews, _ = read_reviews([CORPUS])
    for extraction in extract_reviews(reviews):
        assert decode(encode(extraction), extraction.review) == extraction


def test_editing_an_extraction_module_changes_the_version(tmp_path, monkeypatch):
    package = tmp_path / "kg"
    shutil.copytree(cache_module.__file__.rsplit("/", 1)[0], package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache_module, "__file__", str(package / "cache.py"))
    cache_module.extractor_version.cache_clear()
    before = cache_module.extractor_version()
    (package / "patterns.py").write_text((package / "patterns.py").read_text() + "\n# edited\n")
    cache_module.extractor_version.cache_clear()
    edited = cache_module.extractor_version()
    (package / "serve.py").write_text((package / "serve.py").read_text() + "\n# not the extractor\n")
    cache_module.extractor_version.cache_clear()
    assert before != edited == cache_module.extractor_version()
    cache_module.extractor_version.cache_clear()


@pytest.mark.parametrize("folder", [None, "missing"])
def test_no_cache_folder_is_an_empty_cache(tmp_path, folder):
    from kg.reviews import read_reviews

    cache = ExtractionCache.open(None if folder is None else tmp_path / folder, "m")
    assert all(cache.get(review) is None for review in read_reviews([CORPUS])[0])


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_incremental_build_patches_the_store_and_equals_a_clean_build(tmp_path, corpus_copy, patch_always,
                                                                           workers):
    opened = ox.Store(str(tmp_path / "opened"))  # RocksDB's threads run here before the build forks  # noqa: F841
    build(corpus_copy, tmp_path / "out", "--workers", workers)
    (corpus_copy / "harbour.txt").write_text(EXTRA, encoding="utf-8")
    build(corpus_copy, tmp_path / "out", "--workers", workers)
    build(corpus_copy, tmp_path / "clean", "--no-cache", "--workers", workers)
    same_exports(tmp_path / "out", tmp_path / "clean")
    if workers == "1":  # the loads are counted in this process only
        assert len(patch_always) == 2  # the first build and the clean one; the second was a patch


def test_a_patched_store_follows_a_changed_and_a_removed_review(tmp_path, corpus_copy, patch_always):
    (corpus_copy / "harbour.txt").write_text(EXTRA, encoding="utf-8")
    build(corpus_copy, tmp_path / "out")
    (corpus_copy / "harbour.txt").write_text(EXTRA.replace("Ruth Negga", "Jodie Comer"), encoding="utf-8")
    build(corpus_copy, tmp_path / "out")
    build(corpus_copy, tmp_path / "clean", "--no-cache")
    same_exports(tmp_path / "out", tmp_path / "clean")
    (corpus_copy / "harbour.txt").unlink()
    build(corpus_copy, tmp_path / "out")
    build(corpus_copy, tmp_path / "clean2", "--no-cache")
    same_exports(tmp_path / "out", tmp_path / "clean2")
    assert len(patch_always) == 3  # the first build, and the two clean ones
    graphs = {g.value for g in store_content(tmp_path / "out")[1]}
    assert not any(g.endswith("/harbour") for g in graphs) and len(graphs) == 2


@pytest.mark.parametrize("damage", ["unreadable", "a quad more", "a quad less"])
def test_a_store_that_cannot_be_patched_is_loaded_again(tmp_path, corpus_copy, patch_always, damage):
    out = tmp_path / "out"
    build(corpus_copy, out)
    if damage == "unreadable":
        (out / STORE_DIR / "CURRENT").write_text("no such manifest\n")
    else:  # a store that no longer holds what its graph.nq says
        store = ox.Store(str(out / STORE_DIR))
        if damage == "a quad more":
            store.add(ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("stray")))
        else:
            store.remove(next(iter(store.quads_for_pattern(None, RDF_TYPE, ox.NamedNode(str(FKG.Review))))))
        store.flush()
        del store
    (corpus_copy / "harbour.txt").write_text(EXTRA, encoding="utf-8")
    build(corpus_copy, out)
    build(corpus_copy, tmp_path / "clean", "--no-cache")
    same_exports(out, tmp_path / "clean")
    assert len(patch_always) == 3  # the second build loaded its store from scratch


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_entry_that_does_not_decode_is_extracted_again(tmp_path, corpus_copy, workers):
    import sqlite3

    out = tmp_path / "out"
    build(corpus_copy, out)
    with sqlite3.connect(out / CACHE_FILE) as db:
        key = db.execute("SELECT key FROM extractions ORDER BY key LIMIT 1").fetchone()[0]
        db.execute("UPDATE extractions SET data = ? WHERE key = ?", (b"not zlib", key))
    db.close()
    (corpus_copy / "harbour.txt").write_text(EXTRA, encoding="utf-8")
    assert "1 unchanged" in build(corpus_copy, out, "--workers", workers)
    build(corpus_copy, tmp_path / "clean", "--no-cache")
    same_exports(out, tmp_path / "clean")
