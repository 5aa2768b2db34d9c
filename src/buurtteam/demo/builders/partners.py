"""The network partners of the fictional municipality Lindewaard, with their contact persons.

Every name here is invented (any likeness to a real organisation is accidental); addresses, phone
numbers and e-mail addresses are fictional too (``.example`` domains are never delivered). The usual
waiting times follow the domain brief: specialist youth care and mental health care 8-26 weeks, debt
counselling 4-10, the rest short. The simulator (referrals.py) draws partners from the ``Directory``.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.text import slugify
from faker import Faker

from buurtteam.demo.builders import names
from buurtteam.demo.builders.structure import dutch_phone
from buurtteam.organisation.models import Organisation
from buurtteam.referrals.models import SPECIALIST_KINDS, PartnerContact, PartnerKind, PartnerOrganisation

K = PartnerKind


@dataclass(frozen=True)
class Spec:
    name: str
    kind: str
    wait_weeks: int | None
    offer: str
    functions: tuple[str, ...]  # contact persons, by function
    notes: str = ""
    weight: int = 1  # how often it is chosen among partners of its kind


SPECS: tuple[Spec, ...] = (
    # --- General practitioners.
    Spec(
        "Huisartsenpraktijk Lindehof",
        K.GP,
        None,
        "Huisartsenzorg; POH-GGZ voor kortdurende begeleiding bij psychische klachten.",
        ("Praktijkondersteuner GGZ", "Huisarts"),
        "Overleg met de POH-GGZ op dinsdag tussen 12.00 en 13.00 uur.",
        3,
    ),
    Spec(
        "Huisartsen Molenkamp",
        K.GP,
        None,
        "Huisartsenpraktijk met drie huisartsen, een POH-GGZ en een POH-ouderen.",
        ("Praktijkondersteuner ouderenzorg", "Praktijkmanager"),
        weight=2,
    ),
    Spec(
        "Gezondheidscentrum Zuiderbroek",
        K.GP,
        None,
        "Huisartsen, fysiotherapie en apotheek onder één dak.",
        ("Huisarts",),
    ),
    # --- Specialist youth care.
    Spec(
        "Jeugdhulp Waardland",
        K.YOUTH_CARE,
        14,
        "Ambulante specialistische jeugdhulp en gezinsbehandeling bij ernstige opvoed- en opgroeiproblemen.",
        ("Aanmeldfunctionaris", "Gedragswetenschapper"),
        "Aanmelden met beschikking of verwijzing van het buurtteam; intake binnen twee weken na aanmelding.",
        3,
    ),
    Spec(
        "Kinder- en Jeugdpsychiatrie Waardland",
        K.YOUTH_CARE,
        22,
        "Diagnostiek en behandeling van psychische problemen bij kinderen en jongeren tot 18 jaar.",
        ("Aanmeldfunctionaris", "Kinder- en jeugdpsychiater"),
        "Alleen met verwijzing van huisarts, jeugdarts of buurtteam.",
        2,
    ),
    Spec(
        "Gezinskracht Lindewaard",
        K.YOUTH_CARE,
        9,
        "Intensieve gezinsbehandeling aan huis, ook bij zorgen over de veiligheid.",
        ("Teamleider", "Gezinsbehandelaar"),
        weight=2,
    ),
    # --- Mental health care.
    Spec(
        "GGZ Waardland",
        K.MENTAL_HEALTH,
        18,
        "Specialistische ggz voor volwassenen: angst, depressie, trauma, persoonlijkheidsproblematiek.",
        ("Aanmeldfunctionaris", "Regiebehandelaar", "Trajectbegeleider"),
        "Aanmelding via het regionale aanmeldpunt; bij acute zorgen de crisisdienst bellen.",
        3,
    ),
    Spec(
        "Psychologenpraktijk De Linde",
        K.MENTAL_HEALTH,
        10,
        "Basis-ggz: kortdurende behandeling bij lichte tot matige psychische klachten.",
        ("Praktijkhouder",),
        weight=2,
    ),
    Spec(
        "FACT-team Lindewaard",
        K.MENTAL_HEALTH,
        8,
        "Outreachende behandeling en begeleiding thuis bij ernstige psychiatrische aandoeningen.",
        ("Casemanager", "Trajectbegeleider"),
    ),
    # --- Addiction care.
    Spec(
        "Verslavingszorg Waardland",
        K.ADDICTION,
        7,
        "Ambulante behandeling bij problemen met alcohol, drugs en gokken; ook voor naasten.",
        ("Aanmeldfunctionaris", "Verslavingsarts"),
    ),
    # --- Care for people with a (mild) intellectual disability.
    Spec(
        "Stichting Perspectief Waardland",
        K.DISABILITY,
        16,
        "Begeleiding en behandeling voor mensen met een licht verstandelijke beperking.",
        ("Consulent zorgtoewijzing",),
    ),
    # --- Safety.
    Spec(
        "Veilig Thuis Waardland",
        K.VEILIG_THUIS,
        None,
        "Advies- en meldpunt huiselijk geweld en kindermishandeling; dag en nacht bereikbaar.",
        ("Vertrouwensarts", "Medewerker advies en meldingen"),
        "Advies vragen kan anoniem. Meldingen altijd via het vaste telefoonnummer.",
    ),
    Spec(
        "Politie basisteam Lindewaard",
        K.POLICE,
        None,
        "Wijkagenten per wijk; signaleren, ingrijpen bij incidenten en afstemmen in het veiligheidshuis.",
        ("Wijkagent Centrum", "Wijkagent Oosterwaard", "Wijkagent Hoogveld"),
        "Wijkagent bereikbaar via het algemene nummer; vraag naar de wijkagent van de wijk.",
    ),
    Spec(
        "Zorg- en Veiligheidshuis Waardland",
        K.OTHER,
        2,
        "Regie bij complexe casuïstiek waar zorg en veiligheid samenkomen.",
        ("Procesregisseur",),
    ),
    # --- Housing.
    Spec(
        "Woonstichting Lindewaard",
        K.HOUSING,
        2,
        "Sociale huurwoningen; woonconsulenten bij huurachterstand, overlast en urgentie.",
        ("Woonconsulent", "Medewerker huurincasso"),
        "Bij huurachterstand vóór de tweede aanmaning contact opnemen; dan is een regeling nog mogelijk.",
        2,
    ),
    Spec(
        "Wooncorporatie Waardhuis",
        K.HOUSING,
        3,
        "Sociale huur in Hoogveld en Zuiderbroek; begeleid wonen in samenwerking met zorgpartners.",
        ("Wijkconsulent",),
    ),
    # --- Money.
    Spec(
        "Schuldhulpverlening Lindewaard",
        K.DEBT,
        6,
        "Gemeentelijke schuldhulpverlening: stabilisatie, budgetbeheer en schuldregeling.",
        ("Consulent schuldhulpverlening", "Budgetcoach"),
        "Aanmelden met het aanmeldformulier; bij dreigende huisuitzetting binnen drie werkdagen een gesprek.",
        3,
    ),
    Spec(
        "Stichting Geldzaken Op Orde",
        K.DEBT,
        9,
        "Beschermingsbewind, budgetbeheer en inkomensbeheer.",
        ("Bewindvoerder",),
    ),
    Spec(
        "Werkplein Lindewaard",
        K.INCOME,
        2,
        "Uitkeringen, bijzondere bijstand, minimaregelingen en begeleiding naar werk.",
        ("Klantmanager", "Inkomensconsulent"),
    ),
    # --- School.
    Spec(
        "Leerplicht Lindewaard",
        K.SCHOOL,
        1,
        "Leerplicht en RMC: verzuim, thuiszitters en voortijdig schoolverlaten.",
        ("Leerplichtambtenaar",),
    ),
    Spec(
        "Basisschool De Regenboog",
        K.SCHOOL,
        None,
        "Basisschool in Oosterwaard met een schoolmaatschappelijk werker.",
        ("Intern begeleider", "Directeur"),
    ),
    Spec(
        "Waardlandcollege",
        K.SCHOOL,
        None,
        "Voortgezet onderwijs (vmbo, havo, vwo) met een zorg- en adviesteam.",
        ("Zorgcoördinator", "Mentor leerjaar 2"),
    ),
    # --- Front office and client support.
    Spec(
        "Zorgloket Lindewaard",
        K.FRONT_OFFICE,
        2,
        "De voordeur van de gemeente voor Wmo-voorzieningen en jeugdhulp met beschikking.",
        ("Wmo-consulent", "Medewerker toegang jeugd"),
    ),
    Spec(
        "Cliëntondersteuning Meedoen Waardland",
        K.MEE,
        2,
        "Onafhankelijke cliëntondersteuning, ook voor mensen met een beperking en hun naasten.",
        ("Cliëntondersteuner",),
    ),
    # --- Home care.
    Spec(
        "Thuiszorg Linde & Waard",
        K.HOME_CARE,
        1,
        "Wijkverpleging, persoonlijke verzorging en huishoudelijke hulp.",
        ("Wijkverpleegkundige", "Planner"),
        weight=2,
    ),
    # --- Welfare and the social basis.
    Spec(
        "Stichting Welzijn Lindewaard",
        K.WELFARE,
        1,
        "Sociaal werk in de buurthuizen, ouderenwerk, jongerenwerk en mantelzorgondersteuning.",
        ("Ouderenadviseur", "Jongerenwerker", "Consulent mantelzorg"),
        weight=3,
    ),
    Spec(
        "Vrijwilligerscentrale Lindewaard",
        K.WELFARE,
        2,
        "Maatjes, thuisadministratie door vrijwilligers en vervoer naar afspraken.",
        ("Coördinator thuisadministratie", "Coördinator maatjesproject"),
        weight=2,
    ),
    Spec(
        "Voedselbank Lindewaard",
        K.WELFARE,
        1,
        "Wekelijks voedselpakket voor huishoudens onder de bestaansgrens.",
        ("Intakecoördinator",),
    ),
    Spec(
        "Inloophuis Het Baken",
        K.OTHER,
        1,
        "Dagbesteding en nachtopvang voor dak- en thuislozen.",
        ("Begeleider",),
    ),
)


@dataclass(frozen=True)
class Partner:
    """What the simulator needs of a partner (the row is written before the cases)."""

    pk: int
    name: str
    kind: str
    specialist: bool
    wait_weeks: int | None
    weight: int


@dataclass
class Directory:
    partners: list[Partner]
    contacts: int = 0
    by_kind: dict[str, list[Partner]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for partner in self.partners:
            self.by_kind.setdefault(partner.kind, []).append(partner)

    def pick(self, rng: random.Random, kind: str, *, exclude: Sequence[Partner] = ()) -> Partner | None:
        choices = [p for p in self.by_kind.get(kind, []) if p not in exclude]
        if not choices:
            return None
        return rng.choices(choices, weights=[p.weight for p in choices])[0]

    def named_or_kind(self, rng: random.Random, key: str) -> Partner | None:
        """The partner of that name, else one of that kind."""
        return next((p for p in self.partners if p.name == key), None) or self.pick(rng, key)


def _email(person: str, slug: str) -> str:
    local = slugify(person).replace("-", ".")
    return f"{local}@{slug}.example"


def build_partners(rng: random.Random, organisation: Organisation) -> Directory:
    """The partner directory of the organisation, with one to three contact persons per partner."""
    fake = Faker("nl_NL")
    fake.seed_instance(rng.randrange(2**31))
    streets = [f"{prefix}{suffix}" for prefix in names.NAME_PREFIXES[:20] for suffix in ("straat", "laan")]
    partners = []
    for spec in SPECS:
        slug = slugify(spec.name).replace("-", "")[:40]
        partners.append(
            PartnerOrganisation(
                organisation=organisation,
                name=spec.name,
                kind=spec.kind,
                is_specialist=spec.kind in SPECIALIST_KINDS,
                offer=spec.offer,
                usual_wait_weeks=spec.wait_weeks,
                phone=dutch_phone(rng, mobile=False),
                email=f"aanmelden@{slug}.example",
                website=f"https://www.{slug}.example",
                address=f"{rng.choice(streets)} {rng.randint(1, 180)}, {names.MUNICIPALITY_NAME}",
                notes=spec.notes,
                active=True,
            )
        )
    created = PartnerOrganisation.objects.bulk_create(partners)
    contacts = []
    for spec, partner in zip(SPECS, created, strict=True):
        slug = slugify(spec.name).replace("-", "")[:40]
        for function in spec.functions:
            person = f"{fake.first_name()} {fake.last_name()}"
            contacts.append(
                PartnerContact(
                    partner=partner,
                    name=person,
                    function=function,
                    phone=dutch_phone(rng, mobile=rng.random() < 0.4),
                    email=_email(person, slug),
                )
            )
    PartnerContact.objects.bulk_create(contacts)
    return Directory(
        [
            Partner(p.pk, p.name, p.kind, p.is_specialist, p.usual_wait_weeks, spec.weight)
            for spec, p in zip(SPECS, created, strict=True)
        ],
        contacts=len(contacts),
    )
