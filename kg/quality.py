"""Score extraction against gold annotations, as tables, and say why each gold item was missed.

The scoring itself is the evaluation's own ``score.py`` (``../shared/eval``
beside this repository, or ``KG_EVAL_DIR``), loaded as a module, so the
numbers are the ones ``bench/quality.py`` prints.  This module runs the
pipeline on the article each gold file names, collects the scores as pandas
DataFrames (micro-averaged over articles) and explains every miss:

* a missed entity was extracted **with another label**, or **under another
  name** (one name holds the other), or its name is **not in the text**
  (the gold needs an inference: a relative reference, a canonical name the
  article never writes), or it is **in the text but was not extracted**;
* a missed relationship has **an end that was not extracted**, or both ends
  were found and the relationship was extracted **with another type** or
  **the other way round**, or **not at all**.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, Iterable, Mapping

import pandas as pd

from kg.errors import ConfigError, InputError

logger = logging.getLogger(__name__)

#: The repository root (kg is installed editable from it).
ROOT = Path(__file__).resolve().parents[1]


#: The copy of the evaluation's scorer shipped with kg (used when the evaluation is not beside the repository).
VENDORED_EVAL = Path(__file__).resolve().parent / "resources" / "eval"


def find_eval_dir() -> Path:
    """Return the folder of the evaluation's ``score.py`` (and ``gold/`` when it is the real one).

    ``KG_EVAL_DIR`` if set, else ``../shared/eval`` beside the repository, else
    the verbatim copy of the scorer shipped in ``kg/resources/eval`` (no gold there).

    Raises:
        ConfigError: ``KG_EVAL_DIR`` is set but has no ``score.py``.
    """
    if os.environ.get("KG_EVAL_DIR"):
        folder = Path(os.environ["KG_EVAL_DIR"])
        if not (folder / "score.py").is_file():
            raise ConfigError(f"no score.py in {folder}; set KG_EVAL_DIR to the folder of the evaluation (shared/eval)")
        return folder
    beside = ROOT.parent / "shared" / "eval"
    return beside if (beside / "score.py").is_file() else VENDORED_EVAL


def gold_dirs(eval_dir: str | os.PathLike[str]) -> list[Path]:
    """Return the gold folders to score: the evaluation's dev gold (when present) and our held-out set."""
    dirs = [Path(eval_dir) / "gold", ROOT / "tests" / "data" / "heldout"]
    return [d for d in dirs if d.is_dir()]


