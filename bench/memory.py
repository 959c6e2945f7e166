#!/usr/bin/env python3
"""Peak memory of building many articles on the embedded store.

usage: python bench/memory.py [--articles 2000] [--checkpoints 500,2000] [--workers 1] [--no-ner]

Writes N varied copies of the shipped samples as separate files and builds
them with ``kg build`` into a temporary store, in a child process per
checkpoint (so each peak is measured from a fresh process).  It prints the
peak RSS of each build and, to show that memory does not grow with the number
of articles, the ratio of the largest to the smallest.  The target: every
peak under 1.5 GB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
LIMIT_MB = 1536


def child(folder: str, store: str, workers: int, ner: bool) -> None:
    from kg.pipeline import build
    from kg.store.networkx_store import NetworkxStore

    t0 = time.perf_counter()
    target = NetworkxStore(store, flush_every=1000)
    report = build([folder], store=target, workers=workers, ner=ner)
    target.close()
    secs = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{report.built} {report.failed} {own:.0f} {kids:.0f} {secs:.1f}")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--checkpoints", default="500,2000", help="article counts to measure (comma separated)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--no-ner", action="store_true")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        folder, store, workers, ner = args.child
        child(folder, store, int(workers), ner == "1")
        return 0

    from bench._corpus import write_corpus

    counts = [int(c) for c in args.checkpoints.split(",")]
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in counts:
            folder = Path(tmp) / f"in{n}"
            write_corpus(folder, n)
            store = Path(tmp) / f"store{n}"
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(folder), str(store), str(args.workers), "0" if args.no_ner else "1"],
                capture_output=True, text=True, check=True,
            ).stdout.split()
            built, failed, own, kids, secs = int(out[0]), int(out[1]), float(out[2]), float(out[3]), float(out[4])
            peak = max(own, kids)
            peaks.append(peak)
            size = sum(p.stat().st_size for p in store.iterdir()) / 1e6
            print(f"{n:6d} articles: built {built}, failed {failed}, peak RSS {peak:7.0f} MB "
                  f"(main {own:.0f} MB, workers {kids:.0f} MB), {secs:.0f} s, store {size:.1f} MB")
    ok = all(p < LIMIT_MB for p in peaks)
    print(f"peak RSS {counts[-1]} vs {counts[0]} articles: {peaks[-1] / peaks[0]:.2f}x; "
          f"{'all under' if ok else 'OVER'} {LIMIT_MB} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
