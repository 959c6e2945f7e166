"""``kg neo4j start|stop|status|install``, ``kg query``, ``kg queries``, ``kg load``: the Neo4j side.

Thin wrappers over :mod:`kg.neo4j_server`, :mod:`kg.query`,
:class:`kg.store.neo4j_store.Neo4jStore` and :func:`kg.store.transfer.load_store`.
Connection settings: options, else ``NEO4J_URI`` / ``NEO4J_USERNAME`` /
``NEO4J_DATABASE``; the password only from ``NEO4J_PASSWORD`` (secrets never
on the command line).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from kg import neo4j_server
from kg.cli import app
from kg.errors import ConfigError, KgError
from kg.query import list_templates, load

neo4j_app = typer.Typer(help="Run a local Neo4j server (fetched from Maven Central; no Docker needed).", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")

_HOME_HELP = "Server home: config, data, logs (else $KG_NEO4J_HOME, else tools/neo4j/run)."
_URI_HELP = "Bolt URI, e.g. neo4j://127.0.0.1:7687 (else $NEO4J_URI)."
_USER_HELP = "User name (else $NEO4J_USERNAME, else neo4j). The password comes from $NEO4J_PASSWORD."
_DB_HELP = "Database (else $NEO4J_DATABASE, else neo4j)."


class Format(str, Enum):
    """Output of ``kg query`` and ``kg neo4j status``: a table for people, JSON for programs."""

    table = "table"
    json = "json"


def _fail(message: str) -> NoReturn:
    Console(stderr=True).print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(1)


@contextlib.contextmanager
def _quiet_driver() -> Iterator[None]:
    """Mute the driver's own log for the duration of a command (unless -v)."""
    # The driver logs a refused connection at ERROR before kg's own message says
    # the same thing with what to do.
    driver_log = logging.getLogger("neo4j")
    level = driver_log.level
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        driver_log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        driver_log.setLevel(level)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


# -- kg neo4j … -------------------------------------------------------------


@neo4j_app.command("install")
def install_cmd(force: bool = typer.Option(False, "--force", help="Run Maven even if the jars are there.")) -> None:
    """Fetch Neo4j, Neo4j Browser and APOC Core into tools/neo4j/lib with Maven (cached in ~/.m2)."""
    try:
        lib = neo4j_server.install(force=force)
    except KgError as e:
        _fail(str(e))
    typer.echo(f"Neo4j {neo4j_server.NEO4J_VERSION} jars in {lib}")


@neo4j_app.command("start")
def start_cmd(
    home: Path = typer.Option(neo4j_server.DEFAULT_HOME, "--home", help=_HOME_HELP),
    bolt_port: int = typer.Option(neo4j_server.DEFAULT_BOLT_PORT, "--bolt-port", help="Bolt port on 127.0.0.1."),
    http_port: int = typer.Option(neo4j_server.DEFAULT_HTTP_PORT, "--http-port", help="HTTP port on 127.0.0.1 (Neo4j Browser at /browser/)."),
    no_auth: bool = typer.Option(False, "--no-auth", help="Turn authentication off (else the password is $NEO4J_PASSWORD)."),
    heap: str = typer.Option("1g", "--heap", help="JVM heap size."),
    timeout: float = typer.Option(240.0, "--timeout", help="Seconds to wait for Bolt."),
) -> None:
    """Start a local Neo4j server (installing its jars first if needed) and wait until it answers.

    The password of user neo4j is $NEO4J_PASSWORD; without it, one is generated
    on the first start and kept in <home>/conf/kg-password (owner-readable only).
    """
    password = None if no_auth else os.environ.get("NEO4J_PASSWORD")
    generated = password is None and not no_auth
    try:
        if generated:
            password = neo4j_server.home_password(home, create=True)
        neo4j_server.install()
        handle = neo4j_server.start(
            home=home,
            bolt_port=bolt_port,
            http_port=http_port,
            password=password,
            auth=not no_auth,
            heap=heap,
            timeout=timeout,
        )
    except KgError as e:
        _fail(str(e))
    typer.echo(f"Neo4j {handle.version} is up after {handle.startup_seconds:.1f}s (pid {handle.pid})")
    typer.echo(f"  Bolt:    {handle.uri}")
    typer.echo(f"  Browser: {handle.browser_url}   (user {handle.user if not no_auth else '-, auth off'})")
    typer.echo(f"  Guide:   :play {handle.guide_url}   (style: {handle.style_url})")
    typer.echo("  For kg query / kg load / kg build --neo4j:")
    typer.echo(f"    export NEO4J_URI={handle.uri}")
    if generated:
        typer.echo(f'    export NEO4J_PASSWORD="$(cat {Path(home).resolve() / neo4j_server.PASSWORD_FILE})"')
    typer.echo("  Stop it with: kg neo4j stop" + (f" --home {home}" if Path(home).resolve() != neo4j_server.DEFAULT_HOME.resolve() else ""))


@neo4j_app.command("stop")
def stop_cmd(home: Path = typer.Option(neo4j_server.DEFAULT_HOME, "--home", help=_HOME_HELP)) -> None:
    """Stop the local Neo4j server (SIGTERM, then wait)."""
    stopped = neo4j_server.stop(home=home)
    typer.echo("stopped" if stopped else f"no server was running from {Path(home).resolve()}")


