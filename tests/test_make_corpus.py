"""The benchmark corpus generator: deterministic, and it writes what it says."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402


def test_same_seed_same_files(tmp_path):
    first = make_corpus(tmp_path / "a", 30, seed=3)
    second = make_corpus(tmp_path / "b", 30, seed=3)
    assert [p.name for p in first] == [f"review_{i:05d}.txt" for i in range(30)]
    assert all(p.is_file() for p in first + second)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    other = make_corpus(tmp_path / "c", 30, seed=4)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in first]


def test_reviews_look_like_reviews(tmp_path):
    texts = [p.read_text(encoding="utf-8") for p in make_corpus(tmp_path, 30)]
    assert all(1500 < len(t.encode()) < 6000 for t in texts)
    assert sum("review" in t.split("\n")[0].lower() for t in texts) >= 5  # headlines vary
    assert any("directed by" in t.lower() for t in texts)
