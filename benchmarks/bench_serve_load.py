"""Load test of ``kg serve`` on loopback: simple queries alone, then with hostile queries running.

Starts ``python -m kg.serve`` on a free loopback port (the seed graph in ``exports/`` unless
``--graph``), then runs two phases of ``--seconds`` each:

1. ``--clients`` threads send simple queries (an ASK, a label lookup, the directors of a film)
   back to back;
2. the same, while ``--hostile`` more threads each send, one after another, a query that
   computes forever, one that eats memory, one that aborts the engine and one nested 2,500 deep.

It prints throughput and p50 / p99 latency of the simple queries in each phase, what the hostile
ones got, and checks that the server process is still up and answering at the end. Everything
is bounded (the phases' lengths, the server's own limits) and stays on 127.0.0.1.

    python benchmarks/bench_serve_load.py --seconds 15 --clients 8 --hostile 4
"""
from __future__ import annotations

import argparse
import collections
import http.client
import json
import math
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIMPLE = [
    "ASK { ?s ?p ?o }",
    "SELECT ?p WHERE { ?p rdfs:label 'Ana de Armas' }",
    "SELECT ?name WHERE { ?f a fkg:Film ; rdfs:label 'Ballerina' ; fkg:director/rdfs:label ?name }",
]
HOSTILE = {
    "runaway": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l "
               "FILTER (CONCAT(STR(?c), STR(?f), STR(?i), STR(?l)) = 'never') }",
    "memory hog": "SELECT (GROUP_CONCAT(CONCAT(STR(?a), STR(?c), STR(?f))) AS ?x) "
                  "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
    "engine abort": "SELECT * { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
    "nested 2,500 deep": "ASK " + "{" * 2500 + "}" * 2500,
}
# What issue 10 measured before the query pool: the same simple load, and what hostile queries did.
BEFORE = {"simple": "396 requests/s, p99 138 ms (20 clients)",
          "hostile": "one nested or ORDER BY query killed the server; four runaways made every later query 503"}


def start_server(graph: str, workers: int, timeout: float) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    server = subprocess.Popen([sys.executable, "-m", "kg.serve", "--graph", graph, "--port", "0", "--workers",
                               str(workers), "--timeout", str(timeout), "--log-level", "warning"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    line = server.stdout.readline()
    if " at http://" not in line:
        server.kill()
        raise SystemExit(f"the server did not start: {line}{server.stdout.read()}")
    threading.Thread(target=server.stdout.read, daemon=True).start()  # keep its pipe drained
    return server, line.split(" at ", 1)[1].split(" ", 1)[0]


def ask(connection: http.client.HTTPConnection, path: str, query: str) -> int:
    connection.request("GET", f"{path}?{urllib.parse.urlencode({'query': query})}",
                       headers={"Accept": "application/sparql-results+json"})
    response = connection.getresponse()
    response.read()
    return response.status


def simple_client(url, stop: threading.Event, latencies: list, statuses: collections.Counter) -> None:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    turn = 0
    while not stop.is_set():
        started = time.perf_counter()
        try:
            status = ask(connection, parts.path, SIMPLE[turn % len(SIMPLE)])
        except (OSError, http.client.HTTPException):
            status = "connection error"
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        latencies.append(time.perf_counter() - started)
        statuses[status] += 1
        turn += 1


def hostile_client(url, stop: threading.Event, offset: int, outcomes: collections.Counter) -> None:
    parts = urllib.parse.urlsplit(url)
    names = list(HOSTILE)
    turn = offset
    while not stop.is_set():
        name = names[turn % len(names)]
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        try:
            outcomes[(name, ask(connection, parts.path, HOSTILE[name]))] += 1
        except (OSError, http.client.HTTPException):
            outcomes[(name, "connection error")] += 1
        finally:
            connection.close()
        turn += 1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else float("nan")


def phase(url: str, seconds: float, clients: int, hostile: int) -> dict:
    stop = threading.Event()
    latencies: list[float] = []
    statuses: collections.Counter = collections.Counter()
    outcomes: collections.Counter = collections.Counter()
    threads = [threading.Thread(target=hostile_client, args=(url, stop, i, outcomes)) for i in range(hostile)]
    for thread in threads:
        thread.start()
    if hostile:
        time.sleep(1.0)  # let the hostile queries take their workers first
    threads += [threading.Thread(target=simple_client, args=(url, stop, latencies, statuses)) for _ in range(clients)]
    for thread in threads[hostile:]:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(180)
    return {"requests": len(latencies), "per_second": len(latencies) / seconds, "statuses": statuses,
            "p50": percentile(latencies, 0.50) * 1000, "p99": percentile(latencies, 0.99) * 1000,
            "median": statistics.median(latencies) * 1000 if latencies else float("nan"), "hostile": outcomes}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graph", default=str(ROOT / "exports"), help="built graph to serve (default: exports/)")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each phase")
    parser.add_argument("--clients", type=int, default=8, help="threads sending simple queries")
    parser.add_argument("--hostile", type=int, default=4, help="threads sending hostile queries in phase 2")
    parser.add_argument("--workers", type=int, default=6, help="the server's query processes (kg serve's default)")
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's time limit (kg serve's default)")
    args = parser.parse_args(argv)

    server, url = start_server(args.graph, args.workers, args.timeout)
    print(f"kg serve at {url}: {args.workers} workers, {args.timeout:g} s per query; {os.cpu_count()} CPUs here")
    try:
        results = [("simple queries alone", phase(url, args.seconds, args.clients, 0)),
                   (f"with {args.hostile} hostile clients", phase(url, args.seconds, args.clients, args.hostile))]
        alive = server.poll() is None
        parts = urllib.parse.urlsplit(url)
        final = ask(http.client.HTTPConnection(parts.hostname, parts.port, timeout=30), parts.path, SIMPLE[0])
    finally:
        server.terminate()
        server.wait(10)
    print(f"\n{'phase':<28} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for name, result in results:
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(result["statuses"].items(), key=str))
        print(f"{name:<28} {result['requests']:>9,} {result['per_second']:>8.1f} {result['p50']:>8.1f} "
              f"{result['p99']:>8.1f}  {statuses}")
    print("\nhostile queries (phase 2): " + json.dumps({f"{n} -> {s}": c for (n, s), c in
                                                      sorted(results[1][1]["hostile"].items(), key=str)}))
    print(f"server process still up: {alive}; a query after both phases: HTTP {final}")
    print(f"\nbefore (issue 10): {BEFORE['simple']}; {BEFORE['hostile']}")
    if not alive or final != 200:
        sys.exit(1)


if __name__ == "__main__":
    main()
