from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "buurtteam.referrals"
    label = "referrals"
    verbose_name = _("Netwerkpartners, verwijzingen en overbrugging")

    def ready(self) -> None:
        from buurtteam.referrals import hooks

        hooks.install()
