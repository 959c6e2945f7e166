"""Hand-written graph batches for the store and export tests (synthetic articles written by us).

Two articles share nodes (沈岙村, 大溪镇, “三化十二制”); article A has a second
version whose text changed.  Test modules of ``tests/unit`` import it by name
(pytest puts their folder on ``sys.path``); it is not a test module itself.
"""

from __future__ import annotations

from kg.ids import article_id, node_id, text_sha256
from kg.model import Article, Evidence, GraphBatch, Node, Relation

TEXT_A1 = "温岭市大溪镇沈岙村推行“三化十二制”。该村集体经济收入达到120万元。"
TEXT_A2 = "温岭市大溪镇沈岙村推行“三化十二制”，获评省宜居示范村。"
TEXT_B = "大溪镇沈岙村党支部书记陈森说，“三化十二制”让沈岙村变了样。\n他说：“大家的事大家办。”"

VILLAGE = node_id("Place", "浙江省/台州市/温岭市/大溪镇/沈岙村")
TOWN = node_id("Place", "浙江省/台州市/温岭市/大溪镇")
INITIATIVE = node_id("Initiative", "三化十二制")
OUTCOME = node_id("Outcome", "集体经济收入达到120万元")
AWARD = node_id("Award", "省宜居示范村")
PERSON = node_id("Person", "陈森", VILLAGE)

ARTICLE_A = article_id("samples/a.txt")
ARTICLE_B = article_id("samples/b.txt")


def _article(key: str, text: str, **meta: object) -> Article:
    return Article(id=article_id(key), key=key, text=text, sha256=text_sha256(text), **meta)  # type: ignore[arg-type]


def _evidence(article: Article, sentence: str, *, confidence: float = 0.9, extractor: str = "test.rule") -> Evidence:
    start = article.text.index(sentence)
    return Evidence(
        article_id=article.id, text=sentence, start=start, end=start + len(sentence),
        confidence=confidence, extractor=extractor,
    )


def _mentions(article: Article, nodes: tuple[Node, ...], surface: dict[str, str]) -> tuple[Relation, ...]:
    rels = []
    for node in nodes:
        form = surface[node.id]
        start = article.text.index(form)
        ev = Evidence(article_id=article.id, text=form, start=start, end=start + len(form), confidence=1.0, extractor="test.mention")
        rels.append(Relation(type="MENTIONS", start=article.id, end=node.id, evidence=ev,
                             properties={"starts": [start], "ends": [start + len(form)]}))
    return tuple(rels)


def village(*aliases: str, **props: object) -> Node:
    return Node(id=VILLAGE, label="Place", name="沈岙村", aliases=aliases, properties={"level": "village", **props})


def town() -> Node:
    return Node(id=TOWN, label="Place", name="大溪镇", properties={"level": "township"})


def initiative() -> Node:
    return Node(id=INITIATIVE, label="Initiative", name="三化十二制", properties={"kind": "mechanism"})


def article_a() -> GraphBatch:
    """Article A: 沈岙村 (in 大溪镇) implements “三化十二制” and achieved an outcome."""
    art = _article("samples/a.txt", TEXT_A1, title="沈岙村的新变化", published_at="2017-12-18T09:13:02",
                   source="台州日报", tags=("基层党建", "乡村振兴"), url="http://example.org/a")
    s1, s2 = "温岭市大溪镇沈岙村推行“三化十二制”。", "该村集体经济收入达到120万元。"
    outcome = Node(id=OUTCOME, label="Outcome", name="集体经济收入达到120万元",
                   properties={"text": "集体经济收入达到120万元", "metric": "集体经济收入", "value": 1200000, "unit": "元"})
    nodes = (village("温岭市大溪镇沈岙村", admin_path="浙江省/台州市/温岭市/大溪镇/沈岙村"), town(), initiative(), outcome)
    rels = (
        Relation(type="PART_OF", start=VILLAGE, end=TOWN, evidence=_evidence(art, s1)),
        Relation(type="IMPLEMENTS", start=VILLAGE, end=INITIATIVE, evidence=_evidence(art, s1, confidence=0.8)),
        Relation(type="ACHIEVED", start=VILLAGE, end=OUTCOME, evidence=_evidence(art, s2, confidence=0.75)),
    )
    surface = {VILLAGE: "沈岙村", TOWN: "大溪镇", INITIATIVE: "三化十二制", OUTCOME: "集体经济收入达到120万元"}
    return GraphBatch(article=art, nodes=nodes, relations=rels + _mentions(art, nodes, surface))


def article_a2() -> GraphBatch:
    """Article A after its text changed: no PART_OF, no outcome, an award instead."""
    art = _article("samples/a.txt", TEXT_A2, title="沈岙村的新变化", published_at="2017-12-19T08:00:00",
                   source="台州日报", url="http://example.org/a")
    sentence = TEXT_A2
    award = Node(id=AWARD, label="Award", name="省宜居示范村", properties={"level": "provincial"})
    nodes = (village("温岭市大溪镇沈岙村"), initiative(), award)
    rels = (
        Relation(type="IMPLEMENTS", start=VILLAGE, end=INITIATIVE, evidence=_evidence(art, sentence, confidence=0.8)),
        Relation(type="RECEIVED", start=VILLAGE, end=AWARD, evidence=_evidence(art, sentence, confidence=0.7)),
    )
    surface = {VILLAGE: "沈岙村", INITIATIVE: "三化十二制", AWARD: "省宜居示范村"}
    return GraphBatch(article=art, nodes=nodes, relations=rels + _mentions(art, nodes, surface))


def article_b() -> GraphBatch:
    """Article B: 陈森 holds a position in 沈岙村, which is in 大溪镇 and implements “三化十二制”."""
    art = _article("samples/b.txt", TEXT_B, title="“三化十二制”让沈岙村变了样", author="王记者", editor="李编辑")
    s1 = "大溪镇沈岙村党支部书记陈森说，“三化十二制”让沈岙村变了样。"
    person = Node(id=PERSON, label="Person", name="陈森")
    nodes = (village("沈岙"), town(), initiative(), person)
    rels = (
        Relation(type="PART_OF", start=VILLAGE, end=TOWN, evidence=_evidence(art, s1, confidence=0.95)),
        Relation(type="HOLDS_POSITION", start=PERSON, end=VILLAGE, evidence=_evidence(art, s1),
                 properties={"title": "党支部书记"}),
        Relation(type="IMPLEMENTS", start=VILLAGE, end=INITIATIVE, evidence=_evidence(art, s1, confidence=0.6)),
    )
    surface = {VILLAGE: "沈岙村", TOWN: "大溪镇", INITIATIVE: "三化十二制", PERSON: "陈森"}
    return GraphBatch(article=art, nodes=nodes, relations=rels + _mentions(art, nodes, surface))
