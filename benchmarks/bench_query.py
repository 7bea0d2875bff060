"""Query latency on the seed graph and on a generated 1000-review graph: ``python benchmarks/bench_query.py``.

For each graph it reports the load time (``kg.store.load_dataset``), then for the helpers
(``cast``, ``directors``, ``filmography`` of :class:`kg.query.KnowledgeGraph`), the example
queries of ``kg/queries/examples/`` and a count over all cast credits: the first (cold) run
and the median and 95th percentile of ``--runs`` repeated runs, in milliseconds.

Graphs: the seed graph is ``exports/`` if built, else the bundled reviews built into the cache;
the big graph is built from ``benchmarks/make_corpus.py`` reviews (``--workers`` processes) and
cached in ``--cache`` (default: ``$TMPDIR/filmkg-bench``); ``--rebuild`` builds it again.

    PYTHONPATH=. python benchmarks/bench_query.py --reviews 1000 --runs 30
"""
from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from rdflib import Literal, URIRef  # noqa: E402

from kg.sandbox import QueryPool  # noqa: E402
from kg.serve import EXAMPLES_DIR  # noqa: E402
from kg.store import load_dataset  # noqa: E402

COUNT_CAST = "SELECT (COUNT(DISTINCT ?credit) AS ?n) WHERE { ?credit a fkg:CastCredit }"
PICKS = {
    "film": """SELECT ?name (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a fkg:CastCredit ; fkg:film ?f .
               ?f a fkg:Film ; rdfs:label ?name } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1""",
    "person": """SELECT ?name (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a fkg:CastCredit ; fkg:person/rdfs:label ?name }
                 GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1""",
    "review": """SELECT ?review (COUNT(*) AS ?n) WHERE { GRAPH ?review { ?fact fkg:evidence ?ev } }
                 GROUP BY ?review ORDER BY DESC(?n) ?review LIMIT 1""",
    "franchise": "SELECT ?name WHERE { ?f a fkg:Franchise ; rdfs:label ?name } ORDER BY ?name LIMIT 1",
}


def build_graph(paths: list[Path], out: Path, workers: int) -> float:
    """Builds the graph of ``paths`` into ``out/graph.trig`` (as ``kg build`` does); returns seconds."""
    from kg.pipeline import build_knowledge_base

    started = time.perf_counter()
    kb = build_knowledge_base(paths, workers=workers)
    try:
        from kg.exports import write_exports
    except ImportError:  # before the exports exist: the graph alone is enough here
        from kg.graph import build_dataset

        out.mkdir(parents=True, exist_ok=True)
        build_dataset(kb).serialize(out / "graph.trig", format="trig")
    else:
        write_exports(kb, out)
    return time.perf_counter() - started


def timings(function, runs: int) -> dict:
    """Cold first run, then median and p95 of ``runs`` more, in ms; ``rows`` from the last run."""
    started = time.perf_counter()
    rows = function()
    cold = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        rows = function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"rows": rows, "cold": cold, "median": statistics.median(times),
            "p95": times[max(0, math.ceil(0.95 * len(times)) - 1)]}


def one(pool: QueryPool, query: str):
    rows = list(pool.query(query).result)
    return rows[0][0] if rows else None


