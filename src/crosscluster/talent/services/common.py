"""Checks every talent write shares: permissions, ESCO skills and occupations, places and coordinates."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .. import esco, places
from ..esco import MAX_SKILLS, EscoEntry
from ..models import MAX_LEVEL, MIN_LEVEL


def require(user, perm, obj=None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(perm)


def check_skills(entries, *, field: str = "skills", levels: bool = True) -> list[EscoEntry]:
    """Skills as given (EscoEntry or {"uri", "level", "essential"}), checked against ESCO: canonical URIs and labels.

    Errors name the position (1-based, as the rows of a form): unknown skill, level out of range, duplicates.
    """
    if entries is None:
        return []
    if not isinstance(entries, list | tuple):
        raise ValidationError({field: _("Give the skills as a list.")})
    if len(entries) > MAX_SKILLS:
        raise ValidationError({field: _("At most %(max)s skills, please.") % {"max": MAX_SKILLS}})
    checked, errors, seen = [], [], {}
    for position, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            uri, level, essential = entry.get("uri"), entry.get("level"), entry.get("essential", True)
        elif isinstance(entry, EscoEntry):
            uri, level, essential = entry.uri, entry.level, entry.essential
        else:
            errors.append(_("Skill %(n)s: give an ESCO skill URI.") % {"n": position})
            continue
        found = esco.resolve_skill(uri=uri) if isinstance(uri, str) and uri.strip() else None
        if found is None:
            errors.append(_("Skill %(n)s: “%(uri)s” is not an ESCO skill.") % {"n": position, "uri": str(uri)[:200]})
            continue
        if levels:
            if level is None:
                level = 3
            if isinstance(level, bool) or not isinstance(level, int) or not MIN_LEVEL <= level <= MAX_LEVEL:
                errors.append(
                    _("Skill %(n)s (%(label)s): the level must be a whole number from 1 to 5.")
                    % {"n": position, "label": found[1]}
                )
                continue
        if not isinstance(essential, bool):
            errors.append(
                _("Skill %(n)s (%(label)s): “essential” must be true or false.") % {"n": position, "label": found[1]}
            )
            continue
        if found[0] in seen:
            errors.append(
                _("Skill %(n)s (%(label)s) is already listed as skill %(first)s.")
                % {"n": position, "label": found[1], "first": seen[found[0]]}
            )
            continue
        seen[found[0]] = position
        checked.append(EscoEntry(found[0], found[1], level if levels else None, essential))
    if errors:
        raise ValidationError({field: errors})
    return checked


def check_occupation(uri: str, label: str = "", *, field: str = "occupation") -> tuple[str, str]:
    """(URI, label) of an ESCO occupation, ("", "") for none; ValidationError naming the field when unknown."""
    uri = (uri or "").strip()
    if not uri:
        return "", ""
    found = esco.resolve_occupation(uri=uri)
    if found is None:
        raise ValidationError({field: _("“%(uri)s” is not an ESCO occupation.") % {"uri": uri[:200]}})
    return found[0], label.strip()[:300] or found[1]


def _coordinate(value, low, high, field, errors):
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.00001"))
    except (InvalidOperation, ValueError):
        errors[field] = _("Enter a number, for example 53.55073.")
        return None
    if not number.is_finite() or not low <= number <= high:
        errors[field] = _("Must be between %(low)s and %(high)s.") % {"low": low, "high": high}
        return None
    return number


def place_and_coordinates(place, latitude, longitude, *, default=None) -> tuple[str, Decimal | None, Decimal | None]:
    """Where something is: typed coordinates, else a known place's, else ``default`` (place, lat, lon) when no
    place was typed. An unknown place without coordinates is refused (no geocoding service is asked)."""
    place = " ".join((place or "").split())[:200]
    errors = {}
    lat = _coordinate(latitude, -90, 90, "latitude", errors)
    lon = _coordinate(longitude, -180, 180, "longitude", errors)
    if errors:
        raise ValidationError(errors)
    if (lat is None) != (lon is None):
        raise ValidationError({"latitude": _("Give both latitude and longitude, or neither.")})
    if lat is not None:
        return place, lat, lon
    if place:
        known = places.find(place)
        if known is None:
            raise ValidationError(
                {
                    "place": _(
                        "“%(place)s” is not in our list of places. Choose a place from the suggestions, or enter "
                        "latitude and longitude."
                    )
                    % {"place": place}
                }
            )
        name, lat, lon = known
        return name, Decimal(str(lat)), Decimal(str(lon))
    if default is not None:
        return default
    return "", None, None


def organisation_location(organisation):
    """An organisation's city and coordinates, the default place of its jobs and staff posts."""
    if organisation.latitude is not None and organisation.longitude is not None:
        return organisation.city or "", organisation.latitude, organisation.longitude
    known = places.find(organisation.city) if organisation.city else None
    if known:
        return known[0], Decimal(str(known[1])), Decimal(str(known[2]))
    return organisation.city or "", None, None


def check_title(data: dict, field: str = "title") -> None:
    if not (data.get(f"{field}_de") or "").strip() and not (data.get(f"{field}_en") or "").strip():
        raise ValidationError({f"{field}_de": _("Enter a title in German or English.")})


def check_period(start, end, *, start_field: str, end_field: str, message: str) -> None:
    if start and end and end < start:
        raise ValidationError({end_field: message})
