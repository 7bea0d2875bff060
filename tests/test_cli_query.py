"""The querying commands of ``kg``: table, JSON and CSV output, unknown names, ``kg ask``."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import cli

from fixtures_kb import R1, R2, write_graph

COMMANDS = ("cast", "crew", "directors", "films", "filmography", "played-by", "franchises", "reviews", "ask")


@pytest.fixture(scope="module")
def graph_dir(tmp_path_factory) -> str:
    return write_graph(tmp_path_factory.mktemp("graph"))


def run(graph_dir, *args):
    return CliRunner().invoke(cli, [*args, "--graph", graph_dir], env={"COLUMNS": "100"})


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert f"Example: kg {command}" in result.output
    assert "--graph" in result.output and "table|json|csv" in result.output


def test_cast_table_exact(graph_dir):
    result = run(graph_dir, "cast", "Ballerina")
    assert result.exit_code == 0, result.output
    rule = "\u2500" * 75
    assert result.stdout == (
        "Person            Character      Reviews   Quote\n"
        f"{rule}\n"
        "Ana de Armas      Eve                  2   Ana de Armas as Eve in Ballerina\n"
        "Ana de Armas                           1   Ana de Armas stars\n"
        "Anjelica Huston   The Director         1   Anjelica Huston\u2019s Director\n"
        "Ian McShane       Winston              1   Ian McShane as Winston\n"
        "Keanu Reeves      John Wick            1   Keanu Reeves as John Wick\n"
        "Lance Reddick     Charon               1   Charon (Lance Reddick)\n"
    )


def test_directors_json_exact(graph_dir):
    result = run(graph_dir, "directors", "ballerina", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{
        "person": "Len Wiseman", "character": None, "film": "Ballerina",
        "sources": [
            {"review": R1, "quote": "Dir. Len Wiseman", "start": 20, "end": 36},
            {"review": R2, "quote": "replaces Chad Stahelski with, uh, Len Wiseman", "start": 10, "end": 55},
        ],
    }]


def test_cast_csv_has_a_reviews_column(graph_dir):
    result = run(graph_dir, "cast", "Ballerina", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(table[0]) == ["person", "character", "reviews"]
    assert table[0] == {"person": "Ana de Armas", "character": "Eve", "reviews": f"{R1};{R2}"}
    assert table[1]["character"] == ""


def test_unknown_name_goes_to_stderr_with_suggestions(graph_dir):
    result = run(graph_dir, "cast", "Balerina")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert 'No film called "Balerina"' in result.stderr and "Did you mean: Ballerina?" in result.stderr


def test_missing_graph_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["franchises", "--graph", str(tmp_path / "nothing")])
    assert result.exit_code == 1 and "kg build" in result.stderr


@pytest.mark.parametrize("args, field, expected", [
    (("films", "--franchise", "World of John Wick"), "film",
     ["Ballerina", "John Wick: Chapter 3 \u2013 Parabellum", "The Continental"]),
    (("filmography", "Stahelski"), "role", ["director", "director"]),
    (("crew", "Ballerina"), "role", ["composer", "writer"]),
    (("played-by", "Charon"), "film", ["Ballerina", None]),
    (("franchises",), "films", [3]),
    (("reviews", "--film", "Ballerina"), "review", [R1, R2]),
])
def test_commands_json(graph_dir, args, field, expected):
    result = run(graph_dir, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [item[field] for item in data] == expected
    assert all({"person", "character", "film", "sources"} <= set(item) for item in data)


def test_ask_prints_the_sentence(graph_dir):
    result = run(graph_dir, "ask", "who plays Charon in Ballerina?")
    assert result.exit_code == 0
    assert result.stdout == (
        f'In Ballerina, Charon is played by Lance Reddick (1 review: {R1}: "Charon (Lance Reddick)").\n')


def test_ask_json(graph_dir):
    result = run(graph_dir, "ask", "who directed Ballerina", "--format", "json")
    data = json.loads(result.stdout)
    assert data["form"] == "directors" and data["items"][0]["person"] == "Len Wiseman"


def test_ask_failure_lists_the_forms_on_stderr(graph_dir):
    result = run(graph_dir, "ask", "what is love?")
    assert result.exit_code == 1 and result.stdout == ""
    assert "I understand questions like:" in result.stderr and "who directed FILM?" in result.stderr


def test_a_helper_command_loads_neither_rdflib_nor_the_sandbox(graph_dir):
    """The helpers run on the store alone, so a ``kg cast`` process starts without rdflib."""
    import subprocess
    import sys

    probe = ("import sys; from kg.cli import main; sys.argv = ['kg', 'cast', 'Ballerina', '--graph', sys.argv[1]]\n"
             "try: main()\nexcept SystemExit: pass\n"
             "print(sorted(m for m in ('rdflib', 'kg.sandbox', 'kg.vocab') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", probe, graph_dir], capture_output=True, text=True, check=True)
    assert "Ana de Armas" in done.stdout
    assert done.stdout.splitlines()[-1] == "[]"
