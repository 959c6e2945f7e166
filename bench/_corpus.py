"""Synthetic corpora for the benchmarks, made by varying the shipped samples.

Every generated article is one of ``samples/`` with its figures changed and an
issue number added, so each has its own text (and sha256) but the same kind of
content as real reporting.
"""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import InputError
from kg.ingest import read_articles

ROOT = Path(__file__).resolve().parents[1]


def sample_articles():
    """Return the cleaned sample articles (title, text) shipped in samples/."""
    arts = [a for a in read_articles([str(ROOT / "samples")]) if not isinstance(a, InputError)]
    if not arts:
        raise SystemExit("no sample articles found in samples/")
    return arts


def vary(text: str, i: int) -> str:
    """Change every figure of ``text`` deterministically by ``i``."""
    def bump(m: re.Match) -> str:
        digits = m.group()
        return str(int(digits) + (i % 7) + 1) if len(digits) < 9 else digits
    return f"（第{i}期）\n" + re.sub(r"(?<![\d.])\d{1,8}(?![\d.年])", bump, text)


def texts(total_chars: int) -> list[str]:
    """Return varied article texts adding up to about ``total_chars`` characters."""
    base = [a.text for a in sample_articles()]
    out, size, i = [], 0, 0
    while size < total_chars:
        t = vary(base[i % len(base)], i)
        out.append(t)
        size += len(t)
        i += 1
    return out


def write_corpus(folder: Path, n: int) -> list[Path]:
    """Write ``n`` varied articles as UTF-8 text files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    base = sample_articles()
    paths = []
    for i in range(n):
        a = base[i % len(base)]
        p = folder / f"a{i:05d}.txt"
        p.write_text(vary(a.text, i), encoding="utf-8")
        paths.append(p)
    return paths
