"""Texts for the demo's referrals, bridging contacts, agreements, meldcode tracks and crisis notes.

Written for this demo in the voice of a buurtteam worker; ``{name}`` is the client's first name and
``{child}`` 'zoon' or 'dochter', as in texts.py.
"""

from __future__ import annotations

# What the referral is for: by partner (where partners of one kind offer different things), else by kind.
PARTNER_QUESTIONS: dict[str, list[str]] = {
    "Jeugdhulp Waardland": [
        "Gezinsbehandeling: de spanningen thuis lopen op en de opvoedondersteuning van het buurtteam "
        "is niet genoeg gebleken.",
        "Specialistische opvoedondersteuning; de ouders komen er samen met de {child} niet meer uit.",
    ],
    "Kinder- en Jeugdpsychiatrie Waardland": [
        "Onderzoek en behandeling voor de {child}: aanhoudende angstklachten en schoolweigering.",
        "Traumabehandeling voor de {child} na de gebeurtenissen thuis; ouders willen meewerken.",
    ],
    "Gezinskracht Lindewaard": [
        "Intensieve begeleiding aan huis bij ernstige gedragsproblemen van de {child}.",
        "Intensieve gezinsbehandeling aan huis; er zijn zorgen over de veiligheid van de kinderen.",
    ],
    "GGZ Waardland": [
        "Behandeling van aanhoudende somberheid; {name} functioneert thuis steeds minder.",
        "Behandeling na een traumatische ervaring; slaapproblemen en herbelevingen.",
    ],
    "Psychologenpraktijk De Linde": [
        "Kortdurende behandeling bij angst- en paniekklachten die het dagelijks leven beheersen.",
        "Gesprekken bij somberheid na het verlies van werk; {name} wil graag weer grip krijgen.",
    ],
    "FACT-team Lindewaard": [
        "Langdurige begeleiding bij een psychiatrische aandoening; {name} zorgt niet goed meer voor "
        "zichzelf.",
    ],
    "Schuldhulpverlening Lindewaard": [
        "Schuldhulpverlening: meerdere achterstanden, incassobureaus en een dreigende afsluiting.",
        "Stabilisatie van de geldzaken en een schuldregeling; de schuldeisers bellen dagelijks.",
    ],
    "Stichting Geldzaken Op Orde": [
        "Beschermingsbewind aanvragen; de schulden zijn niet meer te overzien.",
        "Budgetbeheer: de vaste lasten worden niet op tijd betaald ondanks een sluitende begroting.",
    ],
    "Stichting Welzijn Lindewaard": [
        "Mantelzorgondersteuning: {name} zorgt voor een familielid en raakt overbelast.",
        "Een bezoek van de ouderenadviseur en aansluiting bij activiteiten in de buurt.",
    ],
    "Vrijwilligerscentrale Lindewaard": [
        "Een maatje om {name} weer onder de mensen te brengen.",
        "Vrijwilliger thuisadministratie om de post bij te houden.",
    ],
    "Voedselbank Lindewaard": ["Aanmelding bij de voedselbank voor de komende maanden."],
}
QUESTIONS: dict[str, list[str]] = {
    "youth_care": PARTNER_QUESTIONS["Jeugdhulp Waardland"],
    "mental_health": PARTNER_QUESTIONS["GGZ Waardland"],
    "addiction": [
        "Ambulante behandeling voor alcoholgebruik; {name} wil zelf minderen maar lukt het niet alleen.",
        "Hulp bij gokproblemen die de schulden verder laten oplopen.",
    ],
    "disability": [
        "Begeleiding bij het dagelijks leven; {name} overziet afspraken en post niet zelfstandig.",
        "Onderzoek naar een licht verstandelijke beperking en passende woonbegeleiding.",
    ],
    "debt": PARTNER_QUESTIONS["Schuldhulpverlening Lindewaard"],
    "housing": [
        "Betalingsregeling voor de huurachterstand en uitstel van de ontruimingsprocedure.",
        "Aanvraag urgentie: de woning is niet meer geschikt voor het huishouden.",
        "Bemiddeling bij burenoverlast; de situatie in de portiek escaleert.",
    ],
    "income": [
        "Aanvraag bijzondere bijstand en minimaregelingen.",
        "Begeleiding naar werk; {name} wil graag weer aan de slag.",
    ],
    "home_care": [
        "Wijkverpleging voor hulp bij medicatie en persoonlijke verzorging.",
        "Huishoudelijke hulp en een beoordeling van de zorgvraag thuis.",
    ],
    "welfare": PARTNER_QUESTIONS["Stichting Welzijn Lindewaard"],
    "mee": ["Onafhankelijke cliëntondersteuning bij de aanvraag van een Wmo-voorziening."],
    "front_office": ["Aanvraag Wmo-voorziening (begeleiding) via het zorgloket."],
    "gp": ["Overleg met de huisarts over de klachten en een mogelijke verwijzing."],
    "school": ["Afstemming met school over het verzuim van de {child}."],
    "other": ["Afstemming in het Zorg- en Veiligheidshuis over de situatie."],
}


