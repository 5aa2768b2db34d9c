from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "buurtteam.volunteers"
    label = "volunteers"
    verbose_name = _("Vrijwilligers en informele hulp")

    def ready(self) -> None:
        from buurtteam.volunteers import hooks

        hooks.install()
