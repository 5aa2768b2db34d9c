from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "buurtteam.audit"
    label = "audit"
