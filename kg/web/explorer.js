/* The filmkg explorer: draws the graph embedded in this page (#kg-data, written by kg/view.py)
   with vis-network. Search by any name or alias, filter by franchise, film, relation and support;
   a clicked node lists its facts, a clicked edge the quotes of every review that supports it.
   Past LIMIT nodes only the most supported are drawn, or the neighbourhood of the chosen node;
   nodes without any credit are drawn only when searched for. */
(function () {
  "use strict";
  const LIMIT = 400;
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const nodes = data.nodes, edges = data.edges, facts = data.facts;
  const $ = (id) => document.getElementById(id);
  const incident = nodes.map(() => []);
  edges.forEach((edge, i) => { incident[edge.from].push(i); incident[edge.to].push(i); });
  const big = nodes.length > LIMIT;
  const alone = incident.filter((list) => list.length === 0).length;
  const state = {
    franchise: -1, film: -1, minSupport: 1, relations: new Set(Object.keys(data.relations)),
    focus: -1, neighbourhood: big, depth: 2,
  };

  // --- drawing ---------------------------------------------------------------------------------

  function element(tag, text, className) {
    const made = document.createElement(tag);
    if (text !== undefined && text !== null) made.textContent = String(text);
    if (className) made.className = className;
    return made;
  }

  function plural(count, word) { return count + " " + word + (count === 1 ? "" : "s"); }

  function relationName(edge) {
    const name = data.relations[edge.relation].label;
    return edge.role ? name + " (" + edge.role + ")" : name;
  }

  const parallel = {};
  const visEdges = edges.map((edge, i) => {
    const pair = Math.min(edge.from, edge.to) + "-" + Math.max(edge.from, edge.to);
    const rank = parallel[pair] = (parallel[pair] || 0) + 1;
    const style = data.relations[edge.relation];
    return {
      id: i, from: edge.from, to: edge.to, dashes: style.dashed,
      color: { color: style.colour, highlight: style.colour, hover: style.colour, opacity: 0.85 },
      width: 1 + Math.log2(edge.support), arrows: { to: { enabled: true, scaleFactor: 0.45 } },
      smooth: rank === 1 ? false : { enabled: true, type: "curvedCW", roundness: 0.18 * (rank - 1) },
      title: nodes[edge.from].label + " " + relationName(edge) + " " + nodes[edge.to].label +
        " · " + plural(edge.support, "review"),
    };
  });
  const visNodes = nodes.map((node, i) => {
    const colour = data.types[node.type].colour;
    return {
      id: i, label: node.label, x: node.x, y: node.y, size: node.size / 1.6, shape: "dot",
      color: { background: colour, border: "#ffffff", highlight: { background: colour, border: "#1f2328" },
               hover: { background: colour, border: "#1f2328" } },
      title: node.label + " · " + data.types[node.type].label + " · " + plural(node.support, "review"),
    };
  });

  let shownNodes = new Set(), shownEdges = new Set(), note = "";
  const nodeSet = new vis.DataSet(visNodes), edgeSet = new vis.DataSet(visEdges);
  const nodeView = new vis.DataView(nodeSet, { filter: (item) => shownNodes.has(item.id) });
  const edgeView = new vis.DataView(edgeSet, { filter: (item) => shownEdges.has(item.id) });
  const network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true, physics: false, layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    nodes: { borderWidth: 1.5, font: { size: 13, face: "system-ui, sans-serif", strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { selectionWidth: 1.5, hoverWidth: 1 },
  });

  // --- which nodes and edges are shown ----------------------------------------------------------

  function inScope(node, i) {
    if (i === state.focus) return true;
    if (state.franchise >= 0 && node.franchises.indexOf(state.franchise) < 0) return false;
    return !(state.film >= 0 && node.films.indexOf(state.film) < 0);
  }

  function compute() {
    const scoped = nodes.map(inScope);
    const edgeOn = edges.map((edge) => state.relations.has(edge.relation) && edge.support >= state.minSupport &&
      scoped[edge.from] && scoped[edge.to]);
    let keep = nodes.map((node, i) => scoped[i] && (i === state.focus || incident[i].some((k) => edgeOn[k])));
    note = "";
    if (state.focus >= 0 && state.neighbourhood) {
      const reached = new Map([[state.focus, 0]]);
      const queue = [state.focus];
      while (queue.length) {
        const at = queue.shift();
        if (reached.get(at) >= state.depth) continue;
        for (const k of incident[at]) {
          if (!edgeOn[k]) continue;
          const next = edges[k].from === at ? edges[k].to : edges[k].from;
          if (!reached.has(next)) { reached.set(next, reached.get(at) + 1); queue.push(next); }
        }
      }
      keep = nodes.map((node, i) => reached.has(i));
      note = "the neighbourhood of " + nodes[state.focus].label;
    } else {
      const kept = [];
      keep.forEach((on, i) => { if (on) kept.push(i); });
      if (kept.length > LIMIT) {
        kept.sort((a, b) => nodes[b].support - nodes[a].support || nodes[a].label.localeCompare(nodes[b].label));
        const top = new Set(kept.slice(0, LIMIT));
        keep = nodes.map((node, i) => top.has(i) || i === state.focus);
        note = "the " + LIMIT + " most supported of " + kept.length + " nodes; find a name to see its neighbourhood";
      }
    }
    shownNodes = new Set();
    keep.forEach((on, i) => { if (on) shownNodes.add(i); });
    shownEdges = new Set();
    edgeOn.forEach((on, k) => { if (on && keep[edges[k].from] && keep[edges[k].to]) shownEdges.add(k); });
  }

  function refresh(fit) {
    compute();
    nodeView.refresh();
    edgeView.refresh();
    $("status").textContent = "Showing " + shownNodes.size + " of " + plural(nodes.length, "node") + " and " +
      shownEdges.size + " of " + plural(edges.length, "edge") + (note ? " — " + note : "") + "." +
      (alone ? " " + plural(alone, "name") + " without credits (review authors, say) " + (alone === 1 ? "is" : "are") +
        " drawn only when searched for." : "");
    if (fit && shownNodes.size) network.fit({ nodes: Array.from(shownNodes), maxZoomLevel: 1.6, animation: false });
  }

  // --- what was clicked --------------------------------------------------------------------------

  function reviewLine(review) {
    const line = element("div");
    line.append("Review ", element("code", review));
    const url = data.urls[review];
    if (url && /^https?:\/\//i.test(url)) {
      const link = element("a", url);
      link.href = url;
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      line.append(" · ", link);
    }
    return line;
  }

  function quoteBlock(index) {
    const quote = data.quotes[index];
    const block = element("blockquote", quote[1]);
    block.title = "characters " + quote[2] + "–" + quote[3] + " of review " + quote[0];
    return block;
  }

  function reviewsOf(factIndexes) {
    const byReview = new Map();
    for (const f of factIndexes) {
      for (const q of facts[f].quotes) {
        const review = data.quotes[q][0];
        if (!byReview.has(review)) byReview.set(review, new Set());
        byReview.get(review).add(q);
      }
    }
    return new Map(Array.from(byReview).sort((a, b) => a[0].localeCompare(b[0])));
  }

  function showEdge(k) {
    const edge = edges[k], panel = $("details");
    const byReview = reviewsOf(edge.facts);
    panel.replaceChildren(
      element("h2", nodes[edge.from].label + " → " + nodes[edge.to].label),
      element("p", relationName(edge) + " · supported by " + plural(edge.support, "review"), "meta"),
      element("h3", "Reviews that support it"));
    const list = element("ol", null, "sources");
    byReview.forEach((quotes, review) => {
      const item = element("li");
      item.append(reviewLine(review));
      quotes.forEach((q) => item.append(quoteBlock(q)));
      list.append(item);
    });
    panel.append(list, element("h3", "Facts"));
    const stated = element("ul");
    edge.facts.forEach((f) => stated.append(element("li", facts[f].text)));
    panel.append(stated);
  }

  function showNode(i) {
    const node = nodes[i], panel = $("details");
    const meta = data.types[node.type].label + " · " + plural(node.support, "review") + " support its credits";
    panel.replaceChildren(element("h2", node.label), element("p", meta, "meta"));
    if (node.aliases.length) panel.append(element("p", "Also called: " + node.aliases.join(", "), "meta"));
    const around = element("button", "Show only its neighbourhood");
    around.type = "button";
    around.addEventListener("click", () => focus(i, true));
    panel.append(around, element("h3", "Facts (" + node.facts.length + ")"));
    const list = element("ul", null, "facts");
    for (const f of node.facts) {
      const fact = facts[f], item = element("li");
      const reviews = reviewsOf([f]);
      item.append(element("span", fact.text + " "), element("span", plural(reviews.size, "review"), "support"));
      const details = element("details");
      details.append(element("summary", "quotes"));
      reviews.forEach((quotes, review) => {
        details.append(reviewLine(review));
        quotes.forEach((q) => details.append(quoteBlock(q)));
      });
      item.append(details);
      list.append(item);
    }
    panel.append(list);
  }

  function onScreen(i) {
    const at = network.canvasToDOM(network.getPositions([i])[i]), box = $("graph").getBoundingClientRect();
    return at.x > 20 && at.y > 20 && at.x < box.width - 20 && at.y < box.height - 20;
  }

  function focus(i, neighbourhood) {
    state.focus = i;
    if (neighbourhood) { state.neighbourhood = true; $("filter-neighbourhood").checked = true; }
    refresh(state.neighbourhood);
    network.selectNodes([i]);
    if (!state.neighbourhood && !onScreen(i)) network.focus(i, { scale: network.getScale(), animation: false });
    showNode(i);
  }

  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  network.on("doubleClick", (params) => { if (params.nodes.length) focus(params.nodes[0], true); });

  // --- search ------------------------------------------------------------------------------------

  const fold = (text) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  const names = nodes.map((node) => [node.label].concat(node.aliases).map(fold));

  function find(text) {
    const key = fold(text);
    if (!key) return [];
    const exact = [], partial = [];
    names.forEach((forms, i) => {
      if (forms.indexOf(key) >= 0) exact.push(i);
      else if (forms.some((form) => form.indexOf(key) >= 0)) partial.push(i);
    });
    const found = exact.length ? exact : partial;
    return found.sort((a, b) => nodes[b].support - nodes[a].support || nodes[a].label.localeCompare(nodes[b].label));
  }

  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("search-input").value, found = find(text);
    if (found.length === 1) { focus(found[0], false); return; }
    const panel = $("details");
    if (!found.length) {
      panel.replaceChildren(element("p", "Nothing called “" + text + "” in this graph."));
      return;
    }
    panel.replaceChildren(element("p", found.length + " nodes match “" + text + "”:"));
    const choices = element("div", null, "choices");
    found.slice(0, 50).forEach((i) => {
      const choice = element("button", nodes[i].label + " (" + data.types[nodes[i].type].label + ")");
      choice.type = "button";
      choice.addEventListener("click", () => focus(i, false));
      choices.append(choice);
    });
    panel.append(choices);
  });

  // --- controls ----------------------------------------------------------------------------------

  const options = $("names");
  const seen = new Set();
  nodes.forEach((node) => [node.label].concat(node.aliases).forEach((name) => {
    if (seen.has(name)) return;
    seen.add(name);
    const option = element("option");
    option.value = name;
    options.append(option);
  }));
  nodes.forEach((node, i) => {
    const choice = element("option", node.label);
    choice.value = String(i);
    if (node.type === "franchise") $("filter-franchise").append(choice);
    else if (node.type === "film" || node.type === "tv_series") $("filter-film").append(choice);
  });
  Object.keys(data.types).forEach((type) => {
    const item = element("li"), dot = element("span", null, "dot");
    dot.style.background = data.types[type].colour;
    item.append(dot, data.types[type].label);
    $("legend-types").append(item);
  });
  Object.keys(data.relations).forEach((relation) => {
    const style = data.relations[relation], label = element("label"), box = element("input"), line = element("span", null, "line");
    box.type = "checkbox";
    box.checked = true;
    box.value = relation;
    box.addEventListener("change", () => {
      if (box.checked) state.relations.add(relation); else state.relations.delete(relation);
      refresh(false);
    });
    line.style.borderTopStyle = style.dashed ? "dashed" : "solid";
    line.style.borderTopColor = style.colour;
    label.append(box, line, style.label);
    $("filter-relations").append(label);
  });
  const maxSupport = edges.reduce((most, edge) => Math.max(most, edge.support), 1);
  $("filter-support").max = String(maxSupport);
  $("filter-franchise").addEventListener("change", (event) => { state.franchise = Number(event.target.value || -1); refresh(true); });
  $("filter-film").addEventListener("change", (event) => { state.film = Number(event.target.value || -1); refresh(true); });
  $("filter-support").addEventListener("input", (event) => {
    state.minSupport = Math.max(1, Math.floor(Number(event.target.value) || 1));
    refresh(false);
  });
  $("filter-neighbourhood").checked = state.neighbourhood;
  $("filter-neighbourhood").addEventListener("change", (event) => { state.neighbourhood = event.target.checked; refresh(true); });
  $("filter-depth").addEventListener("change", (event) => { state.depth = Number(event.target.value); refresh(true); });
  $("reset").addEventListener("click", () => {
    Object.assign(state, { franchise: -1, film: -1, minSupport: 1, focus: -1, neighbourhood: big,
                           relations: new Set(Object.keys(data.relations)) });
    $("filter-franchise").value = "";
    $("filter-film").value = "";
    $("filter-support").value = "1";
    $("filter-neighbourhood").checked = big;
    document.querySelectorAll("#filter-relations input").forEach((box) => { box.checked = true; });
    network.unselectAll();
    refresh(true);
  });

  refresh(true);
  window.kgExplorer = { network: network, data: data, find: find, focus: focus, shown: () => Array.from(shownNodes) };
})();
