"""Network partners, referrals with consent, waitlist bridging and "who does what" agreements."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from buurtteam.cases.models import Case, Goal, LifeDomain, Task
from buurtteam.core.gate import GatedModel
from buurtteam.organisation.models import Organisation
from buurtteam.referrals.querysets import (
    AgreementQuerySet,
    BridgingPlanQuerySet,
    CheckInQuerySet,
    ConsentQuerySet,
    PartnerContactQuerySet,
    PartnerQuerySet,
    ReferralQuerySet,
)

AUTHOR = {"on_delete": models.PROTECT, "related_name": "+", "null": True, "blank": True}


class PartnerKind(models.TextChoices):
    GP = "gp", _("Huisartsenpraktijk")
    YOUTH_CARE = "youth_care", _("Specialistische jeugdhulp")
    MENTAL_HEALTH = "mental_health", _("GGZ (geestelijke gezondheidszorg)")
    ADDICTION = "addiction", _("Verslavingszorg")
    DISABILITY = "disability", _("Gehandicaptenzorg")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    POLICE = "police", _("Politie / wijkagent")
    HOUSING = "housing", _("Woningcorporatie")
    DEBT = "debt", _("Schuldhulpverlening")
    INCOME = "income", _("Werk en inkomen")
    SCHOOL = "school", _("School / leerplicht")
    FRONT_OFFICE = "front_office", _("Toegang / voordeur")
    MEE = "mee", _("MEE / cliëntondersteuning")
    HOME_CARE = "home_care", _("Wijkverpleging / thuiszorg")
    WELFARE = "welfare", _("Welzijn en sociale basis")
    OTHER = "other", _("Anders")


# Kinds whose referrals count as "referred to specialist care" (the 20 of 80/20) by default.
SPECIALIST_KINDS = frozenset(
    {PartnerKind.YOUTH_CARE, PartnerKind.MENTAL_HEALTH, PartnerKind.ADDICTION, PartnerKind.DISABILITY}
)


class PartnerOrganisation(GatedModel):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partners")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=PartnerKind.choices)
    is_specialist = models.BooleanField(
        _("specialistische zorg"),
        default=False,
        help_text=_("Een verwijzing hierheen telt als 'doorverwezen' in de 80/20-verhouding."),
    )
    offer = models.TextField(_("wat zij bieden"), max_length=2000, blank=True)
    usual_wait_weeks = models.PositiveSmallIntegerField(
        _("gebruikelijke wachttijd (weken)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(104)],
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), max_length=200, blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    notes = models.TextField(_("werkafspraken"), max_length=2000, blank=True)
    active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("netwerkpartner")
        verbose_name_plural = _("netwerkpartners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="partner_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerContact(GatedModel):
    partner = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam"), max_length=200)
    function = models.CharField(_("functie"), max_length=200, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), max_length=200, blank=True)

    objects = PartnerContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    SENT = "sent", _("Verstuurd")
    ACCEPTED = "accepted", _("Geaccepteerd")
    REJECTED = "rejected", _("Afgewezen")
    WAITING = "waiting", _("Op de wachtlijst")
    STARTED = "started", _("Gestart")
    FINISHED = "finished", _("Afgerond")
    CANCELLED = "cancelled", _("Geannuleerd")


# The resident is waiting for the partner: bridging runs, the case may not close.
WAITING_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.WAITING)
ENDED_STATUSES = (ReferralStatus.REJECTED, ReferralStatus.FINISHED, ReferralStatus.CANCELLED)


class Referral(GatedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("partner")
    )
    domain = models.ForeignKey(
        LifeDomain,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("leefgebied"),
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, related_name="+", null=True, blank=True, verbose_name=_("doel")
    )
    question = models.TextField(_("waarvoor"), max_length=4000)
    is_specialist = models.BooleanField(_("specialistische zorg"), default=False)  # copied from the partner
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED
    )
    status_changed_at = models.DateTimeField()
    proposed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.CharField(_("reden van afwijzing"), max_length=1000, blank=True)
    expected_start = models.DateField(_("verwachte start"), null=True, blank=True)
    actual_start = models.DateField(_("werkelijke start"), null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("reden van annuleren"), max_length=1000, blank=True)
    feedback = models.TextField(_("terugkoppeling van de partner"), max_length=4000, blank=True)
    feedback_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("verwijzing")
        verbose_name_plural = _("verwijzingen")
        ordering = ["-proposed_at"]
        indexes = [
            models.Index(fields=["case", "-proposed_at"], name="referral_case"),
            # The waitlist: few rows of many, found per case.
            models.Index(
                fields=["case", "sent_at"],
                condition=models.Q(status__in=["sent", "accepted", "waiting"]),
                name="referral_waiting",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="referral_rejected_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} -> {self.partner_id}"

    @property
    def is_waiting(self) -> bool:
        return self.status in WAITING_STATUSES


class Consent(GatedModel):
    """The resident's consent to share what is needed for one referral. Withdrawn consent stops sending."""

    class Form(models.TextChoices):
        VERBAL = "verbal", _("Mondeling")
        WRITTEN = "written", _("Schriftelijk")
        DIGITAL = "digital", _("Digitaal")

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="consents")
    given_by = models.CharField(_("gegeven door"), max_length=200)
    purpose = models.CharField(_("waarvoor"), max_length=1000)
    form = models.CharField(_("vorm"), max_length=10, choices=Form.choices, default=Form.VERBAL)
    given_on = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    recorded_at = models.DateTimeField()
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_reason = models.CharField(_("toelichting intrekking"), max_length=1000, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"consent {self.referral_id}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class BridgingPlan(GatedModel):
    """While the resident waits: who keeps contact, how often, and what support continues."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="bridging")
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("contactpersoon")
    )
    interval_days = models.PositiveSmallIntegerField(
        _("contact elke (dagen)"), default=14, validators=[MinValueValidator(1), MaxValueValidator(90)]
    )
    support = models.TextField(_("wat doorloopt"), max_length=2000, blank=True)
    next_due = models.DateField(_("volgend contact uiterlijk"))
    last_check_in_at = models.DateTimeField(_("laatste contact"), null=True, blank=True)
    active = models.BooleanField(default=True)
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, related_name="+", null=True, blank=True)
    created_at = models.DateTimeField()

    objects = BridgingPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("overbruggingsplan")
        verbose_name_plural = _("overbruggingsplannen")
        indexes = [
            models.Index(fields=["next_due"], condition=models.Q(active=True), name="bridging_due"),
            models.Index(
                fields=["contact", "next_due"], condition=models.Q(active=True), name="bridging_contact"
            ),
        ]

    def __str__(self) -> str:
        return f"bridging {self.referral_id}"


class CheckIn(GatedModel):
    class Mode(models.TextChoices):
        PHONE = "phone", _("Telefoon")
        HOME_VISIT = "home_visit", _("Huisbezoek")
        OFFICE = "office", _("Op kantoor / buurthuis")
        VIDEO = "video", _("Beeldbellen")
        MESSAGE = "message", _("Bericht")

    class Wellbeing(models.TextChoices):
        STABLE = "stable", _("Stabiel")
        BETTER = "better", _("Beter")
        WORSE = "worse", _("Slechter")
        NO_CONTACT = "no_contact", _("Geen contact gekregen")

    plan = models.ForeignKey(BridgingPlan, on_delete=models.CASCADE, related_name="check_ins")
    occurred_at = models.DateTimeField(_("tijdstip"))
    mode = models.CharField(_("hoe"), max_length=12, choices=Mode.choices)
    wellbeing = models.CharField(_("hoe gaat het"), max_length=12, choices=Wellbeing.choices)
    note = models.TextField(_("notitie"), max_length=4000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]

    objects = CheckInQuerySet.as_manager()

    class Meta:
        verbose_name = _("overbruggingscontact")
        verbose_name_plural = _("overbruggingscontacten")
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["plan", "-occurred_at"], name="checkin_plan")]

    def __str__(self) -> str:
        return f"check-in {self.plan_id}"


class Agreement(GatedModel):
    """Wie doet wat, wanneer, en hoe verder: an agreement with a partner (or someone else) on a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agreements")
    partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        related_name="agreements",
        null=True,
        blank=True,
        verbose_name=_("partner"),
    )
    party = models.CharField(_("wie"), max_length=200, help_text=_("Persoon of functie, bijv. 'wijkagent'."))
    what = models.TextField(_("doet wat"), max_length=2000)
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    afterwards = models.TextField(_("en hoe verder"), max_length=2000, blank=True)
    goal = models.ForeignKey(
        Goal, on_delete=models.SET_NULL, related_name="+", null=True, blank=True, verbose_name=_("doel")
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, **AUTHOR)  # type: ignore[arg-type]
    created_at = models.DateTimeField()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["case", "starts_on"], name="agreement_case")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.party
