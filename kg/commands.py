"""The ``kg`` command line: thin commands, each over one call of the Python API.

:func:`kg.cli.main` answers the helper questions (``kg cast``...) itself, without loading click;
every other command, ``--help`` and any option it does not know come here."""
from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from .cli import HELPER_COLUMNS


DEFAULT_OUT = "exports"


def fail(message: str) -> None:
    """Stops with a one-line error on stderr (exit code 1)."""
    click.echo(f"Error: {' '.join(message.split())}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="filmkg")
def cli() -> None:
    """Build and query a knowledge graph of a film franchise from film reviews."""


# --- building --------------------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", default=DEFAULT_OUT, show_default=True, type=click.Path(path_type=Path),
              help="Folder to write the exports to.")
@click.option("--model", default=None, help="spaCy pipeline to use (an installed package name).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes that run spaCy in parallel, and then write the exports in parallel.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help='Run spaCy on a Dask cluster: tcp://HOST:PORT, or local:N for N local worker processes '
                   '(needs pip install "filmkg[dask]").')
@click.option("--no-cache", is_flag=True,
              help="Run spaCy on every review, not only on those that are new or changed since the last build.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
def build(paths: tuple[Path, ...], out_dir: Path, model: str | None, workers: int, scheduler: str | None,
          no_cache: bool, quiet: bool) -> None:
    """Build the graph from review files or folders (default: the bundled reviews).

    Writes graph.trig, graph.nq, graph.ttl, graph.jsonld, graph.graphml, graph.gexf and
    facts.jsonl to --out, and prints the time each stage took.

    Example: kg build reviews/ --out exports/
    """
    from .cache import ExtractionCache
    from .exports import check_out_dir, write_exports
    from .nlp import model_id
    from .pipeline import build_knowledge_base
    from .progress import Progress
    from .reviews import bundled_corpus

    started = time.perf_counter()
    sources = list(paths) or [bundled_corpus()]
    try:
        check_out_dir(out_dir)
    except ValueError as err:
        fail(str(err))
    with Progress(enabled=not quiet) as progress:
        try:
            cache = ExtractionCache.open(None if no_cache else out_dir, model_id(model))
            kb = build_knowledge_base(sources, model=model, workers=workers, progress=progress, cache=cache,
                                      scheduler=scheduler)
        except (OSError, ValueError, RuntimeError) as err:
            fail(str(err))
        for error in kb.skipped:
            click.echo(f"skipped {error}", err=True)
        if not kb.reviews:
            fail("no review could be read; nothing was written")
        try:
            written = write_exports(kb, out_dir, progress=progress, cache=cache, workers=workers)
        except ValueError as err:
            fail(str(err))
        except OSError as err:
            fail(f"cannot write the exports to {out_dir}: {err.strerror or err}; the previous exports are unchanged")
    if not quiet:
        from .summary import build_summary

        click.echo(build_summary(kb, written, time.perf_counter() - started, progress.timings, cache.hits))


@cli.command()
@click.argument("graph", default=DEFAULT_OUT, type=click.Path(path_type=Path))
def validate(graph: Path) -> None:
    """Check a built graph against the SHACL shapes and list the violations.

    Example: kg validate exports/
    """
    from .validate import validate as run_validation

    try:
        result = run_validation(graph)
    except (OSError, ValueError) as err:
        fail(str(err))
    click.echo(str(result))
    if not result.conforms:
        sys.exit(1)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--model", default=None, help="spaCy pipeline to use (an installed package name).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def evaluate(gold: Path, paths: tuple[Path, ...], model: str | None, as_json: bool) -> None:
    """Score extraction against a gold file: precision, recall and F1 per relation.

    Example: kg eval tests/data/seed_facts.json corpus/
    """
    from .evaluate import evaluate_paths
    from .reviews import bundled_corpus

    try:
        report = evaluate_paths(gold, list(paths) or [bundled_corpus()], model=model)
    except (OSError, ValueError) as err:
        fail(str(err))
    click.echo(report.to_json() if as_json else str(report))


# --- querying (kg/query.py, kg/ask.py) --------------------------------------------------------

QUERY_FORMATS = ("table", "json", "csv")


def _remember_endpoint(context: click.Context, _, url: str | None) -> None:
    context.meta["kg.endpoint"] = url


local_graph_option = click.option("--graph", "graph_path", default=DEFAULT_OUT, show_default=True,
                                  type=click.Path(path_type=Path),
                                  help="A graph built by `kg build`: its folder, or an RDF file "
                                       "(.trig, .nq, .ttl, .nt, .jsonld).")


def graph_option(function):
    """Adds ``--graph`` (a built folder or RDF file) and ``--endpoint`` (a SPARQL endpoint instead)."""
    function = click.option("--endpoint", metavar="URL", default=None, expose_value=False, callback=_remember_endpoint,
                            help="Query this SPARQL endpoint instead of --graph (its default graph must be "
                                 "the union of its graphs; see kg push).")(function)
    return local_graph_option(function)


def graph_options(function):
    """Adds ``--graph`` and ``--format`` to a querying command."""
    function = click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table",
                            show_default=True, help="table for people, json or csv for programs.")(function)
    return graph_option(function)


