"""Demo data for the talent area: job postings of demo organisations, about thirty skilled workers who made their
profiles visible to employers, applications in every stage, staff offers and requests (crisis-style staff
exchange) and two agreements.

Everything is invented and flagged ``is_demo`` (people: e-mail addresses at ``talent.demo.crosscluster.invalid``,
no password). Skills come from each occupation's ESCO skills, so matches are meaningful. ``load()`` replaces
earlier demo data; ``remove()`` deletes it.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from crosscluster.directory.demo.places import DISTRICTS
from crosscluster.directory.models import Membership, Organisation
from crosscluster.matching.esco import OCCUPATION_PREFIX, taxonomy

from .models import (
    Application,
    JobPosting,
    JobSkill,
    MatchNotification,
    ProfileLanguage,
    ProfileSkill,
    StaffAgreement,
    StaffPost,
    StaffPostSkill,
    WorkerProfile,
)

PEOPLE_DOMAIN = "talent.demo.crosscluster.invalid"
DEMO_INDIVIDUAL = "teilnahme@demo.crosscluster.invalid"
SHOWCASE_SLUG = "elbflug-avionik-gmbh"
MARKER_DE = "(Demo-Daten: erfunden)"
MARKER_EN = "(Demo data: invented)"

# ESCO occupations used by the demo (UUIDs of ESCO v1.1.1)
AIRCRAFT_ASSEMBLER = "ad7c76e8-af96-42af-99a5-d579f707758c"
AIRCRAFT_ENGINE = "036dc42f-bd4d-4533-a3cc-fcd313227ce3"
SOFTWARE_DEVELOPER = "f2b15a0e-e65a-438a-affb-29b9d50b77d1"
EMBEDDED_DEVELOPER = "57af9090-55b4-4911-b2d0-86db01c00b02"
WAREHOUSE_WORKER = "bea705fe-06ac-4147-b8e0-6e8ac1208d8f"
NURSE = "87d0795a-d41f-47ee-979f-0ab7d73836e7"
CARE_ASSISTANT = "d38c2107-98f2-47b7-8bb4-f69750d51082"
CHEMICAL_LAB = "87775d69-ae88-449e-ad71-6f9875711816"
MEDIA_DESIGNER = "54ffd31f-ed90-4af4-b877-cd246351ad39"
SHIP_MECHANIC = "88589d68-b870-440e-8444-32e9935cbbbc"
ELECTRONICS = "35efc04c-429a-407e-a00a-f07fd03c2743"
DATA_SCIENTIST = "258e46f9-0075-4a2e-adae-1ff0477e0f30"
MECHATRONICS = "1a6d1acf-5956-4ba0-95bf-b15b05a02013"
INDUSTRIAL_MECHANIC = "269c47e7-9017-4aa6-bce8-49e89a696a64"
FREIGHT_FORWARDER = "39803100-c338-4f01-ad2c-085d488920ca"
FACTORY_HAND = "245be6d1-fe9a-4ac8-9f81-122a687e4724"
QUALITY_INSPECTOR = "61d9270c-491d-438d-8d41-77ba2e0ef023"
WELDER = "7aedaa07-3884-4c5b-88f9-80997b2aa54b"
GRAPHIC_DESIGNER = "802a0e5d-5625-4166-a1f0-d13e2586df55"


@dataclass(frozen=True)
class Job:
    cluster: str
    occupation: str
    title_de: str
    title_en: str
    description_de: str
    description_en: str
    contract_type: str = "permanent"
    working_time: str = "full_time"
    remote_share: int = 0
    salary: tuple = ()
    start_in_days: int | None = None


JOBS = [
    Job(
        SHOWCASE_SLUG,
        AIRCRAFT_ASSEMBLER,
        "Fluggerätmechaniker (m/w/d) Kabinenmontage",
        "Aircraft mechanic, cabin assembly",
        "Montage und Prüfung von Kabinenmodulen für Verkehrsflugzeuge in Finkenwerder.",
        "Assembly and testing of cabin modules for airliners in Finkenwerder.",
        salary=(42000, 52000),
    ),
    Job(
        SHOWCASE_SLUG,
        EMBEDDED_DEVELOPER,
        "Embedded-Softwareentwickler (m/w/d) Avionik",
        "Embedded software developer, avionics",
        "Entwicklung sicherheitskritischer Software für Kabinensysteme nach DO-178C.",
        "Development of safety-critical software for cabin systems under DO-178C.",
        remote_share=40,
        salary=(60000, 75000),
    ),
    Job(
        SHOWCASE_SLUG,
        MECHATRONICS,
        "Ausbildung Mechatroniker (m/w/d)",
        "Apprenticeship as mechatronics technician",
        "Dreieinhalbjährige Ausbildung mit Praxiseinsätzen in Montage und Prüffeld.",
        "Three and a half years of training with placements in assembly and testing.",
        contract_type="apprenticeship",
        start_in_days=120,
    ),
    Job(
        "hamburg-aviation",
        AIRCRAFT_ENGINE,
        "Triebwerksmechaniker (m/w/d)",
        "Aircraft engine mechanic",
        "Wartung und Instandsetzung von Triebwerken im Schichtbetrieb.",
        "Maintenance and repair of engines in shifts.",
        salary=(45000, 56000),
    ),
    Job(
        "maritimes-cluster-norddeutschland",
        WELDER,
        "Schweißer (m/w/d) Schiffbau",
        "Welder, shipbuilding",
        "WIG- und MAG-Schweißen an Rohrleitungen und Stahlbau in der Werft.",
        "TIG and MAG welding on pipes and steel structures at the shipyard.",
        salary=(38000, 46000),
    ),
    Job(
        "maritimes-cluster-norddeutschland",
        SHIP_MECHANIC,
        "Schiffsmechaniker (m/w/d)",
        "Ship mechanic",
        "Instandhaltung von Antrieben und Bordsystemen.",
        "Maintenance of propulsion and on-board systems.",
        contract_type="fixed_term",
    ),
    Job(
        "logistik-initiative-hamburg",
        WAREHOUSE_WORKER,
        "Lagermitarbeiter (m/w/d) Hafenlogistik",
        "Warehouse worker, port logistics",
        "Kommissionierung, Staplerfahren und Wareneingang im Container-Packbetrieb.",
        "Order picking, forklift driving and goods receipt at a container packing station.",
        working_time="full_or_part_time",
    ),
    Job(
        "logistik-initiative-hamburg",
        FREIGHT_FORWARDER,
        "Speditionskaufmann (m/w/d) Seefracht",
        "Freight forwarder, sea freight",
        "Disposition von Seefrachtsendungen nach Übersee.",
        "Planning of sea freight shipments overseas.",
        remote_share=20,
    ),
    Job(
        "life-science-nord",
        CHEMICAL_LAB,
        "Chemielaborant (m/w/d) Qualitätskontrolle",
        "Chemical laboratory technician, quality control",
        "Analytik von Wirkstoffen nach GMP.",
        "Analysis of active ingredients under GMP.",
        contract_type="fixed_term",
    ),
    Job(
        "life-science-nord",
        DATA_SCIENTIST,
        "Data Scientist (m/w/d) Bioinformatik",
        "Data scientist, bioinformatics",
        "Auswertung von Sequenzierdaten mit Python.",
        "Analysis of sequencing data with Python.",
        remote_share=60,
        salary=(58000, 72000),
    ),
    Job(
        "gesundheitswirtschaft-hamburg",
        NURSE,
        "Gesundheits- und Krankenpfleger (m/w/d)",
        "Registered nurse",
        "Pflege auf der internistischen Station, Tarifvertrag.",
        "Nursing on the internal medicine ward, collective agreement.",
        working_time="full_or_part_time",
    ),
    Job(
        "gesundheitswirtschaft-hamburg",
        CARE_ASSISTANT,
        "Pflegehelfer (m/w/d)",
        "Care assistant",
        "Unterstützung des Pflegeteams im Früh- und Spätdienst.",
        "Supporting the nursing team in early and late shifts.",
        working_time="part_time",
    ),
    Job(
        "nextmedia-hamburg",
        MEDIA_DESIGNER,
        "Werkstudent (m/w/d) Mediengestaltung",
        "Working student, media design",
        "Gestaltung von Kampagnen für Print und Social Media.",
        "Designing campaigns for print and social media.",
        contract_type="working_student",
        working_time="part_time",
        remote_share=50,
    ),
    Job(
        "erneuerbare-energien-hamburg",
        ELECTRONICS,
        "Elektroniker (m/w/d) Windenergie",
        "Electronics technician, wind energy",
        "Inbetriebnahme und Service von Windenergieanlagen in Norddeutschland.",
        "Commissioning and service of wind turbines in northern Germany.",
        salary=(44000, 54000),
    ),
    Job(
        "erneuerbare-energien-hamburg",
        SOFTWARE_DEVELOPER,
        "Praktikum Softwareentwicklung (m/w/d)",
        "Internship in software development",
        "Sechs Monate im Team für Anlagenüberwachung.",
        "Six months in the plant monitoring team.",
        contract_type="internship",
        working_time="full_time",
        remote_share=50,
    ),
]

FIRST_NAMES = [
    "Lena", "Jonas", "Aylin", "Mats", "Sophie", "Deniz", "Tim", "Marta", "Finn", "Leonie", "Emre", "Clara", "Paul",
    "Nele", "Piotr", "Hannah", "Luca", "Mira", "Oskar", "Fatma", "Ben", "Ida", "Mehmet", "Johanna", "Erik", "Sara",
    "Noah", "Greta", "Yusuf", "Alina", "Ole", "Katarzyna",
]  # fmt: skip
LAST_NAMES = [
    "Hansen", "Petersen", "Yılmaz", "Jensen", "Krüger", "Demir", "Schröder", "Nowak", "Brandt", "Möller", "Kaya",
    "Lange", "Voss", "Carstens", "Wiśniewski", "Böttcher", "Romano", "Thiessen", "Ahrens", "Öztürk", "Meier", "Lorenz",
    "Aydın", "Albers", "Witt", "Bauer", "Hinrichs", "Claußen", "Şahin", "Iwanowa", "Rickmers", "Kowalska",
]  # fmt: skip
PROFILE_OCCUPATIONS = [
    (
        AIRCRAFT_ASSEMBLER,
        "Fluggerätmechanikerin mit Erfahrung in der Kabinenmontage",
        "Aircraft mechanic, cabin assembly",
    ),
    (EMBEDDED_DEVELOPER, "Embedded-Entwickler, C und C++", "Embedded developer, C and C++"),
    (WELDER, "Schweißer, WIG und MAG, 10 Jahre Werft", "Welder, TIG and MAG, 10 years at a shipyard"),
    (WAREHOUSE_WORKER, "Lagerfachkraft mit Staplerschein", "Warehouse operative with forklift licence"),
    (NURSE, "Examinierte Pflegefachkraft", "Registered nurse"),
    (CHEMICAL_LAB, "Chemielaborantin, HPLC und GC", "Chemical laboratory technician, HPLC and GC"),
    (DATA_SCIENTIST, "Data Scientist, Python und Statistik", "Data scientist, Python and statistics"),
    (MECHATRONICS, "Mechatroniker im letzten Ausbildungsjahr", "Mechatronics apprentice in the final year"),
    (ELECTRONICS, "Elektroniker für Betriebstechnik", "Electronics technician for industrial engineering"),
    (MEDIA_DESIGNER, "Mediengestalterin Digital und Print", "Media designer, digital and print"),
    (SHIP_MECHANIC, "Schiffsmechaniker mit Seefahrtserfahrung", "Ship mechanic with sea experience"),
    (CARE_ASSISTANT, "Pflegehelferin, Quereinsteigerin", "Care assistant, career changer"),
    (
        INDUSTRIAL_MECHANIC,
        "Industriemechaniker, derzeit in Kurzarbeit",
        "Industrial mechanic, currently on short-time work",
    ),
    (QUALITY_INSPECTOR, "Qualitätsprüfer Luftfahrt", "Quality inspector, aviation"),
    (FREIGHT_FORWARDER, "Speditionskauffrau Seefracht", "Freight forwarder, sea freight"),
    (SOFTWARE_DEVELOPER, "Informatikstudent, Webentwicklung", "Computer science student, web development"),
]
LANGUAGE_SETS = [
    [("de", "native"), ("en", "B2")],
    [("de", "C1"), ("en", "C1"), ("pl", "native")],
    [("de", "native")],
    [("de", "B2"), ("tr", "native"), ("en", "B1")],
    [("de", "native"), ("en", "C2"), ("fr", "B1")],
    [("de", "B1"), ("uk", "native"), ("ru", "C1")],
]

STAFF_POSTS = [
    # kind, cluster (or the showcase organisation), occupation, title de/en, description de, conditions de,
    # head count, first day (days from today), length in days
    (
        "offer",
        SHOWCASE_SLUG,
        AIRCRAFT_ASSEMBLER,
        "Fluggerätmechaniker in Kurzarbeit verfügbar",
        "Aircraft mechanics on short-time work available",
        "Drei erfahrene Mechaniker können während der Kurzarbeit vorübergehend bei Partnern mitarbeiten: Montage, "
        "Prüfung, Dokumentation.",
        "Rückkehr garantiert; Kostenerstattung nach Absprache.",
        3,
        14,
        120,
    ),
    (
        "offer",
        "maritimes-cluster-norddeutschland",
        WELDER,
        "Schweißer für drei Monate",
        "Welders for three months",
        "Zwei Schweißer (WIG, MAG) mit Werfterfahrung, Einsatz im Raum Hamburg.",
        "Arbeitnehmerüberlassung als gelegentliche Kollegenhilfe möglich.",
        2,
        7,
        90,
    ),
    (
        "offer",
        "nextmedia-hamburg",
        MEDIA_DESIGNER,
        "Mediengestalter für Kampagnen",
        "Media designers for campaigns",
        "Eine Mediengestalterin kann an zwei Tagen pro Woche aushelfen.",
        "Als Nebentätigkeit denkbar.",
        1,
        10,
        60,
    ),
    (
        "offer",
        "logistik-initiative-hamburg",
        WAREHOUSE_WORKER,
        "Lagerpersonal in der Nebensaison",
        "Warehouse staff in the off-season",
        "Vier Mitarbeitende mit Staplerschein in der Nebensaison verfügbar.",
        "Einsatz im Umkreis von 30 km.",
        4,
        21,
        75,
    ),
    (
        "offer",
        "erneuerbare-energien-hamburg",
        ELECTRONICS,
        "Elektroniker zwischen zwei Projekten",
        "Electronics technicians between two projects",
        "Zwei Elektroniker für Betriebstechnik zwischen zwei Windparkprojekten.",
        "",
        2,
        30,
        60,
    ),
    (
        "request",
        "life-science-nord",
        FACTORY_HAND,
        "Produktionshelfer für Desinfektionsmittel-Abfüllung",
        "Production helpers for filling disinfectant",
        "Kurzfristig erhöhter Bedarf an der Abfüllanlage; Einweisung vor Ort.",
        "Schichtbetrieb; Schutzausrüstung wird gestellt.",
        6,
        7,
        60,
    ),
    (
        "request",
        "gesundheitswirtschaft-hamburg",
        CARE_ASSISTANT,
        "Unterstützung im Pflegeteam",
        "Support for the nursing team",
        "Helfende Hände für Früh- und Spätdienst während einer Infektionswelle.",
        "",
        3,
        5,
        45,
    ),
    (
        "request",
        "maritimes-cluster-norddeutschland",
        WELDER,
        "Schweißer für Reparaturauftrag gesucht",
        "Welders needed for a repair order",
        "Reparatur von Rohrleitungen an einem Spezialschiff.",
        "Einsatz auf der Werft in Harburg.",
        2,
        14,
        40,
    ),
    (
        "request",
        "hamburg-aviation",
        QUALITY_INSPECTOR,
        "Qualitätsprüfer für Hochlauf der Fertigung",
        "Quality inspectors for a production ramp-up",
        "Prüfung von Baugruppen während des Produktionshochlaufs.",
        "",
        2,
        20,
        90,
    ),
]


def _occupation(uuid):
    return taxonomy().occupation(OCCUPATION_PREFIX + uuid)


def _skills_of(uuid, count, rng, offset=0):
    """Some of the occupation's essential skills (rotated by ``offset``), then an optional one."""
    occupation = _occupation(uuid)
    essential = [taxonomy().skills[i] for i in occupation.essential]
    optional = [taxonomy().skills[i] for i in occupation.optional]
    chosen = [essential[(offset + n) % len(essential)] for n in range(min(count, len(essential)))]
    if optional:
        chosen.append(rng.choice(optional))
    seen, unique = set(), []
    for skill in chosen:
        if skill.uri not in seen:
            seen.add(skill.uri)
            unique.append(skill)
    return unique


