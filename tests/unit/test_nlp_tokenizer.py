"""kg.nlp.tokenizer: pkuseg words aligned back onto the text, which is never changed."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp.tokenizer import PkusegTokenizer, align_words, create_pkuseg_tokenizer, segment


def spelled(words: list[str], spaces: list[bool]) -> str:
    return "".join(w + (" " if s else "") for w, s in zip(words, spaces))


@pytest.mark.parametrize(
    ("text", "words", "expected_words", "expected_spaces"),
    [
        # a single space becomes the trailing-space flag of the word before it
        ("台州 市", ["台州", "市"], ["台州", "市"], [True, False]),
        # other whitespace runs become whitespace tokens
        ("台州\n\n市", ["台州", "市"], ["台州", "\n\n", "市"], [False, False, False]),
        ("台州  市", ["台州", "市"], ["台州", "  ", "市"], [False, False, False]),
        # leading whitespace has no word to attach to
        (" 村", ["村"], [" ", "村"], [False, False]),
        # text the segmenter skipped is kept one character per token
        ("甲乙丙", ["丙"], ["甲", "乙", "丙"], [False, False, False]),
        # a word the segmenter changed (not in the text) surfaces as its characters
        ("ab", ["x"], ["a", "b"], [False, False]),
        ("", [], [], []),
    ],
)
def test_tokenizer_align_words(text: str, words: list[str], expected_words: list[str], expected_spaces: list[bool]) -> None:
    got_words, got_spaces = align_words(text, words)
    assert (got_words, got_spaces) == (expected_words, expected_spaces)
    assert spelled(got_words, got_spaces) == text


def test_tokenizer_align_words_skips_empty_words() -> None:
    assert align_words("村里", ["", "村", "", "里"]) == (["村", "里"], [False, False])


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), words=st.lists(st.text(max_size=4), max_size=12))
def test_tokenizer_align_words_always_spells_the_text(text: str, words: list[str]) -> None:
    got_words, got_spaces = align_words(text, words)
    assert spelled(got_words, got_spaces) == text
    assert all(got_words), "no empty token"


def test_tokenizer_with_a_given_segmenter_keeps_the_text() -> None:
    nlp = spacy.blank("zh")
    tokenizer = PkusegTokenizer(nlp.vocab, segmenter=lambda text: ["浙江", "台州"])
    doc = tokenizer("浙江 台州\n温岭")
    assert doc.text == "浙江 台州\n温岭"
    assert [t.text for t in doc] == ["浙江", "台州", "\n", "温", "岭"]
    assert [t.idx for t in doc] == [0, 3, 5, 6, 7]


def test_tokenizer_pkuseg_words(nlp_rules) -> None:
    doc = nlp_rules.tokenizer("江苏省常州市溧阳市上黄镇推行新办法")
    words = [t.text for t in doc]
    assert "".join(words) == "江苏省常州市溧阳市上黄镇推行新办法"
    assert len(words) > 3, "pkuseg splits the sentence into words, not one token"
    assert "推行" in words


@pytest.mark.parametrize(
    "text",
    [
        "  台州市 温岭市\n\n大溪镇\t沈家村  ",
        "2023年村集体收入达到86.5万元（同比增长12%）。",
        "\u3000\u3000全角空格开头的段落。\r\n第二段",
        "English words 和中文 mixed",
        "",
        "   ",
        "\n",
    ],
)
def test_tokenizer_doc_text_is_the_input(nlp_rules, text: str) -> None:
    doc = nlp_rules.tokenizer(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_tokenizer_segment_of_blank_text_is_empty() -> None:
    assert segment("") == []
    assert segment(" \n\t") == []


def test_tokenizer_registered_factory_builds_a_tokenizer() -> None:
    nlp = spacy.blank("zh")
    tokenizer = create_pkuseg_tokenizer()(nlp)
    assert isinstance(tokenizer, PkusegTokenizer)
    assert tokenizer.to_bytes() == b""
    assert tokenizer.from_bytes(b"") is tokenizer


def test_tokenizer_pipe_yields_one_doc_per_text(nlp_rules) -> None:
    texts = ["村里修了路。", "", "镇上 开会"]
    docs = list(nlp_rules.tokenizer.pipe(texts))
    assert [d.text for d in docs] == texts


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_tokenizer_aligned_tokens_spell_arbitrary_unicode(nlp_rules, text: str) -> None:
    doc = nlp_rules.tokenizer(text)
    assert doc.text == text
    assert "".join(t.text_with_ws for t in doc) == text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF) | st.sampled_from(list(" \n，。“”《》0123456789")), max_size=60))
def test_tokenizer_aligned_tokens_spell_chinese_like_text(nlp_rules, text: str) -> None:
    doc = nlp_rules.tokenizer(text)
    assert doc.text == text
    assert [t.idx for t in doc] == sorted(t.idx for t in doc)
