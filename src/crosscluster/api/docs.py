"""Swagger UI that holds under our strict Content-Security-Policy.

drf-spectacular's split view serves the start-up script as a separate file instead of inline; our template
also moves its inline ``<style>`` into a static stylesheet. All assets come from the sidecar static files.
"""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
