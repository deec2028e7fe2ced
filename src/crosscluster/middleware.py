from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RejectNulInPathMiddleware:
    """A NUL byte in the URL path would reach the database in a lookup (PostgreSQL rejects it with an error).

    Form fields and API fields already refuse NUL bytes, and query strings are cleaned where they are read;
    the path is the one place left, so it is checked once here for every view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseBadRequest(
                _("The address contains a NUL character. Please check the link."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
