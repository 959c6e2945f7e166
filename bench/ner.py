"""Entity-level exact-match P/R/F1 on MSRA test: trained model, jieba POS baseline, rules.

Usage::

    python bench/ner.py [DATA_DIR] [--limit N] [--model PATH]

DATA_DIR holds ``msra_ner/`` (default ``/work/shared/data/msra_ner``'s parent is
also accepted).  All rows are measured in the same run on the same sentences.
It also times ``load_ner().predict`` against ``pkuseg.pkuseg().cut`` on the
same texts (chars/s), and the model given pkuseg words (the ``kg_ner``
component's path in the pipeline, where the tokenizer already ran pkuseg).
"""

from __future__ import annotations

import argparse
import importlib
import time
from collections.abc import Callable, Sequence

from kg.nlp.ner import load_ner
from kg.nlp.ner.data import load_split
from kg.nlp.ner.evaluate import format_scores, score_spans
from kg.nlp.ner.tokenizer import pkuseg_words

Span = tuple[int, int, str]

# jieba's person-name tags: nr, plus nrfg / nrt (name subtypes in its dictionary).
JIEBA_LABELS = {"nr": "PER", "nrfg": "PER", "nrt": "PER", "ns": "LOC", "nt": "ORG"}


def jieba_spans(text: str) -> list[Span]:
    """Use jieba's part-of-speech tags as NER (nr -> PER, ns -> LOC, nt -> ORG)."""
    import jieba.posseg

    spans: list[Span] = []
    pos = 0
    for pair in jieba.posseg.cut(text):
        end = pos + len(pair.word)
        if pair.flag in JIEBA_LABELS:
            spans.append((pos, end, JIEBA_LABELS[pair.flag]))
        pos = end
    return spans


def rules_function() -> Callable[[str], list[Span]] | None:
    """Return ``kg.extract.names.rule_spans`` if that module exists yet."""
    try:
        module = importlib.import_module("kg.extract.names")
    except ImportError:
        return None
    return getattr(module, "rule_spans", None)


def timed(fn: Callable[[str], object], texts: Sequence[str]) -> float:
    """Return chars/s of calling ``fn`` on each text."""
    start = time.perf_counter()
    for text in texts:
        fn(text)
    return sum(map(len, texts)) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default="/work/shared/data/msra_ner")
    parser.add_argument("--limit", type=int, default=0, help="Only the first N test sentences.")
    parser.add_argument("--model", default=None, help="A model folder (default: the one shipped in kg).")
    args = parser.parse_args()

    records = load_split(args.data_dir, "msra-test")
    if args.limit:
        records = records[: args.limit]
    texts = [text for text, _ in records]
    gold = [spans for _, spans in records]
    print(f"MSRA test: {len(texts)} sentences, {sum(map(len, texts))} chars, {sum(map(len, gold))} entities")

    model = load_ner(args.model)
    start = time.perf_counter()
    predicted = model.predict_many(texts)
    seconds = time.perf_counter() - start
    for line in format_scores("kg NER model", score_spans(gold, predicted)):
        print(line)
    for line in format_scores("jieba POS (nr/ns/nt)", score_spans(gold, [jieba_spans(t) for t in texts])):
        print(line)
    rule_spans = rules_function()
    if rule_spans is None:
        print(f"{'rules only':<22} not available: kg.extract.names.rule_spans cannot be imported yet")
    else:
        for line in format_scores("rules only", score_spans(gold, [rule_spans(t) for t in texts])):
            print(line)

    import pkuseg

    segmenter = pkuseg.pkuseg()
    seg_speed = timed(segmenter.cut, texts)
    predict_speed = timed(model.predict, texts)
    words = [pkuseg_words(t) for t in texts]
    start = time.perf_counter()
    model.predict_many(texts, words=words)
    given_words_speed = sum(map(len, texts)) / (time.perf_counter() - start)
    print(f"speed: pkuseg cut {seg_speed:,.0f} chars/s")
    print(f"speed: predict(text), one text a call, pkuseg inside {predict_speed:,.0f} chars/s ({predict_speed / seg_speed:.2f}x pkuseg)")
    print(f"speed: predict_many, batched, pkuseg inside {sum(map(len, texts)) / seconds:,.0f} chars/s ({sum(map(len, texts)) / seconds / seg_speed:.2f}x pkuseg)")
    print(
        f"speed: model given pkuseg words (kg_ner component) {given_words_speed:,.0f} chars/s; "
        f"pkuseg + model {1 / (1 / seg_speed + 1 / given_words_speed):,.0f} chars/s "
        f"({1 / (1 + seg_speed / given_words_speed):.2f}x pkuseg)"
    )


if __name__ == "__main__":
    main()
