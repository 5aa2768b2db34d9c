from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from buurtteam.accounts.models import User
from buurtteam.core.gate import system_access


class StaffBackend(ModelBackend):
    """Django's model backend, with the account look-ups it needs named as system access."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        with system_access("authentication"):
            return super().authenticate(request, username=username, password=password, **kwargs)

    def get_user(self, user_id: int) -> User | None:
        with system_access("session user"):
            try:
                user = User.objects.select_related("organisation").get(pk=user_id)
            except User.DoesNotExist:
                return None
        return user if self.user_can_authenticate(user) else None