def _organisations():
    """Demo organisations per cluster slug (active members, in a fixed order), plus the showcase organisation."""
    by_cluster = {}
    for slug, organisation_id in (
        Membership.objects.active()
        .filter(organisation__is_demo=True)
        .order_by("organisation_id")
        .values_list("cluster__slug", "organisation_id")
    ):
        by_cluster.setdefault(slug, []).append(organisation_id)
    organisations = Organisation.objects.in_bulk({pk for ids in by_cluster.values() for pk in ids})
    showcase = Organisation.objects.filter(slug=SHOWCASE_SLUG).first()
    return {slug: [organisations[pk] for pk in ids] for slug, ids in by_cluster.items()}, showcase


def _pick(by_cluster, showcase, key, n):
    if key == SHOWCASE_SLUG:
        return showcase
    candidates = by_cluster.get(key) or [o for orgs in by_cluster.values() for o in orgs]
    candidates = [o for o in candidates if showcase is None or o.pk != showcase.pk] or candidates
    return candidates[n % len(candidates)] if candidates else None


def _location(organisation):
    if organisation.latitude is not None:
        return organisation.city or "Hamburg", organisation.latitude, organisation.longitude
    return "Hamburg", Decimal("53.55110"), Decimal("9.99370")


def _create_jobs(by_cluster, showcase, rng, now):
    jobs = []
    for n, spec in enumerate(JOBS):
        organisation = _pick(by_cluster, showcase, spec.cluster, n)
        if organisation is None:
            continue
        place, lat, lon = _location(organisation)
        occupation = _occupation(spec.occupation)
        job = JobPosting.objects.create(
            organisation=organisation,
            title_de=spec.title_de,
            title_en=spec.title_en,
            description_de=f"{spec.description_de} {MARKER_DE}",
            description_en=f"{spec.description_en} {MARKER_EN}",
            occupation_uri=occupation.uri,
            occupation_label=occupation.label("de"),
            place=place,
            latitude=lat,
            longitude=lon,
            remote_share=spec.remote_share,
            working_time=spec.working_time,
            contract_type=spec.contract_type,
            start_date=(timezone.localdate() + timedelta(days=spec.start_in_days)) if spec.start_in_days else None,
            salary_min=spec.salary[0] if spec.salary else None,
            salary_max=spec.salary[1] if spec.salary else None,
            status=JobPosting.Status.PUBLISHED,
            published_at=now - timedelta(days=rng.randint(1, 30)),
            is_demo=True,
        )
        skills = _skills_of(spec.occupation, 6, rng)
        JobSkill.objects.bulk_create(
            JobSkill(job=job, uri=s.uri, label=s.label_en, essential=i < len(skills) - 1) for i, s in enumerate(skills)
        )
        jobs.append(job)
    return jobs


