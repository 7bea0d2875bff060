"""Builds at archive scale, ours beside raw spaCy in one run:
``python benchmarks/bench_scale.py [--sizes 1000 5000 20000] [--workers 2] [--runs 50]``.

For each size it generates a corpus (``make_corpus.py``) and prints, each measured in a fresh
process so that its peak memory is its own:

* raw spaCy ``nlp.pipe`` with the components filmkg uses, on 1 process and on ``--workers``
  (spaCy's own ``n_process``), against the whole ``kg build`` (exports included) on the same;
* the time of every stage and export of the 1-process build, and peak RSS beside spaCy's;
* one new review added to the built corpus: the incremental build's time beside the full one's,
  and whether its exports equal a clean build's, byte for byte;
* on the largest graph (or ``--graph DIR``): every helper (p50 of ``--runs``) beside the same
  query run on bare pyoxigraph, and a whole-process ``kg cast`` beside a bare pyoxigraph script.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

SPACY = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from kg.nlp import load_pipeline
from kg.reviews import read_reviews
reviews, _ = read_reviews([{corpus!r}])
texts = [r.text for r in reviews]
nlp = load_pipeline()
start = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=32, n_process={workers}))
seconds = time.perf_counter() - start
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({{"seconds": seconds, "tokens": tokens, "rss_mb": rss / 1024}}))
"""

BUILD = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from kg.cache import ExtractionCache
from kg.exports import write_exports
from kg.nlp import model_id
from kg.pipeline import build_knowledge_base
from kg.progress import Progress
progress = Progress(enabled=False)
start = time.perf_counter()
cache = ExtractionCache.open({cache!r}, model_id())
kb = build_knowledge_base([{corpus!r}], workers={workers}, progress=progress, cache=cache)
write_exports(kb, {out!r}, progress=progress, cache=cache, workers={workers})
seconds = time.perf_counter() - start
rss = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({{"seconds": seconds, "timings": progress.timings, "rss_mb": rss / 1024, "cached": cache.hits,
                  "facts": len(kb.facts), "entities": len(kb.entities)}}))
"""

HELPERS = """
import json, statistics, sys, time
sys.path.insert(0, {root!r})
import pyoxigraph as ox
import kg
from kg.query import query_text
from kg.store import IRI, inline_values
graph = kg.load({out!r})
bare = ox.Store.read_only({store!r})
picks = json.loads({picks!r})
out = {{}}
for helper, (query, variable, kind, name) in picks.items():
    match = graph.resolve(name, kind).match
    ours, theirs = [], []
    for _ in range({runs}):
        start = time.perf_counter(); answer = getattr(graph, helper)(name); ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        rows = [[t.value for t in s if t is not None] for s in bare.query(inline_values(query_text(query),
                {{variable: IRI(match.iri)}}), use_default_graph_as_union=True)]
        theirs.append(time.perf_counter() - start)
    out[helper] = {{"ours_ms": 1000 * statistics.median(ours), "bare_ms": 1000 * statistics.median(theirs),
                    "rows": len(rows), "answers": len(answer)}}
