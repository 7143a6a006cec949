"""Phrase lists for the demo plans (see demo.py). Invented: no real plan, person or fund."""

# Marks every demo plan; the summary starts with it.
DEMO_PREFIX = "Demoplan: verzonnen voorbeeld, geen echt sectorplan."

TITLES = [
    "Samen sterker in {region}",
    "Werk voor iedereen in {region}",
    "Samen aan het werk in {region}",
    "Perspectief op werk in {region}",
    "Iedereen doet mee in {region}",
    "Regionaal werkbedrijf {region}",
    "Sterk in werk: {region}",
]

# A region's second plan is named after the theme of its first activity type.
SECOND_TITLES = {
    1: "Aan het werk in {region}",
    2: "Vakmanschap en begeleiding in {region}",
    3: "Regionale infrastructuur {region}",
}

# (one company, several companies)
OPENINGS = [
    ("{companies} werkt in dit plan samen met de centrumgemeente {municipality}.",
     "{companies} werken in dit plan samen met de centrumgemeente {municipality}."),
    ("In {region} zet {companies} met de gemeente {municipality} de volgende stap.",
     "In {region} bundelen {companies} hun krachten, samen met de gemeente {municipality}."),
    ("Dit plan is geschreven door {companies} in overleg met de centrumgemeente {municipality}.",
     "Dit plan is geschreven door {companies} in overleg met de centrumgemeente {municipality}."),
]

FOCUS = "Het plan richt zich vooral op {focus}."

CLOSINGS = [
    "Zo ontstaat een regionale infrastructuur die klaar is voor de Participatiewet.",
    "Resultaten en ervaringen worden gedeeld met de andere arbeidsmarktregio's.",
    "Het plan bouwt voort op de regionale samenwerking van de afgelopen jaren.",
    "Werkgevers in de regio krijgen één aanspreekpunt voor alle doelgroepen.",
]

# Per activity type: (description, result unit or "", lowest, highest quantity per EUR 1 mln).
ACTIVITIES = {
    "werk-naar-werk": [
        ("Trajecten van werk naar werk voor Wsw'ers die vanuit groepsdetachering kunnen "
         "doorstromen naar een individuele plaatsing", "mensen geplaatst", 30, 70),
        ("Mobiliteitscentrum voor medewerkers van wie het werk verdwijnt", "trajecten", 25, 60),
    ],
    "passend-werk": [
        ("Regionale inventarisatie van werksoorten en verdeling van opdrachten over de "
         "SW-bedrijven", "opdrachten", 10, 30),
        ("Werk terughalen uit het buitenland (insourcing) voor mensen met een beperking",
         "werkplekken", 15, 40),
    ],
    "werkfit": [
        ("Werkfit-trajecten voor mensen uit de nieuwe doelgroep van de Participatiewet",
         "trajecten afgerond", 40, 90),
        ("Leerwerkplaatsen met praktijkverklaring voor jongeren uit het praktijkonderwijs",
         "deelnemers", 20, 50),
    ],
    "kennisdeling": [
        ("Regionale intervisie voor leidinggevenden en werkbegeleiders", "bijeenkomsten", 6, 12),
        ("Kennisbank en werkbezoeken tussen de SW-bedrijven van de regio", "bijeenkomsten", 4, 10),
    ],
    "jobcoaches": [
        ("Opleiding van werkbegeleiders tot jobcoach", "jobcoaches opgeleid", 10, 25),
        ("Scholing van ploegleiders in begeleiden op de werkvloer bij reguliere werkgevers",
         "jobcoaches opgeleid", 8, 20),
    ],
    "functiecreatie": [
        ("Scholing in functiecreatie en jobcarving voor accountmanagers", "medewerkers geschoold",
         8, 20),
        ("Praktijkprojecten functiecreatie bij werkgevers in de zorg en de logistiek",
         "functies gecreëerd", 15, 40),
    ],
    "overige-expertise": [
        ("Certificering van loonwaardemeters", "loonwaardemeters gecertificeerd", 4, 10),
        ("Training omgaan met agressie voor begeleiders", "medewerkers getraind", 20, 50),
        ("Professionalisering van de werkgeversdienstverlening", "medewerkers getraind", 10, 25),
    ],
    "werkgeversdiensten": [
        ("Gezamenlijk werkgeversservicepunt met UWV en gemeenten", "werkgevers bereikt", 80, 200),
        ("Eén regionaal accountmanagement voor alle doelgroepen", "werkgevers bereikt", 60, 150),
    ],
    "detacheringsfaciliteit": [
        ("Regionale detacheringsfaciliteit voor de brede doelgroep", "mensen gedetacheerd", 25, 60),
        ("Payrolvoorziening voor mensen met een loonkostensubsidie", "mensen gedetacheerd", 20, 50),
    ],
    "joint-ventures": [
        ("Ombouw van de groenvoorziening tot een joint venture met een marktpartij", "", 0, 0),
        ("Verzelfstandiging van de schoonmaakactiviteiten in een sociale onderneming", "", 0, 0),
    ],
    "beschut-werk": [
        ("Toekomstbestendige vormen van beschut werk in de eigen werkplaatsen",
         "beschutte werkplekken", 15, 40),
        ("Beschut werk op locatie bij reguliere werkgevers", "beschutte werkplekken", 10, 30),
    ],
    "overige-transformatie": [
        ("Bundeling van staffuncties (personeelszaken, ICT, financiën) van de SW-bedrijven",
         "", 0, 0),
        ("Herinrichting en gedeeltelijk afstoten van bedrijfsgebouwen", "", 0, 0),
        ("ICT-platform voor regionale samenwerking en matching", "", 0, 0),
    ],
}

