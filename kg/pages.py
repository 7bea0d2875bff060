"""The HTML pages filmkg writes and serves, each one file with everything inline: no CDN, no network.

A page is a template of ``kg/web/`` filled with its stylesheets, scripts and JSON data, under a
Content-Security-Policy that lets it load nothing from anywhere: no script, style, font or image
from outside the page, and no request at all but, for the SPARQL query page, to the server that
sent it. The graph is drawn with vis-network, whose build comes with the ``pyvis`` package
(:func:`vis_network`); nothing of it is copied into this repository.

>>> page_html = query_page({"Count": {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}}, "SPARQL")
>>> "connect-src 'self'" in page_html and "COUNT(*)" in page_html
True
>>> re.findall(r"(?:src|href)=", page_html)          # nothing is loaded from anywhere
[]
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from importlib import resources
from string import Template

POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
          "font-src data:; connect-src {connect}; form-action 'none'; base-uri 'none'")


def asset(name: str) -> str:
    """The text of ``kg/web/<name>``."""
    return resources.files("kg").joinpath("web", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_network() -> tuple[str, str]:
    """vis-network's standalone build (script, stylesheet), from the newest copy the pyvis package ships."""
    lib = resources.files("pyvis").joinpath("lib")
    versions = [entry for entry in lib.iterdir() if re.fullmatch(r"vis-[\d.]+", entry.name)]
    if not versions:
        raise RuntimeError("the pyvis package ships no vis-network build (pyvis/lib/vis-*/)")
    newest = max(versions, key=lambda e: tuple(int(part) for part in e.name[4:].split(".") if part))
    script = newest.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    script = re.sub(r"//# sourceMappingURL=\S*\s*$", "", script)  # nothing for a browser to fetch
    return script, newest.joinpath("vis-network.css").read_text(encoding="utf-8")


def script_json(data) -> str:
    """JSON safe to put inside ``<script type="application/json">``: no ``<`` can close the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def inline_script(code: str) -> str:
    if re.search(r"</script|<!--", code, re.IGNORECASE):
        raise ValueError("a script to inline contains '</script' or '<!--'")
    return code


def navigation(links: dict[str, str]) -> str:
    return " ".join(f'<a href="{html.escape(url)}">{html.escape(text)}</a>' for text, url in links.items())


def page(template: str, *, title: str, data, styles: list[str], scripts: list[str],
         links: dict[str, str] | None = None, connect: str = "'none'") -> str:
    """Fills the template ``kg/web/<template>`` (``$title``, ``$policy``, ``$styles``, ``$data``,
    ``$scripts``, ``$nav``)."""
    return Template(asset(template)).substitute(
        title=html.escape(title), policy=POLICY.format(connect=connect), styles="\n".join(styles),
        data=script_json(data), scripts="\n".join(inline_script(s) for s in scripts),
        nav=navigation(links or {}))


def explorer_page(title: str, data: dict, links: dict[str, str]) -> str:
    """The explorer (``kg view``, and ``/`` of ``kg serve``) for the data of ``kg.view.Scene.as_json``."""
    script, stylesheet = vis_network()
    return page("explorer.html", title=title, data=data, links=links,
                styles=[stylesheet, asset("common.css"), asset("explorer.css")],
                scripts=[script, asset("explorer.js")])


def query_page(examples: dict[str, dict[str, str]], title: str, links: dict[str, str] | None = None) -> str:
    """The SPARQL query page of ``kg serve``: an editor, the example queries, the results as a table.

    ``examples`` maps a name to ``{"query": text}`` (``kg.serve.example_queries``). The page sends
    queries to the address it was loaded from.
    """
    return page("sparql.html", title=title, data={"examples": examples}, links=links, connect="'self'",
                styles=[asset("common.css"), asset("sparql.css")], scripts=[asset("sparql.js")])
