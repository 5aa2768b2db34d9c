from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "buurtteam.community"
    label = "community"
    verbose_name = _("Toeleiding, groepen en vroegsignalering")

    def ready(self) -> None:
        from buurtteam.community import hooks

        hooks.install()
