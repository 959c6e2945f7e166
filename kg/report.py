"""One self-contained HTML page about a graph: counts, an interactive network, sortable tables.

``render_report(store)`` returns the page; ``write_report(store, out)``
writes it (``kg report``).  Everything the page needs is inside it: the
vis-network library (vendored under ``kg/resources/vendor/vis-network``,
Apache-2.0 OR MIT, its licence text is kept there and named in the page),
the CSS, the script and the data, so it opens from a file without a network.

The network is :func:`kg.analysis.network`: places, the organizations and
initiatives they implement, the outcomes achieved, and the regions the
places lie in.  Hovering a node or a relationship shows its evidence;
clicking shows every sentence, article and date in the side panel.  The
tables are those of :mod:`kg.analysis`; a click on a column header sorts.

Data goes into the page as JSON in a ``<script type="application/json">``
block (``<``, ``>`` and ``&`` escaped) and is put on the page with
``textContent``; table cells are HTML-escaped.  Nothing from the articles
is ever written into the page as markup.
"""

from __future__ import annotations

import html
import json
import logging
import os
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import networkx as nx
import pandas as pd

from kg import analysis
from kg.errors import ConfigError, ModelError
from kg.plots import COLOURS, node_colour

logger = logging.getLogger(__name__)

#: Version of the vendored vis-network (see kg/resources/vendor/vis-network/README.md).
VIS_NETWORK_VERSION = "10.1.2"

_SHAPES = {"Place": "dot", "Organization": "square", "Initiative": "diamond", "Outcome": "triangle"}
_TABLE_ROWS = 2000


def _vendor_js() -> str:
    path = resources.files("kg").joinpath("resources", "vendor", "vis-network", "vis-network.min.js")
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise ModelError(f"the vendored vis-network is missing ({path}); reinstall kg") from e


