from __future__ import annotations

import factory

from buurtteam.organisation.models import (
    Discipline,
    District,
    Location,
    Municipality,
    Neighbourhood,
    Organisation,
    Postcode,
    Provider,
    Team,
)


class MunicipalityFactory(factory.django.DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality

    # Four digits whatever the length of the run (PostgreSQL enforces max_length; a suite makes thousands),
    # and never the demo's GM99xx.
    cbs_code = factory.Sequence(lambda n: f"GM{1000 + n % 8000:04d}")
    name = factory.Sequence(lambda n: f"Teststad {n}")
    cbs_year = 2026


class DistrictFactory(factory.django.DjangoModelFactory[District]):
    class Meta:
        model = District

    municipality = factory.SubFactory(MunicipalityFactory)
    cbs_code = factory.Sequence(lambda n: f"WK{900000 + n:06d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")


class NeighbourhoodFactory(factory.django.DjangoModelFactory[Neighbourhood]):
    class Meta:
        model = Neighbourhood

    district = factory.SubFactory(DistrictFactory)
    cbs_code = factory.Sequence(lambda n: f"BU{90000000 + n:08d}")
    name = factory.Sequence(lambda n: f"Buurt {n}")


class PostcodeFactory(factory.django.DjangoModelFactory[Postcode]):
    class Meta:
        model = Postcode

    postcode = factory.Sequence(lambda n: f"{1000 + n // 26 % 9000:04d}{chr(65 + n % 26)}B")
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Stichting Buurtwerk {n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class ProviderFactory(factory.django.DjangoModelFactory[Provider]):
    class Meta:
        model = Provider

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Welzijn {n}")


class DisciplineFactory(factory.django.DjangoModelFactory[Discipline]):
    class Meta:
        model = Discipline

    organisation = factory.SubFactory(OrganisationFactory)
    code = factory.Sequence(lambda n: f"discipline-{n}")
    name = factory.Sequence(lambda n: f"Discipline {n}")


class LocationFactory(factory.django.DjangoModelFactory[Location]):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Wijkplein {n}")
    kind = Location.Kind.WIJKPLEIN
    street = "Marktstraat"
    house_number = "12"
    postcode = "5211AB"
    city = "Teststad"


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Buurtteam {n}")
