"""Writes to people in the directory: one transaction and one audit-log entry each.

Who may attach a person to an organisation is decided here, not in the callers: the acting user must be
allowed to edit that organisation (coordinator, its representative, a manager of one of its clusters).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit

from .models import Person


def _require(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def _check_organisation(acting_user, organisation):
    if organisation is not None and not acting_user.has_perm("directory.change_organisation", organisation):
        raise ValidationError(
            {"organisation": _("You may not add people to %(organisation)s.") % {"organisation": organisation}}
        )


def _stamp_consent(person, previously_consented: bool):
    if person.listing_consent and not previously_consented:
        person.consent_given = timezone.now()
    elif not person.listing_consent:
        person.consent_given = None


@transaction.atomic
def create_person(*, acting_user, data: dict, topics=()) -> Person:
    _require(acting_user, "directory.add_person")
    _check_organisation(acting_user, data.get("organisation"))
    person = Person(**data)
    _stamp_consent(person, previously_consented=False)
    person.full_clean()
    person.save()
    person.topics.set(topics)
    audit.log("person.created", actor=acting_user, obj=person, listing_consent=person.listing_consent)
    return person


@transaction.atomic
def update_person(person: Person, *, acting_user, data: dict, topics=None) -> Person:
    _require(acting_user, "directory.change_person", person)
    if "organisation" in data and data["organisation"] != person.organisation:
        _check_organisation(acting_user, data["organisation"])
    previously_consented = person.listing_consent
    changed = []
    for field, value in data.items():
        if getattr(person, field) != value:
            changed.append(field)
            setattr(person, field, value)
    _stamp_consent(person, previously_consented)
    person.full_clean()
    person.save()
    if topics is not None:
        person.topics.set(topics)
    audit.log("person.updated", actor=acting_user, obj=person, changed=sorted(changed))
    return person


@transaction.atomic
def delete_person(person: Person, *, acting_user) -> None:
    _require(acting_user, "directory.delete_person", person)
    audit.log("person.deleted", actor=acting_user, obj=person)
    person.delete()
