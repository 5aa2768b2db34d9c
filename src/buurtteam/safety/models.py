"""The meldcode track (huiselijk geweld en kindermishandeling): five steps, each dated and signed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models import Case
from buurtteam.core.gate import GatedModel
from buurtteam.safety.querysets import SafetyPartQuerySet, SafetyQuerySet

AUTHOR = {"on_delete": models.PROTECT, "related_name": "+", "null": True, "blank": True}


class StepNumber(models.IntegerChoices):
    SIGNALS = 1, _("Stap 1: signalen in kaart brengen")
    CONSULT = 2, _("Stap 2: collegiaal overleg en/of advies van Veilig Thuis")
    CONVERSATION = 3, _("Stap 3: gesprek met de betrokkene(n)")
    WEIGH = 4, _("Stap 4: wegen met het afwegingskader")
    DECIDE = 5, _("Stap 5: beslissen over hulp en melden")


class MeldcodeTrack(GatedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Loopt")
        DECIDED = "decided", _("Besloten")
        STOPPED = "stopped", _("Gestopt")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meldcode_tracks")
    status = models.CharField(_("stand"), max_length=10, choices=Status.choices, default=Status.OPEN)
    concern = models.TextField(_("aanleiding"), max_length=4000)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    ended_at = models.DateTimeField(null=True, blank=True)
    stop_reason = models.CharField(_("reden van stoppen"), max_length=1000, blank=True)

    objects = SafetyQuerySet.as_manager()

    class Meta:
        verbose_name = _("meldcodetraject")
        verbose_name_plural = _("meldcodetrajecten")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="open"), name="one_open_meldcode_track"
            ),
        ]

    def __str__(self) -> str:
        return f"meldcode {self.case_id}"


class MeldcodeStep(GatedModel):
    """One step, signed by the worker who took it. The fields of the other steps stay empty."""

    track = models.ForeignKey(MeldcodeTrack, on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField(_("stap"), choices=StepNumber.choices)
    done_on = models.DateField(_("datum"))
    note = models.TextField(_("vastlegging"), max_length=4000)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    signed_at = models.DateTimeField()
    # Step 2: who was consulted.
    consulted = models.CharField(
        _("overlegd met (collega, aandachtsfunctionaris)"), max_length=300, blank=True
    )
    advice_veilig_thuis = models.BooleanField(_("advies gevraagd aan Veilig Thuis"), default=False)
    advice_anonymous = models.BooleanField(_("advies anoniem gevraagd"), default=False)
    # Step 3: the conversation, or why it could not take place.
    talked_with = models.CharField(_("gesproken met"), max_length=300, blank=True)
    no_talk_reason = models.CharField(_("reden om niet te spreken"), max_length=1000, blank=True)
    # Step 4: the five weighing questions of the afwegingskader (None = not answered).
    suspicion = models.BooleanField(
        _("1. Is er een vermoeden van huiselijk geweld of kindermishandeling?"), null=True, blank=True
    )
    unsafety = models.BooleanField(
        _("2. Is er sprake van acute of structurele onveiligheid?"), null=True, blank=True
    )
    can_help = models.BooleanField(
        _("3. Kan ik effectieve hulp bieden of organiseren?"), null=True, blank=True
    )
    accepts_help = models.BooleanField(
        _("4. Aanvaarden de betrokkenen die hulp en werken zij mee?"), null=True, blank=True
    )
    lasting_safety = models.BooleanField(
        _("5. Leidt de hulp tot duurzame veiligheid?"), null=True, blank=True
    )
    # Step 5: the two decisions.
    report_necessary = models.BooleanField(
        _("Beslissing 1: is melden bij Veilig Thuis noodzakelijk?"), null=True, blank=True
    )
    help_possible = models.BooleanField(
        _("Beslissing 2: is hulp bieden of organiseren (ook) mogelijk?"), null=True, blank=True
    )

    objects = SafetyPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("meldcodestap")
        verbose_name_plural = _("meldcodestappen")
        ordering = ["track", "number"]
        constraints = [
            models.UniqueConstraint(fields=["track", "number"], name="one_meldcode_step_each"),
        ]

    def __str__(self) -> str:
        return f"step {self.number} of {self.track_id}"


class VeiligThuisReport(GatedModel):
    """A report (melding) to Veilig Thuis."""

    track = models.OneToOneField(MeldcodeTrack, on_delete=models.CASCADE, related_name="report")
    reported_on = models.DateField(_("gemeld op"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    reference = models.CharField(_("kenmerk bij Veilig Thuis"), max_length=100, blank=True)
    resident_informed = models.BooleanField(_("betrokkene vooraf geïnformeerd"), default=True)
    not_informed_reason = models.CharField(_("reden om niet te informeren"), max_length=1000, blank=True)
    note = models.TextField(_("toelichting"), max_length=4000, blank=True)
    recorded_at = models.DateTimeField()

    objects = SafetyPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("melding bij Veilig Thuis")
        verbose_name_plural = _("meldingen bij Veilig Thuis")

    def __str__(self) -> str:
        return f"report {self.track_id}"
