"""The explorer's data and page (kg/view.py, kg/pages.py), the picture (kg/draw.py), graph.gexf, and
their commands. What the page does in a browser is in test_browser.py."""
from __future__ import annotations

import dataclasses
import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli
from kg.draw import franchise_picture
from kg.graph import build_dataset
from kg.query import KnowledgeGraph
from kg.view import scene

from fixtures_kb import PARABELLUM, R1, R2, knowledge_base


@pytest.fixture(scope="module")
def fixture_graph() -> KnowledgeGraph:
    return KnowledgeGraph.from_knowledge_base(knowledge_base())


def edge(seen, source: str, target: str, relation: str):
    (found,) = [e for e in seen.edges if (seen.nodes[e.source].label, seen.nodes[e.target].label, e.relation)
                == (source, target, relation)]
    return found


def page_data(html: str) -> dict:
    text = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', html, re.S).group(1)
    return json.loads(text)


def test_the_scene_has_every_entity_and_credit_with_its_quotes(fixture_graph):
    seen = scene(fixture_graph)
    types = {n.label: n.type for n in seen.nodes}
    assert types["Lance Reddick"] == "person" and types["Charon"] == "character"
    assert types["The Continental"] == "tv_series" and types["Ballerina"] == "film"
    assert {e.relation for e in seen.edges} == {"directed", "acted_in", "played", "appears_in",
                                                "part_of_franchise", "crew"}
    # Two facts draw Reddick -> Charon: one review with a film, one without; the edge has both quotes.
    played = edge(seen, "Lance Reddick", "Charon", "played")
    quotes = {(q.review, q.quote) for i in played.facts for q in seen.facts[i].quotes}
    assert quotes == {(R1, "Charon (Lance Reddick)"), (R2, "Lance Reddick returns as Charon")}
    assert played.support == 2
    assert edge(seen, "Charon", "Ballerina", "appears_in").support == 1
    crew = edge(seen, "Tyler Bates", "Ballerina", "crew")
    assert crew.role == "composer" and seen.facts[crew.facts[0]].text == "Tyler Bates is credited as composer on Ballerina"
    # A node's support: the reviews behind its credits; a review author has none.
    assert seen.node("Lance Reddick").support == 2
    assert seen.node("Kat Hughes").support == 0
    assert [seen.facts[i].text for i in seen.node("Kat Hughes").facts] == [f"Kat Hughes wrote review {R1}"]
    assert seen.node("Eve").aliases == ("Eve Macarro",)
    assert seen.urls == {R1: f"https://example.org/{R1}"}


def test_a_franchise_or_film_keeps_its_neighbourhood(fixture_graph):
    whole = scene(fixture_graph)
    film = scene(fixture_graph, film="Parabellum")
    assert {n.label for n in film.nodes} == {PARABELLUM, "Keanu Reeves", "John Wick", "Chad Stahelski"}
    assert film.title == f"filmkg explorer: {PARABELLUM}"
    assert all(i < len(film.facts) for n in film.nodes for i in n.facts)
    franchise = scene(fixture_graph, franchise="World of John Wick")
    outside = {("person", "Kat Hughes"), ("film", "John Wick")}  # an author; a film no review puts in it
    assert {(n.type, n.label) for n in franchise.nodes} == {(n.type, n.label) for n in whole.nodes} - outside
    # What the page's own film filter keeps is the same neighbourhood.
    parabellum = whole.nodes.index(whole.node(PARABELLUM))
    assert {n.label for n in whole.nodes if parabellum in n.films} == {n.label for n in film.nodes}


def test_unknown_names_are_errors_with_suggestions(fixture_graph):
    with pytest.raises(ValueError, match=r'No film called "Balerina".*Ballerina'):
        scene(fixture_graph, film="Balerina")
    with pytest.raises(ValueError, match="No franchise called"):
        scene(fixture_graph, franchise="Star Wars")


def test_the_page_is_self_contained_and_carries_the_scene(fixture_graph):
    seen = scene(fixture_graph)
    html = seen.html()
    assert page_data(html) == json.loads(json.dumps(seen.as_json()))
    assert "default-src 'none'" in html and "connect-src 'none'" in html
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert "unpkg" not in html and "sourceMappingURL" not in html
    assert "vis-network" in html  # the library's build, inline


