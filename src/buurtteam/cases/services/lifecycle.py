"""The steps of a case after registration: intake, assessment, plan, execution, evaluation, closure.

Each step is a service: it checks the actor's full access and the phase (rules.TRANSITIONS), writes,
adds a timeline line and an audit event, all in one transaction. An impossible step raises CaseStepError
with a Dutch explanation and changes nothing.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.cases import extensions
from buurtteam.cases.models import (
    Assessment,
    Case,
    ClosureReason,
    DomainScore,
    Evaluation,
    IntakeConversation,
    LifeDomain,
    Problem,
    Status,
    Task,
    TimelineEntry,
)
from buurtteam.cases.rules import WORK_STATUSES, can_transition
from buurtteam.cases.services.base import (
    CaseStepError,
    audit,
    move,
    require_full_access,
    require_open,
    timeline,
)
from buurtteam.cases.services.domains import default_domain_set
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor


def _organisation(case: Case) -> Organisation:
    with system_access("organisation settings for a case step"):
        return Organisation.objects.only(
            "intake_conversation_limit", "reopen_window_days", "pickup_target_working_days"
        ).get(pk=case.organisation_id)


def _mark_contact(case: Case, when: datetime.datetime, *, substantive: bool) -> None:
    fields = []
    if case.last_contact_at is None or when > case.last_contact_at:
        case.last_contact_at = when
        fields.append("last_contact_at")
    if substantive and (case.first_contact_at is None or when < case.first_contact_at):
        case.first_contact_at = when
        fields.append("first_contact_at")
    if fields:
        case.save(update_fields=fields)


def _as_datetime(day: datetime.date) -> datetime.datetime:
    """A conversation of today happened just now; one of an earlier day is placed at noon."""
    if day >= timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def _not_future(day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("Deze datum ligt in de toekomst.")})


# --- Intake / vraagverheldering ----------------------------------------------------------------
@transaction.atomic
def conversation_add(
    *, actor: Actor, case: Case, held_on: datetime.date, mode: str, participants: str, note: str = ""
) -> IntakeConversation:
    require_full_access(actor, case)
    require_open(case)
    if case.status not in {Status.REGISTERED, Status.INTAKE}:
        raise CaseStepError(
            _("De vraagverheldering is al afgerond; leg verdere gesprekken vast als contact.")
        )
    _not_future(held_on, "held_on")
    limit = _organisation(case).intake_conversation_limit
    with system_access("conversation count inside the service"):
        count = IntakeConversation.objects.filter(case=case).count()
    if count >= limit:
        raise CaseStepError(
            _("Er zijn al %(n)d gesprekken voor de vraagverheldering gevoerd; dat is het maximum.")
            % {"n": limit}
        )
    conversation = IntakeConversation(
        case=case,
        number=count + 1,
        held_on=held_on,
        mode=mode,
        participants=participants,
        note=note,
        author_id=actor.pk,
    )
    conversation.full_clean()
    conversation.save()
    if case.status == Status.REGISTERED:
        move(case, Status.INTAKE, actor=actor)
    _mark_contact(case, _as_datetime(held_on), substantive=True)
    timeline(
        case,
        kind=TimelineEntry.Kind.CONVERSATION,
        actor=actor,
        text=_("Gesprek %(n)d (%(mode)s) met %(who)s")
        % {
            "n": conversation.number,
            "mode": conversation.get_mode_display(),
            "who": participants,
        },
        occurred_at=_as_datetime(held_on),
        contact_mode=mode,
        is_substantive=True,
    )
    audit(actor, Action.CREATE, case, "intake_conversation", conversation.pk)
    return conversation


@transaction.atomic
def problems_set(*, actor: Actor, case: Case, problems: list[tuple[LifeDomain, str]]) -> list[Problem]:
    """The ordered problem list (kluwen): replaces the earlier list; first is most pressing."""
    require_full_access(actor, case)
    require_open(case)
    if not problems:
        raise ValidationError(_("Noem minstens één probleem op een leefgebied."))
    domain_set = default_domain_set(organisation_id=case.organisation_id)
    for domain, description in problems:
        if domain.domain_set_id != domain_set.pk:
            raise PermissionError("life domain of another instrument")
        if not description.strip():
            raise ValidationError(_("Beschrijf elk probleem kort."))
    with system_access("replace the problem list inside the service"):
        Problem.objects.filter(case=case).delete()
    created = Problem.objects.bulk_create(
        [
            Problem(case=case, domain=d, rank=i + 1, description=text.strip()[:2000])
            for i, (d, text) in enumerate(problems)
        ]
    )
    audit(
        actor,
        Action.UPDATE,
        case,
        "problem_list",
        case.pk,
        details={"domains": [d.code for d, _t in problems]},
    )
    return created


@transaction.atomic
def intake_finish(*, actor: Actor, case: Case) -> Case:
    require_full_access(actor, case)
    require_open(case)
    with system_access("intake completeness inside the service"):
        has_conversation = IntakeConversation.objects.filter(case=case).exists()
        has_problem = Problem.objects.filter(case=case).exists()
    if case.status != Status.INTAKE or not has_conversation or not has_problem:
        raise CaseStepError(
            _("Rond eerst de vraagverheldering af: minstens één gesprek en één probleem op een leefgebied.")
        )
    move(case, Status.ASSESSMENT, actor=actor)
    audit(actor, Action.UPDATE, case, "case_status", case.pk, details={"status": case.status})
    return case


# --- Assessment ----------------------------------------------------------------------------------
@transaction.atomic
def assessment_record(
    *,
    actor: Actor,
    case: Case,
    kind: str,
    assessed_on: datetime.date,
    scores: list[dict[str, Any]],
    strengths: str = "",
) -> Assessment:
    """Scores on the domains that matter for this question only; each scored domain records why."""
    require_full_access(actor, case)
    require_open(case)
    _not_future(assessed_on, "assessed_on")
    if kind == Assessment.Kind.INTAKE and case.status not in {Status.ASSESSMENT, Status.PLANNING}:
        raise CaseStepError(_("Een inschatting bij de start hoort na de vraagverheldering."))
    if kind == Assessment.Kind.EVALUATION and case.status != Status.EVALUATION:
        raise CaseStepError(_("Een herhaalde inschatting hoort bij een evaluatie."))
    if kind == Assessment.Kind.CLOSING and case.status == Status.REGISTERED:
        raise CaseStepError(_("Een inschatting bij afsluiten kan pas na de vraagverheldering."))
    if not scores:
        raise ValidationError(_("Score minstens één leefgebied dat bij de vraag hoort."))
    domain_set = default_domain_set(organisation_id=case.organisation_id)
    assessment = Assessment(
        case=case,
        kind=kind,
        domain_set=domain_set,
        instrument=domain_set.instrument,
        instrument_version=domain_set.version,
        assessed_on=assessed_on,
        strengths=strengths,
        author_id=actor.pk,
    )
    assessment.full_clean()
    assessment.save()
    seen: set[int] = set()
    rows = []
    for item in scores:
        domain: LifeDomain = item["domain"]
        if domain.domain_set_id != domain_set.pk:
            raise PermissionError("life domain of another instrument")
        if domain.pk in seen:
            raise ValidationError(_("Elk leefgebied kan één keer gescoord worden."))
        seen.add(domain.pk)
        if not str(item.get("reason", "")).strip():
            raise ValidationError(
                _("Schrijf bij %(domain)s waarom u dit leefgebied scoort.") % {"domain": domain.name}
            )
        score = DomainScore(
            assessment=assessment,
            domain=domain,
            score=item["score"],
            reason=str(item["reason"]).strip(),
            note=str(item.get("note", "")),
            involved=str(item.get("involved", "")),
        )
        score.full_clean()
        rows.append(score)
    DomainScore.objects.bulk_create(rows)
    if kind == Assessment.Kind.INTAKE and case.status == Status.ASSESSMENT:
        move(case, Status.PLANNING, actor=actor)
    timeline(
        case,
        kind=TimelineEntry.Kind.ASSESSMENT,
        actor=actor,
        text=_("Inschatting (%(kind)s) op %(n)d leefgebied(en)")
        % {
            "kind": assessment.get_kind_display(),
            "n": len(rows),
        },
    )
    audit(actor, Action.CREATE, case, "assessment", assessment.pk, details={"domains": len(rows)})
    return assessment


# --- Execution: contacts, notes, tasks -------------------------------------------------------------
@transaction.atomic
def contact_add(
    *,
    actor: Actor,
    case: Case,
    occurred_at: datetime.datetime,
    text: str,
    contact_mode: str = "",
    is_substantive: bool = True,
    kind: str = TimelineEntry.Kind.CONTACT,
) -> TimelineEntry:
    """A contact (or, with kind=note, a note) on the case's timeline."""
    require_full_access(actor, case)
    require_open(case)
    if kind not in {TimelineEntry.Kind.CONTACT, TimelineEntry.Kind.NOTE}:
        raise ValidationError(_("Kies contact of notitie."))
    if occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("Dit tijdstip ligt in de toekomst.")})
    if not text.strip():
        raise ValidationError({"text": _("Schrijf kort wat er besproken of gedaan is.")})
    entry = TimelineEntry(
        case=case,
        kind=kind,
        occurred_at=occurred_at,
        author_id=actor.pk,
        text=text.strip(),
        contact_mode=contact_mode if kind == TimelineEntry.Kind.CONTACT else "",
        is_substantive=is_substantive and kind == TimelineEntry.Kind.CONTACT,
    )
    entry.full_clean()
    entry.save()
    if kind == TimelineEntry.Kind.CONTACT:
        _mark_contact(case, occurred_at, substantive=entry.is_substantive)
    audit(actor, Action.CREATE, case, "timeline_entry", entry.pk, details={"kind": kind})
    return entry


