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


def timed(fn: Callable[[], object], n_chars: int) -> tuple[float, float]:
    """Call ``fn`` once; return chars/s by wall clock and by this process's CPU time.

    The machine is shared, so CPU-time rates are the ones comparable across runs.
    """
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return n_chars / (time.perf_counter() - wall), n_chars / (time.process_time() - cpu)


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
    predicted = model.predict_many(texts)
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
    n_chars = sum(map(len, texts))
    words = [pkuseg_words(t) for t in texts]
    rates = {
        "pkuseg cut": timed(lambda: [segmenter.cut(t) for t in texts], n_chars),
        "predict(text), pkuseg inside": timed(lambda: [model.predict(t) for t in texts], n_chars),
        "predict_many(texts), pkuseg inside": timed(lambda: model.predict_many(texts), n_chars),
        "model given pkuseg words (kg_ner)": timed(lambda: model.predict_many(texts, words=words), n_chars),
    }
    # Why the model reads characters: a pkuseg-word model can only find entities
    # whose both ends are pkuseg word boundaries.
    aligned = 0
    for spans, text_words in zip(gold, words):
        bounds = {offset for word in text_words for offset in word}
        aligned += sum(start in bounds and end in bounds for start, end, _ in spans)
    print(f"gold entities starting and ending on pkuseg word boundaries: {aligned}/{sum(map(len, gold))} = {aligned / max(1, sum(map(len, gold))):.4f}")
    seg_wall, seg_cpu = rates["pkuseg cut"]
    for name, (wall, cpu) in rates.items():
        print(f"speed: {name:<34} {wall:>9,.0f} chars/s wall ({wall / seg_wall:.2f}x pkuseg), {cpu:>9,.0f} chars/s CPU ({cpu / seg_cpu:.2f}x)")
    given_wall, given_cpu = rates["model given pkuseg words (kg_ner)"]
    print(
        "speed: pkuseg + kg_ner (the pipeline's share)  "
        f"{1 / (1 / seg_wall + 1 / given_wall):,.0f} chars/s wall ({given_wall / (seg_wall + given_wall):.2f}x pkuseg), "
        f"{1 / (1 / seg_cpu + 1 / given_cpu):,.0f} chars/s CPU ({given_cpu / (seg_cpu + given_cpu):.2f}x)"
    )


if __name__ == "__main__":
    main()