def _create_people(rng, now):
    User = get_user_model()
    districts = sorted(DISTRICTS.items())
    profiles = []
    individual = User.objects.filter(email=DEMO_INDIVIDUAL).first()
    people = [(None, n) for n in range(30)]
    if individual is not None and not WorkerProfile.objects.filter(user=individual).exists():
        people.insert(0, (individual, -1))
    for user, n in people:
        if user is None:
            user = User.objects.create(
                email=f"fachkraft-{n + 1:02d}@{PEOPLE_DOMAIN}",
                first_name=FIRST_NAMES[n % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(n * 7) % len(LAST_NAMES)],
                language="de" if n % 4 else "en",
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
        occupation_uuid, headline_de, headline_en = PROFILE_OCCUPATIONS[max(n, 0) % len(PROFILE_OCCUPATIONS)]
        district, (borough, _codes, lat, lon, _streets) = districts[(n * 5 + 3) % len(districts)]
        occupation = _occupation(occupation_uuid)
        profile = WorkerProfile.objects.create(
            user=user,
            headline_de=headline_de,
            headline_en=headline_en,
            about_de=f"Ich suche eine neue Herausforderung in Hamburg. {MARKER_DE}",
            about_en=f"Looking for a new challenge in Hamburg. {MARKER_EN}",
            occupation_uri=occupation.uri,
            occupation_label=occupation.label("de"),
            years_experience=rng.randint(1, 25),
            available_from=timezone.localdate() + timedelta(days=rng.choice([0, 14, 30, 60])),
            place=district if district.startswith("Hamburg") else f"Hamburg-{district}",
            latitude=Decimal(str(lat)),
            longitude=Decimal(str(lon)),
            commute_km=rng.choice([15, 25, 30, 40, 60]),
            relocate=n % 6 == 0,
            consent=True,
            consent_given=now - timedelta(days=rng.randint(1, 60)),
            is_demo=True,
        )
        skills = _skills_of(occupation_uuid, rng.randint(4, 7), rng, offset=rng.randint(0, 3))
        ProfileSkill.objects.bulk_create(
            ProfileSkill(profile=profile, uri=s.uri, label=s.label_en, level=rng.randint(2, 5)) for s in skills
        )
        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(profile=profile, language=code, level=level)
            for code, level in LANGUAGE_SETS[max(n, 0) % len(LANGUAGE_SETS)]
        )
        profiles.append(profile)
    return profiles


