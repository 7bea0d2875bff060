"""Reading reviews: ``.txt`` files (UTF-8) from files or folders, with optional ``<id>.json`` sidecars.

A file that cannot be read becomes a :class:`~kg.model.ReadError` with a one-line reason;
the other files are still read.

>>> reviews, errors = read_reviews([bundled_corpus()])
>>> [r.id for r in reviews]
['000_783e8d39f966f84b', '001_b3d74b38a64449d0']
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from .model import ReadError, Review

MAX_BYTES = 1_000_000  # spaCy's own limit; a longer file is not a review
SIDECAR_FIELDS = ("url", "author", "date", "rating", "film")
MAX_FIELD = 500  # characters of one metadata value (a name, a title)


def bundled_corpus() -> Path:
    """The folder of reviews shipped with filmkg (the default corpus)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_corpus", here.parent / "corpus"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("the bundled corpus is missing from this installation")


def is_review_file(name: str) -> bool:
    """Review files end in ``.txt``, in any case (``A.TXT`` too)."""
    return name.lower().endswith(".txt") and len(name) > 4


def find_review_files(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, str]], list[ReadError]]:
    """Expands files and folders (recursively) into sorted ``.txt`` files, each with the path to
    record for it: relative to the folder given (``seeds/000.txt``), so builds do not depend on
    where the corpus sits on a machine. What cannot be read is reported, never skipped silently:
    a folder that cannot be listed, a ``.txt`` that is a FIFO, a device or a broken link."""
    files: dict[Path, str] = {}
    errors: list[ReadError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            root = "corpus" if path.resolve() == bundled_corpus().resolve() else path.resolve().name

            def unreadable(err: OSError) -> None:
                errors.append(ReadError(err.filename, f"folder cannot be read ({err.strerror})"))

            for folder, subfolders, names in os.walk(path, onerror=unreadable):
                subfolders.sort()
                for name in sorted(names):
                    if not is_review_file(name):
                        continue
                    found = Path(folder, name)
                    problem = not_a_file(found)
                    if problem:
                        errors.append(ReadError(str(found), problem))
                    else:
                        files.setdefault(found, f"{root}/{found.relative_to(path).as_posix()}")
        elif path.is_file():
            files.setdefault(path, path.name)
        else:
            errors.append(ReadError(str(path), not_a_file(path) or "no such file or folder"))
    return sorted(files.items()), errors


def not_a_file(path: Path) -> str | None:
    """Why ``path`` is not a regular file to read (``None`` if it is one), without opening it:
    opening a FIFO would wait for a writer forever."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "broken symbolic link" if path.is_symlink() else "no such file or folder"
    except OSError as err:
        return f"cannot be read ({err.strerror})"
    if stat.S_ISREG(mode):
        return None
    kind = "a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else \
        "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a folder" if stat.S_ISDIR(mode) else "special"
    return f"not a regular file ({kind})"


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
    text = decode(data)
    if not text.strip():
        raise ValueError("empty review")
    meta = read_sidecar(path.with_suffix(".json"))
    return Review(id=path.stem, text=text, path=recorded or str(path),
                  sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), **meta)


def decode(data: bytes) -> str:
    """The text of a review file: UTF-8, or UTF-16 / UTF-32 with a byte order mark (the mark
    dropped) when it decodes to text; ``ValueError`` with a one-line reason for anything else.

    >>> decode("\ufeffCafé review".encode("utf-16"))
    'Café review'
    """
    for mark, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                           (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(mark):
            try:
                text = data.decode(encoding).removeprefix("\ufeff")
            except UnicodeDecodeError:
                break
            if looks_like_text(text):
                return text
            break
    if b"\x00" in data:
        if len(data) >= 4 and data[1::2].count(0) > len(data) * 0.45:
            raise ValueError("UTF-16 text without a byte order mark; save it as UTF-8")
        raise ValueError("binary file (contains NUL bytes), not a text review")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        raise ValueError(f"not valid UTF-8 (byte {err.start})") from None


def looks_like_text(text: str) -> bool:
    """Printable characters and line breaks only, mostly ASCII (a review in English): what tells a
    UTF-16 file from binary data that happens to start with a byte order mark."""
    printable = all(c.isprintable() or c.isspace() for c in text)
    return printable and sum(c.isascii() for c in text) >= 0.5 * len(text)


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
        text = str(value).strip()
        problem = FIELD_CHECKS.get(name, one_line_field)(text) if text else None
        if problem:
            raise ValueError(f"malformed metadata in {path.name} ({name!r} {problem})")
        out[name] = text or None
    return out


def one_line_field(text: str) -> str | None:
    """Why a metadata value is not a short line of text, or ``None``."""
    if not text.isprintable():
        return "must be one line of printable text"
    return f"is {len(text):,} characters long; the limit is {MAX_FIELD:,}" if len(text) > MAX_FIELD else None


def web_address(text: str) -> str | None:
    """Why ``text`` is not an absolute http(s) URL, or ``None``.

    >>> web_address("https://example.org/review?id=1") is None
    True
    >>> web_address("javascript:alert(1)")
    'must be an http:// or https:// URL'
    """
    try:
        parts = urlsplit(text) if not re.search(r'[\s<>"{}|\\^`]', text) and text.isprintable() else None
        host = parts and parts.hostname
    except ValueError:  # "http://[::1": a bracket never closed
        host = None
    if not host or parts.scheme.lower() not in ("http", "https"):
        return "must be an http:// or https:// URL"
    return f"is {len(text):,} characters long; the limit is 2,000" if len(text) > 2000 else None


def iso_date(text: str) -> str | None:
    """Why ``text`` is not an ISO 8601 date or date-time (``2025-06-05``, ``2025-06-05T09:30:00Z``), or ``None``."""
    for parse in (date.fromisoformat, datetime.fromisoformat):
        try:
            parse(text)
            return None
        except ValueError:
            continue
    return "must be an ISO 8601 date such as 2025-06-05"


FIELD_CHECKS = {"url": web_address, "date": iso_date}


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