def load_scorer(eval_dir: str | os.PathLike[str] | None = None) -> ModuleType:
    """Load the evaluation's ``score.py`` as a module.

    Args:
        eval_dir: its folder (default :func:`find_eval_dir`).

    Returns:
        The module (``score``, ``match_nodes``, ``norm``, ``prf`` …).

    Raises:
        ConfigError: there is no ``score.py`` there.
    """
    folder = Path(eval_dir) if eval_dir is not None else find_eval_dir()
    path = folder / "score.py"
    spec = importlib.util.spec_from_file_location("kg_eval_score", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise ConfigError(f"cannot load {path}; set KG_EVAL_DIR to the folder of the evaluation")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def article_path(gold_file: Path, gold: Mapping[str, Any]) -> Path:
    """Return the article a gold file is about (its ``text``, relative to a parent folder or beside it).

    Raises:
        ConfigError: the article is not found.
    """
    rel = Path(gold["text"])
    for base in gold_file.resolve().parents:
        for candidate in (base / rel, base / rel.name):
            if candidate.is_file():
                return candidate
    raise ConfigError(f"{gold_file}: cannot find its article {rel}")


@dataclass(frozen=True, kw_only=True)
class QualityReport:
    """Scores of a set of gold files, as DataFrames.

    Attributes:
        articles: one row per article: ``set, article, node_p, node_r, node_f1,
            rel_p, rel_r, rel_f1, metadata_right, metadata_fields, metadata_wrong``.
        scores: micro-averaged precision/recall/F1 per ``section`` (nodes,
            relationships) and ``name`` (label or type; ``ALL`` last), with tp, fp, fn.
        misses: one row per missed gold item: ``set, article, section, name,
            gold, why, detail``.
        extras: one row per extracted item the gold does not have: ``set,
            article, section, name, extracted``.
    """

    articles: pd.DataFrame
    scores: pd.DataFrame
    misses: pd.DataFrame
    extras: pd.DataFrame


def score_gold(
    gold_dirs: Iterable[str | os.PathLike[str]],
    *,
    scorer: ModuleType | None = None,
    ner: bool | None = None,
) -> QualityReport:
    """Run the pipeline on the article of every gold file and score it.

    Args:
        gold_dirs: folders of gold JSON files (``shared/eval/gold``, ``tests/data/heldout``).
        scorer: the evaluation's ``score.py`` module (default :func:`load_scorer`).
        ner: use the trained NER model (default: as ``kg build``).

    Returns:
        The scores, per article and micro-averaged, with every miss explained.

    Raises:
        ConfigError: a gold folder is empty or an article is missing.
    """
    from kg.pipeline import extract  # noqa: PLC0415 - loads the NLP pipeline

    scorer = scorer or load_scorer()
    article_rows: list[dict[str, Any]] = []
    sums: dict[str, dict[str, Counter[str]]] = {"nodes": defaultdict(Counter), "relationships": defaultdict(Counter)}
    misses: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
    for gold_dir in map(Path, gold_dirs):
        files = sorted(gold_dir.glob("*.json"))
        if not files:
            raise ConfigError(f"no gold *.json files in {gold_dir}")
        for gold_file in files:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            path = article_path(gold_file, gold)
            batches = [b for b in extract([str(path)], ner=ner) if not isinstance(b, InputError)]
            pred = batches[0].to_graph_json() if batches else {"nodes": [], "relationships": []}
            text = batches[0].article.text if batches else ""
            report = scorer.score(gold, pred)
            where = {"set": gold_dir.name, "article": gold_file.stem}
            wrong = [k for k, ok in report["article"].items() if not ok]
            article_rows.append(
                {
                    **where,
                    **{f"node_{k}": report["nodes"]["ALL"][k] for k in ("p", "r", "f1")},
                    **{f"rel_{k}": report["relationships"]["ALL"][k] for k in ("p", "r", "f1")},
                    "metadata_right": sum(report["article"].values()),
                    "metadata_fields": len(report["article"]),
                    "metadata_wrong": wrong,
                }
            )
            for section in sums:
                for name, counts in report[section].items():
                    if name != "ALL":
                        sums[section][name].update({k: counts.get(k, 0) for k in ("tp", "fp", "fn", "duplicates")})
                        extras.extend({**where, "section": section, "name": name, "extracted": item} for item in counts.get("extra", []))
            misses.extend({**where, **row} for row in explain_misses(gold, pred, text, scorer=scorer))
    score_rows = []
    for section, per_name in sums.items():
        total: Counter[str] = Counter()
        for name in sorted(per_name):
            counts = per_name[name]
            total.update(counts)
            score_rows.append(_score_row(section, name, counts, scorer))
        score_rows.append(_score_row(section, "ALL", total, scorer))
    return QualityReport(
        articles=pd.DataFrame(article_rows),
        scores=pd.DataFrame(score_rows),
        misses=pd.DataFrame(misses, columns=["set", "article", "section", "name", "gold", "why", "detail"]),
        extras=pd.DataFrame(extras, columns=["set", "article", "section", "name", "extracted"]),
    )


def _score_row(section: str, name: str, counts: Mapping[str, int], scorer: ModuleType) -> dict[str, Any]:
    p, r, f = scorer.prf(counts.get("tp", 0), counts.get("fp", 0), counts.get("fn", 0))
    return {
        "section": section, "name": name, "p": round(p, 3), "r": round(r, 3), "f1": round(f, 3),
        "tp": counts.get("tp", 0), "fp": counts.get("fp", 0), "fn": counts.get("fn", 0), "duplicates": counts.get("duplicates", 0),
    }


#: Why a gold item was missed (the ``why`` column), most actionable first.
REASONS = (
    "extracted with another label",
    "extracted under another name",
    "name not in the text (needs inference)",
    "in the text, not extracted",
    "an end was not extracted",
    "extracted with another type",
    "extracted the other way round",
    "attached to another entity",
    "both ends found, not extracted",
)


def explain_misses(gold: Mapping[str, Any], pred: Mapping[str, Any], text: str, *, scorer: ModuleType) -> list[dict[str, Any]]:
    """Say why each non-optional gold entity and relationship was missed.

    Args:
        gold: a gold annotation (``entities``, ``relations``).
        pred: the graph JSON extracted from its article.
        text: the article's cleaned text.
        scorer: the evaluation's ``score.py`` module (its matching and name normalisation).

    Returns:
        Rows ``{"section", "name", "gold", "why", "detail"}``; ``why`` is one of :data:`REASONS`.
    """
    norm = scorer.norm
    entities = gold["entities"]
    nodes = [n for n in pred.get("nodes", []) if n.get("label") in scorer._SCORED_LABELS]
    mapping = scorer.match_nodes(gold, nodes)
    found = set(mapping.values()) - {None}
    flat_text = norm(text)
    rows: list[dict[str, Any]] = []
    for i, entity in enumerate(entities):
        if entity.get("optional") or i in found:
            continue
        names = scorer.names_of(entity)
        why, detail = _why_entity(entity, names, nodes, flat_text, scorer)
        rows.append({"section": "nodes", "name": entity["label"], "gold": entity["name"], "why": why, "detail": detail})

    name_to_idx: dict[str, set[int]] = defaultdict(set)
    for i, entity in enumerate(entities):
        name_to_idx[norm(entity["name"])].add(i)
    pred_pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
    for rel in pred.get("relationships", []):
        head, tail = mapping.get(rel.get("start")), mapping.get(rel.get("end"))
        if head is not None and tail is not None and rel.get("type") != "MENTIONS":
            pred_pairs[(head, tail)].add(rel["type"])
    pred_triples = {(t, h, e) for (h, e), types in pred_pairs.items() for t in types}
    names = {n["id"]: n.get("name") for n in pred.get("nodes", [])}
    typed = [(r.get("type"), r.get("start"), r.get("end")) for r in pred.get("relationships", [])]
    gold_triples = {
        (r["type"], h, t)
        for r in gold["relations"]
        for h in {i for x in scorer.as_list(r["head"]) for i in name_to_idx[norm(x)]}
        for t in {i for x in scorer.as_list(r["tail"]) for i in name_to_idx[norm(x)]}
    }
    for rel in gold["relations"]:
        if rel.get("optional"):
            continue
        heads = {i for h in scorer.as_list(rel["head"]) for i in name_to_idx[norm(h)]}
        tails = {i for t in scorer.as_list(rel["tail"]) for i in name_to_idx[norm(t)]}
        if any((rel["type"], h, t) in pred_triples for h in heads for t in tails):
            continue  # found (the scorer may still have spent that match elsewhere)
        label = f"{'|'.join(scorer.as_list(rel['head']))} -> {'|'.join(scorer.as_list(rel['tail']))}"
        missing_ends = [entities[i]["name"] for i in sorted(heads | tails) if i not in found and not entities[i].get("optional")]
        head_found, tail_found = heads & found, tails & found
        if not head_found or not tail_found:
            why, detail = "an end was not extracted", "missing: " + "、".join(missing_ends or [entities[i]["name"] for i in sorted((heads - found) | (tails - found))])
        else:
            other = {t for h in head_found for e in tail_found for t in pred_pairs.get((h, e), set())}
            backwards = {t for h in head_found for e in tail_found for t in pred_pairs.get((e, h), set())}
            if other:
                why, detail = "extracted with another type", "as " + ", ".join(sorted(other))
            elif rel["type"] in backwards:
                why, detail = "extracted the other way round", f"{rel['type']} from tail to head"
            else:
                # A relationship of this type, not in the gold, that shares the tail (else the head).
                stray = [(s_, e_) for t, s_, e_ in typed if t == rel["type"] and (t, mapping.get(s_), mapping.get(e_)) not in gold_triples]
                elsewhere = sorted({f"{names.get(s_)} -> {names.get(e_)}" for s_, e_ in stray if mapping.get(e_) in tail_found}) or sorted(
                    {f"{names.get(s_)} -> {names.get(e_)}" for s_, e_ in stray if mapping.get(s_) in head_found}
                )
                if elsewhere:
                    why, detail = "attached to another entity", "extracted: " + "; ".join(elsewhere[:3])
                else:
                    why, detail = "both ends found, not extracted", ""
        rows.append({"section": "relationships", "name": rel["type"], "gold": label, "why": why, "detail": detail})
    return rows


def _why_entity(entity: Mapping[str, Any], names: set[str], nodes: list[Mapping[str, Any]], flat_text: str, scorer: ModuleType) -> tuple[str, str]:
    label = entity["label"]
    for node in nodes:
        if node.get("label") != label and scorer.names_of(node) & names:
            return "extracted with another label", f"as {node['label']} {node.get('name')}"
    for node in nodes:
        if node.get("label") == label:
            for pred_name in scorer.names_of(node):
                if any(pred_name in n or n in pred_name for n in names if len(n) >= 2 and len(pred_name) >= 2):
                    return "extracted under another name", f"as {node.get('name')}"
    if not any(n in flat_text for n in names):
        return "name not in the text (needs inference)", "names: " + "、".join(sorted(names))
    return "in the text, not extracted", ""