def _create_applications(jobs, profiles, rng, now):
    showcase_jobs = [j for j in jobs if j.organisation.slug == SHOWCASE_SLUG] or jobs[:2]
    statuses = ["received", "received", "in_review", "interview", "offer", "rejected", "in_review", "received"]
    count = 0
    for n, profile in enumerate(p for p in profiles if p.user.email.endswith(PEOPLE_DOMAIN)):
        if n >= len(statuses):
            break
        job = showcase_jobs[n % len(showcase_jobs)]
        created = now - timedelta(days=10 - n, hours=rng.randint(0, 8))
        Application.objects.create(
            job=job,
            applicant=profile.user,
            message=f"Sehr geehrte Damen und Herren, mit großem Interesse habe ich Ihre Anzeige gelesen. {MARKER_DE}",
            share_profile=n % 2 == 0,
            status=statuses[n],
            created=created,
            status_changed=created + timedelta(days=1) if statuses[n] != "received" else created,
        )
        count += 1
    return count


def _create_staff(by_cluster, showcase, rng, now):
    posts = []
    for n, (kind, key, occupation_uuid, title_de, title_en, text_de, conditions_de, heads, start, days) in enumerate(
        STAFF_POSTS
    ):
        organisation = _pick(by_cluster, showcase, key, n + 3)
        if organisation is None:
            continue
        place, lat, lon = _location(organisation)
        occupation = _occupation(occupation_uuid)
        post = StaffPost.objects.create(
            organisation=organisation,
            kind=kind,
            title_de=title_de,
            title_en=title_en,
            description_de=f"{text_de} {MARKER_DE}",
            conditions_de=conditions_de,
            occupation_uri=occupation.uri,
            occupation_label=occupation.label("de"),
            head_count=heads,
            period_from=timezone.localdate() + timedelta(days=start),
            period_to=timezone.localdate() + timedelta(days=start + days),
            place=place,
            latitude=lat,
            longitude=lon,
            radius_km=40,
            status=StaffPost.Status.PUBLISHED,
            published_at=now - timedelta(days=rng.randint(1, 10)),
            is_demo=True,
        )
        skills = _skills_of(occupation_uuid, 5, rng)
        StaffPostSkill.objects.bulk_create(
            StaffPostSkill(post=post, uri=s.uri, label=s.label_en, level=3) for s in skills
        )
        posts.append(post)
    return posts


