"""kg.nlp.sentences: Chinese sentence boundaries and the kg_sentences component."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("村里修了路。村民很高兴。", ["村里修了路。", "村民很高兴。"]),
        ("真好！还要干吗？要！", ["真好！", "还要干吗？", "要！"]),
        ("一是抓党建；二是抓产业", ["一是抓党建；", "二是抓产业"]),
        ("Good! Fine? yes", ["Good!", "Fine?", "yes"]),
        # a closing quote or bracket belongs to the sentence it closes
        ("他说：“好。”然后走了。", ["他说：“好。”", "然后走了。"]),
        ("（完。）下一段。", ["（完。）", "下一段。"]),
        # runs of terminators stay together
        ("真的吗？！是的……好", ["真的吗？！", "是的……", "好"]),
        # a line break always ends a sentence, and is not part of it
        ("标题\n正文第一句。第二句", ["标题", "正文第一句。", "第二句"]),
        ("甲\n\n\n乙", ["甲", "乙"]),
        # ASCII . is the decimal point, never a terminator
        ("收入15.6亿元.同比增长3.5%", ["收入15.6亿元.同比增长3.5%"]),
        # whitespace is trimmed, blank sentences dropped
        ("  前面有空格。  \n  ", ["前面有空格。"]),
        ("", []),
        ("   \n\t ", []),
    ],
)
def test_sentences_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("村里修路。！？；…”）\n .15亿元 \t我们")), max_size=50))
def test_sentences_cover_every_visible_character_once(text: str) -> None:
    spans = split_sentences(text)
    covered = [False] * len(text)
    last_end = 0
    for s, e in spans:
        assert last_end <= s < e <= len(text), "spans are ordered and do not overlap"
        assert not text[s].isspace() and not text[e - 1].isspace(), "spans are trimmed"
        for i in range(s, e):
            covered[i] = True
        last_end = e
    for i, ch in enumerate(text):
        if not covered[i]:
            assert ch.isspace(), f"{ch!r} at {i} is in no sentence"


def test_sentences_component_sets_sentence_starts(nlp_rules) -> None:
    text = "浙江省台州市推行新办法。全市今年增收120万元！\n村民说：“好。”"
    doc = nlp_rules(text)
    assert "kg_sentences" in nlp_rules.pipe_names
    assert [s.text.strip() for s in doc.sents] == ["浙江省台州市推行新办法。", "全市今年增收120万元！", "村民说：“好。”"]


def test_sentences_component_starts_match_split_sentences(nlp_rules) -> None:
    text = "  前面有空格的一句话。第二句在这里\n第三句"
    doc = nlp_rules(text)
    assert doc[0].is_sent_start
    starts = {t.idx for t in doc if t.is_sent_start and not t.is_space}
    assert starts == {s for s, _ in split_sentences(text)}


def test_sentences_component_boundary_inside_a_token_is_dropped() -> None:
    import spacy  # noqa: PLC0415

    from kg.nlp.tokenizer import PkusegTokenizer  # noqa: PLC0415

    nlp = spacy.blank("zh")
    # a tokenizer that glues a terminator and the next character into one token
    nlp.tokenizer = PkusegTokenizer(nlp.vocab, segmenter=lambda text: ["甲乙", "。丙", "丁"])
    nlp.add_pipe("kg_sentences")
    doc = nlp("甲乙。丙丁")
    assert [t.text for t in doc] == ["甲乙", "。丙", "丁"]
    assert [t.is_sent_start for t in doc] == [True, False, False]
