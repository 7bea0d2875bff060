"""The ``kg`` command. The helper questions (``kg cast FILM``, ``directors``, ``crew``,
``filmography``, ``played-by``, ``films``) on a folder built by ``kg build`` are answered here,
straight from its store and name index, without loading click, rich or rdflib: the same
:mod:`kg.lookup` answers as ``kg.load(DIR).cast(FILM)``, printed by :mod:`kg.output` as the click
command prints them. Anything else (another command, ``--help``, ``--endpoint``, an option or a
graph this does not know: an RDF file, a folder without a store or index, a damaged one) goes to
the click application in :mod:`kg.commands`, which says what is wrong.

>>> helper_request(["cast", "Ballerina", "--graph", "out/", "--format=json"])
{'command': 'cast', 'name': 'Ballerina', 'graph': 'out/', 'format': 'json', 'franchise': None}
>>> helper_request(["cast", "--help"]) is None
True
"""
from __future__ import annotations

import os
import sys

DEFAULT_GRAPH = "exports"
FORMATS = ("table", "json", "csv")
# command -> the question of kg.lookup it asks (films: "films", or "franchise_films" with --franchise)
HELPER_QUESTIONS = {"cast": "cast", "directors": "directors", "crew": "crew", "filmography": "filmography",
                    "played-by": "played_by", "films": "films"}
# command -> the Answer fields it prints (kg.output.format_answers), here and in kg.commands
HELPER_COLUMNS = {"cast": ("person", "character"), "directors": ("person",), "crew": ("role=crew_role", "person"),
                  "films": ("film", "franchise"), "filmography": ("film", "role", "job=crew_role", "character"),
                  "played-by": ("person", "film")}


def helper_request(args: list[str]) -> dict | None:
    """What a helper command line asks, or None for any other command line (click's to answer):
    one command, its name (none for ``films``), and ``--graph``, ``--format`` and, for ``films``,
    ``--franchise``, each at most once, as ``--option VALUE`` or ``--option=VALUE``."""
    if not args or args[0] not in HELPER_QUESTIONS:
        return None
    command = args[0]
    options = {"--graph", "--format"} | ({"--franchise"} if command == "films" else set())
    values: dict[str, str] = {}
    names = []
    rest = iter(args[1:])
    for arg in rest:
        if not arg.startswith("-"):
            names.append(arg)
            continue
        option, equals, value = arg.partition("=")
        if option not in options or option in values:
            return None
        if not equals:
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
        values[option] = value
    if len(names) != (command != "films") or values.get("--format", "table") not in FORMATS \
            or not values.get("--graph", DEFAULT_GRAPH):
        return None
    return {"command": command, "name": names[0] if names else None, "graph": values.get("--graph", DEFAULT_GRAPH),
            "format": values.get("--format", "table"), "franchise": values.get("--franchise")}


def answer_helper(request: dict) -> bool:
    """Prints the answer to a :func:`helper_request` and returns True, or exits with a one-line
    error for a name that does not resolve; returns False, having printed nothing, when the graph
    is not a folder whose store and name index open (click then answers, or says why not)."""
    import sqlite3

    import pyoxigraph as ox

    from .iris import PREFIXES
    from .lookup import SQLiteIndex, answer
    from .store import NAME_INDEX, STORE_DIR, LocalGraph

    store_path = os.path.join(request["graph"], STORE_DIR)
    index_path = os.path.join(request["graph"], NAME_INDEX)
    if not (os.path.isdir(store_path) and os.path.isfile(index_path)):
        return False
    question, name = HELPER_QUESTIONS[request["command"]], request["name"]
    if request["command"] == "films" and request["franchise"] is not None:
        question, name = "franchise_films", request["franchise"]
    try:
        store = ox.Store.read_only(store_path)
        found = answer(LocalGraph(store, PREFIXES).select, SQLiteIndex(index_path), question, name)
    except (OSError, RuntimeError, sqlite3.DatabaseError):  # a damaged store or index: click's way reads the TriG
        return False
    if "message" in found:
        sys.stderr.write(f"Error: {' '.join(found['message'].split())}\n")
        sys.exit(1)
    from .output import format_answers, terminal_width

    printed = format_answers(found["items"], HELPER_COLUMNS[request["command"]], request["format"],
                             terminal_width() if request["format"] == "table" else 0)
    sys.stdout.write(printed + "\n")
    sys.stdout.flush()
    return True


def main(argv: list[str] | None = None) -> None:
    """``kg``: a helper question answered here when it can be, else the click application."""
    args = sys.argv[1:] if argv is None else list(argv)
    request = helper_request(args)
    if request is not None and answer_helper(request):
        return
    import warnings

    from .commands import cli

    warnings.formatwarning = lambda message, *_, **__: f"Warning: {' '.join(str(message).split())}\n"
    if argv is None:
        cli()
    else:
        cli(args)


def __getattr__(name: str):
    # ``from kg.cli import cli`` (and the rest of the click application) still works, loaded when asked;
    # not for ``__path__`` and the like, which the import system asks of every module it imports from.
    if name.startswith("__"):
        raise AttributeError(f"module 'kg.cli' has no attribute {name!r}")
    from . import commands

    try:
        return getattr(commands, name)
    except AttributeError:
        raise AttributeError(f"module 'kg.cli' has no attribute {name!r}") from None


if __name__ == "__main__":
    main()
