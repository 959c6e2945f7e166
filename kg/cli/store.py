"""``kg stats``, ``kg show``, ``kg export``: read and export the embedded store.

Thin wrappers over :class:`kg.store.networkx_store.NetworkxStore` and
:func:`kg.store.export.export`.  ``--store`` is the store folder: the option,
else ``$KG_STORE``, else ``.kg/store``.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg.cli import app
from kg.errors import KgError
from kg.model import Node, Relation
from kg.store.base import GraphStats
from kg.store.export import export
from kg.store.networkx_store import NetworkxStore

#: Default store folder when neither ``--store`` nor ``$KG_STORE`` is given.
DEFAULT_STORE = Path(".kg/store")

_STORE_HELP = "Store folder (else $KG_STORE, else .kg/store)."
_TEXT_PREVIEW = 80
_LIST_LIMIT = 20


class OutputFormat(str, Enum):
    """How ``stats`` and ``show`` print: a table for people, JSON for programs."""

    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    """The formats of :func:`kg.store.export.export`."""

    graphml = "graphml"
    json = "json"
    csv = "csv"
    cypher = "cypher"


def _fail(message: str) -> NoReturn:
    Console(stderr=True).print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(1)


def _open(store: Path) -> NetworkxStore:
    try:
        return NetworkxStore(store, create=False)
    except KgError as e:
        _fail(str(e))


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def stats_table(stats: GraphStats, *, title: str = "Graph") -> Table:
    """Return a table of node counts by label and relationship counts by type.

    Args:
        stats: the counts (from a store's ``stats()``).
        title: the table title.

    Returns:
        A rich table (``kg build`` prints the same one after a build).
    """
    table = Table(title=title)
    table.add_column("")
    table.add_column("count", justify="right")
    table.add_row("[bold]nodes[/]", f"[bold]{stats.node_count}[/]")
    for label, count in stats.nodes.items():
        table.add_row(f"  {label}", str(count))
    table.add_section()
    table.add_row("[bold]relationships[/]", f"[bold]{stats.relationship_count}[/]")
    for rel_type, count in stats.relationships.items():
        table.add_row(f"  {rel_type}", str(count))
    return table


@app.command("stats")
def stats_command(
    store: Path = typer.Option(DEFAULT_STORE, "--store", envvar="KG_STORE", help=_STORE_HELP),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", case_sensitive=False, help="table or json."),  # noqa: A002
) -> None:
    """Count the nodes by label and the relationships by type in a store.

    Example: kg stats --store .kg/store --format json
    """
    counts = _open(store).stats()
    if format is OutputFormat.json:
        _echo_json({
            "nodes": dict(counts.nodes),
            "relationships": dict(counts.relationships),
            "node_count": counts.node_count,
            "relationship_count": counts.relationship_count,
        })
        return
    Console().print(stats_table(counts, title=f"Graph in {store}"))


def _node_json(node: Node) -> dict[str, Any]:
    return {"id": node.id, "label": node.label, "name": node.name, "aliases": list(node.aliases), "properties": dict(node.properties)}


def _relation_json(rel: Relation, names: dict[str, str]) -> dict[str, Any]:
    return {
        "type": rel.type,
        "start": rel.start,
        "start_name": names.get(rel.start, ""),
        "end": rel.end,
        "end_name": names.get(rel.end, ""),
        "properties": dict(rel.properties),
        "evidence": rel.evidence.text,
        "article_id": rel.evidence.article_id,
        "article": names.get(rel.evidence.article_id, ""),
        "start_offset": rel.evidence.start,
        "end_offset": rel.evidence.end,
        "confidence": rel.evidence.confidence,
        "extractor": rel.evidence.extractor,
    }


def _preview(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", " ")
    return text if len(text) <= _TEXT_PREVIEW else f"{text[:_TEXT_PREVIEW]}… ({len(text)} characters)"


@app.command("show")
def show_command(
    name: str = typer.Argument(..., help="Name, alias or id of the entity (a part of the name finds candidates)."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", envvar="KG_STORE", help=_STORE_HELP),
    label: str | None = typer.Option(None, "--label", help="Only entities with this label (Place, Person, …)."),
    format: OutputFormat = typer.Option(OutputFormat.table, "--format", case_sensitive=False, help="table or json."),  # noqa: A002
) -> None:
    """Show an entity: label, name, aliases, properties, and each relationship with its evidence.

    Exact name or alias matches win over partial ones; when several entities
    match, they are listed with their ids (run kg show ID).

    Example: kg show 沈岙村 --store .kg/store
    """
    graph_store = _open(store)
    node = graph_store.get_node(name)
    matches = [node] if node is not None and label in (None, node.label) else graph_store.find_nodes(name, label=label)
    if not matches:
        _fail(f"no entity named {name!r}{f' with label {label}' if label else ''} in {store}; try part of the name, or `kg stats`")
    if len(matches) > 1:
        if format is OutputFormat.json:
            _echo_json({"matches": [_node_json(n) for n in matches]})
            return
        table = Table(title=f"{len(matches)} entities match {name!r}: run kg show ID")
        for column in ("id", "label", "name", "aliases"):
            table.add_column(column)
        for n in matches:
            table.add_row(n.id, n.label, escape(n.name), escape("、".join(n.aliases)))
        Console().print(table)
        return
    _show_one(graph_store, matches[0], format=format)


def _show_one(graph_store: NetworkxStore, node: Node, *, format: OutputFormat) -> None:  # noqa: A002
    rels = graph_store.relationships_of(node.id)
    names: dict[str, str] = {node.id: node.name}
    for rel in rels:
        for other in (rel.start, rel.end, rel.evidence.article_id):
            if other not in names:
                found = graph_store.get_node(other)
                names[other] = found.name if found else other
    if format is OutputFormat.json:
        _echo_json({"node": _node_json(node), "relationships": [_relation_json(r, names) for r in rels]})
        return

    console = Console()
    console.print(f"[bold]{escape(node.name)}[/]  [cyan]{node.label}[/]  [dim]{node.id}[/]")
    if node.aliases:
        console.print(f"  aliases: {escape('、'.join(node.aliases))}")
    for key, value in sorted(node.properties.items()):
        console.print(f"  {key}: {escape(_preview(value))}")

    facts = [r for r in rels if r.type != "MENTIONS"]
    if facts:
        table = Table(title=f"{len(facts)} relationships", show_lines=True)
        table.add_column("")
        table.add_column("type")
        # Chinese has no spaces to wrap at: fold long names and sentences instead of cutting them off.
        table.add_column("other end", overflow="fold")
        table.add_column("evidence", overflow="fold")
        table.add_column("article", overflow="fold")
        for rel in facts:
            outgoing = rel.start == node.id
            other = rel.end if outgoing else rel.start
            title = rel.properties.get("title")
            table.add_row(
                "→" if outgoing else "←",
                rel.type + (f"\n({escape(str(title))})" if title else ""),
                f"{escape(names[other])}\n[dim]{other}[/]",
                escape(rel.evidence.text),
                escape(names.get(rel.evidence.article_id, rel.evidence.article_id)),
            )
        console.print(table)

    mentions = [r for r in rels if r.type == "MENTIONS"]
    if node.label == "Article":
        shown = "、".join(names[r.end] for r in mentions[:_LIST_LIMIT])
        more = f" … and {len(mentions) - _LIST_LIMIT} more" if len(mentions) > _LIST_LIMIT else ""
        console.print(f"mentions {len(mentions)} entities: {escape(shown)}{more}")
    else:
        shown = "; ".join(names[r.start] for r in mentions[:_LIST_LIMIT])
        more = f" … and {len(mentions) - _LIST_LIMIT} more" if len(mentions) > _LIST_LIMIT else ""
        console.print(f"mentioned in {len(mentions)} article(s): {escape(shown)}{more}")


@app.command("export")
def export_command(
    format: ExportFormat = typer.Option(..., "--format", case_sensitive=False, help="graphml (Gephi), json (node-link), csv (neo4j-admin import) or cypher (cypher-shell script)."),  # noqa: A002
    out: Path = typer.Option(..., "--out", help="Output file (a folder for csv; an existing folder gets graph.<format>)."),
    store: Path = typer.Option(DEFAULT_STORE, "--store", envvar="KG_STORE", help=_STORE_HELP),
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="Rows per :param batch of the Cypher script."),
    array_delimiter: str = typer.Option(";", "--array-delimiter", help="Separator of array elements in CSV cells."),
) -> None:
    """Export a store as GraphML, node-link JSON, neo4j-admin CSV files or a Cypher script.

    Prints the files written, one per line.

    Example: kg export --store .kg/store --format csv --out out/csv
    """
    graph_store = _open(store)
    try:
        files = export(graph_store, out, format=format.value, batch_size=batch_size, array_delimiter=array_delimiter)
    except KgError as e:
        _fail(str(e))
    for path in files:
        typer.echo(str(path))
    hint = {
        ExportFormat.csv: f"load into an empty Neo4j database with: sh {out / 'import.sh'}",
        ExportFormat.cypher: f"load into Neo4j with: cypher-shell -f {files[0]}",
        ExportFormat.graphml: "open it in Gephi (File > Open)",
        ExportFormat.json: "read it with networkx.node_link_graph(data, edges='links')",
    }[format]
    Console(stderr=True).print(escape(hint))
