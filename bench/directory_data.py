"""Synthetic directory data for the load benchmark: a national cluster network at scale.

Hamburg's eight clusters and four networks (as in the demo) plus German clusters named
after region and field; organisations whose names, descriptions, industries (WZ 2008) and
topics come from one of a few dozen realistic business profiles, so searches and filters
hit the rows a real directory would. Everything is generated from a fixed seed.
Organisation slugs start with ``bench-`` so a filled database is recognised and reused.
"""

import random
import time
from datetime import date

from django.db import connection, transaction
from faker import Faker

from crosscluster.directory.models import (
    Cluster,
    IndustryCode,
    Membership,
    Organisation,
    Person,
    Topic,
    size_class_for,
)
from crosscluster.directory.search import search_document

SLUG_PREFIX = "bench-"
BATCH = 2000

TOPICS = [
    # slug, German, English, parent slug, cross-cluster
    ("drones-urban-air-mobility", "Drohnen und urbane Luftmobilität", "Drones and urban air mobility", None, True),
    ("drone-logistics", "Drohnenlogistik", "Drone logistics", "drones-urban-air-mobility", True),
    ("hydrogen", "Wasserstoff", "Hydrogen", None, True),
    ("hydrogen-shipping", "Wasserstoff in der Schifffahrt", "Hydrogen in shipping", "hydrogen", True),
    ("digitalisation", "Digitalisierung", "Digitalisation", None, True),
    ("artificial-intelligence", "Künstliche Intelligenz", "Artificial intelligence", "digitalisation", True),
    ("it-security", "IT-Sicherheit", "IT security", "digitalisation", True),
    ("resilience", "Resilienz", "Resilience", None, True),
    ("societal-engagement", "Gesellschaftliches Engagement", "Societal engagement", None, True),
    ("skilled-workers", "Fachkräfte", "Skilled workers", None, True),
    ("staff-exchange", "Personalpartnerschaft", "Staff exchange", "skilled-workers", True),
    ("aviation", "Luftfahrt", "Aviation", None, False),
    ("maritime-economy", "Maritime Wirtschaft", "Maritime economy", None, False),
    ("logistics", "Logistik", "Logistics", None, False),
    ("life-sciences", "Life Sciences", "Life sciences", None, False),
    ("medical-technology", "Medizintechnik", "Medical technology", "life-sciences", False),
    ("healthcare", "Gesundheitswirtschaft", "Healthcare industry", None, False),
    ("media", "Medien", "Media", None, False),
    ("creative-industries", "Kreativwirtschaft", "Creative industries", None, False),
    ("renewable-energy", "Erneuerbare Energien", "Renewable energy", None, False),
    ("wind-energy", "Windenergie", "Wind energy", "renewable-energy", False),
    ("food", "Lebensmittel", "Food", None, False),
    ("finance", "Finanzen", "Finance", None, False),
    ("cruise", "Kreuzfahrt", "Cruise", "maritime-economy", False),
    ("it", "IT", "IT", None, False),
    ("photonics", "Photonik", "Photonics", None, False),
    ("automotive", "Automobil", "Automotive", None, False),
    ("chemistry", "Chemie", "Chemistry", None, False),
    ("microelectronics", "Mikroelektronik", "Microelectronics", None, False),
    ("plastics", "Kunststoffe", "Plastics", None, False),
]

