"""The whole job: articles in, graph batches out, written to a store.

``extract_article(article)`` runs the spaCy pipeline over the simplified view
of the article and turns the doc into a :class:`~kg.model.GraphBatch`;
``build(sources, store=...)`` streams every input through it (optionally in
several worker processes) and writes the batches, reporting each input that
could not be read without stopping the others.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from kg.clean.script import simplified_view
from kg.errors import InputError
from kg.extract.graph import doc_to_graph
from kg.ingest import read_articles
from kg.model import Article, GraphBatch
from kg.store.base import GraphStore

log = logging.getLogger(__name__)

#: Use the trained NER model unless KG_NER=0 (for measuring the rules alone).
_NER_DEFAULT = os.environ.get("KG_NER", "1") not in ("0", "false", "no")


def _nlp(ner: bool | None = None):
    from kg.nlp.pipeline import get_nlp  # noqa: PLC0415 - loads pkuseg and the model

    return get_nlp(ner=_NER_DEFAULT if ner is None else ner)


def extract_article(article: Article, *, ner: bool | None = None) -> GraphBatch:
    """Return the graph batch of one article.

    Args:
        article: a cleaned article (see :mod:`kg.ingest`).
        ner: use the trained NER model (default: yes, unless ``KG_NER=0``).
    """
    nlp = _nlp(ner)
    doc = nlp(simplified_view(article.text))
    return doc_to_graph(doc, article)


def extract(sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *, max_bytes: int | str | None = None,
            ner: bool | None = None) -> Iterator[GraphBatch | InputError]:
    """Yield the graph batch of every article in ``sources`` (or the input error)."""
    for item in read_articles(sources, max_bytes=max_bytes):
        if isinstance(item, InputError):
            yield item
        else:
            yield extract_article(item, ner=ner)


@dataclass(slots=True)
class BuildReport:
    """What a build did: articles built, skipped as unchanged, inputs that failed."""

    built: int = 0
    unchanged: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def _stored_sha(store: GraphStore, article_id: str) -> str | None:
    get = getattr(store, "get_node", None)
    if get is None:
        return None
    node = get(article_id)
    return None if node is None else node.properties.get("sha256")


def _warm(ner: bool) -> None:
    """Load everything extraction needs (pipeline, gazetteer, lexicons) by running it once."""
    extract_article(Article(id="warm-up", key="warm-up", text="浙江省台州市温岭市。", sha256=""), ner=ner)


# Worker processes need the pipeline once each (already loaded when they were forked).
def _worker_init(ner: bool) -> None:
    _nlp(ner)


def _worker_extract(args: tuple[Article, bool]) -> GraphBatch:
    article, ner = args
    return extract_article(article, ner=ner)


def build(
    sources: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    store: GraphStore,
    workers: int = 1,
    batch_size: int = 200,
    max_bytes: int | str | None = None,
    ner: bool | None = None,
    on_article: Callable[[Article | InputError], None] | None = None,
) -> BuildReport:
    """Extract every article of ``sources`` and write it to ``store``.

    Articles already stored with the same text are skipped without being
    analysed again.  Inputs that cannot be read are reported (in the returned
    report and through ``on_article``) and the others go on.

    Args:
        sources: files and folders (``.txt``, ``.html``, ``.jsonl``).
        store: where the graph goes (see :mod:`kg.store`).
        workers: worker processes for extraction (1: in this process).
        batch_size: articles per store write.
        max_bytes: size limit per input file (default ``KG_MAX_BYTES`` or 20 MB).
        ner: use the trained NER model.
        on_article: called with each article (after it is written) or input error.

    Returns:
        A :class:`BuildReport`.
    """
    ner = _NER_DEFAULT if ner is None else ner
    report = BuildReport()
    pending: list[GraphBatch] = []
    done: list[Article] = []

    def flush() -> None:
        if not pending:
            return
        summary = store.write(pending)
        report.built += summary.articles_written
        report.unchanged += summary.articles_unchanged
        if on_article:
            for art in done:
                on_article(art)
        pending.clear()
        done.clear()

    def todo() -> Iterator[Article]:
        for item in read_articles(sources, max_bytes=max_bytes):
            if isinstance(item, InputError):
                log.warning("%s", item)
                report.errors.append(item)
                if on_article:
                    on_article(item)
                continue
            if _stored_sha(store, item.id) == item.sha256:
                report.unchanged += 1
                if on_article:
                    on_article(item)
                continue
            yield item

    if workers <= 1:
        for article in todo():
            pending.append(extract_article(article, ner=ner))
            done.append(article)
            if len(pending) >= batch_size:
                flush()
    else:
        fork = hasattr(os, "fork")
        if fork:
            # Load the models once here and freeze them out of the garbage collector, so the
            # forked workers share those pages (pkuseg's model alone is most of a gigabyte).
            _warm(ner)
            gc.freeze()
        ctx = multiprocessing.get_context("fork" if fork else "spawn")
        # Pool.imap would drain the whole input ahead of the workers; windows keep memory flat.
        window = max(8, workers * 8)
        with ctx.Pool(workers, initializer=_worker_init, initargs=(ner,)) as pool:
            chunk: list[Article] = []
            for article in todo():
                chunk.append(article)
                if len(chunk) >= window:
                    pending.extend(pool.map(_worker_extract, [(a, ner) for a in chunk], chunksize=1))
                    done.extend(chunk)
                    chunk = []
                    if len(pending) >= batch_size:
                        flush()
            if chunk:
                pending.extend(pool.map(_worker_extract, [(a, ner) for a in chunk], chunksize=1))
                done.extend(chunk)
    flush()
    return report
