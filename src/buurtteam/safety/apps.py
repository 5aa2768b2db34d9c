from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyConfig(AppConfig):
    name = "buurtteam.safety"
    label = "safety"
    verbose_name = _("Veiligheid en meldcode")

    def ready(self) -> None:
        from buurtteam.safety import hooks

        hooks.install()
