"""From one analysed article to its graph batch: ``doc_to_graph(doc, article)``.

Finds the mentions of every label, resolves their identity (places against
the gazetteer, organisations against the places they name, relative
references against what came before), reads the relations, and assembles
nodes (one per identity, with every surface form as an alias), relationships
with their evidence, and the Article's MENTIONS.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from typing import Any

from spacy.tokens import Doc

from kg import ids
from kg.extract import entities as E
from kg.extract.aliases import join_declared_aliases
from kg.extract.context import TextView
from kg.extract.dates import find_dates, parse_base
from kg.extract.mentions import Mention
from kg.extract.places import find_places
from kg.extract.relations import Relations
from kg.model import Article, Evidence, GraphBatch, Node, Relation
from kg.nlp.sentences import split_sentences
from kg.nlp.tokenizer import doc_text, token_offsets
from kg.resolve.places import resolve_places

log = logging.getLogger(__name__)

#: Which label wins when two mentions overlap (earlier wins).
_PRIORITY = ("Event", "Document", "Organization", "Initiative", "Award", "Person", "Outcome", "Place")


def make_view(doc: Doc, article: Article) -> TextView:
    """Return the analysis view of ``doc`` (the simplified text of ``article``)."""
    tokens = token_offsets(doc)
    ner = [(span.start_char, span.end_char, span.label_) for span in doc.spans.get("kg_ner", [])]
    text = doc_text(doc)
    return TextView(
        text=text,
        original=article.text,
        tokens=tokens,
        sentences=split_sentences(text),
        ner=ner,
        ner_available="kg_ner" in doc.spans,
        base_date=parse_base(article.published_at),
    )


def find_mentions(view: TextView) -> list[Mention]:
    """Return the resolved mentions of every label in the view."""
    places = resolve_places(find_places(view), view)
    orgs = E.find_organizations(view, places)
    docs = E.find_documents(view)
    events = E.find_events(view, taken=orgs + docs)
    initiatives = E.find_initiatives(view, taken=events + docs + orgs)
    awards = E.find_awards(view, taken=initiatives + events + docs)
    people = E.find_people(view)
    outcomes = E.find_outcomes(view, taken=docs + events + initiatives + awards)
    named = _settle_overlaps(orgs + docs + events + initiatives + awards + people)
    dropped = _resolve_orgs([m for m in named if m.label == "Organization"], places, view)
    named = [n for n in named if n not in dropped]
    for p in places:
        host = next((n for n in named if p.start >= n.start and p.end <= n.end and (p.start, p.end) != (n.start, n.end)), None)
        if host is not None:
            p.nested = True
            if (host.label == "Document" or host.props.get("kind") in ("media", "enterprise", "bank")) and p.props.get("short"):
                p.props["drop"] = True  # 湖北 in 湖北日报 names the paper, not the province
        # a place that crosses a person's or organisation's boundary is cut wrong; one that holds a
        # person whole is a name the model split (乌兰|鲁嘎 in 乌兰朝鲁嘎查), and the person goes below
        if any(n.label in ("Person", "Organization") and p.overlaps(n) and not p.inside(n.start, n.end)
               and not (n.label == "Person" and n.inside(p.start, p.end) and (p.end - p.start) > (n.end - n.start) + 1
                        and not p.props.get("short"))
               for n in named):
            p.props["drop"] = True
    places = [p for p in places if not p.props.pop("drop", False)]
    # people inside a place or org name are not people (林东 in 梓林东大河); but a name found after a
    # title wins over a short place name inside it (许长春 is no 长春)
    def short_only(p: Mention) -> bool:
        return bool(p.props.get("short")) and p.parent is None
    titles = tuple(E.lex()["position"]["titles"])
    titled = [n for n in named if n.label == "Person" and view.text[:n.start].endswith(titles)]
    places = [p for p in places if not (short_only(p) and any(p.overlaps(n) for n in titled))]
    named = [n for n in named if not (n.label == "Person" and any(n.overlaps(p) for p in places if not p.ref))]
    for m in named + outcomes:
        if not m.key:
            m.key = _key(m)
    mentions = sorted(places + named + outcomes, key=lambda m: (m.start, -m.end))
    join_declared_aliases(view, mentions)
    return mentions


def _settle_overlaps(mentions: list[Mention]) -> list[Mention]:
    rank = {label: i for i, label in enumerate(_PRIORITY)}
    # the longer name wins (推行党支部领办合作社发展集体经济模式 over the 合作社 inside it); on equal spans the label order
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), rank[m.label], m.start))
    kept: list[Mention] = []
    for m in ordered:
        clash = [k for k in kept if k.overlaps(m)]
        # a programme named inside an event's title stays (“X”推进活动 carries the programme X)
        if any(not (m.inside(k.start, k.end) and m.label == "Initiative" and k.label == "Event") for k in clash):
            continue
        if clash:
            m.nested = True
        kept.append(m)
    return kept


def _key(m: Mention) -> str:
    return E.plain(m.name)


def _resolve_orgs(orgs: list[Mention], places: list[Mention], view: TextView) -> list[Mention]:
    """Give organisations their full names: 市委组织部 -> 台州市委组织部, 村党支部 -> 沈岙村党支部.

    Returns the mentions to drop: a bare 村党支部/镇党委 names a particular body
    only where a position follows (村党支部书记陈某); elsewhere it is generic
    (由村党支部领办 = village branches in general).
    """
    titles = tuple(E.lex()["position"]["titles"])
    dropped: list[Mention] = []
    named = [p for p in places if not p.ref]
    levels = (("省委", "省", "province"), ("省", "省", "province"), ("市委", "市", "city"), ("市", "市", "city"),
              ("县委", "县", "county"), ("县", "县", "county"), ("区委", "区", "county"), ("区", "区", "county"),
              ("街道", "街道", "township"), ("镇", "镇", "township"), ("乡", "乡", "township"),
              ("社区", "社区", "community"), ("嘎查", "嘎查", "village"), ("村", "村", "village"))
    for o in orgs:
        if o.name != o.text and o.extractor.startswith("lexicon"):
            o.props["alias"] = o.text
            continue
        text = E.plain(o.text)
        committee = o.props.pop("committee", None)
        if committee is not None:
            # 金溪县委常委、组织部部长: the department takes the committee's name, resolved like one
            # written in full (县委组织部 -> 金溪县委组织部)
            cs, ce = committee
            text = o.name
            lead = next((p for p in named if p.start == cs and p.end < ce), None)
            if lead is not None:
                o.name = lead.name + text[len(E.plain(view.text[lead.start:lead.end])):]
                o.props["place_key"] = lead.key
                o.props["alias"] = E.plain(o.text)
                continue
        lead = next((p for p in named if p.start == o.start and p.end < o.end), None)
        if lead is not None:
            # 四川省眉山市丹棱县委组织部 is 丹棱县委组织部: the body takes the last place of the chain
            while True:
                nxt = next((p for p in named if p.start == lead.end and p.end < o.end), None)
                if nxt is None:
                    break
                lead = nxt
            rest = E.plain(view.text[lead.end:o.end])
            if not lead.props.get("short") and lead.gaz >= 0:
                o.name = lead.name + rest
            else:
                o.name = E.plain(view.text[lead.start:o.end])
            if o.name != text:
                o.props["alias"] = text
            o.props["place_key"] = lead.key
            continue
        for word, suffix, level in levels:
            if not text.startswith(word):
                continue
            before = [p for p in named if p.start < o.start and p.props.get("level") == level and p.name.endswith(suffix)]
            target = before[-1] if before else None
            if target is None:
                same = [p for p in named if p.props.get("level") == level and p.name.endswith(suffix)]
                target = same[0] if same else None
            if target is None and level in ("city", "province"):
                main = [p for p in places if p.props.get("level") == level]
                target = main[0] if main else None
            if level in ("village", "township", "community") and not view.text.startswith(titles, o.end):
                dropped.append(o)
                break
            if target is not None:
                o.name = target.name + text[len(suffix):]
                o.props["place_key"] = target.key
                o.props["alias"] = E.plain(o.text) if committee is not None else text
            break
        else:
            o.name = text
    # a body named in full once and then by its bare name (箬横镇社会治理中心 … 社会治理中心) is one body
    full = [o for o in orgs if o not in dropped and o.props.get("place_key")]
    for o in orgs:
        if o in dropped or o.props.get("place_key"):
            continue
        earlier = [f for f in full if f.start < o.start and f.name.endswith(o.name) and f.name != o.name]
        if earlier:
            o.props["alias"] = o.name
            o.name = earlier[-1].name
    return dropped


def doc_to_graph(doc: Doc, article: Article) -> GraphBatch:
    """Return the graph batch of one article from its analysed doc.

    Args:
        doc: the pipeline's doc over the simplified view of ``article.text``
            (same length, so offsets agree).
        article: the article (its ``text`` is what evidence quotes).

    Returns:
        Nodes (one per identity), relationships with evidence, MENTIONS.
    """
    view = make_view(doc, article)
    mentions = find_mentions(view)
    rels = Relations(view, mentions).run()
    return assemble(article, view, mentions, rels)


def assemble(article: Article, view: TextView, mentions: list[Mention], rels: list) -> GraphBatch:
    """Turn resolved mentions and relations into a :class:`GraphBatch`."""
    # outcomes are identified by what they say and who achieved it
    # outcomes are identified by who achieved what figure: the title's 村均超40万元 and the body's
    # 村均超过40万元 are one outcome
    for m in mentions:
        if m.label == "Outcome":
            m.key = f"{m.props.pop('head_key', '')}|{m.props.get('value')}|{m.props.get('unit')}"
    people_anchor = _people_anchors(mentions, rels)
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        key = m.key
        if m.label == "Person":
            key = f"{m.name}|{people_anchor.get(m.key, '')}"
            m.key = key
        groups[(m.label, key)].append(m)
    node_of: dict[tuple[str, str], str] = {}
    named: list[tuple[str, str, str, set[str], list[Mention]]] = []
    for (label, key), ms in groups.items():
        nid = ids.node_id(label, key)
        node_of[(label, key)] = nid
        names = [m for m in ms if not m.ref]
        canonical = (names or ms)[0].name
        surface = {E.plain(m.text) for m in names} | {m.props.get("alias") for m in names}
        surface.update(a for m in names for a in m.props.get("declared_aliases", ()))
        named.append((nid, label, canonical, surface - {canonical, None, ""}, ms))
    # an alias two nodes of one label would carry (村党支部 for two villages' branches) names neither
    carried = Counter((label, a) for _, label, _, aliases, _ in named for a in aliases)
    nodes = [Node(id=nid, label=label, name=canonical, aliases=tuple(sorted(a for a in aliases if carried[(label, a)] == 1)),
                  properties=_properties(label, ms, view))
             for nid, label, canonical, aliases, ms in named]
    relations: list[Relation] = []
    seen: set[tuple] = set()
    for r in rels:
        a = node_of.get((r.head.label, r.head.key))
        b = node_of.get((r.tail.label, r.tail.key))
        if a is None or b is None or a == b:
            continue
        props = dict(r.props)
        k = (r.type, a, b, props.get("title", ""))
        if k in seen:
            continue
        seen.add(k)
        ev = Evidence(article_id=article.id, text=article.text[r.start:r.end], start=r.start, end=r.end,
                      confidence=r.confidence, extractor=r.extractor)
        relations.append(Relation(type=r.type, start=a, end=b, evidence=ev, properties=props))
    # MENTIONS: one per node, with the offsets of every mention
    for (label, key), ms in groups.items():
        first = min(ms, key=lambda m: m.start)
        s, e = view.sentence_span(first.start)
        ev = Evidence(article_id=article.id, text=article.text[s:e], start=s, end=e,
                      confidence=max(m.confidence for m in ms), extractor=first.extractor)
        relations.append(Relation(type="MENTIONS", start=article.id, end=node_of[(label, key)], evidence=ev,
                                  properties={"starts": [m.start for m in ms], "ends": [m.end for m in ms],
                                              "count": len(ms)}))
    return GraphBatch(article=article, nodes=tuple(nodes), relations=tuple(relations))


def _people_anchors(mentions: list[Mention], rels: list) -> dict[str, str]:
    """A person's identity is their name within a region (the city of where they serve, else of the article)."""
    anchors: dict[str, str] = {}
    main = [m for m in mentions if m.label == "Place" and m.props.get("admin_path")]
    default = ""
    if main:
        paths = [m.props["admin_path"].split("/")[:2] for m in main]
        default = "/".join(max(paths, key=lambda p: sum(1 for q in paths if q == p)))
    for r in rels:
        if r.type == "HOLDS_POSITION":
            path = r.tail.props.get("admin_path") or ""
            if path:
                anchors.setdefault(r.head.key, "/".join(path.split("/")[:2]))
    for m in mentions:
        if m.label == "Person":
            anchors.setdefault(m.key, default)
    return anchors


