"""The meldcode track page and the POST-only views of the safety section on the case page.

Reading: only the workers on the case and the team's coordinator open a track (``selectors.track_get``,
audited); anyone else, and a track that does not belong to the case in the URL, gets a 404. Writing: every
form posts to its own URL and goes through ``safety.services.meldcode`` or ``cases.services.crisis``; a
refused step shows the form again with the Dutch message (status 400), nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from buurtteam.cases.models import Status
from buurtteam.cases.selectors import cases as case_selectors
from buurtteam.cases.services import crisis
from buurtteam.core.forms import add_service_errors
from buurtteam.safety import selectors
from buurtteam.safety.forms import (
    YES,
    CrisisForm,
    ReportForm,
    StopForm,
    TrackStartForm,
    posted_step,
    step_form,
)
from buurtteam.safety.models import MeldcodeStep, MeldcodeTrack, StepNumber
from buurtteam.safety.services import meldcode

if TYPE_CHECKING:
    from django.forms import BaseForm
    from django.utils.functional import _StrPromise

    from buurtteam.accounts.models import User
    from buurtteam.cases.models import Case

SECTION = "veiligheid"
TRACK_TEMPLATE = "safety/track_detail.html"
CASE_FORM_TEMPLATE = "safety/case_form.html"

# What each step asks, in a few sentences (shown above the step's form and in the stepper).
STEP_HELP: dict[int, _StrPromise] = {
    StepNumber.SIGNALS: gettext_lazy(
        "Breng de signalen in kaart die een vermoeden van huiselijk geweld of kindermishandeling "
        "bevestigen of ontkrachten. Leg feiten en eigen waarnemingen vast; vermeld de bron als u iets "
        "van een ander hoort, en houd eigen interpretaties apart."
    ),
    StepNumber.CONSULT: gettext_lazy(
        "Bespreek de signalen met een deskundige collega of de aandachtsfunctionaris huiselijk geweld. "
        "Vraag zo nodig advies aan Veilig Thuis; dat kan ook anoniem, zonder de naam van de betrokkene."
    ),
    StepNumber.CONVERSATION: gettext_lazy(
        "Bespreek de signalen met de betrokkene(n): vertel wat u zag en hoorde en vraag om een reactie. "
        "Brengt een gesprek de veiligheid van iemand in gevaar, sla het dan over en leg vast waarom."
    ),
    StepNumber.WEIGH: gettext_lazy(
        "Weeg met de vijf vragen van het afwegingskader het risico, de aard en de ernst van het geweld. "
        "Beantwoord de eerste twee vragen in elk geval met ja of nee."
    ),
    StepNumber.DECIDE: gettext_lazy(
        "Neem twee beslissingen: is een melding bij Veilig Thuis noodzakelijk, en is hulp bieden of "
        "organiseren (ook) mogelijk? Bij acute of structurele onveiligheid meldt u altijd."
    ),
}

# Short names for the stepper (its marker shows the number).
STEP_SHORT: dict[int, _StrPromise] = {
    StepNumber.SIGNALS: gettext_lazy("Signalen in kaart"),
    StepNumber.CONSULT: gettext_lazy("Overleg en advies"),
    StepNumber.CONVERSATION: gettext_lazy("Gesprek met betrokkene"),
    StepNumber.WEIGH: gettext_lazy("Afwegen"),
    StepNumber.DECIDE: gettext_lazy("Beslissen"),
}

# Which fields each step shows when it is done.
STEP_FIELDS: dict[int, tuple[str, ...]] = {
    StepNumber.SIGNALS: (),
    StepNumber.CONSULT: ("consulted", "advice_veilig_thuis", "advice_anonymous"),
    StepNumber.CONVERSATION: ("talked_with", "no_talk_reason"),
    StepNumber.WEIGH: ("suspicion", "unsafety", "can_help", "accepts_help", "lasting_safety"),
    StepNumber.DECIDE: ("report_necessary", "help_possible"),
}


def _actor(request: HttpRequest) -> User:
    return cast("User", request.user)


def _case_url(case_id: int) -> str:
    return reverse("cases:case_detail", kwargs={"case_id": case_id}) + f"#{SECTION}"


def _track_url(track: MeldcodeTrack, anchor: str = "") -> str:
    url = reverse("safety:track_detail", kwargs={"case_id": track.case_id, "track_id": track.pk})
    return f"{url}#{anchor}" if anchor else url


def _run(form: BaseForm, run: Callable[[], object]) -> bool:
    """Call the service if the form is valid; put its refusal on the form. True when it wrote."""
    if not form.is_valid():
        return False
    try:
        run()
    except ValidationError as exc:  # CaseStepError is a ValidationError
        add_service_errors(form, exc)
        return False
    except PermissionError as exc:
        raise Http404 from exc
    return True


# --- The track page --------------------------------------------------------------------------------
def _track(request: HttpRequest, case_id: int, track_id: int) -> MeldcodeTrack:
    """The track (audited read), 404 without safety access or when it belongs to another case."""
    track = selectors.track_get(actor=_actor(request), track_id=track_id)
    if track.case_id != case_id:
        raise Http404
    return track


@never_cache
@require_GET
def track_detail(request: HttpRequest, case_id: int, track_id: int) -> HttpResponse:
    return _track_page(request, _track(request, case_id, track_id))


def _display(step: MeldcodeStep, name: str) -> str:
    value = getattr(step, name)
    if isinstance(value, bool):
        return str(_("Ja") if value else _("Nee"))
    if value is None:
        return str(_("Weet ik (nog) niet"))
    return str(value)


def _label(name: str) -> str:
    """The verbose name of a step field, as the model spells it."""
    field = MeldcodeStep._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _step_rows(track: MeldcodeTrack) -> list[dict[str, Any]]:
    done = {s.number: s for s in getattr(track, "step_list", [])}
    is_open = track.status == MeldcodeTrack.Status.OPEN
    current = next((n for n in StepNumber.values if n not in done), None) if is_open else None
    rows = []
    for number in StepNumber.values:
        step = done.get(number)
        state = "done" if step else "current" if number == current else "todo"
        rows.append(
            {
                "number": number,
                "label": StepNumber(number).label,
                "short": STEP_SHORT[number],
                "state": state,
                "step": step,
                "help": STEP_HELP[number],
                "fields": [
                    {"label": _label(name), "value": _display(step, name)}
                    for name in STEP_FIELDS[number]
                    if step is not None and getattr(step, name) != ""
                ],
            }
        )
    return rows


def _track_page(
    request: HttpRequest,
    track: MeldcodeTrack,
    *,
    bound: dict[str, BaseForm] | None = None,
    failed: str = "",
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    rows = _step_rows(track)
    steps = {s.number: s for s in getattr(track, "step_list", [])}
    is_open = track.status == MeldcodeTrack.Status.OPEN
    current = next((r for r in rows if r["state"] == "current"), None)
    form = bound.get("step")
    if form is None and current is not None:
        initial: dict[str, Any] = {}
        weighed = steps.get(StepNumber.WEIGH)
        if current["number"] == StepNumber.DECIDE and weighed is not None and weighed.unsafety:
            initial["report_necessary"] = YES
        form = step_form(current["number"], initial=initial)
    form_number = getattr(form, "number", 0)
    decision = steps.get(StepNumber.DECIDE)
    report = getattr(track, "report", None)
    may_report = decision is not None and bool(decision.report_necessary) and report is None
    return render(
        request,
        TRACK_TEMPLATE,
        {
            "track": track,
            "case": track.case,
            "rows": rows,
            "done_rows": [r for r in rows if r["step"] is not None],
            "is_open": is_open,
            "case_open": track.case.status != Status.CLOSED,
            "step_form": form,
            "form_label": StepNumber(form_number).label if form_number else "",
            "form_help": STEP_HELP.get(form_number, ""),
            "stop_form": bound.get("stop") or (StopForm(prefix="stoppen") if is_open else None),
            "decision": decision,
            "report": report,
            "report_form": bound.get("report") or (ReportForm(prefix="melding") if may_report else None),
            "failed": failed,
        },
        status=status,
    )


@require_POST
def step_record(request: HttpRequest, case_id: int, track_id: int) -> HttpResponse:
    actor = _actor(request)
    track = _track(request, case_id, track_id)
    number = posted_step(request.POST)
    done = len(getattr(track, "step_list", []))
    form = step_form(number or min(done + 1, 5), request.POST)

    def run() -> object:
        data = form.cleaned_data
        return meldcode.step_record(
            actor=actor,
            track=track,
            number=data["stap"],
            done_on=data["done_on"],
            note=data["note"],
            **form.answers(),
        )

    if number is not None and _run(form, run):
        messages.success(
            request,
            _("%(step)s is vastgelegd en door u ondertekend.") % {"step": StepNumber(number).label},
        )
        return redirect(_track_url(track, "stappen"))
    if number is None:
        form.is_valid()
    return _track_page(request, track, bound={"step": form}, failed="volgende-stap", status=400)


@require_POST
def track_stop(request: HttpRequest, case_id: int, track_id: int) -> HttpResponse:
    actor = _actor(request)
    track = _track(request, case_id, track_id)
    form = StopForm(request.POST, prefix="stoppen")
    if _run(form, lambda: meldcode.track_stop(actor=actor, track=track, reason=form.cleaned_data["reason"])):
        messages.success(
            request, _("Het meldcodetraject is gestopt. De vastgelegde stappen blijven bewaard.")
        )
        return redirect(_track_url(track))
    return _track_page(request, track, bound={"stop": form}, failed="stoppen", status=400)


@require_POST
def report_record(request: HttpRequest, case_id: int, track_id: int) -> HttpResponse:
    actor = _actor(request)
    track = _track(request, case_id, track_id)
    form = ReportForm(request.POST, prefix="melding")

    def run() -> object:
        data = form.cleaned_data
        return meldcode.report_record(
            actor=actor,
            track=track,
            reported_on=data["reported_on"],
            reference=data["reference"],
            resident_informed=bool(data["resident_informed"]),
            not_informed_reason=data["not_informed_reason"],
            note=data["note"],
        )

    if _run(form, run):
        messages.success(request, _("De melding bij Veilig Thuis is vastgelegd."))
        return redirect(_track_url(track, "melding"))
    return _track_page(request, track, bound={"report": form}, failed="melding", status=400)


# --- The section on the case page -------------------------------------------------------------------
def _case_form_page(
    request: HttpRequest, case: Case, form: BaseForm, *, title: str, action: str, submit: str
) -> HttpResponse:
    """A refused form of the case page's safety section, shown again on its own (status 400)."""
    return render(
        request,
        CASE_FORM_TEMPLATE,
        {"case": case, "form": form, "title": title, "action": action, "submit": submit},
        status=400,
    )


