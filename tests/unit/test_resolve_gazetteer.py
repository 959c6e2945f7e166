"""kg.resolve.gazetteer: China's divisions read from jionlp's dictionary."""

from __future__ import annotations

import pytest

from kg.resolve.gazetteer import Gazetteer, load_gazetteer

# The dictionary's layout: one division per line, depth by leading tabs,
# fields name<TAB>code<TAB>short names (/-separated), CRLF line ends.
LINES = [
    "甲省\t100000\t甲\r",
    "\t乙市\t100100\t乙/乙城\r",
    "\t\t丙县\t100101\t丙\r",
    "\t\t\t丁镇\r",
    "\t\t\t\t戊村\r",
    "\t\t\t\t己社区\r",
    "\t\t丑县\t100102\t丑\r",
    "\t\t\t寅镇\r",
    "\t\t\t\t戊村\r",  # a second village of the same name, in another county
    "\t省直辖行政区划\t109000\t省直辖\r",
    "\t\t辰市\t109001\t辰\r",
    "京市\t200000\t京\r",
    "\t京市\t200000\t京\r",  # a municipality repeats its name at the city level
    "\t\t午区\t200101\t午\r",
    "\t\t\t未街道\r",
    "\t\t\t\t申村民委员会\r",
    "",
]


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer(LINES)


def test_gazetteer_levels_and_paths(small: Gazetteer) -> None:
    [village, other] = small.lookup("戊村")
    assert small.level(village) == "village"
    assert small.admin_path(village) == "甲省/乙市/丙县/丁镇/戊村"
    assert small.admin_path(other) == "甲省/乙市/丑县/寅镇/戊村"
    [community] = small.lookup("己社区")
    assert small.level(community) == "community"
    [town] = small.lookup("丁镇")
    assert (small.level(town), small.parent(village)) == ("township", town)


def test_gazetteer_short_names_find_the_same_division(small: Gazetteer) -> None:
    assert small.lookup("乙") == small.lookup("乙市") == small.lookup("乙城")
    assert small.lookup("丙") == small.lookup("丙县")
    assert "甲" in small and "没有这个地方" not in small
    assert small.lookup("没有这个地方") == []


def test_gazetteer_directly_administered_counties_hang_under_the_province(small: Gazetteer) -> None:
    [city] = small.lookup("辰市")
    assert small.admin_path(city) == "甲省/辰市"
    assert small.level(city) == "county"
    assert small.lookup("省直辖行政区划") == []


def test_gazetteer_municipality_is_not_repeated(small: Gazetteer) -> None:
    assert len(small.lookup("京市")) == 1
    [district] = small.lookup("午区")
    assert small.admin_path(district) == "京市/午区"
    [village] = small.lookup("申村民委员会")
    assert small.level(village) == "village"
    assert small.admin_path(village) == "京市/午区/未街道/申村民委员会"


def test_gazetteer_ancestors_and_is_within(small: Gazetteer) -> None:
    [village, other] = small.lookup("戊村")
    [county] = small.lookup("丙县")
    [province] = small.lookup("甲省")
    assert [small.name(i) for i in small.ancestors(village)] == ["甲省", "乙市", "丙县", "丁镇", "戊村"]
    assert small.is_within(village, county)
    assert small.is_within(village, province)
    assert small.is_within(village, village)
    assert not small.is_within(other, county)
    assert not small.is_within(county, village)


def test_gazetteer_lines_without_a_parent_are_skipped() -> None:
    gaz = Gazetteer(["甲省\t1\t甲", "\t\t\t孤镇", "\t\t\t\t孤村"])
    assert len(gaz) == 1
    assert gaz.lookup("孤村") == []


# -- the real dictionary ---------------------------------------------------

@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_gazetteer_is_loaded_once() -> None:
    assert load_gazetteer() is load_gazetteer()


@pytest.mark.parametrize(
    ("name", "path", "level"),
    [
        ("台州", "浙江省/台州市", "city"),
        ("台州市", "浙江省/台州市", "city"),
        ("溧阳市", "江苏省/常州市/溧阳市", "county"),
        ("郫都区", "四川省/成都市/郫都区", "county"),
        ("丹棱县", "四川省/眉山市/丹棱县", "county"),
        ("天目山镇", "浙江省/杭州市/临安区/天目山镇", "township"),
        ("秣陵街道", "江苏省/南京市/江宁区/秣陵街道", "township"),
        ("浙江", "浙江省", "province"),
        ("大理白族自治州", "云南省/大理白族自治州", "city"),
    ],
)
def test_gazetteer_real_divisions(gaz: Gazetteer, name: str, path: str, level: str) -> None:
    [idx] = gaz.lookup(name)
    assert gaz.admin_path(idx) == path
    assert gaz.level(idx) == level


def test_gazetteer_real_municipality_district(gaz: Gazetteer) -> None:
    paths = [gaz.admin_path(i) for i in gaz.lookup("朝阳区")]
    assert "北京市/朝阳区" in paths


def test_gazetteer_real_directly_administered_city(gaz: Gazetteer) -> None:
    [idx] = gaz.lookup("仙桃市")
    assert gaz.admin_path(idx) == "湖北省/仙桃市"


def test_gazetteer_same_village_name_in_two_counties(gaz: Gazetteer) -> None:
    paths = {gaz.admin_path(i) for i in gaz.lookup("神冲村")}
    assert {"湖南省/娄底市/双峰县/荷叶镇/神冲村", "湖南省/娄底市/涟源市/荷塘镇/神冲村"} <= paths
    assert len(gaz.lookup("和平村")) > 100, "common village names are shared by hundreds of villages"
