"""``kg train-ner``: train the PER/LOC/ORG recogniser from the public corpora."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kg.cli import app
from kg.nlp.ner.evaluate import format_scores
from kg.nlp.ner.train import DEFAULT_CONFIG, DEFAULT_ROSTERS, DEFAULT_SWAPS, train_ner


@app.command("train-ner")
def train_ner_command(
    data_dir: Path = typer.Argument(..., help="Folder holding msra_ner/ (and cluener2020/ for --cluener).", exists=True, file_okay=False),
    out: Path = typer.Option(..., "--out", help="Output folder; the trained model goes to OUT/model."),
    config: Path = typer.Option(DEFAULT_CONFIG, "--config", help="spaCy training config.", exists=True, dir_okay=False),
    cluener: bool = typer.Option(False, "--cluener/--no-cluener", help="Also train on CLUENER2020 mapped to PER/LOC/ORG."),
    rosters: int = typer.Option(DEFAULT_ROSTERS, "--rosters", help="Synthetic name lists (from the training names) added to the training texts."),
    swaps: float = typer.Option(DEFAULT_SWAPS, "--swaps", min=0.0, max=1.0, help="Share of the training texts added again with new person and place names."),
    epochs: int | None = typer.Option(None, "--epochs", help="Override [training] max_epochs of the config."),
) -> None:
    """Train the NER model on MSRA (dev for checkpoints) and print its MSRA test scores."""
    overrides = {"training.max_epochs": epochs} if epochs is not None else None
    summary = train_ner(data_dir, out=out, config=config, cluener=cluener, rosters=rosters, swaps=swaps, overrides=overrides)
    for line in format_scores("MSRA test", summary["msra-test"]):
        typer.echo(line)
    typer.echo(json.dumps({"model": str(out / "model"), "train_seconds": summary["train_seconds"]}))
