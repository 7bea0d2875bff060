"""How the querying commands print answers: a table for people, JSON or CSV for programs.

Answers come as plain dicts (:mod:`kg.lookup`'s, or :func:`answer_item` of a
:class:`kg.query.Answer`), so ``kg cast`` prints without loading dataclasses, click or rich. The
table is laid out as rich lays out ``Table(box=SIMPLE_HEAD, show_edge=False, pad_edge=False)``
(:func:`rich_table`), byte for byte; :func:`table` does it in a few lines of Python for text of
one-cell characters, and hands any other text (wide, combining or control characters) to rich.

>>> print(table((("Person", "left", "fold"), ("Reviews", "right", "ellipsis")), [["Ana de Armas", "2"]], 100))
Person         Reviews
──────────────────────
Ana de Armas         2
"""
from __future__ import annotations

import os
import re
import sys

# Characters rich measures as one cell without looking them up (rich.cells._SINGLE_CELL_UNICODE_RANGES),
# and the punctuation reviews use (curly quotes, dashes, ellipsis, primes), one cell too.
ONE_CELL_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027), (0x2030, 0x205E),
                   (0x2500, 0x25FC), (0x2800, 0x28FF))
_ONE_CELL = re.compile("[" + "".join(f"\\u{start:04x}-\\u{end:04x}" for start, end in ONE_CELL_RANGES) + "]*")
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
TABLE_FALLBACK_WIDTH = 100


def terminal_width(fallback: int = TABLE_FALLBACK_WIDTH) -> int:
    """The columns of the terminal, as ``shutil.get_terminal_size((fallback, 24)).columns`` says."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns or fallback
        except (AttributeError, ValueError, OSError):
            columns = fallback
    return columns


def answer_item(answer) -> dict:
    """A :class:`kg.query.Answer` as the plain dict :func:`format_answers` prints."""
    fields = ("person", "character", "film", "franchise", "review", "role", "value", "crew_role")
    return {**{name: getattr(answer, name) for name in fields},
            "sources": tuple((s.review, s.start, s.end, s.quote) for s in answer.sources)}


def format_answers(items: list[dict], columns: tuple[str, ...], fmt: str, width: int) -> str:
    """What a querying command prints for its answers, without the last newline: a table of
    ``columns`` (Answer fields, optionally renamed for output: ``"films=value"``) with each answer's
    support and first quote, JSON (the fields, the columns and the sources) or CSV (the columns and
    the supporting reviews)."""
    fields = [(c.split("=")[0], c.split("=")[-1]) for c in columns]
    rows = [{name: item.get(attr) for name, attr in fields} for item in items]
    if fmt == "json":
        import json

        data = [{"person": item.get("person"), "character": item.get("character"), "film": item.get("film"),
                 "sources": None, **row, "sources": [_source_json(s) for s in item["sources"]]}
                for row, item in zip(rows, items)]
        return json.dumps(data, indent=2, ensure_ascii=False, default=str)
    if fmt == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.DictWriter(out, [name for name, _ in fields] + ["reviews"], lineterminator="\n")
        writer.writeheader()
        writer.writerows({**row, "reviews": ";".join(sorted({s[0] for s in item["sources"]}))}
                         for row, item in zip(rows, items))
        return out.getvalue().removesuffix("\n")
    if not rows:
        return "No answers."
    spec = [(name.capitalize(), "left", "fold") for name, _ in fields]
    spec += [("Reviews", "right", "ellipsis"), ("Quote", "left", "ellipsis")]
    cells = [[*("" if v is None else str(v) for v in row.values()), str(len({s[0] for s in item["sources"]})),
              " ".join(item["sources"][0][3].split()) if item["sources"] else ""]
             for row, item in zip(rows, items)]
    return table(spec, cells, width)


def _source_json(source: tuple) -> dict:
    review, start, end, quote = source
    return {"review": review, "quote": quote, "start": start, "end": end}


# --- the table ---------------------------------------------------------------------------------


def rich_table(columns, rows: list[list[str]], width: int) -> str:
    """The table as rich prints it (every cell as plain text: no markup, no emoji codes), each
    line without its trailing spaces. ``columns`` are ``(header, justify, overflow)``."""
    import io

    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header, justify, overflow in columns:
        grid.add_column(header, justify=justify, overflow=overflow, ratio=1 if header == "Quote" else None)
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(grid)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines())


def table(columns, rows: list[list[str]], width: int) -> str:
    """:func:`rich_table`'s table, laid out here when every cell is one-cell characters."""
    cells = [[header for header, _, _ in columns], *rows]
    if not all(_ONE_CELL.fullmatch(cell) for row in cells for cell in row):
        return rich_table(columns, rows, width)
    n = len(columns)
    pads = [(0 if i == 0 else 1, 0 if i == n - 1 else 1) for i in range(n)]
    column_cells = list(zip(*cells))
    max_width = width - (n - 1)  # a space between columns

    def measured(i: int, limit: int) -> int:  # the widest the column needs, within limit (rich's Measurement)
        if limit < 1:
            return 0
        return min(max(_cell_maximum(cell, limit, *pads[i]) for cell in column_cells[i]), limit)

    widths = [measured(i, max_width) or 1 for i in range(n)]
    if sum(widths) > max_width:
        widths = _collapse(widths, max_width)
        if sum(widths) > max_width:
            widths = _ratio_reduce(sum(widths) - max_width, [1] * n, widths, widths)
        widths = [measured(i, w) for i, w in enumerate(widths)]
    if any(w - left - right < 1 for w, (left, right) in zip(widths, pads)):
        return rich_table(columns, rows, width)  # a column too narrow for its text: rich's corner cases
    lines = []
    for number, row in enumerate(cells):
        rendered = [[" " * left + line + " " * right for line in _wrap(cell, w - left - right, justify, overflow)]
                    for cell, w, (left, right), (_, justify, overflow) in zip(row, widths, pads, columns)]
        height = max(len(cell) for cell in rendered)
        for cell, w in zip(rendered, widths):
            blank = [" " * w] * (height - len(cell))
            cell[:] = blank + cell if number == 0 else cell + blank  # the header at the bottom, rows at the top
        lines += [" ".join(cell[line] for cell in rendered).rstrip() for line in range(height)]
        if number == 0:
            lines.append("\u2500" * (sum(widths) + n - 1))
    return "\n".join(lines)