def _json_script(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    >>> _json_script({"a": "</script><b>&"})
    '{"a": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, default=_plain)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _plain(value: Any) -> Any:
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    return str(value)


def _cell(value: Any) -> tuple[str, str]:
    """The text shown in a table cell and the value it sorts by."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return "", ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d"), value.isoformat()
    if isinstance(value, bool):
        return ("yes" if value else ""), str(int(value))
    if isinstance(value, (int, float)):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return text, repr(float(value))
    if isinstance(value, dict):
        text = "，".join(f"{k} {v}" for k, v in value.items())
        return text, text
    if isinstance(value, (list, tuple)):
        text = "、".join(str(v) for v in value)
        return text, text
    return str(value), str(value)


def _table(frame: pd.DataFrame, *, key: str, title: str, about: str, columns: Iterable[str]) -> str:
    columns = [c for c in columns if c in frame.columns]
    shown = frame.head(_TABLE_ROWS)
    numeric = {c for c in columns if pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])}
    head = "".join(
        f'<th data-type="{"number" if c in numeric else "text"}" title="click to sort">{html.escape(c)}</th>' for c in columns
    )
    body = []
    for _, row in shown.iterrows():
        cells = []
        for c in columns:
            text, sort = _cell(row[c])
            cells.append(f'<td data-sort="{html.escape(sort)}">{html.escape(text)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = f"<p class=note>showing {len(shown)} of {len(frame)} rows</p>" if len(frame) > len(shown) else ""
    empty = "<p class=note>nothing in this graph</p>" if frame.empty else ""
    return (
        f'<section id="{key}"><h2>{html.escape(title)} <small>{len(frame)}</small></h2><p class=about>{html.escape(about)}</p>'
        f'{empty}<div class=scroll><table class="sortable" id="table-{key}"><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>{more}</section>'
    )


def _network_data(net: nx.DiGraph, *, max_nodes: int) -> dict[str, Any]:
    total = net.number_of_nodes()
    if total > max_nodes:
        keep = sorted(net.nodes, key=lambda n: (-net.degree(n), net.nodes[n].get("label") == "Outcome", str(net.nodes[n].get("name")), n))[:max_nodes]
        net = net.subgraph(keep).copy()
    index = {node: i for i, node in enumerate(sorted(net.nodes))}
    nodes = []
    for node in sorted(net.nodes):
        attrs = net.nodes[node]
        label = attrs.get("label", "")
        colour = node_colour(attrs)
        props = {k: v for k, v in attrs.items() if k not in ("label", "name", "aliases") and not isinstance(v, (dict, list))}
        name = str(attrs.get("name") or node)
        caption = name if len(name) <= 14 else name[:13] + "…"
        if label == "Outcome":  # the figure says it shorter than the clause
            caption = analysis.format_value(attrs.get("value"), attrs.get("unit")) or caption
        tip = [f"{label} · {name}"]
        tip += [f"{k}: {v}" for k, v in sorted(props.items())]
        if attrs.get("aliases"):
            tip.append("aliases: " + "、".join(attrs["aliases"]))
        nodes.append(
            {
                "id": index[node],
                "label": caption,
                "title": "\n".join(tip),
                "shape": _SHAPES.get(label, "dot"),
                "color": colour,
                "size": 10 + min(net.degree(node), 12) * 2,
                "kg": {"id": node, "label": label, "name": name, "aliases": list(attrs.get("aliases") or []), "properties": props},
            }
        )
    edges = []
    for u, v, attrs in sorted(net.edges(data=True), key=lambda e: (e[0], e[1])):
        facts = attrs.get("facts", [])
        first = facts[0] if facts else {}
        tip = f"{attrs.get('type')} ({len(facts)} fact{'s' if len(facts) != 1 else ''})"
        if first.get("evidence"):
            tip += f"\n“{first['evidence']}”\n— {first.get('article') or ''} {str(first.get('published_at') or '')[:10]}"
        edges.append(
            {
                "from": index[u],
                "to": index[v],
                "arrows": "to",
                "title": tip,
                "label": attrs.get("type") if attrs.get("type") != "PART_OF" else "",
                "dashes": attrs.get("type") == "PART_OF",
                "kg": {"type": attrs.get("type"), "from": net.nodes[u].get("name"), "to": net.nodes[v].get("name"), "facts": facts},
            }
        )
    return {"nodes": nodes, "edges": edges, "total_nodes": total}


def render_report(
    store: Any,
    *,
    title: str | None = None,
    max_nodes: int = 1500,
    generated_at: datetime | None = None,
) -> str:
    """Render the report page of a store (or of a graph from :func:`kg.analysis.load_graph`).

    Args:
        store: the embedded store, the Neo4j store, or a loaded graph.
        title: the page title (default "kg report").
        max_nodes: draw at most this many nodes (the best connected ones).
        generated_at: the time written in the page (default: now, UTC).

    Returns:
        The HTML page, self-contained.

    Raises:
        ConfigError: ``max_nodes`` is not positive.
        ModelError: the vendored vis-network is missing from the installation.
        StoreError: the store cannot be read.
    """
    if max_nodes < 1:
        raise ConfigError(f"max_nodes must be positive, not {max_nodes}")
    graph = store if isinstance(store, nx.MultiDiGraph) else analysis.load_graph(store)
    counts = _counts(store, graph)
    net = analysis.network(graph)
    data = _network_data(net, max_nodes=max_nodes)
    title = title or "kg report"
    stamp = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    cards = "".join(f'<div class=card><b>{n}</b><span>{html.escape(k)}</span></div>' for k, n in counts.items())
    legend = "".join(
        f'<span class=key><i style="background:{c}"></i>{html.escape(k)}</span>'
        for k, c in COLOURS.items()
        if k not in ("Place", "community", "landmark")
    )
    tables = [
        _table(
            analysis.initiatives_by_place(graph), key="initiatives", title="Initiatives by place",
            about="Which place implements which initiative (itself, or via an organization located in it), with the regions it lies in.",
            columns=("place", "level", "initiative", "kind", "via", "articles", "first_reported", "county", "city", "province"),
        ),
        _table(
            analysis.diffusion(graph), key="diffusion", title="Diffusion of initiatives",
            about="How far each initiative has spread: how many places, at which levels, in which provinces, first and last reported.",
            columns=("initiative", "kind", "places", "levels", "provinces", "first_reported", "last_reported", "articles", "implemented_by"),
        ),
        _table(
            analysis.outcomes(graph), key="outcomes", title="Outcomes",
            about="Measured results, with the figure normalised to one unit per kind of quantity, who achieved it and the sentence that says so.",
            columns=("outcome", "achieved_by", "place", "display", "quantity", "value_normalised", "unit_normalised", "approximate", "evidence", "article", "published_at"),
        ),
        _table(
            analysis.people(graph), key="people", title="People and positions",
            about="Who holds which position where.",
            columns=("person", "title", "at", "place", "level", "evidence", "article", "published_at"),
        ),
        _table(
            analysis.centrality(graph), key="centrality", title="Centrality of places and initiatives",
            about="In the network of places, organizations and initiatives (IMPLEMENTS and PART_OF, undirected).",
            columns=("name", "label", "level", "kind", "degree", "degree_centrality", "betweenness", "closeness", "component"),
        ),
        _table(
            analysis.place_communities(graph), key="communities", title="Communities of places sharing initiatives",
            about="Louvain communities of the places linked by the initiatives they share; a place that shares nothing is a community of one.",
            columns=("community", "size", "place", "level", "initiatives", "shared"),
        ),
    ]
    shown = len(data["nodes"])
    note = f"showing {shown} of {data['total_nodes']} nodes (the best connected)" if shown < data["total_nodes"] else f"{shown} nodes, {len(data['edges'])} relationships"
    return _PAGE.format(
        title=html.escape(title),
        stamp=html.escape(stamp),
        cards=cards,
        legend=legend,
        note=html.escape(note),
        tables="\n".join(tables),
        data=_json_script({"nodes": data["nodes"], "edges": data["edges"]}),
        vis=_vendor_js(),
        vis_version=VIS_NETWORK_VERSION,
        script=_SCRIPT,
        css=_CSS,
    )


def _counts(store: Any, graph: nx.MultiDiGraph) -> dict[str, int]:
    counts: dict[str, int] = {}
    stats = getattr(store, "stats", None)
    if callable(stats):
        found = stats()
        counts["articles"] = int(found.nodes.get("Article", 0))
    summary = analysis.summary(graph)
    for label, key in (("Place", "places"), ("Initiative", "initiatives"), ("Outcome", "outcomes"), ("Organization", "organizations"), ("Person", "people"), ("Award", "awards")):
        counts[key] = summary.get(label, 0)
    counts["facts"] = sum(n for k, n in summary.items() if k in analysis.FACT_TYPES)
    counts["place → initiative → outcome paths"] = summary["place_initiative_outcome_paths"]
    return counts


def write_report(store: Any, out: str | os.PathLike[str], *, title: str | None = None, max_nodes: int = 1500) -> Path:
    """Write the report page of a store to ``out``.

    Args:
        store: the embedded store, the Neo4j store, or a loaded graph.
        out: the HTML file to write (its folder is created).
        title: the page title.
        max_nodes: draw at most this many nodes.

    Returns:
        The path written.

    Raises:
        ConfigError: the file cannot be written.
        ModelError: the vendored vis-network is missing.
        StoreError: the store cannot be read.
    """
    page = render_report(store, title=title, max_nodes=max_nodes)
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot write the report to {path}: {e}; choose another --out") from e
    logger.info("wrote %s (%d bytes)", path, len(page.encode("utf-8")))
    return path


_CSS = """
:root { --ink: #1d2733; --muted: #5f6b7a; --line: #d9dee5; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: var(--ink); background: var(--bg); }
header { padding: 16px 24px 8px; background: #fff; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: var(--muted); font-size: 13px; }
nav { margin-top: 8px; font-size: 13px; }
nav a { margin-right: 14px; color: #2e75b6; text-decoration: none; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; padding: 14px 24px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 110px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); font-size: 12px; }
#network-section { display: flex; gap: 12px; padding: 0 24px; }
#graph { flex: 1; height: 620px; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
#details { width: 340px; height: 620px; overflow: auto; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; font-size: 13px; }
#details h3 { margin: 4px 0 8px; font-size: 16px; }
#details .fact { border-left: 3px solid #f4b183; padding: 4px 8px; margin: 8px 0; background: #fffaf5; }
#details .meta { color: var(--muted); font-size: 12px; }
.legend { padding: 6px 24px; font-size: 12px; color: var(--muted); }
.legend .key { margin-right: 12px; white-space: nowrap; }
.legend i { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; border: 1px solid #999; }
section { padding: 8px 24px 16px; }
section h2 { font-size: 18px; margin: 12px 0 2px; }
section h2 small { color: var(--muted); font-weight: normal; font-size: 13px; }
.about, .note { color: var(--muted); font-size: 13px; margin: 2px 0 8px; }
.scroll { max-height: 460px; overflow: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th { position: sticky; top: 0; background: #eef2f6; text-align: left; padding: 6px 8px; cursor: pointer; user-select: none; white-space: nowrap; border-bottom: 1px solid var(--line); }
th.asc::after { content: " ▲"; } th.desc::after { content: " ▼"; }
td { padding: 5px 8px; border-bottom: 1px solid #eef0f3; vertical-align: top; }
tr:hover td { background: #f7fbff; }
footer { padding: 16px 24px 32px; color: var(--muted); font-size: 12px; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var details = document.getElementById("details");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function showFacts(title, subtitle, facts, props) {
    details.replaceChildren();
    details.appendChild(el("h3", title));
    if (subtitle) { details.appendChild(el("div", subtitle, "meta")); }
    Object.keys(props || {}).sort().forEach(function (k) { details.appendChild(el("div", k + ": " + props[k], "meta")); });
    (facts || []).forEach(function (f) {
      var box = el("div", null, "fact");
      box.appendChild(el("div", "“" + (f.evidence || "") + "”"));
      box.appendChild(el("div", (f.article || "") + " " + String(f.published_at || "").slice(0, 10) + (f.confidence != null ? " · confidence " + f.confidence : ""), "meta"));
      details.appendChild(box);
    });
  }

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    autoResize: true,
    nodes: { font: { face: "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif", size: 22 }, borderWidth: 1, scaling: { label: { drawThreshold: 3 } } },
    edges: { font: { size: 9, color: "#888", strokeWidth: 0 }, color: { color: "#b0b8c4", highlight: "#e46c0a" }, smooth: false },
    physics: { solver: "forceAtlas2Based", stabilization: { iterations: 400, fit: true }, forceAtlas2Based: { gravitationalConstant: -45, centralGravity: 0.004, springLength: 70, avoidOverlap: 0.4 } },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 120, navigationButtons: false }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.fit();
    document.body.setAttribute("data-graph-ready", "1");
  });
  network.on("click", function (params) {
    if (params.nodes.length) {
      var n = nodes.get(params.nodes[0]).kg;
      var facts = [];
      network.getConnectedEdges(params.nodes[0]).forEach(function (id) {
        var e = edges.get(id).kg;
        (e.facts || []).forEach(function (f) { facts.push(Object.assign({ evidence: "" }, f, { article: e.from + " -" + e.type + "→ " + e.to + " · " + (f.article || "") })); });
      });
      var props = Object.assign({}, n.properties);
      if (n.aliases.length) { props.aliases = n.aliases.join("、"); }
      showFacts(n.name, n.label, facts, props);
    } else if (params.edges.length) {
      var e = edges.get(params.edges[0]).kg;
      showFacts(e.from + " → " + e.to, e.type, e.facts, {});
    }
  });
  window.kgReport = { network: network, nodes: nodes, edges: edges };

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("asc");
        Array.prototype.forEach.call(heads, function (h) { h.classList.remove("asc", "desc"); });
        th.classList.add(asc ? "asc" : "desc");
        var numeric = th.getAttribute("data-type") === "number";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-sort"), y = b.cells[col].getAttribute("data-sort");
          if (x === "" && y !== "") { return 1; }
          if (y === "" && x !== "") { return -1; }
          var c = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y, "zh-Hans-CN");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p>Knowledge graph of grassroots governance built by kg · generated {stamp}</p>
<nav><a href="#network-section">network</a><a href="#initiatives">initiatives</a><a href="#diffusion">diffusion</a><a href="#outcomes">outcomes</a><a href="#people">people</a><a href="#centrality">centrality</a><a href="#communities">communities</a></nav>
</header>
<div class="cards">{cards}</div>
<div class="legend">{legend} <span class="key">— {note}; hover for evidence, click for every sentence</span></div>
<div id="network-section"><div id="graph"></div><div id="details"><h3>Evidence</h3><p class="meta">Click a place, initiative, outcome or relationship to see the sentences that state it.</p></div></div>
{tables}
<footer>Network drawn with vis-network {vis_version} (Apache-2.0 OR MIT, © Almende B.V. and visjs contributors), inlined so that this page needs no network.</footer>
<script type="application/json" id="kg-data">{data}</script>
<script>{vis}</script>
<script>{script}</script>
</body>
</html>
"""
