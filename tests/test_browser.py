"""The explorer and the served pages in a real headless browser: Debian's Chromium, driven by
Playwright (``.ci/run`` installs Chromium when it is missing; ``KG_CHROMIUM`` names another binary).

Every test records the browser's network log and checks that nothing was asked of any address
but the page's own file or the local server.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import kg
from kg.query import KnowledgeGraph

from fixtures_kb import R1, franchise_kb, knowledge_base

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
WAIT = 10_000  # ms, for anything the page should do at once
ANSWERED = "Failed to load resource: the server responded with a status of"  # an HTTP error, logged

# A point on the edge from node `a` to node `b` (by label and relation) that no node covers, in
# page coordinates, so that a real mouse click there lands on that edge.
EDGE_POINT = """([a, b, relation]) => {
  const k = window.kgExplorer, d = k.data;
  const from = d.nodes.findIndex((n) => n.label === a), to = d.nodes.findIndex((n) => n.label === b);
  const id = d.edges.findIndex((e) => e.from === from && e.to === to && e.relation === relation);
  const at = k.network.getPositions([from, to]);
  const box = document.querySelector("#graph canvas").getBoundingClientRect();
  for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
    const dom = k.network.canvasToDOM({x: at[from].x + t * (at[to].x - at[from].x), y: at[from].y + t * (at[to].y - at[from].y)});
    if (dom.x < 5 || dom.y < 5 || dom.x > box.width - 5 || dom.y > box.height - 5) continue;
    if (k.network.getNodeAt(dom) === undefined && k.network.getEdgeAt(dom) === id) return {x: box.left + dom.x, y: box.top + dom.y};
  }
  return null;
}"""
# How many pixels of the graph's canvas are not blank: the drawing itself, not just its frame.
INKED = """() => {
  const canvas = document.querySelector("#graph canvas");
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
  return inked;
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.fail("no Chromium found: install Debian's chromium (.ci/run does) or set KG_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A page whose every request is logged in ``page.requests``; a JavaScript error, or any error
    the browser logs (a request the page's security policy refused, say), fails the test."""
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    opened = context.new_page()
    opened.requests, errors = [], []
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error"
              and not message.text.startswith(ANSWERED) else None)
    opened.set_default_timeout(WAIT)
    yield opened
    context.close()
    assert not errors, errors


def only_from(requests: list[str], *origins: str) -> None:
    outside = [url for url in requests if not url.startswith(origins)]
    assert requests and not outside, outside


def find(page, name: str) -> None:
    page.fill("#search-input", name)
    page.press("#search-input", "Enter")


def click_edge(page, source: str, target: str, relation: str) -> None:
    point = page.evaluate(EDGE_POINT, [source, target, relation])
    assert point, f"the edge {source} -> {target} is not on screen"
    page.mouse.click(point["x"], point["y"])


@pytest.fixture(scope="module")
def seed_explorer(built, tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path_factory.mktemp("view") / "explorer.html"
    result = CliRunner().invoke(cli, ["view", "--graph", str(built), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def expected(seen, *, film: str | None = None, min_support: int = 1, drop: tuple[str, ...] = ()) -> str:
    """What the status line should say, worked out here from the scene: an edge is shown when its
    relation is on, it has enough support and both ends are in the film's neighbourhood; a node
    when one of its edges is shown."""
    scope = None if film is None else seen.nodes.index(seen.node(film))
    on = [e for e in seen.edges if e.relation not in drop and e.support >= min_support
          and (scope is None or all(scope in seen.nodes[end].films for end in (e.source, e.target)))]
    ends = {end for e in on for end in (e.source, e.target)}
    return f"Showing {len(ends)} of {len(seen.nodes)} nodes and {len(on)} of {len(seen.edges)} edges"


def status(page) -> str:
    return page.inner_text("#status").split(".")[0]


def test_the_explorer_draws_finds_and_quotes_offline(page, seed_explorer, built):
    seen = kg.load(built).view()
    page.goto(seed_explorer.as_uri())
    assert status(page) == expected(seen)
    assert len(seen.nodes) > 10 and page.evaluate(INKED) > 5000
    find(page, "Reddick")
    page.wait_for_selector("#details h2:text-is('Lance Reddick')")
    assert "Lance Reddick plays Charon in Ballerina" in page.inner_text("#details")
    click_edge(page, "Lance Reddick", "Charon", "played")
    page.wait_for_selector("#details h2:text-is('Lance Reddick → Charon')")
    details = page.inner_text("#details")
    assert "Charon (Lance Reddick)" in details
    assert "000_783e8d39f966f84b" in details and "supported by 1 review" in details
    only_from(page.requests, seed_explorer.as_uri())


def test_the_explorer_filters(page, seed_explorer, built):
    seen = kg.load(built).view()
    page.goto(seed_explorer.as_uri())
    page.select_option("#filter-film", label="John Wick: Parabellum")
    assert status(page) == expected(seen, film="John Wick: Parabellum")
    page.select_option("#filter-film", label="all")
    page.fill("#filter-support", "2")
    assert status(page) == expected(seen, min_support=2) != expected(seen)
    page.fill("#filter-support", "1")
    page.uncheck("#filter-relations input[value='acted_in']")
    page.uncheck("#filter-relations input[value='appears_in']")
    assert status(page) == expected(seen, drop=("acted_in", "appears_in")) != expected(seen)
    page.click("#reset")
    assert status(page) == expected(seen)
    find(page, "kat hughes")  # no credits: drawn only when searched for
    assert page.inner_text("#details h2") == "Kat Hughes"
    assert status(page) == expected(seen).replace("Showing 19", "Showing 20")
    find(page, "John Wick")
    assert "3 nodes match" in page.inner_text("#details")
    only_from(page.requests, seed_explorer.as_uri())


def test_an_edge_lists_every_review_with_its_url(page, tmp_path):
    out = KnowledgeGraph.from_knowledge_base(knowledge_base()).view(tmp_path / "fixture.html")
    page.goto((tmp_path / "fixture.html").as_uri())
    find(page, "Lance Reddick")
    click_edge(page, "Lance Reddick", "Charon", "played")
    page.wait_for_selector("#details h2:text-is('Lance Reddick → Charon')")
    details = page.inner_text("#details")
    assert "supported by 2 reviews" in details
    assert "Charon (Lance Reddick)" in details and "Lance Reddick returns as Charon" in details
    assert page.get_attribute("#details a", "href") == f"https://example.org/{R1}"  # shown, not fetched
    assert len(out.nodes) == 20
    only_from(page.requests, (tmp_path / "fixture.html").as_uri())


def test_a_big_graph_shows_the_most_supported_nodes_then_a_neighbourhood(page, tmp_path):
    big = KnowledgeGraph.from_knowledge_base(franchise_kb(films=60, cast=10)).view(tmp_path / "big.html")
    assert len(big.nodes) > 600
    page.goto((tmp_path / "big.html").as_uri())
    assert page.inner_text("#status").startswith(f"Showing 400 of {len(big.nodes)} nodes")
    find(page, "Film 7")
    page.wait_for_selector("#details h2:text-is('Film 7')")
    film = big.nodes.index(big.node("Film 7"))
    near = {film} | {end for e in big.edges if film in (e.source, e.target) for end in (e.source, e.target)}
    twice = near | {end for e in big.edges if near & {e.source, e.target} for end in (e.source, e.target)}
    assert sorted(page.evaluate("window.kgExplorer.shown()")) == sorted(twice)  # two steps away, by default
    assert f"Showing {len(twice)} of" in page.inner_text("#status") and "the neighbourhood of Film 7" in page.inner_text("#status")
    page.select_option("#filter-depth", "1")
    assert sorted(page.evaluate("window.kgExplorer.shown()")) == sorted(near)
    only_from(page.requests, (tmp_path / "big.html").as_uri())


@pytest.fixture(scope="module")
def server(built, tmp_path_factory):
    """``kg serve`` on the seed graph, in a subprocess; yields its base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "server.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "kg.serve", "--graph", str(built), "--port", str(port),
                                    "--log-level", "warning"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if process.poll() is not None:
                pytest.fail(f"the server exited early:\n{log.read_text()}")
            try:
                with urllib.request.urlopen(base + "/sparql", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"the server did not start within 30 s:\n{log.read_text()}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def test_the_served_explorer_and_query_page_work_offline(page, server):
    page.goto(server + "/")
    find(page, "Reddick")
    click_edge(page, "Lance Reddick", "Charon", "played")
    page.wait_for_selector("#details blockquote:text-is('Charon (Lance Reddick)')")
    page.click("header nav a:text-is('SPARQL query page')")
    page.wait_for_url(server + "/sparql")
    examples = page.locator("#examples button").all_inner_texts()
    assert "Cast with sources" in examples and "Fact support" in examples
    page.click("#examples button:text-is('Cast with sources')")
    assert "GRAPH ?review" in page.input_value("#query")
    page.click("#query-form button[type=submit]")
    page.wait_for_selector("#results table")
    assert page.locator("#results td:text-is('Charon (Lance Reddick)')").count() == 1
    assert page.inner_text("#results th") == "?filmLabel"
    page.fill("#query", "DROP ALL")
    page.press("#query", "Control+Enter")
    page.wait_for_selector("#query-status.error")
    assert "Error 403" in page.inner_text("#query-status")
    only_from(page.requests, server + "/")
