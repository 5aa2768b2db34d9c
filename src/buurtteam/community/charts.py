"""The buurt overview's chart: signals per theme over time as stacked bars (server-side SVG).

Each bar is a month or quarter, each segment a theme; the same numbers are in the table under the chart.
Counts of 1 or 2 are not drawn (the small-cell rule); the description says so.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from buurtteam.cases.charts.svg import GRID, MUTED, join_safe, num, svg_element, text_lines
from buurtteam.community.selectors.aggregates import SignalOverview, small_cell

# Eight colours that keep 3:1 contrast against white (graphical objects, WCAG 1.4.11), in theme order.
THEME_COLOURS = ("#24598f", "#a34f00", "#2f6b2f", "#7a2e8e", "#b0223b", "#006d75", "#5c5c00", "#4d4d4d")

WIDTH = 820
HEIGHT = 360
LEFT = 48
RIGHT = 260
TOP = 16
BOTTOM = 56


def theme_colours(overview: SignalOverview) -> list[tuple[str, str, str]]:
    """(code, label, colour) per theme, for the chart and its legend."""
    return [
        (code, label, THEME_COLOURS[i % len(THEME_COLOURS)])
        for i, (code, label) in enumerate(overview.themes)
    ]


def _nice_max(value: int) -> int:
    for step in (5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if value <= step * 5:
            return max(step, ((value + step - 1) // step) * step)
    return value


def overview_chart(overview: SignalOverview, *, chart_id: str = "signalen-grafiek") -> SafeString:
    colours = theme_colours(overview)
    drawn = {
        (code, p.start): shown
        for code, _l, _c in colours
        for p in overview.periods
        if (shown := small_cell(overview.by_period.get((code, p.start), 0)))
    }
    totals = [sum(drawn.get((code, p.start), 0) for code, _l, _c in colours) for p in overview.periods]
    top = _nice_max(max(totals, default=0) or 1)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    n = max(len(overview.periods), 1)
    slot = plot_w / n
    bar = max(slot * 0.7, 2)
    parts: list[SafeString] = []
    for i in range(6):  # the grid and the scale
        value = top * i / 5
        y = TOP + plot_h - plot_h * i / 5
        parts.append(
            format_html(
                '<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{c}" stroke-width="1"/>'
                '<text x="{tx}" y="{ty}" text-anchor="end" fill="{m}">{v}</text>',
                x1=LEFT,
                x2=LEFT + plot_w,
                y=num(y),
                c=GRID,
                tx=LEFT - 6,
                ty=num(y + 4),
                m=MUTED,
                v=f"{value:.0f}",
            )
        )
    label_every = max(1, n // 12)
    for index, period in enumerate(overview.periods):
        x = LEFT + slot * index + (slot - bar) / 2
        y = TOP + plot_h
        for code, _label, colour in colours:
            value = drawn.get((code, period.start), 0)
            if not value:
                continue
            height = plot_h * value / top
            y -= height
            parts.append(
                format_html(
                    '<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{c}" '
                    'stroke="#ffffff" stroke-width="1"/>',
                    x=num(x),
                    y=num(y),
                    w=num(bar),
                    h=num(height),
                    c=colour,
                )
            )
        if index % label_every == 0:
            parts.append(
                text_lines(
                    [period.label],
                    x=x + bar / 2,
                    y=TOP + plot_h + 18,
                    attrs={"fill": MUTED, "font-size": "11"},
                )
            )
    for i, (_code, label, colour) in enumerate(colours):  # the legend
        y = TOP + 8 + i * 22
        parts.append(
            format_html(
                '<rect x="{x}" y="{y}" width="14" height="14" fill="{c}"/>'
                '<text x="{tx}" y="{ty}">{label}</text>',
                x=LEFT + plot_w + 16,
                y=num(y),
                c=colour,
                tx=LEFT + plot_w + 36,
                ty=num(y + 12),
                label=label,
            )
        )
    title = _("Signalen per thema, %(first)s tot en met %(last)s") % {
        "first": overview.periods[0].label if overview.periods else "",
        "last": overview.periods[-1].label if overview.periods else "",
    }
    desc = _(
        "Gestapelde staven: per periode het aantal signalen, per thema een kleur. In totaal %(n)s signalen. "
        "Aantallen van 1 of 2 zijn niet getekend. De tabel onder de grafiek geeft dezelfde cijfers."
    ) % {"n": overview.total if small_cell(overview.total) is not None else _("minder dan 3")}
    return svg_element(
        chart_id=chart_id, width=WIDTH, height=HEIGHT, title=title, desc=desc, body=join_safe(parts)
    )
