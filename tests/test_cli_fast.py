"""``kg cast`` and the other helpers answered by kg.cli without click: the same output as the
click commands, byte for byte, on the seed graph ``kg build`` writes; the command lines and
graphs it leaves to click; and what a ``kg cast`` process imports."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from kg import cli as fast
from kg.commands import cli

LINES = [
    ["cast", "Ballerina"], ["cast", "ballerina", "--format", "json"], ["cast", "Ballerina", "--format=csv"],
    ["directors", "Ballerina"], ["directors", "Ballerina", "--format", "json"], ["crew", "Ballerina"],
    ["filmography", "Ana de Armas"], ["filmography", "de armas", "--format", "csv"], ["filmography", "Reeves"],
    ["played-by", "Charon"], ["played-by", "Eve", "--format", "json"], ["films"], ["films", "--format", "csv"],
    ["films", "--franchise", "John Wick"], ["films", "--franchise=john wick", "--format", "json"],
    ["cast", "Balerina"], ["cast", "John"], ["filmography", "Nobody At All"], ["films", "--franchise", "Star Trek"],
    ["played-by", "Charon", "--format", "table"], ["cast", "Ballerina", "--format", "json", "--graph", "{graph}"],
]


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    """The seed corpus built by ``kg build``."""
    from conftest import CORPUS

    out = tmp_path_factory.mktemp("seed") / "exports"
    result = CliRunner().invoke(cli, ["build", str(CORPUS), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return str(out)


def by_click(args, columns=100):
    result = CliRunner().invoke(cli, args, env={"COLUMNS": str(columns)})
    return result.exit_code, result.stdout, result.stderr


def by_main(args, capsys, monkeypatch, columns=100):
    monkeypatch.setenv("COLUMNS", str(columns))
    request = fast.helper_request(args)
    assert request is not None, args
    code = 0
    try:
        assert fast.answer_helper(request), args  # answered here, not handed to click
    except SystemExit as stop:
        code = stop.code
    printed = capsys.readouterr()
    return code, printed.out, printed.err


def with_graph(line, graph):
    line = [arg.replace("{graph}", graph) for arg in line]
    return line if "--graph" in line else [*line, "--graph", graph]


@pytest.mark.parametrize("line", LINES, ids=" ".join)
def test_the_short_way_prints_what_the_click_command_prints(line, graph, capsys, monkeypatch):
    args = with_graph(line, graph)
    assert by_main(args, capsys, monkeypatch) == by_click(args)


@pytest.mark.parametrize("columns", [30, 60, 80, 200])
def test_the_table_fits_the_terminal_as_the_click_command_does(columns, graph, capsys, monkeypatch):
    args = ["cast", "Ballerina", "--graph", graph]
    assert by_main(args, capsys, monkeypatch, columns) == by_click(args, columns)


def test_an_unknown_name_is_one_line_on_stderr_and_exit_1(graph, capsys, monkeypatch):
    code, out, err = by_main(["cast", "Balerina", "--graph", graph], capsys, monkeypatch)
    assert (code, out) == (1, "")
    assert err == 'Error: No film called "Balerina" in this graph. Did you mean: Ballerina?\n'


def test_the_python_api_gives_the_same_answers(graph, capsys, monkeypatch):
    import json

    import kg

    _, out, _ = by_main(["cast", "Ballerina", "--graph", graph, "--format", "json"], capsys, monkeypatch)
    answers = kg.load(graph).cast("Ballerina")
    assert [(a["person"], a["character"], len(a["sources"])) for a in json.loads(out)] == \
        [(a.person, a.character, len(a.sources)) for a in answers]


@pytest.mark.parametrize("line", [
    ["cast"], ["cast", "A", "B"], ["cast", "--help"], ["cast", "Ballerina", "-h"], ["cast", "Ballerina", "--endpoint", "x"],
    ["cast", "Ballerina", "--format", "xml"], ["cast", "Ballerina", "--format"], ["cast", "Ballerina", "--graph", ""],
    ["cast", "Ballerina", "--graph", "a", "--graph", "b"], ["cast", "--", "Ballerina"], ["films", "Ballerina"],
    ["cast", "Ballerina", "--franchise", "x"], ["franchises"], ["reviews"], ["ask", "who plays Charon?"], ["--help"],
    ["--version"], [], ["build"], ["sparql", "SELECT * WHERE { ?s ?p ?o }"],
])
def test_other_command_lines_are_left_to_click(line):
    assert fast.helper_request(line) is None


def answered(args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True,
                          env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"})


def test_graphs_it_cannot_open_go_to_click_with_the_same_answer(graph, tmp_path):
    from kg.store import NAME_INDEX

    expected = answered(["cast", "Ballerina", "--graph", graph])
    assert expected.returncode == 0 and "Ana de Armas" in expected.stdout
    trig = answered(["cast", "Ballerina", "--graph", f"{graph}/graph.trig"])  # an RDF file
    assert (trig.returncode, trig.stdout) == (0, expected.stdout)
    copy = tmp_path / "copy"
    shutil.copytree(graph, copy)
    (copy / NAME_INDEX).unlink()  # no index (a graph built before it): names read from the graph
    assert fast.answer_helper(fast.helper_request(["cast", "Ballerina", "--graph", str(copy)])) is False
    assert answered(["cast", "Ballerina", "--graph", str(copy)]).stdout == expected.stdout
    (copy / NAME_INDEX).write_bytes(b"not a database at all" * 300)  # a damaged index
    assert fast.answer_helper(fast.helper_request(["cast", "Ballerina", "--graph", str(copy)])) is False
    damaged = answered(["cast", "Ballerina", "--graph", str(copy)])
    assert (damaged.returncode, damaged.stdout) == (0, expected.stdout)
    assert damaged.stderr == (f"Warning: {copy / NAME_INDEX}: the name index cannot be read (file is not a "
                              "database); reading the names from the graph instead\n")


def test_a_missing_graph_is_a_one_line_error_naming_it(tmp_path):
    done = answered(["cast", "Ballerina", "--graph", str(tmp_path / "nothing")])
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"Error: {tmp_path / 'nothing'}: no built graph here (run `kg build` first)\n"


def test_help_still_comes_from_click(graph):
    done = answered(["cast", "--help"])
    assert done.returncode == 0 and "Example: kg cast Ballerina" in done.stdout


def test_kg_cast_loads_neither_click_rich_rdflib_nor_the_api_classes(graph):
    probe = ("import sys; from kg.cli import main; sys.argv = ['kg', 'cast', 'Ballerina', '--graph', sys.argv[1]]\n"
             "main()\n"
             "heavy = ('click', 'rich', 'rdflib', 'pyshacl', 'spacy', 'kg.query', 'kg.commands', 'kg.model', "
             "'dataclasses', 'json')\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))")
    done = subprocess.run([sys.executable, "-c", probe, graph], capture_output=True, text=True, check=True)
    assert "Ana de Armas" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"
