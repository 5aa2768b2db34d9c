"""One error shape for the whole API, in Dutch: ``{"detail": "...", "errors": {field: [messages]}}``.

* 400: the request was well formed but the step is not possible or a value is refused (the services'
  ``ValidationError`` / ``CaseStepError``): nothing was written.
* 401: not logged in, or an invalid, expired or revoked API token.
* 404: missing and forbidden alike (``Http404`` and the services' ``PermissionError``).
* 409: a resident who probably exists already (registration offers the existing record).
* 422: the body or query does not match the schema (types, lengths, choices, unknown fields), or a text
  holds a NUL character (``nul_characters.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

if TYPE_CHECKING:
    from ninja import NinjaAPI

    from buurtteam.cases.selectors.residents import DuplicateCandidate

ALL = NON_FIELD_ERRORS  # "__all__": messages about the request as a whole
_SOURCES = {"body", "query", "path", "header", "cookie", "form"}
BODY_PARAM = "payload"  # every operation names its body parameter so; it is left out of error paths
NUL_CHARACTER = "nul_character"  # the error type of a text with U+0000 in it (see nul_characters.py)


class ApiAuthenticationError(AuthenticationError):
    """401 with a specific Dutch message (an unusable token, a missing second factor)."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=401, message=message)


class DuplicateResidentError(Exception):
    """A new resident looks like one who is already registered."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        self.candidates = candidates
        super().__init__("possible duplicate resident")


def body(detail: str, errors: dict[str, list[str]] | None = None, **extra: Any) -> dict[str, Any]:
    return {"detail": detail, "errors": errors or {}, **extra}


def _respond(api: NinjaAPI, request: HttpRequest, status: int, data: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, data, status=status)


def _summary(errors: dict[str, list[str]], default: str) -> str:
    return " ".join(errors.get(ALL, [])) or default


# --- Schema errors (pydantic) in Dutch --------------------------------------------------------------
def _choices(expected: Any) -> str:
    return str(expected).replace(" or ", " of ")


def schema_message(error: dict[str, Any]) -> str:
    """A Dutch message for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    messages: dict[str, str] = {
        "missing": _("Dit veld is verplicht."),
        "string_type": _("Vul tekst in."),
        "string_too_short": _("Vul dit veld in."),
        "string_too_long": _("Gebruik hoogstens %(n)s tekens.") % {"n": ctx.get("max_length")},
        "int_type": _("Vul een geheel getal in."),
        "int_parsing": _("Vul een geheel getal in."),
        "int_from_float": _("Vul een geheel getal in."),
        "int_parsing_size": _("Dit getal is te groot."),
        "bool_type": _("Vul true of false in."),
        "bool_parsing": _("Vul true of false in."),
        "date_type": _("Vul een datum in als JJJJ-MM-DD."),
        "date_parsing": _("Vul een bestaande datum in als JJJJ-MM-DD."),
        "date_from_datetime_parsing": _("Vul een bestaande datum in als JJJJ-MM-DD."),
        "date_from_datetime_inexact": _("Vul een datum in zonder tijd, als JJJJ-MM-DD."),
        "datetime_type": _("Vul een tijdstip in als JJJJ-MM-DDTUU:MM (ISO 8601)."),
        "datetime_parsing": _("Vul een bestaand tijdstip in als JJJJ-MM-DDTUU:MM (ISO 8601)."),
        "datetime_from_date_parsing": _("Vul een bestaand tijdstip in als JJJJ-MM-DDTUU:MM (ISO 8601)."),
        "literal_error": _("Kies een van: %(choices)s.") % {"choices": _choices(ctx.get("expected", ""))},
        "enum": _("Kies een van: %(choices)s.") % {"choices": _choices(ctx.get("expected", ""))},
        "greater_than_equal": _("Moet minstens %(n)s zijn.") % {"n": ctx.get("ge")},
        "less_than_equal": _("Mag hoogstens %(n)s zijn.") % {"n": ctx.get("le")},
        "greater_than": _("Moet groter zijn dan %(n)s.") % {"n": ctx.get("gt")},
        "less_than": _("Moet kleiner zijn dan %(n)s.") % {"n": ctx.get("lt")},
        "too_short": _("Geef er minstens %(n)s.") % {"n": ctx.get("min_length")},
        "too_long": _("Geef er hoogstens %(n)s.") % {"n": ctx.get("max_length")},
        "list_type": _("Geef een lijst."),
        "dict_type": _("Geef een object."),
        "model_type": _("Geef een object."),
        "model_attributes_type": _("Geef een object."),
        "extra_forbidden": _("Onbekend veld."),
        "json_invalid": _("Dit is geen geldige JSON."),
        "not_null": _("Dit veld kan niet leeg worden gemaakt; laat het weg om het niet te wijzigen."),
        NUL_CHARACTER: _("Deze tekst mag geen onzichtbare nul-tekens (U+0000) bevatten."),
        "client_choice": _(
            "Kies een bestaande inwoner (client_id) of geef een nieuwe inwoner op (resident), niet allebei."
        ),
        "step_field": _("Deze velden horen niet bij stap %(n)s: %(fields)s.")
        % {"n": ctx.get("n"), "fields": ctx.get("fields")},
    }
    if kind in messages:
        return messages[kind]
    # Our own validators raise PydanticCustomError with a Dutch message; anything else gets a plain one.
    return str(error.get("msg")) if kind not in {"value_error", "assertion_error"} else _("Ongeldige waarde.")


