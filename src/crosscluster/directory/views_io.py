"""Import and export of organisations and memberships (CSV, XLSX).

Exports are the public directory data and follow the list page's filters; imports are for coordinators
and cluster managers, who may change only what their role allows, row by row.
"""

import tempfile

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import importexport, selectors, tabular

# The error table shows this many problems; the rest are counted.
SHOWN_PROBLEMS = 500


def _download(table, fmt, basename, *, sheet_title):
    filename = f"{basename}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(tabular.csv_chunks(table), content_type=tabular.CONTENT_TYPES["csv"])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # A workbook is a zip archive that is only complete at the end; it is built in a temporary file.
    file = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it when sent)
    tabular.write_xlsx(table, file, title=sheet_title)
    file.seek(0)
    return FileResponse(file, as_attachment=True, filename=filename, content_type=tabular.CONTENT_TYPES["xlsx"])


def _check_format(fmt):
    if fmt not in tabular.FORMATS:
        raise Http404


def organisation_export(request, fmt):
    _check_format(fmt)
    params = selectors.clean_params(request.GET)
    organisations, _applied = selectors.organisation_list(params)
    if params.get("template"):
        organisations = organisations.none()
    table = importexport.organisation_table(organisations)
    return _download(table, fmt, "organisations", sheet_title=_("Organisations"))


def membership_export(request, fmt):
    _check_format(fmt)
    params = selectors.clean_params(request.GET)
    organisations, applied = selectors.organisation_list(params)
    memberships = importexport.active_memberships(
        organisations=organisations if applied else None, cluster_slug=applied.get("cluster")
    )
    if params.get("template"):
        memberships = memberships.none()
    return _download(importexport.membership_table(memberships), fmt, "memberships", sheet_title=_("Memberships"))


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What does the file contain?"), choices=importexport.KINDS, widget=forms.RadioSelect
    )
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,  # the importer explains an empty file like any other problem
        help_text=_("CSV (UTF-8, separated by semicolons or commas) or Excel workbook (.xlsx), at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Check only, save nothing"),
        required=False,
        help_text=_("Shows what the import would create and change, and every problem in the file."),
    )


def _templates():
    """Links to empty exports: the columns an import understands, per kind and format."""
    names = {"organisations": "directory:organisation_export", "memberships": "directory:membership_export"}
    return [
        (label, [(fmt.upper(), reverse(names[kind], kwargs={"fmt": fmt}) + "?template=1") for fmt in tabular.FORMATS])
        for kind, label in importexport.KINDS
    ]


@login_required
def import_data(request):
    if not request.user.has_perm("directory.import_data"):
        raise PermissionDenied
    result = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            result = importexport.import_file(
                acting_user=request.user,
                kind=form.cleaned_data["kind"],
                uploaded=form.cleaned_data["file"],
                dry_run=form.cleaned_data["dry_run"],
            )
    else:
        form = ImportForm(initial={"kind": importexport.ORGANISATIONS})
    context = {
        "form": form,
        "result": result,
        "templates": _templates(),
        "columns": [(label, importexport.COLUMNS[kind]) for kind, label in importexport.KINDS],
        "shown_errors": result.errors[:SHOWN_PROBLEMS] if result else [],
        "hidden_error_count": max(0, len(result.errors) - SHOWN_PROBLEMS) if result else 0,
    }
    return render(request, "directory/import.html", context)
