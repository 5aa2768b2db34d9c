from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "buurtteam.core"
    label = "core"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from buurtteam.core.plans import keep_prepared_statements

        connection_created.connect(keep_prepared_statements, dispatch_uid="buurtteam.core.prepared_max")
