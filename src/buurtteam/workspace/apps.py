from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The pages a team member works from: home and team pages. Sits above the domain apps."""

    name = "buurtteam.workspace"
    label = "workspace"
    verbose_name = _("Werkplek")