print(json.dumps({{"quads": len(bare), "helpers": out}}))
"""

BARE_CAST = """
import sys
import pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
query = open(sys.argv[2], encoding="utf-8").read()
query = query.replace("WHERE {", "WHERE { VALUES ?film { <%s> }" % sys.argv[3], 1)
rows = [[t.value for t in s if t is not None] for s in store.query(query, use_default_graph_as_union=True)]
print(len(rows))
"""

PICK_FILM = """SELECT ?film ?name (COUNT(*) AS ?n) WHERE { ?c a fkg:CastCredit ; fkg:film ?film . ?film rdfs:label ?name }
GROUP BY ?film ?name ORDER BY DESC(?n) ?name LIMIT 1"""
PICK_PERSON = """SELECT ?name (COUNT(*) AS ?n) WHERE { ?c a fkg:CastCredit ; fkg:person/rdfs:label ?name }
GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1"""
PICK_CHARACTER = """SELECT ?name (COUNT(*) AS ?n) WHERE { ?c a fkg:CastCredit ; fkg:character/rdfs:label ?name }
GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1"""
PICK_FRANCHISE = """SELECT ?name (COUNT(*) AS ?n) WHERE { ?c a fkg:FranchiseMembership ; fkg:franchise/rdfs:label ?name }
GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1"""


def run(script: str, **values) -> dict:
    """Runs one measurement in a fresh Python process; its last line is the JSON it measured."""
    done = subprocess.run([PYTHON, "-c", script.format(root=str(ROOT), **values)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"measurement failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def same_exports(a: Path, b: Path) -> bool:
    from kg.exports import EXPORT_NAMES

    return all((a / name).read_bytes() == (b / name).read_bytes() for name in EXPORT_NAMES)


def whole_process(command: list[str], repeat: int = 7) -> float:
    """The median wall time of a whole command, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def size_report(n: int, args, work: Path) -> Path:
    from make_corpus import make_corpus

    corpus = work / f"reviews-{n}"
    make_corpus(corpus, n)
    spacy1 = run(SPACY, corpus=str(corpus), workers=1)
    ours1 = run(BUILD, corpus=str(corpus), out=str(work / f"out-{n}-1"), cache=None, workers=1)
    spacy2 = run(SPACY, corpus=str(corpus), workers=args.workers)
    ours2 = run(BUILD, corpus=str(corpus), out=str(work / f"out-{n}"), cache=None, workers=args.workers)
    print(f"\n## {n:,} reviews, {spacy1['tokens']:,} tokens; {ours1['facts']:,} facts, {ours1['entities']:,} entities")
    print(f"{'':34} {'seconds':>8} {'x spaCy':>8} {'peak RSS':>10}")
    for label, ref, ours in (("1 process", spacy1, ours1), (f"{args.workers} processes", spacy2, ours2)):
        print(f"{'raw spaCy, ' + label:34} {ref['seconds']:8.1f} {'':8} {ref['rss_mb']:8.0f} MB")
        print(f"{'kg build (exports included), ' + label:34} {ours['seconds']:8.1f} "
              f"{ref['seconds'] / ours['seconds']:7.2f}x {ours['rss_mb']:8.0f} MB")
    print(f"{args.workers} processes over 1: spaCy {spacy1['seconds'] / spacy2['seconds']:.2f}x, "
          f"kg build {ours1['seconds'] / ours2['seconds']:.2f}x")
    print("stages (1 process): " + ", ".join(f"{k} {v:.2f} s" for k, v in ours1["timings"].items()))
    extra = work / f"extra-{n}"
    make_corpus(extra, 1, seed=n + 1)
    shutil.copy(next(extra.glob("*.txt")), corpus / "review_added.txt")
    added = run(BUILD, corpus=str(corpus), out=str(work / f"out-{n}"), cache=str(work / f"out-{n}"),
                workers=args.workers)
    clean = run(BUILD, corpus=str(corpus), out=str(work / f"clean-{n}"), cache=None, workers=args.workers)
    print(f"one review added: {added['seconds']:.1f} s incremental ({added['cached']:,} from the cache) against "
          f"{clean['seconds']:.1f} s clean ({100 * added['seconds'] / clean['seconds']:.1f}%); "
          f"exports identical: {same_exports(work / f'out-{n}', work / f'clean-{n}')}")
    print("incremental stages: " + ", ".join(f"{k} {v:.2f} s" for k, v in added["timings"].items()))
    shutil.rmtree(work / f"clean-{n}")
    shutil.rmtree(work / f"out-{n}-1")
    return work / f"out-{n}"


def helper_report(out: Path, runs: int) -> None:
    import pyoxigraph as ox

    store = ox.Store.read_only(str(out / "store"))
    prefixes = {"fkg": "https://w3id.org/filmkg/ontology#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}

    def top(query: str):
        return next(iter(store.query(query, prefixes=prefixes, use_default_graph_as_union=True)))

    film = top(PICK_FILM)
    names = {"film": film["name"].value, "person": top(PICK_PERSON)["name"].value,
             "character": top(PICK_CHARACTER)["name"].value, "franchise": top(PICK_FRANCHISE)["name"].value}
    picks = {"cast": ("cast", "film", "film", names["film"]), "directors": ("directors", "film", "film", names["film"]),
             "crew": ("crew", "film", "film", names["film"]),
             "filmography": ("filmography", "person", "person", names["person"]),
             "played_by": ("played_by", "character", "character", names["character"]),
             "films": ("franchise_films", "franchise", "franchise", names["franchise"])}
    del store
    measured = run(HELPERS, out=str(out), store=str(out / "store"), picks=json.dumps(picks), runs=runs)
    print(f"\n## helpers on {measured['quads']:,} quads (p50 of {runs} runs, ms)")
    print(f"{'helper':14} {'name':28} {'answers':>8} {'ours':>8} {'pyoxigraph':>11} {'ratio':>6}")
    for helper, row in measured["helpers"].items():
        print(f"{helper:14} {picks[helper][3][:28]:28} {row['answers']:8} {row['ours_ms']:8.1f} {row['bare_ms']:11.1f} "
              f"{row['ours_ms'] / row['bare_ms']:5.2f}x")
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(BARE_CAST)
    kg_command = str(Path(PYTHON).with_name("kg"))
    ours = whole_process([kg_command, "cast", names["film"], "--graph", str(out)])
    bare = whole_process([PYTHON, script.name, str(out / "store"), str(ROOT / "kg/queries/cast.rq"), film["film"].value])
    print(f"whole process, cast of {names['film']}: kg cast {ours * 1000:.0f} ms, bare pyoxigraph script "
          f"{bare * 1000:.0f} ms ({ours / bare:.2f}x)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000], help="corpus sizes")
    parser.add_argument("--workers", type=int, default=2, help="processes for the parallel runs (default 2)")
    parser.add_argument("--runs", type=int, default=50, help="runs of each helper; the median counts (default 50)")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument("--graph", type=Path, default=None,
                        help="only measure the helpers, on this folder built by kg build")
    args = parser.parse_args(argv)
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]
    if args.graph:
        helper_report(args.graph, args.runs)
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="filmkg-bench-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        last = None
        for n in args.sizes:
            last = size_report(n, args, work)
            sys.stdout.flush()
        helper_report(last, args.runs)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
