"""What the community app adds to the case page (``cases.extensions``): the toeleiding section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from buurtteam.cases import extensions
from buurtteam.cases.models import Status
from buurtteam.community.selectors import links as selectors

if TYPE_CHECKING:
    from django.http import HttpRequest

    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor

SECTION_ORDER = 52  # right after the plan (50), before referrals (55)


def dossier_section(request: HttpRequest, actor: Actor, case: Case) -> extensions.DossierSection:
    """The case's links to activities, and per plan action a way to find one (two queries)."""
    links = selectors.case_links(actor=actor, case=case)
    actions = selectors.plan_actions(actor=actor, case=case)
    per_action: dict[int, int] = {}
    for link in links:
        if link.action_id is not None:
            per_action[link.action_id] = per_action.get(link.action_id, 0) + 1
    return extensions.DossierSection(
        anchor="toeleiding",
        title=_("Activiteiten in de buurt"),
        template="community/dossier/_section.html",
        context={
            "case": case,
            "links": links,
            "actions": [(action, per_action.get(action.pk, 0)) for action in actions],
            "is_open": case.status != Status.CLOSED,
        },
        order=SECTION_ORDER,
    )


def install() -> None:
    extensions.register(extensions.DOSSIER_SECTIONS, dossier_section)
