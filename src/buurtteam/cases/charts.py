"""Pictures on the case page, drawn on the server as SVG.

* the life-domain chart: the first and the latest assessment on the 1-5 scale, as a radar chart, or as
  bars when fewer than three domains were scored (a radar needs three axes to mean anything);
* the network map: the household in the middle and the people and organisations around it.

Every picture is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``; the page puts a table or
list with the same facts next to it. Safe under the strict CSP: no scripts, no ``style`` attributes,
only SVG presentation attributes. Every piece of text goes through :func:`django.utils.html.format_html`,
which escapes it; the result is a ``SafeString`` that templates print without ``|safe``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

SCALE_MAX = 5
SVG_NS = "http://www.w3.org/2000/svg"

# Colours with at least 4.5:1 contrast on white; series also differ in line style and marker shape.
INK = "#1a1a1a"
MUTED = "#4d4d4d"
GRID = "#bfbfbf"
FIRST_COLOUR = "#a34f00"  # the first assessment: dark orange, dashed, hollow circles
LATEST_COLOUR = "#24598f"  # the latest assessment: blue, solid, filled squares
INFORMAL_COLOUR = "#2f6b2f"  # informal network: green circles, solid lines
INFORMAL_FILL = "#e3f1e0"
FORMAL_COLOUR = "#24598f"  # formal network: blue squares, dashed lines
FORMAL_FILL = "#dbe7f4"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def _join(parts: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _n(value: float) -> str:
    return f"{value:.1f}"


def _svg(*, chart_id: str, width: int, height: int, title: str, desc: str, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="{ns}" class="bt-chart" role="img" aria-labelledby="{id}-title {id}-desc" '
        'viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMidYMid meet" '
        'font-family="{font}" font-size="13" fill="{ink}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        ns=SVG_NS,
        id=chart_id,
        w=width,
        h=height,
        font=FONT,
        ink=INK,
        title=title,
        desc=desc,
        body=body,
    )


def _wrap(text: str, width: int) -> list[str]:
    """Break a label into lines of at most ``width`` characters, on spaces where possible."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:  # a very long word: cut it
            if current:
                lines.append(current)
                current = ""
            lines.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _text_lines(
    lines: Sequence[str],
    *,
    x: float,
    y: float,
    anchor: str = "middle",
    first_dy: float = 0.0,
    attrs: dict[str, str] | None = None,
) -> SafeString:
    """A multi-line ``<text>``: one ``<tspan>`` per line, the first shifted by ``first_dy`` em."""
    extra = format_html_join("", ' {}="{}"', (attrs or {}).items())
    spans = _join(
        format_html(
            '<tspan x="{x}" dy="{dy}em">{line}</tspan>',
            x=_n(x),
            dy=f"{first_dy:.2f}" if i == 0 else "1.2",
            line=line,
        )
        for i, line in enumerate(lines)
    )
    return format_html(
        '<text x="{x}" y="{y}" text-anchor="{anchor}"{extra}>{spans}</text>',
        x=_n(x),
        y=_n(y),
        anchor=anchor,
        extra=extra,
        spans=spans,
    )


# --- Life domains: radar (three or more domains) or bars -----------------------------------------
@dataclass(frozen=True)
class DomainRow:
    """One line of the table next to the chart."""

    domain: str
    first: int | None
    latest: int | None


@dataclass(frozen=True)
class _Series:
    label: str
    scores: dict[str, int]
    colour: str
    dash: str  # stroke-dasharray, "none" for a solid line
    filled_marker: bool


def domain_rows(series: dict[str, Any]) -> list[DomainRow]:
    first: dict[str, int] = series.get("first", {})
    latest: dict[str, int] = series.get("latest", {})
    return [DomainRow(name, first.get(name), latest.get(name)) for name in series.get("domains", [])]


def _series(series: dict[str, Any], *, compare: bool) -> list[_Series]:
    latest = _Series(
        _("Nu") if compare else _("Inschatting"), dict(series.get("latest", {})), LATEST_COLOUR, "none", True
    )
    if not compare:
        return [latest]
    first = _Series(_("Bij de start"), dict(series.get("first", {})), FIRST_COLOUR, "7 4", False)
    return [first, latest]


