"""Reads for toeleiding: the links of a case, one link, and where the activity search starts from.

A link is part of the dossier: the case's full-access rule, with a full case grant honoured (the case page
reads its links with ``within(grant)``). Reading one link, and a case's links through the API, is audited
with the resident as subject; the case page's own read is audited by ``case_get_full``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import Goal, PlanAction
from buurtteam.cases.selectors.cases import case_grant
from buurtteam.cases.selectors.dossier import plan_actions_loaded
from buurtteam.community.models import ServiceLink
from buurtteam.core.gate import access_or_404
from buurtteam.socialmap.geo import Point, postcode_point
from buurtteam.socialmap.models import Taxonomy, TaxonomyTerm

if TYPE_CHECKING:
    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor

RESIDENT = "resident"
LIFE_DOMAINS = Taxonomy.Purpose.LIFE_DOMAINS
RELATED = ("service", "action", "action__goal", "linked_by", "follow_up_task")


def audit_read(actor: Actor, case: Case, object_type: str, object_id: object, **extra: Any) -> None:
    record(
        actor=actor,
        action=Action.READ,
        object_type=object_type,
        object_id=object_id,
        subject_type=RESIDENT,
        subject_id=case.client_id,
        subject_team_id=case.team_id,
        **extra,
    )


def case_links(*, actor: Actor, case: Case) -> list[ServiceLink]:
    """The case's links, newest first (the caller read the case at full level; not audited here)."""
    grant = case_grant(actor, case)
    qs = (
        ServiceLink.objects.within(grant)
        if grant
        else ServiceLink.objects.visible_to(actor).filter(case_id=case.pk)
    )
    return list(qs.select_related(*RELATED).order_by("-linked_at", "-id"))


def case_links_audited(*, actor: Actor, case: Case) -> list[ServiceLink]:
    links = case_links(actor=actor, case=case)
    audit_read(actor, case, "service_links", case.pk, details={"links": [link.pk for link in links]})
    return links


def link_get(*, actor: Actor, link_id: int) -> ServiceLink:
    """One link with its case: full access to the case, else 404. Audited."""
    link: ServiceLink = access_or_404(
        ServiceLink.objects.visible_to(actor).select_related("case", "case__client", "case__team", *RELATED),
        pk=link_id,
    )
    audit_read(actor, link.case, "service_link", link.pk)
    return link


def link_for_write(*, actor: Actor, case: Case, link_id: int) -> ServiceLink:
    """The link a follow-up form posts to (in this case, full access; 404 otherwise). Not audited as a
    read: the service records the change."""
    return access_or_404(  # type: ignore[no-any-return]
        ServiceLink.objects.visible_to(actor)
        .filter(case_id=case.pk)
        .select_related("case", "follow_up_task"),
        pk=link_id,
    )


def plan_actions(*, actor: Actor, case: Case) -> list[PlanAction]:
    """The actions of the household's plan (for the section's "find an activity" links), in plan order."""
    loaded = plan_actions_loaded(actor=actor, case=case)  # the case page read them already
    if loaded is not None:
        return loaded
    grant = case_grant(actor, case)
    qs = (
        PlanAction.objects.within(grant)
        if grant
        else PlanAction.objects.visible_to(actor).filter(goal__plan__household_id=case.household_id)
    )
    return list(
        qs.select_related("goal", "goal__domain").order_by("goal__position", "goal_id", "due_on", "id")
    )


def action_in_case(*, actor: Actor, case: Case, action_id: int) -> PlanAction:
    """An action of the plan of this case's household (with its goal and life domain); 404 otherwise."""
    return access_or_404(  # type: ignore[no-any-return]
        PlanAction.objects.visible_to(actor)
        .filter(goal__plan__household_id=case.household_id)
        .select_related("goal", "goal__domain"),
        pk=action_id,
    )


@dataclass(frozen=True)
class SearchStart:
    """Where the activity search for a plan action starts: the resident's address and the goal's domain."""

    near: Point | None
    postcode: str
    term_id: int | None
    term_name: str


def search_start(*, actor: Actor, case: Case, action: PlanAction) -> SearchStart:
    """The resident's postcode (read with the case at full level) and the map term of the goal's domain."""
    resident = case.client
    postcode = resident.postcode or ""
    goal: Goal = action.goal
    term = (
        TaxonomyTerm.objects.visible_to(actor)
        .filter(Q(code=goal.domain.code) | Q(name__iexact=goal.domain.name), taxonomy__purpose=LIFE_DOMAINS)
        .order_by("pk")
        .values_list("pk", "name")
        .first()
    )
    return SearchStart(
        near=postcode_point(postcode) if postcode else None,
        postcode=resident.postcode_display,
        term_id=term[0] if term else None,
        term_name=term[1] if term else "",
    )