def _create_agreements(posts, now):
    """One active agreement (the showcase organisation lends aircraft mechanics) and one proposal (welders)."""
    offers = [p for p in posts if p.is_offer]
    requests = [p for p in posts if not p.is_offer]
    agreements = []

    def partner(offer, preferred):
        """The preferred request, or the next one of another organisation."""
        for request in [*requests[preferred:], *requests[:preferred]]:
            if request.organisation_id != offer.organisation_id:
                return request
        return None

    pairs = [(0, len(requests) - 1, "agency_work", "active"), (1, 2, "side_job", "proposed")]
    for offer_index, request_index, legal_model, status in pairs:
        if offer_index >= len(offers) or not requests:
            continue
        offer = offers[offer_index]
        request = partner(offer, min(request_index, len(requests) - 1))
        if request is None:
            continue
        start = max(offer.period_from, request.period_from)
        end = min(offer.period_to, request.period_to)
        if end < start:
            end = start + timedelta(days=30)
        accepted = now - timedelta(days=3)
        agreements.append(
            StaffAgreement.objects.create(
                lender=offer.organisation,
                borrower=request.organisation,
                offer=offer,
                request=request,
                legal_model=legal_model,
                period_from=start,
                period_to=end,
                head_count=min(offer.head_count, request.head_count),
                tasks=f"{request.description_de}",
                region=request.place or "Hamburg",
                notes="Arbeitsschutzunterweisung am ersten Tag vor Ort.",
                status=status,
                proposed_by_side=StaffAgreement.Side.BORROWER,
                borrower_accepted_at=accepted,
                lender_accepted_at=accepted if status == "active" else None,
                activated_at=accepted if status == "active" else None,
                checklist_done=["consent", "agency_contract", "safety"] if status == "active" else [],
                is_demo=True,
            )
        )
    return agreements