def _marker(x: float, y: float, s: _Series, tip: str) -> SafeString:
    if s.filled_marker:
        return format_html(
            '<rect x="{x}" y="{y}" width="9" height="9" fill="{c}" stroke="{c}"><title>{tip}</title></rect>',
            x=_n(x - 4.5),
            y=_n(y - 4.5),
            c=s.colour,
            tip=tip,
        )
    return format_html(
        '<circle cx="{x}" cy="{y}" r="5" fill="#ffffff" stroke="{c}" stroke-width="2">'
        "<title>{tip}</title></circle>",
        x=_n(x),
        y=_n(y),
        c=s.colour,
        tip=tip,
    )


def _legend(series: Sequence[_Series], *, x: float, y: float) -> SafeString:
    items = []
    for i, s in enumerate(series):
        left = x + i * 170
        items.append(
            format_html(
                '<g class="bt-chart__legend-item">'
                '<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{c}" stroke-width="3" '
                'stroke-dasharray="{dash}"/>'
                "{marker}"
                '<text x="{tx}" y="{ty}">{label}</text></g>',
                x1=_n(left),
                x2=_n(left + 36),
                y=_n(y),
                c=s.colour,
                dash=s.dash,
                marker=_marker(left + 18, y, s, s.label),
                tx=_n(left + 44),
                ty=_n(y + 4.5),
                label=s.label,
            )
        )
    return format_html('<g class="bt-chart__legend">{}</g>', _join(items))


def _scores_text(s: _Series, domains: Sequence[str]) -> str:
    parts = [f"{name} {s.scores[name]}" for name in domains if name in s.scores]
    return f"{s.label}: " + (", ".join(parts) if parts else _("niet gescoord"))


def life_domain_chart(series: dict[str, Any], *, chart_id: str = "leefgebieden", compare: bool) -> SafeString:
    """The scores of the first and the latest assessment (``compare``), or of the only one.

    ``series`` is what ``selectors.dossier.radar_series`` returns. An empty string when nothing was scored.
    """
    domains: list[str] = list(series.get("domains", []))
    if not domains:
        return SafeString("")
    lines = _series(series, compare=compare)
    title = (
        _("Zelfredzaamheid per leefgebied: bij de start en nu")
        if compare
        else _("Zelfredzaamheid per leefgebied")
    )
    desc = (
        _("Schaal van 1 (acuut probleem) tot 5 (volledig zelfredzaam). ")
        + "; ".join(_scores_text(s, domains) for s in lines)
        + "."
    )
    if len(domains) < 3:
        return _bar_chart(domains, lines, chart_id=chart_id, title=title, desc=desc)
    return _radar_chart(domains, lines, chart_id=chart_id, title=title, desc=desc)


