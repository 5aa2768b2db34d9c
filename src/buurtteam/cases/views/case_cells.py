"""The cells a case list shows for each case (reference link, pickup, workers, badges), as HTML built in
Python: the same markup the list templates used to include per row, without a template render per cell.

As in the templates, values are escaped and the Dutch text from the catalogue is not (``{% translate %}``
and ``{% blocktranslate %}`` do not escape their own text either).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import dateformat
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

if TYPE_CHECKING:
    from buurtteam.cases.models import Case, CaseAssignment
    from buurtteam.cases.selectors.cases import Pickup


def _text(message: str) -> SafeString:
    """Catalogue text with only numbers or dates filled in: shown as it is, as the templates did."""
    return mark_safe(message)  # noqa: S308 - translated literal text with numbers and dates only


def case_link(case: Case, url: str | None) -> SafeString:
    if url:
        return format_html('<a class="utrecht-link" href="{}">{}</a>', url, case.reference)
    return format_html("{}", case.reference)


def pickup(p: Pickup | None) -> SafeString:
    if p is None:
        return format_html('<span class="bt-muted">{}</span>', _text(_("Geen termijn")))
    days = p.working_days
    if p.picked_up:
        done = _text(
            ngettext("Opgepakt na %(counter)s werkdag", "Opgepakt na %(counter)s werkdagen", days)
            % {"counter": days}
        )
        if not p.overdue:
            return done
        late = _text(_("Te laat opgepakt"))
        return format_html(
            '<span class="utrecht-status-badge utrecht-status-badge--warning">{}</span> {}', late, done
        )
    if p.overdue:
        waiting = _text(
            ngettext("wacht %(counter)s werkdag", "wacht %(counter)s werkdagen", days) % {"counter": days}
        )
        return format_html(
            '<span class="utrecht-status-badge utrecht-status-badge--danger">{}</span> {}',
            _text(_("Niet op tijd opgepakt")),
            waiting,
        )
    return _text(_("Oppakken vóór %(date)s") % {"date": dateformat.format(p.deadline, "d-m-Y")})


def workers(lead: CaseAssignment | None, co_workers: list[CaseAssignment]) -> SafeString:
    if lead is not None:
        who = format_html('{} <span class="bt-muted">({})</span>', lead.user.full_name, _text(_("regisseur")))
    else:
        who = format_html(
            '<span class="utrecht-status-badge utrecht-status-badge--inactive">{}</span>',
            _text(_("Niet toegewezen")),
        )
    if not co_workers:
        return who
    count = len(co_workers)
    more = _text(ngettext("+ %(counter)s collega", "+ %(counter)s collega's", count) % {"counter": count})
    return format_html('{}<br><span class="bt-muted">{}</span>', who, more)


def badges(items: list[tuple[str, str]]) -> SafeString:
    return SafeString(
        "".join(
            format_html('<span class="utrecht-status-badge utrecht-status-badge--{}">{}</span> ', kind, label)
            for label, kind in items
        )
    )
