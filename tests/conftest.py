"""Shared fixtures: the seed corpus built once per test session."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "data" / "seed_facts.json"


@pytest.fixture(scope="session")
def seed_kb():
    from kg.pipeline import build_knowledge_base

    return build_knowledge_base([CORPUS])


@pytest.fixture(scope="session")
def built(tmp_path_factory, seed_kb):
    """A folder holding every export of the seed corpus."""
    from kg.exports import write_exports

    out = tmp_path_factory.mktemp("exports")
    write_exports(seed_kb, out)
    return out


@pytest.fixture
def corpus_copy(tmp_path):
    target = tmp_path / "reviews"
    shutil.copytree(CORPUS, target)
    return target
