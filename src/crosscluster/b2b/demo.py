"""Demo matchmaking: a B2B matchmaking day with 32 participants (among them the demo individual and the demo
member representative), three participation types, booths, remote participants, about 60 meeting requests and
a preliminary schedule made by the real optimiser.

Called by the directory's demo loader after the demo events. Everything is invented and flagged ``is_demo``;
the participants' e-mail addresses end in the events demo's domain, so ``events.demo.remove()`` deletes them
together with the event (and with it every profile, request and meeting).
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from crosscluster.directory.models import Cluster, Person, Topic
from crosscluster.events.demo import DEMO_INDIVIDUAL, DEMO_REPRESENTATIVE, MARKER_DE, MARKER_EN, PARTICIPANT_DOMAIN
from crosscluster.events.models import Event, Registration

from . import scheduling
from .models import Matchmaking, Meeting, MeetingRequest, ParticipationType, Profile, ScheduleRun, Slot

SLUG = "b2b-matchmaking-tag-wasserstoff-drohnen-logistik"
PARTICIPANTS = 30
TOPICS = ("hydrogen", "drones-urban-air-mobility", "digitalisation", "resilience", "skilled-workers")
PROFILES = [
    (
        "Elektrolyseure im Containerformat, Wartung und Fernüberwachung.",
        "Abnehmer für grünen Wasserstoff im Hafen und Partner für Pilotprojekte.",
    ),
    (
        "Drohnen für Inspektionsflüge an Brücken, Kränen und Windenergieanlagen.",
        "Betreiber kritischer Infrastruktur, die Inspektionen automatisieren wollen.",
    ),
    (
        "Software für Datenräume in der Logistik (Gaia-X-konform).",
        "Speditionen und Terminals, die Daten sicher austauschen möchten.",
    ),
    (
        "Freie Fertigungskapazitäten für Leichtbauteile aus Faserverbund.",
        "Aufträge aus Luftfahrt und Schiffbau, Kooperation bei Zertifizierungen.",
    ),
    (
        "Beratung zu Förderprogrammen für Wasserstoff und Energiewende.",
        "Unternehmen mit konkreten Projektideen für den nächsten Förderaufruf.",
    ),
    (
        "Ausbildungsplätze und Weiterbildung für Mechatronik und Elektrotechnik.",
        "Betriebe für eine Personalpartnerschaft und gemeinsame Ausbildung.",
    ),
    (
        "Testfeld für urbane Luftmobilität mit Genehmigungserfahrung.",
        "Hersteller von Drohnen und Sensorik für gemeinsame Testflüge.",
    ),
    (
        "Cybersicherheit für vernetzte Produktion, Penetrationstests.",
        "Mittelständische Hersteller, die ihre Anlagen absichern wollen.",
    ),
    (
        "Kühlkettenlogistik für Pharma und Lebensmittel.",
        "Partner für emissionsarme letzte Meile und Wasserstoff-Lkw.",
    ),
    (
        "Forschung zu Brennstoffzellen und Wasserstoffspeichern.",
        "Industriepartner für Verbundprojekte und Abschlussarbeiten.",
    ),
    (
        "Krisenstab-Training und Notfallplanung für Lieferketten.",
        "Unternehmen, die ihre Lieferketten widerstandsfähiger machen wollen.",
    ),
    (
        "KI-gestützte Bildauswertung für Qualitätsprüfung.",
        "Fertigungsbetriebe mit Bilddaten und Prüfaufgaben.",
    ),
]


def _at(day, hh, mm):
    return timezone.make_aware(datetime.combine(day, time(hh, mm)))


def _event(clusters, topics, day) -> Event:
    event = Event.objects.create(
        slug=SLUG,
        title_de="B2B-Matchmaking-Tag: Wasserstoff, Drohnen und Logistik",
        title_en="B2B Matchmaking Day: Hydrogen, Drones and Logistics",
        description_de=(
            "Vorab vereinbarte Einzelgespräche von 20 Minuten zwischen Anbietern, Einkäufern und Forschung aus "
            f"drei Clustern, vor Ort und per Video. {MARKER_DE}"
        ),
        description_en=(
            "Pre-arranged 20-minute one-to-one meetings between suppliers, buyers and research from three clusters, "
            f"on site and by video. {MARKER_EN}"
        ),
        format=Event.Format.HYBRID,
        venue="Hamburg Messe, Halle B4",
        address="Messeplatz 1, 20357 Hamburg",
        video_link="https://meet.demo.crosscluster.invalid/b2b-matchmaking",
        start=_at(day, 9, 30),
        end=_at(day, 16, 30),
        visibility=Event.Visibility.PUBLIC,
        registration_opens=_at(day, 9, 0) - timedelta(days=60),
        capacity=120,
        status=Event.Status.PUBLISHED,
        is_demo=True,
    )
    event.clusters.set(
        [
            c
            for slug, c in clusters.items()
            if slug in ("hamburg-aviation", "erneuerbare-energien-hamburg", "logistik-initiative-hamburg")
        ]
    )
    event.topics.set([topics[s] for s in TOPICS[:3] if s in topics])
    return event


def _slots(event, day) -> list[Slot]:
    times = [(10, 0), (10, 20), (10, 40), (11, 20), (11, 40), (12, 0), (14, 0), (14, 20), (14, 40), (15, 0)]
    return [
        Slot.objects.create(event=event, start=_at(day, h, m), end=_at(day, h, m) + timedelta(minutes=20), tables=6)
        for h, m in times
    ]


def _users(count):
    User = get_user_model()
    people = list(
        Person.objects.filter(is_demo=True, organisation__isnull=False)
        .select_related("organisation")
        .order_by("-pk")[:count]
    )
    users = []
    for n, person in enumerate(people, start=1):
        user, created = User.objects.get_or_create(
            email=f"b2b-teilnehmer-{n:02d}@{PARTICIPANT_DOMAIN}",
            defaults={"first_name": person.first_name, "last_name": person.last_name, "language": "de"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        users.append((user, person.organisation))
    return users


def _profiles(event, users, types, slots, topics, rng) -> list[Profile]:
    supplier, buyer, remote = types
    profiles = []
    for n, (user, organisation) in enumerate(users):
        registration = Registration.objects.create(
            event=event,
            user=user,
            organisation=organisation,
            status=Registration.Status.CONFIRMED,
            confirmed_at=timezone.now() - timedelta(days=10 - n * 0.2),
        )
        offer, seek = PROFILES[n % len(PROFILES)]
        kind = remote if n % 10 == 7 else (buyer if n % 3 == 0 else supplier)
        profile = Profile.objects.create(
            registration=registration,
            event=event,
            organisation=organisation,
            organisation_name=organisation.name if organisation else "",
            participation_type=kind,
            offer=offer,
            seek=seek,
            own_table=n in (2, 11, 20),
            booth={2: "Halle B4, Stand 12", 11: "Halle B4, Stand 17", 20: "Halle B4, Stand 23"}.get(n, ""),
        )
        profile.topics.set([topics[s] for s in rng.sample(TOPICS, 2) if s in topics])
        if n % 6 == 5:  # a few are away for a block of slots
            start = rng.randrange(0, len(slots) - 3)
            profile.unavailable.set(slots[start : start + 3])
        profiles.append(profile)
    return profiles


def _requests(event, profiles, special, rng):
    """About 60 requests: popular participants get more, most are accepted, some open or declined."""
    weights = [3 if i % 7 == 0 else 1 for i in range(len(profiles))]
    pairs, tries = set(), 0
    while len(pairs) < 52 and tries < 5000:
        tries += 1
        a, b = rng.choices(range(len(profiles)), weights=weights, k=2)
        if a != b and (a, b) not in pairs and (b, a) not in pairs:
            pairs.add((a, b))
    for person in special:  # the demo logins: two requests sent, two received
        me = profiles.index(person)
        others = rng.sample([profiles.index(p) for p in profiles if p not in special], 4)
        for k, other in enumerate(others):
            pairs -= {(me, other), (other, me)}
            pairs.add((me, other) if k % 2 else (other, me))
    requests = []
    for k, (a, b) in enumerate(sorted(pairs)):
        status = MeetingRequest.Status.ACCEPTED
        if k % 9 == 4:
            status = MeetingRequest.Status.PENDING
        elif k % 13 == 6:
            status = MeetingRequest.Status.DECLINED
        if profiles[b] in special and k % 4 == 0:
            status = MeetingRequest.Status.PENDING
        created = timezone.now() - timedelta(days=6, hours=-k)
        requests.append(
            MeetingRequest(
                event=event,
                sender=profiles[a],
                recipient=profiles[b],
                pair=MeetingRequest.pair_of(profiles[a], profiles[b]),
                message=rng.choice(
                    [
                        "Gern würde ich Ihnen unser Pilotprojekt vorstellen.",
                        "Ihr Angebot passt genau zu unserem Bedarf – lassen Sie uns sprechen.",
                        "Wir suchen Partner für einen Förderantrag.",
                        "",
                    ]
                ),
                interest=MeetingRequest.Interest.MUST if k % 3 == 0 else MeetingRequest.Interest.WOULD_LIKE,
                status=status,
                created=created,
                responded_at=None if status == MeetingRequest.Status.PENDING else created + timedelta(hours=5),
            )
        )
    MeetingRequest.objects.bulk_create(requests)
    return len(requests)


def remove() -> None:
    Event.objects.filter(slug=SLUG, is_demo=True).delete()
    get_user_model().objects.filter(
        email__startswith="b2b-teilnehmer-", email__endswith=f"@{PARTICIPANT_DOMAIN}"
    ).delete()


@transaction.atomic
def load() -> int:
    """Create the demo matchmaking day (replacing an earlier one); returns the number of meetings scheduled."""
    remove()
    rng = random.Random(2026)  # noqa: S311 (demo data, not security)
    clusters = {c.slug: c for c in Cluster.objects.all()}
    topics = {t.slug: t for t in Topic.objects.filter(slug__in=TOPICS)}
    day = timezone.localdate() + timedelta(days=21)
    event = _event(clusters, topics, day)
    Matchmaking.objects.create(
        event=event,
        enabled=True,
        mode=Matchmaking.Mode.ORGANISER,
        max_meetings=8,
        time_limit=30,
        video_link="https://meet.demo.crosscluster.invalid/b2b-matchmaking/raum",
    )
    types = [
        ParticipationType.objects.create(event=event, name_de="Anbieter", name_en="Supplier", max_requests=10),
        ParticipationType.objects.create(event=event, name_de="Einkauf", name_en="Buyer", max_meetings=8, position=1),
        ParticipationType.objects.create(
            event=event, name_de="Teilnahme per Video", name_en="Remote", max_meetings=4, virtual=True, position=2
        ),
    ]
    slots = _slots(event, day)
    users = _users(PARTICIPANTS)
    User = get_user_model()
    special_users = list(User.objects.filter(email__in=[DEMO_INDIVIDUAL, DEMO_REPRESENTATIVE]).order_by("email"))
    for user in special_users:
        users.append((user, user.represented_organisations.first()))
    profiles = _profiles(event, users, types, slots, topics, rng)
    special = [p for p in profiles if p.registration.user in special_users]
    _requests(event, profiles, special, rng)
    # The organisers pressed "Schedule" and published the result as the preliminary agendas.
    run = ScheduleRun.objects.create(event=event, time_limit=10)
    scheduling.execute_run(run.pk)
    run.refresh_from_db()
    if run.status != ScheduleRun.Status.DONE:
        raise RuntimeError(f"the demo schedule could not be made: {run.error}")
    Meeting.objects.filter(event=event).update(published=True, locked=True)
    Matchmaking.objects.filter(event=event).update(
        agenda_state=Matchmaking.AgendaState.PRELIMINARY, agenda_published_at=timezone.now()
    )
    return Meeting.objects.filter(event=event).count()
