"""Relations between mentions, read sentence by sentence with general Chinese news patterns.

Who does something is the *subject* of the clause: the last place or
organisation named before the thing in the sentence (the most specific place
of a written chain), else the first place after it, else the topic of the
paragraph so far, else the article's main place.  Sources quoted with
据…介绍 and origins after 发源于 are never subjects.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from kg.extract.context import TextView
from kg.extract.dates import find_dates
from kg.extract.entities import lex, plain
from kg.extract.mentions import Mention

_SUBJECT_LEVELS = {"province", "city", "county", "township", "village", "community"}


@dataclass(slots=True)
class Rel:
    """A relation between two mentions, with the sentence it was read from."""

    type: str
    head: Mention
    tail: Mention
    start: int
    end: int
    extractor: str
    confidence: float
    props: dict[str, Any] = field(default_factory=dict)


_PASSIVE_AWARD = re.compile(r"被[\u4e00-\u9fff]{2,12}?(?:评为|授予|命名为|确定为|认定为|表彰为)[“\"「]?$")


class Relations:
    """Reads the relations of one article from its resolved mentions."""

    def __init__(self, view: TextView, mentions: list[Mention]) -> None:
        self.view = view
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.by_label: dict[str, list[Mention]] = {}
        for m in self.mentions:
            self.by_label.setdefault(m.label, []).append(m)
        self.out: list[Rel] = []
        self._sources = self._source_spans()
        self.main_place = self._main_place()

    # -- helpers ----------------------------------------------------------
    def _source_spans(self) -> list[tuple[int, int]]:
        """Spans that quote a source (据X介绍) or an origin (发源于X): not subjects."""
        text = self.view.text
        spans = [m.span() for m in re.finditer(r"据[^，,。；;]{1,30}?(?:介绍|统计|了解|透露|表示)", text)]
        spans += [m.span() for m in re.finditer(r"(?:发源于|起源于|源于|诞生于|发端于|首创于)[^，,。；;的]{1,20}", text)]
        spans += [m.span() for m in re.finditer(r"(?:由|在)[^，,。；;]{1,16}?(?:提供|供图|摄)", text)]
        return spans

    def _is_source(self, m: Mention) -> bool:
        if any(s <= m.start and m.end <= e for s, e in self._sources):
            return True
        text = self.view.text
        # the body that publishes or issues a title (中组部《组工信息》) is not the doer here
        return text[m.end : m.end + 1] == "《"

    def _subjects(self) -> list[Mention]:
        subs = []
        for m in self.mentions:
            if m.nested or self._is_source(m):
                continue
            if m.label == "Place" and m.props.get("level") in _SUBJECT_LEVELS:
                subs.append(m)
            elif m.label == "Organization" and not m.props.get("title_of"):
                subs.append(m)
        return subs

    def _main_place(self) -> Mention | None:
        places = [m for m in self.mentions if m.label == "Place" and m.props.get("level") in _SUBJECT_LEVELS]
        if not places:
            return None
        counts = Counter(m.key for m in places)
        rank = {"city": 0, "county": 1, "province": 2, "township": 3, "village": 4, "community": 5}
        best_key = max(counts, key=lambda k: (counts[k], -rank.get(next(m for m in places if m.key == k).props.get("level"), 9)))
        return next(m for m in places if m.key == best_key)

    def subject(self, pos: int, *, places_only: bool = False, level: str | None = None) -> Mention | None:
        """The doer of what is said at ``pos`` (see the module docstring)."""
        sent = self.view.sentence_span(pos)
        subs = [m for m in self._subjects() if not places_only or m.label == "Place"]
        if level:
            subs = [m for m in subs if m.label == "Place" and m.props.get("level") == level]
        before = [m for m in subs if sent[0] <= m.start and m.end <= pos]
        if before:
            return self._most_specific(before)
        after = [m for m in subs if pos <= m.start < sent[1] and m.label == "Place"]
        if after:
            return self.chain_end(after[0])
        para = self.view.paragraph_start(pos)
        earlier = [m for m in subs if para <= m.start < sent[0]]
        if earlier:
            # the topic carried over is the first doer of the latest sentence that names one
            # (later names in it are usually objects: 传授给新寨村)
            last_sent = self.view.sentence_span(earlier[-1].start)
            return self.chain_end(next(m for m in earlier if m.start >= last_sent[0]))
        if level:
            earlier = [m for m in subs if m.start < pos]
            return earlier[-1] if earlier else None
        return self.main_place

    def chain_end(self, m: Mention) -> Mention:
        """The most specific place of a written chain that starts with ``m`` (陕西省…交里乡 -> 交里乡)."""
        if m.label != "Place":
            return m
        starts = {p.start: p for p in self.by_label.get("Place", []) if not p.ref}
        while m.end in starts:
            m = starts[m.end]
        return m

    @staticmethod
    def _most_specific(cands: list[Mention]) -> Mention:
        last = cands[-1]
        # a written chain (温岭市大溪镇沈岙村) is one subject: its last, most specific, name
        return last

    def add(self, type_: str, head: Mention | None, tail: Mention | None, at: int, extractor: str,
            confidence: float = 0.6, **props: Any) -> None:
        if head is None or tail is None or head is tail or (head.key and head.key == tail.key and head.label == tail.label):
            return
        s, e = self.view.sentence_span(at)
        self.out.append(Rel(type_, head, tail, s, e, extractor, confidence, {k: v for k, v in props.items() if v is not None}))

    def in_sentence(self, label: str, pos: int) -> list[Mention]:
        s, e = self.view.sentence_span(pos)
        return [m for m in self.by_label.get(label, []) if s <= m.start < e]

    # -- relation rules ---------------------------------------------------
    def run(self) -> list[Rel]:
        self.part_of_places()
        self.part_of_initiatives()
        self.implements()
        self.achieved()
        self.positions()
        self.received()
        self.documents()
        self.events()
        self.origins()
        self.located()
        return self.out

    def part_of_places(self) -> None:
        from kg.resolve.gazetteer import load_gazetteer  # noqa: PLC0415

        gaz = load_gazetteer()
        places = [m for m in self.by_label.get("Place", []) if not m.ref]
        resolved = {m.gaz: m for m in places if m.gaz >= 0}
        done = set()
        found = []
        for m in places:
            parent = None
            if m.gaz >= 0:
                for a in reversed(gaz.ancestors(m.gaz)[:-1]):
                    if a in resolved:
                        parent = resolved[a]
                        break
            for p, how in ((parent, "gazetteer"), (m.parent, "text")):
                if p is None or (m.key, p.key) in done or p.key == m.key:
                    continue
                done.add((m.key, p.key))
                written = m.parent is not None and m.parent.key == p.key
                found.append((m, p, "gazetteer+text" if written and how == "gazetteer" else how, 0.95 if written else 0.85))
        # a place written under its county once (杭锦旗X嘎查) and under its township once
        # (锡尼镇X嘎查) is part of the township only: the county is the township's parent
        above: dict[str, set[str]] = {}
        for m, p, _, _ in found:
            above.setdefault(m.key, set()).add(p.key)

        def ancestors(key: str, seen: frozenset[str] = frozenset()) -> set[str]:
            out: set[str] = set()
            for k in above.get(key, ()):
                if k not in seen:
                    out |= {k} | ancestors(k, seen | {key})
            return out

        for m, p, how, confidence in found:
            if any(p.key in ancestors(q) for q in above[m.key] if q != p.key):
                continue
            self.add("PART_OF", m, p, m.start, how, confidence)

    def part_of_initiatives(self) -> None:
        inits = self.by_label.get("Initiative", [])
        for m in inits:
            group = m.props.get("member_of")
            if group is not None:
                self.add("PART_OF", m, group, m.start, "pattern:group_of_quoted", 0.75)
        # “A、B、C” quoted together as the content of the programme named just before (该行动以…为主要内容)
        lists: dict[int, list[Mention]] = {}
        for m in inits:
            if m.extractor == "pattern:quoted_list":
                lists.setdefault(m.props["in_list"], []).append(m)
        for start, members in lists.items():
            s, _ = self.view.sentence_span(start)
            para = self.view.paragraph_start(start)
            prior = [i for i in inits if i.start < start and i.extractor != "pattern:quoted_list" and i.start >= para - 400]
            if re.search(r"该(行动|活动|机制|模式|工程|做法|项目|制度)", self.view.text[s:start]) or re.search(r"为(主要)?内容", self.view.text[start:start + 60]):
                if prior:
                    for member in members:
                        self.add("PART_OF", member, prior[-1], start, "pattern:content_of", 0.6)

    def implements(self) -> None:
        by_key: dict[str, list[Mention]] = {}
        for m in self.by_label.get("Initiative", []):
            if m.props.get("member_of") is not None:
                continue  # members of a named group are carried out through the group
            by_key.setdefault(m.key, []).append(m)
        for mentions in by_key.values():
            # a subject written in the same sentence before the programme is strong evidence;
            # later mentions (正如“X”…) add nothing unless they name another doer
            strong = [(m, self.subject_before(m.start)) for m in mentions]
            strong = [(m, h) for m, h in strong if h is not None]
            if strong:
                for m, head in strong:
                    self.add("IMPLEMENTS", head, m, m.start, "rule:subject_initiative", 0.65)
            else:
                m = mentions[0]
                self.add("IMPLEMENTS", self.subject(m.start), m, m.start, "rule:topic_initiative", 0.5)

    def subject_before(self, pos: int) -> Mention | None:
        """The doer named earlier in the same sentence (None when there is none)."""
        sent = self.view.sentence_span(pos)
        before = [m for m in self._subjects() if sent[0] <= m.start and m.end <= pos]
        return before[-1] if before else None

    def achieved(self) -> None:
        """Who achieved each outcome: the programme named before it in its sentence, else the doer.

        Crediting the programme (when the sentence names one) makes the headline
        path Place-IMPLEMENTS->Initiative-ACHIEVED->Outcome; the place still reaches
        the outcome through the programme it implements.
        """
        for m in self.by_label.get("Outcome", []):
            head = self.subject(m.props.get("q_start", m.start))
            inits = [i for i in self.in_sentence("Initiative", m.start) if i.start < m.start and not i.nested]
            if head is None and not inits:
                continue
            # the outcome's identity stays tied to the doer, whoever is credited
            m.props["head_key"] = (head or inits[-1]).key
            if inits:
                self.add("ACHIEVED", inits[-1], m, m.start, "rule:programme_outcome", 0.55)
            else:
                self.add("ACHIEVED", head, m, m.start, "rule:subject_outcome", 0.55)

    def positions(self) -> None:
        text = self.view.text
        titles = sorted(lex()["position"]["titles"], key=len, reverse=True)
        people = self.by_label.get("Person", [])
        for p in people:
            s, _ = self.view.sentence_span(p.start)
            # titles written before the name: 村党支部副书记、大学生村官陈森
            seg_start = p.start
            k = p.start
            found = []
            while True:
                title = next((t for t in titles if text.startswith(t, k - len(t))), None)
                if title is None:
                    break
                t_start = k - len(title)
                # the body the title belongs to: an org or place written right before it, or a level word
                body = next((o for o in self.mentions if o.end == t_start and o.label in ("Organization", "Place") and not o.ref), None)
                prefix_start = t_start
                if body is None:
                    lvl = _level_word(text, t_start)
                    if lvl:
                        prefix_start = t_start - len(lvl[0])
                        body = self.subject(p.start, places_only=True, level=lvl[1])
                    elif title in ("第一书记", "驻村第一书记") or text[t_start - 2:t_start] == "驻村":
                        body = self.subject(p.start, places_only=True, level="village")
                        if text[t_start - 2:t_start] == "驻村":
                            prefix_start = t_start - 2
                full_title = plain(text[prefix_start:k]) if body is None or body.end != t_start else plain(_level_name(body) + title)
                if body is not None and title not in lex()["position"]["weak_titles"]:
                    found.append((body, full_title, prefix_start))
                k = (body.start if body is not None and body.end == t_start else prefix_start)
                if text[k - 1:k] == "、":
                    k -= 1
                    continue
                break
            for body, title, _ in found:
                self.add("HOLDS_POSITION", p, _prefer_place(body), p.start, "pattern:title_before_name", 0.75, title=title)
            # titles after the name: 林某全票当选村党支部书记 / 被选派至该村担任“第一书记”
            tail = text[p.end : self.view.sentence_span(p.start)[1]]
            mm = re.search(r"(当选为|当选|担任|出任|成为|被推选为|推选为|被选为|选为|被聘为|聘为|任命为|任|选派至|派驻)", tail[:40])
            if mm and not found:
                after = p.end + mm.end()
                body = next((o for o in self.mentions if after <= o.start <= after + 14 and o.label in ("Place", "Organization") and not o.nested), None)
                if body is None:
                    # 被选派到东岳村任…: the body is named between the person and the verb
                    between = [o for o in self.mentions if p.end <= o.start and o.end <= p.end + mm.start()
                               and o.label in ("Place", "Organization") and not o.nested and not o.ref]
                    body = between[-1] if between else None
                    title_pos = after
                else:
                    title_pos = body.end
                rest = text[title_pos:title_pos + 16].lstrip("“")
                if rest.startswith("驻村"):
                    rest = rest[2:]
                title = next((t for t in titles if rest.startswith(t)), None)
                if title is not None and body is None:
                    # 被推选为会长: the body is the one the sentence named before the person
                    s0, _ = self.view.sentence_span(p.start)
                    before = [o for o in self.mentions if s0 <= o.start and o.end <= p.start and o.label == "Organization" and not o.nested]
                    body = before[-1] if before else None
                if title is None:
                    for lv_word, lv in (("村", "village"), ("镇", "township"), ("乡", "township")):
                        if rest.startswith(lv_word) and any(rest[len(lv_word):].startswith(t) for t in titles):
                            title = lv_word + next(t for t in titles if rest[len(lv_word):].startswith(t))
                            if body is None:
                                body = self.subject(p.start, places_only=True, level=lv)
                            break
                if title and body is not None:
                    since = _since(text, self.view, p.start)
                    self.add("HOLDS_POSITION", p, _prefer_place(body), p.start, "pattern:name_then_title", 0.7,
                             title=plain((_level_name(body) if body.end == title_pos else "") + title) if not title.startswith(("村", "镇")) else title,
                             since=since)

    def received(self) -> None:
        for a in self.by_label.get("Award", []):
            level = _recipient_level(a.name)
            head = None
            if re.search(r"(书记|党员|工作者|个人|干部|标兵|能手|先锋|劳模|人物|带头人)$", a.name):
                s, _ = self.view.sentence_span(a.start)
                people = [p for p in self.by_label.get("Person", []) if s <= p.start < a.start]
                if people:
                    self.add("RECEIVED", people[-1], a, a.start, "rule:person_award", 0.6)
                    continue
            # 村党总支被定西市委表彰为“先进基层党组织”: the body that gives it is no recipient;
            # the recipient is the subject before 被
            s, _ = self.view.sentence_span(a.start)
            passive = _PASSIVE_AWARD.search(self.view.text, s, a.start)
            before = s + self.view.text[s : a.start].rfind("被") if passive else a.start
            if level:
                head = self.subject(before, places_only=True, level=level)
            if head is None:
                head = self.subject(before)
            self.add("RECEIVED", head, a, a.start, "rule:subject_award", 0.6)

    def documents(self) -> None:
        text = self.view.text
        lx = lex()["document"]
        for d in self.by_label.get("Document", []):
            kind = d.props.get("kind")
            before = [o for o in self.mentions if o.end == d.start and o.label in ("Organization", "Place") and not o.ref]
            if kind == "publication":
                if before and before[0].label == "Organization":
                    self.add("ISSUED", before[0], d, d.start, "pattern:body_title", 0.6)
                tail = text[d.end : d.end + 8]
                if any(v in tail[:6] for v in lx["publish_verbs"]):
                    s, _ = self.view.sentence_span(d.start)
                    clause_start = max(s, text.rfind("，", 0, d.start) + 1, text.rfind(",", 0, d.start) + 1)
                    cands = [o for o in self.mentions if clause_start <= o.start < d.start and o.label in ("Document", "Initiative") and o is not d and o.props.get("kind") != "publication"]
                    clause_end = min([i for i in (text.find("，", d.end), text.find(",", d.end), text.find("。", d.end)) if i >= 0] or [len(text)])
                    later = [o for o in self.mentions if d.end < o.start < clause_end and o.label in ("Document", "Initiative")]
                    if later and re.match(r"^[^，,。]{0,6}(?:刊发|刊登|刊载|转发|登载)了?", text[d.end:]):
                        cands = [later[0]]  # 《报》刊发了X的《公约》: the active voice names the item after the verb
                    if not cands and re.search(r"(相关|这一|这项|此项|该|其|上述|这些)(做法|经验|模式|机制|举措|工作法|成果)", text[clause_start:d.start]):
                        # 相关做法被《X》刊发: the practice is the programme named just before
                        para = self.view.paragraph_start(d.start)
                        cands = [o for o in self.by_label.get("Initiative", []) if para <= o.start < clause_start]
                    if cands:
                        self.add("PUBLISHED_IN", cands[-1], d, d.start, "pattern:published_in", 0.7)
                    else:
                        head = self.subject(d.start, places_only=True)
                        if head is not None and clause_start <= head.start:
                            self.add("PUBLISHED_IN", head, d, d.start, "pattern:published_in", 0.5)
                continue
            if before and before[0].label == "Organization":
                self.add("ISSUED", before[0], d, d.start, "pattern:body_title", 0.7)
                continue
            s, _ = self.view.sentence_span(d.start)
            window = text[max(s, d.start - 12) : d.start]
            if any(v in window for v in lx["issue_verbs"]) or d.extractor == "pattern:policy_count":
                head = self.subject(d.start)
                if head is not None:
                    self.add("ISSUED", head, d, d.start, "pattern:issue_verb", 0.6)
                continue
            after = text[d.end : d.end + 6]
            if text[max(s, d.start - 2) : d.start].endswith("以") and any(w in after for w in lx["basis_words"]) or any(w in window for w in ("根据", "按照", "依据", "依照")):
                head = self.subject(d.start)
                if head is not None:
                    self.add("BASED_ON", head, d, d.start, "pattern:based_on", 0.55)

    def events(self) -> None:
        text = self.view.text
        verbs = tuple(lex()["event"]["verbs"]) + ("报名", "报了名", "出场", "参会", "组团")
        events = self.by_label.get("Event", [])
        for ss, se in self.view.sentences:
            sentence = text[ss:se]
            here = [e for e in events if ss <= e.start < se]
            has_verb = any(v in sentence for v in verbs if v not in ("举办", "举行", "召开", "开幕", "闭幕"))
            if not here:
                if not has_verb:
                    continue
                para = self.view.paragraph_start(ss)
                prior = [e for e in events if para <= e.start < ss]
                if not prior:
                    continue
                here = [prior[-1]]
            ev = here[0]
            election = re.search(r"(换届|选举)$", ev.name) is not None
            if not (has_verb or election):
                continue
            for p in self.by_label.get("Person", []):
                if ss <= p.start < se and not p.nested:
                    self.add("PARTICIPATED_IN", p, ev, ss, "pattern:participation", 0.55)
            places = [m for m in self.by_label.get("Place", []) if ss <= m.start < se and not m.nested and not m.ref
                      and m.props.get("level") in _SUBJECT_LEVELS and not (ev.start <= m.start < ev.end)]
            starts = {m.start for m in places}
            by_start = {m.start: m for m in places}
            # not a place where it was held (在江西省赣州市于都县举行: the whole written chain after 在)
            hosts = set()
            for m in places:
                if re.search(r"(在|于|到|赴)$", text[max(ss, m.start - 1):m.start]):
                    k = m
                    while k is not None:
                        hosts.add(id(k))
                        k = by_start.get(k.end)
            # the doer is the last name of a chain (大溪镇沈岙村作为…)
            places = [m for m in places if m.end not in starts and id(m) not in hosts]
            acting_verbs = tuple(v for v in verbs if v not in ("举办", "举行", "召开", "开幕", "闭幕"))
            acting = [m for m in places if any(v in text[m.end : m.end + 5] for v in acting_verbs)]
            if acting:
                chosen = acting[0]
                # 水口乡、煤山镇参加了…: every place of the list takes part
                listed = [m for m in places if m is not chosen and m.end < chosen.start
                          and re.fullmatch(r"(?:[、和与及][^，,。]{0,12}?)*[、和与及]", text[m.end:chosen.start] + "、")]
                for m in listed:
                    self.add("PARTICIPATED_IN", m, ev, ss, "pattern:participation", 0.5)
            elif election:
                chosen = next((m for m in places if m.props.get("level") in ("village", "community")), None)
            else:
                chosen = places[0] if places and places[0].start < ev.start else None
            if chosen is not None:
                self.add("PARTICIPATED_IN", chosen, ev, ss, "pattern:participation", 0.55)

    def origins(self) -> None:
        text = self.view.text
        origins = set()
        for m in re.finditer(r"(发源于|起源于|源于|诞生于|发端于|首创于)", text):
            s, e = self.view.sentence_span(m.start())
            origin = next((o for o in self.mentions if m.end() <= o.start <= m.end() + 2 and o.label in ("Organization", "Place")), None)
            if origin is None:
                continue
            origin = self.chain_end(origin)
            origins.add(id(origin))
            # 发源于X的“Y”: the programme follows; “Y”发源于X: it comes first
            init = next((i for i in self.by_label.get("Initiative", []) if origin.end <= i.start < e), None)
            if init is None or "的" not in text[origin.end : init.start + 1]:
                before = [i for i in self.by_label.get("Initiative", []) if s <= i.start and i.end <= m.start()]
                init = before[-1] if before else init
            if init is not None:
                self.add("ORIGINATED_AT", init, origin, m.start(), "pattern:originated", 0.7)
        for m in re.finditer(r"推广", text):
            s, e = self.view.sentence_span(m.start())
            promoter = [o for o in self.mentions if s <= o.start and o.end <= m.start() and o.end >= m.start() - 6
                        and o.label == "Organization" and id(o) not in origins and not self._is_source(o)]
            inits = [i for i in self.by_label.get("Initiative", []) if s <= i.start < e]
            if promoter and inits:
                self.add("PROMOTED", promoter[-1], inits[0], m.start(), "pattern:promoted", 0.6)

    def located(self) -> None:
        text = self.view.text
        for ev in self.by_label.get("Event", []):
            s, e = self.view.sentence_span(ev.start)
            cands = [m for m in self.mentions if m.label == "Place" and s <= m.start < e and not m.ref
                     and re.search(r"(在|登上|于|来到|走进|赴)$", text[max(s, m.start - 2):m.start])]
            if cands:
                self.add("LOCATED_IN", ev, self.chain_end(cands[0]), ev.start, "pattern:event_place", 0.55)
            else:
                lead = [m for m in self.mentions if m.label == "Place" and m.start == ev.start and not m.ref]
                if lead:
                    self.add("LOCATED_IN", ev, lead[0], ev.start, "pattern:event_place", 0.55)
        for o in self.by_label.get("Organization", []):
            kind = o.props.get("kind")
            if kind in ("party", "government") and not re.search(r"(中心|站|所)$", o.name):
                continue
            place = next((m for m in self.mentions if m.label == "Place" and m.start == o.start and m.end < o.end), None)
            if place is not None:
                self.add("LOCATED_IN", o, place, o.start, "pattern:org_place", 0.6)


_LEVEL_WORDS = (("村", "village"), ("社区", "community"), ("镇", "township"), ("乡", "township"),
                ("街道", "township"), ("县", "county"), ("区", "county"), ("市", "city"), ("省", "province"))


def _level_word(text: str, pos: int) -> tuple[str, str] | None:
    for word, level in _LEVEL_WORDS:
        if text.startswith(word, pos - len(word)):
            return word, level
    return None


def _level_name(body: Mention) -> str:
    """The level word a title takes from its body: 金清镇党委 -> 镇党委 (for 镇党委书记)."""
    name = body.name
    if body.label == "Place":
        return ""
    for word, _ in _LEVEL_WORDS:
        i = name.find(word)
        if 0 <= i < len(name) - len(word):
            return name[i:]
    return ""


def _prefer_place(body: Mention) -> Mention:
    return body


def _recipient_level(name: str) -> str | None:
    if name.endswith(("村镇",)):
        return "village"  # 一村一品示范村镇: villages and towns, most often a village
    if name.endswith(("乡镇", "示范镇", "文明镇", "镇")):
        return "township"
    if name.endswith(("社区",)):
        return "community"
    if name.endswith(("村", "村之一", "嘎查", "乡村")):
        return "village"
    if name.endswith(("县", "示范县")):
        return "county"
    return None


def _since(text: str, view: TextView, pos: int) -> str | None:
    s, e = view.sentence_span(pos)
    dates = find_dates(text[s:e], view.base_date)
    return dates[0].value if dates else None
