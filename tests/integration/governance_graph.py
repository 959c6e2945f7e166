"""A small hand-written graph of grassroots governance in 台州, for the store tests.

Three synthetic articles (written for these tests, not taken from any outlet)
state facts about places, initiatives, outcomes, people, documents, events and
awards.  Every node an article carries is MENTIONed by it, every relationship
carries its sentence as evidence.  ``article_one_revised()`` is a new version
of the first article that drops some of its facts (for incremental updates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.ids import article_id, node_id, text_sha256
from kg.model import Article, Evidence, GraphBatch, Node, Relation

EXTRACTOR = "fixture.v1"


def place(name: str, level: str, path: str, *aliases: str) -> Node:
    return Node(id=node_id("Place", path), label="Place", name=name, aliases=aliases, properties={"level": level, "admin_path": path})


def entity(label: str, name: str, *aliases: str, **props: Any) -> Node:
    return Node(id=node_id(label, name), label=label, name=name, aliases=aliases, properties=props)


# -- the nodes -------------------------------------------------------------

ZHEJIANG = place("浙江省", "province", "浙江省", "浙江")
TAIZHOU = place("台州市", "city", "浙江省/台州市", "台州")
WENLING = place("温岭市", "county", "浙江省/台州市/温岭市", "温岭")
DAXI = place("大溪镇", "township", "浙江省/台州市/温岭市/大溪镇")
SHENAO = place("沈岙村", "village", "浙江省/台州市/温岭市/大溪镇/沈岙村")
HUANGYAN = place("黄岩区", "county", "浙江省/台州市/黄岩区", "黄岩")
JINZHU = place("金竹岭脚村", "village", "浙江省/台州市/黄岩区/金竹岭脚村")
TIANTAI = place("天台县", "county", "浙江省/台州市/天台县", "天台")
JIAOJIANG = place("椒江区", "county", "浙江省/台州市/椒江区", "椒江")
DACHEN = place("大陈岛", "landmark", "浙江省/台州市/椒江区/大陈岛")

SANHUA = entity("Initiative", "三化十二制", kind="mechanism")
FIRST_SECRETARY = entity("Initiative", "第一书记", kind="system")
SANRONG = entity("Initiative", "三融三创工作法", "三融三创", kind="method")
XIANGXIAN = entity("Initiative", "乡贤帮村", kind="method")
WUGE = entity("Initiative", "五个全覆盖", kind="campaign")

ORG_DEPT = entity("Organization", "台州市委组织部", "市委组织部", kind="party")
TAILONG = entity("Organization", "浙江泰隆商业银行", "泰隆银行", kind="bank")
LIANGXIN = entity("Organization", "省委两新工委", kind="party")
SHENAO_BRANCH = entity("Organization", "沈岙村党支部", kind="party")

CHEN_SEN = entity("Person", "陈森")
ZHANG = entity("Person", "张新建")
PAN = entity("Person", "潘统吉")

THIRTY = entity("Document", "关于进一步提升基层党建工作三十条意见", "三十条意见", kind="policy")
ZUGONG = entity("Document", "组工信息", kind="publication")
FOUR_RULES = entity("Document", "四条硬规", kind="rules")

FORUM = entity("Event", "第五届全国村干部大讲堂", date="2017-06-20")
PARTY_DAY = entity("Event", "主题党日活动", date="2017-07-01")

ZHENGZHUAN = entity("Outcome", "241个软弱落后村全部整转完成", text="241个软弱落后村全部整转完成", metric="整转村数", value=241, unit="个")
FUNDS = entity("Outcome", "帮扶资金15.6亿元", text="帮扶资金15.6亿元", metric="帮扶资金", value=1560000000, unit="元")

LIVABLE = entity("Award", "省宜居示范村", level="provincial")
BEST_CASE = entity("Award", "全国30个最佳案例之一", level="national")


# -- articles --------------------------------------------------------------


@dataclass
class ArticleBuilder:
    """Builds one article: its sentences, the facts each states, and MENTIONS for every node."""

    key: str
    title: str
    published_at: str
    source: str
    facts: list[tuple[str, Node, Node, str, dict[str, Any]]] = field(default_factory=list)
    extra: list[Node] = field(default_factory=list)

    def fact(self, rel_type: str, start: Node, end: Node, sentence: str, **props: Any) -> ArticleBuilder:
        self.facts.append((rel_type, start, end, sentence, props))
        return self

    def batch(self) -> GraphBatch:
        sentences: list[str] = []
        for *_, sentence, _props in self.facts:
            if sentence not in sentences:
                sentences.append(sentence)
        text = "".join(sentences)
        article = Article(
            id=article_id(self.key),
            key=self.key,
            text=text,
            sha256=text_sha256(text),
            title=self.title,
            published_at=self.published_at,
            source=self.source,
            tags=("基层党建",),
        )
        nodes: dict[str, Node] = {}
        relations: list[Relation] = []
        for rel_type, start, end, sentence, props in self.facts:
            nodes.setdefault(start.id, start)
            nodes.setdefault(end.id, end)
            offset = text.index(sentence)
            evidence = Evidence(article_id=article.id, text=sentence, start=offset, end=offset + len(sentence), confidence=0.9, extractor=EXTRACTOR)
            relations.append(Relation(type=rel_type, start=start.id, end=end.id, evidence=evidence, properties=props))
        for node in self.extra:
            nodes.setdefault(node.id, node)
        for node in nodes.values():
            starts = [i for i in range(len(text)) if text.startswith(node.name, i)]
            first = next((s for s in sentences if node.name in s), sentences[0])
            offset = text.index(first)
            evidence = Evidence(article_id=article.id, text=first, start=offset, end=offset + len(first), confidence=1.0, extractor=EXTRACTOR)
            relations.append(
                Relation(
                    type="MENTIONS",
                    start=article.id,
                    end=node.id,
                    evidence=evidence,
                    properties={"starts": starts, "ends": [s + len(node.name) for s in starts]},
                )
            )
        return GraphBatch(article=article, nodes=tuple(nodes.values()), relations=tuple(relations))


def _article_one(*, revised: bool) -> ArticleBuilder:
    a = ArticleBuilder(key="fixture/wenling.txt", title="温岭推行三化十二制", published_at="2017-06-25", source="台州日报")
    a.fact("PART_OF", TAIZHOU, ZHEJIANG, "台州市位于浙江省东部沿海。")
    a.fact("PART_OF", WENLING, TAIZHOU, "温岭市是台州市下辖的县级市。")
    a.fact("PART_OF", DAXI, WENLING, "大溪镇隶属温岭市。")
    a.fact("IMPLEMENTS", WENLING, SANHUA, "温岭市全面推行“三化十二制”。")
    a.fact("ACHIEVED", SANHUA, ZHENGZHUAN, "通过“三化十二制”，241个软弱落后村全部整转完成。")
    if not revised:
        a.fact("PART_OF", SHENAO, DAXI, "沈岙村位于大溪镇。")
        a.fact("IMPLEMENTS", DAXI, SANHUA, "大溪镇率先试点“三化十二制”。")
        a.fact("IMPLEMENTS", SHENAO, SANHUA, "沈岙村把“三化十二制”落到实处。")
        a.fact("HOLDS_POSITION", CHEN_SEN, SHENAO, "沈岙村党支部书记陈森介绍了经验。", title="村党支部书记")
        a.fact("PARTICIPATED_IN", SHENAO, FORUM, "沈岙村参加了第五届全国村干部大讲堂。")
        a.fact("LOCATED_IN", SHENAO_BRANCH, SHENAO, "沈岙村党支部设在村里。")
    else:
        a.fact("ACHIEVED", WENLING, FUNDS, "温岭市累计投入帮扶资金15.6亿元。")
    return a


def article_one() -> GraphBatch:
    """温岭 and the 三化十二制 mechanism (2017-06-25, 台州日报)."""
    return _article_one(revised=False).batch()


def article_one_revised() -> GraphBatch:
    """A new version of :func:`article_one`: drops 沈岙村's facts and 陈森, adds an outcome of 温岭市."""
    return _article_one(revised=True).batch()


