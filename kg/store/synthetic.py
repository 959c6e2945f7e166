"""Synthetic governance graphs of any size, for benchmarks and load tests of the stores.

The articles are made up from templates (no real text): each one names a
chain of places, initiatives, organizations, people, outcomes, awards,
documents and events drawn from fixed pools, and states facts about them with
one sentence per fact.  The same arguments always give the same batches, so
two loads can be compared.
"""

from __future__ import annotations

import random
from typing import Iterator

from kg.ids import article_id, node_id, text_sha256
from kg.model import Article, Evidence, GraphBatch, Node, Relation

_DIGITS = "零一二三四五六七八九"
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
_GIVEN = "建国新华明军伟芳丽强磊洋勇艳杰涛超秀英森统吉"
_INITIATIVE_KINDS = ("campaign", "mechanism", "method", "system", "model", "project", "other")
_AWARD_NAMES = {"national": "全国示范村", "provincial": "省级示范村", "city": "市级示范村", "county": "县级示范村"}


def _cn(number: int) -> str:
    """Write a number with Chinese digits, digit by digit (一二三 for 123).

    >>> _cn(205)
    '二零五'
    """
    return "".join(_DIGITS[int(d)] for d in str(number))


def synthetic_batches(
    articles: int,
    *,
    facts_per_article: int = 40,
    seed: int = 0,
    version: int = 0,
    pool: int = 400,
) -> Iterator[GraphBatch]:
    """Yield ``articles`` synthetic batches with about ``facts_per_article`` facts each (plus MENTIONS).

    Args:
        articles: how many articles.
        facts_per_article: facts (relationships other than MENTIONS) per article.
        seed: the random seed; the same seed gives the same graph.
        version: a version number mixed into the text: a new version of the
            same articles (same keys, other text and facts), to test updates.
        pool: how many villages (and initiatives, people...) the facts draw
            from; smaller pools share more nodes between articles.

    Yields:
        One batch per article; each relationship's evidence is its own sentence.
    """
    for index in range(articles):
        rng = random.Random(f"{seed}/{version}/{index}")
        yield _article(index, rng, facts_per_article=facts_per_article, version=version, pool=pool)


def _place_chain(rng: random.Random, pool: int) -> list[Node]:
    v = rng.randrange(pool)
    county = v % 12
    township = v % 60
    names = [
        ("浙江省", "province", "浙江省"),
        (f"{_cn(county // 4)}州市", "city", f"浙江省/{_cn(county // 4)}州市"),
    ]
    names.append((f"{_cn(county)}县", "county", f"{names[-1][2]}/{_cn(county)}县"))
    names.append((f"{_cn(township)}镇", "township", f"{names[-1][2]}/{_cn(township)}镇"))
    names.append((f"{_cn(v)}村", "village", f"{names[-1][2]}/{_cn(v)}村"))
    return [
        Node(id=node_id("Place", path), label="Place", name=name, properties={"level": level, "admin_path": path})
        for name, level, path in names
    ]