def remove() -> None:
    demo_jobs = list(JobPosting.objects.filter(is_demo=True).values_list("pk", flat=True))
    demo_profiles = list(WorkerProfile.objects.filter(is_demo=True).values_list("pk", flat=True))
    MatchNotification.objects.filter(source_id__in=demo_jobs, kind="job_candidate").delete()
    MatchNotification.objects.filter(source_id__in=demo_profiles, kind="candidate_employer").delete()
    StaffAgreement.objects.filter(is_demo=True).delete()
    StaffPost.objects.filter(is_demo=True).delete()
    JobPosting.objects.filter(is_demo=True).delete()
    WorkerProfile.objects.filter(is_demo=True).delete()
    get_user_model().objects.filter(email__endswith=f"@{PEOPLE_DOMAIN}").delete()


@transaction.atomic
def load() -> int:
    """Create the demo talent data (replacing earlier); returns the number of rows of the main kinds.
    Needs the directory demo loaded. Sends no e-mails and leaves match notifications to real changes."""
    remove()
    rng = random.Random(2028)  # noqa: S311 (demo data, not security)
    now = timezone.now()
    by_cluster, showcase = _organisations()
    if not by_cluster:
        return 0
    jobs = _create_jobs(by_cluster, showcase, rng, now)
    profiles = _create_people(rng, now)
    applications = _create_applications(jobs, profiles, rng, now)
    posts = _create_staff(by_cluster, showcase, rng, now)
    agreements = _create_agreements(posts, now)
    from .matching import reset_indexes

    transaction.on_commit(reset_indexes)
    return len(jobs) + len(profiles) + applications + len(posts) + len(agreements)
