"""The safety section on the case page: only for the case's workers and the team's coordinator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from buurtteam.cases import extensions
from buurtteam.cases.services.base import CaseStepError
from buurtteam.safety import selectors
from buurtteam.safety.forms import CrisisForm, TrackStartForm
from buurtteam.safety.models import MeldcodeTrack

if TYPE_CHECKING:
    from django.http import HttpRequest

    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor


def dossier_section(request: HttpRequest, actor: Actor, case: Case) -> extensions.DossierSection | None:
    if not selectors.may_open_case(actor=actor, case=case):
        return None
    tracks = selectors.case_tracks(actor=actor, case=case)
    return extensions.DossierSection(
        anchor="veiligheid",
        title=_("Veiligheid en meldcode"),
        template="safety/dossier/_section.html",
        context={
            "tracks": tracks,
            "open_track": next((t for t in tracks if t.status == MeldcodeTrack.Status.OPEN), None),
            "case": case,
            "start_form": TrackStartForm(prefix="meldcode"),
            "crisis_form": CrisisForm(prefix="crisis", mark=not case.crisis),
        },
        order=15,
    )


def close_guard(actor: Actor, case: Case, reason: str) -> None:
    """A case with an open meldcode track is not closed: finish the five steps, or stop the track."""
    from buurtteam.core.gate import system_access
    from buurtteam.safety.models import MeldcodeTrack

    with system_access("is a meldcode track still open (the message names no details)"):
        open_track = MeldcodeTrack.objects.filter(case_id=case.pk, status=MeldcodeTrack.Status.OPEN).exists()
    if open_track:
        raise CaseStepError(
            _(
                "Deze casus kan nog niet worden afgesloten: er loopt een meldcodetraject. Rond de vijf "
                "stappen af of stop het traject eerst."
            )
        )


def install() -> None:
    extensions.register(extensions.DOSSIER_SECTIONS, dossier_section)
    extensions.register(extensions.CLOSE_GUARDS, close_guard)