def _cell_maximum(text: str, limit: int, left: int, right: int) -> int:
    """The widest a padded cell's text is, as rich measures it within ``limit`` cells."""
    extra = left + right
    if limit - extra < 1:
        return limit
    return min(min(len(text), limit) + extra, limit)


def _collapse(widths: list[int], max_width: int) -> list[int]:
    """rich's ``Table._collapse_widths`` with every column wrapable: the widest shrink first."""
    total = sum(widths)
    excess = total - max_width
    while total and excess > 0:
        widest = max(widths)
        second = max((w for w in widths if w != widest), default=0)
        difference = widest - second
        ratios = [1 if w == widest else 0 for w in widths]
        if not difference:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - max_width
    return widths


def _ratio_reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    """rich's ``_ratio.ratio_reduce``."""
    ratios = [ratio if maximum else 0 for ratio, maximum in zip(ratios, maximums)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, maximum, value in zip(ratios, maximums, values):
        if ratio and total_ratio > 0:
            distributed = min(maximum, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _wrap(text: str, width: int, justify: str, overflow: str) -> list[str]:
    """rich's ``Text.wrap`` of one line of one-cell characters: broken at spaces, a word longer
    than the width folded or cut with an ellipsis, each line justified to ``width``."""
    breaks = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if overflow == "fold":
                pieces = [word[i:i + width] for i in range(0, len(word), width)]
                for last, piece in ((i == len(pieces) - 1, p) for i, p in enumerate(pieces)):
                    if start:
                        breaks.append(start)
                    if last:
                        offset = len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    bounds = [0, *breaks, len(text)]
    lines = [text[a:b] for a, b in zip(bounds, bounds[1:])] if breaks else [text]
    out = []
    for line in lines:
        if len(line) > width:  # rich's rstrip_end: spaces past the width go
            spaces = _TRAILING_SPACE.search(line)
            if spaces is not None:
                line = line[:len(line) - min(len(spaces.group(0)), len(line) - width)]
        if justify == "right":
            line = _truncate(line.rstrip(), width, overflow)
            line = " " * (width - len(line)) + line
        else:
            line = _truncate(line, width, overflow).ljust(width)
        out.append(line)
    return out


def _truncate(line: str, width: int, overflow: str) -> str:
    if len(line) <= width:
        return line
    return line[:width - 1] + "\u2026" if overflow == "ellipsis" else line[:width]
