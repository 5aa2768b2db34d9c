"""The taxonomies of the map: life domains and target groups by default, more after an import."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction

from buurtteam.audit.models import Action
from buurtteam.core.gate import system_access
from buurtteam.organisation.models import Organisation
from buurtteam.socialmap.models import Taxonomy, TaxonomyTerm
from buurtteam.socialmap.services._base import apply_changes, audit, require_editor, require_own

if TYPE_CHECKING:
    from buurtteam.core.actor import Actor

# The life domains of the casework instrument (the same codes and names as cases' DEFAULT_DOMAINS), so a
# worker finds activities for the domain a resident's problem lies in.
LIFE_DOMAINS: tuple[tuple[str, str], ...] = (
    ("finances", "Financiën"),
    ("work-education", "Werk & opleiding"),
    ("time-use", "Tijdsbesteding"),
    ("housing", "Huisvesting"),
    ("domestic-relations", "Huiselijke relaties"),
    ("mental-health", "Geestelijke gezondheid"),
    ("physical-health", "Lichamelijke gezondheid"),
    ("substance-use", "Middelengebruik"),
    ("basic-adl", "Basale ADL"),
    ("instrumental-adl", "Instrumentele ADL"),
    ("social-network", "Sociaal netwerk"),
    ("participation", "Maatschappelijke participatie"),
    ("justice", "Justitie"),
    ("parenting", "Opvoeding"),
    ("school", "Onderwijs"),
    ("child-development", "Ontwikkeling kind"),
    ("parents-relationship", "Relatie ouders"),
    ("safety", "Veiligheid"),
)
TARGET_GROUPS: tuple[tuple[str, str], ...] = (
    ("everyone", "Iedereen"),
    ("children", "Kinderen (0–12 jaar)"),
    ("youth", "Jongeren (12–23 jaar)"),
    ("parents", "Ouders en opvoeders"),
    ("older-people", "Ouderen"),
    ("carers", "Mantelzorgers"),
    ("dementia", "Mensen met dementie"),
    ("newcomers", "Nieuwkomers en statushouders"),
    ("disability", "Mensen met een beperking"),
    ("mental-vulnerability", "Mensen met psychische kwetsbaarheid"),
    ("low-income", "Mensen met een laag inkomen"),
    ("volunteers", "Vrijwilligers"),
)
DEFAULTS: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        Taxonomy.Purpose.LIFE_DOMAINS,
        "Leefgebieden",
        "De leefgebieden van het werkinstrument van het buurtteam.",
        LIFE_DOMAINS,
    ),
    (
        Taxonomy.Purpose.TARGET_GROUPS,
        "Doelgroepen",
        "Voor wie een activiteit of voorziening bedoeld is.",
        TARGET_GROUPS,
    ),
)


def taxonomy_defaults(organisation: Organisation) -> tuple[Taxonomy, Taxonomy]:
    """The organisation's life-domain and target-group taxonomies, created with their terms on first use."""
    found: list[Taxonomy] = []
    with system_access("default map taxonomies"), transaction.atomic():
        for purpose, name, description, terms in DEFAULTS:
            taxonomy = (
                Taxonomy.objects.filter(organisation=organisation, purpose=purpose).order_by("pk").first()
            )
            if taxonomy is None:
                taxonomy = Taxonomy.objects.create(
                    organisation=organisation, purpose=purpose, name=name, description=description
                )
                TaxonomyTerm.objects.bulk_create(
                    TaxonomyTerm(organisation=organisation, taxonomy=taxonomy, code=code, name=term)
                    for code, term in terms
                )
            found.append(taxonomy)
    return found[0], found[1]


def ensure_taxonomies(*, actor: Actor) -> bool:
    """Create the default taxonomies for the actor's organisation if it has none yet (audited once)."""
    if actor.organisation_id is None:
        return False
    present = set(
        Taxonomy.objects.visible_to(actor)
        .filter(purpose__in=[Taxonomy.Purpose.LIFE_DOMAINS, Taxonomy.Purpose.TARGET_GROUPS])
        .values_list("purpose", flat=True)
    )
    if len(present) == len(DEFAULTS):
        return False
    with transaction.atomic():
        with system_access("default map taxonomies"):
            organisation = Organisation.objects.get(pk=actor.organisation_id)
        life, targets = taxonomy_defaults(organisation)
        audit(actor, Action.CREATE, "map_taxonomy", f"{life.pk},{targets.pk}", defaults=True)
    return True


@transaction.atomic
def term_save(
    *, actor: Actor, taxonomy: Taxonomy, term: TaxonomyTerm | None = None, **changes: Any
) -> TaxonomyTerm:
    """Add a term to a taxonomy, or rename one."""
    organisation_id = require_editor(actor)
    require_own(taxonomy, organisation_id)
    creating = term is None
    obj = term or TaxonomyTerm(organisation_id=organisation_id, taxonomy=taxonomy)
    require_own(obj, organisation_id)
    fields = apply_changes(obj, changes, ("name", "code", "description"))
    obj.full_clean()
    obj.save()
    if not creating and "name" in fields:
        from buurtteam.socialmap.search import refresh_search_documents

        refresh_search_documents(
            obj.services.through.objects.filter(taxonomyterm_id=obj.pk).values_list(
                "mapservice_id", flat=True
            )
        )
    audit(actor, Action.CREATE if creating else Action.UPDATE, "map_term", obj.pk, fields=fields)
    return obj
