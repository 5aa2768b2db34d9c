"""What the volunteers app adds to the case page (``cases.extensions``): the case's requests for informal
help, the link to ask for it, and — only here, for readers of the case — whether the client is also a
volunteer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from buurtteam.cases import extensions
from buurtteam.cases.models import Status
from buurtteam.volunteers import selectors
from buurtteam.volunteers.querysets import may_use_databank

if TYPE_CHECKING:
    from django.http import HttpRequest

    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor


def dossier_section(request: HttpRequest, actor: Actor, case: Case) -> extensions.DossierSection | None:
    if not may_use_databank(actor):
        return None
    return extensions.DossierSection(
        anchor="informele-hulp",
        title=_("Informele hulp en vrijwilligers"),
        template="volunteers/dossier/_section.html",
        context={
            "case": case,
            "requests": selectors.case_requests(actor=actor, case=case),
            "volunteer": selectors.volunteer_of_client(actor=actor, case=case),
            "is_open": case.status != Status.CLOSED,
        },
        order=60,
    )


def install() -> None:
    extensions.register(extensions.DOSSIER_SECTIONS, dossier_section)
