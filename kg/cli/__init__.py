"""The ``kg`` command line: thin wrappers over library functions.

Each area registers its commands on :data:`app` from its own module
(``kg.cli.<area>``); :data:`COMMAND_MODULES` lists them.  Only the CLI writes
to stdout: data as JSON/JSONL, tables and progress bars for people (rich).
"""

from __future__ import annotations

import importlib
import logging
import os

import typer

app = typer.Typer(
    name="kg",
    help="Build knowledge graphs of grassroots governance from Chinese news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

#: Modules that register commands on ``app`` (one per area of the project).
COMMAND_MODULES: tuple[str, ...] = ("kg.cli.build", "kg.cli.ner", "kg.cli.store", "kg.cli.neo4j", "kg.cli.report")


def _register() -> None:
    for name in COMMAND_MODULES:
        importlib.import_module(name)


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log progress details to stderr."),
) -> None:
    level = logging.DEBUG if verbose else getattr(logging, os.environ.get("KG_LOG_LEVEL", "WARNING").upper(), logging.WARNING)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def main() -> None:
    """Entry point of the ``kg`` console script."""
    _register()
    app()