def open_graph(path: Path):
    """The graph at ``--graph``, or at ``--endpoint`` when one is given."""
    from .query import connect, load

    endpoint = click.get_current_context().meta.get("kg.endpoint")
    try:
        return connect(endpoint) if endpoint else load(path)
    except (OSError, ValueError) as err:
        fail(str(err))


def show_answers(answers, columns: tuple[str, ...], fmt: str) -> None:
    """Prints answers as a table, JSON or CSV (:func:`kg.output.format_answers`); an unknown name
    goes to stderr with exit code 1.

    ``columns`` are Answer fields, optionally renamed for output: ``("films=value",)``.
    """
    from .output import answer_item, format_answers, terminal_width

    if not answers.found:
        fail(answers.message)
    click.echo(format_answers([answer_item(a) for a in answers], columns, fmt, terminal_width()))


def query_command(name: str, *columns: str):
    """Makes a querying command of a function ``(graph, **arguments) -> Answers``."""
    import functools

    def decorate(function):
        @functools.wraps(function)
        def command(graph_path: Path, fmt: str, **arguments) -> None:
            try:
                answers = function(open_graph(graph_path), **arguments)
            except ValueError as err:  # a remote endpoint that fails or cannot be reached
                fail(str(err))
            show_answers(answers, columns, fmt)

        return cli.command(name=name)(graph_options(command))

    return decorate


@query_command("cast", *HELPER_COLUMNS["cast"])
@click.argument("film")
def cast_command(graph, film: str):
    """Who is in a film, as whom, and which reviews say so.

    Example: kg cast Ballerina
    """
    return graph.cast(film)


@query_command("directors", *HELPER_COLUMNS["directors"])
@click.argument("film")
def directors_command(graph, film: str):
    """Who directed a film.

    Example: kg directors "John Wick: Parabellum"
    """
    return graph.directors(film)


@query_command("crew", *HELPER_COLUMNS["crew"])
@click.argument("film")
def crew_command(graph, film: str):
    """Who wrote, produced, scored, shot, edited or created a film.

    Example: kg crew "John Wick: Chapter 4"
    """
    return graph.crew(film)


@query_command("films", *HELPER_COLUMNS["films"])
@click.option("--franchise", default=None, help="Only the films of this franchise.")
def films_command(graph, franchise: str | None):
    """Every film and series, or only those of one franchise.

    Example: kg films --franchise "John Wick"
    """
    return graph.films(franchise=franchise)


@query_command("filmography", *HELPER_COLUMNS["filmography"])
@click.argument("person")
def filmography_command(graph, person: str):
    """The films a person acted in, directed or worked on as crew.

    Example: kg filmography "Keanu Reeves"
    """
    return graph.filmography(person)


@query_command("played-by", *HELPER_COLUMNS["played-by"])
@click.argument("character")
def played_by_command(graph, character: str):
    """Who plays a character, and in which film.

    Example: kg played-by Charon
    """
    return graph.played_by(character)


