from django.urls import path

from . import views, views_io

app_name = "directory"
urlpatterns = [
    path("", views.home, name="home"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/export.<str:fmt>", views_io.organisation_export, name="organisation_export"),
    path("memberships/export.<str:fmt>", views_io.membership_export, name="membership_export"),
    path("import/", views_io.import_data, name="import"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("clusters/", views.cluster_list, name="cluster_list"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
]