@transaction.atomic
def task_add(
    *,
    actor: Actor,
    case: Case,
    title: str,
    due_on: datetime.date,
    assignee_id: int,
    kind: str = Task.Kind.REMINDER,
) -> Task:
    require_full_access(actor, case)
    require_open(case)
    from buurtteam.cases.services.assignment import same_organisation_user

    same_organisation_user(actor, assignee_id)
    task = Task(case=case, title=title.strip(), due_on=due_on, assignee_id=assignee_id, kind=kind)
    task.full_clean()
    task.save()
    timeline(
        case,
        kind=TimelineEntry.Kind.TASK,
        actor=actor,
        text=_("Taak: %(t)s (uiterlijk %(d)s)") % {"t": task.title, "d": due_on.strftime("%d-%m-%Y")},
    )
    audit(actor, Action.CREATE, case, "task", task.pk)
    return task


@transaction.atomic
def task_done(*, actor: Actor, task: Task) -> Task:
    case = task.case
    require_full_access(actor, case)
    require_open(case)
    if task.done_at is not None:
        raise CaseStepError(_("Deze taak is al afgevinkt."))
    task.done_at = timezone.now()
    task.done_by_id = actor.pk
    task.save(update_fields=["done_at", "done_by"])
    timeline(
        case, kind=TimelineEntry.Kind.TASK, actor=actor, text=_("Taak gedaan: %(t)s") % {"t": task.title}
    )
    audit(actor, Action.UPDATE, case, "task", task.pk, details={"done": True})
    return task


