"""The texts of Lindewaard's sociale kaart: organisations, places and what happens there.

Everything here is invented for the demo (any likeness to a real organisation is accidental); phone
numbers are drawn at build time and web addresses use the reserved ``.example`` domain.

A service is a ``Spec``: who offers it, what it is, for whom, when, and where — ``"wijk"`` means once in
every wijk's community centre (with the day varying per wijk), ``"wijk+"`` also once in the wijk's
buurtkamer (a smaller living-room place run by volunteers), any other value names one fixed place.
Terms are the codes of the default taxonomies (socialmap.services.taxonomy).
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

SERVICES: tuple[Spec, ...] = (
    # --- In every wijk's community centre.
    Spec(
        "welzijn",
        "Koffieochtend",
        "activity",
        "Binnenlopen voor een kop koffie en een praatje met buurtgenoten. Er is altijd een gastvrouw of "
        "gastheer die nieuwe bezoekers wegwijs maakt.",
        ("social-network",),
        ("everyone", "older-people"),
        where="wijk+",
    ),
    Spec(
        "welzijn",
        "Open tafel: samen eten",
        "activity",
        "Eén keer per week een warme driegangenmaaltijd aan lange tafels. Goed voor wie niet graag alleen "
        "eet en nieuwe mensen wil leren kennen.",
        ("social-network", "physical-health"),
        ("older-people", "everyone"),
        hours=("17:30", "19:30"),
        fees="€ 6,50 per maaltijd; met de Lindewaardpas € 3,50",
        application="Aanmelden tot de dag ervoor bij de balie van het wijkcentrum.",
    ),
    Spec(
        "welzijn",
        "Inloopspreekuur buurtwerk",
        "consultation",
        "Met een vraag over de buurt, een idee voor een activiteit of gewoon even een luisterend oor: "
        "de buurtwerker is er zonder afspraak.",
        ("participation", "social-network"),
        ("everyone",),
        hours=("13:30", "15:00"),
        where="wijk+",
    ),
    Spec(
        "welzijn",
        "Jongerenavond",
        "activity",
        "Chillen, gamen, tafeltennissen en praten met de jongerenwerkers. Jongeren bedenken zelf mee wat "
        "er gebeurt.",
        ("time-use", "social-network"),
        ("youth",),
        hours=("19:00", "22:00"),
        min_age=12,
        max_age=18,
    ),
    Spec(
        "welzijn",
        "Meidenclub",
        "activity",
        "Een veilige plek voor meiden om elkaar te ontmoeten, te koken, te praten over wat hen bezighoudt "
        "en samen activiteiten te plannen.",
        ("social-network", "child-development"),
        ("youth",),
        hours=("15:30", "17:30"),
        min_age=10,
        max_age=16,
    ),
    Spec(
        "welzijn",
        "Kinderactiviteit na schooltijd",
        "activity",
        "Knutselen, spelletjes en buiten spelen onder begeleiding van buurtsportcoach en vrijwilligers.",
        ("child-development", "time-use"),
        ("children",),
        hours=("15:00", "16:30"),
        min_age=4,
        max_age=12,
        where="wijk+",
    ),
    Spec(
        "welzijn",
        "Biljartclub",
        "activity",
        "Wekelijks biljarten in het wijkcentrum; beginners krijgen uitleg van de vaste spelers.",
        ("time-use", "social-network"),
        ("older-people",),
        hours=("13:30", "16:30"),
        fees="€ 2 per middag",
    ),
    Spec(
        "welzijn",
        "Handwerkgroep",
        "activity",
        "Breien, haken en borduren met elkaar, met thee en een koekje. Materialen zijn aanwezig voor wie "
        "het eens wil proberen.",
        ("time-use", "social-network"),
        ("everyone", "older-people"),
        fees="€ 1 voor koffie en thee",
        where="wijk+",
    ),
    Spec(
        "sportbedrijf",
        "Bewegen voor ouderen",
        "activity",
        "Rustige oefeningen voor kracht, balans en soepelheid, op muziek en op een stoel als dat nodig "
        "is. Helpt ook om vallen te voorkomen.",
        ("physical-health", "social-network"),
        ("older-people",),
        hours=("09:30", "10:30"),
        fees="€ 3 per les; eerste keer gratis",
        min_age=55,
        where="wijk+",
    ),
    Spec(
        "sportbedrijf",
        "Buurtsport op het plein",
        "activity",
        "Voetbal, basketbal en spellen op het trapveldje naast het wijkcentrum, begeleid door de "
        "buurtsportcoach.",
        ("physical-health", "time-use"),
        ("children", "youth"),
        hours=("15:30", "17:00"),
        min_age=6,
        max_age=16,
    ),
    Spec(
        "mantelzorg",
        "Mantelzorgcafé",
        "activity",
        "Ontmoeting voor mantelzorgers: even niet zorgen, ervaringen delen en tips krijgen van de "
        "mantelzorgconsulent.",
        ("social-network", "mental-health"),
        ("carers",),
        freq="MONTHLY",
        hours=("19:30", "21:30"),
        where="wijk+",
    ),
    Spec(
        "wijkzorg",
        "Inloopspreekuur wijkverpleging",
        "consultation",
        "Vragen over gezondheid, medicijnen, zorg thuis of hulpmiddelen? De wijkverpleegkundige denkt mee "
        "en kijkt wat er nodig is.",
        ("physical-health", "basic-adl"),
        ("older-people", "everyone"),
        freq="BIWEEKLY",
        hours=("10:00", "11:30"),
    ),
    Spec(
        "raadslieden",
        "Spreekuur sociaal raadslieden",
        "consultation",
        "Hulp bij brieven van de Belastingdienst, het UWV of de gemeente, bij toeslagen, bezwaar maken "
        "en het aanvragen van regelingen.",
        ("finances", "instrumental-adl"),
        ("everyone", "low-income"),
        hours=("09:00", "11:00"),
        application="Vrije inloop; neem de brieven mee waar het om gaat.",
    ),
    Spec(
        "papierwinkel",
        "Papierwinkel: hulp bij de administratie",
        "informal_help",
        "Een vrijwilliger helpt de post te ordenen, rekeningen te betalen en overzicht te houden. Eerst op "
        "het spreekuur, daarna zo nodig thuis.",
        ("finances", "instrumental-adl"),
        ("everyone", "older-people"),
        hours=("13:30", "15:30"),
        where="wijk+",
    ),
    Spec(
        "taalhuis",
        "Taalcafé",
        "activity",
        "Nederlands oefenen in een ontspannen sfeer, in kleine groepjes aan tafel met een vrijwilliger. "
        "Elk niveau is welkom.",
        ("participation", "social-network"),
        ("newcomers", "everyone"),
        hours=("19:00", "20:30"),
        languages="nl,en,ar,uk",
        where="wijk+",
    ),
    Spec(
        "eettafel",
        "Buurtmaaltijd",
        "activity",
        "Buurtbewoners koken om de beurt voor elkaar. Iedereen schuift aan; wie wil, kookt een keer mee.",
        ("social-network",),
        ("everyone",),
        freq="MONTHLY",
        hours=("17:30", "19:30"),
        fees="€ 4 per persoon, kinderen € 2",
        where="wijk+",
    ),
    Spec(
        "zilver",
        "Seniorensoos",
        "activity",
        "Kaarten, sjoelen en bingo, met af en toe een lezing of muziekmiddag.",
        ("social-network", "time-use"),
        ("older-people",),
        hours=("14:00", "16:30"),
        fees="€ 2,50 inclusief koffie",
        min_age=55,
        where="wijk+",
    ),
    Spec(
        "repair",
        "Repair Café",
        "activity",
        "Neem een kapot apparaat, fiets of kledingstuk mee en repareer het samen met een vrijwilliger. "
        "Alleen onderdelen kosten geld.",
        ("time-use", "finances"),
        ("everyone",),
        freq="MONTHLY",
        hours=("13:00", "16:00"),
    ),
    Spec(
        "cjg",
        "Inloop voor ouders van jonge kinderen",
        "consultation",
        "Ouders met een baby of peuter komen koffie drinken, wegen hun kind en stellen vragen aan de "
        "jeugdverpleegkundige.",
        ("parenting", "child-development"),
        ("parents",),
        freq="BIWEEKLY",
        hours=("09:30", "11:00"),
    ),
    Spec(
        "bemiddeling",
        "Spreekuur buurtbemiddeling",
        "consultation",
        "Last van geluid, een erfgrens of een conflict met de buren? Bemiddelaars luisteren en helpen "
        "een gesprek op gang te brengen.",
        ("housing", "social-network"),
        ("everyone",),
        freq="MONTHLY",
        hours=("19:00", "20:30"),
    ),
    Spec(
        "welzijn",
        "Digitaal spreekuur",
        "consultation",
        "Hulp bij DigiD, de smartphone, de tablet en online bankieren door vrijwilligers met geduld.",
        ("instrumental-adl", "participation"),
        ("older-people", "everyone"),
        hours=("10:00", "12:00"),
        where="wijk+",
    ),
    Spec(
        "welzijn",
        "Wandelgroep vanuit het wijkcentrum",
        "activity",
        "Samen een uur wandelen door de wijk in een rustig tempo, met koffie na afloop.",
        ("physical-health", "social-network"),
        ("older-people", "everyone"),
        hours=("09:30", "11:00"),
        where="wijk+",
    ),
    # --- At one place.
    Spec(
        "voedselbank",
        "Voedselpakket",
        "service",
        "Elke week een pakket met houdbare producten, groente, fruit en zuivel voor huishoudens die "
        "onder de norm van de voedselbank blijven.",
        ("finances",),
        ("low-income",),
        where="voedselbank",
        freq="WEEKLY",
        hours=("13:00", "16:00"),
        eligibility="Huishoudens met een besteedbaar inkomen onder de norm van de voedselbank.",
        application="Aanmelden via het buurtteam, de schuldhulpverlening of de sociaal raadslieden.",
    ),
    Spec(
        "kledingbank",
        "Kledingbank",
        "service",
        "Gratis kleding, schoenen en beddengoed uitzoeken; per seizoen een vast aantal stuks per persoon.",
        ("finances",),
        ("low-income", "parents"),
        where="kledingbank",
        hours=("10:00", "13:00"),
        application="Met een verwijsbrief van het buurtteam of de voedselbank.",
    ),
    Spec(
        "rondkomen",
        "Geldcoach aan huis",
        "informal_help",
        "Een vrijwillige geldcoach komt thuis, brengt de inkomsten en uitgaven in kaart en helpt "
        "betalingsachterstanden aan te pakken, zo nodig samen met de schuldhulpverlening.",
        ("finances",),
        ("everyone", "low-income"),
        where="wijkplein",
        freq="",
        application="Aanmelden via het wijkplein of het buurtteam; een coach belt binnen twee weken.",
    ),
    Spec(
        "rondkomen",
        "Cursus Grip op je geld",
        "course",
        "Vier avonden over budgetteren, sparen, verleidingen en wat te doen bij schulden. In een kleine "
        "groep, met praktische opdrachten.",
        ("finances",),
        ("everyone", "low-income"),
        where="wijkplein",
        freq="MONTHLY",
        hours=("19:00", "21:00"),
    ),
    Spec(
        "raadslieden",
        "Belastinghulp",
        "informal_help",
        "Vrijwilligers vullen de belastingaangifte in en vragen toeslagen aan voor mensen met een laag "
        "inkomen. Van februari tot en met april.",
        ("finances", "instrumental-adl"),
        ("low-income", "older-people"),
        where="wijkplein",
        hours=("09:00", "12:00"),
    ),
    Spec(
        "welzijn",
        "Wijkpleinloket",
        "consultation",
        "Eén loket voor vragen over zorg, welzijn, wonen en geld. De medewerkers verwijzen door of maken "
        "een afspraak met het buurtteam.",
        ("participation", "instrumental-adl"),
        ("everyone",),
        where="wijkplein",
        freq="WEEKLY",
        hours=("09:00", "17:00"),
    ),
    Spec(
        "geheugencafe",
        "Geheugencafé",
        "activity",
        "Elke maand een gesprek over een thema rond dementie en geheugenproblemen, met een deskundige aan "
        "tafel en volop ruimte voor vragen. Naasten zijn van harte welkom.",
        ("mental-health", "social-network"),
        ("dementia", "carers"),
        where="wijkplein",
        freq="MONTHLY",
        hours=("19:30", "21:30"),
    ),
    Spec(
        "mantelzorg",
        "Mantelzorgconsulent",
        "consultation",
        "Persoonlijk gesprek over de zorg voor een naaste: wat kost het je, wat helpt, en welke "
        "ondersteuning of respijtzorg past.",
        ("mental-health", "social-network"),
        ("carers",),
        where="wijkplein",
        freq="",
        application="Bellen of mailen voor een afspraak; een huisbezoek kan ook.",
    ),
    Spec(
        "mantelzorg",
        "Respijtzorg: even vrij",
        "service",
        "Een vaste vrijwilliger neemt een dagdeel de zorg over, zodat de mantelzorger even tijd voor "
        "zichzelf heeft.",
        ("social-network", "mental-health"),
        ("carers", "dementia"),
        where="wijkplein",
        freq="",
    ),
    Spec(
        "omni",
        "Walking football",
        "activity",
        "Voetbal in wandeltempo voor 60-plussers: niet rennen, geen slidings, wel plezier en een derde "
        "helft.",
        ("physical-health", "social-network"),
        ("older-people",),
        where="sportpark",
        hours=("10:00", "11:30"),
        fees="€ 60 per jaar",
        min_age=60,
    ),
    Spec(
        "omni",
        "G-gym",
        "activity",
        "Gymles voor kinderen en volwassenen met een verstandelijke of lichamelijke beperking.",
        ("physical-health", "participation"),
        ("disability",),
        where="sportpark",
        hours=("18:30", "19:30"),
        fees="€ 12 per maand",
        min_age=6,
    ),
    Spec(
        "stapvoets",
        "Wandelgroep in het Lindepark",
        "activity",
        "Elke week een wandeling van vijf of tien kilometer vanaf de parkingang. Nieuwe lopers lopen "
        "drie keer gratis mee.",
        ("physical-health",),
        ("everyone",),
        where="park",
        hours=("09:00", "11:00"),
        fees="Lidmaatschap € 25 per jaar",
    ),
    Spec(
        "zwembad",
        "Aquajoggen voor senioren",
        "activity",
        "Bewegen in het water, licht voor de gewrichten. Begeleid door een instructeur.",
        ("physical-health",),
        ("older-people",),
        where="zwembad",
        hours=("10:00", "10:45"),
        fees="€ 5,50 per keer, tienrittenkaart € 48",
        min_age=55,
    ),
    Spec(
        "zwembad",
        "Zwemles voor volwassenen",
        "course",
        "Alsnog leren zwemmen in een kleine groep, in het ondiepe bad en zonder haast.",
        ("physical-health", "participation"),
        ("everyone", "newcomers"),
        where="zwembad",
        hours=("20:00", "20:45"),
        fees="€ 95 per tien lessen",
        min_age=16,
    ),
    Spec(
        "bieb",
        "Digicafé",
        "consultation",
        "Vrijwilligers helpen met de computer, de telefoon, DigiD en formulieren van de overheid.",
        ("instrumental-adl", "participation"),
        ("older-people", "everyone"),
        where="bieb",
        hours=("10:00", "12:00"),
    ),
    Spec(
        "taalhuis",
        "Taalhuis: leren lezen en schrijven",
        "course",
        "Voor wie moeite heeft met lezen, schrijven of rekenen. Een taalvrijwilliger oefent op het eigen "
        "tempo, met eigen brieven en formulieren.",
        ("participation", "work-education"),
        ("everyone",),
        where="bieb",
        hours=("13:30", "15:30"),
    ),
    Spec(
        "bieb",
        "Voorlezen voor peuters",
        "activity",
        "Prentenboeken voorlezen, zingen en samen spelen voor peuters met hun ouder of opa en oma.",
        ("child-development", "parenting"),
        ("parents", "children"),
        where="bieb",
        hours=("10:00", "10:45"),
        max_age=4,
    ),
    Spec(
        "bieb",
        "Huiswerkklas",
        "activity",
        "Rustige plek met hulp bij huiswerk en plannen door studenten en gepensioneerde docenten.",
        ("school",),
        ("youth", "children"),
        where="bieb_zuid",
        hours=("15:30", "17:30"),
        min_age=10,
        max_age=16,
    ),
    Spec(
        "welkom",
        "Taalmaatje",
        "informal_help",
        "Een vrijwilliger spreekt een jaar lang elke week af om Nederlands te oefenen en samen de stad te "
        "verkennen.",
        ("participation", "social-network"),
        ("newcomers",),
        where="wijkplein",
        freq="",
        languages="nl,en,ar,ti,uk",
    ),
    Spec(
        "welkom",
        "Spreekuur voor statushouders",
        "consultation",
        "Hulp bij brieven, de inburgering, zorgverzekering en de weg in Lindewaard, met tolken voor "
        "Arabisch en Tigrinya.",
        ("instrumental-adl", "participation"),
        ("newcomers",),
        where="wijkplein",
        hours=("13:00", "15:00"),
        languages="nl,ar,ti",
    ),
    Spec(
        "lindekerk",
        "Open huis De Lindekerk",
        "activity",
        "De kerk is open voor koffie, een gesprek of een moment van stilte. Iedereen welkom, gelovig of "
        "niet.",
        ("social-network", "mental-health"),
        ("everyone",),
        where="lindekerk",
        hours=("10:00", "12:00"),
    ),
    Spec(
        "lindekerk",
        "Diaconale noodhulp",
        "service",
        "Eenmalige financiële steun of een boodschappenkaart bij acute nood, als andere regelingen niet "
        "op tijd helpen.",
        ("finances",),
        ("low-income",),
        where="lindekerk",
        freq="",
        application="Alleen via een hulpverlener; de diaconie belt binnen twee werkdagen terug.",
    ),
    Spec(
        "maarten",
        "Omzien naar elkaar: huisbezoek",
        "informal_help",
        "Vrijwilligers van de parochie bezoeken ouderen en zieken thuis voor een praatje en een luisterend "
        "oor.",
        ("social-network",),
        ("older-people",),
        where="maarten",
        freq="",
    ),
    Spec(
        "moskee",
        "Huiswerkbegeleiding in de moskee",
        "activity",
        "Studenten helpen basisschool- en middelbare scholieren met huiswerk en leren plannen.",
        ("school", "child-development"),
        ("children", "youth"),
        where="moskee",
        hours=("16:00", "18:00"),
        min_age=8,
        max_age=16,
        languages="nl,ar,tr",
    ),
    Spec(
        "moskee",
        "Vrouwenochtend",
        "activity",
        "Ontmoeting voor vrouwen met thee, gesprekken over opvoeding en gezondheid en af en toe een "
        "gastspreker.",
        ("social-network", "parenting"),
        ("parents", "newcomers"),
        where="moskee",
        hours=("10:00", "12:00"),
        languages="nl,ar,tr",
    ),
    Spec(
        "vrouwencentrum",
        "Praatgroep Sterker in je vel",
        "course",
        "Acht bijeenkomsten over zelfvertrouwen, grenzen aangeven en omgaan met stress, onder leiding van "
        "een ervaren trainer.",
        ("mental-health", "domestic-relations"),
        ("everyone",),
        where="vrouwencentrum",
        hours=("13:30", "15:30"),
        fees="€ 10 voor de hele reeks",
    ),
    Spec(
        "vrouwencentrum",
        "Naaiatelier",
        "activity",
        "Samen naaien en verstellen op de naaimachines van het centrum; les voor beginners.",
        ("time-use", "social-network"),
        ("everyone", "newcomers"),
        where="vrouwencentrum",
        hours=("19:00", "21:00"),
        fees="€ 1 per avond",
    ),
    Spec(
        "moestuin",
        "Tuinieren in de buurtmoestuin",
        "activity",
        "Zaaien, wieden en oogsten met buren. Wie meewerkt, neemt groente mee naar huis.",
        ("physical-health", "social-network"),
        ("everyone",),
        where="moestuin",
        hours=("10:00", "12:00"),
    ),
    Spec(
        "cjg",
        "Opvoedspreekuur",
        "consultation",
        "Een pedagoog denkt mee over slapen, eten, driftbuien, pesten of puberteit.",
        ("parenting",),
        ("parents",),
        where="cjg",
        hours=("13:00", "15:00"),
    ),
    Spec(
        "cjg",
        "Cursus Positief opvoeden",
        "course",
        "Vijf bijeenkomsten voor ouders van kinderen tot twaalf jaar over grenzen stellen en goed gedrag "
        "stimuleren.",
        ("parenting",),
        ("parents",),
        where="cjg",
        freq="MONTHLY",
        hours=("19:30", "21:30"),
    ),
    Spec(
        "maatjes",
        "Maatje bij eenzaamheid",
        "informal_help",
        "Een vrijwilliger komt elke week langs voor een wandeling, een spelletje of een gesprek, voor wie "
        "weinig mensen om zich heen heeft.",
        ("social-network",),
        ("everyone", "older-people"),
        where="wijkplein",
        freq="",
        application="Aanmelden via het wijkplein; na een kennismakingsgesprek volgt een koppeling.",
    ),
    Spec(
        "maatjes",
        "Thuisbezoek voor zieken en alleenstaanden",
        "informal_help",
        "Vrijwilligers bezoeken mensen die door ziekte weinig de deur uit komen.",
        ("social-network", "physical-health"),
        ("everyone",),
        where="wijkplein",
        freq="",
    ),
    Spec(
        "vrijwilligers",
        "Vrijwilligerswerk vinden",
        "consultation",
        "Gesprek over wat je leuk vindt en kunt, en een passende plek als vrijwilliger in Lindewaard.",
        ("participation", "time-use"),
        ("volunteers", "everyone"),
        where="wijkplein",
        hours=("10:00", "12:00"),
    ),
    Spec(
        "klimboom",
        "Speelmiddag in de speeltuin",
        "activity",
        "De speeltuin en het speelhuis zijn open; vrijwilligers zetten spellen klaar.",
        ("child-development", "time-use"),
        ("children", "parents"),
        where="klimboom",
        hours=("13:00", "17:00"),
        max_age=12,
    ),
    Spec(
        "meedoen",
        "Bijdrage voor sport en cultuur",
        "service",
        "Vergoeding van contributie, sportkleding of muziekles voor kinderen uit gezinnen met een laag "
        "inkomen.",
        ("finances", "child-development"),
        ("children", "youth", "low-income"),
        where="wijkplein",
        freq="",
        application="Aanvraag via de intermediair: het buurtteam, school of de jeugdverpleegkundige.",
        min_age=4,
        max_age=18,
    ),
    Spec(
        "belbus",
        "De Belbus",
        "service",
        "Vervoer door vrijwilligers binnen Lindewaard, van deur tot deur. Een dag van tevoren bellen.",
        ("instrumental-adl", "participation"),
        ("older-people", "disability"),
        where="wijkplein",
        freq="",
        fees="€ 2 per rit",
    ),
    Spec(
        "lichtboei",
        "Inloop De Lichtboei",
        "activity",
        "Een kop koffie, een gesprek met lotgenoten of een creatieve activiteit voor wie met kanker te "
        "maken heeft.",
        ("mental-health", "social-network"),
        ("everyone",),
        where="lichtboei",
        hours=("10:00", "16:00"),
    ),
    Spec(
        "lichtboei",
        "Rouwgroep",
        "course",
        "Zes avonden met anderen die een dierbare verloren, begeleid door een rouwtherapeut.",
        ("mental-health",),
        ("everyone",),
        where="lichtboei",
        freq="MONTHLY",
        hours=("19:30", "21:30"),
    ),
    Spec(
        "kinderboerderij",
        "Dagbesteding op de kinderboerderij",
        "service",
        "Dieren verzorgen, stallen uitmesten en bezoekers rondleiden, met begeleiding, voor mensen met een "
        "beperking of psychische kwetsbaarheid.",
        ("time-use", "participation"),
        ("disability", "mental-vulnerability"),
        where="kinderboerderij",
        hours=("09:00", "15:00"),
        application="Via een Wmo-indicatie; kennismaken kan altijd.",
        min_age=18,
    ),
    Spec(
        "ggz",
        "Herstelwerkplaats",
        "activity",
        "Cursussen en ontmoeting voor mensen die herstellen van psychische problemen, gegeven door "
        "ervaringsdeskundigen.",
        ("mental-health", "participation"),
        ("mental-vulnerability",),
        where="herstel",
        hours=("13:00", "16:00"),
    ),
    Spec(
        "ggz",
        "Wandelen tegen somberheid",
        "activity",
        "Elke week samen wandelen en praten, voor wie zich somber of gestrest voelt.",
        ("mental-health", "physical-health"),
        ("mental-vulnerability", "everyone"),
        where="park",
        hours=("10:00", "11:30"),
    ),
    Spec(
        "scouting",
        "Scouting op zaterdag",
        "activity",
        "Buiten spelen, hutten bouwen, koken op een vuur en op kamp, per leeftijdsgroep.",
        ("time-use", "child-development"),
        ("children", "youth"),
        where="scouting",
        hours=("10:00", "12:30"),
        fees="€ 120 per jaar; Fonds Meedoen kan bijdragen",
        min_age=5,
        max_age=18,
    ),
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