def questions_for(name: str, kind: str) -> list[str]:
    return PARTNER_QUESTIONS.get(name) or QUESTIONS.get(kind) or QUESTIONS["other"]


# Who gave consent, and for what.
PURPOSE = "Delen van de hulpvraag en de gegevens die nodig zijn voor de verwijzing naar {partner}."

REJECTIONS: list[str] = [
    "Valt buiten de doelgroep: de problematiek is te licht voor specialistische zorg.",
    "Eerst stabilisatie van de financiële situatie nodig voordat behandeling zinvol is.",
    "Geen plek binnen het zorggebied; advies om bij een andere aanbieder aan te melden.",
    "Verwijzing van de huisarts ontbreekt; opnieuw aanmelden met verwijsbrief.",
    "Zorgvraag past beter bij een ander zorgprogramma.",
]

CANCELS: list[str] = [
    "Niet meer nodig: {name} heeft het samen met het netwerk zelf opgelost.",
    "{name} wil op dit moment geen hulp van deze partner.",
    "Gekozen voor een andere aanpak; de hulp van deze partner is niet meer nodig.",
    "Het gaat beter; {name} ziet de behandeling niet meer zitten en wil eerst zelf verder.",
]
WITHDRAWN = "{name} heeft de toestemming om gegevens te delen ingetrokken."
WITHDRAWN_CANCEL = "De toestemming is ingetrokken; de verwijzing kan niet doorgaan."

SUPPORT: list[str] = [
    "Buurtteam blijft de opvoedondersteuning bieden tot de start.",
    "Wekelijks telefonisch contact; bij crisis de crisisdienst bellen.",
    "Lopende afspraken met school en huisarts gaan door.",
    "Budgetcoaching door het buurtteam gaat door tot de intake.",
    "Het buurtteam houdt de vinger aan de pols en belt de partner bij verslechtering.",
    "",
]

# Check-in notes, by how it goes.
CHECK_IN_NOTES: dict[str, list[str]] = {
    "stable": [
        "Situatie is stabiel; {name} wacht rustig af en houdt de afspraken aan.",
        "Geen bijzonderheden. Nog geen datum voor de intake bekend.",
        "Het gaat redelijk; de dagstructuur houdt {name} overeind.",
        "Wachttijd besproken; {name} begrijpt dat het nog even duurt.",
    ],
    "better": [
        "Het gaat beter; {name} heeft weer wat meer energie.",
        "Rustiger thuis sinds de afspraken met school.",
        "Positief gesprek: de eerste stappen uit het plan lukken zelf.",
    ],
    "worse": [
        "Het gaat minder goed; de spanning loopt op. Partner gebeld om te vragen of de intake eerder kan.",
        "{name} slaapt slecht en ziet er tegenop. Extra contact ingepland.",
        "Zorgen over de kinderen; besproken in het team en huisarts geïnformeerd.",
    ],
    "no_contact": [
        "Twee keer gebeld en een bericht gestuurd; geen reactie. Volgende week langsgaan.",
        "Niet thuis getroffen; kaartje achtergelaten.",
    ],
}

