from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils import translation

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class DutchFirstLocaleMiddleware:
    """Dutch unless the user picked another language with the switch (a cookie).

    The browser's Accept-Language is ignored on purpose: Dutch professionals often run English browsers,
    and the product speaks Dutch first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):  # never leak the language into the next job of this thread
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PermissionsPolicyMiddleware:
    """Switch off browser features the app never uses; and never let pages with personal data be cached."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not request.path.startswith("/static/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


NUL = "\x00"
API_PREFIX = "/api/"


class RefuseNulCharactersMiddleware:
    """A page asked for with a NUL character (U+0000) in a GET parameter: 400, before the view runs.

    PostgreSQL cannot compare a text with a NUL character (psycopg refuses the query: a 500). Nobody can type
    one; it comes from copied binary data or from probing. Django's form ``CharField`` already refuses it
    (``ProhibitNullCharactersValidator``), but not every page reads its GET parameters through a form (the
    map's organisation and location lists, the resident search when registering a volunteer, the Django
    admin's search), so the check is made once, here, for every page. It runs as ``process_view``, after
    the log-in and second-factor checks, so a visitor who is not logged in is still sent to log in; a NUL
    in the path itself matches no URL (404). The API answers for itself, with a 422 on the field
    (``api/nul_characters.py``). Forms sent with POST keep their own field errors.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: object, args: object, kwargs: object) -> None:
        if request.path_info.startswith(API_PREFIX):
            return
        if any(NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()):
            raise BadRequest("NUL character in a GET parameter")
