#!/usr/bin/env python3
"""Load benchmark: batched UNWIND loader vs one transaction per row, on a real Neo4j, in one run.

    .venv/bin/python bench/load.py                 # starts its own server (kg.neo4j_server), stops it at the end
    .venv/bin/python bench/load.py --articles 2000 --sample-rows 3000
    NEO4J_URI=… NEO4J_PASSWORD=… .venv/bin/python bench/load.py --use-env   # an already running server (its data is deleted)

The graph is synthetic (kg.store.synthetic: governance articles made from
templates), at least 50,000 relationships by default.  Both loaders run the
same statements of cypher/write/:

* per-row: a sample of the rows, each node and each relationship in its own
  managed transaction (``execute_write`` with a one-row ``$rows``);
* batched: :meth:`kg.store.neo4j_store.Neo4jStore.write` on the whole graph
  (``UNWIND $rows`` statements, ``--batch-rows`` rows per transaction, each
  article's old facts replaced, orphans swept, sha256 marked).

Both run after a warm-up (``--warmup`` articles of another seed, loaded both
ways and deleted), so that neither pays for the JVM compiling the queries.

It prints rows/s for both and their ratio (target: batched >= 50x).
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg import neo4j_server  # noqa: E402
from kg.model import GraphBatch  # noqa: E402
from kg.query import load  # noqa: E402
from kg.store import neo4j_store as ns  # noqa: E402
from kg.store.synthetic import synthetic_batches  # noqa: E402


def rows_of(batches: list[GraphBatch]) -> int:
    """Input rows: one per article, node and relationship."""
    return sum(1 + len(b.nodes) + len(b.relations) for b in batches)


def per_row_load(store: ns.Neo4jStore, batches: list[GraphBatch], sample_rows: int) -> tuple[int, float]:
    """Write the first ``sample_rows`` rows of the batches, one managed transaction per row."""
    upsert_article = load("write/upsert_articles")
    upsert_node = load("write/upsert_nodes")
    create = load("write/create_relationships")
    eids: dict[str, str] = {}
    done = 0
    started = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for batch in batches:
            article_row = ns._article_row(batch)
            record = session.execute_write(lambda tx, r=article_row: tx.run(upsert_article.cypher, rows=[r]).single())
            eids[record["id"]] = record["eid"]
            done += 1
            for label, rows in ns._node_rows([batch]).items():
                cypher = upsert_node.for_label(label).cypher
                for row in rows:
                    record = session.execute_write(lambda tx, r=row, c=cypher: tx.run(c, rows=[r]).single())
                    eids[record["id"]] = record["eid"]
                    done += 1
            for rel_type, rows in ns._relationship_rows([batch], eids).items():
                cypher = create.for_type(rel_type).cypher
                for row in rows:
                    session.execute_write(lambda tx, r=row, c=cypher: tx.run(c, rows=[r]).consume())
                    done += 1
            if done >= sample_rows:
                break
    return done, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles (1000 give about 76,000 relationships)")
    parser.add_argument("--facts", type=int, default=40, help="facts per article (plus one MENTIONS per node)")
    parser.add_argument("--sample-rows", type=int, default=2000, help="rows written one transaction each")
    parser.add_argument("--batch-rows", type=int, default=5000, help="rows per transaction of the batched loader")
    parser.add_argument("--warmup", type=int, default=100, help="articles loaded both ways (then deleted) before measuring, so both run on a warm JVM")
    parser.add_argument("--use-env", action="store_true", help="use the server of NEO4J_URI/NEO4J_PASSWORD instead of starting one (its data is deleted)")
    args = parser.parse_args(argv)

    batches = list(synthetic_batches(args.articles, facts_per_article=args.facts))
    relationships = sum(len(b.relations) for b in batches)
    total_rows = rows_of(batches)
    print(f"graph: {args.articles} articles, {sum(len(b.nodes) for b in batches):,} node rows, {relationships:,} relationships ({total_rows:,} rows)")
    if relationships < 50_000:
        print("note: fewer than 50,000 relationships; raise --articles for the reference measurement")

    home = None
    if args.use_env:
        settings = ns.settings_from_env()
    else:
        neo4j_server.install()
        home = Path(tempfile.mkdtemp(prefix="kg-bench-neo4j-"))
        password = secrets.token_urlsafe(18)
        bolt, http = neo4j_server.free_port(), neo4j_server.free_port()
        handle = neo4j_server.start(home=home, bolt_port=bolt, http_port=http, password=password, heap="1g", pagecache="512m", timeout=600)
        print(f"server: Neo4j {handle.version} started in {handle.startup_seconds:.1f}s on {handle.uri}")
        settings = {"uri": handle.uri, "user": handle.user, "password": password, "database": "neo4j"}
    try:
        with ns.Neo4jStore(settings["uri"], settings["user"], settings["password"], settings["database"], batch_rows=args.batch_rows) as store:
            store.clear()
            store.ensure_schema()
            if args.warmup:
                # A fresh JVM compiles the Cypher runtime and the query plans on first use.
                warm = list(synthetic_batches(args.warmup, facts_per_article=args.facts, seed=1))
                per_row_load(store, warm, min(500, rows_of(warm)))
                store.clear()
                store.write(warm)
                store.clear()

            sample_done, sample_s = per_row_load(store, batches, args.sample_rows)
            per_row_rate = sample_done / sample_s
            print(f"per-row: {sample_done:,} rows, one transaction each, in {sample_s:.1f}s = {per_row_rate:,.0f} rows/s")
            store.clear()

            started = time.perf_counter()
            summary = store.write(batches)
            batched_s = time.perf_counter() - started
            batched_rate = total_rows / batched_s
            stats = store.stats()
            print(
                f"batched: {total_rows:,} rows ({summary.articles_written} articles, {args.batch_rows} rows per transaction) "
                f"in {batched_s:.1f}s = {batched_rate:,.0f} rows/s"
            )
            print(f"stored: {stats.node_count:,} nodes, {stats.relationship_count:,} relationships")

            started = time.perf_counter()
            again = store.write(batches)
            print(f"re-load (all {again.articles_unchanged} articles unchanged, skipped): {time.perf_counter() - started:.1f}s")
            print(f"ratio batched/per-row: {batched_rate / per_row_rate:.1f}x (target >= 50x)")
            store.clear()
    finally:
        if home is not None:
            neo4j_server.stop(home=home)
    return 0


if __name__ == "__main__":
    sys.exit(main())
