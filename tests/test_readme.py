"""The README's SPARQL examples run on a built graph and answer something."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import kg

README = Path(__file__).resolve().parent.parent / "README.md"
QUERIES = re.findall(r"```sparql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_has_sparql_examples():
    assert len(QUERIES) >= 2


@pytest.mark.parametrize("query", QUERIES)
def test_readme_sparql_runs(built, query):
    rows = list(kg.load(built).sparql(query))
    assert rows, query