@query_command("franchises", "franchise", "films=value")
def franchises_command(graph):
    """Every franchise and how many of its films the reviews name.

    Example: kg franchises --format json
    """
    return graph.franchises()


@query_command("reviews", "review", "film", "url=value")
@click.option("--film", default=None, help="Only the reviews of this film.")
def reviews_command(graph, film: str | None):
    """Every review and the film it reviews, or only the reviews of one film.

    Example: kg reviews --film Ballerina
    """
    return graph.reviews(film=film)


@cli.command(name="ask")
@click.argument("question")
@graph_options
def ask_command(question: str, graph_path: Path, fmt: str) -> None:
    """Answer an English question with the review quotes behind the answer.

    Example: kg ask "who plays Charon?"
    """
    try:
        reply = open_graph(graph_path).ask(question)
    except ValueError as err:  # a remote endpoint that fails or cannot be reached
        fail(str(err))
    if not reply.ok:
        click.echo(reply.text, err=True)
        sys.exit(1)
    if fmt == "json":
        import json

        click.echo(json.dumps(reply.as_json(), indent=2, ensure_ascii=False, default=str))
    elif fmt == "csv":
        show_answers(reply.answers, ("person", "character", "film", "franchise", "review", "role"), fmt)
    else:
        click.echo(reply.text)


# --- pictures (kg/view.py, kg/draw.py) --------------------------------------------------------


@cli.command(name="view")
@graph_option
@click.option("--out", default="explorer.html", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write.")
@click.option("--franchise", default=None, help="Only this franchise's films and their neighbourhood.")
@click.option("--film", default=None, help="Only this film and its neighbourhood.")
def view_command(graph_path: Path, out: Path, franchise: str | None, film: str | None) -> None:
    """Write the graph as one HTML page to explore in any browser, with no network.

    Search any name, filter by franchise, film, relation and support; click a node for its facts,
    an edge for the quote of every review behind it.

    Example: kg view --franchise "John Wick" --out john-wick.html
    """
    try:
        drawn = open_graph(graph_path).view(out, franchise=franchise, film=film)
    except (OSError, ValueError) as err:
        fail(" ".join(str(err).split()))
    click.echo(f"Wrote {out}: {len(drawn.nodes)} nodes, {len(drawn.edges)} edges, {len(drawn.facts)} facts. "
               "Open it in a browser; it needs no network.")


@cli.command(name="draw")
@graph_option
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The picture to write: a .svg or .png file.")
@click.option("--franchise", default=None, help="The franchise to draw (default: the one with the most films).")
@click.option("--min-films", default=2, show_default=True, type=click.IntRange(min=1),
              help="Draw the cast credited in at least this many of its films.")
def draw_command(graph_path: Path, out: Path, franchise: str | None, min_films: int) -> None:
    """Draw a franchise's films with their directors and recurring cast, for reports.

    Example: kg draw --franchise "John Wick" --out john-wick.svg
    """
    try:
        picture = open_graph(graph_path).draw(out, franchise=franchise, min_films=min_films)
    except (OSError, ValueError) as err:
        fail(" ".join(str(err).split()))
    click.echo(f"Wrote {out}: {picture.franchise}, {len(picture.films)} films, "
               f"{len({c.person for c in picture.directors})} directors, "
               f"{len({c.person for c in picture.cast})} recurring cast.")


# --- SPARQL (kg/serve.py) ---------------------------------------------------------------------


@cli.command(name="sparql")
@click.argument("query", required=False)
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read the query from a .rq file ('-' for stdin).")
@graph_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="table, SPARQL JSON results or SPARQL CSV results.")
@click.option("--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help="Bind a variable (repeatable): <iri>, a prefixed name (id:film/x) or a string.")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds the query may run; then it is stopped.")
def sparql_command(query: str | None, query_file: Path | None, graph_path: Path, fmt: str,
                   binds: tuple[str, ...], timeout: float) -> None:
    """Run a read-only SPARQL query on the built graph.

    Values given with --bind are bound by the store, never pasted into the query text; a bound
    variable must appear in the SELECT clause. Updates, SERVICE and FROM are refused. The query
    runs in a separate process, stopped at --timeout or past 512 MB of memory.

    Examples:

      kg sparql 'SELECT ?film WHERE { ?f a fkg:Film ; rdfs:label ?film }'

      kg sparql --file kg/queries/examples/cast_with_sources.rq --bind filmLabel=Ballerina --format csv
    """
    from .sandbox import Limits, run_query
    from .sparql import format_outcome, parse_binding

    if (query is None) == (query_file is None):
        fail("give a query or --file Q.rq (one of the two)")
    if query_file is not None:
        try:
            query = sys.stdin.read() if str(query_file) == "-" else query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            fail(f"{query_file}: cannot be read ({getattr(err, 'strerror', None) or err})")
    try:
        bindings = dict(parse_binding(bind) for bind in binds)
        if click.get_current_context().meta.get("kg.endpoint"):
            from .sparql import QueryOutcome, check_query

            check_query(query)
            outcome = QueryOutcome(open_graph(graph_path).sparql(query, **bindings))
        else:
            outcome = run_query(graph_path, query, bindings, limits=Limits(timeout=timeout))
        click.echo(format_outcome(outcome, fmt))
    except (OSError, ValueError, RuntimeError) as err:  # QueryError is a ValueError
        fail(" ".join(str(err).split()))


