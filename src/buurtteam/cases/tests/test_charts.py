"""The server-side SVG pictures: well-formed, accessible, CSP-safe, and every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.utils.safestring import SafeString

from buurtteam.cases import charts

NS = {"svg": charts.SVG_NS}
SCRIPT = '<script>alert("x")</script>'


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 -- our own output, parsed to check it is well-formed
    assert root.tag == f"{{{charts.SVG_NS}}}svg"
    return root


def with_class(root: ET.Element, tag: str, css: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{{{charts.SVG_NS}}}{tag}") if css in (e.get("class") or "").split()]


def texts(root: ET.Element) -> str:
    return " ".join("".join(e.itertext()) for e in root.iter(f"{{{charts.SVG_NS}}}text"))


def assert_accessible_and_csp_safe(svg: str, root: ET.Element) -> None:
    assert isinstance(svg, SafeString)
    assert root.get("role") == "img"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title is not None and title.text and desc is not None and desc.text
    labelled = (root.get("aria-labelledby") or "").split()
    assert labelled == [title.get("id"), desc.get("id")]
    for element in root.iter():
        assert "style" not in element.attrib, element.tag
        assert not any(name.startswith("on") for name in element.attrib), element.tag
    assert root.find(".//svg:script", NS) is None and root.find(".//svg:style", NS) is None
    assert "<script" not in svg and "style=" not in svg


def series(**scores: dict[str, int]) -> dict[str, Any]:
    first, latest = scores.get("first", {}), scores.get("latest", {})
    return {"domains": sorted(set(first) | set(latest)), "first": first, "latest": latest}


# --- Life domains ----------------------------------------------------------------------------------
def test_radar_compares_the_first_and_the_latest_assessment() -> None:
    data = series(
        first={"Financiën": 2, "Opvoeding": 1, "Huisvesting": 3, "Sociaal netwerk": 2},
        latest={"Financiën": 4, "Opvoeding": 3, "Huisvesting": 3, "Sociaal netwerk": 3},
    )
    svg = charts.life_domain_chart(data, chart_id="radar", compare=True)
    root = parse(svg)
    assert_accessible_and_csp_safe(svg, root)
    polygons = with_class(root, "polygon", "bt-chart__series")
    assert len(polygons) == 2
    assert all(len(p.get("points", "").split()) == 4 for p in polygons)
    # Two series differ in colour and in line style (dashed vs solid), not in colour alone.
    assert {p.get("stroke") for p in polygons} == {charts.FIRST_COLOUR, charts.LATEST_COLOUR}
    assert {p.get("stroke-dasharray") for p in polygons} == {"7 4", "none"}
    assert len(with_class(root, "circle", "bt-chart__grid")) == 5  # the rings 1..5
    assert len(with_class(root, "line", "bt-chart__axis")) == 4
    words = texts(root)
    for name in ("Financiën", "Opvoeding", "Huisvesting", "Bij de start", "Nu"):
        assert name in words
    desc = root.find("svg:desc", NS)
    assert desc is not None and "Financiën 2" in (desc.text or "") and "Financiën 4" in (desc.text or "")
    assert root.get("aria-labelledby") == "radar-title radar-desc"


def test_one_assessment_draws_one_polygon() -> None:
    scores = {"Financiën": 2, "Opvoeding": 1, "Huisvesting": 3}
    root = parse(charts.life_domain_chart(series(first=scores, latest=scores), compare=False))
    assert len(with_class(root, "polygon", "bt-chart__series")) == 1
    assert "Bij de start" not in texts(root) and "Inschatting" in texts(root)


def test_a_domain_scored_only_once_leaves_a_gap_not_a_zero() -> None:
    data = series(first={"A": 2, "B": 2}, latest={"A": 3, "B": 3, "C": 4})
    root = parse(charts.life_domain_chart(data, compare=True))
    assert len(with_class(root, "polygon", "bt-chart__series")) == 1  # the latest: three domains
    assert len(with_class(root, "polyline", "bt-chart__series")) == 1  # the first: two domains, a line


@pytest.mark.parametrize("count", [1, 2])
def test_fewer_than_three_domains_fall_back_to_bars(count: int) -> None:
    names = ["Financiën", "Onderwijs"][:count]
    data = series(first=dict.fromkeys(names, 2), latest=dict.fromkeys(names, 4))
    svg = charts.life_domain_chart(data, compare=True)
    root = parse(svg)
    assert_accessible_and_csp_safe(svg, root)
    assert not root.findall(".//svg:polygon", NS)
    bars = with_class(root, "rect", "bt-chart__bar")
    assert len(bars) == 2 * count
    widths = sorted(float(b.get("width", 0)) for b in bars)
    assert widths[-1] == pytest.approx(2 * widths[0])  # 4 is twice as long as 2


def test_a_bar_without_a_score_says_so() -> None:
    root = parse(charts.life_domain_chart(series(first={"A": 1}, latest={"A": 3, "B": 2}), compare=True))
    assert len(with_class(root, "rect", "bt-chart__bar")) == 3
    assert "Bij de start: niet gescoord" in texts(root)


def test_nothing_scored_gives_no_picture() -> None:
    assert charts.life_domain_chart({"domains": [], "first": {}, "latest": {}}, compare=False) == ""


def test_domain_names_are_escaped() -> None:
    data = series(first={SCRIPT: 2, "B & C": 3, "D": 1}, latest={SCRIPT: 3, "B & C": 3, "D": 2})
    svg = charts.life_domain_chart(data, compare=True)
    root = parse(svg)
    assert "<script" not in svg and "&lt;script&gt;" in svg and "B &amp; C" in svg
    assert "<script>" in texts(root)  # shown as text (the label wraps), not run
    desc = root.find("svg:desc", NS)
    assert desc is not None and SCRIPT in (desc.text or "")
    assert root.find(".//svg:script", NS) is None


def test_long_labels_wrap() -> None:
    assert charts.wrap("Maatschappelijke participatie", 18) == ["Maatschappelijke", "participatie"]
    assert all(len(line) <= 18 for line in charts.wrap("Eenheelerglangwoordzonderspaties en meer", 18))


def test_domain_rows_for_the_table() -> None:
    rows = charts.domain_rows(series(first={"A": 1}, latest={"A": 3, "B": 2}))
    assert rows == [charts.DomainRow("A", 1, 3), charts.DomainRow("B", None, 2)]


# --- Network map ------------------------------------------------------------------------------------
NETWORK = [
    charts.NetworkNode("Oma Jansen", formal=False, role="Familie"),
    charts.NetworkNode("Buurvrouw Ans", formal=False, role="Buur"),
    charts.NetworkNode("Dokter Bakker", formal=True, role="Huisarts", organisation="Praktijk Oost"),
]


def test_network_map_shows_the_household_and_its_network() -> None:
    svg = charts.network_map(
        household_name="Huishouden de Vries",
        members=[("Sanne de Vries", "Aanmelder"), ("Tim de Vries", "Kind")],
        network=NETWORK,
        chart_id="net",
    )
    root = parse(svg)
    assert_accessible_and_csp_safe(svg, root)
    informal = with_class(root, "g", "bt-network__node--informal")
    formal = with_class(root, "g", "bt-network__node--formal")
    assert len(informal) == 2 and len(formal) == 1
    # Shape and colour and words: circles for informal, squares for formal.
    assert all(g.find("svg:circle", NS) is not None for g in informal)
    assert all(g.find("svg:rect", NS) is not None for g in formal)
    assert "informeel" in "".join(informal[0].itertext()) and "formeel" in "".join(formal[0].itertext())
    edges = with_class(root, "line", "bt-network__edge")
    assert len(edges) == 3
    assert sorted(e.get("stroke-dasharray") or "" for e in edges) == ["6 4", "none", "none"]
    words = texts(root)
    for name in ("Huishouden de Vries", "Sanne de Vries (Aanmelder)", "Tim de Vries (Kind)", "Praktijk Oost"):
        assert name in words
    desc = root.find("svg:desc", NS)
    assert desc is not None and "2 informele" in (desc.text or "") and "1 formele" in (desc.text or "")


def test_network_map_without_a_network() -> None:
    root = parse(charts.network_map(household_name="Huishouden X", members=[("X", "Aanmelder")], network=[]))
    assert not with_class(root, "g", "bt-network__node")
    desc = root.find("svg:desc", NS)
    assert desc is not None and "nog geen netwerk" in (desc.text or "")


def test_a_large_household_and_network_stay_readable() -> None:
    members = [(f"Kind {i}", "Kind") for i in range(9)]
    network = [charts.NetworkNode(f"Persoon {i}", formal=i % 3 == 0, role="Anders") for i in range(16)]
    root = parse(charts.network_map(household_name="Groot gezin", members=members, network=network))
    assert len(with_class(root, "g", "bt-network__node")) == 16
    assert "en nog 3" in texts(root)


def test_network_names_are_escaped() -> None:
    svg = charts.network_map(
        household_name=f"Huishouden {SCRIPT}",
        members=[(SCRIPT, "Kind")],
        network=[charts.NetworkNode(SCRIPT, formal=True, role="Huisarts", organisation="A & B <i>")],
    )
    root = parse(svg)
    assert "<script" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg and "A &amp; B &lt;i&gt;" in svg
    assert root.find(".//svg:script", NS) is None
    title = root.find("svg:title", NS)
    assert title is not None and SCRIPT in (title.text or "")
