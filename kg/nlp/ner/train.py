"""Train kg's NER model from the public corpora (``kg train-ner``).

The data directory is an argument (the corpora are never copied into the
repository).  Training reads ``msra_ner/split_lemonhu/train.bio`` (optionally
with CLUENER2020's train split mapped to PER/LOC/ORG), picks the best
checkpoint on ``split_lemonhu/dev.bio`` and scores it on ``msra_ner/test.bio``.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kg.errors import ModelError
from kg.nlp.ner import tokenizer as char_tokenizer
from kg.nlp.ner.data import Record, count_labels, entity_swaps, load_split, split_record, synthetic_rosters
from kg.nlp.ner.evaluate import score_spans

logger = logging.getLogger(__name__)

#: The training config kept in the repository.
DEFAULT_CONFIG = Path(__file__).with_name("config.cfg")

#: Training texts longer than this are cut at sentence punctuation.
MAX_TRAIN_CHARS = 250

#: Name lists written from the training names and added to the training texts
#: (:func:`kg.nlp.ner.data.synthetic_rosters`).
DEFAULT_ROSTERS = 400

#: Share of the training texts copied with new person and place names
#: (:func:`kg.nlp.ner.data.entity_swaps`).
DEFAULT_SWAPS = 0.3


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _LogWriter:
    """A file-like object that sends spaCy's training table to the logger."""

    def __init__(self, level: int) -> None:
        self.level = level

    def write(self, text: str) -> int:
        for line in _ANSI.sub("", text).splitlines():
            if line.strip():
                logger.log(self.level, "%s", line)
        return len(text)

    def flush(self) -> None:
        """Nothing is buffered."""


def write_docbin(records: Iterable[Record], path: Path, *, vocab: Any) -> int:
    """Write records as a spaCy DocBin of one-token-per-character docs.

    Args:
        records: ``(text, spans)`` records.
        path: The ``.spacy`` file to write.
        vocab: A vocab for building the docs.

    Returns:
        The number of docs written.

    Raises:
        ModelError: A span does not fall on character boundaries (never for the shipped readers).
    """
    from spacy.tokens import Doc, DocBin

    docbin = DocBin(store_user_data=False)
    n = 0
    for text, spans in records:
        doc = Doc(vocab, words=list(text), spaces=[False] * len(text))
        ents = []
        for start, end, label in spans:
            span = doc.char_span(start, end, label=label)
            if span is None:
                raise ModelError(f"span {start}-{end} {label} does not fit the text {text[:40]!r}...")
            ents.append(span)
        doc.ents = ents
        docbin.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return n


def _prune_strings(model_dir: Path) -> None:
    """Keep only the labels in the saved string store.

    Training adds every bigram and word seen to the string store (6 MB of
    JSON); the hash embeddings need only the hashes, which the tokenizer makes
    again at run time, so the shipped model keeps just the entity labels.
    """
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    labels = sorted(meta.get("labels", {}).get("ner", []))
    (model_dir / "vocab" / "strings.json").write_text(json.dumps(labels), encoding="utf-8")
    meta.update(
        name="kg_ner",
        description="PER/LOC/ORG recogniser of kg: character tokens, bigram and pkuseg word features",
        sources=[{"name": "MSRA NER (SIGHAN 2006)", "license": "research use"}],
    )
    (model_dir / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False), encoding="utf-8")


def train_ner(
    data_dir: str | Path,
    *,
    out: str | Path,
    config: str | Path = DEFAULT_CONFIG,
    cluener: bool = False,
    rosters: int = DEFAULT_ROSTERS,
    swaps: float = DEFAULT_SWAPS,
    overrides: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train the NER model and write it to ``out/model``.

    Args:
        data_dir: The folder that holds ``msra_ner/`` (and ``cluener2020/``).
        out: Output folder: ``corpus/`` (DocBins), ``training/`` (checkpoints),
            ``model/`` (the best checkpoint) and ``meta.json`` (scores, time).
        config: The spaCy config file.
        cluener: Also train on CLUENER2020 train, mapped to PER/LOC/ORG.
        rosters: How many synthetic name lists (from the MSRA training names) to add.
        swaps: Share of the MSRA training texts to add again with new person and place names.
        overrides: Config overrides, e.g. ``{"training.max_epochs": 1}``.

    Returns:
        A summary: training seconds, label counts, dev and test scores.

    Raises:
        ModelError: The config cannot be read or training fails.
        InputError: A data file is missing or malformed.
    """
    import spacy
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as spacy_train
    from spacy.util import load_config

    out = Path(out)
    train_records = [p for r in load_split(data_dir, "msra-train") for p in split_record(r, max_chars=MAX_TRAIN_CHARS)]
    msra_records = list(train_records)
    if rosters:
        train_records += synthetic_rosters(msra_records, rosters, seed=0, max_chars=MAX_TRAIN_CHARS)
    if swaps:
        from kg.nlp.ner.lexicon import default_lists

        lists = default_lists()
        train_records += entity_swaps(msra_records, swaps, surnames=lists["surnames"], places=lists["places"], seed=0)
    if cluener:
        train_records += load_split(data_dir, "cluener-train")
    dev_records = load_split(data_dir, "msra-dev")
    logger.info("training on %d texts %s, dev %d texts", len(train_records), count_labels(train_records), len(dev_records))

    vocab = spacy.blank("zh").vocab
    train_path, dev_path = out / "corpus" / "train.spacy", out / "corpus" / "dev.spacy"
    write_docbin(train_records, train_path, vocab=vocab)
    write_docbin(dev_records, dev_path, vocab=vocab)

    settings = {"paths.train": str(train_path), "paths.dev": str(dev_path), **(overrides or {})}
    try:
        nlp_config = load_config(config, overrides=settings, interpolate=False)
    except (OSError, ValueError) as e:
        raise ModelError(f"cannot read the training config {config}: {e}") from e

    (out / "training").mkdir(parents=True, exist_ok=True)
    char_tokenizer.cache_segmentation(True)
    started = time.perf_counter()
    try:
        nlp = init_nlp(nlp_config, use_gpu=-1)
        spacy_train(nlp, out / "training", use_gpu=-1, stdout=_LogWriter(logging.INFO), stderr=_LogWriter(logging.WARNING))
    finally:
        char_tokenizer.cache_segmentation(False)
    seconds = time.perf_counter() - started

    best = out / "training" / "model-best"
    model_dir = out / "model"
    if model_dir.exists():
        shutil.rmtree(model_dir)
    shutil.copytree(best, model_dir)
    _prune_strings(model_dir)

    summary: dict[str, Any] = {
        "train_seconds": round(seconds, 1),
        "train_texts": len(train_records),
        "train_labels": count_labels(train_records),
        "cluener": cluener,
        "rosters": rosters,
        "swaps": swaps,
        "overrides": overrides or {},
    }
    from kg.nlp.ner import NerModel  # the runtime wrapper: chunking, batching

    model = NerModel(model_dir)
    for split in ("msra-dev", "msra-test"):
        records = dev_records if split == "msra-dev" else load_split(data_dir, split)
        predicted = model.predict_many([text for text, _ in records])
        summary[split] = score_spans([spans for _, spans in records], predicted)
    (out / "meta.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    logger.info("trained in %.0f s; test micro F1 %.4f", seconds, summary["msra-test"]["micro"]["f"])
    return summary
