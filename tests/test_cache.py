"""Incremental builds: the extraction cache beside the exports (kg.cache)."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from kg import cache as cache_module
from kg.cache import CACHE_FILE, ExtractionCache, decode, encode
from kg.cli import cli
from kg.exports import EXPORT_NAMES

from conftest import CORPUS

EXTRA = ("'Harbour Lights' review: a quiet sequel\nBy Tom Ferris\n\n"
         "Harbour Lights is directed by Mina Okafor. Dev Patel plays Arun, a ferryman, "
         "and Ruth Negga as Isla steals every scene.\nRating: 4/5\n")


def build(corpus, out, *options) -> str:
    result = CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return result.output


def same_exports(a, b) -> None:
    for name in EXPORT_NAMES + (CACHE_FILE,):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


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
