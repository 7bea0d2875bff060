"""Reading reviews: files and folders, sidecars, and one-line reasons for bad files."""
from __future__ import annotations

import json

from kg.reviews import bundled_corpus, read_reviews


def test_bundled_corpus_has_the_seed_reviews():
    reviews, errors = read_reviews([bundled_corpus()])
    assert [r.id for r in reviews] == ["000_783e8d39f966f84b", "001_b3d74b38a64449d0"]
    assert errors == []
    assert all(len(r.sha256) == 64 and r.text for r in reviews)


def test_reads_folders_recursively_and_single_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("Eve (Ana de Armas).", encoding="utf-8")
    (tmp_path / "top.txt").write_text("Winston (Ian McShane).", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    reviews, errors = read_reviews([tmp_path / "a", tmp_path / "top.txt"])
    assert sorted(r.id for r in reviews) == ["deep", "top"]
    assert errors == []


def test_bad_files_are_reported_in_one_line_and_the_rest_are_read(tmp_path):
    (tmp_path / "good.txt").write_text("Charon (Lance Reddick).", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 review".encode("latin-1"))
    reviews, errors = read_reviews([tmp_path, tmp_path / "missing.txt"])
    assert [r.id for r in reviews] == ["good"]
    reasons = {e.path.rsplit("/", 1)[-1]: e.reason for e in errors}
    assert reasons["empty.txt"] == "empty review"
    assert "binary" in reasons["binary.txt"]
    assert "not valid UTF-8" in reasons["latin1.txt"]
    assert reasons["missing.txt"] == "no such file or folder"
    assert all("\n" not in str(e) and e.path in str(e) for e in errors)


def test_sidecar_metadata_is_read_and_malformed_sidecars_are_reported(tmp_path):
    (tmp_path / "r1.txt").write_text("Eve (Ana de Armas).", encoding="utf-8")
    (tmp_path / "r1.json").write_text(json.dumps({"url": "https://example.org/r1", "author": "Jo Bloggs",
                                                  "rating": 4, "film": "Ballerina"}), encoding="utf-8")
    (tmp_path / "r2.txt").write_text("Winston (Ian McShane).", encoding="utf-8")
    (tmp_path / "r2.json").write_text("{not json", encoding="utf-8")
    reviews, errors = read_reviews([tmp_path])
    assert [(r.id, r.url, r.author, r.rating, r.film) for r in reviews] == [
        ("r1", "https://example.org/r1", "Jo Bloggs", "4", "Ballerina")]
    assert len(errors) == 1 and "malformed metadata in r2.json" in errors[0].reason


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffEve (Ana de Armas).".encode("utf-8"))
    reviews, _ = read_reviews([tmp_path])
    assert reviews[0].text.startswith("Eve")
