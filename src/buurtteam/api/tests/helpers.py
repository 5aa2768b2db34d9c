"""Calling the API in tests: through the whole middleware stack, as a token or a session.

(Responses are typed ``Any``: the test client adds ``json()`` to them.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.test import Client

from buurtteam.accounts.models import User
from buurtteam.api.services import token_create
from buurtteam.audit.models import Action, AuditEvent

BASE = "/api/v1"


def key_for(user: User, name: str = "test") -> str:
    _token, key = token_create(actor=user, name=name)
    return key


@dataclass
class Caller:
    client: Client
    key: str = ""
    authorization: str | None = None

    def call(self, method: str, path: str, body: Any = None, *, raw: str | None = None, **query: Any) -> Any:
        headers: dict[str, str] = {}
        if self.authorization is not None:
            headers["Authorization"] = self.authorization
        elif self.key:
            headers["Authorization"] = f"Bearer {self.key}"
        url = path if path.startswith(BASE) else BASE + path
        handler = getattr(self.client, method.lower())
        if method.upper() == "GET":
            response: Any = handler(url, query, headers=headers)
            return response
        data = raw if raw is not None else json.dumps(body if body is not None else {})
        response = handler(url, data=data, content_type="application/json", headers=headers)
        return response

    def get(self, path: str, **query: Any) -> Any:
        return self.call("GET", path, **query)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("POST", path, body, **kwargs)

    def put(self, path: str, body: Any = None) -> Any:
        return self.call("PUT", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self.call("PATCH", path, body)


def as_token(user: User) -> Caller:
    return Caller(Client(), key_for(user))


def as_session(user: User) -> Caller:
    client = Client()
    client.force_login(user)
    return Caller(client)


def anonymous() -> Caller:
    return Caller(Client())


def writes() -> int:
    """Audited writes so far: a refused request must not add any."""
    return AuditEvent.objects.filter(action__in=[Action.CREATE, Action.UPDATE, Action.DELETE]).count()


def ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, (response.status_code, response.content.decode()[:2000])
    return response.json()
