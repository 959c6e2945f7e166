"""``kg report``: one self-contained HTML page about a store (a thin wrapper over :func:`kg.report.write_report`)."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape

from kg.cli import app
from kg.errors import KgError

DEFAULT_STORE = Path(".kg/store")


def _fail(message: str) -> NoReturn:
    Console(stderr=True).print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(1)


@app.command("report")
def report_command(
    store: Path = typer.Option(DEFAULT_STORE, "--store", envvar="KG_STORE", help="Store folder (else $KG_STORE, else .kg/store)."),
    out: Path = typer.Option(Path("report.html"), "--out", help="The HTML file to write."),
    title: Optional[str] = typer.Option(None, "--title", help="Title of the page (default: kg report)."),
    max_nodes: int = typer.Option(1500, "--max-nodes", min=1, help="Draw at most this many nodes (the best connected)."),
) -> None:
    """Write one HTML page (no network needed to view it): counts, an interactive graph of places,
    initiatives and outcomes with evidence on hover and click, and sortable tables.

    Example: kg report --store .kg/store --out report.html
    """
    from kg.report import write_report  # noqa: PLC0415 - pandas is only needed here
    from kg.store.networkx_store import NetworkxStore  # noqa: PLC0415

    try:
        with NetworkxStore(store, create=False) as graph_store:
            path = write_report(graph_store, out, title=title, max_nodes=max_nodes)
    except KgError as e:
        _fail(str(e))
    typer.echo(str(path))
