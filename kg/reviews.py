"""Reading reviews: ``.txt`` files (UTF-8) from files or folders, with optional ``<id>.json`` sidecars.

A file that cannot be read becomes a :class:`~kg.model.ReadError` with a one-line reason;
the other files are still read.

>>> reviews, errors = read_reviews([bundled_corpus()])
>>> [r.id for r in reviews]
['000_783e8d39f966f84b', '001_b3d74b38a64449d0']
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Iterator

from .model import ReadError, Review

MAX_BYTES = 1_000_000  # spaCy's own limit; a longer file is not a review
SIDECAR_FIELDS = ("url", "author", "date", "rating", "film")


def bundled_corpus() -> Path:
    """The folder of reviews shipped with filmkg (the default corpus)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_corpus", here.parent / "corpus"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled corpus is missing from this installation")


def find_review_files(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[ReadError]]:
    """Expands files and folders (recursively) into sorted ``.txt`` files, each with the path to
    record for it: relative to the folder given (``seeds/000.txt``), so builds do not depend on
    where the corpus sits on a machine."""
    files: dict[Path, str] = {}
    errors: list[ReadError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = "corpus" if path.resolve() == bundled_corpus().resolve() else path.resolve().name
            for found in path.rglob("*.txt"):
                if found.is_file():
                    files.setdefault(found, f"{root}/{found.relative_to(path).as_posix()}")
        elif path.is_file():
            files.setdefault(path, path.name)
        else:
            errors.append(ReadError(str(path), "no such file or folder"))
    return sorted(files.items()), errors


def read_review(path: Path, recorded: str | None = None) -> Review:
    """Reads one review file and its sidecar; raises ``ValueError`` with a one-line reason.

    ``recorded`` is the path kept in the graph (default: the path as given).
    """
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValueError(f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
        data = path.read_bytes()
    except OSError as err:
        raise ValueError(f"cannot be read ({err.strerror or err})") from None
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes), not a text review")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValueError(f"not valid UTF-8 (byte {err.start})") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise ValueError("empty review")
    meta = read_sidecar(path.with_suffix(".json"))
    return Review(id=path.stem, text=text, path=recorded or str(path),
                  sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), **meta)


def read_sidecar(path: Path) -> dict:
    """The known fields of ``<id>.json`` as strings; a malformed sidecar raises ``ValueError``."""
    if not path.is_file():
        return {}
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"malformed metadata in {path.name} ({err})") from None
    if not isinstance(meta, dict):
        raise ValueError(f"malformed metadata in {path.name} (expected a JSON object)")
    out = {}
    for name in SIDECAR_FIELDS:
        value = meta.get(name)
        if value is None:
            continue
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise ValueError(f"malformed metadata in {path.name} ({name!r} must be a string or number)")
        out[name] = str(value).strip() or None
    return out


def iter_reviews(paths: Iterable[str | Path]) -> Iterator[Review | ReadError]:
    """Yields each review, or a :class:`ReadError` for each file that cannot be read."""
    files, errors = find_review_files(paths)
    yield from errors
    seen: dict[str, Path] = {}
    for path, recorded in files:
        try:
            review = read_review(path, recorded)
        except ValueError as err:
            yield ReadError(str(path), str(err))
            continue
        if review.id in seen:
            yield ReadError(str(path), f"duplicate review id {review.id!r} (already read from {seen[review.id]})")
            continue
        seen[review.id] = path
        yield review


def read_reviews(paths: Iterable[str | Path]) -> tuple[list[Review], list[ReadError]]:
    """Reads every review under ``paths``; returns the reviews and the files skipped."""
    reviews, errors = [], []
    for item in iter_reviews(paths):
        (errors if isinstance(item, ReadError) else reviews).append(item)
    return reviews, errors
