"""Extraction on a Dask cluster (kg.distributed): the same exports as a local build, a dying worker
retried, a worker that always dies stopping the build in one line."""
from __future__ import annotations

import os
from pathlib import Path

import cloudpickle
import pytest
from click.testing import CliRunner

import kg.distributed as distributed
from kg.cli import cli
from kg.exports import EXPORT_NAMES, write_exports
from kg.resolve import resolve
from kg.reviews import read_reviews

from conftest import CORPUS

cloudpickle.register_pickle_by_value(__import__(__name__))  # the workers cannot import this test module

REVIEW = ("'{title}' review: night shift\nBy Jo Marsh\n\n{title} is directed by {director}. {actor} plays {character}, "
          "a night porter, and {other} as Vera steals every scene.\nRating: 3/5\n")
PEOPLE = [("Harbour Lights", "Mina Okafor", "Dev Patel", "Arun", "Ruth Negga"),
          ("Cold Water", "Sam Reyes", "Jodie Comer", "Nell", "Paul Mescal"),
          ("Glass Towers", "Ava Lund", "Riz Ahmed", "Omar", "Jessie Buckley"),
          ("Salt Roads", "Kit Amado", "Ruth Wilson", "Mara", "Tom Burke")]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reviews")
    for name in CORPUS.glob("*.txt"):
        (folder / name.name).write_bytes(name.read_bytes())
    for i, (title, director, actor, character, other) in enumerate(PEOPLE):
        (folder / f"extra_{i}.txt").write_text(REVIEW.format(title=title, director=director, actor=actor,
                                                             character=character, other=other), encoding="utf-8")
    return folder


def build(corpus: Path, out: Path, *options: str):
    return CliRunner().invoke(cli, ["build", str(corpus), "--out", str(out), "-q", "--no-cache", *options])


def dies_once(reviews, model, marker):
    """A task whose worker process dies the first time it runs (the marker file says it has not yet)."""
    try:
        os.unlink(marker)  # only one task can remove it: the two workers race for it
    except FileNotFoundError:
        return distributed.extract_batch(reviews, model)
    os._exit(1)


def always_dies(reviews, model):
    os._exit(1)


def test_a_local_cluster_build_equals_a_local_build_byte_for_byte(tmp_path, corpus):
    assert build(corpus, tmp_path / "local").exit_code == 0
    result = build(corpus, tmp_path / "dask", "--scheduler", "local:2")
    assert result.exit_code == 0, result.output
    for name in EXPORT_NAMES:
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name


def test_a_worker_that_dies_mid_batch_has_its_batch_retried(tmp_path, corpus):
    reviews, _ = read_reviews([corpus])
    marker = tmp_path / "not-died-yet"
    marker.touch()
    task = lambda batch, model: dies_once(batch, model, str(marker))  # noqa: E731
    on_cluster = list(distributed.extract_on_cluster(reviews, None, "local:2", batch=2, task=task))
    assert not marker.exists()  # a worker did die
    local = [distributed.extract_batch([r], None)[0] for r in reviews]
    assert on_cluster == local
    write_exports(resolve(on_cluster), tmp_path / "cluster")
    write_exports(resolve(local), tmp_path / "local")
    for name in EXPORT_NAMES:
        assert (tmp_path / "cluster" / name).read_bytes() == (tmp_path / "local" / name).read_bytes(), name


def test_workers_that_keep_dying_stop_the_build_with_one_line(tmp_path, corpus):
    reviews, _ = read_reviews([corpus])
    with pytest.raises(RuntimeError, match="kept dying on a batch of reviews"):
        list(distributed.extract_on_cluster(reviews, None, "local:1", batch=8, task=always_dies))


@pytest.mark.parametrize("scheduler, reason", [("local:0", "1 to 64 workers"), ("nowhere", "not a Dask scheduler"),
                                               ("tcp://127.0.0.1:1", "cannot reach the Dask scheduler")])
def test_a_bad_scheduler_is_one_line(tmp_path, corpus, scheduler, reason, monkeypatch):
    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", "2s")
    result = build(corpus, tmp_path / "out", "--scheduler", scheduler)
    assert result.exit_code == 1 and reason in result.output, result.output
    assert not (tmp_path / "out").exists()


def test_the_cache_is_used_and_filled_the_same_way_on_a_cluster(tmp_path, corpus):
    runner = CliRunner()
    out = tmp_path / "out"
    first = runner.invoke(cli, ["build", str(corpus), "--out", str(out), "--scheduler", "local:2"])
    assert first.exit_code == 0 and "unchanged" not in first.output, first.output
    (corpus / "extra_new.txt").write_text(REVIEW.format(title="Dry Dock", director="Lee Chan", actor="Ali Rae",
                                                        character="Finn", other="Bo Lind"), encoding="utf-8")
    try:
        again = runner.invoke(cli, ["build", str(corpus), "--out", str(out), "--scheduler", "local:2"])
        assert again.exit_code == 0 and "6 unchanged since the last build" in again.output, again.output
        assert build(corpus, tmp_path / "clean").exit_code == 0
        for name in EXPORT_NAMES + ("cache.sqlite",):
            assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
    finally:
        (corpus / "extra_new.txt").unlink()