def bench_graph(label: str, path: Path, runs: int) -> tuple[dict, list[tuple]]:
    from kg.query import KnowledgeGraph

    started = time.perf_counter()
    dataset = load_dataset(path)
    load_cold = time.perf_counter() - started
    load_again = []
    for _ in range(3):
        started = time.perf_counter()
        load_dataset(path)
        load_again.append(time.perf_counter() - started)
    info = {"graph": label, "triples": len(dataset), "load_cold": load_cold,
            "load_median": statistics.median(load_again)}
    pool = QueryPool(path)  # the example queries run as `kg sparql` runs them: in a worker process

    film, person, review, franchise = (one(pool, PICKS[k]) for k in ("film", "person", "review", "franchise"))
    director = one(pool, "SELECT ?d WHERE { ?f rdfs:label ?film ; fkg:director/rdfs:label ?d } ORDER BY ?d LIMIT 1"
                   .replace("?film ;", f"{Literal(str(film)).n3()} ;"))
    graph = KnowledgeGraph(dataset)  # fresh: its first helper call builds the name index (cold)
    cases = [
        (f"cast({str(film)!r})", lambda: len(graph.cast(str(film)))),
        (f"directors({str(film)!r})", lambda: len(graph.directors(str(film)))),
        (f"filmography({str(person)!r})", lambda: len(graph.filmography(str(person)))),
    ]
    bindings = {
        "cast_with_sources": {"filmLabel": Literal(str(film))},
        "fact_support": {"filmLabel": Literal(str(film)), "directorLabel": Literal(str(director))},
        "review_claims": {"review": URIRef(str(review))},
        "franchise_recurring_people": {"franchiseLabel": Literal(str(franchise))},
        "single_source_facts": {},
    }
    for path_rq in sorted(EXAMPLES_DIR.glob("*.rq")):
        text = path_rq.read_text(encoding="utf-8")
        values = bindings.get(path_rq.stem, {})
        cases.append((f"{path_rq.name}", lambda t=text, v=values: len(pool.query(t, v).result)))
    cases.append(("count all cast credits", lambda: int(one(pool, COUNT_CAST))))
    results = []
    for name, function in cases:
        measured = timings(function, runs)
        results.append((label, name, measured["rows"], measured["cold"], measured["median"], measured["p95"]))
    pool.close()
    return info, results


def print_tables(infos: list[dict], rows: list[tuple], builds: dict[str, float]) -> None:
    print()
    print(f"{'graph':<16} {'triples':>9} {'build s':>8} {'load s (cold)':>14} {'load s (median)':>16}")
    for info in infos:
        build = builds.get(info["graph"])
        print(f"{info['graph']:<16} {info['triples']:>9,} {('%.1f' % build) if build else '-':>8} "
              f"{info['load_cold']:>14.2f} {info['load_median']:>16.2f}")
    print()
    width = max(len(r[1]) for r in rows)
    print(f"{'graph':<16} {'query':<{width}} {'rows':>6} {'cold ms':>9} {'median ms':>10} {'p95 ms':>8}")
    for graph, name, count, cold, median, p95 in rows:
        print(f"{graph:<16} {name:<{width}} {count:>6} {cold:>9.1f} {median:>10.2f} {p95:>8.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=1000, help="size of the generated corpus (default 1000)")
    parser.add_argument("--seed", type=int, default=7, help="corpus random seed (default 7)")
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query after the cold one")
    parser.add_argument("--workers", type=int, default=2, help="processes for building the big graph")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "filmkg-bench",
                        help="where the generated corpus and built graphs are kept")
    parser.add_argument("--rebuild", action="store_true", help="build the cached graphs again")
    parser.add_argument("--seed-graph", type=Path, default=None,
                        help="built seed graph (default: exports/ if built, else the bundled reviews)")
    args = parser.parse_args(argv)

    from make_corpus import make_corpus

    builds: dict[str, float] = {}
    seed_graph = args.seed_graph or (ROOT / "exports" if (ROOT / "exports" / "graph.trig").is_file() else None)
    if seed_graph is None:
        seed_graph = args.cache / "seed"
        if args.rebuild or not (seed_graph / "graph.trig").is_file():
            from kg.reviews import bundled_corpus

            builds["seed"] = build_graph([bundled_corpus()], seed_graph, 1)
    big = f"corpus-{args.reviews}"
    corpus = args.cache / f"corpus-{args.reviews}-seed{args.seed}"
    big_graph = args.cache / f"graph-{args.reviews}-seed{args.seed}"
    if args.rebuild or not (big_graph / "graph.trig").is_file():
        make_corpus(corpus, args.reviews, args.seed)
        print(f"building {args.reviews} generated reviews with {args.workers} workers ...", file=sys.stderr)
        builds[big] = build_graph([corpus], big_graph, args.workers)
    print(f"graphs: seed={seed_graph} {big}={big_graph}", file=sys.stderr)

    infos, rows = [], []
    for label, path in (("seed", seed_graph), (big, big_graph)):
        info, results = bench_graph(label, path, args.runs)
        infos.append(info)
        rows.extend(results)
    print_tables(infos, rows, builds)


if __name__ == "__main__":
    main()
