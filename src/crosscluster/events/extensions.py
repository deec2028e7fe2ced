"""Where later parts of the events domain (live polls, B2B matchmaking) put their links on the event pages,
without this app importing them: they register in their ``AppConfig.ready()``.

- ``register_participant_link``: a link in the registration box of the event page for confirmed participants,
  e.g. "Live voting"; its provider decides per event whether it applies.
- ``register_organiser_link``: an entry in the organisers' sub-navigation of every event page they manage.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from .models import Event, Registration


@dataclass(frozen=True)
class Link:
    key: str
    label: str
    url: str


# key -> (URL name taking the event's slug, provider(event, registration) -> label or None: not for this event)
_PARTICIPANT: dict[str, tuple[str, Callable[[Event, Registration], object]]] = {}
# key -> (label, URL name taking the event's slug)
_ORGANISER: dict[str, tuple[object, str]] = {}


def register_participant_link(key: str, url_name: str, provider: Callable[[Event, Registration], object]) -> None:
    """``provider(event, registration)`` returns the link's label, or None where it does not apply (it may ask
    the database: it runs only for confirmed participants)."""
    _PARTICIPANT[key] = (url_name, provider)


def register_organiser_link(key: str, label, url_name: str) -> None:
    """``url_name`` takes the event's slug; ``key`` is what pages pass as ``active`` to mark it as current."""
    _ORGANISER[key] = (label, url_name)


def participant_links(event: Event, registration: Registration | None) -> list[Link]:
    if registration is None or not registration.is_confirmed:
        return []
    links = []
    for key, (url_name, provider) in _PARTICIPANT.items():
        label = provider(event, registration)
        if label is not None:
            links.append(Link(key, str(label), reverse(url_name, args=[event.slug])))
    return links


def organiser_links(event: Event) -> list[Link]:
    return [
        Link(key, str(label), reverse(url_name, args=[event.slug])) for key, (label, url_name) in _ORGANISER.items()
    ]
