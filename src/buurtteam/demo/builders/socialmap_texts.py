"""The texts of Lindewaard's sociale kaart: organisations, places and what happens there.

Everything here is invented for the demo (any likeness to a real organisation is accidental); phone
numbers are drawn at build time and web addresses use the reserved ``.example`` domain.

A service is a ``Spec``: who offers it, what it is, for whom, when, and where — ``"wijk"`` means once in
every wijk's community centre (with the day varying per wijk), ``"wijk+"`` also once in the wijk's
buurtkamer (a smaller living-room place run by volunteers), any other value names one fixed place.
Terms are the codes of the default taxonomies (socialmap.services.taxonomy). The services themselves are in
``socialmap_wijk.py`` (every wijk) and ``socialmap_places.py`` (one place).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    description: str
    alternate_name: str = ""


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    kind: str
    org: str
    district: int  # index of the wijk it lies in (0 is the centre)
    street: str
    accessibility: str = ""
    transportation: str = ""


@dataclass(frozen=True)
class Spec:
    org: str
    name: str
    kind: str
    description: str
    domains: tuple[str, ...]
    groups: tuple[str, ...]
    where: str = "wijk"
    freq: str = "WEEKLY"  # WEEKLY, BIWEEKLY, MONTHLY or "" (by appointment)
    hours: tuple[str, str] = ("10:00", "12:00")
    fees: str = ""  # empty: free
    eligibility: str = ""
    application: str = ""
    min_age: int | None = None
    max_age: int | None = None
    languages: str = "nl"


ORGANISATIONS: tuple[Org, ...] = (
    Org(
        "welzijn",
        "Stichting Welzijn Lindewaard",
        "Buurtwerk, ouderenwerk, jongerenwerk en mantelzorgondersteuning in alle wijken van Lindewaard. "
        "Beheert de wijkcentra en ondersteunt bewonersinitiatieven.",
        "SWL",
    ),
    Org(
        "bieb",
        "Bibliotheek Lindewaard",
        "Openbare bibliotheek met een vestiging in het centrum en een uitleenpunt in Zuiderbroek. "
        "Ook Taalhuis en Digicafé.",
    ),
    Org(
        "voedselbank",
        "Voedselbank Lindewaard",
        "Wekelijks een voedselpakket voor huishoudens die tijdelijk niet rond kunnen komen. "
        "Aanmelden via het buurtteam of de schuldhulpverlening.",
    ),
    Org(
        "papierwinkel",
        "Stichting Papierwinkel Lindewaard",
        "Getrainde vrijwilligers helpen inwoners thuis met post, formulieren en het op orde brengen "
        "van de administratie.",
    ),
    Org(
        "rondkomen",
        "Stichting Rondkomen Lindewaard",
        "Vrijwillige geldcoaches die meekijken bij geldzorgen en samen met de inwoner een plan maken, "
        "in nauwe samenwerking met de gemeentelijke schuldhulpverlening.",
    ),
    Org(
        "geheugencafe",
        "Geheugencafé De Linde",
        "Maandelijkse ontmoeting voor mensen met dementie, hun naasten en iedereen die er meer over wil "
        "weten, met elke keer een ander thema.",
    ),
    Org(
        "mantelzorg",
        "Steunpunt Mantelzorg Lindewaard",
        "Informatie, advies en een luisterend oor voor mantelzorgers; regelt respijtzorg en organiseert "
        "lotgenotencontact.",
    ),
    Org(
        "omni",
        "Omnivereniging Sportief Lindewaard",
        "Sportvereniging met gym, volleybal, badminton en speciale groepen voor senioren en mensen met "
        "een beperking.",
    ),
    Org(
        "stapvoets",
        "Wandelsportvereniging De Stapvoets",
        "Wandelen in groepen van verschillend tempo, door de polder en de stadsparken.",
    ),
    Org(
        "zwembad",
        "Zwembad De Waardse Golf",
        "Overdekt zwembad met banenzwemmen, aquajoggen, zwemles en speciale uren voor ouderen.",
    ),
    Org(
        "lindekerk",
        "Protestantse Gemeente Lindewaard",
        "Kerkelijke gemeente rond De Lindekerk, met een open huis en een diaconie die helpt waar nodig.",
    ),
    Org(
        "maarten",
        "Parochie Sint Maarten",
        "Rooms-katholieke parochie met een actieve werkgroep Omzien naar elkaar.",
    ),
    Org(
        "moskee",
        "Stichting Moskee Lindewaard",
        "Moskee en ontmoetingsplek met huiswerkbegeleiding, vrouwenactiviteiten en een open iftar "
        "voor de hele buurt.",
    ),
    Org(
        "taalhuis",
        "Taalhuis Lindewaard",
        "Samenwerking van bibliotheek, welzijn en vrijwilligers voor iedereen die beter wil lezen, "
        "schrijven, rekenen of Nederlands spreken.",
    ),
    Org(
        "welkom",
        "Stichting Welkom in Lindewaard",
        "Maatjes en spreekuren voor nieuwkomers en statushouders: wegwijs in de gemeente, de taal en "
        "de buurt.",
    ),
    Org(
        "kledingbank",
        "Kledingbank Lindewaard",
        "Gratis tweedehands kleding voor gezinnen met een krappe beurs.",
    ),
    Org(
        "repair",
        "Repair Café Lindewaard",
        "Vrijwillige reparateurs maken samen met bezoekers kapotte spullen weer heel.",
    ),
    Org(
        "moestuin",
        "Buurtmoestuin De Groene Vinger",
        "Gemeenschappelijke moestuin waar buurtbewoners samen zaaien, wieden en oogsten.",
    ),
    Org(
        "cjg",
        "Centrum voor Jeugd en Gezin Lindewaard",
        "Voor vragen over opgroeien en opvoeden, van zwangerschap tot 23 jaar; met jeugdverpleegkundigen "
        "en pedagogen.",
        "CJG",
    ),
    Org(
        "maatjes",
        "Stichting Maatjeswerk Lindewaard",
        "Koppelt vrijwillige maatjes aan inwoners die er even alleen voor staan.",
    ),
    Org(
        "vrijwilligers",
        "Vrijwilligerscentrale Lindewaard",
        "Vacaturebank en advies voor iedereen die vrijwilligerswerk zoekt, en voor organisaties die "
        "vrijwilligers zoeken.",
    ),
    Org(
        "zilver",
        "Seniorenvereniging De Zilveren Draad",
        "Vereniging voor 55-plussers: ontmoeting, uitstapjes, belastinghulp en huisbezoek.",
    ),
    Org(
        "klimboom",
        "Speeltuinvereniging De Klimboom",
        "Omheinde speeltuin met een speelhuis, beheerd door vrijwilligers uit de buurt.",
    ),
    Org(
        "meedoen",
        "Fonds Meedoen Lindewaard",
        "Betaalt sportclub, muziekles of schoolspullen voor kinderen uit gezinnen met een laag inkomen.",
    ),
    Org(
        "raadslieden",
        "Sociaal Raadsliedenwerk Lindewaard",
        "Gratis hulp bij brieven van instanties, toeslagen, bezwaarschriften en regelingen.",
    ),
    Org(
        "bemiddeling",
        "Buurtbemiddeling Lindewaard",
        "Getrainde vrijwilligers helpen buren om er samen uit te komen bij burenruzies en overlast.",
    ),
    Org(
        "wijkzorg",
        "Wijkzorg Lindewaard",
        "Wijkverpleging en valpreventie; de wijkverpleegkundigen houden ook een inloopspreekuur.",
    ),
    Org(
        "belbus",
        "Vervoersdienst De Belbus",
        "Vrijwillige chauffeurs rijden ouderen en mensen met een beperking naar de huisarts, de markt "
        "of familie.",
    ),
    Org(
        "sportbedrijf",
        "Sportbedrijf Lindewaard",
        "Buurtsportcoaches die sport en bewegen dichtbij huis organiseren, op pleinen, in gymzalen en "
        "in het park.",
    ),
    Org(
        "eettafel",
        "Stichting De Eettafel",
        "Samen eten in de buurt: een warme maaltijd voor een kleine prijs, klaargemaakt door buurtbewoners.",
    ),
    Org(
        "lichtboei",
        "Inloophuis De Lichtboei",
        "Inloophuis voor mensen met kanker, hun naasten en nabestaanden.",
    ),
    Org(
        "vrouwencentrum",
        "Vrouwencentrum De Lindeboom",
        "Ontmoeting, cursussen en praatgroepen voor vrouwen uit alle culturen.",
    ),
    Org(
        "kinderboerderij",
        "Kinderboerderij De Hooiberg",
        "Kinderboerderij met dagbesteding: mensen met een beperking verzorgen er samen de dieren.",
    ),
    Org(
        "ggz",
        "Herstelcentrum Lindewaard",
        "Herstelwerkplaats voor mensen met psychische kwetsbaarheid, gedragen door ervaringsdeskundigen.",
    ),
    Org(
        "scouting",
        "Scouting Lindewaard",
        "Scoutinggroep voor jongens en meiden van 5 tot 18 jaar, elke zaterdag buiten.",
    ),
)

# Fixed places besides every wijk's community centre (see socialmap.py for those).
PLACES: tuple[Place, ...] = (
    Place(
        "wijkplein",
        "Wijkplein Lindewaard",
        "wijkplein",
        "welzijn",
        0,
        "Marktstraat 12",
        "Drempelvrij, lift naar de eerste verdieping, invalidentoilet.",
        "Bushalte Markt, lijnen 2 en 5.",
    ),
    Place(
        "bieb",
        "Bibliotheek Lindewaard Centrum",
        "library",
        "bieb",
        0,
        "Kerkplein 3",
        "Drempelvrij, ringleiding in de zaal.",
        "Bushalte Kerkplein.",
    ),
    Place("bieb_zuid", "Uitleenpunt Zuiderbroek", "library", "bieb", 4, "Zuiderlaan 88"),
    Place("voedselbank", "Uitgiftepunt Voedselbank", "other", "voedselbank", 2, "Industrieweg 7"),
    Place("sportpark", "Sportpark De Waard", "sports", "omni", 3, "Sportlaan 1", "Invalidenparkeerplaatsen."),
    Place(
        "zwembad",
        "Zwembad De Waardse Golf",
        "sports",
        "zwembad",
        1,
        "Badweg 4",
        "Tillift bij het ondiepe bad.",
    ),
    Place("lindekerk", "De Lindekerk", "worship", "lindekerk", 0, "Kerkplein 1"),
    Place("maarten", "Sint-Maartenkerk", "worship", "maarten", 5, "Pastoorslaan 9"),
    Place("moskee", "Moskee Lindewaard", "worship", "moskee", 1, "Vlinderstraat 30"),
    Place("kledingbank", "Kledingbank", "other", "kledingbank", 2, "Industrieweg 9"),
    Place("moestuin", "Buurtmoestuin De Groene Vinger", "outdoors", "moestuin", 3, "Achter de Bongerdschool"),
    Place(
        "cjg", "CJG Lindewaard", "care", "cjg", 0, "Stationsstraat 20", "Drempelvrij, commode en speelhoek."
    ),
    Place("klimboom", "Speeltuin De Klimboom", "outdoors", "klimboom", 6, "Klimboomstraat 2"),
    Place("lichtboei", "Inloophuis De Lichtboei", "care", "lichtboei", 0, "Havenkade 5"),
    Place(
        "vrouwencentrum",
        "Vrouwencentrum De Lindeboom",
        "community_centre",
        "vrouwencentrum",
        1,
        "Oosterstraat 44",
    ),
    Place(
        "kinderboerderij", "Kinderboerderij De Hooiberg", "outdoors", "kinderboerderij", 5, "Hooibergpad 1"
    ),
    Place("herstel", "Herstelwerkplaats", "care", "ggz", 0, "Nieuwe Gracht 17"),
    Place("scouting", "Scoutinggebouw Het Kampvuur", "outdoors", "scouting", 7, "Bosrand 3"),
    Place("park", "Lindepark (ingang Parklaan)", "outdoors", "sportbedrijf", 0, "Parklaan"),
)

# Where services that run in every wijk are held: the wijk's community centre, a name per wijk.
CENTRE_KINDS = ("community_centre", "mfa")
CENTRE_STREETS = (
    "Buurtplein 1",
    "Lindelaan 40",
    "Esdoornplein 2",
    "Boomgaardstraat 15",
    "Zuiderhof 6",
    "Westerweg 21",
    "Molenplein 3",
    "Parkrand 10",
)