# Goals by activity type: (description, unit, lowest, highest quantity per EUR 1 mln).
GOALS = {
    "werk-naar-werk": ("Wsw'ers en werkzoekenden uit de Participatiewet aan het werk bij reguliere "
                       "werkgevers", "mensen geplaatst", 40, 80),
    "werkfit": ("Mensen werkfit gemaakt en klaar voor een plaatsing", "trajecten afgerond",
                50, 100),
    "jobcoaches": ("Eigen medewerkers opgeleid tot jobcoach", "jobcoaches opgeleid", 10, 25),
    "functiecreatie": ("Nieuwe functies bij werkgevers door functiecreatie", "functies gecreëerd",
                       15, 40),
    "werkgeversdiensten": ("Werkgevers bereikt via de gezamenlijke werkgeversdienstverlening",
                           "werkgevers bereikt", 80, 200),
    "detacheringsfaciliteit": ("Mensen gedetacheerd via de regionale detacheringsfaciliteit",
                               "mensen gedetacheerd", 25, 60),
    "beschut-werk": ("Beschutte werkplekken beschikbaar voor de nieuwe doelgroep",
                     "beschutte werkplekken", 15, 40),
    "kennisdeling": ("Regionale kennisbijeenkomsten en intervisiesessies", "bijeenkomsten", 6, 12),
}
GENERIC_GOALS = [
    ("Werkgevers bereikt met het regionale werkgeversaanbod", "werkgevers bereikt", 60, 150),
    ("Mensen uit de doelgroep aan het werk", "mensen geplaatst", 30, 60),
]

# Budget line descriptions per cost category (CostCategory codes).
BUDGET_LINES = {
    "staff": ["Inzet jobcoaches en trajectbegeleiders", "Projectleiding en regionale coördinatie",
              "Accountmanagers werkgeversdienstverlening"],
    "training": ["Opleiding en scholing van medewerkers", "Trainingen voor leidinggevenden"],
    "advice": ["Extern advies en onderzoek", "Juridisch en fiscaal advies"],
    "material": ["ICT en communicatiemiddelen", "Aanpassing van werkplekken"],
    "other": ["Kennisbijeenkomsten en communicatie", "Monitoring en evaluatie"],
}

FUNDS = [
    "Stichting Regionaal Werkfonds (demo)",
    "Fonds Samen aan de Slag (demo)",
    "Stichting Inclusief Ondernemen (demo)",
]

CHANGE_REQUESTS = [
    "Graag de begroting per activiteit uitsplitsen en de cofinanciering per financier toelichten.",
    "De doelen zijn nog niet meetbaar: noem per doel een beoogd aantal en een peildatum.",
    "Licht toe hoe de detacheringsfaciliteit aansluit bij het regionale werkbedrijf.",
]

FIRST_NAMES = [
    "Anouk", "Bas", "Carla", "Daan", "Els", "Frank", "Gerda", "Hans", "Ilse", "Jeroen",
    "Karin", "Lars", "Marieke", "Niels", "Olga", "Peter", "Renate", "Sander", "Tineke", "Wim",
    "Yvonne", "Ahmed", "Fatima", "Kees", "Linda", "Marco", "Nadia", "Ruud", "Saskia", "Thijs",
]

LAST_NAMES = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
    "Vermeulen", "van Dijk", "Schouten", "Kramer", "Postma", "El Amrani",
]
