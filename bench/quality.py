#!/usr/bin/env python3
"""Score kg's extraction against gold annotations, micro-averaged over every article.

usage: python bench/quality.py [--gold-dir DIR ...] [--compare-ner] [--no-ner] [--verbose]

For every ``GOLD_DIR/X.json`` it runs the pipeline on the article the gold
file names (``"text"``, relative to the gold folder's parent, or beside the
gold file), scores the graph with the evaluation's own ``score.py`` (found
in ``../shared/eval`` next to this repository, or ``--scorer-dir``) and
prints per-label and per-type precision/recall/F1 summed over all articles,
duplicates, the article metadata fields that are right, and one line per
article.  ``--compare-ner`` runs the pipeline twice in the same run — rules
and gazetteer only, then with the trained NER model — and prints both tables.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EVAL = ROOT.parent / "shared" / "eval"


def load_scorer(scorer_dir: Path):
    spec = importlib.util.spec_from_file_location("kg_eval_score", scorer_dir / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py in {scorer_dir}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_path(gold_file: Path, gold: dict) -> Path:
    rel = Path(gold["text"])
    for base in gold_file.parents:
        if (base / rel).exists():
            return base / rel
        if (base / rel.name).exists():
            return base / rel.name
    raise SystemExit(f"{gold_file}: cannot find the article {rel}")


def run(gold_dirs: list[Path], scorer, *, ner: bool) -> tuple[dict, list[tuple], float, int]:
    from kg.errors import InputError
    from kg.pipeline import extract

    sums = {"nodes": defaultdict(Counter), "relationships": defaultdict(Counter)}
    rows = []
    art_ok = art_n = 0
    chars = 0
    t0 = time.perf_counter()
    for gold_dir in gold_dirs:
        for gfile in sorted(gold_dir.glob("*.json")):
            gold = json.loads(gfile.read_text(encoding="utf-8"))
            path = article_path(gfile, gold)
            batches = [b for b in extract([str(path)], ner=ner) if not isinstance(b, InputError)]
            if not batches:
                print(f"{gfile.name}: the article could not be read", file=sys.stderr)
                pred = {"nodes": [], "relationships": []}
            else:
                pred = batches[0].to_graph_json()
                chars += len(batches[0].article.text)
            rep = scorer.score(gold, pred)
            for section in sums:
                for k, v in rep[section].items():
                    if k != "ALL":
                        sums[section][k].update({x: v.get(x, 0) for x in ("tp", "fp", "fn", "duplicates")})
            art_ok += sum(rep["article"].values())
            art_n += len(rep["article"])
            wrong = [k for k, ok in rep["article"].items() if not ok]
            rows.append((f"{gold_dir.name}/{gfile.stem}", rep["nodes"]["ALL"]["f1"], rep["relationships"]["ALL"]["f1"], wrong, rep))
    return sums, rows, time.perf_counter() - t0, chars, (art_ok, art_n)


def table(sums: dict, scorer) -> dict[str, float]:
    result = {}
    for section in ("nodes", "relationships"):
        print(f"{section}:")
        total = Counter()
        for k in sorted(sums[section]):
            c = sums[section][k]
            total.update(c)
            p, r, f = scorer.prf(c["tp"], c["fp"], c["fn"])
            dup = f" dup={c['duplicates']}" if c["duplicates"] else ""
            print(f"  {k:16s} P={p:.3f} R={r:.3f} F1={f:.3f}  tp={c['tp']} fp={c['fp']} fn={c['fn']}{dup}")
        p, r, f = scorer.prf(total["tp"], total["fp"], total["fn"])
        dup = f" dup={total['duplicates']}" if total["duplicates"] else ""
        print(f"  {'ALL':16s} P={p:.3f} R={r:.3f} F1={f:.3f}  tp={total['tp']} fp={total['fp']} fn={total['fn']}{dup}")
        result[section] = f
        result[f"{section}_duplicates"] = total["duplicates"]
    return result


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold-dir", action="append", type=Path, help="folder of gold JSON files (repeatable; default ../shared/eval/gold)")
    ap.add_argument("--scorer-dir", type=Path, default=DEFAULT_EVAL, help="folder holding score.py")
    ap.add_argument("--no-ner", action="store_true", help="rules and gazetteer only")
    ap.add_argument("--compare-ner", action="store_true", help="score without and with the NER model in one run")
    ap.add_argument("--verbose", "-v", action="store_true", help="print what each article missed and added")
    args = ap.parse_args(argv)
    gold_dirs = args.gold_dir or [DEFAULT_EVAL / "gold"]
    scorer = load_scorer(args.scorer_dir)
    modes = [False, True] if args.compare_ner else [not args.no_ner]
    summary = {}
    for ner in modes:
        title = "with the NER model" if ner else "rules and gazetteer only (no NER model)"
        print(f"== {title}: {', '.join(str(d) for d in gold_dirs)}")
        sums, rows, secs, chars, (art_ok, art_n) = run(gold_dirs, scorer, ner=ner)
        result = table(sums, scorer)
        for name, nf, rf, wrong, rep in rows:
            note = f"  metadata wrong: {', '.join(wrong)}" if wrong else ""
            print(f"  {name:32s} node F1 {nf:.3f} rel F1 {rf:.3f}{note}")
            if args.verbose:
                for section in ("nodes", "relationships"):
                    for k, v in rep[section].items():
                        if k == "ALL":
                            continue
                        if v.get("missed"):
                            print(f"      {k} missed: {'; '.join(v['missed'])}")
                        if v.get("extra"):
                            print(f"      {k} extra:  {'; '.join(v['extra'])}")
        print(f"article metadata fields right: {art_ok}/{art_n}")
        print(f"micro node F1 {result['nodes']:.3f} relationship F1 {result['relationships']:.3f} "
              f"duplicates {result['nodes_duplicates']} over {len(rows)} articles ({chars} chars, {secs:.1f} s)")
        summary[ner] = result
    if args.compare_ner:
        a, b = summary[False], summary[True]
        print(f"NER model: node F1 {a['nodes']:.3f} -> {b['nodes']:.3f} ({b['nodes'] - a['nodes']:+.3f}), "
              f"relationship F1 {a['relationships']:.3f} -> {b['relationships']:.3f} ({b['relationships'] - a['relationships']:+.3f})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main(sys.argv[1:]))