def schema_errors(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in _SOURCES:
            loc = loc[1:]
        if loc and loc[0] == BODY_PARAM:
            loc = loc[1:]
        result.setdefault(".".join(loc) or ALL, []).append(schema_message(error))
    return result


# --- Service errors ------------------------------------------------------------------------------------
def validation_errors(exc: DjangoValidationError, prefix: str = "") -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {
            (f"{prefix}{name}" if name != ALL else ALL): [str(m) for m in messages]
            for name, messages in exc.message_dict.items()
        }
    return {ALL: [str(m) for m in exc.messages]}


@contextmanager
def field_names(names: dict[str, str]) -> Iterator[None]:
    """Report a service's field errors under the API's names (``user`` -> ``contact_id``)."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise DjangoValidationError(
            {names.get(name, name): messages for name, messages in exc.message_dict.items()}
        ) from exc


def install(api: NinjaAPI) -> None:
    """Register the handlers; Django's own 404/403/500 pages never answer an API request.

    (ninja types a handler's exception as "instance or class"; ours always get instances, hence ``Any``.)
    """

    def not_found(request: HttpRequest, exc: object) -> HttpResponse:
        return _respond(api, request, 404, body(_("Niet gevonden.")))

    def invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = validation_errors(exc)
        return _respond(
            api,
            request,
            400,
            body(_summary(errors, _("Niet alles is goed ingevuld; er is niets opgeslagen.")), errors),
        )

    def unprocessable(request: HttpRequest, exc: Any) -> HttpResponse:
        errors = schema_errors(list(exc.errors))
        detail = _summary(
            errors, _("De invoer past niet bij de beschrijving van de API; er is niets opgeslagen.")
        )
        return _respond(api, request, 422, body(detail, errors))

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        message = exc.message if isinstance(exc, ApiAuthenticationError) else _("Niet ingelogd.")
        response = _respond(api, request, 401, body(message))
        response["WWW-Authenticate"] = 'Bearer realm="buurtteam"'
        return response

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        messages = {
            400: _("De inhoud van het verzoek is geen geldige JSON."),
            403: _(
                "De CSRF-controle is mislukt: stuur het X-CSRFToken-header mee, of gebruik een API-sleutel."
            ),
            429: _("Te veel verzoeken; probeer het straks opnieuw."),
        }
        return _respond(api, request, exc.status_code, body(messages.get(exc.status_code, str(exc))))

    def duplicate(request: HttpRequest, exc: Any) -> HttpResponse:
        return _respond(
            api,
            request,
            409,
            body(
                _(
                    "Deze inwoner staat mogelijk al geregistreerd. Kies de bestaande inwoner (client_id), "
                    "of stuur allow_duplicate: true als het echt iemand anders is."
                ),
                duplicates=[
                    {
                        "resident_id": c.resident_id,
                        "score": c.score,
                        "reasons": list(c.reasons),
                        "visible": c.visible,
                        "label": c.label,
                        "team_name": c.team_name,
                    }
                    for c in exc.candidates
                ],
            ),
        )

    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionError, not_found)
    api.add_exception_handler(DjangoValidationError, invalid)
    api.add_exception_handler(SchemaValidationError, unprocessable)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(DuplicateResidentError, duplicate)