# Business profiles: name words, description sentences (de, en), WZ divisions, topics.
PROFILES = [
    (
        ["Luftfahrttechnik", "Aerospace", "Kabinensysteme"],
        "Wir entwickeln Kabinensysteme und Bauteile für Verkehrsflugzeuge.",
        "We develop cabin systems and parts for airliners.",
        ["30", "33"],
        ["aviation"],
    ),
    (
        ["Drohnen", "Aerial Systems", "Flugrobotik"],
        "Wir bauen Inspektionsdrohnen für Hafen, Brücken und Windparks.",
        "We build inspection drones for ports, bridges and wind farms.",
        ["30", "26"],
        ["drones-urban-air-mobility", "drone-logistics"],
    ),
    (
        ["Wasserstoff", "H2 Systeme", "Elektrolyse"],
        "Wir planen Elektrolyseure und Wasserstofftankstellen.",
        "We plan electrolysers and hydrogen filling stations.",
        ["28", "35"],
        ["hydrogen", "renewable-energy"],
    ),
    (
        ["Werft", "Schiffbau", "Marine Engineering"],
        "Unsere Werft baut und repariert Spezialschiffe mit klimafreundlichen Antrieben.",
        "Our shipyard builds and repairs special vessels with climate-friendly propulsion.",
        ["30", "33"],
        ["maritime-economy", "hydrogen-shipping"],
    ),
    (
        ["Hafenlogistik", "Container Service", "Umschlag"],
        "Wir schlagen Container um und organisieren Hinterlandverkehre.",
        "We handle containers and organise hinterland transport.",
        ["52", "49"],
        ["logistics", "maritime-economy"],
    ),
    (
        ["Spedition", "Logistik", "Transporte"],
        "Als Spedition bewegen wir Stückgut und Komplettladungen in ganz Europa.",
        "As a forwarder we move part and full loads across Europe.",
        ["49", "52"],
        ["logistics"],
    ),
    (
        ["Software", "Digital", "Data Solutions"],
        "Wir entwickeln Software für Planung, Auswertung und Vernetzung.",
        "We develop software for planning, analytics and connectivity.",
        ["62", "63"],
        ["it", "digitalisation"],
    ),
    (
        ["KI Labs", "Machine Learning", "Analytics"],
        "Wir trainieren Modelle der künstlichen Intelligenz für Bild- und Textanalyse.",
        "We train artificial intelligence models for image and text analysis.",
        ["62", "72"],
        ["artificial-intelligence", "digitalisation"],
    ),
    (
        ["Cyber Security", "IT-Sicherheit", "Secure Networks"],
        "Wir schützen Netzwerke und beraten zur Informationssicherheit.",
        "We protect networks and advise on information security.",
        ["62"],
        ["it-security", "resilience"],
    ),
    (
        ["Medizintechnik", "Medical Devices", "Diagnostik"],
        "Wir stellen Diagnosegeräte und Implantate her.",
        "We manufacture diagnostic devices and implants.",
        ["32", "26"],
        ["medical-technology", "life-sciences"],
    ),
    (
        ["Biotech", "Pharma", "Life Science"],
        "Wir erforschen Wirkstoffe und entwickeln Biopharmazeutika.",
        "We research active substances and develop biopharmaceuticals.",
        ["21", "72"],
        ["life-sciences"],
    ),
    (
        ["Pflegedienst", "Klinikservice", "Gesundheitszentrum"],
        "Wir versorgen Patientinnen und Patienten ambulant und stationär.",
        "We care for patients as outpatients and inpatients.",
        ["86", "87"],
        ["healthcare", "skilled-workers"],
    ),
    (
        ["Medien", "Film", "Studio"],
        "Wir produzieren Filme, Podcasts und digitale Formate.",
        "We produce films, podcasts and digital formats.",
        ["59", "60"],
        ["media", "creative-industries"],
    ),
    (
        ["Design", "Agentur", "Kommunikation"],
        "Unsere Agentur gestaltet Marken, Kampagnen und Websites.",
        "Our agency designs brands, campaigns and websites.",
        ["73", "74"],
        ["creative-industries", "media"],
    ),
    (
        ["Windenergie", "Offshore Wind", "Windservice"],
        "Wir warten Windenergieanlagen an Land und auf See.",
        "We service wind turbines onshore and offshore.",
        ["35", "33"],
        ["wind-energy", "renewable-energy"],
    ),
    (
        ["Solartechnik", "Energie", "Photovoltaik"],
        "Wir planen und installieren Photovoltaikanlagen und Speicher.",
        "We plan and install photovoltaic systems and storage.",
        ["35", "43"],
        ["renewable-energy"],
    ),
    (
        ["Feinkost", "Food", "Lebensmittel"],
        "Wir stellen Lebensmittel aus regionalen Zutaten her.",
        "We make food from regional ingredients.",
        ["10", "11"],
        ["food"],
    ),
    (
        ["Finanz", "Capital", "Versicherungsmakler"],
        "Wir finanzieren Mittelstand und Gründungen.",
        "We finance medium-sized firms and start-ups.",
        ["64", "66"],
        ["finance"],
    ),
    (
        ["Kreuzfahrt Service", "Cruise Supply", "Bordservice"],
        "Wir versorgen Kreuzfahrtschiffe im Hafen mit Proviant und Technik.",
        "We supply cruise ships in port with provisions and equipment.",
        ["46", "52"],
        ["cruise", "maritime-economy"],
    ),
    (
        ["Photonik", "Lasertechnik", "Optics"],
        "Wir entwickeln Laser und optische Messsysteme.",
        "We develop lasers and optical measuring systems.",
        ["26", "27"],
        ["photonics"],
    ),
    (
        ["Automotive", "Fahrzeugtechnik", "Mobility"],
        "Wir liefern Komponenten für Elektrofahrzeuge.",
        "We supply components for electric vehicles.",
        ["29", "28"],
        ["automotive"],
    ),
    (
        ["Chemie", "Spezialchemie", "Labor"],
        "Wir stellen Spezialchemikalien und Beschichtungen her.",
        "We produce speciality chemicals and coatings.",
        ["20"],
        ["chemistry"],
    ),
    (
        ["Mikroelektronik", "Halbleiter", "Sensorik"],
        "Wir entwerfen Sensoren und Halbleiterbauteile.",
        "We design sensors and semiconductor parts.",
        ["26"],
        ["microelectronics"],
    ),
    (
        ["Kunststofftechnik", "Polymer", "Spritzguss"],
        "Wir fertigen Kunststoffteile im Spritzguss und recyceln Reststoffe.",
        "We make injection-moulded plastic parts and recycle residues.",
        ["22"],
        ["plastics"],
    ),
    (
        ["Personalberatung", "Akademie", "Weiterbildung"],
        "Wir qualifizieren Fachkräfte und vermitteln Personal auf Zeit.",
        "We train skilled workers and place temporary staff.",
        ["78", "85"],
        ["skilled-workers", "staff-exchange"],
    ),
    (
        ["Unternehmensberatung", "Consulting", "Strategie"],
        "Wir beraten Unternehmen zu Strategie, Krisenfestigkeit und Wandel.",
        "We advise companies on strategy, resilience and change.",
        ["70"],
        ["resilience", "digitalisation"],
    ),
    (
        ["Stiftung", "Initiative", "Verein"],
        "Wir fördern Bildung, Ehrenamt und Nachbarschaft in der Stadt.",
        "We promote education, volunteering and neighbourhoods in the city.",
        ["94", "88"],
        ["societal-engagement"],
    ),
    (
        ["Ingenieurbüro", "Engineering", "Technik"],
        "Unser Ingenieurbüro plant Anlagen und Gebäude.",
        "Our engineering office plans plants and buildings.",
        ["71"],
        ["digitalisation"],
    ),
]

