"""Where a request comes from, kept for the audit trail of everything it does."""

from __future__ import annotations

import contextvars
import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class RequestContext:
    ip_address: str | None = None
    session_hash: str = ""
    access_point: str = ""
    user_agent: str = ""
    request_id: str = ""


_EMPTY = RequestContext()
_current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "audit_request_context",
    default=_EMPTY,
)


def current() -> RequestContext:
    return _current.get()


def hash_session_key(session_key: str | None) -> str:
    """A session is identified in the trail without storing the key that would let anyone resume it."""
    if not session_key:
        return ""
    return hashlib.sha256(session_key.encode()).hexdigest()


def client_ip(request: HttpRequest) -> str | None:
    from django.conf import settings

    if settings.SECURE_PROXY_SSL_HEADER:
        # Behind our proxy, the last address is the one the proxy saw; earlier ones the client can forge.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def context_from_request(request: HttpRequest) -> RequestContext:
    session = getattr(request, "session", None)
    return RequestContext(
        ip_address=client_ip(request),
        session_hash=hash_session_key(session.session_key if session is not None else None),
        access_point=f"{request.method} {request.path}"[:300],
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
        request_id=uuid.uuid4().hex,
    )


def refresh_session(request: HttpRequest) -> None:
    """Log-in cycles the session key; later events of this request carry the new one."""
    session = getattr(request, "session", None)
    old = _current.get()
    _current.set(
        RequestContext(
            ip_address=old.ip_address,
            session_hash=hash_session_key(session.session_key if session is not None else None),
            access_point=old.access_point,
            user_agent=old.user_agent,
            request_id=old.request_id,
        )
    )


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _current.set(context_from_request(request))
        try:
            return self.get_response(request)
        finally:
            _current.reset(token)