@neo4j_app.command("status")
def status_cmd(
    home: Path = typer.Option(neo4j_server.DEFAULT_HOME, "--home", help=_HOME_HELP),
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
) -> None:
    """Tell whether the local Neo4j server runs, and where."""
    found = neo4j_server.status(home=home)
    if fmt is Format.json:
        data: dict[str, Any] = {"home": found.home, "running": found.running, "bolt_ready": found.bolt_ready, "detail": found.detail}
        if found.handle is not None:
            data.update(found.handle.state(), uri=found.handle.uri, browser=found.handle.browser_url)
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif found.running and found.handle is not None:
        typer.echo(f"running (pid {found.handle.pid}, {found.detail}): {found.handle.uri}, Browser {found.handle.browser_url}")
    else:
        typer.echo(f"not running: {found.detail}")
    if not found.running:
        raise typer.Exit(3)


@neo4j_app.command("guide")
def guide_cmd(
    port: int = typer.Option(8001, "--port", help="Port to serve the guide on (127.0.0.1)."),
    write: bool = typer.Option(False, "--write", help="Only regenerate cypher/browser/guide.html from the templates, then exit."),
) -> None:
    """Serve the Neo4j Browser guide (the queries as runnable slides) for `:play`; Ctrl-C stops it."""
    from kg.query.guide import GUIDE_FILE, serve, write_guide

    try:
        path = write_guide()
    except (KgError, OSError) as e:
        _fail(f"cannot write {GUIDE_FILE}: {e}")
    if write:
        typer.echo(f"wrote {path}")
        return
    try:
        server = serve(port=port)
    except OSError as e:
        _fail(f"cannot serve the guide on port {port}: {e}; choose another --port")
    typer.echo(f"In Neo4j Browser run:  :play http://localhost:{server.server_address[1]}/{path.name}")
    typer.echo(f"Style file:            http://localhost:{server.server_address[1]}/kg.grass (drag it onto Browser)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


# -- kg queries / kg query / kg load ---------------------------------------------


@app.command("queries")
def queries_cmd(fmt: Format = typer.Option(Format.table, "--format", help="table or json.")) -> None:
    """List the named Cypher queries of cypher/ with what they answer and their parameters."""
    try:
        templates = list_templates()
    except KgError as e:
        _fail(str(e))
    if fmt is Format.json:
        rows = [
            {
                "name": t.name,
                "description": t.description,
                "params": [{"name": p.name, "type": p.type, "required": p.required, "default": p.default, "description": p.description} for p in t.params],
                "returns": list(t.returns),
            }
            for t in templates
        ]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title="kg queries (run with `kg query NAME --param key=value`)")
    table.add_column("name", style="bold")
    table.add_column("answers")
    table.add_column("params")
    for t in templates:
        params = ", ".join(p.name if p.required else f"{p.name}={json.dumps(p.default, ensure_ascii=False)}" for p in t.params)
        table.add_row(t.name, t.description, params)
    Console().print(table)


def _parse_params(pairs: list[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--param takes key=value, not {pair!r}")
        params[key.strip()] = value
    return params


@app.command("query")
def query_cmd(
    name: str = typer.Argument(..., help="Query name (`kg queries` lists them)."),
    param: Optional[list[str]] = typer.Option(None, "--param", "-p", help="A parameter as key=value (repeatable)."),
    fmt: Format = typer.Option(Format.table, "--format", help="table or json."),
    store: Optional[Path] = typer.Option(None, "--store", help="Ask this embedded store folder instead of Neo4j."),
    uri: Optional[str] = typer.Option(None, "--uri", help=_URI_HELP),
    user: Optional[str] = typer.Option(None, "--user", help=_USER_HELP),
    database: Optional[str] = typer.Option(None, "--database", help=_DB_HELP),
) -> None:
    """Run a named query on Neo4j (or on an embedded store) and print its rows."""
    try:
        template = load(name)
        params = _parse_params(param or [])
        template.bind(params)  # a wrong parameter fails before any connection
        if store is not None:
            from kg.store.networkx_store import NetworkxStore

            with NetworkxStore(store, create=False) as nx_store:
                rows = nx_store.query(name, template.bind(params))
        else:
            from kg.store.neo4j_store import open_neo4j_store

            with _quiet_driver(), open_neo4j_store(uri=uri, user=user, database=database) as neo_store:
                rows = neo_store.query(name, params)
    except KgError as e:
        _fail(str(e))
    if fmt is Format.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    columns = list(template.returns) or (list(rows[0]) if rows else [])
    table = Table(title=f"{template.name}: {template.description}", caption=f"{len(rows)} rows")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*(escape(_cell(row.get(c))) for c in columns))
    Console().print(table)


@app.command("load")
def load_cmd(
    store: Path = typer.Option(..., "--store", help="The embedded store folder to copy into Neo4j."),
    uri: Optional[str] = typer.Option(None, "--uri", help=_URI_HELP),
    user: Optional[str] = typer.Option(None, "--user", help=_USER_HELP),
    database: Optional[str] = typer.Option(None, "--database", help=_DB_HELP),
    batch_rows: int = typer.Option(5000, "--batch-rows", help="Rows per transaction."),
) -> None:
    """Copy an embedded store into Neo4j (idempotent: unchanged articles are skipped)."""
    from kg.store.neo4j_store import open_neo4j_store
    from kg.store.transfer import load_store

    try:
        with _quiet_driver(), open_neo4j_store(uri=uri, user=user, database=database, batch_rows=batch_rows) as target:
            summary = load_store(store, target=target)
            stats = target.stats()
    except KgError as e:
        _fail(str(e))
    typer.echo(
        f"articles written {summary.articles_written}, unchanged {summary.articles_unchanged}; "
        f"nodes upserted {summary.nodes_upserted}, relationships {summary.relationships_upserted}"
    )
    typer.echo(f"Neo4j now holds {stats.node_count} nodes and {stats.relationship_count} relationships")
