"""Writes to a person's own skilled-worker profile: save, consent (give and revoke), delete."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from crosscluster.accounts import audit

from ..models import PROFILE_LANGUAGES, MatchNotification, ProfileLanguage, ProfileSkill, WorkerProfile
from .common import check_occupation, check_period, check_skills, place_and_coordinates, require

PROFILE_FIELDS = (
    "headline_de",
    "headline_en",
    "about_de",
    "about_en",
    "years_experience",
    "available_from",
    "available_to",
    "commute_km",
    "relocate",
)
MAX_LANGUAGES = 20


def check_languages(entries, *, field: str = "languages") -> list[tuple[str, str]]:
    """(language code, level) pairs; errors name the position."""
    if entries is None:
        return []
    if not isinstance(entries, list | tuple):
        raise ValidationError({field: _("Give the languages as a list.")})
    if len(entries) > MAX_LANGUAGES:
        raise ValidationError({field: _("At most %(max)s languages, please.") % {"max": MAX_LANGUAGES}})
    levels = ProfileLanguage.Level.values
    checked, errors, seen = [], [], set()
    for position, entry in enumerate(entries, start=1):
        if isinstance(entry, dict):
            code, level = entry.get("language"), entry.get("level")
        elif isinstance(entry, list | tuple) and len(entry) == 2:
            code, level = entry
        else:
            code, level = None, None
        if code not in PROFILE_LANGUAGES:
            errors.append(
                _("Language %(n)s: “%(code)s” is not a language we know.") % {"n": position, "code": str(code)[:20]}
            )
        elif level not in levels:
            errors.append(
                _("Language %(n)s: the level must be one of %(levels)s.")
                % {"n": position, "levels": ", ".join(sorted(levels))}
            )
        elif code in seen:
            errors.append(_("Language %(n)s is listed twice.") % {"n": position})
        else:
            seen.add(code)
            checked.append((code, level))
    if errors:
        raise ValidationError({field: errors})
    return checked


def _check(profile, errors):
    if not (profile.headline_de or "").strip() and not (profile.headline_en or "").strip():
        errors["headline_de"] = _("Enter a headline in German or English.")
    if profile.years_experience is not None and not 0 <= profile.years_experience <= 70:
        errors["years_experience"] = _("Years of experience must be between 0 and 70.")
    if profile.commute_km is not None and not 1 <= profile.commute_km <= 1000:
        errors["commute_km"] = _("The commute radius must be between 1 and 1,000 km.")
    try:
        check_period(
            profile.available_from,
            profile.available_to,
            start_field="available_from",
            end_field="available_to",
            message=_("“Available until” cannot be before “available from”."),
        )
    except ValidationError as error:
        errors.update(error.message_dict)


@transaction.atomic
def save_profile(*, acting_user, data: dict, skills=None, languages=None) -> WorkerProfile:
    """Create the user's profile or change it; ``skills``/``languages`` of None leave those unchanged."""
    require(acting_user, "talent.add_workerprofile")
    profile = WorkerProfile.objects.select_for_update().filter(user=acting_user).first()
    created = profile is None
    if created:
        profile = WorkerProfile(user=acting_user)
    errors = {}
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(profile, field, data[field])
    if "occupation_uri" in data:
        try:
            profile.occupation_uri, profile.occupation_label = check_occupation(
                data.get("occupation_uri") or "", data.get("occupation_label") or ""
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    if {"place", "latitude", "longitude"} & set(data):
        try:
            profile.place, profile.latitude, profile.longitude = place_and_coordinates(
                data.get("place"), data.get("latitude"), data.get("longitude")
            )
        except ValidationError as error:
            errors.update(error.message_dict)
    checked_skills = checked_languages = None
    try:
        checked_skills = check_skills(skills) if skills is not None else None
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        checked_languages = check_languages(languages) if languages is not None else None
    except ValidationError as error:
        errors.update(error.message_dict)
    _check(profile, errors)
    if errors:
        raise ValidationError(errors)
    consent = data.get("consent")
    if consent is not None:
        _set_consent(profile, bool(consent))
    profile.full_clean(exclude=["user"])
    profile.save()
    if checked_skills is not None:
        profile.skills.all().delete()
        ProfileSkill.objects.bulk_create(
            ProfileSkill(profile=profile, uri=s.uri, label=s.label, level=s.level) for s in checked_skills
        )
    if checked_languages is not None:
        profile.languages.all().delete()
        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(profile=profile, language=code, level=level) for code, level in checked_languages
        )
    audit.log("talent.profile_created" if created else "talent.profile_updated", actor=acting_user, obj=profile)
    _after_save(profile)
    return profile


def _set_consent(profile, consent: bool) -> bool:
    """Set the consent flag and its dates; True when it changed."""
    if consent == profile.consent:
        return False
    profile.consent = consent
    if consent:
        profile.consent_given, profile.consent_revoked = timezone.now(), None
    else:
        profile.consent_revoked = timezone.now()
    return True


def _after_save(profile):
    from ..matching import PROFILES
    from ..tasks import notify_profile_matches

    if profile.consent:
        transaction.on_commit(lambda: notify_profile_matches(profile_id=profile.pk))
    else:
        # hidden from matches in this process at once; other processes drop it on their next search
        transaction.on_commit(lambda: PROFILES.forget(profile.pk))


@transaction.atomic
def set_consent(profile: WorkerProfile, *, acting_user, consent: bool) -> WorkerProfile:
    """Make the profile visible to employers, or hide it again — at once, also from every match list."""
    require(acting_user, "talent.change_workerprofile", profile)
    profile = WorkerProfile.objects.select_for_update().get(pk=profile.pk)
    if _set_consent(profile, consent):
        profile.save()
        audit.log("talent.consent_given" if consent else "talent.consent_revoked", actor=acting_user, obj=profile)
    _after_save(profile)
    return profile


@transaction.atomic
def delete_profile(profile: WorkerProfile, *, acting_user) -> None:
    """Delete the profile for good, with its skills, languages and the record of match notifications about it."""
    require(acting_user, "talent.change_workerprofile", profile)
    from ..matching import PROFILES

    pk = profile.pk
    MatchNotification.objects.filter(
        Q(kind=MatchNotification.Kind.JOB_TO_CANDIDATE, target_id=pk)
        | Q(kind=MatchNotification.Kind.CANDIDATE_TO_EMPLOYER, source_id=pk)
    ).delete()
    profile.delete()
    transaction.on_commit(lambda: PROFILES.forget(pk))
    audit.log("talent.profile_deleted", actor=acting_user, profile=pk)