def test_hostile_names_cannot_break_out_of_the_page(tmp_path):
    base = knowledge_base()
    evil = "</script><script>alert(1)</script>"
    entities = tuple(dataclasses.replace(e, name=evil) if e.name == "Tyler Bates" else e for e in base.entities)
    facts = tuple(dataclasses.replace(f, person=evil) if f.person == "Tyler Bates" else f for f in base.facts)
    graph = KnowledgeGraph.from_knowledge_base(dataclasses.replace(base, entities=entities, facts=facts))
    html = scene(graph).html()
    assert evil not in html and "<script>alert" not in html
    assert evil in [n["label"] for n in page_data(html)["nodes"]]


def test_the_page_is_the_same_bytes_every_time(tmp_path, fixture_graph):
    first = fixture_graph.view(tmp_path / "a.html")
    KnowledgeGraph.from_knowledge_base(knowledge_base()).view(tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert len(first.nodes) == 20


def test_kg_view_writes_the_page_and_refuses_unknown_names(tmp_path, built):
    out = tmp_path / "explorer.html"
    result = CliRunner().invoke(cli, ["view", "--graph", str(built), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {out}: 20 nodes, 24 edges")
    assert "Charon (Lance Reddick)" in out.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["view", "--graph", str(built), "--out", str(tmp_path / "x.html"),
                                      "--film", "Balerina"])
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "Did you mean: Ballerina?" in result.output and not (tmp_path / "x.html").exists()
    result = CliRunner().invoke(cli, ["view", "--graph", str(tmp_path / "nothing"), "--out", str(tmp_path / "y.html")])
    assert result.exit_code == 1 and "no built graph here" in result.output


def test_the_explorer_and_graph_gexf_share_one_layout(built):
    where = {n.iri: (n.x, n.y) for n in scene(kg.load(built)).nodes}
    graph = nx.read_gexf(built / "graph.gexf")
    assert {node: (d["viz"]["position"]["x"], -d["viz"]["position"]["y"]) for node, d in graph.nodes(data=True)} == where


# --- the picture -------------------------------------------------------------------------------


def test_the_franchise_picture_shows_films_directors_and_recurring_cast(fixture_graph):
    picture = franchise_picture(fixture_graph)
    assert picture.franchise == "John Wick"
    assert picture.films == ("Ballerina", "The Continental", PARABELLUM)  # no review puts John Wick in it
    assert picture.series == {"The Continental"}
    assert {(c.person, c.film) for c in picture.directors} == {("Len Wiseman", "Ballerina"),
                                                                ("Chad Stahelski", PARABELLUM)}
    # Keanu Reeves is in two of its films; everyone else in one.
    assert {(c.person, c.character) for c in picture.cast} == {("Keanu Reeves", "John Wick")}
    everyone = franchise_picture(fixture_graph, min_films=1)
    assert ("Ana de Armas", "Eve") in {(c.person, c.character) for c in everyone.cast}
    assert ("Ana de Armas", None) not in {(c.person, c.character) for c in everyone.cast}  # the named credit wins


def test_kg_draw_writes_svg_and_png_and_refuses_other_names(tmp_path, built):
    runner = CliRunner()
    for name in ("seed.svg", "seed.png", "again.svg"):
        result = runner.invoke(cli, ["draw", "--graph", str(built), "--out", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
    assert "John Wick, 4 films, 2 directors, 1 recurring cast" in result.output
    svg = (tmp_path / "seed.svg").read_bytes()
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    assert svg == (tmp_path / "again.svg").read_bytes()
    assert (tmp_path / "seed.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = runner.invoke(cli, ["draw", "--graph", str(built), "--out", str(tmp_path / "seed.pdf")])
    assert result.exit_code == 1 and "use a .svg or .png file name" in result.output
    result = runner.invoke(cli, ["draw", "--graph", str(built), "--out", str(tmp_path / "x.svg"), "--franchise", "Nope"])
    assert result.exit_code == 1 and 'No franchise called "Nope"' in result.output
    assert not (tmp_path / "x.svg").exists() and not (tmp_path / "seed.pdf").exists()


def test_a_graph_without_franchises_has_no_picture(tmp_path):
    base = knowledge_base()
    bare = dataclasses.replace(base, facts=tuple(f for f in base.facts if f.kind != "in_franchise"),
                               entities=tuple(e for e in base.entities if e.type != "franchise"))
    with pytest.raises(ValueError, match="no franchise"):
        KnowledgeGraph(build_dataset(bare)).draw(tmp_path / "x.svg")