def article_two() -> GraphBatch:
    """黄岩, the 第一书记 system, and the spread of 三化十二制 (2017-08-01, 浙江日报)."""
    a = ArticleBuilder(key="fixture/huangyan.txt", title="黄岩第一书记帮扶金竹岭脚村", published_at="2017-08-01", source="浙江日报")
    a.fact("PART_OF", HUANGYAN, TAIZHOU, "黄岩区隶属台州市。")
    a.fact("PART_OF", JINZHU, HUANGYAN, "金竹岭脚村位于黄岩区。")
    a.fact("PART_OF", DAXI, WENLING, "温岭市大溪镇经验被推广。")
    a.fact("IMPLEMENTS", HUANGYAN, SANHUA, "黄岩区学习推广“三化十二制”。")
    a.fact("IMPLEMENTS", DAXI, SANHUA, "大溪镇的“三化十二制”已经成熟。")
    a.fact("IMPLEMENTS", HUANGYAN, FIRST_SECRETARY, "黄岩区向金竹岭脚村派驻“第一书记”。")
    a.fact("IMPLEMENTS", JINZHU, FIRST_SECRETARY, "金竹岭脚村实行“第一书记”制度。")
    a.fact("HOLDS_POSITION", PAN, JINZHU, "潘统吉担任金竹岭脚村第一书记。", title="第一书记")
    a.fact("RECEIVED", JINZHU, LIVABLE, "金竹岭脚村被评为省宜居示范村。")
    a.fact("ACHIEVED", FIRST_SECRETARY, FUNDS, "“第一书记”共争取帮扶资金15.6亿元。")
    a.fact("HOLDS_POSITION", ZHANG, ORG_DEPT, "台州市委组织部副部长张新建出席。", title="副部长")
    a.fact("LOCATED_IN", ORG_DEPT, TAIZHOU, "台州市委组织部在台州市召开推进会。")
    return a.batch()


