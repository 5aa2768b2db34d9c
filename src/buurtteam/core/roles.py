"""Staff roles. A role says what kind of data someone may reach; teams say whose."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WORKER = "worker", _("Medewerker")
    COORDINATOR = "coordinator", _("Teamcoördinator")
    ADMINISTRATOR = "administrator", _("Functioneel beheerder")
    POLICY_OFFICER = "policy_officer", _("Beleidsmedewerker")
