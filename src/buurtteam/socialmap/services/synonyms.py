"""The organisation's own synonym groups for the map search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from buurtteam.audit.models import Action
from buurtteam.socialmap.models import SearchSynonym
from buurtteam.socialmap.search import normalise, parse_synonym_words
from buurtteam.socialmap.services._base import audit, require_editor, require_own

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

MAX_WORD = 50


def _clean_words(text: str) -> str:
    words = list(dict.fromkeys(" ".join(normalise(w)) for w in parse_synonym_words(text)))
    words = [w for w in words if w]
    if len(words) < 2:
        raise ValidationError({"words": [_("Geef minstens twee woorden, gescheiden door komma's.")]})
    if any(len(w) > MAX_WORD for w in words):
        raise ValidationError({"words": [_("Een woord is hoogstens %(n)s tekens lang.") % {"n": MAX_WORD}]})
    return ", ".join(words)


@transaction.atomic
def synonym_save(*, actor: Actor, words: str, synonym: SearchSynonym | None = None) -> SearchSynonym:
    """Add or change a synonym group ("voedselpakket, voedselbank, noodpakket")."""
    organisation_id = require_editor(actor)
    creating = synonym is None
    obj = synonym or SearchSynonym(organisation_id=organisation_id, created_by_id=actor.pk)
    require_own(obj, organisation_id)
    obj.words = _clean_words(words)
    obj.full_clean()
    obj.save()
    audit(actor, Action.CREATE if creating else Action.UPDATE, "map_synonym", obj.pk, words=obj.words)
    return obj


@transaction.atomic
def synonym_delete(*, actor: Actor, synonym: SearchSynonym) -> None:
    organisation_id = require_editor(actor)
    require_own(synonym, organisation_id)
    pk, words = synonym.pk, synonym.words
    synonym.delete()
    audit(actor, Action.DELETE, "map_synonym", pk, words=words)
