"""Entity-level exact-match scores (precision, recall, F1 per type and micro)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Span = tuple[int, int, str]


def score_spans(
    gold: Iterable[Sequence[Span]],
    predicted: Iterable[Sequence[Span]],
    *,
    labels: Sequence[str] = ("PER", "LOC", "ORG"),
) -> dict[str, dict[str, float]]:
    """Score predicted spans against gold spans, text by text.

    A prediction counts only if its start, end and label all equal a gold span's.

    Args:
        gold: Gold spans of each text.
        predicted: Predicted spans of the same texts, in the same order.
        labels: The types to report; spans of other types count against precision.

    Returns:
        ``{type: {"p", "r", "f", "tp", "n_gold", "n_pred"}}`` for each label and ``"micro"``.

    >>> s = score_spans([[(0, 2, "PER"), (3, 5, "LOC")]], [[(0, 2, "PER"), (3, 4, "LOC")]])
    >>> s["micro"]["p"], s["micro"]["r"], s["PER"]["f"]
    (0.5, 0.5, 1.0)
    """
    counts = {label: [0, 0, 0] for label in [*labels, "micro"]}  # tp, gold, pred
    for gold_spans, pred_spans in zip(gold, predicted, strict=True):
        g, p = set(gold_spans), set(pred_spans)
        for span in g:
            counts.setdefault(span[2], [0, 0, 0])[1] += 1
        for span in p:
            counts.setdefault(span[2], [0, 0, 0])[2] += 1
            if span in g:
                counts[span[2]][0] += 1
    micro = counts["micro"]
    for label in list(counts):
        if label != "micro":
            for i in range(3):
                micro[i] += counts[label][i]
    return {label: _prf(*counts[label]) for label in [*labels, "micro"]}


def _prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f": f, "tp": tp, "n_gold": n_gold, "n_pred": n_pred}


def format_scores(name: str, scores: dict[str, dict[str, float]]) -> list[str]:
    """Render scores as fixed-width table rows (one per type and micro).

    Args:
        name: The system's name, first column.
        scores: The result of :func:`score_spans`.

    Returns:
        Lines of text.
    """
    return [
        f"{name:<22} {label:<6} P {s['p']:.4f}  R {s['r']:.4f}  F1 {s['f']:.4f}  (gold {s['n_gold']}, pred {s['n_pred']})"
        for label, s in scores.items()
    ]