def article_three() -> GraphBatch:
    """三融三创, the 三十条意见, and events of 2017 (2017-09-10, 组工信息)."""
    a = ArticleBuilder(key="fixture/sanrong.txt", title="三融三创工作法走向全省", published_at="2017-09-10", source="组工信息")
    a.fact("PART_OF", TIANTAI, TAIZHOU, "天台县隶属台州市。")
    a.fact("PART_OF", JIAOJIANG, TAIZHOU, "椒江区是台州市主城区。")
    a.fact("PART_OF", DACHEN, JIAOJIANG, "大陈岛属于椒江区。")
    a.fact("LOCATED_IN", TAILONG, TAIZHOU, "浙江泰隆商业银行总部在台州市。")
    a.fact("LOCATED_IN", LIANGXIN, ZHEJIANG, "省委两新工委设在浙江省。")
    a.fact("ORIGINATED_AT", SANRONG, TAILONG, "“三融三创”工作法发源于浙江泰隆商业银行。")
    a.fact("PROMOTED", LIANGXIN, SANRONG, "省委两新工委在全省推广“三融三创”。")
    a.fact("IMPLEMENTS", TIANTAI, SANRONG, "天台县引入“三融三创”工作法。")
    a.fact("RECEIVED", SANRONG, BEST_CASE, "“三融三创”入选全国30个最佳案例之一。")
    a.fact("RECEIVED", TAILONG, BEST_CASE, "浙江泰隆商业银行因此获评全国30个最佳案例之一。")
    a.fact("ISSUED", ORG_DEPT, THIRTY, "台州市委组织部印发《关于进一步提升基层党建工作三十条意见》。")
    a.fact("BASED_ON", SANHUA, THIRTY, "“三化十二制”依据《关于进一步提升基层党建工作三十条意见》制定。")
    a.fact("BASED_ON", TIANTAI, THIRTY, "天台县按照《三十条意见》开展工作。")
    a.fact("PUBLISHED_IN", FOUR_RULES, ZUGONG, "《四条硬规》刊登在《组工信息》上。")
    a.fact("PART_OF", XIANGXIAN, WUGE, "“乡贤帮村”是“五个全覆盖”之一。")
    a.fact("LOCATED_IN", PARTY_DAY, DACHEN, "主题党日活动在大陈岛举行。")
    a.fact("PARTICIPATED_IN", ORG_DEPT, PARTY_DAY, "台州市委组织部组织党员参加主题党日活动。")
    a.fact("LOCATED_IN", FORUM, TAIZHOU, "第五届全国村干部大讲堂在台州市举办。")
    a.fact("PARTICIPATED_IN", TAILONG, FORUM, "浙江泰隆商业银行参加了第五届全国村干部大讲堂。")
    return a.batch()


def batches() -> list[GraphBatch]:
    """The three articles, in order."""
    return [article_one(), article_two(), article_three()]
