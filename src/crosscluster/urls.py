from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("", include("crosscluster.directory.urls")),
    path("accounts/", include("crosscluster.accounts.urls")),
    path("events/", include("crosscluster.events.urls")),
    path("events/<slug:slug>/polls/", include("crosscluster.polls.urls")),
    path("matchmaking/", include("crosscluster.b2b.urls")),
    path("talent/", include("crosscluster.talent.urls")),
    path("marketplace/", include("crosscluster.marketplace.urls")),
    path("api/", include("crosscluster.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]
