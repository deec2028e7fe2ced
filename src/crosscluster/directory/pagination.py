"""A paginator that counts with the page query: ``COUNT(*) OVER ()`` travels with every row.

Django's paginator asks the database twice: once for the count, once for the page. When the page's
order needs every matching row anyway (search results ranked by relevance), both queries do the same
work; this one does it once. Only a page number past the end costs the extra count, as before.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Window

TOTAL = "window_total"


class WindowCountPaginator(Paginator):
    """Paginates a ``values()`` queryset; each row dict carries the total under ``TOTAL`` (left for the caller)."""

    def __init__(self, queryset, per_page, **kwargs):
        super().__init__(queryset.annotate(**{TOTAL: Window(Count("*"))}), per_page, **kwargs)

    def get_page(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:  # Django answers with the last page
            return super().get_page(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if rows:
            self.count = rows[0][TOTAL]  # replaces the cached_property: no COUNT query
            return self._get_page(rows, number, self)
        if number == 1:
            self.count = 0
            return self._get_page(rows, number, self)
        try:  # past the end: Django's way, counting, then the last page
            return self.page(number)
        except (EmptyPage, PageNotAnInteger):
            return self.page(self.num_pages)
