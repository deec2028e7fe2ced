"""A person's own skilled-worker profile as a download (JSON and CSV), with their applications (GDPR export)."""

import csv
import io

from django.utils import timezone

from .models import Application, WorkerProfile

FORMAT_VERSION = 1


def _day(value):
    return value.isoformat() if value else None


def _moment(value):
    return timezone.localtime(value).isoformat() if value else None


def profile_data(profile: WorkerProfile) -> dict:
    """Everything the platform keeps in the profile, and the user's applications."""
    applications = (
        Application.objects.filter(applicant=profile.user).select_related("job__organisation").order_by("created", "pk")
    )
    return {
        "format": "crosscluster-talent-profile",
        "version": FORMAT_VERSION,
        "exported": _moment(timezone.now()),
        "person": {"name": profile.user.get_full_name(), "email": profile.user.email},
        "profile": {
            "headline_de": profile.headline_de or "",
            "headline_en": profile.headline_en or "",
            "about_de": profile.about_de or "",
            "about_en": profile.about_en or "",
            "occupation": {"uri": profile.occupation_uri, "label": profile.occupation_label}
            if profile.occupation_uri
            else None,
            "years_experience": profile.years_experience,
            "available_from": _day(profile.available_from),
            "available_to": _day(profile.available_to),
            "place": profile.place,
            "latitude": float(profile.latitude) if profile.latitude is not None else None,
            "longitude": float(profile.longitude) if profile.longitude is not None else None,
            "commute_km": profile.commute_km,
            "relocate": profile.relocate,
            "visible_to_employers": profile.consent,
            "consent_given": _moment(profile.consent_given),
            "consent_revoked": _moment(profile.consent_revoked),
            "created": _moment(profile.created),
            "updated": _moment(profile.updated),
        },
        "skills": [{"uri": s.uri, "label": s.label, "level": s.level} for s in profile.skills.all()],
        "languages": [{"language": row.language, "level": row.level} for row in profile.languages.all()],
        "applications": [
            {
                "job": a.job.title,
                "organisation": a.job.organisation.name,
                "status": a.status,
                "applied": _moment(a.created),
                "status_changed": _moment(a.status_changed),
                "cover_letter": a.message,
                "profile_shared": a.share_profile,
            }
            for a in applications
        ],
    }


CSV_HEADER = ["section", "field", "value", "detail"]
# Spreadsheet programs run cells starting with these as formulas; text cells get an apostrophe in front.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if value is None:
        return ""
    text = str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_START) else text


def profile_csv(profile: WorkerProfile) -> str:
    """The same data, one value per row: section (person, profile, skill, language, application), field, value,
    detail (a skill's level, a language's level, an application's status; an application's value is the day
    applied, its cover letter is in the JSON download). Excel-friendly: UTF-8 with BOM and
    semicolons, as the directory's exports."""
    data = profile_data(profile)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")

    def write(*row):
        writer.writerow([_cell(value) for value in row])

    write(*CSV_HEADER)
    for field, value in data["person"].items():
        write("person", field, value, "")
    for field, value in data["profile"].items():
        if field == "occupation":
            write("profile", "occupation", value["label"] if value else "", value["uri"] if value else "")
        else:
            write("profile", field, value, "")
    for skill in data["skills"]:
        write("skill", skill["uri"], skill["label"], skill["level"])
    for language in data["languages"]:
        write("language", language["language"], "", language["level"])
    for application in data["applications"]:
        write(
            "application",
            f"{application['job']} — {application['organisation']}",
            application["applied"],
            application["status"],
        )
    return out.getvalue()
