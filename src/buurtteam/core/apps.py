from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "buurtteam.core"
    label = "core"
