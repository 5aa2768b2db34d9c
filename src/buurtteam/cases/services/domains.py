"""The default instrument: the 13 ZRM 2017 domains (1-5 scale) plus youth and family domains."""

from __future__ import annotations

from django.db import transaction

from buurtteam.cases.models import DomainSet, LifeDomain
from buurtteam.core.gate import system_access

# code, name, plain label, group, disciplines that fit (discipline codes of organisation.services)
DEFAULT_DOMAINS: list[tuple[str, str, str, str, list[str]]] = [
    ("finances", "Financiën", "Geldzaken", "adult", ["debt-counsellor", "social-work"]),
    ("work-education", "Werk & opleiding", "Werk en school", "adult", ["social-work", "mee-consultant"]),
    ("time-use", "Tijdsbesteding", "Dagbesteding", "adult", ["social-work", "social-basis-lead"]),
    ("housing", "Huisvesting", "Woning", "adult", ["social-work", "wmo-consultant"]),
    ("domestic-relations", "Huiselijke relaties", "Relaties thuis", "adult", ["social-work", "safety-lead"]),
    (
        "mental-health",
        "Geestelijke gezondheid",
        "Hoe het met je gaat",
        "adult",
        ["mental-health", "social-work"],
    ),
    ("physical-health", "Lichamelijke gezondheid", "Gezondheid", "adult", ["community-nurse"]),
    ("substance-use", "Middelengebruik", "Verslaving", "adult", ["mental-health", "expert-by-experience"]),
    ("basic-adl", "Basale ADL", "Zelfzorg", "adult", ["community-nurse", "wmo-consultant"]),
    (
        "instrumental-adl",
        "Instrumentele ADL",
        "Dagelijkse activiteiten",
        "adult",
        ["wmo-consultant", "mee-consultant"],
    ),
    ("social-network", "Sociaal netwerk", "Mensen om je heen", "adult", ["social-basis-lead", "social-work"]),
    (
        "participation",
        "Maatschappelijke participatie",
        "Meedoen",
        "adult",
        ["social-basis-lead", "mee-consultant"],
    ),
    ("justice", "Justitie", "Politie en justitie", "adult", ["social-work"]),
    ("parenting", "Opvoeding", "Opvoeden", "youth", ["youth-family"]),
    ("school", "Onderwijs", "School", "youth", ["youth-family"]),
    (
        "child-development",
        "Ontwikkeling kind",
        "Hoe het kind opgroeit",
        "youth",
        ["youth-family", "mee-consultant"],
    ),
    ("parents-relationship", "Relatie ouders", "Ouders samen", "youth", ["youth-family", "social-work"]),
    ("safety", "Veiligheid", "Veilig thuis", "youth", ["safety-lead", "youth-family"]),
]


def default_domain_set(*, organisation_id: int) -> DomainSet:
    """The organisation's default instrument, created on first use (configuration is data, not code)."""
    with system_access("default instrument"):
        existing = DomainSet.objects.filter(organisation_id=organisation_id, is_default=True).first()
    if existing is not None:
        return existing  # type: ignore[no-any-return]
    return _create_default_domain_set(organisation_id=organisation_id)


@transaction.atomic
def _create_default_domain_set(*, organisation_id: int) -> DomainSet:
    with system_access("default instrument"):
        existing = (
            DomainSet.objects.select_for_update()
            .filter(organisation_id=organisation_id, is_default=True)
            .first()
        )
        if existing is not None:
            return existing  # type: ignore[no-any-return]
        domain_set = DomainSet.objects.create(
            organisation_id=organisation_id,
            instrument="Zelfredzaamheid-Matrix + jeugd",
            version="2017",
            is_default=True,
        )
        LifeDomain.objects.bulk_create(
            [
                LifeDomain(
                    domain_set=domain_set,
                    code=code,
                    name=name,
                    plain_label=plain,
                    group=group,
                    position=i,
                    disciplines=disciplines,
                )
                for i, (code, name, plain, group, disciplines) in enumerate(DEFAULT_DOMAINS)
            ]
        )
    return domain_set
