"""The safety section on the case page: only for the case's workers and the team's coordinator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from buurtteam.cases import extensions
from buurtteam.safety import selectors

if TYPE_CHECKING:
    from django.http import HttpRequest

    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor


def dossier_section(request: HttpRequest, actor: Actor, case: Case) -> extensions.DossierSection | None:
    if not selectors.may_open(actor=actor, case_id=case.pk):
        return None
    return extensions.DossierSection(
        anchor="veiligheid",
        title=_("Veiligheid en meldcode"),
        template="safety/dossier/_section.html",
        context={"tracks": selectors.case_tracks(actor=actor, case=case), "case": case},
        order=15,
    )


def install() -> None:
    extensions.register(extensions.DOSSIER_SECTIONS, dossier_section)