GENERIC_DE = [
    "Gegründet {year}, heute mit rund {employees} Beschäftigten.",
    "Unser Standort liegt in {district}.",
    "Wir suchen Partner für gemeinsame Projekte über Branchengrenzen hinweg.",
    "Wir bilden aus und bieten Praktika an.",
    "Kundinnen und Kunden aus Industrie, Handel und öffentlicher Hand vertrauen uns.",
]
GENERIC_EN = [
    "Founded in {year}, with about {employees} staff today.",
    "Our site is in {district}.",
    "We look for partners for joint projects across industries.",
    "We train apprentices and offer internships.",
    "Customers from industry, trade and the public sector rely on us.",
]

HAMBURG_CLUSTERS = [
    ("hamburg-aviation", "Hamburg Aviation", "Aviation", "cluster", ["aviation", "drones-urban-air-mobility"]),
    (
        "maritimes-cluster-norddeutschland",
        "Maritimes Cluster Norddeutschland",
        "MCN",
        "cluster",
        ["maritime-economy", "hydrogen-shipping"],
    ),
    ("logistik-initiative-hamburg", "Logistik-Initiative Hamburg", "LIHH", "cluster", ["logistics"]),
    ("life-science-nord", "Life Science Nord", "LSN", "cluster", ["life-sciences", "medical-technology"]),
    ("gesundheitswirtschaft-hamburg", "Gesundheitswirtschaft Hamburg", "GWHH", "cluster", ["healthcare"]),
    ("nextmedia-hamburg", "nextMedia.Hamburg", "nextMedia", "cluster", ["media", "digitalisation"]),
    ("hamburg-kreativ-gesellschaft", "Hamburg Kreativ Gesellschaft", "Kreativ", "cluster", ["creative-industries"]),
    (
        "erneuerbare-energien-hamburg",
        "Erneuerbare Energien Hamburg",
        "EEHH",
        "cluster",
        ["renewable-energy", "wind-energy", "hydrogen"],
    ),
    ("hamburg-at-work", "Hamburg@Work", "H@W", "network", ["it", "digitalisation"]),
    ("foodactive", "foodactive", "foodactive", "network", ["food"]),
    ("finanzplatz-hamburg", "Finanzplatz Hamburg", "Finanzplatz", "network", ["finance"]),
    ("hamburg-cruise-net", "Hamburg Cruise Net", "Cruise Net", "network", ["cruise"]),
]
REGIONS = [
    ("bayern", "Bayern", "München", ["Schwabing", "Sendling", "Garching"]),
    ("baden-wuerttemberg", "Baden-Württemberg", "Stuttgart", ["Vaihingen", "Feuerbach", "Bad Cannstatt"]),
    ("nrw", "NRW", "Köln", ["Ehrenfeld", "Deutz", "Porz"]),
    ("niedersachsen", "Niedersachsen", "Hannover", ["Linden", "List", "Misburg"]),
    ("sachsen", "Sachsen", "Dresden", ["Neustadt", "Klotzsche", "Striesen"]),
    ("berlin-brandenburg", "Berlin-Brandenburg", "Berlin", ["Adlershof", "Kreuzberg", "Mitte"]),
    ("hessen", "Hessen", "Frankfurt am Main", ["Höchst", "Bockenheim", "Sachsenhausen"]),
    ("thueringen", "Thüringen", "Jena", ["Lobeda", "Zentrum", "Winzerla"]),
    ("schleswig-holstein", "Schleswig-Holstein", "Kiel", ["Wik", "Gaarden", "Friedrichsort"]),
    ("bremen", "Bremen", "Bremen", ["Überseestadt", "Hemelingen", "Vegesack"]),
    ("rheinland-pfalz", "Rheinland-Pfalz", "Mainz", ["Neustadt", "Hechtsheim", "Mombach"]),
    ("mecklenburg-vorpommern", "Mecklenburg-Vorpommern", "Rostock", ["Warnemünde", "Südstadt", "Marienehe"]),
]
FIELDS = [
    ("medizintechnik", "Medizintechnik", ["medical-technology"]),
    ("photonik", "Photonik", ["photonics"]),
    ("automotive", "Automotive", ["automotive"]),
    ("kunststoff", "Kunststoff", ["plastics"]),
    ("chemie", "Chemie", ["chemistry"]),
    ("energie", "Energie", ["renewable-energy", "hydrogen"]),
    ("mikroelektronik", "Mikroelektronik", ["microelectronics"]),
    ("ernaehrung", "Ernährungswirtschaft", ["food"]),
    ("luftfahrt", "Luft- und Raumfahrt", ["aviation"]),
    ("it", "IT und KI", ["it", "artificial-intelligence"]),
    ("logistik", "Logistik", ["logistics"]),
    ("gesundheit", "Gesundheitswirtschaft", ["healthcare", "life-sciences"]),
]
HAMBURG_DISTRICTS = [
    "Hamburg-Altstadt", "Neustadt", "HafenCity", "St. Pauli", "St. Georg", "Hammerbrook", "Billbrook",
    "Wilhelmsburg", "Steinwerder", "Finkenwerder", "Altona-Altstadt", "Ottensen", "Bahrenfeld", "Lurup",
    "Eimsbüttel", "Rotherbaum", "Stellingen", "Lokstedt", "Eppendorf", "Winterhude", "Barmbek-Nord",
    "Barmbek-Süd", "Fuhlsbüttel", "Langenhorn", "Wandsbek", "Bramfeld", "Rahlstedt", "Bergedorf", "Harburg",
    "Heimfeld", "Neugraben-Fischbek",
]  # fmt: skip
LEGAL_FORMS = ["GmbH"] * 10 + ["UG", "AG", "KG", "GmbH & Co. KG", "e.K.", "e.V.", "GbR"]
POSITIONS = ["Geschäftsführung", "Vertrieb", "Personal", "Einkauf", "Forschung und Entwicklung", "Marketing"]


