"""Autocomplete for ESCO skill and occupation fields: a small JSON endpoint for the combobox script."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from crosscluster.matching.esco import KINDS, autocomplete

from ..esco import ATTRIBUTION, language

MAX_LIMIT = 20
MAX_TERM = 100


def _error(message):
    return JsonResponse({"error": message}, status=400)


@require_GET
def esco_autocomplete(request):
    """``?kind=skill|occupation&q=…[&lang=de|en][&limit=1…20]`` → ``{"results": [{uri, label, matched}], …}``.
    Labels in the requested language (default: the page's); ESCO skills have English labels only."""
    kind = request.GET.get("kind", "skill")
    if kind not in KINDS:
        return _error(_("kind: choose “skill” or “occupation”."))
    lang = request.GET.get("lang") or language()
    if lang not in ("de", "en"):
        return _error(_("lang: choose “de” or “en”."))
    try:
        limit = int(request.GET.get("limit", 10))
    except ValueError:
        return _error(_("limit: give a whole number from 1 to %(max)s.") % {"max": MAX_LIMIT})
    if not 1 <= limit <= MAX_LIMIT:
        return _error(_("limit: give a whole number from 1 to %(max)s.") % {"max": MAX_LIMIT})
    term = (request.GET.get("q") or "").replace("\x00", "")[:MAX_TERM]
    results = [s.to_dict() for s in autocomplete(term, kind=kind, language=lang, limit=limit)] if term.strip() else []
    response = JsonResponse({"kind": kind, "query": term, "results": results, "attribution": ATTRIBUTION})
    response["Cache-Control"] = "public, max-age=3600"
    response["Vary"] = "Accept-Language, Cookie"
    return response