def _properties(label: str, ms: list[Mention], view: TextView) -> dict[str, Any]:
    first = next((m for m in ms if not m.ref), ms[0])
    p = first.props
    if label == "Place":
        out = {"level": p.get("level")}
        if p.get("admin_path"):
            out["admin_path"] = p["admin_path"]
        return out
    if label == "Organization":
        return {"kind": p.get("kind", "other")}
    if label in ("Initiative", "Document"):
        out = {"kind": p.get("kind", "other")}
        if label == "Initiative":
            started = _started(first, view)
            if started:
                out["started"] = started
        return out
    if label == "Event":
        s, e = view.sentence_span(first.start)
        dates = find_dates(view.text[s:e], view.base_date)
        out = {}
        if dates:
            out["date"] = dates[0].value
        return out
    if label == "Outcome":
        out = {"text": first.name, "value": p.get("value"), "unit": p.get("unit")}
        for k in ("metric", "period"):
            if p.get(k):
                out[k] = p[k]
        if p.get("approximate"):
            out["approximate"] = True
        return out
    if label == "Award":
        return {"level": p.get("level")} if p.get("level") else {}
    return {}


def _started(m: Mention, view: TextView) -> str | None:
    """“…”诞生于2004年 / 始于2004年: when a programme began, if the text says."""
    import re  # noqa: PLC0415

    text = view.text
    s, e = view.sentence_span(m.start)
    nxt = view.sentence_span(e + 1) if e + 1 < len(text) else (e, e)
    for a, b in ((s, e), nxt):
        mm = re.search(r"(?:诞生|始|创立|起步|启动|发端)于((?:19|20)\d{2})年", text[a:b])
        if mm:
            return mm.group(1)
    return None