@require_POST
def track_start(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = _actor(request)
    if not selectors.may_open(actor=actor, case_id=case_id):
        raise Http404
    case = case_selectors.case_get_full(actor=actor, case_id=case_id)
    form = TrackStartForm(request.POST, prefix="meldcode")
    started: list[MeldcodeTrack] = []

    def run() -> object:
        started.append(meldcode.track_start(actor=actor, case=case, concern=form.cleaned_data["concern"]))
        return started[0]

    if _run(form, run):
        messages.success(request, _("Het meldcodetraject is gestart. Leg nu stap 1 vast."))
        return redirect(_track_url(started[0], "volgende-stap"))
    return _case_form_page(
        request,
        case,
        form,
        title=_("Meldcodetraject starten"),
        action=reverse("safety:track_start", kwargs={"case_id": case.pk}),
        submit=_("Meldcodetraject starten"),
    )


@require_POST
def crisis_set(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = _actor(request)
    case = case_selectors.case_get_full(actor=actor, case_id=case_id)
    mark = CrisisForm.wants_mark(request.POST, "crisis")
    form = CrisisForm(request.POST, prefix="crisis", mark=mark)
    if _run(
        form,
        lambda: crisis.crisis_set(actor=actor, case=case, crisis=mark, note=form.cleaned_data["note"]),
    ):
        messages.success(
            request,
            _("De casus staat nu als crisis gemarkeerd.") if mark else _("De crisis is opgeheven."),
        )
        return redirect(_case_url(case.pk))
    title = _("Crisis markeren") if mark else _("Crisis opheffen")
    return _case_form_page(
        request,
        case,
        form,
        title=title,
        action=reverse("safety:crisis_set", kwargs={"case_id": case.pk}),
        submit=title,
    )
