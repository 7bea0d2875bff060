"""The answer tables: laid out here exactly as rich lays them out (kg.output)."""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kg.output import ONE_CELL_RANGES, rich_table, table

ONE_CELL = frozenset(chr(c) for start, end in ONE_CELL_RANGES for c in range(start, end + 1))

NAMES = (("Person", "left", "fold"), ("Character", "left", "fold"))
TAIL = (("Reviews", "right", "ellipsis"), ("Quote", "left", "ellipsis"))
QUOTE = "Where things take a bigger dip are those moments when Keanu shows up as John Wick, again and again"

CASES = [
    ([["Ana de Armas", "Eve", "2", "Ana de Armas as Eve in Ballerina"]], 100),
    ([["Ana de Armas", "", "1", ""]], 100),
    ([["Keanu Reeves", "John Wick", "1", QUOTE]], 100),
    ([["Keanu Reeves", "John Wick", "1", QUOTE]], 40),
    ([["Keanu Reeves", "John Wick", "12345", QUOTE * 3]], 60),
    ([["A" * 70, "B" * 40, "1", QUOTE]], 80),  # words longer than their column: folded
    ([["Anjelica Huston", "The Director", "1", "Anjelica Huston\u2019s Director \u2013 \u201cyes\u201d\u2026"]], 100),
    ([["Ana", "Eve", "1", "x"], ["Lance Reddick", "Charon", "10", "Charon (Lance Reddick)"]], 30),
    ([["  spaced  name ", "a\u00a0b", "1", " lead and trail  "]], 100),
    ([["Ana de Armas", "Eve", "2", QUOTE]], 12),  # too narrow for the text: rich decides
    ([["\u5f71\u6b66\u8005", "Eve\u0301", "1", "wide \U0001f525 and combining"]], 50),  # handed to rich
    ([["a\tb", "c\nd", "1", "e\x1bf"]], 50),
]


@pytest.mark.parametrize("rows, width", CASES)
def test_the_table_is_richs_table(rows, width):
    columns = NAMES + TAIL
    assert table(columns, rows, width) == rich_table(columns, rows, width)


def test_markup_and_emoji_codes_in_a_quote_are_printed_as_they_are():
    rows = [["A [sic] B", "x", "1", "he was :fire: [bold]great[/bold] [/] and a \\[y]"]]
    printed = table(NAMES + TAIL, rows, 100)
    assert "A [sic] B" in printed and ":fire: [bold]great[/bold] [/] and a \\[y]" in printed
    assert printed == rich_table(NAMES + TAIL, rows, 100)


one_cell = st.text(st.sampled_from(sorted(ONE_CELL)[:400] + [" "] * 40 + ["\u2019", "\u2013", "\u2026"]), max_size=60)
words = st.lists(st.text("abcdefghij", min_size=1, max_size=25), max_size=12).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(names=st.integers(1, 3), rows=st.lists(st.lists(st.one_of(one_cell, words), min_size=5, max_size=5),
                                              min_size=1, max_size=4),
       width=st.integers(8, 160))
@example(names=2, rows=[["Ana de Armas", "Eve", "2", "x", "Ana de Armas as Eve in Ballerina"]], width=100)
def test_any_rows_of_one_cell_text_lay_out_as_rich_lays_them_out(names, rows, width):
    columns = (("Film", "left", "fold"), ("Role", "left", "fold"), ("Job", "left", "fold"))[:names] + TAIL
    rows = [row[:names] + row[3:] for row in rows]
    assert table(columns, rows, width) == rich_table(columns, rows, width)


def test_every_character_laid_out_here_is_one_cell_for_rich():
    from rich.cells import _SINGLE_CELLS, cell_len

    assert all(cell_len(c) == 1 and len(c.splitlines()) == 1 for c in ONE_CELL)
    assert all(c.isprintable() for c in ONE_CELL - _SINGLE_CELLS)
