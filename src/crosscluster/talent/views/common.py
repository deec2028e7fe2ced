"""What every talent page shares: loading an object the user may see (else 404) and may act on (else 403)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from .. import places

PER_PAGE = 20


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def get_visible(queryset, request, pk, *, perm=None):
    """The object with this pk if the user may see it (else 404), and may ``perm`` it (else 403)."""
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise Http404
    if perm and not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def require_perm(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def partial_or_page(request, template, partial, context):
    """The whole page, or only ``partial`` of it when htmx asks (it swaps that part in place)."""
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def form_context(form, **extra):
    """A form page's context: the form and the place names its place field suggests."""
    return {"form": form, "place_names": places.names(), **extra}
