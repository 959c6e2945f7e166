"""``kg train-ner`` end to end on a tiny corpus we write here (a few steps, not a real model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import COMMAND_MODULES, _register, app
from kg.nlp.ner import NerModel

SENTENCES = [
    ("訾宏远在青石坳村工作。", [("訾宏远", "PER"), ("青石坳村", "LOC")]),
    ("澜星公司在苇塘铺村建厂。", [("澜星公司", "ORG"), ("苇塘铺村", "LOC")]),
    ("冼秋棠说今年收成好。", [("冼秋棠", "PER")]),
]


def _write_bio(path: Path) -> None:
    lines = []
    for text, entities in SENTENCES:
        tags = ["O"] * len(text)
        for name, label in entities:
            start = text.index(name)
            tags[start : start + len(name)] = [f"B-{label}"] + [f"I-{label}"] * (len(name) - 1)
        lines += [f"{c}\t{t}" for c, t in zip(text, tags)] + [""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def tiny_data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    for name in ("split_lemonhu/train.bio", "split_lemonhu/dev.bio", "test.bio"):
        _write_bio(root / "msra_ner" / name)
    return root


def test_ner_train_cli_is_registered() -> None:
    assert "kg.cli.ner" in COMMAND_MODULES
    _register()
    result = CliRunner().invoke(app, ["train-ner", "--help"])
    assert result.exit_code == 0
    assert "--out" in result.output


@pytest.mark.slow
def test_ner_train_writes_a_loadable_model(tiny_data: Path, tmp_path: Path) -> None:
    from kg.nlp.ner.train import train_ner

    out = tmp_path / "out"
    summary = train_ner(tiny_data, out=out, rosters=2, overrides={"training.max_steps": 4, "training.eval_frequency": 2})
    labels = summary["train_labels"]
    assert labels["LOC"] == 2 and labels["ORG"] == 1
    assert labels["PER"] > 2 + 2  # each synthetic roster lists several of the training names
    assert set(summary["msra-test"]) == {"PER", "LOC", "ORG", "micro"}
    assert json.loads((out / "model" / "vocab" / "strings.json").read_text()) == ["LOC", "ORG", "PER"]
    model = NerModel(out / "model")
    assert all(label in {"PER", "LOC", "ORG"} for _, _, label in model.predict(SENTENCES[0][0]))