def targets(scale: float) -> dict:
    return {
        "organisations": int(50_000 * scale),
        "people": int(100_000 * scale),
        "memberships": int(200_000 * scale),
        "clusters": 100 if scale >= 1 else 40,
    }


def is_filled(scale: float) -> bool:
    want = targets(scale)
    have = Organisation.objects.filter(slug__startswith=SLUG_PREFIX).count()
    # The fill skips duplicate organisation-cluster pairs, so it makes slightly fewer memberships than the target.
    return have == want["organisations"] and Membership.objects.count() >= 0.95 * want["memberships"]


def clear():
    Organisation.objects.filter(slug__startswith=SLUG_PREFIX).delete()
    Person.objects.filter(email__endswith="@bench.example.org").delete()


def _topics():
    by_slug = {}
    for slug, name_de, name_en, parent, cross in TOPICS:
        topic, _ = Topic.objects.get_or_create(
            slug=slug,
            defaults={"name": name_de, "name_de": name_de, "name_en": name_en, "is_cross_cluster": cross,
                      "parent": by_slug.get(parent)},
        )  # fmt: skip
        by_slug[slug] = topic
    return by_slug


def _clusters(count: int, topics: dict):
    """Hamburg's clusters and networks first, then region × field clusters up to ``count``."""
    specs = [(s, n, sn, k, t, "Hamburg") for s, n, sn, k, t in HAMBURG_CLUSTERS]
    for region_slug, region, city, _districts in REGIONS:
        for field_slug, field, field_topics in FIELDS:
            specs.append(
                (f"{field_slug}-{region_slug}", f"Cluster {field} {region}", "", "cluster", field_topics, city)
            )
    clusters = []
    for slug, name, short, kind, topic_slugs, city in specs[:count]:
        cluster, created = Cluster.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "short_name": short, "kind": kind, "city": city,
                      "description_de": f"{name} vernetzt Unternehmen, Hochschulen und Forschung.",
                      "description_en": f"{name} connects companies, universities and research."},
        )  # fmt: skip
        if created:
            cluster.topics.set([topics[t] for t in topic_slugs])
        cluster.topic_slugs = set(topic_slugs)
        clusters.append(cluster)
    return clusters