# The partner's feedback when their help ends, by partner kind.
FEEDBACK: dict[str, list[str]] = {
    "youth_care": [
        "Gezinsbehandeling afgerond. Ouders hanteren de nieuwe afspraken; nazorg via het buurtteam gewenst.",
        "Behandeling van de {child} afgerond; school ziet duidelijke vooruitgang.",
    ],
    "mental_health": [
        "Behandeling afgerond; doelen grotendeels behaald. Terugvalpreventieplan meegegeven.",
        "Traject afgesloten na twaalf gesprekken; {name} kan weer zelfstandig verder.",
        "Voortijdig gestopt op verzoek van {name}; de deur blijft open.",
    ],
    "debt": [
        "Schuldregeling loopt; budgetbeheer blijft de komende drie jaar.",
        "Stabilisatie bereikt: vaste lasten worden betaald, schuldeisers houden de incasso aan.",
    ],
    "housing": ["Regeling getroffen; geen nieuwe achterstanden sinds de start."],
    "default": [
        "Hulp afgerond; {name} weet ons te vinden als het weer nodig is.",
        "Doelen behaald; afgesloten in overleg met {name}.",
    ],
}

REFERRED_CLOSURE = [
    "Hulp bij {partner} is gestart; warme overdracht gedaan en afgesproken dat zij terugkoppelen.",
    "Overgedragen aan {partner}; afgesproken wie {name} belt als er iets verandert.",
]

# Agreements with partners (wie doet wat): (partner name or kind, "" for the informal network; party;
# what; and how further), with the problem domains they fit.
AGREEMENTS: list[tuple[str, str, str, str, tuple[str, ...]]] = [
    (
        "police",
        "Wijkagent",
        "Loopt twee keer per maand langs bij het gezin en houdt contact met de buren.",
        "Bij een nieuw incident belt de wijkagent dezelfde dag de casusregisseur.",
        ("safety", "domestic-relations", "justice", "parents-relationship"),
    ),
    (
        "debt",
        "Consulent schuldhulpverlening",
        "Neemt elke week samen met de inwoner de post door en zet betalingsregelingen op.",
        "Na drie maanden samen evalueren of budgetbeheer nodig blijft.",
        ("finances",),
    ),
    (
        "housing",
        "Woonconsulent",
        "Stelt de ontruimingsprocedure uit zolang de betalingsregeling wordt nagekomen.",
        "Bij een gemiste termijn belt de woonconsulent eerst het buurtteam.",
        ("finances", "housing"),
    ),
    (
        "school",
        "Intern begeleider",
        "Meldt verzuim dezelfde dag aan de ouders en aan de buurtteammedewerker.",
        "Elke zes weken een kort overleg op school.",
        ("school", "child-development", "parenting"),
    ),
    (
        "gp",
        "Praktijkondersteuner GGZ",
        "Ziet de inwoner elke twee weken tot de behandeling start.",
        "Bij verslechtering overlegt de POH-GGZ met de huisarts over spoed.",
        ("mental-health",),
    ),
    (
        "home_care",
        "Wijkverpleegkundige",
        "Komt dagelijks voor de medicatie en let op achteruitgang.",
        "Signalen gaan naar de casusregisseur; eens per maand afstemmen.",
        ("physical-health", "basic-adl", "instrumental-adl"),
    ),
    (
        "Vrijwilligerscentrale Lindewaard",
        "Vrijwilliger thuisadministratie",
        "Helpt elke twee weken met het ordenen van de post.",
        "Na een halfjaar bekijken of de inwoner het zelf kan.",
        ("finances",),
    ),
    (
        "Stichting Welzijn Lindewaard",
        "Ouderenadviseur",
        "Gaat mee naar de dagbesteding en regelt vervoer.",
        "Na de proefperiode bespreken of het bevalt.",
        ("social-network", "time-use", "participation"),
    ),
    (
        "income",
        "Klantmanager Werkplein",
        "Zet de uitkering niet stop zolang het buurtteam de aanvraag begeleidt.",
        "Maandelijks afstemmen over de voortgang.",
        ("finances", "work-education"),
    ),
    (
        "",
        "Zus van de inwoner",
        "Past op dinsdag en donderdag op de kinderen.",
        "Als dat niet lukt, belt zij het buurtteam.",
        ("parenting",),
    ),
    (
        "",
        "Buurvrouw",
        "Kijkt dagelijks even om het hoekje en belt bij zorgen.",
        "Voor onbepaalde tijd; zij weet wie ze moet bellen.",
        ("social-network", "physical-health", "basic-adl"),
    ),
]