def _article(index: int, rng: random.Random, *, facts_per_article: int, version: int, pool: int) -> GraphBatch:
    key = f"synthetic/{index:06d}.txt"
    aid = article_id(key)
    facts: list[tuple[str, Node, Node, str, dict[str, object]]] = []

    def initiative() -> Node:
        i = rng.randrange(pool // 4 or 1)
        return Node(id=node_id("Initiative", f"第{_cn(i)}号工作法"), label="Initiative", name=f"第{_cn(i)}号工作法", aliases=(f"{_cn(i)}号法",), properties={"kind": _INITIATIVE_KINDS[i % len(_INITIATIVE_KINDS)]})

    while len(facts) < facts_per_article:
        chain = _place_chain(rng, pool)
        for child, parent in zip(chain[1:], chain):
            facts.append(("PART_OF", child, parent, f"{child.name}隶属{parent.name}。", {}))
        village, township = chain[-1], chain[-2]
        init = initiative()
        facts.append(("IMPLEMENTS", village, init, f"{village.name}推行“{init.name}”。", {}))
        facts.append(("IMPLEMENTS", township, init, f"{township.name}推广“{init.name}”（第{_cn(version)}版）。", {}))
        amount = rng.randrange(1, 500)
        outcome = Node(
            id=node_id("Outcome", f"{init.name}帮扶资金{amount}万元"),
            label="Outcome",
            name=f"帮扶资金{amount}万元",
            properties={"text": f"帮扶资金{amount}万元", "metric": "帮扶资金", "value": amount * 10000, "unit": "元"},
        )
        facts.append(("ACHIEVED", init, outcome, f"“{init.name}”带来帮扶资金{amount}万元。", {}))
        person_name = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)
        person = Node(id=node_id("Person", person_name, village.id), label="Person", name=person_name)
        facts.append(("HOLDS_POSITION", person, village, f"{person_name}任{village.name}党支部书记。", {"title": "村党支部书记"}))
        org = Node(id=node_id("Organization", f"{village.name}党支部"), label="Organization", name=f"{village.name}党支部", properties={"kind": "party"})
        facts.append(("LOCATED_IN", org, village, f"{org.name}设在{village.name}。", {}))
        award_level = rng.choice(("national", "provincial", "city", "county"))
        award = Node(id=node_id("Award", _AWARD_NAMES[award_level]), label="Award", name=_AWARD_NAMES[award_level], properties={"level": award_level})
        facts.append(("RECEIVED", village, award, f"{village.name}获评{award.name}。", {}))
        doc_no = rng.randrange(pool // 10 or 1)
        doc = Node(id=node_id("Document", f"第{doc_no}号意见"), label="Document", name=f"关于基层治理的第{_cn(doc_no)}号意见", properties={"kind": "policy"})
        facts.append(("BASED_ON", init, doc, f"“{init.name}”依据《{doc.name}》。", {}))
        event = Node(
            id=node_id("Event", f"{township.name}现场会", version),
            label="Event",
            name=f"{township.name}现场会",
            properties={"date": f"2017-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"},
        )
        facts.append(("PARTICIPATED_IN", village, event, f"{village.name}参加{event.name}。", {}))
    unique: dict[tuple[str, str, str, str], tuple[str, Node, Node, str, dict[str, object]]] = {}
    for fact in facts:
        unique.setdefault((fact[0], fact[1].id, fact[2].id, str(fact[4].get("title") or "")), fact)
    facts = list(unique.values())[:facts_per_article]

    sentences = list(dict.fromkeys(sentence for *_, sentence, _ in facts))
    text = f"第{_cn(index)}篇。" + "".join(sentences)
    article = Article(
        id=aid,
        key=key,
        text=text,
        sha256=text_sha256(text),
        title=f"基层治理报道第{_cn(index)}篇",
        published_at=f"2017-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
        source="合成日报",
    )
    nodes: dict[str, Node] = {}
    relations: list[Relation] = []
    for rel_type, start, end, sentence, props in facts:
        nodes.setdefault(start.id, start)
        nodes.setdefault(end.id, end)
        offset = text.index(sentence)
        evidence = Evidence(article_id=aid, text=sentence, start=offset, end=offset + len(sentence), confidence=0.8, extractor="synthetic")
        relations.append(Relation(type=rel_type, start=start.id, end=end.id, evidence=evidence, properties=props))
    for node in nodes.values():
        offset = text.find(node.name)
        evidence = Evidence(article_id=aid, text=node.name, start=max(offset, 0), end=max(offset, 0) + len(node.name), confidence=1.0, extractor="synthetic")
        starts = [offset] if offset >= 0 else []
        relations.append(Relation(type="MENTIONS", start=aid, end=node.id, evidence=evidence, properties={"starts": starts, "ends": [s + len(node.name) for s in starts]}))
    return GraphBatch(article=article, nodes=tuple(nodes.values()), relations=tuple(relations))
