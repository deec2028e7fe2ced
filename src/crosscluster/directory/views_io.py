"""Import and export of organisations and memberships (CSV, XLSX)."""

from django.http import Http404


def organisation_export(request, fmt):
    raise Http404


def membership_export(request, fmt):
    raise Http404


def import_data(request):
    raise Http404
