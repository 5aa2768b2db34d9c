"""Invented Dutch texts for the demo's volunteer databank: who people are (passions, talents, what they like
to do for someone else) and what is asked of them. Written for this demo; any likeness is accidental."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Persona:
    """A kind of volunteer: texts to draw from and the interest tags that go with them."""

    passions: tuple[str, ...]
    talents: tuple[str, ...]
    likes: tuple[str, ...]
    interests: tuple[str, ...]
    days: str  # "day", "evening" or "any": when people like this are usually free


PERSONAS: tuple[Persona, ...] = (
    Persona(
        ("Sleutelen aan fietsen", "Oude fietsen opknappen", "Fietstochten door de polder"),
        (
            "Handig met gereedschap",
            "Lekke banden plakken in vijf minuten",
            "Geduldig uitleggen hoe iets werkt",
        ),
        ("Een fiets weer rijklaar maken voor iemand", "Samen een stuk fietsen"),
        ("cycling", "odd_jobs"),
        "any",
    ),
    Persona(
        ("Koken voor grote groepen", "Recepten uit de Marokkaanse keuken", "Bakken, vooral brood en taart"),
        ("Gastvrij", "Kan goed organiseren", "Koken met weinig geld"),
        ("Samen eten met iemand die vaak alleen is", "Iemand leren koken met wat er in huis is"),
        ("cooking", "company"),
        "any",
    ),
    Persona(
        (
            "Wandelen in het park en langs de rivier",
            "Natuur en vogels kijken",
            "Elke ochtend een rondje lopen",
        ),
        ("Goede luisteraar", "Rustig en betrouwbaar", "Weet veel van planten en bomen"),
        ("Met iemand naar buiten gaan die dat alleen niet meer durft", "Een vaste wandelmaat zijn"),
        ("walking", "company", "outings"),
        "day",
    ),
    Persona(
        ("Cijfers en overzicht", "Puzzelen met formulieren", "Boekhouden als hobby"),
        ("Was jarenlang administrateur", "Nauwkeurig", "Kent de weg bij toeslagen en gemeente"),
        (
            "Post sorteren en uitleggen",
            "Samen een budgetplan maken",
            "Helpen bij het invullen van formulieren",
        ),
        ("paperwork", "money"),
        "any",
    ),
    Persona(
        ("Taal en verhalen", "Lezen en voorlezen", "Nieuwe mensen leren kennen"),
        ("Juf geweest op de basisschool", "Spreekt meerdere talen", "Geduldig"),
        ("Nederlands oefenen met nieuwkomers", "Voorlezen aan kinderen", "Helpen met huiswerk"),
        ("language", "children"),
        "day",
    ),
    Persona(
        ("Computers en telefoons", "Alles wat met techniek te maken heeft", "Foto's bewerken"),
        ("Kan ingewikkelde dingen eenvoudig uitleggen", "Werkt in de ICT"),
        ("Iemand leren videobellen met de kleinkinderen", "DigiD en internetbankieren instellen"),
        ("digital", "paperwork"),
        "evening",
    ),
    Persona(
        ("Tuinieren en moestuinieren", "Bloemen en kruiden", "Buiten bezig zijn"),
        ("Groene vingers", "Sterk en praktisch", "Weet wat wanneer gesnoeid moet worden"),
        ("Een verwilderde tuin weer bijhouden", "Samen plantjes zetten op het balkon"),
        ("gardening", "odd_jobs"),
        "day",
    ),
    Persona(
        ("Muziek maken, vooral gitaar", "Zingen in een koor", "Oude liedjes van vroeger"),
        ("Kan mensen aan het zingen krijgen", "Vrolijk en spontaan"),
        ("Muziek maken in het verpleeghuis", "Samen zingen met ouderen"),
        ("music", "company"),
        "any",
    ),
    Persona(
        ("Autorijden en de omgeving verkennen", "Op pad gaan", "Mensen ontmoeten"),
        ("Heeft een auto en tijd", "Betrouwbaar en op tijd", "Kent de weg in het ziekenhuis"),
        ("Iemand naar een afspraak brengen en weer ophalen", "Meegaan naar de huisarts"),
        ("transport", "outings"),
        "day",
    ),
    Persona(
        ("Klussen in huis", "Timmeren en verven", "Dingen repareren in plaats van weggooien"),
        ("Allround klusser", "Gepensioneerd timmerman", "Handig met elektra en kranen"),
        ("Een lamp ophangen of een kast in elkaar zetten", "Kleine reparaties bij ouderen"),
        ("odd_jobs",),
        "day",
    ),
    Persona(
        ("Honden en katten", "Lange wandelingen met de hond", "Dieren verzorgen"),
        ("Ervaring met dieren", "Betrouwbaar en zorgzaam"),
        ("Een hond uitlaten als de baas dat niet meer kan", "Op een kat passen tijdens een opname"),
        ("animals", "walking"),
        "any",
    ),
    Persona(
        ("Sporten en bewegen", "Voetbal en fitness", "Jongeren helpen hun weg te vinden"),
        ("Trainer geweest bij de voetbalclub", "Kan motiveren"),
        ("Samen sporten met een jongere", "Een maatje zijn voor een tiener"),
        ("sports", "children"),
        "evening",
    ),
    Persona(
        ("Handwerken, breien en haken", "Naaien en verstellen", "Knutselen met kinderen"),
        ("Creatief", "Kan goed met kleine kinderen"),
        ("Een creatieve middag geven in het buurthuis", "Kleding verstellen voor wie dat niet kan"),
        ("creative", "children"),
        "day",
    ),
    Persona(
        ("Een goed gesprek", "Mensen", "Koffie drinken en bijpraten"),
        ("Luisterend oor", "Geduldig en warm", "Weet van de buurt"),
        ("Wekelijks op bezoek bij iemand die eenzaam is", "Samen boodschappen doen"),
        ("company", "shopping"),
        "any",
    ),
    Persona(
        ("Musea en theater", "Geschiedenis van de stad", "Uitjes organiseren"),
        ("Kan goed plannen", "Weet wat er te doen is in de stad"),
        ("Met iemand een middag op stap", "Meegaan naar een voorstelling"),
        ("outings", "company"),
        "any",
    ),
    Persona(
        ("Geld en sparen", "Slim boodschappen doen", "Aanbiedingen zoeken"),
        ("Heeft zelf schulden gehad en opgelost", "Nuchter en eerlijk"),
        ("Samen naar de supermarkt en het budget bewaken", "Meedenken over geldzaken"),
        ("money", "shopping"),
        "evening",
    ),
)


# What a request asks for: title, a description written for the volunteer, the wishes, tags, kind.
@dataclass(frozen=True)
class Ask:
    title: str
    description: str
    wanted: str
    interests: tuple[str, ...]
    kind: str


ASKS: tuple[Ask, ...] = (
    Ask(
        "Maatje om mee te wandelen",
        "Een oudere mevrouw komt sinds een val weinig buiten. Ze wil graag wekelijks samen een rondje lopen.",
        "wandelen, geduld, een luisterend oor",
        ("walking", "company"),
        "buddy",
    ),
    Ask(
        "Fiets weer rijklaar maken",
        "Een jonge vader heeft een fiets gekregen, maar de remmen werken niet en de band is lek.",
        "fietsen repareren, handig",
        ("cycling", "odd_jobs"),
        "one_off",
    ),
    Ask(
        "Hulp bij het ordenen van post",
        "Er ligt een stapel ongeopende brieven. Wie wil helpen sorteren en uitleggen wat belangrijk is?",
        "administratie, formulieren, overzicht",
        ("paperwork",),
        "paperwork",
    ),
    Ask(
        "Samen koken en eten",
        "Een man van middelbare leeftijd eet vaak alleen en kant-en-klaar. Samen koken zou hem goed doen.",
        "koken, gezelligheid",
        ("cooking", "company"),
        "recurring",
    ),
    Ask(
        "Nederlands oefenen",
        "Een moeder die twee jaar in Nederland is wil haar Nederlands oefenen in gewone gesprekken.",
        "taal, geduld, praten",
        ("language", "company"),
        "recurring",
    ),
    Ask(
        "Vervoer naar het ziekenhuis",
        "Voor een reeks afspraken in het ziekenhuis is vervoer nodig; de bus is te lastig met de rolstoel.",
        "autorijden, betrouwbaar",
        ("transport",),
        "transport",
    ),
    Ask(
        "Tuin bijhouden",
        "De tuin groeit een oudere meneer boven het hoofd. Een paar keer snoeien en opruimen zou helpen.",
        "tuinieren, snoeien",
        ("gardening", "odd_jobs"),
        "one_off",
    ),
    Ask(
        "Leren videobellen",
        "Een weduwnaar wil zijn kleinkinderen in het buitenland zien via de tablet, maar weet niet hoe.",
        "computer, telefoon, uitleggen",
        ("digital",),
        "one_off",
    ),
    Ask(
        "Hond uitlaten",
        "Na een heupoperatie kan een mevrouw haar hond een paar weken niet uitlaten.",
        "honden, wandelen",
        ("animals", "walking"),
        "recurring",
    ),
    Ask(
        "Huiswerkbegeleiding",
        "Een jongen in groep 7 heeft moeite met rekenen en lezen; thuis kan niemand helpen.",
        "huiswerk, kinderen, rekenen",
        ("children", "language"),
        "recurring",
    ),
    Ask(
        "Maatje voor een tiener",
        "Een jongen van 15 zoekt iemand om mee te sporten en af en toe mee te praten.",
        "sport, voetbal, jongeren",
        ("sports", "children"),
        "buddy",
    ),
    Ask(
        "Kastje ophangen en lamp vervangen",
        "Een paar kleine klussen in huis die een oudere mevrouw zelf niet meer kan.",
        "klussen, boren, elektra",
        ("odd_jobs",),
        "one_off",
    ),
    Ask(
        "Boodschappen doen",
        "Een man met weinig energie redt het niet om zelf boodschappen te doen; samen gaan zou fijn zijn.",
        "boodschappen, gezelschap",
        ("shopping", "company"),
        "recurring",
    ),
    Ask(
        "Budget op orde",
        "Een jong stel wil leren rondkomen met hun inkomen en zoekt iemand die meedenkt.",
        "geldzaken, budgetteren",
        ("money", "paperwork"),
        "paperwork",
    ),
    Ask(
        "Zingen in het buurthuis",
        "Op de dinsdagmiddag in het buurthuis zoeken we iemand die met de bezoekers wil zingen.",
        "muziek, zingen, gitaar",
        ("music", "company"),
        "recurring",
    ),
    Ask(
        "Creatieve middag voor kinderen",
        "Voor de woensdagmiddag zoekt het buurthuis iemand die met kinderen wil knutselen.",
        "knutselen, creatief, kinderen",
        ("creative", "children"),
        "recurring",
    ),
    Ask(
        "Mee naar een voorstelling",
        "Een mevrouw met beginnende vergeetachtigheid houdt van theater, maar gaat niet meer alleen.",
        "cultuur, uitjes, gezelschap",
        ("outings", "company"),
        "buddy",
    ),
    Ask(
        "Wekelijks koffie drinken",
        "Een man die sinds kort alleen woont zou het fijn vinden als iemand wekelijks langskomt.",
        "gezelligheid, luisteren",
        ("company",),
        "buddy",
    ),
)

EVALUATIONS: tuple[tuple[str, int], ...] = (
    ("Het klikte meteen; ze spreken nu ook buiten de afspraken af.", 5),
    ("De hulp is gegeven en het probleem is opgelost.", 5),
    ("Ging goed, al was het plannen soms lastig.", 4),
    ("De vrijwilliger is trouw gekomen; de inwoner is er zichtbaar opgeknapt van.", 5),
    ("Na een paar keer bleek de vraag groter dan verwacht; doorverwezen naar het buurtteam.", 3),
    ("Het contact verliep stroef; beide partijen zijn gestopt.", 2),
    ("De vrijwilliger is verhuisd; de inwoner wil graag een nieuw maatje.", 4),
)

DECLINES = (
    "De vrijwilliger heeft op dit moment geen tijd.",
    "De afstand bleek toch te groot.",
    "De inwoner wilde liever iemand anders.",
    "Past niet bij wat de vrijwilliger zoekt.",
)

PAUSE_NOTES = (
    "Op reis tot na de zomer",
    "Even te druk met werk",
    "Mantelzorg voor een ouder",
    "Herstelt van een operatie",
)
