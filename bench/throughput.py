#!/usr/bin/env python3
"""Throughput of the extraction pipeline against pkuseg segmentation alone.

usage: python bench/throughput.py [--chars 1000000] [--workers 2] [--no-ner-only]

In one process, on the same ~1 MB of article text (varied copies of the
shipped samples), it times: pkuseg segmentation alone; the full extraction
(spaCy pipeline + rules + gazetteer + graph assembly) without the NER model;
and with it.  It prints chars/s for each and the ratio to segmentation (the
targets: >= 0.5 without the model, >= 0.4 with it).  With ``--workers N`` it
also builds a corpus of separate article files into a temporary embedded
store with 1 and with N worker processes and prints articles/s and the
speed-up.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--chars", type=int, default=1_000_000, help="size of the text to process")
    ap.add_argument("--workers", type=int, default=0, help="also compare kg build with 1 and N workers")
    ap.add_argument("--articles", type=int, default=400, help="articles for the workers comparison")
    ap.add_argument("--no-ner-only", action="store_true", help="skip the run with the NER model")
    args = ap.parse_args(argv)

    from bench._corpus import texts, write_corpus
    from kg.clean.script import simplified_view
    from kg.ids import article_id, text_sha256
    from kg.model import Article
    from kg.nlp.tokenizer import load_pkuseg
    from kg.pipeline import extract_article

    corpus = texts(args.chars)
    total = sum(len(t) for t in corpus)
    articles = [Article(id=article_id(f"bench/{i}"), key=f"bench/{i}", text=t, sha256=text_sha256(t),
                        published_at="2023-06-01") for i, t in enumerate(corpus)]
    print(f"corpus: {len(corpus)} articles, {total} chars")

    seg = load_pkuseg()
    # warm up every stage once so that model loading is not timed
    seg.cut(corpus[0])
    extract_article(articles[0], ner=False)
    t0 = time.perf_counter()
    for t in corpus:
        seg.cut(simplified_view(t))
    seg_rate = total / (time.perf_counter() - t0)
    print(f"pkuseg segmentation alone      {seg_rate:10.0f} chars/s")

    rates = {}
    for ner in ([False] if args.no_ner_only else [False, True]):
        extract_article(articles[0], ner=ner)
        t0 = time.perf_counter()
        for a in articles:
            extract_article(a, ner=ner)
        rates[ner] = total / (time.perf_counter() - t0)
        name = "full extraction, NER model" if ner else "full extraction, no NER model"
        print(f"{name:30s} {rates[ner]:10.0f} chars/s   ratio to segmentation {rates[ner] / seg_rate:.2f}")

    if args.workers > 1:
        from kg.pipeline import build
        from kg.store.networkx_store import NetworkxStore

        with tempfile.TemporaryDirectory() as tmp:
            files = write_corpus(Path(tmp) / "in", args.articles)
            chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
            times = {}
            for w in (1, args.workers):
                store = NetworkxStore(Path(tmp) / f"store{w}", flush_every=100_000)
                t0 = time.perf_counter()
                report = build([str(Path(tmp) / "in")], store=store, workers=w)
                store.close()
                times[w] = time.perf_counter() - t0
                print(f"kg build, {w} worker(s): {report.built} articles ({chars} chars) in {times[w]:.1f} s "
                      f"= {report.built / times[w]:.1f} articles/s")
            print(f"speed-up with {args.workers} workers: {times[1] / times[args.workers]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