# --- Evaluation -------------------------------------------------------------------------------------
@transaction.atomic
def evaluation_start(*, actor: Actor, case: Case, held_on: datetime.date) -> Evaluation:
    require_full_access(actor, case)
    require_open(case)
    _not_future(held_on, "held_on")
    move(case, Status.EVALUATION, actor=actor)
    evaluation = Evaluation(case=case, held_on=held_on, summary="", author_id=actor.pk)
    evaluation.save()
    audit(actor, Action.CREATE, case, "evaluation", evaluation.pk)
    return evaluation


@transaction.atomic
def evaluation_complete(*, actor: Actor, evaluation: Evaluation, summary: str, outcome: str) -> Evaluation:
    """Record what came out of the evaluation; continue, adjust the plan, or (then) close."""
    case = evaluation.case
    require_full_access(actor, case)
    if case.status != Status.EVALUATION or evaluation.completed_at is not None:
        raise CaseStepError(_("Deze evaluatie is al afgerond."))
    if not summary.strip():
        raise ValidationError({"summary": _("Vat de evaluatie kort samen.")})
    if outcome not in Evaluation.Outcome.values:
        raise ValidationError({"outcome": _("Kies een uitkomst.")})
    evaluation.summary = summary.strip()
    evaluation.outcome = outcome
    evaluation.completed_at = timezone.now()
    with system_access("latest evaluation assessment"):
        evaluation.assessment = (
            Assessment.objects.filter(case=case, kind=Assessment.Kind.EVALUATION)
            .order_by("-assessed_on", "-id")
            .first()
        )
    evaluation.full_clean()
    evaluation.save()
    if outcome == Evaluation.Outcome.CONTINUE:
        move(case, Status.EXECUTION, actor=actor)
    elif outcome == Evaluation.Outcome.ADJUST:
        move(case, Status.PLANNING, actor=actor, reason=_("Plan wordt bijgesteld."))
    timeline(case, kind=TimelineEntry.Kind.EVALUATION, actor=actor, text=evaluation.summary[:1000])
    audit(actor, Action.UPDATE, case, "evaluation", evaluation.pk, details={"outcome": outcome})
    return evaluation


