"""An assignment suggestion that shows its reasons: discipline fit and weighted load."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, Sum
from django.utils.translation import gettext as _

from buurtteam.cases.models import Case, CaseAssignment, Problem
from buurtteam.core.gate import system_access
from buurtteam.core.roles import Role

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

MATCH_POINTS = 10
LOAD_PENALTY = 1


@dataclass
class Suggestion:
    user_id: int
    name: str
    disciplines: list[str]
    matched: list[str]
    load: int
    open_cases: int
    score: int
    reasons: list[str] = field(default_factory=list)


def assignment_suggestions(*, actor: Actor, case: Case, limit: int = 5) -> list[Suggestion]:
    """Rank the case's team members: +10 per life domain of the problem list their discipline fits,
    minus their weighted load (sum of complexity x intensity over their open cases)."""
    user_model = get_user_model()
    from buurtteam.organisation.models import Discipline

    members = list(
        user_model.objects.visible_to(actor)
        .filter(is_active=True, memberships__team_id=case.team_id)
        .exclude(role=Role.POLICY_OFFICER)
        .prefetch_related(Prefetch("disciplines", queryset=Discipline.objects.visible_to(actor)))
        .distinct()
    )
    # Only the life domains of the problem list (no descriptions): whoever may assign needs them to choose.
    with system_access("problem domains for the assignment suggestion"):
        domains = list(
            Problem.objects.filter(case_id=case.pk).values_list("domain__name", "domain__disciplines")
        )
    wanted: dict[str, set[str]] = {}
    for name, codes in domains:
        for code in codes or []:
            wanted.setdefault(code, set()).add(name)
    with system_access("team load for the suggestion"):  # counts only, no case content
        loads = {
            row["user_id"]: (row["load"] or 0, row["n"])
            for row in CaseAssignment.objects.filter(
                user_id__in=[m.pk for m in members], ended_at__isnull=True, case__closed_at__isnull=True
            )
            .values("user_id")
            .annotate(load=Sum(F("case__weight_complexity") * F("case__weight_intensity")), n=Sum(1))
        }
    suggestions: list[Suggestion] = []
    for member in members:
        codes = {d.code: d.name for d in member.disciplines.all()}
        matched = sorted({domain for code in codes if code in wanted for domain in wanted[code]})
        load, open_cases = loads.get(member.pk, (0, 0))
        score = MATCH_POINTS * len(matched) - LOAD_PENALTY * load
        reasons = []
        if matched:
            reasons.append(
                _("Discipline past bij: %(d)s (+%(p)d)")
                % {"d": ", ".join(matched), "p": MATCH_POINTS * len(matched)}
            )
        else:
            reasons.append(_("Geen discipline die bij de leefgebieden past (+0)"))
        reasons.append(
            _("Gewogen caseload %(load)d uit %(n)d open casussen (-%(load)d)")
            % {"load": load, "n": open_cases}
        )
        suggestions.append(
            Suggestion(
                user_id=member.pk,
                name=member.get_full_name(),
                disciplines=sorted(codes.values()),
                matched=matched,
                load=load,
                open_cases=open_cases,
                score=score,
                reasons=reasons,
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.load, s.name))
    return suggestions[:limit]