def fill(scale: float = 1.0, seed: int = 20260101, log=print):
    """Create the organisations, people and memberships; a previous partial fill is removed first."""
    rng = random.Random(seed)
    fake = Faker("de_DE")
    fake.seed_instance(seed)
    want = targets(scale)
    started = time.monotonic()
    clear()
    topics = _topics()
    clusters = _clusters(want["clusters"], topics)
    codes_by_division = {}
    for code in IndustryCode.objects.filter(level=5).values_list("code", flat=True):
        codes_by_division.setdefault(code[:2], []).append(code)
    surnames = [fake.last_name() for _ in range(3000)]
    places = ["Nord", "Elbe", "Alster", "Hanse", "Küste", "Weser", "Spree", "Isar", "Rhein", "Main"]

    org_rows, org_profiles = [], []
    for n in range(want["organisations"]):
        profile = rng.randrange(len(PROFILES))
        words, desc_de, desc_en, divisions, _topic_slugs = PROFILES[profile]
        prefix = rng.choice(surnames) if rng.random() < 0.6 else rng.choice(places)
        legal_form = rng.choice(LEGAL_FORMS)
        name = f"{prefix} {rng.choice(words)} {legal_form}"
        employees = int(rng.lognormvariate(3.0, 1.4)) + 1
        if rng.random() < 0.55:
            city, district = "Hamburg", rng.choice(HAMBURG_DISTRICTS)
        else:
            _slug, _region, city, districts = rng.choice(REGIONS)
            district = rng.choice(districts)
        year = rng.randint(1890, 2024)
        generic = rng.sample(range(len(GENERIC_DE)), 2)
        values = {"year": year, "employees": employees, "district": district}
        description_de = " ".join([desc_de, *(GENERIC_DE[i].format(**values) for i in generic)])
        description_en = " ".join([desc_en, *(GENERIC_EN[i].format(**values) for i in generic)])
        street = f"{fake.street_name()} {rng.randint(1, 180)}"
        org_rows.append(
            Organisation(
                slug=f"{SLUG_PREFIX}{n}", name=name, legal_form=legal_form, employees=employees,
                size_class=size_class_for(employees), founded=year, street=street,
                postcode=f"{rng.randint(10000, 99999)}", city=city, district=district,
                website=f"https://www.example.org/{SLUG_PREFIX}{n}", description_de=description_de,
                description_en=description_en, description=description_de,
                search_document=search_document(name, description_de, description_en, city, district, street),
            )
        )  # fmt: skip
        org_profiles.append(profile)
    with transaction.atomic():
        organisations = []
        for start in range(0, len(org_rows), BATCH):
            organisations += Organisation.objects.bulk_create(org_rows[start : start + BATCH])
        log(f"  {len(organisations)} organisations ({time.monotonic() - started:.0f} s)")

        industry_links, topic_links = [], []
        IndustryLink, TopicLink = Organisation.industries.through, Organisation.topics.through
        for org, profile in zip(organisations, org_profiles, strict=True):
            _words, _de, _en, divisions, topic_slugs = PROFILES[profile]
            pool = [c for d in divisions for c in codes_by_division.get(d, [])]
            for code in rng.sample(pool, min(len(pool), rng.randint(1, 3))):
                industry_links.append(IndustryLink(organisation_id=org.pk, industrycode_id=code))
            extra = rng.sample(
                ["digitalisation", "skilled-workers", "resilience", "societal-engagement"], rng.randint(0, 2)
            )
            for slug in {*topic_slugs, *extra}:
                topic_links.append(TopicLink(organisation_id=org.pk, topic_id=topics[slug].pk))
        IndustryLink.objects.bulk_create(industry_links, batch_size=BATCH * 5)
        TopicLink.objects.bulk_create(topic_links, batch_size=BATCH * 5)
        log(f"  {len(industry_links)} industry and {len(topic_links)} topic links ({time.monotonic() - started:.0f} s)")

        memberships = _memberships(rng, organisations, org_profiles, clusters, want["memberships"])
        Membership.objects.bulk_create(memberships, batch_size=BATCH * 5)
        log(f"  {len(memberships)} memberships ({time.monotonic() - started:.0f} s)")

        first_names = [fake.first_name() for _ in range(2000)]
        people = [
            Person(
                first_name=rng.choice(first_names), last_name=rng.choice(surnames), position=rng.choice(POSITIONS),
                organisation_id=rng.choice(organisations).pk, email=f"p{n}@bench.example.org",
                listing_consent=rng.random() < 0.7,
            )
            for n in range(want["people"])
        ]  # fmt: skip
        Person.objects.bulk_create(people, batch_size=BATCH * 5)
        log(f"  {len(people)} people ({time.monotonic() - started:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"  filled and analysed in {time.monotonic() - started:.0f} s")


def _memberships(rng, organisations, org_profiles, clusters, total):
    """About ``total`` memberships: each organisation in 1–8 clusters, preferring clusters of its field."""
    by_topic = {}
    for cluster in clusters:
        for slug in cluster.topic_slugs:
            by_topic.setdefault(slug, []).append(cluster)
    hamburg = clusters[: len(HAMBURG_CLUSTERS)]
    per_org = total / len(organisations)
    statuses = [Membership.Status.ACTIVE] * 17 + [
        Membership.Status.ENDED, Membership.Status.REQUESTED, Membership.Status.INVITED
    ]  # fmt: skip
    roles = [Membership.Role.MEMBER] * 12 + [
        Membership.Role.FOUNDING_MEMBER,
        Membership.Role.BOARD,
        Membership.Role.PARTNER,
    ]
    rows = []
    for org, profile in zip(organisations, org_profiles, strict=True):
        remaining = total - len(rows)
        count = max(1, min(8, round(rng.gauss(per_org, 1.5)), remaining)) if remaining > 0 else 0
        preferred = [c for slug in PROFILES[profile][4] for c in by_topic.get(slug, [])]
        if org.city == "Hamburg":
            preferred = [c for c in preferred if c in hamburg] or preferred
        chosen = []
        for _ in range(count * 3):
            if len(chosen) == count:
                break
            pool = preferred if preferred and rng.random() < 0.6 else clusters
            cluster = rng.choice(pool)
            if cluster not in chosen:
                chosen.append(cluster)
        for cluster in chosen:
            since = date(rng.randint(2000, 2025), rng.randint(1, 12), 1)
            rows.append(
                Membership(organisation_id=org.pk, cluster_id=cluster.pk, status=rng.choice(statuses),
                           role=rng.choice(roles), since=since)
            )  # fmt: skip
    return rows
