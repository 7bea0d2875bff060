"""Beyond one machine, measured on this one, in one run:
``python benchmarks/bench_cluster.py [--reviews 1000] [--workers 2] [--push-graph DIR]``.

Prints the extraction throughput of ``kg build --workers N`` (a local process pool) beside
``kg build --scheduler local:N`` (a Dask ``LocalCluster`` of N workers) on the same generated
corpus, whether their exports are byte-identical, and the time of ``kg push`` into a live
``oxigraph serve`` (started here on a free loopback port): a first push of the whole graph, and
a push after one review was added (an incremental build). ``--push-graph`` pushes that built
folder too (say, a 1M-quad graph from ``bench_scale.py --keep``).
"""
from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from kg.exports import EXPORT_NAMES  # noqa: E402
from kg.remote import push  # noqa: E402
from make_corpus import make_corpus  # noqa: E402

KG = str(Path(sys.executable).with_name("kg"))
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))


def timed_build(corpus: Path, out: Path, *options: str) -> float:
    start = time.perf_counter()
    subprocess.run([KG, "build", str(corpus), "--out", str(out), "-q", *options], check=True)
    return time.perf_counter() - start


def quads(folder: Path) -> int:
    with open(folder / "graph.nq", "rb") as nq:
        return sum(1 for _ in nq)


def start_server() -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([OXIGRAPH, "serve", "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            return server, base
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("oxigraph serve did not start")


def timed_push(folder: Path, base: str):
    start = time.perf_counter()
    report = push(folder, base + "/store")
    return time.perf_counter() - start, report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=1000, help="generated reviews (default 1000)")
    parser.add_argument("--workers", type=int, default=2, help="processes / Dask workers (default 2)")
    parser.add_argument("--push-graph", type=Path, default=None, help="also push this built folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="filmkg-bench-cluster-"))
    try:
        corpus = work / "reviews"
        make_corpus(corpus, args.reviews)
        local = timed_build(corpus, work / "local", "--no-cache", "--workers", str(args.workers))
        dask = timed_build(corpus, work / "dask", "--no-cache", "--scheduler", f"local:{args.workers}")
        same = all((work / "local" / n).read_bytes() == (work / "dask" / n).read_bytes() for n in EXPORT_NAMES)
        print(f"{args.reviews:,} generated reviews, whole kg build (exports included):")
        print(f"  --workers {args.workers} (process pool)        {local:7.1f} s  {args.reviews / local:6.1f} reviews/s")
        print(f"  --scheduler local:{args.workers} (Dask cluster) {dask:7.1f} s  {args.reviews / dask:6.1f} reviews/s "
              f"({local / dask:.2f}x the pool; exports identical: {same})")
        server, base = start_server()
        try:
            seconds, report = timed_push(work / "local", base)
            print(f"kg push, first: {quads(work / 'local'):,} quads, {report.sent:,} graphs in {seconds:.1f} s")
            make_corpus(work / "extra", 1, seed=args.reviews + 1)
            shutil.copy(next((work / "extra").glob("*.txt")), corpus / "review_added.txt")
            timed_build(corpus, work / "local", "--workers", str(args.workers))
            seconds, report = timed_push(work / "local", base)
            print(f"kg push after one review was added: {report.sent} graphs sent, {report.unchanged:,} unchanged, "
                  f"in {seconds:.1f} s")
            if args.push_graph:
                server.kill()
                server.wait()
                server, base = start_server()
                seconds, report = timed_push(args.push_graph, base)
                print(f"kg push of {args.push_graph}: {quads(args.push_graph):,} quads, {report.sent:,} graphs "
                      f"in {seconds:.1f} s ({quads(args.push_graph) / seconds:,.0f} quads/s)")
        finally:
            server.kill()
            server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
