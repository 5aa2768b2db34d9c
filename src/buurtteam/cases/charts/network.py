"""The household network map: members in the centre, informal and formal network around them."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from buurtteam.cases.charts.svg import (
    FORMAL_COLOUR,
    FORMAL_FILL,
    INFORMAL_COLOUR,
    INFORMAL_FILL,
    INK,
    join_safe,
    num,
    shorten,
    svg_element,
    text_lines,
)


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
                cx=num(cx),
                cy=num(cy),
                x=num(x),
                y=num(y),
                c=colour,
                d="6 4" if node.formal else "none",
            )
        )
    # The household: a box with the members' names.
    shown = list(members[:6])
    more = len(members) - len(shown)
    box_lines = [shorten(f"{name} ({relation})" if relation else name, 30) for name, relation in shown]
    if more > 0:
        box_lines.append(_("en nog %(n)d") % {"n": more})
    box_w, box_h = 230.0, 34.0 + 17.0 * max(len(box_lines), 1)
    parts.append(
        format_html(
            '<g class="bt-network__household">'
            '<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="10" fill="#f2f2f2" stroke="{ink}" '
            'stroke-width="2"/>'
            '<text x="{cx}" y="{ty}" text-anchor="middle" font-weight="bold">{name}</text>{members}</g>',
            x=num(cx - box_w / 2),
            y=num(cy - box_h / 2),
            w=num(box_w),
            h=num(box_h),
            ink=INK,
            cx=num(cx),
            ty=num(cy - box_h / 2 + 21),
            name=shorten(household_name, 28),
            members=text_lines(
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
                x=num(x - 13),
                y=num(y - 13),
                f=FORMAL_FILL,
                c=FORMAL_COLOUR,
            )
        else:
            shape = format_html(
                '<circle cx="{x}" cy="{y}" r="14" fill="{f}" stroke="{c}" stroke-width="2"/>',
                x=num(x),
                y=num(y),
                f=INFORMAL_FILL,
                c=INFORMAL_COLOUR,
            )
        detail = f"{node.role} · {kind}"
        label = [shorten(node.name, 24), shorten(detail, 28)]
        if node.organisation:
            label.insert(1, shorten(node.organisation, 26))
        below = y >= cy - 40
        parts.append(
            format_html(
                '<g class="bt-network__node bt-network__node--{kind_class}">{shape}{text}</g>',
                kind_class="formal" if node.formal else "informal",
                shape=shape,
                text=text_lines(
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
    return svg_element(
        chart_id=chart_id, width=width, height=height, title=title, desc=desc, body=join_safe(parts)
    )


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
        x1=num(x + 8),
        y=num(y),
        lx1=num(x + 20),
        lx2=num(x + 44),
        tx1=num(x + 52),
        ty=num(y + 4.5),
        inf=INFORMAL_COLOUR,
        inf_fill=INFORMAL_FILL,
        informal=_("Informeel: familie, buren, vrienden, vrijwilligers"),
        x2=num(x + 380),
        ry=num(y - 8),
        lx3=num(x + 402),
        lx4=num(x + 426),
        tx2=num(x + 434),
        f=FORMAL_COLOUR,
        f_fill=FORMAL_FILL,
        formal=_("Formeel: huisarts, school, organisaties"),
    )
