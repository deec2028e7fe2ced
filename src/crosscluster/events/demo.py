"""Demo events: a cross-cluster summit with tracks, a hybrid hydrogen workshop, a virtual drone session, a
members' meeting of one cluster, and a past breakfast with attendance and feedback for the statistics.

Everything is invented (titles, speakers, participants) and flagged ``is_demo``. Dates are relative to the day
the demo is loaded, so the programme always lies ahead. ``load()`` replaces earlier demo events, so loading
twice gives the same result; ``remove()`` deletes them with their invented participants.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from crosscluster.directory.models import Cluster, Person, Topic

from .models import AgendaItem, Event, Feedback, Registration, Room, Session, Speaker, Track

PARTICIPANT_DOMAIN = "events.demo.crosscluster.invalid"
DEMO_INDIVIDUAL = "teilnahme@demo.crosscluster.invalid"
DEMO_REPRESENTATIVE = "mitglied@demo.crosscluster.invalid"
DEMO_MANAGER = "clustermanagement@demo.crosscluster.invalid"
DEMO_COORDINATOR = "koordination@demo.crosscluster.invalid"
MARKER_DE = "(Demo-Daten: erfundene Veranstaltung)"
MARKER_EN = "(Demo data: invented event)"


@dataclass
class S:
    """A session: day offset within the event, start and end as "HH:MM", kind, titles, track, room, speakers."""

    start: str
    end: str
    kind: str
    title_de: str
    title_en: str
    track: str = ""
    room: str = ""
    speakers: tuple = ()
    capacity: int | None = None
    description_de: str = ""
    description_en: str = ""


@dataclass
class E:
    slug: str
    title_de: str
    title_en: str
    description_de: str
    description_en: str
    days_ahead: int
    start: str
    end: str
    format: str
    clusters: tuple
    topics: tuple = ()
    venue: str = ""
    address: str = ""
    video_link: str = ""
    visibility: str = "public"
    visible_cluster: str = ""
    capacity: int | None = None
    speakers: dict = field(default_factory=dict)  # key -> (name, affiliation, bio_de, bio_en)
    sessions: list = field(default_factory=list)


SUMMIT = E(
    slug="hamburger-clusterkonferenz",
    title_de="Hamburger Clusterkonferenz: Innovation an den Schnittstellen",
    title_en="Hamburg Cluster Conference: Innovation at the Intersections",
    description_de=(
        "Die Jahreskonferenz aller Hamburger Cluster: Keynotes, Clusterbrücken in vier parallelen Tracks, "
        "Speed-Sessions, eine Ausstellung der Mitglieder und die Verleihung des ClusterERFOLG-Preises."
    ),
    description_en=(
        "The annual conference of all Hamburg clusters: keynotes, cluster bridges in four parallel tracks, "
        "speed sessions, an exhibition of members and the ClusterERFOLG award."
    ),
    days_ahead=30,
    start="09:00",
    end="19:00",
    format="hybrid",
    clusters=(
        "hamburg-aviation",
        "maritimes-cluster-norddeutschland",
        "logistik-initiative-hamburg",
        "life-science-nord",
        "erneuerbare-energien-hamburg",
        "nextmedia-hamburg",
    ),
    topics=("digitalisation", "hydrogen", "drones-urban-air-mobility"),
    venue="Handelskammer Hamburg",
    address="Adolphsplatz 1, 20457 Hamburg",
    video_link="https://stream.demo.crosscluster.invalid/clusterkonferenz",
    capacity=250,
    speakers={
        "lena": (
            "Dr. Lena Brandt",
            "Elbflug Avionik GmbH",
            "Leitet die Entwicklung von Avionik für Drohnen.",
            "Heads avionics development for drones.",
        ),
        "jan": (
            "Jan Albers",
            "Hafenwerk Energie GmbH",
            "Verantwortet Wasserstoffprojekte im Hafen.",
            "Responsible for hydrogen projects in the port.",
        ),
        "aylin": ("Aylin Demir", "Nordlicht Biotech AG", "Gründerin und Geschäftsführerin.", "Founder and CEO."),
        "tobias": (
            "Prof. Tobias Wendt",
            "Hochschule an der Elbe",
            "Forscht zu Datenräumen in der Logistik.",
            "Researches data spaces in logistics.",
        ),
        "maren": (
            "Maren Iversen",
            "Kanal Nord Medien GmbH",
            "Produziert digitale Formate für Industriekunden.",
            "Produces digital formats for industrial clients.",
        ),
        "felix": (
            "Felix Hartmann",
            "Speicherstadt Logistik KG",
            "Betreibt ein automatisiertes Lager.",
            "Runs an automated warehouse.",
        ),
    },
    sessions=[
        S(
            "09:00",
            "09:30",
            "keynote",
            "Begrüßung und Keynote: Clusterbrücken für Hamburg",
            "Welcome and keynote: cluster bridges for Hamburg",
            room="Börsensaal",
            speakers=("tobias",),
        ),
        S(
            "09:30",
            "10:30",
            "panel",
            "Podium: Was Cluster voneinander lernen",
            "Panel: what clusters learn from each other",
            room="Börsensaal",
            speakers=("lena", "jan", "aylin"),
        ),
        S("09:00", "17:00", "exhibition", "Ausstellung der Mitglieder", "Members' exhibition", room="Foyer"),
        S(
            "11:00",
            "12:15",
            "breakout",
            "Drohnen im Hafen: Inspektion und Logistik",
            "Drones in the port: inspection and logistics",
            "Mobilität & Luftfahrt",
            "Saal 1",
            ("lena", "felix"),
            60,
        ),
        S(
            "11:00",
            "12:15",
            "breakout",
            "Grüner Wasserstoff für Schiffe und Flugzeuge",
            "Green hydrogen for ships and aircraft",
            "Energie & Wasserstoff",
            "Saal 2",
            ("jan",),
            60,
        ),
        S(
            "11:00",
            "12:15",
            "breakout",
            "Klinische Daten sicher teilen",
            "Sharing clinical data safely",
            "Gesundheit & Life Sciences",
            "Saal 3",
            ("aylin",),
            40,
        ),
        S(
            "11:00",
            "12:15",
            "breakout",
            "Datenräume für Mittelständler",
            "Data spaces for SMEs",
            "Digitalisierung & Medien",
            "Saal 4",
            ("tobias", "maren"),
            40,
        ),
        S("12:15", "13:30", "networking", "Mittagessen und Networking-Bar", "Lunch and networking bar", room="Foyer"),
        S(
            "13:30",
            "14:30",
            "speed",
            "Speed-Sessions: zehn Mitglieder in sechzig Minuten",
            "Speed sessions: ten members in sixty minutes",
            room="Börsensaal",
        ),
        S(
            "14:45",
            "16:00",
            "breakout",
            "Urban Air Mobility: vom Testfeld in den Alltag",
            "Urban air mobility: from test field to everyday use",
            "Mobilität & Luftfahrt",
            "Saal 1",
            ("lena",),
            60,
        ),
        S(
            "14:45",
            "16:00",
            "breakout",
            "Abwärme und Speicher im Quartier",
            "Waste heat and storage in the district",
            "Energie & Wasserstoff",
            "Saal 2",
            ("jan",),
            60,
        ),
        S(
            "14:45",
            "16:00",
            "breakout",
            "Fachkräfte gemeinsam gewinnen",
            "Winning skilled workers together",
            "Gesundheit & Life Sciences",
            "Saal 3",
            ("felix",),
            40,
        ),
        S(
            "14:45",
            "16:00",
            "breakout",
            "KI in Redaktion und Produktion",
            "AI in newsrooms and production",
            "Digitalisierung & Medien",
            "Saal 4",
            ("maren",),
            40,
        ),
        S("16:30", "17:30", "award", "Verleihung ClusterERFOLG", "ClusterERFOLG award ceremony", room="Börsensaal"),
        S("17:30", "19:00", "networking", "Get-together", "Get-together", room="Foyer"),
    ],
)

HYDROGEN = E(
    slug="wasserstoff-werkstatt",
    title_de="Wasserstoff-Werkstatt: Grüner Wasserstoff für Hafen und Luftfahrt",
    title_en="Hydrogen Workshop: Green Hydrogen for Port and Aviation",
    description_de=(
        "Ein Nachmittag für Mitglieder: Erfahrungen aus Pilotprojekten, offene Fragen zu Infrastruktur und "
        "Förderung, gemeinsame nächste Schritte. Vor Ort im Energiebunker oder online."
    ),
    description_en=(
        "An afternoon for members: lessons from pilot projects, open questions on infrastructure and funding, "
        "next steps together. On site at the energy bunker or online."
    ),
    days_ahead=12,
    start="13:00",
    end="17:00",
    format="hybrid",
    clusters=("erneuerbare-energien-hamburg", "maritimes-cluster-norddeutschland", "hamburg-aviation"),
    topics=("hydrogen",),
    venue="Energiebunker Wilhelmsburg",
    address="Neuhöfer Straße 7, 21107 Hamburg",
    video_link="https://meet.demo.crosscluster.invalid/wasserstoff-werkstatt",
    visibility="members",
    capacity=40,
    speakers={
        "jan": ("Jan Albers", "Hafenwerk Energie GmbH", "", ""),
        "sophie": ("Sophie Kruse", "Elbe Elektrolyse GmbH", "", ""),
    },
    sessions=[
        S(
            "13:00",
            "13:30",
            "keynote",
            "Wo Hamburg beim Wasserstoff steht",
            "Where Hamburg stands on hydrogen",
            room="Halle",
            speakers=("sophie",),
        ),
        S(
            "13:45",
            "15:15",
            "breakout",
            "Werkstatt Hafen: Betankung und Lagerung",
            "Workshop port: fuelling and storage",
            "Hafen",
            "Raum A",
            ("jan",),
            20,
        ),
        S(
            "13:45",
            "15:15",
            "breakout",
            "Werkstatt Luftfahrt: Bodenbetrieb mit Wasserstoff",
            "Workshop aviation: ground operations with hydrogen",
            "Luftfahrt",
            "Raum B",
            ("sophie",),
            20,
        ),
        S(
            "15:30",
            "17:00",
            "panel",
            "Gemeinsame Projekte und Förderung",
            "Joint projects and funding",
            room="Halle",
            speakers=("jan", "sophie"),
        ),
    ],
)

DRONES = E(
    slug="drohnen-uam-speed-session",
    title_de="Drohnen und Urban Air Mobility: virtuelle Speed-Session",
    title_en="Drones and Urban Air Mobility: Virtual Speed Session",
    description_de="Sechs Mitglieder stellen in je zehn Minuten ihre Drohnenprojekte vor; danach offene Fragerunde.",
    description_en="Six members present their drone projects in ten minutes each, followed by open questions.",
    days_ahead=5,
    start="10:00",
    end="11:30",
    format="virtual",
    clusters=("hamburg-aviation",),
    topics=("drones-urban-air-mobility",),
    video_link="https://meet.demo.crosscluster.invalid/drohnen-speed-session",
    capacity=100,
    sessions=[
        S("10:00", "11:00", "speed", "Sechs Projekte in sechzig Minuten", "Six projects in sixty minutes"),
        S("11:00", "11:30", "networking", "Offene Fragerunde im virtuellen Raum", "Open questions in the virtual room"),
    ],
)

MEMBERS_MEETING = E(
    slug="hamburg-aviation-mitgliederversammlung",
    title_de="Hamburg Aviation: Mitgliederversammlung",
    title_en="Hamburg Aviation: Members' Meeting",
    description_de="Jahresbericht, Wahlen und Arbeitsprogramm des Clusters; nur für Mitglieder von Hamburg Aviation.",
    description_en="Annual report, elections and work programme; for members of Hamburg Aviation only.",
    days_ahead=40,
    start="16:00",
    end="18:30",
    format="in_person",
    clusters=("hamburg-aviation",),
    venue="ZAL Zentrum für Angewandte Luftfahrtforschung",
    address="Hein-Saß-Weg 22, 21129 Hamburg",
    visibility="cluster",
    visible_cluster="hamburg-aviation",
    capacity=120,
)

BREAKFAST = E(
    slug="fachkraefte-fruehstueck-personalpartnerschaft",
    title_de="Fachkräfte-Frühstück: Personalpartnerschaft in der Praxis",
    title_en="Skilled Workers Breakfast: Staff Partnership in Practice",
    description_de=(
        "Unternehmen berichten, wie sie Beschäftigte befristet an Partner aus anderen Branchen verliehen haben: "
        "Verträge, Versicherung, Erfahrungen."
    ),
    description_en=(
        "Companies report how they lent staff temporarily to partners in other industries: contracts, "
        "insurance, experience."
    ),
    days_ahead=-20,
    start="08:30",
    end="10:30",
    format="in_person",
    clusters=("hamburg-at-work", "logistik-initiative-hamburg", "hamburg-aviation"),
    topics=("skilled-workers",),
    venue="Kaffeerösterei Speicherstadt",
    address="Kehrwieder 5, 20457 Hamburg",
    capacity=30,
    sessions=[
        S("08:30", "09:00", "networking", "Ankommen und Frühstück", "Arrival and breakfast"),
        S(
            "09:00",
            "10:00",
            "panel",
            "Drei Unternehmen, drei Personalpartnerschaften",
            "Three companies, three staff partnerships",
        ),
        S("10:00", "10:30", "networking", "Austausch an den Tischen", "Discussion at the tables"),
    ],
)

EVENTS = [SUMMIT, HYDROGEN, DRONES, MEMBERS_MEETING, BREAKFAST]
COMMENTS = [
    "Sehr praxisnah, gern wieder.",
    "Mehr Zeit für Fragen wäre gut gewesen.",
    "Die Beispiele aus der Logistik waren besonders hilfreich.",
    "Gute Kontakte geknüpft.",
    "",
]


def _at(day, hhmm: str) -> datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _create_event(spec: E, clusters, topics, today) -> Event:
    day = today + timedelta(days=spec.days_ahead)
    start, end = _at(day, spec.start), _at(day, spec.end)
    event = Event.objects.create(
        slug=spec.slug,
        title_de=spec.title_de,
        title_en=spec.title_en,
        description_de=f"{spec.description_de} {MARKER_DE}",
        description_en=f"{spec.description_en} {MARKER_EN}",
        format=spec.format,
        venue=spec.venue,
        address=spec.address,
        video_link=spec.video_link,
        start=start,
        end=end,
        visibility=spec.visibility,
        visible_cluster=clusters.get(spec.visible_cluster),
        registration_opens=start - timedelta(days=60),
        capacity=spec.capacity,
        status=Event.Status.PUBLISHED,
        is_demo=True,
    )
    event.clusters.set([clusters[slug] for slug in spec.clusters if slug in clusters])
    event.topics.set([topics[slug] for slug in spec.topics if slug in topics])
    speakers = {
        key: Speaker.objects.create(event=event, name=name, affiliation=affiliation, bio_de=bio_de, bio_en=bio_en)
        for key, (name, affiliation, bio_de, bio_en) in spec.speakers.items()
    }
    tracks, rooms = {}, {}
    for s in spec.sessions:
        if s.track and s.track not in tracks:
            tracks[s.track] = Track.objects.create(event=event, name=s.track, position=len(tracks))
        if s.room and s.room not in rooms:
            rooms[s.room] = Room.objects.create(event=event, name=s.room)
        session = Session.objects.create(
            event=event,
            title_de=s.title_de,
            title_en=s.title_en,
            description_de=s.description_de,
            description_en=s.description_en,
            kind=s.kind,
            track=tracks.get(s.track),
            room=rooms.get(s.room),
            start=_at(day, s.start),
            end=_at(day, s.end),
            capacity=s.capacity,
        )
        session.speakers.set([speakers[k] for k in s.speakers])
    return event


def _participants(count: int):
    """Invented participants named after demo people, with their organisations (no password: no login)."""
    User = get_user_model()
    people = list(
        Person.objects.filter(is_demo=True, organisation__isnull=False)
        .select_related("organisation")
        .order_by("pk")[:count]
    )
    participants = []
    for n, person in enumerate(people, start=1):
        user, _created = User.objects.get_or_create(
            email=f"teilnehmer-{n:02d}@{PARTICIPANT_DOMAIN}",
            defaults={"first_name": person.first_name, "last_name": person.last_name, "language": "de"},
        )
        if _created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        participants.append((user, person.organisation))
    return participants


def _register(event, user, organisation, when, status=Registration.Status.CONFIRMED):
    return Registration.objects.create(
        event=event,
        user=user,
        organisation=organisation,
        status=status,
        created=when,
        queued_at=when,
        confirmed_at=when if status == Registration.Status.CONFIRMED else None,
    )


def _fill(events, users, participants, rng):
    """Registrations, agendas, check-ins and feedback that make every page of the demo worth a look."""
    summit, hydrogen, drones, breakfast = (events[s.slug] for s in (SUMMIT, HYDROGEN, DRONES, BREAKFAST))
    now = timezone.now()
    individual, representative = users.get(DEMO_INDIVIDUAL), users.get(DEMO_REPRESENTATIVE)

    for n, (user, organisation) in enumerate(participants[:24]):
        when = now - timedelta(days=20 - n * 0.7, hours=rng.randint(0, 8))
        _register(summit, user, organisation, when)
    for n, (user, organisation) in enumerate(participants[24:34]):
        _register(drones, user, organisation, now - timedelta(days=6 - n * 0.5))
    if individual is not None:
        registration = _register(summit, individual, None, now - timedelta(days=2))
        keynote, panel = summit.sessions.order_by("start", "pk")[:2]
        breakout = summit.sessions.filter(kind="breakout").order_by("start", "pk").first()
        for session in (keynote, panel, breakout):
            AgendaItem.objects.create(registration=registration, session=session)
        _register(drones, individual, None, now - timedelta(days=1))
    if representative is not None:
        organisation = representative.represented_organisations.first()
        _register(hydrogen, representative, organisation, now - timedelta(days=3))

    # The past breakfast: 28 of 30 places taken, 22 came, 12 answered the survey.
    attendees = [(u, o) for u, o in participants[:26]]
    for extra in (individual, representative):
        if extra is not None:
            attendees.append((extra, extra.represented_organisations.first()))
    for n, (user, organisation) in enumerate(attendees):
        when = breakfast.start - timedelta(days=21 - n * 0.6)
        registration = _register(breakfast, user, organisation, when)
        if n % 5 != 4:
            registration.checked_in_at = breakfast.start + timedelta(minutes=rng.randint(-10, 25))
            registration.save(update_fields=["checked_in_at"])
            if n % 2 == 0 and n < 24:
                Feedback.objects.create(
                    registration=registration,
                    rating=rng.choice([3, 4, 4, 5, 5]),
                    most_useful=rng.choice(["talks", "networking", "networking", "other"]),
                    comment=rng.choice(COMMENTS),
                    created=breakfast.end + timedelta(hours=rng.randint(1, 48)),
                )


def remove() -> None:
    Event.objects.filter(is_demo=True).delete()
    get_user_model().objects.filter(email__endswith=f"@{PARTICIPANT_DOMAIN}").delete()


@transaction.atomic
def load() -> int:
    """Create the demo events (replacing earlier ones); returns how many. Needs the directory demo loaded."""
    remove()
    rng = random.Random(2027)  # noqa: S311 (demo data, not security)
    clusters = {c.slug: c for c in Cluster.objects.all()}
    topics = {t.slug: t for t in Topic.objects.all()}
    today = timezone.localdate()
    events = {spec.slug: _create_event(spec, clusters, topics, today) for spec in EVENTS}
    User = get_user_model()
    users = {u.email: u for u in User.objects.filter(email__in=[DEMO_INDIVIDUAL, DEMO_REPRESENTATIVE])}
    _fill(events, users, _participants(34), rng)
    return len(events)
