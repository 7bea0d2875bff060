/* The SPARQL query page of kg serve: pick an example or write a query, run it against the
   endpoint that served this page (the same address, POST), and read the answer as a table. */
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const $ = (id) => document.getElementById(id);
  const endpoint = window.location.pathname;
  const editor = $("query");

  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined && text !== null) made.textContent = String(text);
    if (className) made.className = className;
    return made;
  }

  function status(text, error) {
    $("query-status").textContent = text;
    $("query-status").className = error ? "error" : "";
  }

  function cell(term) {
    if (!term) return element("td");
    const td = element("td", term.value);
    if (term.type === "uri") td.title = "IRI";
    else if (term.datatype) td.title = term.datatype;
    return td;
  }

  function table(answer) {
    const vars = answer.head.vars || [], rows = answer.results.bindings, made = element("table");
    const head = element("tr");
    vars.forEach((name) => head.append(element("th", "?" + name)));
    made.append(head);
    rows.forEach((row) => {
      const line = element("tr");
      vars.forEach((name) => line.append(cell(row[name])));
      made.append(line);
    });
    return made;
  }

  async function run() {
    const started = performance.now();
    status("Running…");
    $("results").replaceChildren();
    let response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
        body: new URLSearchParams({ query: editor.value }),
      });
    } catch (err) {
      status("The server did not answer: " + err, true);
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2) + " s";
    const type = response.headers.get("content-type") || "";
    if (!response.ok) {
      let message = response.statusText;
      try { message = (await response.json()).message || message; } catch (err) { /* not JSON */ }
      status("Error " + response.status + ": " + message, true);
      return;
    }
    const cut = response.headers.get("x-result-truncated") === "true"
      ? " (cut at the limit of " + response.headers.get("x-result-limit") + ")" : "";
    if (type.indexOf("json") >= 0) {
      const answer = await response.json();
      if (typeof answer.boolean === "boolean") {
        status("Answer in " + seconds + ".");
        $("results").append(element("p", answer.boolean ? "true" : "false"));
        return;
      }
      const count = answer.results.bindings.length;
      status(count + " row" + (count === 1 ? "" : "s") + cut + " in " + seconds + ".");
      $("results").append(table(answer));
    } else {
      status("Graph" + cut + " in " + seconds + ".");
      $("results").append(element("pre", await response.text()));
    }
  }

  const list = $("examples"), buttons = [];
  Object.keys(data.examples).forEach((name, i) => {
    const item = element("li"), choice = element("button", name);
    choice.type = "button";
    choice.addEventListener("click", () => {
      editor.value = data.examples[name].query;
      buttons.forEach((b) => b.classList.toggle("active", b === choice));
    });
    buttons.push(choice);
    item.append(choice);
    list.append(item);
    if (i === 0) choice.click();
  });
  $("query-form").addEventListener("submit", (event) => { event.preventDefault(); run(); });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); run(); }
  });
})();
