"""Exports written in forked processes (kg.jobs), and the one sort key of the statements (kg.graph)."""
from __future__ import annotations

import itertools
import os

import pytest

from kg.graph import sorted_statements, statement_key, triple_order
from kg.jobs import Job, run_jobs
from kg.progress import Progress


def _writer(folder, name, needs=None):
    """A job writing ``name``, which says whether ``needs`` was already written when it ran."""
    def run():
        (folder / name).write_text("after" if needs is None or (folder / needs).exists() else "too early")
    return Job(name, run, after=needs)


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_every_job_runs_once_after_the_one_it_follows(tmp_path, workers):
    jobs = [_writer(tmp_path, "a"), _writer(tmp_path, "b"), _writer(tmp_path, "c", needs="a"),
            _writer(tmp_path, "d", needs="c"), _writer(tmp_path, "e")]
    progress = Progress(enabled=False)
    run_jobs(jobs, workers, progress)
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == dict.fromkeys("abcde", "after")
    assert sorted(progress.timings) == list("abcde")


def test_a_job_marked_here_runs_in_this_process_beside_the_forked_ones(tmp_path):
    def pid(name):
        return lambda: (tmp_path / name).write_text(str(os.getpid()))

    run_jobs([Job("a", pid("a")), Job("b", pid("b"), after="a", here=True), Job("c", pid("c"), after="b")], workers=2)
    pids = {name: int((tmp_path / name).read_text()) for name in "abc"}
    assert pids["b"] == os.getpid() != pids["a"] and pids["c"] != os.getpid()


def test_an_error_in_a_forked_job_is_raised_here(tmp_path):
    def broken():
        raise RuntimeError("the disk went away")

    with pytest.raises(RuntimeError, match="the disk went away"):
        run_jobs([_writer(tmp_path, "a"), Job("b", broken), _writer(tmp_path, "c", needs="b")], workers=2)
    assert not (tmp_path / "c").exists()  # what follows a failed job never runs


def _tuple_key(statement):
    """The order the exports keep, as the tuple it was first written as."""
    s, p, o, g = statement
    return g is not None, g or "", s, p, (0, o) if isinstance(o, str) else (1, *o)


def test_the_string_key_sorts_as_the_tuple_would():
    terms = ["urn:a", "urn:a:b", "urn:ab"]
    objects = terms + [("x",), ("x", "urn:t"), ("x\x00",), ("x\x00", "urn:t"), ("x\x00y",), ("xy",), ("",),
                       ("", "urn:t"), ("x", "urn:a")]
    statements = list(itertools.product(terms[:2], terms[1:], objects, [None, "urn:g", "urn:g:h"]))
    statements = [(s, p, o, g) for s, p, o, g in statements]
    assert sorted(statements, key=statement_key) == sorted(statements, key=_tuple_key)
    assert sorted(statements, key=triple_order) == sorted(statements, key=lambda q: _tuple_key(q)[2:])
    assert len({statement_key(q) for q in statements}) == len(set(statements))


def test_sorted_statements_are_the_tuple_order_without_repeats(seed_kb):
    from kg.graph import quads

    assert sorted_statements(seed_kb) == sorted(set(quads(seed_kb)), key=_tuple_key)
