"""Showing ESCO labels and match explanations in the reader's language."""

from django import template
from django.utils.translation import gettext_lazy as _

from crosscluster.talent import esco

register = template.Library()

COMPONENT_LABELS = {
    "text": _("Words"),
    "skills": _("Skills"),
    "occupation": _("Occupation"),
    "distance": _("Distance"),
    "time": _("Dates"),
}
OCCUPATION_RELATIONS = {
    "same": _("the same occupation"),
    "broader": _("a broader occupation"),
    "narrower": _("a more specific occupation"),
    "isco_unit_group": _("an occupation of the same ISCO group"),
    "isco_minor_group": _("an occupation of a related ISCO group"),
}
RELATION_SOURCES = {
    "esco": _("related in ESCO"),
    "hierarchy": _("broader or narrower in ESCO"),
    "cooccurrence": _("often needed together"),
}


@register.filter
def percent(value) -> str:
    try:
        return f"{round(float(value) * 100)} %"
    except (TypeError, ValueError):
        return ""


@register.simple_tag
def occupation_label(uri, fallback=""):
    return esco.occupation_label(uri, fallback)


@register.inclusion_tag("talent/_explanation.html")
def match_explanation(match, direction=""):
    """The engine's explanation as the page shows it: score, skills shared and missing, distance, dates."""
    why = match.explanation
    exact = [s for s in why.shared_skills if s.match == "exact"]
    related = [
        {"label": s.label, "for_label": s.for_label, "relation": RELATION_SOURCES.get(s.relation, s.relation or "")}
        for s in why.shared_skills
        if s.match == "related"
    ]
    components = [
        {"name": COMPONENT_LABELS.get(name, name), "score": c.score, "weight": c.weight, "contribution": c.contribution}
        for name, c in why.components.items()
    ]
    return {
        "score": match.score,
        "exact": exact,
        "related": related,
        "missing": why.missing_essential_skills,
        "implied": why.skills_implied_by_occupation,
        "occupation": OCCUPATION_RELATIONS.get(why.occupation_relation or "", ""),
        "distance_km": why.distance_km,
        "radius_km": why.radius_km,
        "within_radius": why.within_radius,
        "remote": round(why.remote * 100) if why.remote else 0,
        "relocate": why.relocate,
        "overlap_from": why.overlap_from,
        "overlap_to": why.overlap_to,
        "overlap_fraction": why.overlap_fraction,
        "text_terms": why.text_terms,
        "components": components,
        "direction": direction,
    }


@register.simple_tag
def language_name(code):
    """A language's name in the reader's language (Django's own translated list)."""
    from django.conf import global_settings
    from django.utils.translation import gettext

    return gettext(dict(global_settings.LANGUAGES).get(code, code))