def _radar_chart(
    domains: list[str], series: list[_Series], *, chart_id: str, title: str, desc: str
) -> SafeString:
    width, height = 720, 520
    cx, cy, radius = 360.0, 245.0, 165.0
    count = len(domains)

    def angle(i: int) -> float:
        return -math.pi / 2 + 2 * math.pi * i / count

    def point(i: int, score: float) -> tuple[float, float]:
        r = radius * score / SCALE_MAX
        return cx + r * math.cos(angle(i)), cy + r * math.sin(angle(i))

    parts: list[SafeString] = []
    # Rings for 1..5 and their numbers along the upward axis.
    for level in range(1, SCALE_MAX + 1):
        parts.append(
            format_html(
                '<circle class="bt-chart__grid" cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{g}" '
                'stroke-width="1"/>',
                cx=_n(cx),
                cy=_n(cy),
                r=_n(radius * level / SCALE_MAX),
                g=GRID,
            )
        )
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" font-size="11" fill="{m}" text-anchor="start">{level}</text>',
                x=_n(cx + 4),
                y=_n(cy - radius * level / SCALE_MAX - 3),
                m=MUTED,
                level=level,
            )
        )
    # Axes and domain labels.
    for i, name in enumerate(domains):
        x, y = point(i, SCALE_MAX)
        parts.append(
            format_html(
                '<line class="bt-chart__axis" x1="{cx}" y1="{cy}" x2="{x}" y2="{y}" stroke="{g}" '
                'stroke-width="1"/>',
                cx=_n(cx),
                cy=_n(cy),
                x=_n(x),
                y=_n(y),
                g=GRID,
            )
        )
        cos, sin = math.cos(angle(i)), math.sin(angle(i))
        lx, ly = cx + (radius + 16) * cos, cy + (radius + 16) * sin
        anchor = "start" if cos > 0.25 else "end" if cos < -0.25 else "middle"
        label_lines = _wrap(name, 18)
        first_dy = 0.35 - 0.6 * (len(label_lines) - 1)
        if sin < -0.7:
            first_dy -= 0.6 * len(label_lines)
        elif sin > 0.7:
            first_dy += 0.6 * len(label_lines)
        parts.append(
            _text_lines(
                label_lines, x=lx, y=ly, anchor=anchor, first_dy=first_dy, attrs={"class": "bt-chart__label"}
            )
        )
    # One shape per series: a polygon through the scored domains (a line or a dot when fewer than three).
    for s in series:
        scored = [(i, s.scores[name]) for i, name in enumerate(domains) if name in s.scores]
        points = [point(i, score) for i, score in scored]
        coords = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        if len(points) >= 3:
            parts.append(
                format_html(
                    '<polygon class="bt-chart__series" points="{p}" fill="{c}" fill-opacity="0.12" '
                    'stroke="{c}" stroke-width="2.5" stroke-dasharray="{d}" stroke-linejoin="round"/>',
                    p=coords,
                    c=s.colour,
                    d=s.dash,
                )
            )
        elif len(points) == 2:
            parts.append(
                format_html(
                    '<polyline class="bt-chart__series" points="{p}" fill="none" stroke="{c}" '
                    'stroke-width="2.5" stroke-dasharray="{d}"/>',
                    p=coords,
                    c=s.colour,
                    d=s.dash,
                )
            )
        for (i, score), (x, y) in zip(scored, points, strict=True):
            parts.append(_marker(x, y, s, f"{domains[i]}: {score} ({s.label.lower()})"))
    parts.append(_legend(series, x=cx - 85 * len(series), y=height - 18))
    return _svg(chart_id=chart_id, width=width, height=height, title=title, desc=desc, body=_join(parts))


def _bar_chart(
    domains: list[str], series: list[_Series], *, chart_id: str, title: str, desc: str
) -> SafeString:
    label_width, bar_area, bar_height, gap = 190.0, 380.0, 20.0, 6.0
    group_height = len(series) * (bar_height + gap) + 18
    top = 28.0
    width = int(label_width + bar_area + 60)
    height = int(top + group_height * len(domains) + 56)
    left = label_width
    parts: list[SafeString] = []
    for level in range(1, SCALE_MAX + 1):
        x = left + bar_area * level / SCALE_MAX
        parts.append(
            format_html(
                '<line class="bt-chart__grid" x1="{x}" y1="{y1}" x2="{x}" y2="{y2}" stroke="{g}" '
                'stroke-width="1"/>'
                '<text x="{x}" y="{ty}" font-size="11" fill="{m}" text-anchor="middle">{level}</text>',
                x=_n(x),
                y1=_n(top - 8),
                y2=_n(top + group_height * len(domains)),
                g=GRID,
                ty=_n(top - 12),
                m=MUTED,
                level=level,
            )
        )
    for d, name in enumerate(domains):
        y0 = top + d * group_height
        parts.append(
            _text_lines(
                _wrap(name, 24),
                x=left - 10,
                y=y0 + bar_height * len(series) / 2 + 4,
                anchor="end",
                attrs={"class": "bt-chart__label"},
            )
        )
        for k, s in enumerate(series):
            y = y0 + k * (bar_height + gap)
            score = s.scores.get(name)
            if score is None:
                parts.append(
                    format_html(
                        '<text x="{x}" y="{y}" fill="{m}">{text}</text>',
                        x=_n(left + 4),
                        y=_n(y + bar_height - 5),
                        m=MUTED,
                        text=_("%(label)s: niet gescoord") % {"label": s.label},
                    )
                )
                continue
            length = bar_area * score / SCALE_MAX
            parts.append(
                format_html(
                    '<rect class="bt-chart__bar" x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}" '
                    'fill-opacity="{op}" stroke="{c}" stroke-width="2" stroke-dasharray="{d}">'
                    "<title>{tip}</title></rect>"
                    '<text x="{tx}" y="{ty}" fill="{ink}">{score}</text>',
                    x=_n(left),
                    y=_n(y),
                    w=_n(length),
                    h=_n(bar_height),
                    fill=s.colour,
                    op="1" if s.filled_marker else "0.15",
                    c=s.colour,
                    d=s.dash,
                    tip=f"{name}: {score} ({s.label.lower()})",
                    tx=_n(left + length + 6),
                    ty=_n(y + bar_height - 5),
                    ink=INK,
                    score=score,
                )
            )
    parts.append(_legend(series, x=left, y=height - 18))
    return _svg(chart_id=chart_id, width=width, height=height, title=title, desc=desc, body=_join(parts))


