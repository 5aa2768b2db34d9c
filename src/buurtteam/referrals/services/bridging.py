"""Waitlist bridging (overbrugging): nobody waiting for a partner drops out of sight.

A bridging plan starts when a referral is sent and ends when the help starts or the referral ends. It has
one open check-in task at a time (kind ``bridging``, for the contact person, due on ``next_due``); recording
a check-in closes that task and schedules the next one ``interval_days`` later. ``ensure_check_in_tasks``
is the scheduled job (``manage.py bridging_tasks``) that gives every active plan its open task again, for
example after someone ticked the task off without recording the contact.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.audit.services import record
from buurtteam.cases.models import Case, Status, Task, TimelineEntry
from buurtteam.cases.services.assignment import same_organisation_user
from buurtteam.cases.services.base import CaseStepError, audit, require_full_access, require_open, timeline
from buurtteam.core.gate import system_access
from buurtteam.referrals.models import WAITING_STATUSES, BridgingPlan, CheckIn, Referral

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

NOTE_MAX = 4000
SUPPORT_MAX = 2000


def _interval(value: int) -> int:
    if not 1 <= value <= 90:
        raise ValidationError({"interval_days": _("Kies een contactritme tussen 1 en 90 dagen.")})
    return value


def _support(value: str) -> str:
    value = value.strip()
    if len(value) > SUPPORT_MAX:
        raise ValidationError(
            {"support": _("Deze tekst is te lang (hoogstens %(n)d tekens).") % {"n": SUPPORT_MAX}}
        )
    return value


def _require_case_worker(case_id: int, contact_id: int) -> None:
    """The contact person keeps contact with the household and records it, so needs full access to the
    case: a worker on the case or the team's coordinator."""
    from django.contrib.auth import get_user_model

    with system_access("may the bridging contact read the case"):
        contact = get_user_model().objects.filter(pk=contact_id, is_active=True).first()
    on_case = contact is not None and Case.objects.full_for(contact).filter(pk=case_id).exists()
    if not on_case:
        raise ValidationError(
            {
                "contact": _(
                    "Kies iemand die aan deze casus werkt (of de teamcoördinator). Wijs een collega eerst "
                    "toe aan de casus als die het contact gaat houden."
                )
            }
        )


def _task_title(referral: Referral) -> str:
    return _("Overbruggingscontact (wacht op %(p)s)") % {"p": referral.partner.name}


def _new_task(plan: BridgingPlan, referral: Referral) -> Task:
    task = Task(
        case_id=referral.case_id,
        kind=Task.Kind.BRIDGING,
        title=_task_title(referral),
        due_on=plan.next_due,
        assignee_id=plan.contact_id,
    )
    task.full_clean()
    task.save()
    return task


def _close_task(plan: BridgingPlan, *, actor: Actor | None) -> None:
    if plan.task_id is None:
        return
    with system_access("the bridging plan's own check-in task"):
        Task.objects.filter(pk=plan.task_id, done_at__isnull=True).update(
            done_at=timezone.now(), done_by_id=actor.pk if actor is not None else None
        )


def start_bridging(
    *, actor: Actor, referral: Referral, contact_id: int, interval_days: int, support: str
) -> BridgingPlan:
    """Called by ``referral_send`` inside its transaction."""
    same_organisation_user(actor, contact_id)
    _require_case_worker(referral.case_id, contact_id)
    today = timezone.localdate()
    plan = BridgingPlan(
        referral=referral,
        contact_id=contact_id,
        interval_days=_interval(interval_days),
        support=_support(support),
        next_due=today + datetime.timedelta(days=interval_days),
        created_at=timezone.now(),
    )
    plan.save()
    plan.task = _new_task(plan, referral)
    plan.save(update_fields=["task"])
    audit(actor, Action.CREATE, referral.case, "bridging_plan", plan.pk, details={"referral": referral.pk})
    return plan


def end_bridging(*, actor: Actor, referral: Referral) -> None:
    """Called when the help starts or the referral ends: the plan stops, its open task is closed."""
    with system_access("ending the referral's own bridging plan"):
        plan = BridgingPlan.objects.select_for_update().filter(referral_id=referral.pk, active=True).first()
    if plan is None:
        return
    _close_task(plan, actor=actor)
    plan.active = False
    plan.save(update_fields=["active"])
    audit(actor, Action.UPDATE, referral.case, "bridging_plan", plan.pk, details={"active": False})


def _locked_plan(actor: Actor, plan: BridgingPlan) -> tuple[BridgingPlan, Referral, Case]:
    require_full_access(actor, plan.referral.case)
    fresh = (
        BridgingPlan.objects.select_for_update()
        .full_for(actor)
        .select_related("referral", "referral__case", "referral__partner")
        .get(pk=plan.pk)
    )
    return fresh, fresh.referral, fresh.referral.case


