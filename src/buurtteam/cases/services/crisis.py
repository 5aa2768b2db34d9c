"""Marking a case as crisis (and lifting it): on top of every list and on the next casusoverleg."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.cases.models import Case, TimelineEntry
from buurtteam.cases.services.base import audit, require_full_access, require_open, timeline

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

NOTE_MAX = 500


@transaction.atomic
def crisis_set(*, actor: Actor, case: Case, crisis: bool, note: str = "") -> Case:
    """Mark (``crisis=True``, with a note) or lift (``crisis=False``) the crisis flag of an open case."""
    require_full_access(actor, case)
    case = Case.objects.select_for_update().full_for(actor).get(pk=case.pk)
    require_open(case)
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(
            {"note": _("De toelichting is te lang (hoogstens %(n)d tekens).") % {"n": NOTE_MAX}}
        )
    if crisis:
        if not note:
            raise ValidationError({"note": _("Schrijf kort wat er aan de hand is.")})
        if case.crisis:
            raise ValidationError(_("Deze casus staat al als crisis gemarkeerd."))
        case.crisis, case.crisis_since, case.crisis_note = True, timezone.now(), note
        text = _("Crisis gemarkeerd: %(note)s") % {"note": note}
    else:
        if not case.crisis:
            raise ValidationError(_("Deze casus staat niet als crisis gemarkeerd."))
        case.crisis, case.crisis_since, case.crisis_note = False, None, ""
        text = _("Crisis opgeheven. %(note)s") % {"note": note} if note else _("Crisis opgeheven.")
    case.save(update_fields=["crisis", "crisis_since", "crisis_note"])
    timeline(case, kind=TimelineEntry.Kind.CRISIS, actor=actor, text=text.strip())
    audit(actor, Action.UPDATE, case, "case_crisis", case.pk, details={"crisis": crisis})
    return case


@transaction.atomic
def safety_flag_set(*, actor: Actor, case: Case, concern: bool, note: str = "") -> Case:
    """Raise or lower the safety flag ("zorgen over veiligheid"); the case goes on the casusoverleg agenda."""
    require_full_access(actor, case)
    case = Case.objects.select_for_update().full_for(actor).get(pk=case.pk)
    require_open(case)
    if case.safety_concern == concern:
        return case
    case.safety_concern = concern
    case.save(update_fields=["safety_concern"])
    text = _("Zorgen over veiligheid gemarkeerd.") if concern else _("Zorgen over veiligheid opgeheven.")
    note = note.strip()[:NOTE_MAX]
    timeline(case, kind=TimelineEntry.Kind.CRISIS, actor=actor, text=f"{text} {note}".strip())
    audit(actor, Action.UPDATE, case, "case_safety_flag", case.pk, details={"safety_concern": concern})
    return case
