"""The meldcode track: start, the five steps in order (each signed), stop, and the report to Veilig Thuis.

Only the workers on the case and the team's coordinator (``safety_case_ids``); anyone else gets a
``PermissionError`` (a 404 in the views). Every write is audited; nothing is half-written.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.cases.models import Case, Status
from buurtteam.cases.services.base import CaseStepError, audit
from buurtteam.cases.services.crisis import safety_flag_set
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, StepNumber, VeiligThuisReport
from buurtteam.safety.querysets import safety_case_ids

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

TEXT_MAX = 4000
SHORT_MAX = 1000


def require_safety_access(actor: Actor, case_id: int) -> None:
    if not safety_case_ids(actor).filter(pk=case_id).exists():
        raise PermissionError("no access to the safety track of this case")


def _text(value: str, field: str, limit: int, missing: str = "") -> str:
    value = (value or "").strip()
    if missing and not value:
        raise ValidationError({field: missing})
    if len(value) > limit:
        raise ValidationError({field: _("Deze tekst is te lang (hoogstens %(n)d tekens).") % {"n": limit}})
    return value


def _day(value: datetime.date, field: str, not_before: datetime.date | None = None) -> datetime.date:
    if value > timezone.localdate():
        raise ValidationError({field: _("Deze datum kan niet in de toekomst liggen.")})
    if not_before is not None and value < not_before:
        raise ValidationError({field: _("Deze datum ligt vóór de vorige stap.")})
    return value


def _require_open_case(track: MeldcodeTrack) -> None:
    if track.case.status == Status.CLOSED:
        raise CaseStepError(_("Deze casus is afgesloten. Heropen de casus eerst."))


def _locked_track(actor: Actor, track: MeldcodeTrack) -> MeldcodeTrack:
    require_safety_access(actor, track.case_id)
    locked: MeldcodeTrack = (
        MeldcodeTrack.objects.select_for_update().visible_to(actor).select_related("case").get(pk=track.pk)
    )
    return locked


@transaction.atomic
def track_start(*, actor: Actor, case: Case, concern: str) -> MeldcodeTrack:
    require_safety_access(actor, case.pk)
    if case.status == Status.CLOSED:
        raise CaseStepError(_("Deze casus is afgesloten. Heropen de casus eerst."))
    concern = _text(concern, "concern", TEXT_MAX, _("Schrijf kort wat de aanleiding is."))
    if (
        MeldcodeTrack.objects.visible_to(actor)
        .filter(case_id=case.pk, status=MeldcodeTrack.Status.OPEN)
        .exists()
    ):
        raise CaseStepError(_("Er loopt al een meldcodetraject voor deze casus."))
    track = MeldcodeTrack.objects.create(
        case=case, concern=concern, started_at=timezone.now(), started_by_id=actor.pk
    )
    safety_flag_set(actor=actor, case=case, concern=True)
    audit(actor, Action.CREATE, case, "meldcode_track", track.pk)
    return track


def _check_step(number: int, values: dict[str, Any], previous: dict[int, MeldcodeStep]) -> None:
    if number == StepNumber.CONSULT and not (values["consulted"] or values["advice_veilig_thuis"]):
        raise ValidationError(
            {"consulted": _("Leg vast met wie u overlegde, of dat u advies vroeg aan Veilig Thuis.")}
        )
    if number == StepNumber.CONVERSATION and not (values["talked_with"] or values["no_talk_reason"]):
        raise ValidationError(
            {
                "talked_with": _(
                    "Leg vast met wie u sprak, of waarom een gesprek (nog) niet veilig of mogelijk was."
                )
            }
        )
    if number == StepNumber.WEIGH and (values["suspicion"] is None or values["unsafety"] is None):
        raise ValidationError(
            {"suspicion": _("Beantwoord in elk geval de eerste twee vragen van het afwegingskader.")}
        )
    if number == StepNumber.DECIDE:
        if values["report_necessary"] is None or values["help_possible"] is None:
            raise ValidationError(
                {"report_necessary": _("Neem beide beslissingen: melden, en hulp bieden of organiseren.")}
            )
        weighed = previous[StepNumber.WEIGH]
        if weighed.unsafety and not values["report_necessary"]:
            raise ValidationError(
                {
                    "report_necessary": _(
                        "In stap 4 is acute of structurele onveiligheid vastgesteld: dan is melden bij "
                        "Veilig Thuis noodzakelijk."
                    )
                }
            )


STEP_FIELDS = (
    "consulted",
    "advice_veilig_thuis",
    "advice_anonymous",
    "talked_with",
    "no_talk_reason",
    "suspicion",
    "unsafety",
    "can_help",
    "accepts_help",
    "lasting_safety",
    "report_necessary",
    "help_possible",
)
ONLY_FOR = {
    "consulted": 2,
    "advice_veilig_thuis": 2,
    "advice_anonymous": 2,
    "talked_with": 3,
    "no_talk_reason": 3,
    "suspicion": 4,
    "unsafety": 4,
    "can_help": 4,
    "accepts_help": 4,
    "lasting_safety": 4,
    "report_necessary": 5,
    "help_possible": 5,
}


@transaction.atomic
def step_record(
    *, actor: Actor, track: MeldcodeTrack, number: int, done_on: datetime.date, note: str, **answers: Any
) -> MeldcodeStep:
    """Record and sign step ``number``. Steps go in order; a step is signed once."""
    track = _locked_track(actor, track)
    _require_open_case(track)
    if track.status != MeldcodeTrack.Status.OPEN:
        raise CaseStepError(_("Dit meldcodetraject is afgerond of gestopt."))
    if number not in StepNumber.values:
        raise ValidationError({"number": _("Kies een stap van 1 tot en met 5.")})
    unknown = set(answers) - set(STEP_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    previous = {s.number: s for s in MeldcodeStep.objects.visible_to(actor).filter(track_id=track.pk)}
    if number in previous:
        raise CaseStepError(_("Deze stap is al vastgelegd en ondertekend."))
    missing = [n for n in range(1, number) if n not in previous]
    if missing:
        raise CaseStepError(
            _("U kunt geen stap overslaan: leg eerst %(step)s vast.") % {"step": StepNumber(missing[0]).label}
        )
    values: dict[str, Any] = {}
    for name in STEP_FIELDS:
        value = answers.get(name)
        if ONLY_FOR[name] != number:
            value = None
        if name in ("consulted", "talked_with"):
            value = _text(value or "", name, 300)
        elif name == "no_talk_reason":
            value = _text(value or "", name, SHORT_MAX)
        elif name in ("advice_veilig_thuis", "advice_anonymous"):
            value = bool(value)
        values[name] = value
    last = previous.get(number - 1)
    done_on = _day(done_on, "done_on", last.done_on if last else timezone.localdate(track.started_at))
    note = _text(note, "note", TEXT_MAX, _("Leg vast wat u deed en zag in deze stap."))
    _check_step(number, values, previous)
    step = MeldcodeStep.objects.create(
        track=track,
        number=number,
        done_on=done_on,
        note=note,
        signed_by_id=actor.pk,
        signed_at=timezone.now(),
        **values,
    )
    if number == StepNumber.DECIDE:
        track.status = MeldcodeTrack.Status.DECIDED
        track.ended_at = timezone.now()
        track.save(update_fields=["status", "ended_at"])
    audit(
        actor,
        Action.CREATE,
        track.case,
        "meldcode_step",
        step.pk,
        details={"track": track.pk, "step": number},
    )
    return step


@transaction.atomic
def track_stop(*, actor: Actor, track: MeldcodeTrack, reason: str) -> MeldcodeTrack:
    """Stop an open track (e.g. the suspicion was not confirmed); the steps taken stay."""
    track = _locked_track(actor, track)
    _require_open_case(track)
    if track.status != MeldcodeTrack.Status.OPEN:
        raise CaseStepError(_("Dit meldcodetraject is al afgerond of gestopt."))
    track.stop_reason = _text(reason, "reason", SHORT_MAX, _("Schrijf waarom het traject stopt."))
    track.status = MeldcodeTrack.Status.STOPPED
    track.ended_at = timezone.now()
    track.save(update_fields=["stop_reason", "status", "ended_at"])
    audit(actor, Action.UPDATE, track.case, "meldcode_track", track.pk, details={"status": "stopped"})
    return track


@transaction.atomic
def report_record(
    *,
    actor: Actor,
    track: MeldcodeTrack,
    reported_on: datetime.date,
    reference: str = "",
    resident_informed: bool = True,
    not_informed_reason: str = "",
    note: str = "",
) -> VeiligThuisReport:
    """The report (melding) to Veilig Thuis, after step 5 decided that reporting is necessary."""
    track = _locked_track(actor, track)
    _require_open_case(track)
    decision = (
        MeldcodeStep.objects.visible_to(actor).filter(track_id=track.pk, number=StepNumber.DECIDE).first()
    )
    if decision is None:
        raise CaseStepError(_("Leg eerst stap 5 vast: de beslissing over melden."))
    if not decision.report_necessary:
        raise CaseStepError(
            _("In stap 5 is besloten dat melden niet nodig is; een melding vastleggen kan dan niet.")
        )
    if VeiligThuisReport.objects.visible_to(actor).filter(track_id=track.pk).exists():
        raise CaseStepError(_("De melding bij Veilig Thuis is al vastgelegd."))
    reported_on = _day(reported_on, "reported_on", decision.done_on)
    reason = _text(not_informed_reason, "not_informed_reason", SHORT_MAX)
    if not resident_informed and not reason:
        raise ValidationError(
            {"not_informed_reason": _("Schrijf waarom de betrokkene vooraf niet is geïnformeerd.")}
        )
    report = VeiligThuisReport.objects.create(
        track=track,
        reported_on=reported_on,
        reported_by_id=actor.pk,
        reference=_text(reference, "reference", 100),
        resident_informed=resident_informed,
        not_informed_reason=reason,
        note=_text(note, "note", TEXT_MAX),
        recorded_at=timezone.now(),
    )
    audit(actor, Action.CREATE, track.case, "veilig_thuis_report", report.pk, details={"track": track.pk})
    return report
