"""The explorer at size: ``python benchmarks/bench_view.py [--films 30 150 300] [--no-browser]``.

For made-up franchises (``tests/fixtures_kb.franchise_kb``: ``--films`` films of 10 actors each,
half of them in the film before) it reports the nodes and edges, the time to read the scene from
the graph (``kg.view.scene``, layout included) and the layout alone (``kg.style.positions``,
igraph) beside networkx's ``spring_layout`` as the reference, the page's size, and in headless
Chromium (Playwright, ``KG_CHROMIUM`` or ``chromium`` on the PATH) the time from opening the
file to the first drawing, to finding a film and drawing its neighbourhood, and to apply a
minimum-support filter. One run each, in seconds.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import networkx as nx  # noqa: E402

from fixtures_kb import franchise_kb  # noqa: E402
from kg.query import KnowledgeGraph  # noqa: E402
from kg.style import positions  # noqa: E402
from kg.view import scene  # noqa: E402


def seconds(started: float) -> str:
    return f"{time.perf_counter() - started:.2f}"


FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"  # drawn


def browser_figures(page, path: Path) -> tuple[str, str, str]:
    """Open to first drawing; find 'Film 7' and draw its neighbourhood; set minimum support 2."""
    started = time.perf_counter()
    page.goto(path.as_uri())
    page.evaluate(FRAMES)
    opened = seconds(started)
    started = time.perf_counter()
    page.fill("#search-input", "Film 7")
    page.press("#search-input", "Enter")
    page.wait_for_selector("#details h2:text-is('Film 7')")
    page.evaluate(FRAMES)
    found = seconds(started)
    page.click("#reset")
    page.evaluate(FRAMES)
    started = time.perf_counter()
    page.fill("#filter-support", "2")
    page.evaluate(FRAMES)
    return opened, found, seconds(started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, nargs="+", default=[30, 150, 300])
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    args = parser.parse_args()
    chromium = os.environ.get("KG_CHROMIUM") or shutil.which("chromium")
    header = ["films", "nodes", "edges", "scene s", "layout s (igraph)", "spring_layout s (networkx)", "page MB"]
    if chromium and not args.no_browser:
        header += ["open s", "find s", "filter s"]
    print(" | ".join(header))
    scene(KnowledgeGraph.from_knowledge_base(franchise_kb(films=2, cast=2)))  # imports and caches, not timed
    with tempfile.TemporaryDirectory() as folder, _browser(chromium, args.no_browser) as page:
        for films in args.films:
            graph = KnowledgeGraph.from_knowledge_base(franchise_kb(films=films, cast=10))
            started = time.perf_counter()
            seen = scene(graph)
            scene_time = seconds(started)
            iris = [n.iri for n in seen.nodes]
            pairs = [(seen.nodes[e.source].iri, seen.nodes[e.target].iri) for e in seen.edges]
            started = time.perf_counter()
            positions(iris, pairs)
            layout_time = seconds(started)
            reference = nx.Graph(pairs)
            reference.add_nodes_from(iris)
            started = time.perf_counter()
            nx.spring_layout(reference, seed=1)
            spring_time = seconds(started)
            path = seen.write(Path(folder) / f"view-{films}.html")
            row = [str(films), f"{len(seen.nodes):,}", f"{len(seen.edges):,}", scene_time, layout_time, spring_time,
                   f"{path.stat().st_size / 1e6:.1f}"]
            if page is not None:
                row += browser_figures(page, path)
            print(" | ".join(row), flush=True)


class _browser:
    """A Chromium page, or ``None`` when there is no Chromium or it is not wanted."""

    def __init__(self, chromium: str | None, skip: bool):
        self.chromium, self.skip, self.playwright = chromium, skip, None

    def __enter__(self):
        if not self.chromium or self.skip:
            return None
        from playwright.sync_api import sync_playwright

        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=self.chromium, args=["--no-sandbox"])
        page = self.browser.new_page(viewport={"width": 1400, "height": 850})
        page.set_default_timeout(120_000)
        return page

    def __exit__(self, *exc) -> None:
        if self.playwright:
            self.browser.close()
            self.playwright.stop()


if __name__ == "__main__":
    main()
