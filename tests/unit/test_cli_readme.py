"""Every CLI command has help text and appears in the README with an example."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
import typer.main

import kg.cli

ROOT = Path(__file__).resolve().parents[2]


def _commands() -> list[tuple[str, click.Command]]:
    kg.cli._register()
    root = typer.main.get_command(kg.cli.app)
    out = []
    for name, cmd in root.commands.items():
        out.append((name, cmd))
        if isinstance(cmd, click.Group):
            out += [(f"{name} {sub}", subcmd) for sub, subcmd in cmd.commands.items()]
    return out


COMMANDS = _commands()


def test_cli_readme_lists_some_commands() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"extract", "build", "stats", "show", "export"} <= names


@pytest.mark.parametrize("name,cmd", COMMANDS, ids=[name for name, _ in COMMANDS])
def test_cli_readme_command_has_help(name: str, cmd: click.Command) -> None:
    assert (cmd.help or cmd.short_help or "").strip(), f"kg {name} has no help text"


@pytest.mark.parametrize("name", [name for name, _ in COMMANDS])
def test_cli_readme_mentions_command_with_example(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    top = name.split()[0]
    assert re.search(rf"`kg {re.escape(top)}\b[^`]*`", readme), f"README has no example of kg {top}"
    if " " in name:
        sub = name.split()[1]
        assert re.search(rf"kg {re.escape(top)}[^\n]*\b{re.escape(sub)}\b", readme), f"README never shows kg {name}"
