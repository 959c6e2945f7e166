"""``kg extract`` and ``kg build``: the main job."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from kg.cli import app
from kg.errors import InputError, KgError

err = Console(stderr=True)
out = Console()


def _default_store() -> Path:
    return Path(os.environ.get("KG_STORE", ".kg/store"))


@app.command("extract")
def extract_cmd(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders (.txt, .html, .jsonl)."),
    format: str = typer.Option("json", "--format", "-f", help="json (one graph; JSONL when several articles) or jsonl."),
    max_bytes: Optional[str] = typer.Option(None, "--max-bytes", envvar="KG_MAX_BYTES", help="Refuse input files larger than this (e.g. 20MB)."),
    ner: bool = typer.Option(True, "--ner/--no-ner", envvar="KG_NER", help="Use the trained NER model (--no-ner: rules and gazetteer only)."),
    include_text: bool = typer.Option(False, "--include-text", help="Put the cleaned article text on the Article node."),
) -> None:
    """Print the graph JSON of articles (the format shared/eval/score.py reads); no store is written.

    Example: kg extract samples/jiangshan-2023-11-20.txt --format json > graph.json
    """
    from kg.pipeline import extract  # noqa: PLC0415

    if format not in ("json", "jsonl"):
        raise typer.BadParameter("choose json or jsonl", param_hint="--format")
    graphs = []
    failed = 0
    for item in extract([str(p) for p in inputs], max_bytes=max_bytes, ner=ner):
        if isinstance(item, InputError):
            err.print(f"[red]error[/red] {item}", markup=True, highlight=False)
            failed += 1
            continue
        graph = item.to_graph_json(include_text=include_text)
        if format == "jsonl":
            sys.stdout.write(json.dumps(graph, ensure_ascii=False) + "\n")
        else:
            graphs.append(graph)
    if format == "json":
        if len(graphs) == 1:
            sys.stdout.write(json.dumps(graphs[0], ensure_ascii=False, indent=1) + "\n")
        else:
            for g in graphs:
                sys.stdout.write(json.dumps(g, ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


@app.command("build")
def build_cmd(
    inputs: list[Path] = typer.Argument(..., help="Article files or folders (.txt, .html, .jsonl), read recursively."),
    store: Path = typer.Option(None, "--store", "-s", help="Folder of the embedded graph (default: $KG_STORE or .kg/store)."),
    neo4j: bool = typer.Option(False, "--neo4j", help="Write to Neo4j (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE) instead of the embedded store."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, envvar="KG_WORKERS", help="Extraction processes."),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="Articles per store write."),
    max_bytes: Optional[str] = typer.Option(None, "--max-bytes", envvar="KG_MAX_BYTES", help="Refuse input files larger than this (default 20MB)."),
    ner: bool = typer.Option(True, "--ner/--no-ner", envvar="KG_NER", help="Use the trained NER model."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Build (or update) the knowledge graph from articles and print a summary.

    Building again with the same articles changes nothing; changed articles
    replace their old facts.  Inputs that cannot be read are reported one per
    line (file, line, problem); the others are built; the exit status is 1 if
    any input failed.

    Example: kg build samples/ --store .kg/store --workers 2
    """
    from kg.pipeline import build  # noqa: PLC0415

    if neo4j:
        from kg.store.neo4j_store import open_neo4j_store  # noqa: PLC0415

        try:
            target = open_neo4j_store()
        except KgError as e:  # unreachable server, refused credentials: a message, not a traceback
            err.print(f"[red]error[/red] {e}", markup=True, highlight=False)
            raise typer.Exit(2) from e
        where = "Neo4j"
    else:
        from kg.store.networkx_store import NetworkxStore  # noqa: PLC0415

        path = store or _default_store()
        # the store file is rewritten every 1000 changed articles and at the end, not per write
        target = NetworkxStore(path, flush_every=1000)
        where = str(path)
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} articles"),
                        TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal, transient=True)
    try:
        with progress:
            task = progress.add_task("building", total=None)

            def seen(item) -> None:
                if isinstance(item, InputError):
                    progress.console.print(f"[red]error[/red] {item}", markup=True, highlight=False)
                else:
                    progress.advance(task)

            report = build([str(p) for p in inputs], store=target, workers=workers, batch_size=batch_size,
                           max_bytes=max_bytes, ner=ner, on_article=seen)
        stats = target.stats()
    except KgError as e:
        err.print(f"[red]error[/red] {e}", markup=True, highlight=False)
        raise typer.Exit(2) from e
    finally:
        target.close()
    from kg.cli.store import stats_table  # noqa: PLC0415

    out.print(stats_table(stats, title=f"kg graph in {where}"))
    out.print(f"articles: {report.built} built, {report.unchanged} unchanged, {report.failed} failed")
    if report.failed:
        raise typer.Exit(1)