@transaction.atomic
def bridging_update(
    *, actor: Actor, plan: BridgingPlan, contact_id: int, interval_days: int, support: str
) -> BridgingPlan:
    plan, _referral, case = _locked_plan(actor, plan)
    require_open(case)
    if not plan.active:
        raise CaseStepError(
            _("Deze overbrugging is afgelopen: de hulp is gestart of de verwijzing is beëindigd.")
        )
    same_organisation_user(actor, contact_id)
    _require_case_worker(case.pk, contact_id)
    plan.interval_days = _interval(interval_days)
    plan.support = _support(support)
    base = (
        timezone.localdate(plan.last_check_in_at)
        if plan.last_check_in_at
        else timezone.localdate(plan.created_at)
    )
    plan.next_due = base + datetime.timedelta(days=plan.interval_days)
    changed_contact = plan.contact_id != contact_id
    plan.contact_id = contact_id
    plan.save(update_fields=["interval_days", "support", "next_due", "contact"])
    if plan.task_id is not None:
        with system_access("the bridging plan's own check-in task"):
            Task.objects.filter(pk=plan.task_id, done_at__isnull=True).update(
                due_on=plan.next_due, assignee_id=plan.contact_id
            )
    timeline(
        case,
        kind=TimelineEntry.Kind.REFERRAL,
        actor=actor,
        text=_("Overbrugging aangepast: contact elke %(n)d dagen%(who)s")
        % {"n": plan.interval_days, "who": _(", nieuwe contactpersoon") if changed_contact else ""},
    )
    audit(actor, Action.UPDATE, case, "bridging_plan", plan.pk)
    return plan


@transaction.atomic
def check_in_record(
    *,
    actor: Actor,
    plan: BridgingPlan,
    occurred_at: datetime.datetime,
    mode: str,
    wellbeing: str,
    note: str = "",
) -> CheckIn:
    """Record a bridging contact; closes the open check-in task and schedules the next one."""
    plan, referral, case = _locked_plan(actor, plan)
    if case.status == Status.CLOSED:
        raise CaseStepError(_("Deze casus is afgesloten: een overbruggingscontact vastleggen kan niet meer."))
    if not plan.active or referral.status not in WAITING_STATUSES:
        raise CaseStepError(
            _("De inwoner wacht niet meer op deze verwijzing; een overbruggingscontact is niet meer nodig.")
        )
    if mode not in CheckIn.Mode.values:
        raise ValidationError({"mode": _("Kies hoe het contact was.")})
    if wellbeing not in CheckIn.Wellbeing.values:
        raise ValidationError({"wellbeing": _("Kies hoe het met de inwoner gaat.")})
    if occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("Een contact kan niet in de toekomst liggen.")})
    if occurred_at < plan.created_at - datetime.timedelta(days=1):
        raise ValidationError({"occurred_at": _("Dit contact ligt vóór de start van de overbrugging.")})
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": _("De notitie is te lang (hoogstens %(n)d tekens).") % {"n": NOTE_MAX}}
        )
    check_in = CheckIn.objects.create(
        plan=plan, occurred_at=occurred_at, mode=mode, wellbeing=wellbeing, note=note, author_id=actor.pk
    )
    if plan.last_check_in_at is None or occurred_at > plan.last_check_in_at:
        plan.last_check_in_at = occurred_at
    plan.next_due = timezone.localdate(plan.last_check_in_at) + datetime.timedelta(days=plan.interval_days)
    _close_task(plan, actor=actor)
    plan.task = _new_task(plan, referral)
    plan.save(update_fields=["last_check_in_at", "next_due", "task"])
    if wellbeing != CheckIn.Wellbeing.NO_CONTACT and (
        case.last_contact_at is None or occurred_at > case.last_contact_at
    ):
        case.last_contact_at = occurred_at
        case.save(update_fields=["last_contact_at"])
    text = _("Overbruggingscontact (%(mode)s): %(how)s") % {
        "mode": CheckIn.Mode(mode).label,
        "how": CheckIn.Wellbeing(wellbeing).label,
    }
    timeline(
        case,
        kind=TimelineEntry.Kind.REFERRAL,
        actor=actor,
        text=f"{text}. {note}".strip(),
        occurred_at=occurred_at,
    )
    audit(actor, Action.CREATE, case, "check_in", check_in.pk, details={"plan": plan.pk})
    return check_in


def ensure_check_in_tasks() -> int:
    """The scheduled job: every active plan of an open case gets an open check-in task. Returns how many."""
    made = 0
    with system_access("scheduled bridging check-in tasks"):
        plans = (
            BridgingPlan.objects.filter(active=True)
            .exclude(referral__case__status=Status.CLOSED)
            .select_related("referral", "referral__partner", "referral__case", "task")
        )
        for plan in plans.iterator(chunk_size=500):
            if plan.task is not None and plan.task.done_at is None:
                continue
            with transaction.atomic():
                plan.task = _new_task(plan, plan.referral)
                plan.save(update_fields=["task"])
                record(
                    actor=None,
                    action=Action.CREATE,
                    object_type="task",
                    object_id=plan.task.pk,
                    subject_type="resident",
                    subject_id=plan.referral.case.client_id,
                    subject_team_id=plan.referral.case.team_id,
                    reason="scheduled bridging check-in task",
                    organisation_id=plan.referral.case.organisation_id,
                )
            made += 1
    return made
