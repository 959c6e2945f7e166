"""Read the public NER corpora (MSRA BIO, CLUENER2020 JSONL) as texts with spans.

The training data never enters the repository: these readers take paths to the
shared copies.  Everything here returns plain ``(text, spans)`` records, spans
being ``(start, end, label)`` character offsets with ``end`` exclusive and
labels ``PER``/``LOC``/``ORG``.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kg.errors import InputError

logger = logging.getLogger(__name__)

Span = tuple[int, int, str]
Record = tuple[str, list[Span]]

#: The entity labels of the model (MSRA's three types).
LABELS: tuple[str, ...] = ("PER", "LOC", "ORG")

#: CLUENER2020 types mapped onto MSRA's; the other types (book, game, movie,
#: position, scene, ...) are dropped because MSRA does not annotate them.
CLUENER_MAP: dict[str, str] = {
    "name": "PER",
    "address": "LOC",
    "company": "ORG",
    "organization": "ORG",
    "government": "ORG",
}

# Where a long text may be cut: after sentence-final punctuation (full or half
# width) or a line break, keeping the punctuation with the sentence it ends.
_SENT_END = re.compile(r"[。！？；!?;…\n]+[”’」』）)]*")
# Where a sentence too long for one piece may be cut: after clause punctuation or a space.
_CLAUSE_END = re.compile(r"[，、：,:\s\u3000]+[”’」』）)]*|[）)]")


def read_bio(path: str | Path) -> Iterator[Record]:
    """Read a one-char-per-line BIO file (``char<TAB>tag``, blank line between sentences).

    Args:
        path: The ``.bio`` file.

    Returns:
        An iterator of ``(text, spans)``; an ``I-`` tag without a ``B-`` starts a span.

    Raises:
        InputError: A line is not ``char<TAB>tag``.
    """
    chars: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if chars:
                    yield "".join(chars), bio_to_spans(tags)
                    chars, tags = [], []
                continue
            char, sep, tag = line.rpartition("\t")
            if not sep or len(char) != 1:
                raise InputError(str(path), f"expected 'char<TAB>tag', got {line!r}", line=number)
            chars.append(char)
            tags.append(tag.strip())
    if chars:
        yield "".join(chars), bio_to_spans(tags)


def bio_to_spans(tags: list[str]) -> list[Span]:
    """Turn per-character BIO tags into ``(start, end, label)`` spans.

    Args:
        tags: One tag per character (``O``, ``B-X``, ``I-X``).

    Returns:
        The spans, ``end`` exclusive.

    >>> bio_to_spans(["B-PER", "I-PER", "O", "I-LOC", "B-ORG"])
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'ORG')]
    """
    spans: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        if start >= 0 and (prefix != "I" or kind != label):
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix == "B" or (prefix == "I" and start < 0 and kind):
            start, label = i, kind
    return spans


def read_cluener(path: str | Path, *, mapping: dict[str, str] | None = None) -> Iterator[Record]:
    """Read a CLUENER2020 JSONL file, keeping the types that map onto PER/LOC/ORG.

    Args:
        path: ``train.json`` or ``dev.json`` (inclusive ``[start, end]`` offsets).
        mapping: CLUENER type -> label; default :data:`CLUENER_MAP`.

    Returns:
        An iterator of ``(text, spans)`` with overlapping spans dropped.

    Raises:
        InputError: A line is not JSON.
    """
    mapping = CLUENER_MAP if mapping is None else mapping
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(str(path), f"not JSON: {e}", line=number) from e
            spans: list[Span] = []
            for kind, mentions in record.get("label", {}).items():
                if kind not in mapping:
                    continue
                for offsets in mentions.values():
                    spans.extend((s, e + 1, mapping[kind]) for s, e in offsets)
            yield record["text"], _drop_overlaps(spans)


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans):
        if kept and span[0] < kept[-1][1]:
            continue
        kept.append(span)
    return kept


def sentence_cuts(text: str, *, max_chars: int) -> list[int]:
    """Return offsets where ``text`` may be cut so that pieces stay under ``max_chars``.

    Cuts fall after sentence punctuation where possible; a sentence longer than
    ``max_chars`` is cut after the last clause punctuation (，、：…) or space
    of each piece that leaves at least half of it, else at ``max_chars``.

    Args:
        text: Any text.
        max_chars: The longest piece wanted.

    Returns:
        Sorted cut offsets, including ``0`` and ``len(text)``.

    >>> sentence_cuts("甲。乙。丙丁。", max_chars=4)
    [0, 4, 7]
    >>> sentence_cuts("甲乙丙，丁戊己庚辛", max_chars=6)
    [0, 4, 9]
    """
    ends = [m.end() for m in _SENT_END.finditer(text)]
    cuts = [0]
    last_end = 0
    for end in [*ends, len(text)]:
        while end - cuts[-1] > max_chars:
            if last_end > cuts[-1]:
                cuts.append(last_end)
                continue
            start = cuts[-1]
            weak = [m.end() for m in _CLAUSE_END.finditer(text, start + max(1, max_chars // 2), start + max_chars)]
            cuts.append(weak[-1] if weak else start + max_chars)
        last_end = end
    if cuts[-1] != len(text):
        cuts.append(len(text))
    return cuts


def split_record(record: Record, *, max_chars: int) -> list[Record]:
    """Split a long record at sentence punctuation, never inside an entity.

    Args:
        record: ``(text, spans)``.
        max_chars: Records longer than this are split.

    Returns:
        One or more records with offsets relative to each piece.
    """
    text, spans = record
    if len(text) <= max_chars:
        return [record]
    inside = set()
    for start, end, _ in spans:
        inside.update(range(start + 1, end))
    cuts = [c for c in sentence_cuts(text, max_chars=max_chars) if c not in inside]
    pieces: list[Record] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = [(s - a, e - a, label) for s, e, label in spans if a <= s and e <= b]
        pieces.append((text[a:b], piece))
    return pieces


def load_split(data_dir: str | Path, split: str) -> list[Record]:
    """Load a named split of the shared data directory.

    Args:
        data_dir: The folder holding ``msra_ner/`` (and ``cluener2020/``), or ``msra_ner/`` itself.
        split: ``msra-train`` (lemonhu train), ``msra-dev`` (lemonhu dev), ``msra-train-full``,
            ``msra-test``, ``cluener-train`` or ``cluener-dev``.

    Returns:
        The records.

    Raises:
        InputError: The split's file is missing.
    """
    root = Path(data_dir)
    msra = root / "msra_ner" if (root / "msra_ner").is_dir() else root
    cluener = root / "cluener2020" if (root / "cluener2020").is_dir() else root.parent / "cluener2020"
    files = {
        "msra-train": msra / "split_lemonhu" / "train.bio",
        "msra-dev": msra / "split_lemonhu" / "dev.bio",
        "msra-train-full": msra / "train.bio",
        "msra-test": msra / "test.bio",
        "cluener-train": cluener / "train.json",
        "cluener-dev": cluener / "dev.json",
    }
    if split not in files:
        raise InputError(str(root), f"unknown split {split!r}; use one of {sorted(files)}")
    path = files[split]
    if not path.is_file():
        raise InputError(str(path), "missing; pass the folder that holds msra_ner/ and cluener2020/")
    records = read_cluener(path) if split.startswith("cluener") else read_bio(path)
    return list(records)


def count_labels(records: Iterable[Record]) -> dict[str, int]:
    """Count spans per label (for logs and the model card)."""
    counts: dict[str, int] = {}
    for _, spans in records:
        for _, _, label in spans:
            counts[label] = counts.get(label, 0) + 1
    return counts


#: Headings of the name lists (rosters) that :func:`synthetic_rosters` writes.
ROSTER_HEADINGS: tuple[str, ...] = (
    "主任", "副主任", "主任委员", "副主任委员", "委员", "常务委员", "主席", "副主席", "名誉主席", "秘书长",
    "副秘书长", "组长", "副组长", "成员", "顾问", "理事", "常务理事", "会长", "副会长", "代表", "团长", "副团长",
)
#: Notes that follow a name in a roster.
ROSTER_NOTES: tuple[str, ...] = ("（女）", "（女）", "（女）", "（满族）", "（回族）", "（蒙古族）", "（特邀）")


def synthetic_rosters(records: Iterable[Record], n: int, *, seed: int = 0, max_chars: int = 250) -> list[Record]:
    """Write ``n`` name lists (rosters) from the people named in ``records``.

    News prints committees, delegations and award winners as long runs of names
    with no separator (``主任委员：江泽民委员：李鹏乔石李瑞环...``); the MSRA
    training text has almost none (2 of 42,000 sentences), so a model trained on
    it finds few names in such runs.  These rosters are built from the training
    names only: an optional heading with a colon, then names joined with nothing
    (most lists), ``、`` or a space, some followed by a note such as ``（女）``.

    Args:
        records: Training records; their ``PER`` spans of 2 to 6 characters are the names.
        n: How many rosters to write.
        seed: Random seed (the same seed gives the same rosters).
        max_chars: Longest roster.

    Returns:
        ``(text, spans)`` records, every name a ``PER`` span.

    >>> rosters = synthetic_rosters([("王小川和李四说", [(0, 3, "PER"), (4, 6, "PER")])], 2)
    >>> [(t[s:e], label) for t, spans in rosters for s, e, label in spans][:2]
    [('李四', 'PER'), ('王小川', 'PER')]
    """
    import random

    rng = random.Random(seed)
    names = sorted({text[s:e] for text, spans in records for s, e, label in spans if label == "PER" and 2 <= e - s <= 6})
    if not names:
        return []
    rosters: list[Record] = []
    for _ in range(n):
        separator = rng.choices(["", "、", " ", "　"], weights=[70, 15, 5, 10])[0]
        target = rng.randint(min(40, max_chars // 2), max_chars)
        text, spans = "", []
        while len(text) < target:
            before = ""
            if rng.random() < (0.6 if not text else 0.08):
                before = rng.choice(ROSTER_HEADINGS) + "："
            elif text:
                before = separator
            name = rng.choice(names)
            after = rng.choice(ROSTER_NOTES) if rng.random() < 0.06 else ""
            if len(text) + len(before) + len(name) + len(after) + 1 > max_chars:
                break
            start = len(text) + len(before)
            spans.append((start, start + len(name), "PER"))
            text += before + name + after
        if not spans:
            continue
        if rng.random() < 0.5:
            text += "。"
        rosters.append((text, spans))
    return rosters


def entity_swaps(
    records: Sequence[Record],
    fraction: float,
    *,
    surnames: Iterable[str],
    places: Sequence[str] = (),
    seed: int = 0,
) -> list[Record]:
    """Copies of some training texts with their people and places renamed.

    A model that has seen a name in training finds it again nine times in ten;
    a name it has not seen, far less often (MSRA test: recall about 0.6 for
    unseen people, 0.4 for unseen places).  These copies put new names in the
    same sentences so that the model learns the contexts and the shape of
    names rather than the names themselves: each Chinese-looking person (a
    known surname and 2-3 characters) becomes a new name made of a surname and
    given-name characters drawn as often as in the training names; other people
    become another training person; each place becomes, half of the time, a
    name from ``places`` (a gazetteer), else another training place.

    Args:
        records: Training records.
        fraction: Share of the records (those with a person or place) to copy.
        surnames: Single-character surnames.
        places: Place names to draw from besides the training ones.
        seed: Random seed.

    Returns:
        The renamed copies (the originals are not included).

    >>> copies = entity_swaps([("王小川在柳河村", [(0, 3, "PER"), (4, 7, "LOC")])], 1.0, surnames="王李")
    >>> [(t[s:e], label) for t, spans in copies for s, e, label in spans][0][1], len(copies)
    ('PER', 1)
    """
    import random

    rng = random.Random(seed)
    surname_set = set(surnames)
    people = sorted({t[s:e] for t, spans in records for s, e, label in spans if label == "PER"})
    train_places = sorted({t[s:e] for t, spans in records for s, e, label in spans if label == "LOC"})
    given: list[str] = []
    family: list[str] = []
    for name in people:
        if name[0] in surname_set and 2 <= len(name) <= 3:
            family.append(name[0])
            given.extend(name[1:])
    if not people or not given:
        return []

    def new_person(old: str) -> str:
        if old[0] in surname_set and 2 <= len(old) <= 3:
            return rng.choice(family) + "".join(rng.choice(given) for _ in range(rng.choice([1, 2, 2])))
        return rng.choice(people)

    def new_place() -> str:
        if places and rng.random() < 0.5:
            return rng.choice(places)
        return rng.choice(train_places)

    copies: list[Record] = []
    for text, spans in records:
        if not any(label in ("PER", "LOC") for _, _, label in spans) or rng.random() >= fraction:
            continue
        pieces: list[str] = []
        new_spans: list[Span] = []
        pos = 0
        length = 0
        for start, end, label in spans:
            pieces.append(text[pos:start])
            length += start - pos
            name = text[start:end]
            if label == "PER":
                name = new_person(name)
            elif label == "LOC" and train_places:
                name = new_place()
            new_spans.append((length, length + len(name), label))
            pieces.append(name)
            length += len(name)
            pos = end
        pieces.append(text[pos:])
        copies.append(("".join(pieces), new_spans))
    return copies
