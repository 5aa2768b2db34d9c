"""What the referrals app adds to the case page, network map and closure check (``cases.extensions``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from buurtteam.cases import extensions
from buurtteam.cases.charts.network import NetworkNode
from buurtteam.cases.models import ClosureReason
from buurtteam.cases.services.base import CaseStepError
from buurtteam.referrals import selectors

if TYPE_CHECKING:
    from django.http import HttpRequest

    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor
    from buurtteam.referrals.models import Agreement, Referral


def close_guard(actor: Actor, case: Case, reason: str) -> None:
    """Nobody waiting drops out of sight; 'referred' means a specialist referral has started."""
    if selectors.waiting_referral_count(actor=actor, case=case):
        raise CaseStepError(
            _(
                "Deze casus kan nog niet worden afgesloten: de inwoner wacht op een verwijzing. Laat de hulp "
                "eerst starten of annuleer de verwijzing; tot dan loopt de overbrugging door."
            )
        )
    if reason == ClosureReason.REFERRED and not selectors.has_started_specialist_referral(
        actor=actor, case=case
    ):
        raise CaseStepError(
            _(
                "'Doorverwezen naar specialistische zorg' kan pas als een verwijzing naar "
                "specialistische zorg is gestart. Kies een andere reden of leg de start van de "
                "verwijzing vast."
            )
        )


def _case_data(actor: Actor, case: Case) -> tuple[list[Referral], list[Agreement]]:
    """Read once per page: the section and the network map share it (kept on the case object)."""
    cached = getattr(case, "_referrals_hook_data", None)
    if cached is None:
        cached = (
            selectors.case_referrals(actor=actor, case=case),
            selectors.case_agreements(actor=actor, case=case),
        )
        case._referrals_hook_data = cached  # type: ignore[attr-defined]
    return cached


def dossier_section(request: HttpRequest, actor: Actor, case: Case) -> extensions.DossierSection:
    from buurtteam.referrals.views.case import section_context  # the section's rows and forms

    referrals, agreements = _case_data(actor, case)
    return extensions.DossierSection(
        anchor="verwijzingen",
        title=_("Verwijzingen en afspraken"),
        template="referrals/dossier/_section.html",
        context={
            "referrals": referrals,
            "agreements": agreements,
            "case": case,
            **section_context(actor, case, referrals, agreements),
        },
        order=55,
    )


def network_nodes(actor: Actor, case: Case) -> list[NetworkNode]:
    """Partners with a running agreement or referral appear on the household's network map."""
    nodes: dict[str, NetworkNode] = {}
    referrals, agreements = _case_data(actor, case)
    for agreement in (a for a in agreements if a.ended_at is None):
        nodes.setdefault(
            agreement.party,
            NetworkNode(
                name=agreement.party,
                formal=True,
                role=_("Afspraak: %(what)s") % {"what": agreement.what[:40]},
                organisation=agreement.partner.name if agreement.partner else "",
            ),
        )
    for referral in referrals:
        if referral.status in ("sent", "accepted", "waiting", "started"):
            nodes.setdefault(
                referral.partner.name,
                NetworkNode(
                    name=referral.partner.name,
                    formal=True,
                    role=_("Verwijzing: %(status)s") % {"status": referral.get_status_display()},
                ),
            )
    return list(nodes.values())


def install() -> None:
    extensions.register(extensions.CLOSE_GUARDS, close_guard)
    extensions.register(extensions.DOSSIER_SECTIONS, dossier_section)
    extensions.register(extensions.NETWORK_NODES, network_nodes)
