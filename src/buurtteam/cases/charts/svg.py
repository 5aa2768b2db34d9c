"""Shared SVG primitives for the pictures: escaping-safe text, wrapping, the outer element, colours."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

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


def join_safe(parts: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def num(value: float) -> str:
    return f"{value:.1f}"


def svg_element(
    *, chart_id: str, width: int, height: int, title: str, desc: str, body: SafeString
) -> SafeString:
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


def wrap(text: str, width: int) -> list[str]:
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


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def text_lines(
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
    spans = join_safe(
        format_html(
            '<tspan x="{x}" dy="{dy}em">{line}</tspan>',
            x=num(x),
            dy=f"{first_dy:.2f}" if i == 0 else "1.2",
            line=line,
        )
        for i, line in enumerate(lines)
    )
    return format_html(
        '<text x="{x}" y="{y}" text-anchor="{anchor}"{extra}>{spans}</text>',
        x=num(x),
        y=num(y),
        anchor=anchor,
        extra=extra,
        spans=spans,
    )


# --- Life domains: radar (three or more domains) or bars -----------------------------------------
