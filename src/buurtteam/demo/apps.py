from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Fictional demo and benchmark data. Sits in the top layer, next to workspace."""

    name = "buurtteam.demo"
    label = "demo"
    verbose_name = _("Demogegevens")
