"""Life-domain chart: intake vs latest assessment as a radar (3+ domains) or bars (fewer)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from buurtteam.cases.charts.svg import (
    FIRST_COLOUR,
    GRID,
    INK,
    LATEST_COLOUR,
    MUTED,
    SCALE_MAX,
    join_safe,
    num,
    svg_element,
    text_lines,
    wrap,
)


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
            x=num(x - 4.5),
            y=num(y - 4.5),
            c=s.colour,
            tip=tip,
        )
    return format_html(
        '<circle cx="{x}" cy="{y}" r="5" fill="#ffffff" stroke="{c}" stroke-width="2">'
        "<title>{tip}</title></circle>",
        x=num(x),
        y=num(y),
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
                x1=num(left),
                x2=num(left + 36),
                y=num(y),
                c=s.colour,
                dash=s.dash,
                marker=_marker(left + 18, y, s, s.label),
                tx=num(left + 44),
                ty=num(y + 4.5),
                label=s.label,
            )
        )
    return format_html('<g class="bt-chart__legend">{}</g>', join_safe(items))


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
                cx=num(cx),
                cy=num(cy),
                r=num(radius * level / SCALE_MAX),
                g=GRID,
            )
        )
        parts.append(
            format_html(
                '<text x="{x}" y="{y}" font-size="11" fill="{m}" text-anchor="start">{level}</text>',
                x=num(cx + 4),
                y=num(cy - radius * level / SCALE_MAX - 3),
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
                cx=num(cx),
                cy=num(cy),
                x=num(x),
                y=num(y),
                g=GRID,
            )
        )
        cos, sin = math.cos(angle(i)), math.sin(angle(i))
        lx, ly = cx + (radius + 16) * cos, cy + (radius + 16) * sin
        anchor = "start" if cos > 0.25 else "end" if cos < -0.25 else "middle"
        label_lines = wrap(name, 18)
        first_dy = 0.35 - 0.6 * (len(label_lines) - 1)
        if sin < -0.7:
            first_dy -= 0.6 * len(label_lines)
        elif sin > 0.7:
            first_dy += 0.6 * len(label_lines)
        parts.append(
            text_lines(
                label_lines, x=lx, y=ly, anchor=anchor, first_dy=first_dy, attrs={"class": "bt-chart__label"}
            )
        )
    # One shape per series: a polygon through the scored domains (a line or a dot when fewer than three).
    for s in series:
        scored = [(i, s.scores[name]) for i, name in enumerate(domains) if name in s.scores]
        points = [point(i, score) for i, score in scored]
        coords = " ".join(f"{num(x)},{num(y)}" for x, y in points)
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
    return svg_element(
        chart_id=chart_id, width=width, height=height, title=title, desc=desc, body=join_safe(parts)
    )


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
                x=num(x),
                y1=num(top - 8),
                y2=num(top + group_height * len(domains)),
                g=GRID,
                ty=num(top - 12),
                m=MUTED,
                level=level,
            )
        )
    for d, name in enumerate(domains):
        y0 = top + d * group_height
        parts.append(
            text_lines(
                wrap(name, 24),
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
                        x=num(left + 4),
                        y=num(y + bar_height - 5),
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
                    x=num(left),
                    y=num(y),
                    w=num(length),
                    h=num(bar_height),
                    fill=s.colour,
                    op="1" if s.filled_marker else "0.15",
                    c=s.colour,
                    d=s.dash,
                    tip=f"{name}: {score} ({s.label.lower()})",
                    tx=num(left + length + 6),
                    ty=num(y + bar_height - 5),
                    ink=INK,
                    score=score,
                )
            )
    parts.append(_legend(series, x=left, y=height - 18))
    return svg_element(
        chart_id=chart_id, width=width, height=height, title=title, desc=desc, body=join_safe(parts)
    )


# --- The household's network ------------------------------------------------------------------