# --- The household's network ------------------------------------------------------------------
@dataclass(frozen=True)
class NetworkNode:
    name: str
    formal: bool
    role: str  # the role's label, e.g. "Huisarts"
    organisation: str = ""


def network_map(
    *,
    household_name: str,
    members: Sequence[tuple[str, str]],
    network: Sequence[NetworkNode],
    chart_id: str = "netwerk",
) -> SafeString:
    """The household (``members``: name and relation) in the middle, its network around it.

    Informal contacts are green circles on solid lines, formal ones blue squares on dashed lines, and
    each label says which it is: colour is never the only difference.
    """
    width, height = 780, 540
    cx, cy = width / 2, height / 2 - 10
    parts: list[SafeString] = []
    count = len(network)
    nodes: list[tuple[float, float, NetworkNode]] = []
    for i, node in enumerate(network):
        a = -math.pi / 2 + 2 * math.pi * i / max(count, 1)
        shrink = 0.78 if count > 10 and i % 2 else 1.0  # stagger a crowded ring
        nodes.append((cx + 300 * shrink * math.cos(a), cy + 195 * shrink * math.sin(a), node))
    for x, y, node in nodes:
        colour = FORMAL_COLOUR if node.formal else INFORMAL_COLOUR
        parts.append(
            format_html(
                '<line class="bt-network__edge" x1="{cx}" y1="{cy}" x2="{x}" y2="{y}" stroke="{c}" '
                'stroke-width="1.5" stroke-dasharray="{d}"/>',
                cx=_n(cx),
                cy=_n(cy),
                x=_n(x),
                y=_n(y),
                c=colour,
                d="6 4" if node.formal else "none",
            )
        )
    # The household: a box with the members' names.
    shown = list(members[:6])
    more = len(members) - len(shown)
    box_lines = [_shorten(f"{name} ({relation})" if relation else name, 30) for name, relation in shown]
    if more > 0:
        box_lines.append(_("en nog %(n)d") % {"n": more})
    box_w, box_h = 230.0, 34.0 + 17.0 * max(len(box_lines), 1)
    parts.append(
        format_html(
            '<g class="bt-network__household">'
            '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#f2f2f2" stroke="{ink}" '
            'stroke-width="2"/>'
            '<text x="{cx}" y="{ty}" text-anchor="middle" font-weight="bold">{name}</text>{members}</g>',
            x=_n(cx - box_w / 2),
            y=_n(cy - box_h / 2),
            w=_n(box_w),
            h=_n(box_h),
            ink=INK,
            cx=_n(cx),
            ty=_n(cy - box_h / 2 + 21),
            name=_shorten(household_name, 28),
            members=_text_lines(
                box_lines, x=cx, y=cy - box_h / 2 + 24, first_dy=1.2, attrs={"font-size": "12"}
            )
            if box_lines
            else SafeString(""),
        )
    )
    for x, y, node in nodes:
        kind = _("formeel") if node.formal else _("informeel")
        if node.formal:
            shape = format_html(
                '<rect x="{x}" y="{y}" width="26" height="26" fill="{f}" stroke="{c}" stroke-width="2"/>',
                x=_n(x - 13),
                y=_n(y - 13),
                f=FORMAL_FILL,
                c=FORMAL_COLOUR,
            )
        else:
            shape = format_html(
                '<circle cx="{x}" cy="{y}" r="14" fill="{f}" stroke="{c}" stroke-width="2"/>',
                x=_n(x),
                y=_n(y),
                f=INFORMAL_FILL,
                c=INFORMAL_COLOUR,
            )
        detail = f"{node.role} · {kind}"
        label = [_shorten(node.name, 24), _shorten(detail, 28)]
        if node.organisation:
            label.insert(1, _shorten(node.organisation, 26))
        below = y >= cy - 40
        parts.append(
            format_html(
                '<g class="bt-network__node bt-network__node--{kind_class}">{shape}{text}</g>',
                kind_class="formal" if node.formal else "informal",
                shape=shape,
                text=_text_lines(
                    label,
                    x=x,
                    y=y + 28 if below else y - 22,
                    first_dy=0.0 if below else -1.2 * (len(label) - 1),
                    attrs={"font-size": "12"},
                ),
            )
        )
    parts.append(_network_legend(x=24, y=height - 20))
    informal = sum(1 for n in network if not n.formal)
    title = _("Netwerk rond het huishouden %(name)s") % {"name": household_name}
    if network:
        desc = _(
            "In het midden het huishouden (%(members)d personen); eromheen %(informal)d informele "
            "(ronde, groene) en %(formal)d formele (vierkante, blauwe) contacten: %(list)s."
        ) % {
            "members": len(members),
            "informal": informal,
            "formal": count - informal,
            "list": "; ".join(
                f"{n.name} ({n.role}, {_('formeel') if n.formal else _('informeel')})" for n in network
            ),
        }
    else:
        desc = _("Het huishouden (%(members)d personen); er is nog geen netwerk vastgelegd.") % {
            "members": len(members)
        }
    return _svg(chart_id=chart_id, width=width, height=height, title=title, desc=desc, body=_join(parts))