@cli.command(name="push")
@click.argument("url")
@local_graph_option
def push_command(url: str, graph_path: Path) -> None:
    """Load the built graph into a SPARQL Graph Store Protocol endpoint, replacing its graphs.

    The default graph and one named graph per review are each replaced whole; graphs of reviews
    no longer in the build are deleted. Pushing again sends only the graphs that changed.

    Example: kg push http://localhost:7878/store   (Oxigraph; Fuseki: http://host:3030/DATASET/data)
    """
    from .progress import Progress
    from .remote import push

    started = time.perf_counter()
    try:
        with Progress() as progress:
            report = push(graph_path, url, progress=progress)
    except (OSError, ValueError) as err:
        fail(str(err))
    click.echo(f"Pushed {report.sent} graph{'s' * (report.sent != 1)} to {url} ({report.unchanged} unchanged, "
               f"{report.deleted} deleted) in {time.perf_counter() - started:.1f} s")


@cli.command(name="serve")
@local_graph_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds a query may run; past it the query is stopped and the client gets 503.")
@click.option("--max-results", default=10_000, show_default=True, type=click.IntRange(min=0),
              help="Rows per answer; longer answers are truncated (header X-Result-Truncated: true).")
@click.option("--max-memory", default=512, show_default=True, type=click.IntRange(min=1),
              help="MB of memory a query may use; past it the query is stopped and the client gets 503.")
@click.option("--workers", default=6, show_default=True, type=click.IntRange(1, 64),
              help="Query processes: how many queries run at once.")
@click.option("--cors", multiple=True, metavar="ORIGIN",
              help="Let web pages from ORIGIN (e.g. http://localhost:3000) query the server (repeatable).")
def serve_command(graph_path: Path, host: str, port: int, timeout: float, max_results: int, max_memory: int,
                  workers: int, cors: tuple[str, ...]) -> None:
    """Serve the graph as a read-only SPARQL endpoint, with the explorer and a query page for browsers.

    Nothing the pages need comes from outside this machine.

    Example: kg serve --graph exports/ --port 7878   (then open http://127.0.0.1:7878/)
    """
    from .sandbox import MB, Limits
    from .serve import serve

    try:
        serve(graph_path, host, port, limits=Limits(timeout=timeout, memory=max_memory * MB, results=max_results),
              workers=workers, cors=cors, announce=click.echo)
    except (OSError, ValueError, RuntimeError) as err:
        fail(" ".join(str(err).split()))


def main() -> None:
    """Every command through click (``kg.cli.main`` tries the helpers' short way first)."""
    cli()
