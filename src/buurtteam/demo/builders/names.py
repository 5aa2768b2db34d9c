"""Invented names for the fictional demo municipality. Any likeness to a real place or body is accidental."""

from __future__ import annotations

MUNICIPALITY_NAME = "Lindewaard"
MUNICIPALITY_CODE = "GM9921"  # GM99xx: outside the range CBS hands out to real municipalities
CBS_YEAR = 2025
EMAIL_DOMAIN = "lindewaard.example"  # RFC 2606: reserved, never delivered

ORGANISATION_NAME = "Samenwerkingsverband Buurtteams Lindewaard"

# The first wijken have fixed names; more (for big benchmark runs) are composed from the parts below.
DISTRICT_NAMES = [
    "Centrum",
    "Oosterwaard",
    "Hoogveld",
    "De Bongerd",
    "Zuiderbroek",
    "Westerhout",
    "Molenkamp",
    "Noorderpark",
]

NAME_PREFIXES = [
    "Linde",
    "Eiken",
    "Beuken",
    "Wilgen",
    "Essen",
    "Berken",
    "Elzen",
    "Meidoorn",
    "Vlier",
    "Hazel",
    "Molen",
    "Kerk",
    "Schans",
    "Vijver",
    "Beek",
    "Brink",
    "Dijk",
    "Zand",
    "Heide",
    "Klaver",
    "Rozen",
    "Tulpen",
    "Zonne",
    "Sterre",
    "Kievits",
    "Merel",
    "Zwaluw",
    "Reiger",
    "Vinken",
    "Lijster",
    "Bloem",
    "Hof",
    "Wei",
    "Akker",
    "Kooi",
    "Sluis",
    "Haven",
    "Weide",
    "Burcht",
    "Kloos",
]

NAME_SUFFIXES = [
    "hof",
    "veld",
    "kamp",
    "hoek",
    "park",
    "weide",
    "akker",
    "daal",
    "rijk",
    "horst",
    "hove",
    "laar",
    "stede",
    "wijk",
    "dreef",
    "brink",
    "haven",
    "kwartier",
    "erf",
    "oord",
    "beemd",
    "gaarde",
    "zoom",
    "waard",
]

# (code, name) of the providers taking part in the partnership; DISCIPLINE_PROVIDER says who employs whom.
PROVIDERS = [
    ("welfare", "Stichting Welzijn Lindewaard"),
    ("mee", "Stichting Meedoen Waardland"),
    ("health", "Gezondheidsdienst Regio Waardland"),
    ("volunteers", "Vrijwilligerscentrale Lindewaard"),
]

DISCIPLINE_PROVIDER = {
    "social-work": "welfare",
    "youth-family": "welfare",
    "debt-counsellor": "welfare",
    "wmo-consultant": "welfare",
    "social-basis-lead": "welfare",
    "safety-lead": "welfare",
    "mee-consultant": "mee",
    "community-nurse": "health",
    "mental-health": "health",
    "expert-by-experience": "volunteers",
}

# The first members of a team follow this order, so that even a small team is multidisciplinary;
# larger teams draw the rest from WEIGHTED_DISCIPLINES.
CORE_DISCIPLINES = [
    "social-work",
    "youth-family",
    "social-work",
    "mee-consultant",
    "community-nurse",
    "wmo-consultant",
    "debt-counsellor",
    "mental-health",
    "expert-by-experience",
    "social-work",
    "youth-family",
]

WEIGHTED_DISCIPLINES = [
    ("social-work", 30),
    ("youth-family", 22),
    ("mee-consultant", 9),
    ("community-nurse", 9),
    ("wmo-consultant", 9),
    ("debt-counsellor", 8),
    ("mental-health", 8),
    ("expert-by-experience", 5),
]

SCHOOL_NAMES = [
    "De Regenboog",
    "De Wegwijzer",
    "Het Kompas",
    "De Windroos",
    "Het Palet",
    "De Zonnewijzer",
    "De Sterrenkijker",
    "Het Vogelnest",
    "De Lindeboom",
    "De Vlinderhof",
]

COMMUNITY_CENTRE_NAMES = [
    "De Schakel",
    "De Ontmoeting",
    "Het Trefpunt",
    "De Brug",
    "Het Anker",
    "De Kroon",
    "De Buurvrouw",
    "Het Middelpunt",
]

OPENING_HOURS = [
    "ma t/m vr 9.00-17.00",
    "ma t/m do 9.00-17.00, vr 9.00-12.30",
    "ma, wo en do 9.00-16.30",
    "di en do 9.00-12.00 (inloop)",
    "ma t/m vr 8.30-17.00, wo-avond tot 20.00",
    "wo 13.00-16.00 (inloopspreekuur)",
]

# --- People (residents): frequent Dutch surnames with a weight, so that a search finds many.
COMMON_SURNAMES = [
    ("de Jong", 10),
    ("Jansen", 9),
    ("de Vries", 9),
    ("van den Berg", 7),
    ("van Dijk", 7),
    ("Bakker", 7),
    ("Janssen", 6),
    ("Visser", 6),
    ("Smit", 6),
    ("Meijer", 5),
    ("de Boer", 5),
    ("Mulder", 5),
    ("de Groot", 5),
    ("Bos", 4),
    ("Vos", 4),
    ("Peters", 4),
    ("Hendriks", 4),
    ("van Leeuwen", 4),
    ("Dekker", 3),
    ("Brouwer", 3),
    ("de Wit", 3),
    ("Dijkstra", 3),
    ("Smits", 3),
    ("de Graaf", 3),
]
# Smaller communities, with names written here rather than drawn from a locale Faker renders in
# another script: (first names female, first names male, surnames, language).
COMMUNITIES: dict[str, tuple[list[str], list[str], list[str], str]] = {
    "moroccan": (
        ["Fatima", "Khadija", "Samira", "Nadia", "Yasmina", "Imane", "Soukaina", "Hafsa"],
        ["Mohamed", "Youssef", "Ayoub", "Bilal", "Rachid", "Hamza", "Anouar", "Karim"],
        ["El Amrani", "Benali", "Bouzid", "El Idrissi", "Ouali", "Azzouzi", "Boukhari", "Chaoui"],
        "Arabisch",
    ),
    "eritrean": (
        ["Selam", "Helen", "Saba", "Ruta", "Luwam"],
        ["Yonas", "Dawit", "Filmon", "Robel", "Merhawi"],
        ["Tesfay", "Gebremedhin", "Haile", "Berhane", "Kidane"],
        "Tigrinya",
    ),
    "surinamese": (
        ["Sharmila", "Priya", "Ashanti", "Chantal", "Denise"],
        ["Rajesh", "Sunil", "Romano", "Glenn", "Iwan"],
        ["Ramdin", "Sewnarain", "Lachman", "Pinas", "Kromodimedjo", "Biharie"],
        "Nederlands",
    ),
}

PARTNER_ORGANISATIONS = [
    "GGZ Waardland",
    "Jeugdhulp Waardland",
    "Schuldhulpverlening Lindewaard",
    "Woonstichting Lindewaard",
    "Werkplein Lindewaard",
]