# --- Closure and reopening -----------------------------------------------------------------------
@transaction.atomic
def case_close(
    *, actor: Actor, case: Case, reason: str, note: str = "", satisfaction: int | None = None
) -> Case:
    require_full_access(actor, case)
    if case.status == Status.CLOSED:
        raise CaseStepError(_("Deze casus is al afgesloten."))
    if reason not in ClosureReason.values:
        raise ValidationError({"reason": _("Kies een reden om de casus af te sluiten.")})
    if satisfaction is not None and not 1 <= satisfaction <= 10:
        raise ValidationError({"satisfaction": _("Een rapportcijfer ligt tussen 1 en 10.")})
    if not can_transition(case.status, Status.CLOSED):
        raise CaseStepError(_("Deze casus kan nu niet worden afgesloten."))
    extensions.check_close(actor, case, reason)
    case.closed_at = timezone.now()
    case.crisis, case.crisis_since, case.crisis_note = False, None, ""
    case.closure_reason = reason
    case.closure_note = note.strip()
    case.satisfaction = satisfaction
    case.full_clean()
    case.save(
        update_fields=[
            "closed_at",
            "closure_reason",
            "closure_note",
            "satisfaction",
            "crisis",
            "crisis_since",
            "crisis_note",
        ]
    )
    # Workers stay on a closed case: they keep reading its history and can reopen it; load counts skip it.
    move(case, Status.CLOSED, actor=actor, reason=str(ClosureReason(reason).label))
    audit(
        actor,
        Action.UPDATE,
        case,
        "case_status",
        case.pk,
        details={"status": Status.CLOSED, "reason": reason},
    )
    return case


@transaction.atomic
def case_reopen(*, actor: Actor, case: Case, reason: str) -> Case:
    """Reopen within the organisation's window; the history stays, the phase resumes where it makes sense."""
    if case.status != Status.CLOSED or case.closed_at is None:
        raise CaseStepError(_("Alleen een afgesloten casus kan heropend worden."))
    # The case's workers and coordinator, or any member of its team who picks the resident up again
    # (and becomes the case lead below).
    in_team = case.team_id in actor.team_ids and Case.objects.visible_to(actor).filter(pk=case.pk).exists()
    if not in_team:
        require_full_access(actor, case)
    window = _organisation(case).reopen_window_days
    if timezone.now() - case.closed_at > datetime.timedelta(days=window):
        raise CaseStepError(
            _("Deze casus is langer dan %(days)d dagen gesloten. Meld de vraag opnieuw aan.")
            % {"days": window}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Schrijf waarom de casus weer opengaat.")})
    from buurtteam.cases.models import SupportPlan

    with system_access("does the household have an agreed plan"):
        has_plan = SupportPlan.objects.filter(
            household_id=case.household_id, agreed_on__isnull=False
        ).exists()
    move(case, Status.EXECUTION if has_plan else Status.INTAKE, actor=actor, reason=reason.strip())
    case.reopened_count += 1
    case.closed_at = None
    case.closure_reason = ""
    case.save(update_fields=["reopened_count", "closed_at", "closure_reason"])
    from buurtteam.cases.services.assignment import case_assign

    case_assign(actor=actor, case=case, user_id=actor.pk, as_lead=True, reason=_("Heropend"))
    audit(
        actor, Action.UPDATE, case, "case_status", case.pk, details={"status": case.status, "reopened": True}
    )
    return case


__all__ = [
    "WORK_STATUSES",
    "assessment_record",
    "case_close",
    "case_reopen",
    "contact_add",
    "conversation_add",
    "evaluation_complete",
    "evaluation_start",
    "intake_finish",
    "problems_set",
    "task_add",
    "task_done",
]
