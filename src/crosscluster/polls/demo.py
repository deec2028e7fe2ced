"""Demo polls on the demo cluster conference (``events/demo.py``): an open single-choice poll with live results,
a closed rating of the keynote, an open word-cloud question and a prepared multiple-choice draft, with votes of
the invented participants. Loaded after the demo events; deleted with them (a poll belongs to its event).
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from crosscluster.events.demo import SUMMIT
from crosscluster.events.models import Event, Registration

from .models import Poll, PollOption, Vote

POLLS = [
    {
        "kind": Poll.Kind.SINGLE,
        "state": Poll.State.OPEN,
        "results_visibility": Poll.ResultsVisibility.LIVE,
        "question_de": "Welches Querschnittsthema sollte die nächste Clusterbrücke aufgreifen?",
        "question_en": "Which cross-cutting theme should the next cluster bridge take up?",
        "options": [
            ("Wasserstoff", "Hydrogen"),
            ("Drohnen und Urban Air Mobility", "Drones and urban air mobility"),
            ("Digitalisierung", "Digitalisation"),
            ("Resilienz", "Resilience"),
            ("Fachkräftesicherung", "Securing skilled workers"),
        ],
        "weights": [6, 4, 3, 2, 5],
        "voters": 19,
    },
    {
        "kind": Poll.Kind.RATING,
        "state": Poll.State.CLOSED,
        "results_visibility": Poll.ResultsVisibility.AFTER_CLOSE,
        "question_de": "Wie bewerten Sie die Eröffnungs-Keynote?",
        "question_en": "How do you rate the opening keynote?",
        "scale_min_label_de": "schwach",
        "scale_min_label_en": "poor",
        "scale_max_label_de": "hervorragend",
        "scale_max_label_en": "excellent",
        "weights": [1, 1, 3, 7, 5],
        "voters": 17,
    },
    {
        "kind": Poll.Kind.TEXT,
        "state": Poll.State.OPEN,
        "results_visibility": Poll.ResultsVisibility.LIVE,
        "question_de": "Was verbinden Sie mit Zusammenarbeit über Clustergrenzen? (ein bis drei Wörter)",
        "question_en": "What do you associate with collaboration across clusters? (one to three words)",
        "text_max_length": 60,
        "answers": [
            "Wasserstoff",
            "neue Kontakte",
            "Wissenstransfer",
            "Drohnen",
            "Fachkräfte teilen",
            "Innovation",
            "Wasserstoff und Logistik",
            "Netzwerk",
            "Personalpartnerschaft",
            "Resilienz",
            "gemeinsame Projekte",
            "Innovation im Hafen",
            "Wissenstransfer",
            "Netzwerk",
        ],
    },
    {
        "kind": Poll.Kind.MULTIPLE,
        "state": Poll.State.DRAFT,
        "results_visibility": Poll.ResultsVisibility.AFTER_CLOSE,
        "question_de": "Welche Formate wünschen Sie sich für das nächste Jahr? (bis zu zwei)",
        "question_en": "Which formats would you like next year? (up to two)",
        "max_choices": 2,
        "options": [
            ("Speed-Sessions", "Speed sessions"),
            ("Workshops", "Workshops"),
            ("Exkursionen zu Mitgliedern", "Visits to members"),
            ("Online-Sprechstunden", "Online office hours"),
        ],
    },
]


@transaction.atomic
def load() -> int:
    """Create the demo polls with votes; returns how many polls. Needs the demo events loaded."""
    event = Event.objects.filter(slug=SUMMIT.slug, is_demo=True).first()
    if event is None:
        return 0
    Poll.objects.filter(event=event).delete()
    rng = random.Random(2027)  # noqa: S311 (demo data, not security)
    participants = list(Registration.objects.confirmed().filter(event=event).order_by("pk"))
    now = timezone.now()
    for position, spec in enumerate(POLLS):
        spec = dict(spec)
        options, weights = spec.pop("options", []), spec.pop("weights", None)
        voters, answers = spec.pop("voters", 0), spec.pop("answers", [])
        opened = spec["state"] != Poll.State.DRAFT
        poll = Poll.objects.create(
            event=event,
            position=position,
            opened_at=now - timedelta(minutes=30) if opened else None,
            closed_at=now - timedelta(minutes=10) if spec["state"] == Poll.State.CLOSED else None,
            **spec,
        )
        created = PollOption.objects.bulk_create(
            [PollOption(poll=poll, label_de=de, label_en=en, position=n) for n, (de, en) in enumerate(options)]
        )
        if not opened:
            continue
        ballots = []
        if poll.kind == Poll.Kind.TEXT:
            for registration, answer in zip(participants, answers, strict=False):
                ballots.append(Vote(poll=poll, registration=registration, text=answer))
        else:
            values = [o.pk for o in created] if created else poll.scale_values()
            for registration in participants[:voters]:
                value = rng.choices(values, weights=weights)[0]
                if created:
                    ballots.append(Vote(poll=poll, registration=registration, choices=[value]))
                else:
                    ballots.append(Vote(poll=poll, registration=registration, rating=value))
        Vote.objects.bulk_create(ballots)
    return len(POLLS)