def _network_legend(*, x: float, y: float) -> SafeString:
    return format_html(
        '<g class="bt-chart__legend">'
        '<circle cx="{x1}" cy="{y}" r="8" fill="{inf_fill}" stroke="{inf}" stroke-width="2"/>'
        '<line x1="{lx1}" y1="{y}" x2="{lx2}" y2="{y}" stroke="{inf}" stroke-width="1.5"/>'
        '<text x="{tx1}" y="{ty}">{informal}</text>'
        '<rect x="{x2}" y="{ry}" width="16" height="16" fill="{f_fill}" stroke="{f}" stroke-width="2"/>'
        '<line x1="{lx3}" y1="{y}" x2="{lx4}" y2="{y}" stroke="{f}" stroke-width="1.5" '
        'stroke-dasharray="6 4"/>'
        '<text x="{tx2}" y="{ty}">{formal}</text></g>',
        x1=_n(x + 8),
        y=_n(y),
        lx1=_n(x + 20),
        lx2=_n(x + 44),
        tx1=_n(x + 52),
        ty=_n(y + 4.5),
        inf=INFORMAL_COLOUR,
        inf_fill=INFORMAL_FILL,
        informal=_("Informeel: familie, buren, vrienden, vrijwilligers"),
        x2=_n(x + 380),
        ry=_n(y - 8),
        lx3=_n(x + 402),
        lx4=_n(x + 426),
        tx2=_n(x + 434),
        f=FORMAL_COLOUR,
        f_fill=FORMAL_FILL,
        formal=_("Formeel: huisarts, school, organisaties"),
    )