# --- Meldcode (huiselijk geweld en kindermishandeling) ------------------------------------------------
CONCERNS: list[str] = [
    "Blauwe plekken bij de {child} gezien; uitleg van de ouders klopt niet met wat de {child} vertelt.",
    "{name} vertelde tijdens het huisbezoek over ruzies waarbij is geslagen.",
    "School meldt dat de {child} bang is om naar huis te gaan.",
    "Buren hoorden herhaaldelijk geschreeuw en gestommel; politie is twee keer langs geweest.",
    "Zorgen over verwaarlozing: geen eten in huis, de kinderen zien er onverzorgd uit.",
]
STEP_NOTES: dict[int, list[str]] = {
    1: [
        "Signalen vastgelegd: wat gezien, gehoord en door wie. Feiten gescheiden van interpretaties.",
        "Signalenlijst ingevuld; eerdere meldingen van school en politie erbij gezocht.",
    ],
    2: [
        "Besproken met de aandachtsfunctionaris; advies om eerst het gesprek met de ouders aan te gaan.",
        "Anoniem advies gevraagd aan Veilig Thuis; zij adviseren de signalen met de ouders te bespreken.",
    ],
    3: [
        "Gesprek met beide ouders gevoerd; zij herkennen de spanningen maar ontkennen geweld.",
        "Gesprek met {name}; zij bevestigt de ruzies en wil hulp voor het gezin.",
    ],
    4: [
        "Afwegingskader doorlopen met de aandachtsfunctionaris.",
        "Gewogen in het team met de aandachtsfunctionaris; conclusies vastgelegd.",
    ],
    5: [
        "Besloten: melden bij Veilig Thuis en hulp blijven bieden.",
        "Besloten: hulp organiseren met duidelijke veiligheidsafspraken; geen melding nodig.",
    ],
}
CONSULTED = [
    "Aandachtsfunctionaris huiselijk geweld van het team",
    "Collega jeugd- en gezinswerker en de aandachtsfunctionaris",
]
TALKED_WITH = ["Beide ouders", "Moeder", "{name}", "Moeder en de {child}"]
NO_TALK = "Gesprek niet veilig: de vermoedelijke pleger is steeds aanwezig."
REPORT_NOTES = [
    "Melding gedaan; Veilig Thuis start een onderzoek. Het buurtteam blijft betrokken.",
    "Melding gedaan; afgesproken dat Veilig Thuis en het buurtteam samen een veiligheidsplan maken.",
]
NOT_INFORMED = "Vooraf informeren bracht de veiligheid van moeder en kinderen in gevaar."
STOPPED = "Vermoeden niet bevestigd na het gesprek en het overleg; zorgen besproken met de ouders."

CRISIS_NOTES: list[str] = [
    "Dreigende huisuitzetting deze week; deurwaarder is langs geweest.",
    "Acute zorgen over de veiligheid thuis na een incident gisteravond; Veilig Thuis is ingelicht.",
    "{name} is opgenomen; de kinderen zijn tijdelijk bij oma. Opvang en school regelen.",
    "Ernstige verwaarlozing geconstateerd bij het huisbezoek; vandaag afstemming met de huisarts.",
    "{name} uitte suïcidale gedachten; crisisdienst ingeschakeld, dagelijks contact.",
]
