"""A poll world on top of the fixed role users (tests/conftest.py).

- ``summit``: published, public, organised by ``cluster`` (Hamburg Aviation, managed by ``manager``), no capacity;
- ``participant``: the representative's confirmed registration for the summit (``individual`` has none);
- ``make_poll(event, kind, ...)``: a poll written directly (tests of the organisers' rules use the services).
"""

import pytest
from django.utils import timezone

from crosscluster.polls.models import Poll, PollOption
from tests.factories import EventFactory, RegistrationFactory


@pytest.fixture
def summit(cluster):
    return EventFactory(slug="summit", title_de="Gipfel", title_en="Summit", clusters=[cluster], capacity=None)


@pytest.fixture
def participant(summit, representative):
    return RegistrationFactory(event=summit, user=representative)


def _make_poll(event, kind="single", *, options=("Wasserstoff", "Drohnen", "Logistik"), state="open", **fields):
    fields.setdefault("question_de", f"Frage ({kind})")
    fields.setdefault("question_en", f"Question ({kind})")
    if state != Poll.State.DRAFT:
        fields.setdefault("opened_at", timezone.now())
    poll = Poll.objects.create(event=event, kind=kind, state=state, **fields)
    if kind in Poll.CHOICE_KINDS:
        for n, label in enumerate(options):
            de, en = label if isinstance(label, tuple) else (label, f"{label} (en)")
            PollOption.objects.create(poll=poll, label_de=de, label_en=en, position=n)
    return poll


@pytest.fixture
def make_poll(db):
    return _make_poll


@pytest.fixture
def option_ids():
    return lambda poll: list(poll.options.order_by("position", "pk").values_list("pk", flat=True))
