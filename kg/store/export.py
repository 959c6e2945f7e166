"""Export the embedded graph: GraphML (Gephi), node-link JSON, neo4j-admin CSV, a Cypher script.

* ``graphml`` — one file.  GraphML holds scalars only, so list and map
  properties (``aliases``, ``tags``, MENTIONS ``starts``/``ends``) are JSON
  strings; the ontology label is the node attribute ``label``, the
  relationship type the edge attribute ``type``, the edge key its ``id``.
* ``json`` — one file of networkx node-link JSON (``edges="links"``), the
  same content as the store file, uncompressed.
* ``csv`` — a folder ready for ``neo4j-admin database import full``: one
  ``nodes_<Label>.csv`` per label (``id:ID,name,aliases:string[],…,:LABEL``),
  one ``relationships_<TYPE>.csv`` per type (``:START_ID,:END_ID,:TYPE,key,…``),
  typed property columns (``start:int``, ``confidence:double``, arrays
  ``string[]`` split on ``array_delimiter``), and ``import.sh`` / ``README.md``
  with the exact command.
* ``cypher`` — a script for ``cypher-shell -f``: uniqueness constraints, then
  per label and per relationship type batches of ``:param rows => [...]``
  followed by ``UNWIND $rows AS row MERGE … SET n += row.props``.  Values only
  ever travel in the parameter; labels and types come from the closed lists
  of :mod:`kg.model`.

Every file is written atomically and deterministically (nodes sorted by id,
relationships by start, end and key).
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
import os
import re
import shlex
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import networkx as nx

from kg.errors import ConfigError, StoreError
from kg.model import LABELS, REL_TYPES
from kg.store._atomic import atomic_binary_file
from kg.store.networkx_store import NetworkxStore, write_node_link

logger = logging.getLogger(__name__)

#: The export formats, in the order the CLI lists them.
FORMATS: tuple[str, ...] = ("graphml", "json", "csv", "cypher")

_NODE_FIXED = ("label", "name", "aliases")
_PROPERTY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INT32 = (-(2**31), 2**31 - 1)

# The Cypher script's statements.  They stay here rather than in cypher/ because a
# relationship statement names three things from the closed lists (type, start and
# end label) and the template loader fills one slot; dynamic labels (`:$(row.l)`)
# would do, but Neo4j 5.26 plans them as full node scans.  Only kg.model.LABELS /
# REL_TYPES are ever substituted (checked by _label_of / _type_of); every value is
# a $rows parameter.  The constraint has the name the Neo4j store gives it
# (cypher/schema/node_id_unique.cypher), so either can run after the other.
_CONSTRAINT = "CREATE CONSTRAINT {label}_id_unique IF NOT EXISTS\nFOR (n:{label})\nREQUIRE n.id IS UNIQUE;"
_MERGE_NODES = "UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nSET n += row.props;"
_MERGE_RELATIONSHIPS = (
    "UNWIND $rows AS row\n"
    "MATCH (a:{start} {{id: row.start}})\n"
    "MATCH (b:{end} {{id: row.end}})\n"
    "MERGE (a)-[r:{type} {{key: row.key}}]->(b)\n"
    "SET r += row.props;"
)
_LINE_SEPARATORS = str.maketrans({"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def export(
    store_or_graph: NetworkxStore | nx.MultiDiGraph,
    out: str | os.PathLike[str],
    *,
    format: str,  # noqa: A002 - the CLI option is --format
    batch_size: int = 500,
    array_delimiter: str = ";",
) -> list[Path]:
    """Export the graph of an embedded store (or a graph) in one of :data:`FORMATS`.

    Args:
        store_or_graph: a :class:`NetworkxStore` or the MultiDiGraph itself.
        out: for ``csv`` a folder (created); for the other formats a file, or an
            existing folder to write ``graph.<format>`` into.
        format: ``graphml``, ``json``, ``csv`` or ``cypher``.
        batch_size: rows per ``:param`` batch of the Cypher script.
        array_delimiter: the character between array elements in CSV cells
            (passed to ``neo4j-admin`` as ``--array-delimiter``).

    Returns:
        The files written.

    Raises:
        ConfigError: unknown format, bad ``batch_size`` or ``array_delimiter``.
        StoreError: the graph holds something the format cannot carry (a label
            outside ``kg.model.LABELS``, a property name that is not an
            identifier, an array element containing the delimiter), or a file
            cannot be written.
    """
    if format not in FORMATS:
        raise ConfigError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    if batch_size < 1:
        raise ConfigError(f"batch_size must be at least 1, not {batch_size}")
    if len(array_delimiter) != 1 or array_delimiter in ',"\n\r':
        raise ConfigError(f"array_delimiter must be one character other than a comma, quote or newline, not {array_delimiter!r}")
    graph = _graph_of(store_or_graph)
    out = Path(out)
    try:
        if format == "csv":
            files = _export_csv(graph, out, array_delimiter=array_delimiter)
        else:
            target = out / f"graph.{format}" if out.is_dir() else out
            target.parent.mkdir(parents=True, exist_ok=True)
            writer = {"graphml": _export_graphml, "json": _export_json, "cypher": _export_cypher}[format]
            writer(graph, target, batch_size=batch_size)
            files = [target]
    except OSError as e:
        raise StoreError(f"cannot write the {format} export to {out}: {e}; choose another --out or free disk space") from e
    logger.info("exported %d nodes and %d relationships as %s to %s", graph.number_of_nodes(), graph.number_of_edges(), format, out)
    return files


def _graph_of(store_or_graph: object) -> nx.MultiDiGraph:
    if isinstance(store_or_graph, nx.MultiDiGraph):
        return store_or_graph
    graph = getattr(store_or_graph, "graph", None)
    if isinstance(graph, nx.MultiDiGraph):
        return graph
    raise StoreError(
        f"cannot export from {type(store_or_graph).__name__}: export reads an embedded store "
        "(kg.store.networkx_store.NetworkxStore) or a networkx MultiDiGraph"
    )


def _sorted_nodes(graph: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any]]]:
    return [(n, graph.nodes[n]) for n in sorted(graph.nodes)]


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, Any]]]:
    return sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))


def _label_of(node_id: str, attrs: dict[str, Any]) -> str:
    label = attrs.get("label")
    if label not in LABELS:
        raise StoreError(f"node {node_id!r} has label {label!r}, not one of kg.model.LABELS; fix the batch that wrote it")
    return label


def _type_of(u: str, v: str, attrs: dict[str, Any]) -> str:
    rel_type = attrs.get("type")
    if rel_type not in REL_TYPES:
        raise StoreError(f"relationship {u!r} -> {v!r} has type {rel_type!r}, not one of kg.model.REL_TYPES")
    return rel_type


def _json_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


# -- GraphML -----------------------------------------------------------------


def _export_graphml(graph: nx.MultiDiGraph, target: Path, *, batch_size: int) -> None:
    nodes = [(n, _scalar_attrs(attrs)) for n, attrs in _sorted_nodes(graph)]
    edges = [(u, v, k, _scalar_attrs(attrs)) for u, v, k, attrs in _sorted_edges(graph)]
    _unify_types(attrs for _, attrs in nodes)
    _unify_types(attrs for *_, attrs in edges)
    flat = nx.MultiDiGraph()
    flat.add_nodes_from(nodes)
    flat.add_edges_from(edges)
    with atomic_binary_file(target) as fh:
        nx.write_graphml(flat, fh, encoding="utf-8", prettyprint=True)


def _scalar_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: (_json_text(v) if isinstance(v, (list, dict)) else v) for k, v in attrs.items() if v is not None}


def _unify_types(rows: Iterable[dict[str, Any]]) -> None:
    """Give each attribute one GraphML type: numbers mixed with text become text, ints mixed with floats floats."""
    rows = list(rows)
    kinds: dict[str, set[type]] = defaultdict(set)
    for attrs in rows:
        for k, v in attrs.items():
            kinds[k].add(type(v))
    for key, seen in kinds.items():
        if len(seen) < 2:
            continue
        to_float = seen <= {int, float}
        for attrs in rows:
            if key in attrs:
                attrs[key] = float(attrs[key]) if to_float else _json_text(attrs[key])


# -- node-link JSON ----------------------------------------------------------


def _export_json(graph: nx.MultiDiGraph, target: Path, *, batch_size: int) -> None:
    with atomic_binary_file(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        write_node_link(graph, text)
        text.flush()
        text.detach()  # the atomic writer fsyncs and closes the binary file


# -- neo4j-admin CSV ---------------------------------------------------------


def neo4j_import_command(
    node_files: Sequence[str], relationship_files: Sequence[str], *, array_delimiter: str = ";", database: str = "neo4j"
) -> list[str]:
    """Return the ``neo4j-admin database import full`` command for exported CSV files.

    Args:
        node_files: the node CSV files (paths as the command should see them).
        relationship_files: the relationship CSV files.
        array_delimiter: the delimiter used in array cells.
        database: the database to create.

    Returns:
        The command as an argument list (``shlex.join`` it for a shell).

    >>> shlex.join(neo4j_import_command(["nodes_Place.csv"], ["relationships_PART_OF.csv"]))
    "neo4j-admin database import full neo4j '--array-delimiter=;' --multiline-fields=true --nodes=nodes_Place.csv --relationships=relationships_PART_OF.csv"
    """
    return [
        "neo4j-admin", "database", "import", "full",
        # The database comes first: --nodes/--relationships take several files
        # each and would swallow a trailing name (checked with neo4j-admin 5.26).
        database,
        f"--array-delimiter={array_delimiter}",
        # evidence sentences and article texts may hold line breaks
        "--multiline-fields=true",
        *[f"--nodes={f}" for f in node_files],
        *[f"--relationships={f}" for f in relationship_files],
    ]


def _export_csv(graph: nx.MultiDiGraph, folder: Path, *, array_delimiter: str) -> list[Path]:
    by_label: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for node_id, attrs in _sorted_nodes(graph):
        by_label[_label_of(node_id, attrs)].append((node_id, attrs))
    by_type: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, k, attrs in _sorted_edges(graph):
        by_type[_type_of(u, v, attrs)].append((u, v, k, attrs))

    folder.mkdir(parents=True, exist_ok=True)
    node_files: list[Path] = []
    for label in (lab for lab in LABELS if lab in by_label):
        rows = by_label[label]
        columns = _columns((attrs for _, attrs in rows), skip=_NODE_FIXED, where=f"{label} nodes")
        header = ["id:ID", "name", "aliases:string[]", *[f"{k}:{t}" for k, t in columns], ":LABEL"]
        body = (
            [node_id, attrs.get("name", ""), _cell(attrs.get("aliases") or [], "string[]", array_delimiter, node_id),
             *[_cell(attrs.get(k), t, array_delimiter, node_id) for k, t in columns], label]
            for node_id, attrs in rows
        )
        node_files.append(_write_csv(folder / f"nodes_{label}.csv", header, body))

    rel_files: list[Path] = []
    for rel_type in (t for t in REL_TYPES if t in by_type):
        rows_r = by_type[rel_type]
        columns = _columns((attrs for *_, attrs in rows_r), skip=("type",), where=f"{rel_type} relationships")
        header = [":START_ID", ":END_ID", ":TYPE", "key", *[f"{k}:{t}" for k, t in columns]]
        body = (
            [u, v, rel_type, k, *[_cell(attrs.get(c), t, array_delimiter, f"{u} -> {v}") for c, t in columns]]
            for u, v, k, attrs in rows_r
        )
        rel_files.append(_write_csv(folder / f"relationships_{rel_type}.csv", header, body))

    command = neo4j_import_command(
        [f.name for f in node_files], [f.name for f in rel_files], array_delimiter=array_delimiter
    )
    script = _import_script(command)
    with atomic_binary_file(folder / "import.sh") as fh:
        fh.write(script.encode("utf-8"))
    os.chmod(folder / "import.sh", 0o755)
    readme = (
        "# kg graph as neo4j-admin CSV\n\n"
        "Stop Neo4j, then run from this folder (Neo4j 5; the database must be empty or\n"
        "absent: add `--overwrite-destination=true` to replace it):\n\n"
        f"    {shlex.join(command)}\n\n"
        "or `sh import.sh [DATABASE]` (`NEO4J_ADMIN=/path/to/neo4j-admin` if it is not on\n"
        "the PATH), then start Neo4j.  Community Edition serves one user database, `neo4j`.\n"
    )
    with atomic_binary_file(folder / "README.md") as fh:
        fh.write(readme.encode("utf-8"))
    return [*node_files, *rel_files, folder / "import.sh", folder / "README.md"]


def _import_script(command: list[str]) -> str:
    options = "".join(f" \\\n  {shlex.quote(a)}" for a in command[5:])
    return (
        "#!/bin/sh\n"
        "# Load this folder into an empty Neo4j 5 database (stop the server first).\n"
        "# Usage: sh import.sh [DATABASE]   (default neo4j; NEO4J_ADMIN=/path/to/neo4j-admin)\n"
        "set -eu\n"
        'cd "$(dirname "$0")"\n'
        f'"${{NEO4J_ADMIN:-neo4j-admin}}" {" ".join(command[1:4])} "${{1:-neo4j}}"{options}\n'
    )


def _columns(rows: Iterable[dict[str, Any]], *, skip: Sequence[str], where: str) -> list[tuple[str, str]]:
    values: dict[str, list[Any]] = defaultdict(list)
    for attrs in rows:
        for k, v in attrs.items():
            if k not in skip and v is not None:
                values[k].append(v)
    columns = []
    for key in sorted(values):
        if not _PROPERTY_NAME.match(key):
            raise StoreError(f"{where}: property {key!r} cannot be a neo4j-admin column; rename it to letters, digits and _")
        columns.append((key, _column_type(values[key])))
    return columns


def _column_type(values: list[Any]) -> str:
    if all(isinstance(v, list) for v in values):
        elements = [e for v in values for e in v]
        element_type = _scalar_type(elements) if elements else "string"
        return f"{element_type}[]" if element_type else "string"
    return _scalar_type(values) or "string"


def _scalar_type(values: list[Any]) -> str | None:
    """Return the neo4j-admin type shared by these values, or None if they are not all scalars."""
    if all(isinstance(v, str) for v in values):
        return "string"
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int" if all(_INT32[0] <= v <= _INT32[1] for v in values) else "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        # double, not float: neo4j-admin's float is 32 bits (0.9 would read back 0.8999999761…)
        return "double"
    return None


def _cell(value: Any, column_type: str, delimiter: str, where: str) -> str:
    if value is None:
        return ""
    if column_type.endswith("[]"):
        parts = [_scalar_cell(e, column_type[:-2]) for e in value]
        for part in parts:
            if delimiter in part:
                raise StoreError(
                    f"{where}: array element {part!r} contains the array delimiter {delimiter!r}; "
                    "export again with another array_delimiter (--array-delimiter)"
                )
        return delimiter.join(parts)
    return _scalar_cell(value, column_type)


def _scalar_cell(value: Any, column_type: str) -> str:
    if column_type == "boolean":
        return "true" if value else "false"
    if column_type == "double":
        return repr(float(value))
    if column_type in ("int", "long"):
        return str(value)
    return _json_text(value)


def _write_csv(path: Path, header: list[str], rows: Iterable[list[str]]) -> Path:
    with atomic_binary_file(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        text.flush()
        text.detach()
    return path


# -- Cypher script -----------------------------------------------------------


def _export_cypher(graph: nx.MultiDiGraph, target: Path, *, batch_size: int) -> None:
    node_label: dict[str, str] = {}
    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node_id, attrs in _sorted_nodes(graph):
        label = node_label[node_id] = _label_of(node_id, attrs)
        props = {k: _neo4j_value(v) for k, v in attrs.items() if k != "label" and v is not None}
        props.setdefault("aliases", [])
        by_label[label].append({"id": node_id, "props": props})
    by_pattern: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, k, attrs in _sorted_edges(graph):
        rel_type = _type_of(u, v, attrs)
        props = {c: _neo4j_value(x) for c, x in attrs.items() if c != "type" and x is not None}
        by_pattern[(rel_type, node_label[u], node_label[v])].append({"start": u, "end": v, "key": k, "props": props})

    with atomic_binary_file(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        for line in _cypher_lines(graph, by_label, by_pattern, batch_size=batch_size):
            text.write(line)
            text.write("\n")
        text.flush()
        text.detach()


def _cypher_lines(
    graph: nx.MultiDiGraph,
    by_label: dict[str, list[dict[str, Any]]],
    by_pattern: dict[tuple[str, str, str], list[dict[str, Any]]],
    *,
    batch_size: int,
) -> Iterator[str]:
    yield "// kg graph export for Neo4j 5: cypher-shell -u neo4j -p … -f graph.cypher"
    yield f"// {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships;"
    yield "// every value travels in the $rows parameter; labels and types come from kg.model."
    labels = [lab for lab in LABELS if lab in by_label]
    for label in labels:
        yield _CONSTRAINT.format(label=label)
    for label in labels:
        for rows in _chunks(by_label[label], batch_size):
            yield f":param rows => {_cypher_literal(rows)}"
            yield _MERGE_NODES.format(label=label)
    order = {t: i for i, t in enumerate(REL_TYPES)}
    for rel_type, start_label, end_label in sorted(by_pattern, key=lambda p: (order[p[0]], p[1], p[2])):
        for rows in _chunks(by_pattern[(rel_type, start_label, end_label)], batch_size):
            yield f":param rows => {_cypher_literal(rows)}"
            yield _MERGE_RELATIONSHIPS.format(type=rel_type, start=start_label, end=end_label)


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def _neo4j_value(value: Any) -> Any:
    """Return a value Neo4j can store as a property: a scalar or a homogeneous list, else JSON text."""
    if isinstance(value, dict):
        return _json_text(value)
    if isinstance(value, list):
        if all(isinstance(e, str) for e in value) or all(isinstance(e, bool) for e in value):
            return value
        if all(isinstance(e, int) and not isinstance(e, bool) for e in value):
            return value
        if all(isinstance(e, (int, float)) and not isinstance(e, bool) for e in value):
            return [float(e) for e in value]
        return _json_text(value)
    return value


def _cypher_literal(value: Any) -> str:
    """Return ``value`` as a Cypher literal on one line (the right-hand side of ``:param``).

    >>> _cypher_literal([{"id": "place-1", "props": {"name": "沈岙村", "n": 2, "ok": True, "x": None}}])
    '[{`id`: "place-1", `props`: {`n`: 2, `name`: "沈岙村", `ok`: true, `x`: null}}]'
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoreError(f"{value!r} cannot be written as a Cypher value; fix the property that holds it")
        return repr(value).replace("e+", "e")
    if isinstance(value, str):
        # JSON string escapes (\" \\ \n \uXXXX …) are Cypher string escapes too, and
        # they keep line breaks out of the one-line :param command (JSON leaves the
        # Unicode line separators alone, so they are escaped here).
        text = json.dumps(value, ensure_ascii=False)
        return text.translate(_LINE_SEPARATORS)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"`{str(k).replace('`', '``')}`: {_cypher_literal(v)}" for k, v in sorted(value.items()))
        return "{" + ", ".join(items) + "}"
    raise StoreError(f"a {type(value).__name__} cannot be written as a Cypher value")
